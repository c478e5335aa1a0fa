"""Security-group and network-ACL rule changes, each with the flows it opens or closes.

A rule names traffic (protocol and ports) and a peer (a CIDR, a security group, a prefix
list). What a rule opens or closes is the difference it makes on its own: the head is
compared with the head *without that one change* (the rule taken out again, put back, or
the NACL entry as it was), so a flow that a new peering in the same change opens is not
credited to a rule — unless the rule is needed too. (Past :data:`MAX_ISOLATED` rule changes,
or for a group or ACL added or removed as a whole, base and head are compared instead.)
The pairs a rule can affect are asked about *with the traffic it names* (SG-1, NACL-2):

* security group ``g``: the interfaces that carry ``g`` (instances, ENIs, load balancers,
  interface endpoints — the data plane's interfaces) and, on the other end, the rule's peer:
  the interfaces carrying a referenced group; the subnets of the VPC's neighbourhood that
  overlap a CIDR or a prefix list's entries; the internet for a public CIDR; S3 / DynamoDB
  for an AWS-managed service prefix list;
* network ACL ``n``: the subnets using ``n`` (explicitly or as the VPC's default, NACL-5)
  and, on the other end, the subnets overlapping the rule's CIDR and the internet for a
  public one.

Inbound rules are asked peer → holder, outbound ones holder → peer; a NACL is stateless
(NACL-1, NACL-10), so its rules are also asked the other way with any traffic, for the
replies that cross them (an outbound ephemeral-port rule carries the replies of inbound
flows). Answers are compared by
disposition and path; a flow blocked on both sides is listed when what blocks it changed
(``denied-by-security-group`` → ``denied-by-nacl``: the rule opened its part, something else
still blocks). At most :data:`MAX_PAIRS` pairs per rule are asked; the rest are counted.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..analysis.reach import Endpoint, traffic_for
from ..model import KINDS, IPNetwork, NaclRule, SecurityGroupRule, Topology
from ..routing import ANY_TRAFFIC, TrafficSet
from ..sorting import natural_key
from .flows import ReachChange, differs
from .reachability import Side
from .resources import ResourceChange

MAX_PAIRS = 300
MAX_ISOLATED = 25  # rule changes whose effect is isolated (one extra data plane each)
ANYWHERE = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))
OWNER_KINDS = {"instance": "instance", "network-interface": "network-interface", "load-balancer": "load-balancer",
               "interface-endpoint": "interface-endpoint"}


@dataclass(frozen=True)
class RuleChange:
    """One rule of a security group or network ACL that was added, removed or changed."""

    kind: str  # security-group | network-acl
    id: str
    vpc: str
    direction: str  # ingress | egress
    change: str  # added | removed | changed
    rule: str  # the rule in words ("before → after" when changed)
    traffic: str
    flows: tuple[ReachChange, ...] = ()
    pairs: int = 0  # pairs asked about
    left_out: int = 0  # pairs not asked about (over MAX_PAIRS)
    isolated: bool = True  # compared with the head without this change (else: base with head)

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "vpc": self.vpc, "direction": self.direction,
                "change": self.change, "rule": self.rule, "traffic": self.traffic, "pairs": self.pairs,
                "left_out": self.left_out, "isolated": self.isolated, "flows": [f.to_json() for f in self.flows]}


def _ports(protocol: str, lo: int | None, hi: int | None) -> str:
    if protocol in ("tcp", "udp") and lo is not None:
        return f" {lo}" if hi in (None, lo) else f" {lo}-{hi}"
    return ""


def sg_rule_text(rule: SecurityGroupRule, direction: str) -> str:
    return f"{rule.protocol}{_ports(rule.protocol, rule.from_port, rule.to_port)} " \
           f"{'from' if direction == 'ingress' else 'to'} {rule.peer}"


def nacl_rule_text(rule: NaclRule, direction: str) -> str:
    return f"#{rule.number} {rule.action} {rule.protocol}{_ports(rule.protocol, rule.from_port, rule.to_port)} " \
           f"{'from' if direction == 'ingress' else 'to'} {rule.network}"


def rule_traffic(protocol: str, lo: int | None, hi: int | None) -> TrafficSet:
    if protocol in ("tcp", "udp") and lo is not None:
        return traffic_for(protocol, lo, hi)
    return traffic_for(protocol)


# --------------------------------------------------------------------------- ends of the flows


def _holders(side: Side, group: str) -> list[Endpoint]:
    """The interfaces carrying security group ``group``, as flow ends (one per owner)."""
    out: dict[str, Endpoint] = {}
    for i in side.engine.dp.interfaces:
        if i.security_groups and group in i.security_groups and i.kind in OWNER_KINDS:
            name = i.id if i.declared else i.owner
            out.setdefault(name, Endpoint(OWNER_KINDS[i.kind], name, id=name))
    return [out[k] for k in sorted(out, key=natural_key)]


def _subnets_in(side: Side, vpc: str, networks: list[IPNetwork]) -> list[Endpoint]:
    """Subnets of ``vpc``'s neighbourhood that overlap one of ``networks``."""
    out = []
    for w in sorted(side.neighbourhood(vpc), key=natural_key):
        for s in sorted(side.topology.subnets_of(w), key=lambda s: natural_key(s.id)):
            nets = [n for n in s.networks]
            if any(a.version == b.version and a.overlaps(b) for a in nets for b in networks):
                out.append(Endpoint("subnet", s.id, id=s.id))
    return out


def _internet(networks: list[IPNetwork]) -> list[Endpoint]:
    out = []
    for n in networks:
        if n in ANYWHERE or n.is_global:
            v6 = n.version == 6
            out.append(Endpoint("internet", "internet6" if v6 else "internet", version=6 if v6 else 4))
    return list({e.label: e for e in out}.values())


def _sg_peers(side: Side, vpc: str, rule: SecurityGroupRule) -> list[Endpoint]:
    if rule.peer_kind == "security-group":
        return _holders(side, rule.peer)
    if rule.peer_kind == "prefix-list":
        resolved = side.engine.dp.prefix_lists.resolve(rule.peer)
        if resolved.service:
            return [Endpoint("service", resolved.service, service=resolved.service)]
        nets = list(resolved.entries or ())
    else:
        nets = [rule.network] if rule.network is not None else []
    return _internet(nets) + _subnets_in(side, vpc, nets)


def _acl_subnets(side: Side, acl: str, vpc: str) -> list[Endpoint]:
    dp = side.engine.dp
    out = []
    for s in sorted(side.topology.subnets_of(vpc), key=lambda s: natural_key(s.id)):
        compiled = dp.subnet_nacl(s.id)
        if compiled is not None and compiled.id == acl:
            out.append(Endpoint("subnet", s.id, id=s.id))
    return out


# --------------------------------------------------------------------------- comparing


def _vpc_of(side: Side, end: Endpoint) -> str | None:
    if end.kind in ("internet", "service"):
        return None
    item = side.topology.get(end.kind, end.id or "")
    return getattr(item, "vpc", None) if item is not None else None


def _flows(b: Side, h: Side, pairs: list[tuple[Endpoint, Endpoint]], traffic: TrafficSet
           ) -> Iterator[ReachChange]:
    text = traffic.text()
    for src, dst in pairs:
        if src.label == dst.label:
            continue
        present = [all(e.kind in ("internet", "service") or s.topology.get(e.kind, e.id or "") is not None
                       for e in (src, dst)) for s in (b, h)]
        if not all(present):
            continue
        before = b.read.state(b.engine.flow(src, dst, traffic))
        after = h.read.state(h.engine.flow(src, dst, traffic))
        if differs(before, after, blocked=True):
            yield ReachChange("rule", src.label, dst.label, before, after, _vpc_of(h, src), _vpc_of(h, dst), text)


def _pairs(holders: list[Endpoint], peers: list[Endpoint], direction: str) -> list[tuple[Endpoint, Endpoint]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for hold in holders:
        for peer in peers:
            pair = (peer, hold) if direction == "ingress" else (hold, peer)
            key = (pair[0].label, pair[1].label)
            if key not in seen:
                seen.add(key)
                out.append(pair)
    return out


def _union(*lists: list[Endpoint]) -> list[Endpoint]:
    return list({e.label: e for items in lists for e in items}.values())


def _analyse(b: Side, h: Side, kind: str, gid: str, vpc: str, direction: str, change: str, text: str,
             versions: list[tuple[object, str, int | None, int | None]], isolated: bool) -> RuleChange:
    """``versions``: (rule, protocol, from_port, to_port) of the rule before and/or after;
    ``b``: the side without the change (the head without it when ``isolated``)."""
    flows: list[ReachChange] = []
    asked = left = 0
    traffic_text = []
    for rule, protocol, lo, hi in versions:
        traffic = rule_traffic(protocol, lo, hi)
        if traffic.text() in traffic_text:
            continue
        traffic_text.append(traffic.text())
        if kind == "security-group":
            assert isinstance(rule, SecurityGroupRule)
            holders = _union(_holders(b, gid), _holders(h, gid))
            peers = _union(_sg_peers(b, vpc, rule), _sg_peers(h, vpc, rule))
        else:
            assert isinstance(rule, NaclRule)
            holders = _union(_acl_subnets(b, gid, vpc), _acl_subnets(h, gid, vpc))
            nets = [rule.network]
            peers = _union(_internet(nets), _subnets_in(b, vpc, nets), _subnets_in(h, vpc, nets))
        asks = [(_pairs(holders, peers, direction), traffic)]
        if kind == "network-acl":  # stateless: the rule also sees the replies of flows the other way
            asks.append((_pairs(holders, peers, "egress" if direction == "ingress" else "ingress"), ANY_TRAFFIC))
        for pairs, what in asks:
            left += max(0, len(pairs) - MAX_PAIRS)
            asked += min(len(pairs), MAX_PAIRS)
            flows += _flows(b, h, pairs[:MAX_PAIRS], what)
    if kind == "network-acl":
        traffic_text.append("replies of any traffic the other way")
    unique = {(f.source, f.destination, f.traffic): f for f in flows}
    return RuleChange(kind, gid, vpc, direction, change, text, "; ".join(traffic_text), tuple(unique.values()),
                      asked, left, isolated)


def _with(head: Topology, kind: str, rid: str, **fields: object) -> Topology:
    """``head`` with one security group or NACL's fields replaced."""
    attr = KINDS[kind]
    items = tuple(dataclasses.replace(i, **fields) if i.id == rid else i for i in getattr(head, attr))
    return dataclasses.replace(head, **{attr: items})


class _Budget:
    """How many more rule changes may be isolated (each costs a data plane)."""

    def __init__(self, n: int):
        self.left = n

    def take(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _sg_key(rule: SecurityGroupRule) -> tuple[object, ...]:
    return (rule.protocol, rule.from_port, rule.to_port, rule.peer)


def _sg_changes(b: Side, h: Side, gid: str, budget: _Budget) -> Iterator[RuleChange]:
    old, new = b.topology.get("security-group", gid), h.topology.get("security-group", gid)
    vpc = (new or old).vpc  # type: ignore[union-attr]
    for direction in ("ingress", "egress"):
        before = list(getattr(old, direction)) if old else []
        after = list(getattr(new, direction)) if new else []
        cb, ca = Counter(map(_sg_key, before)), Counter(map(_sg_key, after))
        for change, rules, extra in (("removed", before, cb - ca), ("added", after, ca - cb)):
            for rule in rules:
                if extra[_sg_key(rule)] <= 0:
                    continue
                extra[_sg_key(rule)] -= 1
                without = b
                if old is not None and new is not None and budget.take():
                    now = list(after)
                    if change == "added":
                        now.remove(rule)
                    else:
                        now.append(rule)
                    without = Side(_with(h.topology, "security-group", gid, **{direction: tuple(now)}))
                yield _analyse(without, h, "security-group", gid, vpc, direction, change,
                               sg_rule_text(rule, direction), [(rule, rule.protocol, rule.from_port, rule.to_port)],
                               without is not b)


def _nacl_key(rule: NaclRule) -> tuple[object, ...]:
    return (rule.action, rule.protocol, str(rule.network), rule.from_port, rule.to_port, rule.icmp_type,
            rule.icmp_code)


def _nacl_changes(b: Side, h: Side, aid: str, budget: _Budget) -> Iterator[RuleChange]:
    old, new = b.topology.get("network-acl", aid), h.topology.get("network-acl", aid)
    vpc = (new or old).vpc  # type: ignore[union-attr]
    for direction in ("ingress", "egress"):
        before = {r.number: r for r in (getattr(old, direction) if old else ())}
        after = {r.number: r for r in (getattr(new, direction) if new else ())}
        for number in sorted(before.keys() | after.keys()):
            rb, ra = before.get(number), after.get(number)
            if rb is not None and ra is not None and _nacl_key(rb) == _nacl_key(ra):
                continue
            versions = [(r, r.protocol, r.from_port, r.to_port) for r in (rb, ra) if r is not None]
            if rb is None:
                change, text = "added", nacl_rule_text(ra, direction)  # type: ignore[arg-type]
            elif ra is None:
                change, text = "removed", nacl_rule_text(rb, direction)
            else:
                change = "changed"
                text = f"{nacl_rule_text(rb, direction)} → {nacl_rule_text(ra, direction)}"
            without = b
            if old is not None and new is not None and budget.take():
                entries = {**after}
                if rb is None:
                    entries.pop(number)
                else:
                    entries[number] = rb
                rules = tuple(entries[n] for n in sorted(entries))
                without = Side(_with(h.topology, "network-acl", aid, **{direction: rules}))
            yield _analyse(without, h, "network-acl", aid, vpc, direction, change, text, versions, without is not b)


def diff_rules(base: Topology, head: Topology, resources: tuple[ResourceChange, ...]) -> tuple[RuleChange, ...]:
    """Every security-group and NACL rule change of ``resources`` with its flows."""
    b, h = Side(base), Side(head)
    budget = _Budget(MAX_ISOLATED)
    out: list[RuleChange] = []
    for r in resources:
        if r.kind == "security-group":
            out += _sg_changes(b, h, r.id, budget)
        elif r.kind == "network-acl":
            out += _nacl_changes(b, h, r.id, budget)
    return tuple(out)
