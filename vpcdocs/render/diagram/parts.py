"""The labels of the things diagrams draw: group titles, gateways, workloads, border items.

Each function returns an HTML-like label body (all spec text escaped by :func:`.labels.esc`)
wrapped by :func:`.labels.ring`, so a diff status frames it without changing its size.
"""

from __future__ import annotations

from .labels import INK, MUTED, NAME, SMALL, TITLE, esc, font, icon_beside, icon_only, lines, ring
from .palette import TITLE as TITLE_COLORS

GROUP_ICON = 22


def group_title(kind: str, icon: str | None, title: str, *details: str, size: int = NAME) -> str:
    """The title in a group box's top-left corner (icon, bold name, detail lines)."""
    rows = [font(esc(title, 70), size, TITLE_COLORS.get(kind, INK), bold=True)]
    rows += [font(esc(d, 90), SMALL, MUTED) for d in details if d]
    return icon_beside(icon, GROUP_ICON, lines(*rows))


def vpc_title(label: str, details: list[str]) -> str:
    return group_title("vpc", "vpc", label, *details, size=TITLE)


def item(icon: str | None, title: str, *details: str, px: int = 30, status: str | None = None,
         limit: int = 28, color: str = INK) -> str:
    """Icon with a bold title and detail lines on its right (gateways, workloads, nodes)."""
    rows = [font(esc(title, limit), NAME, color, bold=True)]
    rows += [font(esc(d, limit + 6), SMALL, MUTED) for d in details if d]
    return ring(icon_beside(icon, px, lines(*rows)), status)


def caption(title: str, *details: str, status: str | None = None, limit: int = 28,
            align: str = "LEFT", color: str = INK) -> str:
    """Text only (the caption beside a border icon)."""
    rows = [font(esc(title, limit), NAME, color, bold=True)]
    rows += [font(esc(d, limit + 6), SMALL, MUTED) for d in details if d]
    return ring(lines(*rows, align=align), status, pad=1)


def icon(name: str, px: int = 32, status: str | None = None) -> str:
    return ring(icon_only(name, px), status, pad=0)


def text(*rows: tuple[str, str], status: str | None = None, strike: bool = False) -> str:
    """Plain rows of (text, colour) at the small size (route rows, notes)."""
    body = lines(*(font(esc(t, 48), SMALL, c, strike=strike) for t, c in rows))
    return ring(body, status, pad=1)


def badge(name: str, text_: str = "", px: int = 18, status: str | None = None) -> str:
    """A small icon with a short word (Internet / S3 / DynamoDB on an overview VPC's border);
    without a word, the icon alone."""
    if not text_:
        return ring(icon_only(name, px), status, pad=1)
    return ring(icon_beside(name, px, lines(font(esc(text_, 14), SMALL, INK)), gap=2), status, pad=1)
