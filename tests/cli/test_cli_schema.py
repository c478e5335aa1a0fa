"""`vpcdocs schema`: a valid JSON Schema that agrees with the validator."""

from __future__ import annotations

import json

import pytest
import yaml
from cli_helpers import EXAMPLE_TEXT, SPECS, invoke, run
from jsonschema import Draft202012Validator

from vpcdocs.spec import load_spec_text

SCHEMA_ERROR_CODES = {"S-UNKNOWN-KEY", "S-TYPE", "S-REQUIRED", "S-VALUE", "S-CIDR"}


@pytest.fixture(scope="module")
def schema() -> dict:
    result = invoke("schema")
    assert result.exit_code == 0
    return json.loads(result.output)


@pytest.fixture(scope="module")
def validator(schema) -> Draft202012Validator:
    return Draft202012Validator(schema)


def schema_errors(validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(yaml.safe_load(text))]


def validator_codes(text: str) -> list[str]:
    return [d.code for d in load_spec_text(text).diagnostics]


def test_schema_is_valid_draft_2020_12(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert {"region", "vpcs", "peerings", "endpoint_services", "transit_gateways", "expect"} <= set(
        schema["properties"])


def test_schema_output_is_stable_and_written_to_file(tmp_path):
    first = run("schema").stdout
    assert first == run("schema").stdout
    result = run("schema", "-o", "out/vpcdocs.schema.json", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert (tmp_path / "out" / "vpcdocs.schema.json").read_text() == first


@pytest.mark.parametrize("name", sorted(p.name for p in SPECS.glob("*.yaml")))
def test_shipped_specs_validate_against_the_schema(validator, name):
    assert schema_errors(validator, (SPECS / name).read_text()) == []


def test_issue_example_validates_against_the_schema(validator):
    assert schema_errors(validator, EXAMPLE_TEXT) == []


# Each mistake must be caught by both the schema (editors) and the validator (vpcdocs check).
MISTAKES = {
    "unknown top-level key": ("region: us-east-1\n", "region: us-east-1\nregoin: x\n"),
    "unknown VPC key": ("    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    colour: blue\n"),
    "unknown subnet key": ("az: us-east-1a, route_table: a-public}", "az: us-east-1a, rt: a-public}"),
    "unknown route key": ("{destination: 0.0.0.0/0, target: igw-a}", "{destination: 0.0.0.0/0, target: igw-a, via: x}"),
    "unknown peering key": ("{requester: vpc-a, accepter: vpc-b}", "{requester: vpc-a, accepter: vpc-b, x: 1}"),
    "unknown endpoint key": ("service: s3, route_tables", "service: s3, tables: [], route_tables"),
    "wrong type main": ("main: true", "main: 'yes'"),
    "wrong type subnets": ("    subnets:\n      a-public:  {cidr: 10.0.0.0/24, az: us-east-1a, route_table: a-public}\n",
                           "    subnets: [a]\n    subnets_:\n      a-public:  {cidr: 10.0.0.0/24, az: us-east-1a, "
                           "route_table: a-public}\n"),
    "wrong type cidr": ("cidr: 10.1.0.0/16", "cidr: 16"),
    "missing subnet cidr": ("{cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}", "{az: us-east-1a}"),
    "missing route target": ("{destination: 10.0.0.0/16, target: pcx-a-b}", "{destination: 10.0.0.0/16}"),
    "bad enum": ("type: gateway", "type: gatway"),
    "bad region": ("region: us-east-1", "region: useast1"),
    "bad az": ("az: us-east-1a, route_table: b-app", "az: 'us east', route_table: b-app"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_schema_and_validator_agree_on_mistakes(validator, name):
    old, new = MISTAKES[name]
    assert old in EXAMPLE_TEXT, name
    text = EXAMPLE_TEXT.replace(old, new, 1)
    assert set(validator_codes(text)) & SCHEMA_ERROR_CODES, name
    assert schema_errors(validator, text), name


# Valid specs written in ways people do write them: the schema must not flag them either.
VALID_VARIANTS = {
    "number as name": ("    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    name: 2024\n"),
    "account as number": ("region: us-east-1\n", "region: us-east-1\naccount: 111122223333\n"),
    "empty routes list": ("      a-private:\n        main: true\n        routes:\n"
                          "          - {destination: 0.0.0.0/0, target: nat-a}\n"
                          "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n",
                          "      a-private:\n        main: true\n      a-spare:\n        routes:\n"),
    "empty route table": ("      a-private:\n        main: true\n", "      a-spare:\n      a-private:\n        main: true\n"),
    "empty endpoints": ("    endpoints:\n      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}\n",
                        "    endpoints:\n"),
    "capitalised endpoint type": ("type: gateway", "type: Gateway"),
    "lower-case listener protocol": ("    endpoints:\n", "    load_balancers:\n      lb:\n        type: network\n"
                                     "        subnets: [a-private]\n        listeners:\n"
                                     "          - {port: 443, protocol: tcp}\n    endpoints:\n"),
    "unquoted -1 protocol and port range": (
        "    endpoints:\n", "    security_groups:\n      sg-1:\n        egress:\n"
        "          - {protocol: -1, source: 0.0.0.0/0}\n          - {protocol: tcp, ports: 8080, source: 10.0.0.0/8}\n"
        "    endpoints:\n"),
    "ipv4-mapped ipv6": ("    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    ipv6_cidr: '::ffff:10.0.0.0/120'\n"),
    "tag values as numbers": ("    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    tags: {CostCentre: 4711}\n"),
}


@pytest.mark.parametrize("name", sorted(VALID_VARIANTS))
def test_schema_accepts_what_the_validator_accepts(validator, name):
    old, new = VALID_VARIANTS[name]
    assert old in EXAMPLE_TEXT, name
    text = EXAMPLE_TEXT.replace(old, new, 1)
    assert validator_codes(text) == [], (name, [d.format() for d in load_spec_text(text).diagnostics])
    assert schema_errors(validator, text) == [], name
