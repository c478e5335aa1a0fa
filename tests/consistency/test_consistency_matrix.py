"""Matrix = reach, in Python: every cell of ``vpc_matrix`` and ``subnet_matrix`` (every
subnet, and each VPC's neighbourhood as the VPC pages show it) is what ``reach`` answers for
that pair — disposition, path, rules, explanation codes — and a VPC pair is reachable exactly
when some subnet of one reaches some subnet of the other (issue 10 §3: any grouping for speed
must be equivalent).

``reach`` is asked on another :class:`Topology` object (no shared data plane or caches), pair
by pair in reverse order, so an answer that depends on what was computed before shows up.
"""

from __future__ import annotations

from consistency_known import is_open
from consistency_topologies import PROPERTY, Generated, topologies
from consistency_views import Shown, comparable, shown
from hypothesis import given, note

from vpcdocs.analysis.reach import reach, subnet_matrix, vpc_matrix
from vpcdocs.model import Topology
from vpcdocs.routing import dataplane
from vpcdocs.spec import load_spec_text


def load(text: str) -> Topology:
    result = load_spec_text(text, "spec.yaml")
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


def fresh_answers(topo: Topology, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], Shown]:
    """``reach`` for every pair on ``topo``, in reverse order."""
    return {pair: shown(reach(topo, *pair)) for pair in reversed(pairs)}


def assert_same(view: str, cells: dict[tuple[str, str], Shown], expected: dict[tuple[str, str], Shown],
                topo: Topology | None = None) -> None:
    """Every cell of ``view`` is what ``reach`` answered (as far as the view shows it). With
    ``topo``, pairs that an open bug makes order-dependent are left out (see consistency_known)."""
    bad = [(pair, comparable(expected[pair], got), got) for pair, got in cells.items()
           if comparable(expected[pair], got) != got and not (topo is not None and cons4(topo, expected[pair]))]
    assert not bad, f"{view} disagrees with reach on {len(bad)} pair(s); first (pair, reach, view): {bad[0]}"


def cons4(topo: Topology, answer: Shown) -> bool:
    """CONS-4 (open): the request ends at an internet gateway through a blackhole route — the
    answer then depends on what was asked before."""
    if not is_open("CONS-4") or not answer.path:
        return False
    _at, table, target = answer.path[-1]
    eff = dataplane(topo).table(table or "")
    return eff is not None and any(r.target == target and r.target_type == "internet-gateway" and r.state != "active"
                                   for r in eff.routes)


def subnets_of(gen: Generated, vpc: str) -> list[str]:
    return [s for s in gen.subnets if s.startswith(f"s-{vpc[4:]}-")]


@given(topologies())
@PROPERTY
def test_matrix_cells_are_what_reach_answers(gen: Generated) -> None:
    note(gen.text)
    topo = load(gen.text)
    vm = vpc_matrix(topo)
    sm = subnet_matrix(topo)
    per_vpc = [subnet_matrix(topo, v) for v in gen.vpcs]
    assert set(vm.cells) == {(v, w) for v in gen.vpcs for w in gen.vpcs}
    assert set(sm.cells) == {(s, t) for s in gen.subnets for t in gen.subnets}
    pairs = list(vm.cells) + list(sm.cells)
    expected = fresh_answers(load(gen.text), pairs)
    for matrix in (vm, sm, *per_vpc):
        assert_same(f"{matrix.level} matrix", {p: shown(c.answer) for p, c in matrix.cells.items()}, expected, topo)
    workload_vpcs = dataplane(topo).workload_vpcs if is_open("CONS-3") else frozenset()
    for (v, w), cell in vm.cells.items():
        if v in workload_vpcs or w in workload_vpcs:
            continue
        some = [(s, t) for s in subnets_of(gen, v) for t in subnets_of(gen, w) if sm.cell(s, t).reachable]
        assert cell.reachable == bool(some), (v, w, cell.answer.disposition, some[:1])
