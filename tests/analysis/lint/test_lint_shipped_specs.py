"""The shipped example specs lint clean: no errors or warnings (info notes are fine)."""

from __future__ import annotations

from pathlib import Path

from vpcdocs.analysis.lint import run_lint
from vpcdocs.diagnostics import Severity
from vpcdocs.spec import load_specs

SPECS = Path(__file__).resolve().parents[3] / "specs"


def test_shipped_specs_have_no_lint_errors_or_warnings():
    result = load_specs(SPECS)
    assert result.ok
    bad = [d.format() for d in run_lint(result.topology) if d.severity is not Severity.INFO]
    assert bad == []
