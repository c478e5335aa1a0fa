"""Effective VPC route tables: each table as the AWS console would show it.

What AWS adds on its own is derived here, never written by users:

* one ``local`` route per VPC CIDR, IPv4 and IPv6, in every table (CIDR-4, RT-LOCAL-1, V6-2);
* one ``prefix list → gateway endpoint`` route per (gateway endpoint, associated table)
  (GWE-2) — the ``prefix_list_id → gateway_endpoint_id`` row;
* routes a virtual private gateway propagates into tables that list it in
  ``propagating_vgws``: its VPN connections' static and BGP prefixes and its Direct Connect
  gateways' BGP prefixes (VGW-3, VGW-4);
* ``blackhole`` state where a route's target is gone or unusable (RT-BH-1, RS-2), or where
  AWS reported it (RS-3, RS-6: an imported state is trusted, whatever the target).

Subnets without an explicit association are listed under the main table (RT-2).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import UNKNOWN_LOCATION, Location
from ..model import GatewayEndpoint, IPNetwork, Route, RouteTable, Topology, Vpc, usable
from .prefix_lists import PrefixListIndex, ResolvedPrefixList, managed_prefix_list_name

# Origins: "local" | "static" | "gateway-endpoint" | "propagated"
# Selection rank at an identical prefix (RT-PRI-2/3, VGW-4, PL-8): lower wins.
RANK = {"local": 0, "static": 0, "prefix-list": 1, "dx-bgp": 2, "vpn-static": 3, "vpn-bgp": 4}

COMPUTED = {"vpc_tables": 0}  # effective tables computed so far (the build computes each once)


@dataclass(frozen=True)
class EffectiveRoute:
    destination: str
    destination_type: str  # "cidr" | "prefix-list"
    target: str
    target_type: str  # a TargetKind, see vpcdocs.model.routes
    origin: str  # "local" | "static" | "gateway-endpoint" | "propagated"
    state: str  # "active" | "blackhole"
    network: IPNetwork | None = None
    service: str | None = None  # for gateway-endpoint (and service prefix-list) routes: s3 / dynamodb
    service_region: str | None = None
    reason: str | None = None  # why a route is blackhole, in a few words
    cause: str | None = None  # the same as a key: nat-unusable, aws-reported, target-missing, …
    description: str | None = None
    prefix_list: ResolvedPrefixList | None = None  # the list a prefix-list route refers to
    propagation: str | None = None  # for propagated routes: dx-bgp | vpn-static | vpn-bgp
    selected: bool = True  # False: never used (a propagated route overlapping local, VGW-6)
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)

    @property
    def derived(self) -> bool:
        """True for rows AWS adds itself (local, gateway endpoint and propagated routes)."""
        return self.origin in ("local", "gateway-endpoint", "propagated")

    @property
    def active(self) -> bool:
        return self.state == "active"

    @property
    def rank(self) -> int:
        if self.origin == "propagated":
            return RANK.get(self.propagation or "vpn-bgp", 4)
        if self.destination_type == "prefix-list":
            return RANK["prefix-list"]
        return 0

    @property
    def entries(self) -> tuple[IPNetwork, ...]:
        """The CIDRs this route matches: its network, or the known entries of its prefix list."""
        if self.network is not None:
            return (self.network,)
        if self.prefix_list is not None and self.prefix_list.entries is not None:
            return self.prefix_list.entries
        return ()

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "destination": self.destination,
            "destination_type": self.destination_type,
            "target": self.target,
            "target_type": self.target_type,
            "origin": self.origin,
            "state": self.state,
        }
        if self.reason:
            out["reason"] = self.reason
        if self.propagation:
            out["propagation"] = self.propagation
        return out


@dataclass(frozen=True)
class EffectiveRouteTable:
    id: str
    vpc: str
    main: bool
    subnets: tuple[str, ...]  # explicit associations and, for the main table, implicit ones
    implicit_subnets: tuple[str, ...]  # subnets that use this (main) table without an association
    routes: tuple[EffectiveRoute, ...]
    aws_id: str | None = None
    name: str | None = None
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "vpc": self.vpc,
            "main": self.main,
            "subnets": list(self.subnets),
            "routes": [r.to_json() for r in self.routes],
        }


def _route_sort_key(route: EffectiveRoute) -> tuple[object, ...]:
    origin_rank = 0 if route.origin == "local" else 1
    if route.network is not None:
        net = route.network
        return (origin_rank, 0, net.version, int(net.network_address), net.prefixlen, route.rank, route.target)
    return (origin_rank, 1, 0, 0, 0, route.rank, route.destination, route.target)


class _Deriver:
    """Derives the effective tables of one topology (looks up each target once)."""

    def __init__(self, topology: Topology, prefix_lists: PrefixListIndex):
        self.t = topology
        self.prefix_lists = prefix_lists
        self.vgw_by_ref = {}
        for vgw in topology.vpn_gateways:
            self.vgw_by_ref[vgw.id] = vgw
            if vgw.aws_id:
                self.vgw_by_ref.setdefault(vgw.aws_id, vgw)
        self.endpoints_by_table: dict[str, list[GatewayEndpoint]] = {}
        for gwe in topology.gateway_endpoints:
            for rt in gwe.route_tables:
                self.endpoints_by_table.setdefault(rt, []).append(gwe)
        self.subnets_by_table: dict[str, list[str]] = {}
        self.unassociated: dict[str, list[str]] = {}
        for s in topology.subnets:
            if s.route_table:
                self.subnets_by_table.setdefault(s.route_table, []).append(s.id)
            else:
                self.unassociated.setdefault(s.vpc, []).append(s.id)

    def table(self, table: RouteTable) -> EffectiveRouteTable:
        COMPUTED["vpc_tables"] += 1
        vpc = self.t.vpc(table.vpc)
        routes = _local_routes(vpc)
        routes += [self.static_route(table, vpc, r) for r in table.routes]
        for endpoint in self.endpoints_by_table.get(table.id, ()):
            if endpoint.vpc == vpc.id and endpoint.active:
                routes.append(self.gateway_endpoint_route(vpc, endpoint))
        routes += self.propagated(table, vpc)
        explicit = self.subnets_by_table.get(table.id, [])
        implicit = sorted(self.unassociated.get(vpc.id, [])) if table.main else []
        return EffectiveRouteTable(
            id=table.id,
            vpc=table.vpc,
            main=table.main,
            subnets=tuple(sorted(set(explicit) | set(implicit))),
            implicit_subnets=tuple(implicit),
            routes=tuple(sorted(routes, key=_route_sort_key)),
            aws_id=table.aws_id,
            name=table.name,
            description=table.description,
            loc=table.loc,
        )

    def static_route(self, table: RouteTable, vpc: Vpc, route: Route) -> EffectiveRoute:
        state, cause, reason = self.target_state(vpc, route)
        if route.state is not None:  # RS-6: what AWS reported wins
            state = route.state
            cause, reason = ("aws-reported", route.state_reason or "reported blackhole by AWS") \
                if state == "blackhole" else (None, None)
        prefix_list = None
        if route.destination_type == "prefix-list":
            prefix_list = self.prefix_lists.resolve(route.prefix_list or route.destination)
        return EffectiveRoute(
            destination=route.destination,
            destination_type="prefix-list" if route.destination_type == "prefix-list" else "cidr",
            target=route.target,
            target_type=route.target_kind,
            origin="static",
            state=state,
            network=route.network,
            service=prefix_list.service if prefix_list else None,
            service_region=prefix_list.region if prefix_list and prefix_list.service else None,
            reason=reason,
            cause=cause,
            description=route.description,
            prefix_list=prefix_list,
            loc=route.loc,
        )

    def target_state(self, vpc: Vpc, route: Route) -> tuple[str, str | None, str | None]:
        """Whether a route's target can carry traffic (RT-BH-1, RS-2): (state, cause, reason)."""
        t, vpc_id, kind, target = self.t, vpc.id, route.target_kind, route.target
        if not route.target_resolved:
            if kind in ("network-interface", "instance", "vpn-gateway", "egress-only-internet-gateway",
                        "carrier-gateway", "local-gateway", "core-network", "gwlb-endpoint"):
                return "active", None, None  # not modelled: AWS's reported state (if any) decides
            return "blackhole", "target-missing", f"{target} does not exist in the spec (deleted?)"
        if kind == "nat-gateway":
            nat = t.get("nat-gateway", target)
            if nat is not None and not nat.usable:
                return "blackhole", "nat-unusable", f"NAT gateway {target} is {nat.state}"
            if nat is not None and nat.vpc != vpc_id:
                return "blackhole", "nat-other-vpc", f"NAT gateway {target} is in {nat.vpc}, not {vpc_id} (PEER-2)"
        elif kind == "vpc-peering":
            pcx = t.get("peering", target)
            if pcx is not None and not pcx.active:
                return "blackhole", "peering-inactive", f"peering {target} is {pcx.status}, not active (PEER-7)"
            if pcx is not None and vpc_id not in (pcx.requester, pcx.accepter):
                return "blackhole", "peering-other-vpc", f"peering {target} does not connect {vpc_id}"
        elif kind == "internet-gateway":
            igw = t.get("internet-gateway", target)
            if igw is not None and igw.vpc != vpc_id:
                return "blackhole", "igw-other-vpc", f"internet gateway {target} is attached to {igw.vpc}, not {vpc_id}"
        elif kind == "egress-only-internet-gateway":
            eigw = t.get("egress-only-internet-gateway", target)
            if eigw is not None and (eigw.vpc != vpc_id or not usable(kind, eigw.state)):
                return "blackhole", "eigw-unusable", f"egress-only internet gateway {target} is not attached to {vpc_id}"
        elif kind == "vpn-gateway":
            vgw = t.get("vpn-gateway", target)
            if vgw is not None and (vgw.vpc != vpc_id or not usable(kind, vgw.state)):
                return "blackhole", "vgw-detached", f"virtual private gateway {target} is not attached to {vpc_id}"
        elif kind == "instance":
            inst = t.get("instance", target)
            if inst is not None and not usable(kind, inst.state):
                return "blackhole", "instance-unusable", f"instance {target} is {inst.state}"
            if inst is not None and inst.vpc != vpc_id:
                return "blackhole", "instance-other-vpc", f"instance {target} is in {inst.vpc}, not {vpc_id}"
        elif kind == "network-interface":
            eni = t.get("network-interface", target)
            if eni is not None and eni.vpc != vpc_id:
                return "blackhole", "eni-other-vpc", f"network interface {target} is in {eni.vpc}, not {vpc_id}"
        elif kind == "transit-gateway":
            atts = [a for a in t.attachments_of_vpc(vpc_id) if a.transit_gateway == target and a.type == "vpc"]
            if not atts:
                return "blackhole", "tgw-no-attachment", f"{vpc_id} has no attachment to transit gateway {target}"
            if not any(a.usable for a in atts):
                return ("blackhole", "attachment-unusable",
                        f"the attachment of {vpc_id} to transit gateway {target} is {atts[0].state}")
        return "active", None, None

    def gateway_endpoint_route(self, vpc: Vpc, endpoint: GatewayEndpoint) -> EffectiveRoute:
        return gateway_endpoint_route(vpc, endpoint, self.prefix_lists)

    def propagated(self, table: RouteTable, vpc: Vpc) -> list[EffectiveRoute]:
        """Routes the table's propagating VGWs install (VGW-3); VGW-6: a propagated route
        inside a local CIDR is never used (the local route wins)."""
        out: list[EffectiveRoute] = []
        for ref in table.propagating_vgws:
            vgw = self.vgw_by_ref.get(ref)
            if vgw is None or vgw.vpc != vpc.id or not usable("vpn-gateway", vgw.state):
                continue  # a detached VGW propagates nothing (route withdrawn, RS-2)
            for prefix, kind in self.vgw_prefixes(vgw.id):
                local = any(prefix.version == c.version and prefix.subnet_of(c)  # type: ignore[arg-type]
                            for c in vpc.all_cidrs)
                out.append(EffectiveRoute(
                    destination=str(prefix), destination_type="cidr", target=vgw.id, target_type="vpn-gateway",
                    origin="propagated", state="active", network=prefix, propagation=kind,
                    selected=not local, loc=vgw.loc))
        return out

    def vgw_prefixes(self, vgw_id: str) -> list[tuple[IPNetwork, str]]:
        return vgw_prefixes(self.t, vgw_id)


def vgw_prefixes(topology: Topology, vgw_id: str) -> list[tuple[IPNetwork, str]]:
    """(prefix, propagation kind) a VGW learns: VPN static routes, VPN BGP routes (or the
    CIDRs of the connection's external network) and Direct Connect BGP routes (VGW-2, VGW-3)."""
    out: list[tuple[IPNetwork, str]] = []
    for vpn in topology.vpn_connections:
        if vpn.vpn_gateway != vgw_id or not usable("vpn-connection", vpn.state):
            continue
        out += [(p, "vpn-static") for p in vpn.static_routes]
        if not vpn.static_routes_only:
            out += [(p, "vpn-bgp") for p in (vpn.bgp_routes or _network_cidrs(topology, vpn.network))]
    for dx in topology.direct_connect_gateways:
        if vgw_id in dx.vpn_gateways and usable("direct-connect-gateway", dx.state):
            out += [(p, "dx-bgp") for p in (dx.bgp_routes or _network_cidrs(topology, dx.network))]
    return sorted(set(out), key=lambda x: (x[0].version, int(x[0].network_address), x[0].prefixlen, RANK[x[1]]))


def _network_cidrs(topology: Topology, network: str | None) -> tuple[IPNetwork, ...]:
    ext = topology.get("external-network", network) if network else None
    return ext.cidrs if ext is not None else ()


def _local_routes(vpc: Vpc) -> list[EffectiveRoute]:
    return [
        EffectiveRoute(destination=str(cidr), destination_type="cidr", target="local", target_type="local",
                       origin="local", state="active", network=cidr, loc=vpc.loc)
        for cidr in vpc.all_cidrs
    ]


def gateway_endpoint_route(vpc: Vpc, endpoint: GatewayEndpoint,
                           prefix_lists: PrefixListIndex | None = None) -> EffectiveRoute:
    """The route AWS adds for a gateway endpoint in each associated table (GWE-2)."""
    region = endpoint.service_region or vpc.region
    resolved = prefix_lists.service_list(region, endpoint.service, endpoint.prefix_list_id) if prefix_lists else None
    return EffectiveRoute(
        destination=endpoint.prefix_list_id or managed_prefix_list_name(region, endpoint.service),
        destination_type="prefix-list",
        target=endpoint.id,
        target_type="gateway-endpoint",
        origin="gateway-endpoint",
        state="active",
        service=endpoint.service,
        service_region=region,
        prefix_list=resolved,
        loc=endpoint.loc,
    )


def compute_route_tables(topology: Topology, prefix_lists: PrefixListIndex) -> tuple[EffectiveRouteTable, ...]:
    """Every route table of the topology, sorted by VPC then table id. Called once per
    topology by the data plane (:func:`vpcdocs.routing.dataplane`); read it from there."""
    deriver = _Deriver(topology, prefix_lists)
    tables = sorted((t for t in topology.route_tables if topology.get("vpc", t.vpc) is not None),
                    key=lambda t: (t.vpc, t.id))
    return tuple(deriver.table(t) for t in tables)
