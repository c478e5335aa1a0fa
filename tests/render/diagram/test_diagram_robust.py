"""Determinism, hostile input and Graphviz failures: what PR reviews and users rely on."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest
from diagram_specs import HOSTILE, REPO, SPECS, load
from diagram_svg import cluster_ids, edges, hrefs, node_ids, parse, texts

from vpcdocs.render.diagram import GraphvizError, render_diagram, render_overview, render_vpc
from vpcdocs.render.diagram.ids import escape_id, gv_id, unescape_id

_RENDER_ALL = r"""
import hashlib, sys
from vpcdocs.spec import load_specs
from vpcdocs.render.diagram import render_overview, render_vpc
t = load_specs(sys.argv[1]).topology
parts = [("overview", render_overview(t))] + [(v.id, render_vpc(t, v.id)) for v in t.vpcs]
parts += [(v.id + "+routes", render_vpc(t, v.id, routes=True)) for v in t.vpcs]
parts.append(("png", render_vpc(t, t.vpcs[0].id, "png")))
parts.append(("dark", render_vpc(t, t.vpcs[0].id, dark=True)))
for name, data in parts:
    print(name, hashlib.sha256(data).hexdigest())
"""


def test_byte_identical_across_runs_and_working_directories(tmp_path):
    """Two fresh processes, different cwd: identical bytes for every diagram (PR diffs)."""
    outs = []
    for cwd in (tmp_path, REPO / "docs"):
        proc = subprocess.run([sys.executable, "-c", _RENDER_ALL, str(SPECS)], cwd=cwd,
                              capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(len(outs) + 1)})
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert outs[0].count("\n") >= 3


def test_ids_are_safe_and_collision_proof():
    samples = ["a-b", "a_2db", "a:b", "a_b", "sub:a<1>&'\"", "東京", "", "_", "__", "arn:aws:ec2:x"]
    encoded = [escape_id(s) for s in samples]
    assert len(set(encoded)) == len(samples)
    for raw, enc in zip(samples, encoded):
        assert enc == "" or enc.replace("_", "").isalnum() and enc.isascii()
        assert unescape_id(enc) == raw
    # composite ids cannot collide either
    assert gv_id("lb", "a", "bc") != gv_id("lb", "a\xbc")
    assert gv_id("lb", "a_Zb", "c") != gv_id("lb", "a", "b_Zc")


@pytest.fixture(scope="module")
def hostile():
    return load(HOSTILE)


def test_hostile_names_render_verbatim_and_cannot_inject(hostile):
    vpc_id = "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1"
    svg = render_vpc(hostile, vpc_id)
    words = texts(svg)
    # names come out exactly as written (escaped in the file, verbatim on screen)
    assert "</TD></TR></TABLE>> ]; evil [label=x" in words
    assert any(w.startswith("<none> & \"q\" 'x' <script>alert(1)</script>") for w in words)
    assert "nat\"1" in words and "rt: rt&<pub>" in words
    root = parse(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert b"<script>" not in svg and b"<none>" not in svg
    # every resource has its own element, found by its escaped spec id
    for sid in ("sub:a<1>&'\"", "sub_a_3a1", "sub:a:1"):
        assert "cluster_" + gv_id("sn", sid) in cluster_ids(svg)
        assert gv_id("subnet", sid) in node_ids(svg)
    assert gv_id("nat", 'nat"1') in node_ids(svg)
    assert all(h.startswith(("#", "data:")) for h in hrefs(svg))


def test_sibling_boxes_with_equal_labels_never_merge(hostile):
    """Two subnets both named 'same' in one AZ stay two boxes (notes §1.4)."""
    svg = render_vpc(hostile, "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1")
    assert texts(svg).count("same") == 2
    assert {"cluster_" + gv_id("sn", "sub_a_3a1"), "cluster_" + gv_id("sn", "sub:a:1")} <= cluster_ids(svg)


def test_hostile_overview_and_other_formats(hostile):
    svg = render_overview(hostile)
    assert "pcx:<&>" in texts(svg) and "<none>" in texts(svg) and "vpc <2>" in texts(svg)
    assert (gv_id("vpcnode", "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1"),
            gv_id("vpcnode", "vpc <2>")) in edges(svg)
    assert render_overview(hostile, "png").startswith(b"\x89PNG")
    dot = render_overview(hostile, "dot").decode()
    assert "<script>" not in dot and "&lt;script&gt;" in dot


def test_a_failing_graphviz_is_a_clean_error(shipped):
    """A real failing dot run (an unknown layout engine) -> GraphvizError naming what dot said."""
    with pytest.raises(GraphvizError, match="dot exited with status 1"):
        render_diagram(shipped, "vpc-a", graph_attr={"layout": "no-such-engine"})


def test_a_dot_that_takes_too_long_is_reported_as_too_large(shipped, monkeypatch):
    monkeypatch.setenv("VPCDOCS_DOT_TIMEOUT", "0.000001")
    with pytest.raises(GraphvizError, match="the layout took too long"):
        render_diagram(shipped, "overview", graph_attr={"label": "not measured yet"})


def test_same_bytes_from_threads(shipped):
    from concurrent.futures import ThreadPoolExecutor

    ids = [v.id for v in shipped.vpcs] * 2
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda v: render_vpc(shipped, v), ids))
    for vid, data in zip(ids, results):
        assert hashlib.sha256(data).digest() == hashlib.sha256(render_vpc(shipped, vid)).digest()


def test_sparse_vpcs_still_show_their_box():
    """A VPC without subnets (or without an IGW) is still drawn as its box."""
    topo = load("region: us-east-1\nvpcs:\n  empty: {cidr: 10.0.0.0/16, internet_gateway: igw-e}\n"
                "  bare: {cidr: 10.1.0.0/16}\n")
    for vpc_id in ("empty", "bare"):
        svg = render_vpc(topo, vpc_id)
        assert "cluster_" + gv_id("vpc", vpc_id) in cluster_ids(svg)
        assert "no subnets" in texts(svg)
    assert (gv_id("igw", "igw-e"), gv_id("internet", "empty")) in edges(render_vpc(topo, "empty"))
    overview = render_overview(topo)
    assert {"cluster_" + gv_id("vpc", "empty"), "cluster_" + gv_id("vpc", "bare")} <= cluster_ids(overview)


def test_kitchen_sink_topology_draws_every_kind():
    """External peers, a pending peering, VPN and TGW-peering attachments, private and
    deleted NAT gateways, a GWLB and a DynamoDB endpoint, in every format."""
    from diagram_specs import KITCHEN_SINK

    topo = load(KITCHEN_SINK)
    svg = render_vpc(topo, "hub")
    nodes, drawn = node_ids(svg), edges(svg)
    assert {gv_id("peer", "vpc-0partner"), gv_id("peer", "vpc-0old"), gv_id("lb", "fw-gwlb"),
            gv_id("nat", "nat-private"), gv_id("nat", "nat-old"), gv_id("service", "dynamodb")} <= nodes
    assert (gv_id("pcx", "pcx-stale"), gv_id("peer", "vpc-0old")) in drawn
    assert {"NAT gateway (deleted)", "private NAT", "peering (pending-acceptance)", "internal GWLB"} <= set(texts(svg))
    overview = render_overview(topo)
    o_edges = edges(overview)
    assert (gv_id("tgw", "tgw-main"), gv_id("tgwatt", "att-vpn")) in o_edges
    assert (gv_id("tgw", "tgw-main"), gv_id("tgw", "tgw-eu")) in o_edges
    assert (gv_id("vpcnode", "hub"), gv_id("peer", "vpc-0partner")) in o_edges
    assert {"att-peer", "pcx-partner", "pcx-stale (pending-acceptance)"} <= set(texts(overview))
    for fmt in ("png", "dot"):
        assert render_vpc(topo, "hub", fmt) and render_overview(topo, fmt)
