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


def test_exactly_one_diagram():
    assert run(SPECS).exit_code == 2
    assert run(SPECS, "--vpc", "vpc-a", "--overview").exit_code == 2
    assert run(SPECS, "--tgw", "tgw-hub", "--estate").exit_code == 2
    assert run(SPECS, "--vpc", "vpc-a", "--dark", "--format", "png").exit_code == 2


def test_tgw_region_estate_routes_scale_and_dark(tmp_path, shipped):
    import struct

    from vpcdocs.render.diagram import DiagramRef, render_diagram

    assert run(SPECS, "--tgw", "tgw-hub", "-o", tmp_path / "t.svg").exit_code == 0
    assert (tmp_path / "t.svg").read_bytes() == render_diagram(shipped, DiagramRef("tgw", "tgw-hub")).data
    assert run(SPECS, "--region", "eu-west-1", "-o", tmp_path / "r.svg").exit_code == 0
    assert "Region eu-west-1" in (tmp_path / "r.svg").read_text()
    assert run(SPECS, "--estate", "-o", tmp_path / "e.svg").exit_code == 0
    assert run(SPECS, "--vpc", "vpc-a", "--routes", "-o", tmp_path / "a.svg").exit_code == 0
    assert (tmp_path / "a.svg").read_bytes() == render_diagram(shipped, "vpc-a", routes=True).data
    assert run(SPECS, "--vpc", "vpc-a", "--dark", "-o", tmp_path / "d.svg").exit_code == 0
    assert b"#1e2029" in (tmp_path / "d.svg").read_bytes()
    for scale in ("1", "3"):
        assert run(SPECS, "--vpc", "vpc-a", "--format", "png", "--scale", scale, "-o", tmp_path / f"{scale}.png").exit_code == 0
    w1 = struct.unpack(">II", (tmp_path / "1.png").read_bytes()[16:24])[0]
    w3 = struct.unpack(">II", (tmp_path / "3.png").read_bytes()[16:24])[0]
    assert abs(w3 - 3 * w1) <= 3
    result = run(SPECS, "--tgw", "nope")
    assert result.exit_code == 1 and "no transit gateway 'nope'" in result.stderr
    result = run(SPECS, "--region", "mars-1")
    assert result.exit_code == 1 and "regions: eu-west-1, us-east-1" in result.stderr


def test_default_file_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(SPECS, "--vpc", "vpc-a").exit_code == 0
    assert run(SPECS, "--tgw", "tgw-hub", "--dark").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tgw-tgw-hub_dark.svg", "vpc-a.svg"]


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


def test_a_graphviz_failure_is_a_located_error_not_a_traceback(tmp_path):
    out = tmp_path / "a.svg"
    result = run(SPECS, "--vpc", "vpc-a", "--graph-attr", "layout=bogus", "-o", out)
    assert result.exit_code == 1
    assert "error[D-DIAGRAM]: the diagram of VPC 'vpc-a' could not be drawn" in result.output
    assert "specs/peering.yaml:" in result.output and not out.exists()
