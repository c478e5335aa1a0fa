"""Validating one file against the schema.

Codes: S-UNKNOWN-KEY, S-TYPE, S-REQUIRED, S-VALUE, S-CIDR, S-CIDR-ALIGN — each with its exact
location, and all problems of a run reported together.
"""

from __future__ import annotations

import pytest
from spec_helpers import BASE, at, codes, errors, formatted, load, only

from vpcdocs.diagnostics import Location, Severity

# --------------------------------------------------------------------------- S-UNKNOWN-KEY


@pytest.mark.parametrize(
    ("old", "new", "typo", "hint"),
    [
        ("    subnets:\n", "    subnetz:\n", "subnetz", "did you mean 'subnets'?"),
        ("region: us-east-1\n", "regoin: us-east-1\n", "regoin", "did you mean 'region'?"),
        ("        main: true\n", "        mian: true\n", "mian", "did you mean 'main'?"),
        ("{destination: 0.0.0.0/0, target: igw-a}", "{destination: 0.0.0.0/0, tagret: igw-a}", "tagret",
         "did you mean 'target'?"),
        ("{cidr: 10.0.1.0/24, az: us-east-1a}", "{cidr: 10.0.1.0/24, zone: us-east-1a}", "zone", None),
    ],
)
def test_unknown_key_with_did_you_mean(old, new, typo, hint):
    text = BASE.replace(old, new)
    assert text != BASE
    d = only(load(text), "S-UNKNOWN-KEY")
    assert d.location == at(text, typo)
    assert f"unknown key '{typo}'" in d.message
    if hint:
        assert d.hint == hint
    else:  # nothing close: the allowed keys are listed instead
        assert d.hint.startswith("allowed: ") and "az" in d.hint


def test_unknown_key_in_route_table_and_vpc_reported_together():
    text = BASE.replace("    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    colour: blue\n").replace(
        "        main: true\n", "        main: true\n        propagating: [vgw-1]\n")
    result = load(text)
    found = [d for d in result.diagnostics if d.code == "S-UNKNOWN-KEY"]
    assert [d.location for d in found] == [at(text, "colour"), at(text, "propagating")]
    assert found[1].hint == "did you mean 'propagating_vgws'?"


@pytest.mark.parametrize("key", ["subnets", "security_groups", "private_dns"])
def test_interface_only_keys_on_a_gateway_endpoint(key):
    value = {"subnets": "[a-private]", "security_groups": "[sg-0123456789abcdef0]", "private_dns": "true"}[key]
    text = BASE + f"    endpoints:\n      s3-gw: {{type: gateway, service: s3, {key}: {value}}}\n"
    d = only(load(text), "S-UNKNOWN-KEY")
    assert d.location == at(text, value + "}")
    assert "interface endpoints" in d.message


def test_gateway_only_keys_on_an_interface_endpoint():
    text = BASE + "    endpoints:\n      sqs: {type: interface, service: sqs, route_tables: [a-private]}\n"
    d = only(load(text), "S-UNKNOWN-KEY")
    assert d.location == at(text, "[a-private]")


# --------------------------------------------------------------------------- S-TYPE


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("        main: true\n", "        main: 'yes'\n", "'yes'", "expected true or false, got a string 'yes'"),
        ("    subnets:\n", "    subnets: [a, b]\n    x-subnets:\n", "[a, b]", "expected a mapping of subnet ids"),
        ("        routes:\n          - {destination: 0.0.0.0/0, target: igw-a}\n",
         "        routes: {destination: 0.0.0.0/0, target: igw-a}\n", "{destination", "expected a list"),
        ("cidr: 10.0.0.0/16", "cidr: 42", "42", "expected a CIDR block"),
        ("cidr: 10.0.0.0/16", "cidr: [10.0.0.0/16]", "[10.0.0.0/16]", "expected a CIDR block"),
        ("az: us-east-1a, route", "az: {name: x}, route", "{name: x}", "expected a string"),
        ("region: us-east-1", "region: [us-east-1]", "[us-east-1]", "expected a string"),
        ("      a-public:\n        routes:", "      a-public: 7\n      a-publicx:\n        routes:", "7",
         "expected a mapping (route table)"),
    ],
)
def test_wrong_type_is_located(old, new, needle, words):
    text = BASE.replace(old, new, 1)
    assert text != BASE
    result = load(text)
    d = [d for d in result.diagnostics if d.code == "S-TYPE"][0]
    assert d.location == at(text, needle), formatted(result)
    assert words in d.message


def test_mapping_key_that_is_a_list():
    text = "region: us-east-1\nvpcs:\n  ? [a, b]\n  : {cidr: 10.0.0.0/16}\n"
    d = only(load(text), "S-TYPE")
    assert d.location == at(text, "[a, b]")
    assert "mapping keys" in d.message


def test_number_written_for_a_text_field_is_text():
    # unquoted numbers are fine where text is expected (names, ids, account ids)
    text = BASE.replace("region: us-east-1\n", "region: us-east-1\naccount: 111122223333\n").replace(
        "    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    name: 2024\n")
    result = load(text)
    assert result.diagnostics == []
    vpc = result.topology.vpc("vpc-a")
    assert (vpc.name, vpc.account) == ("2024", "111122223333")


def test_account_id_written_as_number_keeps_leading_zeros():
    text = BASE.replace("region: us-east-1\n", "region: us-east-1\naccount: 012345678901\n")
    result = load(text)
    # YAML 1.1 reads 012345678901 as octal; the id must still be exactly 12 digits
    assert result.ok
    assert len(result.topology.vpc("vpc-a").account) == 12


@pytest.mark.parametrize("value", ["1234567890123", "-5"])
def test_account_id_number_out_of_range(value):
    text = BASE.replace("region: us-east-1\n", f"region: us-east-1\naccount: {value}\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, value)


# --------------------------------------------------------------------------- S-REQUIRED


@pytest.mark.parametrize(
    ("old", "new", "needle", "key", "what"),
    [
        ("{cidr: 10.0.1.0/24, az: us-east-1a}", "{az: us-east-1a}", "{az: us-east-1a}", "cidr", "subnet"),
        ("{cidr: 10.0.1.0/24, az: us-east-1a}", "{cidr: 10.0.1.0/24}", "{cidr: 10.0.1.0/24}", "az", "subnet"),
        ("{destination: 0.0.0.0/0, target: igw-a}", "{destination: 0.0.0.0/0}", "{destination: 0.0.0.0/0}",
         "target", "route"),
        ("{destination: 0.0.0.0/0, target: igw-a}", "{target: igw-a}", "{target: igw-a}", "destination", "route"),
    ],
)
def test_missing_required_key(old, new, needle, key, what):
    text = BASE.replace(old, new)
    result = load(text)
    d = only(result, "S-REQUIRED")
    assert d.location == at(text, needle)
    assert d.message == f"{what} is missing required key '{key}'"


def test_missing_vpc_cidr_points_at_the_vpc_mapping():
    text = "region: us-east-1\nvpcs:\n  vpc-a:\n    name: A\n"
    d = only(load(text), "S-REQUIRED")
    assert d.location == at(text, "name: A")


def test_internet_gateway_mapping_without_id_does_not_crash():
    text = BASE.replace("internet_gateway: igw-a", "internet_gateway: {description: main door}")
    result = load(text)
    d = [d for d in result.diagnostics if d.code == "S-REQUIRED"][0]
    assert d.location == at(text, "{description")
    # the route to igw-a now names nothing
    assert "S-REF" in codes(result)
    assert result.topology.vpc("vpc-a").internet_gateway is None


def test_external_peer_without_vpc_does_not_crash():
    text = BASE + "peerings:\n  pcx-x:\n    requester: vpc-a\n    accepter: {cidrs: [172.20.0.0/16]}\n"
    result = load(text)
    assert codes(result) == ["S-REQUIRED"]
    assert only(result, "S-REQUIRED").location == at(text, "{cidrs")


def test_empty_peering_reports_only_missing_keys():
    text = BASE + "peerings:\n  pcx-x: {status: active}\n"
    result = load(text)
    assert codes(result) == ["S-REQUIRED", "S-REQUIRED"], formatted(result)


def test_interface_endpoint_needs_a_service():
    text = BASE + "    endpoints:\n      ep: {type: interface, subnets: [a-private]}\n"
    d = only(load(text), "S-REQUIRED")
    assert d.location == at(text, "{type: interface")


def test_gateway_endpoint_needs_a_service():
    text = BASE + "    endpoints:\n      ep: {type: gateway, route_tables: [a-private]}\n"
    d = only(load(text), "S-REQUIRED")
    assert d.location == at(text, "{type: gateway")


# --------------------------------------------------------------------------- S-VALUE


@pytest.mark.parametrize(
    ("old", "new", "needle", "hint"),
    [
        ("region: us-east-1", "region: us-east", "us-east", None),
        ("az: us-east-1a, route", "az: east, route", "east, route", None),
        ("        main: true\n", "        main: true\n    nat_gateways:\n      nat-a: {subnet: a-public, "
         "connectivity: pubic}\n", "pubic", "did you mean 'public'?"),
        ("        main: true\n", "        main: true\n    endpoints:\n      ep: {type: gatway, service: s3}\n",
         "gatway", "did you mean 'gateway'?"),
    ],
)
def test_bad_value(old, new, needle, hint):
    text = BASE.replace(old, new, 1)
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, needle)
    assert d.hint == hint


def test_enum_is_case_insensitive_where_declared():
    text = BASE + "    endpoints:\n      s3-gw: {type: Gateway, service: s3, route_tables: [a-private]}\n"
    result = load(text)
    assert result.diagnostics == []
    assert result.topology.gateway_endpoints[0].id == "s3-gw"


@pytest.mark.parametrize("key", ["''", "'   '"])
def test_empty_resource_id(key):
    text = BASE.replace("      a-private: {cidr", f"      {key}: {{cidr")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, key)
    assert "must not be empty" in d.message


def test_multi_line_resource_id():
    text = BASE.replace("      a-private: {cidr", '      "a\\nb": {cidr')
    d = only(load(text), "S-VALUE")
    assert "single line" in d.message


def test_port_out_of_range():
    text = BASE + ("    load_balancers:\n      lb:\n        type: network\n        subnets: [a-private]\n"
                   "        listeners:\n          - {port: 70000, protocol: TCP}\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "70000")


def test_suppression_needs_a_reason():
    text = BASE.replace("        main: true\n", "        main: true\n        suppress: [{code: L-RT-X}]\n")
    d = only(load(text), "S-REQUIRED")
    assert "'reason'" in d.message and d.location == at(text, "{code")


def test_local_target_is_refused():
    text = BASE.replace("        main: true\n", "        main: true\n        routes:\n"
                        "          - {destination: 10.0.0.0/16, target: local}\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "local}")
    assert "CIDR-4" in d.message


def test_peering_with_itself():
    text = BASE + "peerings:\n  pcx-self: {requester: vpc-a, accepter: vpc-a}\n"
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "pcx-self")


def test_tgw_route_blackhole_and_attachment():
    text = BASE + ("transit_gateways:\n  tgw-1:\n    attachments:\n      att-a: {vpc: vpc-a, subnets: [a-private]}\n"
                   "    route_tables:\n      trt:\n        routes:\n"
                   "          - {destination: 10.9.0.0/16, attachment: att-a, blackhole: true}\n"
                   "          - {destination: 10.8.0.0/16}\n")
    result = load(text)
    assert only(result, "S-VALUE").location == at(text, "{destination: 10.9")
    assert only(result, "S-REQUIRED").location == at(text, "{destination: 10.8")


def test_port_range_low_high():
    text = BASE + ("    security_groups:\n      sg-1:\n        ingress:\n"
                   "          - {protocol: tcp, ports: 9000-8000, source: 10.0.0.0/8}\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "9000-8000")


# --------------------------------------------------------------------------- S-CIDR, S-CIDR-ALIGN


def test_misaligned_cidr_with_fix():
    text = BASE.replace("cidr: 10.0.0.0/16", "cidr: 10.0.0.1/16")
    result = load(text)
    d = only(result, "S-CIDR-ALIGN")
    assert d.location == at(text, "10.0.0.1/16")
    assert d.hint == "did you mean '10.0.0.0/16'?"
    assert d.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("bad", "fix"),
    [("10.0.1.7/24", "10.0.1.0/24"), ("10.0.1.128/23", "10.0.0.0/23"), ("10.0.1.1/32x", None)],
)
def test_subnet_cidr_alignment(bad, fix):
    text = BASE.replace("cidr: 10.0.1.0/24", f"cidr: {bad}")
    result = load(text)
    if fix:
        d = only(result, "S-CIDR-ALIGN")
        assert d.hint == f"did you mean '{fix}'?"
    else:
        d = only(result, "S-CIDR")
    assert d.location == at(text, bad)


def test_misaligned_ipv6_and_route_destination():
    text = BASE.replace("    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    ipv6_cidr: 2600:1f18::1/56\n").replace(
        "destination: 0.0.0.0/0", "destination: 10.1.2.3/16")
    result = load(text)
    found = [d for d in result.diagnostics if d.code == "S-CIDR-ALIGN"]
    assert [d.location for d in found] == [at(text, "2600:1f18::1/56"), at(text, "10.1.2.3/16")]
    assert [d.hint for d in found] == ["did you mean '2600:1f18::/56'?", "did you mean '10.1.0.0/16'?"]


@pytest.mark.parametrize(
    ("bad", "words", "hint"),
    [
        ("10.0.0.0", "missing /prefix length", "did you mean '10.0.0.0/32'?"),
        ("10.0.0.0/33", "not a valid CIDR", None),
        ("10.0.300.0/24", "not a valid CIDR", None),
        ("ten/8", "not a valid CIDR", None),
        ("2600:1f18::/56", "IPv4 expected", None),
    ],
)
def test_malformed_cidr(bad, words, hint):
    text = BASE.replace("cidr: 10.0.0.0/16", f"cidr: '{bad}'")
    d = only(load(text), "S-CIDR")
    assert d.location == at(text, f"'{bad}'")
    assert words in d.message
    assert d.hint == hint


def test_ipv4_where_ipv6_expected():
    text = BASE.replace("    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    ipv6_cidr: 10.9.0.0/16\n")
    d = only(load(text), "S-CIDR")
    assert d.location == at(text, "10.9.0.0/16")


def test_secondary_cidr_list_items_are_located():
    text = BASE.replace("    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    secondary_cidrs:\n"
                        "      - 10.1.0.0/16\n      - 10.2.0.5/16\n")
    d = only(load(text), "S-CIDR-ALIGN")
    assert d.location == at(text, "10.2.0.5/16")


# --------------------------------------------------------------------------- all problems at once


FIVE_MISTAKES = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.1/16
    subnetz: {}
    subnets:
      a-1: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-mian}
      a-2: {az: us-east-1a}
    route_tables:
      a-main:
        main: 'yes'
"""


def test_five_mistakes_give_five_located_errors():
    result = load(FIVE_MISTAKES)
    found = errors(result)
    assert [(d.code, d.location) for d in found] == [
        ("S-CIDR-ALIGN", at(FIVE_MISTAKES, "10.0.0.1/16")),
        ("S-UNKNOWN-KEY", at(FIVE_MISTAKES, "subnetz")),
        ("S-REF", at(FIVE_MISTAKES, "a-mian")),
        ("S-REQUIRED", at(FIVE_MISTAKES, "{az: us-east-1a}")),
        ("S-TYPE", at(FIVE_MISTAKES, "'yes'")),
    ], formatted(result)
    assert only(result, "S-REF").hint == "did you mean 'a-main'?"
    for d in found:
        assert d.format().startswith(f"spec.yaml:{d.location.line}:{d.location.column}: error[{d.code}]: ")


def test_problems_in_several_files_are_all_reported():
    from vpcdocs.spec import load_sources

    a = FIVE_MISTAKES
    b = "region: us-east-1\nvpcs:\n  vpc-b:\n    cidr: 10.1.0.0/16\n    colour: red\n"
    result = load_sources([("specs/a.yaml", a.encode()), ("specs/b.yaml", b.encode()),
                           ("specs/c.yaml", b"\xff")])
    files = sorted({d.location.file for d in result.errors})
    assert files == ["specs/a.yaml", "specs/b.yaml", "specs/c.yaml"]
    assert len(result.errors) == 7
    # sorted by file, line, column
    keys = [(d.location.file, d.location.line, d.location.column) for d in result.diagnostics]
    assert keys == sorted(keys)


def test_format_has_hint_and_related_lines():
    text = "region: us-east-1\nvpcs:\n  v:\n    cidr: 10.0.0.0/16\n    cidr: 10.0.0.0/16\n    subnetz: {}\n"
    out = formatted(load(text))
    assert "spec.yaml:5:5: error[S-DUP-KEY]: duplicate key 'cidr'" in out
    assert "\n  see: spec.yaml:4:5" in out
    assert "spec.yaml:6:5: error[S-UNKNOWN-KEY]: unknown key 'subnetz' in VPC\n  hint: did you mean 'subnets'?" in out


def test_location_type():
    assert str(Location("specs/x.yaml", 3, 7)) == "specs/x.yaml:3:7"


def test_ids_keep_the_text_as_written():
    # YAML 1.1 would read these keys as true, false and 10
    text = BASE.replace("      a-private: {cidr: 10.0.1.0/24, az: us-east-1a}\n",
                        "      a-private: {cidr: 10.0.1.0/24, az: us-east-1a}\n"
                        "      on: {cidr: 10.0.2.0/24, az: us-east-1a}\n"
                        "      012: {cidr: 10.0.3.0/24, az: us-east-1a}\n").replace("      a-public:\n        routes",
                                                                                    "      no: {}\n      a-public:\n        routes")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    assert [s.id for s in result.topology.subnets] == ["012", "a-private", "a-public", "on"]
    assert "no" in [t.id for t in result.topology.route_tables]


def test_null_key_is_an_empty_id():
    text = BASE.replace("      a-private: {cidr", "      ~: {cidr")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "~")


@pytest.mark.parametrize(("written", "expected"), [("012345670123", "012345670123"), ("111122223333", "111122223333"),
                                                   ("'000011112222'", "000011112222")])
def test_account_id_is_kept_as_written(written, expected):
    # YAML 1.1 reads 012345670123 as an octal number; the account id must not change
    text = BASE.replace("region: us-east-1\n", f"region: us-east-1\naccount: {written}\n")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    assert result.topology.vpc("vpc-a").account == expected


@pytest.mark.parametrize("written", ["0755", "12:30", "1_000", "0x1F"])
def test_numbers_in_text_fields_keep_their_digits(written):
    text = BASE.replace("    cidr: 10.0.0.0/16\n", f"    cidr: 10.0.0.0/16\n    name: {written}\n")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    assert result.topology.vpc("vpc-a").name == written
