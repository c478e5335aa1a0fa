"""Route table checks: associations, the main table, local-route rules, reserved
destinations, quotas and prefix-list ties (RT-*). Route states are in :mod:`.route_state`."""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from collections.abc import Iterator

from ...diagnostics import Diagnostic, Location
from ...model import IPNetwork, Route, RouteTable
from ...routing import EffectiveRoute
from .overlaps import overlaps
from .registry import LintContext, lint_check
from .weights import prefix_list_version, prefix_list_weight

RESERVED = (ipaddress.ip_network("169.254.168.0/22"), ipaddress.ip_network("fd00:ec2::/32"))
# Targets AWS accepts for a route more specific than the local route (RT-LOCAL-2).
LOCAL_SPECIFIC_TARGETS = ("nat-gateway", "network-interface", "gwlb-endpoint")
ROUTE_QUOTA = 50


@lint_check
def main_tables(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for vpc in topo.vpcs:
        tables = sorted(topo.route_tables_of(vpc.id), key=lambda t: (t.loc, t.id))
        mains = [t for t in tables if t.main]
        for extra in mains[1:]:
            yield ctx.finding("L-RT-MAIN", f"VPC '{vpc.id}' has more than one main route table: "
                              f"'{mains[0].id}' and '{extra.id}'", extra.loc, extra.id, related=(mains[0].loc,))
        if not mains:
            orphans = sorted(s.id for s in topo.subnets_of(vpc.id) if ctx.dp.subnet_table(s.id) is None)
            if orphans:
                yield ctx.finding("L-RT-MAIN", f"VPC '{vpc.id}' has no main route table, so subnet(s) "
                                  f"{', '.join(orphans)} without an explicit association have no routes",
                                  vpc.loc, vpc.id)


@lint_check
def associations(ctx: LintContext) -> Iterator[Diagnostic]:
    """RT-1: two tables claiming one subnet is a conflict in what the spec says; RT-2: the
    data plane's association says which subnets use the main table implicitly."""
    topo = ctx.topology
    listed_by: dict[str, list[RouteTable]] = defaultdict(list)
    for table in topo.route_tables:
        for subnet_id in table.subnets:
            listed_by[subnet_id].append(table)
    for subnet in topo.subnets:
        claims: dict[str, Location] = {}
        if subnet.route_table:
            own = topo.get("route-table", subnet.route_table)
            claims[subnet.route_table] = own.loc if own is not None else subnet.loc
        for table in listed_by.get(subnet.id, ()):
            claims.setdefault(table.id, table.loc)
        if len(claims) > 1:
            yield ctx.finding("L-RT-MULTI-ASSOC", f"subnet '{subnet.id}' is associated with "
                              f"{len(claims)} route tables ({', '.join(sorted(claims))}); a subnet uses exactly one",
                              subnet.loc, subnet.id, related=[claims[k] for k in sorted(claims)])
        elif not claims:
            main = ctx.dp.subnet_routes(subnet.id)
            if main is not None and subnet.id in main.implicit_subnets:
                yield ctx.finding("L-RT-NO-ASSOC", f"subnet '{subnet.id}' has no explicit route table "
                                  f"association and uses the main table '{main.id}'", subnet.loc, subnet.id)


@lint_check
def local_and_reserved(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for table, route in ctx.static_routes():
        net = route.network
        if net is None:
            continue
        for reserved in RESERVED:
            if net.version == reserved.version and net.subnet_of(reserved):  # type: ignore[arg-type]
                yield ctx.finding("L-RT-RESERVED", f"route table '{table.id}': routes to {net} are not allowed "
                                  f"({reserved} is reserved)", route.loc, table.id)
        vpc = topo.get("vpc", table.vpc)
        if vpc is None:
            continue
        vpc_cidrs: list[IPNetwork] = [c for c in vpc.all_cidrs if c.version == net.version]
        if net in vpc_cidrs:
            yield ctx.finding("L-RT-LOCAL-SPECIFIC", f"route table '{table.id}': destination {net} equals a CIDR "
                              f"of VPC '{vpc.id}'; the local route already covers it and AWS rejects the route",
                              route.loc, table.id, rule="RT-LOCAL-4",
                              hint="remove the route; to send subnet traffic through a middlebox, route a whole "
                                   "subnet CIDR to a NAT gateway, network interface or GWLB endpoint")
            continue
        if not any(net.subnet_of(c) for c in vpc_cidrs):  # type: ignore[arg-type]
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
                              f"than the local route {next(c for c in vpc_cidrs if net.subnet_of(c))} and AWS "  # type: ignore[arg-type]
                              f"rejects it: {'; '.join(problems)}", route.loc, table.id)


@lint_check
def quotas(ctx: LintContext) -> Iterator[Diagnostic]:
    """RT-Q-1: non-propagated routes per table and address family; a prefix-list route
    weighs the list's max entries or published weight (PL-5, PL-2)."""
    for table_id, eff in sorted(ctx.effective.items()):
        counts = {4: 0, 6: 0}
        for r in eff.routes:
            if r.origin in ("local", "propagated"):
                continue
            if r.network is not None:
                counts[r.network.version] += 1
            elif r.prefix_list is not None:
                counts[prefix_list_version(r.prefix_list)] += prefix_list_weight(r.prefix_list)
        table = ctx.topology.route_table(table_id)
        for version, n in counts.items():
            if n > ROUTE_QUOTA:
                yield ctx.finding("L-RT-QUOTA", f"route table '{table_id}' has {n} non-propagated IPv{version} "
                                  f"routes (prefix lists counted by weight); the default quota is {ROUTE_QUOTA}",
                                  table.loc, table_id)


def _list_names(route: EffectiveRoute) -> set[str]:
    """Every name the data plane knows the route's prefix list by (spec id, AWS name, pl- id)."""
    pl = route.prefix_list
    if pl is None:
        return {route.destination}
    return {n for n in (pl.key, pl.name, pl.aws_id) if n}


def _entries_overlap(a: EffectiveRoute, b: EffectiveRoute) -> bool:
    return any(overlaps(x, y) for x in a.entries for y in b.entries)


@lint_check
def prefix_list_ties(ctx: LintContext) -> Iterator[Diagnostic]:
    """RT-PRI-3, PL-8: prefix-list routes of one table that name the same list, or lists with
    overlapping known entries, and go to different targets (gateway-endpoint routes included)."""
    for table_id, eff in sorted(ctx.effective.items()):
        seen: list[tuple[set[str], EffectiveRoute]] = []
        for r in eff.routes:
            if r.destination_type != "prefix-list":
                continue
            names = _list_names(r)
            for other_names, other in seen:
                if other.target == r.target:
                    continue
                common = names & other_names
                if not common and not _entries_overlap(r, other):
                    continue
                what = f"prefix list {sorted(common)[0]}" if common else \
                    f"prefix lists {other.destination} and {r.destination} (overlapping entries)"
                loc = r.loc if r.origin == "static" else other.loc
                yield ctx.finding("L-RT-PL-TIE", f"route table '{table_id}': {what} is routed to both "
                                  f"{other.target} and {r.target}; AWS picks one of them at random", loc, table_id,
                                  related=(other.loc if loc == r.loc else r.loc,))
            seen.append((names, r))


@lint_check
def duplicate_destinations(ctx: LintContext) -> Iterator[Diagnostic]:
    for table in ctx.topology.route_tables:
        first: dict[str, Route] = {}
        for route in table.routes:
            key = str(route.network) if route.network is not None else route.destination
            if key in first:
                yield ctx.finding("L-RT-DUP-DEST", f"route table '{table.id}' has two routes to {key} (to "
                                  f"{first[key].target} and {route.target})", route.loc, table.id,
                                  related=(first[key].loc,))
            else:
                first[key] = route
