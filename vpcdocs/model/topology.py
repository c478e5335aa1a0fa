"""The whole network: every resource of every spec file, with look-ups.

A :class:`Topology` is immutable. Collections are tuples sorted by id, so everything that
iterates over them (renderers, analysis, JSON output) is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from .resources import (
    EndpointService,
    Expectation,
    ExternalVpc,
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    LoadBalancer,
    NatGateway,
    Peering,
    Resource,
    RouteTable,
    SecurityGroup,
    Subnet,
    TgwAttachment,
    TgwRouteTable,
    TransitGateway,
    Vpc,
)

# kind name -> attribute of Topology holding that kind (also the order kinds are listed in)
KINDS: dict[str, str] = {
    "vpc": "vpcs",
    "external-vpc": "external_vpcs",
    "subnet": "subnets",
    "route-table": "route_tables",
    "internet-gateway": "internet_gateways",
    "nat-gateway": "nat_gateways",
    "gateway-endpoint": "gateway_endpoints",
    "interface-endpoint": "interface_endpoints",
    "endpoint-service": "endpoint_services",
    "load-balancer": "load_balancers",
    "security-group": "security_groups",
    "peering": "peerings",
    "transit-gateway": "transit_gateways",
    "tgw-attachment": "tgw_attachments",
    "tgw-route-table": "tgw_route_tables",
}


def _index(items) -> Mapping[str, Resource]:
    return MappingProxyType({item.id: item for item in items})


@dataclass(frozen=True)
class Topology:
    vpcs: tuple[Vpc, ...] = ()
    external_vpcs: tuple[ExternalVpc, ...] = ()
    subnets: tuple[Subnet, ...] = ()
    route_tables: tuple[RouteTable, ...] = ()
    internet_gateways: tuple[InternetGateway, ...] = ()
    nat_gateways: tuple[NatGateway, ...] = ()
    gateway_endpoints: tuple[GatewayEndpoint, ...] = ()
    interface_endpoints: tuple[InterfaceEndpoint, ...] = ()
    endpoint_services: tuple[EndpointService, ...] = ()
    load_balancers: tuple[LoadBalancer, ...] = ()
    security_groups: tuple[SecurityGroup, ...] = ()
    peerings: tuple[Peering, ...] = ()
    transit_gateways: tuple[TransitGateway, ...] = ()
    tgw_attachments: tuple[TgwAttachment, ...] = ()
    tgw_route_tables: tuple[TgwRouteTable, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    files: tuple[str, ...] = field(default=())  # spec files the topology was read from

    # ------------------------------------------------------------------ generic access

    def by_kind(self, kind: str) -> tuple[Resource, ...]:
        return getattr(self, KINDS[kind])

    def iter_resources(self) -> Iterator[tuple[str, Resource]]:
        """Every resource with its kind, in kind order then id order."""
        for kind, attr in KINDS.items():
            for item in getattr(self, attr):
                yield kind, item

    @cached_property
    def _indexes(self) -> dict[str, Mapping[str, Resource]]:
        return {kind: _index(getattr(self, attr)) for kind, attr in KINDS.items()}

    def get(self, kind: str, id_: str):
        """The resource of ``kind`` with spec id ``id_``, or None."""
        return self._indexes[kind].get(id_)

    def find(self, id_: str) -> list[tuple[str, Resource]]:
        """All resources (of any kind) whose spec id or AWS id is ``id_``."""
        out = []
        for kind, idx in self._indexes.items():
            if id_ in idx:
                out.append((kind, idx[id_]))
        if not out:
            for kind, item in self.iter_resources():
                if item.aws_id == id_:
                    out.append((kind, item))
        return out

    # ------------------------------------------------------------------ typed look-ups

    def vpc(self, id_: str) -> Vpc:
        return self._indexes["vpc"][id_]  # type: ignore[return-value]

    def subnet(self, id_: str) -> Subnet:
        return self._indexes["subnet"][id_]  # type: ignore[return-value]

    def route_table(self, id_: str) -> RouteTable:
        return self._indexes["route-table"][id_]  # type: ignore[return-value]

    @cached_property
    def _by_vpc(self) -> dict[str, dict[str, tuple]]:
        groups: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for kind, item in self.iter_resources():
            vpc = getattr(item, "vpc", None)
            if isinstance(vpc, str) and vpc:
                groups[vpc][kind].append(item)
        return {v: {k: tuple(items) for k, items in kinds.items()} for v, kinds in groups.items()}

    def in_vpc(self, vpc_id: str, kind: str) -> tuple:
        """Resources of ``kind`` that live in VPC ``vpc_id``, sorted by id."""
        return self._by_vpc.get(vpc_id, {}).get(kind, ())

    def subnets_of(self, vpc_id: str) -> tuple[Subnet, ...]:
        return self.in_vpc(vpc_id, "subnet")

    def route_tables_of(self, vpc_id: str) -> tuple[RouteTable, ...]:
        return self.in_vpc(vpc_id, "route-table")

    def main_route_table(self, vpc_id: str) -> RouteTable | None:
        for rt in self.route_tables_of(vpc_id):
            if rt.main:
                return rt
        return None

    def route_table_of_subnet(self, subnet_id: str) -> RouteTable | None:
        """The table a subnet uses: its explicit association, else the main table (RT-2)."""
        subnet = self.get("subnet", subnet_id)
        if subnet is None:
            return None
        if subnet.route_table:
            return self.get("route-table", subnet.route_table)
        return self.main_route_table(subnet.vpc)

    def peerings_of(self, vpc_id: str) -> tuple[Peering, ...]:
        return tuple(p for p in self.peerings if vpc_id in (p.requester, p.accepter))

    def attachments_of_vpc(self, vpc_id: str) -> tuple[TgwAttachment, ...]:
        return tuple(a for a in self.tgw_attachments if a.vpc == vpc_id)

    def attachments_of_tgw(self, tgw_id: str) -> tuple[TgwAttachment, ...]:
        return tuple(a for a in self.tgw_attachments if a.transit_gateway == tgw_id)

    def tgw_route_tables_of(self, tgw_id: str) -> tuple[TgwRouteTable, ...]:
        return tuple(t for t in self.tgw_route_tables if t.transit_gateway == tgw_id)

    def association_of(self, attachment_id: str) -> TgwRouteTable | None:
        """The TGW route table an attachment is associated with (TGW-4)."""
        for table in self.tgw_route_tables:
            if attachment_id in table.associations:
                return table
        return None

    def peer_cidrs(self, vpc_or_external_id: str):
        item = self.get("vpc", vpc_or_external_id) or self.get("external-vpc", vpc_or_external_id)
        if item is None:
            return ()
        return item.cidrs + getattr(item, "ipv6_cidrs", ())
