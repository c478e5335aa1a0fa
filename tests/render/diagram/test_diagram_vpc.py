"""Per-VPC diagrams as AWS reference architectures draw them (issue 13 item 2)."""

from __future__ import annotations

import pytest
from diagram_specs import big_vpc_spec, load, tiered_vpc_spec
from diagram_svg import SVG, cluster_box, cluster_ids, cluster_stroke, edges, groups, node_ids, parse, texts

from vpcdocs.render.diagram import render_vpc
from vpcdocs.render.diagram.ids import gv_id
from vpcdocs.routing import dataplane


@pytest.fixture(scope="module")
def vpc_svgs(shipped):
    return {v.id: render_vpc(shipped, v.id) for v in shipped.vpcs}


@pytest.fixture(scope="module")
def tiered():
    topo = load(tiered_vpc_spec())
    return topo, render_vpc(topo, "vpc-tiers"), render_vpc(topo, "vpc-tiers", routes=True)


def _public(topology, subnet_id):  # SUB-2, read from the routes, independently of the renderer
    table = dataplane(topology).subnet_routes(subnet_id)
    return table is not None and any(r.target_type == "internet-gateway" and r.active for r in table.routes)


def node_box(svg: bytes, node: str) -> tuple[float, float, float, float]:
    """Bounding box of a node's drawn parts (texts are approximated by their anchor)."""
    g = groups(parse(svg), "node")[node]
    xs, ys = [], []
    for el in g.iter():
        if el.tag == SVG + "use":
            x, y = float(el.get("x")), float(el.get("y"))
            xs += [x, x + float(el.get("width"))]
            ys += [y, y + float(el.get("height"))]
        elif el.tag in (SVG + "polygon",) or (el.tag == SVG + "path" and el.get("d")):
            import re

            nums = [float(n) for n in re.findall(r"-?[0-9.]+", el.get("points") or el.get("d"))]
            xs += nums[::2]
            ys += nums[1::2]
        elif el.tag == SVG + "text":
            xs.append(float(el.get("x")))
            ys.append(float(el.get("y")))
    return min(xs), min(ys), max(xs), max(ys)


def test_every_subnet_is_a_box_in_its_az_in_its_vpc(shipped, vpc_svgs):
    for vpc in shipped.vpcs:
        svg = vpc_svgs[vpc.id]
        clusters = cluster_ids(svg)
        assert "cluster_" + gv_id("vpc", vpc.id) in clusters
        for s in shipped.subnets_of(vpc.id):
            name = "cluster_" + gv_id("sn", s.id)
            inner, outer = cluster_box(svg, name), cluster_box(svg, "cluster_" + gv_id("az", vpc.id, s.az))
            assert outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]
            # AWS group colours: public subnet green, private teal (SUB-2)
            assert cluster_stroke(svg, name) == ("#7aa116" if _public(shipped, s.id) else "#00a4a6")
        assert cluster_stroke(svg, "cluster_" + gv_id("vpc", vpc.id)) == "#8c4fff"


def test_subnet_boxes_show_name_cidr_class_and_route_table(shipped, vpc_svgs):
    dp = dataplane(shipped)
    for vpc in shipped.vpcs:
        words = texts(vpc_svgs[vpc.id])
        for s in shipped.subnets_of(vpc.id):
            assert s.label in words
            cidrs = [str(s.cidr)] + ([str(s.ipv6_cidr)] if s.ipv6_cidr else [])  # dual-stack: both
            assert " \u00b7 ".join([*cidrs, dp.subnet_class(s.id)]) in words
            table = shipped.get("route-table", dp.subnet_table(s.id))
            assert any(w.startswith(f"rt: {table.label}") for w in words)


def test_tiers_are_rows_in_network_order_and_azs_are_columns(tiered):
    topo, svg, _ = tiered
    order = ["web", "app", "cache", "db", "vault", "tgw"]  # public, private (data last), isolated, TGW
    tops = {}
    for tier in order:
        boxes = [cluster_box(svg, "cluster_" + gv_id("sn", f"{tier}-{az}")) for az in "abc"]
        assert len({round(b[1], 1) for b in boxes}) == 1, tier  # one row: same top ...
        assert len({round(b[2] - b[0], 1) for b in boxes}) == 1, tier  # ... same width
        assert len({round(b[3] - b[1], 1) for b in boxes}) == 1, tier  # ... same height
        assert [b[0] for b in boxes] == sorted(b[0] for b in boxes)  # AZ a, b, c left to right
        tops[tier] = boxes[0][1]
    assert [tops[t] for t in order] == sorted(tops.values())
    widths = {round(cluster_box(svg, c)[2] - cluster_box(svg, c)[0], 1)
              for c in cluster_ids(svg) if c.startswith("cluster_sn_")}
    assert len(widths) == 1  # every subnet box has the same width


def test_internet_and_vpn_gateways_sit_on_the_vpc_border_facing_outside(tiered):
    topo, svg, _ = tiered
    vpc = cluster_box(svg, "cluster_" + gv_id("vpc", "vpc-tiers"))
    igw = node_box(svg, gv_id("igw", "igw-tiers"))
    assert igw[1] < vpc[1] < igw[3]  # straddles the top edge
    internet = node_box(svg, gv_id("internet", "vpc-tiers"))
    assert internet[3] < vpc[1]  # the internet is above it
    for node, far in ((gv_id("vgw", "vgw-tiers"), gv_id("onprem", "vgw-tiers")),
                      (gv_id("pcx", "pcx-tiers-peer"), gv_id("peer", "vpc-peer")),
                      (gv_id("att", "att-tiers"), gv_id("tgw", "tgw-core")),
                      (gv_id("gwe", "s3-gw"), gv_id("service", "s3"))):
        box, out = node_box(svg, node), node_box(svg, far)
        on_bottom = box[1] < vpc[3] < box[3]
        on_right = box[0] < vpc[2] < box[2]
        assert on_bottom or on_right, node
        assert (out[1] > vpc[3]) if on_bottom else (out[0] > vpc[2]), node  # facing its outside node
        assert (node, far) in edges(svg) or (far, node) in edges(svg)


def test_one_load_balancer_spans_its_subnets(tiered):
    topo, svg, _ = tiered
    nodes = node_ids(svg)
    assert gv_id("lb", "web-alb") in nodes and gv_id("lb", "app-nlb") in nodes
    assert not [n for n in nodes if n.startswith(gv_id("lb", "web-alb") + "_Z")]  # not one per subnet
    bar = node_box(svg, gv_id("lb", "web-alb"))
    first, last = cluster_box(svg, "cluster_" + gv_id("sn", "web-a")), cluster_box(svg, "cluster_" + gv_id("sn", "web-c"))
    assert bar[0] < first[2] and bar[2] > last[0]  # from the first member subnet to the last
    assert first[1] < bar[1] and bar[3] < first[3]  # inside the row


def test_security_groups_and_network_acls_are_named(tiered):
    _topo, svg, _ = tiered
    words = texts(svg)
    assert "sg: web" in words and "sg: app, web" in words and "sg: db" in words
    assert "rt: rt-web \u00b7 acl: acl-web" in words
    assert "rt: rt-app-a \u00b7 acl: default" in words  # the VPC's default NACL (NACL-6)
    assert {"web-1", "app-1", "eni-db", "10.60.9.10"} <= set(words)


def test_no_nacl_clutter_when_a_vpc_declares_none(vpc_svgs):
    assert not [w for w in texts(vpc_svgs["vpc-a"]) if "acl:" in w]


def test_gateways_endpoints_and_attachments_are_drawn(shipped, vpc_svgs):
    seen = 0
    for vpc in shipped.vpcs:
        nodes = node_ids(vpc_svgs[vpc.id])
        expected = set()
        if vpc.internet_gateway:
            expected |= {gv_id("igw", vpc.internet_gateway), gv_id("internet", vpc.id)}
        expected |= {gv_id("nat", n.id) for n in shipped.in_vpc(vpc.id, "nat-gateway")}
        expected |= {gv_id("gwe", e.id) for e in shipped.in_vpc(vpc.id, "gateway-endpoint")}
        for e in shipped.in_vpc(vpc.id, "interface-endpoint"):
            expected |= {gv_id("eni", e.id, s) for s in e.subnets} | {gv_id("ife", e.id)}  # an ENI per subnet
        expected |= {gv_id("lb", lb.id) for lb in shipped.in_vpc(vpc.id, "load-balancer")}
        for att in shipped.attachments_of_vpc(vpc.id):
            expected |= {gv_id("tgweni", att.id, s) for s in att.subnets}
            expected |= {gv_id("att", att.id), gv_id("tgw", att.transit_gateway)}
        expected |= {gv_id("pcx", p.id) for p in shipped.peerings_of(vpc.id)}
        assert expected <= nodes, (vpc.id, expected - nodes)
        seen += len(expected)
    assert seen > 30


def test_border_items_lead_to_what_they_connect(shipped, vpc_svgs):
    for vpc in shipped.vpcs:
        drawn = edges(vpc_svgs[vpc.id])
        for gwe in shipped.in_vpc(vpc.id, "gateway-endpoint"):
            assert (gv_id("gwe", gwe.id), gv_id("service", gwe.service)) in drawn
        for pcx in shipped.peerings_of(vpc.id):
            assert (gv_id("pcx", pcx.id), gv_id("peer", pcx.other_side(vpc.id))) in drawn
        for att in shipped.attachments_of_vpc(vpc.id):
            assert (gv_id("att", att.id), gv_id("tgw", att.transit_gateway)) in drawn
        if vpc.internet_gateway:
            assert (gv_id("igw", vpc.internet_gateway), gv_id("internet", vpc.id)) in drawn
        # without the routes layer, no subnet draws route arrows
        assert not [e for e in drawn if e[0].startswith("rtrow_")]


def test_privatelink_provider_chain(shipped, vpc_svgs):
    """EPS-1, EPS-5: endpoint service -> NLB -> ALB inside the provider VPC."""
    svc = shipped.get("endpoint-service", "orders-svc")
    drawn = edges(vpc_svgs[svc.vpc])
    nlb = svc.load_balancers[0]
    assert (gv_id("eps", svc.id), gv_id("lb", nlb)) in drawn
    assert (gv_id("lb", nlb), gv_id("lb", "orders-alb")) in drawn


def test_routes_layer_draws_each_subnets_routes_to_their_targets(shipped):
    svg = render_vpc(shipped, "vpc-a", routes=True)
    drawn = edges(svg)
    words = texts(svg)
    dp = dataplane(shipped)
    expected_targets = {"nat-gateway": "nat", "vpc-peering": "pcx", "gateway-endpoint": "gwe",
                        "internet-gateway": "igw"}
    for s in shipped.subnets_of("vpc-a"):
        for r in dp.subnet_routes(s.id).routes:
            if r.origin == "local":
                continue
            tag = expected_targets[r.target_type]
            assert (gv_id("rtrow", s.id, r.target), gv_id(tag, r.target)) in drawn, (s.id, r.target)
    # rows are labelled with their destinations (prefix lists by service)
    assert {"0.0.0.0/0", "10.1.0.0/16", "10.2.0.0/16", "pl (s3)", "pl (dynamodb)"} <= set(words)


def test_routes_layer_marks_blackholes(shipped):
    from diagram_specs import KITCHEN_SINK

    topo = load(KITCHEN_SINK.replace("nat-hub: {subnet: hub-pub-1a}", "nat-hub: {subnet: hub-pub-1a, state: deleted}"))
    svg = render_vpc(topo, "hub", routes=True)
    assert "0.0.0.0/0 (blackhole)" in texts(svg)
    line = next(g for t, g in groups(parse(svg), "edge").items() if t.startswith(gv_id("rtrow", "hub-app-1a", "nat-hub")))
    assert line.find(SVG + "path").get("stroke-dasharray")


def test_route_table_legend_lists_effective_rows(shipped, vpc_svgs):
    words = " ".join(texts(vpc_svgs["vpc-a"]))
    assert "Route tables" in words
    for table in dataplane(shipped).tables_of("vpc-a"):
        rt = shipped.get("route-table", table.id)
        assert rt.label in words
        for r in table.routes:
            if r.origin == "gateway-endpoint":
                assert f"pl ({r.service}) \u2192 {r.target}" in words
            elif r.origin != "local":
                assert f"{r.destination} \u2192 {r.target}" in words


def test_three_azs_by_six_subnets_stay_legible():
    topo = load(big_vpc_spec(3, 6))
    svg = render_vpc(topo, "vpc-big")
    azs = ["us-east-1a", "us-east-1b", "us-east-1c"]
    cols = [cluster_box(svg, "cluster_" + gv_id("az", "vpc-big", az)) for az in azs]
    assert cols[0][2] <= cols[1][0] and cols[1][2] <= cols[2][0]  # side by side, in order
    for az in azs:
        boxes = sorted(cluster_box(svg, "cluster_" + gv_id("sn", s.id)) for s in topo.subnets_of("vpc-big") if s.az == az)
        assert len(boxes) == 6
        by_top = sorted(boxes, key=lambda b: b[1])
        for upper, lower in zip(by_top, by_top[1:]):
            assert upper[3] <= lower[1]  # stacked, no overlap
    w = cols[2][2] - cols[0][0]
    h = max(c[3] for c in cols) - min(c[1] for c in cols)
    assert 0.4 < w / h < 3  # a page, not a strip


def test_unknown_vpc_is_a_clear_error(shipped):
    with pytest.raises(KeyError, match="no VPC"):
        render_vpc(shipped, "vpc-does-not-exist")
