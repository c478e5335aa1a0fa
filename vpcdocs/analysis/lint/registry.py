"""The registry of lint checks and the context they run in.

A check is a function ``check(ctx: LintContext) -> Iterable[Diagnostic]`` decorated with
:func:`lint_check`. It builds findings with :meth:`LintContext.finding`, which takes the
severity, AWS rule ID and hint from the catalogue, so a code is described in one place.

Checks read network facts from the data plane (``ctx.dp``: effective route tables, the one
longest-prefix match, subnet → table, subnet class, TGW associations with the TGW-5
defaults, NACLs, security groups, interfaces, neighbours) and ask the reachability engine
(``ctx.reach``) whenever they ask "can X reach Y" — never a fact of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ...diagnostics import Diagnostic, Location, Severity
from ...model import Route, RouteTable, Subnet, Topology
from ...routing import DataPlane, Dest, EffectiveRoute, EffectiveRouteTable, Interface, dataplane
from .catalogue import RULES

if TYPE_CHECKING:
    from ..reach import Reachability

CheckFn = Callable[["LintContext"], Iterable[Diagnostic]]

CHECKS: list[CheckFn] = []


def lint_check(fn: CheckFn) -> CheckFn:
    """Register ``fn`` as a lint check (module import order = run order; output is sorted anyway)."""
    CHECKS.append(fn)
    return fn


@dataclass
class LintContext:
    topology: Topology

    # ------------------------------------------------------------------ findings

    def finding(self, code: str, message: str, location: Location, resource: str | None, *,
                severity: Severity | None = None, rule: str | None = None, hint: str | None = None,
                related: Iterable[Location | None] = ()) -> Diagnostic:
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

    # ------------------------------------------------------------------ what checks read

    @cached_property
    def dp(self) -> DataPlane:
        """The data plane every check reads (never a fact derived here)."""
        return dataplane(self.topology)

    @cached_property
    def reach(self) -> Reachability:
        """The reachability engine of the topology (the same answers ``vpcdocs reach`` gives)."""
        from ..reach import reachability  # reach imports the catalogue: import it when first asked

        return reachability(self.topology)

    @cached_property
    def effective(self) -> dict[str, EffectiveRouteTable]:
        return {t.id: t for t in self.dp.route_tables}

    @cached_property
    def _interfaces_by_owner(self) -> dict[str, tuple[Interface, ...]]:
        out: dict[str, list[Interface]] = {}
        for iface in self.dp.interfaces:
            out.setdefault(iface.owner, []).append(iface)
        return {k: tuple(v) for k, v in out.items()}

    def interfaces_of(self, owner: str) -> tuple[Interface, ...]:
        """The data plane's interfaces of ``owner`` (``dp.interfaces_of``, indexed once)."""
        return self._interfaces_by_owner.get(owner, ())

    def subnets_using(self, table_id: str) -> tuple[Subnet, ...]:
        """Subnets whose traffic this table routes (explicit associations plus main-table users)."""
        eff = self.effective.get(table_id)
        if eff is None:
            return ()
        return tuple(s for s in (self.topology.get("subnet", sid) for sid in eff.subnets) if s is not None)

    def select(self, table_id: str, dest: Dest) -> EffectiveRoute | None:
        """The route of a VPC route table that carries ``dest`` (the data plane's LPM)."""
        selector = self.dp.selector(table_id)
        return selector.select(dest) if selector is not None else None

    def internet_route(self, table_id: str, version: int = 4) -> EffectiveRoute | None:
        """The route internet traffic of IP ``version`` takes from this table."""
        return self.select(table_id, Dest("internet", version=version))

    def static_routes(self) -> Iterator[tuple[RouteTable, Route]]:
        """(table, route) for every user-written route of every table (what the spec says)."""
        for table in self.topology.route_tables:
            for route in table.routes:
                yield table, route
