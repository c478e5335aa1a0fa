"""Routes of VPC route tables: destination (CIDR or prefix list), target, AWS-reported state.

A route's ``target`` names a spec object of a route-target kind (by id or AWS id), or the AWS
id of something the spec does not declare (RT-TGT-1). IPv4 and IPv6 are routed separately,
so a target must carry the destination's family (V6-4, V6-5).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Literal

from ...diagnostics import Location, did_you_mean
from ...model import EXTERNAL_TARGET_PREFIXES, IPNetwork, Route, TargetKind
from ..types import INVALID, Rec
from ..values import parse_cidr
from .context import TARGET_KINDS, Builder, Ref
from .security import entry_networks

# AWS id prefixes of kinds the spec models: a route naming such an id that is not in the spec
# is a route to something deleted — AWS shows it as blackhole (RT-BH-1).
AWS_ID_KINDS: dict[str, TargetKind] = {
    "igw-": "internet-gateway",
    "nat-": "nat-gateway",
    "pcx-": "vpc-peering",
    "tgw-": "transit-gateway",
    "vpce-": "gateway-endpoint",
}
AWS_ID_RE = re.compile(r"^(?:igw|nat|pcx|tgw|vpce|eni|i|vgw|eigw|cagw|lgw)-[0-9a-f]{8,17}$")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # V6-5
TARGET_HINT = ("a target is the id of an internet, egress-only, NAT or virtual private gateway, peering, transit "
               "gateway, instance or network interface in the spec, or an AWS id such as eni-0123456789abcdef0")


def build_route(b: Builder, vpc_id: str, rec: Rec) -> Route | None:
    if not rec.complete:
        return None
    dest_text: str = rec["destination"]
    dest_loc = rec.at("destination")
    network = None
    dest_type: Literal["cidr", "ipv6-cidr", "prefix-list"] = "prefix-list"
    prefix_list = b.find_prefix_list(dest_text)
    if prefix_list is not None:
        _check_prefix_list_region(b, vpc_id, prefix_list, dest_loc)
    else:
        if "/" not in dest_text and not _is_ip(dest_text):
            hint = did_you_mean(dest_text, b.ids("prefix-list"))
            if hint:
                b.err("S-REF", f"unknown prefix list '{dest_text}'", dest_loc, hint=hint)
                return None
        network = parse_cidr(dest_text, dest_loc, b.diags, not_cidr_hint="a destination is a CIDR, or a prefix "
                             "list: its id, pl-… id or com.amazonaws.<region>.<service> name")
        if network is INVALID:
            return None
        dest_type = "cidr" if network.version == 4 else "ipv6-cidr"
    state = rec.get("state")
    found = resolve_target(b, rec["target"], rec.at("target"), dest_type == "prefix-list", state == "blackhole")
    if found is None:
        return None
    kind, target = found
    _check_family(b, kind, network, prefix_list, rec.at("target"))
    return Route(destination=str(network) if network is not None else dest_text, target=target.id,
                 destination_type=dest_type, network=network, target_kind=kind,
                 target_resolved=target.resolved,
                 prefix_list=prefix_list.id if prefix_list is not None and prefix_list.resolved else None,
                 state=state, state_reason=rec.get("state_reason"), description=rec.get("description"),
                 loc=rec.loc)


def resolve_target(b: Builder, target: str, loc: Location, prefix_list_destination: bool = False,
                   blackhole: bool = False) -> tuple[TargetKind, Ref] | None:
    """The target's kind and id; None after reporting. ``blackhole``: AWS reported the route as
    blackhole, so its target may be gone from the spec."""
    if target == "local":
        b.err("S-VALUE", "local routes are derived from the VPC CIDRs; do not write them (CIDR-4)", loc)
        return None
    names = b.namespaces["target"]
    if target in names:
        kind = names[target][0]
        if kind == "interface-endpoint":
            b.err("S-REF", f"'{target}' is an interface endpoint, which cannot be a route target", loc,
                  hint="interface endpoints are reached through the local route")
            return None
        return TARGET_KINDS[kind], Ref(target)
    for kind, target_kind in TARGET_KINDS.items():
        if kind == "interface-endpoint":
            continue
        spec_id = b.by_aws_id(kind).get(target)
        if spec_id is not None:  # the real AWS id of a spec object
            return target_kind, Ref(spec_id)
    for prefix, target_kind in EXTERNAL_TARGET_PREFIXES.items():
        # an AWS id (eni-0abc…) or ARN: a spec id that merely starts like one ("i-gw") is a typo
        if target.startswith(prefix) and (prefix.endswith(":") or AWS_ID_RE.match(target)):
            return target_kind, Ref(target, resolved=False)
    if AWS_ID_RE.match(target):
        prefix = target.split("-", 1)[0] + "-"
        if prefix == "vpce-" and not prefix_list_destination:
            # a CIDR route to a vpce- id is a Gateway Load Balancer endpoint (middlebox
            # routing, RT-LOCAL-2): not modelled, so shown as written and active
            return "gwlb-endpoint", Ref(target, resolved=False)
        return AWS_ID_KINDS.get(prefix, "unknown"), Ref(target, resolved=False)
    if blackhole:  # RS-3: AWS keeps routes to deleted targets, as blackhole
        return "unknown", Ref(target, resolved=False)
    b.err("S-REF", f"unknown route target '{target}'", loc, hint=did_you_mean(target, names) or TARGET_HINT)
    return None


def _check_family(b: Builder, kind: TargetKind, network: IPNetwork | None, prefix_list: Ref | None,
                  loc: Location) -> None:
    """IPv6 traffic cannot go to a NAT gateway except NAT64 (V6-5); IPv4 cannot go to an
    egress-only internet gateway (V6-4)."""
    networks: tuple[IPNetwork, ...] = ()
    if network is not None:
        networks = (network,)
    elif prefix_list is not None and prefix_list.resolved:
        entry = b.ids("prefix-list")[prefix_list.id]
        if entry.rec.get("address_family", "IPv4") == "IPv6":
            networks = (ipaddress.IPv6Network("::/0"),)
            if entry.rec.get("entries"):
                networks = tuple(network for network, _ in entry_networks(entry.rec))
        else:
            networks = (ipaddress.IPv4Network("0.0.0.0/0"),)
    if not networks:
        return
    if kind == "nat-gateway" and any(isinstance(n, ipaddress.IPv6Network) and not n.subnet_of(NAT64)
                                     for n in networks):
        b.err("S-VALUE", "a NAT gateway does not route IPv6, except NAT64 to 64:ff9b::/96 (V6-5)", loc,
              hint="send IPv6 internet traffic to an egress-only internet gateway (outbound only) or an internet "
                   "gateway")
    if kind == "egress-only-internet-gateway" and any(n.version == 4 for n in networks):
        b.err("S-VALUE", "an egress-only internet gateway carries IPv6 only (V6-4)", loc,
              hint="send IPv4 internet traffic to a NAT gateway or an internet gateway")


def _check_prefix_list_region(b: Builder, vpc_id: str, prefix_list: Ref, loc: Location) -> None:
    """Prefix lists are regional (PL-2, PL-4): a route table can use one of its own region."""
    if not prefix_list.resolved:
        return
    pl_region = b.ids("prefix-list")[prefix_list.id].region
    vpc = b.entry("vpc", vpc_id)
    if pl_region and vpc is not None and vpc.region and pl_region != vpc.region:
        b.err("S-VALUE", f"prefix list '{prefix_list.id}' is in {pl_region}; {vpc_id} is in {vpc.region} (prefix "
              "lists are regional, PL-4)", loc)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False
