"""Property-based: whatever is thrown at the loader, it answers with located diagnostics.

Three sources of bad input: random bytes, random mutations of the shipped specs' text, and
random YAML structures built from the schema's own keys with wrong types and values. For all
of them: no exception, every diagnostic has a file, a line >= 1 and a column >= 1, errors exist
whenever ``ok`` is False, and a spec that loads clean can be routed, printed and validated by
the JSON Schema too.
"""

from __future__ import annotations

import copy
import json
import os
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from spec_helpers import EXAMPLE_TEXT, SPECS

from vpcdocs.diagnostics import Severity
from vpcdocs.render.route_tables import FORMATS
from vpcdocs.routing import dataplane
from vpcdocs.spec import json_schema, load_sources, load_spec_text
from vpcdocs.spec.containers import ListOf, MapOf, Obj, OneOf
from vpcdocs.spec.schema import SPEC_FILE
from vpcdocs.spec.types import AccountId, Bool, Enum, Int, Str
from vpcdocs.spec.values import Cidr

# VPCDOCS_FUZZ_EXAMPLES=5000 for a longer hunt; 200 keeps the suite fast
FUZZ = settings(max_examples=int(os.environ.get("VPCDOCS_FUZZ_EXAMPLES", "200")), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.data_too_large])
SHIPPED = [p.read_text(encoding="utf-8") for p in sorted(SPECS.glob("*.yaml"))] + [EXAMPLE_TEXT]
SCHEMA_VALIDATOR = Draft202012Validator(json_schema())


def check_result(result, names: set[str]) -> None:
    for d in result.diagnostics:
        assert d.location.file in names, d.format()
        assert d.location.line >= 1 and d.location.column >= 1, d.format()
        assert d.code.startswith("S-"), d.format()
        assert d.format()
    if not result.ok:
        assert any(d.severity is Severity.ERROR for d in result.diagnostics)
    assert result.ok == (not result.errors)
    keys = [d.sort_key for d in result.diagnostics]
    assert keys == sorted(keys)
    if result.ok:
        tables = dataplane(result.topology).route_tables
        for render in FORMATS.values():
            render(tables)
        json.loads(FORMATS["json"](tables))


_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NAMED = {
    "S-UNKNOWN-KEY": re.compile(r"^unknown key '([\w.-]+)' in "),
    "S-DUP-KEY": re.compile(r"^duplicate key '([\w.-]+)' "),
    "S-CIDR-ALIGN": re.compile(r"^'([0-9a-f.:/]+)' has host bits set"),
}


def check_points_at_the_text(result, text: str) -> None:
    """Diagnostics that quote what was written point exactly where it was written."""
    lines = _BREAKS.split(text.removeprefix("\ufeff"))
    for d in result.diagnostics:
        match = _NAMED.get(d.code) and _NAMED[d.code].match(d.message)
        if not match:
            continue
        at = lines[d.location.line - 1][d.location.column - 1:]
        assert at.lstrip("'\"").startswith(match[1]), (d.format(), at)


# --------------------------------------------------------------------------- random bytes


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    check_result(load_spec_text(data, "specs/x.yaml"), {"specs/x.yaml"})


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>?#%@`'\"\n\t ,.01/") + ["\u00e9", "\x00", "\ufeff"]),
               max_size=300))
def test_random_yaml_punctuation(text):
    check_result(load_spec_text(text, "specs/x.yaml"), {"specs/x.yaml"})


# --------------------------------------------------------------------------- mutations of the shipped specs


INSERTS = ["", " ", ":", ": ", "-", "- ", "[", "]", "{", "}", "*a", "&a ", "!x ", "!!str ", '"', "'", "0", "::",
           "null", "~", "1e9", "#", "\t", "|", ">", "%", "@", "`", "é", "\x00", "\xff", "<<: ", "? ", "10.0.0.1/16",
           "pl-1", "nat-0123456789abcdef0", "true"]


@st.composite
def mutated_spec(draw):
    text = draw(st.sampled_from(SHIPPED))
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap-chars", "insert", "drop-char", "swap-lines",
                                   "indent", "dedent"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(draw(st.integers(0, len(lines))), line)
        elif op == "swap-chars" and len(line) > 2:
            k = draw(st.integers(0, len(line) - 2))
            lines[i] = line[:k] + line[k + 1] + line[k] + line[k + 2:]
        elif op == "insert":
            k = draw(st.integers(0, len(line)))
            lines[i] = line[:k] + draw(st.sampled_from(INSERTS)) + line[k:]
        elif op == "drop-char" and line:
            k = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:k] + line[k + 1:]
        elif op == "swap-lines":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = "  " + line
        elif op == "dedent":
            lines[i] = line[2:] if line.startswith("  ") else line
    return "".join(lines)


@FUZZ
@given(mutated_spec())
def test_mutated_shipped_specs(text):
    result = load_spec_text(text, "specs/x.yaml")
    check_result(result, {"specs/x.yaml"})
    check_points_at_the_text(result, text)


@FUZZ
@given(mutated_spec(), mutated_spec())
def test_mutated_specs_in_two_files(a, b):
    result = load_sources([("specs/a.yaml", a.encode("utf-8", "surrogatepass")),
                           ("specs/b.yaml", b.encode("utf-8", "surrogatepass"))])
    check_result(result, {"specs/a.yaml", "specs/b.yaml"})


# --------------------------------------------------------------------------- structures from the schema's keys

IDS = ["vpc-a", "vpc-b", "s1", "s2", "rt1", "rt2", "igw-a", "nat-a", "pcx-1", "tgw-1", "att-1", "att-2", "ep-1",
       "lb-1", "lb-2", "sg-1", "svc-1", "tg-1", "nat-0123456789abcdef0", "eni-0123456789abcdef0",
       "pcx-0123456789abcdef0", "local", "", " ", "a\nb", "igw-a "]
CIDRS = ["10.0.0.0/16", "10.0.1.0/24", "10.1.0.0/16", "0.0.0.0/0", "10.0.0.1/16", "10.0.0.0", "10.0.0.0/33",
         "::/0", "2600:1f18::/56", "2600:1f18::1/56", "ten/8", "pl-63a5400a", "com.amazonaws.us-east-1.s3"]
TEXTS = ["us-east-1", "eu-west-1", "us-east-1a", "use1-az1", "s3", "dynamodb", "sqs", "TCP", "tcp", "-1", "8000-8080",
         "111122223333", "L-RT-X", "x", "", "<script>", "a|b"]
JUNK = st.one_of(st.none(), st.booleans(), st.integers(-5, 70000), st.floats(allow_nan=False, allow_infinity=False),
                 st.sampled_from(IDS + CIDRS + TEXTS), st.just([]), st.just({}), st.just(["x", 1]),
                 st.just({"x": 1}))


def value_for(draw, field_type, depth: int):
    """A value for ``field_type``: usually of the right shape, sometimes wrong on purpose."""
    if depth > 10 or draw(st.integers(0, 24)) == 0:
        return draw(JUNK)
    if isinstance(field_type, Obj):
        fields = field_type.all_fields()
        if field_type.shorthand and draw(st.booleans()):
            return value_for(draw, fields[field_type.shorthand].type, depth + 1)
        names = draw(st.lists(st.sampled_from(sorted(fields)), max_size=min(6, len(fields)), unique=True))
        required = [n for n, f in fields.items() if f.required and draw(st.integers(0, 4))]
        out = {n: value_for(draw, fields[n].type, depth + 1) for n in dict.fromkeys(required + names)}
        if draw(st.integers(0, 9)) == 0:
            out[draw(st.sampled_from(["colour", "subnetz", "main ", "Name"]))] = draw(JUNK)
        return out
    if isinstance(field_type, MapOf):
        keys = draw(st.lists(st.sampled_from(IDS), max_size=3, unique=True))
        return {k: value_for(draw, field_type.value, depth + 1) for k in keys}
    if isinstance(field_type, ListOf):
        return [value_for(draw, field_type.item, depth + 1) for _ in range(draw(st.integers(0, 3)))]
    if isinstance(field_type, OneOf):
        return value_for(draw, draw(st.sampled_from([field_type.scalar, field_type.mapping])), depth + 1)
    if isinstance(field_type, Cidr):
        return draw(st.sampled_from(CIDRS))
    if isinstance(field_type, Enum):
        return draw(st.sampled_from([*field_type.values, "nope", field_type.values[0].upper()]))
    if isinstance(field_type, Bool):
        return draw(st.booleans())
    if isinstance(field_type, Int):
        return draw(st.integers(-1, 70000))
    if isinstance(field_type, AccountId):
        return draw(st.sampled_from(["111122223333", 111122223333, 12, "abc"]))
    if isinstance(field_type, Str):
        fitting = [t for t in IDS + TEXTS if field_type.pattern and re.fullmatch(field_type.pattern, t)]
        if fitting and draw(st.integers(0, 4)):
            return draw(st.sampled_from(fitting))
        return draw(st.sampled_from(IDS + TEXTS + CIDRS))
    return draw(JUNK)


@st.composite
def schema_shaped_spec(draw):
    return value_for(draw, SPEC_FILE, 0)


@FUZZ
@given(schema_shaped_spec(), st.booleans())
def test_schema_shaped_specs(tree, flow):
    text = yaml.safe_dump(tree, default_flow_style=flow, sort_keys=False, allow_unicode=True)
    result = load_spec_text(text, "specs/x.yaml")
    check_result(result, {"specs/x.yaml"})
    check_points_at_the_text(result, text)
    if not result.diagnostics:
        # what vpcdocs accepts, the editor's schema accepts too
        errors = [e.message for e in SCHEMA_VALIDATOR.iter_errors(yaml.safe_load(text))]
        assert errors == [], text


SHIPPED_TREES = [yaml.safe_load(text) for text in SHIPPED]


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


@st.composite
def mutated_tree(draw):
    """A shipped spec (as data) with values replaced, keys dropped or added: deep, mostly valid."""
    tree = copy.deepcopy(draw(st.sampled_from(SHIPPED_TREES)))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(tree) if p]
        path = draw(st.sampled_from(paths))
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        op = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add-key", "rename-key"]))
        if op == "replace":
            parent[path[-1]] = copy.deepcopy(draw(st.one_of(JUNK, st.sampled_from(IDS + CIDRS + TEXTS))))
        elif op == "delete":
            del parent[path[-1]]
        elif op == "add-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["colour", "main", "routes", "state", "status", "aws_id"]))] = copy.deepcopy(
                draw(JUNK))
        elif op == "rename-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(IDS))] = parent.pop(path[-1])
    return tree


@FUZZ
@given(mutated_tree(), st.booleans())
def test_mutated_spec_trees(tree, flow):
    text = yaml.safe_dump(tree, default_flow_style=flow, sort_keys=False, allow_unicode=True)
    result = load_spec_text(text, "specs/x.yaml")
    check_result(result, {"specs/x.yaml"})
    check_points_at_the_text(result, text)
    if not result.diagnostics:
        assert [e.message for e in SCHEMA_VALIDATOR.iter_errors(yaml.safe_load(text))] == [], text


@FUZZ
@given(schema_shaped_spec(), schema_shaped_spec())
def test_schema_shaped_specs_in_two_files(a, b):
    files = [("specs/a.yaml", yaml.safe_dump(a).encode()), ("specs/b.yaml", yaml.safe_dump(b).encode())]
    check_result(load_sources(files), {"specs/a.yaml", "specs/b.yaml"})
