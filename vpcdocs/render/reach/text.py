"""Reachability for a terminal: an answer in a few lines, a matrix as a streamed grid."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ...analysis.reach import Answer, Cell, assumption_lines, reason
from ..escape import terminal


def answer_text(answer: Answer) -> str:
    """The answer: verdict, traffic, hops, replies, security checks, reason, assumptions."""
    t = terminal
    verdict = "reachable" if answer.reachable else f"NOT reachable ({answer.disposition.value})"
    lines = [f"{t(answer.source)} → {t(answer.destination)}: {verdict}"]
    if answer.traffic:
        allowed = f" — allowed: {answer.allowed}" if answer.allowed and answer.allowed != answer.traffic else ""
        lines.append(f"  traffic: {answer.traffic}{allowed}")
    for i, hop in enumerate(answer.path, 1):
        lines.append(f"  {i}. {t(str(hop))}")
    if answer.return_path:
        lines.append("  replies:")
        for i, hop in enumerate(answer.return_path, 1):
            lines.append(f"  {i}. {t(str(hop))}")
    if answer.steps:
        lines.append("  checks:")
        for s in answer.steps:
            rule = f" rule {s.rule}" if s.rule else ""
            lines.append(f"    {s.leg}: {s.kind} {t(','.join(s.ids))} at {t(s.at)} ({s.direction}) — "
                         f"{s.verdict}{t(rule)}")
    lines.append(f"  {t(reason(answer))}")
    for text in assumption_lines(answer.assumptions):
        lines.append(f"  assumes: {text}")
    if answer.rules:
        lines.append(f"  rules: {', '.join(answer.rules)}")
    if answer.explanation_codes:
        lines.append(f"  Reachability Analyzer: {', '.join(answer.explanation_codes)}")
    return "\n".join(lines)


def matrix_text_lines(rows: tuple[str, ...], columns: tuple[str, ...],
                      cells: Callable[[], Iterable[Cell]]) -> Iterator[str]:
    """A grid (``✓`` reachable, ``✗`` not) with numbered columns, then the reasons of the
    pairs that do not work. ``cells`` is called twice (grid, then reasons) and must yield the
    cells row by row; nothing is kept in memory between the two passes."""
    t = terminal
    width = max((len(t(r)) for r in rows), default=4)
    yield " " * width + "  " + " ".join(f"{i:>2}" for i in range(1, len(columns) + 1))
    line: list[str] = []
    row = None
    n = len(columns)
    for cell in cells():
        if cell.source != row:
            if row is not None:
                yield f"{t(row):<{width}}  " + " ".join(line)
            row, line = cell.source, []
        line.append(f"{'✓' if cell.reachable else '✗':>2}")
        if len(line) == n:
            yield f"{t(row):<{width}}  " + " ".join(line)
            row, line = None, []
    if row is not None and line:
        yield f"{t(row):<{width}}  " + " ".join(line)
    yield ""
    for i, c in enumerate(columns, 1):
        yield f"{i:>2}: {t(c)}"
    header = False
    for cell in cells():
        if cell.reachable or cell.source == cell.destination:
            continue
        if not header:
            yield ""
            yield "not reachable:"
            header = True
        yield f"  {t(cell.source)} → {t(cell.destination)} ({cell.disposition.value}): {t(cell.reason)}"
