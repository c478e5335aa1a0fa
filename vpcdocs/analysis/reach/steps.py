"""What a walk is made of: where a packet is (:class:`State`), the subnet boundaries it
crosses (:class:`Crossing`), the NAT gateways it passes (:class:`NatPass`), and the outcome
(:class:`WalkResult`) — shared by the VPC walk (:mod:`.walk`) and transit gateways
(:mod:`.transit`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ...routing import Dest
from .results import Blocker, Hop

MAX_HOPS = 40


class State(NamedTuple):
    """Where a packet is: in ``vpc``, in ``subnet`` (None when it arrived from outside and is
    not in one yet), about to be routed by ``table``. (A named tuple: hashed on every memo
    look-up, which must be cheap.)"""

    vpc: str
    table: str | None
    az: str | None
    at: str
    subnet: str | None
    via: str = "origin"  # origin | tgw (entered from a TGW, untranslated) | nat (translated)
    nat: str | None = None


class Crossing(NamedTuple):
    """A subnet boundary the packet crosses: the subnet's NACL is evaluated in ``direction``
    against the packet's destination (``role`` dst) or source (``role`` src) address, as
    translated by ``segment`` NAT gateways so far."""

    subnet: str
    direction: str  # ingress | egress
    role: str  # dst | src
    segment: int = 0


@dataclass(frozen=True, slots=True)
class NatPass:
    nat: str
    state: State  # the packet at the NAT gateway
    via_before: str  # how the packet arrived (origin: from the NAT's own VPC)


class WalkResult(NamedTuple):
    """The outcome of one walk (a named tuple: a matrix makes millions, and they must be cheap)."""

    ok: bool
    hops: tuple[Hop, ...] = ()
    crossings: tuple[Crossing, ...] = ()
    nats: tuple[NatPass, ...] = ()
    blocker: Blocker | None = None
    end: str = ""  # subnet | vpc | internet | service | external
    end_vpc: str | None = None
    end_subnet: str | None = None
    split: bool = False  # a table on the way routes part of the destination range differently
    rules: tuple[str, ...] = ()
    lead_rules: tuple[str, ...] = ()  # the rules of the steps before the blocker
    arrived_from: str | None = None  # for an ``end == "vpc"`` walk: the subnet the local route left
    by_az: bool = False  # a transit gateway delivered it into a VPC by the sender's AZ (TGW-2 affinity)

    def prepend(self, hops: tuple[Hop, ...], crossings: tuple[Crossing, ...], rules: tuple[str, ...],
                nat: NatPass | None = None, split: bool = False, by_az: bool = False) -> WalkResult:
        tail = self.crossings if nat is None else tuple(
            Crossing(c.subnet, c.direction, c.role, c.segment + 1) for c in self.crossings)
        merged = self.rules if not rules else _merge_rules(rules, self.rules)
        lead = self.lead_rules if not rules else _merge_rules(rules, self.lead_rules)
        return WalkResult(self.ok, hops + self.hops, crossings + tail, ((nat,) if nat else ()) + self.nats,
                          self.blocker, self.end, self.end_vpc, self.end_subnet, self.split or split, merged, lead,
                          self.arrived_from, self.by_az or by_az)

    def narrowed(self, dest: Dest, hop: Hop) -> WalkResult:
        """This walk to a whole VPC block (``end == "vpc"``, not split) as the walk to one place
        inside it: the same routes choose the same way for every part of an unsplit block; only
        the delivery differs (``hop`` is the delivery hop, see :meth:`Walker.narrow`)."""
        crossings = self.crossings
        if dest.subnet != self.arrived_from:
            if self.arrived_from is not None:
                crossings += (Crossing(self.arrived_from, "egress", "dst"),)
            crossings += (Crossing(dest.subnet or "", "ingress", "src"),)
        return WalkResult(True, self.hops[:-1] + (hop,), crossings, self.nats, None, "subnet", self.end_vpc,
                          dest.subnet, False, self.rules, self.lead_rules, self.arrived_from, self.by_az)


# a failed walk whose caller did not ask why (see Walker.walk)
QUIET_FAILURE = WalkResult(False)

_RULES: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}


def _merge_rules(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """``a`` then ``b`` without repeats (interned: a matrix shares a few rule tuples)."""
    key = (a, b)
    found = _RULES.get(key)
    if found is None:
        found = _RULES[key] = tuple(dict.fromkeys((*a, *b)))
    return found


def _internet(version: int) -> str:
    return "internet" if version == 4 else "internet6"


def fail(blocker: Blocker, hops: tuple[Hop, ...] = (), crossings: tuple[Crossing, ...] = (),
         split: bool = False) -> WalkResult:
    return WalkResult(False, hops, crossings, (), blocker, split=split, rules=blocker.rules)
