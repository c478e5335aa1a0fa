"""Where each subnet goes in a VPC diagram: AZ columns, tier rows in network order.

As AWS reference architectures draw a VPC: one column per Availability Zone (by name),
one row per tier, top to bottom in the order traffic meets them — public, private
(application before data: names like ``data``/``db`` sort last), isolated, then subnets
that hold only transit gateway attachment ENIs. The tier comes from the data plane
(:meth:`~vpcdocs.routing.DataPlane.subnet_class`, SUB-2, and its interfaces); the name
hint only orders subnets inside a class.

Subnets of the same role across AZs (``app-1a``, ``app-1b``) share a row, so same-tier
boxes line up; when names do not pair up, subnets simply fill the tier's rows in order.

A diff diagram passes ``base`` (the topology before the change): rows and columns keep the
base's order and new ones come after their tier's, so before and after compare by eye.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ...model import Subnet, Topology
from ...routing import dataplane
from ...sorting import natural_key

TIERS = ("public", "private", "data", "isolated", "tgw")
NO_AZ = ""  # column of subnets without an AZ
_DATA = re.compile(r"(?:^|[^a-z])(data|db|database|rds|sql|storage|cache|persistence)(?:[^a-z]|$)", re.I)
_SEP = re.compile(r"[-_. /:]+")


def subnet_tier(topology: Topology, subnet: Subnet) -> str:
    """``public`` / ``private`` / ``data`` / ``isolated`` / ``tgw`` (see module docstring)."""
    dp = dataplane(topology)
    kinds = {i.kind for i in dp.interfaces_in(subnet.id)}
    if kinds == {"tgw-attachment"}:
        return "tgw"
    cls = dp.subnet_class(subnet.id)
    if cls == "public":
        return "public"
    if cls == "private":
        return "data" if _DATA.search(subnet.label) or _DATA.search(subnet.id) else "private"
    return "isolated"


def role_of(subnet: Subnet) -> str:
    """A subnet's name without its AZ parts (``app-1a`` -> ``app``), to pair rows across AZs."""
    az = subnet.az.lower()
    drop = {az, az[-2:], az[-1:], (subnet.az_id or "").lower(), "az" + az[-1:], f"az{az[-2:-1]}"} - {""}
    tokens = [t for t in _SEP.split(subnet.label.lower()) if t]
    kept = [t for t in tokens if t not in drop]
    if kept and len(kept) == len(tokens) and len(az) >= 2:  # trailing "1a"-style suffix glued on
        last = kept[-1]
        for suffix in (az[-2:], az[-1:]):
            if last.endswith(suffix) and len(last) > len(suffix) and not last[-len(suffix) - 1].isdigit():
                kept[-1] = last[: -len(suffix)]
                break
    return "-".join(kept) or subnet.label.lower()


@dataclass(frozen=True)
class Grid:
    """Columns (AZ names, ``""`` for no AZ) and rows (tier, subnet id or None per column)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str | None, ...]], ...]

    def position(self, subnet_id: str) -> tuple[int, int] | None:
        """(row, column) of a subnet."""
        for r, (_tier, cells) in enumerate(self.rows):
            for c, sid in enumerate(cells):
                if sid == subnet_id:
                    return r, c
        return None


def _az_key(az: str) -> tuple:
    return (az == NO_AZ, natural_key(az))


def vpc_grid(topology: Topology, vpc_id: str, base: Topology | None = None) -> Grid:
    """The AZ x tier grid of a VPC's subnets (see module docstring)."""
    subnets = topology.subnets_of(vpc_id)
    old = {s.id for s in base.subnets_of(vpc_id)} if base is not None else None
    old_azs = {s.az for s in base.subnets_of(vpc_id)} if base is not None else None
    def tier_of(s: Subnet) -> str:  # a subnet the base had keeps the base's tier (its row)
        before = base.get("subnet", s.id) if base is not None else None
        return subnet_tier(base, before) if base is not None and before is not None else subnet_tier(topology, s)

    tier = {s.id: tier_of(s) for s in subnets}
    columns = sorted({s.az for s in subnets}, key=lambda az: (old_azs is not None and az not in old_azs, _az_key(az)))
    rows: list[tuple[str, tuple[str | None, ...]]] = []
    for t in TIERS:
        members = [s for s in subnets if tier[s.id] == t]
        if not members:
            continue

        def key(s: Subnet) -> tuple:
            return (old is not None and s.id not in old, natural_key(role_of(s)), natural_key(s.id))

        per_az: dict[str, list[Subnet]] = defaultdict(list)
        for s in sorted(members, key=key):
            per_az[s.az].append(s)
        naive = max(len(v) for v in per_az.values())
        roles = sorted({(old is not None and s.id not in old, role_of(s)) for s in members},
                       key=lambda r: (r[0], natural_key(r[1])))
        aligned: list[list[Subnet | None]] = []
        for is_new, role in roles:
            lists = {az: [s for s in subs if role_of(s) == role and (old is not None and s.id not in old) == is_new]
                     for az, subs in per_az.items()}
            for k in range(max(len(v) for v in lists.values())):
                aligned.append([lists.get(az, [])[k] if k < len(lists.get(az, [])) else None for az in columns])
        if len(aligned) <= naive:
            chosen = aligned
        else:
            chosen = [[per_az[az][k] if k < len(per_az.get(az, [])) else None for az in columns] for k in range(naive)]
        for cells in chosen:
            rows.append((t, tuple(s.id if s is not None else None for s in cells)))
    return Grid(tuple(columns), tuple(rows))
