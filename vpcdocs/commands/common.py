"""What every command shares: loading specs and reporting problems the same way."""

from __future__ import annotations

import sys

import click

from ..render.findings.text import printable
from ..render.findings.text import summary as summary_line  # noqa: F401  (re-exported)
from ..spec import LoadResult, load_specs

SPEC_DIR = click.argument("spec_dir", default="specs", type=click.Path(path_type=str))
CONFIG_FILE = click.option(
    "--config-file", "-f", default=None, metavar="FILE",
    help="Your MkDocs config (default: ./mkdocs.yml if present, else vpcdocs' built-in one).")
CACHE_DIR = click.option("--cache-dir", default=".cache/vpcdocs", show_default=True, metavar="DIR",
                         help="Diagram cache: unchanged diagrams are not re-rendered.")


def print_diagnostics(diagnostics, stream=None) -> None:
    stream = stream or sys.stderr
    for d in diagnostics:
        click.echo(printable(d.format()), file=stream)


def load_or_exit(spec_dir: str) -> LoadResult:
    """Load the specs; on errors print every one and exit 1 (warnings go to stderr too)."""
    result = load_specs(spec_dir)
    if not result.ok:
        print_diagnostics(result.diagnostics)
        click.echo(f"{spec_dir}: {summary_line(result.diagnostics)}", err=True)
        sys.exit(1)
    print_diagnostics(result.diagnostics)  # warnings: reported, but the command goes on
    return result


def require_vpc(topology, vpc_id: str | None) -> None:
    """Usage error (exit 2) when ``--vpc`` names no VPC of the spec."""
    if vpc_id is None or topology.get("vpc", vpc_id) is not None:
        return
    from ..diagnostics import did_you_mean

    hint = did_you_mean(vpc_id, [v.id for v in topology.vpcs])
    raise click.BadParameter(f"no VPC '{vpc_id}' in the specs" + (f"; {hint}" if hint else ""), param_hint="--vpc")
