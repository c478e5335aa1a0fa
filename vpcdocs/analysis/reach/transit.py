"""Transit gateways on the walk (TGW-1..7, NACL-12) and the PrivateLink relation between VPCs.

From a VPC: the subnet's AZ must be covered by the attachment (TGW-2); the table associated
with the arriving attachment decides (TGW-4, with the TGW-5 defaults) by the data plane's
longest-prefix match (TGW-6); a blackhole drops; a peering attachment continues in the peer
TGW's table associated with it (TGW-1); a VPC attachment enters that VPC at its attachment
subnet in the same AZ (else the first), where that subnet's table routes on — so centralised
egress through a NAT gateway works (TGW-7) while gateway endpoints do not (GWE-6); a VPN or
Direct Connect attachment leaves for the external network when it knows the prefix.

Network ACLs (NACL-12): leaving a subnet for the TGW, the subnet's outbound rules and the
attachment subnet's inbound rules apply; entering from the TGW, the attachment subnet's
outbound rules and the destination subnet's inbound rules (none when they are one subnet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Subnet, TgwAttachment
from ...routing import Dest, EffectiveRoute
from .results import Blocker, Hop, block
from .steps import MAX_HOPS, Crossing, State, WalkResult, fail

if TYPE_CHECKING:
    from .walk import Walker


class Transit:
    def __init__(self, walker: Walker):
        self.w = walker
        self.dp = walker.dp
        t = walker.topology
        self._entry: dict[tuple[str, str | None], Subnet | None] = {}
        self._tails: dict[tuple[object, ...], WalkResult] = {}
        self._entries: dict[tuple[str, str, str | None], tuple[TgwAttachment | None, str | None, str | None,
                                                                Blocker | None]] = {}
        # (provider VPC, consumer VPC) -> (endpoint service, interface endpoint)
        self._privatelink: dict[tuple[str, str], tuple[str, str]] = {}
        services = {s.id: s for s in t.endpoint_services}
        for ep in sorted(t.interface_endpoints, key=lambda e: e.id):
            svc = services.get(ep.endpoint_service or "")
            provider = self.service_vpc(svc.id) if svc is not None else None
            if svc is not None and provider:
                self._privatelink.setdefault((provider, ep.vpc), (svc.id, ep.id))

    def service_vpc(self, service_id: str) -> str | None:
        svc = self.w.topology.get("endpoint-service", service_id)
        if svc is None:
            return None
        if svc.vpc:
            return svc.vpc
        for lb_id in svc.load_balancers:
            lb = self.w.topology.get("load-balancer", lb_id)
            if lb is not None:
                return lb.vpc
        return None

    def privatelink_partners(self, vpc: str) -> set[str]:
        """VPCs that provide to or consume from ``vpc`` over PrivateLink."""
        return {c for (p, c) in self._privatelink if p == vpc} | {p for (p, c) in self._privatelink if c == vpc}

    def privatelink_between(self, provider: str, consumer: str) -> tuple[str, str] | None:
        """(service, endpoint) when ``consumer`` uses a PrivateLink service of ``provider``."""
        return self._privatelink.get((provider, consumer))

    def entry_subnet(self, att: TgwAttachment, az: str | None) -> Subnet | None:
        """Where traffic from a TGW enters a VPC: the attachment subnet in the same AZ (AZ
        affinity), else the first one."""
        key = (att.id, az)
        if key not in self._entry:
            subnets = sorted((self.w.subnets[s] for s in att.subnets if s in self.w.subnets), key=lambda s: s.id)
            same_az = [s for s in subnets if s.az == az]
            chosen = same_az or subnets
            self._entry[key] = chosen[0] if chosen else None
        return self._entry[key]

    def peer_table(self, att: TgwAttachment) -> str | None:
        """The table a TGW peering attachment is associated with on the peer TGW's side."""
        peer = att.peer_transit_gateway
        own = self.dp.association(att.id)
        if own is not None:
            table = self.dp.tgw_table(own)
            if table is not None and table.transit_gateway == peer:
                return own
        for other in self.w.topology.attachments_of_tgw(peer or ""):
            if other.type == "peering" and other.peer_transit_gateway == att.transit_gateway:
                found = self.dp.association(other.id)
                if found is not None:
                    return found
        return None

    def entry(self, state: State, tgw_id: str) -> tuple[TgwAttachment | None, str | None, str | None,
                                                       Blocker | None]:
        """(attachment, its subnet in the sender's AZ, associated table, or why not) for traffic
        from ``state.vpc`` in ``state.az`` to ``tgw_id`` (memoised; see :meth:`_entry_into`)."""
        entry = self._entries.get((state.vpc, tgw_id, state.az))
        if entry is None:
            entry = self._entries[(state.vpc, tgw_id, state.az)] = self._entry_into(state, tgw_id)
        return entry

    def unrouted_from(self, state: State) -> frozenset[str]:
        """The VPCs (IPv4 only) that the table of ``state`` (a subnet) sends, over its one route
        that covers them, to a transit gateway whose table associated with the sender's
        attachment has no route to them and no default route: every request to any address of
        them fails there alike, with no route (TGW-4, TGW-6), unsplit."""
        table = self.dp.table(state.table) if state.table is not None else None
        if table is None:
            return frozenset()
        to_tgw = [r for r in table.routes if r.target_type == "transit-gateway" and r.state == "active"
                  and r.selected and r.network is not None and r.network.version == 4]
        out: set[str] = set()
        for route in to_tgw:
            _att, _subnet, table_id, failure = self.entry(state, route.target)
            if failure is None and table_id is not None:
                out |= self.dp.carried_whole(table.id, route) & self.dp.tgw_unrouted_vpcs(table_id)
        out.discard(state.vpc)
        return frozenset(out)

    def forward(self, state: State, dest: Dest, route: EffectiveRoute, hop: Hop, out: tuple[Crossing, ...],
                split: bool) -> WalkResult:
        tgw_id = route.target
        att, az_subnet, table_id, failure = self.entry(state, tgw_id)
        if failure is not None:
            blocker = failure if failure.cause != "az-not-covered" else Blocker(
                failure.cause, failure.leg, failure.at, (("where", state.at),) + failure.params)
            return fail(blocker, (hop,), out if failure.cause != "tgw-not-associated" else
                        out + (Crossing(az_subnet or "", "ingress", "src"),), split)
        assert att is not None and az_subnet is not None and table_id is not None
        if dest.version == 6 and not att.ipv6_support:
            return fail(block("tgw-no-ipv6", att.id, attachment=att.id, tgw=tgw_id), (hop,), out, split)
        # NACL-12: the sender's subnet outbound, the attachment subnet inbound
        crossings = out + (Crossing(az_subnet, "ingress", "src"),)
        # what happens from the associated table on depends on the destination, the AZ, and
        # whether the source was translated — not on the sender: memoised for every spoke
        key = (tgw_id, table_id, dest.key, dest.vpc, dest.subnet, dest.eni, state.az, state.via, state.nat)
        tail = self._tails.get(key)
        if tail is None:
            tail = self._tables(state._replace(vpc="", table=None, at="", subnet=None), dest, tgw_id, table_id,
                                (), (), False)
            if len(self._tails) > 1_000_000:
                self._tails.clear()
            self._tails[key] = tail
        return tail.prepend((hop,), crossings, (), split=split)

    def _entry_into(self, state: State, tgw_id: str) -> tuple[TgwAttachment | None, str | None, str | None,
                                                              Blocker | None]:
        """(attachment, its subnet in the sender's AZ, associated table, or why not) for traffic
        from ``state.vpc`` in ``state.az`` to ``tgw_id`` (TGW-2, TGW-4, TGW-10)."""
        att = self.dp.neighbours.vpc_attachment(state.vpc, tgw_id)
        if att is None:
            return None, None, None, block("tgw-no-attachment", tgw_id, vpc=state.vpc, tgw=tgw_id)
        if not att.usable:
            return None, None, None, block("attachment-unusable", att.id, attachment=att.id, vpc=state.vpc,
                                           tgw=tgw_id, state=att.state)
        az_subnet = self.entry_subnet(att, state.az)
        if az_subnet is None:
            return None, None, None, block("attachment-no-subnets", att.id, attachment=att.id, vpc=state.vpc)
        if state.az is not None and az_subnet.az != state.az:
            covered = sorted({self.w.subnets[s].az for s in att.subnets if s in self.w.subnets})
            return None, None, None, block("az-not-covered", att.id, az=state.az, attachment=att.id, tgw=tgw_id,
                                           covered=",".join(covered))
        table_id = self.dp.association(att.id)
        table = self.dp.tgw_table(table_id) if table_id else None
        if table is None or table.transit_gateway != tgw_id:
            return None, az_subnet.id, None, block("tgw-not-associated", att.id, attachment=att.id, tgw=tgw_id)
        return att, az_subnet.id, table.id, None

    def _tables(self, state: State, dest: Dest, tgw_id: str, table_id: str, hops: tuple[Hop, ...],
                crossings: tuple[Crossing, ...], split: bool) -> WalkResult:
        rules: list[str] = ["TGW-4"]
        current, seen = tgw_id, set()
        for _ in range(MAX_HOPS):
            if table_id in seen:
                return fail(block("loop", table_id, table=table_id), hops, crossings, split)
            seen.add(table_id)
            selector = self.dp.tgw_selector(table_id)
            assert selector is not None
            split = split or (dest.network is not None and selector.splits(dest.network, dest.key))
            r = selector.select(dest)
            if r is None:
                return fail(self._no_route(dest, table_id, current), hops, crossings, split)
            hops += (self.w.hop(current, table_id, r.destination, r.attachment or "blackhole"),)
            if r.blackhole:
                return fail(block("tgw-route-blackhole", table_id, table=table_id, route=r.destination,
                                  reason=r.reason), hops, crossings, split)
            target = self.w.topology.get("tgw-attachment", r.attachment or "")
            if target is None:
                return fail(block("tgw-route-blackhole", table_id, table=table_id, route=r.destination,
                                  reason=f"attachment {r.attachment} is not in the spec"), hops, crossings, split)
            if not target.usable:
                return fail(block("attachment-unusable", target.id, attachment=target.id, state=target.state,
                                  tgw=current), hops, crossings, split)
            if target.type == "vpc" and target.vpc:
                entry = self.entry_subnet(target, state.az)
                if entry is None:
                    return fail(block("attachment-no-subnets", target.id, attachment=target.id, vpc=target.vpc),
                                hops, crossings, split)
                if dest.version == 6 and not target.ipv6_support:
                    return fail(block("tgw-no-ipv6", target.id, attachment=target.id, tgw=current),
                                hops, crossings, split)
                via = "nat" if state.via == "nat" else "tgw"
                nxt = State(target.vpc, self.dp.subnet_table(entry.id), entry.az, target.id, entry.id, via, state.nat)
                return self.w.walk(nxt, dest).prepend(hops, crossings, tuple(rules), split=split, by_az=True)
            if target.type == "peering":
                peer_table = self.peer_table(target)
                if peer_table is None:
                    return fail(block("tgw-peer-not-associated", target.id, attachment=target.id,
                                      tgw=target.peer_transit_gateway), hops, crossings, split)
                rules.append("TGW-1")
                peer = self.dp.tgw_table(peer_table)
                current = peer.transit_gateway if peer else current
                table_id = peer_table
                continue
            return self._external(dest, table_id, r.destination, target, hops, crossings, split, tuple(rules))
        return fail(block("loop", table_id, table=table_id), hops, crossings, split)

    def _external(self, dest: Dest, table_id: str, matched: str, target: TgwAttachment, hops: tuple[Hop, ...],
                  crossings: tuple[Crossing, ...], split: bool, rules: tuple[str, ...]) -> WalkResult:
        """A VPN / Direct Connect / Connect attachment: leaves the modelled network."""
        from ...routing import attachment_prefixes

        if dest.kind == "net" and dest.vpc in self.dp.vpcs:
            return fail(block("tgw-wrong-attachment", table_id, table=table_id, route=matched, dest=dest.text,
                              attachment=target.id, kind=target.type, expected=dest.vpc), hops, crossings, split)
        net = dest.network
        known = attachment_prefixes(self.w.topology, target)
        if net is not None and any(net.version == c.version and net.subnet_of(c) for c in known):  # type: ignore[arg-type]
            owner = self.dp.neighbours.owner(net)
            hops += (self.w.hop(target.id, None, dest.text, owner or f"{target.type}:{target.id}"),)
            return WalkResult(True, hops, crossings, end="external", end_vpc=owner, split=split, rules=rules)
        return fail(block("unmodelled-attachment", target.id, table=table_id, route=matched, dest=dest.text,
                          attachment=target.id, kind=target.type), hops, crossings, split)

    def _no_route(self, dest: Dest, table_id: str, tgw_id: str) -> Blocker:
        x = self.w.owner(dest) if dest.kind == "net" else None
        xatt = self.dp.neighbours.vpc_attachment(x, tgw_id) if x else None
        return block("tgw-no-route", table_id, table=table_id, tgw=tgw_id, dest=dest.text, owner=x,
                     owner_attachment=xatt.id if xatt else None)
