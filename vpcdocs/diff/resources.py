"""Resources added, removed and changed between two topologies — field by field.

Objects are matched by (kind, id), never by file, so moving, renaming or splitting spec
files changes nothing here. ``loc`` is ignored; so are the loader's derived facts about a
route (its parsed network, resolved target kind), which the route diff reports as effect.

Field values are normalised to JSON-able data (``ipaddress`` objects to text, tuples to
lists, nested records to dicts without ``loc``) so renderers and ``--format json`` share them.
"""

from __future__ import annotations

import dataclasses
import enum
import ipaddress
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..model import KINDS, Expectation, NaclRule, Route, SecurityGroupRule, TgwRoute, Topology

SKIP_FIELDS = frozenset({"id", "loc"})
# list fields whose order means something (the primary VPC CIDR comes first, CIDR-1); the
# order of every other list (routes, subnets, tags…) is only how the YAML was written
ORDERED_FIELDS = frozenset({"cidrs"})
# what a person wrote for these records; the rest is derived by the loader
RECORD_FIELDS: dict[type, tuple[str, ...]] = {
    Route: ("destination", "target", "state", "description"),
    TgwRoute: ("destination", "prefix_list", "attachment", "blackhole", "state"),
    SecurityGroupRule: ("protocol", "from_port", "to_port", "peer", "description"),
    NaclRule: ("number", "action", "protocol", "network", "from_port", "to_port", "icmp_type", "icmp_code"),
}


def normalise(value: Any) -> Any:
    """``value`` as JSON-able data, deterministic, without locations."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (ipaddress.IPv4Network, ipaddress.IPv6Network,
                          ipaddress.IPv4Address, ipaddress.IPv6Address)):
        return str(value)
    if isinstance(value, (tuple, list)):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in sorted(value.items())}
    if dataclasses.is_dataclass(value):
        names = RECORD_FIELDS.get(type(value)) or tuple(
            f.name for f in dataclasses.fields(value) if f.name != "loc")
        out: dict[str, Any] = {}
        for name in names:
            v = normalise(getattr(value, name))
            if v is not None and v != [] and v != "":
                out[name] = v
        return out
    return str(value)


def resource_fields(resource: Any) -> dict[str, Any]:
    """Field name → normalised value, every field but id and loc."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(resource):
        if f.name in SKIP_FIELDS:
            continue
        out[f.name] = normalise(getattr(resource, f.name))
    return out


def _ports(value: dict[str, Any]) -> str:
    if value.get("protocol") not in ("tcp", "udp") or value.get("from_port") is None:
        return ""
    lo, hi = value["from_port"], value.get("to_port")
    return f" {lo}" if hi in (None, lo) else f" {lo}-{hi}"


def item_text(value: Any, field: str = "") -> str:
    """One list element or scalar as a short text (``10.1.0.0/16 → pcx-a-b``, ``tcp 22 from
    10.1.0.0/16``, ``#100 allow all to 0.0.0.0/0``); ``field`` is the list it is in."""
    way = "to" if field == "egress" else "from"
    if isinstance(value, dict) and "protocol" in value and "number" in value and "action" in value:
        return f"#{value['number']} {value['action']} {value['protocol']}{_ports(value)} {way} {value.get('network')}"
    if isinstance(value, dict) and "protocol" in value and "peer" in value:
        text = f"{value['protocol']}{_ports(value)} {way} {value['peer']}"
        return text + (f" ({value['description']})" if value.get("description") else "")
    if isinstance(value, dict):
        if "destination" in value and ("target" in value or "attachment" in value or "blackhole" in value):
            target = value.get("target") or value.get("attachment") or ("blackhole" if value.get("blackhole") else "")
            text = f"{value['destination']} → {target}"
            if value.get("description"):
                text += f" ({value['description']})"
            return text
        if "protocol" in value and "source" in value:
            ports = ""
            if value.get("from_port") is not None:
                ports = f" {value['from_port']}" + (
                    f"-{value['to_port']}" if value.get("to_port") not in (None, value["from_port"]) else "")
            return f"{value['protocol']}{ports} from {value['source']}"
        if "code" in value and "reason" in value:
            return f"{value['code']} ({value['reason']})"
        return ", ".join(f"{k}={item_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        if len(value) == 2 and all(isinstance(v, str) for v in value):
            return f"{value[0]}={value[1]}"  # a tag pair
        return "[" + ", ".join(item_text(v) for v in value) + "]"
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    """One field of a changed resource. For list fields ``added``/``removed`` are the elements
    that appear or vanish (as texts); for scalars they are empty and ``before``/``after`` tell."""

    field: str
    before: object
    after: object
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return isinstance(self.before, list) or isinstance(self.after, list)

    def text(self) -> str:
        if self.is_list:
            parts = [f"+ {a}" for a in self.added] + [f"− {r}" for r in self.removed]
            if not parts:  # same elements, new order
                parts = ["reordered"]
            return f"{self.field}: " + "; ".join(parts)
        return f"{self.field}: {item_text(self.before)} → {item_text(self.after)}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "before": self.before, "after": self.after}
        if self.is_list:
            out["added"] = list(self.added)
            out["removed"] = list(self.removed)
        return out


@dataclass(frozen=True)
class ResourceChange:
    change: str  # "added" | "removed" | "changed"
    kind: str
    id: str
    vpc: str | None = None
    fields: tuple[FieldChange, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"change": self.change, "kind": self.kind, "id": self.id, "vpc": self.vpc}
        if self.change == "changed":
            out["fields"] = [f.to_json() for f in self.fields]
        return out


def _list_delta(before: list[Any], after: list[Any], field: str = "") -> tuple[tuple[str, ...], tuple[str, ...]]:
    b = Counter(item_text(v, field) for v in before)
    a = Counter(item_text(v, field) for v in after)
    added = sorted((a - b).elements())
    removed = sorted((b - a).elements())
    return tuple(added), tuple(removed)


def field_changes(old: Any, new: Any) -> tuple[FieldChange, ...]:
    before, after = resource_fields(old), resource_fields(new)
    out = []
    for name in before.keys() | after.keys():
        b, a = before.get(name), after.get(name)
        if b == a:
            continue
        if isinstance(b, list) or isinstance(a, list):
            added, removed = _list_delta(b or [], a or [], name)
            if not added and not removed and name not in ORDERED_FIELDS:
                continue  # the same elements written in another order
            out.append(FieldChange(name, b, a, added, removed))
        else:
            out.append(FieldChange(name, b, a))
    order = {f.name: i for i, f in enumerate(dataclasses.fields(new))}
    return tuple(sorted(out, key=lambda f: (order.get(f.field, 999), f.field)))


def _kind_rank(kind: str) -> int:
    return list(KINDS).index(kind) if kind in KINDS else len(KINDS)


def _vpc_of(topology: Topology, kind: str, resource: Any) -> str | None:
    vpc = getattr(resource, "vpc", None)
    if isinstance(vpc, str) and vpc:
        return vpc
    if kind == "vpc":
        return resource.id
    return None


def diff_resources(base: Topology, head: Topology) -> tuple[ResourceChange, ...]:
    """Every resource added, removed or changed, sorted by kind order, then id."""
    old = {(k, r.id): r for k, r in base.iter_resources()}
    new = {(k, r.id): r for k, r in head.iter_resources()}
    out = []
    for key in old.keys() | new.keys():
        kind, rid = key
        if key not in old:
            out.append(ResourceChange("added", kind, rid, _vpc_of(head, kind, new[key])))
        elif key not in new:
            out.append(ResourceChange("removed", kind, rid, _vpc_of(base, kind, old[key])))
        else:
            changes = field_changes(old[key], new[key])
            if changes:
                out.append(ResourceChange("changed", kind, rid, _vpc_of(head, kind, new[key]), changes))
    return tuple(sorted(out, key=lambda c: (_kind_rank(c.kind), c.id)))


# --------------------------------------------------------------------------- expectations


def expectation_text(exp: Expectation) -> str:
    text = f"{exp.source} → {exp.destination}"
    if exp.port is not None:
        text += f" port {exp.port}"
    if exp.via:
        text += f" via {exp.via}"
    if exp.reachable is False:
        text += ": not reachable"
    elif exp.reachable is True:
        text += ": reachable"
    return text


def diff_expectations(base: Topology, head: Topology) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(added, removed) ``expect:`` entries, as texts, sorted (a multiset difference)."""
    b = Counter(expectation_text(e) for e in base.expectations)
    a = Counter(expectation_text(e) for e in head.expectations)
    return tuple(sorted((a - b).elements())), tuple(sorted((b - a).elements()))
