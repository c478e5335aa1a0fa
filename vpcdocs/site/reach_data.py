"""Reachability for the site, computed once per build and kept compact.

Every cell is a reach answer: the VPC matrix asks :meth:`Reachability.vpc_pair` cell by cell
(as ``vpc_cells`` does), the subnet matrices of the VPC pages :func:`subnet_cells` — nothing
is grouped or shortcut here; a build may keep the last build's answers where nothing they
read changed (:mod:`.reach_cache`). Each answer is
reduced to a :class:`Record` (state, disposition, blocker, hops, and words where a page or
the cell detail shows them), interned per row so a 1,000-VPC estate stays small.

Cell states (how the pages colour a cell):

* ``ok`` — reachable (replies included);
* ``pl`` — PrivateLink: the VPCs are joined only by an endpoint service, which opens the
  service one way and not the subnets (disposition ``one-way-privatelink``);
* ``expected`` — not reachable, and an ``expect:`` entry says it must not be;
* ``unexpected`` — not reachable, and nothing says it should not be;
* ``none`` — not connected: no peering, transit gateway (shared or peered) or PrivateLink
  joins the two VPCs (:class:`Links`, or the answer's blocker says so): there is no path
  anyone built, so nothing to expect or to break;
* ``self`` — the diagonal of the VPC matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from ..analysis.reach import Answer, Disposition
from ..model import Topology
from ..routing import dataplane
from ..sorting import natural_sorted

OK, PL, EXPECTED, UNEXPECTED, NONE, SELF = "ok", "pl", "expected", "unexpected", "none", "self"
STATES = (OK, PL, EXPECTED, UNEXPECTED, NONE, SELF)
FAILED = (UNEXPECTED, EXPECTED, PL, NONE)  # the order failures are listed in: unexpected first

# the most columns a VPC page's subnet matrix takes: its own subnets, then its peers' while they fit
MAX_SUBNET_COLUMNS = 40

Hops = tuple[tuple[str, str, str, str], ...]
T = TypeVar("T")


class Record(NamedTuple):
    """One answer as the site keeps it. ``params`` and ``reason`` are left empty where the
    state says it all (reachable: the path is the story; not connected). (A named tuple: a
    1,000-VPC estate has a million, hashed as rows are made and unpickled as rows travel.)"""

    state: str
    disposition: str
    cause: str
    at: str
    path: Hops
    params: tuple[tuple[str, str], ...] = ()
    reason: str = ""
    rules: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()


class Expectations:
    """The ``expect: … reachable: false`` entries as (source, destination) id pairs. A subnet
    cell is expected to fail when one names its subnets or their VPCs; a VPC cell when one
    names the two VPCs or subnets of them."""

    def __init__(self, topology: Topology):
        self.pairs = frozenset((e.source, e.destination) for e in topology.expectations if e.reachable is False)

        def vpc_of(name: str) -> str:
            subnet = topology.get("subnet", name)
            return subnet.vpc if subnet is not None else name

        self.vpc_pairs = frozenset((vpc_of(a), vpc_of(b)) for a, b in self.pairs)

    def covers(self, src: str, src_vpc: str, dst: str, dst_vpc: str) -> bool:
        if not self.pairs:
            return False
        return any((a, b) in self.pairs for a in (src, src_vpc) for b in (dst, dst_vpc))

    def covers_vpcs(self, v: str, w: str) -> bool:
        return (v, w) in self.vpc_pairs


class Links:
    """Which VPCs anything joins at all: a peering, a transit gateway they share, transit
    gateways peered with each other, or a PrivateLink service — read from the data plane's
    neighbours and the model. A pair without any link fails by construction: its cell is
    *not connected*, not a failure anyone could have expected or broken."""

    def __init__(self, topology: Topology):
        self.nb = dataplane(topology).neighbours
        self.tgw_peers: dict[str, set[str]] = {}
        for a in topology.tgw_attachments:
            if a.type == "peering" and a.peer_transit_gateway:
                self.tgw_peers.setdefault(a.transit_gateway, set()).add(a.peer_transit_gateway)
                self.tgw_peers.setdefault(a.peer_transit_gateway, set()).add(a.transit_gateway)
        provider = {s.id: s.vpc for s in topology.endpoint_services}
        self.privatelink = {frozenset((e.vpc, provider.get(e.endpoint_service, ""))) for e in topology.interface_endpoints
                            if e.endpoint_service}

    def connected(self, v: str, w: str) -> bool:
        if v == w or self.nb.peering_between(v, w) is not None:
            return True
        tv, tw = self.nb.tgws_of(v), self.nb.tgws_of(w)
        if tv & tw or any(self.tgw_peers.get(t, set()) & tw for t in tv):
            return True
        return frozenset((v, w)) in self.privatelink


_ONE: dict[object, object] = {}  # equal values of the records, one object each (see _one)


def _one(value: T) -> T:
    """The one object of ``value``'s equals: the records of a big estate repeat the same hops,
    paths and words millions of times; held once they take less memory and pickle once (a
    worker's rows, the reach cache) instead of once per cell."""
    return _ONE.setdefault(value, value)  # type: ignore[return-value]


def _hops(answer: Answer) -> Hops:
    return _one(tuple(_one((h.at, h.route_table or "", h.matched, h.target)) for h in answer.path))


def state_of(answer: Answer, expected: bool, connected: bool = True) -> str:
    if answer.reachable:
        return OK
    if answer.disposition == Disposition.ONE_WAY_PRIVATELINK:
        return PL
    if expected:
        return EXPECTED
    b = answer.blocker
    if not connected or (b is not None and (b.cause == "not-connected" or b.get("unconnected") == "yes")):
        return NONE
    return UNEXPECTED


def record_of(answer: Answer, state: str, words: bool) -> Record:
    """``words``: keep the reason of a failure (cell details on VPC pages; the path tells a
    reachable cell's story). Without words a failure keeps the blocker's parameters instead
    (the VPC matrix: the words of a million cells would not fit in a site)."""
    b = answer.blocker
    cause, at = (b.cause, b.at) if b is not None else ("", "")
    if state == OK or (state == NONE and not words):
        return Record(state, answer.disposition.value, cause, at, _hops(answer), rules=_one(tuple(answer.rules)))
    params = _one(b.params) if b is not None and not words else ()
    return Record(state, answer.disposition.value, cause, at, _hops(answer), params, _one(answer.reason),
                  _one(tuple(answer.rules)), _one(tuple(answer.explanation_codes)))


def via(record: Record) -> str:
    """Where a reachable path leaves the source's route table: a peering, a transit gateway,
    ``local`` (the same VPC) — what the summaries group reachable pairs by."""
    return record.path[0][3] if record.path else ""


@dataclass
class Row:
    """The answers of one source (a VPC, or a subnet) against a list of columns."""

    source: str
    records: list[Record] = field(default_factory=list)  # distinct records of this row
    cells: list[int] = field(default_factory=list)  # record index per column
    _index: dict[Record, int] | None = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> tuple[str, list[Record], list[int]]:
        # rows travel pickled (a worker's rows, the reach cache) without their index (as big
        # again), which is rebuilt only if the row grows again
        return self.source, self.records, self.cells

    def __setstate__(self, state: tuple[str, list[Record], list[int]]) -> None:
        self.source, self.records, self.cells = state
        self._index = None

    def add(self, record: Record) -> int:
        index = self._index
        if index is None:
            index = self._index = {r: i for i, r in enumerate(self.records)}
        i = index.get(record)
        if i is None:
            i = index[record] = len(self.records)
            self.records.append(record)
        self.cells.append(i)
        return i

    def patched(self, columns: dict[int, Callable[[], Record]]) -> tuple[Row, bool]:
        """This row with the cells of ``columns`` (column index -> how to make its record)
        made again, rebuilt in column order as a fresh row would be; and whether it came out
        the same (then it is this very row)."""
        if not columns:
            return self, True
        row = Row(self.source)
        same = True
        again: dict[int, int] = {}  # record index here -> there (for the cells kept)
        for j, i in enumerate(self.cells):
            make = columns.get(j)
            if make is not None:
                record = make()
                same = same and record == self.records[i]
                row.add(record)
                continue
            k = again.get(i)
            if k is None:
                k = again[i] = row.add(self.records[i])
            else:
                row.cells.append(k)
        return (self, True) if same else (row, False)

    def states(self) -> str:
        return "".join(STATE_CHARS[self.records[i].state] for i in self.cells)

    def record(self, column: int) -> Record:
        return self.records[self.cells[column]]


STATE_CHARS = {OK: "o", PL: "p", EXPECTED: "e", UNEXPECTED: "x", NONE: "n", SELF: "s"}


@dataclass
class SubnetMatrix:
    """A VPC page's subnet matrix: its subnets × (its subnets, then its peers' while they fit)."""

    vpc: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    peers_shown: tuple[str, ...]  # peer VPCs whose subnets are columns
    peers_left_out: tuple[str, ...]  # peers without room (their VPC-level answers are on the page)
    answers: list[Row]


@dataclass
class SiteReach:
    """Everything reachability the site shows, computed once."""

    topology: Topology
    vpcs: tuple[str, ...]  # natural order; the VPC matrix's rows and columns
    rows: dict[str, Row]  # VPC matrix rows
    subnets: dict[str, SubnetMatrix]
    expectations: Expectations
    unchanged: frozenset[str] = frozenset()  # VPCs whose row and subnet matrix are the last build's (reach_cache)
    column: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.column = {v: i for i, v in enumerate(self.vpcs)}

    def cell(self, v: str, w: str) -> Record:
        return self.rows[v].record(self.column[w])

    def incoming(self, w: str) -> Iterator[tuple[str, Record]]:
        j = self.column[w]
        for v in self.vpcs:
            yield v, self.rows[v].record(j)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATES, 0)
        for row in self.rows.values():
            for i in row.cells:
                out[row.records[i].state] += 1
        return out


def subnet_axes(topology: Topology, vpc_id: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...],
                                                          tuple[str, ...]]:
    """Rows, columns, peers shown and peers left out of a VPC page's subnet matrix."""
    own = natural_sorted(s.id for s in topology.subnets_of(vpc_id))
    cols = list(own)
    shown: list[str] = []
    left: list[str] = []
    peers = natural_sorted(p for p in dataplane(topology).neighbours.active_peers(vpc_id)
                           if topology.get("vpc", p) is not None)
    for p in peers:
        theirs = natural_sorted(s.id for s in topology.subnets_of(p))
        if len(cols) + len(theirs) <= MAX_SUBNET_COLUMNS:
            cols += theirs
            shown.append(p)
        else:
            left.append(p)
    return tuple(own), tuple(cols), tuple(shown), tuple(left)
