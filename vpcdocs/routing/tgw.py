"""Effective transit gateway route tables: static routes plus what propagations add.

A TGW route table holds its static and blackhole routes and, for each propagating
attachment, a route per CIDR of the attached VPC (or per prefix a VPN / Direct Connect
attachment advertises) — TGW-4. For one destination the TGW-6 order decides which route is
used: static (blackhole included) > VPC-propagated > Direct Connect > Connect > VPN; the
others are kept but marked ``selected=False`` (the console hides them).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from ..diagnostics import UNKNOWN_LOCATION, Location
from ..model import TgwRouteTable, Topology

# TGW-6: lower wins for an identical destination. Static routes rank 0.
PROPAGATION_RANK = {"vpc": 2, "direct-connect": 3, "connect": 4, "vpn": 5, "peering": 6}


@dataclass(frozen=True)
class TgwEffectiveRoute:
    destination: str
    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    attachment: str | None  # None for a blackhole route
    origin: str  # "static" | "propagated"
    blackhole: bool
    rank: int  # TGW-6 order, 0 = static
    selected: bool = True  # False: another route for the same destination wins (TGW-6)
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)

    @property
    def state(self) -> str:
        return "blackhole" if self.blackhole else "active"

    @property
    def target(self) -> str:
        return "blackhole" if self.blackhole else (self.attachment or "")


@dataclass(frozen=True)
class EffectiveTgwRouteTable:
    id: str
    transit_gateway: str
    associations: tuple[str, ...]
    propagations: tuple[str, ...]
    routes: tuple[TgwEffectiveRoute, ...]  # sorted by destination, then TGW-6 rank

    @property
    def selected_routes(self) -> tuple[TgwEffectiveRoute, ...]:
        return tuple(r for r in self.routes if r.selected)


def _sort_key(route: TgwEffectiveRoute) -> tuple:
    net = route.network
    return (net.version, int(net.network_address), net.prefixlen, route.rank, route.attachment or "")


def effective_tgw_route_table(topology: Topology, table: TgwRouteTable) -> EffectiveTgwRouteTable:
    routes = [
        TgwEffectiveRoute(r.destination, r.network, r.attachment, "static", r.blackhole, 0, loc=r.loc)
        for r in table.routes if r.network is not None
    ]
    for att_id in table.propagations:
        att = topology.get("tgw-attachment", att_id)
        if att is None:
            continue
        if att.type == "vpc" and att.vpc:
            vpc = topology.get("vpc", att.vpc)
            cidrs = vpc.all_cidrs if vpc is not None else ()
        else:
            cidrs = att.cidrs
        rank = PROPAGATION_RANK.get(att.type, 6)
        routes += [TgwEffectiveRoute(str(c), c, att.id, "propagated", False, rank, loc=att.loc) for c in cidrs]
    best: dict = {}
    for r in routes:
        cur = best.get(r.network)
        if cur is None or (r.rank, not r.blackhole, r.attachment or "") < (cur.rank, not cur.blackhole,
                                                                           cur.attachment or ""):
            best[r.network] = r
    marked = [r if best[r.network] is r else _unselected(r) for r in routes]
    return EffectiveTgwRouteTable(table.id, table.transit_gateway, table.associations, table.propagations,
                                  tuple(sorted(marked, key=_sort_key)))


def _unselected(route: TgwEffectiveRoute) -> TgwEffectiveRoute:
    return TgwEffectiveRoute(route.destination, route.network, route.attachment, route.origin, route.blackhole,
                             route.rank, selected=False, loc=route.loc)


def effective_tgw_route_tables(topology: Topology) -> tuple[EffectiveTgwRouteTable, ...]:
    tables = sorted(topology.tgw_route_tables, key=lambda t: (t.transit_gateway, t.id))
    return tuple(effective_tgw_route_table(topology, t) for t in tables)
