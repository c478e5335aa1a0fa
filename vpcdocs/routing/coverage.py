"""Which VPCs a network covers: some address of them (a route touches them) or all of them
(a route is their longest match, whole, when nothing more specific touches them).

Reachability uses these facts to know, without a look-up per destination, which VPCs a
route table sends over its default route or over one covering route (DataPlane.routed_vpcs,
Transit.unrouted_from). Answers are memoised per network: the same routes (``10.0.0.0/8``
to a transit gateway) recur in thousands of tables.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping

from ..model import IPNetwork, Vpc
from .effective import EffectiveRoute
from .tgw import TgwEffectiveRoute


class VpcCoverage:
    def __init__(self, vpcs: Iterable[Vpc]):
        intervals: dict[int, list[tuple[int, int, int, str]]] = {4: [], 6: []}
        spans: list[tuple[int, int, int, str]] = []
        for v in vpcs:
            cidrs = v.all_cidrs
            for c in cidrs:
                intervals[c.version].append((int(c.network_address), int(c.broadcast_address), c.version, v.id))
            if cidrs and len({c.version for c in cidrs}) == 1:
                spans.append((min(int(c.network_address) for c in cidrs),
                              max(int(c.broadcast_address) for c in cidrs), cidrs[0].version, v.id))
        # per IP version: (start, end, version, vpc) of every VPC CIDR, sorted by start
        self._intervals = {version: sorted(found) for version, found in intervals.items()}
        # (lowest address, highest address, version, vpc) of each VPC of one IP version
        self._spans = tuple(spans)
        self._touched: dict[tuple[int, int, int], frozenset[str]] = {}
        self._within: dict[tuple[int, int, int], frozenset[str]] = {}
        self._holding: dict[tuple[int, int, int], frozenset[str]] = {}

    def touched(self, net: IPNetwork) -> frozenset[str]:
        """The VPCs with some address in ``net``."""
        key = (net.version, int(net.network_address), net.prefixlen)
        found = self._touched.get(key)
        if found is None:
            lo, hi = int(net.network_address), int(net.broadcast_address)
            intervals = self._intervals[net.version]
            upto = bisect.bisect_left(intervals, (hi + 1,))  # every interval starting at or below hi
            found = self._touched[key] = frozenset(vpc for _s, end, _v, vpc in intervals[:upto] if end >= lo)
        return found

    def within(self, net: IPNetwork) -> frozenset[str]:
        """The VPCs every CIDR block of which (IPv4 and IPv6) lies inside ``net``."""
        key = (net.version, int(net.network_address), net.prefixlen)
        found = self._within.get(key)
        if found is None:
            lo, hi = int(net.network_address), int(net.broadcast_address)
            found = self._within[key] = frozenset(vpc for start, end, version, vpc in self._spans
                                                  if version == net.version and start >= lo and end <= hi)
        return found

    def holding(self, net: IPNetwork) -> frozenset[str]:
        """The VPCs one CIDR block of which holds all of ``net``."""
        key = (net.version, int(net.network_address), net.prefixlen)
        found = self._holding.get(key)
        if found is None:
            lo, hi = int(net.network_address), int(net.broadcast_address)
            intervals = self._intervals[net.version]
            upto = bisect.bisect_left(intervals, (lo + 1,))  # every interval starting at or below lo
            found = self._holding[key] = frozenset(vpc for _s, end, _v, vpc in intervals[:upto] if end >= hi)
        return found

    def touched_by(self, routes: Iterable[EffectiveRoute | TgwEffectiveRoute]) -> frozenset[str]:
        """The VPCs some address of which one of ``routes`` covers (default routes left out)."""
        out: set[str] = set()
        for route in routes:
            for net in route.entries:
                if net.prefixlen:
                    out |= self.touched(net)
        return frozenset(out)


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
