"""VPCs, subnets, route tables and the gateways at a VPC's edge."""

from __future__ import annotations

from ..containers import Field, ListOf, MapOf, Obj
from ..types import Bool, Enum, Int, Str
from ..values import Cidr, IpAddress
from .common import ID_LIST, ID_REF, PREFIX_LIST_REF_DOC, TEXT, account_field, common, region_field, state
from .endpoints import ENDPOINTS, LOAD_BALANCERS
from .security import NETWORK_ACLS, SECURITY_GROUPS
from .workloads import INSTANCES, NETWORK_INTERFACES

ROUTE = Obj(
    {
        "destination": Field(Str(min_length=1), f"An IPv4 or IPv6 CIDR, or {PREFIX_LIST_REF_DOC}.", required=True,
                             examples=("0.0.0.0/0", "::/0", "10.1.0.0/16", "corp-ranges")),
        "target": Field(ID_REF, "Where matching traffic goes: the id (or AWS id) of an internet, egress-only, NAT "
                        "or virtual private gateway, peering, transit gateway, instance or network interface of the "
                        "spec, or the AWS id of something not in the spec (eni-…, i-…, vgw-…, vpce-…).",
                        required=True, examples=("igw-a", "nat-a", "pcx-a-b", "tgw-hub", "eigw-a")),
        "state": Field(Enum(("active", "blackhole"), case_insensitive=True), "The state AWS reported (RS-1); "
                       "blackhole is honoured whatever the target (RS-3). Left out: derived from the target (RS-6).",
                       examples=("blackhole",)),
        "state_reason": Field(TEXT, "Why AWS reports the route as blackhole, when known.",
                              examples=("network interface deleted",)),
        "description": Field(TEXT, "Free text shown in the route table.", examples=("to VPC B",)),
    },
    what="route",
)

ROUTE_TABLE = Obj(
    common(
        main=Field(Bool(), "The VPC's main route table: subnets without an association use it (RT-2).",
                   default=False),
        subnets=Field(ID_LIST, "Subnets of this VPC explicitly associated with this table (the same as their "
                      "`route_table`).", examples=(["a-private-1a", "a-private-1b"],)),
        routes=Field(ListOf(ROUTE), "Static routes; local and gateway-endpoint routes are derived, never written "
                     "(CIDR-4, GWE-2).", examples=([{"destination": "0.0.0.0/0", "target": "nat-a"}],)),
        propagating_vgws=Field(ID_LIST, "Virtual private gateways of this VPC propagating VPN and Direct Connect "
                               "routes into this table (VGW-3).", examples=(["vgw-a"],)),
    ),
    what="route table",
)

SUBNET = Obj(
    common(
        cidr=Field(Cidr(4), "IPv4 CIDR inside the VPC, /16../28 (SUB-1).", required=True,
                   examples=("10.0.1.0/24",)),
        ipv6_cidr=Field(Cidr(6), "IPv6 /64 inside one of the VPC's IPv6 CIDRs (SUB-1, V6-1).",
                        examples=("2600:1f18:abcd:1201::/64",)),
        az=Field(Str(r"[a-z]{2}(-gov)?-[a-z]+-\d[a-z](-[a-z0-9-]+)?", "an availability zone such as us-east-1a"),
                 "Availability zone.", required=True, examples=("us-east-1a",)),
        az_id=Field(Str(r"[a-z]{2,5}\d?-az\d+", "an AZ id such as use1-az1"), "Availability zone id; PrivateLink "
                    "AZ matching uses it (EPS-4).", examples=("use1-az1",)),
        route_table=Field(ID_REF, "Route table of this VPC; without one the subnet uses the main table (RT-2).",
                          examples=("a-private",)),
        network_acl=Field(ID_REF, "Network ACL of this VPC; without one the subnet uses the VPC's default ACL "
                          "(NACL-5).", examples=("acl-app",)),
        map_public_ip=Field(Bool(), "MapPublicIpOnLaunch: instances launched here get a public IPv4 address.",
                            default=False),
    ),
    what="subnet",
)


def _gateway(what: str, example: str, extra: dict[str, Field] | None = None) -> Obj:
    return Obj(common(id=Field(ID_REF, f"Id of the {what}; route targets name it.", required=True,
                               examples=(example,)), **(extra or {})),
               what=what, shorthand="id")


ATTACHMENT_STATES = ("attaching", "attached", "detaching", "detached")
INTERNET_GATEWAY = _gateway("internet gateway", "igw-a")
EGRESS_ONLY_INTERNET_GATEWAY = _gateway(
    "egress-only internet gateway", "eigw-a",
    {"state": state(ATTACHMENT_STATES, "Attachment state; a detached gateway blackholes its routes (V6-4).",
                    "attached")})
VPN_GATEWAY = _gateway(
    "virtual private gateway", "vgw-a",
    {"asn": Field(Int(1, 4294967294), "Amazon-side BGP ASN.", examples=(64512,)),
     "state": state((*ATTACHMENT_STATES, "pending", "available", "deleting", "deleted"),
                    "State as AWS reports it (VGW-1); attached or available forward traffic.", "attached")})

NAT_GATEWAY = Obj(
    common(
        subnet=Field(ID_REF, "Subnet of this VPC the NAT gateway lives in.", required=True,
                     examples=("a-public-1a",)),
        connectivity=Field(Enum(("public", "private")), "Connectivity: public (default) or private (NAT-1).", default="public"),
        state=state(("pending", "available", "deleting", "deleted", "failed"),
                    "Lifecycle state; deleted or failed make routes to it blackhole (RS-2).", "available"),
        private_ip=Field(IpAddress(4), "Private IPv4 address inside its subnet; unique in the VPC.",
                         examples=("10.0.0.5",)),
        public_ip=Field(IpAddress(4), "Elastic IP address of a public NAT gateway.", examples=("54.1.2.3",)),
    ),
    what="NAT gateway",
)

VPC = Obj(
    common(
        cidr=Field(Cidr(4), "Primary IPv4 CIDR, /16../28 (CIDR-1).", required=True, examples=("10.0.0.0/16",)),
        secondary_cidrs=Field(ListOf(Cidr(4)), "Secondary IPv4 CIDRs (CIDR-1, CIDR-2).",
                              examples=(["10.2.0.0/16"],)),
        ipv6_cidr=Field(Cidr(6), "IPv6 CIDR (a /56 when Amazon-provided, V6-1); `ipv6_cidrs` for several.",
                        examples=("2600:1f18:abcd:1200::/56",)),
        ipv6_cidrs=Field(ListOf(Cidr(6), unique=True), "IPv6 CIDRs, up to 5 (V6-1).",
                         examples=(["2600:1f18:abcd:1200::/56", "2600:1f18:abcd:3400::/56"],)),
        region=region_field("VPC"),
        account=account_field("VPC"),
        dns_support=Field(Bool(), "The enableDnsSupport attribute (default true).", default=True),
        dns_hostnames=Field(Bool(), "The enableDnsHostnames attribute (default true).", default=True),
        internet_gateway=Field(INTERNET_GATEWAY, "The VPC's internet gateway (IGW-1): an id, or a mapping with "
                               "`id` and the common fields.", examples=("igw-a", {"id": "igw-a",
                                                                                   "aws_id": "igw-0abc1234"})),
        egress_only_internet_gateway=Field(EGRESS_ONLY_INTERNET_GATEWAY, "The VPC's egress-only internet gateway: "
                                           "IPv6 outbound only (V6-4). An id or a mapping with `id`.",
                                           examples=("eigw-a",)),
        vpn_gateway=Field(VPN_GATEWAY, "The virtual private gateway attached to this VPC; at most one (VGW-1). An "
                          "id or a mapping with `id`, `asn`, `state`.", examples=("vgw-a", {"id": "vgw-a",
                                                                                            "asn": 64512})),
        subnets=Field(MapOf(SUBNET, "subnet", example_id="a-private-1a"), "Subnets by id.",
                      examples=({"a-private-1a": {"cidr": "10.0.1.0/24", "az": "us-east-1a",
                                                  "route_table": "a-private"}},)),
        route_tables=Field(MapOf(ROUTE_TABLE, "route table", example_id="a-private"), "Route tables by id.",
                           examples=({"a-private": {"main": True, "routes": [{"destination": "0.0.0.0/0",
                                                                               "target": "nat-a"}]}},)),
        nat_gateways=Field(MapOf(NAT_GATEWAY, "NAT gateway", example_id="nat-a"), "NAT gateways by id.",
                           examples=({"nat-a": {"subnet": "a-public-1a"}},)),
        endpoints=Field(ENDPOINTS, "Gateway and interface endpoints by id.",
                        examples=({"s3-gw": {"type": "gateway", "service": "s3", "route_tables": ["a-private"]}},)),
        load_balancers=Field(LOAD_BALANCERS, "Load balancers by id.",
                             examples=({"orders-alb": {"type": "application", "subnets": ["b-app-1a", "b-app-1b"]}},)),
        security_groups=Field(SECURITY_GROUPS, "Security groups by id (SG-*).",
                              examples=({"sg-web": {"ingress": [{"protocol": "tcp", "port": 443,
                                                                 "source": "0.0.0.0/0"}]}},)),
        network_acls=Field(NETWORK_ACLS, "Network ACLs by id (NACL-*).",
                           examples=({"acl-app": {"subnets": ["a-app-1a"], "ingress": [
                               {"rule": 100, "action": "allow", "protocol": "tcp", "ports": 443,
                                "cidr": "0.0.0.0/0"}]}},)),
        instances=Field(INSTANCES, "EC2 instances by id.",
                        examples=({"web-1": {"subnet": "a-app-1a", "private_ip": "10.0.1.10",
                                             "security_groups": ["sg-web"]}},)),
        network_interfaces=Field(NETWORK_INTERFACES, "Elastic network interfaces by id (load balancer, endpoint and "
                                 "NAT interfaces are derived, not written).",
                                 examples=({"eni-db": {"subnet": "a-data-1a", "private_ips": ["10.0.20.5"]}},)),
    ),
    what="VPC",
    exclusive=(("ipv6_cidr", "ipv6_cidrs"),),
)

VPCS = MapOf(VPC, "VPC", example_id="vpc-a")
