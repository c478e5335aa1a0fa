"""The one longest-prefix match: which route of a table carries a destination.

Used for VPC route tables (RT-PRI-1..4, PL-8, VGW-4, RT-BH-1, GWE-5) and TGW route tables
(TGW-6), by reachability, lint and every page. Destinations (:class:`Dest`) are networks (an
address is a /32 or /128) or symbolic: ``internet`` (some public address: only default
routes match) and ``service`` (S3/DynamoDB in a region: the gateway-endpoint route of that
service, or a route to its AWS-managed prefix list, beats the default route).

Among matching routes the longest prefix wins — for a prefix-list route each known entry
counts as its own prefix (PL-8); on a tie, static beats prefix list beats propagated
(DX BGP > VPN static > VPN BGP, VGW-4); several still tied: deterministic pick by target
(AWS picks one and sticks to it, PL-8). A route that wins in state blackhole is returned as
is: the caller drops the packet, there is no fall-back to a shorter prefix (RT-BH-1).

A range (a subnet, a VPC block) is routed as a unit by the longest route that contains the
whole range; :meth:`RouteSelector.splits` says whether a more specific route inside the range
would route part of it differently.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from ..model import IPNetwork
from .effective import EffectiveRoute, EffectiveRouteTable
from .tgw import EffectiveTgwRouteTable, TgwEffectiveRoute

T = TypeVar("T")

_GLOBAL: dict[object, bool] = {}


@dataclass(frozen=True)
class Dest:
    """Where a packet goes, as route tables see it.

    ``kind`` is ``net`` (``network`` set), ``internet`` (``version`` 4 or 6) or ``service``
    (``service`` and ``region`` set). ``vpc`` is the VPC the address is expected in (None:
    wherever the routes lead), ``subnet`` the subnet when the destination is one subnet,
    ``eni`` the network interface when it is one interface.
    """

    kind: str
    network: IPNetwork | None = None
    service: str | None = None
    region: str | None = None
    vpc: str | None = None
    subnet: str | None = None
    eni: str | None = None
    version: int = 4
    key: object = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        net = self.network
        if net is not None:  # one int: smaller and faster to hash than a tuple
            key: object = net_key(net)
            object.__setattr__(self, "version", net.version)
        else:
            key = (self.kind, self.service, self.region, self.version)
        object.__setattr__(self, "key", key)

    @cached_property
    def text(self) -> str:
        if self.kind == "net" and self.network is not None:
            net = self.network
            return str(net.network_address) if net.prefixlen == net.max_prefixlen else str(net)
        if self.kind == "service":
            return f"{self.service} in {self.region}"
        return "the internet" if self.version == 4 else "the IPv6 internet"

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
        found = _GLOBAL.get(self.key)
        if found is None:
            found = _GLOBAL[self.key] = bool(self.network.is_global)
        return found


def net_key(net: IPNetwork) -> int:
    """A network as one int, ``(address << 9) | (prefixlen << 1) | is_v6`` — :attr:`Dest.key`."""
    return (int(net.network_address) << 9) | (net.prefixlen << 1) | (net.version == 6)


class PrefixBuckets(Generic[T]):
    """Items keyed by network, for longest-prefix match. Networks are grouped by (version,
    prefix length); a look-up tries the lengths from the longest down, masking the address
    once per length: O(distinct lengths), not O(routes)."""

    def __init__(self, items: Iterable[tuple[IPNetwork, T]] = ()):
        self._buckets: dict[tuple[int, int], dict[int, list[T]]] = {}
        self._starts: dict[int, list[tuple[int, int]]] = {4: [], 6: []}
        for net, item in items:
            self._buckets.setdefault((net.version, net.prefixlen), {}).setdefault(
                int(net.network_address), []).append(item)
            self._starts[net.version].append((int(net.network_address), net.prefixlen))
        self.lengths = {v: sorted((k[1] for k in self._buckets if k[0] == v), reverse=True) for v in (4, 6)}
        self.max_length = {v: max(self.lengths[v], default=-1) for v in (4, 6)}
        for v in (4, 6):
            self._starts[v].sort()
        self._splits: dict[object, bool] = {}
        # per version: (length, mask, bucket) from the longest length down
        self._probes = {v: tuple((length, (((1 << length) - 1) << ((32 if v == 4 else 128) - length)) if length else 0,
                                  self._buckets[(v, length)]) for length in self.lengths[v]) for v in (4, 6)}

    def longest(self, net: IPNetwork) -> list[T] | None:
        """The items of the longest network that contains ``net``, or None."""
        return self.longest_int(net.version, int(net.network_address), net.prefixlen)

    def longest_int(self, version: int, addr: int, prefixlen: int) -> list[T] | None:
        """:meth:`longest` for a network given as integers (no ipaddress objects: fast)."""
        for length, mask, bucket in self._probes[version]:
            if length > prefixlen:
                continue
            found = bucket.get(addr & mask)
            if found:
                return found
        return None

    def default(self, version: int = 4) -> list[T] | None:
        """The items of the default route (``0.0.0.0/0`` or ``::/0``), or None."""
        return self._buckets.get((version, 0), {}).get(0)

    def has_inside(self, net: IPNetwork) -> bool:
        """True when some network is strictly more specific than ``net`` and inside it."""
        return self.has_inside_int(net.version, int(net.network_address), net.prefixlen)

    def has_inside_int(self, version: int, address: int, prefixlen: int) -> bool:
        """:meth:`has_inside` for a network given as integers (no ipaddress objects, no memo:
        for walks that ask each network once)."""
        if self.max_length[version] <= prefixlen:
            return False
        starts = self._starts[version]
        hi = address + (1 << ((32 if version == 4 else 128) - prefixlen)) - 1
        i = bisect.bisect_left(starts, (address, -1))
        while i < len(starts) and starts[i][0] <= hi:
            if starts[i][1] > prefixlen:
                return True
            i += 1
        return False

    def splits(self, net: IPNetwork, key: object = None) -> bool:
        """:meth:`has_inside`, memoised by ``key`` (``net``'s :attr:`Dest.key` when known)."""
        if self.max_length[net.version] <= net.prefixlen:
            return False
        if key is None:
            key = net_key(net)
        found = self._splits.get(key)
        if found is None:
            found = self._splits[key] = self.has_inside(net)
        return found


_MISSING = object()


def _best(routes: list[EffectiveRoute]) -> EffectiveRoute:
    if len(routes) == 1:
        return routes[0]
    return min(routes, key=lambda r: (r.rank, r.target, r.destination))


class RouteSelector:
    """One effective VPC route table prepared for memoised look-ups."""

    def __init__(self, table: EffectiveRouteTable, region: str):
        self.table = table
        self.id = table.id
        self.vpc = table.vpc
        self.region = region
        self.lookups = 0  # memo misses, for benchmarks
        self._memo: dict[object, EffectiveRoute | None] = {}
        self._services: dict[tuple[str, str], list[EffectiveRoute]] = {}
        self.has_tgw_route = any(r.target_type == "transit-gateway" for r in table.routes)
        entries: list[tuple[IPNetwork, EffectiveRoute]] = []
        for route in table.routes:
            if not route.selected:
                continue
            entries += [(net, route) for net in route.entries]
            if route.destination_type == "prefix-list" and route.service:
                key = (route.service, route.service_region or region)
                self._services.setdefault(key, []).append(route)
        self._prefixes: PrefixBuckets[EffectiveRoute] = PrefixBuckets(entries)

    def select(self, dest: Dest) -> EffectiveRoute | None:
        """The route that carries ``dest``, or None when no route matches."""
        key = dest.key
        known = self._memo.get(key, _MISSING)
        if known is not _MISSING:  # (a matrix asks most destinations once: no KeyError to raise)
            return known  # type: ignore[return-value]
        self.lookups += 1
        result: EffectiveRoute | None
        if dest.kind == "net":
            k = key  # (address << 9) | (prefixlen << 1) | is_v6, see Dest
            found = self._prefixes.longest_int(6 if k & 1 else 4, k >> 9, (k >> 1) & 0xFF)  # type: ignore[operator]
            result = _best(found) if found else None
        elif dest.kind == "service" and dest.service and dest.region:
            routes = self._services.get((dest.service, dest.region))
            result = _best(routes) if routes else self._default(4)
        else:
            result = self._default(dest.version)
        self._memo[key] = result
        return result

    def _default(self, version: int) -> EffectiveRoute | None:
        routes = self._prefixes.default(version)
        return _best(routes) if routes else None

    def default_route(self, version: int = 4) -> EffectiveRoute | None:
        """The route a destination takes when no more specific route of the table covers it
        (``0.0.0.0/0`` or ``::/0``), or None when the table has none."""
        return self._default(version)

    def splits(self, net: IPNetwork, key: object = None) -> bool:
        """True when a route more specific than ``net`` lies inside it: then parts of ``net``
        may be routed differently from ``net`` as a whole. ``key``: the Dest key of ``net``."""
        return self._prefixes.splits(net, key)

    def splits_int(self, version: int, address: int, prefixlen: int) -> bool:
        """:meth:`splits` for a network given as integers, not memoised."""
        return self._prefixes.has_inside_int(version, address, prefixlen)


class TgwRouteSelector:
    """One effective TGW route table prepared for memoised look-ups (TGW-6 already applied)."""

    def __init__(self, table: EffectiveTgwRouteTable):
        self.table = table
        self.id = table.id
        self.tgw = table.transit_gateway
        self._memo: dict[object, TgwEffectiveRoute | None] = {}
        self._prefixes: PrefixBuckets[TgwEffectiveRoute] = PrefixBuckets(
            (r.network, r) for r in table.routes if r.selected)

    def select(self, dest: Dest) -> TgwEffectiveRoute | None:
        key = dest.key
        if key not in self._memo:
            if dest.kind == "net":
                k = key
                found = self._prefixes.longest_int(6 if k & 1 else 4, k >> 9, (k >> 1) & 0xFF)  # type: ignore[operator]
            else:
                found = self._prefixes.default(dest.version)
            self._memo[key] = found[0] if found else None
        return self._memo[key]

    def default_route(self, version: int = 4) -> TgwEffectiveRoute | None:
        """The table's default route (``0.0.0.0/0`` or ``::/0``), or None."""
        found = self._prefixes.default(version)
        return found[0] if found else None

    def splits(self, net: IPNetwork, key: object = None) -> bool:
        """As :meth:`RouteSelector.splits`, for a TGW route table."""
        return self._prefixes.splits(net, key)

    def splits_int(self, version: int, address: int, prefixlen: int) -> bool:
        """As :meth:`RouteSelector.splits_int`, for a TGW route table."""
        return self._prefixes.has_inside_int(version, address, prefixlen)


def longest_route(routes: Iterable[EffectiveRoute], network: IPNetwork,
                  usable: Callable[[EffectiveRoute], bool] = lambda r: r.selected) -> EffectiveRoute | None:
    """The route a whole ``network`` follows among ``routes`` (for a few rows, without an
    index): the same rules as :class:`RouteSelector`."""
    entries = [(net, r) for r in routes if usable(r) for net in r.entries]
    found = PrefixBuckets(entries).longest(network)
    return _best(found) if found else None
