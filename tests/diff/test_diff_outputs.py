"""What a reviewer sees: the pull-request comment, the diff diagrams, stable bytes."""

from __future__ import annotations

import re
import shutil

import pytest
from diff_helpers import ADD_GWE_ASSOCIATION, ADD_PEERING_B_C, BASE_SPEC, apply

from vpcdocs.diff.report import MARKER, diff_topologies
from vpcdocs.render.diff import COMMENT_LIMIT, render_markdown
from vpcdocs.spec import load_spec_text

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


def load(text: str):
    result = load_spec_text(text, "net.yaml")
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


def test_markdown_comment_layout(repo, run_diff):
    repo.change("specs/net.yaml", ADD_PEERING_B_C)
    res = run_diff(repo.root, "main", "--format", "markdown")
    text = res.stdout
    assert text.startswith(MARKER + "\n")
    assert "route rows: 2 added" in text.split("\n")[3]  # the summary line, right under the title
    # reachability (with one group inside), routes, resources
    assert text.count("<details") == text.count("</details>") == 4
    assert "<details open>\n<summary><b>Reachability — 4 flows changed (1 cause)</b></summary>" in text
    # the four flows are one group, named after the peering that explains them, folded
    assert ("<details>\n<summary>🟢 <code>pcx-b-c</code> (peering, added) opens vpc-b ↔ vpc-c: "
            "2 VPC pairs, 2 subnet pairs</summary>") in text
    row = next(line for line in text.splitlines() if line.startswith("| <code>b-app</code> → <code>c-app</code> |"))
    _, was, now = row.strip("| ").split(" | ")
    assert "| VPC <code>vpc-b</code> → <code>vpc-c</code> | ⛔ blocked" in text
    assert was.startswith("⛔ blocked \\(no-route\\): no route in b-app for 10.2.1.0/24")  # the old blocker
    assert now == "✅ reachable via pcx-b-c"
    assert "| 🟢 added | 10.2.0.0/16 | pcx-b-c | static | active |" in text
    assert "[!WARNING]" in text  # flows changed, expect: untouched


def test_markdown_escapes_spec_text():
    evil = '<img src=x onerror=alert(1)> | `x` [link](javascript:alert(1))'
    base = load(BASE_SPEC)
    head = load(apply(BASE_SPEC, [("      a-isolated: {}\n",
                                   f"      a-isolated: {{description: '{evil}'}}\n")]))
    text = render_markdown(diff_topologies(base, head))
    assert "<img src=x" not in text
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\`x\\` \\[link\\]\\(javascript:alert\\(1\\)\\)" in text
    for line in text.splitlines():  # every table row keeps its columns
        if line.startswith("| 🟠 changed | route"):
            assert line.count(" | ") == 4


def test_no_change_comment():
    topo = load(BASE_SPEC)
    text = render_markdown(diff_topologies(topo, topo))
    assert text == f"{MARKER}\n### vpcdocs diff\n\n<code>base</code> → <code>head</code>: **no network changes**\n"


def huge_head(n_vpcs: int) -> str:
    lines = ["region: us-east-1", "vpcs:"]
    for i in range(n_vpcs):
        lines += [f"  vpc-{i:03d}:", f"    cidr: 10.{i // 4}.{(i % 4) * 64}.0/18",
                  f"    description: VPC number {i} with a long description to fill the comment up quickly",
                  "    subnets:"]
        lines += [f"      s-{i:03d}-{j}: {{cidr: 10.{i // 4}.{(i % 4) * 64 + j}.0/24, az: us-east-1a, "
                  f"route_table: rt-{i:03d}}}" for j in range(4)]
        lines += ["    route_tables:", f"      rt-{i:03d}: {{main: true}}"]
    return "\n".join(lines) + "\n"


def test_huge_change_is_cut_to_the_comment_limit_with_a_pointer():
    base = load("region: us-east-1\nvpcs: {}\n")
    head = load(huge_head(300))
    report = diff_topologies(base, head)
    full = render_markdown(report, limit=10**9)
    assert len(full) > COMMENT_LIMIT  # really too big
    text = render_markdown(report, full_report_url="https://example.com/run/1")
    assert len(text.encode("utf-16-le")) // 2 <= COMMENT_LIMIT
    assert text.startswith(MARKER)
    assert "resources: 1800 added" in text  # the summary still tells the whole story
    assert "cut to fit GitHub's comment limit" in text and "(https://example.com/run/1)" in text
    assert re.search(r"… and \d+ more rows \(cut to fit the comment limit\)", text)
    assert text.count("<details") == text.count("</details>")
    # without a URL the pointer names the workflow artifact
    text = render_markdown(report)
    assert len(text) <= COMMENT_LIMIT and "`vpcdocs-diff` artifact" in text


def test_even_a_tiny_limit_is_respected():
    report = diff_topologies(load("region: us-east-1\nvpcs: {}\n"), load(huge_head(20)))
    for limit in (3000, 1500):
        text = render_markdown(report, limit=limit)
        assert len(text) <= limit
        assert text.startswith(MARKER) and "cut to fit" in text


@needs_dot
def test_diff_svg_highlights_by_element_id(repo, run_diff, tmp_path):
    repo.change("specs/net.yaml", ADD_PEERING_B_C + ADD_GWE_ASSOCIATION + [
        ("      a-app-2: {cidr: 10.0.2.0/24, az: us-east-1a, route_table: a-app}\n", ""),
    ])
    out = tmp_path / "diagrams"
    res = run_diff(repo.root, "main", "--diagrams-dir", str(out), "--format", "markdown",
                   "--diagrams-url", "https://example.com/pr-1/diff")
    assert res.exit_code == 0, res.output
    # vpc-c changed (new route, new peering), vpc-a (endpoint, subnet removed), vpc-b; all three here
    assert sorted(p.name for p in out.iterdir()) == ["overview.svg", "vpc-a.svg", "vpc-b.svg", "vpc-c.svg"]
    svg_b = (out / "vpc-b.svg").read_text()
    added = re.search(r'<g id="pcx_pcx_2db_2dc" class="node diff-added">(.*?)</g>', svg_b, re.S)
    assert added and 'stroke="#1e8e3e"' in added.group(1).lower()
    svg_a = (out / "vpc-a.svg").read_text()
    ghost = re.search(r'<g id="cluster_sn_a_2dapp_2d2" class="cluster diff-removed">(.*?)</g>', svg_a, re.S)
    assert ghost and 'stroke="#d13212"' in ghost.group(1).lower() and "stroke-dasharray" in ghost.group(1)
    assert "a&#45;app&#45;2" in svg_a  # the removed subnet is still drawn (and named), as a ghost
    changed = re.search(r'<g id="gwe_a_2ds3" class="node diff-changed">(.*?)</g>', svg_a, re.S)
    assert changed and 'stroke="#e07b00"' in changed.group(1).lower()
    assert 'id="diff_legend"' in svg_a and "removed (dashed ghost)" in svg_a
    comment = res.stdout
    assert '<img src="https://example.com/pr-1/diff/vpc-a.svg" alt="vpc-a (changed)">' in comment


@needs_dot
def test_unchanged_vpcs_are_not_rendered(repo, run_diff, tmp_path):
    repo.change("specs/net.yaml", ADD_GWE_ASSOCIATION)
    out = tmp_path / "d"
    assert run_diff(repo.root, "main", "--diagrams-dir", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["overview.svg", "vpc-a.svg"]


@needs_dot
def test_outputs_are_byte_identical_across_runs(repo, run_diff, tmp_path):
    repo.change("specs/net.yaml", ADD_PEERING_B_C)
    repo.commit("peer b and c")
    repo.change("specs/net.yaml", ADD_GWE_ASSOCIATION)
    runs = []
    for n in range(2):
        out = tmp_path / f"run{n}"
        files = {}
        for fmt in ("text", "markdown", "json"):
            res = run_diff(repo.root, "HEAD~1", "--format", fmt, "-o", str(out / f"report.{fmt}"),
                           "--diagrams-dir", str(out / "diagrams"))
            assert res.exit_code == 0, res.output
        for p in sorted(out.rglob("*")):
            if p.is_file():
                files[p.relative_to(out).as_posix()] = p.read_bytes()
        runs.append(files)
    assert runs[0].keys() == runs[1].keys() and len(runs[0]) == 3 + 4
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], name

