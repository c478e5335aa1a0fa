"""Virtual private gateways, Site-to-Site VPN, Direct Connect gateways and external networks
(VGW-*)."""

from __future__ import annotations

from ...model import DirectConnectGateway, ExternalNetwork, VpnConnection, VpnGateway
from .context import VGW_AWS_ID, Builder


def build_external_networks(b: Builder) -> None:
    for net_id, entry in b.ids("external-network").items():
        b.add("external-network", ExternalNetwork(**b.common(entry.rec, net_id),
                                                  cidrs=tuple(entry.rec.get("cidrs") or ())))


def build_vpn_gateways(b: Builder) -> None:
    for vgw_id, entry in b.ids("vpn-gateway").items():
        rec = entry.rec
        b.add("vpn-gateway", VpnGateway(
            **b.common(rec, vgw_id), vpc=entry.vpc, region=entry.region or "", account=entry.account,
            asn=rec.get("asn"), state=rec.get("state", "attached")))


def build_vpn_connections(b: Builder) -> None:
    for vpn_id, entry in b.ids("vpn-connection").items():
        rec = entry.rec
        vgw = tgw = network = None
        region = entry.region
        if "vpn_gateway" in rec:
            vgw = b.ref("vpn-gateway", rec["vpn_gateway"], rec.at("vpn_gateway"), "virtual private gateway")
            region = region or (b.ids("vpn-gateway")[vgw].region if vgw else None)
        if "transit_gateway" in rec:
            tgw = b.ref("transit-gateway", rec["transit_gateway"], rec.at("transit_gateway"), "transit gateway")
            region = region or (b.ids("transit-gateway")[tgw].region if tgw else None)
            if rec.get("static_routes") and "vpn_gateway" not in rec:  # VGW-9: CreateVpnConnectionRoute is for VGW connections
                b.err("S-VALUE", "static_routes apply to a VPN connection on a virtual private gateway; on a "
                      "transit gateway write them as routes of its route tables (VGW-9)", rec.at("static_routes"))
        if "network" in rec:
            network = b.ref("external-network", rec["network"], rec.at("network"), "external network")
        if rec.get("static_routes_only") and rec.get("bgp_routes"):
            b.err("S-VALUE", "a static-routes-only VPN connection learns no BGP routes", rec.at("bgp_routes"),
                  hint="drop bgp_routes, or set static_routes_only: false")
        b.add("vpn-connection", VpnConnection(
            **b.common(rec, vpn_id), vpn_gateway=vgw, transit_gateway=tgw, network=network,
            customer_gateway=rec.get("customer_gateway"), static_routes_only=rec.get("static_routes_only", False),
            static_routes=tuple(rec.get("static_routes") or ()), bgp_routes=tuple(rec.get("bgp_routes") or ()),
            region=region or "", account=entry.account, state=rec.get("state", "available")))


def build_direct_connect_gateways(b: Builder) -> None:
    for dx_id, entry in b.ids("direct-connect-gateway").items():
        rec = entry.rec
        network = None
        if "network" in rec:
            network = b.ref("external-network", rec["network"], rec.at("network"), "external network")
        b.add("direct-connect-gateway", DirectConnectGateway(
            **b.common(rec, dx_id),
            vpn_gateways=b.refs(rec, "vpn_gateways", "vpn-gateway", "virtual private gateway", external=VGW_AWS_ID),
            network=network, bgp_routes=tuple(rec.get("bgp_routes") or ()),
            allowed_prefixes=tuple(rec.get("allowed_prefixes") or ()), account=entry.account,
            state=rec.get("state", "available")))
