"""What a user reads agrees everywhere, end to end through the real outputs:

* ``vpcdocs reach --matrix --format json`` (VPC and subnet level), the site's Reachability page
  and each VPC page's subnet matrix ("Paths and reasons" included) say what ``reach`` answers
  for every pair;
* findings are identical in ``vpcdocs check --format json``, the site's Findings page (and the
  data behind it, ``generate(...).diagnostics``) and the PR diff's findings side
  (``vpcdocs.diff.findings``) — suppressions included: a suppressed finding is nowhere, an
  unused or unknown suppression is reported everywhere.

One property for both: the command line and the site build load the specs themselves, which
is most of the time an example takes.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from consistency_topologies import PROPERTY, Generated, topologies
from consistency_views import (
    Shown,
    cli_matrix,
    page,
    run_cli,
    site,
    site_answers,
    site_matrix_cells,
    spec_dir,
    vpc_page,
    vpc_page_matrix,
)
from hypothesis import given, note
from test_consistency_matrix import assert_same, fresh_answers, subnets_of

from vpcdocs.diagnostics import Diagnostic
from vpcdocs.diff.findings import Finding, collect, diff_findings
from vpcdocs.model import Topology
from vpcdocs.site.generate import Generated as Site
from vpcdocs.spec import LoadResult, load_specs


def check_matrices(gen: Generated, root: Path, built: Site, loaded: LoadResult) -> None:
    cli_vpc = cli_matrix(root, "vpc")
    cli_subnet = cli_matrix(root, "subnet")
    shipped = site_answers(built)  # what a click on a cell shows
    on_pages = site_matrix_cells(built, gen.vpcs)  # the ✓/✗ of the cells, each coloured as its answer
    pairs = sorted(set(cli_vpc) | set(cli_subnet) | set(shipped))
    expected: dict[tuple[str, str], Shown] = fresh_answers(loaded.topology, pairs)
    assert set(cli_vpc) == {(v, w) for v in gen.vpcs for w in gen.vpcs}
    assert set(cli_subnet) == {(s, t) for s in gen.subnets for t in gen.subnets}
    assert {p for p in shipped if p[0] in gen.vpcs} == {(v, w) for v in gen.vpcs for w in gen.vpcs if v != w}
    assert set(on_pages) <= set(shipped), "a cell on a page without its answer in the site's data"
    assert {p for p in on_pages if p[0] in gen.vpcs} == {p for p in shipped if p[0] in gen.vpcs}
    topo = loaded.topology
    assert_same("reach --matrix --level vpc", cli_vpc, expected, topo)
    assert_same("reach --matrix --level subnet", cli_subnet, expected, topo)
    assert_same("the site's cell answers", shipped, expected, topo)
    assert_same("the site's matrices", on_pages, expected, topo)
    for v in gen.vpcs:
        assert {s for s, _t in vpc_page_matrix(vpc_page(built, v))} <= set(subnets_of(gen, v))


def key(code: str, severity: str, message: str, resource: str | None, line: int | None) -> tuple:
    return (code, severity, message, resource, line or None)


def of(d: Diagnostic) -> tuple:
    return key(d.code, d.severity.value, d.message, d.resource, d.location.line)


def findings_page_rows(markdown: str) -> int:
    """How many findings the Findings page lists (one table row each)."""
    count, in_table = 0, False
    for line in markdown.splitlines():
        if line.startswith("| Finding |"):
            in_table = True
        elif in_table and line.startswith("| ") and not line.startswith("| ---"):
            count += 1
        elif not line.startswith("|"):
            in_table = False
    return count


def check_findings(root: Path, built: Site, loaded: LoadResult) -> None:
    code, out = run_cli("check", str(root), "--format", "json")
    checked = [key(f["code"], f["severity"], f["message"], f["resource"], f["line"]) for f in json.loads(out)]
    assert code == (1 if any(f[1] == "error" for f in checked) else 0)
    assert [of(d) for d in built.diagnostics] == checked
    in_diff, _notes = collect(loaded.topology, loaded.diagnostics)
    assert [of(d) for d in in_diff] == checked
    # a PR that adds these specs introduces exactly these findings
    introduced = diff_findings(Topology(), loaded.topology, (), loaded.diagnostics).introduced
    assert Counter(f.key for f in introduced) == Counter(Finding.of(d).key for d in built.diagnostics)
    # the Findings page lists each of them once
    findings_page = page(built, "network/findings.md")
    assert findings_page_rows(findings_page) == len(checked)
    for code_, n in Counter(f[0] for f in checked).items():
        assert f"### {code_} \\({n}\\)" in findings_page, (code_, n)
    # and none that the spec suppresses
    suppressed = {(res.id, s.code) for _kind, res in loaded.topology.iter_resources() for s in res.suppress}
    leaked = [f for f in checked if (f[3], f[0]) in suppressed]
    assert not leaked, leaked


@given(topologies())
@PROPERTY
def test_command_line_site_and_diff_agree_with_reach_and_lint(gen: Generated) -> None:
    note(gen.text)
    with spec_dir(gen.text) as root:
        built = site(root)
        loaded = load_specs(root)
        assert loaded.ok
        check_matrices(gen, root, built, loaded)
        check_findings(root, built, loaded)
