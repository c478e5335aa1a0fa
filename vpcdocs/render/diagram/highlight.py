"""Diff highlighting: what changed drawn in colour, on the site's own layout.

``render_diagram(..., highlight={(kind, spec_id): status}, route_changes={table: [...]},
base=base_topology)`` marks model objects (``kind`` as in :data:`vpcdocs.model.KINDS`,
``status`` one of :data:`STATUSES`):

* blocks (gateways, endpoints, peerings, instances, peer VPCs, …) get a rounded frame in
  the status colour *around* their icon and caption — the frame's room is reserved on every
  block, so a highlighted diagram has exactly the plain one's layout and no frame cuts a
  caption; boxes (VPC, subnet) get their border in the status colour, 3 px; added green,
  changed amber, removed red and dashed (a *ghost*: pass a topology that still holds it);
* lines with a status of their own (overview peerings and attachments, a border item's line
  to its outside node) take that colour; other lines touching an added or removed block
  take its colour;
* a subnet's route-table chip is ``changed`` when its route table is highlighted (and the
  subnet itself is not added/removed); in the route-table legend a changed table's card is
  framed amber, and ``route_changes`` rows are marked: added green ``+``, changed amber
  ``~``, removed struck through in red ``−`` (they are no longer in the drawn topology);
* every highlighted node, cluster and edge gets the SVG class ``diff-<status>`` next to
  Graphviz's own (``<g id="cluster_sn_…" class="cluster diff-removed">``); element ids do
  not change (:mod:`.ids`);
* a legend block (id ``diff_legend``) explains the colours, unless ``legend=False``;
* ``base`` lays the diagram out in the base topology's order (AZ columns, tier rows, border
  items): what was there stays where it was, new things come after (:mod:`.tiers`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ...model import KINDS, Topology
from ...routing import dataplane
from .labels import RING_COLORS, SMALL, font, ring

STATUSES = ("added", "removed", "changed")
COLORS = RING_COLORS
LEGEND_ID = "diff_legend"

Key = tuple[str, str]


@dataclass(frozen=True)
class Highlighting:
    """A validated, hashable highlight mapping (sorted ``((kind, spec_id), status)`` pairs)."""

    items: tuple[tuple[Key, str], ...] = ()
    legend: bool = True
    # route rows that changed, per VPC route table: (table, destination, target, status)
    rows: tuple[tuple[str, str, str, str], ...] = ()

    @classmethod
    def of(cls, highlight: Mapping[Key, str] | None, legend: bool = True,
           route_changes: Mapping[str, Iterable[tuple[str, str, str]]] | None = None) -> Highlighting | None:
        """``None`` for no highlighting; raises ``ValueError`` on an unknown kind or status.

        ``route_changes``: ``{route_table_id: [(status, destination, target), ...]}`` — the
        rows the route-table legend marks (removed rows are listed struck through)."""
        if highlight is None and not route_changes:
            return None
        rows = []
        for table, changes in sorted((route_changes or {}).items()):
            for status, dest, target in changes:
                if status not in STATUSES:
                    raise ValueError(f"unknown route row status {status!r}; use one of {', '.join(STATUSES)}")
                rows.append((str(table), str(dest), str(target), status))
        items = []
        for key, status in (highlight or {}).items():
            if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)):
                raise ValueError(f"highlight key must be (kind, spec_id): {key!r}")
            if key[0] not in KINDS:
                raise ValueError(f"unknown kind {key[0]!r} in highlight; use one of {', '.join(KINDS)}")
            if status not in STATUSES:
                raise ValueError(f"unknown highlight status {status!r}; use one of {', '.join(STATUSES)}")
            items.append((key, status))
        return cls(tuple(sorted(items)), bool(legend), tuple(sorted(rows)))

    @functools.cached_property
    def statuses(self) -> dict[Key, str]:
        return dict(self.items)

    def status(self, keys: Key | Iterable[Key] | None) -> str | None:
        """The status of the first highlighted key (one ``(kind, id)`` or several)."""
        if not keys:
            return None
        if isinstance(keys, tuple) and isinstance(keys[0], str):
            keys = [keys]
        for key in keys:
            if key in self.statuses:
                return self.statuses[key]
        return None

    def route_chip(self, topology: Topology, subnet_id: str) -> str | None:
        """Status of a subnet's route-table chip (the subnet box carries added/removed)."""
        if self.statuses.get(("subnet", subnet_id)) in ("added", "removed"):
            return None
        table = dataplane(topology).subnet_table(subnet_id)
        if table is None:
            return None
        return "changed" if ("route-table", table) in self.statuses or self.route_rows(table) else None

    def route_legend(self, topology: Topology, vpc_id: str) -> str | None:
        """Status of a VPC's route-table legend as a whole."""
        own = self.statuses.get(("vpc", vpc_id))
        if own in ("added", "removed"):
            return own
        for (kind, sid) in self.statuses:
            if kind == "route-table":
                rt = topology.get("route-table", sid)
                if rt is not None and rt.vpc == vpc_id:
                    return "changed"
        return None

    def route_rows(self, table_id: str) -> dict[tuple[str, str], str]:
        """``{(destination, target): status}`` of one route table's changed rows."""
        return {(d, t): s for tab, d, t, s in self.rows if tab == table_id}

    def canonical(self) -> dict:
        """JSON-able form (part of the diagram cache key)."""
        out: dict = {"items": [[k, i, s] for (k, i), s in self.items], "legend": self.legend}
        if self.rows:
            out["rows"] = [list(r) for r in self.rows]
        return out


def status_of(hl: Highlighting | None, *keys: Key) -> str | None:
    return hl.status(list(keys)) if hl is not None else None


def line_status(own: str | None, *ends: str | None) -> str | None:
    """A line's status: its own, else that of a removed (then an added) block it touches."""
    if own:
        return own
    for status in ("removed", "added"):
        if status in ends:
            return status
    return None


def legend_label() -> str:
    """The diff legend: the three colours and what they mean."""
    cells = "".join(
        f'<TD BORDER="2" COLOR="{COLORS[k]}" STYLE="{"rounded,dashed" if k == "removed" else "rounded"}" '
        f'CELLPADDING="4">{font(label, SMALL, COLORS[k], bold=True)}</TD>'
        for k, label in (("added", "added"), ("removed", "removed (dashed ghost)"), ("changed", "changed")))
    table = f'<TABLE BORDER="0" CELLSPACING="6"><TR><TD>{font("diff:", SMALL)}</TD>{cells}</TR></TABLE>'
    return ring(table, pad=0)
