"""The route-table legend under a VPC diagram: one card per route table, its effective rows.

Rows come from the data plane (derived gateway-endpoint and propagated rows included,
blackholes marked, local rows left out). In a diff diagram a changed table's card is framed
amber, added rows are green with a ``+``, changed rows amber with ``~``, and removed rows
(given by the caller: they are no longer in the drawn topology) are listed struck through
in red with a ``−``.
"""

from __future__ import annotations

from ...model import Topology
from ...routing import EffectiveRoute, dataplane
from ...sorting import natural_key
from .highlight import Highlighting
from .ids import gv_id
from .labels import INK, MUTED, NAME, RING_COLORS, SMALL, esc, font, icon_cell, ring
from .palette import BLACKHOLE
from .scene import Block, Scene

MAX_ROWS = 10  # per card; the full table is on the VPC page


def _dest(route: EffectiveRoute) -> str:
    if route.origin == "gateway-endpoint" and route.service:
        return f"pl ({route.service})"
    return route.destination


def _short(destination: str) -> str:
    """An AWS-managed prefix list name as the other rows show it: ``pl (s3)``."""
    if destination.startswith("com.amazonaws.") and destination.count(".") >= 3:
        return f"pl ({destination.rsplit('.', 1)[1]})"
    return destination


def route_cards(scene: Scene, topology: Topology, vpc_id: str, hl: Highlighting | None) -> list[Block]:
    dp = dataplane(topology)
    cards = []
    drawn = {s.id for s in topology.subnets_of(vpc_id)}
    for eff in sorted(dp.tables_of(vpc_id), key=lambda t: natural_key(t.id)):
        rt = topology.get("route-table", eff.id)
        changes = hl.route_rows(eff.id) if hl is not None else {}
        rows: list[str] = []
        for r in eff.routes:
            if r.origin == "local":
                continue
            mark = changes.get((r.destination, r.target))
            text = f"{_dest(r)} \u2192 {r.target}" + ("" if r.active else " (blackhole)")
            color = RING_COLORS[mark] if mark else (INK if r.active else BLACKHOLE)
            sign = {"added": "+ ", "changed": "~ "}.get(mark or "", "")
            rows.append(font(esc(sign + text, 52), SMALL, color, bold=bool(mark)))
        for (dest, target), mark in sorted(changes.items()):
            if mark == "removed":
                rows.append(font(esc(f"\u2212 {_short(dest)} \u2192 {target}", 52), SMALL, RING_COLORS["removed"],
                                 strike=True))
        if len(rows) > MAX_ROWS:
            rows = rows[: MAX_ROWS - 1] + [font(f"\u2026 {len(rows) - MAX_ROWS + 1} more rows", SMALL, MUTED)]
        served = [s for s in eff.subnets if s in drawn]
        head = font(esc((rt.label if rt else eff.id) + (" (main)" if eff.main else ""), 40), NAME, INK, bold=True)
        sub = font(f"{len(served)} subnet{'s' if len(served) != 1 else ''}", SMALL, MUTED)
        body = rows or [font("local routes only", SMALL, MUTED)]
        cells = (f'<TR><TD ROWSPAN="2" VALIGN="TOP">{_icon()}</TD><TD ALIGN="LEFT">{head}</TD></TR>'
                 f'<TR><TD ALIGN="LEFT">{sub}</TD></TR>'
                 + "".join(f'<TR><TD></TD><TD ALIGN="LEFT">{r}</TD></TR>' for r in body))
        table = (f'<TABLE BORDER="1" COLOR="#D5DBDB" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" '
                 f'BGCOLOR="#FAFAFA">{cells}</TABLE>')
        status = None
        if hl is not None:
            status = "changed" if (("route-table", eff.id) in hl.statuses or changes) else None
            status = hl.statuses.get(("route-table", eff.id), status)
        cards.append(scene.block(gv_id("legend", vpc_id, eff.id), ring(table, status), status=status))
    return cards


def _icon() -> str:
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{icon_cell("route-table", 18)}</TR></TABLE>'


def legend_title(scene: Scene, vpc_id: str) -> Block:
    return scene.block(gv_id("legendtitle", vpc_id), ring(font(
        "Route tables (local routes omitted)", SMALL, MUTED, bold=True), pad=1))
