"""NAT gateway checks (NAT-1).

"Public subnet" is the data plane's subnet class (SUB-2: an active route to an internet
gateway), the same answer the diagrams, the site and ``reach`` give. The EIP half of
L-NAT-PUBLIC ("public NAT gateway without an EIP") is not decided: the spec does not model
Elastic IP allocations separately from ``public_ip``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from .interface_endpoints import az_key
from .registry import LintContext, lint_check


@lint_check
def public_nat_subnets(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for nat in topo.nat_gateways:
        if nat.connectivity != "public" or not nat.usable:
            continue
        subnet = topo.get("subnet", nat.subnet)
        vpc = topo.get("vpc", nat.vpc)
        if subnet is None or vpc is None or ctx.dp.subnet_class(subnet.id) == "public":
            continue
        table = ctx.dp.subnet_table(subnet.id)
        best = ctx.internet_route(table) if table else None
        if not vpc.internet_gateway:
            why = f"VPC '{vpc.id}' has no internet gateway"
        elif table is None:
            why = "it has no route table"
        elif best is None:
            why = f"its route table '{table}' has no 0.0.0.0/0 route"
        elif not best.active:
            why = f"its route table '{table}' sends 0.0.0.0/0 to {best.target}, a blackhole ({best.reason})"
        else:
            why = f"its route table '{table}' sends 0.0.0.0/0 to {best.target}, not an internet gateway"
        yield ctx.finding("L-NAT-PUBLIC", f"public NAT gateway '{nat.id}' is in subnet '{subnet.id}', which is not "
                          f"public: {why}", nat.loc, nat.id)


@lint_check
def nat_azs(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for table_id in sorted(ctx.effective):
        best = ctx.internet_route(table_id)
        if best is None or best.target_type != "nat-gateway" or not best.active:
            continue
        nat = topo.get("nat-gateway", best.target)
        nat_subnet = topo.get("subnet", nat.subnet) if nat is not None else None
        if nat is None or nat_subnet is None or not az_key(nat_subnet):
            continue
        others = [s for s in ctx.subnets_using(table_id) if az_key(s) and az_key(s) != az_key(nat_subnet)]
        if others:
            azs = ", ".join(sorted({az_key(s) for s in others}))
            yield ctx.finding("L-NAT-AZ", f"route table '{table_id}': subnet(s) {', '.join(s.id for s in others)} "
                              f"in {azs} use NAT gateway {nat.id} in {az_key(nat_subnet)}; an outage of "
                              f"{az_key(nat_subnet)} cuts their egress and cross-AZ traffic is billed",
                              best.loc, table_id)
