"""The data plane: every derived network fact of one topology, computed once.

Batfish's shape: the model is what the specs say; the data plane is what AWS would build
from it; every question (reachability, lint, the site's pages, the PR diff, importers'
summaries) reads it and none derives a fact of its own. ``dataplane(topology)`` returns the
one :class:`DataPlane` of a topology (memoised); its parts are computed on first use.

Facts held here (one definition each):

* effective VPC route tables and the subnet → table association (RT-1, RT-2);
* effective TGW route tables, including the TGW-5 default association/propagation tables,
  and the attachment → associated table map (TGW-4);
* the longest-prefix-match selectors of both (:mod:`.lpm`);
* subnet class: public / private / isolated (SUB-2, from active effective routes only);
* the subnet → network ACL association with the default NACL (NACL-5, NACL-6), compiled;
* security groups with the derived default group (SG-16), compiled;
* network interfaces, declared and derived (:mod:`.interfaces`), and the address index;
* neighbourhoods: peerings, TGW neighbours, address owners (:mod:`.neighbours`);
* prefix lists resolved (:mod:`.prefix_lists`).
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Literal, TypeVar

from ..model import IPAddress, Topology, Vpc
from .coverage import VpcCoverage
from .effective import EffectiveRoute, EffectiveRouteTable, compute_route_tables
from .filters import CompiledNacl, SecurityGroups, default_nacl
from .interfaces import Interface, derive_interfaces
from .lpm import RouteSelector, TgwRouteSelector
from .neighbours import Neighbours
from .prefix_lists import PrefixListIndex
from .tgw import EffectiveTgwRouteTable, compute_tgw_route_tables

SubnetClass = Literal["public", "private", "isolated"]

# targets that leave the VPC: a subnet routing to none of them (actively) is isolated
_EGRESS_KINDS = ("nat-gateway", "vpc-peering", "transit-gateway", "vpn-gateway", "egress-only-internet-gateway",
                 "network-interface", "instance", "gwlb-endpoint", "carrier-gateway", "local-gateway",
                 "core-network")

COMPUTED = {"dataplanes": 0}


T = TypeVar("T")


def _grouped(items: Iterable[T], key: Callable[[T], str]) -> dict[str, tuple[T, ...]]:
    """``items`` by ``key``, each group in the items' order."""
    out: dict[str, list[T]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return {k: tuple(v) for k, v in out.items()}


class DataPlane:
    """Derived facts of one topology. Build with :func:`dataplane`, never directly twice."""

    def __init__(self, topology: Topology):
        COMPUTED["dataplanes"] += 1
        self.topology = topology
        self.vpcs: dict[str, Vpc] = {v.id: v for v in topology.vpcs}
        self._routed_vpcs: dict[str, frozenset[str]] = {}
        self._tgw_routed_vpcs: dict[str, frozenset[str]] = {}
        self._tgw_unrouted: dict[str, frozenset[str]] = {}

    def compute_all(self) -> DataPlane:
        """Derive every fact now instead of on first use — what a build does before it forks
        worker processes, so that they read the facts instead of each deriving its own."""
        for name, attr in vars(DataPlane).items():
            if isinstance(attr, cached_property):
                getattr(self, name)
        return self

    # ------------------------------------------------------------------ prefix lists

    @cached_property
    def prefix_lists(self) -> PrefixListIndex:
        return PrefixListIndex(self.topology)

    # ------------------------------------------------------------------ VPC route tables

    @cached_property
    def route_tables(self) -> tuple[EffectiveRouteTable, ...]:
        """Every effective VPC route table, sorted by VPC then id."""
        return compute_route_tables(self.topology, self.prefix_lists)

    @cached_property
    def _tables(self) -> dict[str, EffectiveRouteTable]:
        return {t.id: t for t in self.route_tables}

    @cached_property
    def _tables_by_vpc(self) -> dict[str, tuple[EffectiveRouteTable, ...]]:
        return _grouped(self.route_tables, lambda t: t.vpc)

    def table(self, table_id: str) -> EffectiveRouteTable | None:
        return self._tables.get(table_id)

    def tables_of(self, vpc_id: str) -> tuple[EffectiveRouteTable, ...]:
        return self._tables_by_vpc.get(vpc_id, ())

    @cached_property
    def _selectors(self) -> dict[str, RouteSelector]:
        return {t.id: RouteSelector(t, self.vpcs[t.vpc].region if t.vpc in self.vpcs else "")
                for t in self.route_tables}

    def selector(self, table_id: str) -> RouteSelector | None:
        return self._selectors.get(table_id)

    @property
    def selectors(self) -> dict[str, RouteSelector]:
        return self._selectors

    def routed_vpcs(self, table_id: str) -> frozenset[str]:
        """The VPCs some address of which a route of this table other than its default route
        covers. For a destination in any other VPC the table's longest match is its default
        route, whatever the address — a fact reachability uses to skip look-ups."""
        found = self._routed_vpcs.get(table_id)
        if found is None:
            table = self.table(table_id)
            found = self._routed_vpcs[table_id] = self.coverage.touched_by(table.routes if table is not None else ())
        return found

    def tgw_routed_vpcs(self, table_id: str) -> frozenset[str]:
        """:meth:`routed_vpcs` for a transit gateway route table."""
        found = self._tgw_routed_vpcs.get(table_id)
        if found is None:
            table = self.tgw_table(table_id)
            found = self._tgw_routed_vpcs[table_id] = self.coverage.touched_by(table.routes if table is not None else ())
        return found

    def carried_whole(self, table_id: str, route: EffectiveRoute) -> frozenset[str]:
        """The VPCs every address of which this VPC route table sends over ``route`` (one of
        its routes): wholly inside it and touched by no other route of the table but a default
        route — ``route`` is their longest match, unsplit."""
        table = self.table(table_id)
        if table is None or route.network is None or not route.network.prefixlen:
            return frozenset()
        return self.coverage.within(route.network) - self.coverage.touched_by(r for r in table.routes
                                                                              if r is not route)

    def tgw_unrouted_vpcs(self, table_id: str) -> frozenset[str]:
        """The VPCs (IPv4) for no address of which this transit gateway route table has a route,
        not even a default one."""
        found = self._tgw_unrouted.get(table_id)
        if found is None:
            selector = self.tgw_selector(table_id)
            found = frozenset() if selector is None or selector.default_route(4) is not None else (
                frozenset(v.id for v in self.topology.vpcs if any(c.version == 4 for c in v.all_cidrs))
                - self.tgw_routed_vpcs(table_id))
            self._tgw_unrouted[table_id] = found
        return found

    @cached_property
    def coverage(self) -> VpcCoverage:
        """Which VPCs a network covers (memoised per network)."""
        return VpcCoverage(self.topology.vpcs)

    @cached_property
    def _subnet_tables(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for t in self.route_tables:
            for subnet_id in t.subnets:
                out[subnet_id] = t.id
        for s in self.topology.subnets:
            out.setdefault(s.id, None)
        return out

    def subnet_table(self, subnet_id: str) -> str | None:
        """The table a subnet uses: its explicit association, else the main table (RT-2)."""
        return self._subnet_tables.get(subnet_id)

    def subnet_routes(self, subnet_id: str) -> EffectiveRouteTable | None:
        table = self.subnet_table(subnet_id)
        return self._tables.get(table) if table else None

    # ------------------------------------------------------------------ subnet class (SUB-2)

    @cached_property
    def _subnet_classes(self) -> dict[str, SubnetClass]:
        by_table: dict[str | None, SubnetClass] = {None: "isolated"}
        for t in self.route_tables:
            by_table[t.id] = _table_class(t.routes)
        return {s.id: by_table.get(self.subnet_table(s.id), "isolated") for s in self.topology.subnets}

    def subnet_class(self, subnet_id: str) -> SubnetClass:
        """``public``: an active route to an internet gateway (SUB-2); ``private``: active routes
        out of the VPC, none to an IGW; ``isolated``: only local (and gateway endpoint) routes."""
        return self._subnet_classes.get(subnet_id, "isolated")

    def is_public(self, subnet_id: str) -> bool:
        return self.subnet_class(subnet_id) == "public"

    # ------------------------------------------------------------------ transit gateways

    @cached_property
    def _tgw(self) -> tuple[tuple[EffectiveTgwRouteTable, ...], dict[str, str]]:
        return compute_tgw_route_tables(self.topology, self.prefix_lists)

    @property
    def tgw_route_tables(self) -> tuple[EffectiveTgwRouteTable, ...]:
        """Every effective TGW route table, sorted by TGW then id (TGW-5 defaults applied)."""
        return self._tgw[0]

    @cached_property
    def _tgw_tables(self) -> dict[str, EffectiveTgwRouteTable]:
        return {t.id: t for t in self.tgw_route_tables}

    def tgw_table(self, table_id: str) -> EffectiveTgwRouteTable | None:
        return self._tgw_tables.get(table_id)

    def tgw_tables_of(self, tgw_id: str) -> tuple[EffectiveTgwRouteTable, ...]:
        return tuple(t for t in self.tgw_route_tables if t.transit_gateway == tgw_id)

    def association(self, attachment_id: str) -> str | None:
        """The TGW route table an attachment is associated with (TGW-4, TGW-5)."""
        return self._tgw[1].get(attachment_id)

    @cached_property
    def _tgw_selectors(self) -> dict[str, TgwRouteSelector]:
        return {t.id: TgwRouteSelector(t) for t in self.tgw_route_tables}

    def tgw_selector(self, table_id: str) -> TgwRouteSelector | None:
        return self._tgw_selectors.get(table_id)

    # ------------------------------------------------------------------ security groups, NACLs

    @cached_property
    def security_groups(self) -> SecurityGroups:
        return SecurityGroups(self.topology, self.prefix_lists)

    def default_security_group(self, vpc_id: str) -> str:
        return self.security_groups.default_of.get(vpc_id, "")

    @cached_property
    def _nacls(self) -> tuple[dict[str, CompiledNacl], dict[str, str]]:
        t = self.topology
        compiled = {a.id: CompiledNacl(a) for a in t.network_acls}
        default_of: dict[str, str] = {}
        for acl in t.network_acls:
            if acl.default:
                default_of.setdefault(acl.vpc, acl.id)
        for vpc in t.vpcs:
            if vpc.id not in default_of:
                acl = default_nacl(vpc)
                compiled[acl.id] = CompiledNacl(acl, derived=True)
                default_of[vpc.id] = acl.id
        listed: dict[str, str] = {}
        for acl in t.network_acls:
            for s in acl.subnets:
                listed.setdefault(s, acl.id)
        of_subnet = {s.id: s.network_acl or listed.get(s.id) or default_of.get(s.vpc, "") for s in t.subnets}
        return compiled, of_subnet

    def nacl(self, acl_id: str) -> CompiledNacl | None:
        return self._nacls[0].get(acl_id)

    def subnet_nacl(self, subnet_id: str) -> CompiledNacl | None:
        """The NACL a subnet uses: its explicit association, else the VPC's default (NACL-5)."""
        acl = self._nacls[1].get(subnet_id)
        return self._nacls[0].get(acl) if acl else None

    @cached_property
    def filtering_subnets(self) -> dict[int, frozenset[str]]:
        """IP version -> the subnets whose NACL does not let every packet of that version
        through (the only boundaries a flow's security checks must look at)."""
        out: dict[int, set[str]] = {4: set(), 6: set()}
        for s in self.topology.subnets:
            acl = self.subnet_nacl(s.id)
            for v in (4, 6):
                if acl is None or not acl.open_for(v):
                    out[v].add(s.id)
        return {v: frozenset(x) for v, x in out.items()}

    def nacls_of(self, vpc_id: str) -> tuple[CompiledNacl, ...]:
        return tuple(sorted((n for n in self._nacls[0].values() if n.acl.vpc == vpc_id), key=lambda n: n.id))

    # ------------------------------------------------------------------ interfaces

    @cached_property
    def interfaces(self) -> tuple[Interface, ...]:
        return derive_interfaces(self.topology, self.security_groups.default_of)

    @cached_property
    def _interface_index(self) -> tuple[dict[str, Interface], dict[str, tuple[Interface, ...]],
                                         dict[IPAddress, Interface]]:
        by_id = {i.id: i for i in self.interfaces}
        by_subnet: dict[str, list[Interface]] = {}
        by_address: dict[IPAddress, Interface] = {}
        for i in self.interfaces:
            by_subnet.setdefault(i.subnet, []).append(i)
            for a in i.addresses:
                by_address.setdefault(a, i)
        return by_id, {k: tuple(v) for k, v in by_subnet.items()}, by_address

    def interface(self, interface_id: str) -> Interface | None:
        return self._interface_index[0].get(interface_id)

    def interfaces_in(self, subnet_id: str) -> tuple[Interface, ...]:
        return self._interface_index[1].get(subnet_id, ())

    @cached_property
    def _interfaces_by_owner(self) -> dict[str, tuple[Interface, ...]]:
        return _grouped(self.interfaces, lambda i: i.owner)

    def interfaces_of(self, owner_id: str) -> tuple[Interface, ...]:
        return self._interfaces_by_owner.get(owner_id, ())

    def interface_at(self, address: IPAddress) -> Interface | None:
        """The interface holding a private address, or None."""
        return self._interface_index[2].get(address)

    @cached_property
    def workload_vpcs(self) -> frozenset[str]:
        """VPCs whose workloads the spec declares (instances or ENIs): there, only interfaces
        are places where traffic starts or ends; elsewhere each subnet stands for its hosts."""
        return frozenset(i.vpc for i in self.interfaces if i.declared)

    # ------------------------------------------------------------------ neighbours, addresses

    @cached_property
    def neighbours(self) -> Neighbours:
        return Neighbours(self.topology)

    @cached_property
    def _subnets_by_vpc(self) -> dict[str, tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...]]:
        out: dict[str, list[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str]]] = {}
        for s in self.topology.subnets:
            for net in s.networks:
                out.setdefault(s.vpc, []).append((net, s.id))
        return {k: tuple(v) for k, v in out.items()}

    def subnet_containing(self, vpc_id: str, net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> str | None:
        """The subnet of ``vpc_id`` whose CIDR (or IPv6 CIDR) contains ``net``."""
        for cidr, sid in self._subnets_by_vpc.get(vpc_id, ()):
            if cidr.version == net.version and net.subnet_of(cidr):  # type: ignore[arg-type]
                return sid
        return None

    def subnet_of_address(self, net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> str | None:
        """The subnet (of any VPC) containing ``net``; the VPC owning the address first."""
        owner = self.neighbours.owner(net)
        if owner in self.vpcs:
            found = self.subnet_containing(owner, net)
            if found:
                return found
        for vpc_id in sorted(self._subnets_by_vpc):
            found = self.subnet_containing(vpc_id, net)
            if found:
                return found
        return None


def _table_class(routes: tuple[EffectiveRoute, ...]) -> SubnetClass:
    live = [r for r in routes if r.active and r.selected]
    if any(r.target_type == "internet-gateway" for r in live):
        return "public"
    if any(r.target_type in _EGRESS_KINDS for r in live):
        return "private"
    return "isolated"


_LOCK = threading.Lock()


def dataplane(topology: Topology) -> DataPlane:
    """The one DataPlane of ``topology``: computed on first use, then kept with the topology
    (in its instance dictionary, so it lives exactly as long as the topology does). Safe to
    call from several threads (the site draws diagrams while lint and reachability run): the
    route tables are derived under a lock, once."""
    found = topology.__dict__.get("_vpcdocs_dataplane")
    if found is None:
        with _LOCK:
            found = topology.__dict__.get("_vpcdocs_dataplane")
            if found is None:
                found = DataPlane(topology)
                found.route_tables  # noqa: B018 - the fact every reader needs first, derived once
                found.tgw_route_tables  # noqa: B018
                topology.__dict__["_vpcdocs_dataplane"] = found
    return found
