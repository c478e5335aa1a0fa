"""Issue 13 item 2: no line and no label across text, text never below 11 px, and the VPC
grid as reference architectures draw it — checked in the SVG geometry, for the shipped
VPCs (with and without the routes layer) and a generated 3-AZ x 6-tier VPC."""

from __future__ import annotations

import pytest
from diagram_geometry import boxes_overlap, lines, segment_hits_box, texts_with_boxes
from diagram_specs import big_vpc_spec, load, tiered_vpc_spec

from vpcdocs.render.diagram import DiagramRef, render_diagram


def _cases(shipped):
    out = {}
    for vpc in shipped.vpcs:
        out[vpc.id] = render_diagram(shipped, vpc.id).data
        out[vpc.id + "+routes"] = render_diagram(shipped, vpc.id, routes=True).data
    tiered = load(tiered_vpc_spec())
    out["tiered"] = render_diagram(tiered, "vpc-tiers").data
    out["tiered+routes"] = render_diagram(tiered, "vpc-tiers", routes=True).data
    big = load(big_vpc_spec(3, 6))
    out["big+routes"] = render_diagram(big, "vpc-big", routes=True).data
    return out


@pytest.fixture(scope="module")
def drawn(shipped):
    return _cases(shipped)


def test_no_line_crosses_text(drawn):
    problems = []
    for name, svg in drawn.items():
        words = texts_with_boxes(svg)
        for ln in lines(svg):
            for a, b in ln.segments:
                for t in words:
                    if segment_hits_box(a, b, t.box):
                        problems.append((name, ln.title, t.text))
            for head in ln.heads:
                for t in words:
                    if boxes_overlap(head, t.box):
                        problems.append((name, ln.title, "arrowhead over", t.text))
    assert not problems, problems[:10]


def test_no_text_overlaps_other_text(drawn):
    problems = []
    for name, svg in drawn.items():
        words = texts_with_boxes(svg)
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if a.node != b.node and boxes_overlap(a.box, b.box):
                    problems.append((name, a.text, b.text))
    assert not problems, problems[:10]


def test_text_is_never_smaller_than_11_px(drawn, shipped):
    svgs = dict(drawn)
    svgs["overview"] = render_diagram(shipped, "overview").data
    svgs["tgw"] = render_diagram(shipped, DiagramRef("tgw", "tgw-hub")).data
    for name, svg in svgs.items():
        sizes = {t.size for t in texts_with_boxes(svg)}
        assert min(sizes) >= 11, (name, sorted(sizes))
        assert svg[:300].count(b'px" height="') == 1, name  # 1 SVG unit = 1 CSS pixel


def test_overview_labels_sit_on_their_own_line_only(shipped):
    """Peering / PrivateLink labels are pills on their line: no other line and no text under
    them."""
    svg = render_diagram(shipped, "overview").data
    words = texts_with_boxes(svg)
    labels = [t for t in words if t.node.startswith(("lblpcx_", "lblpl_", "lblatt"))]
    assert {t.text for t in labels} >= {"pcx-a-b", "pcx-a-c", "orders-svc"}
    for ln in lines(svg):
        own = ln.ident.replace("edge", "lbl", 1)
        for a, b in ln.segments:
            for t in words:
                if t.node != own and segment_hits_box(a, b, t.box):
                    raise AssertionError((ln.title, t.text))
