"""Where things are in a rendered diagram SVG: text boxes (measured by Graphviz with the
fonts it drew them with), line segments, arrowheads, group boxes -- for overlap checks."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass

from diagram_svg import SVG, parse

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Text:
    node: str  # the node (or edge) group it belongs to
    text: str
    size: float
    box: Box


_WIDTHS: dict[tuple[str, float, bool], float] = {}


def _measure(items: set[tuple[str, float, bool]]) -> None:
    todo = sorted(i for i in items if i not in _WIDTHS)
    if not todo:
        return
    lines = ['digraph{graph[layout=nop2 bb="0,0,1,1"];node[shape=plain fontname="DejaVu Sans" pos="0,0"];']
    for n, (text, size, bold) in enumerate(todo):
        body = html.escape(text) or "&#160;"
        if bold:
            body = f"<B>{body}</B>"
        lines.append(f'm{n}[label=<<FONT POINT-SIZE="{size:g}">{body}</FONT>>];')
    lines.append("}")
    out = subprocess.run(["dot", "-Tplain"], input="\n".join(lines).encode(), capture_output=True, check=True).stdout
    for row in out.decode().splitlines():
        if row.startswith("node m"):
            parts = row.split(" ", 6)
            _WIDTHS[todo[int(parts[1][1:])]] = float(parts[4]) * 72


def texts_with_boxes(svg: bytes) -> list[Text]:
    """Every <text> with its box: x from Graphviz's anchor and the measured width, y from
    the baseline (ascent 0.8 em, descent 0.25 em)."""
    root = parse(svg)
    found = []
    for g in root.iter(SVG + "g"):
        if g.get("class", "").split(" ")[0] not in ("node", "edge"):
            continue
        title = g.find(SVG + "title")
        owner = title.text if title is not None else ""
        for t in g.iter(SVG + "text"):
            words = "".join(t.itertext())
            size = float(t.get("font-size", "14"))
            found.append((owner, words, size, t.get("font-weight") == "bold", float(t.get("x")), float(t.get("y")),
                          t.get("text-anchor", "start")))
    _measure({(w, s, b) for _o, w, s, b, _x, _y, _a in found})
    out = []
    for owner, words, size, bold, x, y, anchor in found:
        width = _WIDTHS[(words, size, bold)]
        x0 = x if anchor == "start" else x - width / 2 if anchor == "middle" else x - width
        out.append(Text(owner, words, size, (x0, y - 0.8 * size, x0 + width, y + 0.25 * size)))
    return out


_NUM = re.compile(r"-?[0-9.]+")


def _points(d: str) -> list[tuple[float, float]]:
    nums = [float(n) for n in _NUM.findall(d)]
    return list(zip(nums[::2], nums[1::2]))


@dataclass(frozen=True)
class Line:
    ident: str
    title: str
    segments: tuple[tuple[tuple[float, float], tuple[float, float]], ...]
    heads: tuple[Box, ...]  # arrowhead bounding boxes


def lines(svg: bytes) -> list[Line]:
    """Drawn edges: the polyline through their path points (vpcdocs draws straight segments
    as cubic curves whose control points lie on them) and their arrowheads."""
    root = parse(svg)
    out = []
    for g in root.iter(SVG + "g"):
        if g.get("class", "").split(" ")[0] != "edge":
            continue
        title = g.find(SVG + "title").text or ""
        segs = []
        for p in g.findall(SVG + "path"):
            pts = _points(p.get("d"))
            segs += list(zip(pts, pts[1:]))
        heads = []
        for poly in g.findall(SVG + "polygon"):
            pts = _points(poly.get("points"))
            heads.append((min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts)))
        out.append(Line(g.get("id", ""), title, tuple(segs), tuple(heads)))
    return out


def segment_hits_box(a: tuple[float, float], b: tuple[float, float], box: Box, pad: float = 0.0) -> bool:
    """Does the segment a-b pass through the (open) box, grown by ``pad``?"""
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q <= 0:
                return False
        else:
            r = q / p
            if p < 0:
                t0 = max(t0, r)
            else:
                t1 = min(t1, r)
            if t0 >= t1:
                return False
    return True


def boxes_overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
