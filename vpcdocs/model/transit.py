"""VPC peering and transit gateways (PEER-*, TGW-*)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..diagnostics import UNKNOWN_LOCATION, Location
from .base import IPNetwork, Resource
from .lifecycle import usable

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
        return usable("peering", self.status)

    def other_side(self, vpc_id: str) -> str | None:
        if vpc_id == self.requester:
            return self.accepter
        if vpc_id == self.accepter:
            return self.requester
        return None


@dataclass(frozen=True)
class TransitGateway(Resource):
    region: str = ""
    account: str | None = None
    asn: int | None = None
    # TGW-5: the default association / propagation route tables, when enabled. Attachments
    # the spec associates with no table are associated with the default association table;
    # attachments that propagate to no table propagate to the default propagation table.
    default_association_route_table: str | None = None
    default_propagation_route_table: str | None = None
    state: str = "available"


AttachmentType = Literal["vpc", "peering", "vpn", "direct-connect", "connect"]


@dataclass(frozen=True)
class TgwAttachment(Resource):
    transit_gateway: str = ""
    type: AttachmentType = "vpc"
    vpc: str | None = None
    subnets: tuple[str, ...] = ()  # one per AZ (TGW-2)
    peer_transit_gateway: str | None = None  # for type peering (TGW-1)
    vpn_connection: str | None = None  # for type vpn (VGW-9)
    direct_connect_gateway: str | None = None  # for type direct-connect
    cidrs: tuple[IPNetwork, ...] = ()  # vpn / direct-connect: prefixes it advertises (propagates)
    appliance_mode: bool = False
    ipv6_support: bool = False  # V6-8: a VPC attachment carries IPv6 only when enabled
    state: str = "available"

    @property
    def usable(self) -> bool:
        return usable("tgw-attachment", self.state)


@dataclass(frozen=True)
class TgwRoute:
    """A static TGW route: to an attachment, or a blackhole (TGW-4). ``prefix_list``: a
    prefix-list reference whose entries each become a route (PL-7). ``state`` as AWS
    reported it (RS-5), None = derive."""

    destination: str
    network: IPNetwork | None = None
    attachment: str | None = None  # None with blackhole=True
    blackhole: bool = False
    prefix_list: str | None = None
    state: Literal["active", "blackhole"] | None = None
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class TgwRouteTable(Resource):
    transit_gateway: str = ""
    associations: tuple[str, ...] = ()  # attachment ids; each attachment in exactly one (TGW-4)
    propagations: tuple[str, ...] = ()
    routes: tuple[TgwRoute, ...] = ()  # static and blackhole routes
