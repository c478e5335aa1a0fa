"""Transit gateway checks (TGW-2, TGW-3, TGW-4, TGW-8, TGW-9 and the return path of §7)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from ...diagnostics import Severity
from .interface_endpoints import az_key
from .registry import LintContext, lint_check, lpm

GONE = ("deleted", "deleting", "failed", "rejected")
TGWS_PER_VPC = 5
TABLES_PER_TGW = 20


def _live_attachments(ctx: LintContext):
    return [a for a in ctx.topology.tgw_attachments if a.state.lower() not in GONE]


def associated_tables(ctx: LintContext, att) -> list:
    """TGW route tables ``att`` is associated with; the default association table when none (TGW-5)."""
    index = ctx._cache.get("tgw-assoc")
    if index is None:
        index = ctx._cache["tgw-assoc"] = defaultdict(list)
        for t in ctx.topology.tgw_route_tables:
            for att_id in dict.fromkeys(t.associations):
                index[att_id].append(t)
    tables = list(index.get(att.id, ()))
    if not tables:
        tgw = ctx.topology.get("transit-gateway", att.transit_gateway)
        default = tgw and tgw.default_association_route_table
        if default and ctx.topology.get("tgw-route-table", default) is not None:
            tables = [ctx.topology.get("tgw-route-table", default)]
    return tables


def _attachment_cidrs(ctx: LintContext, att):
    if att.type == "vpc" and att.vpc:
        vpc = ctx.topology.get("vpc", att.vpc)
        return vpc.all_cidrs if vpc is not None else ()
    return att.cidrs


class TgwTableIndex:
    """A TGW route table's routes by destination: static and blackhole routes, plus the CIDRs
    its propagating attachments bring (TGW-4); static beats propagated on equal prefixes (TGW-6)."""

    def __init__(self, ctx: LintContext, table):
        self.best: dict = {}  # network -> (rank, attachment id | None, blackhole)
        tgw = ctx.topology.get("transit-gateway", table.transit_gateway)
        propagating = set(table.propagations)
        if tgw is not None and tgw.default_propagation_route_table == table.id:
            propagating |= {a.id for a in ctx.topology.attachments_of_tgw(tgw.id)}
        for att_id in sorted(propagating):
            att = ctx.topology.get("tgw-attachment", att_id)
            if att is None or att.type == "peering":
                continue
            for cidr in _attachment_cidrs(ctx, att):
                self.best.setdefault(cidr, (0, att_id, False))
        for r in table.routes:
            if r.network is not None:
                self.best[r.network] = (1, r.attachment, r.blackhole)
        self.prefixes = {4: sorted({n.prefixlen for n in self.best if n.version == 4}, reverse=True),
                         6: sorted({n.prefixlen for n in self.best if n.version == 6}, reverse=True)}

    def lookup(self, network):
        """(attachment id | None, blackhole) for the longest route containing ``network``."""
        for plen in self.prefixes[network.version]:
            if plen > network.prefixlen:
                continue
            hit = self.best.get(network.supernet(new_prefix=plen))
            if hit is not None:
                return hit[1], hit[2]
        return None, False


def tgw_lookup(ctx: LintContext, table, network):
    """The attachment a TGW route table sends ``network`` to: (attachment id | None, blackhole)."""
    results = ctx._cache.setdefault("tgw-lookup", {})
    key = (table.id, network)
    if key not in results:
        indexes = ctx._cache.setdefault("tgw-index", {})
        if table.id not in indexes:
            indexes[table.id] = TgwTableIndex(ctx, table)
        results[key] = indexes[table.id].lookup(network)
    return results[key]


@lint_check
def attachment_azs(ctx: LintContext):
    topo = ctx.topology
    for table, route in ctx.static_routes():
        if route.target_kind != "transit-gateway" or not route.target_resolved:
            continue
        atts = [a for a in topo.attachments_of_vpc(table.vpc) if a.transit_gateway == route.target]
        if not atts:
            continue  # no attachment at all: the route is a blackhole (L-RT-BLACKHOLE)
        covered = {az_key(s) for a in atts for s in (topo.get("subnet", sid) for sid in a.subnets) if s is not None}
        uncovered = [s for s in ctx.subnets_using(table.id) if az_key(s) and az_key(s) not in covered]
        if uncovered:
            azs = sorted({az_key(s) for s in uncovered})
            yield ctx.finding("L-TGW-AZ", f"route table '{table.id}' routes {route.destination} to {route.target} "
                              f"but the VPC attachment has no subnet in {', '.join(azs)}, so traffic from "
                              f"{', '.join(s.id for s in uncovered)} is dropped", route.loc, table.id,
                              related=[a.loc for a in atts])


@lint_check
def attachment_vpc_routes(ctx: LintContext):
    topo = ctx.topology
    routed = {(t.vpc, r.target) for t, r in ctx.static_routes() if r.target_kind == "transit-gateway"}
    for att in _live_attachments(ctx):
        if att.type == "vpc" and att.vpc and topo.get("vpc", att.vpc) is not None:
            if (att.vpc, att.transit_gateway) not in routed:
                yield ctx.finding("L-TGW-NO-VPC-ROUTE", f"VPC '{att.vpc}' is attached to {att.transit_gateway} "
                                  f"('{att.id}') but none of its route tables routes to the transit gateway",
                                  att.loc, att.id)


@lint_check
def attachment_associations(ctx: LintContext):
    topo = ctx.topology
    for att in _live_attachments(ctx):
        explicit = [t for t in topo.tgw_route_tables if att.id in t.associations]
        if len(explicit) > 1:
            yield ctx.finding("L-TGW-ASSOC", f"attachment '{att.id}' is associated with {len(explicit)} route "
                              f"tables ({', '.join(t.id for t in explicit)}); it must be in exactly one",
                              att.loc, att.id, related=[t.loc for t in explicit])
        elif not associated_tables(ctx, att):
            yield ctx.finding("L-TGW-ASSOC", f"attachment '{att.id}' is not associated with any route table of "
                              f"{att.transit_gateway}, so traffic from it is dropped", att.loc, att.id)


def _vpc_attachments_by_tgw(ctx: LintContext):
    out = defaultdict(list)
    for att in _live_attachments(ctx):
        if att.type == "vpc" and att.vpc and ctx.topology.get("vpc", att.vpc) is not None:
            out[att.transit_gateway].append(att)
    for atts in out.values():
        atts.sort(key=lambda a: a.id)
    return out


@lint_check
def attached_cidrs(ctx: LintContext):
    topo = ctx.topology
    for tgw_id, atts in sorted(_vpc_attachments_by_tgw(ctx).items()):
        for i, a in enumerate(atts):
            for b in atts[i + 1:]:
                if a.vpc == b.vpc:
                    continue
                va, vb = topo.vpc(a.vpc), topo.vpc(b.vpc)
                same = sorted(str(c) for c in set(va.all_cidrs) & set(vb.all_cidrs))
                if same:
                    yield ctx.finding("L-TGW-IDENTICAL-CIDR", f"VPCs '{va.id}' and '{vb.id}' attached to {tgw_id} "
                                      f"have the identical CIDR {same[0]}; a transit gateway cannot route between "
                                      "them", b.loc, b.id, related=(a.loc,))
                    continue
                pair = next(((x, y) for x in va.all_cidrs for y in vb.all_cidrs
                             if x.version == y.version and x.overlaps(y)), None)
                if pair:
                    yield ctx.finding("L-TGW-IDENTICAL-CIDR", f"VPCs '{va.id}' and '{vb.id}' attached to {tgw_id} "
                                      f"have overlapping CIDRs ({pair[0]} and {pair[1]}); the later one is not "
                                      "propagated", b.loc, b.id, severity=Severity.WARNING, related=(a.loc,))


@lint_check
def return_paths(ctx: LintContext):
    topo = ctx.topology

    @cache
    def vpc_routes_to(vpc_id: str, tgw_id: str, cidr) -> bool:
        """Some route table of the VPC sends ``cidr`` to the TGW (longest match, active)."""
        for table in topo.route_tables_of(vpc_id):
            eff = ctx.effective.get(table.id)
            best = lpm(eff.routes, cidr) if eff is not None else None
            if best is not None and best.target == tgw_id and best.target_type == "transit-gateway" and best.active:
                return True
        return False

    def tgw_routes_to(att, dest_att, cidr) -> bool:
        return any(tgw_lookup(ctx, t, cidr) == (dest_att.id, False) for t in associated_tables(ctx, att))

    for tgw_id, atts in sorted(_vpc_attachments_by_tgw(ctx).items()):
        for a in atts:
            for b in atts:
                if a.vpc == b.vpc:
                    continue
                va, vb = topo.vpc(a.vpc), topo.vpc(b.vpc)
                if not va.cidrs or not vb.cidrs:
                    continue
                a_cidr, b_cidr = va.primary_cidr, vb.primary_cidr
                if a_cidr.overlaps(b_cidr):
                    continue  # reported as L-TGW-IDENTICAL-CIDR
                if not (vpc_routes_to(va.id, tgw_id, b_cidr) and tgw_routes_to(a, b, b_cidr)):
                    continue
                missing = []
                if not vpc_routes_to(vb.id, tgw_id, a_cidr):
                    missing.append(f"no route table of '{vb.id}' routes {a_cidr} to {tgw_id}")
                if not tgw_routes_to(b, a, a_cidr):
                    tables = ", ".join(t.id for t in associated_tables(ctx, b)) or "none"
                    missing.append(f"the TGW route table associated with '{b.id}' ({tables}) does not route "
                                   f"{a_cidr} to '{a.id}'")
                if missing:
                    yield ctx.finding("L-TGW-RETURN", f"'{va.id}' → '{vb.id}' is routed through {tgw_id} but the "
                                      f"return path is missing: {'; '.join(missing)}", b.loc, b.id,
                                      related=(a.loc,))


@lint_check
def tgw_quotas(ctx: LintContext):
    topo = ctx.topology
    tgws_of_vpc = defaultdict(set)
    atts_of_pair = defaultdict(list)
    for att in _live_attachments(ctx):
        if att.type == "vpc" and att.vpc:
            tgws_of_vpc[att.vpc].add(att.transit_gateway)
            atts_of_pair[(att.transit_gateway, att.vpc)].append(att)
    for vpc_id, tgws in sorted(tgws_of_vpc.items()):
        vpc = topo.get("vpc", vpc_id)
        if vpc is not None and len(tgws) > TGWS_PER_VPC:
            yield ctx.finding("L-TGW-QUOTA", f"VPC '{vpc_id}' is attached to {len(tgws)} transit gateways; at most "
                              f"{TGWS_PER_VPC} are allowed", vpc.loc, vpc_id)
    for (tgw_id, vpc_id), atts in sorted(atts_of_pair.items()):
        atts.sort(key=lambda a: (a.loc, a.id))
        for extra in atts[1:]:
            yield ctx.finding("L-TGW-QUOTA", f"VPC '{vpc_id}' has a second attachment ('{extra.id}') to {tgw_id}; "
                              f"a transit gateway takes one VPC attachment per VPC", extra.loc, extra.id,
                              related=(atts[0].loc,))
    for tgw in topo.transit_gateways:
        n = len(topo.tgw_route_tables_of(tgw.id))
        if n > TABLES_PER_TGW:
            yield ctx.finding("L-TGW-QUOTA", f"transit gateway '{tgw.id}' has {n} route tables; the default quota "
                              f"is {TABLES_PER_TGW}", tgw.loc, tgw.id)
