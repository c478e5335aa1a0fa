"""How an estate groups for the overviews: AWS accounts, their regions, the VPCs in each.

Pure reading of the model (no drawing). Accounts and regions in natural order (unknown
last); inside a region, VPCs in peering order — each connected group of peered VPCs
together, breadth first from its smallest id — so peered VPCs land next to each other and
their links stay short. Transit gateways sit with their own account and region (or, when
the spec does not say, with their first attached VPC's).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ...model import Topology
from ...routing import dataplane
from ...sorting import natural_key, natural_sorted


@dataclass
class RegionGroup:
    account: str
    region: str
    vpcs: list[str] = field(default_factory=list)
    externals: list[str] = field(default_factory=list)  # external VPCs (peers outside the specs)
    tgws: list[str] = field(default_factory=list)


@dataclass
class AccountGroup:
    account: str
    regions: list[RegionGroup] = field(default_factory=list)


def _key(text: str) -> tuple:
    return (text == "", natural_key(text))


def tgw_home(topology: Topology, tgw_id: str) -> tuple[str, str]:
    """(account, region) a transit gateway is drawn in."""
    tgw = topology.get("transit-gateway", tgw_id)
    account, region = (tgw.account or "", tgw.region or "") if tgw is not None else ("", "")
    for att in topology.attachments_of_tgw(tgw_id):
        vpc = topology.get("vpc", att.vpc) if att.vpc else None
        if vpc is not None:
            account, region = account or (vpc.account or ""), region or vpc.region
            break
    return account, region


def peering_order(topology: Topology, vpc_ids: list[str]) -> list[str]:
    """``vpc_ids`` with peered VPCs next to each other (breadth first per connected group)."""
    wanted = set(vpc_ids)
    nb = dataplane(topology).neighbours
    seen: set[str] = set()
    out: list[str] = []
    for start in natural_sorted(vpc_ids):
        if start in seen:
            continue
        queue = [start]
        seen.add(start)
        while queue:
            v = queue.pop(0)
            out.append(v)
            peers = {p.other_side(v) or "" for p in nb.peerings_of(v)} & wanted
            for w in natural_sorted(peers - seen):
                seen.add(w)
                queue.append(w)
    return out


def estate_groups(topology: Topology, region: str | None = None) -> list[AccountGroup]:
    """Accounts > regions > VPCs, external VPCs and transit gateways (one region when given)."""
    cells: dict[tuple[str, str], RegionGroup] = {}

    def cell(account: str | None, reg: str | None) -> RegionGroup | None:
        if region is not None and (reg or "") != region:
            return None
        key = (account or "", reg or "")
        if key not in cells:
            cells[key] = RegionGroup(*key)
        return cells[key]

    for vpc in topology.vpcs:
        c = cell(vpc.account, vpc.region)
        if c is not None:
            c.vpcs.append(vpc.id)
    for ext in topology.external_vpcs:
        c = cell(ext.account, ext.region)
        if c is not None:
            c.externals.append(ext.id)
    for tgw in topology.transit_gateways:
        c = cell(*tgw_home(topology, tgw.id))
        if c is not None:
            c.tgws.append(tgw.id)
    accounts: dict[str, AccountGroup] = {}
    for (account, _reg), c in sorted(cells.items(), key=lambda kv: (_key(kv[0][0]), _key(kv[0][1]))):
        c.vpcs = peering_order(topology, c.vpcs)
        c.externals = natural_sorted(c.externals)
        c.tgws = natural_sorted(c.tgws)
        accounts.setdefault(account, AccountGroup(account)).regions.append(c)
    return list(accounts.values())


@dataclass(frozen=True)
class Totals:
    vpcs: int
    subnets: int
    public: int
    internet: int  # VPCs with an internet gateway
    nat: int
    s3: int  # VPCs with an S3 gateway endpoint
    dynamodb: int
    interface_endpoints: int
    peerings: int  # with both ends in the group


def totals(topology: Topology, vpc_ids: list[str]) -> Totals:
    dp = dataplane(topology)
    ids = set(vpc_ids)
    subnets = [s for v in vpc_ids for s in topology.subnets_of(v)]
    services: dict[str, set[str]] = defaultdict(set)
    for g in topology.gateway_endpoints:
        if g.vpc in ids:
            services[g.service].add(g.vpc)
    return Totals(
        vpcs=len(vpc_ids), subnets=len(subnets), public=sum(1 for s in subnets if dp.is_public(s.id)),
        internet=sum(1 for v in vpc_ids if topology.vpc(v).internet_gateway),
        nat=sum(1 for n in topology.nat_gateways if n.vpc in ids),
        s3=len(services.get("s3", ())), dynamodb=len(services.get("dynamodb", ())),
        interface_endpoints=sum(1 for e in topology.interface_endpoints if e.vpc in ids),
        peerings=sum(1 for p in topology.peerings if p.requester in ids and p.accepter in ids),
    )
