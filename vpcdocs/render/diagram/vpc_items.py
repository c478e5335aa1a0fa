"""What a VPC diagram draws, as unplaced blocks and boxes (:mod:`.vpc_layout` places them).

Inside the VPC box: AZ boxes (columns) holding subnet boxes (rows, :mod:`.tiers`); each
subnet shows its name, CIDR and class, its route table and network ACL, and what lives in
it (NAT gateways, instances and ENIs with their security groups, interface endpoint and
TGW attachment ENIs); a load balancer is one bar across its subnets. On the VPC's border:
internet and egress-only gateways on top, facing the internet; gateway and interface
endpoints, endpoint services, peerings, transit gateway attachments and the VPN gateway at
the bottom, each facing its outside node (service, peer VPC, transit gateway, on-premises).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Subnet, Topology, Vpc
from ...routing import dataplane
from . import palette
from .highlight import Highlighting, status_of
from .ids import gv_id
from .labels import INK, MUTED, RING_COLORS, SMALL, esc, font, icon_beside, lines, ring
from .parts import caption, group_title, icon, item, vpc_title
from .scene import Block, Box, Scene
from .tiers import Grid, vpc_grid

MAX_ITEMS = 8  # per subnet; the rest is summarised
SERVICE_ICON = {"s3": "s3", "s3express": "s3", "dynamodb": "dynamodb"}
SERVICE_NAME = {"s3": "Amazon S3", "s3express": "S3 Express", "dynamodb": "DynamoDB"}


@dataclass(eq=False)
class SubnetPart:
    id: str
    box: Box
    header: Block
    chip: Block  # route table (+ network ACL) line
    items: list[Block] = field(default_factory=list)
    routes: list[Block] = field(default_factory=list)  # the routes layer's rows (vpc_lines)


@dataclass(eq=False)
class BorderItem:
    """An icon on the VPC border, its caption outside, and the outside node it faces."""

    key: tuple[str, str]  # (kind, spec id) drawn
    icon: Block
    caption: Block
    outside: Block | None
    color: str = palette.LINK
    arrow: str = "both"
    dashed: bool = False


@dataclass(eq=False)
class VpcItems:
    vpc_id: str
    scene: Scene
    vpc_box: Box
    title: Block
    grid: Grid
    az_boxes: list[tuple[Box, Block]]
    subnets: dict[str, SubnetPart]
    lbs: list[tuple[Block, list[str]]]  # bar, member subnet ids
    top: list[BorderItem]
    bottom: list[BorderItem]
    targets: dict[str, Block] = field(default_factory=dict)  # route target id -> block arrows end at
    legend: list[Block] = field(default_factory=list)
    highlight: Highlighting | None = None
    empty: Block | None = None  # "no subnets"


ICON_PAD = 5  # ring spacing + padding left of an item's icon


def _item(scene: Scene, ident: str, icon_name: str, title: str, *details: str, px: int = 30,
          status: str | None = None, limit: int = 28) -> Block:
    """A block drawn by :func:`.parts.item`; lines aim at its icon."""
    b = scene.block(ident, item(icon_name, title, *details, px=px, status=status, limit=limit), status=status)
    b.icon_dx = ICON_PAD + px / 2
    return b


_status = status_of


def _sg_names(topology: Topology, groups: tuple[str, ...] | None) -> str:
    if not groups:
        return ""
    known = dataplane(topology).security_groups.groups
    names = []
    for g in groups:
        sg = known.get(g)
        names.append("default" if g.endswith(":default") else (sg.group_name or sg.label) if sg else g)
    return "sg: " + ", ".join(names)


def collect(topology: Topology, vpc_id: str, hl: Highlighting | None = None,
            base: Topology | None = None) -> VpcItems:
    vpc = topology.get("vpc", vpc_id)
    if vpc is None:
        raise KeyError(f"no VPC {vpc_id!r} in the topology")
    scene = Scene()
    vpc_box = scene.box("cluster_" + gv_id("vpc", vpc_id), palette.VPC)
    _style_box(vpc_box, _status(hl, ("vpc", vpc_id)))
    details = [", ".join(str(c) for c in vpc.all_cidrs)]
    where = " \u00b7 ".join(p for p in (vpc.id if vpc.label != vpc.id else "", vpc.region,
                                         f"account {vpc.account}" if vpc.account else "") if p)
    title = scene.block(gv_id("title", vpc_id), vpc_title(vpc.label, [where] + details))
    grid = vpc_grid(topology, vpc_id, base)
    az_boxes = []
    subnets: dict[str, SubnetPart] = {}
    declared_acls = bool(topology.in_vpc(vpc_id, "network-acl"))
    for col, az in enumerate(grid.columns):
        members = [topology.get("subnet", cells[col] or "") for _t, cells in grid.rows if cells[col]]
        az_id = next((s.az_id for s in members if s and s.az_id), "")
        box = scene.box("cluster_" + gv_id("az", vpc_id, az), palette.AZ, vpc_box)
        az_boxes.append((box, scene.block(gv_id("aztitle", vpc_id, az),
                                          group_title("az", None, az or "AZ not set", az_id))))
        for s in members:
            if s is not None:
                subnets[s.id] = _subnet(scene, topology, s, box, hl, declared_acls)
    items = VpcItems(vpc_id, scene, vpc_box, title, grid, az_boxes, subnets, [], [], [], highlight=hl)
    if not subnets:
        items.empty = scene.block(gv_id("empty", vpc_id), ring(lines(font("no subnets", SMALL, MUTED))))
    _register_targets(items, topology)
    _load_balancers(items, topology, hl)
    _top(items, topology, vpc, hl)
    _bottom(items, topology, vpc_id, hl)
    return items


def _style_box(box: Box, status: str | None) -> None:
    if status is not None:
        box.pencolor = RING_COLORS[status]
        box.penwidth = 3.0
        box.dashed = status == "removed"
        box.status = status


def _subnet(scene: Scene, topology: Topology, s: Subnet, az_box: Box, hl: Highlighting | None,
            declared_acls: bool) -> SubnetPart:
    dp = dataplane(topology)
    cls = dp.subnet_class(s.id)
    box = scene.box("cluster_" + gv_id("sn", s.id), palette.PUBLIC if cls == "public" else palette.PRIVATE, az_box)
    own = _status(hl, ("subnet", s.id))
    _style_box(box, own)
    cidrs = " \u00b7 ".join(str(c) for c in (s.cidr, s.ipv6_cidr) if c is not None)
    header = scene.block(gv_id("sntitle", s.id), group_title(
        "public" if cls == "public" else "private", "public-subnet" if cls == "public" else "private-subnet",
        s.label, f"{cidrs} \u00b7 {cls}" if cidrs else cls))
    table = dp.subnet_table(s.id)
    rt = topology.get("route-table", table) if table else None
    words = [f"rt: {rt.label if rt else table}" if table else "no route table"]
    acl = dp.subnet_nacl(s.id)
    if declared_acls and acl is not None:
        words.append("acl: default" if acl.derived else f"acl: {acl.acl.label}")
    chip_status = None
    if hl is not None and own not in ("added", "removed"):
        chip_status = hl.route_chip(topology, s.id)
    chip = scene.block(gv_id("subnet", s.id), ring(
        icon_beside("route-table", 16, lines(font(esc(" \u00b7 ".join(words), 48), SMALL, MUTED)), gap=3),
        chip_status, pad=1), status=chip_status)
    part = SubnetPart(s.id, box, header, chip)
    blocks: list[Block] = []
    for nat in topology.in_vpc(s.vpc, "nat-gateway"):
        if nat.subnet == s.id:
            what = "private NAT" if nat.connectivity == "private" else "NAT gateway"
            blocks.append(_item(scene, gv_id("nat", nat.id),
                "nat-gateway", nat.label, what if nat.usable else f"{what} ({nat.state})",
                status=_status(hl, ("nat-gateway", nat.id))))
    for inst in topology.in_vpc(s.vpc, "instance"):
        if inst.subnet == s.id:
            ifc = next((i for i in dp.interfaces_of(inst.id) if i.kind == "instance"), None)
            ip = ", ".join(str(a) for a in inst.private_ips[:1])
            blocks.append(_item(scene, gv_id("inst", inst.id),
                "instance", inst.label, ip, _sg_names(topology, ifc.security_groups if ifc else None), px=26,
                status=_status(hl, ("instance", inst.id))))
    for eni in topology.in_vpc(s.vpc, "network-interface"):
        if eni.subnet == s.id:
            ifc = next((i for i in dp.interfaces_of(eni.instance or eni.id) if i.id == eni.id), None)
            ip = ", ".join(str(a) for a in eni.private_ips[:1])
            blocks.append(_item(scene, gv_id("ifc", eni.id),
                "eni", eni.label, ip + (f" \u00b7 {eni.instance}" if eni.instance else ""),
                _sg_names(topology, ifc.security_groups if ifc else None), px=24,
                status=_status(hl, ("network-interface", eni.id))))
    for ep in topology.in_vpc(s.vpc, "interface-endpoint"):
        if s.id in ep.subnets:
            blocks.append(_item(scene, gv_id("eni", ep.id, s.id),
                "endpoint", ep.label, f"ENI \u00b7 {ep.endpoint_service or ep.service}", px=24,
                status=_status(hl, ("interface-endpoint", ep.id))))
    for att in topology.attachments_of_vpc(s.vpc):
        if s.id in att.subnets:
            blocks.append(_item(scene, gv_id("tgweni", att.id, s.id),
                "tgw-attachment", att.label, "TGW attachment ENI", px=24,
                status=_status(hl, ("tgw-attachment", att.id))))
    if len(blocks) > MAX_ITEMS:
        hidden = blocks[MAX_ITEMS - 1:]
        scene.blocks[:] = [b for b in scene.blocks if b not in hidden]
        blocks = blocks[: MAX_ITEMS - 1]
        blocks.append(scene.block(gv_id("more", s.id), ring(lines(font(
            f"\u2026 {len(hidden)} more (see the page)", SMALL, MUTED)), pad=1)))
    part.items = blocks
    return part


def _register_targets(items: VpcItems, topology: Topology) -> None:
    """Blocks route arrows may end at, by the spec id routes name as their target."""
    for kind, tag in (("nat-gateway", "nat"), ("instance", "inst"), ("network-interface", "ifc")):
        for obj in topology.in_vpc(items.vpc_id, kind):
            block = next((b for b in items.scene.blocks if b.id == gv_id(tag, obj.id)), None)
            if block is not None:
                items.targets[obj.id] = block


def _load_balancers(items: VpcItems, topology: Topology, hl: Highlighting | None) -> None:
    for lb in topology.in_vpc(items.vpc_id, "load-balancer"):
        members = [sid for sid in lb.subnets if sid in items.subnets]
        if not members:
            continue
        short = {"application": "ALB", "network": "NLB"}.get(lb.type, "GWLB")
        kind = {"application": "alb", "network": "nlb"}.get(lb.type, "gwlb")
        sg = _sg_names(topology, lb.security_groups or None)
        bar = _item(items.scene, gv_id("lb", lb.id), kind, lb.label, f"{lb.scheme} {short}", sg, px=26,
                                                         status=_status(hl, ("load-balancer", lb.id)), limit=40)
        bar.frame = (palette.LB_BAR[0], palette.LB_BAR[1], False)
        bar.icon_dx = None  # Graphviz centres the label in the bar
        items.lbs.append((bar, members))
        items.targets[lb.id] = bar


def _border(items: VpcItems, key: tuple[str, str], icon_name: str, title: str, what: str, hl: Highlighting | None,
            outside: Block | None, **line: object) -> BorderItem:
    scene = items.scene
    st = _status(hl, key)
    tag = {"internet-gateway": "igw", "egress-only-internet-gateway": "eigw", "gateway-endpoint": "gwe",
           "peering": "pcx", "tgw-attachment": "att", "vpn-gateway": "vgw", "interface-endpoint": "ife",
           "endpoint-service": "eps"}[key[0]]
    ic = scene.block(gv_id(tag, key[1]), icon(icon_name, 32, st), status=st)
    cap = scene.block(gv_id("cap", tag, key[1]), caption(title, what, color=RING_COLORS[st] if st else INK))
    items.targets[key[1]] = ic
    return BorderItem(key, ic, cap, outside, **line)  # type: ignore[arg-type]


def _top(items: VpcItems, topology: Topology, vpc: Vpc, hl: Highlighting | None) -> None:
    if not (vpc.internet_gateway or vpc.egress_only_internet_gateway):
        return
    internet = _item(items.scene, gv_id("internet", vpc.id), "internet", "Internet", px=32)
    if vpc.internet_gateway:
        igw = topology.get("internet-gateway", vpc.internet_gateway)
        items.top.append(_border(items, ("internet-gateway", vpc.internet_gateway), "internet-gateway",
                                 igw.label if igw else vpc.internet_gateway, "internet gateway", hl, internet,
                                 color=palette.EGRESS))
    if vpc.egress_only_internet_gateway:
        eigw = topology.get("egress-only-internet-gateway", vpc.egress_only_internet_gateway)
        items.top.append(_border(items, ("egress-only-internet-gateway", vpc.egress_only_internet_gateway),
                                 "internet-gateway", eigw.label if eigw else vpc.egress_only_internet_gateway,
                                 "egress-only (IPv6)", hl, internet if not items.top else None,
                                 color=palette.EGRESS, arrow="forward"))


def _bottom(items: VpcItems, topology: Topology, vpc_id: str, hl: Highlighting | None) -> None:
    scene = items.scene
    vpc = topology.vpc(vpc_id)
    services: set[str] = set()
    for gwe in topology.in_vpc(vpc_id, "gateway-endpoint"):
        sid = gv_id("service", gwe.service) if gwe.service not in services else gv_id("service", gwe.service, gwe.id)
        services.add(gwe.service)
        svc = _item(scene, sid, SERVICE_ICON.get(gwe.service, "aws-service"), SERVICE_NAME.get(gwe.service, gwe.service),
                    px=30)
        items.bottom.append(_border(items, ("gateway-endpoint", gwe.id), "endpoint", gwe.label,
                                    "gateway endpoint", hl, svc, color=palette.SERVICE, arrow="forward"))
    for ep in topology.in_vpc(vpc_id, "interface-endpoint"):
        if ep.endpoint_service:
            service = topology.get("endpoint-service", ep.endpoint_service)
            where = f"PrivateLink service in {service.vpc}" if service and service.vpc else "PrivateLink service"
            far: Block = _item(scene, gv_id("eps", ep.endpoint_service),
                "privatelink", service.label if service else ep.endpoint_service, where, px=30,
                status=_status(hl, ("endpoint-service", ep.endpoint_service)))
            line = {"color": palette.PRIVATELINK, "dashed": True, "arrow": "forward"}
        else:
            name = ep.service or ep.id
            sid = gv_id("service", name) if name not in services else gv_id("service", name, ep.id)
            services.add(name)
            far = _item(scene, sid, "aws-service", SERVICE_NAME.get(name, name), "AWS service", px=30)
            line = {"color": palette.SERVICE, "arrow": "forward"}
        items.bottom.append(_border(items, ("interface-endpoint", ep.id), "endpoint", ep.label,
                                    "interface endpoint", hl, far, **line))
    for provided in topology.endpoint_services:
        if provided.vpc == vpc_id:
            users = sorted({e.vpc for e in topology.interface_endpoints if e.endpoint_service == provided.id})
            consumers = _item(scene, gv_id("consumers", provided.id),
                "vpc", "consumers", ", ".join(users[:3]) + (f" +{len(users) - 3}" if len(users) > 3 else ""),
                px=26) if users else None
            items.bottom.append(_border(items, ("endpoint-service", provided.id), "privatelink", provided.label,
                                        "endpoint service", hl, consumers, color=palette.PRIVATELINK, dashed=True,
                                        arrow="back"))
    for pcx in topology.peerings_of(vpc_id):
        other = pcx.other_side(vpc_id) or ""
        peer = topology.get("vpc", other) or topology.get("external-vpc", other)
        cidrs = ", ".join(str(c) for c in (peer.cidrs[:2] if peer else ()))
        elsewhere = [p for p in (getattr(peer, "region", None), getattr(peer, "account", None)) if p
                     and p not in (vpc.region, vpc.account)]
        where = " \u00b7 ".join(elsewhere)
        far = _item(scene, gv_id("peer", other), "vpc", peer.label if peer else other, cidrs, where, px=30,
                                                     status=_status(hl, ("vpc", other), ("external-vpc", other)))
        status = "peering" + ("" if pcx.active else f" ({pcx.status})")
        items.bottom.append(_border(items, ("peering", pcx.id), "peering", pcx.label, status, hl, far,
                                    color=palette.PEERING, dashed=not pcx.active))
    for att in topology.attachments_of_vpc(vpc_id):
        tgw = topology.get("transit-gateway", att.transit_gateway)
        far = _item(scene, gv_id("tgw", att.transit_gateway),
            "transit-gateway", tgw.label if tgw else att.transit_gateway,
            "transit gateway", f"ASN {tgw.asn}" if tgw and tgw.asn else "", px=30,
            status=_status(hl, ("transit-gateway", att.transit_gateway)))
        items.bottom.append(_border(items, ("tgw-attachment", att.id), "tgw-attachment", att.label,
                                    "TGW attachment", hl, far, color=palette.TRANSIT))
        items.targets.setdefault(att.transit_gateway, items.bottom[-1].icon)
    if vpc.vpn_gateway:
        vgw = topology.get("vpn-gateway", vpc.vpn_gateway)
        vpns = [c for c in topology.vpn_connections if c.vpn_gateway == vpc.vpn_gateway]
        dxs = [d for d in topology.direct_connect_gateways if vpc.vpn_gateway in d.vpn_gateways]
        nets = sorted({n for n in [c.network for c in vpns] + [d.network for d in dxs] if n})
        via = ", ".join([c.label for c in vpns] + [d.label for d in dxs])
        far = _item(scene, gv_id("onprem", vpc.vpn_gateway),
            "on-premises", ", ".join(nets) or "on-premises", f"via {via}" if via else "no VPN or DX", px=30)
        items.bottom.append(_border(items, ("vpn-gateway", vpc.vpn_gateway), "vpn-gateway",
                                    vgw.label if vgw else vpc.vpn_gateway, "VPN gateway", hl, far,
                                    color=palette.TRANSIT))
