"""Diff diagrams: the overview and each changed VPC, with what changed highlighted.

How: the diagram package draws a *union* topology — the head plus every object the head
removed (kept as a ghost) — through its public API
(:func:`vpcdocs.render.diagram.render_diagram` with ``highlight={(kind, spec_id): status}``),
so diff diagrams share the site diagrams' layout (AZ order, crash fallback, icon embedding):

* added elements green, removed ones red and dashed, changed ones amber (nodes get a frame,
  clusters their border, edges of a changed peering / attachment or touching a ghost or new
  node their colour);
* every highlighted SVG group also gets a class ``diff-added`` / ``diff-removed`` /
  ``diff-changed`` (tools and tests find them by element id);
* a legend node explains the colours.

VPCs with no change are not re-rendered. A diagram that cannot be drawn is left out with a
note in the report, never a traceback.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..fsutil import atomic_write
from ..model import KINDS, Topology
from .report import DiagramFile, DiffReport


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


def write_diff_diagrams(report: DiffReport, base: Topology, head: Topology, out_dir) -> DiffReport:
    """Write ``overview.svg`` and ``vpc-<slug>.svg`` for each changed VPC into ``out_dir``;
    return the report with the diagrams (and notes for any that could not be drawn)."""
    if report.errors:
        return dataclasses.replace(report, notes=report.notes + ("no diff diagrams: the specs do not load",))
    if not (report.resources or report.routes):
        return report
    try:
        from ..render.diagram import OVERVIEW, diagram_filename, render_diagram
    except Exception as exc:  # the diagram package is not there
        return dataclasses.replace(report, notes=report.notes + (f"no diff diagrams: {exc}",))
    union = union_topology(base, head)
    changes = change_map(report)
    vpcs = changed_vpcs(report, base, head)
    # the overview shows VPCs as boxes: one whose inside changed is amber there
    overview_changes = dict(changes)
    for v in vpcs:
        overview_changes.setdefault(("vpc", v), "changed")
    out = Path(out_dir)
    files: list[DiagramFile] = []
    notes: list[str] = []
    targets = [(OVERVIEW, "Network overview", None, overview_changes)]
    for v in vpcs:
        vpc = union.vpc(v)
        what = "removed" if head.get("vpc", v) is None else "added" if base.get("vpc", v) is None else "changed"
        targets.append((v, f"VPC {vpc.label} ({what})", v, changes))
    for which, title, vpc_id, highlight in targets:
        name = diagram_filename(which, "svg")
        try:
            data = render_diagram(union, which, "svg", highlight=highlight).data
        except Exception as exc:  # a diagram that cannot be drawn must not stop the report
            notes.append(f"diff diagram {name} not drawn: {type(exc).__name__}: {exc}")
            continue
        atomic_write(out / name, data)
        files.append(DiagramFile(name, title, vpc_id))
    return dataclasses.replace(report, diagrams=tuple(files), notes=report.notes + tuple(notes))
