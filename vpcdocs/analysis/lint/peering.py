"""VPC peering checks (PEER-3, PEER-4, PEER-5, PEER-6, PEER-10).

Flow-driven peering findings (L-PEER-TRANSITIVE, L-PEER-EDGE) come from the reachability
engine, not from here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import Peering
from ...routing import EffectiveRoute
from .overlaps import overlap_text, overlapping_pairs
from .registry import LintContext, lint_check

PEERING_QUOTA = 50
PEERING_HARD_MAX = 125


def _live(ctx: LintContext) -> list[Peering]:
    """Peerings that carry traffic (PEER-7; the one lifecycle vocabulary, ``model.usable``)."""
    return [p for p in ctx.topology.peerings if p.active]


@lint_check
def peering_overlap_and_dup(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    pairs: dict[frozenset[str], list[Peering]] = defaultdict(list)
    for pcx in _live(ctx):
        pairs[frozenset((pcx.requester, pcx.accepter))].append(pcx)
        text = overlap_text(topo.peer_cidrs(pcx.requester), topo.peer_cidrs(pcx.accepter))
        if text:
            yield ctx.finding("L-PEER-OVERLAP", f"peering '{pcx.id}' connects {pcx.requester} and {pcx.accepter} "
                              f"whose CIDRs overlap ({text}); AWS fails the request", pcx.loc, pcx.id)
    for pair, pcxs in pairs.items():
        if len(pair) < 2:
            continue
        pcxs.sort(key=lambda p: (p.loc, p.id))
        for extra in pcxs[1:]:
            a, b = sorted(pair)
            yield ctx.finding("L-PEER-DUP", f"peering '{extra.id}' is a second connection between {a} and {b} "
                              f"(already '{pcxs[0].id}')", extra.loc, extra.id, related=(pcxs[0].loc,))


@lint_check
def peering_routes(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    # (pcx, vpc) -> [(table id, route)]: the routes to a peering in the effective tables
    routes_by_pcx_vpc: dict[tuple[str, str], list[tuple[str, EffectiveRoute]]] = defaultdict(list)
    for eff in ctx.dp.route_tables:
        for route in eff.routes:
            if route.origin == "static" and route.target_type == "vpc-peering" and \
                    topo.get("peering", route.target) is not None:
                routes_by_pcx_vpc[(route.target, eff.vpc)].append((eff.id, route))
    for pcx in topo.peerings:
        for side in (pcx.requester, pcx.accepter):
            other = pcx.other_side(side) or ""
            peer_cidrs = topo.peer_cidrs(other)
            for table_id, route in routes_by_pcx_vpc.get((pcx.id, side), ()):
                net = route.network
                if net is None or not peer_cidrs:
                    continue
                if not any(net.version == c.version and net.subnet_of(c) for c in peer_cidrs):  # type: ignore[arg-type]
                    yield ctx.finding("L-PEER-ONE-SIDED", f"route table '{table_id}': destination {net} via "
                                      f"'{pcx.id}' is not inside the CIDRs of peer {other} "
                                      f"({', '.join(str(c) for c in peer_cidrs)})", route.loc, table_id)
        # routes on one side only: both sides must be VPCs of the spec to know
        a, b = pcx.requester, pcx.accepter
        if topo.get("vpc", a) is None or topo.get("vpc", b) is None:
            continue
        ra, rb = routes_by_pcx_vpc.get((pcx.id, a), []), routes_by_pcx_vpc.get((pcx.id, b), [])
        if bool(ra) != bool(rb):
            has, lacks = (a, b) if ra else (b, a)
            first_table, first_route = (ra or rb)[0]
            yield ctx.finding("L-PEER-ONE-SIDED", f"peering '{pcx.id}': {has} routes to it (route table "
                              f"'{first_table}') but no route table of {lacks} does, so replies cannot return",
                              pcx.loc, pcx.id, related=(first_route.loc,))


@lint_check
def peering_hub_and_quota(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    by_vpc: dict[str, list[Peering]] = defaultdict(list)
    for pcx in _live(ctx):
        for side in (pcx.requester, pcx.accepter):
            by_vpc[side].append(pcx)
    for vpc in topo.vpcs:
        pcxs = sorted(by_vpc.get(vpc.id, ()), key=lambda p: p.id)
        peers = [(p, p.other_side(vpc.id) or "") for p in pcxs]
        # only pairs of peers whose CIDRs overlap can give a finding: find those first
        # (sub-quadratic), then visit them in the order of the pairwise loop they replace
        overlapping = overlapping_pairs({v: topo.peer_cidrs(v) for _p, v in peers})
        partners: dict[str, set[str]] = defaultdict(set)
        for pair in overlapping:
            a, b = tuple(pair)
            partners[a].add(b)
            partners[b].add(a)
        positions: dict[str, list[int]] = defaultdict(list)
        for index, (_p, v) in enumerate(peers):
            positions[v].append(index)
        reported: set[tuple[str, str]] = set()
        for i, (p1, v1) in enumerate(peers):
            later = sorted(j for w in partners.get(v1, ()) for j in positions[w] if j > i)
            for j in later:
                p2, v2 = peers[j]
                if v1 == v2 or (v1, v2) in reported:
                    continue
                text = overlap_text(topo.peer_cidrs(v1), topo.peer_cidrs(v2))
                if text:
                    reported.add((v1, v2))
                    yield ctx.finding("L-PEER-HUB-OVERLAP", f"VPC '{vpc.id}' is peered with {v1} ('{p1.id}') and "
                                      f"{v2} ('{p2.id}') whose CIDRs overlap ({text}); replies follow "
                                      f"{vpc.id}'s route table, not the peering a request came in on",
                                      vpc.loc, vpc.id, related=(p1.loc, p2.loc))
        active = [p for p in pcxs if p.active]
        if len(active) > PEERING_QUOTA:
            yield ctx.finding("L-PEER-QUOTA", f"VPC '{vpc.id}' has {len(active)} active peerings; the default "
                              f"quota is {PEERING_QUOTA} (at most {PEERING_HARD_MAX} on request)", vpc.loc, vpc.id)


@lint_check
def peering_dns(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for pcx in _live(ctx):
        if not pcx.allow_dns_resolution:
            continue
        off = []
        for side in (pcx.requester, pcx.accepter):
            vpc = topo.get("vpc", side)
            if vpc is not None:
                off += [f"{vpc.id} {name}" for name, on in (("dns_support", vpc.dns_support),
                                                             ("dns_hostnames", vpc.dns_hostnames)) if not on]
        if off:
            yield ctx.finding("L-PEER-DNS", f"peering '{pcx.id}' resolves the peer's public DNS names to private IPs, "
                              f"which needs DNS support and hostnames on both VPCs; off: {', '.join(off)}",
                              pcx.loc, pcx.id)
