"""Site rendering: parallel, cached by model slice, atomic files."""

from __future__ import annotations

import dataclasses
import os

from diagram_specs import SPECS

from vpcdocs.render.diagram import diagram_filename, render_overview, render_site_diagrams, render_vpc
from vpcdocs.render.diagram.cache import cache_key, vpc_slice
from vpcdocs.spec import load_specs


def _replace_vpc(topology, vpc_id, **changes):
    vpcs = tuple(dataclasses.replace(v, **changes) if v.id == vpc_id else v for v in topology.vpcs)
    return dataclasses.replace(topology, vpcs=vpcs)


def test_site_diagrams_are_written_and_match_single_renders(shipped, tmp_path):
    files = render_site_diagrams(shipped, tmp_path / "out", tmp_path / "cache", formats=("svg", "png"))
    names = sorted(f.path.name for f in files)
    expected = sorted(diagram_filename(w, fmt) for w in ["overview", *(v.id for v in shipped.vpcs)]
                      for fmt in ("svg", "png"))
    assert names == expected
    assert "overview.svg" in names and "vpc-a.svg" in names
    assert not any(f.cache_hit for f in files)
    by_name = {f.path.name: f for f in files}
    assert by_name["overview.svg"].path.read_bytes() == render_overview(shipped)
    assert by_name["vpc-a.svg"].path.read_bytes() == render_vpc(shipped, "vpc-a")
    assert os.fspath(by_name["overview.svg"]) == str(tmp_path / "out" / "overview.svg")
    # no temp files left behind
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_site_diagrams_collect_each_vpc_once_and_keep_nothing_after(shipped, tmp_path, monkeypatch):
    from vpcdocs.render.diagram import vpc_diagram

    calls = []
    collect = vpc_diagram._collect
    monkeypatch.setattr(vpc_diagram, "_collect", lambda topology, vpc_id, *a: calls.append(vpc_id) or
                        collect(topology, vpc_id, *a))
    files = render_site_diagrams(shipped, tmp_path / "out", formats=("svg",), kinds=("vpc",))
    assert all(f.ok for f in files)
    # measured together first, then drawn from what the measuring collected
    assert sorted(calls) == sorted(v.id for v in shipped.vpcs)
    assert not [k for k, (topology, _) in vpc_diagram._KEPT.items() if topology is shipped]
    assert files[0].path.read_bytes() == render_vpc(shipped, files[0].diagram)


def test_second_build_is_all_cache_hits(shipped, tmp_path):
    first = render_site_diagrams(shipped, tmp_path / "a", tmp_path / "cache")
    second = render_site_diagrams(shipped, tmp_path / "b", tmp_path / "cache")
    assert all(f.cache_hit for f in second)
    for f1, f2 in zip(first, second):
        assert f1.path.read_bytes() == f2.path.read_bytes()


def test_changing_one_vpc_rerenders_only_what_draws_it(shipped, tmp_path):
    render_site_diagrams(shipped, tmp_path / "out", tmp_path / "cache")
    changed = _replace_vpc(shipped, "vpc-c", name="VPC C (renamed)")
    files = {f.diagram: f for f in render_site_diagrams(changed, tmp_path / "out", tmp_path / "cache")}
    # vpc-c's own diagram, vpc-a (draws vpc-c as a peer) and the overview change ...
    assert not files["vpc-c"].cache_hit and not files["vpc-a"].cache_hit and not files["overview"].cache_hit
    assert "VPC C (renamed)" in files["vpc-c"].path.read_text()
    # ... diagrams that do not draw vpc-c come from the cache
    assert files["vpc-egress"].cache_hit and files["vpc-orders"].cache_hit


def test_cache_key_ignores_source_locations_but_not_content(shipped, tmp_path):
    moved = load_specs(SPECS).topology  # a fresh load: same content, new objects
    assert cache_key(vpc_slice(moved, "vpc-a"), "svg") == cache_key(vpc_slice(shipped, "vpc-a"), "svg")
    assert cache_key(vpc_slice(shipped, "vpc-a"), "svg") != cache_key(vpc_slice(shipped, "vpc-a"), "png")
    renamed = _replace_vpc(shipped, "vpc-a", name="other")
    assert cache_key(vpc_slice(renamed, "vpc-a"), "svg") != cache_key(vpc_slice(shipped, "vpc-a"), "svg")


def _replace_route(topology, vpc_id, **changes):
    """``topology`` with the first route of ``vpc_id``'s first route table changed."""
    table = next(t for t in topology.route_tables if t.vpc == vpc_id and t.routes)
    changed = dataclasses.replace(table, routes=(dataclasses.replace(table.routes[0], **changes), *table.routes[1:]))
    return dataclasses.replace(topology, route_tables=tuple(changed if t is table else t for t in topology.route_tables))


def test_cache_key_sees_a_change_deep_inside_the_model_but_not_a_moved_line(shipped):
    import ipaddress

    from vpcdocs.diagnostics import Location

    key = cache_key(vpc_slice(shipped, "vpc-a"), "svg")
    moved = _replace_route(shipped, "vpc-a", loc=Location("elsewhere.yaml", 99, 7))
    assert cache_key(vpc_slice(moved, "vpc-a"), "svg") == key
    described = _replace_route(shipped, "vpc-a", description="any field counts")
    assert cache_key(vpc_slice(described, "vpc-a"), "svg") != key
    renumbered = _replace_route(shipped, "vpc-a", network=ipaddress.ip_network("192.0.2.0/24"))
    assert cache_key(vpc_slice(renumbered, "vpc-a"), "svg") != key
    # the key is the same in another process (no set order or object address in it)
    assert key == cache_key(vpc_slice(load_specs(SPECS).topology, "vpc-a"), "svg")


def test_unchanged_output_files_are_not_rewritten(shipped, tmp_path):
    render_site_diagrams(shipped, tmp_path / "out", tmp_path / "cache")
    target = tmp_path / "out" / "overview.svg"
    os.utime(target, (1_000_000, 1_000_000))
    render_site_diagrams(shipped, tmp_path / "out", tmp_path / "cache")
    assert target.stat().st_mtime == 1_000_000


def test_file_names_are_readable_and_never_collide():
    from vpcdocs.render.diagram import DiagramRef

    assert diagram_filename("vpc-a", "svg") == "vpc-a.svg"  # not vpc-vpc-a.svg
    assert diagram_filename("overview", "svg") == "overview.svg"
    assert diagram_filename(DiagramRef("tgw", "hub"), "svg") == "tgw-hub.svg"
    assert diagram_filename(DiagramRef("region", "us-east-1"), "png") == "region-us-east-1.png"
    assert diagram_filename("vpc-a", "svg", dark=True) == "vpc-a_dark.svg"
    # a VPC whose id looks like another diagram's name keeps its own file
    names = [diagram_filename(w, "svg") for w in (DiagramRef("vpc", "overview"), DiagramRef("overview"),
                                                  DiagramRef("vpc", "tgw-hub"), DiagramRef("tgw", "hub"),
                                                  DiagramRef("vpc", "estate"), DiagramRef("estate"),
                                                  DiagramRef("vpc", "region-x"), DiagramRef("region", "x"))]
    assert len(set(names)) == len(names)
    darks = [diagram_filename(w, "svg", dark=True) for w in ("vpc-a", "vpc-a_dark", "VPC-A")]
    assert len(set(darks + [diagram_filename(w, "svg") for w in ("vpc-a", "vpc-a_dark", "VPC-A")])) == 6


def test_site_diagrams_of_every_kind_with_dark_variants(shipped, tmp_path):
    files = render_site_diagrams(shipped, tmp_path / "out", kinds=("overview", "estate", "region", "tgw", "vpc"),
                                 dark=True)
    assert all(f.ok for f in files)
    names = {f.path.name for f in files}
    assert {"overview.svg", "estate.svg", "region-us-east-1.svg", "region-eu-west-1.svg", "tgw-tgw-hub.svg",
            "vpc-a.svg", "vpc-a_dark.svg", "tgw-tgw-hub_dark.svg"} <= names
    by = {(f.diagram, f.dark): f for f in files}
    assert by[("tgw:tgw-hub", False)].kind == "tgw" and by[("vpc-a", True)].dark
    assert b"#1e2029" in by[("vpc-a", True)].path.read_bytes()


def test_routes_layer_and_dark_are_part_of_the_cache_key(shipped, tmp_path):
    plain = render_site_diagrams(shipped, tmp_path / "a", tmp_path / "cache", kinds=("vpc",))
    routed = render_site_diagrams(shipped, tmp_path / "b", tmp_path / "cache", kinds=("vpc",), routes=True)
    assert not any(f.cache_hit for f in routed)
    assert plain[0].path.read_bytes() != routed[0].path.read_bytes()
