"""Whose facts are whose: a digest of what belongs to each VPC and of what belongs to none —
what a cache of answers keys on (the site's reachability rows, kept from one build to the
next: ``vpcdocs.site.reach_cache``).

An answer between two VPCs reads the facts of those two VPCs and the shared ones (peerings,
transit gateways and their route tables, prefix lists, hybrid links, expectations); it reads
a third VPC's facts only when a route sends the packet into that VPC although it is not the
packet's destination. :func:`transit_vpcs` finds every VPC a route can send someone else's
traffic into — and, to be safe, every VPC whose addresses overlap another's and every VPC
that provides an endpoint service — and folds their facts into the shared digest: a change
there can move any answer.

* ``own[v]``: VPC ``v``'s resources as the specs say them (without where they are written:
  moving a line changes no answer), its effective route tables, and the security groups of
  other VPCs its rules name (SG-10, SG-12);
* ``shared``: the resources that belong to no one VPC, the effective TGW route tables, the
  list of VPCs and the transit VPCs' own digests.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Location
from ..model import IPNetwork, Topology
from .coverage import overlapping_pairs
from .dataplane import DataPlane


@dataclass(frozen=True)
class Footprint:
    shared: str
    own: dict[str, str]
    transit: frozenset[str]

    def changed(self, before: Footprint) -> frozenset[str] | None:
        """The VPCs whose own facts differ from ``before``; None when the shared facts differ
        (every answer may have moved)."""
        if self.shared != before.shared:
            return None
        return frozenset(v for v, d in self.own.items() if before.own.get(v) != d)


def _text(item: object) -> str:
    return repr(item)


@contextlib.contextmanager
def _locations_unwritten() -> Iterator[None]:
    """Resources' reprs without where they are written (a Location's repr is empty meanwhile):
    cheaper than taking the locations out of the text afterwards."""
    saved = Location.__repr__
    Location.__repr__ = lambda self: ""  # type: ignore[method-assign]
    try:
        yield
    finally:
        Location.__repr__ = saved  # type: ignore[method-assign]


def _digest(parts: list[str]) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def transit_vpcs(dp: DataPlane) -> frozenset[str]:
    """The VPCs an answer between two other VPCs can pass through (see the module docstring):
    the far side of a peering route, or the VPC of a TGW route's attachment, whose destination
    is not inside that VPC's CIDR blocks (a prefix list counts as not inside); the VPC of any
    other route target that lives in another VPC than the table; VPCs whose blocks or subnets
    overlap another VPC's; VPCs providing an endpoint service."""
    t = dp.topology
    blocks = {v.id: v.all_cidrs for v in t.vpcs}

    def inside(vpc: str, net: IPNetwork | None) -> bool:
        return net is not None and vpc in dp.coverage.holding(net)

    out: set[str] = set()
    owner: dict[str, str | None] = {}  # route target -> the VPC it lives in (None: in none)
    for table in dp.route_tables:
        for r in table.routes:
            if r.target_type == "vpc-peering":
                peering = dp.neighbours.peerings.get(r.target)
                far = peering.other_side(table.vpc) if peering is not None else None
                if far in blocks and not (r.destination_type == "cidr" and inside(far, r.network)):
                    out.add(far)
                continue
            # a gateway, NAT gateway, interface or endpoint of another VPC (not valid in AWS,
            # but a spec may say so): whatever the walk makes of it reads that VPC
            if r.target not in owner:
                owner[r.target] = next((vpc for _k, item in t.find(r.target)
                                        if isinstance(vpc := getattr(item, "vpc", None), str) and vpc in blocks), None)
            there = owner[r.target]
            if there is not None and there != table.vpc:
                out.add(there)
    vpc_of = {a.id: a.vpc for a in t.tgw_attachments if a.type == "vpc" and a.vpc}
    for tgw_table in dp.tgw_route_tables:
        for tr in tgw_table.routes:
            vpc = vpc_of.get(tr.attachment or "")
            if vpc in blocks and not inside(vpc, tr.network):
                out.add(vpc)
    # a VPC's addresses: its blocks and its subnets (a subnet outside its VPC's blocks is only a
    # lint finding, and the engine places it where its addresses are)
    held = {v: [*cs] for v, cs in blocks.items()}
    for subnet in t.subnets:
        if subnet.vpc in held:
            held[subnet.vpc].extend(subnet.networks)
    for pair in overlapping_pairs(held):
        out.update(pair)
    out.update(s.vpc for s in t.endpoint_services if s.vpc in blocks)
    return frozenset(out)


def _foreign_groups(t: Topology, vpc: str) -> list[str]:
    """The texts of the security groups of other VPCs that ``vpc``'s rules name."""
    out: list[str] = []
    for group in t.in_vpc(vpc, "security-group"):
        for rule in (*group.ingress, *group.egress):
            if rule.peer_kind == "security-group":  # named by spec id or AWS id
                for kind, other in t.find(rule.peer):
                    if kind == "security-group" and getattr(other, "vpc", vpc) != vpc:
                        out.append(_text(other))
    return sorted(set(out))


def footprint(dp: DataPlane) -> Footprint:
    """The digests of ``dp``'s topology (computed once per data plane)."""
    found = dp.__dict__.get("_vpcdocs_footprint")
    if isinstance(found, Footprint):
        return found
    with _locations_unwritten():
        found = _footprint(dp)
    dp.__dict__["_vpcdocs_footprint"] = found
    return found


def _footprint(dp: DataPlane) -> Footprint:
    t = dp.topology
    own: dict[str, str] = {}
    for v in t.vpcs:
        parts = [_text(v)]
        for kind, items in sorted(t._by_vpc.get(v.id, {}).items()):
            parts.append(kind)
            parts.extend(_text(item) for item in items)
        parts.append("tables")
        parts.extend(_text(table) for table in dp.tables_of(v.id))
        parts.append("foreign groups")
        parts.extend(_foreign_groups(t, v.id))
        own[v.id] = _digest(parts)
    transit = transit_vpcs(dp)
    shared = [f"vpcs {len(own)}", *own, "transit", *sorted(transit), *(own[v] for v in sorted(transit))]
    for kind, item in t.iter_resources():
        vpc = item.id if kind == "vpc" else getattr(item, "vpc", None)
        if not (isinstance(vpc, str) and vpc in own):
            shared.append(kind)
            shared.append(_text(item))
    shared.append("expectations")
    shared.extend(_text(e) for e in t.expectations)
    shared.append("tgw tables")
    shared.extend(_text(table) for table in dp.tgw_route_tables)
    return Footprint(_digest(shared), own, transit)


__all__ = ["Footprint", "footprint", "transit_vpcs"]
