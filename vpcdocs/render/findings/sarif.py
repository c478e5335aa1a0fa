"""Findings as SARIF 2.1.0, so GitHub code scanning annotates pull requests at the spec line.

``tool.driver.rules`` comes from the lint catalogue (every rule, in catalogue order), followed
by a minimal rule for each other code the results use (loader ``S-*`` codes, expectations).
"""

from __future__ import annotations

import json

from ... import __version__
from ...analysis.lint.catalogue import all_rules
from ...diagnostics import UNKNOWN_LOCATION, Diagnostic, Location, Severity
from ..escape import json_text
from .json import relative_uri

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_object(code: str, title: str, level: str, url: str = "", hint: str = "",
                 aws_rules: tuple[str, ...] = ()) -> dict:
    rule: dict = {
        "id": code,
        "name": "".join(part.capitalize() for part in code.replace("_", "-").split("-")),
        "shortDescription": {"text": title},
        "defaultConfiguration": {"level": level},
    }
    if hint:
        rule["help"] = {"text": hint}
    if url:
        rule["helpUri"] = url
    if aws_rules:
        rule["properties"] = {"tags": list(aws_rules)}
    return rule


def _location(loc: Location, base_dir: str | None) -> dict:
    physical: dict = {"artifactLocation": {"uri": relative_uri(loc.file, base_dir)}}
    if loc.line:
        physical["region"] = {"startLine": loc.line, "startColumn": loc.column or 1}
    return {"physicalLocation": physical}


def sarif_log(diags: list[Diagnostic], base_dir: str | None = None) -> dict:
    rules = [_rule_object(r.code, r.title, LEVELS[r.severity], r.url, r.hint, r.rules) for r in all_rules()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    for d in diags:
        if d.code not in index:
            index[d.code] = len(rules)
            rules.append(_rule_object(d.code, d.code, LEVELS[d.severity]))
    results = []
    for d in diags:
        text = d.message + (f" ({d.rule})" if d.rule else "")
        if d.hint:
            text += f"\nHint: {d.hint}"
        result: dict = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.severity],
            "message": {"text": text},
        }
        if d.location != UNKNOWN_LOCATION:
            result["locations"] = [_location(d.location, base_dir)]
        related = [loc for loc in d.related if loc != UNKNOWN_LOCATION]
        if related:
            result["relatedLocations"] = [dict(_location(loc, base_dir), id=i) for i, loc in enumerate(related)]
        if d.resource:
            result["properties"] = {"resource": d.resource}
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "vpcdocs",
                "version": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(diags: list[Diagnostic], base_dir: str | None = None) -> str:
    return json_text(json.dumps(sarif_log(diags, base_dir), indent=2, ensure_ascii=False)) + "\n"
