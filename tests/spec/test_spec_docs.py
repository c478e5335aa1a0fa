"""Every YAML example in the docs is a valid spec (issue 14, editor support).

Each fenced ```yaml block of docs/*.md and README.md is one of:

* a **whole spec file** (its top-level keys are spec keys): it must validate against the JSON
  Schema that ``vpcdocs schema`` prints *and* load with no diagnostic at all;
* an **excerpt**, marked by a first line ``# excerpt`` (top-level keys of a spec file whose
  references point elsewhere), ``# excerpt: in a VPC`` or ``# excerpt: in a transit gateway``:
  it must validate against the schema where it belongs (wrapped into a minimal spec);
* another file (mkdocs.yml, CI workflows: none of its top-level keys is a spec key), or only
  comments (a modeline): not checked here.

A block that mixes spec keys and other keys without a marker fails: it is a broken spec.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator
from spec_helpers import REPO, formatted, load

from vpcdocs.spec import json_schema
from vpcdocs.spec.schema import SPEC_FILE

FENCE = re.compile(r"^```yaml[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXCERPT = re.compile(r"#\s*excerpt(?::\s*in an? (?P<where>VPC|transit gateway))?\s*")
SPEC_KEYS = set(SPEC_FILE.all_fields())
VALIDATOR = Draft7Validator(json_schema())
DOCS = [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md"]


def _blocks() -> list[tuple[str, str]]:
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text[:match.start()].count("\n") + 2  # first line inside the fence
            out.append((f"{path.relative_to(REPO).as_posix()}:{line}", match[1]))
    return out


def classify(text: str) -> tuple[str, Any]:
    """(kind, detail): ("spec", tree), ("excerpt", (where, tree)), ("other", None), ("mixed", keys)."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    marker = EXCERPT.fullmatch(first)
    tree = yaml.safe_load(text)
    if marker:
        return "excerpt", (marker["where"], tree)
    if not isinstance(tree, dict):
        return "other", None
    keys = set(tree)
    if keys <= SPEC_KEYS:
        return "spec", tree
    if not keys & SPEC_KEYS:
        return "other", None
    return "mixed", sorted(map(str, keys))


BLOCKS = _blocks()
KINDS = {where: classify(text)[0] for where, text in BLOCKS}


def test_the_docs_have_spec_examples_of_each_kind():
    kinds = list(KINDS.values())
    assert kinds.count("spec") >= 4 and kinds.count("excerpt") >= 10, KINDS
    assert "mixed" not in kinds, [where for where, kind in KINDS.items() if kind == "mixed"]


SPECS = [(where, text) for where, text in BLOCKS if KINDS[where] == "spec"]


@pytest.mark.parametrize(("where", "text"), SPECS, ids=[w for w, _ in SPECS])
def test_whole_spec_examples_validate_and_load_clean(where, text):
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in VALIDATOR.iter_errors(yaml.safe_load(text))]
    assert errors == [], where
    result = load(text, Path(where.split(":")[0]).name)
    assert result.diagnostics == [], f"{where}\n{formatted(result)}"


def wrap(where: str | None, tree: Any) -> Any:
    """An excerpt placed in a minimal spec file."""
    if where == "VPC":
        return {"region": "us-east-1", "vpcs": {"vpc-example": {"cidr": "10.0.0.0/16", **tree}}}
    if where == "transit gateway":
        return {"transit_gateways": {"tgw-example": tree}}
    return tree


EXCERPTS = [(where, text) for where, text in BLOCKS if KINDS[where] == "excerpt"]


@pytest.mark.parametrize(("where", "text"), EXCERPTS, ids=[w for w, _ in EXCERPTS])
def test_excerpts_validate_where_they_belong(where, text):
    place, tree = classify(text)[1]
    assert isinstance(tree, dict) and tree, f"{where}: an excerpt holds a mapping"
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in VALIDATOR.iter_errors(wrap(place, tree))]
    assert errors == [], where


def test_a_broken_example_would_be_caught():
    broken = "# excerpt: in a VPC\n    subnets:\n      a: {cidr: 10.0.0.0/24, zone: us-east-1a}\n"
    place, tree = classify(broken)[1]
    assert list(VALIDATOR.iter_errors(wrap(place, tree)))
    assert classify("region: us-east-1\nvpcs: {}\nplugins: []\n")[0] == "mixed"
    assert classify("plugins:\n  - search\n")[0] == "other"
