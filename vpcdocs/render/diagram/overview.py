"""The overview diagram: every VPC as one box, and what connects them.

Left to right. Each VPC box (name, CIDRs, subnet count) holds its internet gateway and NAT
gateways, gateway endpoints, the consumer side of PrivateLink (interface endpoints to
endpoint services) and the provider side (endpoint service -> NLB -> ALB, EPS-1, EPS-5).
Between the boxes: peerings (labelled links), transit gateways with their attachments
(spokes alternate left and right of the hub so 30 VPCs stay legible), and shared service
nodes (S3, DynamoDB, the internet).
"""

from __future__ import annotations

from ...model import Topology
from .groups import VPC, AwsGroup
from .highlight import Highlighting
from .ids import gv_id
from .labels import edge_label
from .model_view import alb_targets, is_public, lb_kind, lb_short
from .nodes import SourceOnlyDiagram, chip_node, connect, icon_node
from .options import LayoutOptions
from .style import (
    EDGE_EGRESS,
    EDGE_LINK,
    EDGE_PEERING,
    EDGE_PRIVATELINK,
    GRAPH_ATTR,
    NODE_ATTR,
    SERVICE_ICONS,
)


def build_overview_dot(topology: Topology, opts: LayoutOptions | None = None,
                       highlight: Highlighting | None = None) -> str:
    """DOT source of the whole-topology overview (nothing is rendered here); ``highlight``:
    diff highlighting (:mod:`.highlight`)."""
    opts = opts or LayoutOptions()
    graph_attr = opts.graph_attr(**{**GRAPH_ATTR, "rankdir": "LR", "ranksep": "0.7", "nodesep": "0.3"})
    nodes: dict[str, object] = {}
    with SourceOnlyDiagram("", filename="vpcdocs", show=False, direction="LR", curvestyle="curved",
                           graph_attr=graph_attr, node_attr=NODE_ATTR, outformat="svg",
                           highlight=highlight) as diagram:
        # Graphviz 2.43 lays sibling clusters out in reverse declaration order.
        for vpc in reversed(topology.vpcs):
            _vpc_box(topology, vpc, nodes)
        _shared(topology, nodes, opts)
    return diagram.dot.source


def _vpc_box(topology, vpc, nodes):
    subnets = topology.subnets_of(vpc.id)
    public = sum(1 for s in subnets if is_public(topology, s.id))
    azs = len({s.az for s in subnets})
    cidrs = ", ".join(str(c) for c in vpc.cidrs[:3]) + (" \u2026" if len(vpc.cidrs) > 3 else "")
    title = vpc.label if vpc.label == vpc.id else f"{vpc.label} ({vpc.id})"
    with AwsGroup(VPC, gv_id("vpc", vpc.id), title, cidrs, of=("vpc", vpc.id)):
        nodes[gv_id("vpcnode", vpc.id)] = chip_node(
            gv_id("vpcnode", vpc.id), None,
            f"{len(subnets)} subnets ({public} public) \u00b7 {azs} AZ" + ("s" if azs != 1 else ""))
        igw = None
        if vpc.internet_gateway:
            igw = nodes[gv_id("igw", vpc.internet_gateway)] = icon_node(
                gv_id("igw", vpc.internet_gateway), "internet-gateway", vpc.internet_gateway,
                "internet gateway", icon_px=30, size=9, of=("internet-gateway", vpc.internet_gateway))
        nats = topology.in_vpc(vpc.id, "nat-gateway")
        if nats:
            nat = nodes[gv_id("nats", vpc.id)] = icon_node(
                gv_id("nats", vpc.id), "nat-gateway", f"{len(nats)} NAT gateway" + ("s" if len(nats) > 1 else ""),
                ", ".join(n.id for n in nats[:3]), icon_px=30, size=9)
            if igw is not None and any(n.connectivity == "public" and n.usable for n in nats):
                connect(nat, igw, **EDGE_EGRESS)  # internet egress through a public NAT (NAT-1)
        for gwe in topology.in_vpc(vpc.id, "gateway-endpoint"):
            nodes[gv_id("gwe", gwe.id)] = icon_node(gv_id("gwe", gwe.id), "endpoint", gwe.label,
                                                    f"gateway endpoint: {gwe.service}", icon_px=28, size=9,
                                                    of=("gateway-endpoint", gwe.id))
        aws_ifes = []
        for ep in topology.in_vpc(vpc.id, "interface-endpoint"):
            if ep.endpoint_service:
                nodes[gv_id("ife", ep.id)] = icon_node(gv_id("ife", ep.id), "endpoint", ep.label,
                                                       "interface endpoint", icon_px=28, size=9,
                                                       of=("interface-endpoint", ep.id))
            else:
                aws_ifes.append(ep)
        if aws_ifes:
            nodes[gv_id("ifes", vpc.id)] = icon_node(
                gv_id("ifes", vpc.id), "endpoint", f"{len(aws_ifes)} interface endpoint(s)",
                ", ".join(sorted({e.service for e in aws_ifes}))[:40], icon_px=28, size=9)
        for svc in topology.endpoint_services:
            if svc.vpc != vpc.id:
                continue
            nodes[gv_id("eps", svc.id)] = icon_node(gv_id("eps", svc.id), "privatelink", svc.label,
                                                    "endpoint service", icon_px=30, size=9,
                                                    of=("endpoint-service", svc.id))
            for lb_id in svc.load_balancers:
                lb = topology.get("load-balancer", lb_id)
                if lb is None:
                    continue
                nlb = nodes.setdefault(gv_id("lb", lb.id), icon_node(
                    gv_id("lb", lb.id), lb_kind(lb), lb.label, f"{lb.scheme} {lb_short(lb)}", icon_px=28, size=9,
                    of=("load-balancer", lb.id)))
                connect(nodes[gv_id("eps", svc.id)], nlb, **EDGE_PRIVATELINK)
                for alb_id in alb_targets(topology, lb):
                    alb = topology.get("load-balancer", alb_id)
                    target = nodes.setdefault(gv_id("lb", alb_id), icon_node(
                        gv_id("lb", alb_id), lb_kind(alb), alb.label, f"{alb.scheme} {lb_short(alb)}",
                        icon_px=28, size=9, of=("load-balancer", alb_id)))
                    connect(nlb, target, **EDGE_PRIVATELINK)


def _shared(topology, nodes, opts):
    """Nodes outside the VPC boxes and the links between boxes."""
    def box_edge(a_vpc, b_node, **attrs):
        if opts.compound:
            attrs["ltail"] = "cluster_" + gv_id("vpc", a_vpc)
        connect(nodes[gv_id("vpcnode", a_vpc)], b_node, **attrs)

    # VPCs left of their transit gateway get their own copy of the shared nodes (internet,
    # S3, DynamoDB) on the far left, so no edge has to cross the hub.
    left = set()
    for tgw in topology.transit_gateways:
        left |= {a.vpc for i, a in enumerate(topology.attachments_of_tgw(tgw.id)) if i % 2 == 0 and a.vpc}
    shared: dict[str, object] = {}

    def shared_node(key: str, icon: str, title: str, detail: str, vpc_id: str):
        nid = gv_id("service", key, "left") if vpc_id in left else gv_id("service", key)
        if nid not in shared:
            shared[nid] = icon_node(nid, icon, title, detail, icon_px=34)
        return shared[nid]

    def to_shared(a, b, vpc_id, **attrs):
        if vpc_id in left:  # reversed edge keeps the shared node left of the VPC (rank order)
            attrs["dir"] = {"forward": "back", "both": "both"}.get(attrs.get("dir", "forward"), "back")
            connect(b, a, **attrs)
        else:
            connect(a, b, **attrs)

    for vpc in topology.vpcs:
        if vpc.internet_gateway:
            internet = shared_node("internet", "internet", "Internet", "", vpc.id)
            to_shared(nodes[gv_id("igw", vpc.internet_gateway)], internet, vpc.id, dir="both", **EDGE_EGRESS)
    for gwe in topology.gateway_endpoints:
        svc = shared_node(gwe.service, SERVICE_ICONS.get(gwe.service, "aws-service"), gwe.service,
                          "AWS service", gwe.vpc)
        to_shared(nodes[gv_id("gwe", gwe.id)], svc, gwe.vpc, **EDGE_LINK)
    for ext in topology.external_vpcs:
        nodes[gv_id("peer", ext.id)] = icon_node(
            gv_id("peer", ext.id), "vpc", ext.label, ", ".join(str(c) for c in ext.cidrs[:2]),
            " \u00b7 ".join(p for p in (ext.account, ext.region) if p) or "external VPC", icon_px=28, size=9,
            of=[("vpc", ext.id), ("external-vpc", ext.id)])
    for pcx in topology.peerings:
        a, b = pcx.requester, pcx.accepter
        attrs = dict(EDGE_PEERING, dir="both", id=gv_id("edgepcx", pcx.id))
        if not pcx.active:
            attrs["style"] = "dashed"
        if opts.edge_labels:
            attrs["xlabel"] = edge_label(pcx.label + ("" if pcx.active else f" ({pcx.status})"))
        if gv_id("vpcnode", b) in nodes:
            if opts.compound:
                attrs["lhead"] = "cluster_" + gv_id("vpc", b)
            target = nodes[gv_id("vpcnode", b)]
        else:
            target = nodes.get(gv_id("peer", b))
        if target is not None and gv_id("vpcnode", a) in nodes:
            box_edge(a, target, of=("peering", pcx.id), **attrs)
    for tgw in topology.transit_gateways:
        tnode = nodes[gv_id("tgw", tgw.id)] = icon_node(
            gv_id("tgw", tgw.id), "transit-gateway", tgw.label,
            "transit gateway" + (f" \u00b7 ASN {tgw.asn}" if tgw.asn else ""), icon_px=40,
            of=("transit-gateway", tgw.id))
        for i, att in enumerate(topology.attachments_of_tgw(tgw.id)):
            attrs = dict(EDGE_LINK, dir="both", id=gv_id("edgeatt", att.id))
            if opts.edge_labels and att.type != "vpc":
                attrs["xlabel"] = edge_label(att.label)
            if att.type == "vpc" and att.vpc and gv_id("vpcnode", att.vpc) in nodes:
                # Spokes alternate sides of the hub: half the VPCs left, half right.
                if i % 2 == 0:
                    box_edge(att.vpc, tnode, of=("tgw-attachment", att.id), **attrs)
                else:
                    if opts.compound:
                        attrs["lhead"] = "cluster_" + gv_id("vpc", att.vpc)
                    connect(tnode, nodes[gv_id("vpcnode", att.vpc)], of=("tgw-attachment", att.id), **attrs)
            elif att.type == "peering" and att.peer_transit_gateway:
                peer = nodes.get(gv_id("tgw", att.peer_transit_gateway)) or icon_node(
                    gv_id("tgw", att.peer_transit_gateway), "transit-gateway", att.peer_transit_gateway,
                    "peer transit gateway", icon_px=30, of=("transit-gateway", att.peer_transit_gateway))
                nodes[gv_id("tgw", att.peer_transit_gateway)] = peer
                connect(tnode, peer, of=("tgw-attachment", att.id), **attrs)
            elif att.type in ("vpn", "direct-connect", "connect"):
                icon = "direct-connect" if att.type == "direct-connect" else "vpn"
                far = icon_node(gv_id("tgwatt", att.id), icon, att.label,
                                ", ".join(str(c) for c in att.cidrs[:2]) or att.type, icon_px=28, size=9,
                                of=("tgw-attachment", att.id))
                connect(far, tnode, of=("tgw-attachment", att.id), **attrs)
    for ep in topology.interface_endpoints:
        if ep.endpoint_service and gv_id("eps", ep.endpoint_service) in nodes:
            connect(nodes[gv_id("ife", ep.id)], nodes[gv_id("eps", ep.endpoint_service)],
                    id=gv_id("edgepl", ep.id), of=("interface-endpoint", ep.id), **EDGE_PRIVATELINK)
