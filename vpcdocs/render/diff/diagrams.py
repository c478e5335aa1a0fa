"""Draw the diff diagrams: the overview and each changed VPC, with what changed highlighted.

What to draw comes from :mod:`vpcdocs.diff.diagrams`; the drawing is the diagram package's
public API (:func:`vpcdocs.render.diagram.render_diagram`), so diff diagrams share the site
diagrams' drawing: ``highlight`` colours what changed, ``base`` lays the diagram out in the
base topology's order (before and after compare by eye) and ``route_changes`` marks the
route-table legend's rows (added ones coloured, removed ones struck through) — each passed
where the diagram package offers it. The drawing rules are
:mod:`vpcdocs.render.diagram.highlight`'s.

VPCs with no change are not re-rendered. A diagram that cannot be drawn is left out with a
note in the report, never a traceback.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...diff.diagrams import (
    OVERVIEW,
    change_map,
    changed_vpcs,
    file_name,
    route_changes,
    title_of,
    union_topology,
)
from ...diff.report import DiagramFile, DiffReport
from ...fsutil import atomic_write
from ...model import Topology


def _renderer() -> tuple[Callable[..., Any], set[str]]:
    """The diagram package's ``render_diagram`` and the keyword arguments it accepts."""
    from ..diagram import render_diagram

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
