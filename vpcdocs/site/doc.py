"""Generated pages as data, written out as Markdown or as HTML.

Page modules build a :class:`Doc` — headings, paragraphs, tables, lists, collapsed blocks,
images and trusted raw HTML, with inline text, code, links and bold — and never write
syntax themselves. :func:`to_markdown` gives the page's Markdown (``--pages-dir``, the MkDocs
plugin, tests); :func:`to_html` gives the same page as the HTML body MkDocs would have made
of it, plus its table of contents — what ``vpcdocs build`` hands MkDocs directly, so a
thousand big pages do not go through Python-Markdown (see :mod:`.hooks`).

Escaping happens here and only here: plain text (``str``) is spec text, escaped for the
format; :class:`Raw` is markup made by vpcdocs itself (already escaped). Links name docs
paths (``network/vpcs/vpc-a.md``) and are made relative per format and URL style.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape as _html_escape
from typing import Union

from markdown.extensions.toc import slugify, unique

from ..render.diagram.embed import dark_path, figure_html
from ..render.escape import html_text


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    page: str  # docs path of the target page ("" = this page)
    anchor: str | None
    content: Inline


@dataclass(frozen=True, slots=True)
class Strong:
    content: Inline


@dataclass(frozen=True, slots=True)
class Raw:
    html: str  # markup made by vpcdocs (escaped already); valid in Markdown too


Inline = Union[str, Code, Link, Strong, Raw, tuple["Inline", ...]]


def seq(*parts: Inline) -> tuple[Inline, ...]:
    return tuple(parts)


def join(sep: Inline, items: Iterable[Inline]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for i, item in enumerate(items):
        if i:
            out.append(sep)
        out.append(item)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class H:
    level: int
    content: Inline


@dataclass(frozen=True, slots=True)
class P:
    content: Inline
    lines: tuple[Inline, ...] = ()  # more lines of the same paragraph (line breaks between)
    cls: str = ""  # HTML class (e.g. vpcdocs-ids: lists of ids, which never wrap inside)


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: Sequence[Sequence[Inline]]
    right: frozenset[int] = frozenset()  # right-aligned columns


@dataclass(frozen=True, slots=True)
class UL:
    items: Sequence[Inline]


@dataclass(frozen=True, slots=True)
class Details:
    summary: str
    blocks: Sequence[Block]
    cls: str = "vpcdocs-members"


@dataclass(frozen=True, slots=True)
class Img:
    src: str  # docs path
    alt: str
    cls: str = "vpcdocs-diagram"


@dataclass(frozen=True, slots=True)
class RawBlock:
    html: str  # one HTML block made by vpcdocs, without blank lines


Block = Union[H, P, Table, UL, Details, Img, RawBlock]


@dataclass
class Doc:
    title: str  # the page title (spec text: escaped where it lands)
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)  # front matter besides the title

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


# ---------------------------------------------------------------------------------- Markdown

_SPECIALS = "\\`*_{}[]()#+!|~>$"  # as vpcdocs.render.escape (md_text, md_code), here as fast tables
_MD_TEXT = str.maketrans({**{c: "\\" + c for c in _SPECIALS}, "\r": " ", "\n": " "})
_MD_CODE = str.maketrans({**{c: html_text(c) for c in "&<\"'"}, **{c: f"&#{ord(c)};" for c in _SPECIALS},
                          "\r": " ", "\n": " "})


def _html(text: str) -> str:
    """:func:`~vpcdocs.render.escape.html_text` of a plain ``str`` (not a subclass: that one
    goes through ``str()``)."""
    return _html_escape(text, quote=True)


def md_text(text: str) -> str:
    """Inline Markdown text (same output as :func:`vpcdocs.render.escape.md_text`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").translate(_MD_TEXT)


def md_code(text: str) -> str:
    """Inline code that stays literal (same output as :func:`vpcdocs.render.escape.md_code`)."""
    return "<code>" + text.translate(_MD_CODE) + "</code>"


@functools.lru_cache(maxsize=8192)
def _md_rel(target: str, page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".") if target and target != page else ""


def _md_inline(x: Inline, page: str, cell: bool) -> str:
    if isinstance(x, tuple):  # the most common case first; its plain text without a call
        return "".join([md_text(p) if isinstance(p, str) else _md_inline(p, page, cell) for p in x])
    if isinstance(x, str):
        return md_text(x)
    if isinstance(x, Code):
        return md_code(x.text)
    if isinstance(x, Link):
        href = _md_rel(x.page, page)
        href += f"#{x.anchor}" if x.anchor else ""
        return f"[{_md_inline(x.content, page, cell)}]({href or '#'})"
    if isinstance(x, Strong):
        return f"**{_md_inline(x.content, page, cell)}**"
    if isinstance(x, Raw):
        return x.html
    return "".join(_md_inline(p, page, cell) for p in x)


def _md_block(b: Block, page: str, out: list[str]) -> None:
    if isinstance(b, H):
        out += [f"{'#' * b.level} {_md_inline(b.content, page, False)}", ""]
    elif isinstance(b, P):
        lines = [_md_inline(b.content, page, False), *(_md_inline(x, page, False) for x in b.lines)]
        out += ["  \n".join(lines), ""]
    elif isinstance(b, Table):
        out.append("| " + " | ".join(md_text(c) for c in b.columns) + " |")
        out.append("| " + " | ".join("---:" if i in b.right else "---" for i in range(len(b.columns))) + " |")
        for row in b.rows:
            out.append("| " + " | ".join(_md_inline(c, page, True) or " " for c in row) + " |")
        out.append("")
    elif isinstance(b, UL):
        out += [f"- {_md_inline(i, page, False)}" for i in b.items] + [""]
    elif isinstance(b, Details):
        out += [f'<details class="{b.cls}" markdown="1">', f"<summary>{html_text(b.summary)}</summary>", ""]
        for inner in b.blocks:
            _md_block(inner, page, out)
        out += ["</details>", ""]
    elif isinstance(b, Img):
        src = posixpath.relpath(b.src, posixpath.dirname(page) or ".")
        out += [figure_html(src, b.alt, dark_src=dark_path(src)), ""]  # the diagram viewer's figure
    else:
        out += [b.html, ""]


def front_matter(doc: Doc) -> str:
    """The page's YAML front matter: its title (HTML-escaped — Material prints it as HTML)
    and meta, between ``---`` lines."""
    import json

    lines = ["---", f"title: {json.dumps(html_text(doc.title))}"]
    lines += [f"{k}: {json.dumps(v)}" for k, v in doc.meta.items()]
    return "\n".join([*lines, "---"]) + "\n"


def to_markdown(doc: Doc, page: str) -> str:
    """The page as Markdown: :func:`front_matter`, then the blocks."""
    out = [front_matter(doc)]
    for b in doc.blocks:
        _md_block(b, page, out)
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------- HTML


def page_url(docs_path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a docs file (``a/b.md`` → ``a/b.html`` or ``a/b/``)."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


class HtmlWriter:
    """Writes docs of one build: the URL style and the heading permalink symbol are the
    MkDocs config's."""

    def __init__(self, directory_urls: bool = False, permalink: str | None = "¶"):
        from mkdocs.utils import get_relative_url

        self.directory_urls = directory_urls
        self.permalink = permalink
        self._hrefs: dict[tuple[str, str], str] = {}
        self._rel: Callable[[str, str], str] = get_relative_url

    def href(self, page: str, target: str, anchor: str | None) -> str:
        key = (page, target)
        href = self._hrefs.get(key)
        if href is None:
            href = self._hrefs[key] = (self._rel(page_url(target, self.directory_urls), page_url(page, self.directory_urls))
                                       if target and target != page else "")
        return html_text(href + (f"#{anchor}" if anchor else "")) or "#"

    def inline(self, x: Inline, page: str) -> str:
        if isinstance(x, tuple):  # the most common case first; its plain text without a call
            return "".join([_html(p) if type(p) is str else self.inline(p, page) for p in x])
        if isinstance(x, str):
            return html_text(x)
        if isinstance(x, Code):
            return f"<code>{html_text(x.text)}</code>"
        if isinstance(x, Link):
            return f'<a href="{self.href(page, x.page, x.anchor)}">{self.inline(x.content, page)}</a>'
        if isinstance(x, Strong):
            return f"<strong>{self.inline(x.content, page)}</strong>"
        if isinstance(x, Raw):
            return x.html
        return "".join(self.inline(p, page) for p in x)

    def block(self, b: Block, page: str, out: list[str], toc: list[tuple[int, str, str]], ids: set[str]) -> None:
        if isinstance(b, H):
            text = plain(b.content)
            hid = unique(slugify(text, "-"), ids)
            link = (f'<a class="headerlink" href="#{hid}" title="Permanent link">{html_text(self.permalink)}</a>'
                    if self.permalink else "")
            out.append(f'<h{b.level} id="{hid}">{self.inline(b.content, page)}{link}</h{b.level}>')
            toc.append((b.level, text, hid))
        elif isinstance(b, P):
            cls = f' class="{b.cls}"' if b.cls else ""
            out.append(f"<p{cls}>" + "<br>\n".join(self.inline(x, page) for x in (b.content, *b.lines)) + "</p>")
        elif isinstance(b, Table):
            style = [' style="text-align: right;"' if i in b.right else "" for i in range(len(b.columns))]
            head = "".join(f"<th{style[i]}>{html_text(c)}</th>" for i, c in enumerate(b.columns))
            rows = "\n".join("<tr>" + "".join(f"<td{style[i]}>{self.inline(c, page)}</td>" for i, c in enumerate(r))
                             + "</tr>" for r in b.rows)
            out.append(f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{rows}\n</tbody>\n</table>")
        elif isinstance(b, UL):
            out.append("<ul>\n" + "\n".join(f"<li>{self.inline(i, page)}</li>" for i in b.items) + "\n</ul>")
        elif isinstance(b, Details):
            out.append(f'<details class="{b.cls}">\n<summary>{html_text(b.summary)}</summary>')
            for inner in b.blocks:
                self.block(inner, page, out, toc, ids)
            out.append("</details>")
        elif isinstance(b, Img):
            src = self._rel(b.src, page_url(page, self.directory_urls))
            out.append(figure_html(src, b.alt, dark_src=dark_path(src)))  # the diagram viewer's figure
        else:
            out.append(b.html)

    def write(self, doc: Doc, page: str) -> tuple[str, list[tuple[int, str, str]]]:
        """(HTML body, headings as (level, text, id))."""
        out: list[str] = []
        toc: list[tuple[int, str, str]] = []
        ids: set[str] = set()
        for b in doc.blocks:
            self.block(b, page, out, toc, ids)
        return "\n".join(out) + "\n", toc


def plain(x: Inline) -> str:
    """The text of inline content (what a heading's anchor is made from)."""
    if isinstance(x, str):
        return x
    if isinstance(x, Code):
        return x.text
    if isinstance(x, (Link, Strong)):
        return plain(x.content)
    if isinstance(x, Raw):
        return ""
    return "".join(plain(p) for p in x)


def toc_tokens(headings: list[tuple[int, str, str]]) -> list[dict[str, object]]:
    """Nested table-of-contents tokens as Python-Markdown's toc extension makes them."""
    root: list[dict[str, object]] = []
    stack: list[tuple[int, list[dict[str, object]]]] = [(0, root)]
    for level, text, hid in headings:
        node: dict[str, object] = {"level": level, "id": hid, "name": html_text(text), "children": []}
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((level, node["children"]))  # type: ignore[arg-type]
    return root
