"""Security groups and network ACLs compiled for evaluation (SG-1..18, NACL-1..13).

Both answer one question: of the traffic ``T`` between this side and a peer address, which
part gets through? The peer is a network: an address (/32, /128) or, for a subnet without
declared workloads, the subnet's CIDR — then rules are evaluated for the most favourable
address in it (an allow rule that overlaps the range applies; a deny rule applies only when
it covers the whole range).

* Security groups: allow-only, the union of every rule of every group (SG-1, SG-2), a peer
  given as CIDR, prefix list (its entries, PL-6) or security group (members' private
  addresses, SG-10 — honoured only where AWS honours it: same VPC or a same-Region active
  peering, never across a transit gateway or PrivateLink, SG-12, SG-14).
* Network ACLs: numbered rules, first match wins, implicit deny (NACL-2, NACL-3), rules of
  one address family only (NACL-8, V6-7); protocol -1 matches every port (NACL-9).

Defaults are derived here: a VPC's default security group (SG-16: inbound from itself,
outbound to anywhere; ``::/0`` too when the VPC has IPv6) and default NACL (NACL-6: allow all)
when the spec does not declare them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import IPNetwork, NaclRule, NetworkAcl, SecurityGroup, SecurityGroupRule, Topology, Vpc
from .ports import ALL_PORTS, EMPTY, IntervalSet, TrafficSet, icmp_span
from .prefix_lists import PrefixListIndex

DEFAULT_NACL_SUFFIX = ":default-acl"
DEFAULT_SG_SUFFIX = ":default"


def rule_traffic(protocol: str, lo: int | None, hi: int | None, universe: TrafficSet) -> TrafficSet:
    """The part of ``universe`` a rule's protocol and ports/ICMP fields describe."""
    if protocol == "all":
        return universe
    if protocol in ("tcp", "udp"):
        span = ALL_PORTS if lo is None else IntervalSet.of(lo, hi if hi is not None else lo)
    elif protocol in ("icmp", "icmpv6"):
        span = icmp_span(lo, hi)
    else:
        span = ALL_PORTS
    return TrafficSet.of({protocol: universe.ports(protocol) & span})


def _overlaps(rule_net: IPNetwork, peer: IPNetwork) -> bool:
    """Some address of ``peer`` is in ``rule_net``. A /0 peer stands for "somewhere on the
    internet": only rules that reach beyond private address space match it."""
    if rule_net.version != peer.version:
        return False
    if peer.prefixlen == 0:
        return rule_net.prefixlen == 0 or not rule_net.is_private
    return rule_net.overlaps(peer)


def _covers(rule_net: IPNetwork, peer: IPNetwork) -> bool:
    return rule_net.version == peer.version and peer.subnet_of(rule_net)  # type: ignore[arg-type]


@dataclass(frozen=True)
class SgMatch:
    group: str
    index: int  # position of the rule in its group's list for that direction
    rule: SecurityGroupRule


@dataclass(frozen=True)
class SgVerdict:
    allowed: TrafficSet
    matches: tuple[SgMatch, ...]  # rules that allowed some of the traffic
    near: SgMatch | None = None  # when nothing is allowed: the closest rule (same peer or same port)
    empty: bool = False  # the groups have no rule at all in this direction (SG_HAS_NO_RULES)


class SecurityGroups:
    """Every security group of the topology (declared and default), by id."""

    def __init__(self, topology: Topology, prefix_lists: PrefixListIndex):
        self.prefix_lists = prefix_lists
        self.groups: dict[str, SecurityGroup] = {g.id: g for g in topology.security_groups}
        self.by_aws_id = {g.aws_id: g.id for g in topology.security_groups if g.aws_id}
        self.default_of: dict[str, str] = {}
        for vpc in topology.vpcs:
            declared = next((g for g in topology.in_vpc(vpc.id, "security-group")
                             if g.default or (g.group_name or g.id) == "default"), None)
            if declared is not None:
                self.default_of[vpc.id] = declared.id
            else:
                synthetic = _default_group(vpc)
                self.groups[synthetic.id] = synthetic
                self.default_of[vpc.id] = synthetic.id

    def canonical(self, ref: str) -> str:
        """A group reference (spec id, sg- id, or account/sg-) → spec id when known."""
        ref = ref.split("/", 1)[-1]
        return ref if ref in self.groups else self.by_aws_id.get(ref, ref)

    def evaluate(self, group_ids: Iterable[str], direction: str, peer: IPNetwork | None,
                 peer_groups: frozenset[str], traffic: TrafficSet, *, references: bool = True,
                 peer_service: str | None = None) -> SgVerdict:
        """What ``group_ids`` let through in ``direction`` (``ingress``: from ``peer``;
        ``egress``: to ``peer``). ``peer_groups``: the peer interface's groups (for rules that
        reference a group; only when ``references``). ``peer_service``: the peer is an AWS
        service whose prefix-list CIDRs may be unknown (then a rule naming that service's
        list matches)."""
        allowed = TrafficSet()
        matches: list[SgMatch] = []
        near: SgMatch | None = None
        any_rule = False
        for gid in group_ids:
            group = self.groups.get(gid)
            if group is None:
                continue
            for i, rule in enumerate(group.ingress if direction == "ingress" else group.egress):
                any_rule = True
                part = rule_traffic(rule.protocol, rule.from_port, rule.to_port, traffic)
                if self._peer_matches(rule, peer, peer_groups, references, peer_service):
                    if part:
                        allowed = allowed | part
                        matches.append(SgMatch(gid, i, rule))
                    elif near is None:
                        near = SgMatch(gid, i, rule)
                elif part and near is None:
                    near = SgMatch(gid, i, rule)
        return SgVerdict(allowed, tuple(matches), None if allowed else near, not any_rule)

    def _peer_matches(self, rule: SecurityGroupRule, peer: IPNetwork | None, peer_groups: frozenset[str],
                      references: bool, peer_service: str | None) -> bool:
        if rule.peer_kind == "cidr":
            return rule.network is not None and peer is not None and _overlaps(rule.network, peer)
        if rule.peer_kind == "security-group":
            return references and self.canonical(rule.peer) in peer_groups
        resolved = self.prefix_lists.resolve(rule.peer)
        if resolved.entries is None:
            return peer_service is not None and resolved.service == peer_service
        return peer is not None and any(_overlaps(n, peer) for n in resolved.entries)


def _default_group(vpc: Vpc) -> SecurityGroup:
    """SG-16: inbound all from the group itself; outbound all to 0.0.0.0/0 (and ::/0)."""
    gid = vpc.id + DEFAULT_SG_SUFFIX
    import ipaddress

    egress = [SecurityGroupRule("all", peer="0.0.0.0/0", network=ipaddress.ip_network("0.0.0.0/0"))]
    if vpc.ipv6_cidrs:
        egress.append(SecurityGroupRule("all", peer="::/0", network=ipaddress.ip_network("::/0")))
    return SecurityGroup(id=gid, vpc=vpc.id, name="default", group_name="default", default=True,
                         description="AWS's default security group (derived, SG-16)",
                         ingress=(SecurityGroupRule("all", peer=gid, peer_kind="security-group"),),
                         egress=tuple(egress))


@dataclass(frozen=True)
class NaclDecision:
    rule: NaclRule | None  # None: the implicit * rule (NACL-3)
    action: str  # allow | deny
    traffic: TrafficSet  # the part of the traffic this rule decided


@dataclass(frozen=True)
class NaclVerdict:
    allowed: TrafficSet
    decisions: tuple[NaclDecision, ...]

    @property
    def implicit(self) -> TrafficSet:
        """The traffic no numbered rule matched: denied by the final ``*`` rule (NACL-3)."""
        return next((d.traffic for d in self.decisions if d.rule is None), TrafficSet())

    @property
    def denied_by(self) -> NaclDecision | None:
        """The first rule that denied something (the ``*`` rule: rule None)."""
        return next((d for d in self.decisions if d.action == "deny"), None)

    def deciding(self, protocol: str, port: int) -> NaclDecision | None:
        """The rule that decided ``protocol``/``port``."""
        for d in self.decisions:
            if d.traffic.ports(protocol) & IntervalSet.of(port, port):
                return d
        return None


class CompiledNacl:
    """One network ACL ready for first-match evaluation."""

    def __init__(self, acl: NetworkAcl, derived: bool = False):
        self.acl = acl
        self.id = acl.id
        self.derived = derived
        self.ingress = tuple(sorted(acl.ingress, key=lambda r: r.number))
        self.egress = tuple(sorted(acl.egress, key=lambda r: r.number))
        self._open_versions = {v for v in (4, 6)
                               if self._open(self.ingress, v) and self._open(self.egress, v)}
        self._memo: dict[tuple[str, IPNetwork | None, TrafficSet], NaclVerdict] = {}

    @staticmethod
    def _open(rules: tuple[NaclRule, ...], version: int) -> bool:
        """True when the first rule of ``version`` allows all traffic from/to anywhere."""
        first = next((r for r in rules if r.network.version == version), None)
        return first is not None and first.action == "allow" and first.protocol == "all" and \
            first.network.prefixlen == 0

    def open_for(self, version: int) -> bool:
        """True when this ACL lets every packet of IP ``version`` through, both ways."""
        return version in self._open_versions

    def evaluate(self, direction: str, peer: IPNetwork | None, traffic: TrafficSet) -> NaclVerdict:
        """``ingress``: traffic entering the subnet from ``peer``; ``egress``: leaving to it."""
        key = (direction, peer, traffic)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._evaluate(direction, peer, traffic)
        return found

    def _evaluate(self, direction: str, peer: IPNetwork | None, traffic: TrafficSet) -> NaclVerdict:
        remaining = traffic
        allowed = TrafficSet()
        decisions: list[NaclDecision] = []
        for rule in self.ingress if direction == "ingress" else self.egress:
            if not remaining:
                break
            if peer is None or rule.network.version != peer.version:
                continue  # NACL-8, V6-7: IPv4 rules never match IPv6 traffic
            # most favourable address of a range: allows apply on overlap, denies only on cover
            applies = _overlaps(rule.network, peer) if rule.action == "allow" else _covers(rule.network, peer)
            if not applies:
                continue
            lo, hi = (rule.icmp_type, rule.icmp_code) if rule.protocol in ("icmp", "icmpv6") else \
                (rule.from_port, rule.to_port)
            part = rule_traffic(rule.protocol, lo, hi, remaining)
            if not part:
                continue
            decisions.append(NaclDecision(rule, rule.action, part))
            if rule.action == "allow":
                allowed = allowed | part
            remaining = remaining - part
        if remaining:
            decisions.append(NaclDecision(None, "deny", remaining))
        return NaclVerdict(allowed, tuple(decisions))


def default_nacl(vpc: Vpc) -> NetworkAcl:
    """NACL-6: rule 100 allows all IPv4 (rule 101 all IPv6 when the VPC has IPv6), both ways."""
    import ipaddress

    rules = [NaclRule(100, "allow", "all", ipaddress.ip_network("0.0.0.0/0"))]
    if vpc.ipv6_cidrs:
        rules.append(NaclRule(101, "allow", "all", ipaddress.ip_network("::/0")))
    return NetworkAcl(id=vpc.id + DEFAULT_NACL_SUFFIX, vpc=vpc.id, name="default", default=True,
                      description="AWS's default network ACL (derived, NACL-6)",
                      ingress=tuple(rules), egress=tuple(rules))


__all__ = ["CompiledNacl", "NaclDecision", "NaclVerdict", "SecurityGroups", "SgMatch", "SgVerdict",
           "default_nacl", "rule_traffic", "EMPTY"]
