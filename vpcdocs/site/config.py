"""The MkDocs configuration of a build: the user's ``mkdocs.yml`` (through MkDocs' own
loader, so ``!ENV``, ``!relative``, ``INHERIT`` and Material's python tags work) or a
built-in default, with vpcdocs' settings injected:

* the generated pages' nav section ("Network") appended to the user's nav (or to a nav of
  the user's own pages when the config has none);
* vpcdocs' stylesheet added to ``extra_css``;
* the spec revision appended to ``copyright`` (Material prints it in every page's footer);
* a search ``separator`` that keeps CIDRs (``10.1.2.0/24``) and dotted ids whole, unless
  the user set one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..render.escape import html_text
from . import assets, paths

if TYPE_CHECKING:
    from .generate import Generated
    from .progress import Progress

NAV_TITLE = "Network"

# Material's default separator minus "/" (keeps CIDRs whole); "." splits only before a
# non-digit, so 10.1.2.0 stays one token while "example.com" splits. "-" splits like it does in
# the search box (lunr's query lexer always splits terms there): a-private-1a is found by its
# parts, which are in the title of its entry (search_entries).
SEARCH_SEPARATOR = r'[\s\-,:!=\[\]()"`]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])'

DEFAULT_CONFIG = """\
# vpcdocs' built-in MkDocs configuration (used when there is no mkdocs.yml).
site_name: Network documentation
use_directory_urls: false
theme:
  name: material
  font: false
  palette:  # light/dark toggle, following the reader's system setting first
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
  features:
    - navigation.sections
    - navigation.top
    - search.highlight
    - toc.follow
plugins:
  - search:
      separator: '{separator}'
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
"""


def default_config_text() -> str:
    return DEFAULT_CONFIG.replace("{separator}", SEARCH_SEPARATOR.replace("'", "''"))


def find_config_file(config_file: str | os.PathLike | None) -> Path | None:
    """The config file to use: the one given, else ./mkdocs.yml (or .yaml) if present."""
    if config_file is not None:
        return Path(config_file)
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if Path(name).is_file():
            return Path(name)
    return None


def load_user_config(config_file: Path | None, **overrides) -> MkDocsConfig:
    """Load through MkDocs (validated); the built-in default when ``config_file`` is None."""
    if config_file is not None:
        return load_config(config_file=str(config_file), **overrides)
    with tempfile.TemporaryDirectory(prefix="vpcdocs-config-") as tmp:
        path = Path(tmp) / "mkdocs.yml"
        path.write_text(default_config_text(), encoding="utf-8")
        return load_config(config_file=str(path), **overrides)


def user_pages_nav(docs_dir: str | os.PathLike, skip: str = paths.ROOT) -> list:
    """A nav of the user's own Markdown pages (what MkDocs would list), index first."""
    root = Path(docs_dir)

    def walk(folder: Path, rel: str) -> list:
        entries: list = []
        files = sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_")))
        index = [p for p in files if p.is_file() and p.name in ("index.md", "README.md")][:1]
        for p in index + [p for p in files if p not in index]:
            child = f"{rel}{p.name}"
            if p.is_dir():
                if child == skip:
                    continue
                sub = walk(p, child + "/")
                if sub:
                    entries.append({p.name.replace("-", " ").replace("_", " ").capitalize(): sub})
            elif p.suffix == ".md":
                entries.append(child)
        return entries

    return walk(root, "") if root.is_dir() else []


def inject(config: MkDocsConfig, nav_section: list, revision_label: str, *, user_docs_dir=None,
           generated: Generated | None = None, progress: Progress | None = None,
           cache_dir: str | os.PathLike | None = None) -> MkDocsConfig:
    """Add vpcdocs' nav section, stylesheet, scripts, footer line and search settings to
    ``config``; with ``generated``, also the hooks that write its pages' HTML directly and
    merge its search entries (:class:`.hooks.SiteHooks`), keeping the pages' HTML in
    ``cache_dir`` for the next build when given (:mod:`.page_cache`)."""
    nav = config.nav
    if nav is None:
        nav = user_pages_nav(user_docs_dir or config.docs_dir)
    nav = [item for item in nav if not (isinstance(item, dict) and NAV_TITLE in item)]
    config.nav = [*nav, {NAV_TITLE: nav_section}]
    if paths.CSS not in config.extra_css:
        config.extra_css.append(paths.CSS)
    if assets.REACH_JS not in [str(x) for x in config.extra_javascript]:
        config.extra_javascript.append(assets.REACH_JS)
    if assets.VIEWER_JS not in [str(x) for x in config.extra_javascript]:  # diagram viewer
        config.extra_javascript.append(assets.VIEWER_JS)
    if assets.VIEWER_CSS not in config.extra_css:
        config.extra_css.append(assets.VIEWER_CSS)
    # Material runs search in a web worker, which browsers refuse from file://: the shim runs
    # it in an iframe instead (Material's "polyfills" are loaded before its bundle)
    polyfills = list(config.extra.get("polyfills") or [])
    if assets.SEARCH_SHIM not in polyfills:
        config.extra["polyfills"] = [*polyfills, assets.SEARCH_SHIM]
    # collapsed lists on generated pages (<details markdown="1">) hold Markdown links
    if "md_in_html" not in config.markdown_extensions:
        config.markdown_extensions.append("md_in_html")
    if generated is not None:
        from .hooks import SiteHooks
        from .page_cache import PageCache

        pages = PageCache(cache_dir, html_text(revision_label)) if cache_dir is not None else None
        config.plugins["vpcdocs/site"] = SiteHooks(generated.docs, generated.search, progress, pages)
    line = f"Network pages built by vpcdocs from spec revision {html_text(revision_label)}"
    config.copyright = f"{config.copyright} · {line}" if config.copyright else line
    for name, plugin in config.plugins.items():
        if name in ("search", "material/search") and hasattr(plugin, "config"):
            if not getattr(plugin.config, "separator", None):
                plugin.config.separator = SEARCH_SEPARATOR
    return config
