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

from dataclasses import dataclass, replace

from ...model import GatewayEndpoint, Topology
from ...routing import DataPlane, Dest, EffectiveRoute
from .results import Blocker, Hop, block

MAX_HOPS = 40
MIDDLEBOX_KINDS = ("network-interface", "instance", "gwlb-endpoint")


@dataclass(frozen=True, slots=True)
class State:
    """Where a packet is: in ``vpc``, in ``subnet`` (None when it arrived from outside and is
    not in one yet), about to be routed by ``table``."""

    vpc: str
    table: str | None
    az: str | None
    at: str
    subnet: str | None
    via: str = "origin"  # origin | tgw (entered from a TGW, untranslated) | nat (translated)
    nat: str | None = None


@dataclass(frozen=True, slots=True)
class Crossing:
    """A subnet boundary the packet crosses: the subnet's NACL is evaluated in ``direction``
    against the packet's destination (``role`` dst) or source (``role`` src) address, as
    translated by ``segment`` NAT gateways so far."""

    subnet: str
    direction: str  # ingress | egress
    role: str  # dst | src
    segment: int = 0


@dataclass(frozen=True, slots=True)
class NatPass:
    nat: str
    state: State  # the packet at the NAT gateway
    via_before: str  # how the packet arrived (origin: from the NAT's own VPC)


@dataclass(frozen=True, slots=True)
class WalkResult:
    ok: bool
    hops: tuple[Hop, ...] = ()
    crossings: tuple[Crossing, ...] = ()
    nats: tuple[NatPass, ...] = ()
    blocker: Blocker | None = None
    end: str = ""  # subnet | vpc | internet | service | external
    end_vpc: str | None = None
    end_subnet: str | None = None
    split: bool = False  # a table on the way routes part of the destination range differently
    rules: tuple[str, ...] = ()

    def prepend(self, hops: tuple[Hop, ...], crossings: tuple[Crossing, ...], rules: tuple[str, ...],
                nat: NatPass | None = None, split: bool = False) -> WalkResult:
        shift = 1 if nat is not None else 0
        tail = self.crossings if not shift else tuple(replace(c, segment=c.segment + 1) for c in self.crossings)
        return replace(self, hops=hops + self.hops, crossings=crossings + tail,
                       nats=((nat,) if nat else ()) + self.nats, split=self.split or split,
                       rules=tuple(dict.fromkeys((*rules, *self.rules))))


def _internet(version: int) -> str:
    return "internet" if version == 4 else "internet6"


def fail(blocker: Blocker, hops: tuple[Hop, ...] = (), crossings: tuple[Crossing, ...] = (),
         split: bool = False) -> WalkResult:
    return WalkResult(False, hops, crossings, (), blocker, split=split, rules=blocker.rules)


class Walker:
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

    # ------------------------------------------------------------------ small look-ups

    def hop(self, at: str, table: str | None, matched: str, target: str) -> Hop:
        """Interned hops: a matrix repeats the same hops for many pairs."""
        key = (at, table, matched, target)
        h = self._hops.get(key)
        if h is None:
            h = self._hops[key] = Hop(at, table, matched, target)
        return h

    def subnet_state(self, subnet_id: str, via: str = "origin", at: str | None = None) -> State:
        s = self.subnets[subnet_id]
        return State(s.vpc, self.dp.subnet_table(subnet_id), s.az, at or s.id, s.id, via)

    def owner(self, dest: Dest) -> str | None:
        if dest.vpc:
            return dest.vpc
        return self.dp.neighbours.owner(dest.network) if dest.network is not None else None

    # ------------------------------------------------------------------ the walk

    def walk(self, state: State, dest: Dest) -> WalkResult:
        """Follow one packet from ``state`` to ``dest`` (memoised)."""
        key = (state, dest.key, dest.vpc, dest.subnet, dest.eni)
        found = self._memo.get(key)
        if found is not None:
            return found
        if key in self._busy:
            return fail(block("loop", state.at, table=state.table))
        self._busy.add(key)
        try:
            result = self._step(state, dest)
        finally:
            self._busy.discard(key)
        if len(self._memo) > 2_000_000:
            self._memo.clear()
        self._memo[key] = result
        return result

    def _step(self, state: State, dest: Dest) -> WalkResult:
        if state.table is None or self.dp.selector(state.table) is None:
            return fail(block("no-route-table", state.at, subnet=state.subnet or state.at))
        selector = self.dp.selector(state.table)
        assert selector is not None
        route = selector.select(dest)
        split = dest.network is not None and selector.splits(dest.network)
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
            result = self.arrive(replace(state, subnet=None), dest, (hop,), split, route.target,
                                 "local (after the appliance)")
            return result.prepend((), out, ("RT-LOCAL-2",))
        return fail(block("unmodelled-target", route.target, table=state.table, route=route.destination,
                          target=route.target, kind=kind), (hop,), out, split)

    def _leave(self, state: State) -> tuple[Crossing, ...]:
        """The packet leaves its subnet (towards a gateway or another subnet): its NACL's
        outbound rules see it (NACL-4)."""
        return (Crossing(state.subnet, "egress", "dst"),) if state.subnet else ()

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
                          end_subnet=end_subnet, split=split)

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

    # ------------------------------------------------------------------ why no route

    def no_route(self, state: State, dest: Dest) -> Blocker:
        table = state.table or ""
        if dest.kind == "net":
            x = self.owner(dest)
            if x is None or x == state.vpc:
                return block("no-route", table, table=table, dest=dest.text)
            return self.connection_blocker(state, dest, x, "no-route")
        if dest.kind == "service":
            return self._no_service_route(state, dest)
        peers = sorted(o for o in self.dp.neighbours.active_peers(state.vpc)
                       if o in self.dp.vpcs and self.dp.vpcs[o].internet_gateway)
        if peers:
            return block("internet-peer-exit", table, table=table, dest=dest.text, vpc=state.vpc, peer=peers[0],
                         default="::/0" if dest.version == 6 else "0.0.0.0/0")
        return block("no-route", table, table=table, dest=dest.text, vpc=state.vpc, internet="yes",
                     default="::/0" if dest.version == 6 else "0.0.0.0/0")

    def _no_service_route(self, state: State, dest: Dest) -> Blocker:
        """No route for S3/DynamoDB: say which gateway endpoint would have carried it and why
        it does not (GWE-5, GWE-6, GWE-7, PEER-2)."""
        table, v = state.table or "", state.vpc
        peers = self.dp.neighbours.active_peers(v)

        def region(g: GatewayEndpoint) -> str:
            return g.service_region or self.dp.vpcs[g.vpc].region

        for g in sorted(self.topology.gateway_endpoints, key=lambda g: g.id):
            if g.service == dest.service and g.vpc in peers and region(g) == dest.region and g.active:
                return block("service-peer-endpoint", table, table=table, endpoint=g.id, peer=g.vpc,
                             service=dest.service, vpc=v)
        own = [g for g in self.topology.in_vpc(v, "gateway-endpoint") if g.service == dest.service and g.active]
        same = [g for g in own if region(g) == dest.region]
        if same:
            return block("service-endpoint-not-associated", table, table=table, endpoint=same[0].id,
                         service=dest.service)
        if own:
            return block("service-endpoint-other-region", table, table=table, endpoint=own[0].id,
                         service=dest.service, region=region(own[0]), wanted=dest.region)
        return block("no-route", table, table=table, dest=dest.text, service=dest.service, region=dest.region,
                     vpc=v)

    def private_to_igw(self, state: State, dest: Dest, route: EffectiveRoute) -> Blocker:
        """A private address sent to an internet gateway: say where it should have gone."""
        return self.misrouted(state, dest, route, "igw", "private-to-igw")

    def misrouted(self, state: State, dest: Dest, route: EffectiveRoute, role: str, fallback: str) -> Blocker:
        """``route`` sends ``dest`` to a gateway (``role``: igw | nat) that cannot carry it
        there; the blocker names the route and, when ``dest`` is in another VPC, the missing
        VPC-to-VPC link."""
        x = self.owner(dest)
        lead = {"table": state.table or "", "route": route.destination, role: route.target, "dest": dest.text}
        if x is not None and x != state.vpc:
            found = self.connection_blocker(state, dest, x, fallback)
            own = dict(found.params)
            return Blocker(found.cause, "request", found.at, found.params + tuple(
                (k, v) for k, v in lead.items() if k not in own or k in (role, "route")))
        return block(fallback, state.table or "", **lead)

    def connection_blocker(self, state: State, dest: Dest, x: str, fallback: str) -> Blocker:
        """Why VPC ``state.vpc`` has no path to ``x`` (which VPC-to-VPC link is missing)."""
        v, nb, table = state.vpc, self.dp.neighbours, state.table or ""
        routed = self._routed_to(state.table)
        direct = nb.peering_between(v, x)
        if direct is not None:
            if not direct.active:
                return block("peering-inactive", direct.id, peering=direct.id, status=direct.status, vpc=v, peer=x)
            return block("peering-no-route", table, table=table, dest=dest.text, peering=direct.id, vpc=v, peer=x,
                         routed=",".join(routed.get(direct.id, ())))
        shared = sorted(nb.tgws_of(v) & nb.tgws_of(x))
        if shared:
            return block("tgw-no-route-vpc", table, table=table, dest=dest.text, tgw=shared[0], vpc=v, peer=x,
                         routed=",".join(routed.get(shared[0], ())))
        if nb.active_peers(v) & nb.active_peers(x):
            hub = sorted(nb.active_peers(v) & nb.active_peers(x))[0]
            return block("not-transitive", table, table=table, dest=dest.text, vpc=v, owner=x, hub=hub)
        pl = self.transit.privatelink_between(x, v) or self.transit.privatelink_between(v, x)
        if pl:
            svc, ep = pl
            return block("one-way-privatelink", svc, service=svc, endpoint=ep, vpc=v, peer=x,
                         provider=x if self.transit.privatelink_between(x, v) else v)
        if fallback == "private-to-igw":
            return block("private-to-igw", table, table=table, dest=dest.text, vpc=v, peer=x, unconnected="yes")
        return block("not-connected", table, table=table, dest=dest.text, vpc=v, peer=x)

    def _routed_to(self, table_id: str | None) -> dict[str, tuple[str, ...]]:
        table = self.dp.table(table_id) if table_id else None
        out: dict[str, list[str]] = {}
        for r in table.routes if table else ():
            out.setdefault(r.target, []).append(r.destination)
        return {k: tuple(v) for k, v in out.items()}
