"""Transit gateways: a summary page listing them, and one page per transit gateway with its
attachments and each TGW route table — associations, propagations (TGW-5 defaults marked),
static, propagated and blackhole routes, and which of them AWS uses (TGW-6)."""

from __future__ import annotations

from ...render.diagram.api import DiagramRef
from ...render.diagram.parallel import diagram_filename
from ...sorting import natural_key
from .. import paths
from ..context import SiteData, codes, source, source_line, target
from ..doc import Code, Details, Doc, H, Img, Inline, Link, P, Strong, Table, join, seq

PAGE = paths.TRANSIT_GATEWAYS
INLINE = 12  # associations / propagations listed inline; more are collapsed


def _attachment(data: SiteData, att_id: str | None) -> Inline:
    if att_id is None:
        return ""
    att = data.topology.get("tgw-attachment", att_id)
    text = data.link("tgw-attachment", att_id)
    if att is not None and att.vpc:
        return seq(text, " (", data.vpc_link(att.vpc), ")")
    return text


def render(data: SiteData) -> Doc:
    topo = data.topology
    doc = Doc("Transit gateways")
    doc.add(H(1, "Transit gateways"))
    if not topo.transit_gateways:
        doc.add(P("The specs define no transit gateways."))
        return doc
    rows = []
    for tgw in sorted(topo.transit_gateways, key=lambda t: natural_key(t.id)):
        atts = topo.attachments_of_tgw(tgw.id)
        peers = sorted({a.peer_transit_gateway for a in atts if a.peer_transit_gateway}, key=natural_key)
        rows.append([seq(target("transit-gateway", tgw.id), Link(paths.tgw_page(tgw.id), None, Code(tgw.id))),
                     tgw.name or "", tgw.region or "", str(tgw.asn) if tgw.asn is not None else "",
                     str(sum(1 for a in atts if a.vpc)), str(len(topo.tgw_route_tables_of(tgw.id))),
                     join(", ", (data.link("transit-gateway", p) for p in peers)), source(tgw.loc)])
    doc.add(P("Each transit gateway has a page with its attachments and route tables."),
            Table(("Transit gateway", "Name", "Region", "ASN", "VPC attachments", "Route tables", "Peered with",
                   "Defined in"), rows, frozenset({4, 5})))
    return doc


def _list(items: list[Inline], noun: str) -> list:
    if len(items) <= INLINE:
        return [P(seq(f"{noun}: ", join(", ", items) or "none"))]
    return [P(f"{noun}: {len(items)}"), Details(f"the {len(items)} {noun.lower()}", [P(join(", ", items))])]


def render_tgw(data: SiteData, tgw_id: str) -> Doc:
    topo = data.topology
    tgw = topo.get("transit-gateway", tgw_id)
    if tgw is None:
        raise KeyError(f"no transit gateway {tgw_id!r}")
    doc = Doc(tgw.label)
    facts: list[Inline] = [seq("Id: ", Code(tgw.id))]
    if tgw.region:
        facts.append(seq("Region: ", Code(tgw.region)))
    if tgw.asn is not None:
        facts.append(f"ASN: {tgw.asn}")
    if tgw.aws_id:
        facts.append(seq("AWS id: ", Code(tgw.aws_id)))
    if tgw.default_association_route_table:
        facts.append(seq("Default association: ", Code(tgw.default_association_route_table)))
    if tgw.default_propagation_route_table:
        facts.append(seq("Default propagation: ", Code(tgw.default_propagation_route_table)))
    doc.add(H(1, seq(target("transit-gateway", tgw.id), tgw.label)), P(join(" · ", facts)), source_line(tgw.loc))
    if tgw.description:
        doc.add(P(tgw.description))
    image = f"{paths.IMAGES}/{diagram_filename(DiagramRef('tgw', tgw.id), 'svg')}"  # route tables as lanes
    if image in data.images:
        doc.add(Img(image, f"Route tables of transit gateway {tgw.label}"))
    atts = sorted(topo.attachments_of_tgw(tgw.id), key=lambda a: natural_key(a.id))
    doc.add(H(2, "Attachments"))
    if atts:
        rows = []
        for a in atts:
            where: Inline = (data.vpc_link(a.vpc) if a.vpc else data.link("transit-gateway", a.peer_transit_gateway)
                             if a.peer_transit_gateway else "")
            assoc_rt = data.dp.association(a.id)
            rows.append([seq(target("tgw-attachment", a.id), Code(a.id)), a.type, where,
                         join(", ", (data.link("subnet", s) for s in a.subnets)), codes(a.cidrs),
                         data.link("tgw-route-table", assoc_rt) if assoc_rt else "none",
                         "yes" if a.appliance_mode else "no", a.state, source(a.loc)])
        doc.add(Table(("Attachment", "Type", "VPC / peer", "Subnets", "CIDRs", "Associated with", "Appliance mode",
                       "State", "Defined in"), rows))
    else:
        doc.add(P("No attachments."))
    for table in sorted(topo.tgw_route_tables_of(tgw.id), key=lambda t: natural_key(t.id)):
        eff = data.dp.tgw_table(table.id)
        assoc: tuple[str, ...] = eff.associations if eff else table.associations
        props: tuple[str, ...] = eff.propagations if eff else table.propagations
        defaults = set(eff.default_associations + eff.default_propagations) if eff else set()

        def att(a: str, defaults: set[str] = defaults) -> Inline:
            return seq(_attachment(data, a), " (default, TGW-5)" if a in defaults else "")

        doc.add(H(2, seq(target("tgw-route-table", table.id), f"Route table {table.label}")))
        doc.add(*_list([att(a) for a in assoc], "Associations"), *_list([att(a) for a in props], "Propagations"),
                source_line(table.loc))
        if table.description:
            doc.add(P(table.description))
        routes = eff.routes if eff else ()
        if not routes:
            doc.add(P("No routes."))
            continue
        rows = []
        for r in routes:
            state: Inline
            if r.blackhole:
                state = Strong("blackhole")
            elif r.selected:
                state = "active"
            else:
                state = "not used — a static route for the same prefix wins" if r.origin == "propagated" else "not used"
            rows.append([r.destination, "blackhole" if r.blackhole else _attachment(data, r.attachment),
                         "static" if r.origin == "static" else "propagated (derived)", state])
        doc.add(Table(("Destination", "Target", "Type", "State"), rows))
    return doc
