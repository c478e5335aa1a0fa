"""The importers' YAML writer: whatever text AWS or Terraform hands over (hostile names
included), a YAML reader gets back exactly the document that was written."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vpcdocs.importers.yaml_emit import dump

TRICKY = ["yes", "No", "on", "null", "~", "", " lead", "trail ", "a: b", "a #b", "#x", "-", "- x", "-1", "0x1f",
          "0o17", "1e3", ".inf", "012345678901", "1_000", "2001-12-14", "12:30:45", "<<", "=", "::/0", "a,b", "[x]",
          "{x}", "@x", "`x", "'q'", '"q"', "%x", "!tag", "&a", "*a", "|", ">", "?", "a\nb", "tab\there", "\x1b[2J",
          "\u202etxt", "\ufeff", "\x85", "\u2028", "é", "日本", "\U0001f600", "arn:aws:iam::1:role/x", "a:", "a: "]

text = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12))
scalar = st.one_of(text, st.integers(-10**6, 10**6), st.booleans(), st.none())
flat = st.dictionaries(text, scalar, max_size=4)
doc = st.dictionaries(
    text, st.one_of(scalar, st.lists(scalar, max_size=4), flat, st.lists(flat, max_size=3),
                    st.dictionaries(text, st.one_of(scalar, flat, st.lists(flat, max_size=2)), max_size=3)),
    max_size=5)


@settings(max_examples=300, deadline=None)
@given(doc)
def test_round_trip(document):
    text_ = dump(document)
    assert yaml.safe_load(text_) == (document or {})


@settings(max_examples=100, deadline=None)
@given(st.lists(flat, min_size=1, max_size=3))
def test_flow_items_round_trip(routes):
    assert yaml.safe_load(dump({"routes": routes})) == {"routes": routes}


def test_style():
    text_ = dump({"vpcs": {"a": {"account": "012345678901", "cidr": "10.0.0.0/16", "ok": True, "subnets": {},
                                 "route_tables": {"rt": {"routes": [{"destination": "::/0", "target": "eigw"}],
                                                         "propagating_vgws": ["vgw-1"]}},
                                 "entries": [{"cidr": "10.0.0.0/8", "description": "it's"}]}}})
    assert text_ == (
        "vpcs:\n  a:\n    account: '012345678901'\n    cidr: 10.0.0.0/16\n    ok: true\n    subnets: {}\n"
        "    route_tables:\n      rt:\n        routes:\n          - {destination: '::/0', target: eigw}\n"
        "        propagating_vgws: [vgw-1]\n    entries:\n      - cidr: 10.0.0.0/8\n        description: it's\n")
    assert "\x1b" not in dump({"name": "\x1b]0;x\x07"})
