"""Traffic as sets: which protocols and which ports (or ICMP type/code) a packet may use.

A :class:`TrafficSet` maps a protocol (``tcp``, ``udp``, ``icmp``, ``icmpv6`` or an IANA
number as text) to an :class:`IntervalSet` of destination ports. ICMP has no ports: a rule's
type and code are encoded as ``type * 256 + code`` so "type 3, any code" is one interval
(SG-8, NACL-9). Security groups and network ACLs narrow a set (:mod:`.filters`); a flow gets
through when something is left at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

MAX_PORT: Final = 65535
ICMP_PROTOCOLS: Final = ("icmp", "icmpv6")
# what "any traffic" means when the question names no protocol: the protocols rules usually
# name; an IANA number (GRE 47, ESP 50…) is checked only when asked for explicitly.
ANY_PROTOCOLS: Final = ("tcp", "udp", "icmp", "icmpv6")
# NACL-10: replies go to the client's ephemeral port; AWS advises opening 1024-65535.
DEFAULT_EPHEMERAL: Final = (1024, 65535)
# ICMP echo request -> echo reply (IPv4 8 -> 0, IPv6 128 -> 129)
ICMP_REPLY_TYPES: Final = {("icmp", 8): 0, ("icmpv6", 128): 129}


@dataclass(frozen=True, slots=True)
class IntervalSet:
    """A set of integers in 0..65535 as sorted, disjoint, non-adjacent inclusive intervals."""

    spans: tuple[tuple[int, int], ...] = ()

    @staticmethod
    def of(lo: int, hi: int) -> IntervalSet:
        return IntervalSet(((max(lo, 0), min(hi, MAX_PORT)),)) if lo <= hi else EMPTY

    @staticmethod
    def from_spans(spans: Iterable[tuple[int, int]]) -> IntervalSet:
        out: list[tuple[int, int]] = []
        for lo, hi in sorted(s for s in spans if s[0] <= s[1]):
            if out and lo <= out[-1][1] + 1:
                if hi > out[-1][1]:
                    out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
        return IntervalSet(tuple(out))

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __or__(self, other: IntervalSet) -> IntervalSet:
        if not other.spans:
            return self
        if not self.spans:
            return other
        return IntervalSet.from_spans(self.spans + other.spans)

    def __and__(self, other: IntervalSet) -> IntervalSet:
        out = []
        i = j = 0
        a, b = self.spans, other.spans
        while i < len(a) and j < len(b):
            lo = max(a[i][0], b[j][0])
            hi = min(a[i][1], b[j][1])
            if lo <= hi:
                out.append((lo, hi))
            if a[i][1] < b[j][1]:
                i += 1
            else:
                j += 1
        return IntervalSet(tuple(out))

    def __sub__(self, other: IntervalSet) -> IntervalSet:
        out = []
        for lo, hi in self.spans:
            cur = lo
            for olo, ohi in other.spans:
                if ohi < cur or olo > hi:
                    continue
                if olo > cur:
                    out.append((cur, olo - 1))
                cur = max(cur, ohi + 1)
                if cur > hi:
                    break
            if cur <= hi:
                out.append((cur, hi))
        return IntervalSet(tuple(out))

    def covers(self, other: IntervalSet) -> bool:
        return not (other - self)

    @property
    def first(self) -> int | None:
        return self.spans[0][0] if self.spans else None

    def text(self) -> str:
        return ",".join(f"{lo}" if lo == hi else f"{lo}-{hi}" for lo, hi in self.spans)


EMPTY: Final = IntervalSet(())
ALL_PORTS: Final = IntervalSet(((0, MAX_PORT),))


def icmp_span(icmp_type: int | None, icmp_code: int | None) -> IntervalSet:
    """ICMP type/code as an interval (None or -1: all)."""
    if icmp_type is None or icmp_type < 0:
        return ALL_PORTS
    if icmp_code is None or icmp_code < 0:
        return IntervalSet.of(icmp_type * 256, icmp_type * 256 + 255)
    return IntervalSet.of(icmp_type * 256 + icmp_code, icmp_type * 256 + icmp_code)


@dataclass(frozen=True)
class TrafficSet:
    """Protocol -> ports. ``flows`` holds only non-empty entries, sorted by protocol."""

    flows: tuple[tuple[str, IntervalSet], ...] = ()

    @staticmethod
    def of(mapping: Mapping[str, IntervalSet]) -> TrafficSet:
        return TrafficSet(tuple(sorted((p, s) for p, s in mapping.items() if s)))

    @staticmethod
    def any() -> TrafficSet:
        return ANY_TRAFFIC

    @staticmethod
    def single(protocol: str, port: int | None = None, port_to: int | None = None) -> TrafficSet:
        if port is None:
            return TrafficSet(((protocol, ALL_PORTS),))
        return TrafficSet(((protocol, IntervalSet.of(port, port if port_to is None else port_to)),))

    def __bool__(self) -> bool:
        return bool(self.flows)

    def __iter__(self) -> Iterator[tuple[str, IntervalSet]]:
        return iter(self.flows)

    def ports(self, protocol: str) -> IntervalSet:
        for p, s in self.flows:
            if p == protocol:
                return s
        return EMPTY

    @property
    def protocols(self) -> tuple[str, ...]:
        return tuple(p for p, _ in self.flows)

    def __and__(self, other: TrafficSet) -> TrafficSet:
        theirs = dict(other.flows)
        return TrafficSet.of({p: s & theirs[p] for p, s in self.flows if p in theirs})

    def __or__(self, other: TrafficSet) -> TrafficSet:
        merged = dict(self.flows)
        for p, s in other.flows:
            merged[p] = merged.get(p, EMPTY) | s
        return TrafficSet.of(merged)

    def __sub__(self, other: TrafficSet) -> TrafficSet:
        theirs = dict(other.flows)
        return TrafficSet.of({p: s - theirs.get(p, EMPTY) for p, s in self.flows})

    def for_version(self, version: int) -> TrafficSet:
        """The part that exists in IP ``version``: ICMP for IPv4, ICMPv6 for IPv6 (made once
        per set and version)."""
        key = "_v6_" if version == 6 else "_v4_"
        found: TrafficSet | None = self.__dict__.get(key)
        if found is None:
            drop = "icmpv6" if version == 4 else "icmp"
            found = self if not any(p == drop for p, _ in self.flows) else self.without(drop)
            object.__setattr__(self, key, found)
        return found

    def without(self, protocol: str) -> TrafficSet:
        return TrafficSet(tuple((p, s) for p, s in self.flows if p != protocol))

    def text(self) -> str:
        """``tcp/443,8000-8080 udp/53 icmp/type 8`` — the words are the renderer's; this is a key."""
        found: str | None = self.__dict__.get("_text_")
        if found is None:
            found = self._text()
            object.__setattr__(self, "_text_", found)
        return found

    def _text(self) -> str:
        parts = []
        for p, s in self.flows:
            if s == ALL_PORTS:
                parts.append(p)
            elif p in ICMP_PROTOCOLS:
                parts.append(f"{p}/" + ",".join(_icmp_text(lo, hi) for lo, hi in s.spans))
            else:
                parts.append(f"{p}/{s.text()}")
        return " ".join(parts)


def _icmp_text(lo: int, hi: int) -> str:
    if lo % 256 == 0 and hi == lo + 255:
        return f"type {lo // 256}"
    if lo == hi:
        return f"type {lo // 256} code {lo % 256}"
    return f"types {lo // 256}-{hi // 256}"


ANY_TRAFFIC: Final = TrafficSet(tuple((p, ALL_PORTS) for p in sorted(ANY_PROTOCOLS)))


def reply_traffic(protocol: str, ports: IntervalSet, ephemeral: tuple[int, int]) -> IntervalSet:
    """The destination ports (or ICMP type/code) of the replies to ``protocol``/``ports``
    (NACL-1, NACL-10): tcp/udp replies go to the client's ephemeral range; an ICMP echo
    request is answered with an echo reply; other protocols have no ports."""
    if protocol in ("tcp", "udp"):
        return IntervalSet.of(*ephemeral)
    if protocol in ICMP_PROTOCOLS:
        spans = []
        for lo, hi in ports.spans:
            if lo // 256 == hi // 256 and (protocol, lo // 256) in ICMP_REPLY_TYPES:
                t = ICMP_REPLY_TYPES[(protocol, lo // 256)]
                spans.append((t * 256, t * 256 + 255))
            else:
                spans.append((lo, hi))
        return IntervalSet.from_spans(spans)
    return ALL_PORTS


def parse_port_range(text: str) -> tuple[int, int]:
    """``443`` or ``1024-65535`` (no validation of the numbers: the spec loader checks them)."""
    lo, _, hi = text.partition("-")
    return int(lo), int(hi or lo)
