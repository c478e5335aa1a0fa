"""``vpcdocs reach``: can X reach Y — the path hop by hop, or exactly why not."""

from __future__ import annotations

import json

import click

from ..analysis.reach import UnknownEndpoint, parse_endpoint, reachability, subnet_matrix, vpc_matrix
from .common import SPEC_DIR, load_or_exit

MAX_SUBNET_MATRIX = 1500  # subnets; beyond that a subnet × subnet matrix is unreadable anyway


@click.command("reach")
@SPEC_DIR
@click.option("--from", "source", metavar="X",
              help="Source: subnet, VPC, IP address, load balancer, endpoint service or 'internet'.")
@click.option("--to", "destination", metavar="Y",
              help="Destination: subnet, VPC, IP address, s3, dynamodb, s3@REGION, internet, "
                   "endpoint service or load balancer.")
@click.option("--port", type=click.IntRange(1, 65535), metavar="N",
              help="TCP port; matters for PrivateLink (NLB listener ports) and load balancers.")
@click.option("--matrix", is_flag=True, help="Print the reachability matrix instead of one answer.")
@click.option("--level", type=click.Choice(["vpc", "subnet"]), default="vpc", show_default=True,
              help="Matrix level: VPC × VPC or subnet × subnet.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(spec_dir: str, source: str | None, destination: str | None, port: int | None, matrix: bool,
            level: str, fmt: str) -> None:
    """Answer "can X reach Y?" from the specs in SPEC_DIR (default: specs).

    Follows route tables (longest prefix match; static > prefix list > propagated),
    peerings (not transitive, no use of the peer's gateways), transit gateways (association
    table, propagations, static and blackhole routes, AZ coverage), NAT and internet
    gateways, gateway endpoints and PrivateLink (one way, consumer → provider), and checks
    that replies come back. Exit status: 0 answered (reachable or not), 1 spec errors,
    2 usage errors.

    \b
    Examples:
      vpcdocs reach specs --from a-private-1a --to b-app-1a
      vpcdocs reach specs --from b-app-1a --to c-app-1a --format json
      vpcdocs reach specs --from a-private-1a --to s3
      vpcdocs reach specs --from a-private-1a --to s3@eu-west-1
      vpcdocs reach specs --from sf-app-1a --to orders-svc --port 443
      vpcdocs reach specs --from 10.0.10.15 --to internet
      vpcdocs reach specs --matrix
      vpcdocs reach specs --matrix --level subnet --format json
    """
    if matrix:
        if source or destination:
            raise click.UsageError("--matrix cannot be combined with --from/--to")
    elif not source or not destination:
        raise click.UsageError("give --from X and --to Y, or --matrix")
    result = load_or_exit(spec_dir)
    topology = result.topology
    if matrix:
        if level == "subnet" and len(topology.subnets) > MAX_SUBNET_MATRIX:
            raise click.UsageError(f"{len(topology.subnets)} subnets make a {len(topology.subnets) ** 2:,}-cell "
                                   f"subnet matrix; use --level vpc, or --from/--to for single flows")
        m = vpc_matrix(topology) if level == "vpc" else subnet_matrix(topology)
        if fmt == "json":
            click.echo(json.dumps(m.to_json(), indent=2, ensure_ascii=False))
        else:
            click.echo(m.format())
        return
    r = reachability(topology)
    try:
        src = parse_endpoint(topology, source)
    except UnknownEndpoint as exc:
        raise click.BadParameter(str(exc), param_hint="--from") from None
    try:
        dst = parse_endpoint(topology, destination)
    except UnknownEndpoint as exc:
        raise click.BadParameter(str(exc), param_hint="--to") from None
    answer = r.answer(src, dst, port)
    if fmt == "json":
        click.echo(json.dumps(answer.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(answer.format())
