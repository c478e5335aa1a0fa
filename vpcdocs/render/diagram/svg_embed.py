"""Make Graphviz SVG publishable: icons inlined once, no paths, no generator noise.

Graphviz writes ``<image xlink:href="resources/aws/…/x.png" …/>`` for every icon (it cannot
take ``data:`` URIs, notes §3.1), and browsers showing an SVG through ``<img>`` fetch no
external files at all. So each distinct icon is embedded exactly once, as a ``<symbol>`` in
``<defs>`` holding a ``data:image/png;base64`` image downscaled to display size, and every
occurrence becomes ``<use xlink:href="#ic-…">`` (notes §3.2). Comments (the Graphviz version
banner, node-name comments) and the DOCTYPE are dropped; the graph ``<title>`` becomes the
diagram's title, and Graphviz's ``&#45;`` in class names (``diff&#45;added``) plain ``-``
again. The result is checked: valid XML and no ``href`` other than ``#…``/``data:``.
"""

from __future__ import annotations

import base64
import functools
import re
from concurrent.futures import ThreadPoolExecutor
from xml.parsers import expat

from .icons import all_icon_paths, embedded_png, png_size
from .labels import esc
from .png_small import to_indexed

EMBED_PX = 48  # raster size of embedded icons (nodes show them at 28-40 pt)

_IMAGE = re.compile(
    r'<image xlink:href="(?P<href>[^"]*)" width="(?P<w>[0-9.]+)px" height="(?P<h>[0-9.]+)px"'
    r' preserveAspectRatio="[^"]*" x="(?P<x>[-0-9.e+]+)" y="(?P<y>[-0-9.e+]+)"/>'
)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\n?", re.S)
_HREF = re.compile(r'href="([^"]*)"')  # also xlink:href (a literal start: found fast)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_CLASS = re.compile(r'(<g id="[^"]*" class=")([^"]*)"')


class UnsafeSvgError(ValueError):
    """The SVG still references something outside itself."""


def symbol_id(rel_path: str) -> str:
    stem = rel_path.removeprefix("resources/").removesuffix(".png")
    return "ic-" + re.sub(r"[^A-Za-z0-9]+", "-", stem)


_MADE: set[str] = set()  # icons :func:`_symbol` has already made (it caches them)


@functools.cache
def _symbol(rel_path: str) -> str:
    data = to_indexed(embedded_png(rel_path, EMBED_PX))
    w, h = png_size(data)
    b64 = base64.b64encode(data).decode("ascii")
    return (
        f'<symbol id="{symbol_id(rel_path)}" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid meet">'
        f'<image width="{w}" height="{h}" xlink:href="data:image/png;base64,{b64}"/></symbol>'
    )


def embed_icons(svg: str, title: str = "", *, icons: bool = True) -> str:
    """Post-process Graphviz SVG text (see module docstring). ``icons=False`` drops the icons
    instead (the icon-less baseline the size budget is measured against)."""
    known = set(all_icon_paths())
    used: list[str] = []

    def to_use(m: re.Match) -> str:
        href = m.group("href")
        if href not in known or not icons:
            return ""  # never leak a path; unknown images are dropped
        if href not in used:
            used.append(href)
        return (f'<use xlink:href="#{symbol_id(href)}" x="{m.group("x")}" y="{m.group("y")}"'
                f' width="{m.group("w")}" height="{m.group("h")}"/>')

    out = _IMAGE.sub(to_use, svg)
    # 1 unit = 1 CSS pixel: label sizes in points become the same number of pixels
    out = re.sub(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', r'<svg width="\1px" height="\2px"', out, count=1)
    out = _COMMENT.sub("", out)
    out = _DOCTYPE.sub("", out)
    out = _CLASS.sub(lambda m: m.group(1) + m.group(2).replace("&#45;", "-") + '"', out)
    out = re.sub(r"<title>[^<]*</title>", f"<title>{esc(title, 200)}</title>" if title else "", out, count=1)
    if used:
        first = [u for u in used if u not in _MADE]
        if len(first) > 1:  # preparing an icon runs dot once (~20 ms); the first-time ones concurrently
            with ThreadPoolExecutor(max_workers=4) as pool:
                list(pool.map(_symbol, first))
        defs = "<defs>" + "".join(_symbol(u) for u in sorted(used)) + "</defs>\n"
        _MADE.update(used)
        m = _SVG_OPEN.search(out)
        if m is None:
            raise UnsafeSvgError("no <svg> element in Graphviz output")
        out = out[: m.end()] + "\n" + defs + out[m.end() + 1 :]
    check_svg(out)
    return out


def check_svg(svg: str) -> None:
    """Raise :class:`UnsafeSvgError` unless ``svg`` is well-formed and self-contained."""
    for href in _HREF.findall(svg):
        if not (href.startswith("#") or href.startswith("data:")):
            raise UnsafeSvgError(f"external reference in SVG: {href[:80]!r}")
    if "<image" in svg.split("</defs>", 1)[-1]:
        raise UnsafeSvgError("an <image> outside <defs> survived")
    try:
        expat.ParserCreate(namespace_separator="}").Parse(svg.encode("utf-8"), True)  # as ElementTree, no tree
    except expat.ExpatError as exc:
        raise UnsafeSvgError(f"not well-formed XML: {exc}") from exc
