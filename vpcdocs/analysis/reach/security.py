"""Security groups and network ACLs along a walked path (SG-1..14, NACL-1..12).

For one request from ``src`` to ``dst`` that routing delivers, in path order:

1. the source interface's security groups, outbound, against the destination address (and
   the destination interface's groups, for rules that reference a group — honoured only in
   the same VPC or over a same-Region active peering, SG-12/SG-14);
2. each subnet boundary the request crosses, the subnet's NACL (outbound: destination
   address; inbound: source address as translated by NAT gateways so far) — NACL-4, NACL-11;
3. the destination interface's groups, inbound, against the (translated) source address.

Security groups are stateful: replies are not checked against them (SG-3). NACLs are not:
every boundary the *replies* cross is checked with the reply's addresses and ports — the
client's ephemeral range for TCP/UDP (NACL-1, NACL-10) — and a protocol whose replies are
denied for part of that range does not get through.
"""

from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass

from ...model import IPNetwork
from ...routing import DataPlane, IntervalSet, TrafficSet
from ...routing.filters import CompiledNacl, NaclVerdict, SgVerdict
from ...routing.ports import EMPTY, reply_traffic
from .locations import Place
from .results import Blocker, FilterStep
from .steps import Crossing, WalkResult

ANYWHERE4 = ipaddress.ip_network("0.0.0.0/0")
ANYWHERE6 = ipaddress.ip_network("::/0")


@dataclass(frozen=True)
class Peer:
    """The far end as rules see it: its addresses, groups and (for AWS services) its name."""

    network: IPNetwork
    groups: frozenset[str] = frozenset()
    service: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Checked:
    allowed: TrafficSet
    steps: tuple[FilterStep, ...]
    blocker: Blocker | None


@dataclass(frozen=True)
class ReplyLeg:
    """One reply walk to check: the replies travel ``walk`` from the responder back to
    ``target`` (the original source, or a NAT gateway), towards ports of ``ephemeral``."""

    walk: WalkResult
    target: IPNetwork
    ephemeral: tuple[int, int]


class Security:
    def __init__(self, dp: DataPlane):
        self.dp = dp
        self.sgs = dp.security_groups
        self._groups_memo: dict[str, frozenset[str]] | None = None
        self._reply_memo: dict[tuple[object, ...],
                               tuple[TrafficSet, tuple[str, int] | None, str | None, str, str]] = {}

    # ------------------------------------------------------------------ request leg

    def request(self, src: Place, dst: Peer, dst_place: Place | None, walk: WalkResult, traffic: TrafficSet,
                nat_addresses: list[IPNetwork], references: bool) -> Checked:
        steps: list[FilterStep] = []
        t = traffic
        groups = src.groups
        if groups:
            dst_groups = (dst.groups or self._vpc_groups(dst_place.vpc)) if dst_place is not None and \
                dst_place.interface is None else dst.groups
            verdict = self.sgs.evaluate(groups, "egress", dst.network, dst_groups if references else frozenset(),
                                        t, references=references, peer_service=dst.service)
            steps.append(self._sg_step(src.label, groups, "egress", verdict, t, dst.network))
            if not verdict.allowed:
                return Checked(verdict.allowed, tuple(steps), self._sg_blocker(src.label, groups, "egress",
                                                                               verdict, t, dst.label))
            t = verdict.allowed
        sources = [src.network, *nat_addresses]
        filtering = self.dp.filtering_subnets[dst.network.version]
        for crossing in walk.crossings:
            if crossing.subnet not in filtering:
                continue
            peer = dst.network if crossing.role == "dst" else sources[min(crossing.segment, len(sources) - 1)]
            t, blocked = self._nacl(crossing, peer, t, "request", steps)
            if blocked is not None:
                return Checked(TrafficSet(), tuple(steps), blocked)
        if dst_place is not None and dst_place.groups:
            translated = bool(nat_addresses)
            peer_net = sources[-1]
            src_groups = src.group_set if src.interface is not None else self._vpc_groups(src.vpc)
            peer_groups = src_groups if references and not translated else frozenset()
            verdict = self.sgs.evaluate(dst_place.groups, "ingress", peer_net, peer_groups, t,
                                        references=references and not translated)
            steps.append(self._sg_step(dst_place.label, dst_place.groups, "ingress", verdict, t, peer_net))
            if not verdict.allowed:
                return Checked(verdict.allowed, tuple(steps), self._sg_blocker(
                    dst_place.label, dst_place.groups, "ingress", verdict, t, _net_text(peer_net)))
            t = verdict.allowed
        return Checked(t, tuple(steps), None)

    # ------------------------------------------------------------------ reply legs

    def replies(self, responder: IPNetwork, legs: list[ReplyLeg], traffic: TrafficSet) -> Checked:
        """Narrow ``traffic`` to the protocols whose replies pass every NACL on every leg."""
        steps: list[FilterStep] = []
        t = traffic
        filtering = self.dp.filtering_subnets[responder.version]
        for leg in legs:
            for crossing in leg.walk.crossings:
                if crossing.subnet not in filtering:
                    continue
                peer = leg.target if crossing.role == "dst" else responder
                nacl = self.dp.subnet_nacl(crossing.subnet)
                if nacl is None or nacl.open_for(peer.version):
                    continue
                kept, first_denied, rule, blocking, reply_text = self._reply_verdict(
                    nacl, crossing.direction, peer, t, leg.ephemeral)
                steps.append(FilterStep("network-acl", crossing.subnet, (nacl.id,), crossing.direction, "reply",
                                        "deny" if first_denied else "allow", rule, reply_text, _net_text(peer)))
                t = kept
                if not t:
                    assert first_denied is not None
                    p, port = first_denied
                    return Checked(t, tuple(steps), Blocker("nacl-reply", "reply", nacl.id, (
                        ("acl", nacl.id), ("subnet", crossing.subnet), ("direction", crossing.direction),
                        ("rule", blocking), ("protocol", p), ("port", str(port)),
                        ("ephemeral", f"{leg.ephemeral[0]}-{leg.ephemeral[1]}"), ("peer", _net_text(peer)))))
        return Checked(t, tuple(steps), None)

    def _reply_verdict(self, nacl: CompiledNacl, direction: str, peer: IPNetwork, t: TrafficSet,
                       ephemeral: tuple[int, int]) -> tuple[TrafficSet, tuple[str, int] | None, str | None, str, str]:
        """What of ``t`` keeps its replies through ``nacl`` one way (the protocols kept, the first
        reply denied, the rule to show in the check and in the blocker, the replies' text) — memoised: a matrix crosses
        the same NACL with the same peer for many pairs."""
        key = (nacl.id, direction, peer, t, ephemeral)
        found = self._reply_memo.get(key)
        if found is not None:
            return found
        reply = TrafficSet.of({p: reply_traffic(p, ports, ephemeral) for p, ports in t})
        verdict = nacl.evaluate(direction, peer, reply)
        kept: dict[str, IntervalSet] = {}
        first_denied: tuple[str, int] | None = None
        for p, ports in t:
            want = reply.ports(p)
            got = verdict.allowed.ports(p)
            # NACL-10: every reply port must be allowed, or denied on purpose by a numbered
            # rule (AWS advises denying known bad ports inside the ephemeral range);
            # ports left to the final "*" rule make replies fail at random
            unanswered = (want - got) & verdict.implicit.ports(p) if p in ("tcp", "udp") else (
                EMPTY if got & want else want)
            if got & want and not unanswered:
                kept[p] = ports
            elif first_denied is None:
                missing = (unanswered or want).first
                first_denied = (p, missing if missing is not None else 0)
        denied = verdict.deciding(*first_denied) if first_denied else None
        found = (TrafficSet.of(kept), first_denied, _rule_text(denied) if denied else _first_allow(verdict),
                 _rule_text(denied) if denied else "*", reply.text())
        if len(self._reply_memo) > 500_000:
            self._reply_memo.clear()
        self._reply_memo[key] = found
        return found

    # ------------------------------------------------------------------ helpers

    def _vpc_groups(self, vpc: str) -> frozenset[str]:
        """A host the spec does not declare may belong to any group of its VPC (the most
        favourable case, stated as an assumption of the answer)."""
        memo = self._groups_memo
        if memo is None:
            by_vpc: dict[str, set[str]] = {}
            for gid, g in self.sgs.groups.items():
                by_vpc.setdefault(g.vpc, set()).add(gid)
            memo = self._groups_memo = {v: frozenset(ids) for v, ids in by_vpc.items()}  # (one pass, not per VPC)
        return memo.get(vpc, frozenset())

    def _nacl(self, crossing: Crossing, peer: IPNetwork, t: TrafficSet, leg: str,
              steps: list[FilterStep]) -> tuple[TrafficSet, Blocker | None]:
        """Narrow ``t`` by the NACL at ``crossing``; a blocker when nothing is left."""
        nacl = self.dp.subnet_nacl(crossing.subnet)
        if nacl is None or nacl.open_for(peer.version):
            return t, None
        verdict = nacl.evaluate(crossing.direction, peer, t)
        denied = verdict.denied_by
        steps.append(FilterStep("network-acl", crossing.subnet, (nacl.id,), crossing.direction, leg,
                                "allow" if verdict.allowed else "deny",
                                _first_allow(verdict) if verdict.allowed else (_rule_text(denied) if denied else "*"),
                                t.text(), _net_text(peer)))
        if verdict.allowed:
            return verdict.allowed, None
        return verdict.allowed, Blocker("nacl-request", "request", nacl.id, (
            ("acl", nacl.id), ("subnet", crossing.subnet), ("direction", crossing.direction),
            ("rule", _rule_text(denied) if denied else "*"), ("traffic", t.text()), ("peer", _net_text(peer))))

    @staticmethod
    def _sg_step(at: str, groups: tuple[str, ...], direction: str, verdict: SgVerdict, t: TrafficSet,
                 peer: IPNetwork) -> FilterStep:
        rule = None
        if verdict.matches:
            m = verdict.matches[0]
            rule = f"{m.group}#{m.index + 1}"
        return FilterStep("security-group", at, tuple(groups), direction, "request",
                          "allow" if verdict.allowed else "deny", rule, t.text(), _net_text(peer))

    @staticmethod
    def _sg_blocker(at: str, groups: tuple[str, ...], direction: str, verdict: SgVerdict, t: TrafficSet,
                    peer: str) -> Blocker:
        cause = "sg-empty" if verdict.empty else ("sg-egress" if direction == "egress" else "sg-ingress")
        params = [("interface", at), ("groups", ",".join(groups)), ("direction", direction),
                  ("traffic", t.text()), ("peer", peer)]
        if verdict.near is not None:
            near = verdict.near
            params += [("near_group", near.group), ("near_rule", str(near.index + 1)),
                       ("near_protocol", near.rule.protocol), ("near_peer", near.rule.peer),
                       ("near_ports", _ports(near.rule.from_port, near.rule.to_port))]
        return Blocker(cause, "request", ",".join(groups), tuple(params))


@functools.lru_cache(maxsize=1 << 16)
def _net_text(net: IPNetwork) -> str:
    """An address without its /32 (/128), a network as it is (memoised: a matrix names the
    same peers over and over)."""
    return str(net.network_address) if net.prefixlen == net.max_prefixlen else str(net)


def _rule_text(decision: object) -> str:
    rule = getattr(decision, "rule", None)
    return "*" if rule is None else str(rule.number)


def _first_allow(verdict: NaclVerdict) -> str | None:
    for d in verdict.decisions:
        if d.action == "allow":
            return _rule_text(d)
    return None


def _ports(lo: int | None, hi: int | None) -> str:
    if lo is None:
        return "all"
    return str(lo) if hi in (None, lo) else f"{lo}-{hi}"
