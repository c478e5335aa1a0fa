"""A planned drawing: boxes, measured blocks and routed lines at positions vpcdocs chose.

vpcdocs lays its diagrams out itself (AZ columns, tier rows, borders, lanes) and uses
Graphviz only to measure labels (:mod:`.measure`) and to draw: :meth:`Scene.to_dot` writes
DOT for the ``nop2`` engine, which keeps every node, cluster box and edge exactly where the
scene put it (``pos``, ``bb``) and renders text, icons, SVG and PNG as usual. Coordinates
here are points, y growing downwards (the emitter flips them); 1 pt is 1 px in the SVG.

* :class:`Block` — an HTML-like label (icon, caption, table) drawn as a Graphviz node;
  ``w``/``h`` come from the measuring pass, ``x``/``y`` (top-left) from the layout.
* :class:`Box` — a group rectangle (VPC, AZ, subnet, account, region), a Graphviz cluster.
* :class:`Line` — an edge along a polyline (orthogonal, from :mod:`.route`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .labels import FONT

Point = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inflate(self, d: float) -> Rect:
        return Rect(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)

    def overlaps(self, other: Rect) -> bool:
        """Open overlap (touching edges do not count)."""
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    @staticmethod
    def around(rects: list[Rect]) -> Rect:
        x0, y0 = min(r.x for r in rects), min(r.y for r in rects)
        return Rect(x0, y0, max(r.right for r in rects) - x0, max(r.bottom for r in rects) - y0)


@dataclass(eq=False)
class Block:
    """A node: an HTML-like label body (without the outer ``<>``), placed by its top-left."""

    id: str
    label: str
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    status: str | None = None  # diff status: the SVG class diff-<status>
    obstacle: bool = True  # lines must not cross it (text and icons)
    # drawn as a box of exactly (w, h) instead of the bare label: (fill, border colour, dashed)
    frame: tuple[str, str, bool] | None = None
    icon_dx: float | None = None  # x of the icon's centre from the left edge (lines aim at it)

    @property
    def icon_x(self) -> float:
        return self.x + (self.icon_dx if self.icon_dx is not None else self.w / 2)

    @property
    def rect(self) -> Rect:
        return Rect(self.x, self.y, self.w, self.h)

    def place(self, x: float, y: float) -> Block:
        self.x, self.y = x, y
        return self


@dataclass(frozen=True)
class BoxStyle:
    pencolor: str
    fill: str = "none"
    dashed: bool = False
    penwidth: float = 1.5


@dataclass(eq=False)
class Box:
    id: str
    style: BoxStyle
    rect: Rect = field(default_factory=lambda: Rect(0, 0, 0, 0))
    status: str | None = None
    pencolor: str | None = None  # overrides (diff highlighting)
    penwidth: float | None = None
    dashed: bool | None = None
    children: list[Box] = field(default_factory=list)

    def add(self, child: Box) -> Box:
        self.children.append(child)
        return child

    def walk(self) -> Iterator[Box]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(eq=False)
class Line:
    id: str
    tail: str  # node ids (the SVG <title> reads "tail->head")
    head: str
    points: list[Point]
    color: str = "#7B8894"
    width: float = 1.4
    dashed: bool = False
    dotted: bool = False
    arrow: str = "forward"  # forward | back | both | none
    status: str | None = None


ARROW = 9.0  # arrowhead length (Graphviz arrowsize 0.9)


def _fmt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Scene:
    """Everything one diagram draws, in drawing order (boxes, then lines, then blocks)."""

    def __init__(self, title: str = "") -> None:
        self.title = title
        self.boxes: list[Box] = []  # roots
        self.blocks: list[Block] = []
        self.lines: list[Line] = []
        self._ids: set[str] = set()

    def _claim(self, ident: str) -> str:
        if ident in self._ids:
            raise ValueError(f"duplicate element id {ident!r}")
        self._ids.add(ident)
        return ident

    def block(self, ident: str, label: str, **kw: object) -> Block:
        b = Block(self._claim(ident), label, **kw)  # type: ignore[arg-type]
        self.blocks.append(b)
        return b

    def box(self, ident: str, style: BoxStyle, parent: Box | None = None, **kw: object) -> Box:
        b = Box(self._claim(ident), style, **kw)  # type: ignore[arg-type]
        (parent.children if parent is not None else self.boxes).append(b)
        return b

    def line(self, ident: str, tail: str, head: str, points: list[Point], **kw: object) -> Line:
        ln = Line(self._claim(ident), tail, head, points, **kw)  # type: ignore[arg-type]
        self.lines.append(ln)
        return ln

    def has(self, ident: str) -> bool:
        return ident in self._ids

    def all_boxes(self) -> Iterator[Box]:
        for b in self.boxes:
            yield from b.walk()

    def bounds(self) -> Rect:
        rects = [b.rect for b in self.blocks] + [b.rect for b in self.all_boxes()]
        rects += [Rect(x, y, 0, 0) for ln in self.lines for x, y in ln.points]
        return Rect.around(rects) if rects else Rect(0, 0, 1, 1)

    def obstacles(self) -> list[Rect]:
        return [b.rect for b in self.blocks if b.obstacle]

    # ------------------------------------------------------------------ DOT for nop2

    def to_dot(self, margin: float = 8.0, background: str = "white", extra: dict[str, str] | None = None) -> str:
        """DOT source with every position fixed (render with ``dot``; ``layout=nop2``);
        ``extra``: more graph attributes."""
        bb = self.bounds()
        ox, oy = margin - bb.x, margin - bb.y
        height = bb.h + 2 * margin

        def pt(p: Point) -> str:
            return f"{_fmt(p[0] + ox)},{_fmt(height - (p[1] + oy))}"

        out = [
            "digraph vpcdocs {",
            f'graph [layout=nop2, outputorder=edgesfirst, bgcolor={_q(background)}, pad="{margin / 72:.4f}", '
            f'bb="0,0,{_fmt(bb.w + 2 * margin)},{_fmt(height)}", fontname={_q(FONT)}];',
            f'node [shape=plain, fontname={_q(FONT)}, margin="0"];',
            *(f"graph [{_q(k)}={_q(v)}];" for k, v in sorted((extra or {}).items())),
            f'edge [fontname={_q(FONT)}, arrowsize="{ARROW / 10:g}"];',
        ]

        def box(b: Box, depth: int) -> None:
            r = b.rect
            pad = "  " * depth
            st = b.style
            dashed = st.dashed if b.dashed is None else b.dashed
            attrs = {
                "bb": f"{_fmt(r.x + ox)},{_fmt(height - (r.bottom + oy))},{_fmt(r.right + ox)},{_fmt(height - (r.y + oy))}",
                "id": b.id, "label": "", "pencolor": b.pencolor or st.pencolor,
                "penwidth": _fmt(b.penwidth or st.penwidth),
                "style": ",".join(s for s in ("filled" if st.fill != "none" else "", "dashed" if dashed else "") if s)
                or "solid",
            }
            if st.fill != "none":
                attrs["fillcolor"] = st.fill
            if b.status:
                attrs["class"] = f"diff-{b.status}"
            out.append(f"{pad}subgraph {_q('cluster_' + b.id if not b.id.startswith('cluster_') else b.id)} {{")
            out.append(f"{pad}  graph [" + ", ".join(f"{k}={_q(v)}" for k, v in attrs.items()) + "];")
            for c in b.children:
                box(c, depth + 1)
            out.append(f"{pad}}}")

        for b in self.boxes:
            box(b, 0)
        for ln in self.lines:
            out.append(self._edge(ln, pt))
        for bl in self.blocks:
            attrs = {"pos": pt((bl.x + bl.w / 2, bl.y + bl.h / 2)), "id": bl.id}
            if bl.status:
                attrs["class"] = f"diff-{bl.status}"
            if bl.frame is not None:
                fill, border, dashed = bl.frame
                attrs.update(shape="box", fixedsize="true", width=_fmt(bl.w / 72), height=_fmt(bl.h / 72),
                             style="filled,rounded" + (",dashed" if dashed else ""), fillcolor=fill,
                             color=border, penwidth="1.5")
            body = ", ".join(f"{k}={_q(v)}" for k, v in attrs.items())
            out.append(f"{_q(bl.id)} [{body}, label=<{bl.label}>];")
        out.append("}")
        return "\n".join(out) + "\n"

    @staticmethod
    def _edge(ln: Line, pt: Callable[[Point], str]) -> str:
        pts = [p for i, p in enumerate(ln.points) if i == 0 or p != ln.points[i - 1]]
        if len(pts) < 2:
            pts = pts * 2
        head_tip = tail_tip = None
        if ln.arrow in ("forward", "both"):
            head_tip = pts[-1]
            pts[-1] = _shorten(pts[-2], pts[-1], ARROW)
        if ln.arrow in ("back", "both"):
            tail_tip = pts[0]
            pts[0] = _shorten(pts[1], pts[0], ARROW)
        spline = [pts[0]]
        for a, b in zip(pts, pts[1:]):
            spline += [a, b, b]
        pos = " ".join(pt(p) for p in spline)
        if head_tip is not None:  # Graphviz reads "s," before "e,"
            pos = f"e,{pt(head_tip)} " + pos
        if tail_tip is not None:
            pos = f"s,{pt(tail_tip)} " + pos
        attrs = {"pos": pos, "id": ln.id, "color": ln.color, "penwidth": _fmt(ln.width),
                 "dir": ln.arrow, "arrowhead": "normal", "arrowtail": "normal"}
        if ln.dashed or ln.dotted:
            attrs["style"] = "dashed" if ln.dashed else "dotted"
        if ln.status:
            attrs["class"] = f"diff-{ln.status}"
        body = ", ".join(f"{k}={_q(v)}" for k, v in attrs.items())
        return f"{_q(ln.tail)} -> {_q(ln.head)} [{body}];"


def _shorten(a: Point, b: Point, d: float) -> Point:
    """The point ``d`` before ``b`` on the segment from ``a`` (never past ``a``)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = (dx * dx + dy * dy) ** 0.5
    if length <= 1e-9:
        return b
    k = min(d, length * 0.9) / length
    return (b[0] - dx * k, b[1] - dy * k)
