"""CIDR overlap helpers shared by the peering and transit gateway checks (PEER-3, PEER-6,
TGW-8): plain address arithmetic on what the spec writes, no network fact."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ...model import IPNetwork


def overlaps(a: IPNetwork, b: IPNetwork) -> bool:
    return a.version == b.version and a.overlaps(b)


def overlap_text(a_cidrs: Iterable[IPNetwork], b_cidrs: Iterable[IPNetwork]) -> str | None:
    """``"x overlaps y"`` for the first overlapping pair, or None."""
    others = tuple(b_cidrs)
    for a in a_cidrs:
        for b in others:
            if overlaps(a, b):
                return f"{a} overlaps {b}"
    return None


def overlapping_pairs(cidrs_of: Mapping[str, Iterable[IPNetwork]]) -> set[frozenset[str]]:
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
