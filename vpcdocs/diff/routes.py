"""Route-table rows added, removed and changed — the effective tables, derived rows included.

Both sides read the data plane (:func:`vpcdocs.routing.dataplane`), so a new gateway
endpoint association shows as its new ``prefix list → endpoint`` row, a new VPC CIDR as its
``local`` row, and a peering that stops being active as rows turning ``blackhole``.

Tables are matched by id. Within a table a row is keyed by its destination (AWS allows one
route per destination): same destination with another target, state or origin is a
*changed* row. Subnet associations (explicit and implicit main-table ones) are compared too,
so moving a subnet between tables shows on both tables.

Transit gateway route tables are compared the same way: their static and blackhole routes
plus the rows their propagations derive (each propagating VPC attachment's VPC CIDRs, each
VPN / Direct Connect attachment's advertised prefixes), with attachment associations in place
of subnet associations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..model import TgwRouteTable, Topology
from ..routing import EffectiveRoute, dataplane


@dataclass(frozen=True)
class RouteRow:
    destination: str
    target: str
    target_type: str
    origin: str  # local | static | gateway-endpoint | propagated
    state: str  # active | blackhole
    reason: str | None = None

    @property
    def derived(self) -> bool:
        return self.origin in ("local", "gateway-endpoint")

    @classmethod
    def of(cls, route: EffectiveRoute) -> RouteRow:
        return cls(route.destination, route.target, route.target_type, route.origin, route.state, route.reason)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"destination": self.destination, "target": self.target, "target_type": self.target_type,
               "origin": self.origin, "derived": self.derived, "state": self.state}
        if self.reason:
            out["reason"] = self.reason
        return out

    def text(self) -> str:
        extra = []
        if self.derived:
            extra.append(f"derived: {self.origin}")
        if self.state != "active":
            extra.append(self.state)
        return f"{self.destination} → {self.target}" + (f" ({', '.join(extra)})" if extra else "")


@dataclass(frozen=True)
class RowChange:
    change: str  # added | removed | changed
    before: RouteRow | None
    after: RouteRow | None

    @property
    def row(self) -> RouteRow:
        return self.after or self.before  # type: ignore[return-value]

    @property
    def destination(self) -> str:
        return self.row.destination

    @property
    def derived(self) -> bool:
        return self.row.derived

    def to_json(self) -> dict[str, Any]:
        return {"change": self.change, "destination": self.destination,
                "before": self.before.to_json() if self.before else None,
                "after": self.after.to_json() if self.after else None}


@dataclass(frozen=True)
class TableChange:
    """What changed in one route table. ``change`` is ``added``/``removed`` for a whole table
    (every row then listed as added/removed) or ``changed``."""

    table: str
    vpc: str  # the VPC, or the transit gateway for kind "tgw"
    change: str
    rows: tuple[RowChange, ...] = ()
    # subnets (kind "vpc") or attachments (kind "tgw") associated / no longer associated
    associations_added: tuple[str, ...] = ()
    associations_removed: tuple[str, ...] = ()
    main_before: bool | None = None
    main_after: bool | None = None
    kind: str = "vpc"  # "vpc" | "tgw"

    @property
    def main_changed(self) -> bool:
        return self.main_before is not None and self.main_after is not None and self.main_before != self.main_after

    def to_json(self) -> dict[str, Any]:
        owner = "vpc" if self.kind == "vpc" else "transit_gateway"
        assoc = "subnets" if self.kind == "vpc" else "attachments"
        out: dict[str, Any] = {"kind": self.kind, "table": self.table, owner: self.vpc, "change": self.change,
               "rows": [r.to_json() for r in self.rows],
               f"{assoc}_added": list(self.associations_added),
               f"{assoc}_removed": list(self.associations_removed)}
        if self.main_changed:
            out["main"] = {"before": self.main_before, "after": self.main_after}
        return out


def _by_destination(row: RouteRow) -> Any:
    return row.destination


def _keyed(rows: Iterable[RouteRow], key: Callable[[RouteRow], Any] = _by_destination
           ) -> dict[tuple[Any, int], RouteRow]:
    """Rows keyed by (key, n-th occurrence): duplicate destinations stay distinct."""
    seen: dict[Any, int] = defaultdict(int)
    out = {}
    for row in rows:
        k = key(row)
        n = seen[k]
        seen[k] += 1
        out[(k, n)] = row
    return out


def _table_rows(before: dict[tuple[Any, int], RouteRow], after: dict[tuple[Any, int], RouteRow]
                ) -> tuple[RowChange, ...]:
    # keep the console's order: rows of the head table, then vanished rows where they were
    order: dict = {}
    for i, key in enumerate(after):
        order[key] = (0, i)
    for i, key in enumerate(before):
        order.setdefault(key, (1, i))
    out = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (order[k], k)):
        b, a = before.get(key), after.get(key)
        if b == a:
            continue
        if b is None:
            out.append(RowChange("added", None, a))
        elif a is None:
            out.append(RowChange("removed", b, None))
        else:
            out.append(RowChange("changed", b, a))
    return tuple(out)


def diff_routes(base: Topology, head: Topology) -> tuple[TableChange, ...]:
    """Every route table whose rows or associations differ, sorted by VPC then table id."""
    old = {t.id: t for t in dataplane(base).route_tables}
    new = {t.id: t for t in dataplane(head).route_tables}
    out = []
    for tid in old.keys() | new.keys():
        o, n = old.get(tid), new.get(tid)
        rows = _table_rows(_keyed([RouteRow.of(r) for r in o.routes]) if o else {},
                           _keyed([RouteRow.of(r) for r in n.routes]) if n else {})
        subs_o = set(o.subnets) if o else set()
        subs_n = set(n.subnets) if n else set()
        change = "added" if o is None else "removed" if n is None else "changed"
        main_before = o.main if o else None
        main_after = n.main if n else None
        vpc = (n or o).vpc  # type: ignore[union-attr]
        if change == "changed" and not rows and subs_o == subs_n and main_before == main_after \
                and o.vpc == n.vpc:  # type: ignore[union-attr]
            continue
        out.append(TableChange(tid, vpc, change, rows, tuple(sorted(subs_n - subs_o)),
                               tuple(sorted(subs_o - subs_n)), main_before, main_after))
    return tuple(sorted(out, key=lambda t: (t.vpc, t.table)))



def tgw_rows(topology: Topology, table: TgwRouteTable) -> list[RouteRow]:
    """A TGW route table as rows: its effective routes, static and propagated (TGW-4, TGW-6)."""
    eff = dataplane(topology).tgw_table(table.id)
    return [RouteRow(r.destination, r.target, "blackhole" if r.blackhole else "tgw-attachment", r.origin, r.state)
            for r in (eff.routes if eff else ())]


def diff_tgw_routes(base: Topology, head: Topology) -> tuple[TableChange, ...]:
    """Every transit gateway route table whose rows or associations differ."""
    old = {t.id: t for t in base.tgw_route_tables}
    new = {t.id: t for t in head.tgw_route_tables}
    out = []

    def key(r: RouteRow) -> Any:
        return (r.destination, r.origin)

    for tid in old.keys() | new.keys():
        o, n = old.get(tid), new.get(tid)
        rows = _table_rows(_keyed(tgw_rows(base, o), key) if o else {},
                           _keyed(tgw_rows(head, n), key) if n else {})
        eff_o = dataplane(base).tgw_table(tid) if o else None
        eff_n = dataplane(head).tgw_table(tid) if n else None
        assoc_o = set(eff_o.associations) if eff_o else set()
        assoc_n = set(eff_n.associations) if eff_n else set()
        change = "added" if o is None else "removed" if n is None else "changed"
        if change == "changed" and not rows and assoc_o == assoc_n \
                and o.transit_gateway == n.transit_gateway:  # type: ignore[union-attr]
            continue
        out.append(TableChange(tid, (n or o).transit_gateway, change, rows,  # type: ignore[union-attr]
                               tuple(sorted(assoc_n - assoc_o)), tuple(sorted(assoc_o - assoc_n)), kind="tgw"))
    return tuple(sorted(out, key=lambda t: (t.vpc, t.table)))
