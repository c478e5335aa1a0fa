"""Which flows a change can affect: the VPCs whose pairs the diff must ask about again.

The full comparison asks the reachability engine about every VPC pair and every subnet pair
of every neighbourhood on both sides — on an estate of hundreds of VPCs that is millions of
answers for a one-line change. This module finds the *dirty* VPCs; a pair is asked about
only when one of its ends is dirty. It is exact (the result equals the full comparison,
which ``tests/diff/test_diff_scope.py`` checks on generated estates) because of what an
answer for a flow between VPC ``v`` and VPC ``w`` can read:

* the facts of ``v`` and ``w`` themselves — subnets, effective route tables, security
  groups, NACLs, interfaces, NAT / internet gateways, endpoints, their peerings and
  attachments;
* the peering between them, and a peer VPC the request enters — VPC peering is not
  transitive (PEER-1), so a peering path never goes past the VPC at its far end;
* transit gateways: their route tables and any VPC attached to them (a request can cross
  an inspection or egress VPC);
* estate-wide facts: which VPC owns an address (VPC CIDRs), prefix lists, external
  networks, VPN and Direct Connect.

So: the VPCs a changed resource or route table lives in (both ends of a peering, the VPC of
an attachment, provider and consumers of an endpoint service) are dirty; when a transit
gateway changed or a dirty VPC is attached to one, every VPC attached to a transit gateway is
dirty. (Why-not answers also look at peers — a peer's internet gateway or gateway endpoint
explains PEER-2 / GWE-6, a shared hub PEER-1 — but a flow blocked on both sides is never
reported by the sections that use a scope, and a flow that works on one side reads only the
facts above.) A change to an estate-wide fact — a prefix list, an external
network, VPN or Direct Connect, a VPC CIDR that overlaps another VPC's — makes every pair
dirty (``full``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Topology
from .resources import ResourceChange
from .routes import TableChange

# kinds whose change can alter answers anywhere in the estate
GLOBAL_KINDS = frozenset({"external-vpc", "prefix-list", "vpn-connection", "direct-connect-gateway",
                          "external-network"})
TGW_KINDS = frozenset({"transit-gateway", "tgw-route-table"})


@dataclass(frozen=True)
class Scope:
    """``full``: every pair is asked about (``reason`` says why); else only pairs with an end
    in ``vpcs``."""

    full: bool
    vpcs: frozenset[str] = frozenset()
    reason: str = ""

    def dirty(self, vpc: str | None) -> bool:
        return self.full or (vpc is not None and vpc in self.vpcs)

    def pair(self, v: str | None, w: str | None) -> bool:
        return self.full or self.dirty(v) or self.dirty(w)


FULL = Scope(True, reason="every pair compared")


def _vpcs_of(topology: Topology, kind: str, rid: str) -> set[str]:
    """The VPCs a resource belongs to or joins (empty when it has none)."""
    item = topology.get(kind, rid)
    if item is None:
        return set()
    if kind == "vpc":
        return {rid}
    if kind == "peering":
        return {item.requester, item.accepter}
    if kind == "endpoint-service":
        return ({item.vpc} if item.vpc else set()) | {
            e.vpc for e in topology.interface_endpoints if e.endpoint_service == rid}
    vpc = getattr(item, "vpc", None)
    return {vpc} if isinstance(vpc, str) and vpc else set()


def _cidrs(topology: Topology) -> dict[str, set[object]]:
    return {v.id: set(v.all_cidrs) for v in topology.vpcs}


def _overlapping_cidr_change(base: Topology, head: Topology) -> str | None:
    """A VPC CIDR that appears or disappears and overlaps a CIDR of another VPC (on either
    side) changes who owns addresses elsewhere: the VPC and CIDR, else None."""
    cb, ch = _cidrs(base), _cidrs(head)
    others = [(v, c) for side in (cb, ch) for v, cs in side.items() for c in cs]
    others += [(e.id, c) for t in (base, head) for e in t.external_vpcs for c in e.cidrs]
    for vpc in sorted(cb.keys() | ch.keys()):
        for cidr in (cb.get(vpc, set()) ^ ch.get(vpc, set())):
            for other, c in others:
                if other != vpc and c.version == cidr.version and c.overlaps(cidr):  # type: ignore[attr-defined]
                    return f"{vpc} CIDR {cidr} overlaps {other}"
    return None


def change_scope(resources: Iterable[ResourceChange], routes: Iterable[TableChange], base: Topology,
                 head: Topology) -> Scope:
    """The dirty VPCs of a change (see the module docstring)."""
    vpcs: set[str] = set()
    tgw_changed = False
    for r in resources:
        if r.kind in GLOBAL_KINDS:
            return Scope(True, reason=f"{r.kind} {r.id} changed (an estate-wide fact)")
        if r.kind in TGW_KINDS:
            tgw_changed = True
        if r.kind == "tgw-attachment":
            tgw_changed = True
        vpcs |= _vpcs_of(base, r.kind, r.id) | _vpcs_of(head, r.kind, r.id)
    for t in routes:
        if t.kind == "tgw":
            tgw_changed = True
        else:
            vpcs.add(t.vpc)
    overlap = _overlapping_cidr_change(base, head)
    if overlap:
        return Scope(True, reason=overlap)
    attached = {a.vpc for t in (base, head) for a in t.tgw_attachments if a.vpc}
    if tgw_changed or vpcs & attached:
        vpcs |= attached
    known = {v.id for v in base.vpcs} | {v.id for v in head.vpcs}
    return Scope(False, frozenset(vpcs & known))
