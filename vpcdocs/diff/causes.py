"""Flows grouped by the changed object that explains them: "pcx-b-c opens vpc-b ↔ vpc-c".

A flow that changed names, in its two answers, the objects it went through (hops: places,
route tables, targets), the security checks it met and what blocked it. The *cause* of the
change is the changed object (from the resource and route diffs) among those names that
explains it best:

* a flow that opened: a connecting object or filter the new path goes through (peering,
  transit gateway, attachment, gateway, endpoint, security group, NACL), else the element
  that used to block it (often a route table), else any changed object its answers name;
* a flow that closed: the same with the old path and what blocks it now;
* a flow that takes another way: what either path goes through;

and among several, the kinds in :data:`KIND_RANK` order (connecting objects, filters, route
tables, subnets, VPCs). Groups are keyed by (cause, change), never by sentence text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sorting import natural_key
from .flows import FlowState, ReachChange
from .resources import ResourceChange
from .routes import TableChange

# the order in which a changed object explains a flow (lower first)
KIND_RANK = {kind: i for i, kind in enumerate((
    "peering", "transit-gateway", "tgw-attachment", "tgw-route-table", "vpn-gateway", "vpn-connection",
    "nat-gateway", "internet-gateway", "egress-only-internet-gateway", "gateway-endpoint", "interface-endpoint",
    "endpoint-service", "load-balancer", "security-group", "network-acl", "route-table", "instance",
    "network-interface", "subnet", "vpc", "prefix-list", "external-network", "external-vpc",
    "direct-connect-gateway"))}
VERBS = {"opened": "opens", "closed": "closes", "path": "re-routes", "blocked": "changes why it blocks"}


@dataclass(frozen=True)
class Cause:
    """A changed object: ``change`` is added / removed / changed."""

    kind: str
    id: str
    change: str

    def text(self) -> str:
        return f"{self.id} ({self.kind.replace('-', ' ')}, {self.change})"

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "change": self.change}


OTHER = Cause("", "", "")


def changed_objects(resources: tuple[ResourceChange, ...], routes: tuple[TableChange, ...]) -> dict[str, Cause]:
    """id → :class:`Cause` for every changed object (the best-ranked kind when ids repeat)."""
    out: dict[str, Cause] = {}
    found = [Cause(r.kind, r.id, r.change) for r in resources]
    found += [Cause("route-table" if t.kind == "vpc" else "tgw-route-table", t.table, t.change) for t in routes]
    for c in sorted(found, key=lambda c: KIND_RANK.get(c.kind, 99)):
        out.setdefault(c.id, c)
    return out


def _found(states: tuple[FlowState, ...], changed: dict[str, Cause]) -> list[Cause]:
    return [changed[n] for state in states for n in state.names if n in changed]


def _first(found: list[Cause], below: int = 99) -> Cause | None:
    """The best-ranked cause (the first of equals) whose kind ranks before ``below``."""
    found = [c for c in found if KIND_RANK.get(c.kind, 99) < below]
    return min(found, key=lambda c: KIND_RANK.get(c.kind, 99)) if found else None


ROUTE_TABLE = KIND_RANK["route-table"]


def cause_of(flow: ReachChange, changed: dict[str, Cause]) -> Cause:
    """The changed object that explains ``flow`` (see the module docstring): a changed
    connecting object or filter the flow went through (or, for a re-routed flow, either way);
    else the changed element that blocks it (now for a closed flow, before for an opened
    one); else any changed object its answers name; else its VPCs."""
    b, a = flow.before, flow.after
    way, block = {"opened": ((a,), b), "closed": ((b,), a), "path": ((a, b), None), "blocked": ((b, a), None)}[
        flow.change]
    found = _first(_found(way, changed), ROUTE_TABLE)
    if found is None and block is not None and block.blocked_at in changed:
        found = changed[block.blocked_at]
    if found is None:
        found = _first(_found((b, a), changed))
    if found is not None:
        return found
    for vpc in (flow.source_vpc, flow.destination_vpc):
        if vpc and vpc in changed:
            return changed[vpc]
    return OTHER


def _pair_text(pairs: set[tuple[str, str]]) -> list[str]:
    """``vpc-b ↔ vpc-c`` for both directions, ``vpc-a → internet`` for one."""
    out: list[str] = []
    done: set[tuple[str, str]] = set()
    for v, w in sorted(pairs, key=lambda p: (natural_key(p[0]), natural_key(p[1]))):
        if (v, w) in done:
            continue
        if (w, v) in pairs and v != w:
            out.append(f"{v} ↔ {w}")
            done.add((w, v))
        else:
            out.append(f"{v} → {w}")
        done.add((v, w))
    return out


@dataclass(frozen=True)
class FlowGroup:
    """Flows that changed the same way for the same cause."""

    cause: Cause
    change: str  # opened | closed | path | blocked
    flows: tuple[ReachChange, ...]

    @property
    def vpc_pairs(self) -> list[str]:
        return _pair_text({(f.source_vpc or f.source, f.destination_vpc or f.destination) for f in self.flows})

    def counts(self) -> str:
        """``2 VPC pairs, 6 subnet pairs, 1 subnet → internet``."""
        vpc = sum(1 for f in self.flows if f.level == "vpc")
        internet = sum(1 for f in self.flows if f.level == "subnet" and f.destination == "internet")
        subnet = sum(1 for f in self.flows if f.level == "subnet") - internet
        rule = sum(1 for f in self.flows if f.level == "rule")
        parts = [(vpc, "VPC pair"), (subnet, "subnet pair"), (internet, "subnet → internet"), (rule, "flow")]
        return ", ".join(f"{n} {w}{'s' if n != 1 and not w.endswith('internet') else ''}" for n, w in parts if n)

    def title(self, limit: int = 3) -> str:
        """``pcx-b-c (peering, added) opens vpc-b ↔ vpc-c: 2 VPC pairs, 2 subnet pairs``."""
        pairs = self.vpc_pairs
        shown = ", ".join(pairs[:limit]) + (f" and {len(pairs) - limit} more" if len(pairs) > limit else "")
        who = self.cause.text() if self.cause.id else "other changes"
        return f"{who} {VERBS[self.change]} {shown}: {self.counts()}"

    def to_json(self) -> dict[str, object]:
        return {"cause": self.cause.to_json() if self.cause.id else None, "change": self.change,
                "vpc_pairs": self.vpc_pairs, "flows": [f"{f.level}:{f.source}→{f.destination}" for f in self.flows]}


CHANGE_ORDER = {"closed": 0, "opened": 1, "path": 2, "blocked": 3}


def group_flows(flows: tuple[ReachChange, ...], changed: dict[str, Cause]) -> tuple[FlowGroup, ...]:
    """Flows grouped by (cause, change): closed first, then opened, re-routed; within a
    change by the cause's kind rank and id. Flows keep their order inside a group."""
    groups: dict[tuple[Cause, str], list[ReachChange]] = {}
    for f in flows:
        groups.setdefault((cause_of(f, changed), f.change), []).append(f)
    out = [FlowGroup(cause, change, tuple(items)) for (cause, change), items in groups.items()]
    return tuple(sorted(out, key=lambda g: (CHANGE_ORDER[g.change], not g.cause.id,
                                            KIND_RANK.get(g.cause.kind, 99), natural_key(g.cause.id))))
