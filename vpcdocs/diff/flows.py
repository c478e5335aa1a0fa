"""A compared flow: what the reachability engine answers for one pair on each side.

A :class:`FlowState` is one side's :class:`~vpcdocs.analysis.reach.Answer` reduced to what
the diff compares and shows: the disposition, the places the request goes through, the
gateways a reviewer recognises (``via``), the blocker, and the engine's own words for it
(:attr:`~vpcdocs.analysis.reach.Answer.reason`, made by :mod:`vpcdocs.analysis.reach.explain`
— shown, never compared or parsed).

Two sides differ when the flow starts or stops working, or when it works on both sides but
the request goes another way (:func:`differs`): answers are compared by disposition and
path, never by their sentences. A flow blocked on both sides counts as changed only where a
caller asks for it (``blocked=True``, the security-rule section), and then only when its
disposition differs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.reach import Answer
from ..model import Topology

# kinds of objects named as "via" in a path: the things a reviewer recognises as the way
VIA_KINDS = frozenset({"peering", "transit-gateway", "nat-gateway", "internet-gateway", "gateway-endpoint",
                       "interface-endpoint", "endpoint-service", "load-balancer", "egress-only-internet-gateway",
                       "vpn-gateway"})
ABSENT = "absent"
CHANGES = ("opened", "closed", "path", "blocked")


@dataclass(frozen=True)
class FlowState:
    """One side of a flow. ``disposition`` is a :class:`~vpcdocs.analysis.reach.Disposition`
    value, or ``absent`` when an end of the flow does not exist on that side."""

    disposition: str
    route: tuple[str, ...] = ()  # the places the request goes through, in order (compared)
    via: tuple[str, ...] = ()  # the gateways among them (shown)
    reason: str = ""  # the engine's words (shown, never compared)
    cause: str = ""  # the blocker's cause key ("" when accepted)
    blocked_at: str = ""  # the component that blocks
    leg: str = ""  # request | reply: where the blocker stops the flow
    names: tuple[str, ...] = ()  # every id the answer names (hops, checks, blocker): cause attribution

    @property
    def reachable(self) -> bool:
        return self.disposition == "accepted"

    def key(self, coarse: bool = False) -> tuple[str, tuple[str, ...]]:
        """What is compared: the disposition, and for a working flow where it goes — place
        by place, or (``coarse``, for VPC-level flows whose ends are whichever subnets answer
        first) gateway by gateway."""
        if not self.reachable:
            return (self.disposition, ())
        return (self.disposition, self.via if coarse else self.route)

    def short(self) -> str:
        """``reachable via pcx-a-b`` / ``blocked (no-route)`` / ``absent``."""
        if self.reachable:
            return "reachable" + (f" via {', '.join(self.via)}" if self.via else "")
        if self.disposition == ABSENT:
            return "absent"
        return f"blocked ({self.disposition})"

    def text(self) -> str:
        """:meth:`short` plus, for a blocked flow, the engine's reason."""
        if self.reachable or not self.reason:
            return self.short()
        return f"{self.short()}: {self.reason}"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"reachable": self.reachable, "disposition": self.disposition,
                                  "via": list(self.via), "path": list(self.route), "reason": self.reason}
        if self.cause:
            out["blocker"] = {"cause": self.cause, "at": self.blocked_at, "leg": self.leg}
        return out


def absent(reason: str) -> FlowState:
    return FlowState(ABSENT, reason=reason)


class Reader:
    """Turns answers of one topology into :class:`FlowState` (memoises the id → kind look-ups)."""

    def __init__(self, topology: Topology):
        self.topology = topology
        self._kinds: dict[str, str | None] = {}

    def kind(self, name: str) -> str | None:
        """The kind of the object called ``name`` (the first by kind order), or None."""
        if name not in self._kinds:
            found = self.topology.find(name)
            self._kinds[name] = found[0][0] if found else None
        return self._kinds[name]

    def state(self, answer: Answer) -> FlowState:
        route: list[str] = []
        for hop in answer.path:
            for place in (hop.at, hop.target):
                if place != "local" and (not route or route[-1] != place):
                    route.append(place)
        via = tuple(dict.fromkeys(p for p in route if self.kind(p) in VIA_KINDS)) if answer.reachable else ()
        names: list[str] = []
        for hop in (*answer.path, *answer.return_path):
            names += [hop.at, hop.target] + ([hop.route_table] if hop.route_table else [])
        for step in answer.steps:
            names += [*step.ids, step.at]
        b = answer.blocker
        if b is not None:
            names += [b.at, *(v for _, v in b.params)]
        return FlowState(answer.disposition.value, tuple(route), via, answer.reason,
                         b.cause if b is not None else "", b.at if b is not None else "",
                         b.leg if b is not None else "", tuple(dict.fromkeys(n for n in names if n)))


def change_of(before: FlowState, after: FlowState) -> str:
    """``opened`` (works now), ``closed`` (no longer), ``path`` (works, another way) or
    ``blocked`` (blocked on both sides, another disposition)."""
    if before.reachable != after.reachable:
        return "opened" if after.reachable else "closed"
    return "path" if after.reachable else "blocked"


def differs(before: FlowState, after: FlowState, blocked: bool = False, coarse: bool = False) -> bool:
    """Do the two sides differ, by disposition and path (see :meth:`FlowState.key`)? A flow
    blocked on both sides differs only with ``blocked`` and another disposition (never when
    an end is absent)."""
    if before.reachable or after.reachable:
        return before.key(coarse) != after.key(coarse)
    if not blocked or ABSENT in (before.disposition, after.disposition):
        return False
    return before.disposition != after.disposition


@dataclass(frozen=True)
class ReachChange:
    """A flow that changed. ``level``: ``vpc`` (some place of one VPC to some place of the
    other), ``subnet``, or ``rule`` (the flows of a security-group / NACL rule, with that
    rule's traffic). ``destination`` is ``internet`` for subnet → internet flows."""

    level: str
    source: str
    destination: str
    before: FlowState
    after: FlowState
    source_vpc: str | None = None
    destination_vpc: str | None = None  # None for the internet
    traffic: str = ""  # what was asked ("" = any traffic some rule allows)

    @property
    def change(self) -> str:
        return change_of(self.before, self.after)

    @property
    def before_text(self) -> str:
        return self.before.short()

    @property
    def after_text(self) -> str:
        return self.after.short()

    @property
    def reason(self) -> str:
        """Why it is blocked now (closed) or was blocked before (opened)."""
        if self.change == "closed":
            return self.after.reason
        if self.change == "opened":
            return self.before.reason
        return ""

    def text(self) -> str:
        return f"{self.source} → {self.destination}: {self.before_text} → {self.after_text}"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"level": self.level, "from": self.source, "to": self.destination,
                                  "from_vpc": self.source_vpc, "to_vpc": self.destination_vpc,
                                  "change": self.change, "before": self.before.to_json(),
                                  "after": self.after.to_json()}
        if self.traffic:
            out["traffic"] = self.traffic
        return out
