"""The per-VPC diagram: VPC box > AZ boxes > public/private subnet boxes and their contents.

Top to bottom: internet -> internet gateway on the VPC's edge -> AZ columns (public subnets
first, SUB-2) -> the VPC's bottom edge (gateway endpoints, peerings, endpoint services) ->
compact external nodes (S3/DynamoDB, peer VPCs, transit gateways, consumed services) and the
route-table legend. Each subnet shows the route table it uses as a small chip; the routes
are listed once in the legend, so there is no hairball of route edges.
"""

from __future__ import annotations

from ...model import Topology
from .az_order import choose_order
from .groups import AZ, PRIVATE_SUBNET, PUBLIC_SUBNET, VPC, AwsGroup
from .highlight import Highlighting, active
from .ids import gv_id
from .legend import route_table_legend
from .model_view import (
    alb_targets,
    is_public,
    lb_kind,
    lb_short,
    peer_summary,
    route_table_of,
    subnets_by_az,
)
from .nodes import PlainNode, SourceOnlyDiagram, chip_node, connect, icon_node, invisible
from .options import LayoutOptions
from .style import EDGE_EGRESS, EDGE_LINK, EDGE_PRIVATELINK, GRAPH_ATTR, NODE_ATTR, SERVICE_ICONS


def vpc_title(vpc) -> tuple[str, str]:
    title = vpc.label if vpc.label == vpc.id else f"{vpc.label} ({vpc.id})"
    parts = [", ".join(str(c) for c in vpc.all_cidrs)]
    parts += [p for p in (vpc.region, vpc.account) if p]
    return title, " \u00b7 ".join(p for p in parts if p)


def build_vpc_dot(topology: Topology, vpc_id: str, opts: LayoutOptions | None = None,
                  az_order: list[str] | None = None, highlight: Highlighting | None = None) -> str:
    """DOT source of one VPC's diagram (nothing is rendered here).

    ``az_order`` is the order the AZ boxes are *declared* in; see :mod:`.az_order` for how
    the renderer picks one that Graphviz lays out left to right by name. ``highlight``: diff
    highlighting (:mod:`.highlight`).
    """
    opts = opts or LayoutOptions()
    vpc = topology.get("vpc", vpc_id)
    if vpc is None:
        raise KeyError(f"no VPC {vpc_id!r} in the topology")
    igw_id = vpc.internet_gateway
    igw = topology.get("internet-gateway", igw_id) if igw_id else None
    azs = subnets_by_az(topology, vpc_id)
    lbs = topology.in_vpc(vpc_id, "load-balancer")
    ifes = topology.in_vpc(vpc_id, "interface-endpoint")
    atts = topology.attachments_of_vpc(vpc_id)
    nodes: dict[str, object] = {}
    graph_attr = opts.graph_attr(**GRAPH_ATTR, rankdir="TB")

    with SourceOnlyDiagram("", filename="vpcdocs", show=False, direction="TB", curvestyle="curved",
                           graph_attr=graph_attr, node_attr=NODE_ATTR, outformat="svg",
                           highlight=highlight) as diagram:
        inet = icon_node(gv_id("internet", vpc_id), "internet", "Internet", icon_px=36) if igw_id else None
        title, subtitle = vpc_title(vpc)
        with AwsGroup(VPC, gv_id("vpc", vpc_id), title, subtitle, of=("vpc", vpc_id)):
            # The one source node every AZ column hangs below, in AZ order: the internet
            # gateway on the VPC's top edge (below the title, so egress edges cross no text).
            if igw_id:
                top = icon_node(gv_id("igw", igw_id), "internet-gateway", igw.label if igw else igw_id,
                                "internet gateway", of=("internet-gateway", igw_id))
                connect(inet, top, dir="both", **EDGE_EGRESS)
            else:
                top = PlainNode("", nodeid=gv_id("top", vpc_id), shape="point", style="invis",
                                width="0", height="0")
            last_anchors, first_row = [], []
            # Declaration order is chosen by az_order.choose_order (Graphviz decides the
            # left-to-right order of sibling boxes; a test checks AZs read in name order).
            by_name = dict(azs)
            for az in az_order or [a for a, _ in azs]:
                subnets = by_name[az]
                az_id = next((s.az_id for s in subnets if s.az_id), "")
                with AwsGroup(AZ, gv_id("az", vpc_id, az), az or "AZ not set", az_id or ""):
                    prev = None
                    for subnet in subnets:
                        prev = _subnet_box(topology, subnet, prev, top, lbs, ifes, atts, nodes)
                        if az == azs[0][0] and not first_row:
                            first_row.append(prev)
                    last_anchors.append(prev)
            if not azs:  # keep the VPC box visible (Graphviz drops empty clusters)
                empty = chip_node(gv_id("empty", vpc_id), None, "no subnets")
                invisible(top, empty)
                first_row.append(empty)
                last_anchors.append(empty)
            if vpc.internet_gateway:
                _internet_edges(topology, vpc, top, first_row[0], nodes, opts)
            _vpc_edge_row(topology, vpc_id, last_anchors, nodes)

        _external(topology, vpc_id, nodes)
        if azs:  # route tables of a VPC without subnets serve nothing drawn
            legend = route_table_legend(gv_id("legend", vpc_id), topology, vpc_id)
            if legend is not None:
                invisible(last_anchors[0], legend)
    return diagram.dot.source


def _subnet_box(topology, subnet, prev, top, lbs, ifes, atts, nodes):
    public = is_public(topology, subnet.id)
    style = PUBLIC_SUBNET if public else PRIVATE_SUBNET
    detail = f"{subnet.cidr or ''} \u00b7 {'public' if public else 'private'}"
    current = active()
    with AwsGroup(style, gv_id("sn", subnet.id), subnet.label, detail, of=("subnet", subnet.id)):
        rt = route_table_of(topology, subnet.id)
        anchor = chip_node(gv_id("subnet", subnet.id), "route-table",
                           f"rt: {rt.label}" if rt else "no route table",
                           status=current.route_chip(topology, subnet.id) if current else None)
        members = [anchor]
        for nat in topology.in_vpc(subnet.vpc, "nat-gateway"):
            if nat.subnet == subnet.id:
                extra = "private NAT" if nat.connectivity == "private" else "NAT gateway"
                if not nat.usable:
                    extra += f" ({nat.state})"
                members.append(nodes.setdefault(gv_id("nat", nat.id), icon_node(
                    gv_id("nat", nat.id), "nat-gateway", nat.label, extra, icon_px=34,
                    of=("nat-gateway", nat.id))))
        for lb in lbs:
            if subnet.id in lb.subnets:
                nid = gv_id("lb", lb.id, subnet.id)
                members.append(nodes.setdefault(nid, icon_node(
                    nid, lb_kind(lb), lb.label, f"{lb.scheme} {lb_short(lb)}", icon_px=34,
                    of=("load-balancer", lb.id))))
        for ep in ifes:
            if subnet.id in ep.subnets:
                nid = gv_id("eni", ep.id, subnet.id)
                what = ep.endpoint_service or ep.service
                members.append(nodes.setdefault(nid, icon_node(
                    nid, "endpoint", ep.label, f"interface endpoint: {what}", icon_px=30,
                    of=("interface-endpoint", ep.id))))
        for att in atts:
            if subnet.id in att.subnets:
                nid = gv_id("tgweni", att.id, subnet.id)
                members.append(nodes.setdefault(nid, icon_node(
                    nid, "tgw-attachment", att.label, "TGW attachment", icon_px=30,
                    of=("tgw-attachment", att.id))))
    # Layout: stack the subnets of an AZ (previous row above), the top node above row one.
    for m in members:
        invisible(prev if prev is not None else top, m)
    nodes[anchor.nodeid] = anchor
    return anchor


def _internet_edges(topology, vpc, igw, first_anchor, nodes, opts):
    """IGW -> VPC box (IGW-1), NAT gateways -> IGW (egress), IGW -> internet-facing LBs.

    Which subnets are public (SUB-2) and which NAT each private subnet uses is shown by the
    subnet colours, route-table chips and the legend rather than one edge per subnet.
    """
    drawn = 0
    for nat in topology.in_vpc(vpc.id, "nat-gateway"):
        if nat.connectivity == "public" and nat.usable and gv_id("nat", nat.id) in nodes:  # NAT-1
            connect(nodes[gv_id("nat", nat.id)], igw, constraint="false", tailport="n", headport="s",
                    **EDGE_EGRESS)
            drawn += 1
    for lb in topology.in_vpc(vpc.id, "load-balancer"):
        if lb.scheme == "internet-facing":
            for sid in lb.subnets:
                if gv_id("lb", lb.id, sid) in nodes:
                    connect(igw, nodes[gv_id("lb", lb.id, sid)], constraint="false", tailport="s",
                            headport="n", **EDGE_EGRESS)
                    drawn += 1
    if not drawn:  # nothing else ties the IGW to the VPC: link it to the VPC box (IGW-1)
        connect(igw, first_anchor, **({"lhead": "cluster_" + gv_id("vpc", vpc.id)} if opts.compound else {}),
                **EDGE_EGRESS)


def _vpc_edge_row(topology, vpc_id, last_anchors, nodes):
    """Nodes on the VPC's bottom edge: gateway endpoints, peerings, endpoint services."""
    row = []
    for gwe in topology.in_vpc(vpc_id, "gateway-endpoint"):
        row.append(nodes.setdefault(gv_id("gwe", gwe.id), icon_node(
            gv_id("gwe", gwe.id), "endpoint", gwe.label, f"gateway endpoint: {gwe.service}", icon_px=34,
            of=("gateway-endpoint", gwe.id))))
    for pcx in topology.peerings_of(vpc_id):
        status = "" if pcx.active else f" ({pcx.status})"
        row.append(nodes.setdefault(gv_id("pcx", pcx.id), icon_node(
            gv_id("pcx", pcx.id), "peering", pcx.label, "VPC peering" + status, icon_px=34,
            of=("peering", pcx.id))))
    for svc in topology.endpoint_services:
        if svc.vpc == vpc_id:
            row.append(nodes.setdefault(gv_id("eps", svc.id), icon_node(
                gv_id("eps", svc.id), "privatelink", svc.label, "endpoint service", icon_px=34,
                of=("endpoint-service", svc.id))))
    for att in topology.attachments_of_vpc(vpc_id):
        if not att.subnets:  # an attachment with no subnet (linted elsewhere, TGW-2)
            row.append(nodes.setdefault(gv_id("tgweni", att.id, ""), icon_node(
                gv_id("tgweni", att.id, ""), "tgw-attachment", att.label, "TGW attachment", icon_px=30,
                of=("tgw-attachment", att.id))))
    anchors = [a for a in last_anchors if a is not None]
    if anchors:
        for n in row:
            invisible(anchors[-1], n)
    return row


def _external(topology, vpc_id, nodes):
    """Compact nodes outside the VPC box, and the edges that lead to them."""
    services = {}
    for gwe in topology.in_vpc(vpc_id, "gateway-endpoint"):
        icon = SERVICE_ICONS.get(gwe.service, "aws-service")
        svc = services.setdefault(gwe.service, icon_node(
            gv_id("service", gwe.service), icon, gwe.service, "AWS service", icon_px=34))
        connect(nodes[gv_id("gwe", gwe.id)], svc, **EDGE_LINK)
    for pcx in topology.peerings_of(vpc_id):
        other = pcx.other_side(vpc_id) or ""
        name, cidrs = peer_summary(topology, other)
        peer = nodes.setdefault(gv_id("peer", other), icon_node(
            gv_id("peer", other), "vpc", name, cidrs, "peer VPC", icon_px=30,
            of=[("vpc", other), ("external-vpc", other)]))
        connect(nodes[gv_id("pcx", pcx.id)], peer, dir="both", **EDGE_LINK)
    for att in topology.attachments_of_vpc(vpc_id):
        tgw = topology.get("transit-gateway", att.transit_gateway)
        tnode = nodes.setdefault(gv_id("tgw", att.transit_gateway), icon_node(
            gv_id("tgw", att.transit_gateway), "transit-gateway",
            tgw.label if tgw else att.transit_gateway, "transit gateway", icon_px=34,
            of=("transit-gateway", att.transit_gateway)))
        for sid in att.subnets or ("",):
            eni = nodes.get(gv_id("tgweni", att.id, sid))
            if eni is not None:
                connect(eni, tnode, dir="both", **EDGE_LINK)
    for ep in topology.in_vpc(vpc_id, "interface-endpoint"):
        if ep.endpoint_service:
            svc = topology.get("endpoint-service", ep.endpoint_service)
            where = f"PrivateLink service in {svc.vpc}" if svc and svc.vpc else "PrivateLink service"
            target = nodes.setdefault(gv_id("eps", ep.endpoint_service), icon_node(
                gv_id("eps", ep.endpoint_service), "privatelink",
                svc.label if svc else ep.endpoint_service, where, icon_px=30,
                of=("endpoint-service", ep.endpoint_service)))
            style = EDGE_PRIVATELINK
        else:
            target = nodes.setdefault(gv_id("service", ep.service or ep.id), icon_node(
                gv_id("service", ep.service or ep.id), "aws-service", ep.service or ep.id, "AWS service",
                icon_px=30))
            style = EDGE_LINK
        for sid in ep.subnets:
            eni = nodes.get(gv_id("eni", ep.id, sid))
            if eni is not None:
                connect(eni, target, **style)
    # PrivateLink provider side: endpoint service -> NLB -> ALB (EPS-1, EPS-5)
    for svc in topology.endpoint_services:
        if svc.vpc != vpc_id:
            continue
        for lb_id in svc.load_balancers:
            lb = topology.get("load-balancer", lb_id)
            for sid in lb.subnets if lb else ():
                connect(nodes[gv_id("eps", svc.id)], nodes[gv_id("lb", lb_id, sid)],
                        constraint="false", **EDGE_PRIVATELINK)
            for alb_id in alb_targets(topology, lb) if lb else ():
                alb = topology.get("load-balancer", alb_id)
                for sid in lb.subnets:
                    if alb and sid in alb.subnets and gv_id("lb", alb_id, sid) in nodes:
                        connect(nodes[gv_id("lb", lb_id, sid)], nodes[gv_id("lb", alb_id, sid)],
                                constraint="false", **EDGE_PRIVATELINK)


def vpc_dot_az_ordered(topology: Topology, vpc_id: str, opts: LayoutOptions | None = None,
                       highlight: Highlighting | None = None) -> str:
    """:func:`build_vpc_dot` with AZ boxes laid out left to right by name (see :mod:`.az_order`)."""
    azs = [az for az, _ in subnets_by_az(topology, vpc_id)]
    return choose_order(azs, lambda az: "cluster_" + gv_id("az", vpc_id, az),
                        lambda order: build_vpc_dot(topology, vpc_id, opts, order, highlight))
