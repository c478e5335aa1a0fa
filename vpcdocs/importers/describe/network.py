"""VPCs, subnets and the gateways at a VPC's edge: internet, egress-only (V6-4), virtual
private (VGW-1) and NAT gateways."""

from __future__ import annotations

from typing import Any

from ..model import AwsSnapshot
from ..naming import addr, common, finish, is_placeholder, lower, net, sorted_cidrs, state_of
from .context import Context, Entry

_GONE_CIDR = ("disassociating", "disassociated", "failing", "failed")  # CidrBlockState values that carry nothing


def build_vpc(ctx: Context, vpc_id: str, snap: AwsSnapshot, item: dict[str, Any],
              subnets: list[tuple[str, Entry]], nats: list[tuple[str, Entry]]) -> dict[str, Any] | None:
    """The spec of one VPC without its route tables and the objects built later."""
    spec_id = ctx.names.get("vpc", vpc_id)
    cidr = item.get("CidrBlock")
    if not cidr or net(cidr) is None or net(cidr).version != 4:  # type: ignore[union-attr]
        ctx.skip("vpc", vpc_id, "no usable primary IPv4 CIDR (unknown until apply?)", snap)
        return None
    out = common(item, vpc_id, spec_id)
    out["cidr"] = cidr
    secondary = []
    for assoc in item.get("CidrBlockAssociationSet") or []:
        state = lower((assoc.get("CidrBlockState") or {}).get("State") or "associated")
        c = assoc.get("CidrBlock")
        if not c or c == cidr:
            continue
        if net(c) is None or net(c).version != 4:  # type: ignore[union-attr]
            ctx.skip("vpc-cidr", f"{vpc_id} {c}", "not an IPv4 CIDR", snap)
        elif state not in _GONE_CIDR:
            secondary.append(c)
        else:
            ctx.skip("vpc-cidr", f"{vpc_id} {c}", f"CIDR association is {state}", snap)
    if secondary:
        out["secondary_cidrs"] = sorted_cidrs(secondary)
    v6 = []
    for assoc in item.get("Ipv6CidrBlockAssociationSet") or []:
        c = assoc.get("Ipv6CidrBlock")
        state = lower((assoc.get("Ipv6CidrBlockState") or {}).get("State") or "associated")
        if not c:
            continue
        if net(c) is None or net(c).version != 6:  # type: ignore[union-attr]
            ctx.skip("vpc-cidr", f"{vpc_id} {c}", "not an IPv6 CIDR", snap)
        elif state not in _GONE_CIDR:
            v6.append(c)
        else:
            ctx.skip("vpc-cidr", f"{vpc_id} {c}", f"IPv6 CIDR association is {state}", snap)
    if len(v6) == 1:
        out["ipv6_cidr"] = v6[0]
    elif v6:
        out["ipv6_cidrs"] = v6  # V6-1: up to five, in AWS's order
    all_attrs = snap.extra.get("VpcAttributes")
    attrs = (all_attrs.get(vpc_id) if isinstance(all_attrs, dict) else None) or {}
    for key, field in (("EnableDnsSupport", "dns_support"), ("EnableDnsHostnames", "dns_hostnames")):
        if key in attrs and attrs[key] is not None:
            out[field] = bool(attrs[key])
    _gateways(ctx, vpc_id, snap, out)
    subnet_docs = build_subnets(ctx, subnets)
    nat_docs = build_nats(ctx, vpc_id, nats, subnet_docs)
    out["_subnets"] = subnet_docs  # placed in key order by the layout
    if nat_docs:
        out["_nats"] = nat_docs
    return out


def _attached(item: dict[str, Any], vpc_id: str, key: str = "Attachments") -> bool:
    return any(isinstance(a, dict) and a.get("VpcId") == vpc_id
               and lower(a.get("State") or "attached") in ("attached", "available", "attaching")
               for a in item.get(key) or [])


def _gateway_doc(ctx: Context, aws_id: str, item: dict[str, Any], kind: str) -> dict[str, Any]:
    spec_id = ctx.target_id(aws_id)
    ctx.emitted.add(aws_id)
    doc = {"id": spec_id, **common(item, aws_id, spec_id)}
    if kind == "vgw":
        asn = item.get("AmazonSideAsn")
        if isinstance(asn, int):
            doc["asn"] = asn
        state = state_of(item, "available")
        if state not in ("available", "attached"):
            doc["state"] = state
    return finish(doc, item)


def _gateways(ctx: Context, vpc_id: str, snap: AwsSnapshot, out: dict[str, Any]) -> None:
    """The internet, egress-only and virtual private gateways attached to the VPC (one each)."""
    for kind, key, field, what in (("igw", "Attachments", "internet_gateway", "internet gateway"),
                                   ("eigw", "Attachments", "egress_only_internet_gateway",
                                    "egress-only internet gateway"),
                                   ("vgw", "VpcAttachments", "vpn_gateway", "virtual private gateway")):
        found = sorted(g for g, (_, item) in ctx.store[kind].items() if _attached(item, vpc_id, key))
        if not found:
            continue
        out[field] = _gateway_doc(ctx, found[0], ctx.get(kind, found[0]), kind)
        for extra in found[1:]:
            ctx.skip(kind.replace("igw", "internet-gateway"), extra,
                     f"a second {what} attached to {vpc_id}; a VPC has one (the first by id is kept)", snap)


def build_subnets(ctx: Context, subnets: list[tuple[str, Entry]]) -> dict[str, dict[str, Any]]:
    """AWS subnet id → spec dict (without its table and NACL, set later)."""
    docs: dict[str, dict[str, Any]] = {}
    for sid, (ssnap, s) in subnets:
        sub_id = ctx.names.get("subnet", sid)
        sub = common(s, sid, sub_id)
        if not s.get("CidrBlock") or net(s.get("CidrBlock")) is None:
            ctx.skip("subnet", sid, "no IPv4 CIDR: IPv6-only subnets are not written (the spec's subnets "
                     "need an IPv4 cidr)", ssnap)
            continue
        if not s.get("AvailabilityZone") or is_placeholder(s.get("AvailabilityZone")):
            ctx.skip("subnet", sid, "availability zone unknown (chosen by AWS when the subnet is created); the "
                     "spec needs it", ssnap)
            continue
        sub["cidr"] = s["CidrBlock"]
        v6s = [a.get("Ipv6CidrBlock") for a in s.get("Ipv6CidrBlockAssociationSet") or []
               if a.get("Ipv6CidrBlock") and lower((a.get("Ipv6CidrBlockState") or {}).get("State")
                                                   or "associated") not in _GONE_CIDR]
        if v6s:
            sub["ipv6_cidr"] = v6s[0]
        sub["az"] = s["AvailabilityZone"]
        if s.get("AvailabilityZoneId"):
            sub["az_id"] = s["AvailabilityZoneId"]
        if s.get("MapPublicIpOnLaunch") is True:
            sub["map_public_ip"] = True
        docs[sid] = sub
    ctx.subnet_docs.update(docs)
    return docs


def build_nats(ctx: Context, vpc_id: str, nats: list[tuple[str, Entry]],
               subnets: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for nid, (nsnap, g) in nats:
        if g.get("SubnetId") not in subnets:
            ctx.skip("nat-gateway", nid, f"its subnet {g.get('SubnetId')} is not in the import", nsnap)
            continue
        state = state_of(g, "available")
        nat_id = ctx.target_id(nid)
        nat = common(g, nid, nat_id)
        nat["subnet"] = ctx.names.get("subnet", g["SubnetId"])
        if lower(g.get("ConnectivityType")) == "private":
            nat["connectivity"] = "private"
        if state != "available":
            nat["state"] = state
        addresses = [a for a in g.get("NatGatewayAddresses") or [] if isinstance(a, dict)]
        primary = next((a for a in addresses if a.get("IsPrimary") is True), addresses[0] if addresses else {})
        if addr(primary.get("PrivateIp")) is not None \
                and ctx.usable_addresses("nat-gateway", nid, vpc_id, g["SubnetId"], [primary["PrivateIp"]], nsnap):
            nat["private_ip"] = primary["PrivateIp"]
        if addr(primary.get("PublicIp")) is not None:
            nat["public_ip"] = primary["PublicIp"]
        ctx.emitted.add(nid)
        out[nat_id] = finish(nat, g)
    return dict(sorted(out.items()))  # type: ignore[arg-type]
