"""Diff highlighting through the public render API: colours, dashes, classes, legend, cache."""

from __future__ import annotations

import pytest
from diagram_svg import SVG, parse, texts

from vpcdocs.render.diagram import (
    HIGHLIGHT_COLORS,
    HIGHLIGHT_STATUSES,
    render_diagram,
    render_overview,
    render_vpc,
)
from vpcdocs.render.diagram.cache import DiagramCache, cache_key, vpc_slice
from vpcdocs.render.diagram.ids import gv_id, unescape_id
from vpcdocs.render.diagram.parallel import render_cached

VPC_HIGHLIGHT = {
    ("subnet", "a-private-1b"): "removed",
    ("nat-gateway", "nat-a-1a"): "added",
    ("gateway-endpoint", "a-s3"): "changed",
    ("route-table", "a-public"): "changed",
}


def by_id(data: bytes) -> dict[str, object]:
    return {g.get("id"): g for g in parse(data).iter(SVG + "g") if g.get("id")}


def ids_of(data: bytes, kind: str) -> set[str]:
    """Graphviz names (``<title>``) of the nodes / clusters, highlighted or not."""
    return {g.find(SVG + "title").text for g in parse(data).iter(SVG + "g")
            if (g.get("class") or "").split()[:1] == [kind]}


def left_x(data: bytes, gid: str) -> float:
    points = by_id(data)[gid].find(SVG + "polygon").get("points").split()
    return min(float(p.split(",")[0]) for p in points)


def classes(group) -> list[str]:
    return group.get("class").split()


def strokes(group) -> set[str]:
    return {el.get("stroke").lower() for el in group.iter() if el.get("stroke") not in (None, "transparent")}


def dashed(group) -> bool:
    return any(el.get("stroke-dasharray") for el in group.iter())


@pytest.fixture(scope="module")
def plain_a(shipped):
    return render_vpc(shipped, "vpc-a")


@pytest.fixture(scope="module")
def marked_a(shipped):
    return render_diagram(shipped, "vpc-a", highlight=VPC_HIGHLIGHT).data


def test_statuses_and_colours_are_public():
    assert HIGHLIGHT_STATUSES == ("added", "removed", "changed")
    assert set(HIGHLIGHT_COLORS) == set(HIGHLIGHT_STATUSES)


def test_vpc_highlight_styles_the_right_elements(marked_a):
    groups = by_id(marked_a)
    removed = groups["cluster_" + gv_id("sn", "a-private-1b")]
    assert classes(removed) == ["cluster", "diff-removed"]
    assert HIGHLIGHT_COLORS["removed"].lower() in strokes(removed) and dashed(removed)

    added = groups[gv_id("nat", "nat-a-1a")]
    assert classes(added) == ["node", "diff-added"]
    assert HIGHLIGHT_COLORS["added"].lower() in strokes(added) and not dashed(added)

    changed = groups[gv_id("gwe", "a-s3")]
    assert classes(changed) == ["node", "diff-changed"]
    assert HIGHLIGHT_COLORS["changed"].lower() in strokes(changed)

    # a highlighted route table marks the chips of the subnets using it, and its legend card
    for sid in ("a-public-1a", "a-public-1b"):
        assert classes(groups[gv_id("subnet", sid)]) == ["node", "diff-changed"]
    assert classes(groups[gv_id("subnet", "a-private-1a")]) == ["node"]
    assert classes(groups[gv_id("legend", "vpc-a", "a-public")]) == ["node", "diff-changed"]
    assert classes(groups[gv_id("legend", "vpc-a", "a-private-1a")]) == ["node"]
    # the chip of a removed subnet is not marked on its own (its box is)
    assert classes(groups[gv_id("subnet", "a-private-1b")]) == ["node"]

    # nothing else is marked: not the VPC box, not the AZ boxes nested in it
    marked = {gid for gid, g in groups.items() if any(c.startswith("diff-") for c in classes(g))}
    lines = {gid for gid in marked if classes(groups[gid])[0] == "edge"}
    assert marked - lines == {
        "cluster_" + gv_id("sn", "a-private-1b"), gv_id("nat", "nat-a-1a"), gv_id("gwe", "a-s3"),
        gv_id("subnet", "a-public-1a"), gv_id("subnet", "a-public-1b"), gv_id("legend", "vpc-a", "a-public"),
    }
    # the changed endpoint's line to its service takes its colour
    assert lines == {gv_id("edge", gv_id("gwe", "a-s3"), gv_id("service", "s3"))}


def test_lines_touching_added_things_take_their_colour(shipped):
    data = render_diagram(shipped, "vpc-a", routes=True, highlight=VPC_HIGHLIGHT).data
    groups = by_id(data)
    to_nat = groups[gv_id("route", gv_id("rtrow", "a-private-1a", "nat-a-1a"))]
    assert classes(to_nat) == ["edge", "diff-added"]
    other = groups[gv_id("route", gv_id("rtrow", "a-private-1b", "nat-a-1b"))]
    assert classes(other) == ["edge"]


def test_highlighting_moves_nothing_and_frames_hold_their_captions(plain_a, marked_a):
    """Same layout as the site's diagram, to the pixel; a frame encloses its whole caption."""
    import re

    from diagram_geometry import texts_with_boxes

    plain = {(t.node, t.text): t.box for t in texts_with_boxes(plain_a)}
    marked = {(t.node, t.text): t.box for t in texts_with_boxes(marked_a) if t.node != "diff_legend"}
    assert plain.keys() == marked.keys()
    # the legend under the diagram makes the SVG taller: Graphviz's y is measured from the bottom
    key = next(iter(plain))
    dx, dy = marked[key][0] - plain[key][0], marked[key][1] - plain[key][1]
    for k, (x0, y0, x1, y1) in plain.items():
        assert marked[k] == pytest.approx((x0 + dx, y0 + dy, x1 + dx, y1 + dy), abs=0.01), k
    colours = {c.lower() for c in HIGHLIGHT_COLORS.values()}
    for gid in (gv_id("nat", "nat-a-1a"), gv_id("subnet", "a-public-1a"), gv_id("legend", "vpc-a", "a-public")):
        frame = [p for p in by_id(marked_a)[gid].iter(SVG + "path") if (p.get("stroke") or "").lower() in colours]
        assert frame, gid
        nums = [float(n) for n in re.findall(r"-?[0-9.]+", frame[0].get("d"))]
        fx0, fx1, fy0, fy1 = min(nums[::2]), max(nums[::2]), min(nums[1::2]), max(nums[1::2])
        inside = [(text, box) for (node, text), box in marked.items() if node == gid]
        assert inside, gid
        for text, (x0, y0, x1, y1) in inside:
            assert fx0 < x0 and x1 < fx1 and fy0 < y0 and y1 < fy1, (gid, text)


def test_route_changes_are_marked_in_the_legend(shipped):
    data = render_diagram(shipped, "vpc-a", highlight={}, route_changes={
        "a-private-1a": [("removed", "10.9.0.0/16", "pcx-old"), ("added", "10.1.0.0/16", "pcx-a-b")]}).data
    words = texts(data)
    assert "\u2212 10.9.0.0/16 \u2192 pcx-old" in words  # listed although gone, struck through
    assert "+ 10.1.0.0/16 \u2192 pcx-a-b" in words
    struck = [t for t in parse(data).iter(SVG + "text") if "10.9.0.0/16" in "".join(t.itertext())]
    assert struck and struck[0].get("text-decoration") == "line-through"
    assert struck[0].get("fill").lower() == HIGHLIGHT_COLORS["removed"].lower()
    assert classes(by_id(data)[gv_id("legend", "vpc-a", "a-private-1a")]) == ["node", "diff-changed"]
    assert classes(by_id(data)[gv_id("subnet", "a-private-1a")]) == ["node", "diff-changed"]


def test_a_diff_diagram_keeps_the_base_order():
    """A subnet added to a tier goes after the base's subnets of that tier, so what was
    there stays exactly where it was."""
    import dataclasses
    import ipaddress

    from diagram_specs import load, tiered_vpc_spec
    from diagram_svg import cluster_box

    base = load(tiered_vpc_spec())
    extra = dataclasses.replace(base.get("subnet", "app-a"), id="aaa-new-a", name=None,
                                cidr=ipaddress.ip_network("10.60.200.0/24"))
    head = dataclasses.replace(base, subnets=base.subnets + (extra,))
    plain = render_diagram(head, "vpc-tiers").data
    diffd = render_diagram(head, "vpc-tiers", highlight={("subnet", "aaa-new-a"): "added"}, base=base).data

    def top(svg, sid):
        return cluster_box(svg, "cluster_" + gv_id("sn", sid))[1]

    assert top(plain, "aaa-new-a") < top(plain, "app-a")  # alone, it sorts first ...
    assert top(diffd, "app-a") < top(diffd, "aaa-new-a")  # ... laid out from the base, after
    base_svg = render_diagram(base, "vpc-tiers").data

    def at(svg, sid):  # relative to the VPC box: Graphviz measures y from the drawing's bottom
        vx, vy = cluster_box(svg, "cluster_" + gv_id("vpc", "vpc-tiers"))[:2]
        x0, y0, x1, y1 = cluster_box(svg, "cluster_" + gv_id("sn", sid))
        return x0 - vx, y0 - vy, x1 - vx, y1 - vy

    for sid in ("web-a", "app-a", "app-b", "web-c"):
        assert at(base_svg, sid) == at(diffd, sid), sid


def test_highlight_keeps_ids_and_adds_a_legend(plain_a, marked_a):
    assert ids_of(marked_a, "node") == ids_of(plain_a, "node") | {"diff_legend"}
    assert ids_of(marked_a, "cluster") == ids_of(plain_a, "cluster")
    assert 'id="diff_legend"' in marked_a.decode() and "removed (dashed ghost)" in texts(marked_a)
    assert 'id="diff_legend"' not in plain_a.decode()
    left = [left_x(marked_a, "cluster_" + gv_id("az", "vpc-a", az)) for az in ("us-east-1a", "us-east-1b")]
    assert left == sorted(left)
    assert next(parse(marked_a).iter(SVG + "title")).text == "VPC A (shared services) \u2014 diff"
    assert b"<image" not in marked_a.split(b"</defs>", 1)[1]  # icons embedded as for the site


def test_legend_can_be_left_out(shipped):
    data = render_diagram(shipped, "vpc-a", highlight=VPC_HIGHLIGHT, legend=False).data
    assert b"diff_legend" not in data and b"diff-removed" in data


def test_overview_highlights_edges_by_their_object(shipped):
    plain = render_overview(shipped)
    data = render_diagram(shipped, "overview", highlight={("peering", "pcx-a-c"): "removed",
                                                         ("vpc", "vpc-c"): "changed"}).data
    groups = by_id(data)
    edge = groups[gv_id("edgepcx", "pcx-a-c")]
    assert classes(edge) == ["edge", "diff-removed"]
    assert HIGHLIGHT_COLORS["removed"].lower() in strokes(edge) and dashed(edge)
    assert classes(groups[gv_id("edgepcx", "pcx-a-b")]) == ["edge"]
    assert classes(groups["cluster_" + gv_id("vpc", "vpc-c")]) == ["cluster", "diff-changed"]
    assert ids_of(data, "cluster") == ids_of(plain, "cluster")
    assert ids_of(data, "node") == ids_of(plain, "node") | {"diff_legend"}


def test_dot_output_carries_the_highlight(shipped):
    dot = render_diagram(shipped, "vpc-a", "dot", highlight=VPC_HIGHLIGHT).data.decode()
    assert 'class="diff-added"' in dot and "diff_legend" in dot
    assert "diff-" not in render_vpc(shipped, "vpc-a", "dot").decode()


@pytest.mark.parametrize("bad", [{("route-chip", "x"): "changed"}, {("subnet", "x"): "moved"}, {"subnet": "added"}])
def test_invalid_highlight_is_rejected(shipped, bad):
    with pytest.raises(ValueError):
        render_diagram(shipped, "vpc-a", "dot", highlight=bad)


def test_cache_distinguishes_highlighted_from_plain(shipped, tmp_path):
    sl = vpc_slice(shipped, "vpc-a")
    plain = cache_key(sl, "svg")
    marked = cache_key(sl, "svg", VPC_HIGHLIGHT)
    assert len({plain, marked, cache_key(sl, "svg", {}), cache_key(sl, "svg", VPC_HIGHLIGHT, legend=False),
                cache_key(sl, "svg", {**VPC_HIGHLIGHT, ("subnet", "a-private-1b"): "added"})}) == 5
    assert cache_key(sl, "svg", dict(reversed(list(VPC_HIGHLIGHT.items())))) == marked  # order-free

    cache = DiagramCache(tmp_path / "cache")
    first = render_cached(shipped, "vpc-a", "svg", cache)
    hl = render_cached(shipped, "vpc-a", "svg", cache, highlight=VPC_HIGHLIGHT)
    assert not first.cache_hit and not hl.cache_hit and hl.data != first.data
    again = render_cached(shipped, "vpc-a", "svg", cache, highlight=VPC_HIGHLIGHT)
    assert again.cache_hit and again.data == hl.data
    assert render_cached(shipped, "vpc-a", "svg", cache).data == first.data


@pytest.mark.parametrize("parts", [("a-private-1a",), ("Zone_1:x", "sub Z"), ("vpc-ä→b", "ZZ_Z")])
def test_diagram_ids_map_back_to_spec_ids(parts):
    """Element ids stay parseable by tools: tag, then ``_Z``-joined escaped spec ids."""
    gid = gv_id("lb", *parts)
    tag, _, rest = gid.partition("_")
    assert (tag, [unescape_id(p) for p in rest.split("_Z")]) == ("lb", list(parts))
