"""Boxes of the detailed overview: AWS Cloud > Account > Region > VPC tiles, placed.

Every VPC tile has the same size; a region holds its transit gateway hubs in a column on
the left and its tiles in a grid to the right; regions sit side by side in their account
when they fit, accounts stack in the AWS Cloud box. The gaps between tiles and boxes are
the lanes lines run in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ...model import Topology
from . import palette
from .estate import AccountGroup
from .highlight import Highlighting, status_of
from .ids import gv_id
from .labels import RING_COLORS
from .parts import badge, group_title, item
from .route import lanes
from .scene import Block, Box, Rect, Scene

WIDTH = 690.0  # the page's content width: small estates fit it
GAP_X, GAP_Y = 52.0, 48.0  # between tiles (lanes for lines, room for labels)
PAD = 12.0
BOX_GAP = 26.0
HUB_GAP = 100.0  # between hubs of a region: room for their peering's label
ICON_PAD = 5


@dataclass(eq=False)
class Tile:
    box: Box
    title: Block
    badges: list[Block]
    group: tuple[str, str]  # (account, region) of the box it sits in
    region_title: Block  # that box's title (grouped lines end there)


@dataclass(eq=False)
class RegionLayout:
    box: Box
    title: Block
    hubs: list[Block]
    tiles: list[Tile]


@dataclass(eq=False)
class AccountLayout:
    box: Box
    title: Block
    regions: list[RegionLayout]


@dataclass(eq=False)
class Layout:
    cloud: Box
    title: Block
    accounts: list[AccountLayout]
    tiles: dict[str, Tile] = field(default_factory=dict)
    hubs: dict[str, Block] = field(default_factory=dict)
    hub_group: dict[str, tuple[str, str]] = field(default_factory=dict)
    outside: list[Block] = field(default_factory=list)  # on-premises ends of VPN / DX attachments


@dataclass
class Geo:
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)
    soft: list[Rect] = field(default_factory=list)


def framed(b: Block) -> Block:
    """A badge's look: a white pill with a grey border, sitting on the tile's border."""
    b.frame = ("#FFFFFF", "#AAB7B8", False)
    return b


def _style(box: Box, status: str | None) -> None:
    if status:
        box.pencolor, box.penwidth, box.dashed, box.status = RING_COLORS[status], 3.0, status == "removed", status


def _icon_block(scene: Scene, ident: str, label: str, px: int, status: str | None = None) -> Block:
    b = scene.block(ident, label, status=status)
    b.icon_dx = ICON_PAD + px / 2
    return b


def boxes_for(scene: Scene, topology: Topology, groups: list[AccountGroup], hl: Highlighting | None,
              count_peerings: bool = False) -> Layout:
    """The boxes and blocks of the detailed overview; ``count_peerings``: each region's title
    says how many peerings join its VPCs (when there are too many to draw one by one)."""
    cloud = scene.box("cluster_cloud", palette.CLOUD)
    layout = Layout(cloud, scene.block("cloudtitle", group_title("cloud", "aws-cloud", "AWS Cloud")), [])
    for ag in groups:
        akey = ag.account or "unknown"
        abox = scene.box("cluster_" + gv_id("account", akey), palette.ACCOUNT, cloud)
        atitle = scene.block(gv_id("accounttitle", akey), group_title(
            "account", "account", f"Account {ag.account}" if ag.account else "Account not set"))
        acc = AccountLayout(abox, atitle, [])
        for rg in ag.regions:
            rbox = scene.box("cluster_" + gv_id("region", akey, rg.region or "unknown"), palette.REGION, abox)
            inside = set(rg.vpcs)
            n_peer = sum(1 for p in topology.peerings if p.requester in inside and p.accepter in inside)
            note = f"{n_peer} peering{'s' if n_peer != 1 else ''} between these VPCs (on their pages)" \
                if count_peerings and n_peer else ""
            rtitle = scene.block(gv_id("regiontitle", akey, rg.region or "unknown"), group_title(
                "region", None, f"Region {rg.region}" if rg.region else "Region not set", note))
            reg = RegionLayout(rbox, rtitle, [], [])
            for tgw_id in rg.tgws:
                tgw = topology.get("transit-gateway", tgw_id)
                n = len(topology.attachments_of_tgw(tgw_id))
                st = status_of(hl, ("transit-gateway", tgw_id))
                hub = _icon_block(scene, gv_id("tgw", tgw_id), item(
                    "transit-gateway", tgw.label if tgw else tgw_id, "transit gateway",
                    f"{n} attachment{'s' if n != 1 else ''}" + (f" \u00b7 ASN {tgw.asn}" if tgw and tgw.asn else ""),
                    px=34, status=st), 34, st)
                reg.hubs.append(hub)
                layout.hubs[tgw_id] = hub
                layout.hub_group[tgw_id] = (ag.account, rg.region)
                for att in topology.attachments_of_tgw(tgw_id):
                    if att.type in ("vpn", "direct-connect", "connect"):
                        icon = "direct-connect" if att.type == "direct-connect" else "vpn"
                        far = _icon_block(scene, gv_id("tgwatt", att.id), item(
                            icon, att.label, ", ".join(str(c) for c in att.cidrs[:2]) or att.type, px=28,
                            status=status_of(hl, ("tgw-attachment", att.id))), 28)
                        layout.outside.append(far)
                        layout.hubs[gv_id("tgwatt", att.id)] = far
            for vpc_id in rg.vpcs:
                reg.tiles.append(_tile(scene, topology, vpc_id, rbox, (ag.account, rg.region), rtitle, hl))
                layout.tiles[vpc_id] = reg.tiles[-1]
            for ext_id in rg.externals:
                reg.tiles.append(_external(scene, topology, ext_id, rbox, (ag.account, rg.region), rtitle, hl))
                layout.tiles[ext_id] = reg.tiles[-1]
            acc.regions.append(reg)
        layout.accounts.append(acc)
    return layout


def _tile(scene: Scene, topology: Topology, vpc_id: str, parent: Box, group: tuple[str, str], rtitle: Block,
          hl: Highlighting | None) -> Tile:
    vpc = topology.vpc(vpc_id)
    box = scene.box("cluster_" + gv_id("vpc", vpc_id), palette.VPC, parent)
    _style(box, status_of(hl, ("vpc", vpc_id)))
    subnets = topology.subnets_of(vpc_id)
    azs = len({s.az for s in subnets})
    cidrs = ", ".join(str(c) for c in vpc.all_cidrs[:2]) + (" \u2026" if len(vpc.all_cidrs) > 2 else "")
    counts = f"{len(subnets)} subnet{'s' if len(subnets) != 1 else ''} \u00b7 {azs} AZ{'s' if azs != 1 else ''}"
    title = _icon_block(scene, gv_id("vpcnode", vpc_id), item(
        "vpc", vpc.label, vpc.id if vpc.label != vpc.id else "", cidrs, counts, px=26, limit=26), 26)
    badges = []
    if vpc.internet_gateway:
        badges.append(scene.block(gv_id("badge", vpc_id, "internet"), badge("internet", "Internet"),
                                  status=status_of(hl, ("internet-gateway", vpc.internet_gateway))))
    services = sorted({g.service for g in topology.in_vpc(vpc_id, "gateway-endpoint")})
    for svc in services:
        icon = {"s3": "s3", "s3express": "s3", "dynamodb": "dynamodb"}.get(svc, "aws-service")
        word = {"s3": "S3", "dynamodb": "DynamoDB", "s3express": "S3 Express"}.get(svc, svc)
        badges.append(scene.block(gv_id("badge", vpc_id, svc), badge(icon, word)))
    if vpc.vpn_gateway:
        badges.append(scene.block(gv_id("badge", vpc_id, "vpn"), badge("vpn-gateway", "VPN")))
    for b in badges:
        framed(b)
    return Tile(box, title, badges, group, rtitle)


def _external(scene: Scene, topology: Topology, ext_id: str, parent: Box, group: tuple[str, str],
              rtitle: Block, hl: Highlighting | None) -> Tile:
    ext = topology.get("external-vpc", ext_id)
    box = scene.box("cluster_" + gv_id("ext", ext_id), palette.VPC, parent, dashed=True)
    st = status_of(hl, ("vpc", ext_id), ("external-vpc", ext_id))
    _style(box, st)
    title = _icon_block(scene, gv_id("peer", ext_id), item(
        "vpc", ext.label if ext else ext_id, ", ".join(str(c) for c in (ext.cidrs[:2] if ext else ())),
        "outside the specs", px=26, limit=26), 26)
    return Tile(box, title, [], group, rtitle)


# --------------------------------------------------------------------------- placement


def _tile_size(layout: Layout) -> tuple[float, float]:
    tiles = list(layout.tiles.values())
    w = max([180.0] + [t.title.w + 2 * PAD for t in tiles] + [sum(b.w + 4 for b in t.badges) + 2 * PAD for t in tiles])
    h = max([60.0] + [t.title.h + 2 * PAD + (max((b.h for b in t.badges), default=0) / 2) for t in tiles])
    return w, h


def place_groups(layout: Layout) -> Geo:
    geo = Geo()
    tw, th = _tile_size(layout)
    n = max(1, len(layout.tiles))
    # small estates fit the page; larger ones get about sqrt(0.9 n) tile columns: with tiles
    # about 1.6 times as wide as tall, a landscape block (about 1.4 : 1), not a strip
    width = WIDTH if n <= 16 else max(WIDTH, math.ceil(math.sqrt(0.9 * n)) * (tw + GAP_X) + 6 * PAD)
    x0, y0 = 0.0, 0.0
    layout.title.place(x0 + PAD, y0 + PAD)
    y = layout.title.rect.bottom + 12
    acc_rects: list[Rect] = []
    for acc in layout.accounts:
        rect = _place_account(acc, x0 + PAD, y, width - 2 * PAD, tw, th, geo)
        acc_rects.append(rect)
        y = rect.bottom + BOX_GAP
    right = max([r.right for r in acc_rects] + [layout.title.rect.right]) + PAD
    bottom = y - BOX_GAP + PAD
    layout.cloud.rect = Rect(x0, y0, right - x0, bottom - y0)
    x = x0 + PAD
    for far in layout.outside:
        far.place(x, bottom + 50)
        x = far.rect.right + 30
    geo.xs += [x0 - 20, right + 20] + lanes(x0, x0 + PAD, 4, 2) + lanes(right - PAD, right, 4, 2)
    geo.ys += [y0 - 20, bottom + 24] + lanes(bottom - PAD, bottom, 4, 2)
    for a, b in zip(acc_rects, acc_rects[1:]):
        geo.ys += lanes(a.bottom, b.y, 7, 3)
    return geo


def _place_account(acc: AccountLayout, x: float, y: float, width: float, tw: float, th: float, geo: Geo) -> Rect:
    acc.title.place(x + PAD, y + PAD)
    top = acc.title.rect.bottom + 10
    cx, cy, row_h = x + PAD, top, 0.0
    rects: list[Rect] = []
    for reg in acc.regions:
        r = _place_region(reg, 0, 0, width - 2 * PAD, tw, th, Geo())  # measure first
        if cx > x + PAD and cx + r.w > x + width - PAD:
            cx, cy = x + PAD, cy + row_h + BOX_GAP
            row_h = 0.0
        r = _place_region(reg, cx, cy, width - 2 * PAD, tw, th, geo)
        rects.append(r)
        cx, row_h = r.right + BOX_GAP, max(row_h, r.h)
    right = max([r.right for r in rects] + [acc.title.rect.right]) + PAD
    bottom = max([r.bottom for r in rects] + [top]) + PAD
    acc.box.rect = Rect(x, y, right - x, bottom - y)
    geo.xs += lanes(x, x + PAD, 4, 2) + lanes(right - PAD, right, 4, 2)
    geo.ys += lanes(bottom - PAD, bottom, 4, 2) + lanes(acc.title.rect.bottom, top, 3, 1)
    return acc.box.rect


def _place_region(reg: RegionLayout, x: float, y: float, width: float, tw: float, th: float, geo: Geo) -> Rect:
    """Hubs in a row on top, tiles in a grid below (the hubs' spokes run down the gutters)."""
    reg.title.place(x + PAD, y + PAD)
    top = reg.title.rect.bottom + 14
    gx = x + PAD
    cols = max(1, min(len(reg.tiles), int((x + width - PAD - gx + GAP_X) // (tw + GAP_X))))
    rows = math.ceil(len(reg.tiles) / cols) if reg.tiles else 0
    grid_w = cols * (tw + GAP_X) - GAP_X if reg.tiles else 0.0
    if reg.hubs:
        row_w = sum(h.w for h in reg.hubs) + HUB_GAP * (len(reg.hubs) - 1)
        hx = gx + max(0.0, (grid_w - row_w) / 2)
        for hub in reg.hubs:
            hub.place(hx, top)
            hx = hub.rect.right + HUB_GAP
        hubs_bottom = max(h.rect.bottom for h in reg.hubs)
        geo.ys += lanes(hubs_bottom, hubs_bottom + GAP_Y, 8, 3)
        top = hubs_bottom + GAP_Y
    for i, tile in enumerate(reg.tiles):
        r, c = divmod(i, cols)
        tx, ty = gx + c * (tw + GAP_X), top + r * (th + GAP_Y)
        tile.box.rect = Rect(tx, ty, tw, th)
        tile.title.place(tx + PAD, ty + PAD - 4)
        bx = tx + PAD
        for b in tile.badges:
            b.place(bx, ty + th - b.h / 2)
            bx += b.w + 4
        geo.soft.append(tile.box.rect)
    grid_h = rows * th + max(0, rows - 1) * GAP_Y
    right = max([gx + grid_w, reg.title.rect.right] + [h.rect.right for h in reg.hubs]) + PAD
    bottom = max(top + grid_h + th / 4, reg.title.rect.bottom) + PAD
    reg.box.rect = Rect(x, y, right - x, bottom - y)
    for c in range(cols + 1):
        left = gx + c * (tw + GAP_X) - GAP_X
        geo.xs += lanes(max(x, left), left + GAP_X, 8, 3)
    for r in range(rows + 1):
        upper = top + r * (th + GAP_Y) - GAP_Y
        geo.ys += lanes(max(reg.title.rect.bottom, upper), upper + GAP_Y, 8, 3)
    geo.xs += lanes(x, x + PAD, 4, 1)
    return reg.box.rect
