"""Answers as data: hops, security checks, the blocker, the disposition.

An :class:`Answer` says what happens to a flow; :mod:`.explain` words it (``reason``) and
the renderers print it. Nothing downstream parses the words: the diff compares
dispositions and paths, the site colours cells by disposition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dispositions import CAUSES, Disposition


@dataclass(frozen=True, slots=True)
class Hop:
    """One forwarding decision.

    ``at`` is where the packet is (a subnet, interface, VPC, NAT gateway, transit gateway,
    endpoint…), ``route_table`` the VPC or TGW route table consulted there (None where no table
    decides, e.g. a PrivateLink hand-over), ``matched`` the route destination that won,
    ``target`` where it sends the packet next.
    """

    at: str
    route_table: str | None
    matched: str
    target: str

    def to_json(self) -> dict[str, object]:
        return {"at": self.at, "route_table": self.route_table, "matched": self.matched, "target": self.target}

    def mentions(self, name: str) -> bool:
        return name in (self.at, self.route_table, self.target)

    def __str__(self) -> str:
        table = f" [{self.route_table}]" if self.route_table else ""
        return f"{self.at}{table}: {self.matched} → {self.target}"


@dataclass(frozen=True, slots=True)
class FilterStep:
    """One security check on the way: a security group on an interface or a network ACL at a
    subnet boundary (SG-*, NACL-*)."""

    kind: str  # security-group | network-acl
    at: str  # the interface (security groups) or subnet (network ACLs)
    ids: tuple[str, ...]  # the groups, or the one ACL
    direction: str  # ingress | egress
    leg: str  # request | reply
    verdict: str  # allow | deny
    rule: str | None  # NACL rule number ("*" for the implicit deny); SG "group#index"
    traffic: str  # the traffic checked (TrafficSet.text), after what earlier checks let through
    peer: str  # the address the rule was matched against

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "at": self.at, "ids": list(self.ids), "direction": self.direction,
                "leg": self.leg, "verdict": self.verdict, "rule": self.rule, "traffic": self.traffic,
                "peer": self.peer}


Param = tuple[str, str]
_RULES_OF: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class Blocker:
    """Why a flow stops: the first blocking element. ``cause`` is a key of
    :data:`~.dispositions.CAUSES`; ``params`` the ids and values :mod:`.explain` words."""

    cause: str
    leg: str = "request"  # request | reply
    at: str = ""  # the component that blocks (route table, TGW table, group, ACL, subnet…)
    params: tuple[Param, ...] = ()
    _rules: tuple[str, ...] | None = field(default=None, compare=False, repr=False)

    def get(self, key: str, default: str = "") -> str:
        for k, v in self.params:
            if k == key:
                return v
        return default

    @property
    def rules(self) -> tuple[str, ...]:
        found = self._rules
        if found is None:
            extra = tuple(v for k, v in self.params if k == "rule_id")
            found = _RULES_OF.get((self.cause, extra))
            if found is None:
                found = _RULES_OF[(self.cause, extra)] = tuple(dict.fromkeys((*CAUSES[self.cause].rules, *extra)))
            object.__setattr__(self, "_rules", found)
        return found

    @property
    def codes(self) -> tuple[str, ...]:
        return CAUSES[self.cause].codes

    def to_json(self) -> dict[str, object]:
        return {"cause": self.cause, "leg": self.leg, "at": self.at, "params": dict(self.params)}


def cause_rules(cause: str) -> tuple[str, ...]:
    """The rule IDs of a cause (for a blocker without an extra ``rule_id`` parameter)."""
    found = _RULES_OF.get((cause, ()))
    if found is None:
        found = _RULES_OF[(cause, ())] = tuple(dict.fromkeys(CAUSES[cause].rules))
    return found


def block(cause: str, at: str = "", **params: object) -> Blocker:
    """A request-leg blocker; ``params`` values become text (None values are dropped)."""
    return Blocker(cause, "request", at, tuple((k, v if isinstance(v, str) else str(v))
                                              for k, v in params.items() if v is not None))


@dataclass(frozen=True, slots=True)
class Answer:
    """What happens to one flow from ``source`` to ``destination``.

    ``path`` is the request path hop by hop (up to the failing hop), ``return_path`` the reply
    path checked (PEER-5), ``steps`` the security checks on both legs, ``blocker`` the first
    thing that stops the flow (None when accepted), ``rules`` the rule IDs the answer relies
    on, ``traffic`` what was asked and ``allowed`` what gets through, ``assumptions`` keys of
    what could not be checked (see :mod:`.explain`).
    """

    source: str
    destination: str
    disposition: Disposition
    path: tuple[Hop, ...] = ()
    return_path: tuple[Hop, ...] = field(default=(), compare=False)
    steps: tuple[FilterStep, ...] = field(default=(), compare=False)
    blocker: Blocker | None = None
    rules: tuple[str, ...] = ()
    traffic: str = ""
    allowed: str = ""
    assumptions: tuple[str, ...] = ()
    end: str = ""  # where an accepted flow ends: interface | subnet | vpc | internet | service | external
    src_vpc: str | None = None
    dst_vpc: str | None = None

    @property
    def reachable(self) -> bool:
        return self.disposition == Disposition.ACCEPTED

    @property
    def explanation_codes(self) -> tuple[str, ...]:
        return self.blocker.codes if self.blocker is not None else ()

    @property
    def reason(self) -> str:
        """The answer in one sentence (made by :mod:`.explain`)."""
        from .explain import reason

        return reason(self)

    def goes_via(self, name: str) -> bool:
        """True when the request path passes through the object called ``name``."""
        return any(h.mentions(name) for h in self.path)

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.source,
            "to": self.destination,
            "reachable": self.reachable,
            "disposition": self.disposition.value,
            "path": [h.to_json() for h in self.path],
            "return_path": [h.to_json() for h in self.return_path],
            "checks": [s.to_json() for s in self.steps],
            "reason": self.reason,
            "rules": list(self.rules),
            "explanation_codes": list(self.explanation_codes),
            "blocker": self.blocker.to_json() if self.blocker is not None else None,
            "traffic": self.traffic,
            "allowed": self.allowed,
            "assumptions": list(self.assumptions),
        }
