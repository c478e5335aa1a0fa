"""Site-to-Site VPN connections, the on-premises networks behind their customer gateways, and
Direct Connect gateways — at route level (VGW-1..12).

No describe call lists the prefixes a VPN learned over BGP; they show up as routes the
virtual private gateway propagated into route tables (``Origin: EnableVgwRoutePropagation``)
and as propagated routes of the VPN attachment in transit gateway route tables (VGW-12).
Those are the connection's ``bgp_routes``. The external network behind a customer gateway
holds the prefixes its connections bring in, default routes excepted (a default route
would make every address on-premises).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..naming import account_of, addr, common, finish, lower, net, sorted_cidrs, state_of
from .context import Context
from .transit import TgwTables

DEFAULT_ROUTES = ("0.0.0.0/0", "::/0")


def build_vpns(ctx: Context, tables: TgwTables) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]],
                                                         dict[str, str]]:
    """(vpn_connections, external_networks, VPN AWS id → spec id)."""
    vpns: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    networks: dict[str, set[str]] = defaultdict(set)
    network_items: dict[str, dict[str, Any]] = {}
    per_vgw: dict[str, list[str]] = defaultdict(list)
    for vid, (_, vpn) in ctx.store["vpn"].items():
        if isinstance(vpn.get("VpnGatewayId"), str) and state_of(vpn, "available") not in ("deleted", "deleting"):
            per_vgw[vpn["VpnGatewayId"]].append(vid)
    vpn_atts = {str(a.get("ResourceId")): aid for aid, (_, a) in ctx.tgw_atts.items()
                if lower(a.get("ResourceType")) == "vpn"}
    for vid, (snap, vpn) in sorted(ctx.store["vpn"].items()):
        state = state_of(vpn, "available")
        if state in ("deleted", "deleting"):
            ctx.skip("vpn-connection", vid, f"state {state}: it no longer carries traffic", snap)
            continue
        spec_id = ctx.names.get("vpn-connection", vid) or vid
        doc = common(vpn, vid, spec_id)
        vgw, tgw = vpn.get("VpnGatewayId"), vpn.get("TransitGatewayId")
        if isinstance(tgw, str) and tgw:
            if tgw not in ctx.store["tgw"]:
                ctx.skip("vpn-connection", vid, f"its transit gateway {tgw} is not in the import", snap)
                continue
            doc["transit_gateway"] = ctx.target_id(tgw)
        elif isinstance(vgw, str) and vgw:
            if vgw not in ctx.emitted:
                ctx.skip("vpn-connection", vid, f"its virtual private gateway {vgw} is not in the import (not "
                         "attached to an imported VPC)", snap)
                continue
            doc["vpn_gateway"] = ctx.target_id(vgw)
        else:
            ctx.skip("vpn-connection", vid, "ends on neither a virtual private gateway nor a transit gateway", snap)
            continue
        static_only = (vpn.get("Options") or {}).get("StaticRoutesOnly") is True
        static = sorted_cidrs(r.get("DestinationCidrBlock") for r in vpn.get("Routes") or []
                              if lower(r.get("State") or "available") in ("available", "pending")
                              and net(r.get("DestinationCidrBlock")) is not None)
        learned: set[str] = set()
        if isinstance(tgw, str) and tgw:
            learned = set(tables.propagated.get(vpn_atts.get(vid, ""), set()))
        elif isinstance(vgw, str):
            learned = set(ctx.vgw_learned.get(vgw, set()))
            if len(per_vgw.get(vgw, [])) > 1 and learned:
                ctx.result.note(f"{vid}: {len(per_vgw[vgw])} VPN connections share {vgw}; the prefixes it "
                                "propagated are given to each (AWS does not say which connection learned which)")
        bgp = sorted_cidrs(c for c in learned if c not in static)
        cgw_id = vpn.get("CustomerGatewayId")
        cgw = ctx.get("cgw", cgw_id)
        if cgw and addr(cgw.get("IpAddress")) is not None:
            doc["customer_gateway"] = cgw["IpAddress"]
        elif isinstance(cgw_id, str):
            doc["customer_gateway"] = cgw_id
        if isinstance(cgw_id, str):
            prefixes = [c for c in (*static, *([] if static_only else bgp)) if c not in DEFAULT_ROUTES]
            networks[cgw_id].update(prefixes)
            network_items[cgw_id] = cgw
            if prefixes:
                doc["network"] = ctx.names.get("external-network", cgw_id)
        if static_only:
            doc["static_routes_only"] = True
            if bgp:
                ctx.result.note(f"{vid}: static routes only, yet {', '.join(bgp)} propagated: not written as BGP "
                                "routes")
        elif bgp:
            doc["bgp_routes"] = bgp
        if static:
            doc["static_routes"] = static
        if state != "available":
            doc["state"] = state
        account = account_of(vpn.get("OwnerId")) or account_of(snap.account)
        if account:
            doc["account"] = account
        ctx.owner[("vpn_connections", spec_id)] = ctx.account(snap, vpn)
        names[vid] = spec_id
        vpns[spec_id] = finish(doc, vpn)
    externals = {}
    for cgw_id, cidrs in sorted(networks.items()):
        if not cidrs:
            continue
        item = network_items.get(cgw_id) or {}
        spec_id = ctx.names.get("external-network", cgw_id) or cgw_id
        doc = common(item, None, spec_id)
        doc["cidrs"] = sorted_cidrs(cidrs)
        externals[spec_id] = finish(doc, item)
    for gid, (snap, _) in sorted(ctx.store["cgw"].items()):
        if gid not in networks:
            ctx.skip("customer-gateway", gid, "no VPN connection of the import uses it", snap)
    return dict(sorted(vpns.items())), dict(sorted(externals.items())), names


def build_dx_gateways(ctx: Context) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Direct Connect gateways with their associated VGWs and allowed prefixes; the prefixes a
    VGW without VPN connections propagated are the gateway's BGP routes (VGW-12)."""
    assoc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for snap in ctx.snaps:
        for a in snap.items("directConnectGatewayAssociations"):
            assoc[str(a.get("directConnectGatewayId"))].append(a)
    vgw_with_vpn = {v.get("VpnGatewayId") for _, v in ctx.store["vpn"].values()}
    out, names = {}, {}
    for gid, (snap, g) in sorted(ctx.store["dxgw"].items()):
        state = lower(g.get("directConnectGatewayState") or "available")
        if state in ("deleted", "deleting"):
            ctx.skip("direct-connect-gateway", gid, f"state {state}", snap)
            continue
        spec_id = ctx.names.get("direct-connect-gateway", gid) or gid
        doc: dict[str, Any] = {"aws_id": gid}
        if g.get("directConnectGatewayName") and g["directConnectGatewayName"] != spec_id:
            doc["name"] = g["directConnectGatewayName"]
        vgws, allowed, learned = [], [], set()
        for a in assoc.get(gid, []):
            if lower(a.get("associationState") or "associated") not in ("associated", "associating"):
                continue
            gw = a.get("associatedGateway") or {}
            gw_id = gw.get("id") or a.get("virtualGatewayId")
            allowed += [p.get("cidr") for p in a.get("allowedPrefixesToDirectConnectGateway") or []
                        if net(p.get("cidr")) is not None]
            if isinstance(gw_id, str) and gw_id.startswith("vgw-"):
                if gw_id in ctx.emitted:
                    vgws.append(ctx.target_id(gw_id))
                    if gw_id not in vgw_with_vpn:
                        learned |= ctx.vgw_learned.get(gw_id, set())
                else:
                    ctx.skip("direct-connect-association", f"{gid} {gw_id}", "the virtual private gateway is not in "
                             "the import", snap)
        if vgws:
            doc["vpn_gateways"] = sorted(set(vgws))
        bgp = sorted_cidrs(learned)
        if bgp:
            doc["bgp_routes"] = bgp
        if allowed:
            doc["allowed_prefixes"] = sorted_cidrs(allowed)
        account = account_of(g.get("ownerAccount"))
        if account:
            doc["account"] = account
        if state != "available":
            doc["state"] = state
        ctx.owner[("direct_connect_gateways", spec_id)] = account
        names[gid] = spec_id
        out[spec_id] = doc
    return out, names
