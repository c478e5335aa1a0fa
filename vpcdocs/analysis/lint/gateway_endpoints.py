"""Gateway endpoint checks (GWE-1, GWE-3, GWE-4, GWE-5, GWE-7, GWE-11).

L-GWE-NACL-PL (GWE-8) does not apply: the spec has no network ACLs.
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict

from .registry import LintContext, lint_check, lpm

GATEWAY_SERVICES = ("s3", "dynamodb", "s3express")
GONE = ("deleted", "deleting", "failed", "rejected", "expired")
REGION_QUOTA = 20
VPC_MAX = 255
DEFAULT_ROUTE = ipaddress.ip_network("0.0.0.0/0")


def _live(ctx: LintContext):
    return [e for e in ctx.topology.gateway_endpoints if e.state.lower() not in GONE]


@lint_check
def gateway_service_and_region(ctx: LintContext):
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
def manual_endpoint_routes(ctx: LintContext):
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
def duplicate_endpoints_on_table(ctx: LintContext):
    by_table = defaultdict(list)
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
def gateway_quotas(ctx: LintContext):
    topo = ctx.topology
    per_region = defaultdict(list)
    per_vpc = defaultdict(list)
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
def nat_cost(ctx: LintContext):
    """Info: subnets send S3 traffic through a NAT gateway while no S3 endpoint is on their table."""
    topo = ctx.topology
    # TGW attachment subnets forward other VPCs' traffic, which cannot use a gateway endpoint (GWE-6)
    tgw_subnets = {sid for att in topo.tgw_attachments for sid in att.subnets}
    for table_id, eff in sorted(ctx.effective.items()):
        subnets = [s for s in ctx.subnets_using(table_id) if s.id not in tgw_subnets]
        if not subnets:
            continue
        default = lpm(eff.routes, DEFAULT_ROUTE)
        if default is None or default.target_type != "nat-gateway" or not default.active:
            continue
        if any(r.origin == "gateway-endpoint" and r.service == "s3" for r in eff.routes):
            continue
        table = topo.route_table(table_id)
        yield ctx.finding("L-GWE-NAT-COST", f"route table '{table_id}' sends S3 traffic of "
                          f"{', '.join(s.id for s in subnets)} through NAT gateway {default.target}; an S3 "
                          "gateway endpoint on this table avoids NAT data-processing charges", table.loc, table_id)
