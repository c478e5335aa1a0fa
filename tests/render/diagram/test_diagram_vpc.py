"""Per-VPC diagrams of the shipped examples: everything a reader expects is drawn."""

from __future__ import annotations

import pytest
from diagram_svg import cluster_box, cluster_ids, cluster_stroke, edges, node_ids, texts

from vpcdocs.render.diagram import render_vpc
from vpcdocs.render.diagram.ids import gv_id
from vpcdocs.render.diagram.model_view import route_table_of


@pytest.fixture(scope="module")
def vpc_svgs(shipped):
    return {v.id: render_vpc(shipped, v.id) for v in shipped.vpcs}


def _public(topology, subnet_id):  # SUB-2, computed independently of the renderer
    rt = route_table_of(topology, subnet_id)
    return bool(rt) and any(r.target_kind == "internet-gateway" for r in rt.routes)


def test_every_subnet_is_a_box_in_its_az_in_its_vpc(shipped, vpc_svgs):
    for vpc in shipped.vpcs:
        svg = vpc_svgs[vpc.id]
        clusters = cluster_ids(svg)
        assert "cluster_" + gv_id("vpc", vpc.id) in clusters
        for s in shipped.subnets_of(vpc.id):
            name = "cluster_" + gv_id("sn", s.id)
            assert name in clusters, (vpc.id, s.id)
            assert "cluster_" + gv_id("az", vpc.id, s.az) in clusters
            inner, outer = cluster_box(svg, name), cluster_box(svg, "cluster_" + gv_id("az", vpc.id, s.az))
            assert outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]
            # AWS group colours: public subnet green, private teal (SUB-2)
            assert cluster_stroke(svg, name) == ("#7aa116" if _public(shipped, s.id) else "#00a4a6")
        assert cluster_stroke(svg, "cluster_" + gv_id("vpc", vpc.id)) == "#8c4fff"


def test_subnet_boxes_show_name_and_cidr(shipped, vpc_svgs):
    for vpc in shipped.vpcs:
        words = texts(vpc_svgs[vpc.id])
        for s in shipped.subnets_of(vpc.id):
            assert s.label in words
            assert any(str(s.cidr) in w for w in words)


def test_gateways_endpoints_and_load_balancers_are_drawn(shipped, vpc_svgs):
    seen = 0
    for vpc in shipped.vpcs:
        nodes = node_ids(vpc_svgs[vpc.id])
        expected = set()
        if vpc.internet_gateway:
            expected.add(gv_id("igw", vpc.internet_gateway))
        expected |= {gv_id("nat", n.id) for n in shipped.in_vpc(vpc.id, "nat-gateway")}
        expected |= {gv_id("gwe", e.id) for e in shipped.in_vpc(vpc.id, "gateway-endpoint")}
        for e in shipped.in_vpc(vpc.id, "interface-endpoint"):
            expected |= {gv_id("eni", e.id, s) for s in e.subnets}  # one ENI per subnet (IFE-1)
        for lb in shipped.in_vpc(vpc.id, "load-balancer"):
            expected |= {gv_id("lb", lb.id, s) for s in lb.subnets}
        for att in shipped.attachments_of_vpc(vpc.id):
            expected |= {gv_id("tgweni", att.id, s) for s in att.subnets}
            expected.add(gv_id("tgw", att.transit_gateway))
        expected |= {gv_id("pcx", p.id) for p in shipped.peerings_of(vpc.id)}
        assert expected <= nodes, (vpc.id, expected - nodes)
        seen += len(expected)
    assert seen > 20  # the examples do exercise all of this


def test_expected_edges(shipped, vpc_svgs):
    for vpc in shipped.vpcs:
        drawn = edges(vpc_svgs[vpc.id])
        for gwe in shipped.in_vpc(vpc.id, "gateway-endpoint"):
            assert (gv_id("gwe", gwe.id), gv_id("service", gwe.service)) in drawn
        for pcx in shipped.peerings_of(vpc.id):
            assert (gv_id("pcx", pcx.id), gv_id("peer", pcx.other_side(vpc.id))) in drawn
        if vpc.internet_gateway:
            igw = gv_id("igw", vpc.internet_gateway)
            assert (gv_id("internet", vpc.id), igw) in drawn
            for nat in shipped.in_vpc(vpc.id, "nat-gateway"):  # egress: usable public NAT -> IGW
                assert (gv_id("nat", nat.id), igw) in drawn
            for lb in shipped.in_vpc(vpc.id, "load-balancer"):
                if lb.scheme == "internet-facing":
                    assert {(igw, gv_id("lb", lb.id, s)) for s in lb.subnets} <= drawn
            assert any(e[0] == igw or e[1] == igw for e in drawn - {(gv_id("internet", vpc.id), igw)})
        # Routes are not drawn per subnet (no hairball): each subnet shows its table as a chip.
        assert not [e for e in drawn if e[0].startswith("subnet_") and e[1].startswith("nat_")]
        for e in shipped.in_vpc(vpc.id, "interface-endpoint"):
            target = gv_id("eps", e.endpoint_service) if e.endpoint_service else gv_id("service", e.service)
            for s in e.subnets:
                assert (gv_id("eni", e.id, s), target) in drawn


def test_privatelink_provider_chain(shipped, vpc_svgs):
    """§6.3: endpoint service -> NLB -> ALB inside the provider VPC."""
    svc = shipped.get("endpoint-service", "orders-svc")
    drawn = edges(vpc_svgs[svc.vpc])
    nlb = shipped.get("load-balancer", svc.load_balancers[0])
    sub = nlb.subnets[0]
    assert (gv_id("eps", svc.id), gv_id("lb", nlb.id, sub)) in drawn
    assert (gv_id("lb", nlb.id, sub), gv_id("lb", "orders-alb", sub)) in drawn


def test_route_tables_are_a_legend_not_edges(shipped, vpc_svgs):
    svg = vpc_svgs["vpc-a"]
    words = " ".join(texts(svg))
    for s in shipped.subnets_of("vpc-a"):  # every subnet names the table it uses
        assert f"rt: {route_table_of(shipped, s.id).label}" in words
    assert "Route tables" in words
    for rt in shipped.route_tables_of("vpc-a"):
        assert rt.label in words
        for r in rt.routes:
            if r.target_kind != "local":
                assert f"{r.destination} \u2192 {r.target}" in words
    # no edge ends at a route table: routes are listed, not drawn
    assert not [e for e in edges(svg) if "legend" in e[0] or "legend" in e[1]]


def test_azs_read_left_to_right_in_name_order(shipped, vpc_svgs):
    for vpc in shipped.vpcs:
        azs = sorted({s.az for s in shipped.subnets_of(vpc.id)})
        lefts = [cluster_box(vpc_svgs[vpc.id], "cluster_" + gv_id("az", vpc.id, az))[0] for az in azs]
        assert lefts == sorted(lefts), (vpc.id, azs, lefts)


def test_public_subnets_sit_above_private_ones(shipped, vpc_svgs):
    svg = vpc_svgs["vpc-a"]
    for az in ("us-east-1a", "us-east-1b"):
        subs = [s for s in shipped.subnets_of("vpc-a") if s.az == az]
        tops = {_public(shipped, s.id): cluster_box(svg, "cluster_" + gv_id("sn", s.id))[1] for s in subs}
        assert tops[True] < tops[False]


def test_unknown_vpc_is_a_clear_error(shipped):
    with pytest.raises(KeyError, match="no VPC"):
        render_vpc(shipped, "vpc-does-not-exist")


def test_three_azs_by_six_subnets_stay_legible():
    """A 3 AZ x 6 subnet VPC: three side-by-side AZ columns of stacked, non-overlapping boxes."""
    from diagram_specs import big_vpc_spec, load

    topo = load(big_vpc_spec(3, 6))
    svg = render_vpc(topo, "vpc-big")
    azs = ["us-east-1a", "us-east-1b", "us-east-1c"]
    cols = [cluster_box(svg, "cluster_" + gv_id("az", "vpc-big", az)) for az in azs]
    assert cols[0][2] <= cols[1][0] and cols[1][2] <= cols[2][0]  # side by side, in order
    for az, col in zip(azs, cols):
        boxes = sorted(cluster_box(svg, "cluster_" + gv_id("sn", s.id))
                       for s in topo.subnets_of("vpc-big") if s.az == az)
        assert len(boxes) == 6
        tops = sorted(b[1] for b in boxes)
        by_top = sorted(boxes, key=lambda b: b[1])
        for upper, lower in zip(by_top, by_top[1:]):
            assert upper[3] <= lower[1]  # stacked, no overlap
        assert tops[0] >= col[1]
    words = texts(svg)
    assert all(s.label in words for s in topo.subnets_of("vpc-big"))
    assert "Route tables" in " ".join(words)
    w = cols[2][2] - cols[0][0]
    h = max(c[3] for c in cols) - min(c[1] for c in cols)
    assert 0.4 < w / h < 3  # a page, not a strip
