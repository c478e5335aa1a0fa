"""``vpcdocs serve``: MkDocs' own live-reload server over :func:`.build.build_site`.

The server watches the spec dir, the user's docs dir and mkdocs.yml; on a change it
rebuilds (specs → pages → MkDocs) into its temporary site dir and reloads open pages. A
rebuild that fails (e.g. a spec with errors) prints why and keeps serving the last good site.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .build import BuildError, build_site, user_docs_dir
from .config import find_config_file
from .generate import DEFAULT_CACHE_DIR, SpecError

log = logging.getLogger("vpcdocs.serve")


def serve(spec_dir: str | os.PathLike = "specs", *, host: str = "127.0.0.1", port: int = 8000,
          config_file: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None,
          report: Callable[[str], None] = print, livereload: bool = True) -> None:
    """Build, then serve on ``host:port`` until interrupted, rebuilding on changes."""
    from mkdocs.livereload import LiveReloadServer

    cfg_path = find_config_file(config_file)
    scratch = Path(tempfile.mkdtemp(prefix="vpcdocs-serve-"))
    site_dir = scratch / "site"
    site_dir.mkdir()

    def builder() -> None:
        try:
            result = build_site(spec_dir, site_dir, config_file=cfg_path, cache_dir=cache_dir or DEFAULT_CACHE_DIR,
                                progress=None)
            report(f"rebuilt in {result.seconds:.1f}s")
        except SpecError as exc:
            for d in exc.diagnostics:
                report(d.format())
            report("the specs have errors; still serving the previous site")
        except BuildError as exc:
            report(f"error: {exc}; still serving the previous site")

    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir))
    try:
        builder()
        if livereload:
            server.watch(str(Path(spec_dir)))
            docs = user_docs_dir(cfg_path)
            if docs is not None and docs.is_dir():
                server.watch(str(docs))
            if cfg_path is not None:
                server.watch(str(cfg_path))
        report(f"serving on {server.url} (Ctrl+C to stop)")
        try:
            server.serve()
        except KeyboardInterrupt:
            report("shutting down")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
