"""Security groups, network ACLs and managed prefix lists, as written (SG-*, NACL-*, PL-*).

Protocols are normalised by :func:`normalise_protocol` to ``tcp``, ``udp``, ``icmp``,
``icmpv6``, ``all``, or an IANA protocol number as text (``"47"``) — SG-7, NACL-9.
Evaluating a packet against these rules is a data-plane fact (:mod:`vpcdocs.routing.filters`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..diagnostics import UNKNOWN_LOCATION, Location
from .base import IPNetwork, Resource, VpcResource

PROTOCOL_NAMES = {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "-1": "all"}
PROTOCOL_NUMBERS = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58}


def normalise_protocol(value: str | int) -> str:
    """``6``/``"6"``/``TCP`` → ``tcp``; ``-1``/``all`` → ``all``; other numbers stay numbers."""
    text = str(value).strip().lower()
    if text in ("-1", "all", "any"):
        return "all"
    if text in PROTOCOL_NAMES:
        return PROTOCOL_NAMES[text]
    return text


def has_ports(protocol: str) -> bool:
    """TCP and UDP rules match a port range; other protocols match all ports (SG-7, NACL-9)."""
    return protocol in ("tcp", "udp")


PeerKind = Literal["cidr", "security-group", "prefix-list"]


@dataclass(frozen=True)
class SecurityGroupRule:
    """One rule, one peer (SG-9): the source of an inbound rule, the destination of an outbound one.

    ``from_port``/``to_port``: the inclusive port range for tcp/udp (None: all ports); for
    icmp/icmpv6 the ICMP type and code (None: all) — SG-8.
    """

    protocol: str  # normalised, see normalise_protocol
    from_port: int | None = None
    to_port: int | None = None
    peer: str = ""  # as written: a CIDR, a security group (spec id or sg-…), a prefix list
    peer_kind: PeerKind = "cidr"
    network: IPNetwork | None = None  # the peer CIDR, parsed
    peer_account: str | None = None  # "123456789012/sg-…": a group of another account (SG-12)
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class SecurityGroup(VpcResource):
    """Allow-only rules, stateful (SG-1..3). ``default`` marks the VPC's group named
    ``default`` (SG-16); a VPC without one in the spec gets AWS's default group, derived."""

    ingress: tuple[SecurityGroupRule, ...] = ()
    egress: tuple[SecurityGroupRule, ...] = ()
    group_name: str | None = None  # the AWS GroupName, when it differs from the id
    default: bool = False


NaclAction = Literal["allow", "deny"]


@dataclass(frozen=True)
class NaclRule:
    """One numbered entry (NACL-2, NACL-8, NACL-9). ``network`` is the source CIDR for inbound
    rules and the destination CIDR for outbound rules; ports apply to tcp/udp, ICMP type and
    code to icmp/icmpv6 (None: all)."""

    number: int
    action: NaclAction
    protocol: str  # normalised, see normalise_protocol
    network: IPNetwork
    from_port: int | None = None
    to_port: int | None = None
    icmp_type: int | None = None
    icmp_code: int | None = None
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class NetworkAcl(VpcResource):
    """Stateless, ordered, first match wins, evaluated at subnet boundaries (NACL-1..4). The
    final ``*`` deny rules are implicit (NACL-3). ``default``: the VPC's default NACL, used by
    every subnet without an explicit association (NACL-5); a VPC without one in the spec gets
    AWS's allow-all default NACL, derived (NACL-6)."""

    default: bool = False
    subnets: tuple[str, ...] = ()  # explicit associations (a subnet's network_acl says the same)
    ingress: tuple[NaclRule, ...] = ()
    egress: tuple[NaclRule, ...] = ()


@dataclass(frozen=True)
class PrefixList(Resource):
    """A managed prefix list (PL-1): customer-managed, or AWS-managed (``owner: aws``, e.g.
    ``com.amazonaws.us-east-1.s3``) with its CIDRs when known (PL-3). One address family (PL-4)."""

    prefix_list_name: str | None = None  # the AWS PrefixListName
    region: str = ""
    account: str | None = None
    address_family: Literal["IPv4", "IPv6"] = "IPv4"
    entries: tuple[IPNetwork, ...] = ()
    owner: Literal["aws", "customer"] = "customer"
    max_entries: int | None = None  # PL-5 weight of a customer-managed list
    state: str = "create-complete"

    @property
    def display_name(self) -> str:
        return self.prefix_list_name or self.name or self.id
