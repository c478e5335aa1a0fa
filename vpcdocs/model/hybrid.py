"""Virtual private gateways, Site-to-Site VPN, Direct Connect gateways and the named
external (on-premises) networks behind them — at route level (VGW-*)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import IPNetwork, Resource


@dataclass(frozen=True)
class ExternalNetwork(Resource):
    """A network outside AWS that the estate reaches over VPN or Direct Connect (e.g. a data
    centre): ``reach`` can target it by id or by an address in its CIDRs."""

    cidrs: tuple[IPNetwork, ...] = ()


@dataclass(frozen=True)
class VpnGateway(Resource):
    """A virtual private gateway attached to ``vpc`` (VGW-1)."""

    vpc: str | None = None
    region: str = ""
    account: str | None = None
    asn: int | None = None
    state: str = "attached"


@dataclass(frozen=True)
class VpnConnection(Resource):
    """A Site-to-Site VPN connection ending on a VGW or on a transit gateway (VGW-9).

    Prefixes it brings into the AWS side: ``static_routes`` (CreateVpnConnectionRoute) and,
    unless ``static_routes_only``, ``bgp_routes`` learned from the customer gateway. When
    neither is given, the CIDRs of ``network`` are the BGP-learned prefixes.
    """

    vpn_gateway: str | None = None
    transit_gateway: str | None = None
    network: str | None = None  # ExternalNetwork id behind the customer gateway
    customer_gateway: str | None = None  # customer gateway id or public IP, shown only
    static_routes_only: bool = False
    static_routes: tuple[IPNetwork, ...] = ()
    bgp_routes: tuple[IPNetwork, ...] = ()
    region: str = ""
    account: str | None = None
    state: str = "available"


@dataclass(frozen=True)
class DirectConnectGateway(Resource):
    """A Direct Connect gateway associated with VGWs (or transit gateways): ``bgp_routes`` are
    the on-premises prefixes it learns; ``allowed_prefixes`` what it advertises on-premises."""

    vpn_gateways: tuple[str, ...] = ()
    network: str | None = None
    bgp_routes: tuple[IPNetwork, ...] = ()
    allowed_prefixes: tuple[IPNetwork, ...] = ()
    account: str | None = None
    state: str = "available"
