"""Site-to-Site VPN, Direct Connect gateways and the external networks behind them (VGW-*)."""

from __future__ import annotations

from ..containers import Field, ListOf, MapOf, Obj
from ..types import Bool, Str
from ..values import Cidr
from .common import ID_LIST, ID_REF, account_field, common, region_field, state

EXTERNAL_NETWORK = Obj(
    common(
        cidrs=Field(ListOf(Cidr(None), min_items=1), "The network's CIDRs (at least one); `vpcdocs reach` can "
                    "target the network by id or by an address inside them.", required=True,
                    examples=(["192.168.0.0/16", "172.16.0.0/12"],)),
    ),
    what="external network",
)

VPN_CONNECTION = Obj(
    common(
        vpn_gateway=Field(ID_REF, "The virtual private gateway it ends on (declared under a VPC; id or vgw- id). "
                          "Exactly one of vpn_gateway / transit_gateway.", examples=("vgw-a",)),
        transit_gateway=Field(ID_REF, "The transit gateway it ends on (then an attachment of type vpn names this "
                              "connection, VGW-9).", examples=("tgw-hub",)),
        network=Field(ID_REF, "The external network behind the customer gateway.", examples=("corp-dc",)),
        customer_gateway=Field(Str(min_length=1), "Customer gateway id or public IP address (shown only).",
                               examples=("203.0.113.10", "cgw-0a1b2c3d4e5f60718")),
        static_routes_only=Field(Bool(), "Static routing only, no BGP (StaticRoutesOnly).", default=False),
        static_routes=Field(ListOf(Cidr(None)), "VPN connection routes (CreateVpnConnectionRoute), for a "
                            "connection on a virtual private gateway (VGW-3).", examples=(["192.168.10.0/24"],)),
        bgp_routes=Field(ListOf(Cidr(None)), "Prefixes learned over BGP from the customer gateway; left out (and "
                         "not static-only): the network's CIDRs (VGW-12).", examples=(["192.168.0.0/16"],)),
        region=region_field("VPN connection"),
        account=account_field("VPN connection"),
        state=state(("pending", "available", "deleting", "deleted"), "State; only an available connection "
                    "carries traffic.", "available"),
    ),
    what="VPN connection",
    exclusive=(("vpn_gateway", "transit_gateway"),),
    need_one=(("vpn_gateway", "transit_gateway"),),
)

DIRECT_CONNECT_GATEWAY = Obj(
    common(
        vpn_gateways=Field(ID_LIST, "Virtual private gateways associated with it (ids or vgw- ids).",
                           examples=(["vgw-a"],)),
        network=Field(ID_REF, "The external network reached over Direct Connect.", examples=("corp-dc",)),
        bgp_routes=Field(ListOf(Cidr(None)), "On-premises prefixes it learns over BGP.",
                         examples=(["10.200.0.0/16"],)),
        allowed_prefixes=Field(ListOf(Cidr(None)), "Prefixes it advertises on-premises (allowed prefixes, VGW-9).",
                               examples=(["10.0.0.0/16"],)),
        account=account_field("Direct Connect gateway"),
        state=state(("pending", "available", "deleting", "deleted", "associated"), "State.", "available"),
    ),
    what="Direct Connect gateway",
)

EXTERNAL_NETWORKS = MapOf(EXTERNAL_NETWORK, "external network", example_id="corp-dc")
VPN_CONNECTIONS = MapOf(VPN_CONNECTION, "VPN connection", example_id="vpn-dc1")
DIRECT_CONNECT_GATEWAYS = MapOf(DIRECT_CONNECT_GATEWAY, "Direct Connect gateway", example_id="dxgw-1")
__all__ = ["DIRECT_CONNECT_GATEWAYS", "EXTERNAL_NETWORKS", "VPN_CONNECTIONS"]
