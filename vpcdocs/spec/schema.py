"""The spec format, declared once (docs/spec-format.md explains it for people).

``SPEC_FILE`` validates one YAML file; :func:`json_schema` turns the same declaration into
the JSON Schema printed by ``vpcdocs schema`` for editors (yaml-language-server).
"""

from __future__ import annotations

from .types import (
    ID_PATTERN,
    AccountId,
    Bool,
    Cidr,
    Enum,
    Field,
    Int,
    ListOf,
    MapOf,
    Obj,
    OneOf,
    Str,
)

REGION = Str(r"[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d", "an AWS region such as us-east-1")
ID_REF = Str(ID_PATTERN, "an id", min_length=1)
ID_LIST = ListOf(ID_REF, unique=True)
TEXT = Str()


def common(**fields: Field) -> dict[str, Field]:
    """Fields every resource accepts, then the resource's own."""
    return {
        "name": Field(TEXT, "display name (defaults to the id)"),
        "description": Field(TEXT, "free text shown in the docs"),
        "aws_id": Field(Str(r"[A-Za-z0-9:/._-]+", "an AWS id or ARN"), "the real AWS id, shown in the docs"),
        "tags": Field(MapOf(Str(), "tag"), "AWS tags"),
        "suppress": Field(
            ListOf(
                Obj(
                    {
                        "code": Field(Str(r"[A-Z][A-Z0-9-]+", "a lint code such as L-RT-NO-ASSOC"), required=True),
                        "reason": Field(Str(min_length=1), "why the finding does not apply", required=True),
                    },
                    what="suppression",
                )
            ),
            "lint findings silenced on this resource, each with a reason",
        ),
        **fields,
    }


ROUTE = Obj(
    {
        "destination": Field(Str(min_length=1), "CIDR block, prefix-list id (pl-…) or managed prefix-list name",
                             required=True),
        "target": Field(ID_REF, "id of a gateway/peering/TGW/endpoint in the spec, or an AWS id (eni-, i-, vgw-…)",
                        required=True),
        "description": Field(TEXT),
    },
    what="route",
)

ROUTE_TABLE = Obj(
    common(
        main=Field(Bool(), "the VPC's main route table (RT-2)"),
        subnets=Field(ID_LIST, "subnets explicitly associated with this table"),
        routes=Field(ListOf(ROUTE), "static routes; local and gateway endpoint routes are derived"),
        propagating_vgws=Field(ID_LIST, "virtual private gateways propagating routes"),
    ),
    what="route table",
)

SUBNET = Obj(
    common(
        cidr=Field(Cidr(4), "IPv4 CIDR inside the VPC, /16../28 (SUB-1)", required=True),
        ipv6_cidr=Field(Cidr(6), "IPv6 /64"),
        az=Field(Str(r"[a-z]{2}(-gov)?-[a-z]+-\d[a-z](-[a-z0-9-]+)?", "an availability zone such as us-east-1a"),
                 "availability zone", required=True),
        az_id=Field(Str(r"[a-z]{2,5}\d?-az\d+", "an AZ id such as use1-az1"), "AZ id (EPS-4)"),
        route_table=Field(ID_REF, "route table of this VPC; without it the main table is used (RT-2)"),
    ),
    what="subnet",
)

INTERNET_GATEWAY = Obj(common(id=Field(ID_REF, "id of the internet gateway", required=True)),
                       what="internet gateway", shorthand="id")

NAT_GATEWAY = Obj(
    common(
        subnet=Field(ID_REF, "subnet the NAT gateway lives in", required=True),
        connectivity=Field(Enum(("public", "private")), "public (default) or private (NAT-1)"),
        state=Field(Enum(("pending", "available", "deleting", "deleted", "failed")),
                    "lifecycle state; deleted/failed make routes to it blackhole (RT-BH-1)"),
    ),
    what="NAT gateway",
)

ENDPOINT = Obj(
    common(
        type=Field(Enum(("gateway", "interface"), case_insensitive=True), "gateway or interface", required=True),
        service=Field(Str(min_length=1), "s3 / dynamodb (gateway), an AWS service name (interface)"),
        endpoint_service=Field(ID_REF, "a PrivateLink endpoint service of the spec (interface)"),
        route_tables=Field(ID_LIST, "route tables that get the endpoint route (gateway, GWE-2)"),
        prefix_list_id=Field(Str(r"pl-[0-9a-z]+", "a prefix-list id such as pl-63a5400a"),
                             "the service's prefix-list id (gateway)"),
        subnets=Field(ID_LIST, "one subnet per AZ (interface, IFE-1)"),
        security_groups=Field(ID_LIST, "security groups of the endpoint ENIs (interface)"),
        private_dns=Field(Bool(), "private DNS names (interface, IFE-3)"),
        state=Field(Str(), "lifecycle state"),
    ),
    what="endpoint",
)

LISTENER = Obj(
    {
        "port": Field(Int(1, 65535), required=True),
        "protocol": Field(Enum(("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"), case_insensitive=True),
                          required=True),
        "target_group": Field(ID_REF, "target group of this load balancer"),
    },
    what="listener",
)

TARGET_GROUP = Obj(
    {
        "target_type": Field(Enum(("instance", "ip", "alb", "lambda")), "instance (default), ip, alb or lambda"),
        "protocol": Field(Enum(("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"), case_insensitive=True)),
        "port": Field(Int(1, 65535)),
        "targets": Field(ID_LIST, "target ids; for target_type alb the id of the ALB (EPS-5)"),
    },
    what="target group",
)

LOAD_BALANCER = Obj(
    common(
        type=Field(Enum(("application", "network", "gateway")), "application, network or gateway", required=True),
        scheme=Field(Enum(("internal", "internet-facing")), "internal (default) or internet-facing"),
        subnets=Field(ID_LIST, "one subnet per AZ", required=True),
        listeners=Field(ListOf(LISTENER)),
        target_groups=Field(MapOf(TARGET_GROUP, "target group")),
        security_groups=Field(ID_LIST),
        cross_zone=Field(Bool(), "cross-zone load balancing (EPS-9)"),
    ),
    what="load balancer",
)

PORT_RANGE = r"\d{1,5}(-\d{1,5})?"
SG_RULE = Obj(
    {
        "protocol": Field(Str(r"tcp|udp|icmp|icmpv6|-1|all", "tcp, udp, icmp or -1 (all)"), required=True),
        "port": Field(Int(0, 65535)),
        "ports": Field(Str(PORT_RANGE, "a port range such as 8000-8080")),
        "source": Field(Str(min_length=1), "CIDR, security group id or prefix-list id", required=True),
        "description": Field(TEXT),
    },
    what="security group rule",
)

SECURITY_GROUP = Obj(
    common(ingress=Field(ListOf(SG_RULE)), egress=Field(ListOf(SG_RULE))),
    what="security group",
)

VPC = Obj(
    common(
        cidr=Field(Cidr(4), "primary IPv4 CIDR, /16../28 (CIDR-1)", required=True),
        secondary_cidrs=Field(ListOf(Cidr(4)), "secondary IPv4 CIDRs"),
        ipv6_cidr=Field(Cidr(6), "IPv6 CIDR"),
        region=Field(REGION, "overrides the file's region"),
        account=Field(AccountId(), "AWS account id"),
        dns_support=Field(Bool(), "enableDnsSupport (default true)"),
        dns_hostnames=Field(Bool(), "enableDnsHostnames (default true)"),
        internet_gateway=Field(INTERNET_GATEWAY, "the VPC's internet gateway (IGW-1)"),
        subnets=Field(MapOf(SUBNET, "subnet")),
        route_tables=Field(MapOf(ROUTE_TABLE, "route table")),
        nat_gateways=Field(MapOf(NAT_GATEWAY, "NAT gateway")),
        endpoints=Field(MapOf(ENDPOINT, "endpoint")),
        load_balancers=Field(MapOf(LOAD_BALANCER, "load balancer")),
        security_groups=Field(MapOf(SECURITY_GROUP, "security group")),
    ),
    what="VPC",
)

EXTERNAL_VPC = Obj(
    common(
        vpc=Field(ID_REF, "the peer VPC's id", required=True),
        cidrs=Field(ListOf(Cidr(None)), "the peer VPC's CIDRs", required=True),
        account=Field(AccountId()),
        region=Field(REGION),
    ),
    what="external VPC",
)

PEERING = Obj(
    common(
        requester=Field(OneOf(ID_REF, EXTERNAL_VPC), "VPC id, or an external VPC mapping", required=True),
        accepter=Field(OneOf(ID_REF, EXTERNAL_VPC), "VPC id, or an external VPC mapping", required=True),
        status=Field(Enum(("initiating-request", "pending-acceptance", "active", "failed", "expired", "rejected",
                           "provisioning", "deleting", "deleted")), "PEER-7 state (default active)"),
        allow_dns_resolution=Field(Bool(), "AllowDnsResolutionFromRemoteVpc (PEER-9)"),
    ),
    what="peering",
)

ENDPOINT_SERVICE = Obj(
    common(
        load_balancers=Field(ID_LIST, "network (or gateway) load balancers (EPS-1)", required=True),
        acceptance_required=Field(Bool(), "manual acceptance (default true, EPS-3)"),
        allowed_principals=Field(ListOf(Str())),
        service_name=Field(Str(r"com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-z]+", "an endpoint service name"),
                           "com.amazonaws.vpce.<region>.vpce-svc-… (EPS-2)"),
        private_dns_name=Field(Str()),
        supported_regions=Field(ListOf(REGION)),
    ),
    what="endpoint service",
)

TGW_ATTACHMENT = Obj(
    common(
        type=Field(Enum(("vpc", "peering", "vpn", "direct-connect", "connect")), "vpc (default), peering, vpn…"),
        vpc=Field(ID_REF, "the attached VPC (type vpc)"),
        subnets=Field(ID_LIST, "one subnet per AZ (TGW-2)"),
        peer=Field(ID_REF, "the peer transit gateway (type peering)"),
        cidrs=Field(ListOf(Cidr(None)), "prefixes behind a vpn / direct-connect attachment"),
        appliance_mode=Field(Bool()),
        state=Field(Str()),
    ),
    what="transit gateway attachment",
)

TGW_ROUTE = Obj(
    {
        "destination": Field(Cidr(None), "CIDR block", required=True),
        "attachment": Field(ID_REF, "target attachment"),
        "blackhole": Field(Bool(), "drop matching traffic"),
        "description": Field(TEXT),
    },
    what="transit gateway route",
)

TGW_ROUTE_TABLE = Obj(
    common(
        associations=Field(ID_LIST, "attachments whose traffic this table routes (TGW-4)"),
        propagations=Field(ID_LIST, "attachments whose CIDRs propagate into this table"),
        routes=Field(ListOf(TGW_ROUTE), "static and blackhole routes"),
    ),
    what="transit gateway route table",
)

TRANSIT_GATEWAY = Obj(
    common(
        region=Field(REGION),
        account=Field(AccountId()),
        asn=Field(Int(1, 4294967295)),
        attachments=Field(MapOf(TGW_ATTACHMENT, "attachment")),
        route_tables=Field(MapOf(TGW_ROUTE_TABLE, "route table")),
        default_association_route_table=Field(ID_REF, "TGW-5"),
        default_propagation_route_table=Field(ID_REF, "TGW-5"),
    ),
    what="transit gateway",
)

EXPECTATION = Obj(
    {
        "from": Field(Str(min_length=1), "subnet, VPC, IP address, …", required=True),
        "to": Field(Str(min_length=1), "subnet, VPC, IP address, s3, dynamodb, internet, endpoint service…",
                    required=True),
        "reachable": Field(Bool(), "whether the flow should work (default true)"),
        "via": Field(ID_REF, "an object the path must go through"),
        "port": Field(Int(0, 65535)),
        "description": Field(TEXT),
    },
    what="expectation",
)

SPEC_FILE = Obj(
    {
        "region": Field(REGION, "default region of this file's VPCs and transit gateways"),
        "account": Field(AccountId(), "default account of this file's VPCs"),
        "description": Field(TEXT, "what this file describes"),
        "vpcs": Field(MapOf(VPC, "VPC")),
        "peerings": Field(MapOf(PEERING, "peering")),
        "endpoint_services": Field(MapOf(ENDPOINT_SERVICE, "endpoint service")),
        "transit_gateways": Field(MapOf(TRANSIT_GATEWAY, "transit gateway")),
        "expect": Field(ListOf(EXPECTATION), "flows that must (or must not) work"),
    },
    what="spec file",
    doc="A vpcdocs topology spec file (see docs/spec-format.md).",
)


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of one spec file."""
    schema = SPEC_FILE.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "vpcdocs topology spec",
        **schema,
    }
