"""`vpcdocs schema`: prints (or writes) the spec format's JSON Schema, for editors.

That the schema agrees with the validator, and that every field has hover help, is tested
on the schema itself in tests/spec/test_spec_schema.py; here: the command's output.
"""

from __future__ import annotations

import json

import pytest
import yaml
from cli_helpers import EXAMPLE_TEXT, REPO, SPECS, invoke, run
from jsonschema import Draft7Validator

from vpcdocs.spec import json_schema


@pytest.fixture(scope="module")
def schema() -> dict:
    result = invoke("schema")
    assert result.exit_code == 0
    return json.loads(result.output)


def test_schema_command_prints_the_draft_7_schema(schema):
    # yaml-language-server (VS Code's YAML extension) implements draft 7
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema == json_schema()
    assert {"vpcs", "prefix_lists", "vpn_connections", "expect"} <= set(schema["properties"])


def test_schema_output_is_stable_and_written_to_file(tmp_path):
    first = run("schema").stdout
    assert first == run("schema").stdout
    result = run("schema", "-o", "out/vpcdocs.schema.json", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert (tmp_path / "out" / "vpcdocs.schema.json").read_text() == first


@pytest.mark.parametrize("path", [*sorted(SPECS.glob("*.yaml")), REPO / "tests" / "spec" / "data" / "security.yaml"],
                         ids=lambda p: p.name)
def test_specs_validate_against_the_printed_schema(schema, path):
    errors = [e.message for e in Draft7Validator(schema).iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


def test_a_mistake_is_caught_by_the_printed_schema(schema):
    text = EXAMPLE_TEXT.replace("main: true", "main: 'yes'")
    assert [e.message for e in Draft7Validator(schema).iter_errors(yaml.safe_load(text))] == ["'yes' is not of type "
                                                                                               "'boolean'"]
