"""``vpcdocs routes``: the effective route tables, as AWS would show them."""

from __future__ import annotations

import click

from .common import SPEC_DIR, load_or_exit, require_vpc

# the formats of vpcdocs.render.route_tables.FORMATS (a test keeps the two equal), named here so
# that the command line starts without importing the renderers
FORMATS = ("json", "markdown", "table")


@click.command("routes")
@SPEC_DIR
@click.option("--vpc", "vpc_id", metavar="ID", help="Only this VPC's route tables.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="table", show_default=True,
              help="table for a terminal, markdown for docs, json for tools.")
def command(spec_dir: str, vpc_id: str | None, fmt: str) -> None:
    """Print the effective route tables of SPEC_DIR (default: specs).

    Each table shows what the AWS console would: a local route per VPC CIDR, your static
    routes, the prefix-list → gateway-endpoint row of every gateway endpoint associated
    with the table and the routes its propagating virtual private gateways install (both
    marked as derived), with each route's state — blackhole where the target is gone or
    where AWS reported it (`state: blackhole`).

    \b
    Example:
      vpcdocs routes specs --vpc vpc-a --format markdown
    """
    from ..render.route_tables import FORMATS as RENDERERS
    from ..routing import dataplane

    result = load_or_exit(spec_dir)
    require_vpc(result.topology, vpc_id)
    dp = dataplane(result.topology)
    tables = dp.tables_of(vpc_id) if vpc_id else dp.route_tables
    click.echo(RENDERERS[fmt](tables), nl=False)
