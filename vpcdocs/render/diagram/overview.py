"""The overview diagrams: AWS Cloud > Account > Region groups, a tile per VPC, and the links.

* ``overview`` — every VPC, when the estate is small enough to read at once
  (:data:`DETAIL_LIMIT` VPCs); beyond that, the estate summary;
* ``region`` — one region's VPCs, at any size (the per-region overviews of a large estate);
* ``estate`` — the summary (:mod:`.overview_summary`): one block per account and region,
  transit gateway hubs with their spokes grouped.

A VPC tile shows its name, id, CIDRs and subnet count; Internet, S3 and DynamoDB access are
badges on its border (no shared hub nodes drawing long lines through other VPCs). Links:
peerings (labelled with their name on the line), PrivateLink (consumer -> provider,
dashed), transit gateway spokes (a hub's spokes share a trunk; above
:data:`SPOKE_LIMIT` spokes in one account they are drawn as one line to the account,
labelled with the count), transit gateway peerings and VPN / Direct Connect attachments.
"""

from __future__ import annotations

from ...model import Topology
from . import palette
from .estate import estate_groups
from .highlight import Highlighting, status_of
from .ids import gv_id
from .labels import RING_COLORS
from .links import Link, box_ports, draw_links
from .measure import measure
from .overview_boxes import Layout, boxes_for, framed, place_groups
from .parts import badge, text
from .route import DOWN, Port, Router
from .scene import Block, Scene

DETAIL_LIMIT = 60
SPOKE_LIMIT = 40  # spokes of one hub drawn one by one (its own account and region only)
PEER_LIMIT = 40  # cross-account peerings drawn one by one
LINK_LIMIT = 150  # more peerings than this in one diagram: counted, not drawn one by one


def build_overview_scene(topology: Topology, kind: str, region: str | None = None, *,
                         highlight: Highlighting | None = None, base: Topology | None = None) -> Scene:
    vpcs = [v for v in topology.vpcs if region is None or v.region == region]
    if kind == "estate" or (kind == "overview" and len(vpcs) > DETAIL_LIMIT):
        from .overview_summary import build_summary_scene

        return build_summary_scene(topology, highlight=highlight)
    scene = Scene()
    groups = estate_groups(topology, region if kind == "region" else None)
    shown = {v for ag in groups for rg in ag.regions for v in rg.vpcs}
    crowded = sum(1 for p in topology.peerings if p.requester in shown and p.accepter in shown) > LINK_LIMIT
    layout = boxes_for(scene, topology, groups, highlight, count_peerings=crowded)
    links = _links(scene, topology, layout, highlight, crowded)
    sizes = measure(b.label for b in scene.blocks)
    for b in scene.blocks:
        b.w, b.h = sizes[b.label]
    geo = place_groups(layout)
    router = Router(scene.obstacles(), geo.xs, geo.ys, geo.soft, share=4.0, cross=60.0)
    rects = {t.title.id: t.box.rect for t in layout.tiles.values()}
    clear = {t.title.id: max((b.rect.right for b in t.badges), default=0.0) for t in layout.tiles.values()}
    used: dict[str, int] = {}
    for ln in links:
        for end in (ln.tail, ln.head):
            key = end.id + "|" + ln.group if ln.group and end is ln.tail else end.id
            k = used.get(key, 0)
            used[key] = k + (0 if ln.group and end is ln.tail else 1)
            ports = box_ports(rects.get(end.id, end.rect), k)
            if clear.get(end.id):  # a tile's bottom port clear of its badges
                r = rects[end.id]
                ports = [p if p.direction != DOWN else Port((max(p.at[0], clear[end.id] + 14 + 10 * k), r.bottom), DOWN)
                         for p in ports]
            if end is ln.tail:
                ln.tail_ports = ports
            else:
                ln.head_ports = ports
    draw_links(scene, links, router, [b.rect for b in scene.all_boxes()])
    return scene


def _label(scene: Scene, ident: str, words: str, status: str | None, color: str) -> Block:
    return scene.block(ident, text((words, RING_COLORS[status] if status else color)), obstacle=False)


def _links(scene: Scene, topology: Topology, layout: Layout, hl: Highlighting | None,  # noqa: C901
           crowded: bool = False) -> list[Link]:
    """The lines: peerings one by one (per pair of accounts when there are too many; none
    inside a region box when ``crowded``: its title counts them), PrivateLink, hub spokes."""
    tiles, hubs = layout.tiles, layout.hubs
    links: list[Link] = []
    cross = [p for p in topology.peerings if p.requester in tiles and p.accepter in tiles
             and tiles[p.requester].group[0] != tiles[p.accepter].group[0]]
    grouped: dict[tuple[str, str], list] = {}
    for pcx in topology.peerings:
        a, b = tiles.get(pcx.requester), tiles.get(pcx.accepter)
        if a is None or b is None:
            continue
        if crowded and a.group == b.group:
            continue  # counted in the region's title
        if (crowded or len(cross) > PEER_LIMIT) and pcx in cross:  # too many one by one: per pair of accounts
            grouped.setdefault(tuple(sorted((a.group[0], b.group[0]))), []).append((a, b))  # type: ignore[arg-type]
            continue
        st = status_of(hl, ("peering", pcx.id))
        words = pcx.label + ("" if pcx.active else f" ({pcx.status})")
        links.append(Link(gv_id("edgepcx", pcx.id), a.title, b.title, palette.PEERING, dashed=not pcx.active,
                          label=_label(scene, gv_id("lblpcx", pcx.id), words, st, palette.PEERING), status=st))
    for (acc_a, acc_b), pairs in sorted(grouped.items()):
        a, b = pairs[0]
        words = f"{len(pairs)} peering{'s' if len(pairs) != 1 else ''}"
        links.append(Link(gv_id("edgepeers", acc_a, acc_b), a.region_title, b.region_title, palette.PEERING,
                          width=2.2, label=_label(scene, gv_id("lblpeers", acc_a, acc_b), words, None, palette.PEERING)))
    seen: set[tuple[str, str]] = set()
    for ep in topology.interface_endpoints:
        svc = topology.get("endpoint-service", ep.endpoint_service) if ep.endpoint_service else None
        if svc is None or ep.vpc not in tiles or svc.vpc not in tiles or (ep.vpc, svc.id) in seen:
            continue
        seen.add((ep.vpc, svc.id))
        st = status_of(hl, ("interface-endpoint", ep.id), ("endpoint-service", svc.id))
        links.append(Link(gv_id("edgepl", ep.id), tiles[ep.vpc].title, tiles[svc.vpc].title, palette.PRIVATELINK,
                          arrow="forward", dashed=True, status=st,
                          label=_label(scene, gv_id("lblpl", ep.id), svc.label, st, palette.PRIVATELINK)))
    for tgw in topology.transit_gateways:
        hub = hubs.get(tgw.id)
        if hub is None:
            continue
        far: dict[tuple[str, str], list] = {}
        for att in topology.attachments_of_tgw(tgw.id):
            if att.type != "vpc" or att.vpc not in tiles:
                continue
            tile = tiles[att.vpc]
            if tile.group != layout.hub_group.get(tgw.id) or len(topology.attachments_of_tgw(tgw.id)) > SPOKE_LIMIT:
                far.setdefault(tile.group, []).append(att)
                tile.badges.append(framed(scene.block(gv_id("badge", att.vpc, "tgw", tgw.id),
                                                      badge("transit-gateway"))))  # attached to a hub drawn elsewhere
                continue
            st = status_of(hl, ("tgw-attachment", att.id))
            links.append(Link(gv_id("edgeatt", att.id), hub, tile.title, palette.TRANSIT, status=st, group=tgw.id))
        for group, atts in sorted(far.items()):
            words = f"{len(atts)} VPC{'s' if len(atts) != 1 else ''}"
            links.append(Link(gv_id("edgeatts", tgw.id, *group), hub, tiles[atts[0].vpc].region_title,
                              palette.TRANSIT, width=2.2, group=tgw.id,
                              label=_label(scene, gv_id("lblatts", tgw.id, *group), words, None, palette.TRANSIT)))
        for att in topology.attachments_of_tgw(tgw.id):
            st = status_of(hl, ("tgw-attachment", att.id))
            if att.type == "peering" and att.peer_transit_gateway in hubs:
                if (att.peer_transit_gateway, tgw.id) in seen:
                    continue
                seen.add((tgw.id, att.peer_transit_gateway))
                links.append(Link(gv_id("edgeatt", att.id), hub, hubs[att.peer_transit_gateway], palette.TRANSIT,
                                  width=2.0, status=st,
                                  label=_label(scene, gv_id("lblatt", att.id), att.label, st, palette.TRANSIT)))
            elif att.type in ("vpn", "direct-connect", "connect") and gv_id("tgwatt", att.id) in hubs:
                links.append(Link(gv_id("edgeatt", att.id), hub, hubs[gv_id("tgwatt", att.id)], palette.TRANSIT,
                                  status=st, dashed=att.type == "vpn"))
    return links
