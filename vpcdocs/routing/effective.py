"""Effective route tables: each table as the AWS console would show it.

What AWS adds on its own is derived here, never written by users:

* one ``local`` route per VPC CIDR, IPv4 and IPv6, in every table (CIDR-4, RT-LOCAL-1);
* one ``prefix list → gateway endpoint`` route per (gateway endpoint, associated table)
  (GWE-2) — the ``prefix_list_id → gateway_endpoint_id`` row;
* ``blackhole`` state where a route's target is gone or unusable: a deleted NAT gateway, a
  peering that is not active, an AWS id that no longer exists (RT-BH-1, PEER-7).

Subnets without an explicit association are listed under the main table (RT-2).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from ..diagnostics import UNKNOWN_LOCATION, Location
from ..model import GatewayEndpoint, Route, RouteTable, Topology, Vpc

Origin = str  # "local" | "static" | "gateway-endpoint" | "propagated"


@dataclass(frozen=True)
class EffectiveRoute:
    destination: str
    destination_type: str  # "cidr" | "prefix-list"
    target: str
    target_type: str  # a TargetKind, see vpcdocs.model.resources
    origin: Origin
    state: str  # "active" | "blackhole"
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    service: str | None = None  # for gateway-endpoint routes: s3 / dynamodb
    service_region: str | None = None
    reason: str | None = None  # why a route is blackhole
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)

    @property
    def derived(self) -> bool:
        """True for rows AWS adds itself (local and gateway endpoint routes)."""
        return self.origin in ("local", "gateway-endpoint")

    @property
    def active(self) -> bool:
        return self.state == "active"

    def to_json(self) -> dict:
        return {
            "destination": self.destination,
            "destination_type": self.destination_type,
            "target": self.target,
            "target_type": self.target_type,
            "origin": self.origin,
            "state": self.state,
        }


@dataclass(frozen=True)
class EffectiveRouteTable:
    id: str
    vpc: str
    main: bool
    subnets: tuple[str, ...]  # explicit associations first-class, implicit (main) ones included
    implicit_subnets: tuple[str, ...]  # subnets that use this (main) table without an association
    routes: tuple[EffectiveRoute, ...]
    aws_id: str | None = None
    name: str | None = None
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "vpc": self.vpc,
            "main": self.main,
            "subnets": list(self.subnets),
            "routes": [r.to_json() for r in self.routes],
        }


def managed_prefix_list_name(region: str, service: str) -> str:
    """The AWS-managed prefix list of a gateway endpoint service (§1, GWE-2)."""
    return f"com.amazonaws.{region}.{service}"


def _route_sort_key(route: EffectiveRoute) -> tuple:
    origin_rank = 0 if route.origin == "local" else 1
    if route.network is not None:
        net = route.network
        return (origin_rank, 0, net.version, int(net.network_address), net.prefixlen, route.target)
    return (origin_rank, 1, 0, 0, 0, route.destination, route.target)


def _static_route(topology: Topology, table: RouteTable, route: Route) -> EffectiveRoute:
    state, reason = _target_state(topology, table.vpc, route)
    return EffectiveRoute(
        destination=route.destination,
        destination_type="prefix-list" if route.destination_type == "prefix-list" else "cidr",
        target=route.target,
        target_type=route.target_kind,
        origin="static",
        state=state,
        network=route.network,
        reason=reason,
        description=route.description,
        loc=route.loc,
    )


# lifecycle states of an attachment that can no longer carry traffic
_GONE_STATES = ("deleting", "deleted", "failed", "failing", "rejected", "rejecting")


def _target_state(topology: Topology, vpc_id: str, route: Route) -> tuple[str, str | None]:
    """Whether a route's target can carry traffic (RT-BH-1)."""
    if not route.target_resolved:
        if route.target_kind in ("network-interface", "instance", "vpn-gateway",
                                 "egress-only-internet-gateway", "carrier-gateway",
                                 "local-gateway", "core-network", "gwlb-endpoint"):
            return "active", None  # something vpcdocs does not model: assume it exists
        return "blackhole", f"{route.target} does not exist in the spec (deleted?)"
    kind = route.target_kind
    if kind == "nat-gateway":
        nat = topology.get("nat-gateway", route.target)
        if nat is not None and not nat.usable:
            return "blackhole", f"NAT gateway {route.target} is {nat.state}"
        if nat is not None and nat.vpc != vpc_id:
            return "blackhole", f"NAT gateway {route.target} is in {nat.vpc}, not {vpc_id} (PEER-2)"
    elif kind == "vpc-peering":
        pcx = topology.get("peering", route.target)
        if pcx is not None and not pcx.active:
            return "blackhole", f"peering {route.target} is {pcx.status}, not active (PEER-7)"
        if pcx is not None and vpc_id not in (pcx.requester, pcx.accepter):
            return "blackhole", f"peering {route.target} does not connect {vpc_id}"
    elif kind == "internet-gateway":
        igw = topology.get("internet-gateway", route.target)
        if igw is not None and igw.vpc != vpc_id:
            return "blackhole", f"internet gateway {route.target} is attached to {igw.vpc}, not {vpc_id}"
    elif kind == "transit-gateway":
        attachments = [a for a in topology.attachments_of_vpc(vpc_id) if a.transit_gateway == route.target]
        if not attachments:
            return "blackhole", f"{vpc_id} has no attachment to transit gateway {route.target}"
        if all(a.state in _GONE_STATES for a in attachments):
            return "blackhole", f"the attachment of {vpc_id} to transit gateway {route.target} is {attachments[0].state}"
    return "active", None


def _local_routes(vpc: Vpc) -> list[EffectiveRoute]:
    return [
        EffectiveRoute(
            destination=str(cidr),
            destination_type="cidr",
            target="local",
            target_type="local",
            origin="local",
            state="active",
            network=cidr,
            loc=vpc.loc,
        )
        for cidr in vpc.all_cidrs
    ]


def gateway_endpoint_route(vpc: Vpc, endpoint: GatewayEndpoint) -> EffectiveRoute:
    """The route AWS adds for a gateway endpoint in each associated table (GWE-2)."""
    region = endpoint.service_region or vpc.region
    return EffectiveRoute(
        destination=endpoint.prefix_list_id or managed_prefix_list_name(region, endpoint.service),
        destination_type="prefix-list",
        target=endpoint.id,
        target_type="gateway-endpoint",
        origin="gateway-endpoint",
        state="active",
        service=endpoint.service,
        service_region=region,
        loc=endpoint.loc,
    )


def effective_route_table(topology: Topology, table: RouteTable) -> EffectiveRouteTable:
    vpc = topology.vpc(table.vpc)
    routes = _local_routes(vpc)
    routes += [_static_route(topology, table, r) for r in table.routes]
    for endpoint in topology.in_vpc(vpc.id, "gateway-endpoint"):
        if table.id in endpoint.route_tables and endpoint.active:
            routes.append(gateway_endpoint_route(vpc, endpoint))
    explicit = sorted(s.id for s in topology.subnets_of(vpc.id) if s.route_table == table.id)
    implicit = sorted(s.id for s in topology.subnets_of(vpc.id) if not s.route_table) if table.main else []
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


def effective_route_tables(topology: Topology, vpc: str | None = None) -> tuple[EffectiveRouteTable, ...]:
    """Every route table of the topology (or of one VPC), sorted by VPC then table id."""
    tables = [t for t in topology.route_tables if vpc is None or t.vpc == vpc]
    tables.sort(key=lambda t: (t.vpc, t.id))
    return tuple(effective_route_table(topology, t) for t in tables)
