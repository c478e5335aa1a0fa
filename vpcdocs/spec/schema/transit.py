"""VPC peering and transit gateways (PEER-*, TGW-*)."""

from __future__ import annotations

from ...model import PEERING_STATES
from ..containers import Field, ListOf, MapOf, Obj, OneOf
from ..types import Bool, Enum, Int, Str
from ..values import Cidr
from .common import (
    ACCOUNT,
    ID_LIST,
    ID_REF,
    PREFIX_LIST_REF_DOC,
    REGION,
    TEXT,
    account_field,
    common,
    region_field,
    state,
)

EXTERNAL_VPC = Obj(
    common(
        vpc=Field(ID_REF, "The peer VPC's id (usually its AWS id).", required=True, examples=("vpc-0partner",)),
        cidrs=Field(ListOf(Cidr(None)), "The peer VPC's CIDRs, as the peering shows them.", required=True,
                    examples=(["172.20.0.0/16"],)),
        account=Field(ACCOUNT, "The peer's AWS account id.", examples=("444455556666",)),
        region=Field(REGION, "The peer's region (an inter-Region peering, PEER-8).", examples=("eu-west-1",)),
    ),
    what="external VPC",
)

PEERING_SIDE_DOC = "A VPC id of the spec, or a mapping describing a VPC outside the spec (PEER-8)."
PEERING = Obj(
    common(
        requester=Field(OneOf(ID_REF, EXTERNAL_VPC), PEERING_SIDE_DOC, required=True, examples=("vpc-a",)),
        accepter=Field(OneOf(ID_REF, EXTERNAL_VPC), PEERING_SIDE_DOC, required=True,
                       examples=("vpc-b", {"vpc": "vpc-0partner", "cidrs": ["172.20.0.0/16"],
                                           "account": "444455556666", "region": "eu-west-1"})),
        status=Field(Enum(PEERING_STATES), "Peering state (PEER-7); routes to a peering that is not active are "
                     "blackhole.", default="active"),
        allow_dns_resolution=Field(Bool(), "AllowDnsResolutionFromRemoteVpc (PEER-9).", default=False),
    ),
    what="peering",
)

ATTACHMENT_TYPES = ("vpc", "peering", "vpn", "direct-connect", "connect")
TGW_ATTACHMENT = Obj(
    common(
        type=Field(Enum(ATTACHMENT_TYPES), "Attachment type: vpc (default), peering, vpn, direct-connect or connect.",
                   default="vpc"),
        vpc=Field(ID_REF, "Type vpc: the attached VPC.", examples=("vpc-a",)),
        subnets=Field(ID_LIST, "Type vpc: one subnet of the VPC per availability zone (TGW-2).",
                      examples=(["a-tgw-1a", "a-tgw-1b"],)),
        ipv6_support=Field(Bool(), "Type vpc: the attachment carries IPv6 (Ipv6Support, V6-8).", default=False),
        appliance_mode=Field(Bool(), "Type vpc: appliance mode (symmetric AZ for flows).", default=False),
        peer=Field(ID_REF, "Type peering: the peer transit gateway of the spec (TGW-1).", examples=("tgw-eu",)),
        vpn_connection=Field(ID_REF, "Type vpn: the VPN connection ending on this transit gateway (VGW-9).",
                             examples=("vpn-dc1",)),
        direct_connect_gateway=Field(ID_REF, "Type direct-connect: the Direct Connect gateway (VGW-9).",
                                     examples=("dxgw-1",)),
        cidrs=Field(ListOf(Cidr(None)), "Prefixes behind a vpn, direct-connect or connect attachment (what it "
                    "propagates).", examples=(["192.168.0.0/16"],)),
        state=Field(Str(), "Lifecycle state; available and modifying carry traffic (TGW-10).",
                    examples=("available", "deleted")),
    ),
    what="transit gateway attachment",
)

TGW_ROUTE = Obj(
    {
        "destination": Field(Cidr(None, not_cidr_hint="a prefix list goes under `prefix_list:` in a transit "
                                                      "gateway route (PL-7)"),
                             "CIDR block (or use `prefix_list`).", examples=("10.0.0.0/8", "0.0.0.0/0")),
        "prefix_list": Field(Str(min_length=1), f"Instead of `destination`: {PREFIX_LIST_REF_DOC}; each entry "
                             "becomes a route (PL-7).", examples=("corp-ranges", "pl-0a1b2c3d4e5f60718")),
        "attachment": Field(ID_REF, "Target attachment of this transit gateway.", examples=("att-a",)),
        "blackhole": Field(Bool(), "A static blackhole route: drop matching traffic (TGW-4).", default=False),
        "state": Field(Enum(("active", "blackhole"), case_insensitive=True), "The state AWS reported (RS-5); a "
                       "blackhole route may name an attachment that no longer exists.", examples=("blackhole",)),
        "description": Field(TEXT, "Free text shown in the route table.", examples=("no spoke-to-spoke traffic",)),
    },
    what="transit gateway route",
    exclusive=(("destination", "prefix_list"),),
    need_one=(("destination", "prefix_list"),),
)

TGW_ROUTE_TABLE = Obj(
    common(
        associations=Field(ID_LIST, "Attachments whose traffic this table routes; each attachment is associated "
                           "with one table (TGW-4).", examples=(["att-a", "att-b"],)),
        propagations=Field(ID_LIST, "Attachments whose CIDRs propagate into this table.",
                           examples=(["att-shared"],)),
        routes=Field(ListOf(TGW_ROUTE), "Static and blackhole routes.",
                     examples=([{"destination": "0.0.0.0/0", "attachment": "att-egress"}],)),
    ),
    what="transit gateway route table",
)

TRANSIT_GATEWAY = Obj(
    common(
        region=region_field("transit gateway"),
        account=account_field("transit gateway"),
        asn=Field(Int(1, 4294967295), "Amazon-side BGP ASN.", examples=(64512,)),
        state=state(("pending", "available", "modifying", "deleting", "deleted"), "Lifecycle state.",
                    "available"),
        attachments=Field(MapOf(TGW_ATTACHMENT, "attachment", example_id="att-a"), "Attachments by id.",
                          examples=({"att-a": {"vpc": "vpc-a", "subnets": ["a-tgw-1a"]}},)),
        route_tables=Field(MapOf(TGW_ROUTE_TABLE, "route table", example_id="rt-main"), "Route tables by id.",
                           examples=({"rt-main": {"associations": ["att-a"], "propagations": ["att-a"]}},)),
        default_association_route_table=Field(ID_REF, "Table new attachments are associated with when the spec "
                                              "associates them with none (TGW-5).", examples=("rt-main",)),
        default_propagation_route_table=Field(ID_REF, "Table attachments propagate to when the spec propagates "
                                              "them to none (TGW-5).", examples=("rt-main",)),
    ),
    what="transit gateway",
)

PEERINGS = MapOf(PEERING, "peering", example_id="pcx-a-b")
TRANSIT_GATEWAYS = MapOf(TRANSIT_GATEWAY, "transit gateway", example_id="tgw-hub")
