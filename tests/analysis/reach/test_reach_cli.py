"""``vpcdocs reach``: answers, JSON shape, matrix, exit codes."""

from __future__ import annotations

import json

import pytest
from _reach_specs import PEERING
from click.testing import CliRunner

from vpcdocs.cli import cli


@pytest.fixture
def spec_dir(tmp_path):
    (tmp_path / "net.yaml").write_text(PEERING)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, ["reach", *(str(a) for a in args)])


def test_json_answer_has_exactly_the_documented_keys(spec_dir):
    result = run(spec_dir, "--from", "a-private", "--to", "c-app", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data)[:3] == ["from", "to", "reachable"]
    assert {"path", "reason", "rules", "disposition", "explanation_codes", "checks", "return_path"} <= set(data)
    assert data["reachable"] is True
    assert data["path"][0] == {"at": "a-private", "route_table": "a-private", "matched": "10.2.0.0/16",
                               "target": "pcx-a-c"}


def test_unreachable_is_still_exit_0_with_the_reason(spec_dir):
    result = run(spec_dir, "--from", "b-app", "--to", "c-app")
    assert result.exit_code == 0
    assert "NOT reachable" in result.output and "PEER-1" in result.output


def test_port_option_and_service_destinations(spec_dir):
    result = run(spec_dir, "--from", "a-private", "--to", "s3", "--port", "443", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["path"][0]["target"] == "s3-gw"


def test_unknown_endpoint_is_a_usage_error_with_did_you_mean(spec_dir):
    result = run(spec_dir, "--from", "b-ap", "--to", "c-app")
    assert result.exit_code == 2
    assert "did you mean 'b-app'" in result.output


def test_missing_from_or_to_is_a_usage_error(spec_dir):
    assert run(spec_dir, "--from", "b-app").exit_code == 2
    assert run(spec_dir, "--matrix", "--from", "b-app").exit_code == 2


def test_spec_errors_exit_1_and_are_printed(tmp_path):
    (tmp_path / "bad.yaml").write_text(PEERING.replace("target: pcx-a-c", "target: pcx-nope"))
    result = CliRunner().invoke(cli, ["reach", str(tmp_path), "--from", "a-private", "--to", "c-app"])
    assert result.exit_code == 1
    assert "pcx-nope" in result.output


def test_matrix_text_and_json(spec_dir):
    result = run(spec_dir, "--matrix")
    assert result.exit_code == 0 and "vpc-b → vpc-c" in result.output
    result = run(spec_dir, "--matrix", "--level", "subnet", "--format", "json")
    data = json.loads(result.output)
    assert data["level"] == "subnet" and "b-app" in data["rows"]
    cell = next(c for c in data["cells"] if c["from"] == "b-app" and c["to"] == "c-app")
    assert cell["reachable"] is False


def test_help_has_examples():
    result = CliRunner().invoke(cli, ["reach", "--help"])
    assert result.exit_code == 0
    assert "vpcdocs reach specs --from a-private-1a --to s3" in result.output
