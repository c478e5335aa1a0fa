"""Route selection in one VPC route table (RT-PRI-1..4, RT-BH-1, GWE-5).

Destinations are either networks (an address is a /32) or symbolic:

* ``internet`` — some public address: only default routes (``0.0.0.0/0``) match;
* ``aws-service:<service>@<region>`` — S3/DynamoDB in a region. vpcdocs does not know the CIDRs
  of AWS-managed prefix lists, so a same-region service destination matches the gateway-endpoint
  prefix-list route of that service (and a user route whose destination is that managed prefix
  list), which beats the default route; a service in another region never matches it (GWE-5)
  and falls through to the default route.

Among matching routes the longest prefix wins (RT-PRI-1); on a tie a static CIDR route beats a
prefix-list route, which beats a propagated route (RT-PRI-2, RT-PRI-3). Several prefix-list
routes still tied: deterministic pick by target (AWS picks one at random, then sticks to it).
A blackhole route that wins is returned as is: the caller drops the packet, there is no
fall-back to a shorter prefix (RT-BH-1).
"""

from __future__ import annotations

import bisect
import ipaddress
from dataclasses import dataclass

from ...routing.effective import EffectiveRoute, EffectiveRouteTable, managed_prefix_list_name

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_GLOBAL: dict = {}  # network -> is_global (ipaddress computes it slowly)

RANK_STATIC = 0
RANK_PREFIX_LIST = 1
RANK_PROPAGATED = 2


@dataclass(frozen=True)
class Dest:
    """Where a packet goes, as the route tables see it.

    ``kind`` is ``net`` (``network`` set), ``internet`` or ``service`` (``service`` and
    ``region`` set). ``vpc`` is the VPC the address is expected in (None: wherever the routes
    lead), ``subnet`` the subnet when the destination is exactly one subnet.
    """

    kind: str
    network: IPNetwork | None = None
    service: str | None = None
    region: str | None = None
    vpc: str | None = None
    subnet: str | None = None

    def __post_init__(self):
        net = self.network
        if net is not None:  # one int: smaller and faster to hash than a tuple
            key = (int(net.network_address) << 9) | (net.prefixlen << 1) | (net.version == 6)
        else:
            key = (self.kind, self.service, self.region)
        object.__setattr__(self, "key", key)

    @property
    def text(self) -> str:
        if self.kind == "net":
            return str(self.network)
        if self.kind == "service":
            return f"{self.service} in {self.region}"
        return "the internet"

    @property
    def symbol(self) -> str:
        if self.kind == "service":
            return f"aws-service:{self.service}@{self.region}"
        return self.text

    @property
    def public(self) -> bool:
        """True when the internet can carry it (internet, AWS public services, global IPs)."""
        if self.kind in ("internet", "service"):
            return True
        if self.network is None:
            return False
        try:
            return _GLOBAL[self.network]
        except KeyError:
            result = _GLOBAL[self.network] = bool(self.network.is_global)
            return result


class PrefixBuckets:
    """Items keyed by network, for longest-prefix match (RT-PRI-1; TGW-6 step 1).

    Networks are grouped by (version, prefix length); a look-up tries the lengths from the
    longest down, masking the address once per length: O(distinct lengths), not O(routes).
    """

    def __init__(self, items=(), network=lambda item: item.network):
        self._buckets: dict[tuple[int, int], dict[int, list]] = {}
        for item in items:
            net = network(item)
            self._buckets.setdefault((net.version, net.prefixlen), {}).setdefault(
                int(net.network_address), []).append(item)
        self.lengths = {v: sorted((k[1] for k in self._buckets if k[0] == v), reverse=True) for v in (4, 6)}
        self.max_length = {v: max(self.lengths[v], default=-1) for v in (4, 6)}

    def longest(self, net: IPNetwork) -> list | None:
        """The items of the longest network that contains ``net``, or None."""
        addr = int(net.network_address)
        bits = net.max_prefixlen
        for length in self.lengths[net.version]:
            if length > net.prefixlen:
                continue
            mask = ((1 << length) - 1) << (bits - length) if length else 0
            found = self._buckets[(net.version, length)].get(addr & mask)
            if found:
                return found
        return None

    def default(self, version: int = 4) -> list | None:
        """The items of the default route (``0.0.0.0/0`` or ``::/0``), or None."""
        return self._buckets.get((version, 0), {}).get(0)


def route_rank(route: EffectiveRoute) -> int:
    if route.origin == "propagated":
        return RANK_PROPAGATED
    if route.destination_type == "prefix-list":
        return RANK_PREFIX_LIST
    return RANK_STATIC


def _best(routes: list[EffectiveRoute]) -> EffectiveRoute:
    return min(routes, key=lambda r: (route_rank(r), r.target, r.destination))


class TableIndex:
    """One effective route table prepared for fast, memoised look-ups."""

    def __init__(self, table: EffectiveRouteTable, region: str):
        self.table = table
        self.id = table.id
        self.vpc = table.vpc
        self.region = region
        self._services: dict[tuple[str, str], list[EffectiveRoute]] = {}
        self._starts: dict[int, list[tuple[int, int]]] = {4: [], 6: []}
        self._memo: dict = {}
        self._inside_memo: dict = {}
        self.has_tgw_route = False
        self.lookups = 0  # look-ups actually computed (memo misses), for benchmarks
        for route in table.routes:
            if route.target_type == "transit-gateway":
                self.has_tgw_route = True
            if route.network is not None:
                net = route.network
                self._starts[net.version].append((int(net.network_address), net.prefixlen))
            elif route.destination_type == "prefix-list":
                if route.origin == "gateway-endpoint" and route.service:
                    svc_key = (route.service, route.service_region or region)
                    self._services.setdefault(svc_key, []).append(route)
                else:
                    # a user route to an AWS-managed prefix list by name, e.g.
                    # com.amazonaws.us-east-1.s3 → tgw: matches that service symbolically
                    for service in ("s3", "dynamodb", "s3express"):
                        parts = route.destination.split(".")
                        if len(parts) == 4 and parts[:2] == ["com", "amazonaws"] and parts[3] == service:
                            if route.destination == managed_prefix_list_name(parts[2], service):
                                self._services.setdefault((service, parts[2]), []).append(route)
        self._prefixes = PrefixBuckets(r for r in table.routes if r.network is not None)
        for version in (4, 6):
            self._starts[version].sort()

    # ------------------------------------------------------------------ look-ups

    def select(self, dest: Dest) -> EffectiveRoute | None:
        """The route that carries ``dest``, or None when no route matches."""
        key = dest.key
        try:
            return self._memo[key]
        except KeyError:
            pass
        self.lookups += 1
        if dest.kind == "net":
            result = self._select_net(dest.network)
        elif dest.kind == "service":
            routes = self._services.get((dest.service, dest.region))
            result = _best(routes) if routes else self._default(4)
        else:
            result = self._default(4)
        self._memo[key] = result
        return result

    def _default(self, version: int) -> EffectiveRoute | None:
        routes = self._prefixes.default(version)
        return _best(routes) if routes else None

    def _select_net(self, net: IPNetwork) -> EffectiveRoute | None:
        routes = self._prefixes.longest(net)
        return _best(routes) if routes else None

    def has_routes_inside(self, net: IPNetwork) -> bool:
        """True when some route is strictly more specific than ``net`` and inside it: then
        addresses of ``net`` may be routed differently and must be looked up one by one."""
        if self._prefixes.max_length[net.version] <= net.prefixlen:
            return False  # no route of this table is more specific than the block
        key = (int(net.network_address) << 9) | (net.prefixlen << 1) | (net.version == 6)
        found = self._inside_memo.get(key)
        if found is None:
            found = self._inside_memo[key] = self._has_routes_inside(net)
        return found

    def _has_routes_inside(self, net: IPNetwork) -> bool:
        starts = self._starts[net.version]
        lo = int(net.network_address)
        hi = int(net.broadcast_address)
        i = bisect.bisect_left(starts, (lo, -1))
        while i < len(starts) and starts[i][0] <= hi:
            if starts[i][1] > net.prefixlen:
                return True
            i += 1
        return False
