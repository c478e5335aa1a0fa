"""IPv6 checks (V6-5, V6-8).

* ``L-V6-NAT``: an IPv6 route to a NAT gateway. A NAT gateway does no IPv6-to-IPv6
  translation (no NAT66); it translates only NAT64 traffic to ``64:ff9b::/96`` (V6-5), so
  anything else the route carries is dropped — ``reach`` answers ``unsupported``. The spec
  loader already refuses such a route in YAML (S-VALUE); this check covers topologies built
  with the Python API.
* ``L-V6-TGW``: a VPC with IPv6 CIDRs attached to a transit gateway without
  ``ipv6_support``: the attachment carries no IPv6 and does not propagate the IPv6 CIDRs
  (V6-8). A warning when some route table sends IPv6 traffic over that attachment (it is
  dropped), a note otherwise.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...model import IPNetwork
from ...routing import EffectiveRoute
from .overlaps import overlaps
from .registry import LintContext, lint_check

NAT64 = ipaddress.ip_network("64:ff9b::/96")


@lint_check
def ipv6_to_nat(ctx: LintContext) -> Iterator[Diagnostic]:
    for table_id, eff in sorted(ctx.effective.items()):
        for r in eff.routes:
            net = r.network
            if r.origin != "static" or r.target_type != "nat-gateway" or net is None or net.version != 6:
                continue
            if net.subnet_of(NAT64):  # type: ignore[arg-type]
                continue
            yield ctx.finding("L-V6-NAT", f"route table '{table_id}': IPv6 route {r.destination} → NAT gateway "
                              f"{r.target}; a NAT gateway does not forward IPv6 to IPv6 (only NAT64 to {NAT64}), "
                              "so this traffic is dropped", r.loc, table_id)


def _ipv6_routes_to(ctx: LintContext, tgw: str, towards: tuple[IPNetwork, ...] | None,
                    vpc: str | None) -> EffectiveRoute | None:
    """An active route sending IPv6 to ``tgw``: from the tables of ``vpc``, or (``towards``)
    from any table, for a destination overlapping those CIDRs."""
    tables = ctx.dp.tables_of(vpc) if vpc is not None else ctx.dp.route_tables
    for eff in tables:
        for r in eff.routes:
            if r.target_type != "transit-gateway" or r.target != tgw or not r.active:
                continue
            nets = [n for n in r.entries if n.version == 6]
            if nets and (towards is None or any(overlaps(n, c) for n in nets for c in towards)):
                return r
    return None


@lint_check
def ipv6_over_tgw(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for att in topo.tgw_attachments:
        if att.type != "vpc" or not att.vpc or att.ipv6_support or not att.usable:
            continue
        vpc = topo.get("vpc", att.vpc)
        if vpc is None or not vpc.ipv6_cidrs:
            continue
        tgw = att.transit_gateway
        sender = _ipv6_routes_to(ctx, tgw, None, vpc.id) or _ipv6_routes_to(ctx, tgw, vpc.ipv6_cidrs, None)
        cidrs = ", ".join(str(c) for c in vpc.ipv6_cidrs)
        if sender is not None:
            yield ctx.finding("L-V6-TGW", f"attachment '{att.id}' of {vpc.id} (IPv6 {cidrs}) to {tgw} has no IPv6 "
                              f"support, but route {sender.destination} → {tgw} sends IPv6 over it: that traffic "
                              "is dropped", att.loc, att.id, related=(sender.loc,))
        else:
            yield ctx.finding("L-V6-TGW", f"attachment '{att.id}' of {vpc.id} (IPv6 {cidrs}) to {tgw} has no IPv6 "
                              "support: the transit gateway carries none of its IPv6 traffic and does not "
                              "propagate its IPv6 CIDRs", att.loc, att.id, severity=Severity.INFO)
