"""Security groups (SG-7..16) and network ACLs (NACL-2..9, NACL-16), one rule per peer.

A describe ``IpPermission`` can list several peers (``IpRanges``, ``Ipv6Ranges``,
``PrefixListIds``, ``UserIdGroupPairs``); the spec has one peer per rule (SG-9), so each is
expanded. Protocols are written normalised (``tcp``, ``udp``, ``icmp``, ``icmpv6``, ``all``
or the IANA number); ICMP rules carry ``icmp_type``/``icmp_code`` (SG-8).
"""

from __future__ import annotations

from typing import Any

from ...model.security import normalise_protocol
from ..model import AwsSnapshot
from ..naming import account_of, common, finish, is_placeholder, lower, net
from .context import Context, Entry

ALL_PORTS = (0, 65535)


def protocol(value: object) -> str | int | None:
    """A spec protocol from an AWS ``IpProtocol``/``Protocol`` field, or None when unusable."""
    if value is None:
        return None
    text = normalise_protocol(str(value))
    if text in ("tcp", "udp", "icmp", "icmpv6", "all"):
        return text
    if text.isdigit() and 0 <= int(text) <= 255:
        return int(text)
    return None


def _ports(proto: str | int, lo: object, hi: object) -> dict[str, Any]:
    """``port``/``ports`` for tcp/udp; ``icmp_type``/``icmp_code`` for icmp/icmpv6; nothing else."""
    if not isinstance(lo, int):
        return {}
    if proto in ("tcp", "udp"):
        if lo < 0:
            return {}
        top = lo if not isinstance(hi, int) or hi < 0 else hi
        if (lo, top) == ALL_PORTS:
            return {}
        return {"port": lo} if lo == top else {"ports": f"{lo}-{top}"}
    if proto in ("icmp", "icmpv6") and lo >= 0:
        out: dict[str, Any] = {"icmp_type": lo}
        if isinstance(hi, int) and hi >= 0:
            out["icmp_code"] = hi
        return out
    return {}


def build_security_groups(ctx: Context, groups: list[tuple[str, Entry]]) -> dict[str, dict[str, Any]]:
    out = {}
    names: dict[str, str] = {}
    for gid, (snap, g) in groups:
        spec_id = ctx.names.get("security-group", gid)
        doc = common(g, gid, spec_id, g.get("Description") or None)
        name = g.get("GroupName")
        if isinstance(name, str) and name in names:
            ctx.skip("security-group-name", f"{gid} {name}", f"{names[name]} in the same VPC has that name; AWS "
                     "names are unique per VPC (SG-18), so the input is inconsistent", snap)
        elif isinstance(name, str) and name.lower().startswith("sg-"):
            ctx.skip("security-group-name", f"{gid} {name}", "AWS does not allow group names starting with sg- "
                     "(SG-18; a plan with it fails at apply)", snap)
        elif isinstance(name, str) and name:
            names[name] = gid
            if name != spec_id:
                doc["group_name"] = name
            if name == "default":
                doc["default"] = True  # SG-16
        home = account_of(g.get("OwnerId")) or account_of(snap.account)
        for key, field in (("IpPermissions", "ingress"), ("IpPermissionsEgress", "egress")):
            rules: list[dict[str, Any]] = []
            for perm in g.get(key) or []:
                for rule in sg_rules(ctx, gid, field, perm, snap, home):
                    if rule not in rules:
                        rules.append(rule)
            if rules:
                doc[field] = rules
        out[spec_id] = finish(doc, g)
    return dict(sorted(out.items()))  # type: ignore[arg-type]


def sg_rules(ctx: Context, gid: str, direction: str, perm: dict[str, Any], snap: AwsSnapshot,
             home: str | None) -> list[dict[str, Any]]:
    proto = protocol(perm.get("IpProtocol"))
    if proto is None:
        ctx.skip("security-group-rule", f"{gid} {direction} protocol {perm.get('IpProtocol')}",
                 "not a protocol name or number 0-255 (SG-7)", snap)
        return []
    if proto in ("tcp", "udp") and not isinstance(perm.get("FromPort"), int):
        ctx.skip("security-group-rule", f"{gid} {direction} {proto}", "no usable port range (SG-8: tcp and udp rules "
                 "always have one; writing none would open every port)", snap)
        return []
    base: dict[str, Any] = {"protocol": proto, **_ports(proto, perm.get("FromPort"), perm.get("ToPort"))}
    peer_key = "source" if direction == "ingress" else "destination"
    peers: list[tuple[object, object]] = []
    for r in perm.get("IpRanges") or []:
        peers.append((r.get("CidrIp"), r.get("Description")))
    for r in perm.get("Ipv6Ranges") or []:
        peers.append((r.get("CidrIpv6"), r.get("Description")))
    for r in perm.get("PrefixListIds") or []:
        pl = r.get("PrefixListId")
        peers.append((ctx.pl_ref(pl) if isinstance(pl, str) and not is_placeholder(pl) else pl, r.get("Description")))
    for r in perm.get("UserIdGroupPairs") or []:
        ref = r.get("GroupId")
        if isinstance(ref, str) and not is_placeholder(ref):
            peers.append((ctx.sg_ref(ref, r.get("UserId"), home) or ref, r.get("Description")))
        else:
            peers.append((ref, r.get("Description")))
    out = []
    for peer, description in peers:
        if not isinstance(peer, str) or not peer or is_placeholder(peer):
            ctx.skip("security-group-rule", f"{gid} {direction} {proto}",
                     f"{peer_key} not known (not known until Terraform applies?)", snap)
            continue
        if "/" in peer and not peer.split("/")[0].isdigit() and net(peer) is None:
            ctx.skip("security-group-rule", f"{gid} {direction} {peer}", "not a CIDR", snap)
            continue
        rule = {**base, peer_key: peer}
        if isinstance(description, str) and description:
            rule["description"] = description
        out.append(rule)
    return out


# ----------------------------------------------------------------------------- network ACLs

IMPLICIT_DENY = {32767: "0.0.0.0/0", 32768: "::/0"}  # NACL-3: the * rules, not written


def build_network_acls(ctx: Context, acls: list[tuple[str, Entry]], subnets: dict[str, dict[str, Any]]
                       ) -> dict[str, dict[str, Any]]:
    out = {}
    for aid, (snap, acl) in acls:
        spec_id = ctx.names.get("network-acl", aid)
        doc = common(acl, aid, spec_id)
        if acl.get("IsDefault") is True:
            doc["default"] = True
        for assoc in acl.get("Associations") or []:
            sid = assoc.get("SubnetId")
            if sid in subnets:
                if not doc.get("default"):
                    subnets[sid]["network_acl"] = spec_id  # NACL-5; the default NACL needs no association
            elif isinstance(sid, str):
                ctx.skip("network-acl-association", f"{aid} {sid}", "the subnet is not in the import", snap)
        ingress: list[dict[str, Any]] = []
        egress: list[dict[str, Any]] = []
        for entry in sorted((e for e in acl.get("Entries") or []),
                            key=lambda e: (bool(e.get("Egress")), e.get("RuleNumber") or 0)):
            rule = nacl_rule(ctx, aid, entry, snap)
            if rule is not None:
                (egress if entry.get("Egress") else ingress).append(rule)
        if ingress:
            doc["ingress"] = ingress
        if egress:
            doc["egress"] = egress
        out[spec_id] = finish(doc, acl)
    return dict(sorted(out.items()))  # type: ignore[arg-type]


def nacl_rule(ctx: Context, aid: str, e: dict[str, Any], snap: AwsSnapshot) -> dict[str, Any] | None:
    number = e.get("RuleNumber")
    direction = "egress" if e.get("Egress") else "ingress"
    cidr = e.get("CidrBlock") or e.get("Ipv6CidrBlock")
    label = f"{aid} {direction} {number}"
    action = lower(e.get("RuleAction"))
    proto = protocol(e.get("Protocol"))
    if number in IMPLICIT_DENY and action == "deny" and proto == "all" and cidr == IMPLICIT_DENY[number]:
        return None  # the * rule every NACL ends with (NACL-3): implicit in the spec
    if not isinstance(number, int) or not 1 <= number <= 32766:
        ctx.skip("network-acl-rule", label, "rule number outside 1-32766 (NACL-2)", snap)
        return None
    if action not in ("allow", "deny"):
        ctx.skip("network-acl-rule", label, f"action {e.get('RuleAction')!r} is neither allow nor deny", snap)
        return None
    if proto is None:
        ctx.skip("network-acl-rule", label, f"protocol {e.get('Protocol')!r} is not a number 0-255 or -1 (NACL-9)",
                 snap)
        return None
    if not isinstance(cidr, str) or net(cidr) is None:
        ctx.skip("network-acl-rule", label, "no CIDR (CidrBlock or Ipv6CidrBlock)", snap)
        return None
    rule: dict[str, Any] = {"rule": number, "action": action, "protocol": proto}
    rng = e.get("PortRange") or {}
    icmp = e.get("IcmpTypeCode") or {}
    if proto in ("tcp", "udp"):
        lo, hi = rng.get("From"), rng.get("To")
        if not isinstance(lo, int) or not isinstance(hi, int):
            ctx.skip("network-acl-rule", label, f"{proto} rule without a port range (NACL-9 requires one)", snap)
            return None
        rule["ports"] = lo if lo == hi else f"{lo}-{hi}"
    elif proto in ("icmp", "icmpv6"):
        if isinstance(icmp.get("Type"), int) and icmp["Type"] >= 0:
            rule["icmp_type"] = icmp["Type"]
            if isinstance(icmp.get("Code"), int) and icmp["Code"] >= 0:
                rule["icmp_code"] = icmp["Code"]
    rule["ipv6_cidr" if net(cidr).version == 6 else "cidr"] = cidr  # type: ignore[union-attr]
    return rule
