"""The estate summary: readable at any size because it grows with accounts and regions,
not with VPCs.

AWS Cloud > Account > Region boxes; each region shows what it holds (VPCs, subnets, public
subnets, internet gateways, NAT gateways, S3 / DynamoDB gateway endpoints, interface
endpoints, peerings inside it) and its transit gateway hubs. A hub's spokes are drawn as one
line per account and region they sit in, labelled with the count ("300 VPCs"), never one
line per VPC; transit gateway peerings join hubs; peerings between regions are one line per
pair of regions, labelled with their count.
"""

from __future__ import annotations

from collections import Counter

from ...model import Topology
from ...sorting import natural_key
from . import palette
from .estate import estate_groups, totals
from .highlight import Highlighting, status_of
from .ids import gv_id
from .labels import INK, MUTED, NAME, SMALL, font, lines, ring
from .links import Link, box_ports, draw_links
from .measure import measure
from .overview_boxes import BOX_GAP, PAD
from .parts import group_title, item, text
from .route import Router, lanes
from .scene import Block, Rect, Scene


def _summary_label(topology: Topology, vpc_ids: list[str], externals: int) -> str:
    t = totals(topology, vpc_ids)
    rows = [font(f"{t.vpcs} VPC{'s' if t.vpcs != 1 else ''}", NAME, INK, bold=True),
            font(f"{t.subnets} subnets ({t.public} public)", SMALL, MUTED),
            font(f"internet gateways: {t.internet} \u00b7 NAT gateways: {t.nat}", SMALL, MUTED),
            font(f"S3 endpoints: {t.s3} \u00b7 DynamoDB endpoints: {t.dynamodb}", SMALL, MUTED),
            font(f"interface endpoints: {t.interface_endpoints}", SMALL, MUTED),
            font(f"peerings inside the region: {t.peerings}", SMALL, MUTED)]
    if externals:
        rows.append(font(f"{externals} peer VPC{'s' if externals != 1 else ''} outside the specs", SMALL, MUTED))
    return ring(lines(*rows))


def build_summary_scene(topology: Topology, *, highlight: Highlighting | None = None) -> Scene:  # noqa: C901
    scene = Scene()
    cloud = scene.box("cluster_cloud", palette.CLOUD)
    ctitle = scene.block("cloudtitle", group_title("cloud", "aws-cloud", "AWS Cloud",
                                                   f"{len(topology.vpcs)} VPCs \u00b7 estate summary"))
    where: dict[str, tuple[str, str]] = {}  # vpc -> (account, region)
    accounts = []
    hubs: dict[str, Block] = {}
    home: dict[str, tuple[str, str]] = {}  # hub -> (account, region) it is drawn in
    summaries: dict[tuple[str, str], Block] = {}
    for ag in estate_groups(topology):
        akey = ag.account or "unknown"
        abox = scene.box("cluster_" + gv_id("account", akey), palette.ACCOUNT, cloud)
        atitle = scene.block(gv_id("accounttitle", akey), group_title(
            "account", "account", f"Account {ag.account}" if ag.account else "Account not set"))
        regs = []
        for rg in ag.regions:
            rkey = rg.region or "unknown"
            rbox = scene.box("cluster_" + gv_id("region", akey, rkey), palette.REGION, abox)
            rtitle = scene.block(gv_id("regiontitle", akey, rkey),
                                 group_title("region", None, f"Region {rg.region}" if rg.region else "Region not set"))
            summary = scene.block(gv_id("summary", akey, rkey), _summary_label(topology, rg.vpcs, len(rg.externals)))
            summaries[(rg.account, rg.region)] = summary
            for v in rg.vpcs:
                where[v] = (rg.account, rg.region)
            rhubs = []
            for tgw_id in rg.tgws:
                tgw = topology.get("transit-gateway", tgw_id)
                n = sum(1 for a in topology.attachments_of_tgw(tgw_id) if a.type == "vpc")
                st = status_of(highlight, ("transit-gateway", tgw_id))
                hub = scene.block(gv_id("tgw", tgw_id), item("transit-gateway", tgw.label if tgw else tgw_id,
                                                             f"{n} VPC attachments", px=34, status=st), status=st)
                hubs[tgw_id] = hub
                home[tgw_id] = (rg.account, rg.region)
                rhubs.append(hub)
            regs.append((rbox, rtitle, summary, rhubs))
        accounts.append((abox, atitle, regs))
    links: list[Link] = []
    for tgw in topology.transit_gateways:
        if tgw.id not in hubs:
            continue
        spokes = Counter(where[a.vpc] for a in topology.attachments_of_tgw(tgw.id)
                         if a.type == "vpc" and a.vpc in where)
        for (account, region), count in sorted(spokes.items()):
            if (account, region) == home.get(tgw.id):  # its own region: the hub's caption has the count
                continue
            lbl = scene.block(gv_id("lblspokes", tgw.id, account, region),
                              text((f"{count} VPC{'s' if count != 1 else ''}", palette.TRANSIT)), obstacle=False)
            links.append(Link(gv_id("edgespokes", tgw.id, account, region), hubs[tgw.id],
                              summaries[(account, region)], palette.TRANSIT, label=lbl, group=tgw.id, width=2.2))
        for att in topology.attachments_of_tgw(tgw.id):
            peer = att.peer_transit_gateway
            if att.type == "peering" and peer in hubs and tgw.id < peer:
                lbl = scene.block(gv_id("lblatt", att.id), text((att.label, palette.TRANSIT)), obstacle=False)
                links.append(Link(gv_id("edgeatt", att.id), hubs[tgw.id], hubs[peer], palette.TRANSIT,
                                  label=lbl, width=2.0, status=status_of(highlight, ("tgw-attachment", att.id))))
    pairs = Counter(tuple(sorted((where[p.requester], where[p.accepter]))) for p in topology.peerings
                    if p.requester in where and p.accepter in where and where[p.requester] != where[p.accepter])
    for (one, two), count in sorted(pairs.items()):
        ident = gv_id("edgepeers", *one, *two)
        lbl = scene.block(gv_id("lblpeers", *one, *two), text((f"{count} peering{'s' if count != 1 else ''}",
                                                               palette.PEERING)), obstacle=False)
        links.append(Link(ident, summaries[one], summaries[two], palette.PEERING, label=lbl, width=2.0))
    sizes = measure(b.label for b in scene.blocks)
    for block in scene.blocks:
        block.w, block.h = sizes[block.label]
    # ---- place: accounts as rows, regions as aligned columns (an account x region matrix)
    xs: list[float] = []
    ys: list[float] = []
    sizes_of: dict[str, float] = {}
    for _abox, _atitle, regs in accounts:
        for rbox, rtitle, summary, rhubs in regs:
            hub_w = max((h.w for h in rhubs), default=0.0)
            w = PAD * 2 + max(rtitle.w, summary.w + (hub_w + 40 if rhubs else 0))
            sizes_of[rbox.id.split("_Z", 1)[-1]] = max(sizes_of.get(rbox.id.split("_Z", 1)[-1], 0.0), w)
    columns = sorted(sizes_of, key=natural_key)
    col_x: dict[str, float] = {}
    x = PAD * 2
    for c in columns:
        col_x[c] = x
        x += sizes_of[c] + BOX_GAP + 12
    ctitle.place(PAD, PAD)
    y = ctitle.rect.bottom + 12
    right_most = max(ctitle.rect.right, x - BOX_GAP - 12 + PAD * 2)
    for abox, atitle, regs in accounts:
        atitle.place(PAD * 2, y + PAD)
        top = atitle.rect.bottom + 10
        rects = []
        for rbox, rtitle, summary, rhubs in regs:
            col = rbox.id.split("_Z", 1)[-1]
            hub_w = max((h.w for h in rhubs), default=0.0)
            h = PAD * 2 + rtitle.h + 10 + max(summary.h, sum(hb.h + 16 for hb in rhubs))
            cx = col_x[col]
            rbox.rect = Rect(cx, top, sizes_of[col], h)
            rtitle.place(cx + PAD, top + PAD)
            hy = rtitle.rect.bottom + 10
            for hb in rhubs:
                hb.place(cx + PAD, hy)
                hy = hb.rect.bottom + 16
            summary.place(cx + PAD + (hub_w + 40 if rhubs else 0), rtitle.rect.bottom + 10)
            xs += lanes(cx + PAD + hub_w, summary.x, 8, 3) if rhubs else []
            rects.append(rbox.rect)
        bottom = max([r.bottom for r in rects] + [atitle.rect.bottom]) + PAD
        abox.rect = Rect(PAD, y, right_most - 2 * PAD, bottom - y)
        for r1 in rects:
            ys += lanes(r1.bottom, bottom, 6, 1) + lanes(r1.y - 10, r1.y, 4, 1)
        ys += lanes(bottom, bottom + BOX_GAP, 8, 3)
        y = bottom + BOX_GAP
    for c in columns:
        xs += lanes(col_x[c] - BOX_GAP - 12, col_x[c], 8, 4)
    xs += lanes(right_most - BOX_GAP - PAD, right_most - PAD, 8, 3)
    cloud.rect = Rect(0, 0, right_most, y - BOX_GAP + PAD)
    xs += [-20, cloud.rect.right + 20] + lanes(0, PAD, 4, 2) + lanes(cloud.rect.right - PAD, cloud.rect.right, 4, 2)
    ys += [-20, cloud.rect.bottom + 20]
    router = Router(scene.obstacles(), xs, ys, share=4.0)
    boxes = {s.id: next(r.rect for r, _t, sm, _h in [x for _a, _t2, rg in accounts for x in rg] if sm is s)
             for s in summaries.values()}
    used: dict[str, int] = {}
    for ln in links:
        for end in (ln.tail, ln.head):
            k = used.get(end.id, 0)
            used[end.id] = k + 1
            ports = box_ports(boxes.get(end.id, end.rect), k)
            if end is ln.tail:
                ln.tail_ports = ports
            else:
                ln.head_ports = ports
    draw_links(scene, links, router)
    return scene
