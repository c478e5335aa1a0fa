"""VPC peering and transit gateways: attachments, route tables, routes (PEER-*, TGW-*)."""

from __future__ import annotations

from collections.abc import Callable

from ...diagnostics import Location, did_you_mean
from ...model import ExternalVpc, Peering, TgwAttachment, TgwRoute, TgwRouteTable, TransitGateway
from ..types import Rec
from .context import Builder, Entry

# attachment key -> the attachment type it belongs to
TYPE_KEYS = {
    "vpc": "vpc", "subnets": "vpc", "ipv6_support": "vpc", "appliance_mode": "vpc",
    "peer": "peering", "vpn_connection": "vpn", "direct_connect_gateway": "direct-connect",
}


def build_peerings(b: Builder) -> None:
    for pcx_id, entry in b.ids("peering").items():
        rec = entry.rec
        requester = _peering_side(b, rec, "requester")
        accepter = _peering_side(b, rec, "accepter")
        if requester and requester == accepter:
            b.err("S-VALUE", f"peering '{pcx_id}' connects {requester} with itself", rec.key_loc)
        b.add("peering", Peering(
            **b.common(rec, pcx_id), requester=requester, accepter=accepter,
            status=rec.get("status", "active"), allow_dns_resolution=rec.get("allow_dns_resolution", False),
        ))


def _peering_side(b: Builder, rec: Rec, side: str) -> str:
    value = rec.get(side)
    if value is None:
        return ""
    if isinstance(value, Rec):  # a VPC outside the spec (PEER-8)
        if "vpc" not in value:  # S-REQUIRED was reported by the validator
            return ""
        ext_id: str = value["vpc"]
        if ext_id in b.ids("vpc"):
            b.err("S-VALUE", f"'{ext_id}' is a VPC of the spec; write just its id", value.loc)
            return ext_id
        if ("external-vpc", ext_id) not in b.first_seen:
            b.first_seen[("external-vpc", ext_id)] = value.loc
            b.add("external-vpc", ExternalVpc(
                **{**b.common(value, ext_id), "loc": value.loc}, cidrs=tuple(value.get("cidrs") or ()),
                account=value.get("account"), region=value.get("region"),
            ))
        return ext_id
    return b.ref("vpc", value, rec.at(side), "VPC") or value


def build_transit_gateways(b: Builder) -> None:
    for tgw_id, entry in b.ids("transit-gateway").items():
        rec = entry.rec
        if not entry.region:
            b.err("S-REGION", f"transit gateway '{tgw_id}' has no region", rec.key_loc,
                  hint="set 'region:' at the top of the file or on the transit gateway")
        defaults = {}
        for key in ("default_association_route_table", "default_propagation_route_table"):
            if rec.get(key):
                defaults[key] = b.ref("tgw-route-table", rec[key], rec.at(key), "transit gateway route table")
        b.add("transit-gateway", TransitGateway(
            **b.common(rec, tgw_id), region=entry.region or "", account=entry.account, asn=rec.get("asn"),
            default_association_route_table=defaults.get("default_association_route_table"),
            default_propagation_route_table=defaults.get("default_propagation_route_table"),
            state=rec.get("state", "available"),
        ))
    for att_id, entry in b.ids("tgw-attachment").items():
        _attachment(b, att_id, entry)
    for rt_id, entry in b.ids("tgw-route-table").items():
        _route_table(b, rt_id, entry)


def _attachment(b: Builder, att_id: str, entry: Entry) -> None:
    rec = entry.rec
    att_type = rec.get("type", "vpc")
    for key, owner in TYPE_KEYS.items():
        if key in rec and owner != att_type:
            b.err("S-UNKNOWN-KEY", f"'{key}' applies to attachments of type {owner}, not {att_type}", rec.at(key))
    vpc = rec.get("vpc")
    subnets: tuple[str, ...] = tuple(rec.get("subnets") or ())
    if att_type == "vpc":
        if vpc is None:
            b.err("S-REQUIRED", f"VPC attachment '{att_id}' needs 'vpc'", rec.loc)
        else:
            vpc = b.ref("vpc", vpc, rec.at("vpc"), "VPC")
            if vpc is not None:
                subnets = b.refs(rec, "subnets", "subnet", "subnet", vpc)
    peer = None
    if att_type == "peering":
        if rec.get("peer") is None:
            b.err("S-REQUIRED", f"peering attachment '{att_id}' needs 'peer' (a transit gateway)", rec.loc)
        else:
            peer = b.ref("transit-gateway", rec["peer"], rec.at("peer"), "transit gateway")
    vpn = None
    if att_type == "vpn" and "vpn_connection" in rec:
        vpn = b.ref("vpn-connection", rec["vpn_connection"], rec.at("vpn_connection"), "VPN connection")
        ends_on = b.ids("vpn-connection")[vpn].rec.get("transit_gateway") if vpn else None
        if vpn and ends_on is None:
            b.err("S-REF", f"VPN connection '{vpn}' ends on a virtual private gateway, not on transit gateway "
                  f"'{entry.tgw}' (VGW-9)", rec.at("vpn_connection"))
        elif vpn and ends_on and b.lookup("transit-gateway", ends_on) not in (None, entry.tgw):
            b.err("S-REF", f"VPN connection '{vpn}' ends on transit gateway '{ends_on}', not '{entry.tgw}' (VGW-9)",
                  rec.at("vpn_connection"))
    dx = None
    if att_type == "direct-connect" and "direct_connect_gateway" in rec:
        dx = b.ref("direct-connect-gateway", rec["direct_connect_gateway"], rec.at("direct_connect_gateway"),
                   "Direct Connect gateway")
    b.add("tgw-attachment", TgwAttachment(
        **b.common(rec, att_id), transit_gateway=entry.tgw, type=att_type, vpc=vpc, subnets=subnets,
        peer_transit_gateway=peer, vpn_connection=vpn, direct_connect_gateway=dx,
        cidrs=tuple(rec.get("cidrs") or ()), appliance_mode=rec.get("appliance_mode", False),
        ipv6_support=rec.get("ipv6_support", False), state=rec.get("state", "available"),
    ))


def _route_table(b: Builder, rt_id: str, entry: Entry) -> None:
    rec, tgw = entry.rec, entry.tgw
    atts = b.ids("tgw-attachment")

    def att_ref(att: str, loc: Location, gone_ok: bool = False) -> str | None:
        found = att if att in atts else b.by_aws_id("tgw-attachment").get(att)
        if found is None:
            if gone_ok:  # RS-5: AWS reports routes to deleted attachments as blackhole
                return att
            b.err("S-REF", f"unknown attachment '{att}' of transit gateway '{tgw}'", loc,
                  hint=did_you_mean(att, [a for a, e in atts.items() if e.tgw == tgw]))
            return None
        if atts[found].tgw != tgw:
            b.err("S-REF", f"attachment '{att}' belongs to transit gateway '{atts[found].tgw}', not '{tgw}'", loc)
            return None
        return found

    lists = {}
    for key in ("associations", "propagations"):
        lists[key] = tuple(a for a in (att_ref(att, rec.at(key, att)) for att in rec.get(key) or ()) if a)
    routes = []
    for r in rec.get("routes") or ():
        route = _tgw_route(b, r, att_ref)
        if route is not None:
            routes.append(route)
    b.add("tgw-route-table", TgwRouteTable(
        **b.common(rec, rt_id), transit_gateway=tgw, associations=lists["associations"],
        propagations=lists["propagations"], routes=tuple(routes),
    ))


def _tgw_route(b: Builder, r: Rec, att_ref: Callable[..., str | None]) -> TgwRoute | None:
    if not r.complete:
        return None
    blackhole = r.get("blackhole", False)
    state = r.get("state")
    att = r.get("attachment")
    if blackhole and att:
        b.err("S-VALUE", "a route is either blackhole or has an attachment, not both", r.loc)
    elif not blackhole and not att:
        b.err("S-REQUIRED", "transit gateway route needs 'attachment' or 'blackhole: true'", r.loc)
    if blackhole and state == "active":
        b.err("S-VALUE", "a blackhole route cannot be in state active", r.at("state"))
    if att:
        att = att_ref(att, r.at("attachment"), gone_ok=state == "blackhole")
    prefix_list = None
    destination = r.get("destination")
    if "prefix_list" in r:
        found = b.find_prefix_list(r["prefix_list"])
        if found is None or not found.resolved:
            b.err("S-REF", f"unknown prefix list '{r['prefix_list']}'", r.at("prefix_list"),
                  hint=did_you_mean(r["prefix_list"], b.ids("prefix-list"))
                  or "a transit gateway route expands the entries of a prefix list declared under prefix_lists: "
                     "(PL-7)")
            return None
        prefix_list = found.id
        destination = r["prefix_list"]
    return TgwRoute(destination=str(destination), network=r.get("destination"), attachment=att,
                    blackhole=blackhole, prefix_list=prefix_list, state=state, description=r.get("description"),
                    loc=r.loc)
