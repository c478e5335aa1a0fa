"""Who is next to whom: peerings, transit gateway neighbours, and which VPC (or external
network) owns an address."""

from __future__ import annotations

from ..model import IPNetwork, Peering, TgwAttachment, Topology


class Neighbours:
    def __init__(self, topology: Topology):
        t = topology
        self._vpcs = {v.id for v in t.vpcs}
        self.peerings: dict[str, Peering] = {p.id: p for p in t.peerings}
        self._between: dict[tuple[str, str], Peering] = {}
        for p in sorted(t.peerings, key=lambda p: (not p.active, p.id)):
            self._between.setdefault((p.requester, p.accepter), p)
            self._between.setdefault((p.accepter, p.requester), p)
        self._active: dict[str, set[str]] = {}
        for p in t.peerings:
            if p.active:
                self._active.setdefault(p.requester, set()).add(p.accepter)
                self._active.setdefault(p.accepter, set()).add(p.requester)
        self._vpc_attachment: dict[tuple[str, str], TgwAttachment] = {}
        self._tgws_of: dict[str, set[str]] = {}
        self._vpcs_on: dict[str, set[str]] = {}
        for a in sorted(t.tgw_attachments, key=lambda a: (not a.usable, a.id)):
            if a.type == "vpc" and a.vpc:
                self._vpc_attachment.setdefault((a.vpc, a.transit_gateway), a)
                self._tgws_of.setdefault(a.vpc, set()).add(a.transit_gateway)
                self._vpcs_on.setdefault(a.transit_gateway, set()).add(a.vpc)
        owners: list[tuple[IPNetwork, str]] = [(c, v.id) for v in t.vpcs for c in v.all_cidrs]
        owners += [(c, e.id) for e in t.external_vpcs for c in e.cidrs]
        owners += [(c, n.id) for n in t.external_networks for c in n.cidrs]
        self._owners = owners
        self._owner_memo: dict[IPNetwork, str | None] = {}
        self._peerings_of = {v: t.peerings_of(v) for v in self._vpcs}

    def peering_between(self, v: str, w: str) -> Peering | None:
        """The peering connecting ``v`` and ``w`` (an active one first), or None."""
        return self._between.get((v, w))

    def active_peers(self, vpc: str) -> set[str]:
        return self._active.get(vpc, set())

    def peerings_of(self, vpc: str) -> tuple[Peering, ...]:
        return self._peerings_of.get(vpc, ())

    def vpc_attachment(self, vpc: str, tgw: str) -> TgwAttachment | None:
        """The VPC attachment of ``vpc`` to ``tgw`` (a usable one first; TGW-9: one per VPC)."""
        return self._vpc_attachment.get((vpc, tgw))

    def tgws_of(self, vpc: str) -> set[str]:
        return self._tgws_of.get(vpc, set())

    def tgw_neighbours(self, vpc: str) -> set[str]:
        out: set[str] = set()
        for tgw in self.tgws_of(vpc):
            out |= self._vpcs_on.get(tgw, set())
        out.discard(vpc)
        return out

    def neighbourhood(self, vpc: str) -> tuple[str, ...]:
        """The VPC itself, the VPCs it peers with and those sharing a transit gateway with it."""
        out = {vpc} | {p.other_side(vpc) or "" for p in self.peerings_of(vpc)} | self.tgw_neighbours(vpc)
        return tuple(sorted(v for v in out if v in self._vpcs))

    def owner(self, net: IPNetwork) -> str | None:
        """The VPC, external VPC or external network whose CIDRs contain ``net``."""
        if net in self._owner_memo:
            return self._owner_memo[net]
        found = None
        for cidr, owner in self._owners:
            if cidr.version == net.version and net.subnet_of(cidr):  # type: ignore[arg-type]
                found = owner
                break
        self._owner_memo[net] = found
        return found
