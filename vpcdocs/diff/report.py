"""The result of ``vpcdocs diff``: one immutable :class:`DiffReport` every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..model import Topology
from .findings import FindingsDiff, diff_findings
from .reachability import ReachChange, diff_reachability
from .resources import ResourceChange, diff_expectations, diff_resources
from .revisions import Side
from .routes import TableChange, diff_routes, diff_tgw_routes

MARKER = "<!-- vpcdocs-diff -->"


@dataclass(frozen=True)
class DiagramFile:
    """A diff diagram written to disk: ``name`` is the file name inside the diagrams folder."""

    name: str
    title: str
    vpc: str | None = None  # None for the overview

    def to_json(self) -> dict:
        return {"name": self.name, "title": self.title, "vpc": self.vpc}


@dataclass(frozen=True)
class SideErrors:
    side: str  # "base" | "head"
    label: str
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class DiffReport:
    base: str
    head: str
    resources: tuple[ResourceChange, ...] = ()
    routes: tuple[TableChange, ...] = ()
    reachability: tuple[ReachChange, ...] = ()
    findings: FindingsDiff = field(default_factory=FindingsDiff)
    expectations_added: tuple[str, ...] = ()
    expectations_removed: tuple[str, ...] = ()
    errors: tuple[SideErrors, ...] = ()
    diagrams: tuple[DiagramFile, ...] = ()
    notes: tuple[str, ...] = ()

    # ------------------------------------------------------------------ summary facts

    @property
    def route_rows(self):
        return [r for t in self.routes for r in t.rows]

    def counts(self) -> dict:
        res = {c: sum(1 for r in self.resources if r.change == c) for c in ("added", "removed", "changed")}
        rows = {c: sum(1 for r in self.route_rows if r.change == c) for c in ("added", "removed", "changed")}
        reach = {c: sum(1 for r in self.reachability if r.change == c) for c in ("opened", "closed", "path")}
        return {"resources": res, "route_rows": rows,
                "associations": sum(len(t.associations_added) + len(t.associations_removed) for t in self.routes),
                "reachability": reach,
                "findings": {"introduced": len(self.findings.introduced), "resolved": len(self.findings.resolved)},
                "expectations": {"added": len(self.expectations_added), "removed": len(self.expectations_removed)}}

    @property
    def empty(self) -> bool:
        return not (self.resources or self.routes or self.reachability or self.findings.introduced
                    or self.findings.resolved or self.expectations_added or self.expectations_removed
                    or self.errors)

    @property
    def expectations_changed(self) -> bool:
        return bool(self.expectations_added or self.expectations_removed)

    @property
    def unexpected_reachability_change(self) -> bool:
        """Flows start or stop working but the ``expect:`` list was not updated (``--exit-code``)."""
        return any(r.change != "path" for r in self.reachability) and not self.expectations_changed

    def summary(self) -> str:
        """One line: ``2 resources added, 1 changed · 3 route rows added · 1 flow opened · …``."""
        c = self.counts()
        parts = []

        def group(noun: str, items: dict, plural: str | None = None) -> None:
            bits = [f"{n} {verb}" for verb, n in items.items() if n]
            if bits:
                total = sum(items.values())
                word = noun if total == 1 else (plural or noun + "s")
                parts.append(f"{word}: " + ", ".join(bits))

        group("resource", c["resources"])
        group("route row", c["route_rows"])
        if c["associations"]:
            parts.append(f"{c['associations']} association change{'s' if c['associations'] != 1 else ''}")
        group("flow", c["reachability"])
        group("lint finding", c["findings"])
        group("expectation", c["expectations"])
        if self.errors:
            parts.insert(0, "spec errors on " + " and ".join(e.side for e in self.errors))
        return " · ".join(parts) if parts else "no network changes"

    def to_json(self) -> dict:
        return {
            "base": self.base,
            "head": self.head,
            "summary": self.summary(),
            "counts": self.counts(),
            "unexpected_reachability_change": self.unexpected_reachability_change,
            "resources": [r.to_json() for r in self.resources],
            "routes": [t.to_json() for t in self.routes],
            "reachability": [r.to_json() for r in self.reachability],
            "findings": self.findings.to_json(),
            "expectations": {"added": list(self.expectations_added), "removed": list(self.expectations_removed)},
            "errors": [{"side": e.side, "label": e.label,
                        "diagnostics": [{"code": d.code, "message": d.message, "location": str(d.location)}
                                        for d in e.diagnostics]} for e in self.errors],
            "diagrams": [d.to_json() for d in self.diagrams],
            "notes": list(self.notes),
        }


def diff_topologies(base: Topology, head: Topology, base_label: str = "base", head_label: str = "head",
                    base_diagnostics=(), head_diagnostics=(), reachability: bool = True) -> DiffReport:
    """Compare two loaded topologies."""
    notes: list[str] = []
    reach: tuple[ReachChange, ...] = ()
    if reachability:
        try:
            reach = diff_reachability(base, head)
        except Exception as exc:  # never a traceback for the user: report what still works
            notes.append(f"reachability not compared: {type(exc).__name__}: {exc}")
    findings = diff_findings(base, head, base_diagnostics, head_diagnostics)
    exp_added, exp_removed = diff_expectations(base, head)
    return DiffReport(
        base=base_label,
        head=head_label,
        resources=diff_resources(base, head),
        routes=diff_routes(base, head) + diff_tgw_routes(base, head),
        reachability=reach,
        findings=findings,
        expectations_added=exp_added,
        expectations_removed=exp_removed,
        notes=tuple(notes) + findings.notes,
    )


def diff_sides(base: Side, head: Side) -> tuple[DiffReport, Topology, Topology]:
    """Load both sides and compare them. Load errors are reported in the result; the analysis
    then runs on what could be built, which may be partial."""
    rb, rh = base.load(), head.load()
    errors = tuple(SideErrors(name, side.label, tuple(res.errors))
                   for name, side, res in (("base", base, rb), ("head", head, rh)) if res.errors)
    if errors:  # a half-built topology would show phantom removals: report the errors only
        return (DiffReport(base.label, head.label, errors=errors,
                           notes=("the network diff is not computed until both sides load without errors",)),
                rb.topology, rh.topology)
    report = diff_topologies(rb.topology, rh.topology, base.label, head.label, rb.diagnostics, rh.diagnostics)
    return report, rb.topology, rh.topology
