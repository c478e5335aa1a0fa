"""Orthogonal line routing around text: lines run in the lanes the layout left free.

The layout hands the router the rectangles no line may cross (every block: captions,
icons, route rows) and the candidate lane coordinates (the centre lines of the gaps between
boxes, a few parallel lanes per gap). A line goes from a *port* on its source (a point on
the block's edge and the direction it leaves in) to one of several ports on its target;
the router searches the grid of lane crossings (A*, Manhattan heuristic) for the cheapest
path where cost = length + a penalty per bend + a penalty per group border crossed
("soft" rectangles) + a penalty for running along a lane an earlier line already uses.
So lines never cross text, prefer the gaps, and spread over parallel lanes. Deterministic:
same inputs, same paths (ties broken by insertion order).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .scene import Point, Rect

# directions: 0 +x, 1 -x, 2 +y, 3 -y
RIGHT, LEFT, DOWN, UP = 0, 1, 2, 3
_STEP = {RIGHT: (1, 0), LEFT: (-1, 0), DOWN: (0, 1), UP: (0, -1)}
_OPPOSITE = {RIGHT: LEFT, LEFT: RIGHT, DOWN: UP, UP: DOWN}


@dataclass(frozen=True)
class Port:
    """A point on a block's edge and the direction a line travels there (leaving a source,
    arriving at a target)."""

    at: Point
    direction: int


def _merge(intervals: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    intervals.sort()
    starts: list[float] = []
    ends: list[float] = []
    for a, b in intervals:
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


class Router:
    def __init__(self, obstacles: Sequence[Rect], xs: Iterable[float], ys: Iterable[float],
                 soft: Sequence[Rect] = (), *, margin: float = 4.0, bend: float = 14.0,
                 cross: float = 40.0, share: float = 6.0) -> None:
        self.margin = margin
        self.obstacles = [r.inflate(margin) for r in obstacles]
        self.soft = list(soft)
        self.xs = sorted(set(round(x, 2) for x in xs))
        self.ys = sorted(set(round(y, 2) for y in ys))
        self.bend, self.cross, self.share = bend, cross, share
        self._hblock: dict[float, tuple[list[float], list[float]]] = {}
        self._vblock: dict[float, tuple[list[float], list[float]]] = {}
        self._hsoft: dict[float, list[float]] = {}
        self._vsoft: dict[float, list[float]] = {}
        self._used_h: dict[float, list[tuple[float, float, str]]] = {}
        self._used_v: dict[float, list[tuple[float, float, str]]] = {}

    # ------------------------------------------------------------------ static geometry

    def _blocked_on_h(self, y: float) -> tuple[list[float], list[float]]:
        """Open x-intervals an obstacle covers on the horizontal line ``y``."""
        got = self._hblock.get(y)
        if got is None:
            got = self._hblock[y] = _merge([(r.x, r.right) for r in self.obstacles if r.y < y < r.bottom])
        return got

    def _blocked_on_v(self, x: float) -> tuple[list[float], list[float]]:
        got = self._vblock.get(x)
        if got is None:
            got = self._vblock[x] = _merge([(r.y, r.bottom) for r in self.obstacles if r.x < x < r.right])
        return got

    def _soft_on_h(self, y: float) -> list[float]:
        got = self._hsoft.get(y)
        if got is None:
            got = self._hsoft[y] = sorted(v for r in self.soft if r.y < y < r.bottom for v in (r.x, r.right))
        return got

    def _soft_on_v(self, x: float) -> list[float]:
        got = self._vsoft.get(x)
        if got is None:
            got = self._vsoft[x] = sorted(v for r in self.soft if r.x < x < r.right for v in (r.y, r.bottom))
        return got

    @staticmethod
    def _hits(block: tuple[list[float], list[float]], a: float, b: float) -> bool:
        """Does the open segment (a, b) (or the point a == b) touch a blocked interval?"""
        starts, ends = block
        i = bisect.bisect_left(starts, b) - 1  # last interval starting before b
        if i < 0:
            return False
        if a == b:
            return starts[i] < a < ends[i]
        return ends[i] > a

    @staticmethod
    def _count(values: list[float], a: float, b: float) -> int:
        return bisect.bisect_left(values, b) - bisect.bisect_right(values, a)

    def free_point(self, p: Point) -> bool:
        return not self._hits(self._blocked_on_h(p[1]), p[0], p[0])

    # ------------------------------------------------------------------ search

    def _stub(self, at: Point, direction: int, reach: float = 60.0) -> Point:
        """Where a line leaving ``at`` in ``direction`` joins the lanes: the first lane within
        ``reach`` (so lines do not run along box edges), else just clear of the margin."""
        dx, dy = _STEP[direction]
        m = self.margin
        near = (round(at[0] + dx * m, 2), round(at[1] + dy * m, 2))
        if dx:
            lane = [x for x in self.xs if 0 < (x - at[0]) * dx <= reach and (x - at[0]) * dx >= m]
            if lane:
                x = min(lane, key=lambda v: abs(v - at[0]))
                a, b = sorted((at[0], x))
                if not self._hits(self._blocked_on_h(round(at[1], 2)), a, b):
                    return (x, round(at[1], 2))
        else:
            lane = [y for y in self.ys if 0 < (y - at[1]) * dy <= reach and (y - at[1]) * dy >= m]
            if lane:
                y = min(lane, key=lambda v: abs(v - at[1]))
                a, b = sorted((at[1], y))
                if not self._hits(self._blocked_on_v(round(at[0], 2)), a, b):
                    return (round(at[0], 2), y)
        return near

    @staticmethod
    def _shared(used: dict[float, list[tuple[float, float, str]]], line: float, a: float, b: float,
                group: str) -> float:
        total = 0.0
        for u, v, g in used.get(line, ()):
            if g != group or not group:
                total += max(0.0, min(b, v) - max(a, u))
        return total

    def route(self, starts: Sequence[Port], ends: Sequence[Port], *, hard: bool = True,
              group: str = "", window: float | None = 240.0) -> list[Point] | None:
        """The cheapest path from one of ``starts`` to one of ``ends`` (points from the
        source's edge to the target's edge), or None when every way is blocked. Lines of the
        same non-empty ``group`` may share lanes freely (a trunk with branches).

        The search first stays within ``window`` points around the ports (lines between
        neighbours stay near them, and large diagrams route fast); only when that finds no
        way does it search the whole diagram."""
        stub_s = [(self._stub(p.at, p.direction), p) for p in starts]
        stub_e = [(self._stub(p.at, _OPPOSITE[p.direction]), p) for p in ends]
        ends_xy = [s[0] for s in stub_s + stub_e]
        xs = set(self.xs)
        ys = set(self.ys)
        if window is not None:
            x0, x1 = min(p[0] for p in ends_xy) - window, max(p[0] for p in ends_xy) + window
            y0, y1 = min(p[1] for p in ends_xy) - window, max(p[1] for p in ends_xy) + window
            xs = {x for x in xs if x0 <= x <= x1}
            ys = {y for y in ys if y0 <= y <= y1}
        path = self._search(stub_s, stub_e, sorted(xs | {p[0] for p in ends_xy}),
                            sorted(ys | {p[1] for p in ends_xy}), hard, group)
        if path is None and window is not None:
            return self.route(starts, ends, hard=hard, group=group, window=None)
        if path is None and hard:
            return self.route(starts, ends, hard=False, group=group, window=window)
        return path

    def _search(self, stub_s: list[tuple[Point, Port]], stub_e: list[tuple[Point, Port]], xs: list[float],
                ys: list[float], hard: bool, group: str) -> list[Point] | None:
        edge_cost: dict[tuple[int, int, int, int], float | None] = {}
        xi = {x: i for i, x in enumerate(xs)}
        yi = {y: j for j, y in enumerate(ys)}
        goals: dict[tuple[int, int], list[Port]] = {}
        for pt, port in stub_e:
            goals.setdefault((xi[pt[0]], yi[pt[1]]), []).append(port)
        goal_points = [p[0] for p in stub_e]

        def h(i: int, j: int) -> float:
            x, y = xs[i], ys[j]
            return min(abs(x - a) + abs(y - b) for a, b in goal_points)

        heap: list[tuple[float, int, float, int, int, int]] = []
        best: dict[tuple[int, int, int], float] = {}
        parent: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
        origin: dict[tuple[int, int, int], Port] = {}
        counter = 0
        for pt, port in stub_s:
            state = (xi[pt[0]], yi[pt[1]], port.direction)
            if best.get(state, float("inf")) > 0:
                best[state] = 0.0
                parent[state] = None
                origin[state] = port
                heapq.heappush(heap, (h(state[0], state[1]), counter, 0.0, *state))
                counter += 1
        while heap:
            _f, _c, g, i, j, d = heapq.heappop(heap)
            state = (i, j, d)
            if g > best.get(state, float("inf")):
                continue
            if (i, j) in goals:
                arrival = next((p for p in goals[(i, j)] if p.direction != _OPPOSITE[d]), None)
                if arrival is not None:
                    return self._finish(state, parent, origin, xs, ys, arrival, group)
            for nd, (di, dj) in _STEP.items():
                if nd == _OPPOSITE[d]:
                    continue
                ni, nj = i + di, j + dj
                if not (0 <= ni < len(xs) and 0 <= nj < len(ys)):
                    continue
                key = (i, j, ni, nj)
                if key not in edge_cost:
                    edge_cost[key] = self._edge(xs[i], ys[j], xs[ni], ys[nj], dj == 0, hard, group)
                step = edge_cost[key]
                if step is None:
                    continue
                cost = step
                if nd != d:
                    cost += self.bend
                ng = g + cost
                nstate = (ni, nj, nd)
                if ng < best.get(nstate, float("inf")):
                    best[nstate] = ng
                    parent[nstate] = state
                    heapq.heappush(heap, (ng + h(ni, nj), counter, ng, ni, nj, nd))
                    counter += 1
        return None

    def _edge(self, x: float, y: float, nx: float, ny: float, horizontal: bool, hard: bool,
              group: str) -> float | None:
        """Cost of one grid step (None: blocked), bends aside."""
        cost = abs(nx - x) + abs(ny - y)
        if horizontal:
            a, b = min(x, nx), max(x, nx)
            blocked = self._hits(self._blocked_on_h(y), a, b)
            cost += self.cross * self._count(self._soft_on_h(y), a, b)
            cost += self.share * self._shared(self._used_h, y, a, b, group)
        else:
            a, b = min(y, ny), max(y, ny)
            blocked = self._hits(self._blocked_on_v(x), a, b)
            cost += self.cross * self._count(self._soft_on_v(x), a, b)
            cost += self.share * self._shared(self._used_v, x, a, b, group)
        if blocked:
            return None if hard else cost + 5000.0
        return cost

    def _finish(self, state: tuple[int, int, int], parent: dict, origin: dict, xs: list[float], ys: list[float],
                end: Port, group: str) -> list[Point]:
        cells: list[tuple[int, int, int]] = []
        cur: tuple[int, int, int] | None = state
        while cur is not None:
            cells.append(cur)
            cur = parent[cur]
        cells.reverse()
        start = origin[cells[0]]
        pts: list[Point] = [start.at] + [(xs[i], ys[j]) for i, j, _d in cells] + [end.at]
        path = simplify(pts)
        self.claim(path, group)
        return path

    def claim(self, path: list[Point], group: str = "") -> None:
        """Mark a path's segments as used (later lines of other groups avoid sharing them)."""
        for (x1, y1), (x2, y2) in zip(path, path[1:]):
            if y1 == y2:
                self._used_h.setdefault(y1, []).append((min(x1, x2), max(x1, x2), group))
            elif x1 == x2:
                self._used_v.setdefault(x1, []).append((min(y1, y2), max(y1, y2), group))


def simplify(points: list[Point]) -> list[Point]:
    """Drop repeated and collinear middle points."""
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return out


def lanes(a: float, b: float, spacing: float = 7.0, most: int = 6) -> list[float]:
    """Parallel lane coordinates inside the gap (a, b): its centre first, then outwards."""
    width = b - a
    if width <= 0:
        return []
    count = max(1, min(most, int(width // spacing)))
    step = width / (count + 1)
    return [round(a + step * (k + 1), 2) for k in range(count)]
