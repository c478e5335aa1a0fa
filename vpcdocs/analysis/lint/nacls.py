"""Network ACL checks (NACL-1, NACL-2, NACL-10, NACL-15).

The ACLs are the data plane's compiled ones (``dp.nacl``: rules in evaluation order) and
their verdicts come from its first-match evaluation (``CompiledNacl.evaluate``); what a
rule's protocol and ports cover is :func:`rule_traffic` — the same readings ``reach`` uses.
Only ACLs the spec declares are checked: the derived default ACL allows everything (NACL-6).

* ``L-NACL-NO-REPLY`` (NACL-1, NACL-10): for each allow rule letting TCP/UDP requests in (or
  out), the replies to that peer must be allowed the other way on the ephemeral ports —
  1024-65535 for remote clients (AWS's advice); for requests the subnets' own hosts make, the
  ephemeral ranges of their interfaces. Only ports no rule allows (left to the ``*`` rule)
  count: a deny rule for a bad port inside the range is deliberate, and AWS suggests it. A
  rule that opens only a wide range of high ports (such as 1024-65535 or 32768-65535) is
  itself a reply rule and asks for nothing back.
* ``L-NACL-SHADOWED`` (NACL-2): a rule whose whole match space (addresses × protocols ×
  ports) is decided by lower-numbered rules never applies.
* ``L-NACL-QUOTA`` (NACL-15): at most 20 rules per direction and address family, ``*`` included.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import IPNetwork, NaclRule, NetworkAcl
from ...routing import DEFAULT_EPHEMERAL, CompiledNacl, IntervalSet, TrafficSet
from ...routing.filters import rule_traffic
from ...routing.ports import ALL_PORTS, ANY_PROTOCOLS
from .registry import LintContext, lint_check

RULES_PER_DIRECTION = 20  # NACL-15, the * rule included
MAX_PIECES = 512  # address pieces tracked per shadowing check before giving up (not shadowed)
OTHER = "other"  # every protocol number no rule names: only "all" rules cover it
OPPOSITE = {"ingress": "egress", "egress": "ingress"}
WORDS = {"ingress": "inbound", "egress": "outbound"}


def _rule_span(rule: NaclRule, universe: TrafficSet) -> TrafficSet:
    lo, hi = (rule.icmp_type, rule.icmp_code) if rule.protocol in ("icmp", "icmpv6") else \
        (rule.from_port, rule.to_port)
    return rule_traffic(rule.protocol, lo, hi, universe)


def _declared(ctx: LintContext) -> Iterator[tuple[NetworkAcl, CompiledNacl]]:
    for acl in ctx.topology.network_acls:
        compiled = ctx.dp.nacl(acl.id)
        if compiled is not None:
            yield acl, compiled


# ----------------------------------------------------------------------------- replies


def _serves_requests(rule: NaclRule) -> bool:
    """Whether an allow rule lets requests through (a service port, some port below 1024, all
    ports or all protocols), not only replies to an ephemeral range of 1024 ports or more."""
    if rule.protocol not in ("tcp", "udp") or rule.from_port is None:
        return True
    high = rule.to_port if rule.to_port is not None else rule.from_port
    return rule.from_port < 1024 or high - rule.from_port + 1 < 1024


def _client_ports(ctx: LintContext, acl: NetworkAcl) -> IntervalSet:
    """Ports the replies to requests made from the ACL's subnets go to: the ephemeral ranges
    of the interfaces that start connections there (NACL-10); 1024-65535 for hosts the spec
    does not declare."""
    subnets = [s.id for s in ctx.topology.subnets_of(acl.vpc)
               if (n := ctx.dp.subnet_nacl(s.id)) is not None and n.id == acl.id]
    spans: list[tuple[int, int]] = []
    for sid in subnets:
        starters = [i for i in ctx.dp.interfaces_in(sid) if i.initiates]
        spans += [i.ephemeral for i in starters]
        if not starters and acl.vpc not in ctx.dp.workload_vpcs:
            spans.append(DEFAULT_EPHEMERAL)
    return IntervalSet.from_spans(spans or [DEFAULT_EPHEMERAL])


@lint_check
def replies(ctx: LintContext) -> Iterator[Diagnostic]:
    for acl, compiled in _declared(ctx):
        client_ports = _client_ports(ctx, acl)
        for direction in ("ingress", "egress"):
            seen: set[tuple[IPNetwork, str]] = set()
            ephemeral = IntervalSet.of(*DEFAULT_EPHEMERAL) if direction == "ingress" else client_ports
            for rule in compiled.ingress if direction == "ingress" else compiled.egress:
                if rule.action != "allow" or not _serves_requests(rule):
                    continue
                for protocol in ("tcp", "udp"):
                    if rule.protocol not in (protocol, "all") or (rule.network, protocol) in seen:
                        continue
                    asked = _rule_span(rule, TrafficSet.of({protocol: ALL_PORTS}))
                    if not compiled.evaluate(direction, rule.network, asked).allowed:
                        continue  # earlier rules decide these requests (L-NACL-SHADOWED)
                    seen.add((rule.network, protocol))
                    verdict = compiled.evaluate(OPPOSITE[direction], rule.network,
                                                TrafficSet.of({protocol: ephemeral}))
                    missing = IntervalSet.from_spans(
                        span for d in verdict.decisions if d.rule is None for span in d.traffic.ports(protocol).spans)
                    if not missing:
                        continue
                    who = "the clients'" if direction == "ingress" else "this ACL's hosts'"
                    yield ctx.finding(
                        "L-NACL-NO-REPLY", f"network ACL '{acl.id}': {WORDS[direction]} rule {rule.number} allows "
                        f"{protocol.upper()} {'from' if direction == 'ingress' else 'to'} {rule.network}, but no "
                        f"{WORDS[OPPOSITE[direction]]} rule allows the replies to {rule.network} on "
                        f"{protocol.upper()} {missing.text()} ({who} ephemeral ports), so they are denied "
                        "by the * rule", rule.loc, acl.id)


# ----------------------------------------------------------------------------- shadowed rules


def _universe(rules: tuple[NaclRule, ...]) -> TrafficSet:
    protocols = {*ANY_PROTOCOLS, OTHER, *(r.protocol for r in rules if r.protocol != "all")}
    return TrafficSet.of({p: ALL_PORTS for p in protocols})


def _addresses_covered(net: IPNetwork, earlier: list[NaclRule]) -> bool:
    """Whether the networks of ``earlier`` rules (of ``net``'s IP version) hold every address
    of ``net`` — without which no protocol or port of ``net`` can be decided by them all."""
    end, last = int(net.network_address), int(net.broadcast_address)
    for lo, hi in sorted((int(e.network.network_address), int(e.network.broadcast_address)) for e in earlier):
        if lo > end:
            return False
        end = max(end, hi + 1)
        if end > last:
            return True
    return False


def _covered_by(rule: NaclRule, earlier: list[NaclRule], universe: TrafficSet) -> bool:
    """Whether ``earlier`` rules match every (address, protocol, port) ``rule`` matches."""
    if not _addresses_covered(rule.network, earlier):
        return False  # an address no earlier rule names keeps the whole of the rule's traffic
    pieces: list[tuple[IPNetwork, TrafficSet]] = [(rule.network, _rule_span(rule, universe))]
    for e in earlier:
        span = _rule_span(e, universe)
        out: list[tuple[IPNetwork, TrafficSet]] = []
        for net, left in pieces:
            if net.subnet_of(e.network):  # type: ignore[arg-type]
                left = left - span
                if left:
                    out.append((net, left))
            elif e.network.subnet_of(net):  # type: ignore[arg-type]
                out += [(part, left) for part in net.address_exclude(e.network)]  # type: ignore[arg-type]
                if left - span:
                    out.append((e.network, left - span))
            else:
                out.append((net, left))
        pieces = out
        if not pieces:
            return True
        if len(pieces) > MAX_PIECES:
            return False
    return False


@lint_check
def shadowed(ctx: LintContext) -> Iterator[Diagnostic]:
    for acl, compiled in _declared(ctx):
        for direction, rules in (("ingress", compiled.ingress), ("egress", compiled.egress)):
            universe = _universe(rules)
            for i, rule in enumerate(rules):
                earlier = [e for e in rules[:i] if e.network.version == rule.network.version
                           and e.network.overlaps(rule.network)]
                if not earlier or not _covered_by(rule, earlier, universe):
                    continue
                actions = {e.action for e in earlier}
                effect = "is redundant" if actions == {rule.action} else f"never takes effect ({rule.action})"
                yield ctx.finding("L-NACL-SHADOWED", f"network ACL '{acl.id}': {WORDS[direction]} rule {rule.number} "
                                  f"{effect}: rule(s) {', '.join(str(e.number) for e in earlier)} already decide all "
                                  "of its traffic", rule.loc, acl.id, related=[e.loc for e in earlier])


# ----------------------------------------------------------------------------- quotas


@lint_check
def quotas(ctx: LintContext) -> Iterator[Diagnostic]:
    for acl, compiled in _declared(ctx):
        for direction, rules in (("ingress", compiled.ingress), ("egress", compiled.egress)):
            for version in (4, 6):
                n = sum(1 for r in rules if r.network.version == version)
                if n and n + 1 > RULES_PER_DIRECTION:
                    yield ctx.finding("L-NACL-QUOTA", f"network ACL '{acl.id}' has {n} {WORDS[direction]} "
                                      f"IPv{version} rules plus the * rule; the quota is {RULES_PER_DIRECTION} "
                                      "(40 on request)", acl.loc, acl.id)
