"""The lines of a VPC diagram, routed around text (:mod:`.route`).

Always drawn: each border item to its outside node (internet, AWS service, peer VPC,
transit gateway, on-premises network), and the PrivateLink provider chain (endpoint
service -> NLB -> ALB, EPS-1, EPS-5). With the routes layer (:func:`add_route_rows` before
measuring), each subnet lists, per target, the destinations its route table sends there —
``0.0.0.0/0`` to a NAT gateway, ``10.1.0.0/16`` to a peering, ``pl (s3)`` to a gateway
endpoint — and an arrow runs from that row to the target (the data plane's effective
routes: derived gateway-endpoint and propagated rows included; blackholes dashed red).
"""

from __future__ import annotations

from ...model import Topology
from ...routing import EffectiveRoute, dataplane
from . import palette
from .highlight import line_status
from .ids import gv_id
from .labels import INK, RING_COLORS
from .parts import text
from .route import DOWN, LEFT, RIGHT, UP, Port, Router
from .scene import Block, Scene
from .vpc_items import BorderItem, VpcItems
from .vpc_layout import Geometry

LINE_COLOR = {"nat-gateway": palette.EGRESS, "internet-gateway": palette.EGRESS,
              "egress-only-internet-gateway": palette.EGRESS, "vpc-peering": palette.PEERING,
              "transit-gateway": palette.TRANSIT, "vpn-gateway": palette.TRANSIT,
              "gateway-endpoint": palette.SERVICE}
ROW_LIMIT = 30


def _dest(route: EffectiveRoute) -> str:
    if route.origin == "gateway-endpoint" and route.service:
        return f"pl ({route.service})"
    return route.destination


RouteRow = tuple[Block, str, str, str, bool]  # row, subnet, target id, colour, dashed


def add_route_rows(items: VpcItems, topology: Topology) -> list[RouteRow]:
    """Add the routes layer's rows to the subnets; returns (row, subnet, target id, colour, dashed)."""
    dp = dataplane(topology)
    aws_ids = {o.aws_id: o.id for kind in ("instance", "network-interface") for o in topology.by_kind(kind)
               if getattr(o, "aws_id", None)}
    out = []
    for sid, part in items.subnets.items():
        eff = dp.subnet_routes(sid)
        if eff is None:
            continue
        groups: dict[str, list] = {}
        for r in eff.routes:
            if r.origin == "local" or not r.selected:
                continue
            target = r.target if r.target in items.targets else aws_ids.get(r.target, r.target)
            if target in items.targets:
                groups.setdefault(target, []).append(r)
        for target, routes in groups.items():
            dests = [_dest(r) for r in routes]
            shown = ", ".join(dests)
            if len(shown) > ROW_LIMIT:
                shown = dests[0] + (f" +{len(dests) - 1}" if len(dests) > 1 else "")
            dead = all(not r.active for r in routes)
            row = items.scene.block(gv_id("rtrow", sid, target), text(
                (shown + (" (blackhole)" if dead else ""), palette.BLACKHOLE if dead else INK)))
            part.routes.append(row)
            color = palette.BLACKHOLE if dead else LINE_COLOR.get(routes[0].target_type, palette.LINK)
            out.append((row, sid, target, color, dead))
    return out


def _ports_of(block: Block, side: str | None, k: int = 0) -> list[Port]:
    """Where lines may end at ``block`` (spread by ``k`` when several end there)."""
    off = (0, -8, 8, -16, 16, -24, 24)[k % 7]
    x, y = block.icon_x, block.y + block.h / 2
    if side == "top":
        return [Port((x + off, block.rect.bottom), UP)]
    if side == "bottom":
        return [Port((x + off, block.y), DOWN)]
    if side == "right":
        return [Port((block.x, y + off), RIGHT)]
    return [Port((x + off, block.y), DOWN), Port((x + off, block.rect.bottom), UP),
            Port((block.x, y + off), RIGHT), Port((block.rect.right, y + off), LEFT)]


def draw(items: VpcItems, geo: Geometry, topology: Topology,
         route_rows: list[RouteRow]) -> None:
    scene = items.scene
    router = Router(scene.obstacles(), geo.xs, geo.ys, geo.soft)
    # border items to their outside nodes (short, straight)
    for it in items.top + items.bottom:
        far = it.outside if it.outside is not None else (items.top[0].outside if it in items.top else None)
        if far is not None:
            _border_line(scene, router, it, far, geo.sides.get(it.icon.id, "bottom"))
    # PrivateLink provider side: endpoint service -> NLB -> ALB
    for svc in topology.endpoint_services:
        if svc.vpc != items.vpc_id or svc.id not in items.targets:
            continue
        for lb_id in svc.load_balancers:
            lb = topology.get("load-balancer", lb_id)
            if lb is None or lb_id not in items.targets:
                continue
            _connect(scene, router, items.targets[svc.id], items.targets[lb_id], gv_id("edgepl", svc.id, lb_id),
                     palette.PRIVATELINK, dashed=True, start_side=geo.sides.get(items.targets[svc.id].id))
            for tg in lb.target_groups:
                if tg.target_type != "alb":
                    continue
                for alb in tg.targets:
                    if alb in items.targets:
                        _connect(scene, router, items.targets[lb_id], items.targets[alb],
                                 gv_id("edgepl", lb_id, alb), palette.PRIVATELINK, dashed=True)
    # the routes layer: lines to one target share their lanes (a trunk into one arrowhead)
    for row, sid, target, color, dead in route_rows:
        tb = items.targets[target]
        start = [Port((items.subnets[sid].box.rect.right, row.y + row.h / 2), RIGHT)]
        path = router.route(start, _ports_of(tb, geo.sides.get(tb.id)), group="route:" + tb.id + (":x" if dead else ""))
        if path is None:
            continue
        path = [(row.rect.right, path[0][1])] + path
        status = line_status(None, tb.status)
        scene.line(gv_id("route", row.id), row.id, tb.id, path, color=RING_COLORS[status] if status else color,
                   dashed=dead or status == "removed", width=2.0 if status else 1.3, status=status)


def _border_line(scene: Scene, router: Router, it: BorderItem, far: Block, side: str) -> None:
    ic = it.icon
    if side == "top":
        start = [Port((ic.icon_x, ic.y), UP)]
        end = [Port((far.icon_x, far.rect.bottom), UP)]
    elif side == "right":
        start = [Port((ic.rect.right, ic.y + ic.h / 2), RIGHT)]
        end = [Port((far.x, far.y + far.h / 2), RIGHT)]
    else:
        start = [Port((ic.icon_x, ic.rect.bottom), DOWN)]
        end = [Port((far.icon_x, far.y), DOWN)]
    path = router.route(start, end)
    if path is not None:
        status = line_status(ic.status, far.status)
        scene.line(gv_id("edge", ic.id, far.id), ic.id, far.id, path, arrow=it.arrow, status=status,
                   color=RING_COLORS[status] if status else it.color, dashed=it.dashed or status == "removed",
                   width=2.0 if status else 1.4)


def _connect(scene: Scene, router: Router, a: Block, b: Block, ident: str, color: str, *, dashed: bool = False,
             start_side: str | None = None) -> None:
    if start_side == "bottom":
        start = [Port((a.icon_x, a.y), UP)]
    else:
        start = [Port((a.icon_x, a.y), UP), Port((a.icon_x, a.rect.bottom), DOWN),
                 Port((a.x, a.y + a.h / 2), LEFT), Port((a.rect.right, a.y + a.h / 2), RIGHT)]
    path = router.route(start, _ports_of(b, None))
    if path is not None and not scene.has(ident):
        status = line_status(None, a.status, b.status)
        scene.line(ident, a.id, b.id, path, color=RING_COLORS[status] if status else color,
                   dashed=dashed or status == "removed", status=status)
