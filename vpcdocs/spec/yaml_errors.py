"""YAML syntax errors a person can fix: located on the offending line, with the source line
and a caret under the column, and a hint for the usual indentation mistakes.

PyYAML (and libyaml) say *what* the parser expected ("expected <block end>, but found
'<block mapping start>'", "did not find expected key", "mapping values are not allowed
here"); this module adds *where* and *why*: the line as written, the line that opened the
mapping or list being parsed, and what indentation was expected.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from ..diagnostics import Diagnostic, Location, error
from ..render.escape import terminal

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BLOCK_WORDS = ("block mapping", "block end", "expected key", "block collection", "'-' indicator",
                "block sequence")


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian characters count twice)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _snippet_line(lines: list[str], line: int) -> tuple[str, str]:
    """(gutter, shown text) of 1-based ``line``, escaped so no control character is printed."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"{line:>5} | ", terminal(text[:200], keep="")


def snippet(text: str, line: int, column: int, context_line: int | None = None) -> str:
    """The offending line with a caret under ``column`` (1-based), preceded by the line that
    opened the structure being parsed when that is a few lines above."""
    lines = _lines(text)
    out = []
    if context_line and 0 < line - context_line <= 6:
        gutter, shown = _snippet_line(lines, context_line)
        out.append(gutter + shown)
        if line - context_line > 1:
            out.append("  ... |")
    gutter, shown = _snippet_line(lines, line)
    out.append(gutter + shown)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    before = terminal(source[: max(column - 1, 0)], keep="")
    out.append(" " * (len(gutter) - 2) + "| " + " " * _width(before) + "^")
    return "\n".join(out)


def _hint(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> str | None:
    words = f"{exc.problem or ''} {exc.context or ''}"
    if "\\t" in words or "'\\t'" in words or (0 < line <= len(lines) and lines[line - 1].startswith("\t")):
        return "YAML indents with spaces, not tabs"
    if any(w in words for w in _BLOCK_WORDS):
        here = lines[line - 1] if 0 < line <= len(lines) else ""
        ctx = exc.context_mark
        if ("collection" in words or "'-' indicator" in words) and not here.lstrip().startswith("-"):
            return ("this line is at the indentation of the list above, whose entries start with '- ': "
                    "start it with '- ', or indent it less if it is a key of the mapping holding the list")
        if ctx is not None and ctx.line + 1 < line:
            expected = ctx.column
            return (f"check the indentation: this line is indented {_indent(here)} space"
                    f"{'s' if _indent(here) != 1 else ''}, the entries of the "
                    f"{'list' if 'collection' in words or 'sequence' in words else 'mapping'} "
                    f"opened on line {ctx.line + 1} by {expected}; indent it like them, or further to nest it")
        return "check the indentation of this line against the lines above"
    if "mapping values are not allowed" in words:
        prev = next((i for i in range(line - 1, 0, -1) if lines[i - 1].strip()), 0)
        above = lines[prev - 1] if prev else ""
        here = lines[line - 1] if 0 < line <= len(lines) else ""
        if prev and _indent(here) > _indent(above) and re.search(r":\s+\S", above):
            return (f"this line is indented more than line {prev}, so YAML reads it as part of that line's "
                    f"value; indent it like line {prev} ({_indent(above)} spaces)")
        return "a ':' followed by a space starts a mapping: quote a value that contains one, or fix the indentation"
    if "end of stream" in words and exc.context_mark is not None:
        return f"the {exc.context.replace('while scanning a ', '').replace('while parsing a ', '')} " \
               f"opened on line {exc.context_mark.line + 1} is never closed" if exc.context else None
    return None


def _missing_colon(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> tuple[int, str] | None:
    """(line, key) of a key written without its ':' that made the parser fail later, if so."""
    words = f"{exc.problem or ''} {exc.context or ''}"
    if "simple key" in words and exc.context_mark is not None and exc.context_mark.line + 1 < line:
        start = exc.context_mark.line + 1
        key = lines[start - 1].strip() if start <= len(lines) else ""
        return (start, key) if key and ":" not in key else None
    if "mapping values are not allowed" in words:
        prev = next((i for i in range(line - 1, 0, -1) if lines[i - 1].strip()), 0)
        above = lines[prev - 1].strip() if prev else ""
        if prev and above and ":" not in above and not above.startswith(("-", "#", "[", "{")):
            return prev, above
    return None


def syntax_error(text: str, exc: yaml.MarkedYAMLError, filename: str) -> Diagnostic:
    """One located ``S-YAML`` diagnostic for a parse failure, with snippet and hint."""
    mark = exc.problem_mark or exc.context_mark
    message = (exc.problem or "YAML syntax error").strip()
    if exc.context and exc.problem:
        message = f"{message} ({exc.context.strip()})"
    if mark is None:
        return error("S-YAML", message, Location(filename))
    lines = _lines(text)
    line, column = mark.line + 1, mark.column + 1
    ctx = exc.context_mark
    missing = _missing_colon(exc, lines, line)
    if missing is not None:  # the mistake is on an earlier line: point there
        key_line, key = missing
        key_text = terminal(key[:60], keep="")
        column = len(lines[key_line - 1].rstrip()) + 1
        body = snippet(text, key_line, column)
        return error("S-YAML", f"expected ':' after '{key_text}' ({message})\n{body}",
                     Location(filename, key_line, column),
                     hint=f"a key needs a ':' — YAML read line {key_line} and the line{'s' if line - key_line > 1 else ''}"
                          f" below as one text", related=(Location(filename, line, mark.column + 1),))
    related: tuple[Location, ...] = ()
    if ctx is not None and ctx.line + 1 != line:
        related = (Location(filename, ctx.line + 1, ctx.column + 1),)
    body = snippet(text, line, column, ctx.line + 1 if ctx is not None else None)
    return error("S-YAML", f"{message}\n{body}", Location(filename, line, column),
                 hint=_hint(exc, lines, line), related=related)
