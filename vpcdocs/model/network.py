"""VPCs, subnets and the gateways at a VPC's edge (internet, egress-only, NAT)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal

from .base import IPNetwork, Resource, VpcResource
from .lifecycle import usable


@dataclass(frozen=True)
class Vpc(Resource):
    region: str = ""
    account: str | None = None
    cidrs: tuple[ipaddress.IPv4Network, ...] = ()  # primary first, then secondary (CIDR-1)
    ipv6_cidrs: tuple[ipaddress.IPv6Network, ...] = ()  # V6-1
    dns_support: bool = True
    dns_hostnames: bool = True
    internet_gateway: str | None = None  # id of the InternetGateway attached (IGW-1)
    egress_only_internet_gateway: str | None = None  # V6-4
    vpn_gateway: str | None = None  # id of the VpnGateway attached (VGW-1)

    @property
    def primary_cidr(self) -> ipaddress.IPv4Network:
        return self.cidrs[0]

    @property
    def all_cidrs(self) -> tuple[IPNetwork, ...]:
        return (*self.cidrs, *self.ipv6_cidrs)


@dataclass(frozen=True)
class ExternalVpc(Resource):
    """A peer VPC outside the spec (another account or region): only what the peering shows."""

    cidrs: tuple[IPNetwork, ...] = ()
    account: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class Subnet(VpcResource):
    cidr: ipaddress.IPv4Network | None = None
    ipv6_cidr: ipaddress.IPv6Network | None = None
    az: str = ""
    az_id: str | None = None
    route_table: str | None = None  # explicit association (RT-1); None = main table (RT-2)
    network_acl: str | None = None  # explicit association (NACL-5); None = the VPC's default NACL
    map_public_ip: bool = False  # MapPublicIpOnLaunch: instances get a public IPv4 address

    @property
    def networks(self) -> tuple[IPNetwork, ...]:
        return tuple(n for n in (self.cidr, self.ipv6_cidr) if n is not None)


@dataclass(frozen=True)
class InternetGateway(VpcResource):
    pass


@dataclass(frozen=True)
class EgressOnlyInternetGateway(VpcResource):
    """IPv6 outbound only; replies come back, connections from the internet do not (V6-4)."""

    state: str = "attached"


@dataclass(frozen=True)
class NatGateway(VpcResource):
    subnet: str = ""
    connectivity: Literal["public", "private"] = "public"  # NAT-1
    state: str = "available"  # "deleted"/"failed" make routes to it blackhole (RT-BH-1)
    private_ip: ipaddress.IPv4Address | None = None
    public_ip: str | None = None  # the Elastic IP (public NAT gateways)

    @property
    def usable(self) -> bool:
        return usable("nat-gateway", self.state)
