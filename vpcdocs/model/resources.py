"""The typed, immutable network model.

Every object is a frozen dataclass that knows where in the spec it came from (``loc``).
Objects refer to each other by spec id (the key the user wrote in YAML); the
:class:`~vpcdocs.model.topology.Topology` holds them all and answers look-ups. Nothing here
computes network facts: effective routes live in :mod:`vpcdocs.routing`, reachability and
lint in :mod:`vpcdocs.analysis`.

Rule IDs in comments refer to ``aws-networking-rules.md`` (see docs/rules.md).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Literal, Union

from ..diagnostics import UNKNOWN_LOCATION, Location

IPNetwork = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]

# Route target kinds, named after the AWS console's target column (RT-TGT-1, §3.3).
TargetKind = Literal[
    "local",
    "internet-gateway",
    "nat-gateway",
    "vpc-peering",
    "transit-gateway",
    "gateway-endpoint",
    "gwlb-endpoint",
    "network-interface",
    "instance",
    "vpn-gateway",
    "egress-only-internet-gateway",
    "carrier-gateway",
    "local-gateway",
    "core-network",
    "unknown",
]

# AWS id prefixes of route targets vpcdocs does not model as objects: a route may name them,
# and they show up in the route tables as written (§3.3).
EXTERNAL_TARGET_PREFIXES: dict[str, TargetKind] = {
    "eni-": "network-interface",
    "i-": "instance",
    "vgw-": "vpn-gateway",
    "eigw-": "egress-only-internet-gateway",
    "cagw-": "carrier-gateway",
    "lgw-": "local-gateway",
    "arn:aws:networkmanager:": "core-network",
}


@dataclass(frozen=True)
class Suppression:
    """A lint finding the spec author silenced on purpose, with the reason (required)."""

    code: str
    reason: str
    loc: Location = UNKNOWN_LOCATION


@dataclass(frozen=True)
class Resource:
    """Fields every spec resource has. ``id`` is the spec key; ``aws_id`` the optional real id."""

    id: str
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)
    name: str | None = None
    description: str | None = None
    aws_id: str | None = None
    tags: tuple[tuple[str, str], ...] = ()
    suppress: tuple[Suppression, ...] = ()

    @property
    def label(self) -> str:
        """What to show a person: the display name, else the id."""
        return self.name or self.id


# --------------------------------------------------------------------------- VPC and subnets


@dataclass(frozen=True)
class Vpc(Resource):
    region: str = ""
    account: str | None = None
    cidrs: tuple[ipaddress.IPv4Network, ...] = ()  # primary first, then secondary (CIDR-1)
    ipv6_cidrs: tuple[ipaddress.IPv6Network, ...] = ()
    dns_support: bool = True
    dns_hostnames: bool = True
    internet_gateway: str | None = None  # id of the InternetGateway attached (IGW-1)

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
class Subnet(Resource):
    vpc: str = ""
    cidr: ipaddress.IPv4Network | None = None
    ipv6_cidr: ipaddress.IPv6Network | None = None
    az: str = ""
    az_id: str | None = None
    route_table: str | None = None  # explicit association (RT-1); None = main table (RT-2)


@dataclass(frozen=True)
class InternetGateway(Resource):
    vpc: str = ""


@dataclass(frozen=True)
class NatGateway(Resource):
    vpc: str = ""
    subnet: str = ""
    connectivity: Literal["public", "private"] = "public"  # NAT-1
    state: str = "available"  # "deleted"/"failed" make routes to it blackhole (RT-BH-1)

    @property
    def usable(self) -> bool:
        return self.state in ("available", "pending")


# --------------------------------------------------------------------------- route tables


@dataclass(frozen=True)
class Route:
    """One route as written in the spec: one destination, one target (RT-TGT-1)."""

    destination: str  # CIDR text, a pl- id or a managed prefix-list name
    target: str  # as written: a spec id or an AWS id
    destination_type: Literal["cidr", "ipv6-cidr", "prefix-list"] = "cidr"
    network: IPNetwork | None = None  # parsed destination when it is a CIDR
    target_kind: TargetKind = "unknown"  # resolved by the loader
    target_resolved: bool = False  # False: AWS-style id of an object not in the spec
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class RouteTable(Resource):
    vpc: str = ""
    main: bool = False  # RT-2
    routes: tuple[Route, ...] = ()
    # Subnets associated explicitly by listing them on the table (a subnet's own
    # ``route_table`` field is the other way to say the same; the loader merges both).
    subnets: tuple[str, ...] = ()
    propagating_vgws: tuple[str, ...] = ()


# --------------------------------------------------------------------------- endpoints


GatewayService = Literal["s3", "dynamodb", "s3express"]


@dataclass(frozen=True)
class GatewayEndpoint(Resource):
    """A gateway VPC endpoint (GWE-1): its routes are derived, never written (GWE-2, GWE-3)."""

    vpc: str = ""
    service: str = "s3"  # short name: s3, dynamodb (GWE-1); anything else is linted
    service_region: str | None = None  # region of the service when written in full (GWE-5)
    route_tables: tuple[str, ...] = ()
    prefix_list_id: str | None = None  # the real pl- id, when known
    state: str = "available"

    @property
    def active(self) -> bool:
        """A deleted or failed endpoint no longer adds its route (GWE-3)."""
        return self.state.lower() in ("available", "pending")


@dataclass(frozen=True)
class InterfaceEndpoint(Resource):
    """An interface endpoint: one ENI per subnet (IFE-1), to an AWS service or an endpoint
    service (PrivateLink)."""

    vpc: str = ""
    service: str = ""  # AWS service short name (sqs), full service name, or ""
    endpoint_service: str | None = None  # id of an EndpointService in the spec
    subnets: tuple[str, ...] = ()
    security_groups: tuple[str, ...] = ()
    private_dns: bool = False
    state: str = "available"


@dataclass(frozen=True)
class EndpointService(Resource):
    """A PrivateLink endpoint service backed by NLBs or GWLBs (EPS-1)."""

    vpc: str = ""  # VPC of its load balancers (derived by the loader)
    load_balancers: tuple[str, ...] = ()
    acceptance_required: bool = True
    allowed_principals: tuple[str, ...] = ()
    service_name: str | None = None  # com.amazonaws.vpce.<region>.vpce-svc-… (EPS-2)
    private_dns_name: str | None = None
    supported_regions: tuple[str, ...] = ()


# --------------------------------------------------------------------------- load balancers


@dataclass(frozen=True)
class Listener:
    port: int
    protocol: str  # HTTP HTTPS TCP TLS UDP TCP_UDP GENEVE
    target_group: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class TargetGroup:
    id: str
    target_type: Literal["instance", "ip", "alb", "lambda"] = "instance"
    protocol: str = "TCP"
    port: int | None = None
    targets: tuple[str, ...] = ()  # for target_type alb: the id of the ALB (EPS-5)
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class LoadBalancer(Resource):
    vpc: str = ""
    type: Literal["application", "network", "gateway"] = "application"
    scheme: Literal["internal", "internet-facing"] = "internal"
    subnets: tuple[str, ...] = ()
    listeners: tuple[Listener, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    security_groups: tuple[str, ...] = ()
    cross_zone: bool | None = None  # EPS-9


# --------------------------------------------------------------------------- security groups


@dataclass(frozen=True)
class SecurityGroupRule:
    protocol: str  # tcp, udp, icmp, -1 (all)
    from_port: int | None = None
    to_port: int | None = None
    source: str = ""  # CIDR, security group id or pl- id
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)

    def allows_port(self, port: int | None, protocol: str = "tcp") -> bool:
        if self.protocol not in ("-1", "all", protocol):
            return False
        if port is None or self.from_port is None:
            return True
        return self.from_port <= port <= (self.to_port if self.to_port is not None else self.from_port)


@dataclass(frozen=True)
class SecurityGroup(Resource):
    vpc: str = ""
    ingress: tuple[SecurityGroupRule, ...] = ()
    egress: tuple[SecurityGroupRule, ...] = ()


# --------------------------------------------------------------------------- peering


PEERING_STATES = (
    "initiating-request",
    "pending-acceptance",
    "active",
    "failed",
    "expired",
    "rejected",
    "provisioning",
    "deleting",
    "deleted",
)


@dataclass(frozen=True)
class Peering(Resource):
    """A VPC peering connection (PEER-*). ``requester``/``accepter`` are VPC or ExternalVpc ids."""

    requester: str = ""
    accepter: str = ""
    status: str = "active"  # PEER-7
    allow_dns_resolution: bool = False  # PEER-9

    @property
    def active(self) -> bool:
        return self.status == "active"

    def other_side(self, vpc_id: str) -> str | None:
        if vpc_id == self.requester:
            return self.accepter
        if vpc_id == self.accepter:
            return self.requester
        return None


# --------------------------------------------------------------------------- transit gateways


@dataclass(frozen=True)
class TransitGateway(Resource):
    region: str = ""
    account: str | None = None
    asn: int | None = None
    # TGW-5: the default association / propagation route table ids, when enabled.
    default_association_route_table: str | None = None
    default_propagation_route_table: str | None = None


@dataclass(frozen=True)
class TgwAttachment(Resource):
    transit_gateway: str = ""
    type: Literal["vpc", "peering", "vpn", "direct-connect", "connect"] = "vpc"
    vpc: str | None = None
    subnets: tuple[str, ...] = ()  # one per AZ (TGW-2)
    peer_transit_gateway: str | None = None  # for type peering (TGW-1)
    cidrs: tuple[IPNetwork, ...] = ()  # for vpn/direct-connect: the prefixes it advertises
    appliance_mode: bool = False
    state: str = "available"


@dataclass(frozen=True)
class TgwRoute:
    destination: str
    network: IPNetwork | None = None
    attachment: str | None = None  # None with blackhole=True
    blackhole: bool = False
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class TgwRouteTable(Resource):
    transit_gateway: str = ""
    associations: tuple[str, ...] = ()  # attachment ids; each attachment in exactly one (TGW-4)
    propagations: tuple[str, ...] = ()
    routes: tuple[TgwRoute, ...] = ()  # static and blackhole routes


# --------------------------------------------------------------------------- declared intent


@dataclass(frozen=True)
class Expectation:
    """A flow the spec author declares (network tests as code, issue 5)."""

    source: str
    destination: str
    reachable: bool | None = True
    via: str | None = None
    port: int | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)
    description: str | None = None
