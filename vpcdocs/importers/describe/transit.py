"""Transit gateways: attachments (VPC, peering, VPN, Direct Connect), route tables with their
associations, propagations and static routes, AWS's route states kept (TGW-*, RS-5, PL-7)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..model import AwsSnapshot
from ..naming import account_of, common, finish, lower, region_of_arn, sanitize, sorted_cidrs, state_of
from .context import Context

GONE = ("deleted", "deleting", "rejected", "failed")


class TgwTables:
    """Per TGW route table: associations, propagations and routes, from every input shape."""

    def __init__(self, ctx: Context):
        self.assoc: dict[str, set[str]] = defaultdict(set)
        self.props: dict[str, set[str]] = defaultdict(set)
        self.routes: dict[str, list[tuple[AwsSnapshot, dict[str, Any]]]] = defaultdict(list)
        self.pl_refs: dict[str, list[tuple[AwsSnapshot, dict[str, Any]]]] = defaultdict(list)
        for snap in ctx.snaps:
            for entry in snap.items("TransitGatewayAssociations"):
                for a in entry.get("Associations") or []:
                    if lower(a.get("State") or "associated") in ("associated", "associating"):
                        self.assoc[str(entry.get("TransitGatewayRouteTableId"))].add(str(a.get("TransitGatewayAttachmentId")))
            for entry in snap.items("TransitGatewayPropagations"):
                for a in entry.get("TransitGatewayRouteTablePropagations") or []:
                    if lower(a.get("State")) in ("enabled", "enabling"):
                        self.props[str(entry.get("TransitGatewayRouteTableId"))].add(str(a.get("TransitGatewayAttachmentId")))
            for entry in snap.items("TransitGatewayStaticRoutes"):
                for r in entry.get("Routes") or []:
                    self.routes[str(entry.get("TransitGatewayRouteTableId"))].append((snap, r))
            for entry in snap.items("TransitGatewayPrefixListReferences"):
                self.pl_refs[str(entry.get("TransitGatewayRouteTableId"))].append((snap, entry))
        for _, a in ctx.tgw_atts.values():
            association = a.get("Association") or {}
            rt = association.get("TransitGatewayRouteTableId")
            if rt and lower(association.get("State") or "associated") in ("associated", "associating"):
                self.assoc[rt].add(str(a.get("TransitGatewayAttachmentId")))
        # prefixes each attachment propagates (VPN/DX BGP routes, VGW-9)
        self.propagated: dict[str, set[str]] = defaultdict(set)
        for entries in self.routes.values():
            for _, r in entries:
                if lower(r.get("Type")) == "propagated" and isinstance(r.get("DestinationCidrBlock"), str):
                    for a in r.get("TransitGatewayAttachments") or []:
                        self.propagated[str(a.get("TransitGatewayAttachmentId"))].add(r["DestinationCidrBlock"])


def build_tgws(ctx: Context, tables: TgwTables, vpn_names: dict[str, str], dx_names: dict[str, str]
               ) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    peer_stubs: dict[str, dict[str, Any]] = {}
    vpn_static: dict[str, list[str]] = defaultdict(list)
    for _, vpn in ctx.store["vpn"].values():
        for route in vpn.get("Routes") or []:
            if isinstance(route.get("DestinationCidrBlock"), str):
                vpn_static[str(vpn.get("VpnConnectionId"))].append(route["DestinationCidrBlock"])
    for tid, (snap, t) in sorted(ctx.store["tgw"].items()):
        spec_id = ctx.target_id(tid) or sanitize(tid)
        ctx.emitted.add(tid)
        entry = common(t, tid, spec_id, t.get("Description") or None)
        region = region_of_arn(t.get("TransitGatewayArn")) or ctx.region(snap)
        if region:
            entry["region"] = region
        account = account_of(t.get("OwnerId"))
        if account:
            entry["account"] = account
        opts = t.get("Options") or {}
        if isinstance(opts.get("AmazonSideAsn"), int):
            entry["asn"] = opts["AmazonSideAsn"]
        state = state_of(t, "available")
        if state != "available":
            entry["state"] = state
        atts, att_names = {}, {}
        for aid, (asnap, a) in sorted(ctx.tgw_atts.items()):
            if a.get("TransitGatewayId") != tid:
                continue
            doc = build_attachment(ctx, aid, asnap, a, tid, tables, vpn_static, vpn_names, dx_names, peer_stubs)
            if doc is not None:
                name = ctx.names.get("tgw-attachment", aid) or sanitize(aid)
                atts[name] = doc
                att_names[a.get("TransitGatewayAttachmentId") or aid] = name  # routes name the AWS id
        if atts:
            entry["attachments"] = dict(sorted(atts.items()))
        rts = {}
        for rid, (rsnap, rt) in sorted(ctx.store["tgw-rt"].items()):
            if rt.get("TransitGatewayId") != tid:
                continue
            name = ctx.names.get("tgw-route-table", rid) or sanitize(rid)
            rts[name] = build_route_table(ctx, rid, rsnap, rt, tables, att_names)
            if rt.get("DefaultAssociationRouteTable") and opts.get("DefaultRouteTableAssociation") != "disable":
                entry["default_association_route_table"] = name
            if rt.get("DefaultPropagationRouteTable") and opts.get("DefaultRouteTablePropagation") != "disable":
                entry["default_propagation_route_table"] = name
        if rts:
            entry["route_tables"] = dict(sorted(rts.items()))
        for key, opt in (("default_association_route_table", "AssociationDefaultRouteTableId"),
                         ("default_propagation_route_table", "PropagationDefaultRouteTableId")):
            if key not in entry and opts.get(opt) in ctx.store["tgw-rt"]:
                entry[key] = ctx.names.get("tgw-route-table", opts[opt])
        ctx.owner[("transit_gateways", spec_id)] = ctx.account(snap, t)
        out[spec_id] = finish(entry, t)
    for peer, info in sorted(peer_stubs.items()):
        stub: dict[str, Any] = {"description": "peer transit gateway outside the import (only its id is known)",
                                "aws_id": peer}
        if info.get("Region"):
            stub["region"] = info["Region"]
        if account_of(info.get("OwnerId")):
            stub["account"] = account_of(info.get("OwnerId"))
        out[sanitize(peer)] = stub
    for rid, (rsnap, rt) in sorted(ctx.store["tgw-rt"].items()):
        if rt.get("TransitGatewayId") not in ctx.store["tgw"]:
            ctx.skip("tgw-route-table", rid, "its transit gateway is not in the input", rsnap)
    for aid, (asnap, a) in sorted(ctx.tgw_atts.items()):
        if a.get("TransitGatewayId") not in ctx.store["tgw"]:
            ctx.skip("tgw-attachment", aid, f"its transit gateway {a.get('TransitGatewayId')} is not in the input",
                     asnap)
    return dict(sorted(out.items()))


def build_attachment(ctx: Context, aid: str, snap: AwsSnapshot, a: dict[str, Any], tid: str, tables: TgwTables,
                     vpn_static: dict[str, list[str]], vpn_names: dict[str, str], dx_names: dict[str, str],
                     peer_stubs: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    name = ctx.names.get("tgw-attachment", aid)
    doc = common(a, a.get("TransitGatewayAttachmentId") or aid, name)
    rtype = lower(a.get("ResourceType") or "vpc")
    state = state_of(a, "available")
    if state in GONE:
        ctx.skip("tgw-attachment", aid, f"state {state}: it carries nothing; routes to it are written as "
                 "blackhole routes", snap)
        return None
    if rtype == "vpc":
        vid = a.get("ResourceId") or a.get("VpcId")
        if vid not in ctx.vpc_docs:
            why = "not one of the VPCs asked for" if not ctx.keep_vpc(vid) else \
                "not in the import (another account or region?)"
            ctx.skip("tgw-attachment", aid, f"its VPC {vid} is {why}", snap)
            return None
        doc["vpc"] = ctx.names.get("vpc", vid)
        subs = [s for s in a.get("SubnetIds") or [] if s in ctx.subnet_docs]
        if subs:
            doc["subnets"] = sorted(ctx.names.get("subnet", s) for s in subs)
        elif a.get("SubnetIds") is None:
            ctx.result.note(f"{aid}: no describe-transit-gateway-vpc-attachments data; its subnets are unknown")
        options = a.get("Options") or {}
        if lower(options.get("ApplianceModeSupport")) == "enable":
            doc["appliance_mode"] = True
        if lower(options.get("Ipv6Support")) == "enable":
            doc["ipv6_support"] = True  # V6-8
    elif rtype in ("peering", "tgw-peering"):
        doc["type"] = "peering"
        peer = a.get("ResourceId")
        pinfo = a.get("_peering") or {}
        for side in ("AccepterTgwInfo", "RequesterTgwInfo"):
            other = (pinfo.get(side) or {}).get("TransitGatewayId")
            if other and other != tid:
                peer = other
        if not peer:
            ctx.skip("tgw-attachment", aid, "peering attachment without a peer id", snap)
            return None
        if peer not in ctx.store["tgw"]:
            info = {}
            for side in ("AccepterTgwInfo", "RequesterTgwInfo"):
                if (pinfo.get(side) or {}).get("TransitGatewayId") == peer:
                    info = pinfo[side]
            peer_stubs[peer] = info
        doc["peer"] = ctx.target_id(peer) or sanitize(peer)
    elif rtype in ("vpn", "direct-connect-gateway", "connect"):
        doc["type"] = {"vpn": "vpn", "direct-connect-gateway": "direct-connect", "connect": "connect"}[rtype]
        resource = str(a.get("ResourceId") or "")
        if rtype == "vpn" and resource in vpn_names:
            doc["vpn_connection"] = vpn_names[resource]  # its prefixes are the connection's (VGW-9)
        elif rtype == "direct-connect-gateway" and resource in dx_names:
            doc["direct_connect_gateway"] = dx_names[resource]
        else:
            cidrs = sorted_cidrs([*vpn_static.get(resource, []), *tables.propagated.get(aid, set())])
            if cidrs:
                doc["cidrs"] = cidrs
    else:
        ctx.skip("tgw-attachment", aid, f"resource type {rtype} is not modelled", snap)
        return None
    if state != "available":
        doc["state"] = state
    return finish(doc, a)


def build_route_table(ctx: Context, rid: str, snap: AwsSnapshot, rt: dict[str, Any], tables: TgwTables,
                      att_names: dict[str, str]) -> dict[str, Any]:
    name = ctx.names.get("tgw-route-table", rid)
    doc = common(rt, rid, name)
    for key, found in (("associations", tables.assoc.get(rid, set())), ("propagations", tables.props.get(rid, set()))):
        names = sorted(att_names[a] for a in found if a in att_names)
        for a in sorted(found):
            if a not in att_names:
                ctx.skip(f"tgw-{key[:-1]}", f"{rid} {a}", "attachment not in the import", snap)
        if names:
            doc[key] = names
    routes: list[dict[str, Any]] = []
    plain = [(s, r) for s, r in tables.routes.get(rid, []) if not r.get("PrefixListId")]
    for rsnap, r in sorted(plain, key=lambda x: str(x[1].get("DestinationCidrBlock"))):
        route = build_tgw_route(ctx, rid, rsnap, r, att_names, tables.props.get(rid, set()))
        if route is not None and route not in routes:
            routes.append(route)
    routes.extend(_prefix_list_routes(ctx, rid, tables, att_names))
    if routes:
        doc["routes"] = routes
    return finish(doc, rt)


def _prefix_list_routes(ctx: Context, rid: str, tables: TgwTables, att_names: dict[str, str]) -> list[dict[str, Any]]:
    """Prefix-list references (PL-7): one route per (list, attachment), from the references
    themselves or from the routes AWS expanded them into."""
    found: dict[tuple[str, str | None], tuple[AwsSnapshot, str]] = {}
    for snap, ref in tables.pl_refs.get(rid, []):
        att = (ref.get("TransitGatewayAttachment") or {}).get("TransitGatewayAttachmentId") \
            if isinstance(ref.get("TransitGatewayAttachment"), dict) else None
        state = "blackhole" if ref.get("Blackhole") is True else lower(ref.get("State") or "available")
        found.setdefault((str(ref.get("PrefixListId")), att), (snap, state))
    for snap, r in tables.routes.get(rid, []):
        if r.get("PrefixListId"):
            atts = [a.get("TransitGatewayAttachmentId") for a in r.get("TransitGatewayAttachments") or []]
            found.setdefault((str(r["PrefixListId"]), atts[0] if atts else None), (snap, lower(r.get("State"))))
    out = []
    for (pl, att), (snap, state) in sorted(found.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        label = f"{rid} {pl}"
        route: dict[str, Any] = {"prefix_list": ctx.pl_ref(pl)}
        if att is None or state == "blackhole" and att not in att_names:
            route["blackhole"] = True
        elif att in att_names:
            route["attachment"] = att_names[att]
            if state == "blackhole":
                route["state"] = "blackhole"
        else:
            ctx.skip("tgw-route", label, f"attachment {att} is not in the import", snap)
            continue
        out.append(route)
    return out


def build_tgw_route(ctx: Context, rid: str, snap: AwsSnapshot, r: dict[str, Any], att_names: dict[str, str],
                    propagating: set[str]) -> dict[str, Any] | None:
    dest = r.get("DestinationCidrBlock")
    rtype = lower(r.get("Type") or "static")
    atts = [a.get("TransitGatewayAttachmentId") for a in r.get("TransitGatewayAttachments") or []
            if a.get("TransitGatewayAttachmentId")]
    label = f"{rid} {dest}"
    state = lower(r.get("State") or "active")
    if rtype == "propagated":
        if all(a in propagating for a in atts):
            return None  # derived by vpcdocs from the table's propagations
        ctx.skip("tgw-route", label, "propagated from an attachment that is not in the table's propagations "
                 "(BGP?)", snap)
        return None
    if not dest:
        ctx.skip("tgw-route", label, "route without a destination", snap)
        return None
    if state in ("deleted", "deleting"):
        ctx.skip("tgw-route", label, f"AWS reports the route as {state}", snap)
        return None
    if not atts:
        if state == "blackhole":
            return {"destination": dest, "blackhole": True}
        ctx.skip("tgw-route", label, "static route without an attachment", snap)
        return None
    if len(atts) > 1:
        ctx.skip("tgw-route", label, f"ECMP: only the first of {len(atts)} attachments is kept", snap)
    if atts[0] not in att_names:
        if state == "blackhole":  # RS-5: the attachment is gone; the route drops traffic
            ctx.result.note(f"tgw route {label}: AWS reports blackhole; attachment {atts[0]} is not in the import "
                            "(deleted?), so the route is written as a blackhole route")
            return {"destination": dest, "blackhole": True}
        ctx.skip("tgw-route", label, f"attachment {atts[0]} is not in the import", snap)
        return None
    out = {"destination": dest, "attachment": att_names[atts[0]]}
    if state == "blackhole":
        out["state"] = "blackhole"
    return out
