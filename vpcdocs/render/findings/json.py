"""Findings as JSON: a list of flat objects, one per finding."""

from __future__ import annotations

import json
import os

from ...analysis.lint.catalogue import get_rule
from ...diagnostics import UNKNOWN_LOCATION, Diagnostic
from ..escape import json_text


def relative_uri(file: str, base_dir: str | None = None) -> str:
    """``file`` relative to ``base_dir`` (default: the working directory), with forward slashes."""
    path = file
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path, base_dir or os.getcwd())
            if not rel.startswith(".."):
                path = rel
        except ValueError:  # another drive on Windows
            pass
    elif base_dir:
        try:
            rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir))
            if not rel.startswith(".."):
                path = rel
        except ValueError:
            pass
    path = path.replace(os.sep, "/").replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def finding_to_json(d: Diagnostic, base_dir: str | None = None) -> dict:
    spec = get_rule(d.code)
    known = d.location != UNKNOWN_LOCATION
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "file": relative_uri(d.location.file, base_dir) if known else None,
        "line": d.location.line or None,
        "column": (d.location.column or 1) if d.location.line else None,
        "rule": d.rule,
        "rule_url": (spec.url or None) if spec is not None else None,
        "hint": d.hint,
        "resource": d.resource,
    }


def render(diags: list[Diagnostic], base_dir: str | None = None) -> str:
    return json_text(json.dumps([finding_to_json(d, base_dir) for d in diags], indent=2, ensure_ascii=False)) + "\n"
