"""Instances (describe-instances) and network interfaces (describe-network-interfaces).

* An instance carries the addresses and groups of its primary interface (device index 0);
  that interface is not written again. Further interfaces are written with ``instance:``.
* Interfaces AWS creates for load balancers, interface and GWLB endpoints, NAT gateways and
  transit gateway attachments are not written: vpcdocs derives them from their owners (one
  per subnet of the owner). Every other interface (Lambda, RDS, EFS, yours) is written.
"""

from __future__ import annotations

import re
from typing import Any

from ..naming import addr, common, finish, lower, state_of
from .context import Context, Entry

# Interfaces vpcdocs derives from their owner: (InterfaceType values, Description pattern, owner words)
DERIVED_OWNERS: tuple[tuple[frozenset[str], re.Pattern[str], str, str], ...] = (
    (frozenset({"nat_gateway", "natgateway"}), re.compile(r"^Interface for NAT Gateway (nat-[0-9a-f]+)"),
     "nat", "NAT gateway"),
    (frozenset({"vpc_endpoint"}), re.compile(r"^VPC Endpoint Interface (vpce-[0-9a-f]+)"), "endpoint",
     "interface endpoint"),
    (frozenset({"gateway_load_balancer_endpoint"}), re.compile(r"^VPC Endpoint Interface (vpce-[0-9a-f]+)"),
     "endpoint", "Gateway Load Balancer endpoint"),
    (frozenset({"network_load_balancer", "load_balancer", "gateway_load_balancer"}),
     re.compile(r"^ELB ((?:app|net|gwy)/[^/]+/[0-9a-f]+|[^ ]+)$"), "lb", "load balancer"),
    (frozenset({"transit_gateway"}), re.compile(r"^Network Interface for Transit Gateway Attachment "
                                                r"(tgw-attach-[0-9a-f]+)"), "tgw-att", "transit gateway attachment"),
)


def owned_interfaces(ctx: Context) -> dict[str, tuple[str, str, bool]]:
    """ENI id → (owner words, owner id, owner written?) from the owners' own listings: NAT
    gateway addresses and VPC endpoints name their interfaces."""
    out: dict[str, tuple[str, str, bool]] = {}
    for nid, (_, nat) in ctx.store["nat"].items():
        for a in nat.get("NatGatewayAddresses") or []:
            if isinstance(a.get("NetworkInterfaceId"), str):
                out[a["NetworkInterfaceId"]] = ("NAT gateway", nid, nid in ctx.emitted)
    for eid, (_, ep) in ctx.store["endpoint"].items():
        words = "Gateway Load Balancer endpoint" if Context.endpoint_type(ep) == "gwlb" else "interface endpoint"
        for ni in ep.get("NetworkInterfaceIds") or []:
            if isinstance(ni, str):
                out[ni] = (words, eid, ep.get("VpcId") in ctx.vpc_docs and Context.endpoint_type(ep) == "interface")
    return out


def derived_owner(ctx: Context, eni: dict[str, Any]) -> tuple[str, str | None, bool] | None:
    """(owner words, owner id, owner in the import?) of an interface vpcdocs derives, else None."""
    owned = ctx.owned_enis or {}
    if eni.get("NetworkInterfaceId") in owned:
        return owned[eni["NetworkInterfaceId"]]
    itype = lower(eni.get("InterfaceType"))
    desc = str(eni.get("Description") or "")
    for types, pattern, store, words in DERIVED_OWNERS:
        m = pattern.match(desc)
        if itype not in types and not (m and (eni.get("RequesterManaged") or store != "lb")):
            continue
        owner = m.group(1) if m else None
        if store == "lb":
            lb = next((arn for arn in ctx.store["lb"] if owner and arn.endswith(f"/{owner}")), None)
            return words, lb or owner, lb is not None and ctx.get("lb", lb).get("VpcId") in ctx.vpc_docs
        if store == "tgw-att":
            att = ctx.tgw_atts.get(owner or "")
            return words, owner, att is not None
        item = ctx.get(store, owner)
        return words, owner, bool(item) and item.get("VpcId") in ctx.vpc_docs
    return None


def _addresses(eni: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Private IPv4 addresses (primary first) and IPv6 addresses of an interface."""
    v4 = []
    for p in sorted((p for p in eni.get("PrivateIpAddresses") or []), key=lambda p: not p.get("Primary")):
        if addr(p.get("PrivateIpAddress")) is not None and p["PrivateIpAddress"] not in v4:
            v4.append(p["PrivateIpAddress"])
    if not v4 and addr(eni.get("PrivateIpAddress")) is not None:
        v4.append(eni["PrivateIpAddress"])
    v6 = [a.get("Ipv6Address") for a in eni.get("Ipv6Addresses") or [] if addr(a.get("Ipv6Address")) is not None]
    return v4, v6


def _public_ip(eni: dict[str, Any]) -> str | None:
    ip = (eni.get("Association") or {}).get("PublicIp")
    return ip if addr(ip) is not None else None


def _groups(ctx: Context, groups: Any, home: str | None) -> list[str]:
    out = []
    for g in groups or []:
        gid = g.get("GroupId") if isinstance(g, dict) else g
        if isinstance(gid, str):
            ref = ctx.sg_ref(gid, None, home)
            if ref and ref not in out:
                out.append(ref)
    return sorted(out)


def build_instances(ctx: Context, vpc_id: str, instances: list[tuple[str, Entry]],
                    subnets: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for iid, (snap, inst) in instances:
        state = state_of(inst, "running")
        if state == "terminated":
            ctx.skip("instance", iid, "terminated: it no longer exists (AWS lists terminated instances for a while)",
                     snap)
            continue
        sid = inst.get("SubnetId")
        if sid not in subnets:
            ctx.skip("instance", iid, f"its subnet {sid} is not in the import", snap)
            continue
        spec_id = ctx.target_id(iid)
        doc = common(inst, iid, spec_id)
        doc["subnet"] = ctx.names.get("subnet", sid)
        enis = [e for e in inst.get("NetworkInterfaces") or [] if isinstance(e, dict)]
        primary = next((e for e in enis if (e.get("Attachment") or {}).get("DeviceIndex") == 0), None)
        if primary is None and len(enis) == 1:
            primary = enis[0]
        source = primary or inst
        v4, v6 = (ctx.usable_addresses("instance", iid, vpc_id, str(sid), found, snap) for found in _addresses(source))
        if len(v4) == 1:
            doc["private_ip"] = v4[0]
        elif v4:
            doc["private_ips"] = v4
        if v6:
            doc["ipv6_addresses"] = v6
        groups = _groups(ctx, (primary or {}).get("Groups") or inst.get("SecurityGroups"), ctx.account(snap, inst))
        if groups:
            doc["security_groups"] = groups
        public = inst.get("PublicIpAddress") if addr(inst.get("PublicIpAddress")) is not None else _public_ip(source)
        if public:
            doc["public_ip"] = public
        if state != "running":
            doc["state"] = state
        if inst.get("SourceDestCheck") is False:
            doc["source_dest_check"] = False
        for e in enis:
            if isinstance(e.get("NetworkInterfaceId"), str) and e is primary:
                ctx.eni_instance[e["NetworkInterfaceId"]] = iid
        ctx.emitted.add(iid)
        out[spec_id] = finish(doc, inst)
    return dict(sorted(out.items()))  # type: ignore[arg-type]


def build_interfaces(ctx: Context, vpc_id: str, enis: list[tuple[str, Entry]],
                     subnets: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    if ctx.owned_enis is None:
        ctx.owned_enis = owned_interfaces(ctx)
    for eid, (snap, eni) in enis:
        attachment = eni.get("Attachment") or {}
        instance = attachment.get("InstanceId")
        if eid in ctx.eni_instance or (instance in ctx.emitted and attachment.get("DeviceIndex") == 0):
            ctx.eni_instance.setdefault(eid, str(instance))
            ctx.skip("network-interface", eid, f"primary interface of instance {instance}: written as the "
                     "instance (its addresses and security groups)", snap)
            continue
        owner = derived_owner(ctx, eni)
        if owner is not None:
            words, owner_id, present = owner
            where = "written" if present else "not in the import, so neither is written"
            ctx.skip("network-interface", eid, f"interface AWS manages for {words} {owner_id or '?'} ({where}): "
                     "vpcdocs derives such interfaces from their owner", snap)
            continue
        sid = eni.get("SubnetId")
        if sid not in subnets:
            ctx.skip("network-interface", eid, f"its subnet {sid} is not in the import", snap)
            continue
        v4, v6 = (ctx.usable_addresses("network-interface", eid, vpc_id, str(sid), found, snap)
                  for found in _addresses(eni))
        if not v4 and not v6:
            ctx.skip("network-interface", eid, "no usable private address", snap)
            continue
        spec_id = ctx.target_id(eid)
        doc = common(eni, eid, spec_id, eni.get("Description") or None)
        doc["subnet"] = ctx.names.get("subnet", sid)
        doc["private_ips"] = v4
        if v6:
            doc["ipv6_addresses"] = v6
        groups = _groups(ctx, eni.get("Groups"), ctx.account(snap, eni))
        if groups:
            doc["security_groups"] = groups
        public = _public_ip(eni)
        if public:
            doc["public_ip"] = public
        if isinstance(instance, str):
            if instance in ctx.emitted:
                doc["instance"] = ctx.target_id(instance)
            else:
                ctx.result.note(f"{eid}: attached to instance {instance}, which is not in the import")
        itype = eni.get("InterfaceType")
        if isinstance(itype, str) and itype and itype != "interface":
            doc["interface_type"] = itype
        if eni.get("SourceDestCheck") is False:
            doc["source_dest_check"] = False
        status = lower(eni.get("Status"))
        if status and status != "in-use":
            doc["state"] = status
        ctx.emitted.add(eid)
        out[spec_id] = finish(doc, eni)
    return dict(sorted(out.items()))  # type: ignore[arg-type]

