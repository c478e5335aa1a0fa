"""Security groups, network ACLs and managed prefix lists (SG-*, NACL-*, PL-*)."""

from __future__ import annotations

import re
from typing import Any

from ...diagnostics import Location, did_you_mean
from ...model import (
    IPNetwork,
    NaclRule,
    NetworkAcl,
    PrefixList,
    SecurityGroup,
    SecurityGroupRule,
    has_ports,
)
from ...model.security import PeerKind
from ..types import INVALID, Rec
from ..values import parse_cidr
from .context import SG_AWS_ID, Builder

ACCOUNT_GROUP = re.compile(r"(?P<account>\d{12})/(?P<group>sg-[0-9a-f]{8,17})")
ICMP = ("icmp", "icmpv6")
PEER_HINT = ("a peer is a CIDR, a security group (id, sg-… id, or account/sg-…) or a prefix list (id, pl-… id or "
             "com.amazonaws.<region>.<service>)")


# --------------------------------------------------------------------------- rule fields shared by SG and NACL


def ports_and_icmp(b: Builder, rec: Rec, protocol: str, what: str) -> tuple[Any, ...] | None:
    """``(from_port, to_port, icmp_type, icmp_code)`` of a rule, or None after reporting a field
    that does not apply to its protocol (SG-7, SG-8, NACL-9)."""
    ok = True
    ports = (rec["port"], rec["port"]) if "port" in rec else rec.get("ports")
    if ports is not None and not has_ports(protocol):
        key = "port" if "port" in rec else "ports"
        b.err("S-VALUE", f"ports apply to tcp and udp {what}s only; this one is {protocol} (SG-7, NACL-9)",
              rec.at(key), hint="use icmp_type/icmp_code for icmp" if protocol in ICMP else None)
        ok = False
    icmp_type, icmp_code = rec.get("icmp_type"), rec.get("icmp_code")
    for key in ("icmp_type", "icmp_code"):
        if key in rec and protocol not in ICMP:
            b.err("S-VALUE", f"{key} applies to icmp and icmpv6 {what}s only; this one is {protocol} (SG-8)",
                  rec.at(key))
            ok = False
    if icmp_type == -1 and icmp_code not in (None, -1):
        b.err("S-VALUE", "with icmp_type -1 (all types) icmp_code must be -1 too (SG-8)", rec.at("icmp_code"))
        ok = False
    if not ok:
        return None
    low, high = ports if ports is not None else (None, None)
    return (low, high, None if icmp_type in (None, -1) else icmp_type,
            None if icmp_code in (None, -1) else icmp_code)


# --------------------------------------------------------------------------- security groups


def build_security_groups(b: Builder) -> None:
    defaults: dict[str, Location] = {}
    names: dict[tuple[str, str], Location] = {}
    for sg_id, entry in b.ids("security-group").items():
        rec, vpc = entry.rec, entry.vpc
        group_name = rec.get("group_name")
        if group_name is not None:
            if group_name.lower().startswith("sg-"):
                b.err("S-VALUE", f"group name {group_name!r} starts with sg-, which AWS does not allow (SG-18)",
                      rec.at("group_name"))
            if (vpc, group_name) in names:
                b.err("S-DUP-ID", f"security group name '{group_name}' is used twice in {vpc} (SG-18)",
                      rec.at("group_name"), related=(names[(vpc, group_name)],))
            names.setdefault((vpc, group_name), rec.at("group_name"))
        default = bool(rec.get("default")) or group_name == "default" or (group_name is None and sg_id == "default")
        if default:
            if vpc in defaults:
                b.err("S-VALUE", f"{vpc} has two default security groups; a VPC has one (SG-16)", rec.key_loc,
                      related=(defaults[vpc],))
            defaults.setdefault(vpc, rec.key_loc)
        b.add("security-group", SecurityGroup(
            **b.common(rec, sg_id), vpc=vpc, group_name=group_name, default=default,
            ingress=_rules(b, rec, "ingress", vpc), egress=_rules(b, rec, "egress", vpc)))


def _rules(b: Builder, rec: Rec, direction: str, vpc: str) -> tuple[SecurityGroupRule, ...]:
    out = []
    for r in rec.get(direction) or ():
        if not r.complete:
            continue
        protocol = r["protocol"]
        fields = ports_and_icmp(b, r, protocol, "security group rule")
        peer_key = "destination" if "destination" in r else "source"
        peer = rule_peer(b, r[peer_key], r.at(peer_key), vpc)
        if fields is None or peer is None:
            continue
        low, high, icmp_type, icmp_code = fields
        if protocol in ICMP:  # SG-8: the ICMP type and code travel in the port fields
            low, high = icmp_type, icmp_code
        text, kind, network, account = peer
        out.append(SecurityGroupRule(protocol=protocol, from_port=low, to_port=high, peer=text, peer_kind=kind,
                                     network=network, peer_account=account, description=r.get("description"),
                                     loc=r.loc))
    return tuple(out)


def rule_peer(b: Builder, text: str, loc: Location, vpc: str
              ) -> tuple[str, PeerKind, IPNetwork | None, str | None] | None:
    """A rule's peer: ``(peer, kind, network, account)``, or None after reporting (SG-9, SG-12)."""
    other_account = ACCOUNT_GROUP.fullmatch(text)
    if other_account:  # another account's group, over a peering (SG-12)
        group = b.by_aws_id("security-group").get(other_account["group"], other_account["group"])
        return group, "security-group", None, other_account["account"]
    if "/" in text and text.split("/", 1)[1].startswith("sg-"):
        b.err("S-VALUE", f"{text!r} is not account/sg-… (a 12-digit account id and a security group id)", loc)
        return None
    group_id = text if text in b.ids("security-group") else b.by_aws_id("security-group").get(text)
    if group_id is not None:
        owner = b.ids("security-group")[group_id].vpc
        if owner != vpc and not b.peered(owner, vpc):
            b.err("S-REF", f"security group '{text}' belongs to {owner}, not {vpc}; a rule can name a group of "
                  "another VPC only across a VPC peering (SG-12)", loc)
            return None
        return group_id, "security-group", None, None
    if SG_AWS_ID.fullmatch(text):  # a group the spec does not declare
        return text, "security-group", None, None
    prefix_list = b.find_prefix_list(text)
    if prefix_list is not None:
        return prefix_list.id, "prefix-list", None, None
    if "/" in text or re.fullmatch(r"[0-9a-fA-F:.]+", text):
        network = parse_cidr(text, loc, b.diags, None)
        return None if network is INVALID else (str(network), "cidr", network, None)
    candidates = [g for g, e in b.ids("security-group").items() if e.vpc == vpc] + list(b.ids("prefix-list"))
    b.err("S-REF", f"unknown security group or prefix list '{text}'", loc,
          hint=did_you_mean(text, candidates) or PEER_HINT)
    return None


# --------------------------------------------------------------------------- network ACLs


def subnet_nacls(b: Builder) -> dict[str, str]:
    """Subnet → its network ACL, from the subnets' ``network_acl`` and the ACLs' ``subnets``;
    a subnet is associated with exactly one ACL (NACL-5)."""
    listed: dict[str, list[tuple[str, Location]]] = {}
    reported: set[str] = set()
    for acl_id, entry in b.ids("network-acl").items():
        for subnet in entry.rec.get("subnets") or ():
            loc = entry.rec.at("subnets", subnet)
            found = b.ref("subnet", subnet, loc, "subnet", entry.vpc)
            if found is None:
                continue
            earlier = listed.setdefault(found, [])
            if earlier and earlier[0][0] != acl_id:
                b.err("S-VALUE", f"subnet '{found}' is associated with network ACLs '{earlier[0][0]}' and "
                      f"'{acl_id}'; a subnet has exactly one (NACL-5)", loc, related=(earlier[0][1],))
                reported.add(found)
            earlier.append((acl_id, loc))
    out: dict[str, str] = {}
    for subnet_id, entry in b.ids("subnet").items():
        rec = entry.rec
        by_list = listed.get(subnet_id, [])
        if "network_acl" in rec:
            own = b.ref("network-acl", rec["network_acl"], rec.at("network_acl"), "network ACL", entry.vpc)
            if own is None:
                continue
            other = next(((acl, loc) for acl, loc in by_list if acl != own), None)
            if other is not None and subnet_id not in reported:
                b.err("S-VALUE", f"subnet '{subnet_id}' names network ACL '{own}', but '{other[0]}' lists it; a "
                      "subnet has exactly one (NACL-5)", rec.at("network_acl"), related=(other[1],))
            out[subnet_id] = own
        elif by_list:
            out[subnet_id] = by_list[0][0]
    return out


def build_network_acls(b: Builder) -> None:
    defaults: dict[str, Location] = {}
    for acl_id, entry in b.ids("network-acl").items():
        rec = entry.rec
        if rec.get("default"):
            if entry.vpc in defaults:
                b.err("S-VALUE", f"{entry.vpc} has two default network ACLs; a VPC has one (NACL-5, NACL-6)",
                      rec.key_loc, related=(defaults[entry.vpc],))
            defaults.setdefault(entry.vpc, rec.key_loc)
        b.add("network-acl", NetworkAcl(
            **b.common(rec, acl_id), vpc=entry.vpc, default=rec.get("default", False),
            subnets=tuple(rec.get("subnets") or ()),
            ingress=_nacl_rules(b, rec, "ingress"), egress=_nacl_rules(b, rec, "egress")))


def _nacl_rules(b: Builder, rec: Rec, direction: str) -> tuple[NaclRule, ...]:
    seen: dict[int, Location] = {}
    out = []
    for r in rec.get(direction) or ():
        if "rule" in r:
            if r["rule"] in seen:
                b.err("S-VALUE", f"rule number {r['rule']} is used twice in the {direction} rules; numbers are "
                      "unique per direction (NACL-2)", r.at("rule"), related=(seen[r["rule"]],))
            seen.setdefault(r["rule"], r.at("rule"))
        if not r.complete:
            continue
        protocol = r["protocol"]
        if has_ports(protocol) and "port" not in r and "ports" not in r:
            b.err("S-REQUIRED", f"a {protocol} network ACL rule needs 'ports' (NACL-9)", r.loc,
                  hint="all ports: ports: 0-65535")
            continue
        fields = ports_and_icmp(b, r, protocol, "network ACL rule")
        if fields is None:
            continue
        low, high, icmp_type, icmp_code = fields
        out.append(NaclRule(number=r["rule"], action=r["action"], protocol=protocol,
                            network=r["cidr"] if "cidr" in r else r["ipv6_cidr"], from_port=low, to_port=high,
                            icmp_type=icmp_type, icmp_code=icmp_code, description=r.get("description"), loc=r.loc))
    return tuple(sorted(out, key=lambda rule: rule.number))


# --------------------------------------------------------------------------- prefix lists


def build_prefix_lists(b: Builder) -> None:
    seen_names: dict[str, Location] = {}
    for pl_id, entry in b.ids("prefix-list").items():
        rec = entry.rec
        family = rec.get("address_family", "IPv4")
        entries: list[IPNetwork] = []
        items = rec.get("entries") or []
        for network, loc in entry_networks(rec):
            if network.version != int(family[-1]):
                b.err("S-VALUE", f"{network} is an IPv{network.version} CIDR; prefix list '{pl_id}' is {family} "
                      "(one address family per list, PL-4)", loc)
            elif network in entries:
                b.err("S-DUP-KEY", f"'{network}' is listed twice", loc)
            else:
                entries.append(network)
        if rec.get("max_entries") is not None and len(items) > rec["max_entries"]:
            b.err("S-VALUE", f"prefix list '{pl_id}' has {len(items)} entries, more than its max_entries "
                  f"{rec['max_entries']} (PL-4)", rec.at("entries"))
        name = rec.get("prefix_list_name")
        if name and name in seen_names:
            b.err("S-DUP-ID", f"two prefix lists are named '{name}'; references by name would be ambiguous",
                  rec.at("prefix_list_name"), related=(seen_names[name],))
        if name:
            seen_names.setdefault(name, rec.at("prefix_list_name"))
        b.add("prefix-list", PrefixList(
            **b.common(rec, pl_id), prefix_list_name=name, region=entry.region or "", account=entry.account,
            address_family=family, entries=tuple(entries), owner=rec.get("owner", "customer"),
            max_entries=rec.get("max_entries"), state=rec.get("state", "create-complete")))
    _duplicate_aws_ids(b, "prefix-list", "prefix lists")


def entry_networks(rec: Rec) -> list[tuple[IPNetwork, Location]]:
    """A prefix list's entries (a CIDR, or ``{cidr, description}``) with where each was written."""
    items = rec.get("entries") or []
    out = []
    for item, loc in zip(items, getattr(items, "locs", ())):
        network = item.get("cidr") if isinstance(item, dict) else item
        if network is not None:  # {description: …} without a cidr: S-REQUIRED was reported
            out.append((network, loc))
    return out


def _duplicate_aws_ids(b: Builder, kind: str, what: str) -> None:
    """References resolve AWS ids, so two resources of a kind must not share one."""
    first: dict[str, Location] = {}
    for entry in b.ids(kind).values():
        aws_id = entry.rec.get("aws_id")
        if not aws_id:
            continue
        if aws_id in first:
            b.err("S-DUP-ID", f"two {what} have the AWS id '{aws_id}'", entry.rec.at("aws_id"),
                  related=(first[aws_id],))
        first.setdefault(aws_id, entry.rec.at("aws_id"))
