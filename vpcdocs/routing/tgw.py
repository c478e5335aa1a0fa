"""Effective transit gateway route tables: associations, propagations and routes (TGW-4..6).

* Associations and propagations are what the spec lists, plus the TGW-5 defaults: an
  attachment the spec associates with no table is associated with its TGW's default
  association table; one that propagates into no table propagates into the default
  propagation table (peering attachments never propagate, TGW-4).
* Each propagating attachment adds a route per prefix it brings: a VPC attachment its VPC's
  CIDRs (IPv6 ones only with ``ipv6_support``, V6-8); a VPN attachment its connection's BGP
  prefixes (VGW-9); a Direct Connect attachment its gateway's prefixes; plus declared ``cidrs``.
* Static routes to an attachment or blackhole; a prefix-list reference becomes one route
  per entry (PL-7). A static route to a missing or unusable attachment, or one AWS reported
  as blackhole, is blackhole (RS-5).
* For one destination the TGW-6 order decides which route is used: static (blackhole
  included) > prefix list > VPC-propagated > Direct Connect > Connect > VPN; the others are
  kept with ``selected=False`` (the console hides them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import UNKNOWN_LOCATION, Location
from ..model import IPNetwork, TgwAttachment, TgwRouteTable, Topology, usable
from .prefix_lists import PrefixListIndex

# TGW-6: lower wins for an identical destination. Static routes rank 0.
PROPAGATION_RANK = {"vpc": 2, "direct-connect": 3, "connect": 4, "vpn": 5, "peering": 6}
PREFIX_LIST_RANK = 1

COMPUTED = {"tgw_tables": 0}


@dataclass(frozen=True)
class TgwEffectiveRoute:
    destination: str
    network: IPNetwork
    attachment: str | None  # None for a blackhole route
    origin: str  # "static" | "propagated"
    blackhole: bool
    rank: int  # TGW-6 order, 0 = static
    selected: bool = True  # False: another route for the same destination wins (TGW-6)
    prefix_list: str | None = None  # the list a PL-7 route came from
    reason: str | None = None  # why a static route is blackhole beyond "blackhole: true"
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)

    @property
    def state(self) -> str:
        return "blackhole" if self.blackhole else "active"

    @property
    def target(self) -> str:
        return "blackhole" if self.blackhole and not self.attachment else (self.attachment or "")

    @property
    def entries(self) -> tuple[IPNetwork, ...]:
        return (self.network,)


@dataclass(frozen=True)
class EffectiveTgwRouteTable:
    id: str
    transit_gateway: str
    associations: tuple[str, ...]  # explicit and default (TGW-5)
    propagations: tuple[str, ...]  # explicit and default (TGW-5)
    routes: tuple[TgwEffectiveRoute, ...]  # sorted by destination, then TGW-6 rank
    default_associations: tuple[str, ...] = ()  # those of ``associations`` that come from TGW-5
    default_propagations: tuple[str, ...] = ()

    @property
    def selected_routes(self) -> tuple[TgwEffectiveRoute, ...]:
        return tuple(r for r in self.routes if r.selected)


def _sort_key(route: TgwEffectiveRoute) -> tuple[object, ...]:
    net = route.network
    return (net.version, int(net.network_address), net.prefixlen, route.rank, route.attachment or "")


def association_map(topology: Topology) -> dict[str, str]:
    """attachment id -> the TGW route table it is associated with (explicit, else TGW-5)."""
    out: dict[str, str] = {}
    for table in sorted(topology.tgw_route_tables, key=lambda t: t.id):
        for att in table.associations:
            out.setdefault(att, table.id)
    tables = {t.id: t for t in topology.tgw_route_tables}
    for tgw in topology.transit_gateways:
        default = tgw.default_association_route_table
        if not default or default not in tables:
            continue
        for attachment in topology.attachments_of_tgw(tgw.id):
            out.setdefault(attachment.id, default)
    return out


def _default_propagations(topology: Topology) -> dict[str, list[str]]:
    """table id -> attachments that propagate into it only because of TGW-5."""
    explicit = {a for t in topology.tgw_route_tables for a in t.propagations}
    tables = {t.id for t in topology.tgw_route_tables}
    out: dict[str, list[str]] = {}
    for tgw in topology.transit_gateways:
        default = tgw.default_propagation_route_table
        if not default or default not in tables:
            continue
        for att in topology.attachments_of_tgw(tgw.id):
            if att.id not in explicit and att.type != "peering":
                out.setdefault(default, []).append(att.id)
    return out


def attachment_prefixes(topology: Topology, att: TgwAttachment) -> tuple[IPNetwork, ...]:
    """What an attachment propagates (TGW-4, V6-8, VGW-9)."""
    if att.type == "vpc":
        vpc = topology.get("vpc", att.vpc) if att.vpc else None
        if vpc is None:
            return ()
        return vpc.all_cidrs if att.ipv6_support else tuple(vpc.cidrs)
    prefixes: list[IPNetwork] = list(att.cidrs)
    if att.type == "vpn" and att.vpn_connection:
        vpn = topology.get("vpn-connection", att.vpn_connection)
        if vpn is not None and usable("vpn-connection", vpn.state) and not vpn.static_routes_only:
            ext = topology.get("external-network", vpn.network) if vpn.network else None
            prefixes += vpn.bgp_routes or (ext.cidrs if ext is not None else ())
    if att.type == "direct-connect" and att.direct_connect_gateway:
        dx = topology.get("direct-connect-gateway", att.direct_connect_gateway)
        if dx is not None and usable("direct-connect-gateway", dx.state):
            ext = topology.get("external-network", dx.network) if dx.network else None
            prefixes += dx.bgp_routes or (ext.cidrs if ext is not None else ())
    return tuple(dict.fromkeys(prefixes))


def _table(topology: Topology, table: TgwRouteTable, associations: dict[str, str],
           default_props: dict[str, list[str]], prefix_lists: PrefixListIndex) -> EffectiveTgwRouteTable:
    COMPUTED["tgw_tables"] += 1
    routes: list[TgwEffectiveRoute] = []
    for r in table.routes:
        att = topology.get("tgw-attachment", r.attachment) if r.attachment else None
        blackhole, reason = r.blackhole, None
        if r.state == "blackhole" and not blackhole:
            blackhole, reason = True, "reported blackhole by AWS"
        elif r.state is None and not blackhole and (att is None or not att.usable):
            blackhole = True
            reason = (f"attachment {r.attachment} is {att.state}" if att is not None
                      else f"attachment {r.attachment} does not exist")
        if r.prefix_list:
            resolved = prefix_lists.resolve(r.prefix_list)
            routes += [TgwEffectiveRoute(str(n), n, r.attachment, "static", blackhole, PREFIX_LIST_RANK,
                                         prefix_list=resolved.name, reason=reason, loc=r.loc)
                       for n in resolved.entries or ()]
        elif r.network is not None:
            routes.append(TgwEffectiveRoute(r.destination, r.network, r.attachment, "static", blackhole, 0,
                                            reason=reason, loc=r.loc))
    defaults = tuple(default_props.get(table.id, ()))
    propagations = tuple(dict.fromkeys((*table.propagations, *defaults)))
    for att_id in propagations:
        att = topology.get("tgw-attachment", att_id)
        if att is None or not att.usable or att.type == "peering":
            continue
        rank = PROPAGATION_RANK.get(att.type, 6)
        routes += [TgwEffectiveRoute(str(c), c, att.id, "propagated", False, rank, loc=att.loc)
                   for c in attachment_prefixes(topology, att)]
    best: dict[IPNetwork, TgwEffectiveRoute] = {}
    for route in routes:
        cur = best.get(route.network)
        if cur is None or (route.rank, not route.blackhole, route.attachment or "") < (
                cur.rank, not cur.blackhole, cur.attachment or ""):
            best[route.network] = route
    marked = [r if best[r.network] is r else _unselected(r) for r in routes]
    explicit = set(table.associations)
    assoc = tuple(sorted(a for a, t in associations.items() if t == table.id))
    return EffectiveTgwRouteTable(
        table.id, table.transit_gateway, assoc, propagations, tuple(sorted(marked, key=_sort_key)),
        default_associations=tuple(a for a in assoc if a not in explicit), default_propagations=defaults)


def _unselected(route: TgwEffectiveRoute) -> TgwEffectiveRoute:
    return TgwEffectiveRoute(route.destination, route.network, route.attachment, route.origin, route.blackhole,
                             route.rank, selected=False, prefix_list=route.prefix_list, reason=route.reason,
                             loc=route.loc)


def compute_tgw_route_tables(topology: Topology, prefix_lists: PrefixListIndex
                             ) -> tuple[tuple[EffectiveTgwRouteTable, ...], dict[str, str]]:
    """Every TGW route table (sorted by TGW then id) and the association map. Called once per
    topology by the data plane; read both from there."""
    associations = association_map(topology)
    default_props = _default_propagations(topology)
    tables = sorted(topology.tgw_route_tables, key=lambda t: (t.transit_gateway, t.id))
    return tuple(_table(topology, t, associations, default_props, prefix_lists) for t in tables), associations
