"""Label text for Graphviz HTML-like labels: every piece of user text is XML-escaped here.

All labels vpcdocs emits are HTML-like (``<...>``), so a name such as ``<none>`` can never
turn into markup (notes §0). Text passes through :func:`esc`: XML-escaped, control
characters dropped (they are not valid XML and would break the SVG), newlines flattened.

Sizes are in points and 1 pt is 1 px in the SVG (:mod:`.svg_embed`): the smallest text is
:data:`SMALL` (11 px), so a diagram shown at its natural width or wider reads at >= 11 px.

Every block label is wrapped by :func:`ring`: a highlighted block (diff) gets a rounded
frame in its status colour *around* its caption, an unhighlighted one the same space
without the frame, so highlighting never moves anything nor cuts a caption.
"""

from __future__ import annotations

import html
import re

from .icons import icon_path

# C0, DEL and C1 controls (not valid XML or acted on by terminals when DOT is printed) and bidi
# overrides/isolates (they would reorder the label's text)
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")

# DejaVu Sans is what Graphviz measures with (Debian); Verdana has nearly its metrics, and
# narrower fallbacks only leave more room.
FONT = "DejaVu Sans,Verdana,sans-serif"
INK = "#232F3E"  # AWS squid ink
MUTED = "#545B64"
TITLE = 15
NAME = 12
SMALL = 11  # the smallest text in any diagram

RING_COLORS = {"added": "#1E8E3E", "removed": "#D13212", "changed": "#E07B00"}


def esc(text: object, limit: int = 60) -> str:
    """XML-escape ``text`` for an HTML-like label, shortened to ``limit`` characters."""
    s = _CTRL.sub("", str(text)).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if len(s) > limit:
        s = s[: limit - 1] + "\u2026"
    # html.escape turns & < > " ' into entities; Graphviz understands all of them. Text that
    # was only control characters becomes a space: Graphviz rejects an empty <B></B>.
    return html.escape(s, quote=True) or "&#160;"


def font(text: str, size: float = SMALL, color: str = MUTED, bold: bool = False, strike: bool = False) -> str:
    """Already-escaped ``text`` in a FONT element."""
    body = f"<B>{text}</B>" if bold else text
    if strike:
        body = f"<S>{body}</S>"
    return f'<FONT POINT-SIZE="{size:g}" COLOR="{color}">{body}</FONT>'


def lines(*rows: str, align: str = "LEFT") -> str:
    """Rows of formatted text (from :func:`font`) as a one-column table."""
    cells = "".join(f'<TR><TD ALIGN="{align}" BALIGN="{align}">{r}</TD></TR>' for r in rows if r)
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{cells}</TABLE>'


def icon_cell(icon: str, px: int) -> str:
    return (f'<TD FIXEDSIZE="TRUE" WIDTH="{px}" HEIGHT="{px}" VALIGN="MIDDLE">'
            f'<IMG SRC="{icon_path(icon)}" SCALE="TRUE"/></TD>')


def icon_beside(icon: str | None, px: int, text: str, gap: int = 4) -> str:
    """Icon on the left, ``text`` (a table from :func:`lines`) on its right."""
    cells = icon_cell(icon, px) if icon else ""
    if icon:
        cells += f'<TD WIDTH="{gap}"></TD>'
    cells += f'<TD ALIGN="LEFT" VALIGN="MIDDLE">{text}</TD>'
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{cells}</TR></TABLE>'


def icon_only(icon: str, px: int) -> str:
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{icon_cell(icon, px)}</TR></TABLE>'


def ring(inner: str, status: str | None = None, pad: int = 3) -> str:
    """``inner`` framed in the colour of a diff ``status`` (dashed when removed); without a
    status the same size, unframed."""
    if status is None:
        return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="{pad}">'
                f"<TR><TD>{inner}</TD></TR></TABLE>")
    style = "rounded,dashed" if status == "removed" else "rounded"
    return (f'<TABLE BORDER="2" COLOR="{RING_COLORS[status]}" STYLE="{style}" CELLBORDER="0" CELLSPACING="0" '
            f'CELLPADDING="{pad}"><TR><TD>{inner}</TD></TR></TABLE>')


def spacer(w: float, h: float) -> str:
    """An empty label of a fixed size (reserves room)."""
    return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
            f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{max(1, round(w))}" HEIGHT="{max(1, round(h))}"></TD></TR></TABLE>')


# ---------------------------------------------------------------- legacy (Graphviz-laid-out diagrams)

def edge_label(text: str, size: int = 9) -> str:
    return f'<<FONT POINT-SIZE="{size}" COLOR="{MUTED}">{esc(text, 40)}</FONT>>'


def icon_title_label(icon: str | None, title: str, subtitle: str = "", *, color: str = INK,
                     size: int = 12, icon_px: int = 22) -> str:
    text = f'<FONT POINT-SIZE="{size}" COLOR="{color}"><B>{esc(title)}</B></FONT>'
    if subtitle:
        text += f'<BR ALIGN="LEFT"/><FONT POINT-SIZE="{size - 2}" COLOR="{MUTED}">{esc(subtitle, 90)}</FONT>'
    text += '<BR ALIGN="LEFT"/>'
    cells = ""
    if icon:
        cells += (f'<TD FIXEDSIZE="TRUE" WIDTH="{icon_px}" HEIGHT="{icon_px}" VALIGN="TOP">'
                  f'<IMG SRC="{icon}" SCALE="TRUE"/></TD>')
    cells += f'<TD ALIGN="LEFT" BALIGN="LEFT">{text}</TD>'
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1"><TR>{cells}</TR></TABLE>>'
