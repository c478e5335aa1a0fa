"""Route table checks: associations, the main table, local-route rules, reserved
destinations, quotas, prefix-list ties and blackhole routes (RT-*)."""

from __future__ import annotations

import ipaddress
from collections import defaultdict

from ...routing.effective import managed_prefix_list_name
from .registry import LintContext, lint_check

RESERVED = (ipaddress.ip_network("169.254.168.0/22"), ipaddress.ip_network("fd00:ec2::/32"))
# Targets AWS accepts for a route more specific than the local route (RT-LOCAL-2).
LOCAL_SPECIFIC_TARGETS = ("nat-gateway", "network-interface", "gwlb-endpoint")
ROUTE_QUOTA = 50
# Weights (max entries) of AWS-managed prefix lists, by the end of their name (RT-Q-1).
MANAGED_PL_WEIGHTS = {".s3": 1, ".dynamodb": 1, ".s3express": 1, "cloudfront.origin-facing": 55,
                      "vpc-lattice": 10, "groundstation": 5}


@lint_check
def main_tables(ctx: LintContext):
    topo = ctx.topology
    for vpc in topo.vpcs:
        tables = sorted(topo.route_tables_of(vpc.id), key=lambda t: (t.loc, t.id))
        mains = [t for t in tables if t.main]
        for extra in mains[1:]:
            yield ctx.finding("L-RT-MAIN", f"VPC '{vpc.id}' has more than one main route table: "
                              f"'{mains[0].id}' and '{extra.id}'", extra.loc, extra.id, related=(mains[0].loc,))
        if not mains:
            orphans = sorted(s.id for s in topo.subnets_of(vpc.id) if not s.route_table)
            if orphans:
                yield ctx.finding("L-RT-MAIN", f"VPC '{vpc.id}' has no main route table, so subnet(s) "
                                  f"{', '.join(orphans)} without an explicit association have no routes",
                                  vpc.loc, vpc.id)


@lint_check
def associations(ctx: LintContext):
    topo = ctx.topology
    listed_by = defaultdict(list)
    for table in topo.route_tables:
        for subnet_id in table.subnets:
            listed_by[subnet_id].append(table)
    for subnet in topo.subnets:
        claims = {}
        if subnet.route_table:
            table = topo.get("route-table", subnet.route_table)
            claims[subnet.route_table] = table.loc if table is not None else subnet.loc
        for table in listed_by.get(subnet.id, ()):
            claims.setdefault(table.id, table.loc)
        if len(claims) > 1:
            yield ctx.finding("L-RT-MULTI-ASSOC", f"subnet '{subnet.id}' is associated with "
                              f"{len(claims)} route tables ({', '.join(sorted(claims))}); a subnet uses exactly one",
                              subnet.loc, subnet.id, related=[claims[k] for k in sorted(claims)])
        elif not claims:
            main = next((rt for rt in topo.route_tables_of(subnet.vpc) if rt.main), None)
            if main is not None:
                yield ctx.finding("L-RT-NO-ASSOC", f"subnet '{subnet.id}' has no explicit route table "
                                  f"association and uses the main table '{main.id}'", subnet.loc, subnet.id)


@lint_check
def local_and_reserved(ctx: LintContext):
    topo = ctx.topology
    for table, route in ctx.static_routes():
        net = route.network
        if net is None:
            continue
        for reserved in RESERVED:
            if net.version == reserved.version and net.subnet_of(reserved):
                yield ctx.finding("L-RT-RESERVED", f"route table '{table.id}': routes to {net} are not allowed "
                                  f"({reserved} is reserved)", route.loc, table.id)
        vpc = topo.get("vpc", table.vpc)
        if vpc is None:
            continue
        vpc_cidrs = [c for c in vpc.all_cidrs if c.version == net.version]
        if net in vpc_cidrs:
            yield ctx.finding("L-RT-LOCAL-SPECIFIC", f"route table '{table.id}': destination {net} equals a CIDR "
                              f"of VPC '{vpc.id}'; the local route already covers it and AWS rejects the route",
                              route.loc, table.id, rule="RT-LOCAL-4",
                              hint="remove the route; to send subnet traffic through a middlebox, route a whole "
                                   "subnet CIDR to a NAT gateway, network interface or GWLB endpoint")
            continue
        if not any(net.subnet_of(c) for c in vpc_cidrs):
            continue
        subnet_cidrs = {s.cidr if net.version == 4 else s.ipv6_cidr for s in topo.subnets_of(vpc.id)}
        problems = []
        if net not in subnet_cidrs:
            problems.append("it is not the CIDR of a subnet of the VPC")
        kind = route.target_kind
        if kind not in LOCAL_SPECIFIC_TARGETS:
            problems.append(f"its target {route.target} is a {kind}, not a NAT gateway, network interface "
                            "or Gateway Load Balancer endpoint")
        if problems:
            yield ctx.finding("L-RT-LOCAL-SPECIFIC", f"route table '{table.id}': route to {net} is more specific "
                              f"than the local route {next(c for c in vpc_cidrs if net.subnet_of(c))} and AWS "
                              f"rejects it: {'; '.join(problems)}", route.loc, table.id)


def _pl_weight(destination: str) -> int:
    for suffix, weight in MANAGED_PL_WEIGHTS.items():
        if destination.endswith(suffix):
            return weight
    return 1  # a customer-managed pl-…: its max entries are not in the spec


@lint_check
def quotas(ctx: LintContext):
    for table_id, eff in sorted(ctx.effective.items()):
        counts = {4: 0, 6: 0}
        for r in eff.routes:
            if r.origin == "local":
                continue
            if r.network is not None:
                counts[r.network.version] += 1
            else:
                counts[4] += _pl_weight(r.destination)
        table = ctx.topology.route_table(table_id)
        for version, n in counts.items():
            if n > ROUTE_QUOTA:
                yield ctx.finding("L-RT-QUOTA", f"route table '{table_id}' has {n} non-propagated IPv{version} "
                                  f"routes (prefix lists counted by weight); the default quota is {ROUTE_QUOTA}",
                                  table.loc, table_id)


@lint_check
def prefix_list_ties(ctx: LintContext):
    topo = ctx.topology
    for table_id, eff in sorted(ctx.effective.items()):
        vpc = topo.get("vpc", eff.vpc)
        seen: list[tuple[set[str], object]] = []
        for r in eff.routes:
            if r.destination_type != "prefix-list":
                continue
            names = {r.destination}
            if r.origin == "gateway-endpoint":
                gwe = topo.get("gateway-endpoint", r.target)
                if gwe is not None and vpc is not None:
                    names.add(managed_prefix_list_name(gwe.service_region or vpc.region, gwe.service))
                    if gwe.prefix_list_id:
                        names.add(gwe.prefix_list_id)
            for other_names, other in seen:
                if names & other_names and other.target != r.target:
                    loc = r.loc if r.origin == "static" else other.loc
                    yield ctx.finding("L-RT-PL-TIE", f"route table '{table_id}': prefix list "
                                      f"{sorted(names & other_names)[0]} is routed to both {other.target} and "
                                      f"{r.target}; AWS picks one of them at random", loc, table_id,
                                      related=(other.loc if loc == r.loc else r.loc,))
            seen.append((names, r))


@lint_check
def duplicate_destinations(ctx: LintContext):
    for table in ctx.topology.route_tables:
        first = {}
        for route in table.routes:
            key = str(route.network) if route.network is not None else route.destination
            if key in first:
                yield ctx.finding("L-RT-DUP-DEST", f"route table '{table.id}' has two routes to {key} (to "
                                  f"{first[key].target} and {route.target})", route.loc, table.id,
                                  related=(first[key].loc,))
            else:
                first[key] = route


@lint_check
def blackholes(ctx: LintContext):
    for table_id, eff in sorted(ctx.effective.items()):
        for r in eff.routes:
            if r.origin == "static" and r.state == "blackhole":
                yield ctx.finding("L-RT-BLACKHOLE", f"route table '{table_id}': route {r.destination} → "
                                  f"{r.target} is a blackhole: {r.reason or 'target unusable'}", r.loc, table_id)
