"""The result of ``vpcdocs diff``: one immutable :class:`DiffReport` every renderer reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..diagnostics import Diagnostic
from ..model import Topology
from .causes import FlowGroup, changed_objects, group_flows
from .findings import FindingsDiff, diff_findings
from .flows import ReachChange
from .reachability import diff_reachability
from .resources import ResourceChange, diff_expectations, diff_resources
from .revisions import Side
from .routes import RowChange, TableChange, diff_routes, diff_tgw_routes
from .rules import RuleChange, diff_rules
from .scope import FULL, Scope, change_scope
from .services import ServiceChange, diff_services

MARKER = "<!-- vpcdocs-diff -->"


@dataclass(frozen=True)
class DiagramFile:
    """A diff diagram written to disk: ``name`` is the file name inside the diagrams folder."""

    name: str
    title: str
    vpc: str | None = None  # None for the overview

    def to_json(self) -> dict[str, object]:
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
    services: tuple[ServiceChange, ...] = ()
    rules: tuple[RuleChange, ...] = ()
    findings: FindingsDiff = field(default_factory=FindingsDiff)
    expectations_added: tuple[str, ...] = ()
    expectations_removed: tuple[str, ...] = ()
    errors: tuple[SideErrors, ...] = ()
    diagrams: tuple[DiagramFile, ...] = ()
    notes: tuple[str, ...] = ()
    scope: Scope = FULL

    # ------------------------------------------------------------------ summary facts

    @property
    def route_rows(self) -> list[RowChange]:
        return [r for t in self.routes for r in t.rows]

    @cached_property
    def groups(self) -> tuple[FlowGroup, ...]:
        """The reachability changes grouped by the changed object that explains them."""
        return group_flows(self.reachability, changed_objects(self.resources, self.routes))

    @property
    def rule_flows(self) -> list[ReachChange]:
        return [f for r in self.rules for f in r.flows]

    def counts(self) -> dict[str, object]:
        res = {c: sum(1 for r in self.resources if r.change == c) for c in ("added", "removed", "changed")}
        rows = {c: sum(1 for r in self.route_rows if r.change == c) for c in ("added", "removed", "changed")}
        reach = {c: sum(1 for r in self.reachability if r.change == c) for c in ("opened", "closed", "path")}
        rule_flows = {c: sum(1 for f in self.rule_flows if f.change == c)
                      for c in ("opened", "closed", "path", "blocked")}
        return {"resources": res, "route_rows": rows,
                "associations": sum(len(t.associations_added) + len(t.associations_removed) for t in self.routes),
                "reachability": reach,
                "service_paths": len(self.services),
                "security_rules": {"changed": len(self.rules), "flows": rule_flows},
                "findings": {"introduced": len(self.findings.introduced), "resolved": len(self.findings.resolved),
                             "reworded": len(self.findings.reworded)},
                "expectations": {"added": len(self.expectations_added), "removed": len(self.expectations_removed)}}

    @property
    def empty(self) -> bool:
        return not (self.resources or self.routes or self.reachability or self.services or self.rules
                    or self.findings or self.expectations_added
                    or self.expectations_removed or self.errors)

    @property
    def expectations_changed(self) -> bool:
        return bool(self.expectations_added or self.expectations_removed)

    @property
    def flows_start_or_stop(self) -> bool:
        """Some flow starts or stops working (any traffic, or a security rule's traffic)."""
        return any(f.change in ("opened", "closed") for f in (*self.reachability, *self.rule_flows))

    @property
    def unexpected_reachability_change(self) -> bool:
        """Flows start or stop working but the ``expect:`` list was not updated (``--exit-code``)."""
        return self.flows_start_or_stop and not self.expectations_changed

    def summary(self) -> str:
        """One line: ``resources: 2 added, 1 changed · route rows: 3 added · flows: 1 opened · …``."""
        c: dict = self.counts()
        parts = []

        def group(noun: str, items: dict[str, int], plural: str | None = None) -> None:
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
        if self.services:
            n = len(self.services)
            parts.append(f"{n} service path{'s' if n != 1 else ''} changed")
        if self.rules:
            n = len(self.rules)
            moved = [f"{v} flow{'s' if v != 1 else ''} {k}" for k, v in c["security_rules"]["flows"].items()
                     if v and k != "blocked"]
            extra = f" ({', '.join(moved)})" if moved else ""
            parts.append(f"{n} security rule{'s' if n != 1 else ''} changed{extra}")
        group("lint finding", c["findings"])
        group("expectation", c["expectations"])
        if self.errors:
            parts.insert(0, "spec errors on " + " and ".join(e.side for e in self.errors))
        return " · ".join(parts) if parts else "no network changes"

    def to_json(self) -> dict[str, object]:
        return {
            "base": self.base,
            "head": self.head,
            "summary": self.summary(),
            "counts": self.counts(),
            "unexpected_reachability_change": self.unexpected_reachability_change,
            "resources": [r.to_json() for r in self.resources],
            "routes": [t.to_json() for t in self.routes],
            "reachability": [r.to_json() for r in self.reachability],
            "reachability_groups": [g.to_json() for g in self.groups],
            "service_paths": [s.to_json() for s in self.services],
            "security_rules": [r.to_json() for r in self.rules],
            "findings": self.findings.to_json(),
            "expectations": {"added": list(self.expectations_added), "removed": list(self.expectations_removed)},
            "errors": [{"side": e.side, "label": e.label,
                        "diagnostics": [{"code": d.code, "message": d.message, "location": str(d.location)}
                                        for d in e.diagnostics]} for e in self.errors],
            "diagrams": [d.to_json() for d in self.diagrams],
            "notes": list(self.notes),
            "scope": {"all_pairs": self.scope.full, "reason": self.scope.reason,
                      "vpcs": sorted(self.scope.vpcs)},
        }


def diff_topologies(base: Topology, head: Topology, base_label: str = "base", head_label: str = "head",
                    base_diagnostics: Iterable[Diagnostic] = (), head_diagnostics: Iterable[Diagnostic] = (),
                    reachability: bool = True, all_pairs: bool = False) -> DiffReport:
    """Compare two loaded topologies. Flows are asked about only for the pairs the change
    can affect (:mod:`.scope`), the same result as ``all_pairs=True``."""
    notes: list[str] = []
    resources = diff_resources(base, head)
    routes = diff_routes(base, head) + diff_tgw_routes(base, head)
    scope = FULL if all_pairs else change_scope(resources, routes, base, head)
    reach: tuple[ReachChange, ...] = ()
    services: tuple[ServiceChange, ...] = ()
    rules: tuple[RuleChange, ...] = ()
    if reachability and (resources or routes):
        try:
            reach = diff_reachability(base, head, scope)
            services = diff_services(base, head, scope)
            rules = diff_rules(base, head, resources)
        except Exception as exc:  # never a traceback for the user: report what still works
            notes.append(f"reachability not compared: {type(exc).__name__}: {exc}")
    findings = diff_findings(base, head, base_diagnostics, head_diagnostics)
    exp_added, exp_removed = diff_expectations(base, head)
    return DiffReport(
        base=base_label,
        head=head_label,
        resources=resources,
        routes=routes,
        reachability=reach,
        services=services,
        rules=rules,
        findings=findings,
        expectations_added=exp_added,
        expectations_removed=exp_removed,
        notes=tuple(notes) + findings.notes,
        scope=scope,
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
