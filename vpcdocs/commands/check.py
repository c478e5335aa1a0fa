"""``vpcdocs check``: validate the specs, run the lint catalogue and the declared flows."""

from __future__ import annotations

import sys

import click

from .common import SPEC_DIR, io_error, say, summary_line

# the report formats of vpcdocs.render.findings.FORMATS (a test keeps the two equal): named
# here so that the command line starts without importing the renderers and the lint catalogue
FORMATS = ("text", "json", "sarif")


def collect_findings(spec_dir: str):
    """Load the specs and collect every finding (:func:`vpcdocs.analysis.findings.collect_findings`);
    after loader errors, lint findings about the VPCs that loaded cleanly too (:mod:`.partial`)."""
    from ..analysis.findings import collect_findings as findings_of
    from ..diagnostics import sort_diagnostics
    from ..spec import load_specs
    from .partial import partial_findings

    result = load_specs(spec_dir)
    findings = findings_of(result.topology if result.ok else None, result.diagnostics)
    if not result.ok:
        findings = sort_diagnostics([*findings, *partial_findings(result)])
    return result, findings


@click.command("check")
@SPEC_DIR
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for tools, sarif for GitHub code scanning.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--list-rules", is_flag=True, help="List the lint catalogue (codes, severities, AWS rules) and exit.")
def command(spec_dir: str, strict: bool, fmt: str, output: str | None, list_rules: bool) -> None:
    """Validate the specs in SPEC_DIR (default: specs) and report every problem.

    Three layers run: the spec format (types, CIDRs, references), the lint catalogue of
    AWS rules (codes L-*, each citing its rule ID, see docs/lint-rules.md), and the flows
    declared under `expect:`. Problems print as FILE:LINE:COL: SEVERITY[CODE]: message.
    When a VPC has spec errors, the other VPCs are still linted in the same run (unless
    the errors leave the model incomplete: unreadable files, unknown references).
    Silence a finding on a resource with `suppress: [{code: ..., reason: ...}]`.

    Exit status: 0 clean, 1 problems found (errors; warnings too with --strict),
    2 usage error.

    \b
    Examples:
      vpcdocs check specs --strict
      vpcdocs check specs --format sarif -o vpcdocs.sarif   # for GitHub code scanning
    """
    from ..diagnostics import Severity
    from ..render.findings import format_findings
    from ..render.findings import text as text_format

    if list_rules:
        from ..analysis.lint import render_rules_text

        say(render_rules_text(), nl=False)
        return
    _, findings = collect_findings(spec_dir)
    # the text report goes to stdout finding by finding; the summary always goes to stderr
    report = text_format.render(findings, with_summary=False) if fmt == "text" else format_findings(findings, fmt)
    if output:
        from ..fsutil import atomic_write

        try:
            atomic_write(output, report)
        except OSError as exc:
            io_error(output, exc)
    else:
        say(report, nl=False, auto_colour=fmt == "text")
    say(f"{spec_dir}: {summary_line(findings)}", err=True)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    sys.exit(1 if any(d.severity in failing for d in findings) else 0)
