"""The registry of lint checks and the context they run in.

A check is a function ``check(ctx: LintContext) -> Iterable[Diagnostic]`` decorated with
:func:`lint_check`. It builds findings with :meth:`LintContext.finding`, which takes the
severity, AWS rule ID and hint from the catalogue, so a code is described in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ...diagnostics import Diagnostic, Location, Severity
from ...model import Subnet, Topology
from ...routing import DataPlane, EffectiveRoute, EffectiveRouteTable, dataplane, longest_route
from .catalogue import RULES

CheckFn = Callable[["LintContext"], Iterable[Diagnostic]]

CHECKS: list[CheckFn] = []


def lint_check(fn: CheckFn) -> CheckFn:
    """Register ``fn`` as a lint check (module import order = run order; output is sorted anyway)."""
    CHECKS.append(fn)
    return fn


@dataclass
class LintContext:
    topology: Topology
    _cache: dict = field(default_factory=dict)

    # ------------------------------------------------------------------ findings

    def finding(self, code: str, message: str, location: Location, resource: str | None, *,
                severity: Severity | None = None, rule: str | None = None, hint: str | None = None,
                related: Iterable[Location] = ()) -> Diagnostic:
        spec = RULES[code]
        return Diagnostic(
            code=code,
            severity=severity or spec.severity,
            message=message,
            location=location,
            hint=hint or spec.hint,
            rule=rule or (spec.rules[0] if spec.rules else None),
            resource=resource,
            related=tuple(loc for loc in related if loc is not None),
        )

    # ------------------------------------------------------------------ derived facts

    @cached_property
    def dp(self) -> DataPlane:
        """The data plane every check reads (never a fact derived here)."""
        return dataplane(self.topology)

    @cached_property
    def effective(self) -> dict[str, EffectiveRouteTable]:
        return {t.id: t for t in self.dp.route_tables}

    def subnets_using(self, table_id: str) -> tuple[Subnet, ...]:
        """Subnets whose traffic this table routes (explicit associations plus main-table users)."""
        eff = self.effective.get(table_id)
        if eff is None:
            return ()
        return tuple(s for s in (self.topology.get("subnet", sid) for sid in eff.subnets) if s is not None)

    def static_routes(self):
        """(table, route) for every user-written route of every table."""
        for table in self.topology.route_tables:
            for route in table.routes:
                yield table, route


def lpm(routes: Iterable[EffectiveRoute], network) -> EffectiveRoute | None:
    """The route a whole ``network`` follows among ``routes`` (the data plane's longest-prefix
    match, RT-PRI-1..3)."""
    return longest_route(routes, network)


def overlaps(a, b) -> bool:
    return a.version == b.version and a.overlaps(b)
