"""Flows that start or stop working (or take another way) between two topologies.

Uses the reachability engine (:mod:`vpcdocs.analysis.reach`) on both sides:

* VPC level — ``vpc_matrix`` over the VPCs present on both sides;
* subnet level — for each VPC present on both sides, ``subnet_matrix`` from its subnets to the
  subnets of its neighbourhood on *either* side (itself, its peers, VPCs sharing a transit
  gateway), so a new peering's flows are compared, not just the flows the base could see;
* subnet → internet, per subnet.

At subnet level only pairs whose both ends exist on both sides are compared (flows of added
or removed subnets are implied by the resource diff); at VPC level an added VPC's flows show
as opened and a removed VPC's as closed. A pair reachable on both sides whose
path goes through other gateways (``via``) is reported as a ``path`` change.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Topology

# kinds of objects named as "via" in a path: the things a reviewer recognises as the way
VIA_KINDS = ("peering", "transit-gateway", "nat-gateway", "internet-gateway", "gateway-endpoint",
             "interface-endpoint", "endpoint-service", "load-balancer")


@dataclass(frozen=True)
class ReachChange:
    level: str  # "vpc" | "subnet"
    source: str
    destination: str
    before: bool
    after: bool
    before_via: tuple[str, ...] = ()
    after_via: tuple[str, ...] = ()
    before_reason: str = ""
    after_reason: str = ""

    @property
    def change(self) -> str:
        """``opened`` (now reachable), ``closed`` (no longer) or ``path`` (another way)."""
        if self.before == self.after:
            return "path"
        return "opened" if self.after else "closed"

    @staticmethod
    def state_text(reachable: bool, via: tuple[str, ...]) -> str:
        if not reachable:
            return "unreachable"
        return "reachable" + (f" via {', '.join(via)}" if via else "")

    @property
    def before_text(self) -> str:
        return self.state_text(self.before, self.before_via)

    @property
    def after_text(self) -> str:
        return self.state_text(self.after, self.after_via)

    @property
    def reason(self) -> str:
        """Why it is unreachable now (closed) or was before (opened); empty for path changes."""
        if self.change == "closed":
            return self.after_reason
        if self.change == "opened":
            return self.before_reason
        return ""

    def text(self) -> str:
        return f"{self.source} → {self.destination}: {self.before_text} → {self.after_text}"

    def to_json(self) -> dict:
        return {"level": self.level, "from": self.source, "to": self.destination, "change": self.change,
                "before": {"reachable": self.before, "via": list(self.before_via), "reason": self.before_reason},
                "after": {"reachable": self.after, "via": list(self.after_via), "reason": self.after_reason}}


def via_of(topology: Topology, path, _memo: dict | None = None) -> tuple[str, ...]:
    """The gateways a path goes through, in order, each once."""
    memo = _memo if _memo is not None else {}
    key = tuple(hop.target for hop in path)
    if key in memo:
        return memo[key]
    out: list[str] = []
    for name in key:
        if name in out or name == "local":
            continue
        is_via = memo.get(("is-via", name))
        if is_via is None:
            is_via = memo[("is-via", name)] = any(kind in VIA_KINDS for kind, _ in topology.find(name))
        if is_via:
            out.append(name)
    memo[key] = tuple(out)
    return memo[key]


def _neighbourhood(topology: Topology, vpc_id: str) -> set[str]:
    from ..routing import dataplane

    return set(dataplane(topology).neighbours.neighbourhood(vpc_id))


def _compare(level: str, pairs, base: Topology, head: Topology, out: list, memo: tuple[dict, dict]) -> None:
    """``pairs``: iterable of (source, destination, base flow-like, head flow-like)."""
    for src, dst, b, h in pairs:
        if src == dst:
            continue
        if b.ok == h.ok and (not b.ok or b.path == h.path):
            continue  # blocked on both sides (another blocker is no change in reachability), or the same way
        b_via = via_of(base, b.path, memo[0]) if b.ok else ()
        h_via = via_of(head, h.path, memo[1]) if h.ok else ()
        if b.ok == h.ok and b_via == h_via:
            continue
        out.append(ReachChange(level, src, dst, b.ok, h.ok, b_via, h_via,
                               "" if b.ok else str(b.reason), "" if h.ok else str(h.reason)))


def diff_reachability(base: Topology, head: Topology) -> tuple[ReachChange, ...]:
    """VPC-level changes first, then subnet-level, each sorted by (from, to)."""
    from ..analysis.reach import reachability, subnet_matrix, vpc_matrix

    out: list[ReachChange] = []
    memo: tuple[dict, dict] = ({}, {})
    vb, vh = sorted(v.id for v in base.vpcs), sorted(v.id for v in head.vpcs)
    vpcs = sorted(set(vb) & set(vh))
    mb = vpc_matrix(base, vb) if vb else None
    mh = vpc_matrix(head, vh) if vh else None
    vpc_pairs = []
    everyone = sorted(set(vb) | set(vh))
    for src in everyone:
        for dst in everyone:
            if src == dst:
                continue
            b = _Flowish(mb.cell(src, dst).answer) if mb and src in vb and dst in vb else _Absent(src, dst, vb, "base")
            h = _Flowish(mh.cell(src, dst).answer) if mh and src in vh and dst in vh else _Absent(src, dst, vh, "head")
            vpc_pairs.append((src, dst, b, h))
    _compare("vpc", vpc_pairs, base, head, out, memo)

    subnets_b = {s.id: s for s in base.subnets}
    subnets_h = {s.id: s for s in head.subnets}
    common = {sid for sid in subnets_b.keys() & subnets_h.keys()
              if subnets_b[sid].cidr is not None and subnets_h[sid].cidr is not None}
    subnet_changes: list[ReachChange] = []
    for v in vpcs:
        neighbours = _neighbourhood(base, v) | _neighbourhood(head, v)
        cols = sorted(s for s in common if subnets_h[s].vpc in neighbours and subnets_b[s].vpc in neighbours)
        rows = [s for s in common if subnets_h[s].vpc == v and subnets_b[s].vpc == v]
        if not cols or not rows:
            continue
        mb, mh = subnet_matrix(base, v, cols), subnet_matrix(head, v, cols)
        pairs = []
        for r in sorted(rows):
            for c in cols:
                if (r, c) in mb.cells and (r, c) in mh.cells:
                    pairs.append((r, c, _Flowish(mb.cells[(r, c)].answer), _Flowish(mh.cells[(r, c)].answer)))
        _compare("subnet", pairs, base, head, subnet_changes, memo)

    # subnet → internet
    rb, rh = reachability(base), reachability(head)
    internet_pairs = []
    for sid in sorted(common):
        try:
            b = rb.answer(sid, "internet")
            h = rh.answer(sid, "internet")
        except Exception:  # an end the engine cannot parse on one side: nothing to compare
            continue
        internet_pairs.append((sid, "internet", _Flowish(b), _Flowish(h)))
    _compare("subnet", internet_pairs, base, head, subnet_changes, memo)

    out.extend(sorted(subnet_changes, key=lambda c: (c.source, c.destination == "internet", c.destination)))
    return tuple(out)


@dataclass(frozen=True)
class _Flowish:
    """An :class:`~vpcdocs.analysis.reach.Answer` seen through the Flow attributes we use."""

    answer: object

    @property
    def ok(self) -> bool:
        return self.answer.reachable  # type: ignore[attr-defined]

    @property
    def path(self):
        return self.answer.path  # type: ignore[attr-defined]

    @property
    def reason(self) -> str:
        return str(self.answer.reason)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Absent:
    """A VPC pair one side does not have: unreachable there, saying why (VPC level only, so a
    new VPC's flows show up as opened and a removed VPC's as closed)."""

    source: str
    destination: str
    present: list
    side: str
    ok: bool = False
    path: tuple = ()

    @property
    def reason(self) -> str:
        missing = [v for v in (self.source, self.destination) if v not in self.present]
        verb = "does" if len(missing) == 1 else "do"
        where = "before this change" if self.side == "base" else "after this change"
        return f"{' and '.join(missing)} {verb} not exist {where}"
