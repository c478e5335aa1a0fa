"""Flows that start or stop working (or take another way) between two topologies.

Every answer comes from the reachability engine (:mod:`vpcdocs.analysis.reach`) of each side,
through the very methods its matrices use (``vpc_pair``, ``subnet_pair``, ``flow``), and the
two answers of a pair are compared by disposition and path (:func:`.flows.differs`):

* VPC level — every VPC pair of the VPCs on either side: an added VPC's flows show as
  opened, a removed VPC's as closed;
* subnet level — for each VPC, its subnets to the subnets of its neighbourhood on *either*
  side (itself, its peers, VPCs sharing a transit gateway), so a new peering's flows are
  compared, not just those the base could see; only subnets present on both sides (the flows
  of added or removed subnets are implied by the resource diff);
* subnet → internet, per subnet.

Only pairs a change can affect are asked about (:mod:`.scope`); the result is the same as
asking about every pair (``scope=FULL``), which the tests check on generated estates.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis.reach import Endpoint, Reachability, reachability
from ..model import Topology
from ..sorting import natural_key, natural_sorted
from .flows import ReachChange, Reader, absent, differs
from .scope import FULL, Scope


class Side:
    """One topology's engine and answer reader."""

    def __init__(self, topology: Topology):
        self.topology = topology
        self.engine: Reachability = reachability(topology)
        self.read = Reader(topology)
        self.vpcs = {v.id for v in topology.vpcs}
        self.subnets = {s.id: s for s in topology.subnets if s.cidr is not None}

    def neighbourhood(self, vpc: str) -> set[str]:
        if vpc not in self.vpcs:
            return set()
        return set(self.engine.dp.neighbours.neighbourhood(vpc))


def _absent_reason(v: str, w: str, present: set[str], when: str) -> str:
    missing = [x for x in (v, w) if x not in present]
    verb = "does" if len(missing) == 1 else "do"
    return f"{' and '.join(missing)} {verb} not exist {when}"


def _vpc_changes(b: Side, h: Side, scope: Scope) -> Iterator[ReachChange]:
    everyone = natural_sorted(b.vpcs | h.vpcs)
    for v in everyone:
        for w in everyone:
            if v == w or not scope.pair(v, w):
                continue
            if v in b.vpcs and w in b.vpcs:
                before = b.read.state(b.engine.vpc_pair(v, w))
            else:
                before = absent(_absent_reason(v, w, b.vpcs, "before this change"))
            if v in h.vpcs and w in h.vpcs:
                after = h.read.state(h.engine.vpc_pair(v, w))
            else:
                after = absent(_absent_reason(v, w, h.vpcs, "after this change"))
            if differs(before, after, coarse=True):
                yield ReachChange("vpc", v, w, before, after, v, w)


def _subnet_changes(b: Side, h: Side, scope: Scope) -> Iterator[ReachChange]:
    common = {s for s in b.subnets.keys() & h.subnets.keys() if b.subnets[s].vpc == h.subnets[s].vpc}
    by_vpc: dict[str, list[str]] = {}
    for s in common:
        by_vpc.setdefault(h.subnets[s].vpc, []).append(s)
    for v in natural_sorted(by_vpc):
        neighbours = b.neighbourhood(v) | h.neighbourhood(v)
        if not scope.dirty(v):
            neighbours = {w for w in neighbours if scope.dirty(w)}
        cols = [t for w in natural_sorted(neighbours) for t in natural_sorted(by_vpc.get(w, []))]
        for s in natural_sorted(by_vpc[v]):
            for t in cols:
                if s == t:
                    continue
                before = b.read.state(b.engine.subnet_pair(s, t))
                after = h.read.state(h.engine.subnet_pair(s, t))
                if differs(before, after):
                    yield ReachChange("subnet", s, t, before, after, v, h.subnets[t].vpc)
        for s in natural_sorted(by_vpc[v]):
            if not scope.dirty(v):
                continue
            internet = Endpoint("internet", "internet")
            before = b.read.state(b.engine.flow(Endpoint("subnet", s, id=s), internet))
            after = h.read.state(h.engine.flow(Endpoint("subnet", s, id=s), internet))
            if differs(before, after):
                yield ReachChange("subnet", s, "internet", before, after, v, None)


def diff_reachability(base: Topology, head: Topology, scope: Scope = FULL) -> tuple[ReachChange, ...]:
    """VPC-level changes first, then subnet-level (each source's subnet destinations, then
    the internet), in natural order."""
    b, h = Side(base), Side(head)
    vpc_level = list(_vpc_changes(b, h, scope))
    subnet_level = sorted(_subnet_changes(b, h, scope),
                          key=lambda c: (natural_key(c.source), c.destination == "internet",
                                         natural_key(c.destination)))
    return tuple(vpc_level + subnet_level)
