"""One flow, request and replies: routing (:mod:`.walk`), then security (:mod:`.security`).

A flow from a source place to a destination gets through when routing delivers the request,
the security groups and network ACLs on the way let some of the asked traffic through, and
the replies come back: between two places the reply path is walked for real from the
destination (and from each NAT gateway, whose replies return through it) — PEER-5, TGW §7,
PEER-6 — and its NACLs checked; towards the internet, an AWS service or an external network
the replies retrace the request's subnet boundaries.
"""

from __future__ import annotations

import ipaddress

from ...model import IPNetwork
from ...routing import DataPlane, Dest, TrafficSet
from ...routing.ports import DEFAULT_EPHEMERAL
from .dispositions import Disposition, disposition_of
from .locations import Place
from .results import Answer, Blocker, Hop, block
from .security import ANYWHERE4, ANYWHERE6, Peer, ReplyLeg, Security
from .steps import Crossing, NatPass, State, WalkResult, _merge_rules
from .walk import Walker

NAT_EPHEMERAL = (1024, 65535)  # NACL-10, NACL-11


def _with_leg(blocker: Blocker, leg: str, start: str = "") -> Blocker:
    """The blocker of a reply walk: on the reply leg, remembering where the replies start."""
    return Blocker(blocker.cause, leg, blocker.at, blocker.params + ((("reply_from", start),) if start else ()))


class Flows:
    def __init__(self, dp: DataPlane):
        self.dp = dp
        self.walker = Walker(dp)
        self.security = Security(dp)

    # ------------------------------------------------------------------ answers

    def failed(self, src: str, dst: str, blocker: Blocker, traffic: TrafficSet, path: tuple[Hop, ...] = (),
               return_path: tuple[Hop, ...] = (), steps: tuple = (), rules: tuple[str, ...] = (),
               src_vpc: str | None = None, dst_vpc: str | None = None, assumptions: tuple[str, ...] = ()) -> Answer:
        return Answer(src, dst, disposition_of(blocker.cause, blocker.leg), path, return_path, steps, blocker,
                      _merge_rules(tuple(rules), blocker.rules), traffic.text(), "", assumptions, "",
                      src_vpc, dst_vpc)

    # ------------------------------------------------------------------ place → place

    def between(self, src: Place, dst: Place, traffic: TrafficSet, labels: tuple[str, str] | None = None,
                forward: WalkResult | None = None) -> Answer:
        """From one place to another place of the spec (interface or subnet). ``labels``: the
        source and destination to name in the answer (default: the places); ``forward``: the
        request's walk when the caller already has it (exactly what walking would give)."""
        answer = self._between(src, dst, traffic, forward)
        if labels is not None:
            object.__setattr__(answer, "source", labels[0])  # a fresh answer, not shared yet
            object.__setattr__(answer, "destination", labels[1])
        return answer

    def _between(self, src: Place, dst: Place, traffic: TrafficSet, forward: WalkResult | None = None) -> Answer:
        traffic = traffic.for_version(dst.network.version)
        assumptions = _assumptions(src, dst)
        for place, role in ((src, "source"), (dst, "destination")):
            if place.interface is not None and not place.interface.usable:
                return self.failed(src.label, dst.label, block("interface-unusable", place.label,
                                                               interface=place.label, role=role), traffic, src_vpc=src.vpc, dst_vpc=dst.vpc,
                                   assumptions=assumptions)
        if forward is None:
            start = self.walker.subnet_state(src.subnet, at=src.label)
            fwd = self.walker.walk(start, dst.dest())
        else:
            fwd = forward
        if not fwd.ok:
            blocker = fwd.blocker
            assert blocker is not None
            return Answer(src.label, dst.label, disposition_of(blocker.cause, blocker.leg), fwd.hops, (), (), blocker,
                          _merge_rules(fwd.rules, blocker.rules), traffic.text(), "", assumptions, "", src.vpc,
                          dst.vpc)
        filtering = self.dp.filtering_subnets[dst.network.version]
        if not fwd.nats and src.groups is None and dst.groups is None and (
                not filtering or not any(c.subnet in filtering for c in fwd.crossings)):
            answer = self._between_routes_only(src, dst, traffic, fwd, assumptions, filtering)
            if answer is not None:
                return answer
        nat_addresses = [self._nat_address(n) for n in fwd.nats]
        references = self._references(src, dst, fwd) if (src.groups or dst.groups) else False
        req = self.security.request(src, Peer(dst.network, dst.group_set, label=dst.label), dst, fwd, traffic,
                                    nat_addresses, references)
        if req.blocker is not None:
            return self.failed(src.label, dst.label, req.blocker, traffic, fwd.hops, steps=req.steps,
                               rules=fwd.rules, src_vpc=src.vpc, dst_vpc=dst.vpc,
                                   assumptions=assumptions)
        # replies: from the destination to the last translator (or the source), and from each
        # NAT gateway back to the one before it
        targets = [(src.network, src.vpc, src.subnet, src.ephemeral)]
        for n in fwd.nats:
            nat = self.walker.nats[n.nat]
            targets.append((self._nat_address(n), nat.vpc, nat.subnet, NAT_EPHEMERAL))
        legs: list[tuple[WalkResult, tuple[IPNetwork, str, str, tuple[int, int]]]] = []
        starts: list[str] = [dst.label]
        reply_start = self.walker.subnet_state(dst.subnet, at=dst.label)
        legs.append((self.walker.walk(reply_start, _dest(targets[-1])), targets[-1]))
        for i in range(len(fwd.nats), 0, -1):
            starts.append(fwd.nats[i - 1].nat)
            legs.append((self.walker.walk(fwd.nats[i - 1].state, _dest(targets[i - 1])), targets[i - 1]))
        back: tuple[Hop, ...] = ()
        rules = list(fwd.rules)
        for (walk, _target), start_at in zip(legs, starts):
            if walk.nats:
                walk = self._reply_via_nat(walk, _target)
            back += walk.hops
            if not walk.ok:
                assert walk.blocker is not None
                return self.failed(src.label, dst.label, _with_leg(walk.blocker, "reply", start_at), traffic,
                                   fwd.hops, back, req.steps, (*rules, *walk.rules), src_vpc=src.vpc, dst_vpc=dst.vpc,
                                   assumptions=assumptions)
            rules += walk.rules
        rep = self.security.replies(dst.network, [ReplyLeg(w, t[0], t[3]) for w, t in legs], req.allowed)
        steps = req.steps + rep.steps
        if rep.blocker is not None:
            return self.failed(src.label, dst.label, rep.blocker, traffic, fwd.hops, back, steps, tuple(rules), src_vpc=src.vpc, dst_vpc=dst.vpc,
                                   assumptions=assumptions)
        return Answer(src.label, dst.label, Disposition.ACCEPTED, fwd.hops, back, steps, None,
                      tuple(dict.fromkeys(rules)), traffic.text(), rep.allowed.text(), assumptions,
                      "interface" if dst.interface is not None else "subnet", src.vpc, dst.vpc)

    def _between_routes_only(self, src: Place, dst: Place, traffic: TrafficSet, fwd: WalkResult,
                             assumptions: tuple[str, ...], filtering: frozenset[str]) -> Answer | None:
        """:meth:`_between` where nothing filters: no NAT on the way, no security group at either
        end and no network ACL that lets less than everything through on a boundary the request
        crosses — the same answer, with only the reply walk left to do. None when the replies
        cross such a network ACL (the caller checks them)."""
        target = (src.network, src.vpc, src.subnet, src.ephemeral)
        walk = self.walker.walk(self.walker.subnet_state(dst.subnet, at=dst.label), _dest(target))
        if walk.nats:
            walk = self._reply_via_nat(walk, target)
        if filtering and walk.ok and any(c.subnet in filtering for c in walk.crossings):
            return None
        if not walk.ok:
            assert walk.blocker is not None
            return self.failed(src.label, dst.label, _with_leg(walk.blocker, "reply", dst.label), traffic, fwd.hops,
                               walk.hops, (), _merge_rules(fwd.rules, walk.rules), src_vpc=src.vpc,
                               dst_vpc=dst.vpc, assumptions=assumptions)
        text = traffic.text()
        return Answer(src.label, dst.label, Disposition.ACCEPTED, fwd.hops, walk.hops, (), None,
                      _merge_rules(fwd.rules, walk.rules), text, text, assumptions,
                      "interface" if dst.interface is not None else "subnet", src.vpc, dst.vpc)

    # ------------------------------------------------------------------ place → outside

    def outside(self, src: Place, dest: Dest, label: str, traffic: TrafficSet, peer: Peer) -> Answer:
        """From a place to the internet, an AWS service, or an address outside the VPCs of the
        spec (external VPC, external network)."""
        traffic = traffic.for_version(peer.network.version)
        assumptions = _assumptions(src, None)
        if src.interface is not None and not src.interface.usable:
            return self.failed(src.label, label, block("interface-unusable", src.label, interface=src.label,
                                                       role="source"), traffic, src_vpc=src.vpc)
        start = self.walker.subnet_state(src.subnet, at=src.label)
        fwd = self.walker.walk(start, dest)
        if not fwd.ok:
            assert fwd.blocker is not None
            return self.failed(src.label, label, fwd.blocker, traffic, fwd.hops, rules=fwd.rules, src_vpc=src.vpc,
                               assumptions=assumptions)
        if fwd.end in ("internet", "service") and not fwd.nats and dest.version == 4 and _via_igw(fwd, self.walker):
            iface = src.interface
            if iface is not None and not iface.public_ip:
                return self.failed(src.label, label, block("no-public-ip", src.label, interface=src.label,
                                                           subnet=src.subnet), traffic, fwd.hops, rules=fwd.rules,
                                   src_vpc=src.vpc)
            if iface is None:
                assumptions += ("source-public-ip",)
        nat_addresses = [self._nat_address(n) for n in fwd.nats]
        req = self.security.request(src, peer, None, fwd, traffic, nat_addresses, references=False)
        if req.blocker is not None:
            return self.failed(src.label, label, req.blocker, traffic, fwd.hops, steps=req.steps, rules=fwd.rules,
                               src_vpc=src.vpc, assumptions=assumptions)
        legs = [self._retrace(fwd, src, nat_addresses)]
        back: tuple[Hop, ...] = ()
        rules = list(fwd.rules)
        targets = [(src.network, src.vpc, src.subnet, src.ephemeral)]
        for n in fwd.nats:
            nat = self.walker.nats[n.nat]
            targets.append((self._nat_address(n), nat.vpc, nat.subnet, NAT_EPHEMERAL))
        for i in range(len(fwd.nats), 0, -1):  # each NAT gateway's replies back to the hop before it
            walk = self.walker.walk(fwd.nats[i - 1].state, _dest(targets[i - 1]))
            if walk.nats:
                walk = self._reply_via_nat(walk, targets[i - 1])
            back += walk.hops
            if not walk.ok:
                assert walk.blocker is not None
                return self.failed(src.label, label, _with_leg(walk.blocker, "reply", fwd.nats[i - 1].nat), traffic,
                                   fwd.hops, back, req.steps, (*rules, *walk.rules), src_vpc=src.vpc,
                                   assumptions=assumptions)
            rules += walk.rules
            legs.append(ReplyLeg(walk, targets[i - 1][0], targets[i - 1][3]))
        rep = self.security.replies(peer.network, legs, req.allowed)
        steps = req.steps + rep.steps
        if rep.blocker is not None:
            return self.failed(src.label, label, rep.blocker, traffic, fwd.hops, back, steps, tuple(rules),
                               src_vpc=src.vpc, assumptions=assumptions)
        if fwd.end == "external":
            assumptions += ("replies-outside-unchecked",)
        return Answer(src.label, label, Disposition.ACCEPTED, fwd.hops, back, steps, None,
                      tuple(dict.fromkeys(rules)), traffic.text(), rep.allowed.text(), assumptions, fwd.end, src.vpc,
                      fwd.end_vpc)

    def _retrace(self, fwd: WalkResult, src: Place, nat_addresses: list[IPNetwork]) -> ReplyLeg:
        """The replies from outside retrace the request's last segment (from the last NAT
        gateway, or the source, out): its subnet boundaries, the other way round."""
        seg = len(nat_addresses)
        target = nat_addresses[-1] if nat_addresses else src.network
        ephemeral = NAT_EPHEMERAL if nat_addresses else src.ephemeral
        crossings = tuple(Crossing(c.subnet, "ingress" if c.direction == "egress" else "egress",
                                   "src" if c.role == "dst" else "dst", 0)
                          for c in reversed(fwd.crossings) if c.segment == seg)
        return ReplyLeg(WalkResult(True, crossings=crossings), target, ephemeral)

    # ------------------------------------------------------------------ helpers

    def _reply_via_nat(self, walk: WalkResult, target: tuple[IPNetwork, str, str, tuple[int, int]]) -> WalkResult:
        """Replies never go through a NAT gateway: it would rewrite their source, and the
        client drops them. The blocker names the route that sends them there."""
        nat_pass = walk.nats[0]
        hop = next(h for h in walk.hops if h.target == nat_pass.nat)
        table = hop.route_table or ""
        selector = self.dp.selector(table)
        route = selector.select(_dest(target)) if selector is not None else None
        state = self.walker.subnet_state(self.walker.nats[nat_pass.nat].subnet) if route is None else None
        assert route is not None or state is not None
        vpc = self.walker.nats[nat_pass.nat].vpc
        at = State(vpc, table, None, hop.at, None)
        blocker = self.walker.misrouted(at, _dest(target), route, "nat", "reply-via-nat") if route else \
            block("reply-via-nat", table, table=table, nat=nat_pass.nat, dest=str(target[0]))
        upto = walk.hops[:walk.hops.index(hop) + 1]
        return WalkResult(False, upto, blocker=blocker, rules=blocker.rules)

    def _nat_address(self, n: NatPass) -> IPNetwork:
        nat = self.walker.nats[n.nat]
        if nat.private_ip is not None:
            return ipaddress.ip_network(nat.private_ip)
        s = self.walker.subnets[nat.subnet]
        return s.cidr if s.cidr is not None else ANYWHERE4

    def _references(self, src: Place, dst: Place, fwd: WalkResult) -> bool:
        """Whether a rule naming the peer's security group can match (SG-10, SG-12, SG-14):
        same VPC, or a same-Region active peering; never across a TGW or through a NAT."""
        if fwd.nats or any(self.dp.tgw_table(h.route_table or "") is not None for h in fwd.hops):
            return False
        if src.vpc == dst.vpc:
            return True
        a, b = self.dp.vpcs.get(src.vpc), self.dp.vpcs.get(dst.vpc)
        pcx = self.dp.neighbours.peering_between(src.vpc, dst.vpc)
        return bool(a and b and a.region == b.region and pcx is not None and pcx.active)


_DESTS: dict[tuple[IPNetwork, str, str], Dest] = {}


def _dest(target: tuple[IPNetwork, str, str, tuple[int, int]]) -> Dest:
    """Where replies go (interned: a matrix sends replies to the same places again and again)."""
    net, vpc, subnet, _ = target
    key = (net, vpc, subnet)
    found = _DESTS.get(key)
    if found is None:
        if len(_DESTS) > 500_000:
            _DESTS.clear()
        found = _DESTS[key] = Dest("net", net, vpc=vpc, subnet=subnet)
    return found


def _via_igw(fwd: WalkResult, walker: Walker) -> bool:
    return any(h.target in walker.igws for h in fwd.hops)


_ASSUMPTIONS = {
    (False, False): (),
    (True, False): ("source-no-interface",),
    (False, True): ("destination-no-interface",),
    (True, True): ("source-no-interface", "destination-no-interface"),
}


def _assumptions(src: Place, dst: Place | None) -> tuple[str, ...]:
    return _ASSUMPTIONS[(src.interface is None, dst is not None and dst.interface is None)]


__all__ = ["ANYWHERE4", "ANYWHERE6", "DEFAULT_EPHEMERAL", "Flows", "NAT_EPHEMERAL"]
