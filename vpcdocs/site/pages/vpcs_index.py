"""VPCs: every VPC by account and region — id, name, CIDRs, subnets, connections — one table
per account and region, natural order. The entry point to the VPC pages of a big estate
(whose nav lists this page instead of a thousand VPC pages)."""

from __future__ import annotations

from ...sorting import natural_key
from .. import paths
from ..context import SiteData, codes, source, target
from ..doc import Code, Doc, H, Inline, Link, P, Table, join, seq

PAGE = paths.VPCS


def _connections(data: SiteData, vpc_id: str) -> Inline:
    topo = data.topology
    peerings = topo.peerings_of(vpc_id)
    parts: list[Inline] = []
    if len(peerings) <= 3:
        parts += [data.vpc_link(p.other_side(vpc_id) or "") for p in peerings]
    else:
        parts.append(f"{len(peerings)} peerings")
    tgws = sorted({a.transit_gateway for a in topo.attachments_of_vpc(vpc_id)}, key=natural_key)
    parts += [data.link("transit-gateway", t) for t in tgws]
    return join(", ", parts)


def render(data: SiteData) -> Doc:
    topo = data.topology
    doc = Doc("VPCs")
    doc.add(H(1, "VPCs"),
            P(f"{len(topo.vpcs)} VPCs by account and region. Each links to its page: diagram, subnets, route tables, "
              "endpoints, peerings, security and what it can reach."))
    if not topo.vpcs:
        doc.add(P("The specs define no VPCs."))
        return doc
    groups: dict[tuple[str, str], list] = {}
    for v in topo.vpcs:
        groups.setdefault((v.account or "", v.region), []).append(v)
    named = any(v.name for v in topo.vpcs)
    subnets: dict[str, int] = {}
    for s in topo.subnets:
        subnets[s.vpc] = subnets.get(s.vpc, 0) + 1
    columns = ("VPC", *(("Name",) if named else ()), "CIDRs", "Subnets", "Connected to", "Defined in")
    right = frozenset({len(columns) - 3})
    for (account, region), vpcs in sorted(groups.items(), key=lambda kv: (natural_key(kv[0][0]), natural_key(kv[0][1]))):
        rows = []
        for v in sorted(vpcs, key=lambda v: natural_key(v.id)):
            row: list[Inline] = [seq(target("vpc", v.id), Link(paths.vpc_page(v.id), None, Code(v.id)))]
            if named:
                row.append(v.name or "")
            row += [codes(v.all_cidrs), str(subnets.get(v.id, 0)), _connections(data, v.id), source(v.loc)]
            rows.append(row)
        doc.add(H(2, f"{'Account ' + account if account else 'No account'} · {region}"), Table(columns, rows, right))
    if topo.external_vpcs:
        rows = [[Code(x.id), x.name or "", codes(x.cidrs), x.account or "", x.region or "", source(x.loc)]
                for x in sorted(topo.external_vpcs, key=lambda x: natural_key(x.id))]
        doc.add(H(2, "External VPCs"), P("Peer VPCs outside the specs (another account or region)."),
                Table(("VPC", "Name", "CIDRs", "Account", "Region", "Defined in"), rows))
    return doc
