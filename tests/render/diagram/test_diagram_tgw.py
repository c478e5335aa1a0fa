"""A transit gateway's diagram (issue 13 item 3): a lane per route table, associations in,
propagations out, static and blackhole routes marked, TGW-5 defaults from the data plane,
peering attachments to the other region's transit gateway."""

from __future__ import annotations

import pytest
from diagram_specs import load
from diagram_svg import SVG, cluster_box, cluster_ids, edges, groups, parse, texts

from vpcdocs.render.diagram import render_tgw
from vpcdocs.render.diagram.ids import gv_id
from vpcdocs.routing import dataplane

PEERED = """
transit_gateways:
  tgw-eu:
    region: eu-central-1
    asn: 64601
    default_association_route_table: rt-default
    default_propagation_route_table: rt-default
    attachments:
      att-x: {vpc: vpc-x, subnets: [x-a]}
      att-y: {vpc: vpc-y, subnets: [y-a]}
      att-us: {type: peering, peer: tgw-us}
    route_tables:
      rt-default: {}
      rt-isolated:
        associations: [att-y]
        routes:
          - {destination: 10.20.0.0/16, attachment: att-us}
          - {destination: 10.99.0.0/16, blackhole: true}
  tgw-us:
    region: us-east-1
    asn: 64602
vpcs:
  vpc-x:
    region: eu-central-1
    cidr: 10.1.0.0/16
    subnets: {x-a: {cidr: 10.1.0.0/24, az: eu-central-1a}}
  vpc-y:
    region: eu-central-1
    cidr: 10.2.0.0/16
    subnets: {y-a: {cidr: 10.2.0.0/24, az: eu-central-1a}}
"""


@pytest.fixture(scope="module")
def hub(shipped):
    return render_tgw(shipped, "tgw-hub")


def test_one_lane_per_route_table_with_its_routes(shipped, hub):
    dp = dataplane(shipped)
    words = texts(hub)
    for table in dp.tgw_tables_of("tgw-hub"):
        assert "cluster_" + gv_id("lane", table.id) in cluster_ids(hub)
        assert table.id in words
    assert "0.0.0.0/0 \u2192 att-egress \u00b7 static" in words
    assert "10.100.0.0/16 \u2192 att-shared \u00b7 propagated" in words
    assert "\u2298 10.110.0.0/15 \u00b7 blackhole" in words


def test_associations_in_and_propagations_out(shipped, hub):
    dp = dataplane(shipped)
    drawn = edges(hub)
    for table in dp.tgw_tables_of("tgw-hub"):
        head = gv_id("lanetitle", table.id)
        for att in table.associations:
            assert (gv_id("attin", att), head) in drawn
        for att in table.propagations:
            assert (head, gv_id("attout", att)) in drawn
    lane = cluster_box(hub, "cluster_" + gv_id("lane", "tgw-rt-spokes"))
    root = parse(hub)
    nodes = groups(root, "node")
    left = [float(t.get("x")) for t in nodes[gv_id("attin", "att-app1")].iter(SVG + "text")]
    right = [float(t.get("x")) for t in nodes[gv_id("attout", "att-app1")].iter(SVG + "text")]
    assert max(left) < lane[0] < lane[2] < min(right)  # in on the left, out on the right


def test_defaults_are_dashed_and_peering_leads_to_the_other_region():
    topo = load(PEERED)
    svg = render_tgw(topo, "tgw-eu")
    root = parse(svg)
    lines = groups(root, "edge")
    default_assoc = lines[f"{gv_id('attin', 'att-x')}->{gv_id('lanetitle', 'rt-default')}"]
    assert default_assoc.find(SVG + "path").get("stroke-dasharray")  # TGW-5 default association
    explicit = lines[f"{gv_id('attin', 'att-y')}->{gv_id('lanetitle', 'rt-isolated')}"]
    assert not explicit.find(SVG + "path").get("stroke-dasharray")
    words = texts(svg)
    assert "default association, default propagation" in words
    assert "\u2298 10.99.0.0/16 \u00b7 blackhole" in words
    assert "peering to tgw-us (us-east-1)" in words and "us-east-1 \u00b7 ASN 64602" in words
    assert (gv_id("attout", "att-us"), gv_id("tgw", "tgw-us", "att-us")) in edges(svg)


def test_many_attachments_are_grouped():
    vpcs = "\n".join(f"  v{i}:\n    account: '{100000000000 + i % 2}'\n    cidr: 10.{i}.0.0/16\n"
                     f"    subnets: {{s{i}: {{cidr: 10.{i}.0.0/24, az: us-east-1a}}}}" for i in range(60))
    atts = "\n".join(f"      a{i}: {{vpc: v{i}, subnets: [s{i}]}}" for i in range(60))
    topo = load("region: us-east-1\nvpcs:\n" + vpcs + "\ntransit_gateways:\n  hub:\n"
                "    default_association_route_table: main\n    default_propagation_route_table: main\n"
                "    attachments:\n" + atts + "\n    route_tables:\n      main: {}\n")
    svg = render_tgw(topo, "hub")
    words = texts(svg)
    assert "30 VPC attachments" in words
    assert len(groups(parse(svg), "edge")) <= 8
