"""Objects between VPCs: peering connections (PEER-*) and managed prefix lists (PL-*)."""

from __future__ import annotations

from typing import Any

from ..model import AwsSnapshot
from ..naming import account_of, common, finish, lower, net, sorted_cidrs
from .context import Context


def external(info: dict[str, Any]) -> dict[str, Any]:
    """The peer VPC of a peering that is not in the import: what the peering shows of it."""
    cidrs = [c.get("CidrBlock") for c in info.get("CidrBlockSet") or [] if c.get("CidrBlock")]
    if info.get("CidrBlock") and info["CidrBlock"] not in cidrs:
        cidrs.insert(0, info["CidrBlock"])
    cidrs += [c.get("Ipv6CidrBlock") for c in info.get("Ipv6CidrBlockSet") or [] if c.get("Ipv6CidrBlock")]
    out: dict[str, Any] = {"vpc": info.get("VpcId"), "cidrs": cidrs}
    if account_of(info.get("OwnerId")):
        out["account"] = account_of(info.get("OwnerId"))
    if info.get("Region"):
        out["region"] = info["Region"]
    return out


def build_peerings(ctx: Context) -> dict[str, dict[str, Any]]:
    out = {}
    for pid, (snap, p) in sorted(ctx.store["pcx"].items()):
        req = p.get("RequesterVpcInfo") or {}
        acc = p.get("AccepterVpcInfo") or {}
        sides: dict[str, Any] = {}
        for key, info in (("requester", req), ("accepter", acc)):
            vid = info.get("VpcId")
            if vid in ctx.vpc_docs:
                sides[key] = ctx.names.get("vpc", vid)
            elif vid:
                sides[key] = external(info)
        if len(sides) < 2:
            ctx.skip("peering", pid, "a side has no VPC id", snap)
            continue
        if all(isinstance(v, dict) for v in sides.values()):
            if ctx.vpc_filter is None:
                ctx.skip("peering", pid, "neither VPC is in the import", snap)
            continue
        spec_id = ctx.target_id(pid) or pid
        entry = common(p, pid, spec_id)
        entry.update(sides)
        status = lower((p.get("Status") or {}).get("Code") or "active")
        if status != "active":
            entry["status"] = status
        if any((i.get("PeeringOptions") or {}).get("AllowDnsResolutionFromRemoteVpc") for i in (req, acc)):
            entry["allow_dns_resolution"] = True
        ctx.emitted.add(pid)
        ctx.owner[("peerings", spec_id)] = account_of(req.get("OwnerId")) or ctx.account(snap, p)
        out[spec_id] = finish(entry, p)
    return out


def build_prefix_lists(ctx: Context) -> dict[str, dict[str, Any]]:
    """Customer-managed lists, and the AWS-managed lists something written refers to (a route,
    a rule, a gateway endpoint); their entries are what routing matches (PL-3, PL-8)."""
    out = {}
    for pid, (snap, pl) in sorted(ctx.prefix_lists.items()):
        name = pl.get("PrefixListName")
        owner = "aws" if pl.get("OwnerId") == "AWS" or str(name or "").startswith("com.amazonaws.") else "customer"
        if owner == "aws" and pid not in ctx.pl_refs:
            ctx.skip("prefix-list", pid, f"AWS-managed list {name} is not used by anything imported", snap)
            continue
        spec_id = ctx.names.get("prefix-list", pid) or pid
        doc = common(pl, pid, spec_id)
        if isinstance(name, str) and name and name != spec_id:
            doc["prefix_list_name"] = name
        family = pl.get("AddressFamily")
        if family == "IPv6":
            doc["address_family"] = "IPv6"
        if owner == "aws":
            doc["owner"] = "aws"
        elif isinstance(pl.get("MaxEntries"), int):
            doc["max_entries"] = pl["MaxEntries"]
        entries = _entries(ctx, pid, pl, "IPv6" if family == "IPv6" else "IPv4", snap)
        if entries is None:
            ctx.result.note(f"{pid} ({name}): its entries are not in the input (add get-managed-prefix-list-entries "
                            "output); routes and rules using it match no address")
        else:
            doc["entries"] = entries
        region = ctx.region(snap)
        if region:
            doc["region"] = region
        account = account_of(pl.get("OwnerId"))
        if account:
            doc["account"] = account
        state = lower(pl.get("State"))
        if state and state not in ("create-complete", "modify-complete", "restore-complete", "available"):
            doc["state"] = state
        ctx.owner[("prefix_lists", spec_id)] = account
        out[spec_id] = finish(doc, pl)
    return out


def _entries(ctx: Context, pid: str, pl: dict[str, Any], family: str, snap: AwsSnapshot) -> list[Any] | None:
    raw: list[tuple[object, object]] = [(e.get("Cidr"), e.get("Description")) for e in pl.get("Entries") or []
                                        if isinstance(e, dict)]
    if not raw and "Cidrs" in pl:
        raw = [(c, None) for c in pl.get("Cidrs") or []]
    if not raw and "Entries" not in pl and "Cidrs" not in pl:
        return None
    kept: dict[str, str | None] = {}
    for cidr, description in raw:
        n = net(cidr)
        if n is None or (n.version == 6) != (family == "IPv6"):
            ctx.skip("prefix-list-entry", f"{pid} {cidr}", f"not an {family} CIDR (PL-4: one address family per "
                     "list)", snap)
            continue
        kept.setdefault(str(cidr), description if isinstance(description, str) and description else None)
    ordered = sorted_cidrs(kept)
    if any(kept[c] for c in ordered):
        return [{"cidr": c, "description": kept[c]} if kept[c] else {"cidr": c} for c in ordered]
    return ordered
