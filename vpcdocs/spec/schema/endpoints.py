"""VPC endpoints, load balancers and PrivateLink endpoint services."""

from __future__ import annotations

from ..containers import Field, ListOf, MapOf, Obj
from ..types import Bool, Enum, Int, Str
from .common import ID_LIST, ID_REF, REGION, common

LB_PROTOCOLS = ("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE")

ENDPOINT = Obj(
    common(
        type=Field(Enum(("gateway", "interface"), case_insensitive=True), "Endpoint type: gateway (S3, DynamoDB; "
                   "routes, GWE-1) or interface (an ENI per subnet, IFE-1).", required=True, examples=("gateway", "interface")),
        service=Field(Str(min_length=1), "Gateway endpoints: s3 or dynamodb (or com.amazonaws.<region>.s3); "
                      "interface endpoints: an AWS service name such as sqs.", examples=("s3", "dynamodb", "sqs")),
        endpoint_service=Field(ID_REF, "Interface endpoints: a PrivateLink endpoint service of the spec.",
                               examples=("orders-svc",)),
        route_tables=Field(ID_LIST, "Gateway endpoints: route tables of this VPC that get the prefix-list → "
                           "endpoint route (GWE-2).", examples=(["a-private"],)),
        prefix_list_id=Field(Str(r"pl-[0-9a-z]+", "a prefix-list id such as pl-63a5400a"),
                             "Gateway endpoints: the service's prefix-list id, shown as the route destination.",
                             examples=("pl-63a5400a",)),
        subnets=Field(ID_LIST, "Interface endpoints: one subnet per availability zone (IFE-1).",
                      examples=(["a-private-1a", "a-private-1b"],)),
        security_groups=Field(ID_LIST, "Interface endpoints: security groups of the endpoint ENIs; none: the "
                              "VPC's default group (IFE-2).", examples=(["sg-endpoints"],)),
        private_dns=Field(Bool(), "Interface endpoints: private DNS names (IFE-3).", default=False),
        state=Field(Str(), "Lifecycle state; deleted or failed endpoints carry nothing (GWE-3).",
                    examples=("available", "deleted")),
    ),
    what="endpoint",
)

LISTENER = Obj(
    {
        "port": Field(Int(1, 65535), "Listener port.", required=True, examples=(443, 80)),
        "protocol": Field(Enum(LB_PROTOCOLS, case_insensitive=True), "Listener protocol.", required=True,
                          examples=("HTTPS", "TCP")),
        "target_group": Field(ID_REF, "A target group of this load balancer.", examples=("web",)),
    },
    what="listener",
)

TARGET_GROUP = Obj(
    {
        "target_type": Field(Enum(("instance", "ip", "alb", "lambda")), "Target type: instance (default), ip, alb or lambda.",
                             default="instance"),
        "protocol": Field(Enum(LB_PROTOCOLS, case_insensitive=True), "Target protocol.", examples=("HTTP", "TCP")),
        "port": Field(Int(1, 65535), "Target port.", examples=(8080,)),
        "targets": Field(ID_LIST, "Target ids; for target_type alb the id of the ALB (EPS-5).",
                         examples=(["orders-alb"], ["web-1", "web-2"])),
    },
    what="target group",
)

LOAD_BALANCER = Obj(
    common(
        type=Field(Enum(("application", "network", "gateway")), "Load balancer type: application, network or gateway.", required=True,
                   examples=("application", "network")),
        scheme=Field(Enum(("internal", "internet-facing")), "Scheme: internal (default) or internet-facing.",
                     default="internal"),
        subnets=Field(ID_LIST, "One subnet of this VPC per availability zone (an ENI in each).", required=True,
                      examples=(["b-app-1a", "b-app-1b"],)),
        listeners=Field(ListOf(LISTENER), "Listeners (port, protocol, target group).",
                        examples=([{"port": 443, "protocol": "HTTPS"}],)),
        target_groups=Field(MapOf(TARGET_GROUP, "target group", example_id="web"), "Target groups by id.",
                            examples=({"to-alb": {"target_type": "alb", "protocol": "TCP", "port": 443,
                                                  "targets": ["orders-alb"]}},)),
        security_groups=Field(ID_LIST, "Security groups: always on an ALB, on an NLB only when set at creation, "
                              "never on a GWLB (SG-20).", examples=(["sg-alb"],)),
        cross_zone=Field(Bool(), "Cross-zone load balancing (EPS-9).", examples=(False,)),
    ),
    what="load balancer",
)

ENDPOINT_SERVICE = Obj(
    common(
        load_balancers=Field(ID_LIST, "Network (or gateway) load balancers of the spec behind the service (EPS-1).",
                             required=True, examples=(["orders-nlb"],)),
        acceptance_required=Field(Bool(), "Connections need manual acceptance (default true, EPS-3).", default=True),
        allowed_principals=Field(ListOf(Str()), "IAM principals allowed to connect.",
                                 examples=(["arn:aws:iam::111122223333:root"],)),
        service_name=Field(Str(r"com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-z]+", "an endpoint service name"),
                           "The service name, com.amazonaws.vpce.<region>.vpce-svc-… (EPS-2).",
                           examples=("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",)),
        private_dns_name=Field(Str(), "Private DNS name of the service.", examples=("orders.example.internal",)),
        supported_regions=Field(ListOf(REGION), "Regions consumers may connect from.", examples=(["us-east-1"],)),
    ),
    what="endpoint service",
)

ENDPOINTS = MapOf(ENDPOINT, "endpoint", example_id="s3-gw")
LOAD_BALANCERS = MapOf(LOAD_BALANCER, "load balancer", example_id="orders-alb")
ENDPOINT_SERVICES = MapOf(ENDPOINT_SERVICE, "endpoint service", example_id="orders-svc")
