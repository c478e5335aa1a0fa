"""Diff diagrams: the overview and each changed VPC, with what changed highlighted.

How: the diagram package draws a *union* topology — the head plus every object the head
removed (kept as a ghost) — through its public API (:func:`vpcdocs.render.diagram.render_diagram`
with ``highlight={(kind, spec_id): status}``), so diff diagrams share the site diagrams'
drawing. Where the diagram package offers them, the diff also passes ``base`` (lay the
diagram out in the base topology's order, so before and after compare by eye) and
``route_changes`` (the route-table legend marks added rows and strikes removed ones).
The drawing rules are the diagram package's (:mod:`vpcdocs.render.diagram.highlight`).

Files are named after the VPC id (``vpc-a.svg``; ``overview.svg`` for the overview), titles
after its name (``VPC A (changed)``). VPCs with no change are not re-rendered. A diagram that
cannot be drawn is left out with a note in the report, never a traceback.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..fsutil import atomic_write, safe_name
from ..model import KINDS, Topology
from .report import DiagramFile, DiffReport

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


def _renderer() -> tuple[Callable[..., Any], set[str]]:
    """The diagram package's ``render_diagram`` and the keyword arguments it accepts."""
    from ..render.diagram import render_diagram

    return render_diagram, set(inspect.signature(render_diagram).parameters)


def write_diff_diagrams(report: DiffReport, base: Topology, head: Topology, out_dir: str | Path) -> DiffReport:
    """Write ``overview.svg`` and ``<vpc>.svg`` for each changed VPC into ``out_dir``; return
    the report with the diagrams (and notes for any that could not be drawn)."""
    if report.errors:
        return dataclasses.replace(report, notes=report.notes + ("no diff diagrams: the specs do not load",))
    if not (report.resources or report.routes):
        return report
    try:
        render, accepts = _renderer()
    except Exception as exc:  # the diagram package cannot be imported
        return dataclasses.replace(report, notes=report.notes + (f"no diff diagrams: {exc}",))
    union = union_topology(base, head)
    changes = change_map(report)
    vpcs = changed_vpcs(report, base, head)
    extra: dict[str, Any] = {}
    if "base" in accepts:
        extra["base"] = base
    if "route_changes" in accepts:
        extra["route_changes"] = route_changes(report)
    # the overview shows VPCs as boxes: one whose inside changed is amber there
    overview_changes = dict(changes)
    for v in vpcs:
        overview_changes.setdefault(("vpc", v), "changed")
    out = Path(out_dir)
    files: list[DiagramFile] = []
    notes: list[str] = []
    targets: list[tuple[str, str, str | None, dict[tuple[str, str], str]]] = [
        (OVERVIEW, "Network overview", None, overview_changes)]
    for v in vpcs:
        what = "removed" if head.get("vpc", v) is None else "added" if base.get("vpc", v) is None else "changed"
        targets.append((v, title_of(union, v, what), v, changes))
    for which, title, vpc_id, highlight in targets:
        name = file_name(which)
        try:
            data = render(union, which, "svg", highlight=highlight, **extra).data
        except Exception as exc:  # a diagram that cannot be drawn must not stop the report
            notes.append(f"diff diagram {name} not drawn: {type(exc).__name__}: {exc}")
            continue
        atomic_write(out / name, data)
        files.append(DiagramFile(name, title, vpc_id))
    return dataclasses.replace(report, diagrams=tuple(files), notes=report.notes + tuple(notes))
