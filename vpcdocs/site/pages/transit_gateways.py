"""Transit gateways: attachments, and each TGW route table with its associations,
propagations, static and blackhole routes — plus the effective routes (TGW-6): the CIDRs
propagated by attachments, where a static route for the same prefix beats a propagated one."""

from __future__ import annotations

from dataclasses import dataclass

from ...render.escape import md_cell, md_text
from .. import paths
from ..context import SiteData, cidrs_text, code, net_key, source, source_line, target

PAGE = paths.TRANSIT_GATEWAYS

# AWS route priority for the same prefix: static, then propagated by attachment type (TGW-6).
_PROPAGATION_RANK = {"vpc": 2, "direct-connect": 3, "connect": 4, "vpn": 5, "peering": 6}


@dataclass(frozen=True)
class TgwEffectiveRoute:
    destination: str
    key: tuple
    attachment: str | None
    origin: str  # "static" | "propagated"
    blackhole: bool
    rank: int
    active: bool = True  # False: another route for the same prefix wins


def effective_tgw_routes(data: SiteData, table) -> list[TgwEffectiveRoute]:
    topo = data.topology
    routes = [TgwEffectiveRoute(r.destination, net_key(r.network) if r.network else (9, 0, 0), r.attachment,
                                "static", r.blackhole, 0) for r in table.routes]
    for att_id in table.propagations:
        att = topo.get("tgw-attachment", att_id)
        if att is None:
            continue
        if att.type == "vpc" and att.vpc:
            vpc = topo.get("vpc", att.vpc)
            cidrs = vpc.all_cidrs if vpc is not None else ()
        else:
            cidrs = att.cidrs
        for c in cidrs:
            routes.append(TgwEffectiveRoute(str(c), net_key(c), att.id, "propagated", False,
                                            _PROPAGATION_RANK.get(att.type, 6)))
    best: dict[tuple, TgwEffectiveRoute] = {}
    for r in routes:
        cur = best.get(r.key)
        if cur is None or (r.rank, r.attachment or "") < (cur.rank, cur.attachment or ""):
            best[r.key] = r
    out = [r if best[r.key] is r else TgwEffectiveRoute(r.destination, r.key, r.attachment, r.origin,
                                                        r.blackhole, r.rank, active=False) for r in routes]
    return sorted(out, key=lambda r: (r.key, r.rank, r.attachment or ""))


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
                assoc = topo.association_of(a.id)
                L.append(f"| {target('tgw-attachment', a.id)}{code(a.id)} | {md_cell(a.type)} | {where} "
                         f"| {', '.join(data.link(PAGE, 'subnet', s) for s in a.subnets) or ' '} "
                         f"| {cidrs_text(a.cidrs)} | {data.link(PAGE, 'tgw-route-table', assoc.id) if assoc else 'none'} "
                         f"| {'yes' if a.appliance_mode else 'no'} | {md_cell(a.state)} | {source(a.loc)} |")
            L.append("")
        else:
            L += ["No attachments.", ""]

        for table in topo.tgw_route_tables_of(tgw.id):
            L += [target("tgw-route-table", table.id), "", f"### Route table {md_text(table.label)}", ""]
            L += [f"Associations: {', '.join(_attachment_target(data, a) for a in table.associations) or 'none'}", "",
                  f"Propagations: {', '.join(_attachment_target(data, a) for a in table.propagations) or 'none'}", "",
                  source_line(table.loc), ""]
            if table.description:
                L += [md_text(table.description), ""]
            routes = effective_tgw_routes(data, table)
            if not routes:
                L += ["No routes.", ""]
                continue
            L += ["| Destination | Target | Type | State |", "| --- | --- | --- | --- |"]
            for r in routes:
                tgt = "blackhole" if r.blackhole else _attachment_target(data, r.attachment)
                kind = "static" if r.origin == "static" else "propagated (derived)"
                if r.blackhole:
                    state = "**blackhole**"
                elif r.active:
                    state = "active"
                else:
                    state = "not used — a static route for the same prefix wins" if r.origin == "propagated" \
                        else "not used"
                L.append(f"| {md_cell(r.destination)} | {tgt} | {kind} | {state} |")
            L.append("")
    return "\n".join(L)
