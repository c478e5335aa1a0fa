"""Route state checks: routes that drop traffic (RT-BH-1, RS-2, RS-3, RS-5).

The state is the data plane's (:class:`~vpcdocs.routing.EffectiveRoute` ``state`` and
``cause``): derived from the target (RS-2, RS-6) or, for imported tables, as AWS reported it
(RS-3). Each finding names the route's target.

* ``L-RT-BLACKHOLE``: the data plane derives the blackhole (target missing, deleted, a
  pending peering, a NAT gateway of another VPC…);
* ``L-RT-AWS-BLACKHOLE``: AWS reported the route as ``blackhole`` (``state: blackhole`` in a
  VPC or TGW route table) — routes outlive their targets until someone deletes them (RS-3);
* routes to a virtual private gateway that is not attached to the VPC are ``L-VGW-DETACHED``
  (:mod:`.hybrid`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from .registry import LintContext, lint_check

AWS_REPORTED = "aws-reported"
VGW_DETACHED = "vgw-detached"
KIND_WORDS = {
    "internet-gateway": "internet gateway", "nat-gateway": "NAT gateway", "vpc-peering": "peering connection",
    "transit-gateway": "transit gateway", "gateway-endpoint": "gateway endpoint",
    "gwlb-endpoint": "Gateway Load Balancer endpoint", "network-interface": "network interface",
    "instance": "instance", "vpn-gateway": "virtual private gateway",
    "egress-only-internet-gateway": "egress-only internet gateway", "carrier-gateway": "carrier gateway",
    "local-gateway": "local gateway", "core-network": "core network",
}


def target_words(kind: str, target: str) -> str:
    """``NAT gateway nat-a`` — the target with what it is."""
    what = KIND_WORDS.get(kind)
    return f"{what} {target}" if what else target


@lint_check
def blackholes(ctx: LintContext) -> Iterator[Diagnostic]:
    for table_id, eff in sorted(ctx.effective.items()):
        for r in eff.routes:
            if r.origin != "static" or r.state != "blackhole" or r.cause == VGW_DETACHED:
                continue
            target = target_words(r.target_type, r.target)
            if r.cause == AWS_REPORTED:
                reason = "" if r.reason in (None, "reported blackhole by AWS") else f" ({r.reason})"
                yield ctx.finding("L-RT-AWS-BLACKHOLE", f"route table '{table_id}': AWS reports route "
                                  f"{r.destination} → {target} as blackhole{reason}; traffic to it is dropped",
                                  r.loc, table_id)
            else:
                yield ctx.finding("L-RT-BLACKHOLE", f"route table '{table_id}': route {r.destination} → "
                                  f"{r.target} is a blackhole: {r.reason or 'target unusable'}", r.loc, table_id)


@lint_check
def tgw_reported_blackholes(ctx: LintContext) -> Iterator[Diagnostic]:
    """RS-5: a static TGW route AWS reported as blackhole that the spec does not declare as a
    deliberate blackhole route."""
    for table in sorted(ctx.topology.tgw_route_tables, key=lambda t: t.id):
        for route in table.routes:
            if route.state == "blackhole" and not route.blackhole:
                dest = route.destination or route.prefix_list or "?"
                yield ctx.finding("L-RT-AWS-BLACKHOLE", f"transit gateway route table '{table.id}': AWS reports "
                                  f"route {dest} → attachment {route.attachment} as blackhole; traffic to it is "
                                  "dropped", route.loc, table.id, rule="RS-5")
