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
    assert "a-private-1b" in "".join(t for t in removed.itertext())  # still drawn: a ghost

    added = groups[gv_id("nat", "nat-a-1a")]
    assert classes(added) == ["node", "diff-added"]
    assert HIGHLIGHT_COLORS["added"].lower() in strokes(added) and not dashed(added)

    changed = groups[gv_id("gwe", "a-s3")]
    assert classes(changed) == ["node", "diff-changed"]
    assert HIGHLIGHT_COLORS["changed"].lower() in strokes(changed)

    # a highlighted route table marks the chips of the subnets using it, and the route legend
    for sid in ("a-public-1a", "a-public-1b"):
        assert classes(groups[gv_id("subnet", sid)]) == ["node", "diff-changed"]
    assert classes(groups[gv_id("subnet", "a-private-1a")]) == ["node"]
    assert classes(groups[gv_id("legend", "vpc-a")]) == ["node", "diff-changed"]
    # the chip of a removed subnet is not marked on its own (its box is)
    assert classes(groups[gv_id("subnet", "a-private-1b")]) == ["node"]

    # nothing else is marked: not the VPC box, not the AZ boxes nested in it
    marked = {gid for gid, g in groups.items() if any(c.startswith("diff-") for c in classes(g))}
    edges = {gid for gid in marked if classes(groups[gid])[0] == "edge"}
    assert marked - edges == {
        "cluster_" + gv_id("sn", "a-private-1b"), gv_id("nat", "nat-a-1a"), gv_id("gwe", "a-s3"),
        gv_id("subnet", "a-public-1a"), gv_id("subnet", "a-public-1b"), gv_id("legend", "vpc-a"),
    }
    # edges touching the added NAT gateway take its colour
    assert edges and all(classes(groups[e]) == ["edge", "diff-added"] for e in edges)


def test_highlight_keeps_ids_and_layout_adds_legend(plain_a, marked_a):
    assert ids_of(marked_a, "node") == ids_of(plain_a, "node") | {"diff_legend"}
    assert ids_of(marked_a, "cluster") == ids_of(plain_a, "cluster")
    assert 'id="diff_legend"' in marked_a.decode() and "removed (dashed ghost)" in texts(marked_a)
    assert 'id="diff_legend"' not in plain_a.decode()
    # same layout path as the site: AZ boxes read left to right by name
    left = [left_x(marked_a, "cluster_" + gv_id("az", "vpc-a", az)) for az in ("us-east-1a", "us-east-1b")]
    assert left == sorted(left)
    assert next(parse(marked_a).iter(SVG + "title")).text == "VPC VPC A (shared services) \u2014 diff"
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
