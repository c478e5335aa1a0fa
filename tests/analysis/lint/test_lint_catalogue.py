"""The catalogue is the single source: well-formed, and docs/lint-rules.md is generated from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vpcdocs.analysis.lint import RULES, render_rules_markdown
from vpcdocs.analysis.lint.catalogue import ADDED_RULES, AREAS
from vpcdocs.diagnostics import Severity

REPO = Path(__file__).resolve().parents[3]
REFERENCE_IDS = re.compile(r"^(CIDR|SUB|RT|RT-LOCAL|RT-TGT|RT-BH|RT-PRI|RT-Q|PEER|GWE|IFE|EPS|TGW|NAT|SG|NACL|PL|V6|VGW|RS)"
                           r"-\d+$")
REFERENCE = REPO.parent / "shared" / "reference" / "aws-networking-rules.md"


def test_catalogue_entries_are_well_formed():
    for code, rule in RULES.items():
        assert code == rule.code and re.fullmatch(r"L-[A-Z0-9-]+", code)
        assert isinstance(rule.severity, Severity)
        assert rule.title and rule.hint and rule.area in AREAS
        assert rule.status in ("implemented", "reachability", "not-applicable")
        for rid in rule.rules:
            assert REFERENCE_IDS.match(rid), rid
        if rule.rules:
            assert rule.url.startswith("https://docs.aws.amazon.com/"), code


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared AWS rules reference is not beside the repository")
def test_every_cited_rule_id_is_defined_in_the_reference():
    text = REFERENCE.read_text(encoding="utf-8")
    defined = set(re.findall(r"\*\*([A-Z0-9]+(?:-[A-Z0-9]+)*-\d+)(?: \(|\*\*)", text))
    cited = {rid for rule in RULES.values() for rid in rule.rules}
    assert sorted(cited - defined - set(ADDED_RULES)) == []
    # an ID the project adds must not clash with one the reference defines
    assert sorted(defined & set(ADDED_RULES)) == []


def test_added_rule_ids_are_cited_and_sourced():
    cited = {rid for rule in RULES.values() for rid in rule.rules}
    for rid, (statement, url) in ADDED_RULES.items():
        assert rid in cited and statement and url.startswith("https://docs.aws.amazon.com/"), rid
    assert "## Rule IDs added by vpcdocs" in render_rules_markdown()


def test_section_11_codes_are_all_listed():
    section_11 = """L-CIDR-OVERLAP-SUBNET L-CIDR-172-17 L-RT-NO-ASSOC L-RT-MULTI-ASSOC L-RT-QUOTA L-RT-LOCAL-SPECIFIC
    L-RT-PL-TIE L-RT-BLACKHOLE L-PEER-OVERLAP L-PEER-DUP L-PEER-ONE-SIDED L-PEER-TRANSITIVE L-PEER-EDGE
    L-PEER-HUB-OVERLAP L-PEER-QUOTA L-GWE-SERVICE L-GWE-DUP-RT L-GWE-REGION L-GWE-NACL-PL L-GWE-QUOTA
    L-IFE-AZ-DUP L-IFE-DNS L-IFE-SG L-IFE-QUOTA L-EPS-LB-TYPE L-EPS-ALB-TARGET L-EPS-AZ L-EPS-XZONE L-TGW-AZ
    L-TGW-NO-VPC-ROUTE L-TGW-ASSOC L-TGW-IDENTICAL-CIDR L-TGW-RETURN L-TGW-QUOTA L-NAT-PUBLIC L-NAT-AZ""".split()
    assert [c for c in section_11 if c not in RULES] == []


def test_committed_lint_rules_page_is_generated():
    committed = (REPO / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_markdown(), (
        "docs/lint-rules.md is stale: regenerate it with\n"
        "  python -c 'from vpcdocs.analysis.lint import render_rules_markdown as r; "
        "open(\"docs/lint-rules.md\", \"w\").write(r())'")


def test_rules_page_lists_every_code():
    page = render_rules_markdown()
    for code in RULES:
        assert f"`{code}`" in page


def test_rules_text_has_one_line_per_rule():
    from vpcdocs.analysis.lint import render_rules_text

    lines = render_rules_text().splitlines()
    assert len(lines) == len(RULES)
    assert lines[0].split()[:3] == ["L-CIDR-VPC", "error", "CIDR-1,"]
    assert any("L-GWE-NACL-PL" in line and "loader rejects" in line for line in lines)
