"""Give an imported topology the spec's ids, so the diff matches the same AWS objects.

An import names objects after their ``Name`` tags (:mod:`vpcdocs.importers.naming`); the
specs use whatever ids their authors chose. :func:`align` renames the imported objects to
the spec's ids, kind by kind:

1. by ``aws_id`` — a spec object that says which AWS object it is (``aws_id: vpc-0abc…``)
   matches the imported object with that id;
2. by what identifies the object in its network, for the objects still unmatched, once
   their parents are matched: a VPC by its primary CIDR and region; a subnet by VPC and
   CIDR; an internet or egress-only gateway by VPC; a NAT gateway by subnet; a route table
   by VPC and its subnets (the main table by VPC); a peering by its two VPCs; a gateway or
   interface endpoint by VPC and service; a security group by VPC and group name; a network
   ACL by VPC and subnets (the default by VPC); a transit gateway by region and ASN, its
   attachments by transit gateway and VPC, its route tables by their associations — each
   only when exactly one object on each side has that key;
3. by the same id, when nothing else matched.

References are renamed with the objects (route targets, subnet lists, security-group rule
peers…); names, descriptions and tags are not. An imported object whose id a matched object
takes is renamed ``<id>~aws``. The spec's ``expect:`` list and ``suppress:`` entries are
carried over, so findings and expectations compare like for like.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from ..model import KINDS, Topology

# fields that describe an object for people: never renamed, never compared by drift
PERSON_FIELDS = frozenset({"id", "loc", "name", "description", "tags", "aws_id", "suppress"})


def _subnets_of_table(t: Topology, table: Any) -> frozenset[str]:
    return frozenset(table.subnets) | frozenset(s.id for s in t.subnets_of(table.vpc) if s.route_table == table.id)


def _subnets_of_acl(t: Topology, acl: Any) -> frozenset[str]:
    return frozenset(acl.subnets) | frozenset(s.id for s in t.subnets_of(acl.vpc) if s.network_acl == acl.id)


Key = Callable[[Topology, Any], Hashable]

# kind -> natural key, in the order kinds are matched (parents before children)
NATURAL_KEYS: tuple[tuple[str, Key], ...] = (
    ("vpc", lambda t, v: (v.region, str(v.cidrs[0]) if v.cidrs else "")),
    ("transit-gateway", lambda t, g: (g.region, g.asn) if getattr(g, "asn", None) else None),
    ("subnet", lambda t, s: (s.vpc, str(s.cidr or s.ipv6_cidr))),
    ("internet-gateway", lambda t, g: g.vpc),
    ("egress-only-internet-gateway", lambda t, g: g.vpc),
    ("nat-gateway", lambda t, n: n.subnet),
    ("route-table", lambda t, r: (r.vpc, "main") if r.main else (r.vpc, _subnets_of_table(t, r))),
    ("peering", lambda t, p: frozenset((p.requester, p.accepter))),
    ("gateway-endpoint", lambda t, e: (e.vpc, e.service)),
    ("interface-endpoint", lambda t, e: (e.vpc, e.service or e.endpoint_service)),
    ("security-group", lambda t, g: (g.vpc, g.group_name or ("default" if g.default else g.id))),
    ("network-acl", lambda t, a: (a.vpc, "default") if a.default else (a.vpc, _subnets_of_acl(t, a))),
    ("tgw-attachment", lambda t, a: (a.transit_gateway, a.vpc) if a.vpc else None),
    ("tgw-route-table", lambda t, r: (r.transit_gateway, frozenset(r.associations)) if r.associations else None),
)


@dataclass(frozen=True)
class Alignment:
    topology: Topology  # the imported topology with the spec's ids
    by_aws_id: int = 0
    by_key: int = 0
    by_id: int = 0

    def note(self) -> str:
        return (f"imported objects matched to the specs: {self.by_aws_id} by aws_id, {self.by_key} by their "
                f"network keys, {self.by_id} by id")


def _rename_value(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, tuple):
        return tuple(_rename_value(v, names) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _rename_fields(value, names)
    return value


def _rename_fields(item: Any, names: dict[str, str]) -> Any:
    changes = {}
    for f in dataclasses.fields(item):
        if f.name in PERSON_FIELDS:
            continue
        old = getattr(item, f.name)
        new = _rename_value(old, names)
        if new is not old and new != old:
            changes[f.name] = new
    return dataclasses.replace(item, **changes) if changes else item


def _rename(t: Topology, ids: dict[tuple[str, str], str]) -> tuple[Topology, dict[tuple[str, str], str]]:
    """``t`` with objects renamed per ``ids`` ((kind, old id) → new id) and every reference
    to them, and the new id of every object ((kind, old id) → id). An old id two kinds share
    with different new ids is left alone."""
    names: dict[str, str] = {}
    clash: set[str] = set()
    for (_, old), new in ids.items():
        if old in names and names[old] != new:
            clash.add(old)
        names[old] = new
    for old in clash:
        names.pop(old)
    taken = set(names.values())
    for _, item in t.iter_resources():  # an unmatched object whose id a matched one takes
        if item.id in taken and item.id not in names:
            names[item.id] = f"{item.id}~aws"
    fields: dict[str, Any] = {}
    now: dict[tuple[str, str], str] = {}
    for kind, attr in KINDS.items():
        items = []
        for item in getattr(t, attr):
            new_id = item.id if item.id in clash else ids.get((kind, item.id), names.get(item.id, item.id))
            now[(kind, item.id)] = new_id
            item = _rename_fields(item, names)
            items.append(dataclasses.replace(item, id=new_id) if new_id != item.id else item)
        fields[attr] = tuple(sorted(items, key=lambda i: i.id))
    return dataclasses.replace(t, **fields), now


def _unique(items: list[tuple[Hashable, str]]) -> dict[Hashable, str]:
    """key → id for the keys exactly one item has (None keys never match)."""
    counts: dict[Hashable, int] = {}
    for key, _ in items:
        counts[key] = counts.get(key, 0) + 1
    return {key: rid for key, rid in items if key is not None and counts[key] == 1}


def align(spec: Topology, actual: Topology) -> Alignment:
    """``actual`` with the spec's ids (see the module docstring)."""
    ids: dict[tuple[str, str], str] = {}
    by_aws = by_key = 0
    for kind, attr in KINDS.items():
        theirs = {i.aws_id: i.id for i in getattr(spec, attr) if i.aws_id}
        for item in getattr(actual, attr):
            if item.aws_id and item.aws_id in theirs:
                ids[(kind, item.id)] = theirs[item.aws_id]
                by_aws += 1
    current, now = _rename(actual, ids)
    for kind, key in NATURAL_KEYS:
        taken = {new for (k, _), new in ids.items() if k == kind}
        mine = _unique([(key(spec, i), i.id) for i in spec.by_kind(kind) if i.id not in taken])
        old_of = {now[(kind, i.id)]: i.id for i in actual.by_kind(kind) if (kind, i.id) not in ids}
        theirs = _unique([(key(current, i), i.id) for i in current.by_kind(kind) if i.id in old_of])
        found = {old_of[cur]: mine[k] for k, cur in theirs.items() if k in mine}
        if found:
            ids.update({(kind, old): new for old, new in found.items()})
            by_key += len(found)
            current, now = _rename(actual, ids)
    by_id = 0
    for kind, attr in KINDS.items():  # same id, nothing else matched
        matched = {new for (k, _), new in ids.items() if k == kind}
        spec_ids = {i.id for i in getattr(spec, attr)} - matched
        by_id += sum(1 for i in getattr(current, attr) if i.id in spec_ids)
    return Alignment(_carry_over(spec, current), by_aws, by_key, by_id)


def _carry_over(spec: Topology, actual: Topology) -> Topology:
    """The spec's ``expect:`` list and each matched object's ``suppress:`` entries."""
    fields: dict[str, Any] = {"expectations": spec.expectations}
    for kind, attr in KINDS.items():
        changed = False
        items = []
        for item in getattr(actual, attr):
            mine = spec.get(kind, item.id)
            if mine is not None and mine.suppress != item.suppress:
                item = dataclasses.replace(item, suppress=mine.suppress)
                changed = True
            items.append(item)
        if changed:
            fields[attr] = tuple(items)
    return dataclasses.replace(actual, **fields)
