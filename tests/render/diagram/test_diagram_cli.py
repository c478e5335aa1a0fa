"""``vpcdocs diagram`` as a user runs it."""

from __future__ import annotations

from click.testing import CliRunner
from diagram_specs import SPECS
from diagram_svg import node_ids

from vpcdocs.cli import cli
from vpcdocs.render.diagram import render_overview, render_vpc
from vpcdocs.render.diagram.ids import gv_id


def run(*args, cwd=None):
    runner = CliRunner()
    return runner.invoke(cli, ["diagram", *(str(a) for a in args)], catch_exceptions=False)


def test_help_shows_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "vpcdocs diagram --overview" in result.output and "--vpc" in result.output


def test_writes_vpc_svg_by_default(tmp_path, shipped):
    out = tmp_path / "a.svg"
    result = run(SPECS, "--vpc", "vpc-a", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == render_vpc(shipped, "vpc-a")
    assert gv_id("igw", "igw-a") in node_ids(out.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["a.svg"]  # atomic: no temp file left


def test_overview_png_and_dot(tmp_path, shipped):
    assert run(SPECS, "--overview", "--format", "png", "-o", tmp_path / "o.png").exit_code == 0
    assert (tmp_path / "o.png").read_bytes().startswith(b"\x89PNG")
    result = run(SPECS, "--overview", "--format", "dot", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("digraph")
    assert render_overview(shipped, "dot").decode() == result.stdout


def test_exactly_one_of_vpc_or_overview():
    assert run(SPECS).exit_code == 2
    assert run(SPECS, "--vpc", "vpc-a", "--overview").exit_code == 2


def test_unknown_vpc_and_spec_errors_exit_1(tmp_path):
    result = run(SPECS, "--vpc", "nope", "-o", tmp_path / "x.svg")
    assert result.exit_code == 1 and "no VPC 'nope'" in result.stderr
    bad = tmp_path / "specs"
    bad.mkdir()
    (bad / "bad.yaml").write_text("vpcs:\n  v:\n    cidr: not-a-cidr\n")
    result = run(bad, "--overview", "-o", tmp_path / "x.svg")
    assert result.exit_code == 1
    assert "bad.yaml:" in result.stderr and "error[" in result.stderr
    assert not (tmp_path / "x.svg").exists()


def test_layout_fallback_is_a_warning_not_a_traceback(tmp_path, shipped):
    out = tmp_path / "a.svg"
    result = run(SPECS, "--vpc", "vpc-a", "--graph-attr", "layout=bogus", "-o", out)
    assert result.exit_code == 0
    assert "warning: Graphviz layout failed" in result.stderr
    assert out.read_bytes() == render_vpc(shipped, "vpc-a")
