"""Per-resource suppressions: silence a finding with a reason; stale or unknown ones warn."""

from __future__ import annotations

from lint_helpers import codes, lint, load, of

from vpcdocs.analysis.lint import apply_suppressions, run_lint
from vpcdocs.diagnostics import Diagnostic, Location, Severity

SPEC = """\
region: us-east-1
vpcs:
  vpc-docker:
    cidr: 172.17.0.0/16
    suppress:
{suppress}
    subnets:
      d-app: {{cidr: 172.17.1.0/24, az: us-east-1a, route_table: d-app}}
    route_tables:
      d-app: {{main: true}}
"""


def spec(*entries: str) -> str:
    return SPEC.format(suppress="\n".join(f"      - {e}" for e in entries) or "      []")


def test_unsuppressed_finding():
    assert codes(spec()) == ["L-CIDR-172-17"]


def test_suppressed_finding_is_dropped():
    assert lint(spec('{code: L-CIDR-172-17, reason: "legacy build hosts"}')) == []


def test_unknown_code_is_a_warning_at_the_suppression():
    (d,) = lint(spec('{code: L-CIDR-172-17, reason: ok}', '{code: L-CIDR-17217, reason: typo}'))
    assert d.code == "L-SUPPRESS-UNKNOWN" and d.severity is Severity.WARNING
    assert d.location.line == 7 and d.resource == "vpc-docker"
    assert "did you mean 'L-CIDR-172-17'?" in d.hint


def test_suppression_that_silences_nothing_is_a_warning():
    found = lint(spec('{code: L-CIDR-172-17, reason: ok}', '{code: L-PEER-DUP, reason: stale}'))
    (d,) = found
    assert d.code == "L-SUPPRESS-UNUSED" and d.severity is Severity.WARNING and "L-PEER-DUP" in d.message
    assert d.location.line == 7


def test_suppression_applies_only_to_its_own_resource():
    text = spec().replace("      d-app: {main: true}", "      d-app:\n        main: true\n        suppress:\n"
                          "          - {code: L-CIDR-172-17, reason: wrong place}")
    assert sorted(codes(text)) == ["L-CIDR-172-17", "L-SUPPRESS-UNUSED"]


def test_flow_codes_are_unused_only_when_reachability_findings_are_passed():
    text = spec('{code: L-CIDR-172-17, reason: ok}', '{code: L-PEER-TRANSITIVE, reason: intended}')
    topology = load(text)
    assert run_lint(topology) == []
    assert [d.code for d in run_lint(topology, extra=[])] == ["L-SUPPRESS-UNUSED"]
    flow = Diagnostic("L-PEER-TRANSITIVE", Severity.ERROR, "b → c relies on a", Location("spec.yaml", 1, 1),
                      resource="vpc-docker")
    assert run_lint(topology, extra=[flow]) == []
    (stale,) = apply_suppressions(topology, [flow], reachability_checked=True)
    assert stale.code == "L-SUPPRESS-UNUSED" and "L-CIDR-172-17" in stale.message


def test_findings_are_sorted_and_deterministic(base):
    base["vpcs"]["vpc-c"]["subnets"]["c-app-1a"]["cidr"] = "10.2.0.0/24"  # overlaps c-tgw-1a
    del base["vpcs"]["vpc-b"]["subnets"]["b-app-1a"]["route_table"]
    first = lint(base)
    assert first == lint(base)
    assert [d.sort_key for d in first] == sorted(d.sort_key for d in first)
    assert {d.code for d in first} >= {"L-CIDR-OVERLAP-SUBNET", "L-RT-NO-ASSOC"}
    assert of(first, "L-CIDR-OVERLAP-SUBNET")[0].resource == "c-tgw-1a"
