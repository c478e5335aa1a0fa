"""Lines between blocks with labels on them, placed where they cross nothing.

:func:`draw_links` routes every :class:`Link` (:mod:`.route`), then puts each label *on*
one of its line's straight segments — the longest first — as a small pill with a white
fill that the line runs into and out of, at the first place where the pill touches no
text, no other label, no other line and no group border; failing that, beside a segment.
A label that finds no such place is left out (its line still shows the connection; the
facts are on the pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .highlight import line_status
from .labels import RING_COLORS
from .route import DOWN, LEFT, RIGHT, UP, Port, Router
from .scene import Block, Point, Rect, Scene

T = TypeVar("T")


@dataclass(eq=False)
class Link:
    ident: str
    tail: Block
    head: Block
    color: str
    label: Block | None = None  # an unplaced, measured block (obstacle=False until placed)
    arrow: str = "none"
    dashed: bool = False
    dotted: bool = False
    status: str | None = None
    group: str = ""  # links of one group share lanes (a hub's spokes)
    tail_ports: list[Port] = field(default_factory=list)
    head_ports: list[Port] = field(default_factory=list)
    width: float = 1.4


def box_ports(r: Rect, spread: int = 0, sides: str = "tblr") -> list[Port]:
    """Ports in the middle of a rectangle's sides (``t``, ``b``, ``l``, ``r``), shifted by
    ``spread`` steps of 10 so several lines at one box do not meet in one point. Ports are
    given as *leaving* the rectangle; :func:`arriving` turns them around."""
    off = (0, 10, -10, 20, -20, 30, -30)[spread % 7]
    out = []
    if "t" in sides:
        out.append(Port((r.cx + off, r.y), UP))
    if "b" in sides:
        out.append(Port((r.cx + off, r.bottom), DOWN))
    if "l" in sides:
        out.append(Port((r.x, r.cy + off / 2), LEFT))
    if "r" in sides:
        out.append(Port((r.right, r.cy + off / 2), RIGHT))
    return out


def arriving(ports: list[Port]) -> list[Port]:
    flip = {UP: DOWN, DOWN: UP, LEFT: RIGHT, RIGHT: LEFT}
    return [Port(p.at, flip[p.direction]) for p in ports]


def _hits_segment(r: Rect, a: Point, b: Point) -> bool:
    if a[1] == b[1]:
        return r.y < a[1] < r.bottom and max(min(a[0], b[0]), r.x) < min(max(a[0], b[0]), r.right)
    if a[0] == b[0]:
        return r.x < a[0] < r.right and max(min(a[1], b[1]), r.y) < min(max(a[1], b[1]), r.bottom)
    return r.overlaps(Rect(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1])))


def draw_links(scene: Scene, links: list[Link], router: Router, boxes: list[Rect] | None = None) -> int:
    """Route and draw ``links``; returns how many labels could not be placed. Labels also
    keep off the edges of ``boxes`` (group borders)."""
    drawn: list[tuple[Link, list[Point]]] = []
    for ln in links:
        path = router.route(ln.tail_ports, arriving(ln.head_ports), group=ln.group)
        if path is None:
            continue
        status = line_status(ln.status, ln.tail.status, ln.head.status)
        scene.line(ln.ident, ln.tail.id, ln.head.id, path, color=RING_COLORS[status] if status else ln.color,
                   arrow=ln.arrow, dashed=ln.dashed or status == "removed", dotted=ln.dotted, status=status,
                   width=2.0 if status else ln.width)
        drawn.append((ln, path))
    segments: _Grid[tuple[int, Point, Point]] = _Grid()  # drawn segments by link (-1: a group border)
    for i, (_ln, path) in enumerate(drawn):
        for a, b in zip(path, path[1:]):
            segments.add(_seg_rect(a, b), (i, a, b))
    for r in boxes or ():
        corners = [(r.x, r.y), (r.right, r.y), (r.right, r.bottom), (r.x, r.bottom), (r.x, r.y)]
        for a, b in zip(corners, corners[1:]):
            segments.add(_seg_rect(a, b), (-1, a, b))
    taken: _Grid[Rect] = _Grid()
    for blk in scene.blocks:
        if blk.obstacle:
            taken.add(blk.rect.inflate(2), blk.rect.inflate(2))
    missed = 0
    for i, (ln, path) in enumerate(drawn):
        if ln.label is None:
            continue
        # off group borders if possible; a pill over a border line is still readable
        spot = _spot(ln.label, path, taken, segments, i, True) or _spot(ln.label, path, taken, segments, i, False)
        if spot is None:
            scene.blocks.remove(ln.label)
            missed += 1
            continue
        ln.label.place(*spot)
        ln.label.obstacle = True
        ln.label.frame = ("#FFFFFF", ln.color, False)
        taken.add(ln.label.rect.inflate(2), ln.label.rect.inflate(2))
    for ln in links:  # labels of links that could not be routed
        if ln.label is not None and not ln.label.obstacle and ln.label in scene.blocks:
            scene.blocks.remove(ln.label)
    return missed


def _seg_rect(a: Point, b: Point) -> Rect:
    return Rect(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1]))


class _Grid(Generic[T]):
    """A uniform-grid spatial index: what might touch a rectangle, fast on big diagrams."""

    CELL = 96.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[T]] = {}

    def _keys(self, r: Rect) -> list[tuple[int, int]]:
        c = self.CELL
        return [(i, j) for i in range(int(r.x // c), int(r.right // c) + 1)
                for j in range(int(r.y // c), int(r.bottom // c) + 1)]

    def add(self, r: Rect, item: T) -> None:
        for k in self._keys(r):
            self.cells.setdefault(k, []).append(item)

    def near(self, r: Rect) -> list[T]:
        seen: dict[int, T] = {}
        for k in self._keys(r):
            for item in self.cells.get(k, ()):
                seen.setdefault(id(item), item)
        return list(seen.values())


def _spot(label: Block, path: list[Point], taken: _Grid[Rect], segments: _Grid[tuple[int, Point, Point]], me: int,
          borders: bool) -> Point | None:
    """Where ``label`` goes on or beside its line (``me``): touching no text, no other label,
    no other line and (``borders``) no group border."""
    w, h = label.w, label.h
    segs = sorted(zip(path, path[1:]), key=lambda s: -(abs(s[0][0] - s[1][0]) + abs(s[0][1] - s[1][1])))
    cands: list[Point] = []
    for a, b in segs:  # on the line
        length = abs(a[0] - b[0]) + abs(a[1] - b[1])
        if length < (w if a[1] == b[1] else h) + 16:
            continue
        for t in (0.5, 0.3, 0.7):
            mx, my = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            cands.append((mx - w / 2, my - h / 2))
    for a, b in segs:  # beside it
        for t in (0.5, 0.3, 0.7):
            mx, my = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            if a[1] == b[1]:
                cands += [(mx - w / 2, my - 3 - h), (mx - w / 2, my + 3)]
            else:
                cands += [(mx + 4, my - h / 2), (mx - 4 - w, my - h / 2)]
    for x, y in cands:
        r = Rect(x, y, w, h)
        if any(r.overlaps(t) for t in taken.near(r)):
            continue
        own = 0
        clear = True
        for owner, s, e in segments.near(r):
            if (owner == -1 and not borders) or not _hits_segment(r, s, e):
                continue
            if owner == me:
                own += 1  # on its own line: only where the line runs straight through the pill
                if own > 1:
                    clear = False
                    break
            else:
                clear = False
                break
        if clear:
            return (x, y)
    return None
