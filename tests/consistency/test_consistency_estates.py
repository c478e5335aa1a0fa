"""Matrix = reach on every pair of real estates (issue 10, "Done when"): the shipped specs and a
generated 50-VPC estate (``benchmarks/reach/generate.py``, peering ring and transit gateway
mixed). For every VPC pair and every subnet pair, ``vpc_matrix`` / ``subnet_matrix``,
``vpcdocs reach --matrix --format json``, the site's Reachability page and the VPC pages'
subnet matrices say what ``reach`` answers for that pair (asked on its own topology, in
reverse order)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bench_estates import reach_estate
from consistency_views import (
    cli_matrix,
    cli_reach,
    shown,
    site,
    site_answers,
    site_matrix_cells,
)
from test_consistency_matrix import assert_same, fresh_answers

from vpcdocs.analysis.reach import subnet_matrix, vpc_matrix
from vpcdocs.site.pages.reachability import FULL_MATRIX_MAX as VPC_MATRIX_MAX
from vpcdocs.spec import load_specs

REPO = Path(__file__).resolve().parents[2]

ESTATE_VPCS, ESTATE_SUBNETS = 50, 2


def shipped(tmp_path: Path) -> Path:
    root = tmp_path / "specs"
    shutil.copytree(REPO / "specs", root)
    return root


def estate(tmp_path: Path) -> Path:
    root = tmp_path / "estate"
    root.mkdir()
    (root / "estate.yaml").write_text(reach_estate(ESTATE_VPCS, ESTATE_SUBNETS, "mixed"))
    return root


@pytest.mark.slow
@pytest.mark.parametrize("make", [shipped, estate], ids=["shipped-specs", "50-vpc-estate"])
def test_every_pair_agrees_in_matrices_command_line_site_and_reach(make, tmp_path: Path) -> None:
    root = make(tmp_path)
    loaded = load_specs(root)
    assert loaded.ok, [d.format() for d in loaded.errors]
    topo = loaded.topology
    vpcs = [v.id for v in topo.vpcs]
    subnets = [s.id for s in topo.subnets]
    if make is estate:
        assert (len(vpcs), len(subnets)) == (ESTATE_VPCS, ESTATE_VPCS * ESTATE_SUBNETS)
    vm, sm = vpc_matrix(topo), subnet_matrix(topo)
    assert set(vm.cells) == {(v, w) for v in vpcs for w in vpcs}
    assert set(sm.cells) == {(s, t) for s in subnets for t in subnets}
    expected = fresh_answers(load_specs(root).topology, list(vm.cells) + list(sm.cells))
    assert_same("vpc_matrix", {p: shown(c.answer) for p, c in vm.cells.items()}, expected, topo)
    assert_same("subnet_matrix", {p: shown(c.answer) for p, c in sm.cells.items()}, expected, topo)
    assert_same("reach --matrix --level vpc", cli_matrix(root, "vpc"), expected, topo)
    assert_same("reach --matrix --level subnet", cli_matrix(root, "subnet"), expected, topo)
    built = site(root)
    shipped = site_answers(built)
    assert {p for p in shipped if p[0] in vpcs} == {(v, w) for v in vpcs for w in vpcs if v != w}
    assert_same("the site's cell answers", shipped, expected, topo)
    on_pages = site_matrix_cells(built, vpcs)  # each coloured as its shipped answer
    assert {p for p in on_pages if p[0] in vpcs} == ({(v, w) for v in vpcs for w in vpcs if v != w}
                                                     if len(vpcs) <= VPC_MATRIX_MAX else set())
    assert {p for p in on_pages if p[0] not in vpcs}, "no VPC page shows a subnet matrix"
    assert_same("the site's matrices", on_pages, expected, topo)
    # both kinds of answer on the command line too: one that gets through, one that does not
    for want in (True, False):
        pair = next(p for p in sm.cells if p[0] != p[1] and expected[p].reachable is want)
        assert cli_reach(root, *pair) == expected[pair], pair
