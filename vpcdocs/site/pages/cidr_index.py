"""CIDR index: every CIDR in the specs → its owner, sorted numerically (IPv4 before IPv6),
so "who owns 10.1.2.3?" is one look (or one search) away. A big estate lists the VPC-level
ranges here and each VPC's subnets on its page (the page stays readable and small)."""

from __future__ import annotations

from .. import paths
from ..context import SiteData, net_key, source, target
from ..doc import Code, Doc, H, Inline, P, Table, seq

PAGE = paths.CIDR_INDEX
MAX_ROWS = 3000  # beyond this, subnet ranges are left to the VPC pages


def rows(data: SiteData, subnets: bool = True) -> list[tuple[tuple, str, str, Inline, Inline, Inline]]:
    """(sort key, CIDR, kind, owner, VPC, source) of every CIDR."""
    topo = data.topology
    out: list[tuple[tuple, str, str, Inline, Inline, Inline]] = []
    c: object
    for v in topo.vpcs:
        for i, c in enumerate(v.cidrs):
            out.append((net_key(c), str(c), "VPC (primary)" if i == 0 else "VPC (secondary)",
                        data.vpc_link(v.id), data.vpc_link(v.id), source(v.loc)))
        for c in v.ipv6_cidrs:
            out.append((net_key(c), str(c), "VPC (IPv6)", data.vpc_link(v.id), data.vpc_link(v.id), source(v.loc)))
    if subnets:
        for s in topo.subnets:
            for c in (s.cidr, s.ipv6_cidr):
                if c is not None:
                    out.append((net_key(c), str(c), "subnet" if c.version == 4 else "subnet (IPv6)",
                                data.link("subnet", s.id), data.vpc_link(s.vpc), source(s.loc)))
    for x in topo.external_vpcs:
        for i, c in enumerate(x.cidrs):  # the anchor goes on the first (lowest) CIDR only
            anchor: Inline = target("external-vpc", x.id) if i == 0 else ""
            out.append((net_key(c), str(c), "external VPC", seq(anchor, Code(x.id)), "", source(x.loc)))
    for a in topo.tgw_attachments:
        for c in a.cidrs:
            out.append((net_key(c), str(c), f"{a.type} attachment (advertised)",
                        data.link("tgw-attachment", a.id), "", source(a.loc)))
    out.sort(key=lambda r: (r[0], r[2], r[1]))
    return out


def render(data: SiteData) -> Doc:
    n_subnet_rows = sum((s.cidr is not None) + (s.ipv6_cidr is not None) for s in data.topology.subnets)
    with_subnets = n_subnet_rows + len(data.topology.vpcs) <= MAX_ROWS
    doc = Doc("CIDR index")
    doc.add(H(1, "CIDR index"),
            P("Every address range in the specs and who owns it, sorted by address. To find the owner of an address, "
              "look for the most specific range that contains it."))
    if not with_subnets:
        doc.add(P(f"{n_subnet_rows} subnet ranges are listed on their VPC pages, not here; search finds any CIDR."))
    doc.add(Table(("CIDR", "Kind", "Owner", "VPC", "Defined in"),
                  [[Code(cidr), kind, owner, vpc, src] for _key, cidr, kind, owner, vpc, src in rows(data, with_subnets)]))
    return doc
