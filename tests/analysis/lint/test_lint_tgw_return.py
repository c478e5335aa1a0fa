"""L-TGW-RETURN on estates as organisations build them (benchmarks/build/generate.py): one
finding per table that loses the replies — located at that table, counting the VPCs whose
requests arrive without answers — never one per VPC pair.

The generated estate attaches most VPCs to a regional transit gateway; their app tiers route
10.0.0.0/8 to it, their public tiers (0.0.0.0/0 → internet gateway) and isolated data tiers
do not. The transit gateway delivers other VPCs' requests to every subnet of an attached VPC,
so replies from the public and data tiers are lost: AWS §7, "B's subnet route table needs a
route to the TGW".
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from lint_helpers import load, of

from vpcdocs.analysis.lint import LintContext, run_lint
from vpcdocs.analysis.lint.return_gaps import host_subnets, return_gaps
from vpcdocs.analysis.lint.route_spans import Blocks, route_spans
from vpcdocs.analysis.reach import Disposition, reachability
from vpcdocs.diagnostics import Severity
from vpcdocs.routing import Dest, dataplane
from vpcdocs.spec import load_specs

REPO = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("vpcdocs_build_generate", REPO / "benchmarks" / "build" / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate  # dataclasses look their module up
_spec.loader.exec_module(generate)


def estate(folder: Path, vpcs: int, edit=None):
    root = generate.write_estate(folder, vpcs)
    if edit is not None:
        edit(root)
    result = load_specs(str(root))
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR]
    return result.topology


@pytest.fixture(scope="module")
def e100(tmp_path_factory):
    topology = estate(tmp_path_factory.mktemp("e100"), 100)
    return topology, run_lint(topology)


def attached(topology) -> set[str]:
    return {a.vpc for a in topology.tgw_attachments if a.type == "vpc" and a.vpc}


def spec_line(d) -> str:
    return Path(d.location.file).read_text(encoding="utf-8").splitlines()[d.location.line - 1]


def test_one_finding_per_table_that_loses_replies(e100):
    topology, findings = e100
    dp = dataplane(topology)
    found = of(findings, "L-TGW-RETURN")
    tables = [d.resource for d in found]
    assert len(tables) == len(set(tables)), "one finding per table"
    # exactly the public and data tables of attached VPCs: ~2 per VPC, not ~1 per VPC pair
    expected = set()
    for vpc in attached(topology):
        for sid in {s.id for s in host_subnets(LintContext(topology), vpc)}:
            table = dp.subnet_table(sid)
            if table and not table.endswith(("-app-1a", "-app-1b", "-app-1c")) and \
                    (vpc not in dp.workload_vpcs or dp.interfaces_in(sid)):
                expected.add(table)
    assert set(tables) == expected
    assert len(found) <= 2 * len(attached(topology)) < 150
    for d in found:
        # located at the table to fix, in the file that declares it
        assert re.match(rf"\s+{re.escape(d.resource)}:\s*$", spec_line(d)), (d.format(), spec_line(d))
        classes = {dp.subnet_class(s) for s in dp.table(d.resource).subnets}
        if classes == {"isolated"}:  # the data tier: isolated on purpose, a note
            assert d.severity is Severity.INFO and "isolated" in d.message, d.format()
        else:
            assert d.severity is Severity.WARNING and "has no route back through tgw-" in d.message, d.format()
        assert re.search(r"\d+ VPCs \('[^']+', '[^']+', '[^']+', …\)", d.message), d.message
        assert "the request arrives but replies from" in d.message  # reach's words for the example pair


def test_a_finding_counts_exactly_the_vpcs_reach_says_get_no_replies(e100):
    topology, findings = e100
    r = reachability(topology)
    table = "prod-use1-2-public"
    (d,) = [d for d in of(findings, "L-TGW-RETURN") if d.resource == table]
    (gap,) = [g for g in return_gaps(LintContext(topology)) if g.key == ("route-table", table)]
    truth = set()
    for vpc in sorted(attached(topology) - {"prod-use1-2"}):
        if "tgw-use1" not in dataplane(topology).neighbours.tgws_of(vpc):
            continue
        answer = r.subnet_pair(f"{vpc}-app-1a", "prod-use1-2-public-1a")
        if answer.disposition == Disposition.NO_RETURN_ROUTE and answer.goes_via("tgw-use1"):
            truth.add(vpc)
    assert truth and set(gap.senders) == truth
    assert f"to {len(truth)} VPCs (" in d.message and "prod-use1-2-public-1a" in d.message
    assert d.resource == table and spec_line(d).strip() == f"{table}:"


def test_findings_grow_with_the_estate_not_its_square(tmp_path, e100):
    small = estate(tmp_path / "e50", 50)
    big, findings = e100
    n_small, n_big = len(of(run_lint(small), "L-TGW-RETURN")), len(of(findings, "L-TGW-RETURN"))
    pairs_small = sum(len(g.senders) for g in return_gaps(LintContext(small)))
    pairs_big = sum(len(g.senders) for g in return_gaps(LintContext(big)))
    assert pairs_big > 3.5 * pairs_small  # the VPC pairs losing replies: quadratic
    assert n_big < 2.5 * n_small  # the findings: linear


def test_forgotten_propagation_is_one_finding_per_tgw_table(tmp_path, e100):
    """Every 40th attachment of the generator was meant not to propagate; here one prod
    VPC's attachment is taken out of every propagation list: its requests still reach the
    shared and prod VPCs, whose replies find no route back in their TGW tables."""
    def forget(root: Path) -> None:
        path = root / "transit.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(propagations: \[.*?)att-prod-use1-4, ", r"\1", text), encoding="utf-8")

    topology = estate(tmp_path / "forgot", 100, forget)
    before = {d.resource for d in of(e100[1], "L-TGW-RETURN")}
    found = of(run_lint(topology), "L-TGW-RETURN")
    new = [d for d in found if d.resource not in before]
    # no request reaches prod-use1-4 any more (no TGW table has a route to it): its own
    # tables lose no replies; every other table is reported as before
    assert {d.resource for d in found} == (before - {"prod-use1-4-public", "prod-use1-4-data"}) | {
        d.resource for d in new}
    assert sorted(d.resource for d in new) == ["tgw-use1-prod", "tgw-use1-shared"]
    for d in new:
        assert d.severity is Severity.WARNING
        assert "has no route back to VPC 'prod-use1-4' (attachment 'att-prod-use1-4' not propagating into it)" \
            in d.message, d.message
        assert Path(d.location.file).name == "transit.yaml" and spec_line(d).strip() == f"{d.resource}:"
        assert "enable propagation of att-prod-use1-4" in d.message  # reach's answer for the example


def test_findings_are_deterministic(tmp_path, e100):
    again = estate(tmp_path / "again", 100)
    first = [d.format().replace(str(Path(d.location.file).parent), "") for d in of(e100[1], "L-TGW-RETURN")]
    second = [d.format().replace(str(tmp_path / "again"), "") for d in of(run_lint(again), "L-TGW-RETURN")]
    assert first == second


def _spans_match(topology, every: int = 1) -> None:
    """For every block (subnet and VPC CIDRs, IPv4 and IPv6, nested and repeated), the run
    a table's range look-up puts it in holds what the selector answers for the block alone."""
    dp = dataplane(topology)
    nets = [(n, s.id) for s in topology.subnets for n in s.networks] + [(c, v.id) for v in topology.vpcs
                                                                         for c in v.all_cidrs]
    blocks = Blocks(nets + nets[:3])
    selectors = [dp.selector(t.id) for t in dp.route_tables[::every]] + [dp.tgw_selector(t.id)
                                                                          for t in dp.tgw_route_tables]
    for selector in selectors:
        assert selector is not None
        seen = []
        for route, lo, hi in route_spans(selector, blocks):
            for i in range(lo, hi):
                assert selector.select(Dest("net", blocks.networks[i])) == route, (selector.id, blocks.items[i])
                seen.append(i)
        assert sorted(seen) == list(range(len(blocks)))


def test_route_spans_are_the_data_planes_longest_prefix_match(e100):
    _spans_match(e100[0], every=7)


def test_route_spans_with_ipv6_vpn_and_gateway_endpoints():
    from test_lint_ipv6_hybrid import HYBRID_YAML

    _spans_match(load(HYBRID_YAML))
