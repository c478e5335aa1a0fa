"""``VpcdocsPlugin``: the generated network pages inside an existing MkDocs site.

Add it to ``mkdocs.yml``::

    plugins:
      - search
      - vpcdocs:
          specs: specs            # spec dir, relative to mkdocs.yml
          cache_dir: .cache/vpcdocs

A thin adapter over :func:`vpcdocs.site.generate.generate` — the page generator
``vpcdocs build`` uses: ``on_config`` generates the pages and injects the nav section and
settings (:func:`vpcdocs.site.config.inject`), ``on_files`` adds the pages and diagrams as
virtual files (nothing is written into docs/), ``on_serve`` makes ``mkdocs serve`` watch
the spec dir too.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .background import WorkerError
from .config import inject
from .generate import Generated, SpecError, generate

log = get_plugin_logger(__name__)


class VpcdocsConfig(Config):
    specs = c.Type(str, default="specs")
    cache_dir = c.Type(str, default=".cache/vpcdocs")
    diagrams = c.Type(bool, default=True)


class VpcdocsPlugin(BasePlugin[VpcdocsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.generated: Generated | None = None
        self.disabled = False  # set by `vpcdocs build`, which adds the pages itself

    def _path(self, config, value: str) -> Path:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return Path(os.path.normpath(base / value))

    @property
    def spec_dir(self) -> Path | None:
        return getattr(self, "_spec_dir", None)

    def on_config(self, config):
        if self.disabled:
            return config
        self._spec_dir = self._path(config, self.config.specs)
        try:
            self.generated = generate(self._spec_dir, cache_dir=self._path(config, self.config.cache_dir),
                                      diagrams=self.config.diagrams, progress=log.debug)
        except SpecError as exc:
            raise PluginError("vpcdocs: the specs have errors:\n"
                              + "\n".join(d.format() for d in exc.diagnostics)) from exc
        except WorkerError as exc:
            raise PluginError(f"vpcdocs: internal error: {exc} (this is a vpcdocs bug; please report it)") from exc
        return inject(config, self.generated.nav, self.generated.revision.label, generated=self.generated)

    def on_files(self, files: Files, config) -> Files:
        if self.disabled or self.generated is None:
            return files
        from . import paths
        from .pages_dir import is_generated_dir, owned_files

        own = Path(config.docs_dir) / paths.ROOT
        if is_generated_dir(own):  # committed pages: use fresh ones (the user's own files stay)
            owned = {f"{paths.ROOT}/{rel}" for rel in owned_files(own)}
            for f in [f for f in files if f.src_uri in owned]:
                files.remove(f)
        for rel, data in sorted(self.generated.pages.items()):
            self._add(files, File.generated(config, rel, content=data))
        for rel, src in sorted(self.generated.images.items()):
            self._add(files, File.generated(config, rel, abs_src_path=str(src)))
        return files

    @staticmethod
    def _add(files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(f"vpcdocs: docs/{file.src_uri} is where vpcdocs puts a generated page; "
                              "rename your file or folder")
        files.append(file)


    def on_serve(self, server, config, builder):
        if not self.disabled and self.spec_dir is not None and self.spec_dir.exists():
            server.watch(str(self.spec_dir))
        return server
