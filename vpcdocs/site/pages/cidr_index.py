"""CIDR index: every CIDR in the specs → its owner, sorted numerically (IPv4 before IPv6),
so "who owns 10.1.2.3?" is one look (or one search) away."""

from __future__ import annotations

from ...render.escape import md_cell
from .. import paths
from ..context import SiteData, code, net_key, source, target

PAGE = paths.CIDR_INDEX


def rows(data: SiteData) -> list[tuple[tuple, str, str, str, str, str]]:
    """(sort key, CIDR, kind, owner markdown, VPC markdown, source markdown) of every CIDR."""
    topo = data.topology
    out = []
    for v in topo.vpcs:
        for i, c in enumerate(v.cidrs):
            out.append((net_key(c), str(c), "VPC (primary)" if i == 0 else "VPC (secondary)",
                        data.vpc_link(PAGE, v.id), data.vpc_link(PAGE, v.id), source(v.loc)))
        for c in v.ipv6_cidrs:
            out.append((net_key(c), str(c), "VPC (IPv6)", data.vpc_link(PAGE, v.id), data.vpc_link(PAGE, v.id),
                        source(v.loc)))
    for s in topo.subnets:
        for c in (s.cidr, s.ipv6_cidr):
            if c is not None:
                out.append((net_key(c), str(c), "subnet" if c.version == 4 else "subnet (IPv6)",
                            data.link(PAGE, "subnet", s.id), data.vpc_link(PAGE, s.vpc), source(s.loc)))
    for x in topo.external_vpcs:
        for i, c in enumerate(x.cidrs):  # the anchor goes on the first (lowest) CIDR only
            anchor = target("external-vpc", x.id) if i == 0 else ""
            out.append((net_key(c), str(c), "external VPC", f"{anchor}{code(x.id)}", " ", source(x.loc)))
    for a in topo.tgw_attachments:
        for c in a.cidrs:
            out.append((net_key(c), str(c), f"{a.type} attachment (advertised)",
                        data.link(PAGE, "tgw-attachment", a.id), " ", source(a.loc)))
    out.sort(key=lambda r: (r[0], r[2], r[3]))
    return out


def render(data: SiteData) -> str:
    L = ["# CIDR index", "",
         "Every address range in the specs and who owns it, sorted by address. "
         "To find the owner of an address, look for the most specific range that contains it.", "",
         "| CIDR | Kind | Owner | VPC | Source |", "| --- | --- | --- | --- | --- |"]
    for _key, cidr, kind, owner, vpc, src in rows(data):
        L.append(f"| {md_cell(cidr)} | {kind} | {owner} | {vpc} | {src} |")
    L.append("")
    return "\n".join(L)
