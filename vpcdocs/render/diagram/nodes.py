"""Node and edge helpers on top of ``diagrams``: icon nodes with escaped HTML labels.

``SourceOnlyDiagram`` builds the DOT source without rendering (no files, no viewer; notes
§2). Nodes are ``diagrams.Node`` objects with explicit ``nodeid`` (deterministic ids, §3.3);
the icon sits in an HTML-like label cell (``<IMG>``), so label lines never overlap it.
"""

from __future__ import annotations

import diagrams
from diagrams import Diagram, Edge, Node

from .icons import icon_path
from .labels import INK, MUTED, esc


class SourceOnlyDiagram(Diagram):
    """A ``diagrams.Diagram`` whose ``__exit__`` only closes the context: no render, no files.

    Edges are held back and written after every cluster: ``diagrams`` writes them at the
    root as soon as they are made, so Graphviz would meet nodes first outside their clusters
    and order sibling boxes by that accident instead of by declaration order.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._edges: list[tuple[str, str, dict]] = []

    def connect(self, node, node2, edge) -> None:
        self._edges.append((node.nodeid, node2.nodeid, edge.attrs))

    def __exit__(self, exc_type, exc_value, traceback):
        for tail, head, attrs in self._edges:
            self.dot.edge(tail, head, **attrs)
        diagrams.setdiagram(None)


class PlainNode(Node):
    """A node without diagrams' own icon handling: we draw the icon inside the label."""

    _icon = None


def node_label(icon: str | None, title: str, *details: str, icon_px: int = 40, size: int = 10,
               limit: int = 34) -> str:
    rows = []
    if icon:
        rows.append(
            f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{icon_px}" HEIGHT="{icon_px}">'
            f'<IMG SRC="{icon_path(icon)}" SCALE="TRUE"/></TD></TR>'
        )
    rows.append(f'<TR><TD><FONT POINT-SIZE="{size}" COLOR="{INK}"><B>{esc(title, limit)}</B></FONT></TD></TR>')
    for d in details:
        if d:
            rows.append(
                f'<TR><TD><FONT POINT-SIZE="{size - 1.5:g}" COLOR="{MUTED}">{esc(d, limit)}</FONT></TD></TR>'
            )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def icon_node(nodeid: str, icon: str | None, title: str, *details: str, icon_px: int = 40,
              size: int = 10, **attrs) -> Node:
    """A node drawn as AWS icon + bold title + grey detail lines (all text escaped)."""
    base = {"shape": "plain", "id": nodeid, "margin": "0"}
    base.update(attrs)
    return PlainNode(node_label(icon, title, *details, icon_px=icon_px, size=size), nodeid=nodeid, **base)


def chip_node(nodeid: str, icon: str | None, text: str, **attrs) -> Node:
    """A small inline chip: 16 px icon + text (used for a subnet's route table)."""
    cells = ""
    if icon:
        cells += f'<TD FIXEDSIZE="TRUE" WIDTH="16" HEIGHT="16"><IMG SRC="{icon_path(icon)}" SCALE="TRUE"/></TD>'
    cells += f'<TD><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(text, 30)}</FONT></TD>'
    label = f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}</TR></TABLE>>'
    base = {"shape": "plain", "id": nodeid}
    base.update(attrs)
    return PlainNode(label, nodeid=nodeid, **base)


def connect(a: Node, b: Node, **attrs) -> None:
    """Draw an edge ``a -> b``. Attribute values must already be DOT-safe (labels: use
    :func:`.labels.edge_label`)."""
    # diagrams derives ``dir`` from its forward/reverse flags and overrides any ``dir`` given.
    direction = attrs.pop("dir", "forward")
    flags = {"forward": (True, False), "back": (False, True), "both": (True, True), "none": (False, False)}
    forward, reverse = flags[direction]
    a.connect(b, Edge(a, forward=forward, reverse=reverse, **attrs))


def invisible(a: Node, b: Node, **attrs) -> None:
    """A layout-only edge (keeps subnets stacked, pushes edge nodes down)."""
    a.connect(b, Edge(a, style="invis", **attrs))

