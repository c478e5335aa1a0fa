"""Transit gateway checks (TGW-2, TGW-3, TGW-4, TGW-5, TGW-8, TGW-9).

Associations and propagations are the data plane's (``dp.association``, effective TGW
tables: the TGW-5 default association and propagation tables applied); AZ coverage is the
attachment's interfaces. The return path of §7 (L-TGW-RETURN) is :mod:`.tgw_return`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...model import TgwAttachment
from .overlaps import overlapping_pairs
from .registry import LintContext, lint_check

TGWS_PER_VPC = 5
TABLES_PER_TGW = 20


def _live_attachments(ctx: LintContext) -> list[TgwAttachment]:
    """Attachments that carry traffic (TGW-10; the one lifecycle vocabulary, ``model.usable``)."""
    return [a for a in ctx.topology.tgw_attachments if a.usable]


def _vpc_attachments_by_tgw(ctx: LintContext) -> dict[str, list[TgwAttachment]]:
    out: dict[str, list[TgwAttachment]] = defaultdict(list)
    for att in _live_attachments(ctx):
        if att.type == "vpc" and att.vpc and ctx.topology.get("vpc", att.vpc) is not None:
            out[att.transit_gateway].append(att)
    for atts in out.values():
        atts.sort(key=lambda a: a.id)
    return out


@lint_check
def attachment_azs(ctx: LintContext) -> Iterator[Diagnostic]:
    """TGW-2: traffic from a subnet reaches the TGW only through an attachment interface in
    the subnet's AZ (the reachability engine's ``az-not-covered``)."""
    for table_id, eff in sorted(ctx.effective.items()):
        for route in eff.routes:
            if route.target_type != "transit-gateway" or route.origin != "static" or not route.active:
                continue
            att = ctx.dp.neighbours.vpc_attachment(eff.vpc, route.target)
            if att is None:
                continue  # no attachment at all: the route is a blackhole (L-RT-BLACKHOLE)
            covered = {i.az for i in ctx.interfaces_of(att.id)}
            uncovered = [s for s in ctx.subnets_using(table_id) if s.az and s.az not in covered]
            if uncovered:
                azs = sorted({s.az for s in uncovered})
                yield ctx.finding("L-TGW-AZ", f"route table '{table_id}' routes {route.destination} to "
                                  f"{route.target} but the VPC attachment '{att.id}' has no subnet in "
                                  f"{', '.join(azs)}, so traffic from {', '.join(s.id for s in uncovered)} is "
                                  "dropped", route.loc, table_id, related=(att.loc,))


@lint_check
def attachment_vpc_routes(ctx: LintContext) -> Iterator[Diagnostic]:
    """TGW-3: propagation fills TGW route tables, never the VPC's own route tables."""
    routed = {(eff.vpc, r.target) for eff in ctx.dp.route_tables for r in eff.routes
              if r.target_type == "transit-gateway"}
    for att in _live_attachments(ctx):
        if att.type == "vpc" and att.vpc and ctx.topology.get("vpc", att.vpc) is not None:
            if (att.vpc, att.transit_gateway) not in routed:
                yield ctx.finding("L-TGW-NO-VPC-ROUTE", f"VPC '{att.vpc}' is attached to {att.transit_gateway} "
                                  f"('{att.id}') but none of its route tables routes to the transit gateway",
                                  att.loc, att.id)


@lint_check
def attachment_associations(ctx: LintContext) -> Iterator[Diagnostic]:
    """TGW-4: one associated table per attachment; TGW-5: the default association table
    counts (the data plane's ``association``)."""
    topo = ctx.topology
    explicit_of: dict[str, list[str]] = defaultdict(list)
    locs = {t.id: t.loc for t in topo.tgw_route_tables}
    for table in sorted(topo.tgw_route_tables, key=lambda t: t.id):
        for att_id in dict.fromkeys(table.associations):
            explicit_of[att_id].append(table.id)
    for att in _live_attachments(ctx):
        explicit = explicit_of.get(att.id, [])
        if len(explicit) > 1:
            yield ctx.finding("L-TGW-ASSOC", f"attachment '{att.id}' is associated with {len(explicit)} route "
                              f"tables ({', '.join(explicit)}); it must be in exactly one",
                              att.loc, att.id, related=[locs[t] for t in explicit])
            continue
        table_id = ctx.dp.association(att.id)
        associated = ctx.dp.tgw_table(table_id) if table_id else None
        if associated is None or associated.transit_gateway != att.transit_gateway:
            tgw = topo.get("transit-gateway", att.transit_gateway)
            default = tgw.default_association_route_table if tgw is not None else None
            why = f" (its default association table '{default}' is not in the spec)" if default else ""
            yield ctx.finding("L-TGW-ASSOC", f"attachment '{att.id}' is not associated with any route table of "
                              f"{att.transit_gateway}{why}, so traffic from it is dropped", att.loc, att.id)


@lint_check
def attached_cidrs(ctx: LintContext) -> Iterator[Diagnostic]:
    """TGW-8: identical CIDRs cannot be routed between; an overlapping CIDR is not propagated."""
    topo = ctx.topology
    for tgw_id, atts in sorted(_vpc_attachments_by_tgw(ctx).items()):
        by_id = {a.id: a for a in atts}
        pairs = overlapping_pairs({a.id: topo.vpc(a.vpc or "").all_cidrs for a in atts})
        for a_id, b_id in sorted(tuple(sorted(p)) for p in pairs):
            a, b = by_id[a_id], by_id[b_id]
            if a.vpc == b.vpc:
                continue  # two attachments of one VPC: L-TGW-QUOTA
            va, vb = topo.vpc(a.vpc or ""), topo.vpc(b.vpc or "")
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
def tgw_quotas(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    tgws_of_vpc: dict[str, set[str]] = defaultdict(set)
    atts_of_pair: dict[tuple[str, str], list[TgwAttachment]] = defaultdict(list)
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
        n = len(ctx.dp.tgw_tables_of(tgw.id))
        if n > TABLES_PER_TGW:
            yield ctx.finding("L-TGW-QUOTA", f"transit gateway '{tgw.id}' has {n} route tables; the default quota "
                              f"is {TABLES_PER_TGW}", tgw.loc, tgw.id)
