"""Security group checks (SG-9, SG-12, SG-13, SG-14, SG-19, SG-21, SG-22, PL-5).

Groups come from the data plane (``dp.security_groups``: the declared groups, the derived
default group of each VPC, references resolved to spec ids); which groups an interface has
is ``dp.interfaces``; a rule's protocol and ports mean what :func:`rule_traffic` (the data
plane's reading of SG-7/SG-8) says they mean. Whether a reference can match is decided the
way the reachability engine decides it: same VPC, or an active same-Region peering — never
across a transit gateway (SG-12, SG-14); a reference to a group the spec does not have
matches nothing (SG-13).

SG-21 (unused groups) follows the AWS Config rule ``ec2-security-group-attached-to-eni``
(https://docs.aws.amazon.com/config/latest/developerguide/ec2-security-group-attached-to-eni.html);
SG-22 (database ports open to the internet) the AWS Config rule ``restricted-common-ports``
(https://docs.aws.amazon.com/config/latest/developerguide/restricted-common-ports.html).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...diagnostics import Diagnostic, Severity
from ...model import SecurityGroup, SecurityGroupRule
from ...routing import IntervalSet, TrafficSet
from ...routing.filters import rule_traffic
from .registry import LintContext, lint_check
from .weights import prefix_list_version, prefix_list_weight

ADMIN_PORTS = {22: "SSH", 3389: "RDP"}  # SG-9: the rules page warns against opening these to the world
# SG-22: database and cache ports (AWS Config restricted-common-ports defaults 3306, 4333, and
# the usual engines' defaults)
DB_PORTS = {1433: "SQL Server", 1434: "SQL Server browser", 1521: "Oracle", 3306: "MySQL", 4333: "mSQL",
            5432: "PostgreSQL", 5439: "Redshift", 6379: "Redis", 7000: "Cassandra", 9042: "Cassandra",
            9200: "Elasticsearch", 9300: "Elasticsearch", 11211: "Memcached", 27017: "MongoDB"}
RULES_PER_DIRECTION = 60  # SG-19, per address family
GROUPS_PER_INTERFACE = 5


def _ports_universe(ports: dict[int, str]) -> TrafficSet:
    return TrafficSet.of({"tcp": IntervalSet.from_spans((p, p) for p in ports)})


ADMIN = _ports_universe(ADMIN_PORTS)
DATABASES = _ports_universe(DB_PORTS)


def _open_ports(rule: SecurityGroupRule, universe: TrafficSet, names: dict[int, str]) -> list[str]:
    """The named ports of ``universe`` an inbound rule opens to the whole internet."""
    if rule.peer_kind != "cidr" or rule.network is None or rule.network.prefixlen != 0:
        return []
    opened = rule_traffic(rule.protocol, rule.from_port, rule.to_port, universe).ports("tcp")
    return [f"{names[p]} {p}" for p in sorted(names) if opened & IntervalSet.of(p, p)]


@lint_check
def open_to_the_world(ctx: LintContext) -> Iterator[Diagnostic]:
    for group in ctx.topology.security_groups:
        for rule in group.ingress:
            admin = _open_ports(rule, ADMIN, ADMIN_PORTS)
            if admin:
                yield ctx.finding("L-SG-ADMIN-OPEN", f"security group '{group.id}' allows {' and '.join(admin)} "
                                  f"from {rule.network} (anyone on the internet)", rule.loc, group.id)
                continue
            databases = _open_ports(rule, DATABASES, DB_PORTS)
            if databases:
                yield ctx.finding("L-SG-DB-OPEN", f"security group '{group.id}' allows {', '.join(databases)} from "
                                  f"{rule.network} (anyone on the internet)", rule.loc, group.id)


def _reference_finding(ctx: LintContext, group: SecurityGroup, rule: SecurityGroupRule,
                       direction: str) -> Diagnostic | None:
    sgs = ctx.dp.security_groups
    ref = sgs.canonical(rule.peer)
    target = sgs.groups.get(ref)
    where = "inbound" if direction == "ingress" else "outbound"
    if target is None:
        if rule.peer_account:
            return None  # another account's group: the spec cannot know it (SG-12)
        return ctx.finding("L-SG-STALE", f"security group '{group.id}': {where} rule references {rule.peer}, which "
                           "is not in the spec (deleted?); a stale rule matches nothing", rule.loc, group.id)
    if target.vpc == group.vpc:
        return None
    nb = ctx.dp.neighbours
    pcx = nb.peering_between(group.vpc, target.vpc)
    mine, theirs = ctx.topology.get("vpc", group.vpc), ctx.topology.get("vpc", target.vpc)
    if pcx is not None and pcx.active:
        if mine is not None and theirs is not None and mine.region != theirs.region:
            return ctx.finding("L-SG-REF-SCOPE", f"security group '{group.id}': {where} rule references "
                               f"'{target.id}' of {target.vpc} across the inter-Region peering '{pcx.id}' "
                               f"({mine.region} ↔ {theirs.region}); AWS does not support that, name the peer "
                               "VPC's CIDR instead", rule.loc, group.id, rule="SG-12")
        return None
    if pcx is not None:
        return ctx.finding("L-SG-STALE", f"security group '{group.id}': {where} rule references '{target.id}' of "
                           f"{target.vpc} across peering '{pcx.id}', which is {pcx.status}, not active; the rule "
                           "matches nothing", rule.loc, group.id)
    shared = sorted(nb.tgws_of(group.vpc) & nb.tgws_of(target.vpc))
    if shared:
        if direction == "egress":
            return ctx.finding("L-SG-REF-SCOPE", f"security group '{group.id}': outbound rule references "
                               f"'{target.id}' of {target.vpc}, reached over transit gateway {shared[0]}; AWS never "
                               "supports outbound references over a transit gateway", rule.loc, group.id,
                               rule="SG-14")
        return ctx.finding("L-SG-REF-SCOPE", f"security group '{group.id}': inbound rule references "
                           f"'{target.id}' of {target.vpc}, reached over transit gateway {shared[0]}; AWS honours it "
                           "only with security group referencing enabled on the transit gateway and both "
                           "attachments, which vpcdocs does not model, so reach treats it as matching nothing",
                           rule.loc, group.id, rule="SG-14", severity=Severity.WARNING)
    return ctx.finding("L-SG-REF-SCOPE", f"security group '{group.id}': {where} rule references '{target.id}' of "
                       f"{target.vpc}, which is neither this VPC ({group.vpc}) nor peered with it", rule.loc,
                       group.id, rule="SG-12")


@lint_check
def references(ctx: LintContext) -> Iterator[Diagnostic]:
    for group in ctx.topology.security_groups:
        for direction, rules in (("ingress", group.ingress), ("egress", group.egress)):
            for rule in rules:
                if rule.peer_kind == "security-group":
                    found = _reference_finding(ctx, group, rule, direction)
                    if found is not None:
                        yield found


@lint_check
def unused_groups(ctx: LintContext) -> Iterator[Diagnostic]:
    """SG-21: only where the spec declares the VPC's workloads does "no interface has it"
    mean the group is unused."""
    sgs = ctx.dp.security_groups
    attached = {sgs.canonical(g) for i in ctx.dp.interfaces for g in (i.security_groups or ())}
    for group in ctx.topology.security_groups:
        if group.vpc not in ctx.dp.workload_vpcs or group.default or group.id in attached:
            continue
        if sgs.default_of.get(group.vpc) == group.id:
            continue
        yield ctx.finding("L-SG-UNUSED", f"security group '{group.id}' is attached to no instance, network "
                          f"interface, load balancer or endpoint of {group.vpc}", group.loc, group.id)


def _weights(ctx: LintContext, rules: tuple[SecurityGroupRule, ...]) -> dict[int, int]:
    """Rule count per address family; a prefix list weighs its max entries (PL-5)."""
    counts = {4: 0, 6: 0}
    for rule in rules:
        if rule.peer_kind == "cidr" and rule.network is not None:
            counts[rule.network.version] += 1
        elif rule.peer_kind == "prefix-list":
            pl = ctx.dp.prefix_lists.resolve(rule.peer)
            counts[prefix_list_version(pl)] += prefix_list_weight(pl)
        else:
            counts[4] += 1  # a group reference counts once, whatever the group's size
    return counts


@lint_check
def quotas(ctx: LintContext) -> Iterator[Diagnostic]:
    for group in ctx.topology.security_groups:
        for direction, rules in (("inbound", group.ingress), ("outbound", group.egress)):
            for version, n in _weights(ctx, rules).items():
                if n > RULES_PER_DIRECTION:
                    yield ctx.finding("L-SG-QUOTA", f"security group '{group.id}' has {n} {direction} IPv{version} "
                                      f"rules (prefix lists counted by max entries or weight); the quota is "
                                      f"{RULES_PER_DIRECTION}", group.loc, group.id)
    by_owner: dict[str, int] = defaultdict(int)
    for iface in ctx.dp.interfaces:
        if iface.declared and iface.security_groups is not None:
            by_owner[iface.id] = len(set(iface.security_groups))
    for owner, n in sorted(by_owner.items()):
        if n > GROUPS_PER_INTERFACE:
            found = ctx.topology.find(owner)
            item = next((r for k, r in found if k in ("instance", "network-interface")), None)
            if item is not None:
                yield ctx.finding("L-SG-QUOTA", f"'{owner}' has {n} security groups; the default quota is "
                                  f"{GROUPS_PER_INTERFACE} per network interface (16 on request)", item.loc, owner,
                                  rule="SG-19")
