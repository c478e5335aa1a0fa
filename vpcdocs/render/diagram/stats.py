"""Size figures of a diagram, for the build benchmark (issue 11: overviews that scale)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ...model import Topology
from .api import DiagramRef, render_with_scene


@dataclass(frozen=True)
class DiagramStats:
    diagram: str  # DiagramRef.name
    nodes: int  # drawn blocks (icons, captions, labels)
    edges: int  # drawn lines
    boxes: int  # group boxes
    svg_bytes: int
    width: float  # natural size in CSS pixels
    height: float
    seconds: float  # wall time to lay out and draw

    def to_json(self) -> dict[str, object]:
        return {"diagram": self.diagram, "nodes": self.nodes, "edges": self.edges, "boxes": self.boxes,
                "svg_bytes": self.svg_bytes, "width": round(self.width), "height": round(self.height),
                "seconds": round(self.seconds, 3)}


def diagram_stats(topology: Topology, which: str | DiagramRef) -> DiagramStats:
    """Draw ``which`` (``"overview"``, a VPC id or a :class:`~.api.DiagramRef`) as SVG and
    count what it holds. For the overviews of a large estate call it with
    ``DiagramRef("estate")`` and ``DiagramRef("region", r)`` for each region."""
    start = time.perf_counter()
    data, scene = render_with_scene(topology, which, "svg")
    seconds = time.perf_counter() - start
    bounds = scene.bounds()
    return DiagramStats(DiagramRef.of(which).name, len(scene.blocks), len(scene.lines),
                        sum(1 for _ in scene.all_boxes()), len(data), bounds.w + 16, bounds.h + 16, seconds)
