"""The whole network: every resource of every spec file, with look-ups.

A :class:`Topology` is immutable. Collections are tuples sorted by id, so everything that
iterates over them (renderers, analysis, JSON output) is deterministic. Look-ups are typed:
``topology.get("subnet", id_)`` is a ``Subnet | None``.

Only what the spec says is here. Derived facts (effective routes, the subnet's table and
NACL, public/private class, interfaces of load balancers and endpoints, default security
groups and NACLs) are the data plane's: :func:`vpcdocs.routing.dataplane`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal, overload

from .base import IPNetwork
from .resources import (
    DirectConnectGateway,
    EgressOnlyInternetGateway,
    EndpointService,
    Expectation,
    ExternalNetwork,
    ExternalVpc,
    GatewayEndpoint,
    Instance,
    InterfaceEndpoint,
    InternetGateway,
    LoadBalancer,
    NatGateway,
    NetworkAcl,
    NetworkInterface,
    Peering,
    PrefixList,
    Resource,
    RouteTable,
    SecurityGroup,
    Subnet,
    TgwAttachment,
    TgwRouteTable,
    TransitGateway,
    Vpc,
    VpnConnection,
    VpnGateway,
)

# kind name -> attribute of Topology holding that kind (also the order kinds are listed in)
KINDS: dict[str, str] = {
    "vpc": "vpcs",
    "external-vpc": "external_vpcs",
    "subnet": "subnets",
    "route-table": "route_tables",
    "internet-gateway": "internet_gateways",
    "egress-only-internet-gateway": "egress_only_internet_gateways",
    "nat-gateway": "nat_gateways",
    "gateway-endpoint": "gateway_endpoints",
    "interface-endpoint": "interface_endpoints",
    "endpoint-service": "endpoint_services",
    "load-balancer": "load_balancers",
    "security-group": "security_groups",
    "network-acl": "network_acls",
    "prefix-list": "prefix_lists",
    "instance": "instances",
    "network-interface": "network_interfaces",
    "peering": "peerings",
    "transit-gateway": "transit_gateways",
    "tgw-attachment": "tgw_attachments",
    "tgw-route-table": "tgw_route_tables",
    "vpn-gateway": "vpn_gateways",
    "vpn-connection": "vpn_connections",
    "direct-connect-gateway": "direct_connect_gateways",
    "external-network": "external_networks",
}

# kind name -> model class
KIND_CLASSES: dict[str, type[Resource]] = {
    "vpc": Vpc,
    "external-vpc": ExternalVpc,
    "subnet": Subnet,
    "route-table": RouteTable,
    "internet-gateway": InternetGateway,
    "egress-only-internet-gateway": EgressOnlyInternetGateway,
    "nat-gateway": NatGateway,
    "gateway-endpoint": GatewayEndpoint,
    "interface-endpoint": InterfaceEndpoint,
    "endpoint-service": EndpointService,
    "load-balancer": LoadBalancer,
    "security-group": SecurityGroup,
    "network-acl": NetworkAcl,
    "prefix-list": PrefixList,
    "instance": Instance,
    "network-interface": NetworkInterface,
    "peering": Peering,
    "transit-gateway": TransitGateway,
    "tgw-attachment": TgwAttachment,
    "tgw-route-table": TgwRouteTable,
    "vpn-gateway": VpnGateway,
    "vpn-connection": VpnConnection,
    "direct-connect-gateway": DirectConnectGateway,
    "external-network": ExternalNetwork,
}

Kind = Literal[
    "vpc",
    "external-vpc",
    "subnet",
    "route-table",
    "internet-gateway",
    "egress-only-internet-gateway",
    "nat-gateway",
    "gateway-endpoint",
    "interface-endpoint",
    "endpoint-service",
    "load-balancer",
    "security-group",
    "network-acl",
    "prefix-list",
    "instance",
    "network-interface",
    "peering",
    "transit-gateway",
    "tgw-attachment",
    "tgw-route-table",
    "vpn-gateway",
    "vpn-connection",
    "direct-connect-gateway",
    "external-network",
]


def _index(items: tuple[Resource, ...]) -> Mapping[str, Resource]:
    return MappingProxyType({item.id: item for item in items})


@dataclass(frozen=True)
class Topology:
    vpcs: tuple[Vpc, ...] = ()
    external_vpcs: tuple[ExternalVpc, ...] = ()
    subnets: tuple[Subnet, ...] = ()
    route_tables: tuple[RouteTable, ...] = ()
    internet_gateways: tuple[InternetGateway, ...] = ()
    egress_only_internet_gateways: tuple[EgressOnlyInternetGateway, ...] = ()
    nat_gateways: tuple[NatGateway, ...] = ()
    gateway_endpoints: tuple[GatewayEndpoint, ...] = ()
    interface_endpoints: tuple[InterfaceEndpoint, ...] = ()
    endpoint_services: tuple[EndpointService, ...] = ()
    load_balancers: tuple[LoadBalancer, ...] = ()
    security_groups: tuple[SecurityGroup, ...] = ()
    network_acls: tuple[NetworkAcl, ...] = ()
    prefix_lists: tuple[PrefixList, ...] = ()
    instances: tuple[Instance, ...] = ()
    network_interfaces: tuple[NetworkInterface, ...] = ()
    peerings: tuple[Peering, ...] = ()
    transit_gateways: tuple[TransitGateway, ...] = ()
    tgw_attachments: tuple[TgwAttachment, ...] = ()
    tgw_route_tables: tuple[TgwRouteTable, ...] = ()
    vpn_gateways: tuple[VpnGateway, ...] = ()
    vpn_connections: tuple[VpnConnection, ...] = ()
    direct_connect_gateways: tuple[DirectConnectGateway, ...] = ()
    external_networks: tuple[ExternalNetwork, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    files: tuple[str, ...] = field(default=())  # spec files the topology was read from

    # ------------------------------------------------------------------ generic access

    def by_kind(self, kind: str) -> tuple[Resource, ...]:
        items: tuple[Resource, ...] = getattr(self, KINDS[kind])
        return items

    def iter_resources(self) -> Iterator[tuple[str, Resource]]:
        """Every resource with its kind, in kind order then id order."""
        for kind, attr in KINDS.items():
            for item in getattr(self, attr):
                yield kind, item

    @cached_property
    def _indexes(self) -> dict[str, Mapping[str, Resource]]:
        return {kind: _index(getattr(self, attr)) for kind, attr in KINDS.items()}

    @overload
    def get(self, kind: Literal["vpc"], id_: str) -> Vpc | None: ...
    @overload
    def get(self, kind: Literal["external-vpc"], id_: str) -> ExternalVpc | None: ...
    @overload
    def get(self, kind: Literal["subnet"], id_: str) -> Subnet | None: ...
    @overload
    def get(self, kind: Literal["route-table"], id_: str) -> RouteTable | None: ...
    @overload
    def get(self, kind: Literal["internet-gateway"], id_: str) -> InternetGateway | None: ...
    @overload
    def get(self, kind: Literal["egress-only-internet-gateway"], id_: str) -> EgressOnlyInternetGateway | None: ...
    @overload
    def get(self, kind: Literal["nat-gateway"], id_: str) -> NatGateway | None: ...
    @overload
    def get(self, kind: Literal["gateway-endpoint"], id_: str) -> GatewayEndpoint | None: ...
    @overload
    def get(self, kind: Literal["interface-endpoint"], id_: str) -> InterfaceEndpoint | None: ...
    @overload
    def get(self, kind: Literal["endpoint-service"], id_: str) -> EndpointService | None: ...
    @overload
    def get(self, kind: Literal["load-balancer"], id_: str) -> LoadBalancer | None: ...
    @overload
    def get(self, kind: Literal["security-group"], id_: str) -> SecurityGroup | None: ...
    @overload
    def get(self, kind: Literal["network-acl"], id_: str) -> NetworkAcl | None: ...
    @overload
    def get(self, kind: Literal["prefix-list"], id_: str) -> PrefixList | None: ...
    @overload
    def get(self, kind: Literal["instance"], id_: str) -> Instance | None: ...
    @overload
    def get(self, kind: Literal["network-interface"], id_: str) -> NetworkInterface | None: ...
    @overload
    def get(self, kind: Literal["peering"], id_: str) -> Peering | None: ...
    @overload
    def get(self, kind: Literal["transit-gateway"], id_: str) -> TransitGateway | None: ...
    @overload
    def get(self, kind: Literal["tgw-attachment"], id_: str) -> TgwAttachment | None: ...
    @overload
    def get(self, kind: Literal["tgw-route-table"], id_: str) -> TgwRouteTable | None: ...
    @overload
    def get(self, kind: Literal["vpn-gateway"], id_: str) -> VpnGateway | None: ...
    @overload
    def get(self, kind: Literal["vpn-connection"], id_: str) -> VpnConnection | None: ...
    @overload
    def get(self, kind: Literal["direct-connect-gateway"], id_: str) -> DirectConnectGateway | None: ...
    @overload
    def get(self, kind: Literal["external-network"], id_: str) -> ExternalNetwork | None: ...
    @overload
    def get(self, kind: str, id_: str) -> Any: ...

    def get(self, kind: str, id_: str) -> Any:
        """The resource of ``kind`` with spec id ``id_``, or None."""
        return self._indexes[kind].get(id_)

    def find(self, id_: str) -> list[tuple[str, Resource]]:
        """All resources (of any kind) whose spec id or AWS id is ``id_``."""
        out = [(kind, idx[id_]) for kind, idx in self._indexes.items() if id_ in idx]
        if not out:
            out = list(self._by_aws_id.get(id_, ()))
        return out

    @cached_property
    def _by_aws_id(self) -> dict[str, list[tuple[str, Resource]]]:
        found: dict[str, list[tuple[str, Resource]]] = defaultdict(list)
        for kind, item in self.iter_resources():
            if item.aws_id:
                found[item.aws_id].append((kind, item))
        return dict(found)

    # ------------------------------------------------------------------ typed look-ups

    def vpc(self, id_: str) -> Vpc:
        found = self.get("vpc", id_)
        if found is None:
            raise KeyError(id_)
        return found

    def subnet(self, id_: str) -> Subnet:
        found = self.get("subnet", id_)
        if found is None:
            raise KeyError(id_)
        return found

    def route_table(self, id_: str) -> RouteTable:
        found = self.get("route-table", id_)
        if found is None:
            raise KeyError(id_)
        return found

    @cached_property
    def _by_vpc(self) -> dict[str, dict[str, tuple[Resource, ...]]]:
        groups: dict[str, dict[str, list[Resource]]] = defaultdict(lambda: defaultdict(list))
        for kind, item in self.iter_resources():
            vpc = getattr(item, "vpc", None)
            if isinstance(vpc, str) and vpc:
                groups[vpc][kind].append(item)
        return {v: {k: tuple(items) for k, items in kinds.items()} for v, kinds in groups.items()}

    def in_vpc(self, vpc_id: str, kind: str) -> tuple[Any, ...]:
        """Resources of ``kind`` that live in VPC ``vpc_id``, sorted by id."""
        return self._by_vpc.get(vpc_id, {}).get(kind, ())

    def subnets_of(self, vpc_id: str) -> tuple[Subnet, ...]:
        return self.in_vpc(vpc_id, "subnet")

    def route_tables_of(self, vpc_id: str) -> tuple[RouteTable, ...]:
        return self.in_vpc(vpc_id, "route-table")

    def peerings_of(self, vpc_id: str) -> tuple[Peering, ...]:
        return self._peerings_by_vpc.get(vpc_id, ())

    @cached_property
    def _peerings_by_vpc(self) -> dict[str, tuple[Peering, ...]]:
        out: dict[str, list[Peering]] = defaultdict(list)
        for p in self.peerings:
            out[p.requester].append(p)
            if p.accepter != p.requester:
                out[p.accepter].append(p)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _attachments_by(self) -> tuple[dict[str, tuple[TgwAttachment, ...]], dict[str, tuple[TgwAttachment, ...]]]:
        by_vpc: dict[str, list[TgwAttachment]] = defaultdict(list)
        by_tgw: dict[str, list[TgwAttachment]] = defaultdict(list)
        for a in self.tgw_attachments:
            if a.vpc:
                by_vpc[a.vpc].append(a)
            by_tgw[a.transit_gateway].append(a)
        return ({k: tuple(v) for k, v in by_vpc.items()}, {k: tuple(v) for k, v in by_tgw.items()})

    def attachments_of_vpc(self, vpc_id: str) -> tuple[TgwAttachment, ...]:
        return self._attachments_by[0].get(vpc_id, ())

    def attachments_of_tgw(self, tgw_id: str) -> tuple[TgwAttachment, ...]:
        return self._attachments_by[1].get(tgw_id, ())

    def tgw_route_tables_of(self, tgw_id: str) -> tuple[TgwRouteTable, ...]:
        return tuple(t for t in self.tgw_route_tables if t.transit_gateway == tgw_id)

    def peer_cidrs(self, vpc_or_external_id: str) -> tuple[IPNetwork, ...]:
        vpc = self.get("vpc", vpc_or_external_id)
        if vpc is not None:
            return vpc.all_cidrs
        ext = self.get("external-vpc", vpc_or_external_id)
        return ext.cidrs if ext is not None else ()
