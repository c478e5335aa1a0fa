"""NAT gateway checks (NAT-1).

The EIP half of L-NAT-PUBLIC ("public NAT gateway without an EIP") is not decided: the spec
does not model Elastic IPs.
"""

from __future__ import annotations

import ipaddress

from .interface_endpoints import az_key
from .registry import LintContext, lint_check, lpm

DEFAULT_ROUTE = ipaddress.ip_network("0.0.0.0/0")


@lint_check
def public_nat_subnets(ctx: LintContext):
    topo = ctx.topology
    for nat in topo.nat_gateways:
        if nat.connectivity != "public" or not nat.usable:
            continue
        subnet = topo.get("subnet", nat.subnet)
        vpc = topo.get("vpc", nat.vpc)
        if subnet is None or vpc is None:
            continue
        eff = table = ctx.dp.subnet_routes(subnet.id)
        best = lpm(eff.routes, DEFAULT_ROUTE) if eff is not None else None
        if best is not None and best.target_type == "internet-gateway" and best.active:
            continue
        if not vpc.internet_gateway:
            why = f"VPC '{vpc.id}' has no internet gateway"
        elif best is None:
            why = f"its route table '{table.id}' has no 0.0.0.0/0 route" if table else "it has no route table"
        else:
            why = f"its route table '{table.id}' sends 0.0.0.0/0 to {best.target}, not an internet gateway"
        yield ctx.finding("L-NAT-PUBLIC", f"public NAT gateway '{nat.id}' is in subnet '{subnet.id}', which is not "
                          f"public: {why}", nat.loc, nat.id)


@lint_check
def nat_azs(ctx: LintContext):
    topo = ctx.topology
    for table_id, eff in sorted(ctx.effective.items()):
        best = lpm(eff.routes, DEFAULT_ROUTE)
        if best is None or best.target_type != "nat-gateway":
            continue
        nat = topo.get("nat-gateway", best.target)
        nat_subnet = topo.get("subnet", nat.subnet) if nat is not None else None
        if nat_subnet is None or not az_key(nat_subnet):
            continue
        others = [s for s in ctx.subnets_using(table_id) if az_key(s) and az_key(s) != az_key(nat_subnet)]
        if others:
            azs = ", ".join(sorted({az_key(s) for s in others}))
            yield ctx.finding("L-NAT-AZ", f"route table '{table_id}': subnet(s) {', '.join(s.id for s in others)} "
                              f"in {azs} use NAT gateway {nat.id} in {az_key(nat_subnet)}; an outage of "
                              f"{az_key(nat_subnet)} cuts their egress and cross-AZ traffic is billed",
                              best.loc, table_id)
