"""Markdown building blocks of the pull-request comment: escaped text, cells, tables under a
row budget, ``<details>`` sections.

Everything from a spec (ids, names, descriptions, the engine's sentences that quote them)
passes through one of the escapers here, which also neutralise ``@mentions``, ``#123``
references and bare URLs (:func:`vpcdocs.render.escape.neutralise_mentions`). Text inside a
``<summary>`` line sits in an HTML block, where GitHub does not read markdown: it is
HTML-escaped (:func:`html`) or inline code (:func:`code`), never backslash-escaped.
"""

from __future__ import annotations

from ..escape import html_text, md_cell, neutralise_mentions
from ..escape import md_code as _md_code
from ..escape import md_text as _md_text

CELL_LIMIT = 600  # characters of one table cell before it is cut


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text(value: object) -> str:
    """Spec text in markdown: escaped, and no @mention, #reference or autolink stays live."""
    return neutralise_mentions(_md_text(value))


def code(value: object) -> str:
    """An id as inline code (safe in markdown, tables and HTML blocks alike)."""
    return neutralise_mentions(_md_code(clip(str(value))))


def html(value: object) -> str:
    """Spec text inside an HTML block (a ``<summary>``)."""
    return neutralise_mentions(html_text(value))


def cell(value: object) -> str:
    return neutralise_mentions(md_cell(clip(str(value))))


def codes(values: list[str] | tuple[str, ...], limit: int = 8) -> str:
    """``a``, ``b`` and 3 more — ids as code, for a cell."""
    shown = ", ".join(code(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


class Budget:
    """Row cap for every table and list (None: all) and what the cap left out."""

    def __init__(self, cap: int | None):
        self.cap = cap
        self.hidden = 0

    def take(self, rows: list) -> tuple[list, int]:
        if self.cap is None or len(rows) <= self.cap:
            return rows, 0
        left = len(rows) - self.cap
        self.hidden += left
        return rows[: self.cap], left


def left_out(n: int, what: str = "row") -> str:
    return f"… and {n} more {what}{'s' if n != 1 else ''} (cut to fit the comment limit)"


def table(header: list[str], rows: list[list[str]], budget: Budget) -> list[str]:
    shown, left = budget.take(rows)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in shown]
    if left:
        lines += ["", left_out(left)]
    return lines


def details(summary: str, body: list[str], open_: bool = False, bold: bool = True) -> list[str]:
    """A collapsible section; ``summary`` is HTML (escape spec text with :func:`html`)."""
    shown = f"<b>{summary}</b>" if bold else summary
    return [f"<details{' open' if open_ else ''}>", f"<summary>{shown}</summary>", "", *body, "", "</details>", ""]


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
