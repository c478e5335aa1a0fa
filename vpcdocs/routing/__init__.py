"""Routing: the effective route tables AWS would show for a topology."""

from .effective import (  # noqa: F401
    EffectiveRoute,
    EffectiveRouteTable,
    effective_route_table,
    effective_route_tables,
    gateway_endpoint_route,
    managed_prefix_list_name,
)
from .tgw import (  # noqa: F401
    EffectiveTgwRouteTable,
    TgwEffectiveRoute,
    effective_tgw_route_table,
    effective_tgw_route_tables,
)
