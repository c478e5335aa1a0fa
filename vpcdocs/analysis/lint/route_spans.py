"""Which route a table picks for each of many address blocks, with few look-ups.

Estate-wide checks ask one question of every route table for every VPC's subnets ("does this
table send that subnet to the transit gateway?"). Asking the data plane's longest-prefix
match once per (table, block) is quadratic in the estate; this module asks it once per
*range* of blocks that no route splits.

The blocks are sorted by address (:class:`Blocks`), so the blocks inside a network are a run
of consecutive indexes. :func:`route_spans` walks the address space from ``0.0.0.0/0`` down:
where the selector says no route lies inside a network (``selector.splits_int``), every block in
it is carried by the route the selector picks for the network as a whole
(``selector.select``) — that is the longest-prefix match's own definition, read from the
data plane, not re-derived. Only networks some route splits are halved. The answer for a
table is a list of (route, first index, end index) runs; :func:`span_mask` turns runs into
bit masks over the block indexes, so set algebra over thousands of blocks is a few integer
operations.
"""

from __future__ import annotations

import bisect
import ipaddress
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from ...model import IPNetwork
from ...routing import Dest

R = TypeVar("R", covariant=True)
T = TypeVar("T")  # an item of Blocks
S = TypeVar("S")  # a route


class Selector(Protocol[R]):
    """What :func:`route_spans` needs of a VPC or TGW route selector (:mod:`vpcdocs.routing.lpm`)."""

    def select(self, dest: Dest) -> R | None: ...

    def splits_int(self, version: int, address: int, prefixlen: int) -> bool: ...


_NODES: dict[tuple[int, int, int], tuple[IPNetwork, Dest]] = {}


def _node(version: int, address: int, prefixlen: int) -> tuple[IPNetwork, Dest]:
    """The network ``address/prefixlen`` and its Dest, made once (every table walks the same
    networks from the root down)."""
    key = (version, address, prefixlen)
    found = _NODES.get(key)
    if found is None:
        if len(_NODES) > 200_000:
            _NODES.clear()
        net: IPNetwork = (ipaddress.IPv4Network((address, prefixlen)) if version == 4
                          else ipaddress.IPv6Network((address, prefixlen)))
        found = _NODES[key] = (net, Dest("net", net))
    return found


class Blocks(Generic[T]):
    """Items with an address block each, sorted by (IP version, address, prefix length); an
    item's position is its bit in the masks."""

    def __init__(self, items: Iterable[tuple[IPNetwork, T]]):
        ordered = sorted(items, key=lambda x: (x[0].version, int(x[0].network_address), x[0].prefixlen))
        self.networks: tuple[IPNetwork, ...] = tuple(n for n, _ in ordered)
        self.items: tuple[T, ...] = tuple(i for _, i in ordered)
        self.starts = [int(n.network_address) for n in self.networks]
        self.prefixlens = [n.prefixlen for n in self.networks]
        self.v6_from = next((i for i, n in enumerate(self.networks) if n.version == 6), len(self.networks))
        self.all = (1 << len(self.networks)) - 1

    def __len__(self) -> int:
        return len(self.networks)

    def mask(self, keep: Callable[[T], bool]) -> int:
        """The mask of the items ``keep`` accepts."""
        out = 0
        for i, item in enumerate(self.items):
            if keep(item):
                out |= 1 << i
        return out


def route_spans(selector: Selector[S], blocks: Blocks[Any]) -> list[tuple[S | None, int, int]]:
    """(route, lo, hi): ``selector.select(Dest("net", block))`` for each block of
    ``blocks[lo:hi]`` is ``route`` (None: no route). Runs cover every block once, in order of
    the walk (not sorted)."""
    out: list[tuple[S | None, int, int]] = []
    starts, prefixlens = blocks.starts, blocks.prefixlens
    for version, lo, hi in ((4, 0, blocks.v6_from), (6, blocks.v6_from, len(blocks))):
        width = 32 if version == 4 else 128
        stack = [(0, 0, lo, hi)]
        while stack:
            address, prefixlen, lo, hi = stack.pop()
            if lo >= hi:
                continue
            # straight to the smallest network holding every block of the run: the networks
            # between hold no other block, and a route inside one of them that splits none of
            # the blocks' network routes them all as that network
            common = min(prefixlens[lo], width - (starts[lo] ^ starts[hi - 1]).bit_length())
            if common > prefixlen:
                prefixlen, address = common, starts[lo] >> (width - common) << (width - common)
            if not selector.splits_int(version, address, prefixlen):
                out.append((selector.select(_node(version, address, prefixlen)[1]), lo, hi))
                continue
            # blocks equal to this network (they sort first): routed as the network is
            j = lo
            while j < hi and blocks.prefixlens[j] == prefixlen:
                j += 1
            if j > lo:
                out.append((selector.select(_node(version, address, prefixlen)[1]), lo, j))
            middle = address + (1 << (width - prefixlen - 1))
            k = bisect.bisect_left(blocks.starts, middle, j, hi)
            stack.append((middle, prefixlen + 1, k, hi))
            stack.append((address, prefixlen + 1, j, k))
    return out


def span_mask(spans: Sequence[tuple[S | None, int, int]], keep: Callable[[S | None], bool]) -> int:
    """The mask of the blocks whose route ``keep`` accepts."""
    out = 0
    for route, lo, hi in spans:
        if keep(route):
            out |= (1 << hi) - (1 << lo)
    return out


def bits(mask: int) -> list[int]:
    """The indexes set in ``mask`` (not negative), lowest first, read off its binary digits
    (peeling the lowest bit off a big int costs a pass over the whole int per bit)."""
    digits = bin(mask)[:1:-1]  # lowest bit first
    if mask.bit_count() * 4 >= len(digits):  # dense: one pass over the digits
        return [i for i, digit in enumerate(digits) if digit == "1"]
    out = []
    i = digits.find("1")
    while i >= 0:
        out.append(i)
        i = digits.find("1", i + 1)
    return out
