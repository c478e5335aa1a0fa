"""Diff diagrams, as data: which diagrams a change needs and what they highlight.

The diagrams are drawn by :mod:`vpcdocs.render.diff.diagrams` (the diff package compares
models and returns data; renderers draw): a *union* topology — the head plus every object the
head removed, kept as a ghost — with ``highlight={(kind, spec_id): status}`` (:func:`change_map`)
and the route-table rows that changed (:func:`route_changes`), for the overview and each VPC
of :func:`changed_vpcs`.

Files are named after the VPC id (``vpc-a.svg``; ``overview.svg`` for the overview), titles
after its name (``VPC A (changed)``).
"""

from __future__ import annotations

import dataclasses

from ..fsutil import safe_name
from ..model import KINDS, Topology
from .report import DiffReport

OVERVIEW = "overview"


def union_topology(base: Topology, head: Topology) -> Topology:
    """The head plus every object of the base the head no longer has (the ghosts)."""
    fields = {}
    for attr in KINDS.values():
        items = {i.id: i for i in getattr(head, attr)}
        for item in getattr(base, attr):
            items.setdefault(item.id, item)
        fields[attr] = tuple(items[k] for k in sorted(items))
    return dataclasses.replace(head, **fields)


def change_map(report: DiffReport) -> dict[tuple[str, str], str]:
    """(kind, spec id) → added / removed / changed, from the resource and route diffs: the
    ``highlight`` of :func:`vpcdocs.render.diagram.render_diagram`.

    A VPC route table whose rows or subnet associations changed is ``changed`` (its subnets'
    route-table chips and the VPC's route legend show it); the route diff compares implicit
    main-table associations too, so a subnet moved between tables marks both tables.
    """
    out = {(r.kind, r.id): r.change for r in report.resources}
    for t in report.routes:
        if t.kind == "vpc":
            out.setdefault(("route-table", t.table), t.change)
    return out


def route_changes(report: DiffReport) -> dict[str, list[tuple[str, str, str]]]:
    """VPC route table → [(status, destination, target)] of its changed rows (a changed row
    is listed as its new form, ``changed``)."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for t in report.routes:
        if t.kind != "vpc":
            continue
        for rc in t.rows:
            out.setdefault(t.table, []).append((rc.change, rc.destination, rc.row.target))
    return out


def file_name(which: str) -> str:
    """``overview.svg`` or ``<vpc id>.svg`` (file-name safe; a VPC called ``overview`` gets
    a distinct hashed name)."""
    if which == OVERVIEW:
        return "overview.svg"
    name = safe_name(which)
    return f"{safe_name('vpc:' + which) if name == OVERVIEW else name}.svg"


def title_of(topology: Topology, vpc_id: str, what: str) -> str:
    """``VPC A (changed)``: the VPC's name (its id when it has none) and what happened to it."""
    vpc = topology.get("vpc", vpc_id)
    return f"{vpc.label if vpc is not None else vpc_id} ({what})"


# --------------------------------------------------------------------------- which diagrams


def changed_vpcs(report: DiffReport, base: Topology, head: Topology) -> list[str]:
    """VPCs whose diagram shows a change: their own resources, route tables, peerings, attachments."""
    vpcs: set[str] = set()
    for r in report.resources:
        if r.vpc:
            vpcs.add(r.vpc)
        for topo in (base, head):
            item = topo.get(r.kind, r.id)
            if item is None:
                continue
            if r.kind == "peering":
                vpcs |= {item.requester, item.accepter}
            elif r.kind == "tgw-attachment" and item.vpc:
                vpcs.add(item.vpc)
            elif r.kind == "transit-gateway":
                vpcs |= {a.vpc for a in topo.attachments_of_tgw(item.id) if a.vpc}
            elif r.kind == "endpoint-service":
                vpcs |= {e.vpc for e in topo.interface_endpoints if e.endpoint_service == item.id}
    for t in report.routes:
        if t.kind == "vpc":
            vpcs.add(t.vpc)
    known = {v.id for v in base.vpcs} | {v.id for v in head.vpcs}
    return sorted(vpcs & known)
