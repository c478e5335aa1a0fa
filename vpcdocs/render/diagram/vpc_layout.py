"""Place a VPC diagram's blocks: the reference-architecture grid and the border.

Every subnet box has the same width; every box of a tier row has the row's height, so
same-tier subnets line up across AZ columns. Gaps between columns and rows (and around the
AZ boxes) are kept free of text: they are the lanes lines run in (:mod:`.route`); with the
routes layer they widen to hold several parallel lanes. Load balancer bars span their
subnets at a band every box of their row reserves. Border items sit centred on the VPC's
top or bottom edge with their caption outside and their outside node beyond; when the
bottom edge is full they continue down the right edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .route import lanes
from .scene import Block, Rect
from .vpc_items import BorderItem, SubnetPart, VpcItems

PAD = 8  # inside a subnet box
GAP_X, GAP_Y = 10, 6  # between items in a subnet
MIN_SUBNET_W = 190.0
AZ_PAD = 10
ICON = 32
HALF = ICON / 2
LANE = 8.0


@dataclass
class Geometry:
    """What the line drawing needs to know about the placed diagram."""

    vpc: Rect
    xs: list[float] = field(default_factory=list)  # lane coordinates
    ys: list[float] = field(default_factory=list)
    soft: list[Rect] = field(default_factory=list)  # boxes lines should rather not cross
    sides: dict[str, str] = field(default_factory=dict)  # border icon id -> top | bottom | right
    bottom_of_drawing: float = 0.0


def _flow(blocks: list[Block], width: float) -> list[list[Block]]:
    rows: list[list[Block]] = []
    used = width + 1
    for b in blocks:
        if rows and used + GAP_X + b.w <= width:
            rows[-1].append(b)
            used += GAP_X + b.w
        else:
            rows.append([b])
            used = b.w
    return rows


def _content_height(part: SubnetPart, inner: float, band: float) -> float:
    h = PAD + part.header.h + 2 + part.chip.h + 6 + band
    rows = _flow(part.items, inner)
    h += sum(max(b.h for b in r) for r in rows) + GAP_Y * len(rows)
    h += sum(b.h + 2 for b in part.routes)
    return h + PAD


def place(items: VpcItems, lanes_per_gap: int = 1) -> Geometry:  # noqa: C901 - one grid, top to bottom
    extra = LANE * (lanes_per_gap - 1)
    az_gap, row_gap, vpc_pad = 24 + extra, 16 + extra, 16 + extra
    top_gap, bottom_gap = 16 + extra, HALF + 14 + extra
    grid, parts = items.grid, items.subnets
    # ---- widths
    width = MIN_SUBNET_W
    for p in parts.values():
        width = max(width, p.header.w + 2 * PAD, p.chip.w + 2 * PAD,
                    *(b.w + 2 * PAD for b in p.items), *(b.w + 2 * PAD + 8 for b in p.routes))
    for bar, members in items.lbs:
        if len(members) == 1:
            width = max(width, bar.w + 2 * PAD + 12)
    inner = width - 2 * PAD
    # ---- load balancer bands per row
    bands: dict[int, list[tuple[Block, list[str]]]] = {}
    for bar, members in items.lbs:
        rows_of = sorted(grid.position(m)[0] for m in members if grid.position(m))  # type: ignore[index]
        bands.setdefault(rows_of[0], []).append((bar, members))
    band_h = {r: sum(bar.h + 12 for bar, _m in v) for r, v in bands.items()}
    row_h = []
    for r, (_tier, cells) in enumerate(grid.rows):
        row_h.append(max((_content_height(parts[s], inner, band_h.get(r, 0)) for s in cells if s), default=40))
    # ---- vertical skeleton
    vx, vy = 0.0, 0.0
    items.title.place(vx + 12, vy + 10)
    az_top = items.title.rect.bottom + top_gap
    az_title_h = max((t.h for _b, t in items.az_boxes), default=0)
    first_row = az_top + 6 + az_title_h + 8
    tops = []
    y = first_row
    for h in row_h:
        tops.append(y)
        y += h + row_gap
    az_bottom = (y - row_gap if row_h else first_row) + AZ_PAD
    if items.empty is not None:
        items.empty.place(vx + vpc_pad, az_top)
        az_bottom = items.empty.rect.bottom + AZ_PAD
    az_w = width + 2 * AZ_PAD
    ncol = len(grid.columns)
    area_w = ncol * az_w + max(0, ncol - 1) * az_gap
    vpc_w = max(2 * vpc_pad + area_w, items.title.w + 40)
    # ---- columns, subnets
    for c, (box, title) in enumerate(items.az_boxes):
        x = vx + vpc_pad + c * (az_w + az_gap)
        box.rect = Rect(x, az_top, az_w, az_bottom - az_top)
        title.place(x + AZ_PAD, az_top + 6)
    geo = Geometry(Rect(0, 0, 0, 0))
    for r, (_tier, cells) in enumerate(grid.rows):
        for c, sid in enumerate(cells):
            if not sid:
                continue
            part = parts[sid]
            sx = vx + vpc_pad + c * (az_w + az_gap) + AZ_PAD
            sy = tops[r]
            part.box.rect = Rect(sx, sy, width, row_h[r])
            geo.soft.append(part.box.rect)
            part.header.place(sx + PAD, sy + PAD)
            part.chip.place(sx + PAD, part.header.rect.bottom + 2)
            yy = part.chip.rect.bottom + 6 + band_h.get(r, 0)
            for row in _flow(part.items, inner):
                xx = sx + PAD
                for b in row:
                    b.place(xx, yy)
                    xx += b.w + GAP_X
                yy += max(b.h for b in row) + GAP_Y
            ry = sy + row_h[r] - PAD - sum(b.h + 2 for b in part.routes) + 2
            for b in part.routes:
                b.place(sx + width - PAD - b.w, ry)
                ry += b.h + 2
    for r, group in bands.items():
        band_y: float | None = None
        for bar, members in group:
            boxes = [parts[m].box.rect for m in members if grid.position(m) and grid.position(m)[0] == r]  # type: ignore[index]
            if band_y is None:
                band_y = parts[[m for m in members if grid.position(m)][0]].chip.rect.bottom + 8
            x0, x1 = min(b.x for b in boxes) + PAD, max(b.right for b in boxes) - PAD
            bar.w = max(bar.w + 12, x1 - x0)
            bar.h = bar.h + 6
            bar.place((x0 + x1) / 2 - bar.w / 2, band_y)
            band_y += bar.h + 6
    # ---- border: top
    vpc_h = az_bottom + bottom_gap - vy
    cursor = max(items.title.rect.right + 40 + HALF, vx + vpc_w / 2 - 60)
    for it in items.top:
        _on_top(it, cursor, vy, geo)
        cursor = it.caption.rect.right + 40 + HALF
    if items.top:
        vpc_w = max(vpc_w, items.top[-1].caption.rect.right + 16 - vx)
        internet = items.top[0].outside
        if internet is not None:
            icx = items.top[0].icon.icon_x
            internet.place(icx - (internet.icon_x - internet.x), vy - HALF - 34 - internet.h)
    # ---- border: bottom (then right, when the bottom edge is full)
    budget = max(vpc_w, 690.0)
    cursor = vx + 24
    by = vy + vpc_h
    right: list[BorderItem] = []
    on_bottom: list[BorderItem] = []
    for it in items.bottom:
        need = ICON + 4 + it.caption.w
        if cursor + need > vx + budget and cursor > vx + 24:
            right.append(it)
            continue
        cx = cursor + HALF
        it.icon.place(cx - it.icon.w / 2, by - it.icon.h / 2)
        it.caption.place(cx + HALF + 4, by + 4)
        geo.sides[it.icon.id] = "bottom"
        on_bottom.append(it)
        cursor += need + 18
    if on_bottom:
        vpc_w = max(vpc_w, cursor - 18 + 16 - vx)
    geo.vpc = Rect(vx, vy, vpc_w, vpc_h)
    if right:
        ry = vy + 40
        cap_w = max(it.caption.w for it in right)
        for it in right:
            it.icon.place(vx + vpc_w - it.icon.w / 2, ry - it.icon.h / 2)
            it.caption.place(vx + vpc_w + HALF + 6, ry - 4 - it.caption.h)
            if it.outside is not None:
                it.outside.place(vx + vpc_w + HALF + 6 + cap_w + 36, ry - it.outside.h / 2)
            geo.sides[it.icon.id] = "right"
            ry += max(ICON, it.outside.h if it.outside else 0) + 30
        if ry - 10 > vy + vpc_h:
            vpc_h = ry - 10 - vy
            geo.vpc = Rect(vx, vy, vpc_w, vpc_h)
            for it in on_bottom:  # the bottom edge moved: move its items with it
                for b in (it.icon, it.caption):
                    b.place(b.x, b.y + vy + vpc_h - by)
            by = vy + vpc_h
    # outside nodes of the bottom items: their own rows below, in the items' order
    out_rows_y: list[float] = []
    y0 = by + HALF + 4 + max((it.caption.h for it in on_bottom), default=0) + 14 + extra
    x, out_h = vx + 8, 0.0
    gaps_x: list[float] = []
    limit = vx + max(budget, vpc_w)
    for it in on_bottom:
        far = it.outside
        if far is None:
            continue
        want = it.icon.icon_x - (far.icon_x - far.x)  # under its item when there is room
        x = max(x, want)
        if x > vx + 8 and x + far.w > limit:  # next row, as near under its item as fits
            y0 = y0 + out_h + 30
            x, out_h = max(vx + 8, min(want, limit - far.w)), 0.0
        if not out_rows_y or out_rows_y[-1] != y0:
            out_rows_y.append(y0)
        far.place(x, y0)
        gaps_x += [x - 11, far.rect.right + 11]
        x += far.w + 22
        out_h = max(out_h, far.h)
    items.vpc_box.rect = geo.vpc
    # ---- lanes
    xs: list[float] = []
    cols = [b.rect for b, _t in items.az_boxes]
    edges_x = [vx] + [v for r in cols for v in (r.x, r.right)] + [vx + vpc_w]
    for left, right_x in zip(edges_x[::2], edges_x[1::2]):
        xs += lanes(left, right_x, LANE, lanes_per_gap + 1)
    for col in cols:
        xs += lanes(col.x, col.x + AZ_PAD, 3.0, 1) + lanes(col.right - AZ_PAD, col.right, 3.0, 1)
    xs += [vx - 24, vx + vpc_w + 24] + gaps_x
    ys: list[float] = []
    ys += lanes(items.title.rect.bottom, az_top, LANE, lanes_per_gap + 1)
    for upper, lower in zip(tops, tops[1:]):
        prev = [p for p in parts.values() if p.box.rect.y == upper]
        ys += lanes(max((p.box.rect.bottom for p in prev), default=upper), lower, LANE, lanes_per_gap + 1)
    ys += lanes(az_bottom, vy + vpc_h - HALF, LANE, lanes_per_gap + 1)
    ys += lanes(first_row - 8, first_row, 3.0, 1) + [vy - 24]
    capb = max((it.caption.rect.bottom for it in on_bottom), default=by + HALF)
    for top in out_rows_y:
        ys += lanes(capb, top, LANE, 3)
        capb = top + max(it.outside.h for it in on_bottom if it.outside is not None and it.outside.y == top)
    geo.xs, geo.ys = xs, ys
    outs = [b for it in items.top + items.bottom for b in (it.outside, it.caption, it.icon) if b is not None]
    geo.bottom_of_drawing = max([geo.vpc.bottom] + [b.rect.bottom for b in outs])
    return geo


def _on_top(it: BorderItem, cx: float, border_y: float, geo: Geometry) -> None:
    it.icon.place(cx - it.icon.w / 2, border_y - it.icon.h / 2)
    it.caption.place(cx + HALF + 4, border_y - 4 - it.caption.h)
    geo.sides[it.icon.id] = "top"
