"""Result types of the reachability engine: hops, answers and failures."""

from __future__ import annotations

from dataclasses import dataclass, field


class Lazy:
    """Text formatted only when someone reads it: a 500 × 500 matrix has 250,000 reasons and
    most are never shown. ``str()`` formats (once)."""

    __slots__ = ("_fn", "_args", "_text")

    def __init__(self, fn, *args):
        self._fn = fn
        self._args = args
        self._text = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = str(self._fn(*self._args))
            self._fn = self._args = None
        return self._text

    def __contains__(self, item: str) -> bool:
        return item in str(self)


@dataclass(frozen=True, slots=True)
class Hop:
    """One forwarding decision.

    ``at`` is where the packet is (a subnet, VPC, NAT gateway, transit gateway, endpoint…),
    ``route_table`` the VPC or TGW route table consulted there (None where no table decides,
    e.g. a PrivateLink hand-over), ``matched`` the route destination that won, ``target``
    where it sends the packet next.
    """

    at: str
    route_table: str | None
    matched: str
    target: str

    def to_json(self) -> dict:
        return {"at": self.at, "route_table": self.route_table, "matched": self.matched, "target": self.target}

    def mentions(self, name: str) -> bool:
        return name in (self.at, self.route_table, self.target)

    def __str__(self) -> str:
        table = f" [{self.route_table}]" if self.route_table else ""
        return f"{self.at}{table}: {self.matched} → {self.target}"


@dataclass(frozen=True)
class Answer:
    """Can ``source`` reach ``destination``?

    ``path`` is the request path hop by hop (up to the failing hop when not reachable);
    ``return_path`` the reply path that was checked (PEER-5); ``reason`` a sentence a person
    understands; ``rules`` the rule IDs of aws-networking-rules.md the answer relies on.
    """

    source: str
    destination: str
    reachable: bool
    path: tuple[Hop, ...] = ()
    reason: str = ""
    rules: tuple[str, ...] = ()
    return_path: tuple[Hop, ...] = field(default=(), compare=False)
    port: int | None = None

    def to_json(self) -> dict:
        return {
            "from": self.source,
            "to": self.destination,
            "reachable": self.reachable,
            "path": [h.to_json() for h in self.path],
            "reason": self.reason,
            "rules": list(self.rules),
        }

    def goes_via(self, name: str) -> bool:
        """True when the request path passes through the object called ``name``."""
        return any(h.mentions(name) for h in self.path)

    def format(self) -> str:
        """Human-readable, several lines."""
        verdict = "reachable" if self.reachable else "NOT reachable"
        lines = [f"{self.source} → {self.destination}: {verdict}"]
        for i, hop in enumerate(self.path, 1):
            lines.append(f"  {i}. {hop}")
        if self.return_path:
            lines.append("  replies:")
            for i, hop in enumerate(self.return_path, 1):
                lines.append(f"  {i}. {hop}")
        lines.append(f"  {self.reason}")
        if self.rules:
            lines.append(f"  rules: {', '.join(self.rules)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Trace:
    """Internal: the outcome of following one packet (one direction)."""

    ok: bool
    hops: tuple[Hop, ...]
    reason: object = ""  # str or Lazy
    rules: tuple[str, ...] = ()
    end: str = ""  # subnet | vpc | internet | service | external
    end_vpc: str | None = None
    end_subnet: str | None = None
    # replies that must work for the flow to work: (start state, network, vpc) — see engine
    returns: tuple = ()
