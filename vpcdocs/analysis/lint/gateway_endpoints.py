"""Gateway endpoint checks (GWE-1, GWE-3, GWE-4, GWE-5, GWE-7, GWE-11).

L-GWE-NACL-PL (GWE-8) is the loader's: a NACL rule's peer is a CIDR, never a prefix list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import GatewayEndpoint
from ...routing import Dest
from ...routing.prefix_lists import GATEWAY_SERVICES
from .registry import LintContext, lint_check

REGION_QUOTA = 20
VPC_MAX = 255


def _live(ctx: LintContext) -> list[GatewayEndpoint]:
    """Endpoints that add their route (GWE-3; ``model.usable``)."""
    return [e for e in ctx.topology.gateway_endpoints if e.active]


@lint_check
def gateway_service_and_region(ctx: LintContext) -> Iterator[Diagnostic]:
    for gwe in ctx.topology.gateway_endpoints:
        if gwe.service not in GATEWAY_SERVICES:
            yield ctx.finding("L-GWE-SERVICE", f"gateway endpoint '{gwe.id}' is for '{gwe.service}'; gateway "
                              "endpoints exist only for S3 and DynamoDB", gwe.loc, gwe.id)
        vpc = ctx.topology.get("vpc", gwe.vpc)
        if vpc is not None and gwe.service_region and vpc.region and gwe.service_region != vpc.region:
            yield ctx.finding("L-GWE-REGION", f"gateway endpoint '{gwe.id}' is for {gwe.service} in "
                              f"{gwe.service_region} but VPC '{vpc.id}' is in {vpc.region}; gateway endpoints "
                              "serve only their own Region", gwe.loc, gwe.id)


@lint_check
def manual_endpoint_routes(ctx: LintContext) -> Iterator[Diagnostic]:
    for table, route in ctx.static_routes():
        if route.target_kind != "gateway-endpoint":
            continue
        # An AWS vpce- id that is not in the spec may be a GWLB endpoint, a valid route target;
        # only a route to a spec gateway endpoint, or a prefix list to a vpce- id, is certain.
        if route.target_resolved or route.destination_type == "prefix-list":
            yield ctx.finding("L-GWE-MANUAL-ROUTE", f"route table '{table.id}': route {route.destination} → "
                              f"{route.target} is written by hand; AWS adds gateway endpoint routes itself and "
                              "does not let you create them", route.loc, table.id)


@lint_check
def duplicate_endpoints_on_table(ctx: LintContext) -> Iterator[Diagnostic]:
    by_table: dict[tuple[str, str, str], list[GatewayEndpoint]] = defaultdict(list)
    for gwe in _live(ctx):
        vpc = ctx.topology.get("vpc", gwe.vpc)
        region = gwe.service_region or (vpc.region if vpc is not None else "")
        for table_id in dict.fromkeys(gwe.route_tables):
            by_table[(table_id, gwe.service, region)].append(gwe)
    for (table_id, service, _region), gwes in sorted(by_table.items()):
        gwes.sort(key=lambda g: (g.loc, g.id))
        for extra in gwes[1:]:
            yield ctx.finding("L-GWE-DUP-RT", f"route table '{table_id}' is associated with two {service} gateway "
                              f"endpoints ('{gwes[0].id}' and '{extra.id}'); a table holds one endpoint route per "
                              "service", extra.loc, extra.id, related=(gwes[0].loc,))


@lint_check
def gateway_quotas(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    per_region: dict[tuple[str, str], list[GatewayEndpoint]] = defaultdict(list)
    per_vpc: dict[str, list[GatewayEndpoint]] = defaultdict(list)
    for gwe in _live(ctx):
        vpc = topo.get("vpc", gwe.vpc)
        if vpc is None:
            continue
        per_region[(vpc.account or "", vpc.region)].append(gwe)
        per_vpc[vpc.id].append(gwe)
    for (account, region), gwes in sorted(per_region.items()):
        if len(gwes) > REGION_QUOTA:
            first = min(gwes, key=lambda g: (g.loc, g.id))
            where = f"{region}" + (f" (account {account})" if account else "")
            yield ctx.finding("L-GWE-QUOTA", f"{len(gwes)} gateway endpoints in {where}; the default quota is "
                              f"{REGION_QUOTA} per Region", first.loc, first.id)
    for vpc_id, gwes in sorted(per_vpc.items()):
        if len(gwes) > VPC_MAX:
            vpc = topo.vpc(vpc_id)
            yield ctx.finding("L-GWE-QUOTA", f"VPC '{vpc_id}' has {len(gwes)} gateway endpoints; at most "
                              f"{VPC_MAX} are allowed per VPC", vpc.loc, vpc_id)


@lint_check
def nat_cost(ctx: LintContext) -> Iterator[Diagnostic]:
    """Info: the route S3 traffic takes from a table (the data plane's longest-prefix match
    for the service, so a gateway endpoint or S3 prefix-list route wins over the default
    route) is a NAT gateway."""
    topo = ctx.topology
    # TGW attachment subnets forward other VPCs' traffic, which cannot use a gateway endpoint (GWE-6)
    for table_id, eff in sorted(ctx.effective.items()):
        subnets = [s for s in ctx.subnets_using(table_id)
                   if not any(i.kind == "tgw-attachment" for i in ctx.dp.interfaces_in(s.id))]
        vpc = topo.get("vpc", eff.vpc)
        if not subnets or vpc is None:
            continue
        route = ctx.select(table_id, Dest("service", service="s3", region=vpc.region))
        if route is None or route.target_type != "nat-gateway" or not route.active:
            continue
        table = topo.route_table(table_id)
        yield ctx.finding("L-GWE-NAT-COST", f"route table '{table_id}' sends S3 traffic of "
                          f"{', '.join(s.id for s in subnets)} through NAT gateway {route.target}; an S3 "
                          "gateway endpoint on this table avoids NAT data-processing charges", table.loc, table_id)
