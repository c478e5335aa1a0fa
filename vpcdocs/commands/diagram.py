"""``vpcdocs diagram``: draw one VPC, or the overview, as SVG, PNG or DOT."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics import Location, Severity, error
from ..fsutil import atomic_write
from ..render.diagram import FORMATS, GraphvizError, render_diagram
from ..render.diagram.parallel import diagram_filename
from .common import io_error, print_diagnostics, say, summary_line

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
def command(spec_dir: str, vpc_id: str | None, overview: bool, fmt: str, output: str | None,
            graph_attrs: tuple[str, ...]) -> None:
    if bool(vpc_id) == bool(overview):
        raise click.UsageError("give exactly one of --vpc ID or --overview")
    from ..graphviz_check import require_dot
    from ..spec import load_specs

    if fmt != "dot":  # DOT source needs no Graphviz
        require_dot(f"vpcdocs diagram --format {fmt}")
    result = load_specs(spec_dir)
    errors = [d for d in result.diagnostics if d.severity == Severity.ERROR]
    if errors:
        print_diagnostics(errors)
        say(f"{spec_dir}: {summary_line(result.diagnostics)}", err=True)
        sys.exit(1)
    topology = result.topology
    which = "overview" if overview else str(vpc_id)
    vpc = None if overview else topology.get("vpc", which)
    if not overview and vpc is None:
        known = ", ".join(v.id for v in topology.vpcs) or "none"
        say(f"error: no VPC {which!r} in {spec_dir} (VPCs: {known})", err=True, role="error")
        sys.exit(1)
    where = getattr(vpc, "loc", None) or Location(spec_dir)
    what = "the overview diagram" if overview else f"the diagram of VPC '{which}'"
    try:
        tuning = dict(a.split("=", 1) for a in graph_attrs if "=" in a)
        rendered = render_diagram(topology, which, fmt, graph_attr=tuning or None)
    except GraphvizError as exc:
        print_diagnostics([error("D-DIAGRAM", f"{what} could not be drawn: {exc}", where)])
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - a located error, never a traceback
        print_diagnostics([error("D-DIAGRAM", f"{what} could not be drawn: internal error {type(exc).__name__}: "
                                 f"{exc} (this is a vpcdocs bug; please report it)", where)])
        sys.exit(1)
    for w in rendered.warnings:
        say(f"warning: {w}", err=True, role="warning")
    if output == "-":
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(rendered.data)
            sys.stdout.buffer.flush()
        except OSError as exc:
            io_error("<stdout>", exc)
        return
    path = Path(output or diagram_filename(which, fmt))
    try:
        atomic_write(path, rendered.data)
    except OSError as exc:
        io_error(path, exc)
    say(f"wrote {path} ({len(rendered.data)} bytes)", err=True)
