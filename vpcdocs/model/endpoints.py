"""VPC endpoints, PrivateLink endpoint services and load balancers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..diagnostics import UNKNOWN_LOCATION, Location
from .base import Resource, VpcResource
from .lifecycle import usable

GatewayService = Literal["s3", "dynamodb", "s3express"]


@dataclass(frozen=True)
class GatewayEndpoint(VpcResource):
    """A gateway VPC endpoint (GWE-1): its routes are derived, never written (GWE-2, GWE-3)."""

    service: str = "s3"  # short name: s3, dynamodb (GWE-1); anything else is linted
    service_region: str | None = None  # region of the service when written in full (GWE-5)
    route_tables: tuple[str, ...] = ()
    prefix_list_id: str | None = None  # the real pl- id, when known
    state: str = "available"

    @property
    def active(self) -> bool:
        """A deleted or failed endpoint no longer adds its route (GWE-3)."""
        return usable("gateway-endpoint", self.state)


@dataclass(frozen=True)
class InterfaceEndpoint(VpcResource):
    """An interface endpoint: one ENI per subnet (IFE-1), to an AWS service or an endpoint
    service (PrivateLink). Without security groups it gets the VPC's default group (IFE-2)."""

    service: str = ""  # AWS service short name (sqs), full service name, or ""
    endpoint_service: str | None = None  # id of an EndpointService in the spec
    subnets: tuple[str, ...] = ()
    security_groups: tuple[str, ...] = ()
    private_dns: bool = False
    state: str = "available"

    @property
    def active(self) -> bool:
        return usable("interface-endpoint", self.state)


@dataclass(frozen=True)
class EndpointService(Resource):
    """A PrivateLink endpoint service backed by NLBs or GWLBs (EPS-1)."""

    vpc: str = ""  # VPC of its load balancers (derived by the loader)
    load_balancers: tuple[str, ...] = ()
    acceptance_required: bool = True
    allowed_principals: tuple[str, ...] = ()
    service_name: str | None = None  # com.amazonaws.vpce.<region>.vpce-svc-… (EPS-2)
    private_dns_name: str | None = None
    supported_regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listener:
    port: int
    protocol: str  # HTTP HTTPS TCP TLS UDP TCP_UDP GENEVE
    target_group: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class TargetGroup:
    id: str
    target_type: Literal["instance", "ip", "alb", "lambda"] = "instance"
    protocol: str = "TCP"
    port: int | None = None
    targets: tuple[str, ...] = ()  # instance ids / IPs; for target_type alb the id of the ALB (EPS-5)
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class LoadBalancer(VpcResource):
    """An ALB, NLB or GWLB: one ENI per subnet. ALBs always have security groups; an NLB only
    when given at creation (with none, every client reaches the listeners); a GWLB never
    (SG-20)."""

    type: Literal["application", "network", "gateway"] = "application"
    scheme: Literal["internal", "internet-facing"] = "internal"
    subnets: tuple[str, ...] = ()
    listeners: tuple[Listener, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    security_groups: tuple[str, ...] = ()
    cross_zone: bool | None = None  # EPS-9
