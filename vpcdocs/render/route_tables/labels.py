"""Words shown for route origins, states and target types (shared by the printers)."""

ORIGIN_LABELS = {
    "local": "local (derived)",
    "static": "static",
    "gateway-endpoint": "gateway endpoint (derived)",
    "propagated": "propagated",
}

PROPAGATION_LABELS = {
    "dx-bgp": "propagated (Direct Connect BGP)",
    "vpn-static": "propagated (VPN static)",
    "vpn-bgp": "propagated (VPN BGP)",
}


def origin_label(route) -> str:
    """What the Origin column says for a route (propagated routes name their source)."""
    if route.origin == "propagated" and route.propagation:
        label = PROPAGATION_LABELS.get(route.propagation, "propagated")
        return label if route.selected else label + ", overlaps local: unused"
    return ORIGIN_LABELS.get(route.origin, route.origin)

TARGET_TYPE_LABELS = {
    "local": "local",
    "internet-gateway": "internet gateway",
    "nat-gateway": "NAT gateway",
    "vpc-peering": "VPC peering",
    "transit-gateway": "transit gateway",
    "gateway-endpoint": "gateway endpoint",
    "gwlb-endpoint": "GWLB endpoint",
    "network-interface": "network interface",
    "instance": "instance",
    "vpn-gateway": "virtual private gateway",
    "egress-only-internet-gateway": "egress-only internet gateway",
    "carrier-gateway": "carrier gateway",
    "local-gateway": "local gateway",
    "core-network": "core network",
    "unknown": "unknown",
}


def subnets_label(table) -> str:
    if not table.subnets:
        return "none"
    parts = [s + (" (implicit)" if s in table.implicit_subnets else "") for s in table.subnets]
    return ", ".join(parts)
