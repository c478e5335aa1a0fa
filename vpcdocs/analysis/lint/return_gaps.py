"""Where replies across a transit gateway are lost, grouped by the table that loses them (§7).

AWS: a packet from a host of VPC A to one of VPC B over transit gateway X needs A's subnet
route table to send it to X, A's attachment in the subnet's AZ (TGW-2), the TGW table
associated with A's attachment to send it to B's attachment (TGW-4..6) and B's local route.
The replies need the same the other way: B's subnet route table must send A's addresses to
X (TGW-3: nothing writes that route for you), B's attachment must cover the subnet's AZ, and
the table associated with B's attachment must route A's addresses to A's attachment.

One missing return route strands every VPC that sends requests there, so this module works
per *cause* — a VPC route table, a TGW route table, an attachment — not per VPC pair:

* the places are what ``reach`` takes a subnet to stand for (its hosts, or its declared
  workloads), one address block each, in a :class:`~.route_spans.Blocks` index;
* every table's answer for every block comes from the data plane's longest-prefix match,
  asked once per range of blocks no route splits (:func:`~.route_spans.route_spans`), as
  bit masks;
* senders sharing one routing behaviour are handled together, so the work grows with the
  number of tables, not with the number of VPC pairs.

A pair is *decided* when the first failing step on the reply leg is a plain drop (no route,
a blackhole, a NAT or internet gateway for a private address, an uncovered AZ, a missing
TGW route). Anything else — a reply routed to a peering, another attachment, an appliance —
is asked of the reachability engine for that pair, and counts only when ``reach`` answers
``no-return-route`` through the transit gateway. Filters (security groups, NACLs) are not
part of the routing question; the check asks ``reach`` for each finding's example.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import IPNetwork, Subnet, TgwAttachment
from ...routing import Dest, EffectiveRoute
from ...routing.tgw import TgwEffectiveRoute
from ...sorting import natural_key
from .registry import LintContext
from .route_spans import Blocks, bits, route_spans, span_mask

if TYPE_CHECKING:
    from ..reach import Answer


@dataclass(frozen=True)
class Place:
    """One place a subnet stands for (reach's reading) and what its routes are."""

    vpc: str
    subnet: str
    table: str | None
    az: str | None
    network: IPNetwork
    starts: bool  # a source of requests
    accepts: bool  # a destination of requests


@dataclass
class Gap:
    """Replies lost at one cause, for one receiving VPC: ``key`` is ("route-table", id),
    ("tgw-route-table", id) or ("attachment", id); ``senders`` the VPCs whose requests
    arrive; ``subnets`` the receiving subnets whose replies are lost."""

    key: tuple[str, str]
    tgw: str
    receiver: str
    senders: list[str] = field(default_factory=list)  # in natural order
    subnets: set[str] = field(default_factory=set)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (source subnet, destination subnet), a few
    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)  # reach's, where it was asked


def host_subnets(ctx: LintContext, vpc: str) -> list[Subnet]:
    """The subnets of ``vpc`` that stand for hosts, sorted: those holding no transit gateway
    attachment interface unless workloads are declared in them — AWS advises dedicated
    attachment subnets (NACL-12), whose routes are for forwarded traffic — or, when every
    subnet holds one, all of them."""
    subnets = sorted((s for s in ctx.topology.subnets_of(vpc) if s.cidr is not None), key=lambda s: s.id)
    hosts = [s for s in subnets if not any(i.kind == "tgw-attachment" for i in ctx.dp.interfaces_in(s.id))
             or any(i.declared for i in ctx.dp.interfaces_in(s.id))]
    return hosts or subnets


def _private(net: IPNetwork) -> bool:
    return not Dest("net", net).public


class TransitReturns:
    """The return paths of the VPCs attached to one transit gateway."""

    def __init__(self, ctx: LintContext, tgw: str):
        self.ctx, self.dp, self.tgw = ctx, ctx.dp, tgw
        nb = self.dp.neighbours
        atts: dict[str, TgwAttachment] = {}
        for a in ctx.topology.attachments_of_tgw(tgw):
            if a.type == "vpc" and a.vpc and a.vpc in self.dp.vpcs and a.vpc not in atts:
                found = nb.vpc_attachment(a.vpc, tgw)
                if found is not None and found.usable:
                    atts[a.vpc] = found
        self.vpcs = sorted(atts, key=natural_key)
        self.att = atts
        self.index = {v: i for i, v in enumerate(self.vpcs)}
        self.blocks: Blocks[Place] = Blocks(self._places())
        self.vmask: dict[str, int] = dict.fromkeys(self.vpcs, 0)
        self.starts = self.accepts = self.private = self.covered = 0
        azs = {v: self._azs(v) for v in self.vpcs}
        for i, p in enumerate(self.blocks.items):
            bit = 1 << i
            self.vmask[p.vpc] |= bit
            self.starts |= bit if p.starts else 0
            self.accepts |= bit if p.accepts else 0
            self.private |= bit if _private(p.network) else 0
            self.covered |= bit if p.az is None or p.az in azs[p.vpc] else 0
        self.reached: dict[int, int] = {}  # source place -> the places its requests reach
        self._vpc_masks: dict[str, tuple[int, int, int]] = {}
        self._vpc_spans: dict[str, list[tuple[EffectiveRoute | None, int, int]]] = {}
        self._tgw_masks: dict[str, tuple[int, int, int]] = {}
        self.delivered = 0
        for v in self.vpcs:
            tables = {self.dp.subnet_table(s) for s in self.att[v].subnets}
            ok = self.vmask[v] if tables and None not in tables else 0
            for t in tables:
                if t is not None:
                    ok &= span_mask(self._spans(t), lambda r: r is not None and r.origin == "local")
            self.delivered |= ok

    # ------------------------------------------------------------------ places and masks

    def _places(self) -> list[tuple[IPNetwork, Place]]:
        places = self.ctx.reach.places
        out: dict[tuple[str, IPNetwork], Place] = {}
        for v in self.vpcs:
            for s in host_subnets(self.ctx, v):
                table = self.dp.subnet_table(s.id)
                for role in ("source", "destination"):
                    for p in places.of_subnet(s.id, role):
                        key = (s.id, p.network)
                        old = out.get(key)
                        out[key] = Place(v, s.id, table, s.az, p.network,
                                         role == "source" or (old is not None and old.starts),
                                         role == "destination" or (old is not None and old.accepts))
        return [(p.network, p) for p in out.values()]

    def _azs(self, vpc: str) -> set[str | None]:
        subnets = (self.ctx.topology.get("subnet", s) for s in self.att[vpc].subnets)
        return {s.az for s in subnets if s is not None}

    def _spans(self, table: str) -> list[tuple[EffectiveRoute | None, int, int]]:
        """The runs of blocks one VPC route table routes alike (:func:`route_spans`), once per table."""
        found = self._vpc_spans.get(table)
        if found is None:
            selector = self.dp.selector(table)
            found = self._vpc_spans[table] = route_spans(selector, self.blocks) if selector is not None else \
                [(None, 0, len(self.blocks))]
        return found

    def vpc_masks(self, table: str | None) -> tuple[int, int, int]:
        """(to the TGW, dropped, something else) of a VPC route table for every block: the
        route sends it to this TGW, actively; no route, a blackhole, a NAT gateway (replies
        never pass one), an internet gateway for a private address; any other target."""
        if table is None:
            return 0, self.blocks.all, 0
        found = self._vpc_masks.get(table)
        if found is None:
            spans = self._spans(table)
            tgw = span_mask(spans, lambda r: r is not None and r.active and r.target == self.tgw
                            and r.target_type == "transit-gateway")
            dropped = span_mask(spans, lambda r: r is None or not r.active or r.target_type == "nat-gateway") | (
                span_mask(spans, lambda r: r is not None and r.target_type == "internet-gateway") & self.private)
            found = self._vpc_masks[table] = (tgw, dropped & ~tgw, self.blocks.all & ~tgw & ~dropped)
        return found

    def tgw_masks(self, table: str) -> tuple[int, int, int]:
        """(delivered, dropped, something else) of a TGW route table for every block: to the
        attachment of the block's own VPC; no route, a blackhole, a missing or unusable
        attachment; any other attachment (peering, VPN, another VPC)."""
        found = self._tgw_masks.get(table)
        if found is None:
            selector = self.dp.tgw_selector(table)
            spans = route_spans(selector, self.blocks) if selector is not None else [(None, 0, len(self.blocks))]
            ok = dropped = 0
            for route, lo, hi in spans:
                run = (1 << hi) - (1 << lo)
                fate = self._tgw_fate(route)
                if fate is None:
                    dropped |= run
                elif fate:
                    ok |= run & self.vmask[fate]
            found = self._tgw_masks[table] = (ok, dropped, self.blocks.all & ~ok & ~dropped)
        return found

    def _tgw_fate(self, route: TgwEffectiveRoute | None) -> str | None:
        """None: the route drops; a VPC id: delivered to that VPC's attachment; "": elsewhere."""
        if route is None or route.blackhole:
            return None
        att = self.ctx.topology.get("tgw-attachment", route.attachment or "")
        if att is None or not att.usable:
            return None
        if att.type == "vpc" and att.vpc in self.att and self.att[att.vpc].id == att.id:
            return att.vpc
        return ""

    def associated(self, vpc: str) -> str | None:
        """The TGW route table of this TGW the VPC's attachment is associated with (TGW-4, TGW-5)."""
        table_id = self.dp.association(self.att[vpc].id)
        table = self.dp.tgw_table(table_id) if table_id else None
        return table.id if table is not None and table.transit_gateway == self.tgw else None

    # ------------------------------------------------------------------ the gaps

    def gaps(self) -> Iterator[Gap]:
        """Every (cause, receiving VPC) whose replies are lost, in a stable order."""
        items = self.blocks.items
        # senders: one entry per routing behaviour, with the places and VPCs behaving so
        behaviours: dict[int, list[int]] = {}
        for group in self._groups(self.starts):
            first = items[group[0]]
            vpc = first.vpc
            table = self.associated(vpc)
            if table is None or not (self.covered >> group[0]) & 1:
                continue
            reached = self.vpc_masks(first.table)[0] & self.tgw_masks(table)[0] & self.delivered & self.accepts
            if reached & ~self.vmask[vpc]:
                self.reached.update(dict.fromkeys(group, reached))
                key = reached | (self.vmask[vpc] & self.accepts)
                entry = behaviours.setdefault(key, [0, 0])
                entry[0] |= sum(1 << i for i in group)
                entry[1] |= 1 << self.index[vpc]
        found: dict[tuple[tuple[str, str], str], tuple[Gap, list[int]]] = {}
        for group in self._groups(self.accepts):
            receiver = items[group[0]].vpc
            here = sum(1 << i for i in group)
            sources = senders = 0
            for key, (places, vpcs) in behaviours.items():
                if key & here:
                    sources |= places
                    senders |= vpcs
            sources &= ~self.vmask[receiver]
            senders &= ~(1 << self.index[receiver])
            if sources:
                self._classify(found, receiver, group, sources, senders)
        for gap, sender_bits in found.values():
            gap.senders = [self.vpcs[v] for v in bits(sender_bits[0])]
        yield from sorted((g for g, _ in found.values()), key=lambda g: (g.key, natural_key(g.receiver)))

    def _groups(self, role: int) -> list[list[int]]:
        """Places of ``role`` grouped by (VPC, route table, AZ covered), ordered by VPC."""
        groups: dict[tuple[str, str | None, bool], list[int]] = {}
        for i in bits(role):
            p = self.blocks.items[i]
            groups.setdefault((p.vpc, p.table, bool((self.covered >> i) & 1)), []).append(i)
        return [groups[k] for k in sorted(groups, key=lambda k: (self.index[k[0]], k[1] or "", k[2]))]

    def _classify(self, found: dict[tuple[tuple[str, str], str], tuple[Gap, list[int]]], receiver: str,
                  group: list[int], sources: int, senders: int) -> None:
        """Follow the replies of one group of places (one VPC, route table and AZ coverage):
        their route table, their AZ, the TGW table of their attachment, the senders'
        attachments. ``sources``: the places whose requests reach the group."""
        table = self.blocks.items[group[0]].table
        att = self.att[receiver]
        to_tgw, dropped, other = self.vpc_masks(table)
        steps: list[tuple[tuple[str, str], int, bool]] = [(("route-table", table or ""), sources & dropped, True),
                                                          (("route-table", table or ""), sources & other, False)]
        passed = sources & to_tgw
        tgw_table = self.associated(receiver)
        if passed and (tgw_table is None or not (self.covered >> group[0]) & 1):
            steps.append((("attachment", att.id), passed, True))
        elif passed and tgw_table is not None:
            ok, lost, elsewhere = self.tgw_masks(tgw_table)
            steps += [(("tgw-route-table", tgw_table), passed & lost, True),
                      (("tgw-route-table", tgw_table), passed & elsewhere, False),
                      (("attachment", att.id), passed & ok & ~self.delivered, False)]
        for key, mask, decided in steps:
            if not mask:
                continue
            vpcs = senders if mask == sources else self._vpcs_of(mask, senders)
            if decided:
                gap, sender_bits = found.setdefault((key, receiver), (Gap(key, self.tgw, receiver), [0]))
                sender_bits[0] |= vpcs
                gap.subnets.update(self.blocks.items[i].subnet for i in group)
                if len(gap.pairs) < 3:
                    gap.pairs += self._pairs(mask, vpcs, group, 3 - len(gap.pairs))
                continue
            for v in bits(vpcs):  # not a plain drop: what reach answers for the pair decides
                (s, t), = self._pairs(mask, 1 << v, group, 1)
                answer = self._ask(s, t)
                if answer is None:
                    continue
                at = answer.blocker.at if answer.blocker is not None else ""
                rt = self.dp.table(at)
                cause = ("route-table", at) if rt is not None and rt.vpc == receiver else \
                    ("tgw-route-table", at) if self.dp.tgw_table(at) is not None else ("attachment", att.id)
                gap, sender_bits = found.setdefault((cause, receiver), (Gap(cause, self.tgw, receiver), [0]))
                sender_bits[0] |= 1 << v
                gap.subnets.add(t)
                gap.answers[(s, t)] = answer
                if len(gap.pairs) < 3:
                    gap.pairs.append((s, t))

    def _vpcs_of(self, mask: int, senders: int) -> int:
        """The VPCs (bits, among ``senders``) with places in ``mask``."""
        out = 0
        for v in bits(senders):
            if mask & self.vmask[self.vpcs[v]]:
                out |= 1 << v
        return out

    def _pairs(self, mask: int, vpcs: int, group: list[int], n: int) -> list[tuple[str, str]]:
        """(source subnet, destination subnet) examples: for the first ``n`` VPCs of ``vpcs``,
        their first place in ``mask`` and the first place of ``group`` its requests reach."""
        out: list[tuple[str, str]] = []
        here = sum(1 << i for i in group)
        for v in bits(vpcs):
            if len(out) == n:
                break
            low = mask & self.vmask[self.vpcs[v]]
            s = (low & -low).bit_length() - 1
            reached = self.reached.get(s, 0) & here
            t = (reached & -reached).bit_length() - 1 if reached else group[0]
            out.append((self.blocks.items[s].subnet, self.blocks.items[t].subnet))
        return out

    def _ask(self, s: str, t: str) -> Answer | None:
        """Reach's answer for the pair when it is a return path lost through this TGW."""
        from ..reach import Disposition

        answer = self.ctx.reach.subnet_pair(s, t)
        if answer.disposition == Disposition.NO_RETURN_ROUTE and answer.goes_via(self.tgw):
            return answer
        return None


def return_gaps(ctx: LintContext) -> list[Gap]:
    """Every lost return path through a transit gateway: one :class:`Gap` per (cause,
    receiving VPC), sorted by transit gateway, cause and VPC."""
    out: list[Gap] = []
    for tgw in sorted({a.transit_gateway for a in ctx.topology.tgw_attachments}, key=natural_key):
        out += TransitReturns(ctx, tgw).gaps()
    return out
