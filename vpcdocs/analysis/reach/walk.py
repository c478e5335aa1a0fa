"""The hop walk: follow one packet through VPC route tables, NAT and internet gateways,
gateway endpoints, peerings and virtual private gateways (transit gateways: :mod:`.transit`).

Rules encoded (IDs from aws-networking-rules.md):

* route choice per table: the data plane's longest-prefix match (RT-PRI-1..4, PL-8, VGW-4);
  a winning blackhole drops (RT-BH-1, RS-4);
* peering delivers only into the peer VPC's own CIDRs: not transitive (PEER-1); the peer's
  internet gateway, NAT gateways, gateway endpoints and VGW are out of reach (PEER-2, GWE-6,
  VGW-8); traffic that entered through a transit gateway cannot continue over a peering;
* NAT: a public NAT forwards to the IGW, a private NAT's traffic is dropped by an IGW (NAT-1);
  NAT does not carry IPv6 (V6-5); an IGW only carries its own VPC's addresses or translated ones;
* IPv6 to the internet through an IGW or an egress-only IGW (outbound only, V6-4);
* a VGW forwards only prefixes it knows (VGW-2): its VPN connections' and Direct Connect
  gateways' prefixes; the packet then leaves for the external network; IPv4 only (V6-8).

Each walk records, besides the hops, the subnet boundaries the packet crosses
(:class:`Crossing`) so that network ACLs can be evaluated afterwards (NACL-4, NACL-11,
NACL-12), and the NAT gateways it passes (their replies must come back through them).
Walks are memoised per (state, destination): a matrix shares every tail (e.g. everything
after a transit gateway) between sources.
"""

from __future__ import annotations

from ...model import Topology
from ...routing import DataPlane, Dest, EffectiveRoute, RouteSelector
from .reasons import Reasons
from .results import Hop, block
from .steps import (  # noqa: F401  (re-exported for the other walkers)
    MAX_HOPS,
    QUIET_FAILURE,
    Crossing,
    NatPass,
    State,
    WalkResult,
    _internet,
    _merge_rules,
    fail,
)

MIDDLEBOX_KINDS = ("network-interface", "instance", "gwlb-endpoint")

# failures at an internet gateway that do not depend on the destination (never templates)
_NOT_DESTINATION_SPECIFIC = frozenset({"private-nat-igw", "tgw-untranslated-igw", "route-blackhole"})

class Walker(Reasons):
    """Walks packets over one data plane. Build once, walk many (memoised)."""

    def __init__(self, dp: DataPlane):
        from .transit import Transit

        self.dp = dp
        self.topology: Topology = dp.topology
        t = dp.topology
        self.subnets = {s.id: s for s in t.subnets}
        self.nats = {n.id: n for n in t.nat_gateways}
        self.igws = {i.id: i for i in t.internet_gateways}
        self.transit = Transit(self)
        self._memo: dict[tuple[object, ...], WalkResult] = {}
        self._busy: set[tuple[object, ...]] = set()
        self._hops: dict[tuple[str, str | None, str, str], Hop] = {}
        self._states: dict[tuple[str, str, str | None], State] = {}
        self._routed: dict[str | None, dict[str, tuple[str, ...]]] = {}
        self._leaving: dict[str, tuple[Crossing, ...]] = {}
        self._related_memo: dict[str, frozenset[str]] = {}
        self._templates: dict[State, tuple[tuple[tuple[RouteSelector, EffectiveRoute, frozenset[str]], ...],
                                           WalkResult, State]] = {}
        self._scopes: dict[State, frozenset[str]] = {}
        self._conn_memo: dict[tuple[str, str | None, str, str], tuple[str, str, tuple[tuple[str, str], ...]]] = {}

    # ------------------------------------------------------------------ small look-ups

    def hop(self, at: str, table: str | None, matched: str, target: str) -> Hop:
        """Interned hops: a matrix repeats the same hops for many pairs."""
        key = (at, table, matched, target)
        h = self._hops.get(key)
        if h is None:
            h = self._hops[key] = Hop(at, table, matched, target)
        return h

    def subnet_state(self, subnet_id: str, via: str = "origin", at: str | None = None) -> State:
        key = (subnet_id, via, at)
        found = self._states.get(key)
        if found is None:
            s = self.subnets[subnet_id]
            found = self._states[key] = State(s.vpc, self.dp.subnet_table(subnet_id), s.az, at or s.id, s.id, via)
        return found

    def owner(self, dest: Dest) -> str | None:
        if dest.vpc:
            return dest.vpc
        return self.dp.neighbours.owner(dest.network) if dest.network is not None else None

    # ------------------------------------------------------------------ the walk

    def walk(self, state: State, dest: Dest, explain: bool = True) -> WalkResult:
        """Follow one packet from ``state`` to ``dest``. Walks from states reached on the way
        (a NAT gateway, a transit gateway's way into a VPC) are memoised: many sources share
        them. A walk from where a packet starts is not: it is asked once per question.
        ``explain=False``: the caller only needs to know whether (and whether split) — a
        failure may then come without its blocker."""
        if state.via == "origin" and state.nat is None and state.subnet is not None:
            result = self._from_template(state, dest, explain)
            if result is None:
                result = self._step(state, dest)
                self._learn(state, dest, result)
            return result
        key = (state, dest.key, dest.vpc, dest.subnet, dest.eni)
        found = self._memo.get(key)
        if found is not None:
            return found
        if key in self._busy:
            return fail(block("loop", state.at, table=state.table))
        self._busy.add(key)
        try:
            result = self._from_template(state, dest)
            if result is None:
                result = self._step(state, dest)
                self._learn(state, dest, result)
        finally:
            self._busy.discard(key)
        if len(self._memo) > 2_000_000:
            self._memo.clear()
        self._memo[key] = result
        return result

    # A sparse estate fails the same way for most private destinations: every table on the way
    # picks its default route and the packet ends at an internet gateway that does not carry
    # private addresses. After one such failure from a state, another private destination that
    # gets the very same routes in those tables (and is not split by a more specific route)
    # fails identically but for the words about it: the hops, boundaries and NAT passes are
    # reused and only the blocker is made again — exactly what a full walk would produce.

    def _learn(self, state: State, dest: Dest, result: WalkResult) -> None:
        blocker = result.blocker
        if (result.ok or result.split or state in self._templates or dest.kind != "net" or dest.public
                or blocker is None or not result.hops or result.hops[-1].target not in self.igws
                or blocker.get("igw") != result.hops[-1].target or blocker.cause in _NOT_DESTINATION_SPECIFIC):
            return  # only "a private address sent to an internet gateway" failures are learnt
        chain = []
        for hop in result.hops:
            if hop.route_table is None:
                continue
            selector = self.dp.selector(hop.route_table)
            if selector is None:
                return
            route = selector.select(dest)
            if route is None or route.network is None or route.network.prefixlen != 0 or not route.active:
                return
            chain.append((selector, route, self.dp.routed_vpcs(selector.id)))
        last = result.hops[-1]
        if last.route_table is None or not chain:
            return
        self._templates[state] = (tuple(chain), result, state._replace(table=last.route_table))

    def _from_template(self, state: State, dest: Dest, explain: bool = True) -> WalkResult | None:
        found = self._templates.get(state)
        if found is None or dest.kind != "net" or dest.network is None or dest.public:
            return None
        chain, result, last_state = found
        net = dest.network
        if chain[0][1].network is None or chain[0][1].network.version != net.version:
            return None  # learnt from the other IP family: other default routes
        vpc = dest.vpc if dest.vpc is not None and dest.vpc in self.dp.coverage.holding(net) else None
        for selector, route, routed in chain:
            # a destination in a VPC no specific route of the table touches takes the default
            # route, unsplit: no look-up needed (DataPlane.routed_vpcs, from the VPCs' blocks —
            # so not for a place outside its VPC's blocks, e.g. a subnet a lint finding is about)
            if vpc is not None and vpc not in routed:
                continue
            if selector.select(dest) is not route or selector.splits(net, dest.key):
                return None
        if not explain:
            return QUIET_FAILURE
        blocker = self.private_to_igw(last_state, dest, chain[-1][1])
        return WalkResult(False, result.hops, result.crossings, result.nats, blocker,
                          rules=_merge_rules(result.lead_rules, blocker.rules), lead_rules=result.lead_rules)

    @property
    def templates_learnt(self) -> int:
        """How many failure templates the walker has learnt so far (they only ever grow)."""
        return len(self._templates)

    def default_failure_scope(self, state: State) -> frozenset[str] | None:
        """For a walk from where a packet starts (a subnet): the VPCs outside which every
        private IPv4 destination fails from ``state`` in the same way, unsplit, without
        getting anywhere — each table on the way picks its default route and the packet ends
        at an internet gateway (a learnt template), or the table has no default route (no
        route). None when that is not known (yet). A VPC not in the scope is one no route of
        those tables other than a default covers (:meth:`DataPlane.routed_vpcs`)."""
        found = self._scopes.get(state)
        if found is not None:
            return found
        template = self._templates.get(state)
        if template is not None:
            chain = template[0]
            if any(route.network is None or route.network.version != 4 for _s, route, _r in chain):
                return None
            found = frozenset().union(*(routed for _s, _r, routed in chain))
        else:
            selector = self.dp.selector(state.table) if state.table is not None else None
            if selector is None or selector.default_route(4) is not None:
                return None
            found = self.dp.routed_vpcs(selector.id)
        self._scopes[state] = found
        return found

    def _step(self, state: State, dest: Dest) -> WalkResult:
        if state.table is None or self.dp.selector(state.table) is None:
            return fail(block("no-route-table", state.at, subnet=state.subnet or state.at))
        selector = self.dp.selector(state.table)
        assert selector is not None
        route = selector.select(dest)
        split = dest.network is not None and selector.splits(dest.network, dest.key)
        if route is None:
            return fail(self.no_route(state, dest), split=split)
        hop = self.hop(state.at, state.table, route.destination, route.target)
        if route.state != "active":
            return fail(block("route-blackhole", state.table, table=state.table, route=route.destination,
                              target=route.target, state_reason=route.reason,
                              rule_id="PEER-7" if route.target_type == "vpc-peering" else None),
                        (hop,), split=split)
        kind = route.target_type
        if kind == "local":
            return self.arrive(state, dest, (hop,), split, state.at)
        out = self._leave(state)
        if kind == "vpc-peering":
            return self.peering(state, dest, route, hop, out, split)
        if kind == "transit-gateway":
            return self.transit.forward(state, dest, route, hop, out, split)
        if kind == "nat-gateway":
            return self.nat(state, dest, route, hop, split)
        if kind == "internet-gateway":
            return self.internet_gateway(state, dest, route, hop, out, split)
        if kind == "egress-only-internet-gateway":
            return self.egress_only(state, dest, route, hop, out, split)
        if kind == "gateway-endpoint":
            if state.via == "tgw":
                return fail(block("tgw-to-gateway-endpoint", route.target, endpoint=route.target, vpc=state.vpc),
                            (hop,), out, split)
            done = (hop, self.hop(route.target, None, "gateway endpoint", dest.symbol))
            return WalkResult(True, done, out, end="service", split=split, rules=("GWE-2", "GWE-5"))
        if kind == "vpn-gateway":
            return self.vpn_gateway(state, dest, route, hop, out, split)
        if kind in MIDDLEBOX_KINDS and dest.network is not None and self.owner(dest) == state.vpc:
            # east-west inspection inside the VPC (RT-LOCAL-2): the appliance is assumed to pass
            # the traffic on to its destination over the local route
            result = self.arrive(state._replace(subnet=None), dest, (hop,), split, route.target,
                                 "local (after the appliance)")
            return result.prepend((), out, ("RT-LOCAL-2",))
        return fail(block("unmodelled-target", route.target, table=state.table, route=route.destination,
                          target=route.target, kind=kind), (hop,), out, split)

    def _leave(self, state: State) -> tuple[Crossing, ...]:
        """The packet leaves its subnet (towards a gateway or another subnet): its NACL's
        outbound rules see it (NACL-4)."""
        if not state.subnet:
            return ()
        found = self._leaving.get(state.subnet)
        if found is None:
            found = self._leaving[state.subnet] = (Crossing(state.subnet, "egress", "dst"),)
        return found

    # ------------------------------------------------------------------ delivery

    def arrive(self, state: State, dest: Dest, hops: tuple[Hop, ...], split: bool, at: str,
               matched: str = "local") -> WalkResult:
        """The packet is inside ``state.vpc`` and the local route delivers it."""
        vpc = state.vpc
        if dest.kind != "net" or dest.network is None:
            return fail(block("not-a-target", vpc, what=dest.text), hops, split=split)
        if dest.vpc is not None and dest.vpc != vpc:
            cause = "one-way-privatelink" if self.transit.privatelink_between(vpc, dest.vpc) else "wrong-vpc"
            return fail(block(cause, vpc, dest=dest.text, vpc=vpc, expected=dest.vpc), hops, split=split)
        end_subnet = dest.subnet
        if end_subnet is None and dest.network.prefixlen == dest.network.max_prefixlen:
            end_subnet = self.dp.subnet_containing(vpc, dest.network)
            if end_subnet is None:
                return fail(block("no-subnet-for-address", vpc, address=dest.network.network_address, vpc=vpc),
                            hops, split=split)
        crossings: tuple[Crossing, ...] = ()
        if end_subnet is not None and end_subnet != state.subnet:
            if state.subnet is not None:
                crossings = (Crossing(state.subnet, "egress", "dst"),)
            crossings += (Crossing(end_subnet, "ingress", "src"),)
        done = hops + (self.hop(at, None, matched, dest.eni or end_subnet or vpc),)
        return WalkResult(True, done, crossings, end="subnet" if end_subnet else "vpc", end_vpc=vpc,
                          end_subnet=end_subnet, split=split, arrived_from=state.subnet)

    def narrow(self, block_walk: WalkResult, dest: Dest) -> WalkResult | None:
        """The walk to ``dest`` (a subnet or interface of the block), made from the block's
        walk when that is exact (delivered, unsplit, no NAT on the way), else None."""
        if not block_walk.ok or block_walk.split or block_walk.end != "vpc" or dest.subnet is None \
                or block_walk.end_vpc != dest.vpc or not block_walk.hops:
            return None
        last = block_walk.hops[-1]
        return block_walk.narrowed(dest, self.hop(last.at, None, last.matched, dest.eni or dest.subnet))

    def peering(self, state: State, dest: Dest, route: EffectiveRoute, hop: Hop, out: tuple[Crossing, ...],
                split: bool) -> WalkResult:
        pcx = self.dp.neighbours.peerings.get(route.target)
        if pcx is None:
            return fail(block("unmodelled-target", route.target, table=state.table, route=route.destination,
                              target=route.target, kind="vpc-peering"), (hop,), out, split)
        other = pcx.other_side(state.vpc) or ""
        if state.via == "tgw":
            return fail(block("tgw-to-peering", pcx.id, peering=pcx.id, vpc=state.vpc), (hop,), out, split)
        peer_cidrs = self.topology.peer_cidrs(other)
        if dest.network is not None:
            inside = [c for c in peer_cidrs if c.version == dest.network.version
                      and dest.network.subnet_of(c)]  # type: ignore[arg-type]
            if inside:
                if other in self.dp.vpcs:
                    arrived = self.arrive(State(other, None, None, pcx.id, None, state.via, state.nat), dest,
                                          (hop,), split, pcx.id, str(inside[0]))
                    return arrived.prepend((), out, ("PEER-5",))
                done = (hop, self.hop(pcx.id, None, str(inside[0]), other))
                return WalkResult(True, done, out, end="external", end_vpc=other, split=split, rules=("PEER-5",))
            x = self.owner(dest)
            if x is not None and x != other:
                return fail(block("not-transitive", state.table or "", table=state.table, route=route.destination,
                                  peering=pcx.id, peer=other, dest=dest.text, owner=x, vpc=state.vpc),
                            (hop,), out, split)
        cause = "peer-gateway-endpoint" if dest.kind == "service" else "peer-edge"
        return fail(block(cause, pcx.id, table=state.table, route=route.destination, peering=pcx.id, peer=other,
                          dest=dest.text, vpc=state.vpc), (hop,), out, split)

    def nat(self, state: State, dest: Dest, route: EffectiveRoute, hop: Hop, split: bool) -> WalkResult:
        nat = self.nats.get(route.target)
        if nat is None or nat.subnet not in self.subnets:
            return fail(block("unmodelled-target", route.target, table=state.table, route=route.destination,
                              target=route.target, kind="nat-gateway"), (hop,), split=split)
        if nat.vpc != state.vpc:
            return fail(block("nat-other-vpc", nat.id, nat=nat.id, nat_vpc=nat.vpc, vpc=state.vpc), (hop,),
                        split=split)
        if dest.version == 6:
            return fail(block("nat-ipv6", nat.id, nat=nat.id), (hop,), split=split)
        crossings: tuple[Crossing, ...] = ()
        if state.subnet != nat.subnet:
            crossings = self._leave(state) + (Crossing(nat.subnet, "ingress", "src"),)
        nat_state = State(nat.vpc, self.dp.subnet_table(nat.subnet), self.subnets[nat.subnet].az, nat.id,
                          nat.subnet, "nat", nat.id)
        rules = ("NAT-1", "TGW-7") if state.via == "tgw" else ("NAT-1",)
        tail = self.walk(nat_state, dest)
        return tail.prepend((hop,), crossings, rules, NatPass(nat.id, nat_state, state.via), split)

    def internet_gateway(self, state: State, dest: Dest, route: EffectiveRoute, hop: Hop,
                         out: tuple[Crossing, ...], split: bool) -> WalkResult:
        if state.nat and self.nats[state.nat].connectivity == "private":
            return fail(block("private-nat-igw", route.target, nat=state.nat, igw=route.target), (hop,), out, split)
        if state.via == "tgw":
            return fail(block("tgw-untranslated-igw", route.target, igw=route.target, vpc=state.vpc),
                        (hop,), out, split)
        if not dest.public:
            return fail(self.private_to_igw(state, dest, route), (hop,), out, split)
        end = "service" if dest.kind == "service" else "internet"
        target = dest.symbol if dest.kind == "service" else (
            _internet(dest.version) if dest.kind == "internet" else str(dest.network))
        done = (hop, self.hop(route.target, None, "internet", target))
        return WalkResult(True, done, out, end=end, split=split, rules=("IGW-1",))

    def egress_only(self, state: State, dest: Dest, route: EffectiveRoute, hop: Hop,
                    out: tuple[Crossing, ...], split: bool) -> WalkResult:
        if dest.version != 6 or not dest.public or state.via == "tgw":
            return fail(self.private_to_igw(state, dest, route), (hop,), out, split)
        done = (hop, self.hop(route.target, None, "internet", _internet(6) if dest.kind == "internet" else
                              str(dest.network)))
        return WalkResult(True, done, out, end="internet", split=split, rules=("V6-4",))

    def vpn_gateway(self, state: State, dest: Dest, route: EffectiveRoute, hop: Hop,
                    out: tuple[Crossing, ...], split: bool) -> WalkResult:
        vgw = self.topology.get("vpn-gateway", route.target)
        if vgw is None:
            return fail(block("unmodelled-target", route.target, table=state.table, route=route.destination,
                              target=route.target, kind="vpn-gateway"), (hop,), out, split)
        if state.via == "tgw" or state.vpc != vgw.vpc:
            return fail(block("peer-edge", vgw.id, table=state.table, route=route.destination, peering=vgw.id,
                              peer=vgw.vpc or "", dest=dest.text, vpc=state.vpc, rule_id="VGW-8"), (hop,), out, split)
        if dest.version == 6:
            return fail(block("vgw-ipv6", vgw.id, vgw=vgw.id), (hop,), out, split)
        from ...routing import vgw_prefixes

        known = [p for p, _ in vgw_prefixes(self.topology, vgw.id)]
        net = dest.network
        if net is None or not any(net.version == p.version and net.subnet_of(p) for p in known):  # type: ignore[arg-type]
            return fail(block("vgw-unknown-prefix", vgw.id, vgw=vgw.id, dest=dest.text), (hop,), out, split)
        owner = self.dp.neighbours.owner(net) or ""
        done = (hop, self.hop(vgw.id, None, dest.text, owner or "on-premises"))
        return WalkResult(True, done, out, end="external", end_vpc=owner or None, split=split, rules=("VGW-2",))
