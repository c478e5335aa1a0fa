"""The typed, immutable network model every later stage consumes."""

from .resources import (  # noqa: F401
    EXTERNAL_TARGET_PREFIXES,
    EndpointService,
    Expectation,
    ExternalVpc,
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    Listener,
    LoadBalancer,
    NatGateway,
    Peering,
    Resource,
    Route,
    RouteTable,
    SecurityGroup,
    SecurityGroupRule,
    Subnet,
    Suppression,
    TargetGroup,
    TgwAttachment,
    TgwRoute,
    TgwRouteTable,
    TransitGateway,
    Vpc,
)
from .topology import KINDS, Topology  # noqa: F401
