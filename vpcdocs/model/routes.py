"""Route tables as written: one destination, one target per route (RT-TGT-1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..diagnostics import UNKNOWN_LOCATION, Location
from .base import IPNetwork, VpcResource

# Route target kinds, named after the AWS console's target column (RT-TGT-1, §3.3).
TargetKind = Literal[
    "local",
    "internet-gateway",
    "nat-gateway",
    "vpc-peering",
    "transit-gateway",
    "gateway-endpoint",
    "gwlb-endpoint",
    "network-interface",
    "instance",
    "vpn-gateway",
    "egress-only-internet-gateway",
    "carrier-gateway",
    "local-gateway",
    "core-network",
    "unknown",
]

# AWS id prefixes of route targets a spec may name without declaring them as objects: they
# show up in the route tables as written (§3.3).
EXTERNAL_TARGET_PREFIXES: dict[str, TargetKind] = {
    "eni-": "network-interface",
    "i-": "instance",
    "vgw-": "vpn-gateway",
    "eigw-": "egress-only-internet-gateway",
    "cagw-": "carrier-gateway",
    "lgw-": "local-gateway",
    "arn:aws:networkmanager:": "core-network",
}

RouteState = Literal["active", "blackhole"]


@dataclass(frozen=True)
class Route:
    """One route as written in the spec.

    ``destination`` is a CIDR, or a prefix list (``pl-…`` id, spec id of a ``prefix_lists``
    entry, or an AWS-managed list name such as ``com.amazonaws.us-east-1.s3``).
    ``prefix_list`` is the spec id of the prefix list when the spec declares it.
    ``state`` is what AWS reported (imports): ``blackhole`` is honoured whatever the target
    (RS-3, RS-6); None means "compute it from the target" (declared topologies).
    """

    destination: str
    target: str  # as written: a spec id or an AWS id
    destination_type: Literal["cidr", "ipv6-cidr", "prefix-list"] = "cidr"
    network: IPNetwork | None = None  # parsed destination when it is a CIDR
    target_kind: TargetKind = "unknown"  # resolved by the loader
    target_resolved: bool = False  # False: AWS-style id of an object not in the spec
    prefix_list: str | None = None  # spec id of the destination prefix list, when declared
    state: RouteState | None = None  # as reported by AWS (RS-1); None = derive (RS-6)
    state_reason: str | None = None
    description: str | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)


@dataclass(frozen=True)
class RouteTable(VpcResource):
    main: bool = False  # RT-2
    routes: tuple[Route, ...] = ()
    # Subnets associated explicitly by listing them on the table (a subnet's own
    # ``route_table`` field is the other way to say the same; the loader merges both).
    subnets: tuple[str, ...] = ()
    propagating_vgws: tuple[str, ...] = ()  # VGW-3
