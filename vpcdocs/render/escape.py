"""Escaping for every place spec text lands: Markdown tables, HTML, inline code.

Names, descriptions and tags come from users (or from imported AWS tags). Renderers pass
them through these functions so a name like ``<img src=x onerror=alert(1)>`` or ``a|b``
shows literally and never breaks a table or runs script.
"""

from __future__ import annotations

import html
import re
import unicodedata

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


# --------------------------------------------------------------------------- terminals

def _needs_escape(ch: str) -> bool:
    """Control (C0, DEL, C1), format (bidi overrides, zero-width), line/paragraph separator,
    surrogate, private-use and unassigned characters: anything a terminal may act on or
    that cannot be encoded. Ordinary spaces and every printable script pass through."""
    if ch == " ":
        return False
    if ch.isprintable():
        return False
    return unicodedata.category(ch) != "Zs"  # U+00A0, U+3000 and friends are harmless spaces


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def terminal(text: object, keep: str = "\n") -> str:
    """``text`` safe to send to a terminal, a pipe or a log: every control character
    (C0 such as ESC and BEL, DEL, C1 such as CSI/OSC, bidi overrides, zero-width and other
    format characters, lone surrogates) is shown as a visible ``\\x1b``-style escape, so no
    spec, import or URL can move the cursor, set the window title, write a hyperlink or
    hide text. Characters in ``keep`` (default: newline) pass through; pass ``keep="\\n\\t"``
    for tables, ``keep=""`` for one-line fields."""
    s = str(text)
    if s.isprintable() and "\t" not in keep:  # fast path: nothing to do
        return s
    return "".join(_escape_char(ch) if ch not in keep and _needs_escape(ch) else ch for ch in s)


def json_text(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with DEL, C1, format and other
    invisible characters also written as ``\\uXXXX`` escapes. ``json.dumps`` already escapes
    C0; these others are legal raw in JSON but act on terminals. Such characters only occur
    inside JSON strings, where ``\\uXXXX`` means the same character, so the data is unchanged."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in "\n\t\r" or not _needs_escape(ch):
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:  # astral: a UTF-16 surrogate pair, as JSON spells it
            v = ord(ch) - 0x10000
            out.append(f"\\u{0xD800 + (v >> 10):04x}\\u{0xDC00 + (v & 0x3FF):04x}")
    return "".join(out)


# --------------------------------------------------------------------------- pull-request text

_WJ = "&#8288;"  # WORD JOINER as an entity: invisible, ASCII, and no mention/autolink matches across it
_MENTION = re.compile(r"@(?=[A-Za-z0-9_])")
_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|file|irc|ssh|git)(?=:)|\b(www)(?=\.)")
_ISSUE_REF = re.compile(r"(?<!&)#(?=[0-9])")


def neutralise_mentions(markdown: str) -> str:
    """Escaped spec text (the output of :func:`md_text`, :func:`md_cell` or :func:`md_code`)
    that GitHub renders without notifying or linking anyone: ``@user``, ``@org/team`` and
    e-mail addresses get an invisible word joiner after the ``@``, bare URLs
    (``https://…``, ``www.…``) one after the scheme, and ``#123`` issue references one after
    the ``#``. It reads the same; nobody is pinged and nothing becomes a link. Entities
    written by the escapers (``&#35;``) are left intact."""
    markdown = _MENTION.sub("@" + _WJ, markdown)
    markdown = _SCHEME.sub(lambda m: (m.group(1) or m.group(2)) + _WJ, markdown)
    return _ISSUE_REF.sub("#" + _WJ, markdown)
