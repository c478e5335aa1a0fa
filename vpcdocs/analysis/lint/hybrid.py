"""Virtual private gateway checks at route level (VGW-1, VGW-3, VGW-6, RS-2).

* ``L-VGW-DETACHED``: a route to a VGW that is not attached to the table's VPC is a
  blackhole (RS-2: "the specified gateway isn't attached to the VPC"), and a table that
  propagates from such a VGW receives no routes (VGW-3). The data plane decides both: the
  route's ``cause`` and the (absent) propagated rows.
* ``L-VGW-LOCAL-OVERLAP``: a propagated VPN / Direct Connect prefix inside a VPC CIDR is
  never used — the local route always wins, even against a more specific propagated route
  (VGW-6); the data plane keeps such rows with ``selected=False``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import VpnGateway, usable
from .registry import LintContext, lint_check
from .route_state import VGW_DETACHED


def _vgw(ctx: LintContext, ref: str) -> VpnGateway | None:
    found = ctx.topology.get("vpn-gateway", ref)
    if found is not None:
        return found
    by_aws_id = next((r for k, r in ctx.topology.find(ref) if k == "vpn-gateway"), None)
    return by_aws_id if isinstance(by_aws_id, VpnGateway) else None


def _where(vgw: VpnGateway) -> str:
    if not usable("vpn-gateway", vgw.state):
        return f"is {vgw.state}" + (f" (from {vgw.vpc})" if vgw.vpc else "")
    return f"is attached to {vgw.vpc}" if vgw.vpc else "is attached to no VPC"


@lint_check
def detached_vgw_routes(ctx: LintContext) -> Iterator[Diagnostic]:
    for table_id, eff in sorted(ctx.effective.items()):
        for r in eff.routes:
            if r.origin == "static" and r.cause == VGW_DETACHED:
                vgw = _vgw(ctx, r.target)
                where = _where(vgw) if vgw is not None else "is not attached"
                yield ctx.finding("L-VGW-DETACHED", f"route table '{table_id}': route {r.destination} → virtual "
                                  f"private gateway {r.target} is a blackhole: the gateway {where}, not to "
                                  f"{eff.vpc}", r.loc, table_id, rule="RS-2",
                                  related=(vgw.loc if vgw is not None else None,))
    for table in sorted(ctx.topology.route_tables, key=lambda t: t.id):
        for ref in table.propagating_vgws:
            vgw = _vgw(ctx, ref)
            if vgw is None or (vgw.vpc == table.vpc and usable("vpn-gateway", vgw.state)):
                continue
            yield ctx.finding("L-VGW-DETACHED", f"route table '{table.id}' propagates routes from virtual private "
                              f"gateway {vgw.id}, which {_where(vgw)}: it propagates nothing into {table.vpc}",
                              table.loc, table.id, rule="VGW-3", related=(vgw.loc,))


@lint_check
def propagated_inside_local(ctx: LintContext) -> Iterator[Diagnostic]:
    for table_id, eff in sorted(ctx.effective.items()):
        local = [r for r in eff.routes if r.origin == "local"]
        for r in eff.routes:
            if r.origin != "propagated" or r.selected or r.network is None:
                continue
            cidr = next((x.destination for x in local if x.network is not None and
                         x.network.version == r.network.version and r.network.subnet_of(x.network)),  # type: ignore[arg-type]
                        "a VPC CIDR")
            yield ctx.finding("L-VGW-LOCAL-OVERLAP", f"route table '{table_id}': {r.destination} propagated by "
                              f"{r.target} ({r.propagation}) lies inside the local route {cidr} and is never used; "
                              "the local route always wins", ctx.topology.route_table(table_id).loc, table_id)
