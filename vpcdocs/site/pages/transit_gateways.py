"""Transit gateways: attachments, and each TGW route table with its associations,
propagations, static and blackhole routes — plus the effective routes (TGW-6): the CIDRs
propagated by attachments, where a static route for the same prefix beats a propagated one."""

from __future__ import annotations

from ...render.escape import md_cell, md_text
from .. import paths
from ..context import SiteData, cidrs_text, code, source, source_line, target

PAGE = paths.TRANSIT_GATEWAYS


def _attachment_target(data: SiteData, att_id: str | None) -> str:
    if att_id is None:
        return " "
    att = data.topology.get("tgw-attachment", att_id)
    text = data.link(PAGE, "tgw-attachment", att_id)
    if att is not None and att.vpc:
        text += f" ({data.vpc_link(PAGE, att.vpc)})"
    return text


def render(data: SiteData) -> str:
    topo = data.topology
    L = ["# Transit gateways", ""]
    if not topo.transit_gateways:
        L += ["The specs define no transit gateways.", ""]
    for tgw in topo.transit_gateways:
        L += [target("transit-gateway", tgw.id), "", f"## {md_text(tgw.label)}", ""]
        facts = [f"Id: {code(tgw.id)}"]
        if tgw.region:
            facts.append(f"Region: {code(tgw.region)}")
        if tgw.asn is not None:
            facts.append(f"ASN: {tgw.asn}")
        if tgw.aws_id:
            facts.append(f"AWS id: {code(tgw.aws_id)}")
        if tgw.default_association_route_table:
            facts.append(f"Default association: {code(tgw.default_association_route_table)}")
        if tgw.default_propagation_route_table:
            facts.append(f"Default propagation: {code(tgw.default_propagation_route_table)}")
        L += [" · ".join(facts), "", source_line(tgw.loc), ""]
        if tgw.description:
            L += [md_text(tgw.description), ""]

        atts = topo.attachments_of_tgw(tgw.id)
        L += ["### Attachments", ""]
        if atts:
            L += ["| Attachment | Type | VPC / peer | Subnets | CIDRs | Associated with | Appliance mode | State | Source |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
            for a in atts:
                where = (data.vpc_link(PAGE, a.vpc) if a.vpc else
                         code(a.peer_transit_gateway) if a.peer_transit_gateway else " ")
                assoc = data.dp.association(a.id)
                L.append(f"| {target('tgw-attachment', a.id)}{code(a.id)} | {md_cell(a.type)} | {where} "
                         f"| {', '.join(data.link(PAGE, 'subnet', s) for s in a.subnets) or ' '} "
                         f"| {cidrs_text(a.cidrs)} | {data.link(PAGE, 'tgw-route-table', assoc) if assoc else 'none'} "
                         f"| {'yes' if a.appliance_mode else 'no'} | {md_cell(a.state)} | {source(a.loc)} |")
            L.append("")
        else:
            L += ["No attachments.", ""]

        for table in topo.tgw_route_tables_of(tgw.id):
            eff = data.dp.tgw_table(table.id)
            assoc = eff.associations if eff else table.associations
            props = eff.propagations if eff else table.propagations
            defaults = set(eff.default_associations + eff.default_propagations) if eff else set()

            def att_text(a: str, defaults: set[str] = defaults) -> str:
                return _attachment_target(data, a) + (" (default, TGW-5)" if a in defaults else "")

            L += [target("tgw-route-table", table.id), "", f"### Route table {md_text(table.label)}", ""]
            L += [f"Associations: {', '.join(att_text(a) for a in assoc) or 'none'}", "",
                  f"Propagations: {', '.join(att_text(a) for a in props) or 'none'}", "",
                  source_line(table.loc), ""]
            if table.description:
                L += [md_text(table.description), ""]
            routes = eff.routes if eff else ()
            if not routes:
                L += ["No routes.", ""]
                continue
            L += ["| Destination | Target | Type | State |", "| --- | --- | --- | --- |"]
            for r in routes:
                tgt = "blackhole" if r.blackhole else _attachment_target(data, r.attachment)
                kind = "static" if r.origin == "static" else "propagated (derived)"
                if r.blackhole:
                    state = "**blackhole**"
                elif r.selected:
                    state = "active"
                else:
                    state = "not used — a static route for the same prefix wins" if r.origin == "propagated" \
                        else "not used"
                L.append(f"| {md_cell(r.destination)} | {tgt} | {kind} | {state} |")
            L.append("")
    return "\n".join(L)
