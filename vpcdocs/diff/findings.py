"""Lint findings introduced and resolved by a change.

Findings are the loader's warnings, :func:`vpcdocs.analysis.lint.run_lint` and the
``expect:`` checks (:func:`vpcdocs.analysis.reach.check_expectations`) of each side. They are
matched by (code, severity, resource, message) — never by location, so a finding that only
moved with its file is neither introduced nor resolved. What is left on both sides with the
same code, severity and resource is one finding whose words changed (``reworded``: was, now):
an aggregated finding such as ``L-TGW-RETURN`` counts the VPCs it affects, and one VPC more
in a transit gateway domain rewords it without resolving anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..model import Topology


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    resource: str | None = None
    location: str = ""  # where it is now (introduced) or was (resolved)
    rule: str | None = None

    @classmethod
    def of(cls, d: Diagnostic) -> Finding:
        return cls(d.code, d.severity.value, str(d.message), d.resource,
                   str(d.location) if d.location != Location("<unknown>") else "", d.rule)

    @property
    def key(self) -> tuple[str, ...]:
        return (self.code, self.severity, self.resource or "", self.message)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "resource": self.resource, "location": self.location, "rule": self.rule}


@dataclass(frozen=True)
class FindingsDiff:
    introduced: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. lint unavailable
    reworded: tuple[tuple[Finding, Finding], ...] = ()  # (was, now): same code, severity and resource

    def __bool__(self) -> bool:
        return bool(self.introduced or self.resolved or self.reworded)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"introduced": [f.to_json() for f in self.introduced],
               "resolved": [f.to_json() for f in self.resolved],
               "reworded": [{"was": was.to_json(), "now": now.to_json()} for was, now in self.reworded]}
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def collect(topology: Topology, loader_diagnostics: Iterable[Diagnostic] = ()) -> tuple[list[Diagnostic], list[str]]:
    """Every finding of one side (the one findings pipeline), and notes about checks that
    could not run (none: kept for the report's shape)."""
    from ..analysis.findings import collect_findings

    return collect_findings(topology, [d for d in loader_diagnostics if d.severity.value != "error"]), []


def _order(f: Finding) -> tuple[Any, ...]:
    rank = {"error": 0, "warning": 1, "info": 2}.get(f.severity, 3)
    return (rank, f.code, f.resource or "", f.message, f.location)


def diff_findings(base: Topology, head: Topology, base_diags: Iterable[Diagnostic] = (),
                  head_diags: Iterable[Diagnostic] = ()) -> FindingsDiff:
    old, notes_b = collect(base, base_diags)
    new, notes_h = collect(head, head_diags)
    fb = [Finding.of(d) for d in old]
    fh = [Finding.of(d) for d in new]
    cb = Counter(f.key for f in fb)
    ch = Counter(f.key for f in fh)
    intro_keys = ch - cb
    resolved_keys = cb - ch
    introduced, resolved = [], []
    for f in fh:
        if intro_keys[f.key] > 0:
            intro_keys[f.key] -= 1
            introduced.append(f)
    for f in fb:
        if resolved_keys[f.key] > 0:
            resolved_keys[f.key] -= 1
            resolved.append(f)
    # what is left on both sides about the same thing (code, severity, resource): reworded
    gone: dict[tuple[str, ...], list[Finding]] = {}
    for f in resolved:
        gone.setdefault(f.key[:3], []).append(f)
    reworded: list[tuple[Finding, Finding]] = []
    still_new: list[Finding] = []
    for f in introduced:
        same = gone.get(f.key[:3])
        if same and f.resource:
            reworded.append((same.pop(0), f))
        else:
            still_new.append(f)
    left = [f for fs in gone.values() for f in fs]
    notes = tuple(sorted(set(notes_b) | set(notes_h)))
    return FindingsDiff(tuple(sorted(still_new, key=_order)), tuple(sorted(left, key=_order)), notes,
                        tuple(sorted(reworded, key=lambda pair: _order(pair[1]))))
