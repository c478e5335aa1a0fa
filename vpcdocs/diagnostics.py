"""Located problems: what every stage reports instead of raising.

A :class:`Diagnostic` carries a stable code, a severity, a message a person can act on,
the spec location it is about and, where one helps, a hint. Loaders, the validator and the
lint checks all produce them; the command line prints them as
``specs/file.yaml:LINE:COL: error[CODE]: message``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Location:
    """A position in a spec file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column or 1}"
        return self.file


UNKNOWN_LOCATION = Location("<unknown>")


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    location: Location = UNKNOWN_LOCATION
    hint: str | None = None
    rule: str | None = None  # AWS rule ID from the reference, e.g. "GWE-4"
    resource: str | None = None  # id of the resource it is about, for suppressions and links
    related: tuple[Location, ...] = field(default=())

    def format(self) -> str:
        text = f"{self.location}: {self.severity.value}[{self.code}]: {self.message}"
        if self.rule:
            text += f" ({self.rule})"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        for loc in self.related:
            text += f"\n  see: {loc}"
        return text

    @property
    def sort_key(self) -> tuple:
        return (self.location.file, self.location.line, self.location.column, self.code, self.message)


def error(code: str, message: str, location: Location, **kw) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, location, **kw)


def warning(code: str, message: str, location: Location, **kw) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, location, **kw)


def info(code: str, message: str, location: Location, **kw) -> Diagnostic:
    return Diagnostic(code, Severity.INFO, message, location, **kw)


def sort_diagnostics(diags) -> list[Diagnostic]:
    """Stable, de-duplicated order: by file, line, column, code."""
    seen = set()
    out = []
    for d in sorted(diags, key=lambda d: d.sort_key):
        key = (d.code, d.location, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def did_you_mean(word: str, candidates) -> str | None:
    """A hint naming the closest candidate, or None."""
    import difflib

    cands = sorted(set(candidates))
    match = difflib.get_close_matches(word, cands, n=1, cutoff=0.6)
    if match:
        return f"did you mean '{match[0]}'?"
    return None
