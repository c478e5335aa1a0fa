"""One ``vpcdocs diff`` run, several reports: --format/-o pairs and --output-dir."""

from __future__ import annotations

import json
import shutil

import pytest
from diff_helpers import ADD_PEERING_B_C

from vpcdocs.diff.report import MARKER

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


@pytest.fixture
def changed(repo):
    repo.change("specs/net.yaml", ADD_PEERING_B_C)
    repo.commit("peer b and c")
    return repo


@pytest.fixture
def count_diffs(monkeypatch):
    """How many times the change was computed (wraps the real diff_sides)."""
    import vpcdocs.diff.report as report_module

    calls: list[int] = []
    real = report_module.diff_sides

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(report_module, "diff_sides", counting)
    return calls


def test_pairs_write_each_format_from_one_computation(changed, run_diff, count_diffs, tmp_path):
    out = tmp_path / "out"
    res = run_diff(changed.root, "main~1", "main", "--format", "markdown", "-o", str(out / "a.md"),
                   "--format", "json", "-o", str(out / "b.json"), "--format", "text", "-o", str(out / "c.txt"))
    assert res.exit_code == 0, res.output
    assert len(count_diffs) == 1
    assert (out / "a.md").read_text().startswith(MARKER)
    data = json.loads((out / "b.json").read_text())
    assert data["counts"]["route_rows"]["added"] == 2
    assert (out / "c.txt").read_text().startswith("vpcdocs diff: ")
    # every file is byte-identical to the single-format run of the same format
    for fmt, name in (("markdown", "a.md"), ("json", "b.json"), ("text", "c.txt")):
        single = run_diff(changed.root, "main~1", "main", "--format", fmt)
        assert single.exit_code == 0
        assert single.stdout == (out / name).read_text(), fmt
    assert res.stderr.startswith("vpcdocs diff: resources: 1 added") and "route rows: 2 added" in res.stderr


def test_single_format_usage_is_unchanged(changed, run_diff, tmp_path):
    res = run_diff(changed.root, "main~1", "main", "--format", "json")
    assert json.loads(res.stdout)["head"].startswith("main (")
    res = run_diff(changed.root, "main~1", "main", "-o", str(tmp_path / "r.txt"))  # text by default
    assert res.exit_code == 0 and res.stdout == ""
    assert (tmp_path / "r.txt").read_text().startswith("vpcdocs diff: main~1 (")
    res = run_diff(changed.root, "main~1", "main", "--format", "markdown", "-o", "-")
    assert res.stdout.startswith(MARKER)


@pytest.mark.parametrize("args, message", [
    (["--format", "markdown", "--format", "json", "-o", "a.md"], "2 --format but 1 -o/--output"),
    (["-o", "a.md", "-o", "b.md"], "0 --format but 2 -o/--output"),
    (["--format", "markdown", "-o", "a.md", "--format", "json", "-o", "a.md"], "a.md: more than one report"),
    (["--format", "markdown", "-o", "-", "--format", "json", "-o", "-"], "only one report can go to stdout"),
])
def test_mismatched_pairs_are_usage_errors(changed, run_diff, args, message):
    res = run_diff(changed.root, "main~1", "main", *args)
    assert res.exit_code == 2
    assert message in res.output
    assert not (changed.root / "a.md").exists()


@needs_dot
def test_output_dir_writes_every_format_and_the_diagrams(changed, run_diff, count_diffs, tmp_path):
    out = tmp_path / "diff"
    res = run_diff(changed.root, "main~1", "main", "--output-dir", str(out),
                   "--diagrams-url", "https://example.org/pr-7/diagrams")
    assert res.exit_code == 0, res.output
    assert len(count_diffs) == 1
    assert res.stdout == ""  # nothing on stdout unless asked for
    assert sorted(p.name for p in out.iterdir()) == ["diagrams", "report.json", "report.md", "report.txt"]
    svgs = sorted(p.name for p in (out / "diagrams").iterdir())
    assert "overview.svg" in svgs and len(svgs) >= 2
    md = (out / "report.md").read_text()
    assert '<img src="https://example.org/pr-7/diagrams/overview.svg"' in md
    listed = [d["name"] for d in json.loads((out / "report.json").read_text())["diagrams"]]
    assert sorted(listed) == svgs


def test_output_dir_without_diagrams_needs_no_graphviz(changed, run_diff, tmp_path, monkeypatch):
    nodot = tmp_path / "bin"
    nodot.mkdir()
    (nodot / "git").symlink_to(shutil.which("git"))
    monkeypatch.setenv("PATH", str(nodot))
    out = tmp_path / "diff"
    res = run_diff(changed.root, "main~1", "main", "--output-dir", str(out), "--no-diagrams")
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md", "report.txt"]
    # asking for diagrams without Graphviz: install instructions, exit 1, nothing written
    res = run_diff(changed.root, "main~1", "main", "--output-dir", str(tmp_path / "d2"))
    assert res.exit_code == 1
    assert "sudo apt-get install graphviz" in res.stderr and "brew install graphviz" in res.stderr
    assert not (tmp_path / "d2").exists()


def test_control_characters_never_reach_the_terminal(repo, run_diff, tmp_path):
    """A spec whose broken text holds escape sequences: the diagnostics on stderr and every
    report show them as visible escapes (fuzz: diff used to print loader diagnostics raw)."""
    repo.write("specs/net.yaml", "region: us-east-1\nvpcs:\n  \"vpc-\x1b]0;pwned\x07\": {cidr: \"10.0.0.0/16\x1b[2J\"}\n")
    for fmt in ("text", "markdown", "json"):
        res = run_diff(repo.root, "main", "--format", fmt)
        assert res.exit_code == 1
        for stream in (res.stdout, res.stderr):
            assert "\x1b" not in stream and "\x07" not in stream, (fmt, stream)
    assert "\\x1b" in res.stderr  # shown, visibly
