"""The dark-theme variant of a diagram SVG, for Material's ``slate`` palette.

A rewrite of the light SVG's colours (no second Graphviz run, same geometry, deterministic):
every ``fill``/``stroke`` colour of the light palette (:mod:`.palette`, :mod:`.labels`) has
a hand-picked dark counterpart with the same hue and enough contrast on the page's dark
background (#1E2029, Material slate); colours not in the table get their lightness
mirrored. AWS icons drawn on their own coloured squares keep their colours; icons that are
dark line art on transparent (the internet cloud, generic service and on-premises icons)
get a light disc behind them; icons that are coloured line art on transparent (the internet
gateway, NAT, endpoints, peering, attachments, route tables …: AWS purple, too dark on the
dark page) are repainted lighter in the same hue (:func:`lift`).

Every text colour has at least 4.5:1 contrast (WCAG AA) with the background and with the
fills it sits on, every line, border and repainted icon at least 3:1 (icons 4.5:1 with the
background): tests/render/diagram/test_diagram_dark.py checks the rendered SVGs.
"""

from __future__ import annotations

import base64
import colorsys
import functools
import re

from .icons import LINE_ART, TINTED_LINE_ART, icon_path
from .png_small import recolour
from .svg_embed import symbol_id

BACKGROUND = "#1e2029"

DARK = {
    # backgrounds and fills
    "#ffffff": BACKGROUND, "white": BACKGROUND, "#f2f6e8": "#243018", "#e6f6f7": "#15303a",
    "#fafafa": "#262a35", "#f7f3ff": "#2a2442", "#fff4e5": "#3a2a14", "#f7f7f7": "#262a35",
    # text
    "#232f3e": "#e8eaed", "#545b64": "#b3bcc6", "#000000": "#e8eaed", "black": "#e8eaed",
    "#7a3ee8": "#b794ff", "#147eba": "#5ab4f0", "#3f6b00": "#a3d158", "#006b6d": "#4fd1d3",
    "#b0125e": "#ff78b6", "#00777a": "#4fd1d3", "#5a2db8": "#c3a6ff",
    # group borders and lines
    "#8c4fff": "#a781ff", "#7aa116": "#8fbf2a", "#00a4a6": "#2fc4c6", "#e7157b": "#ff5aa8",
    "#d5dbdb": "#707a88", "#aab7b8": "#7f8c8d", "#5c8a00": "#8fcb2e", "#c925d1": "#e36bea", "#8c6d00": "#d9b440",
    "#7b8894": "#9aa5b1", "#a4262c": "#ff6b6b", "#ed7100": "#ff9a3c",
    # diff highlighting
    "#1e8e3e": "#4cc66b", "#d13212": "#ff6b4f", "#e07b00": "#ffa23a",
}

_COLOR = re.compile(r'(fill|stroke)="(#[0-9a-fA-F]{6}|white|black)"')


def dark_color(color: str) -> str:
    c = color.lower()
    if c in DARK:
        return DARK[c]
    if not re.fullmatch(r"#[0-9a-f]{6}", c):
        return color
    r, g, b = (int(c[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    lightness = 1 - lightness * 0.85 if lightness > 0.5 else min(0.85, 0.35 + (0.5 - lightness) * 1.1)
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return "#" + "".join(f"{round(v * 255):02x}" for v in (r, g, b))


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


ICON_CONTRAST = 4.5  # repainted line-art icons against the background (>= 3:1 on every fill)


@functools.lru_cache(maxsize=1024)
def lift(color: tuple[int, int, int], target: float = ICON_CONTRAST) -> tuple[int, int, int]:
    """``color`` made just light enough for ``target`` contrast with :data:`BACKGROUND`,
    same hue and saturation (HLS lightness raised in 1 % steps); unchanged if it already is."""
    bg = rgb(BACKGROUND)
    if contrast(color, bg) >= target:
        return color
    h, lightness, s = colorsys.rgb_to_hls(*(v / 255 for v in color))
    out = color
    for step in range(round(lightness * 100) + 1, 101):
        r, g, b = colorsys.hls_to_rgb(h, step / 100, s)
        out = (round(r * 255), round(g * 255), round(b * 255))
        if contrast(out, bg) >= target:
            break
    return out


@functools.lru_cache(maxsize=64)
def _tinted(b64: str) -> str:
    """A line-art icon (base64 PNG) repainted for the dark background."""
    return base64.b64encode(recolour(base64.b64decode(b64), lift)).decode("ascii")


def to_dark(svg: str) -> str:
    """The dark variant of a diagram SVG made by :func:`.svg_embed.embed_icons`."""
    out = _COLOR.sub(lambda m: f'{m.group(1)}="{dark_color(m.group(2))}"', svg)
    for name in TINTED_LINE_ART:
        sid = symbol_id(icon_path(name))
        out = re.sub(rf'(<symbol id="{re.escape(sid)}" [^>]*><image [^>]*xlink:href="data:image/png;base64,)([^"]*)"',
                     lambda m: f'{m.group(1)}{_tinted(m.group(2))}"', out, count=1)
    for name in LINE_ART:
        sid = symbol_id(icon_path(name))
        out = re.sub(rf'(<symbol id="{re.escape(sid)}" viewBox="0 0 (\d+) (\d+)"[^>]*>)',
                     lambda m: m.group(1) + f'<circle cx="{int(m.group(2)) / 2:g}" cy="{int(m.group(3)) / 2:g}" '
                     f'r="{int(m.group(2)) / 2:g}" fill="#dfe3e8"/>', out, count=1)
    return out
