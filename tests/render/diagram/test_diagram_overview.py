"""The overviews (issue 13 item 3, issue 11 item 4): AWS Cloud > Account > Region groups,
VPC tiles with badges, labelled links; an estate summary and per-region overviews that
stay readable at hundreds of VPCs."""

from __future__ import annotations

import pytest
from diagram_svg import cluster_box, cluster_ids, edge_ids, edges, node_ids, texts
from estate_specs import estate_spec

from vpcdocs.render.diagram import DiagramRef, diagram_stats, render_diagram, render_overview
from vpcdocs.render.diagram.ids import gv_id
from vpcdocs.spec import load_spec_text


@pytest.fixture(scope="module")
def overview(shipped):
    return render_overview(shipped)


def _inside(inner, outer):
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


def test_cloud_account_region_groups_hold_their_vpcs(shipped, overview):
    clusters = cluster_ids(overview)
    cloud = cluster_box(overview, "cluster_cloud")
    assert "AWS Cloud" in texts(overview)
    for vpc in shipped.vpcs:
        account = "cluster_" + gv_id("account", vpc.account)
        region = "cluster_" + gv_id("region", vpc.account, vpc.region)
        tile = "cluster_" + gv_id("vpc", vpc.id)
        assert {account, region, tile} <= clusters
        assert _inside(cluster_box(overview, tile), cluster_box(overview, region))
        assert _inside(cluster_box(overview, region), cluster_box(overview, account))
        assert _inside(cluster_box(overview, account), cloud)
    words = texts(overview)
    assert {"Account 111122223333", "Account 444455556666", "Region us-east-1", "Region eu-west-1"} <= set(words)
    # AWS group colours: account pink, region teal dashed
    assert overview.count(b'stroke="#e7157b"') == 2


def test_every_vpc_is_one_tile_with_cidr_and_subnet_count(shipped, overview):
    words = texts(overview)
    for vpc in shipped.vpcs:
        assert any(str(vpc.primary_cidr) in w for w in words), vpc.id
        n = len(shipped.subnets_of(vpc.id))
        assert any(w.startswith(f"{n} subnets") for w in words), vpc.id
    assert not [c for c in cluster_ids(overview) if c.startswith("cluster_sn_")]


def test_internet_s3_dynamodb_are_badges_on_each_vpc_not_shared_hubs(shipped, overview):
    nodes = node_ids(overview)
    assert not [n for n in nodes if n.startswith("service_")]  # no shared hub nodes
    for vpc in shipped.vpcs:
        tile = cluster_box(overview, "cluster_" + gv_id("vpc", vpc.id))
        for kind, present in (("internet", bool(vpc.internet_gateway)),
                              ("s3", any(g.service == "s3" for g in shipped.in_vpc(vpc.id, "gateway-endpoint"))),
                              ("dynamodb", any(g.service == "dynamodb" for g in shipped.in_vpc(vpc.id, "gateway-endpoint")))):
            assert (gv_id("badge", vpc.id, kind) in nodes) == present, (vpc.id, kind)
            if present:  # on the tile's bottom border
                from test_diagram_vpc import node_box

                box = node_box(overview, gv_id("badge", vpc.id, kind))
                assert box[1] < tile[3] < box[3] and tile[0] < box[0] < tile[2]


def test_peerings_are_links_labelled_on_the_edge(shipped, overview):
    drawn = edges(overview)
    words = texts(overview)
    assert shipped.peerings
    for pcx in shipped.peerings:
        assert (gv_id("vpcnode", pcx.requester), gv_id("vpcnode", pcx.accepter)) in drawn
        assert gv_id("edgepcx", pcx.id) in edge_ids(overview)
        assert pcx.label in words
        assert gv_id("lblpcx", pcx.id) in node_ids(overview)


def test_transit_gateway_spokes_and_privatelink(shipped, overview):
    drawn = edges(overview)
    for att in shipped.tgw_attachments:
        if att.type == "vpc":
            assert (gv_id("tgw", att.transit_gateway), gv_id("vpcnode", att.vpc)) in drawn
    ep = shipped.get("interface-endpoint", "orders-api")
    svc = shipped.get("endpoint-service", ep.endpoint_service)
    assert (gv_id("vpcnode", ep.vpc), gv_id("vpcnode", svc.vpc)) in drawn
    assert svc.label in texts(overview)


def test_the_shipped_overview_fits_the_page(overview):
    width = float(overview.split(b'width="', 1)[1].split(b'px"', 1)[0])
    assert width <= 700  # the content column is 688 px wide at 1400 px: text stays >= 11 px


@pytest.fixture(scope="module")
def estate300():
    result = load_spec_text(estate_spec(300))
    assert not [d for d in result.diagnostics if d.severity.value == "error"]
    return result.topology


def test_a_large_estate_overview_is_the_summary_with_spoke_groups(estate300):
    svg = render_overview(estate300)
    words = texts(svg)
    assert "300 VPCs \u00b7 estate summary" in words
    assert not [n for n in node_ids(svg) if n.startswith("vpcnode_")]  # no tile per VPC
    # a hub with 50 spokes: one line per (account, region) group, labelled with the count
    spokes = [e for e in edge_ids(svg) if e.startswith("edgespokes_")]
    assert spokes and len(spokes) <= 12
    assert "25 VPCs" in words
    stats = diagram_stats(estate300, DiagramRef("estate"))
    assert stats.nodes < 60 and stats.edges < 60 and stats.svg_bytes < 150_000


def test_region_overviews_stay_bounded(estate300):
    stats = diagram_stats(estate300, DiagramRef("region", "us-east-1"))
    # 100 VPCs: tiles and badges, but cross-account peerings and far spokes are grouped
    assert stats.edges < 150
    svg = render_diagram(estate300, DiagramRef("region", "us-east-1")).data
    assert [e for e in edge_ids(svg) if e.startswith("edgepeers_")]
    assert "Region eu-west-1" not in texts(svg)
    assert stats.to_json()["diagram"] == "region:us-east-1"


def test_a_crowded_region_counts_its_peerings_instead_of_drawing_them():
    """170 VPCs in one account peered in a chain: 169 lines would be a hairball; the region's
    title counts them and the diagram stays quick to draw."""
    vpcs = "\n".join(f"  v{i}: {{cidr: 10.{i // 250}.{i % 250}.0/24}}" for i in range(170))
    pcx = "\n".join(f"  p{i}: {{requester: v{i}, accepter: v{i + 1}}}" for i in range(169))
    topo = load_spec_text(f"region: us-east-1\naccount: '123456789012'\nvpcs:\n{vpcs}\npeerings:\n{pcx}\n").topology
    stats = diagram_stats(topo, DiagramRef("region", "us-east-1"))
    assert stats.edges == 0 and stats.seconds < 20
    svg = render_diagram(topo, DiagramRef("region", "us-east-1")).data
    assert "169 peerings between these VPCs (on their pages)" in texts(svg)
