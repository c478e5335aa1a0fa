"""The search index of the generated pages: bounded, and made for finding network objects.

Material's search plugin would index every word of every generated page — reasons,
matrices, table after table — which at a thousand VPCs is hundreds of megabytes. Instead the
generated pages are excluded from it and get these entries: one per VPC (names, ids, CIDRs,
account, region, description, tags and the ids of everything in it), one per subnet, route
table (its rows), peering, transit gateway, TGW attachment and route table, endpoint service
and finding code, each pointing at the object's anchor, its id as the title (the title
weighs most). The search separator keeps CIDRs whole; hyphenated ids are split into parts
like the query typed in the search box is, so ``a-private-1a`` finds the subnet first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..sorting import natural_key
from . import paths
from .context import SiteData


@dataclass(frozen=True, slots=True)
class Entry:
    page: str  # docs path
    anchor: str | None
    title: str
    text: str
    boost: float = 1.0  # Material passes it to lunr: subnets and VPCs come before tables naming them


def words(items: Iterable[object]) -> str:
    """Space-separated, empty items left out."""
    return " ".join(text for text in map(str, items) if text)


def _vpc_entries(data: SiteData, vpc) -> list[Entry]:
    topo, dp = data.topology, data.dp
    page = paths.vpc_page(vpc.id)
    # ids of what the route rows below do not name already (gateways, endpoints and peerings
    # are route targets): the index stays small enough to build in the browser
    inside = [x.id for kind in ("interface-endpoint", "load-balancer", "security-group", "network-acl", "instance",
                                "network-interface")
              for x in topo.in_vpc(vpc.id, kind)]
    tags = [f"{k}={v}" for k, v in vpc.tags]
    out = [Entry(page, None, vpc.label,
                 words(["VPC", vpc.id, vpc.name or "", *vpc.all_cidrs, vpc.account or "", vpc.region, vpc.aws_id or "",
                        vpc.description or "", *tags, *inside]), 2.0)]
    for s in sorted(topo.subnets_of(vpc.id), key=lambda s: natural_key(s.id)):
        out.append(Entry(page, paths.anchor("subnet", s.id), s.id,
                         words([f"{dp.subnet_class(s.id)} subnet", s.name or "", s.cidr or "", s.ipv6_cidr or "", s.az,
                                s.aws_id or ""]), 3.0))
    for t in sorted(dp.tables_of(vpc.id), key=lambda t: natural_key(t.id)):
        rows = "; ".join(f"{r.destination} → {r.target}" for r in t.routes)
        out.append(Entry(page, paths.anchor("route-table", t.id), f"{t.id} (route table)",
                         f"route table of {vpc.id}{' (main)' if t.main else ''}: {rows} " + words([t.id, t.aws_id or ""])))
    for p in topo.peerings_of(vpc.id):
        if p.requester == vpc.id or topo.get("vpc", p.requester) is None:
            other = p.other_side(vpc.id) or ""
            out.append(Entry(page, paths.anchor("peering", p.id), p.id,
                             words(["VPC peering", vpc.id, "↔", other, *topo.peer_cidrs(other), p.status, p.aws_id or ""])))
    return out


def _tgw_entries(data: SiteData) -> list[Entry]:
    topo, dp = data.topology, data.dp
    out = []
    for tgw in sorted(topo.transit_gateways, key=lambda t: natural_key(t.id)):
        page = paths.tgw_page(tgw.id)
        out.append(Entry(page, None, tgw.label, words(["transit gateway", tgw.id, tgw.region or "", tgw.aws_id or "",
                                                       str(tgw.asn or ""), tgw.description or ""])))
        for a in topo.attachments_of_tgw(tgw.id):
            out.append(Entry(page, paths.anchor("tgw-attachment", a.id), a.id,
                             words([f"{a.type} attachment of", tgw.id, a.vpc or a.peer_transit_gateway or "", *a.cidrs,
                                    *a.subnets, dp.association(a.id) or ""])))
        for table in topo.tgw_route_tables_of(tgw.id):
            eff = dp.tgw_table(table.id)
            static = [f"{r.destination} → {'blackhole' if r.blackhole else r.attachment}"
                      for r in (eff.routes if eff else ()) if r.origin == "static"]
            out.append(Entry(page, paths.anchor("tgw-route-table", table.id), f"{table.id} (TGW route table)",
                             f"transit gateway route table of {tgw.id}: {'; '.join(static)} " + words([table.id])))
    return out


def entries(data: SiteData) -> list[Entry]:
    topo = data.topology
    out = [Entry(paths.HOME, None, "Network overview", "estate summary regions accounts counts"),
           Entry(paths.VPCS, None, "VPCs", "every VPC by account and region"),
           Entry(paths.REACHABILITY, None, "Reachability", "VPC matrix by account region transit gateway domain"),
           Entry(paths.CIDR_INDEX, None, "CIDR index", "who owns which address range"),
           Entry(paths.TRANSIT_GATEWAYS, None, "Transit gateways", "attachments route tables"),
           Entry(paths.PRIVATELINK, None, "PrivateLink", "endpoint services interface endpoints")]
    for v in sorted(topo.vpcs, key=lambda v: natural_key(v.id)):
        out += _vpc_entries(data, v)
    out += _tgw_entries(data)
    for svc in sorted(topo.endpoint_services, key=lambda s: natural_key(s.id)):
        consumers = [e.vpc for e in topo.interface_endpoints if e.endpoint_service == svc.id]
        out.append(Entry(paths.PRIVATELINK, paths.anchor("endpoint-service", svc.id), svc.label,
                         words(["endpoint service", svc.id, svc.service_name or "", svc.vpc or "", *svc.load_balancers,
                                *consumers, svc.description or ""])))
    for code, n in sorted(Counter(d.code for d in data.findings).items(), key=lambda kv: natural_key(kv[0])):
        out.append(Entry(paths.FINDINGS, None, f"{code} ({n} finding{'s' if n != 1 else ''})", words([code])))
    return out
