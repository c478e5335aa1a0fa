"""Addresses, protocols, port ranges and CIDRs: the validator and the JSON Schema agree.

Property: whatever value the validator accepts, the schema that editors use accepts too
(the schema may be more lenient — a pattern cannot say "low <= high" — never stricter).
Plus the values people get wrong, which both must reject.
"""

from __future__ import annotations

import ipaddress

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from vpcdocs.spec.types import FieldType
from vpcdocs.spec.values import Cidr, IpAddress, PortRange, Protocol
from vpcdocs.spec.yaml_reader import MMap, read_yaml_bytes

TYPES: dict[str, FieldType] = {
    "ipv4": IpAddress(4), "ipv6": IpAddress(6), "public-ip": IpAddress(4, keywords=("auto",)),
    "protocol": Protocol(), "expectation-protocol": Protocol(words_only=True),
    "ports": PortRange(), "ephemeral-ports": PortRange(minimum=1),
    "cidr4": Cidr(4), "cidr6": Cidr(6), "cidr": Cidr(None),
}


def check(field_type: FieldType, value: object) -> tuple[object, list]:
    tree, diags = read_yaml_bytes(yaml.safe_dump({"x": value}).encode(), "v.yaml")
    assert isinstance(tree, MMap) and not diags
    found = field_type.check(tree.entries[0][1], diags)
    return found, diags


def schema_accepts(field_type: FieldType, value: object) -> bool:
    return not list(Draft7Validator(field_type.json_schema()).iter_errors(value))


TOKENS = list("0123456789abcdef:./-") + ["tcp", "udp", "icmp", "v6", "all", "auto", "TCP", " ", "ff9b", "25", "255",
                                          "65535"]
TEXTS = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)
VALUES = st.one_of(TEXTS, st.integers(-3, 70000), st.sampled_from(
    ["10.0.0.1", "10.0.0.0/8", "::/0", "::1", "2600:1f18::/56", "1-65535", "0-0", "-1", "6", "58", "256",
     "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "010.0.0.1", "10.0.0.0/08", "icmpv6", "ALL"]))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(TYPES)), VALUES)
def test_what_vpcdocs_accepts_the_schema_accepts(name, value):
    field_type = TYPES[name]
    _, diags = check(field_type, value)
    if not diags:
        assert schema_accepts(field_type, value), (name, value)


@pytest.mark.parametrize(("name", "value"), [
    ("ipv4", "10.0.0.300"), ("ipv4", "10.0.0.1/32"), ("ipv4", "::1"), ("ipv6", "10.0.0.1"), ("ipv6", "2600:1f18::/64"),
    ("public-ip", "automatic"), ("protocol", "tcpp"), ("protocol", 256), ("protocol", "-2"), ("protocol", True),
    ("expectation-protocol", 6), ("expectation-protocol", "-1"), ("ports", 70000), ("ports", "1-2-3"),
    ("ports", "80-"), ("ports", "a-b"), ("ports", -1), ("ephemeral-ports", 0), ("cidr4", "10.0.0.0/33"),
    ("cidr4", "10.0.300.0/24"), ("cidr6", "10.0.0.0/8"),
])
def test_mistakes_both_reject(name, value):
    field_type = TYPES[name]
    found, diags = check(field_type, value)
    assert diags, (name, value, found)
    assert not schema_accepts(field_type, value), (name, value)


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("ipv4", "10.0.1.10", ipaddress.ip_address("10.0.1.10")), ("public-ip", "auto", "auto"),
    ("ipv6", "2600:1f18::10", ipaddress.ip_address("2600:1f18::10")), ("protocol", "UDP", "udp"),
    ("protocol", 6, "tcp"), ("protocol", "-1", "all"), ("protocol", 47, "47"), ("expectation-protocol", "ICMPv6", "icmpv6"),
    ("ports", 443, (443, 443)), ("ports", "1024-65535", (1024, 65535)), ("ports", "0", (0, 0)),
])
def test_values_as_stored(name, value, expected):
    found, diags = check(TYPES[name], value)
    assert diags == [] and found == expected
    assert schema_accepts(TYPES[name], value)
