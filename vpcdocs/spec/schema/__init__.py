"""The spec format, declared once (docs/spec-format.md explains it for people).

``SPEC_FILE`` validates one YAML file; :func:`json_schema` turns the same declaration into
the JSON Schema printed by ``vpcdocs schema`` for editors (yaml-language-server, VS Code's
YAML extension): every field has a description and examples for hover help.

One module per resource family: :mod:`.network` (VPCs, subnets, route tables, gateways),
:mod:`.security` (security groups, network ACLs, prefix lists), :mod:`.workloads`,
:mod:`.endpoints`, :mod:`.transit`, :mod:`.hybrid`.
"""

from __future__ import annotations

from ..containers import Field, ListOf, Obj
from ..types import Bool, Int, Str
from ..values import Protocol
from .common import ACCOUNT, ID_REF, REGION, TEXT
from .endpoints import ENDPOINT_SERVICES
from .hybrid import DIRECT_CONNECT_GATEWAYS, EXTERNAL_NETWORKS, VPN_CONNECTIONS
from .network import VPCS
from .security import PREFIX_LISTS
from .transit import PEERINGS, TRANSIT_GATEWAYS

# yaml-language-server (and so VS Code's YAML extension) implements JSON Schema draft 7; the
# schema uses only keywords that mean the same in draft 7 and 2020-12.
SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"

EXPECTATION = Obj(
    {
        "from": Field(Str(min_length=1), "Where the flow starts: a subnet, instance, network interface, VPC, IP "
                      "address, …", required=True, examples=("a-private-1a", "web-1", "10.0.1.10")),
        "to": Field(Str(min_length=1), "Where it goes: a subnet, instance, IP address, s3, dynamodb, internet, an "
                    "endpoint service, an external network, …", required=True,
                    examples=("c-app-1a", "s3", "internet", "corp-dc")),
        "reachable": Field(Bool(), "Whether the flow should work (default true).", default=True),
        "via": Field(ID_REF, "An object the path must go through.", examples=("s3-gw", "tgw-hub")),
        "protocol": Field(Protocol(words_only=True), "Protocol of the flow: tcp, udp, icmp, icmpv6 or all; left "
                          "out: any traffic some rule allows.", examples=("tcp", "icmp")),
        "port": Field(Int(0, 65535), "Destination port of a tcp or udp flow.", examples=(443, 5432)),
        "description": Field(TEXT, "Free text shown with the result.", examples=("app reaches the database",)),
    },
    what="expectation",
)

SPEC_FILE = Obj(
    {
        "region": Field(REGION, "Default region of this file's VPCs, transit gateways and other regional "
                        "resources.", examples=("us-east-1", "eu-west-1")),
        "account": Field(ACCOUNT, "Default account id of this file's VPCs (12 digits).", examples=("111122223333",)),
        "description": Field(TEXT, "What this file describes.", examples=("Production network, us-east-1",)),
        "vpcs": Field(VPCS, "VPCs by id.", examples=({"vpc-a": {"cidr": "10.0.0.0/16"}},)),
        "peerings": Field(PEERINGS, "VPC peering connections by id (PEER-*).",
                          examples=({"pcx-a-b": {"requester": "vpc-a", "accepter": "vpc-b"}},)),
        "endpoint_services": Field(ENDPOINT_SERVICES, "PrivateLink endpoint services by id (EPS-*).",
                                   examples=({"orders-svc": {"load_balancers": ["orders-nlb"]}},)),
        "transit_gateways": Field(TRANSIT_GATEWAYS, "Transit gateways by id (TGW-*).",
                                  examples=({"tgw-hub": {"asn": 64512}},)),
        "prefix_lists": Field(PREFIX_LISTS, "Managed prefix lists by id, customer- or AWS-managed (PL-*).",
                              examples=({"corp-ranges": {"entries": ["10.50.0.0/16"]}},)),
        "external_networks": Field(EXTERNAL_NETWORKS, "Networks outside AWS (on-premises) by id, reached over VPN "
                                   "or Direct Connect.",
                                   examples=({"corp-dc": {"cidrs": ["192.168.0.0/16"]}},)),
        "vpn_connections": Field(VPN_CONNECTIONS, "Site-to-Site VPN connections by id (VGW-*).",
                                 examples=({"vpn-dc1": {"vpn_gateway": "vgw-a", "network": "corp-dc"}},)),
        "direct_connect_gateways": Field(DIRECT_CONNECT_GATEWAYS, "Direct Connect gateways by id.",
                                         examples=({"dxgw-1": {"vpn_gateways": ["vgw-a"], "network": "corp-dc"}},)),
        "expect": Field(ListOf(EXPECTATION), "Flows that must (or must not) work, checked by `vpcdocs check`.",
                        examples=([{"from": "a-private-1a", "to": "s3", "via": "s3-gw"}],)),
    },
    what="spec file",
    doc="A vpcdocs topology spec file (see docs/spec-format.md).",
)


def json_schema() -> dict:
    """JSON Schema (draft 7, as editors implement it) of one spec file."""
    schema = SPEC_FILE.json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "vpcdocs topology spec",
        **schema,
    }
