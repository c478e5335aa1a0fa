"""``SiteHooks``: what vpcdocs does inside a MkDocs build of its pages (added to the config's
plugins by :func:`vpcdocs.site.config.inject`).

* **Pages without Python-Markdown.** A generated page is a :class:`~.doc.Doc`; its HTML is
  written directly (:class:`~.doc.HtmlWriter`, with the config's URL style) instead of
  converting its Markdown, which for a thousand big pages costs a minute. The Markdown file
  is still in the docs dir (same page, for anyone reading it); MkDocs gets an empty source
  for it and the written HTML plus table of contents in ``on_page_content``.
* **A bounded search index.** Generated pages are excluded from Material's indexing and get
  the entries of :mod:`.search_entries` instead, merged into ``search/search_index.json``
  (and the ``search_index.js`` Material loads from file://) after the search plugin wrote it.
* **Pages kept from the last build** (:mod:`.page_cache`): a generated page whose content and
  surroundings did not change is written from its kept HTML instead of the theme's templates.
* **Progress**: MkDocs reading pages n/N, then writing them (``MkDocs: pages n/N``).
"""

from __future__ import annotations

import json
import os
from html import escape
from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc

from .doc import Doc, HtmlWriter, page_url, toc_tokens
from .page_cache import TEMPLATE, TEMPLATE_TEXT, PageCache, eligible
from .progress import Phase, Progress, phase
from .search_entries import Entry


class SiteHooks(BasePlugin):
    def __init__(self, docs: dict[str, Doc], search: list[Entry], progress: Progress | None = None,
                 pages: PageCache | None = None):
        super().__init__()
        self.docs = docs
        self.search = search
        self.progress = progress
        self.writer = HtmlWriter()
        self.pages = pages  # the page cache, when the build keeps one
        self._nav: Any = None
        self._read: list[tuple[Any, str]] = []  # generated pages and their bodies, to key once all are read
        self._keys: dict[str, str] = {}  # page -> its page-cache key (pages to keep)
        self._kept: dict[str, str] = {}  # page -> its kept HTML (pages not rendered again)
        self._phase: Phase | None = None
        self._reading: Phase | None = None

    def on_config(self, config: Any) -> Any:
        if self.pages is not None and not eligible(config):
            self.pages = None  # another plugin may put anything in a page
        return config

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self._nav = nav
        return nav

    # ---------------------------------------------------------------- pages

    def on_files(self, files: Any, config: Any) -> Any:
        toc = (config.mdx_configs or {}).get("toc", {})
        permalink = toc.get("permalink")
        symbol = None if not permalink else ("¶" if permalink is True else str(permalink))
        self.writer = HtmlWriter(bool(config.use_directory_urls), symbol)
        # MkDocs reads every page (Markdown to HTML), then writes every page (theme templates)
        self._reading = phase(self.progress, "MkDocs: reading pages", len(files.documentation_pages()))
        return files

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        if self._reading is not None:
            self._reading.done()
            self._reading = None
        self._phase = phase(self.progress, "MkDocs: pages", len(files.documentation_pages()))
        if self.pages is not None and self._nav is not None and self.pages.start(config, self._nav):
            # every page is read (titles and meta known, the nav final), none written yet
            for page, body in self._read:
                key = self.pages.key(page, body)
                kept = self.pages.get(key)
                if kept is None:
                    self._keys[page.file.src_uri] = key
                else:
                    self._kept[page.file.src_uri] = kept
            for page, _body in self._read:
                if page.file.src_uri in self._kept:
                    page.meta["template"] = TEMPLATE  # read when the page is written
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: TEMPLATE_TEXT}), env.loader])
            if self.progress:
                self.progress(f"MkDocs: {len(self._kept)} of {len(self.docs)} generated pages unchanged since the "
                              "last build, kept as they were")
        return env

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        if page.file.src_uri in self.docs:
            page.meta["search"] = {"exclude": True}  # indexed by search_entries instead
            return ""
        return markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        if self._reading is not None:
            self._reading.advance()
        doc = self.docs.get(page.file.src_uri)
        if doc is None:
            return html
        body, headings = self.writer.write(doc, page.file.src_uri)
        page.toc = get_toc(toc_tokens(headings))  # type: ignore[arg-type]
        if self.pages is not None:
            self._read.append((page, body))  # keyed in on_env, once every page is read
        return body

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        kept = self._kept.get(page.file.src_uri)
        if kept is not None:
            context["vpcdocs_kept_page"] = kept
        return context

    @event_priority(100)  # the theme's output, before any other plugin's post_page
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if self._phase is not None:
            self._phase.advance()
        key = self._keys.pop(page.file.src_uri, None)
        if key is not None and self.pages is not None:
            self.pages.put(key, output)
        return output

    # ---------------------------------------------------------------- search

    @event_priority(-110)  # after Material's search (0) and offline (-100) plugins
    def on_post_build(self, config: Any) -> None:
        if self._phase is not None:
            self._phase.done()
        merge_search_index(config.site_dir, self.search, bool(config.use_directory_urls))


def merge_search_index(site_dir: str | os.PathLike, search: list[Entry], directory_urls: bool) -> None:
    """Add ``search`` to the site's search index (when the site has one) and write the
    ``search_index.js`` Material loads instead when the site is opened from disk."""
    index_file = os.path.join(site_dir, "search", "search_index.json")
    if not os.path.isfile(index_file):
        return
    with open(index_file, encoding="utf-8") as f:
        index = json.load(f)
    docs = index.setdefault("docs", [])
    for e in search:
        location = page_url(e.page, directory_urls) + (f"#{e.anchor}" if e.anchor else "")
        # escaped as Material escapes the text it takes from pages (its results are HTML)
        doc: dict[str, object] = {"location": location, "title": escape(e.title, quote=False),
                                  "text": escape(e.text, quote=False)}
        if e.boost != 1.0:
            doc["boost"] = e.boost
        docs.append(doc)
    text = json.dumps(index, separators=(",", ":"), ensure_ascii=False)
    with open(index_file, "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(site_dir, "search", "search_index.js"), "w", encoding="utf-8") as f:
        f.write("var __index = " + text.replace("</", "<\\/"))
