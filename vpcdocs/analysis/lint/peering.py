"""VPC peering checks (PEER-3, PEER-4, PEER-5, PEER-6, PEER-10).

Flow-driven peering findings (L-PEER-TRANSITIVE, L-PEER-EDGE) come from the reachability
engine, not from here.
"""

from __future__ import annotations

from collections import defaultdict

from .registry import LintContext, lint_check, overlaps

GONE = ("failed", "expired", "rejected", "deleted", "deleting")
PEERING_QUOTA = 50
PEERING_HARD_MAX = 125


def _live(ctx: LintContext):
    return [p for p in ctx.topology.peerings if p.status not in GONE]


def _overlap_text(a_cidrs, b_cidrs) -> str | None:
    for a in a_cidrs:
        for b in b_cidrs:
            if overlaps(a, b):
                return f"{a} overlaps {b}"
    return None


@lint_check
def peering_overlap_and_dup(ctx: LintContext):
    topo = ctx.topology
    pairs = defaultdict(list)
    for pcx in _live(ctx):
        pairs[frozenset((pcx.requester, pcx.accepter))].append(pcx)
        text = _overlap_text(topo.peer_cidrs(pcx.requester), topo.peer_cidrs(pcx.accepter))
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
def peering_routes(ctx: LintContext):
    topo = ctx.topology
    routes_by_pcx_vpc = defaultdict(list)  # (pcx, vpc) -> [(table, route)]
    for table, route in ctx.static_routes():
        if route.target_kind == "vpc-peering" and route.target_resolved:
            routes_by_pcx_vpc[(route.target, table.vpc)].append((table, route))
    for pcx in topo.peerings:
        for side in (pcx.requester, pcx.accepter):
            other = pcx.other_side(side)
            peer_cidrs = topo.peer_cidrs(other)
            for table, route in routes_by_pcx_vpc.get((pcx.id, side), ()):
                net = route.network
                if net is None or not peer_cidrs:
                    continue
                if not any(net.version == c.version and net.subnet_of(c) for c in peer_cidrs):
                    yield ctx.finding("L-PEER-ONE-SIDED", f"route table '{table.id}': destination {net} via "
                                      f"'{pcx.id}' is not inside the CIDRs of peer {other} "
                                      f"({', '.join(str(c) for c in peer_cidrs)})", route.loc, table.id)
        # routes on one side only: both sides must be VPCs of the spec to know
        a, b = pcx.requester, pcx.accepter
        if topo.get("vpc", a) is None or topo.get("vpc", b) is None:
            continue
        ra, rb = routes_by_pcx_vpc.get((pcx.id, a)), routes_by_pcx_vpc.get((pcx.id, b))
        if bool(ra) != bool(rb):
            has, lacks = (a, b) if ra else (b, a)
            first_table, first_route = (ra or rb)[0]
            yield ctx.finding("L-PEER-ONE-SIDED", f"peering '{pcx.id}': {has} routes to it (route table "
                              f"'{first_table.id}') but no route table of {lacks} does, so replies cannot return",
                              pcx.loc, pcx.id, related=(first_route.loc,))


def _overlapping_pairs(cidrs_of: dict[str, tuple]) -> set[frozenset[str]]:
    """Pairs of ids (keys of ``cidrs_of``) with overlapping CIDRs, by a sweep over the
    prefixes sorted by start address: prefixes are nested or disjoint, so the prefixes open
    at any point form one chain, each containing the next. O(n log n + pairs found)."""
    events = sorted(
        ((net.version, int(net.network_address), -int(net.broadcast_address), owner)
         for owner, nets in cidrs_of.items() for net in nets),
        key=lambda e: e[:3])
    pairs: set[frozenset[str]] = set()
    chain: list[tuple[int, int, str]] = []  # (version, last address, owner)
    for version, start, neg_end, owner in events:
        while chain and (chain[-1][0] != version or chain[-1][1] < start):
            chain.pop()
        for _v, _end, other in chain:
            if other != owner:
                pairs.add(frozenset((owner, other)))
        chain.append((version, -neg_end, owner))
    return pairs


@lint_check
def peering_hub_and_quota(ctx: LintContext):
    topo = ctx.topology
    by_vpc = defaultdict(list)
    for pcx in _live(ctx):
        for side in (pcx.requester, pcx.accepter):
            by_vpc[side].append(pcx)
    for vpc in topo.vpcs:
        pcxs = sorted(by_vpc.get(vpc.id, ()), key=lambda p: p.id)
        peers = [(p, p.other_side(vpc.id)) for p in pcxs]
        # only pairs of peers whose CIDRs overlap can give a finding: find those first
        # (sub-quadratic), then visit them in the order of the pairwise loop they replace
        overlapping = _overlapping_pairs({v: topo.peer_cidrs(v) for _p, v in peers})
        partners: dict[str, set[str]] = defaultdict(set)
        for pair in overlapping:
            a, b = tuple(pair)
            partners[a].add(b)
            partners[b].add(a)
        positions: dict[str, list[int]] = defaultdict(list)
        for index, (_p, v) in enumerate(peers):
            positions[v].append(index)
        reported = set()
        for i, (p1, v1) in enumerate(peers):
            later = sorted(j for w in partners.get(v1, ()) for j in positions[w] if j > i)
            for j in later:
                p2, v2 = peers[j]
                if v1 == v2 or (v1, v2) in reported:
                    continue
                text = _overlap_text(topo.peer_cidrs(v1), topo.peer_cidrs(v2))
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
def peering_dns(ctx: LintContext):
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
