"""``vpcdocs diagram``: draw one VPC, or the overview, as SVG, PNG or DOT."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import io_error, print_diagnostics, say, summary_line

# the formats of vpcdocs.render.diagram.FORMATS (a test keeps the two equal), named here so that
# the command line starts without importing the diagram renderer
FORMATS = ("svg", "png", "dot")

HELP = """Draw an AWS-icon architecture diagram from the specs in SPEC_DIR (default: specs):
one VPC (--vpc), one transit gateway's route tables (--tgw), the whole estate (--overview:
every VPC when there are up to 60, else the summary), the estate summary (--estate) or
one region (--region).

SVG output is self-contained (icons embedded) and byte-identical across runs; --dark gives
the dark-theme variant. PNG is drawn at --scale pixels per SVG pixel (default 2).

\b
Examples:
  vpcdocs diagram --overview -o docs/overview.svg
  vpcdocs diagram specs --vpc vpc-a --routes --format png -o vpc-a.png
  vpcdocs diagram --tgw tgw-hub --scale 3 --format png
  vpcdocs diagram --vpc vpc-a --format dot | less
"""


@click.command("diagram", help=HELP)
@click.argument("spec_dir", default="specs", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--vpc", "vpc_id", metavar="ID", help="Draw this VPC (its spec id).")
@click.option("--overview", is_flag=True, help="Draw every VPC and the links between them.")
@click.option("--estate", is_flag=True, help="Draw the estate summary (accounts, regions, hubs).")
@click.option("--region", "region", metavar="REGION", help="Draw the overview of one region.")
@click.option("--tgw", "tgw_id", metavar="ID", help="Draw this transit gateway's route tables.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="svg", show_default=True,
              help="Output format.")
@click.option("--routes", is_flag=True, help="VPC diagram: draw each subnet's routes as arrows to their targets.")
@click.option("--scale", type=click.FloatRange(0.1, 8.0), default=2.0, show_default=True,
              help="PNG: pixels per SVG pixel.")
@click.option("--dark", is_flag=True, help="SVG: the dark-theme variant.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Output file (default: overview.<fmt> or vpc-<id>.<fmt>; '-' for stdout).")
@click.option("--graph-attr", "graph_attrs", multiple=True, metavar="KEY=VALUE", hidden=True,
              help="Extra Graphviz graph attribute (e.g. bgcolor=transparent).")
def command(spec_dir: str, vpc_id: str | None, overview: bool, estate: bool, region: str | None,
            tgw_id: str | None, routes: bool, scale: float, dark: bool, fmt: str, output: str | None,
            graph_attrs: tuple[str, ...]) -> None:
    chosen = [w for w in (vpc_id, overview, estate, region, tgw_id) if w]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --vpc ID, --tgw ID, --region REGION, --overview or --estate")
    if dark and fmt != "svg":
        raise click.UsageError("--dark is for SVG output")
    from ..diagnostics import Location, Severity, error
    from ..fsutil import atomic_write
    from ..graphviz_check import require_dot
    from ..render.diagram import DiagramRef, GraphvizError, render_diagram
    from ..render.diagram.parallel import diagram_filename
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
    ref = (DiagramRef("overview") if overview else DiagramRef("estate") if estate
           else DiagramRef("region", str(region)) if region else DiagramRef("tgw", str(tgw_id)) if tgw_id
           else DiagramRef("vpc", str(vpc_id)))
    obj = topology.get("vpc", ref.id) if ref.kind == "vpc" else (
        topology.get("transit-gateway", ref.id) if ref.kind == "tgw" else None)
    if ref.kind in ("vpc", "tgw") and obj is None:
        kind = "VPC" if ref.kind == "vpc" else "transit gateway"
        ids = topology.vpcs if ref.kind == "vpc" else topology.transit_gateways
        known = ", ".join(v.id for v in ids) or "none"
        say(f"error: no {kind} {ref.id!r} in {spec_dir} ({kind}s: {known})", err=True, role="error")
        sys.exit(1)
    if ref.kind == "region" and not any(v.region == ref.id for v in topology.vpcs):
        known = ", ".join(sorted({v.region for v in topology.vpcs if v.region})) or "none"
        say(f"error: no VPC in region {ref.id!r} in {spec_dir} (regions: {known})", err=True, role="error")
        sys.exit(1)
    where = getattr(obj, "loc", None) or Location(spec_dir)
    what = {"overview": "the overview diagram", "estate": "the estate summary", "region": f"the overview of region '{ref.id}'",
            "tgw": f"the diagram of transit gateway '{ref.id}'", "vpc": f"the diagram of VPC '{ref.id}'"}[ref.kind]
    try:
        tuning = dict(a.split("=", 1) for a in graph_attrs if "=" in a)
        rendered = render_diagram(topology, ref, fmt, graph_attr=tuning or None, routes=routes, scale=scale, dark=dark)
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
    path = Path(output or diagram_filename(ref, fmt, dark))
    try:
        atomic_write(path, rendered.data)
    except OSError as exc:
        io_error(path, exc)
    say(f"wrote {path} ({len(rendered.data)} bytes)", err=True)
