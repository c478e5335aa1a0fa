"""``vpcdocs reach``: can X reach Y with this traffic — the path hop by hop and the security
checks on the way, or exactly what blocks it."""

from __future__ import annotations

import sys

import click

from ..render.escape import json_text
from .common import SPEC_DIR, load_or_exit, say

MAX_SUBNET_MATRIX = 1500  # subnets; beyond that a subnet × subnet matrix is unreadable anyway
PROTOCOLS = ("tcp", "udp", "icmp", "icmpv6", "all")


def _protocol(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    low = value.strip().lower()
    if low in PROTOCOLS or low == "-1" or (low.isdigit() and 0 <= int(low) <= 255):
        return low
    raise click.BadParameter(f"'{value}' is not tcp, udp, icmp, icmpv6, all or a protocol number 0-255")


@click.command("reach")
@SPEC_DIR
@click.option("--from", "source", metavar="X",
              help="Source: instance, network interface, subnet, VPC, IP address (IPv4 or IPv6), load balancer, "
                   "external network, 'internet' or 'internet6'.")
@click.option("--to", "destination", metavar="Y",
              help="Destination: instance, network interface, subnet, VPC, IP address, s3, dynamodb, s3@REGION, "
                   "internet, internet6, endpoint service, load balancer, interface endpoint or external network.")
@click.option("--protocol", callback=_protocol, metavar="P",
              help="tcp, udp, icmp, icmpv6, all or a protocol number. Default: any traffic that some rule allows "
                   "(tcp when only --port is given).")
@click.option("--port", type=click.IntRange(0, 65535), metavar="N", help="Destination port (tcp/udp).")
@click.option("--matrix", is_flag=True, help="Print the reachability matrix instead of one answer.")
@click.option("--level", type=click.Choice(["vpc", "subnet"]), default="vpc", show_default=True,
              help="Matrix level: VPC × VPC or subnet × subnet.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(spec_dir: str, source: str | None, destination: str | None, protocol: str | None, port: int | None,
            matrix: bool, level: str, fmt: str) -> None:
    """Answer "can X reach Y?" from the specs in SPEC_DIR (default: specs).

    Follows route tables (longest prefix match; static > prefix list > propagated),
    peerings (not transitive, no use of the peer's gateways), transit gateways (associated
    table, default tables, propagations, static and blackhole routes, AZ coverage), NAT,
    internet and egress-only gateways, gateway endpoints, virtual private gateways and VPN
    attachments, and PrivateLink (one way, consumer → provider). Evaluates the security
    groups of the interfaces at both ends (stateful) and the network ACLs of every subnet
    boundary crossed, both ways (stateless, replies to the client's ephemeral ports), and
    checks that replies route back. A "NOT reachable" answer names the first thing that
    blocks, its rule ID and the AWS Reachability Analyzer code for it.

    Exit status: 0 answered (reachable or not), 1 spec errors, 2 usage errors.

    \b
    Examples:
      vpcdocs reach specs --from a-private-1a --to b-app-1a
      vpcdocs reach specs --from shop-web-1 --to 10.40.20.10 --protocol tcp --port 22
      vpcdocs reach specs --from b-app-1a --to c-app-1a --format json
      vpcdocs reach specs --from a-private-1a --to s3
      vpcdocs reach specs --from sf-app-1a --to orders-svc --port 443
      vpcdocs reach specs --from internet --to storefront-alb --port 443
      vpcdocs reach specs --matrix --protocol tcp --port 443
      vpcdocs reach specs --matrix --level subnet --format json
    """
    if matrix:
        if source or destination:
            raise click.UsageError("--matrix cannot be combined with --from/--to")
    elif not source or not destination:
        raise click.UsageError("give --from X and --to Y, or --matrix")
    from ..analysis.reach import (
        UnknownEndpoint,
        parse_endpoint,
        reachability,
        subnet_axes,
        subnet_cells,
        traffic_for,
        vpc_cells,
        vpc_ids,
    )
    from ..render.reach import answer_json, answer_text, matrix_json_chunks, matrix_text_lines

    result = load_or_exit(spec_dir)
    topology = result.topology
    traffic = traffic_for(protocol, port)
    if matrix:
        if level == "subnet" and len(topology.subnets) > MAX_SUBNET_MATRIX:
            raise click.UsageError(f"{len(topology.subnets)} subnets make a {len(topology.subnets) ** 2:,}-cell "
                                   f"subnet matrix; use --level vpc, or --from/--to for single flows")
        if level == "vpc":
            rows = cols = vpc_ids(topology)

            def cells():
                return vpc_cells(topology, rows, traffic)
        else:
            rows, cols = subnet_axes(topology)

            def cells():
                return subnet_cells(topology, rows, cols, traffic)
        stdout = sys.stdout
        if fmt == "json":
            for chunk in matrix_json_chunks(level, traffic.text(), rows, cols, cells()):
                stdout.write(json_text(chunk))
        else:
            for line in matrix_text_lines(rows, cols, cells):
                say(line)
        return
    try:
        src = parse_endpoint(topology, source or "")
    except UnknownEndpoint as exc:
        raise click.BadParameter(str(exc), param_hint="--from") from None
    try:
        dst = parse_endpoint(topology, destination or "")
    except UnknownEndpoint as exc:
        raise click.BadParameter(str(exc), param_hint="--to") from None
    answer = reachability(topology).flow(src, dst, traffic)
    if fmt == "json":
        click.echo(json_text(answer_json(answer)))
    else:
        text = answer_text(answer)
        head, _, rest = text.partition("\n")
        say(head, role="ok" if answer.reachable else "bad")
        if rest:
            say(rest)
