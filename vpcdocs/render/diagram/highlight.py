"""Diff highlighting: what changed drawn in colour, on the site's own layout path.

``render_diagram(..., highlight={(kind, spec_id): status})`` marks model objects (``kind``
as in :data:`vpcdocs.model.KINDS`, ``status`` one of :data:`STATUSES`):

* nodes get a rounded frame, clusters (VPC and subnet boxes) their border, in the status
  colour: added green, changed amber, removed red and dashed (a *ghost*: the caller draws a
  topology that still holds the removed object);
* edges with a status of their own (overview peerings, TGW attachments, PrivateLink links)
  take that colour; other drawn edges touching an added or removed node take its colour;
* a subnet's route-table chip is ``changed`` when its route table is highlighted (and the
  subnet box itself is not added/removed); a VPC's route-table legend is ``changed`` when
  one of the VPC's route tables is, or takes the VPC's added/removed status;
* every highlighted node, cluster and edge gets the SVG class ``diff-<status>`` next to
  Graphviz's own (``<g id="cluster_sn_…" class="cluster diff-removed">``); element ids do
  not change (:mod:`.ids`);
* a legend node (id ``diff_legend``) explains the colours, unless ``legend=False``.

The builders ask :func:`active` for the highlighting of the diagram being built (set on
:class:`~.nodes.SourceOnlyDiagram`), so every node and box helper applies it in one place.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import diagrams

from ...model import KINDS, Topology
from .model_view import route_table_of

STATUSES = ("added", "removed", "changed")
COLORS = {"added": "#1E8E3E", "removed": "#D13212", "changed": "#E07B00"}
LEGEND_ID = "diff_legend"

Key = tuple[str, str]


@dataclass(frozen=True)
class Highlighting:
    """A validated, hashable highlight mapping (sorted ``((kind, spec_id), status)`` pairs)."""

    items: tuple[tuple[Key, str], ...] = ()
    legend: bool = True

    @classmethod
    def of(cls, highlight: Mapping[Key, str] | None, legend: bool = True) -> Highlighting | None:
        """``None`` for no highlighting; raises ``ValueError`` on an unknown kind or status."""
        if highlight is None:
            return None
        items = []
        for key, status in highlight.items():
            if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)):
                raise ValueError(f"highlight key must be (kind, spec_id): {key!r}")
            if key[0] not in KINDS:
                raise ValueError(f"unknown kind {key[0]!r} in highlight; use one of {', '.join(KINDS)}")
            if status not in STATUSES:
                raise ValueError(f"unknown highlight status {status!r}; use one of {', '.join(STATUSES)}")
            items.append((key, status))
        return cls(tuple(sorted(items)), bool(legend))

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
        rt = route_table_of(topology, subnet_id)
        return "changed" if rt is not None and ("route-table", rt.id) in self.statuses else None

    def route_legend(self, topology: Topology, vpc_id: str) -> str | None:
        """Status of a VPC's route-table legend."""
        own = self.statuses.get(("vpc", vpc_id))
        if own in ("added", "removed"):
            return own
        for (kind, sid) in self.statuses:
            if kind == "route-table":
                rt = topology.get("route-table", sid)
                if rt is not None and rt.vpc == vpc_id:
                    return "changed"
        return None

    def canonical(self) -> dict:
        """JSON-able form (part of the diagram cache key)."""
        return {"items": [[k, i, s] for (k, i), s in self.items], "legend": self.legend}


def active() -> Highlighting | None:
    """The highlighting of the diagram being built, if any."""
    return getattr(diagrams.getdiagram(), "highlight", None)


def node_attrs(status: str) -> dict[str, str]:
    color = COLORS[status]
    attrs = {"shape": "box", "style": "rounded,dashed" if status == "removed" else "rounded,bold",
             "color": color, "penwidth": "2.5", "margin": "0.06", "class": f"diff-{status}"}
    if status == "removed":
        attrs["fontcolor"] = color
    return attrs


def cluster_attrs(status: str) -> dict[str, str]:
    return {"pencolor": COLORS[status], "penwidth": "3",
            "style": "dashed" if status == "removed" else "bold", "class": f"diff-{status}"}


def edge_attrs(status: str) -> dict[str, str]:
    color = COLORS[status]
    attrs = {"color": color, "fontcolor": color, "penwidth": "2", "class": f"diff-{status}"}
    if status == "removed":
        attrs["style"] = "dashed"
    return attrs


def edge_status(tail: str | None, head: str | None) -> str | None:
    """An edge touching a removed (else an added) node takes that status."""
    for status in ("removed", "added"):
        if status in (tail, head):
            return status
    return None


def legend_label() -> str:
    cells = "".join(
        f'<TD BORDER="2" COLOR="{COLORS[k]}" CELLPADDING="4"><FONT COLOR="{COLORS[k]}" POINT-SIZE="10">'
        f"<B>{label}</B></FONT></TD>"
        for k, label in (("added", "added"), ("removed", "removed (dashed ghost)"), ("changed", "changed")))
    return ('<<TABLE BORDER="0" CELLSPACING="6"><TR><TD><FONT POINT-SIZE="10">diff:</FONT></TD>'
            f"{cells}</TR></TABLE>>")
