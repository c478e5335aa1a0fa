"""What can happen to a flow: dispositions, the causes behind them, and the AWS Reachability
Analyzer explanation codes for the same thing (§8g of aws-networking-rules.md).

An answer is data: a :class:`Disposition`, the hops, the security checks, and for a flow
that does not get through one :class:`~.results.Blocker` whose ``cause`` is a key of
:data:`CAUSES`. Words are made from it by :mod:`.explain`, never parsed back.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Disposition(enum.StrEnum):
    ACCEPTED = "accepted"  # delivered, and the replies come back where they are checked
    NO_ROUTE = "no-route"  # a route table has no route (or sends it where it cannot go)
    BLACKHOLE = "blackhole"  # the route that wins is a blackhole (RT-BH-1, RS-4)
    BAD_STATE = "bad-state"  # a component on the path is not usable (peering, attachment, VPN…)
    NOT_TRANSITIVE = "not-transitive"  # VPC peering does not carry traffic on (PEER-1)
    EDGE_TO_EDGE = "edge-to-edge"  # a peer's / TGW-entered VPC's gateways cannot be used (PEER-2, GWE-6)
    AZ_NOT_COVERED = "az-not-covered"  # the TGW attachment has no subnet in the sender's AZ (TGW-2)
    NO_RETURN_ROUTE = "no-return-route"  # the request arrives, the replies cannot come back
    ONE_WAY_PRIVATELINK = "one-way-privatelink"  # PrivateLink only opens consumer -> provider (IFE-5)
    NO_LISTENER = "no-listener"  # no listener of the load balancer / endpoint service for that traffic
    NO_PUBLIC_IP = "no-public-ip"  # internet traffic of an interface without a public address
    NOT_PUBLIC = "not-public"  # the internet cannot start connections to it
    DENIED_BY_SECURITY_GROUP = "denied-by-security-group"
    DENIED_BY_NACL = "denied-by-nacl"
    UNKNOWN_DESTINATION = "unknown-destination"  # the address is in no subnet of the spec
    LOOP = "loop"  # routing loop
    UNMODELLED = "unmodelled"  # handed to something vpcdocs does not model (appliance, VPN…)
    UNSUPPORTED = "unsupported"  # traffic AWS does not carry that way (IPv6 to a NAT, UDP over PrivateLink…)


@dataclass(frozen=True)
class Cause:
    disposition: Disposition
    codes: tuple[str, ...] = ()  # Reachability Analyzer explanation codes
    rules: tuple[str, ...] = ()  # rule IDs of aws-networking-rules.md


D = Disposition

# cause key -> disposition, explanation codes, rule IDs
CAUSES: dict[str, Cause] = {
    # routing (request or reply)
    "no-route": Cause(D.NO_ROUTE, ("NO_ROUTE_TO_DESTINATION",), ("RT-PRI-1",)),
    "no-route-table": Cause(D.NO_ROUTE, ("NO_ROUTE_TO_DESTINATION",), ("RT-1", "RT-2")),
    "not-connected": Cause(D.NO_ROUTE, ("DISCONNECTED_VPCS",), ()),
    "peering-no-route": Cause(D.NO_ROUTE, ("NO_ROUTE_TO_DESTINATION",), ("PEER-5",)),
    "tgw-no-route-vpc": Cause(D.NO_ROUTE, ("NO_ROUTE_TO_DESTINATION",), ("TGW-3",)),
    "internet-peer-exit": Cause(D.EDGE_TO_EDGE, ("NO_ROUTE_TO_DESTINATION",), ("PEER-2",)),
    "service-peer-endpoint": Cause(D.EDGE_TO_EDGE, ("NO_ROUTE_TO_DESTINATION",), ("PEER-2", "GWE-6")),
    "service-endpoint-not-associated": Cause(D.NO_ROUTE, ("NO_ROUTE_TO_DESTINATION",), ("GWE-7",)),
    "service-endpoint-other-region": Cause(D.NO_ROUTE, ("NO_ROUTE_TO_DESTINATION",), ("GWE-5",)),
    "reply-via-nat": Cause(D.NO_ROUTE, ("NO_ROUTE_TO_DESTINATION",), ("NAT-1", "PEER-5")),
    "private-to-igw": Cause(D.NO_ROUTE, ("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",), ("IGW-1",)),
    "wrong-vpc": Cause(D.NO_ROUTE, ("VPC_LOCAL_ROUTE_CIDR_RESTRICTION",), ("PEER-6",)),
    "route-blackhole": Cause(D.BLACKHOLE, ("BAD_STATE_ROUTE",), ("RT-BH-1",)),
    "tgw-route-blackhole": Cause(D.BLACKHOLE, ("TGW_RTB_BAD_STATE_ROUTE",), ("TGW-4",)),
    "tgw-no-route": Cause(D.NO_ROUTE, ("TGW_RTB_CANNOT_ROUTE",), ("TGW-4",)),
    "tgw-not-associated": Cause(D.NO_ROUTE, ("TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION",), ("TGW-4",)),
    "tgw-no-attachment": Cause(D.NO_ROUTE, ("NO_ROUTE_TO_DESTINATION",), ("TGW-3",)),
    "tgw-peer-not-associated": Cause(D.NO_ROUTE, ("TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION",), ("TGW-4",)),
    "tgw-wrong-attachment": Cause(D.NO_ROUTE, ("TGW_RTB_CANNOT_ROUTE",), ("TGW-6",)),
    "tgw-no-ipv6": Cause(D.UNSUPPORTED, ("TGW_RTB_CANNOT_ROUTE",), ("V6-8",)),
    "attachment-unusable": Cause(D.BAD_STATE, ("BAD_STATE_ATTACHMENT",), ("TGW-10",)),
    "attachment-no-subnets": Cause(D.NO_ROUTE, ("TGW_ROUTE_AZ_RESTRICTION",), ("TGW-2",)),
    "az-not-covered": Cause(D.AZ_NOT_COVERED, ("TGW_ROUTE_AZ_RESTRICTION",), ("TGW-2",)),
    "not-transitive": Cause(D.NOT_TRANSITIVE, ("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",), ("PEER-1",)),
    "peer-edge": Cause(D.EDGE_TO_EDGE, ("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",), ("PEER-2",)),
    "peer-gateway-endpoint": Cause(D.EDGE_TO_EDGE, ("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",), ("PEER-2", "GWE-6")),
    "tgw-to-peering": Cause(D.EDGE_TO_EDGE, ("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",), ("PEER-2",)),
    "tgw-to-gateway-endpoint": Cause(D.EDGE_TO_EDGE, (), ("GWE-6",)),
    "tgw-untranslated-igw": Cause(D.EDGE_TO_EDGE, ("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",), ("NAT-1", "TGW-7")),
    "nat-other-vpc": Cause(D.EDGE_TO_EDGE, ("NGW_REQUIRES_SOURCE_IN_VPC",), ("PEER-2",)),
    "vpn-to-nat": Cause(D.EDGE_TO_EDGE, ("NGW_REQUIRES_SOURCE_IN_VPC",), ("NAT-1", "VGW-8")),
    "private-nat-igw": Cause(D.EDGE_TO_EDGE, ("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",), ("NAT-1",)),
    "nat-ipv6": Cause(D.UNSUPPORTED, (), ("NAT-1", "V6-5")),
    "eigw-inbound": Cause(D.NOT_PUBLIC, ("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",), ("V6-4",)),
    "component-unusable": Cause(D.BAD_STATE, ("BAD_STATE",), ()),
    "peering-inactive": Cause(D.BAD_STATE, ("BAD_STATE",), ("PEER-7",)),
    "vgw-unknown-prefix": Cause(D.NO_ROUTE, ("VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS",), ("VGW-2",)),
    "vgw-ipv6": Cause(D.UNSUPPORTED, (), ("V6-8",)),
    "loop": Cause(D.LOOP, (), ()),
    "unmodelled-target": Cause(D.UNMODELLED, (), ("RT-LOCAL-2",)),
    "unmodelled-attachment": Cause(D.UNMODELLED, (), ()),
    "no-subnet-for-address": Cause(D.UNKNOWN_DESTINATION, ("NO_ROUTE_TO_DESTINATION",), ()),
    "unknown-address": Cause(D.UNKNOWN_DESTINATION, (), ()),
    "nothing-to-check": Cause(D.UNKNOWN_DESTINATION, (), ()),
    "no-public-ip": Cause(D.NO_PUBLIC_IP, ("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",), ("IGW-1",)),
    "not-public-subnet": Cause(D.NOT_PUBLIC, ("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",), ("SUB-2",)),
    "no-igw": Cause(D.NOT_PUBLIC, ("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",), ("IGW-1",)),
    "internal-lb": Cause(D.NOT_PUBLIC, ("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",), ()),
    "no-public-ip-inbound": Cause(D.NOT_PUBLIC, ("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",), ("IGW-1",)),
    "not-a-target": Cause(D.UNSUPPORTED, (), ()),
    "not-a-source": Cause(D.UNSUPPORTED, (), ()),
    "interface-unusable": Cause(D.BAD_STATE, ("BAD_STATE",), ()),
    # PrivateLink and load balancers
    "one-way-privatelink": Cause(D.ONE_WAY_PRIVATELINK, ("VPCE_INTRA_VPC_TRAFFIC",), ("IFE-5",)),
    "no-endpoint": Cause(D.ONE_WAY_PRIVATELINK, ("NO_PATH",), ("IFE-5",)),
    "endpoint-no-subnets": Cause(D.NO_ROUTE, ("NO_PATH",), ("IFE-1",)),
    "no-listener": Cause(D.NO_LISTENER, ("NO_PATH",), ("IFE-4", "EPS-5")),
    "lb-no-listener": Cause(D.NO_LISTENER, ("NO_PATH",), ()),
    "lb-no-subnets": Cause(D.NO_ROUTE, ("NO_PATH",), ()),
    # security
    "sg-egress": Cause(D.DENIED_BY_SECURITY_GROUP, ("ENI_SG_RULES_MISMATCH",), ("SG-1", "SG-2")),
    "sg-ingress": Cause(D.DENIED_BY_SECURITY_GROUP, ("ENI_SG_RULES_MISMATCH",), ("SG-1", "SG-2")),
    "sg-empty": Cause(D.DENIED_BY_SECURITY_GROUP, ("SG_HAS_NO_RULES",), ("SG-1", "SG-17")),
    "nacl-request": Cause(D.DENIED_BY_NACL, ("SUBNET_ACL_RESTRICTION",), ("NACL-2", "NACL-3")),
    "nacl-reply": Cause(D.DENIED_BY_NACL, ("SUBNET_ACL_RESTRICTION",), ("NACL-1", "NACL-10")),
}

# causes that, on the reply leg, make the flow "no-return-route" (routing); security causes
# keep their own disposition on either leg
ROUTING_DISPOSITIONS = frozenset({D.NO_ROUTE, D.BLACKHOLE, D.BAD_STATE, D.NOT_TRANSITIVE, D.EDGE_TO_EDGE,
                                  D.AZ_NOT_COVERED, D.LOOP, D.UNKNOWN_DESTINATION, D.UNSUPPORTED})


def disposition_of(cause: str, leg: str) -> Disposition:
    """The disposition a blocker with ``cause`` on ``leg`` (request | reply) gives the flow."""
    found = CAUSES[cause].disposition
    if leg == "reply" and found in ROUTING_DISPOSITIONS:
        return D.NO_RETURN_ROUTE
    return found
