"""``vpcdocs diagram``: draw one VPC, or the overview, as SVG, PNG or DOT."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics import Severity
from ..render.diagram import FORMATS, GraphvizError, render_diagram
from ..render.diagram.cache import atomic_write
from ..render.diagram.parallel import diagram_filename

HELP = """Draw an AWS-icon architecture diagram of one VPC (--vpc) or of the whole
topology (--overview) from the specs in SPEC_DIR (default: specs).

SVG output is self-contained (icons embedded) and byte-identical across runs.

\b
Examples:
  vpcdocs diagram --overview -o docs/overview.svg
  vpcdocs diagram specs --vpc vpc-a --format png -o vpc-a.png
  vpcdocs diagram --vpc vpc-a --format dot | less
"""


@click.command("diagram", help=HELP)
@click.argument("spec_dir", default="specs", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--vpc", "vpc_id", metavar="ID", help="Draw this VPC (its spec id).")
@click.option("--overview", is_flag=True, help="Draw every VPC and the links between them.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="svg", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Output file (default: overview.<fmt> or vpc-<id>.<fmt>; '-' for stdout).")
@click.option("--graph-attr", "graph_attrs", multiple=True, metavar="KEY=VALUE", hidden=True,
              help="Graphviz graph attribute for the first layout attempt (layout tuning).")
def command(spec_dir, vpc_id, overview, fmt, output, graph_attrs):
    if bool(vpc_id) == bool(overview):
        raise click.UsageError("give exactly one of --vpc ID or --overview")
    from ..graphviz_check import require_dot
    from ..spec import load_specs

    if fmt != "dot":  # DOT source needs no Graphviz
        require_dot(f"vpcdocs diagram --format {fmt}")
    result = load_specs(spec_dir)
    errors = [d for d in result.diagnostics if d.severity == Severity.ERROR]
    if errors:
        for d in errors:
            click.echo(d.format(), err=True)
        sys.exit(1)
    topology = result.topology
    which = "overview" if overview else vpc_id
    if not overview and topology.get("vpc", vpc_id) is None:
        known = ", ".join(v.id for v in topology.vpcs) or "none"
        click.echo(f"error: no VPC {vpc_id!r} in {spec_dir} (VPCs: {known})", err=True)
        sys.exit(1)
    try:
        tuning = dict(a.split("=", 1) for a in graph_attrs if "=" in a)
        rendered = render_diagram(topology, which, fmt, graph_attr=tuning or None)
    except GraphvizError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for w in rendered.warnings:
        click.echo(f"warning: {w}", err=True)
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered.data)
        sys.stdout.buffer.flush()
        return
    path = Path(output or diagram_filename(which, fmt))
    atomic_write(path, rendered.data)
    click.echo(f"wrote {path} ({len(rendered.data)} bytes)", err=True)
