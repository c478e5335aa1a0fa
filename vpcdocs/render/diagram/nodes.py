"""Node and edge helpers on top of ``diagrams``: icon nodes with escaped HTML labels.

``SourceOnlyDiagram`` builds the DOT source without rendering (no files, no viewer; notes
§2). Nodes are ``diagrams.Node`` objects with explicit ``nodeid`` (deterministic ids, §3.3);
the icon sits in an HTML-like label cell (``<IMG>``), so label lines never overlap it.
Node and edge helpers take ``of=(kind, spec_id)`` (the model object drawn) and apply the
diagram's diff highlighting (:mod:`.highlight`) to it.
"""

from __future__ import annotations

import diagrams
from diagrams import Diagram, Edge, Node

from . import highlight as hl
from .icons import icon_path
from .labels import INK, MUTED, esc


class SourceOnlyDiagram(Diagram):
    """A ``diagrams.Diagram`` whose ``__exit__`` only closes the context: no render, no files.

    Edges are held back and written after every cluster: ``diagrams`` writes them at the
    root as soon as they are made, so Graphviz would meet nodes first outside their clusters
    and order sibling boxes by that accident instead of by declaration order.

    ``highlight`` (a :class:`~.highlight.Highlighting`) is applied by the node, group and
    edge helpers; its legend node is written last.
    """

    def __init__(self, *args, highlight: hl.Highlighting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._edges: list[tuple[str, str, dict]] = []
        self.highlight = highlight
        self.node_status: dict[str, str] = {}  # highlighted node ids (edges touching them)

    def connect(self, node, node2, edge) -> None:
        self._edges.append((node.nodeid, node2.nodeid, edge.attrs))

    def __exit__(self, exc_type, exc_value, traceback):
        for tail, head, attrs in self._edges:
            self.dot.edge(tail, head, **attrs)
        if self.highlight is not None and self.highlight.legend:
            self.dot.node(hl.LEGEND_ID, label=hl.legend_label(), id=hl.LEGEND_ID, shape="plain")
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


def highlighted(nodeid: str, attrs: dict, of=None, status: str | None = None) -> dict:
    """``attrs`` of node ``nodeid`` plus the diff styling of ``status`` (or of the model
    object(s) ``of``, looked up in the diagram's highlighting)."""
    if status is None and of:
        current = hl.active()
        status = current.status(of) if current is not None else None
    if status is None:
        return attrs
    diagrams.getdiagram().node_status[nodeid] = status
    return {**attrs, **hl.node_attrs(status)}


def icon_node(nodeid: str, icon: str | None, title: str, *details: str, icon_px: int = 40,
              size: int = 10, of=None, status: str | None = None, **attrs) -> Node:
    """A node drawn as AWS icon + bold title + grey detail lines (all text escaped).

    ``of``: the ``(kind, spec_id)`` drawn (or several, first highlighted wins) for diff
    highlighting; ``status`` sets the highlight directly."""
    base = {"shape": "plain", "id": nodeid, "margin": "0"}
    base.update(attrs)
    base = highlighted(nodeid, base, of, status)
    return PlainNode(node_label(icon, title, *details, icon_px=icon_px, size=size), nodeid=nodeid, **base)


def chip_node(nodeid: str, icon: str | None, text: str, of=None, status: str | None = None,
              **attrs) -> Node:
    """A small inline chip: 16 px icon + text (used for a subnet's route table)."""
    cells = ""
    if icon:
        cells += f'<TD FIXEDSIZE="TRUE" WIDTH="16" HEIGHT="16"><IMG SRC="{icon_path(icon)}" SCALE="TRUE"/></TD>'
    cells += f'<TD><FONT POINT-SIZE="8" COLOR="{MUTED}">{esc(text, 30)}</FONT></TD>'
    label = f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}</TR></TABLE>>'
    base = {"shape": "plain", "id": nodeid}
    base.update(attrs)
    return PlainNode(label, nodeid=nodeid, **highlighted(nodeid, base, of, status))


def connect(a: Node, b: Node, *, of=None, **attrs) -> None:
    """Draw an edge ``a -> b``. Attribute values must already be DOT-safe (labels: use
    :func:`.labels.edge_label`). Highlighted when ``of`` (the model object the edge draws)
    is, else when it touches an added or removed node."""
    current = hl.active()
    if current is not None:
        seen = diagrams.getdiagram().node_status
        status = current.status(of) or hl.edge_status(seen.get(a.nodeid), seen.get(b.nodeid))
        if status:
            attrs.update(hl.edge_attrs(status))
    # diagrams derives ``dir`` from its forward/reverse flags and overrides any ``dir`` given.
    direction = attrs.pop("dir", "forward")
    flags = {"forward": (True, False), "back": (False, True), "both": (True, True), "none": (False, False)}
    forward, reverse = flags[direction]
    a.connect(b, Edge(a, forward=forward, reverse=reverse, **attrs))


def invisible(a: Node, b: Node, **attrs) -> None:
    """A layout-only edge (keeps subnets stacked, pushes edge nodes down)."""
    a.connect(b, Edge(a, style="invis", **attrs))

