"""Label text for Graphviz HTML-like labels: every piece of user text is XML-escaped here.

All labels vpcdocs emits are HTML-like (``<...>``), so the python ``graphviz`` package never
re-quotes them, and a name such as ``<none>`` can never turn into markup (notes §0). Text
passes through :func:`esc`: XML-escaped, control characters dropped (they are not valid XML
and would break the SVG), newlines flattened.
"""

from __future__ import annotations

import html
import re

# C0, DEL and C1 controls (not valid XML or acted on by terminals when DOT is printed) and bidi
# overrides/isolates (they would reorder the label's text)
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")

FONT = "Sans-Serif"
INK = "#232F3E"  # AWS squid ink
MUTED = "#545B64"


def esc(text: object, limit: int = 60) -> str:
    """XML-escape ``text`` for an HTML-like label, shortened to ``limit`` characters."""
    s = _CTRL.sub("", str(text)).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if len(s) > limit:
        s = s[: limit - 1] + "\u2026"
    # html.escape turns & < > " ' into entities; Graphviz understands all of them. Text that
    # was only control characters becomes a space: Graphviz rejects an empty <B></B>.
    return html.escape(s, quote=True) or "&#160;"


def edge_label(text: str, size: int = 9) -> str:
    return f'<<FONT POINT-SIZE="{size}" COLOR="{MUTED}">{esc(text, 40)}</FONT>>'


def icon_title_label(icon: str | None, title: str, subtitle: str = "", *, color: str = INK,
                     size: int = 12, icon_px: int = 22) -> str:
    """Group-box label: AWS group icon in the top-left corner, then name and detail."""
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
