"""Loading fast changes nothing a user sees: the fast path for plain YAML (parser events
straight to the located tree) gives exactly the tree and diagnostics of the full path, falls
back to it for everything else (so every located error is worded and placed as before), and
loading works the same without libyaml. The garbage collector, paused while specs load, is
on again afterwards."""

from __future__ import annotations

import gc
import importlib.util
import sys

import pytest
import yaml
from spec_helpers import EXAMPLE_TEXT, REPO, SECURITY_TEXT, at, codes, load, only

from vpcdocs.spec import load_specs, yaml_events, yaml_tree
from vpcdocs.spec.loader import load_sources
from vpcdocs.spec.yaml_events import plain_tree
from vpcdocs.spec.yaml_tree import FAST_LOADER, Converter, expanded_size


def full_path(text: str, filename: str = "f.yaml"):
    """The tree and diagnostics of the composing path (what every file took before)."""
    node = yaml.compose(text, Loader=FAST_LOADER)
    expanded_size(node, {})
    diags: list = []
    return Converter(filename, diags).convert(node), diags


PLAIN = {
    "example": EXAMPLE_TEXT,
    "security": SECURITY_TEXT,
    "scalars": (
        "a: 1\nb: 0x1F\nc: 017\nd: 1_000\ne: -5\nf: 1.5\ng: .inf\nh: yes\ni: Off\nj: ~\nk: null\n"
        "l: 2024-01-02\nm: '0123'\nn: \"tab\\there\"\no: caf\u00e9\np: 1:20\nq: +12\nr: 123456789012\n"
        "s: 0\nt: 99999999999999999999999999999999999999999999999999999999999999999999999999999999\n"
    ),
    "keys": "yes: 1\n'no': 2\n012: 3\n1.5: 4\n~: 5\n\u00fcber: 6\n",
    "flow and block": "a: [1, [2, 3], {b: c}]\nd:\n  - e: f\n    g: [h]\n  - - i\n    - j\nk: {}\nl: []\n",
    "tags": "a: !!str 12\nb: !Ref x\nc: !!python/name:os.system ''\nd: !!set {a: 1}\ne: !!int '7'\nf: !!binary aGk=\n",
    "nested tag": "a: !custom {b: 1}\nc: !!seq [1]\n",
    "root list": "- a\n- b\n",
    "root scalar": "hello\n",
    "explicit document": "---\na: 1\n...\n",
    "comments and blank values": "# top\na:   # after\nb: ''\nc:\n",
}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_fast_path_gives_the_tree_and_diagnostics_of_the_full_path(name):
    text = PLAIN[name]
    fast = plain_tree(text, "f.yaml")
    assert fast is not None, "a plain file should take the fast path"
    assert fast == full_path(text)


def test_every_example_spec_takes_the_fast_path_with_the_same_tree():
    for path in sorted((REPO / "specs").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        fast = plain_tree(text, path.name)
        assert fast is not None, path.name
        assert fast == full_path(text, path.name), path.name


NOT_PLAIN = {
    "anchor and alias": "a: &x 1\nb: *x\n",
    "merge key": "base: &b {x: 1}\nv:\n  <<: *b\n  y: 2\n",
    "inline merge": "v:\n  <<: {x: 1}\n  y: 2\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "list as key": "? [a]\n: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty": "",
    "only a comment": "# nothing\n",
    "null document": "---\n~\n",
    "syntax error": "a: [1, 2\nb: 3\n",
    "undefined alias": "a: *nope\n",
    "too deep": "a: " + "[" * 70 + "]" * 70 + "\n",
}


@pytest.mark.parametrize("name", sorted(NOT_PLAIN))
def test_anything_not_plain_takes_the_full_path(name):
    assert plain_tree(NOT_PLAIN[name], "f.yaml") is None


def test_errors_found_on_the_full_path_are_located_as_before():
    text = "region: us-east-1\nvpcs:\n  vpc-a: {cidr: 10.0.0.0/16}\n  vpc-a: {cidr: 10.1.0.0/16}\n"
    d = only(load(text), "S-DUP-KEY")
    assert d.location == at(text, "vpc-a", 2)
    assert d.related == (at(text, "vpc-a", 1),)
    text = "region: us-east-1\nvpcs: [\n"
    assert codes(load(text)) == ["S-YAML"]


def test_without_libyaml_loading_gives_the_same_result(monkeypatch):
    estate = [(p.name, p.read_bytes()) for p in sorted((REPO / "specs").glob("*.yaml"))]
    broken = [("bad.yaml", b"region: us-east-1\nvpcs:\n  vpc-z: {cidr: 10.9.0.1/16, bogus: 1}\n")]
    with_c = load_sources(estate + broken)
    monkeypatch.setattr(yaml_tree, "FAST_LOADER", yaml.SafeLoader)
    monkeypatch.setattr(yaml_events, "C_LOADER", None)
    monkeypatch.setattr(sys.modules["vpcdocs.spec.yaml_reader"], "FAST_LOADER", yaml.SafeLoader)
    assert plain_tree("a: 1\n", "f.yaml") is None
    without_c = load_sources(estate + broken)
    assert without_c.topology == with_c.topology
    assert without_c.diagnostics == with_c.diagnostics
    assert [d.code for d in with_c.diagnostics] == ["S-CIDR-ALIGN", "S-UNKNOWN-KEY"]


def test_the_garbage_collector_is_on_again_after_loading():
    assert gc.isenabled()
    load_specs(REPO / "specs")
    assert gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    try:
        load_specs(REPO / "specs")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cidr_results_do_not_leak_between_uses():
    # the parsed networks are cached; the diagnostics are made per use, at each use's place
    text = ("region: us-east-1\nvpcs:\n  vpc-a:\n    cidr: 10.0.0.0/16\n    subnets:\n"
            "      s1: {cidr: 10.0.0.1/24, az: us-east-1a}\n      s2: {cidr: 10.0.0.1/24, az: us-east-1b}\n"
            "      s3: {cidr: 10.0.0.0/24, az: us-east-1c}\n")
    result = load(text)
    aligned = [d for d in result.diagnostics if d.code == "S-CIDR-ALIGN"]
    assert [d.location for d in aligned] == [at(text, "10.0.0.1/24", 1), at(text, "10.0.0.1/24", 2)]
    assert all(d.hint == "did you mean '10.0.0.0/24'?" for d in aligned)
    assert str(result.topology.subnet("s3").cidr) == "10.0.0.0/24"  # the exact block, cached too, is fine


@pytest.mark.skipif(importlib.util.find_spec("yaml._yaml") is None, reason="PyYAML without libyaml")
def test_libyaml_is_used_when_present():
    assert yaml_tree.C_LOADER is yaml.CSafeLoader


def test_locations_made_by_the_reader_are_plain_locations():
    import pickle

    from vpcdocs.diagnostics import Location
    from vpcdocs.spec.yaml_nodes import located

    made, usual = located("f.yaml", 3, 7), Location("f.yaml", 3, 7)
    assert type(made) is Location
    assert made == usual and hash(made) == hash(usual) and repr(made) == repr(usual)
    assert vars(made) == vars(usual) and pickle.dumps(made) == pickle.dumps(usual)
    assert sorted([Location("f.yaml", 4, 1), made]) == [made, Location("f.yaml", 4, 1)]


@pytest.mark.parametrize(("text", "deep"), [
    ("a: 1\n", False),
    (" " * 513 + "a: 1\n", True),  # on the first line
    ("a:\n" + " " * 513 + "b: 1\n", True),
    ("a:\n" + " " * 512 + "b: 1\n", False),
    ("a: " + "[" * 129 + "]" * 129 + "\n", True),
    ("a: " + "[" * 128 + "]" * 128 + "\n", False),
    ("a: '" + "]" * 300 + "'\nb: " + "[" * 129 + "\n", False),  # closers first: the depth is what counts
    ("a: " + "[]" * 200 + "\n", False),
])
def test_deep_files_are_told_apart(text, deep):
    assert yaml_tree.looks_deep(text) is deep
