"""Reachability matrices: VPC × VPC for the estate, subnet × subnet for one VPC.

Subnets that share a route table (and, when that table routes to a transit gateway, an AZ —
TGW-2) behave the same as sources, so each group is traced once; each destination VPC CIDR
block is looked up once per route table unless a route splits it (then its subnets are looked
up one by one); every route-table look-up is memoised per (table, destination). Answers are
built lazily from the stored flows, so a 500 × 500 matrix does not keep 250,000 formatted
answers around.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...model import Topology
from .engine import Flow, reachability
from .results import Answer
from .selection import Dest


@dataclass(slots=True)
class Cell:
    """One cell: ``source`` → ``destination``. ``answer`` is built on first use."""

    source: str
    destination: str
    flow: Flow = field(repr=False)
    # the flow was traced from another subnet of the same group: (that subnet, this one)
    alias: tuple[str, str] | None = field(default=None, repr=False)
    _answer: Answer | None = field(default=None, repr=False)

    @property
    def reachable(self) -> bool:
        return self.flow.ok

    @property
    def reason(self) -> str:
        return self.flow.message

    @property
    def answer(self) -> Answer:
        if self._answer is None:
            answer = self.flow.answer(self.source, self.destination)
            if self.alias and self.alias[0] != self.alias[1]:
                rep, me = self.alias
                answer = replace(answer, path=tuple(replace(h, at=me) if h.at == rep else h for h in answer.path))
            self._answer = answer
        return self._answer


@dataclass
class Matrix:
    """``level`` is ``vpc`` or ``subnet``; ``cells[(row, column)]`` holds every pair."""

    level: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    stats: dict = field(default_factory=dict)

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]

    def reachable(self, row: str, column: str) -> bool:
        return self.cells[(row, column)].reachable

    def __iter__(self):
        for r in self.rows:
            for c in self.columns:
                yield self.cells[(r, c)]

    def to_json(self, paths: bool = False) -> dict:
        cells = []
        for cell in self:
            if paths:
                cells.append(cell.answer.to_json())
            else:
                cells.append({"from": cell.source, "to": cell.destination, "reachable": cell.reachable,
                              "reason": cell.reason})
        return {"level": self.level, "rows": list(self.rows), "columns": list(self.columns), "cells": cells}

    def format(self) -> str:
        """A text grid: ``✓`` reachable, ``✗`` not; then the reasons of the unreachable pairs."""
        width = max((len(r) for r in self.rows), default=4)
        lines = []
        header = " " * width + "  " + " ".join(f"{i:>2}" for i in range(1, len(self.columns) + 1))
        lines.append(header)
        for r in self.rows:
            marks = " ".join(f"{'✓' if self.cells[(r, c)].reachable else '✗':>2}" for c in self.columns)
            lines.append(f"{r:<{width}}  {marks}")
        lines.append("")
        for i, c in enumerate(self.columns, 1):
            lines.append(f"{i:>2}: {c}")
        blocked = [cell for cell in self if not cell.reachable and cell.source != cell.destination]
        if blocked:
            lines.append("")
            lines.append("not reachable:")
            for cell in blocked:
                prefix = f"{cell.source} → {cell.destination}: "
                lines.append("  " + (cell.reason if cell.reason.startswith(prefix) else prefix + cell.reason))
        return "\n".join(lines)


def _lookups(engine) -> int:
    return sum(t.lookups for t in engine.tables.values())


def vpc_matrix(topology: Topology, vpcs=None) -> Matrix:
    """VPC × VPC: can some subnet of the row VPC reach some subnet of the column VPC, with
    replies coming back? ``vpcs`` limits rows and columns (default: every VPC)."""
    r = reachability(topology)
    ids = tuple(sorted(vpcs if vpcs is not None else (v.id for v in topology.vpcs)))
    before = _lookups(r.engine)
    cells = {}
    for v in ids:
        for w in ids:
            cells[(v, w)] = Cell(v, w, r.vpc_pair(v, w))
    stats = {"pairs": len(cells), "route_lookups": _lookups(r.engine) - before,
             "source_groups": sum(len(r.engine.groups(v)) for v in ids),
             "subnets": sum(len(r.engine.subnets_of.get(v, ())) for v in ids)}
    return Matrix("vpc", ids, ids, cells, stats)


def _neighbourhood(topology: Topology, vpc_id: str) -> list[str]:
    """The VPC itself, its peers and the VPCs sharing a transit gateway with it."""
    out = {vpc_id}
    for p in topology.peerings_of(vpc_id):
        out.add(p.other_side(vpc_id))
    tgws = {a.transit_gateway for a in topology.attachments_of_vpc(vpc_id)}
    for a in topology.tgw_attachments:
        if a.transit_gateway in tgws and a.vpc:
            out.add(a.vpc)
    return sorted(v for v in out if topology.get("vpc", v) is not None)


def subnet_matrix(topology: Topology, vpc_id: str | None = None, columns=None) -> Matrix:
    """Subnet × subnet. Rows: the subnets of ``vpc_id`` (every subnet when None). Columns:
    ``columns`` (subnet ids) when given, else the subnets of ``vpc_id``, its peers and the VPCs
    sharing a transit gateway with it (every subnet when ``vpc_id`` is None)."""
    r = reachability(topology)
    e = r.engine
    if vpc_id is None:
        row_ids = sorted(s.id for s in topology.subnets)
        vpcs = sorted(v.id for v in topology.vpcs)
    else:
        row_ids = sorted(s.id for s in topology.subnets_of(vpc_id))
        vpcs = [vpc_id]
    if columns is None:
        col_vpcs = (sorted(v.id for v in topology.vpcs) if vpc_id is None else _neighbourhood(topology, vpc_id))
        col_ids = [s.id for v in col_vpcs for s in sorted(topology.subnets_of(v), key=lambda s: s.id)]
    else:
        col_ids = list(columns)
    col_ids = [c for c in col_ids if c in e.subnets and e.subnets[c].cidr is not None]
    before = _lookups(e)
    cells = {}
    n_groups = 0
    wanted = set(row_ids)
    for v in vpcs:
        for g in e.groups(v):
            members = [s for s in g.subnets if s in wanted]
            if not members:
                continue
            n_groups += 1
            for c in col_ids:
                s = e.subnets[c]
                flow = e.flow(g.state, Dest("net", s.cidr, vpc=s.vpc, subnet=s.id), g.network, g.state.vpc)
                flow = r._prefixed(flow)
                for m in members:
                    cells[(m, c)] = Cell(m, c, flow, (g.state.at, m))
    row_ids = [x for x in row_ids if any((x, c) in cells for c in col_ids)]
    stats = {"pairs": len(cells), "route_lookups": _lookups(e) - before, "source_groups": n_groups}
    return Matrix("subnet", tuple(row_ids), tuple(col_ids), cells, stats)
