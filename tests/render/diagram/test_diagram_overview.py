"""The overview: every VPC one box, and the links between them."""

from __future__ import annotations

import pytest
from diagram_svg import cluster_ids, edge_ids, edges, node_ids, texts

from vpcdocs.render.diagram import render_overview
from vpcdocs.render.diagram.ids import gv_id


@pytest.fixture(scope="module")
def overview(shipped):
    return render_overview(shipped)


def test_every_vpc_is_one_box_with_cidr_and_subnet_count(shipped, overview):
    clusters = cluster_ids(overview)
    words = texts(overview)
    for vpc in shipped.vpcs:
        assert "cluster_" + gv_id("vpc", vpc.id) in clusters
        assert any(str(vpc.primary_cidr) in w for w in words)
        n = len(shipped.subnets_of(vpc.id))
        assert any(w.startswith(f"{n} subnets") for w in words), vpc.id
    # no subnet boxes in the overview: it stays one box per VPC
    assert not [c for c in clusters if c.startswith("cluster_sn_")]


def test_peerings_are_labelled_links_between_vpc_boxes(shipped, overview):
    drawn = edges(overview)
    words = texts(overview)
    assert shipped.peerings
    for pcx in shipped.peerings:
        assert (gv_id("vpcnode", pcx.requester), gv_id("vpcnode", pcx.accepter)) in drawn
        assert gv_id("edgepcx", pcx.id) in edge_ids(overview)
        assert pcx.label in words


def test_transit_gateway_attachments(shipped, overview):
    drawn = {frozenset(e) for e in edges(overview)}
    assert shipped.tgw_attachments
    for att in shipped.tgw_attachments:
        if att.type == "vpc":
            assert frozenset((gv_id("vpcnode", att.vpc), gv_id("tgw", att.transit_gateway))) in drawn


def test_privatelink_path_consumer_to_alb(shipped, overview):
    """§6.3: consumer interface endpoint -> endpoint service -> NLB -> ALB."""
    drawn = edges(overview)
    ep = shipped.get("interface-endpoint", "orders-api")
    svc = shipped.get("endpoint-service", ep.endpoint_service)
    nlb = svc.load_balancers[0]
    path = [gv_id("ife", ep.id), gv_id("eps", svc.id), gv_id("lb", nlb), gv_id("lb", "orders-alb")]
    for a, b in zip(path, path[1:]):
        assert (a, b) in drawn


def _linked(drawn, a, b_prefix):
    """An edge between node ``a`` and a node whose id is ``b_prefix`` (optionally + side)."""
    return any((x == a and (y == b_prefix or y.startswith(b_prefix + "_Z")))
               or (y == a and (x == b_prefix or x.startswith(b_prefix + "_Z"))) for x, y in drawn)


def test_gateway_endpoints_and_egress(shipped, overview):
    drawn = edges(overview)
    for gwe in shipped.gateway_endpoints:
        assert _linked(drawn, gv_id("gwe", gwe.id), gv_id("service", gwe.service))
    for vpc in shipped.vpcs:
        if vpc.internet_gateway:
            assert _linked(drawn, gv_id("igw", vpc.internet_gateway), gv_id("service", "internet"))
            if shipped.in_vpc(vpc.id, "nat-gateway"):
                assert (gv_id("nats", vpc.id), gv_id("igw", vpc.internet_gateway)) in drawn


def test_nodes_sit_in_their_vpc_box(shipped, overview):
    nodes = node_ids(overview)
    for gwe in shipped.gateway_endpoints:
        assert gv_id("gwe", gwe.id) in nodes
    for tgw in shipped.transit_gateways:
        assert gv_id("tgw", tgw.id) in nodes


def test_thirty_vpcs_stay_legible():
    """Hub and spoke at 30 VPCs: spokes split left and right of the hub, boxes never overlap."""
    from diagram_specs import load, many_vpcs_spec
    from diagram_svg import cluster_box

    topo = load(many_vpcs_spec(30))
    svg = render_overview(topo)
    boxes = [cluster_box(svg, "cluster_" + gv_id("vpc", v.id)) for v in topo.vpcs]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    hub = groups_x(svg, gv_id("tgw", "tgw-hub"))
    left = sum(1 for b in boxes if b[2] < hub)
    right = sum(1 for b in boxes if b[0] > hub)
    assert left + right == 30 and abs(left - right) <= 2
    # width/height stays a page, not a 30-box strip
    x0, y0, x1, y1 = min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
    assert (y1 - y0) / (x1 - x0) < 4


def groups_x(svg, node_id):
    from diagram_svg import SVG, groups

    g = groups(__import__("diagram_svg").parse(svg), "node")[node_id]
    xs = [float(t.get("x")) for t in g.iter(SVG + "text")]
    return sum(xs) / len(xs)


def test_arrows_point_at_the_service_on_both_sides_of_the_hub():
    """Spokes left of the hub get their own S3 node on the far left (reversed for layout);
    the arrowhead must still point from the endpoint to the service."""
    from diagram_specs import load, many_vpcs_spec
    from diagram_svg import SVG, groups, parse

    svg = render_overview(load(many_vpcs_spec(30)))
    root = parse(svg)
    nodes = groups(root, "node")

    def centre(g):
        pts = [(float(t.get("x")), float(t.get("y"))) for t in g.iter(SVG + "text")]
        return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)

    checked = 0
    for title, g in groups(root, "edge").items():
        a, _, b = title.partition("->")
        if not (a.startswith("service_s3") or b.startswith("service_s3")):
            continue
        svc, gwe = (a, b) if a.startswith("service_") else (b, a)
        heads = g.findall(SVG + "polygon")
        assert len(heads) == 1, title  # one arrowhead, not two
        pts = [tuple(map(float, p.split(","))) for p in heads[0].get("points").split()]
        hx, hy = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        (sx, sy), (ex, ey) = centre(nodes[svc]), centre(nodes[gwe])
        assert (hx - sx) ** 2 + (hy - sy) ** 2 < (hx - ex) ** 2 + (hy - ey) ** 2, title
        checked += 1
    assert checked == 10  # every third of 30 VPCs has an S3 endpoint
