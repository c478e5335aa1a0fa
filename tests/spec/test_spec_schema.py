"""The JSON Schema (``vpcdocs schema``) and the validator agree, and the schema helps in editors.

Editors (yaml-language-server, VS Code's YAML extension) validate with the schema while
``vpcdocs check`` validates with the same declaration: a mistake must be caught by both, and
what vpcdocs accepts the editor must accept too. yaml-language-server implements JSON Schema
draft 7, and shows a field's ``description`` and ``examples`` on hover: every field has both,
and every example is itself valid for the schema and for vpcdocs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from spec_helpers import DATA, EXAMPLE_TEXT, SECURITY_TEXT, SPECS, formatted, load

from vpcdocs.spec import json_schema
from vpcdocs.spec.containers import Field, ListOf, MapOf, Obj, OneOf
from vpcdocs.spec.schema import SPEC_FILE
from vpcdocs.spec.types import FieldType
from vpcdocs.spec.yaml_reader import MMap, read_yaml_bytes

SCHEMA = json_schema()
VALIDATOR = Draft7Validator(SCHEMA)
SCHEMA_ERROR_CODES = {"S-UNKNOWN-KEY", "S-TYPE", "S-REQUIRED", "S-VALUE", "S-CIDR"}


def schema_errors(text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(text))]


def validator_codes(text: str) -> list[str]:
    return [d.code for d in load(text).diagnostics]


def test_schema_is_draft_7_for_editors():
    # yaml-language-server implements draft 7 ("Supports JSON Schema 7 and below")
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    text = repr(SCHEMA)
    for newer in ("$defs", "prefixItems", "dependentRequired", "unevaluatedProperties", "$dynamicRef"):
        assert newer not in text
    assert SCHEMA["additionalProperties"] is False
    assert {"region", "account", "description", "vpcs", "peerings", "endpoint_services", "transit_gateways", "prefix_lists",
            "external_networks", "vpn_connections", "direct_connect_gateways", "expect"} == set(SCHEMA["properties"])


@pytest.mark.parametrize("name", sorted(p.name for p in SPECS.glob("*.yaml")))
def test_shipped_specs_validate_against_the_schema(name):
    assert schema_errors((SPECS / name).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yaml")))
def test_test_specs_validate_against_the_schema_and_load_clean(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert schema_errors(text) == []
    assert load(text).diagnostics == [], formatted(load(text))


# --------------------------------------------------------------------------- hover help


def _properties(schema: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every property of every object in the schema, with a readable path."""
    if isinstance(schema, dict):
        for name, sub in (schema.get("properties") or {}).items():
            yield f"{path}.{name}", sub
            yield from _properties(sub, f"{path}.{name}")
        for key in ("additionalProperties", "items"):
            if isinstance(schema.get(key), dict):
                yield from _properties(schema[key], f"{path}.{'<id>' if key == 'additionalProperties' else '[]'}")
        for key in ("anyOf", "allOf", "oneOf"):
            for sub in schema.get(key) or ():
                yield from _properties(sub, path)


PROPERTIES = sorted({path: prop for path, prop in _properties(SCHEMA)}.items())


def test_the_schema_describes_every_new_part():
    paths = {path for path, _ in PROPERTIES}
    for path in (".vpcs.<id>.security_groups.<id>.egress.[].destination", ".vpcs.<id>.network_acls.<id>.ingress.[].rule",
                 ".vpcs.<id>.instances.<id>.private_ips", ".vpcs.<id>.network_interfaces.<id>.instance",
                 ".vpcs.<id>.egress_only_internet_gateway", ".vpcs.<id>.vpn_gateway", ".vpcs.<id>.ipv6_cidrs",
                 ".vpcs.<id>.route_tables.<id>.routes.[].state", ".vpcs.<id>.subnets.<id>.network_acl",
                 ".prefix_lists.<id>.entries", ".vpn_connections.<id>.transit_gateway",
                 ".transit_gateways.<id>.route_tables.<id>.routes.[].prefix_list",
                 ".transit_gateways.<id>.attachments.<id>.ipv6_support", ".expect.[].protocol"):
        assert path in paths, path


@pytest.mark.parametrize(("path", "prop"), PROPERTIES, ids=[p for p, _ in PROPERTIES])
def test_every_field_has_a_description_and_valid_examples(path, prop):
    assert prop.get("description", "").strip(), f"{path}: no description"
    assert prop["description"][0].isupper(), f"{path}: {prop['description']!r}"
    examples = prop.get("examples")
    assert examples, f"{path}: no examples"
    for example in examples:
        errors = [e.message for e in Draft7Validator(prop).iter_errors(example)]
        assert errors == [], (path, example, errors)
    if "default" in prop:
        assert not list(Draft7Validator(prop).iter_errors(prop["default"])), path


def _fields(field_type: FieldType, path: str = "") -> Iterator[tuple[str, Field]]:
    if isinstance(field_type, Obj):
        for name, spec in field_type.all_fields().items():
            yield f"{path}.{name}", spec
            yield from _fields(spec.type, f"{path}.{name}")
    elif isinstance(field_type, MapOf):
        yield from _fields(field_type.value, f"{path}.<id>")
    elif isinstance(field_type, ListOf):
        yield from _fields(field_type.item, f"{path}.[]")
    elif isinstance(field_type, OneOf):
        yield from _fields(field_type.scalar, path)
        yield from _fields(field_type.mapping, path)


FIELDS = sorted({path: spec for path, spec in _fields(SPEC_FILE)}.items())


@pytest.mark.parametrize(("path", "spec"), FIELDS, ids=[p for p, _ in FIELDS])
def test_every_example_is_accepted_by_vpcdocs_too(path, spec):
    for example in spec.all_examples():
        tree, diags = read_yaml_bytes(yaml.safe_dump({"x": example}).encode(), "example.yaml")
        assert isinstance(tree, MMap) and not diags
        node = tree.entries[0][1]
        spec.type.check(node, diags)
        assert diags == [], (path, example, [d.format() for d in diags])


# --------------------------------------------------------------------------- mistakes: caught by both

# (base text, old, new): each mistake must be caught by the schema (editors) and the validator.
MISTAKES = {
    "unknown top-level key": (EXAMPLE_TEXT, "region: us-east-1\n", "region: us-east-1\nregoin: x\n"),
    "unknown VPC key": (EXAMPLE_TEXT, "    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    colour: blue\n"),
    "unknown subnet key": (EXAMPLE_TEXT, "az: us-east-1a, route_table: a-public}", "az: us-east-1a, rt: a-public}"),
    "unknown route key": (EXAMPLE_TEXT, "{destination: 0.0.0.0/0, target: igw-a}",
                          "{destination: 0.0.0.0/0, target: igw-a, via: x}"),
    "unknown peering key": (EXAMPLE_TEXT, "{requester: vpc-a, accepter: vpc-b}", "{requester: vpc-a, accepter: vpc-b, x: 1}"),
    "unknown endpoint key": (EXAMPLE_TEXT, "service: s3, route_tables", "service: s3, tables: [], route_tables"),
    "wrong type main": (EXAMPLE_TEXT, "main: true", "main: 'yes'"),
    "wrong type subnets": (EXAMPLE_TEXT, "    subnets:\n      a-public:  {cidr: 10.0.0.0/24, az: us-east-1a, route_table: "
                           "a-public}\n", "    subnets: [a]\n    subnets_:\n      a-public:  {cidr: 10.0.0.0/24, az: "
                           "us-east-1a, route_table: a-public}\n"),
    "wrong type cidr": (EXAMPLE_TEXT, "cidr: 10.1.0.0/16", "cidr: 16"),
    "missing subnet cidr": (EXAMPLE_TEXT, "{cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}", "{az: us-east-1a}"),
    "missing route target": (EXAMPLE_TEXT, "{destination: 10.0.0.0/16, target: pcx-a-b}", "{destination: 10.0.0.0/16}"),
    "bad enum": (EXAMPLE_TEXT, "type: gateway", "type: gatway"),
    "bad region": (EXAMPLE_TEXT, "region: us-east-1", "region: useast1"),
    "bad az": (EXAMPLE_TEXT, "az: us-east-1a, route_table: b-app", "az: 'us east', route_table: b-app"),
    # security groups
    "protocol typo": (SECURITY_TEXT, "{protocol: tcp, port: 443, source: 0.0.0.0/0}",
                      "{protocol: tpc, port: 443, source: 0.0.0.0/0}"),
    "protocol number out of range": (SECURITY_TEXT, "{protocol: 50, source", "{protocol: 256, source"),
    "port and ports": (SECURITY_TEXT, "{protocol: tcp, port: 22, source: corp-ranges}",
                       "{protocol: tcp, port: 22, ports: 22-23, source: corp-ranges}"),
    "inbound rule with destination": (SECURITY_TEXT, "{protocol: tcp, port: 8443, source: sg-web}",
                                      "{protocol: tcp, port: 8443, destination: sg-web}"),
    "outbound rule with destination and source": (SECURITY_TEXT, "{protocol: tcp, port: 5432, destination: sg-db}",
                                                  "{protocol: tcp, port: 5432, destination: sg-db, source: sg-db}"),
    "outbound rule without peer": (SECURITY_TEXT, "{protocol: tcp, port: 5432, destination: sg-db}",
                                   "{protocol: tcp, port: 5432}"),
    "icmp type out of range": (SECURITY_TEXT, "icmp_type: 8,", "icmp_type: 300,"),
    "port range past 65535": (SECURITY_TEXT, "ports: 8000-8080", "ports: 8000-80800"),
    # network ACLs
    "rule number 0": (SECURITY_TEXT, "{rule: 90,", "{rule: 0,"),
    "rule number reserved": (SECURITY_TEXT, "{rule: 90,", "{rule: 32767,"),
    "action typo": (SECURITY_TEXT, "{rule: 90, action: deny", "{rule: 90, action: drop"),
    "cidr and ipv6_cidr": (SECURITY_TEXT, 'icmp_type: 2, ipv6_cidr: "::/0"}', 'icmp_type: 2, cidr: "::/0", ipv6_cidr: "::/0"}'),
    "rule without cidr": (SECURITY_TEXT, "{rule: 90, action: deny, protocol: all, cidr: 10.66.0.0/16}",
                          "{rule: 90, action: deny, protocol: all}"),
    "rule without action": (SECURITY_TEXT, "{rule: 90, action: deny, protocol", "{rule: 90, protocol"),
    # prefix lists
    "address family": (SECURITY_TEXT, "address_family: IPv6", "address_family: IPv5"),
    "max entries above 1000": (SECURITY_TEXT, "max_entries: 10", "max_entries: 5000"),
    "owner": (SECURITY_TEXT, "owner: aws", "owner: amazon"),
    "entry not a CIDR": (SECURITY_TEXT, "entries: [52.216.0.0/15", "entries: [true"),
    # workloads
    "address not an address": (SECURITY_TEXT, "private_ip: 10.0.20.10", "private_ip: 10.0.20.300"),
    "address with a prefix length": (SECURITY_TEXT, "private_ip: 10.0.20.10", "private_ip: 10.0.20.10/32"),
    "private_ip and private_ips": (SECURITY_TEXT, "        private_ip: 10.0.20.10\n",
                                   "        private_ip: 10.0.20.10\n        private_ips: [10.0.20.11]\n"),
    "instance without subnet": (SECURITY_TEXT, "        subnet: pay-data-1a\n        private_ip: 10.0.20.10\n",
                                "        private_ip: 10.0.20.10\n"),
    "instance state": (SECURITY_TEXT, "state: stopped", "state: asleep"),
    "public ip word": (SECURITY_TEXT, "public_ip: auto", "public_ip: automatic"),
    "ipv6 address in ipv4 list": (SECURITY_TEXT, "private_ips: [10.0.1.51]", "private_ips: ['2600:1f18::51']"),
    "interface type": (SECURITY_TEXT, "interface_type: lambda", "interface_type: 'lambda fn'"),
    # IPv6, gateways, routes
    "ipv6_cidr and ipv6_cidrs": (SECURITY_TEXT, '    ipv6_cidrs: ["2600:1f18:abcd:1200::/56"]\n',
                                 '    ipv6_cidrs: ["2600:1f18:abcd:1200::/56"]\n    ipv6_cidr: "2600:1f18:abcd:3400::/56"\n'),
    "route state": (SECURITY_TEXT, "state: blackhole,\n", "state: dead,\n"),
    "vgw asn": (SECURITY_TEXT, "asn: 64512,", "asn: 0,"),
    "gateway mapping without id": (SECURITY_TEXT, "{id: eigw-pay, aws_id: eigw-0123456789abcdef0}",
                                   "{aws_id: eigw-0123456789abcdef0}"),
    # VPN, Direct Connect, external networks
    "vpn on vgw and tgw": (SECURITY_TEXT, "    vpn_gateway: vgw-pay\n    network: corp-dc\n",
                           "    vpn_gateway: vgw-pay\n    transit_gateway: tgw-hub\n    network: corp-dc\n"),
    "vpn on neither": (SECURITY_TEXT, "    vpn_gateway: vgw-pay\n    network: corp-dc\n", "    network: corp-dc\n"),
    "external network without cidrs": (SECURITY_TEXT, "    cidrs: [10.60.0.0/16]\n", "    cidrs: []\n"),
    "vpn state": (SECURITY_TEXT, "    state: available\n\ndirect", "    state: up\n\ndirect"),
    # transit gateways
    "tgw route with prefix list and destination": (SECURITY_TEXT, "{prefix_list: corp-ranges, attachment: att-vpn}",
                                                   "{prefix_list: corp-ranges, destination: 10.0.0.0/8, attachment: att-vpn}"),
    "tgw route without destination": (SECURITY_TEXT, "{prefix_list: corp-ranges, attachment: att-vpn}",
                                      "{attachment: att-vpn}"),
    "tgw route state": (SECURITY_TEXT, "attachment: tgw-attach-0123456789abcdef0, state: blackhole}",
                        "attachment: tgw-attach-0123456789abcdef0, state: gone}"),
    "tgw state": (SECURITY_TEXT, "    state: available\n    default_association", "    state: up\n    default_association"),
    # expectations
    "expectation protocol number": (SECURITY_TEXT, "protocol: icmp, reachable", "protocol: 1, reachable"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_schema_and_validator_agree_on_mistakes(name):
    base, old, new = MISTAKES[name]
    assert base.count(old) == 1, name
    text = base.replace(old, new, 1)
    assert set(validator_codes(text)) & SCHEMA_ERROR_CODES, name
    assert schema_errors(text), name


# Valid specs written the ways people write them: the schema must not flag them either.
VALID_VARIANTS = {
    "number as name": (EXAMPLE_TEXT, "    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    name: 2024\n"),
    "account as number": (EXAMPLE_TEXT, "region: us-east-1\n", "region: us-east-1\naccount: 111122223333\n"),
    "empty routes list": (EXAMPLE_TEXT, "      a-private:\n        main: true\n        routes:\n"
                          "          - {destination: 0.0.0.0/0, target: nat-a}\n"
                          "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n",
                          "      a-private:\n        main: true\n      a-spare:\n        routes:\n"),
    "empty route table": (EXAMPLE_TEXT, "      a-private:\n        main: true\n",
                          "      a-spare:\n      a-private:\n        main: true\n"),
    "empty endpoints": (EXAMPLE_TEXT, "    endpoints:\n      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}\n",
                        "    endpoints:\n"),
    "capitalised endpoint type": (EXAMPLE_TEXT, "type: gateway", "type: Gateway"),
    "lower-case listener protocol": (EXAMPLE_TEXT, "    endpoints:\n", "    load_balancers:\n      lb:\n        type: network\n"
                                     "        subnets: [a-private]\n        listeners:\n"
                                     "          - {port: 443, protocol: tcp}\n    endpoints:\n"),
    "ipv4-mapped ipv6": (EXAMPLE_TEXT, "    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    ipv6_cidr: '::ffff:10.0.0.0/120'\n"),
    "tag values as numbers": (EXAMPLE_TEXT, "    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    tags: {CostCentre: 4711}\n"),
    "protocol as a number": (SECURITY_TEXT, "{protocol: tcp, port: 443, source: 0.0.0.0/0}",
                             "{protocol: 6, port: 443, source: 0.0.0.0/0}"),
    "protocol as quoted number": (SECURITY_TEXT, "{protocol: 50, source", "{protocol: '50', source"),
    "protocol in capitals": (SECURITY_TEXT, "{protocol: tcp, port: 443, source: 0.0.0.0/0}",
                             "{protocol: TCP, port: 443, source: 0.0.0.0/0}"),
    "unquoted -1 protocol": (SECURITY_TEXT, '{protocol: "-1", source: sg-default}', "{protocol: -1, source: sg-default}"),
    "one port as text": (SECURITY_TEXT, 'ports: 443, cidr: "::/0"}', "ports: '443', cidr: \"::/0\"}"),
    "port instead of ports": (SECURITY_TEXT, 'ports: 443, cidr: "::/0"}', 'port: 443, cidr: "::/0"}'),
    "empty prefix list": (SECURITY_TEXT, "    entries: [52.216.0.0/15, 3.5.0.0/19]\n", "    entries: []\n"),
    "address family in lower case": (SECURITY_TEXT, "address_family: IPv6", "address_family: ipv6"),
    "route state in capitals": (SECURITY_TEXT, "state: blackhole,\n", "state: Blackhole,\n"),
    "vgw as a plain id": (SECURITY_TEXT, "vpn_gateway: {id: vgw-pay, asn: 64512, aws_id: vgw-81fd279f}",
                          "vpn_gateway: vgw-pay"),
    "instance state in capitals": (SECURITY_TEXT, "state: stopped", "state: Stopped"),
    "ipv6 cidr on a nacl rule's cidr": (SECURITY_TEXT, 'protocol: "-1", ipv6_cidr: "::/0"}', 'protocol: "-1", cidr: "::/0"}'),
    "no security groups": (SECURITY_TEXT, "        public_ip: 54.10.20.30\n",
                           "        public_ip: 54.10.20.30\n        security_groups: []\n"),
}


@pytest.mark.parametrize("name", sorted(VALID_VARIANTS))
def test_schema_accepts_what_the_validator_accepts(name):
    base, old, new = VALID_VARIANTS[name]
    assert base.count(old) == 1, name
    text = base.replace(old, new, 1)
    assert validator_codes(text) == [], (name, formatted(load(text)))
    assert schema_errors(text) == [], name
