"""Matrices: VPC × VPC and subnet × subnet, with grouping and memoised look-ups."""

from __future__ import annotations

from _reach_specs import PEERING, TGW, load

from vpcdocs.analysis.reach import subnet_matrix, vpc_matrix


def test_origin_vpc_matrix():
    m = vpc_matrix(load(PEERING))
    assert m.rows == m.columns == ("vpc-a", "vpc-b", "vpc-c")
    assert m.reachable("vpc-a", "vpc-b") and m.reachable("vpc-b", "vpc-a")
    assert m.reachable("vpc-a", "vpc-c") and m.reachable("vpc-c", "vpc-a")
    assert not m.reachable("vpc-b", "vpc-c") and not m.reachable("vpc-c", "vpc-b")
    cell = m.cell("vpc-b", "vpc-c")
    assert "PEER-1" in cell.answer.rules and cell.answer.source == "vpc-b"
    data = m.to_json()
    assert data["level"] == "vpc" and len(data["cells"]) == 9
    assert {"from", "to", "reachable", "reason"} <= set(data["cells"][0])
    text = m.format()
    assert "vpc-b → vpc-c: no route in b-app for 10.2.0.0/16" in text


def test_tgw_vpc_matrix():
    m = vpc_matrix(load(TGW))
    assert m.reachable("vpc-app1", "vpc-shared") and m.reachable("vpc-shared", "vpc-app2")
    assert not m.reachable("vpc-app1", "vpc-app2")


def test_subnet_matrix_shares_work_within_a_group():
    topo = load(PEERING)
    m = subnet_matrix(topo, "vpc-a")
    # rows: vpc-a's subnets; columns: vpc-a and its peers' subnets
    assert m.rows == ("a-isolated", "a-private", "a-private-b", "a-public")
    assert "b-app" in m.columns and "c-app" in m.columns
    assert m.reachable("a-private", "c-app") and m.reachable("a-private-b", "c-app")
    assert not m.reachable("a-isolated", "c-app")
    # a-private and a-private-b share a table: one trace serves both, answers name their own subnet
    assert m.cell("a-private-b", "c-app").answer.path[0].at == "a-private-b"
    assert m.stats["source_groups"] == 3


def test_grouping_keeps_lookups_per_table_not_per_subnet():
    # 20 subnets on one table: the VPC matrix does one look-up per (table, destination block)
    subnets = "\n".join(f"      s{i}: {{cidr: 10.0.{i}.0/24, az: us-east-1a, route_table: a-private}}" for i in range(30, 50))
    text = PEERING.replace("      a-isolated: {cidr", subnets + "\n      a-isolated: {cidr")
    m = vpc_matrix(load(text))
    assert m.reachable("vpc-a", "vpc-b")
    assert m.stats["subnets"] == 26
    assert m.stats["source_groups"] == 5  # a-public, a-private (21 subnets), a-isolated, b-app, c-app
    assert m.stats["route_lookups"] < 30


def test_matrix_shortcuts_give_the_same_answers_as_full_traces():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks" / "reach"))
    from generate import generate

    from vpcdocs.analysis.reach.engine import Reachability

    for mode in ("mixed", "peering"):
        topo = load(generate(24, 5, mode))
        m = vpc_matrix(topo)
        slow = Reachability(topo)
        slow._fast_fail = lambda *args: None  # always trace in full
        assert 0 < sum(c.reachable for c in m) < len(m.cells)
        for cell in m:
            flow = slow.vpc_pair(cell.source, cell.destination)
            assert (flow.ok, flow.message, flow.rules, flow.path) == \
                (cell.reachable, cell.reason, cell.flow.rules, cell.flow.path), (cell.source, cell.destination)
