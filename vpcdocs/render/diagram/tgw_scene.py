"""A transit gateway's diagram: one lane per TGW route table, associations in, propagations out.

Left column: the attachments, each with an arrow *into* the route table it is associated
with (its traffic is looked up there; TGW-4). Middle: one lane per route table listing its
effective routes — static rows bold, propagated rows plain, blackhole rows red with ⊘,
rows another route overrides greyed (TGW-6). Right column: the attachments again, with an
arrow *out of* every table that learns their routes by propagation (solid) or sends a
static route to them (dotted). Associations and propagations that come from the transit
gateway's default tables (TGW-5, from the data plane) are dashed. A peering attachment's
right-hand block leads on to the peer transit gateway and its region. Above
:data:`GROUP_LIMIT` attachments, attachments with the same account, association and
propagations are drawn as one block ("12 VPC attachments").
"""

from __future__ import annotations

from collections import defaultdict

from ...model import TgwAttachment, Topology
from ...routing import dataplane
from ...routing.tgw import EffectiveTgwRouteTable
from ...sorting import natural_key
from . import palette
from .highlight import Highlighting, status_of
from .ids import gv_id
from .labels import INK, MUTED, NAME, RING_COLORS, SMALL, esc, font, lines, ring
from .links import Link, box_ports, draw_links
from .measure import measure
from .parts import group_title, item
from .route import LEFT, RIGHT, Port, Router, lanes
from .scene import Block, Rect, Scene

GROUP_LIMIT = 24
MAX_ROWS = 14
GAP = 48.0
ICON_PAD = 5


def _att_words(topology: Topology, att: TgwAttachment) -> tuple[str, str]:
    if att.type == "vpc":
        vpc = topology.get("vpc", att.vpc) if att.vpc else None
        return "vpc", f"VPC {vpc.label if vpc else att.vpc}"
    if att.type == "peering":
        peer = topology.get("transit-gateway", att.peer_transit_gateway or "")
        where = f" ({peer.region})" if peer is not None and peer.region else ""
        return "transit-gateway", f"peering to {att.peer_transit_gateway}{where}"
    icon = "direct-connect" if att.type == "direct-connect" else "vpn"
    return icon, att.type.replace("-", " ")


def _lane_rows(eff: EffectiveTgwRouteTable, names: dict[str, str]) -> str:
    rows = []
    for r in eff.routes[:MAX_ROWS]:
        dest = r.prefix_list or r.destination
        if r.blackhole:
            rows.append(font(esc(f"\u2298 {dest} \u00b7 blackhole", 60), SMALL, palette.BLACKHOLE, bold=True))
            continue
        target = names.get(r.attachment or "", r.attachment or "")
        words = f"{dest} \u2192 {target} \u00b7 {r.origin}" + ("" if r.selected else " (not used)")
        rows.append(font(esc(words, 60), SMALL, INK if r.selected else MUTED, bold=r.origin == "static"))
    if len(eff.routes) > MAX_ROWS:
        rows.append(font(f"\u2026 {len(eff.routes) - MAX_ROWS} more routes", SMALL, MUTED))
    return lines(*rows) if rows else lines(font("no routes", SMALL, MUTED))


def build_tgw_scene(topology: Topology, tgw_id: str, *, highlight: Highlighting | None = None) -> Scene:  # noqa: C901
    dp = dataplane(topology)
    tgw = topology.get("transit-gateway", tgw_id)
    scene = Scene()
    atts = sorted(topology.attachments_of_tgw(tgw_id), key=lambda a: natural_key(a.id))
    tables = sorted(dp.tgw_tables_of(tgw_id), key=lambda t: natural_key(t.id))
    assoc = {a.id: dp.association(a.id) for a in atts}
    props: dict[str, list[tuple[str, bool]]] = defaultdict(list)  # att -> [(table, default)]
    for t in tables:
        for a in t.propagations:
            props[a].append((t.id, a in t.default_propagations))
    # ---- attachment groups (one block per attachment, or per group when there are many)
    def signature(a: TgwAttachment) -> tuple[object, ...]:
        vpc = topology.get("vpc", a.vpc) if a.vpc else None
        return (a.type, vpc.account if vpc else "", assoc.get(a.id) or "", tuple(sorted(props.get(a.id, []))))

    groups: dict[tuple, list] = defaultdict(list)
    for att in atts:
        groups[signature(att) if len(atts) > GROUP_LIMIT and att.type == "vpc" else ("one", att.id)].append(att)
    names = {att.id: att.label for att in atts}
    title = scene.block(gv_id("title", tgw_id), group_title(
        "lane", "transit-gateway", f"Transit gateway {tgw.label if tgw else tgw_id}",
        " \u00b7 ".join(p for p in (f"ASN {tgw.asn}" if tgw and tgw.asn else "", tgw.region if tgw else "",
                                    f"account {tgw.account}" if tgw and tgw.account else "") if p),
        f"{len(atts)} attachments \u00b7 {len(tables)} route tables"))
    lefts: dict[str, Block] = {}
    rights: dict[str, Block] = {}
    members: dict[str, list] = {}
    for key, group in groups.items():
        a = group[0]
        icon, what = _att_words(topology, a)
        st = status_of(highlight, *[("tgw-attachment", g.id) for g in group])
        if len(group) > 1:
            label = f"{len(group)} VPC attachments"
            what = ", ".join(g.label for g in group[:2]) + f" +{len(group) - 2}" if len(group) > 2 else ""
            what = (f"account {key[1]}: " if key[1] else "") + what
        else:
            label = a.label
        for side, store in (("in", lefts), ("out", rights)):
            b = scene.block(gv_id("att" + side, a.id), item(icon, label, what, px=26, status=st, limit=30), status=st)
            b.icon_dx = ICON_PAD + 13
            store[a.id] = b
        members[a.id] = group
    lanes_: list[tuple[str, EffectiveTgwRouteTable, Block, Block]] = []
    for t in tables:
        rt = topology.get("tgw-route-table", t.id)
        flags = [w for w, on in (("default association", tgw is not None and tgw.default_association_route_table == t.id),
                                 ("default propagation", tgw is not None and tgw.default_propagation_route_table == t.id)) if on]
        st = status_of(highlight, ("tgw-route-table", t.id))
        head = scene.block(gv_id("lanetitle", t.id), ring(lines(
            font(esc(rt.label if rt else t.id, 50), NAME, palette.TITLE["lane"], bold=True),
            *(font(esc(", ".join(flags), 60), SMALL, MUTED),) if flags else ()), st), status=st)
        body = scene.block(gv_id("lanerows", t.id), ring(_lane_rows(t, names)))
        lanes_.append((t.id, t, head, body))
    peers: dict[str, Block] = {}
    for att in atts:
        if att.type == "peering" and att.peer_transit_gateway and att.id in rights:
            peer = topology.get("transit-gateway", att.peer_transit_gateway)
            far = scene.block(gv_id("tgw", att.peer_transit_gateway, att.id), item(
                "transit-gateway", peer.label if peer else att.peer_transit_gateway,
                " \u00b7 ".join(p for p in (peer.region if peer else "", f"ASN {peer.asn}" if peer and peer.asn else "")
                                if p) or "peer transit gateway", px=30))
            far.icon_dx = ICON_PAD + 15
            peers[att.id] = far
    legend = scene.block(gv_id("tgwlegend", tgw_id), ring(lines(
        font("attachment \u2192 table: association (the table routes the attachment's traffic)", SMALL, MUTED),
        font("table \u2192 attachment: propagation (solid), static route only (dotted)", SMALL, MUTED),
        font("dashed: by the transit gateway's default tables (TGW-5)", SMALL, MUTED),
        font("rows: bold static, plain propagated, \u2298 blackhole, grey overridden (TGW-6)", SMALL, MUTED))))
    sizes = measure(b.label for b in scene.blocks)
    for b in scene.blocks:
        b.w, b.h = sizes[b.label]
    # ---- place
    title.place(0, 0)
    left_w = max((b.w for b in lefts.values()), default=120.0)
    lane_x = left_w + GAP
    lane_w = max([h.w for _i, _t, h, _b in lanes_] + [b.w for _i, _t, _h, b in lanes_] + [240.0]) + 24
    right_x = lane_x + lane_w + GAP
    y = title.rect.bottom + 24
    lane_rects: dict[str, Rect] = {}
    order_left: list[str] = []
    for tid, _t, head, body in lanes_:
        assoc_here = [a for a in lefts if assoc.get(a) == tid]
        order_left += assoc_here
        need = sum(lefts[a].h + 12 for a in assoc_here)
        h = max(head.h + body.h + 30, need + 10)
        box = scene.box("cluster_" + gv_id("lane", tid), palette.LANE)
        box.rect = Rect(lane_x, y, lane_w, h)
        if head.status:
            box.pencolor, box.penwidth, box.status = RING_COLORS[head.status], 3.0, head.status
        head.place(lane_x + 12, y + 8)
        body.place(lane_x + 12, head.rect.bottom + 6)
        ly = y + (h - need) / 2 + 6
        for a in assoc_here:
            lefts[a].place(0, ly)
            ly = lefts[a].rect.bottom + 12
        lane_rects[tid] = box.rect
        y += h + 24
    for a in lefts:  # attachments associated with no table
        if a not in order_left:
            lefts[a].place(0, y)
            y = lefts[a].rect.bottom + 12
    first_lane = {a: min([i for i, (tid, *_r) in enumerate(lanes_) if any(t == tid for t, _d in props.get(a, []))]
                         + [len(lanes_)]) for a in rights}
    ry = title.rect.bottom + 24
    for a in sorted(rights, key=lambda a: (first_lane[a], natural_key(a))):
        rights[a].place(right_x, ry)
        if a in peers:
            peers[a].place(right_x + rights[a].w + 50, ry + rights[a].h / 2 - peers[a].h / 2)
        ry = rights[a].rect.bottom + 14
    legend.place(0, max(y, ry) + 8)
    # ---- lines
    xs = lanes(left_w, lane_x, 8, 7) + lanes(lane_x + lane_w, right_x, 8, 7) + [right_x - 4]
    ys = [lefts[a].rect.cy for a in lefts] + [rights[a].rect.cy for a in rights]
    ys += [r.y - 12 for r in lane_rects.values()] + [r.bottom + 12 for r in lane_rects.values()]
    router = Router(scene.obstacles(), xs, ys, soft=list(lane_rects.values()), share=30.0, bend=10.0)
    links: list[Link] = []
    for a, block in lefts.items():
        assoc_table = assoc.get(a)
        if assoc_table is not None and assoc_table in lane_rects:
            eff, lane_head = next((t, h) for i, t, h, _b in lanes_ if i == assoc_table)
            links.append(Link(gv_id("edgeassoc", a, assoc_table), block, lane_head,
                              palette.TRANSIT, arrow="forward", dashed=a in eff.default_associations,
                              tail_ports=[Port((block.rect.right, block.rect.cy), RIGHT)],
                              head_ports=[Port((lane_x, lane_rects[assoc_table].cy), LEFT)], group="in:" + assoc_table))
    arrivals: dict[str, int] = defaultdict(int)
    for tid, t, head, _body in lanes_:
        targets = {r.attachment for r in t.routes if r.origin == "static" and not r.blackhole and r.attachment}
        for a, block in rights.items():
            ids = {g.id for g in members[a]}
            prop = [(tt, d) for m in ids for tt, d in props.get(m, []) if tt == tid]
            if not prop and not (targets & ids):
                continue
            default = bool(prop) and all(d for _tt, d in prop)
            off = (0, -7, 7, -14, 14)[arrivals[a] % 5]
            arrivals[a] += 1
            links.append(Link(gv_id("edgeprop", tid, a), head, block, palette.PEERING, arrow="forward",
                              dashed=default, tail_ports=[Port((lane_x + lane_w, lane_rects[tid].cy), RIGHT)],
                              head_ports=[Port((block.x, block.rect.cy + off), LEFT)], group="out:" + tid,
                              width=1.4 if prop else 1.2))
            if not prop:
                links[-1].color, links[-1].dotted = palette.LINK, True
    for a, far_tgw in peers.items():
        links.append(Link(gv_id("edgepeer", a), rights[a], far_tgw, palette.TRANSIT, arrow="both",
                          tail_ports=box_ports(rights[a].rect, 0, "r"), head_ports=box_ports(far_tgw.rect, 0, "l")))
    draw_links(scene, links, router)
    return scene
