"""The data plane: every derived network fact of a topology, computed once.

Start at :func:`dataplane`; the other names are the types its answers are made of.
"""

from .dataplane import DataPlane, SubnetClass, dataplane
from .effective import EffectiveRoute, EffectiveRouteTable, gateway_endpoint_route, vgw_prefixes
from .filters import CompiledNacl, NaclDecision, NaclVerdict, SecurityGroups, SgMatch, SgVerdict
from .interfaces import Interface
from .lpm import Dest, PrefixBuckets, RouteSelector, TgwRouteSelector, longest_route
from .neighbours import Neighbours
from .ports import ANY_TRAFFIC, DEFAULT_EPHEMERAL, IntervalSet, TrafficSet
from .prefix_lists import PrefixListIndex, ResolvedPrefixList, managed_prefix_list_name
from .tgw import EffectiveTgwRouteTable, TgwEffectiveRoute, attachment_prefixes

__all__ = [
    "ANY_TRAFFIC", "DEFAULT_EPHEMERAL", "CompiledNacl", "DataPlane", "Dest", "EffectiveRoute",
    "EffectiveRouteTable", "EffectiveTgwRouteTable", "Interface", "IntervalSet", "NaclDecision", "NaclVerdict",
    "Neighbours", "PrefixBuckets", "PrefixListIndex", "ResolvedPrefixList", "RouteSelector", "SecurityGroups",
    "SgMatch", "SgVerdict", "SubnetClass", "TgwEffectiveRoute", "TgwRouteSelector", "TrafficSet",
    "attachment_prefixes", "dataplane", "gateway_endpoint_route", "longest_route", "managed_prefix_list_name",
    "vgw_prefixes",
]
