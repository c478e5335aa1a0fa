"""Escaping for every place spec text lands: Markdown tables, HTML, inline code.

Names, descriptions and tags come from users (or from imported AWS tags). Renderers pass
them through these functions so a name like ``<img src=x onerror=alert(1)>`` or ``a|b``
shows literally and never breaks a table or runs script.
"""

from __future__ import annotations

import html

_MD_SPECIALS = "\\`*_{}[]()#+!|~>$"


def html_text(text: object) -> str:
    """Text for HTML element content or attribute values."""
    return html.escape(str(text), quote=True)


def md_text(text: object) -> str:
    """Inline Markdown text: HTML-escaped, Markdown punctuation backslash-escaped, one line."""
    out = []
    for ch in html.escape(str(text), quote=False):
        if ch in _MD_SPECIALS:
            out.append("\\" + ch)
        elif ch in "\r\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def md_cell(text: object) -> str:
    """A Markdown table cell: like :func:`md_text`; a ``|`` can never end the cell."""
    return md_text(text) if str(text) != "" else " "


def md_code(text: object) -> str:
    """Spec text as inline code that stays literal anywhere in Markdown: in tables, in link
    text, next to emphasis markers. HTML-escaped, and every Markdown special character as a
    numeric entity (Python-Markdown still parses ``*``, ``[..](..)`` inside inline HTML)."""
    return "<code>" + "".join(
        f"&#{ord(c)};" if c in _MD_SPECIALS else html_text(c) if c not in "\r\n" else " " for c in str(text)
    ) + "</code>"
