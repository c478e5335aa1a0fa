"""Matrices: VPC × VPC and subnet × subnet; every cell is exactly what ``reach`` answers."""

from __future__ import annotations

import sys
from pathlib import Path

from _reach_specs import PEERING, TGW, load

from vpcdocs.analysis.reach import Disposition, reach, reachability, subnet_matrix, vpc_matrix
from vpcdocs.render.reach import matrix_text_lines

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks" / "reach"))


def test_origin_vpc_matrix():
    m = vpc_matrix(load(PEERING))
    assert m.rows == m.columns == ("vpc-a", "vpc-b", "vpc-c")
    assert m.reachable("vpc-a", "vpc-b") and m.reachable("vpc-b", "vpc-a")
    assert m.reachable("vpc-a", "vpc-c") and m.reachable("vpc-c", "vpc-a")
    assert not m.reachable("vpc-b", "vpc-c") and not m.reachable("vpc-c", "vpc-b")
    cell = m.cell("vpc-b", "vpc-c")
    assert cell.disposition == Disposition.NOT_TRANSITIVE
    assert "PEER-1" in cell.answer.rules and cell.answer.source == "vpc-b"
    data = m.to_json()
    assert data["level"] == "vpc" and len(data["cells"]) == 9
    assert {"from", "to", "reachable", "disposition", "reason"} <= set(data["cells"][0])
    text = "\n".join(matrix_text_lines(m.rows, m.columns, lambda: iter(m)))
    assert "vpc-b → vpc-c (not-transitive): no route in b-app for 10.2.0.0/16" in text


def test_tgw_vpc_matrix():
    m = vpc_matrix(load(TGW))
    assert m.reachable("vpc-app1", "vpc-shared") and m.reachable("vpc-shared", "vpc-app2")
    assert not m.reachable("vpc-app1", "vpc-app2")
    assert m.cell("vpc-app1", "vpc-app2").disposition == Disposition.BLACKHOLE


def test_subnet_matrix_rows_and_neighbourhood_columns():
    topo = load(PEERING)
    m = subnet_matrix(topo, "vpc-a")
    assert m.rows == ("a-isolated", "a-private", "a-private-b", "a-public")
    assert "b-app" in m.columns and "c-app" in m.columns
    assert m.reachable("a-private", "c-app") and m.reachable("a-private-b", "c-app")
    assert not m.reachable("a-isolated", "c-app")
    assert m.cell("a-private-b", "c-app").answer.path[0].at == "a-private-b"


def test_many_subnets_on_one_table_share_route_look_ups():
    # 20 more subnets on one table: look-ups are memoised per (table, destination), not per subnet
    subnets = "\n".join(f"      s{i}: {{cidr: 10.0.{i}.0/24, az: us-east-1a, route_table: a-private}}"
                        for i in range(30, 50))
    text = PEERING.replace("      a-isolated: {cidr", subnets + "\n      a-isolated: {cidr")
    m = vpc_matrix(load(text))
    assert m.reachable("vpc-a", "vpc-b")
    assert m.stats["subnets"] == 26
    assert m.stats["route_lookups"] < 60


def test_every_cell_equals_reach_for_the_pair_on_generated_estates():
    from generate import generate

    for mode in ("mixed", "peering"):
        topo = load(generate(24, 5, mode))
        m = vpc_matrix(topo)
        assert 0 < sum(c.reachable for c in m) < len(m.cells)
        fresh = load(generate(24, 5, mode))  # another engine: no memo shared with the matrix
        for cell in m:
            answer = reach(fresh, cell.source, cell.destination)
            assert (answer.disposition, answer.reason, answer.rules, answer.path) == (
                cell.disposition, cell.reason, cell.answer.rules, cell.answer.path), (cell.source, cell.destination)


def test_subnet_cells_equal_reach_and_keep_the_source_address():
    # c-data is on the same table as c-app but in the secondary CIDR: its replies differ
    topo = load(PEERING.replace("""      c-app: {cidr: 10.2.1.0/24, az: us-east-1a, route_table: c-app}""",
                                """      c-app: {cidr: 10.2.1.0/24, az: us-east-1a, route_table: c-app}
      c-data: {cidr: 10.3.1.0/24, az: us-east-1a, route_table: c-app}""").replace(
        "    cidr: 10.2.0.0/16\n", "    cidr: 10.2.0.0/16\n    secondary_cidrs: [10.3.0.0/16]\n", 1))
    m = subnet_matrix(topo, "vpc-c")
    for cell in m:
        answer = reachability(topo).subnet_pair(cell.source, cell.destination)
        assert answer.disposition == cell.disposition, (cell.source, cell.destination)
    assert m.reachable("c-app", "a-private")
    assert m.cell("c-data", "a-private").disposition == Disposition.NO_RETURN_ROUTE


def test_narrowed_block_walks_equal_full_walks():
    """A VPC pair reuses its walk to the destination's CIDR block for the places inside it
    (Walker.narrow): for every block and place, that must equal walking to the place."""
    from generate import generate

    for mode in ("mixed", "tgw"):
        topo = load(generate(12, 4, mode))
        r = reachability(topo)
        walker = r.flows.walker
        checked = 0
        for v in [x.id for x in topo.vpcs]:
            for state, _key, _members in r._source_groups(v):
                for w in [x.id for x in topo.vpcs]:
                    for _net, _version, bdest, dests in r._blocks(w):
                        block_walk = walker.walk(state, bdest)
                        for place in dests:
                            narrowed = walker.narrow(block_walk, place.dest())
                            if narrowed is None:
                                continue
                            full = walker.walk(state, place.dest())
                            assert narrowed == full, (state, place.label)
                            checked += 1
        assert checked > 100

