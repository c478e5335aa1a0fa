"""Generated pages' finished HTML kept from one build to the next: a page whose content and
surroundings did not change is not put through the theme's templates again.

MkDocs has no partial builds: every page goes through Material's ``main.html`` (about 5 ms a
page: a thousand pages are five seconds) although after a change to one VPC nearly all of them
come out the same. What a generated page's HTML is made of:

* the page: its body and table of contents (written from its :class:`~.doc.Doc`), title,
  metadata, URL, its neighbours in the nav (previous, next, parents);
* the site: the config as the theme reads it (site name and URLs, theme and its options,
  copyright, extra, extra CSS and JavaScript, URL style), the whole nav, the versions of
  MkDocs, Material and vpcdocs;
* the spec revision in the footer — which changes with every spec change and would make every
  page new: the page is kept with a placeholder where the revision is written, and the
  current one is put back.

:class:`PageCache` keys each page on all of that; a page whose key is known is written from
the kept HTML through a one-line template (:data:`TEMPLATE`), which MkDocs renders instead
of ``main.html``. Only with the plugins vpcdocs knows (Material's search and its own): another
plugin or hooks file may put anything in a page, so with one the cache is not used. Stored
like the diagram cache, ``<cache dir>/pages/<key[:2]>/<key>.html``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..fsutil import atomic_write
from .inputs import package_versions, tree_digest
from .reach_cache import engine

FORMAT = "vpcdocs page cache 1"
TEMPLATE = "vpcdocs-kept-page.html"
TEMPLATE_TEXT = "{{ vpcdocs_kept_page }}"  # MkDocs' Jinja environment does not autoescape
KNOWN_PLUGINS = frozenset({"search", "material/search", "vpcdocs", "vpcdocs/site"})
REVISION = "\0vpcdocs-revision\0"  # where the footer's spec revision goes in a kept page


def eligible(config: Any) -> bool:
    """The cache is used only where nothing but vpcdocs and Material's search touch pages."""
    return set(config.plugins.keys()) <= KNOWN_PLUGINS and not config.get("hooks")


class Unkeyable(Exception):
    """Something the pages are made with has no stable text: no page is kept this build."""


def _plain(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON-able data, the same for the same content in any process — or
    :class:`Unkeyable` (an object whose only text is its address, or nested too deep)."""
    if depth > 12:
        raise Unkeyable("nested too deep")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v, depth + 1) for v in value), key=repr)
    if hasattr(value, "__dict__"):  # e.g. an extra_javascript item: its path and attributes
        public = {k: v for k, v in vars(value).items() if not k.startswith("_")}
        return [type(value).__name__, _plain(public, depth + 1)]
    text = repr(value)
    if " at 0x" in text:
        raise Unkeyable(text)
    return text


def _nav(items: Any) -> list[Any]:
    """The nav as every page shows it (sidebar, previous/next): titles, URLs and the meta Material
    reads of each entry (icon, subtitle, status…) — known once every page is read."""
    out: list[Any] = []
    for item in items or ():
        out.append([type(item).__name__, getattr(item, "title", None), getattr(item, "url", None),
                    _plain(getattr(item, "meta", None)), _nav(getattr(item, "children", None))])
    return out


def _toc(items: Any) -> list[Any]:
    return [[t.id, t.title, t.level, _toc(t.children)] for t in items or ()]


# config keys keyed apart (or not at all: this build's scratch docs and site folders, where the
# config was read from, what `serve` watches)
_OWN_KEYS = frozenset({"theme", "plugins", "nav", "copyright", "docs_dir", "site_dir", "config_file_path",
                       "watch", "hooks"})


class PageCache:
    def __init__(self, cache_dir: str | os.PathLike, revision: str):
        self.dir = Path(cache_dir) / "pages"
        self.revision = revision  # as the footer writes it (HTML-escaped)
        self.site = ""
        self.kept = 0

    def start(self, config: Any, nav: Any) -> bool:
        """The site's part of every key, once every page is read (their titles and meta are in
        the nav every page shows). False when something has no stable text: keep nothing."""
        theme = config.theme
        try:
            site = {
                "format": FORMAT, "engine": engine(), "versions": package_versions(),
                # the whole config but where this build's scratch folders are, and the parts below
                "config": _plain({k: v for k, v in config.items() if k not in _OWN_KEYS}),
                "copyright": (config.copyright or "").replace(self.revision, REVISION),
                "theme": {"name": theme.name, "options": _plain({k: theme[k] for k in theme.keys()}),
                          "dirs": [str(d) for d in theme.dirs], "custom": tree_digest(Path(theme.custom_dir) if theme.custom_dir else None)},
                "plugins": [[name, _plain(dict(plugin.config))] for name, plugin in config.plugins.items()
                            if name != "vpcdocs/site"],
                "nav": _nav(nav.items),
            }
        except Unkeyable:
            return False
        self.site = hashlib.sha256(json.dumps(site, sort_keys=True).encode()).hexdigest()
        return True

    def key(self, page: Any, content: str) -> str:
        parts = {
            "site": self.site, "src": page.file.src_uri, "dest": page.file.dest_uri, "url": page.url,
            "title": page.title, "meta": page.meta, "toc": _toc(page.toc),
            "canonical": page.canonical_url, "edit": page.edit_url, "home": page.is_homepage,
            "previous": page.previous_page.url if page.previous_page else None,
            "next": page.next_page.url if page.next_page else None,
            "parents": [a.title for a in page.ancestors],
        }
        h = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode())
        h.update(b"\0")
        h.update(content.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.html"

    def get(self, key: str) -> str | None:
        try:
            text = self._path(key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        self.kept += 1
        return text.replace(REVISION, self.revision)

    def put(self, key: str, html: str) -> None:
        """Keep a page's HTML (a cache that cannot be written only costs the cache)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, html.replace(self.revision, REVISION).encode("utf-8", "surrogatepass"))
        except OSError:
            pass
