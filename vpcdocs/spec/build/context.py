"""What every builder step shares: the validated records by kind, the ids seen, the
diagnostics, and the one helper that resolves references (:meth:`Builder.resolve`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from ...diagnostics import Diagnostic, Location, did_you_mean, error
from ...model import KINDS, IPAddress, Resource, Suppression, TargetKind, Topology
from ..types import Rec

# Kinds whose ids a route's ``target`` can name: they share one namespace (S-DUP-ID).
TARGET_KINDS: dict[str, TargetKind] = {
    "internet-gateway": "internet-gateway",
    "egress-only-internet-gateway": "egress-only-internet-gateway",
    "nat-gateway": "nat-gateway",
    "vpn-gateway": "vpn-gateway",
    "peering": "vpc-peering",
    "transit-gateway": "transit-gateway",
    "gateway-endpoint": "gateway-endpoint",
    "interface-endpoint": "unknown",  # not a valid route target; reported by the route builder
    "instance": "instance",
    "network-interface": "network-interface",
}
# Kinds a security group rule's peer can name by id: one namespace too.
PEER_KINDS = ("security-group", "prefix-list")

SG_AWS_ID = re.compile(r"sg-[0-9a-f]{8,17}")
VGW_AWS_ID = re.compile(r"vgw-[0-9a-f]{8,17}")
PL_AWS_ID = re.compile(r"pl-[0-9a-z]+")
SERVICE_NAME_RE = re.compile(r"^com\.amazonaws\.(?P<region>[a-z0-9-]+)\.(?P<service>[a-z0-9.-]+)$")

KIND_WORDS = {"peering": "peering", "vpn-gateway": "virtual private gateway",
              "egress-only-internet-gateway": "egress-only internet gateway"}


@dataclass
class FileSpec:
    path: str  # as shown in messages (relative to the working directory when possible)
    rec: Rec


@dataclass
class Entry:
    """A validated record of one resource, with where it lives."""

    rec: Rec
    vpc: str = ""  # the VPC it was declared under
    tgw: str = ""  # the transit gateway it was declared under
    region: str | None = None
    account: str | None = None


class Ref(NamedTuple):
    """A resolved reference: the spec id, or (``resolved`` False) an AWS id of something the
    spec does not declare."""

    id: str
    resolved: bool = True


class Builder:
    def __init__(self, files: list[FileSpec]):
        self.files = files
        self.diags: list[Diagnostic] = []
        self.first_seen: dict[tuple[str, str], Location] = {}
        self.namespaces: dict[str, dict[str, tuple[str, Location]]] = {"target": {}, "peer": {}}
        self.raw: dict[str, dict[str, Entry]] = {}
        self.out: dict[str, list[Any]] = {attr: [] for attr in KINDS.values()}
        self.expectations: list[Any] = []
        self._aws_ids: dict[str, dict[str, str]] = {}
        # (VPC, address) -> who uses it and where: private addresses are unique per VPC
        self.addresses: dict[tuple[str, IPAddress], tuple[str, Location]] = {}

    # ------------------------------------------------------------------ diagnostics and output

    def err(self, code: str, message: str, loc: Location, **kw: Any) -> None:
        self.diags.append(error(code, message, loc, **kw))

    def add(self, kind: str, item: Resource) -> None:
        self.out[KINDS[kind]].append(item)

    def topology(self) -> Topology:
        collections = {attr: tuple(sorted(items, key=lambda o: o.id)) for attr, items in self.out.items()}
        return Topology(**collections, expectations=tuple(self.expectations),
                        files=tuple(f.path for f in self.files))

    # ------------------------------------------------------------------ ids

    def register(self, kind: str, id_: str, rec: Rec, dup_message: str | None = None, **context: Any) -> bool:
        """Record a resource; report a duplicate id (per kind, and per shared namespace)."""
        key = (kind, id_)
        loc = rec.key_loc
        if key in self.first_seen:
            self.err("S-DUP-ID", dup_message or f"duplicate {kind} id '{id_}'", loc, related=(self.first_seen[key],),
                     hint=None if dup_message else "ids must be unique per kind across all spec files")
            return False
        self.first_seen[key] = loc
        space = "target" if kind in TARGET_KINDS else "peer" if kind in PEER_KINDS else None
        if space is not None:
            names = self.namespaces[space]
            if id_ in names:
                other_kind, other_loc = names[id_]
                what = "route targets" if space == "target" else "security group rule peers"
                self.err("S-DUP-ID", f"id '{id_}' is used by a {other_kind} and a {kind}; {what} share one "
                         "namespace", loc, related=(other_loc,))
                return False
            names[id_] = (kind, loc)
        self.raw.setdefault(kind, {})[id_] = Entry(rec, **context)
        return True

    def ids(self, kind: str) -> dict[str, Entry]:
        return self.raw.get(kind, {})

    def entry(self, kind: str, id_: str) -> Entry | None:
        return self.ids(kind).get(id_)

    def by_aws_id(self, kind: str) -> dict[str, str]:
        """AWS id → spec id of the resources of ``kind`` that have one (the first by id)."""
        if kind not in self._aws_ids:
            found: dict[str, str] = {}
            for id_, entry in sorted(self.ids(kind).items()):
                aws_id = entry.rec.get("aws_id")
                if aws_id and aws_id not in found:
                    found[aws_id] = id_
            self._aws_ids[kind] = found
        return self._aws_ids[kind]

    # ------------------------------------------------------------------ references

    def resolve(self, kind: str, text: str, loc: Location, what: str, vpc: str | None = None,
                external: re.Pattern[str] | None = None, scope_note: str = "", hint: str | None = None) -> Ref | None:
        """The resource of ``kind`` that ``text`` names — by spec id, else by AWS id — or None after
        reporting S-REF with a did-you-mean hint.

        ``vpc``: it must live in that VPC. ``external``: AWS ids of this shape that the spec does
        not declare are accepted as they are (``Ref(text, resolved=False)``).
        """
        known = self.ids(kind)
        spec_id = self.lookup(kind, text)
        if spec_id is not None:
            owner = known[spec_id].vpc
            if vpc is not None and owner != vpc:
                self.err("S-REF", f"{what} '{text}' belongs to {owner}, not {vpc}{scope_note}", loc)
                return None
            return Ref(spec_id)
        if external is not None and external.fullmatch(text):
            return Ref(text, resolved=False)
        candidates = [k for k, e in known.items() if vpc is None or e.vpc == vpc]
        self.err("S-REF", f"unknown {what} '{text}'" + (f" in {vpc}" if vpc else ""), loc,
                 hint=did_you_mean(text, candidates) or hint)
        return None

    def lookup(self, kind: str, text: str) -> str | None:
        """The spec id of the ``kind`` resource ``text`` names (by id or AWS id), without reporting."""
        return text if text in self.ids(kind) else self.by_aws_id(kind).get(text)

    def ref(self, kind: str, text: str, loc: Location, what: str, vpc: str | None = None) -> str | None:
        """The spec id ``text`` names (by id or AWS id), or None after reporting S-REF."""
        found = self.resolve(kind, text, loc, what, vpc)
        return found.id if found else None

    def refs(self, rec: Rec, key: str, kind: str, what: str, vpc: str | None = None,
             external: re.Pattern[str] | None = None) -> tuple[str, ...]:
        """Every item of the list field ``key`` resolved (unresolvable items are reported and dropped)."""
        out = []
        for text in rec.get(key) or ():
            found = self.resolve(kind, text, rec.at(key, text), what, vpc, external)
            if found is not None:
                out.append(found.id)
        return tuple(out)

    def security_groups(self, rec: Rec, vpc: str) -> tuple[str, ...]:
        """A resource's ``security_groups``: groups of its own VPC (SG-18), or sg- ids not in the spec."""
        return self.refs(rec, "security_groups", "security-group", "security group", vpc, SG_AWS_ID)

    def find_prefix_list(self, text: str) -> Ref | None:
        """A prefix list by spec id, AWS id (pl-…) or PrefixListName (com.amazonaws.<region>.s3);
        an undeclared pl- id or AWS-managed name is ``Ref(text, False)``; anything else None."""
        known = self.ids("prefix-list")
        if text in known:
            return Ref(text)
        spec_id = self.by_aws_id("prefix-list").get(text) or self._prefix_list_names().get(text)
        if spec_id is not None:
            return Ref(spec_id)
        if PL_AWS_ID.fullmatch(text) or SERVICE_NAME_RE.match(text):
            return Ref(text, resolved=False)
        return None

    def _prefix_list_names(self) -> dict[str, str]:
        if "#names" not in self._aws_ids:
            names: dict[str, str] = {}
            for id_, entry in sorted(self.ids("prefix-list").items()):
                name = entry.rec.get("prefix_list_name")
                if name and name not in names:
                    names[name] = id_
            self._aws_ids["#names"] = names
        return self._aws_ids["#names"]

    def peered(self, vpc_a: str, vpc_b: str) -> bool:
        """Whether some peering of the spec connects the two VPCs (SG-12)."""
        for entry in self.ids("peering").values():
            sides = {entry.rec.get("requester"), entry.rec.get("accepter")}
            if {vpc_a, vpc_b} <= sides:
                return True
        return False

    # ------------------------------------------------------------------ fields every resource has

    @staticmethod
    def common(rec: Rec, id_: str) -> dict[str, Any]:
        tags = rec.get("tags") or {}
        return {
            "id": id_,
            "loc": rec.key_loc,
            "name": rec.get("name"),
            "description": rec.get("description"),
            "aws_id": rec.get("aws_id"),
            "tags": tuple(sorted((str(k), str(v)) for k, v in tags.items())),
            "suppress": tuple(
                Suppression(s["code"], s["reason"], s.loc) for s in rec.get("suppress") or () if s.complete
            ),
        }
