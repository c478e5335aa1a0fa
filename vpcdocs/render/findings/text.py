"""Findings as text: one ``FILE:LINE:COL: severity[CODE]: message`` block each, then a summary."""

from __future__ import annotations

from ...diagnostics import Diagnostic, Severity
from ..escape import terminal


def printable(text: str) -> str:
    """Ids and values quoted in messages come from the spec: show control characters as
    escapes instead of sending them to the terminal (see :func:`vpcdocs.render.escape.terminal`)."""
    return terminal(text, keep="\n")


def summary(diags: list[Diagnostic]) -> str:
    """``N errors, N warnings, N info``."""
    n = {s: sum(1 for d in diags if d.severity is s) for s in Severity}
    e, w = n[Severity.ERROR], n[Severity.WARNING]
    return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}, {n[Severity.INFO]} info"


def render(diags: list[Diagnostic], *, with_summary: bool = True) -> str:
    lines = [printable(d.format()) for d in diags]
    if with_summary:
        lines.append(summary(diags))
    return "".join(line + "\n" for line in lines)
