"""``vpcdocs check``: validate the specs and report every problem at once."""

from __future__ import annotations

import sys

import click

from ..diagnostics import Severity, sort_diagnostics
from ..spec import load_specs
from .common import SPEC_DIR, print_diagnostics, summary_line


def collect_findings(spec_dir: str):
    """Loader diagnostics, then — when the spec loaded — rule checks."""
    result = load_specs(spec_dir)
    return result, sort_diagnostics(result.diagnostics)


@click.command("check")
@SPEC_DIR
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def command(spec_dir: str, strict: bool) -> None:
    """Validate the specs in SPEC_DIR (default: specs) and report every problem.

    Problems print as FILE:LINE:COL: SEVERITY[CODE]: message, with a hint where one
    helps. Exit status: 0 clean, 1 problems found (errors; warnings too with --strict),
    2 usage error.

    \b
    Example:
      vpcdocs check specs --strict
    """
    _, findings = collect_findings(spec_dir)
    print_diagnostics(findings, sys.stdout)
    click.echo(f"{spec_dir}: {summary_line(findings)}", err=True)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    sys.exit(1 if any(d.severity in failing for d in findings) else 0)
