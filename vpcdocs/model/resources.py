"""Every model class in one namespace (the classes live in the modules named by topic)."""

from .base import IPAddress, IPNetwork, Resource, Suppression, VpcResource
from .endpoints import (
    EndpointService,
    GatewayEndpoint,
    GatewayService,
    InterfaceEndpoint,
    Listener,
    LoadBalancer,
    TargetGroup,
)
from .hybrid import DirectConnectGateway, ExternalNetwork, VpnConnection, VpnGateway
from .intent import Expectation
from .network import EgressOnlyInternetGateway, ExternalVpc, InternetGateway, NatGateway, Subnet, Vpc
from .routes import EXTERNAL_TARGET_PREFIXES, Route, RouteState, RouteTable, TargetKind
from .security import (
    NaclRule,
    NetworkAcl,
    PrefixList,
    SecurityGroup,
    SecurityGroupRule,
    has_ports,
    normalise_protocol,
)
from .transit import PEERING_STATES, Peering, TgwAttachment, TgwRoute, TgwRouteTable, TransitGateway
from .workloads import Instance, NetworkInterface

__all__ = [
    "EXTERNAL_TARGET_PREFIXES", "PEERING_STATES", "DirectConnectGateway", "EgressOnlyInternetGateway",
    "EndpointService", "Expectation", "ExternalNetwork", "ExternalVpc", "GatewayEndpoint", "GatewayService",
    "IPAddress", "IPNetwork", "Instance", "InterfaceEndpoint", "InternetGateway", "Listener", "LoadBalancer",
    "NaclRule", "NatGateway", "NetworkAcl", "NetworkInterface", "Peering", "PrefixList", "Resource", "Route",
    "RouteState", "RouteTable", "SecurityGroup", "SecurityGroupRule", "Subnet", "Suppression", "TargetGroup",
    "TargetKind", "TgwAttachment", "TgwRoute", "TgwRouteTable", "TransitGateway", "Vpc", "VpcResource",
    "VpnConnection", "VpnGateway", "has_ports", "normalise_protocol",
]
