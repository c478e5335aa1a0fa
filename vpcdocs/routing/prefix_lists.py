"""Managed prefix lists resolved: a reference (spec id, ``pl-…`` id or AWS-managed name) →
the list, its region, the AWS service it stands for, and its CIDRs when known (PL-1..4).

AWS-managed lists of gateway-endpoint services (``com.amazonaws.<region>.s3`` …) are known by
name even when the spec does not declare them; their CIDRs are then unknown, and a flow to
"the service" is matched symbolically (GWE-2, GWE-5). When the spec (or an import) declares
the list with its entries, an address inside them is matched like any CIDR (PL-8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import IPNetwork, PrefixList, Topology

SERVICE_LIST_RE = re.compile(r"^com\.amazonaws\.(?P<region>[a-z0-9-]+)\.(?P<service>[a-z0-9.-]+)$")
GATEWAY_SERVICES = ("s3", "dynamodb", "s3express")


def managed_prefix_list_name(region: str, service: str) -> str:
    """The AWS-managed prefix list of a gateway endpoint service (§1, GWE-2)."""
    return f"com.amazonaws.{region}.{service}"


@dataclass(frozen=True)
class ResolvedPrefixList:
    """What a route or rule refers to. ``entries`` is None when the CIDRs are not known."""

    key: str  # stable identity: the spec id, else the name / pl- id as written
    name: str  # what people see: the AWS name, else the spec id
    region: str | None
    service: str | None  # s3 / dynamodb / … for AWS-managed service lists
    entries: tuple[IPNetwork, ...] | None
    declared: PrefixList | None = None
    aws_id: str | None = None

    @property
    def known(self) -> bool:
        return self.entries is not None


class PrefixListIndex:
    """Look-ups of the topology's prefix lists by every name a spec may use."""

    def __init__(self, topology: Topology):
        self._by_ref: dict[str, ResolvedPrefixList] = {}
        for pl in topology.prefix_lists:
            resolved = self._resolve_declared(pl)
            for ref in (pl.id, pl.aws_id, pl.prefix_list_name):
                if ref:
                    self._by_ref.setdefault(ref, resolved)

    @staticmethod
    def _resolve_declared(pl: PrefixList) -> ResolvedPrefixList:
        match = SERVICE_LIST_RE.match(pl.prefix_list_name or "")
        service = match["service"] if match else None
        region = match["region"] if match else (pl.region or None)
        entries = pl.entries if (pl.entries or pl.owner == "customer") else None
        return ResolvedPrefixList(pl.id, pl.display_name, region, service, entries, pl, pl.aws_id)

    def resolve(self, ref: str) -> ResolvedPrefixList:
        """The list ``ref`` names; an unknown ``pl-…`` id or AWS name resolves symbolically."""
        found = self._by_ref.get(ref)
        if found is not None:
            return found
        match = SERVICE_LIST_RE.match(ref)
        if match:
            return ResolvedPrefixList(ref, ref, match["region"], match["service"], None)
        return ResolvedPrefixList(ref, ref, None, None, None, aws_id=ref if ref.startswith("pl-") else None)

    def service_list(self, region: str, service: str, aws_id: str | None = None) -> ResolvedPrefixList:
        """The AWS-managed list of ``service`` in ``region`` (by its pl- id when known)."""
        if aws_id and aws_id in self._by_ref:
            found = self._by_ref[aws_id]
            if found.service is None:  # declared by id only: it is this service's list
                return ResolvedPrefixList(found.key, found.name, region, service, found.entries, found.declared,
                                          found.aws_id)
            return found
        name = managed_prefix_list_name(region, service)
        by_name = self._by_ref.get(name)
        if by_name is not None:
            return by_name
        return ResolvedPrefixList(aws_id or name, name, region, service, None, aws_id=aws_id)
