"""Reachability matrices: VPC × VPC for the estate, subnet × subnet for a neighbourhood.

Every cell is what ``reach`` answers for that pair with the same traffic — the cells are
computed by the very methods ``reach`` calls (:meth:`Reachability.vpc_pair`,
:meth:`Reachability.subnet_pair`), which share the memoised walks of the data plane; nothing
is grouped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ...model import Topology
from ...routing import ANY_TRAFFIC, TrafficSet
from ...sorting import natural_sorted
from .dispositions import Disposition
from .questions import reachability
from .results import Answer


@dataclass(slots=True)
class Cell:
    source: str
    destination: str
    answer: Answer

    @property
    def reachable(self) -> bool:
        return self.answer.reachable

    @property
    def disposition(self) -> Disposition:
        return self.answer.disposition

    @property
    def reason(self) -> str:
        return self.answer.reason


@dataclass
class Matrix:
    """``level`` is ``vpc`` or ``subnet``; ``cells[(row, column)]`` holds every pair."""

    level: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    traffic: str = ""
    stats: dict[str, int] = field(default_factory=dict)

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]

    def reachable(self, row: str, column: str) -> bool:
        return self.cells[(row, column)].reachable

    def __iter__(self) -> Iterator[Cell]:
        for r in self.rows:
            for c in self.columns:
                cell = self.cells.get((r, c))
                if cell is not None:
                    yield cell

    def to_json(self, paths: bool = False) -> dict[str, object]:
        cells: list[dict[str, object]] = []
        for cell in self:
            if paths:
                cells.append(cell.answer.to_json())
            else:
                cells.append({"from": cell.source, "to": cell.destination, "reachable": cell.reachable,
                              "disposition": cell.disposition.value, "reason": cell.reason})
        return {"level": self.level, "traffic": self.traffic, "rows": list(self.rows), "columns": list(self.columns),
                "cells": cells}


def _lookups(r: object) -> int:
    return sum(s.lookups for s in r.dp.selectors.values())  # type: ignore[attr-defined]


def vpc_ids(topology: Topology, vpcs: Iterable[str] | None = None) -> tuple[str, ...]:
    return tuple(natural_sorted(list(vpcs) if vpcs is not None else [v.id for v in topology.vpcs]))


def vpc_cells(topology: Topology, ids: tuple[str, ...], traffic: TrafficSet = ANY_TRAFFIC, *,
              sources: tuple[str, ...] | None = None) -> Iterator[Cell]:
    """The cells of the VPC matrix, row by row, computed as they are read (rows: ``sources``
    when given, else ``ids``; columns: ``ids``)."""
    r = reachability(topology)
    for v in ids if sources is None else sources:
        for w in ids:
            yield Cell(v, w, r.vpc_pair(v, w, traffic))


def vpc_matrix(topology: Topology, vpcs: Iterable[str] | None = None, traffic: TrafficSet = ANY_TRAFFIC) -> Matrix:
    """VPC × VPC: can some place of the row VPC reach some place of the column VPC, with
    replies coming back? ``vpcs`` limits rows and columns (default: every VPC)."""
    r = reachability(topology)
    ids = vpc_ids(topology, vpcs)
    before = _lookups(r)
    cells = {(c.source, c.destination): c for c in vpc_cells(topology, ids, traffic)}
    stats = {"pairs": len(cells), "route_lookups": _lookups(r) - before, "subnets": sum(
        len(topology.subnets_of(v)) for v in ids)}
    return Matrix("vpc", ids, ids, cells, traffic.text(), stats)


def subnet_axes(topology: Topology, vpc_id: str | None = None, columns: Iterable[str] | None = None
                ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Rows and columns of a subnet matrix (see :func:`subnet_matrix`)."""
    r = reachability(topology)
    if vpc_id is None:
        row_ids = natural_sorted([s.id for s in topology.subnets])
        col_vpcs = natural_sorted([v.id for v in topology.vpcs])
    else:
        row_ids = natural_sorted([s.id for s in topology.subnets_of(vpc_id)])
        col_vpcs = list(r.dp.neighbours.neighbourhood(vpc_id))
    if columns is None:
        col_ids = [s for v in col_vpcs for s in natural_sorted([x.id for x in topology.subnets_of(v)])]
    else:
        col_ids = [c for c in columns if topology.get("subnet", c) is not None]
    return tuple(row_ids), tuple(col_ids)


def subnet_cells(topology: Topology, rows: tuple[str, ...], columns: tuple[str, ...],
                 traffic: TrafficSet = ANY_TRAFFIC) -> Iterator[Cell]:
    r = reachability(topology)
    for s in rows:
        for t in columns:
            yield Cell(s, t, r.subnet_pair(s, t, traffic))


def subnet_matrix(topology: Topology, vpc_id: str | None = None, columns: Iterable[str] | None = None,
                  traffic: TrafficSet = ANY_TRAFFIC) -> Matrix:
    """Subnet × subnet. Rows: the subnets of ``vpc_id`` (every subnet when None). Columns:
    ``columns`` when given, else the subnets of ``vpc_id``'s neighbourhood (itself, its peers
    and the VPCs sharing a transit gateway with it; every subnet when ``vpc_id`` is None)."""
    r = reachability(topology)
    row_ids, col_ids = subnet_axes(topology, vpc_id, columns)
    before = _lookups(r)
    cells = {(c.source, c.destination): c for c in subnet_cells(topology, row_ids, col_ids, traffic)}
    stats = {"pairs": len(cells), "route_lookups": _lookups(r) - before}
    return Matrix("subnet", tuple(row_ids), tuple(col_ids), cells, traffic.text(), stats)
