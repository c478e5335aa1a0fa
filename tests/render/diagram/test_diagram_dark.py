"""The dark variant is readable on Material's slate page: every text, line and icon of the
real rendered SVGs (Graphviz, icons embedded, ``to_dark``) has enough contrast with what it
is drawn on — text at least 4.5:1 (WCAG AA), lines, borders and line-art icons at least 3:1.

What a thing is drawn on is read from the SVG itself: the topmost filled shape painted before
it under its position (a subnet's fill, a legend panel, a route-table lane, a pill), else the
page background. Line-art icons (mostly transparent PNGs) are judged by their ink colour
against the light disc they carry, or else against what lies under them; icons on their
own coloured square bring their background with them."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from diagram_specs import KITCHEN_SINK, load
from diagram_svg import SVG, XLINK, parse

from vpcdocs.render.diagram import DiagramRef, render_diagram
from vpcdocs.render.diagram.dark import BACKGROUND
from vpcdocs.render.diagram.icons import ICON_CLASSES, LINE_ART, TINTED_LINE_ART, embedded_png, icon_path
from vpcdocs.render.diagram.parallel import site_refs
from vpcdocs.render.diagram.png_small import decode_rgba
from vpcdocs.render.diagram.svg_embed import EMBED_PX, symbol_id

SLATE = "#1e2129"  # Material's slate --md-default-bg-color (hsl(232, 15%, 14%)); the SVG paints #1e2029
TEXT, LINE, ICON = 4.5, 3.0, 3.0
_HEX = re.compile(r"#[0-9a-f]{6}")
_NUM = re.compile(r"-?[0-9.]+(?:e[-+]?[0-9]+)?")

Box = tuple[float, float, float, float]


def rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2.x contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)."""
    def luminance(c: tuple[int, int, int]) -> float:
        lin = [v / 255 / 12.92 if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _box(el: ET.Element) -> Box | None:
    tag = el.tag.removeprefix(SVG)
    if tag == "polygon":
        nums = [float(n) for n in _NUM.findall(el.get("points", ""))]
    elif tag == "path":
        nums = [float(n) for n in _NUM.findall(re.sub(r"[A-Za-z]", " ", el.get("d", "")))]
    elif tag == "ellipse":
        cx, cy, rx, ry = (float(el.get(k, "0")) for k in ("cx", "cy", "rx", "ry"))
        return cx - rx, cy - ry, cx + rx, cy + ry
    else:
        return None
    xs, ys = nums[0::2], nums[1::2]
    return (min(xs), min(ys), max(xs), max(ys)) if xs and ys else None


def _inside(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _ink(png: bytes) -> tuple[float, tuple[int, int, int]]:
    """(share of opaque pixels, most common opaque colour) of an icon."""
    _w, _h, rows = decode_rgba(png)
    pixels = [row[i:i + 4] for row in rows for i in range(0, len(row), 4)]
    opaque = Counter(tuple(p[:3]) for p in pixels if p[3] > 200)
    return sum(opaque.values()) / len(pixels), opaque.most_common(1)[0][0]


def _symbols(root: ET.Element) -> dict[str, tuple[bytes, str | None]]:
    """Embedded icons: id -> (PNG, fill of the disc drawn behind it or None)."""
    out = {}
    for sym in root.iter(SVG + "symbol"):
        href = sym.find(SVG + "image").get(XLINK + "href")
        disc = sym.find(SVG + "circle")
        out[sym.get("id")] = (base64.b64decode(href.split(",", 1)[1]), disc.get("fill") if disc is not None else None)
    return out


def contrast_problems(data: bytes) -> tuple[list[str], set[str]]:
    """Everything in a dark SVG with too little contrast, and the node ids whose texts and
    icons were checked."""
    root = parse(data)
    symbols = _symbols(root)
    painted: list[tuple[Box, str]] = []  # filled shapes so far, in paint order
    problems: list[str] = []
    checked: set[str] = set()

    def under(x: float, y: float) -> str:
        return next((fill for box, fill in reversed(painted) if _inside(box, x, y)), BACKGROUND)

    def need(what: str, color: str, on: str, minimum: float) -> None:
        worst = min(contrast(rgb(color), rgb(on)), contrast(rgb(color), rgb(SLATE)) if on == BACKGROUND else 99)
        if worst < minimum:
            problems.append(f"{what}: {color} on {on} is {worst:.2f}:1 (< {minimum}:1)")

    def walk(el: ET.Element, group: str) -> None:
        tag = el.tag.removeprefix(SVG)
        if tag == "defs":
            return
        if tag == "g" and el.get("class") in ("node", "cluster", "edge"):
            title = el.find(SVG + "title")
            group = title.text if title is not None and title.text else group
        if tag == "text":
            x, y, size = float(el.get("x")), float(el.get("y")), float(el.get("font-size", "14"))
            anchor = el.get("text-anchor", "start")
            x += {"start": size * 0.5, "end": -size * 0.5}.get(anchor, 0.0)
            color = el.get("fill", "#000000")
            need(f"{group}: text {''.join(el.itertext())!r}", color, under(x, y - size * 0.3), TEXT)
            checked.add(group)
        elif tag == "use":
            sid = el.get(XLINK + "href", "").lstrip("#")
            x, y = float(el.get("x")), float(el.get("y"))
            w, h = float(el.get("width")), float(el.get("height"))
            png, disc = symbols[sid]
            share, ink = _ink(png)
            if share < 0.5:  # line art on transparent: its ink must show on what is behind it
                need(f"{group}: icon {sid}", "#" + bytes(ink).hex(), disc or under(x + w / 2, y + h / 2), ICON)
                checked.add(group)
        else:
            stroke, fill = el.get("stroke", "none"), el.get("fill", "none")
            box = _box(el)
            if _HEX.fullmatch(stroke) and box is not None:
                need(f"{group}: {tag} line", stroke, under((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
                     if tag == "path" else BACKGROUND, LINE)
                if _HEX.fullmatch(fill) and tag == "polygon" and fill != stroke:
                    need(f"{group}: border of its fill", stroke, fill, LINE)
            if _HEX.fullmatch(fill) and box is not None:
                painted.append((box, fill))
        for child in el:
            walk(child, group)

    walk(root, "")
    return problems, checked


def _vpc_highlight():
    return {("subnet", "a-private-1b"): "removed", ("nat-gateway", "nat-a-1a"): "added",
            ("gateway-endpoint", "a-s3"): "changed", ("route-table", "a-public"): "changed"}


def _dark_diagrams(shipped):
    """(name, dark SVG) of every diagram the site draws for the shipped specs and a kitchen
    sink (VPN, external peers, TGW peering, GWLB), VPC diagrams also with their routes layer,
    and diff diagrams."""
    sink = load(KITCHEN_SINK)
    for topology in (shipped, sink):
        for ref in site_refs(topology, ("overview", "tgw", "vpc")):
            yield ref.name, render_diagram(topology, ref, dark=True).data
            if ref.kind == "vpc":
                yield f"{ref.name} (routes)", render_diagram(topology, ref, routes=True, dark=True).data
    yield "vpc-a (diff)", render_diagram(shipped, "vpc-a", routes=True, highlight=_vpc_highlight(), dark=True).data
    yield "overview (diff)", render_diagram(shipped, "overview", highlight={
        ("peering", "pcx-a-c"): "removed", ("vpc", "vpc-c"): "changed"}, dark=True).data


def test_every_text_line_and_icon_of_the_dark_diagrams_has_enough_contrast(shipped):
    problems, checked, names = [], set(), 0
    for name, data in _dark_diagrams(shipped):
        names += 1
        found, seen = contrast_problems(data)
        problems += [f"{name}: {p}" for p in found]
        checked |= seen
    assert names > 20
    # the screenshot's nodes were among those checked: the Internet node (cloud icon and its
    # label) and the internet gateway (icon on the VPC border, name and kind above it)
    assert any(c.startswith("internet_") for c in checked)
    assert any(c.startswith("igw_") for c in checked) and any(c.startswith("cap_igw") for c in checked)
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_dark_variant_keeps_the_drawing_and_is_deterministic(shipped):
    light = render_diagram(shipped, DiagramRef("vpc", "vpc-egress")).data
    dark = render_diagram(shipped, DiagramRef("vpc", "vpc-egress"), dark=True).data
    again = render_diagram(shipped, DiagramRef("vpc", "vpc-egress"), dark=True).data
    assert dark == again
    strip = re.compile(rb'(fill|stroke)="[^"]*"|base64,[^"]*|<circle [^>]*/>')
    assert strip.sub(b"", light) == strip.sub(b"", dark)  # only colours, icon pixels and discs differ
    # a repainted icon keeps its size, its transparency and its shape: only its colours change
    sid = symbol_id(icon_path("internet-gateway"))
    before, after = (_symbols(parse(d))[sid][0] for d in (light, dark))
    (w, h, rows_before), (w2, h2, rows_after) = decode_rgba(before), decode_rgba(after)
    assert (w, h) == (w2, h2)
    assert [r[3::4] for r in rows_before] == [r[3::4] for r in rows_after]
    assert _ink(after)[1] != _ink(before)[1]


@pytest.mark.parametrize("name", sorted(ICON_CLASSES))
def test_every_line_art_icon_is_made_visible_in_the_dark(name):
    """An icon that is mostly transparent gets a disc (dark ink) or is repainted (coloured
    ink) in the dark variant; an icon on its own square is left alone."""
    share, ink = _ink(embedded_png(icon_path(name), EMBED_PX))
    if share >= 0.5:  # (the generic service icon, white with a dark outline, has a disc: harmless)
        assert name not in TINTED_LINE_ART
    elif contrast(ink, rgb(BACKGROUND)) < 4.5:
        assert name in LINE_ART + TINTED_LINE_ART
