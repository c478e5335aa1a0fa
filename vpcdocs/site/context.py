"""Everything the page printers need, computed once: the topology plus derived facts.

Pages are pure functions of a :class:`SiteData`; nothing here writes files. Optional
inputs from other stages (lint findings, reachability, diagrams) are looked up at run time
so the site works — with fewer pages — when one of them is not available.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import os
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property

from ..diagnostics import Diagnostic, Location
from ..model import Topology
from ..routing import DataPlane, EffectiveRouteTable, dataplane
from . import paths
from .doc import Code, Inline, Link, P, Raw, join
from .reach_data import SiteReach
from .revision import Revision

# kinds shown on the page of the VPC they belong to
VPC_KINDS = ("subnet", "route-table", "internet-gateway", "nat-gateway", "gateway-endpoint",
             "interface-endpoint", "load-balancer", "security-group", "network-acl", "instance", "network-interface")


@dataclass
class SiteData:
    topology: Topology
    revision: Revision
    findings: list[Diagnostic] = field(default_factory=list)
    images: frozenset[str] = frozenset()  # docs paths of diagrams that exist (network/images/…)
    reach: object | None = None  # the reachability module when available (vpc_matrix/subnet_matrix)
    site_reach: SiteReach | None = None  # every matrix cell the pages show, computed once

    # ------------------------------------------------------------------ derived facts

    @cached_property
    def dp(self) -> DataPlane:
        """The data plane: every network fact the pages show is read from it."""
        return dataplane(self.topology)

    @cached_property
    def route_tables(self) -> dict[str, tuple[EffectiveRouteTable, ...]]:
        """Effective route tables by VPC id."""
        return {v.id: self.dp.tables_of(v.id) for v in self.topology.vpcs}

    @cached_property
    def table_by_id(self) -> dict[str, EffectiveRouteTable]:
        return {t.id: t for t in self.dp.route_tables}

    @cached_property
    def findings_by_page(self) -> dict[str, list[Diagnostic]]:
        """Findings by the generated page of the object they are about."""
        out: dict[str, list[Diagnostic]] = {}
        for d in self.findings:
            page = self.page_of_resource(d.resource) if d.resource else None
            if page is not None:
                out.setdefault(page, []).append(d)
        return out

    def subnet_table(self, subnet_id: str) -> EffectiveRouteTable | None:
        return self.dp.subnet_routes(subnet_id)

    def subnet_class(self, subnet_id: str) -> str:
        """public / private / isolated (SUB-2), from the data plane."""
        return self.dp.subnet_class(subnet_id)

    def is_public(self, subnet_id: str) -> bool:
        return self.dp.is_public(subnet_id)

    # ------------------------------------------------------------------ links

    def page_of(self, kind: str, id_: str) -> str | None:
        """The generated page an object is documented on."""
        topo = self.topology
        if kind == "vpc":
            return paths.vpc_page(id_) if topo.get("vpc", id_) is not None else None
        if kind in VPC_KINDS:
            item = topo.get(kind, id_)
            return paths.vpc_page(item.vpc) if item is not None and item.vpc else None
        if kind == "peering":
            item = topo.get("peering", id_)
            if item is None:
                return None
            for side in (item.requester, item.accepter):
                if topo.get("vpc", side) is not None:
                    return paths.vpc_page(side)
            return None
        if kind == "transit-gateway":
            return paths.tgw_page(id_) if topo.get("transit-gateway", id_) is not None else None
        if kind in ("tgw-attachment", "tgw-route-table"):
            tgw = topo.get(kind, id_)
            return paths.tgw_page(tgw.transit_gateway) if tgw is not None else None
        if kind == "endpoint-service":
            return paths.PRIVATELINK
        if kind == "external-vpc":
            return paths.CIDR_INDEX
        return None

    def page_of_resource(self, id_: str) -> str | None:
        """The page of an object given only its id (spec id or AWS id)."""
        for kind, item in self.topology.find(id_):
            page = self.page_of(kind, item.id)
            if page is not None:
                return page
        return None

    def link(self, kind: str, id_: str, text: str | None = None) -> Inline:
        """``id_`` as inline code, linked to its anchor when it has a page."""
        label = Code(text if text is not None else id_)
        page = self.page_of(kind, id_)
        if page is None:
            return label
        return Link(page, paths.anchor(kind, id_), label)

    def link_any(self, id_: str) -> Inline:
        """Like :meth:`link` for an id of unknown kind (e.g. a route target)."""
        found = self.topology.find(id_)
        if found:
            kind, item = found[0]
            return self.link(kind, item.id, id_)
        return Code(id_)

    def vpc_link(self, vpc_id: str) -> Inline:
        """A VPC (or external VPC) by id."""
        if self.topology.get("vpc", vpc_id) is not None:
            return Link(paths.vpc_page(vpc_id), None, Code(vpc_id))
        return self.link("external-vpc", vpc_id)


def target(kind: str, id_: str) -> Raw:
    """An invisible HTML anchor for an object (ids are slugged, never spec text)."""
    return Raw(f'<a id="{paths.anchor(kind, id_)}"></a>')


# The folder spec paths on pages are relative to: the spec dir's parent (set while pages are
# generated, see :func:`sources_relative_to`), so pages read ``specs/a.yaml:3`` from any working
# directory and never show an absolute path.
_SOURCE_BASE: ContextVar[str | None] = ContextVar("vpcdocs_source_base", default=None)


@contextlib.contextmanager
def sources_relative_to(spec_dir: str | os.PathLike) -> Iterator[None]:
    """Within the block, :func:`source` shows spec paths as ``<spec dir name>/<file>``."""
    root = os.path.abspath(spec_dir)
    token = _SOURCE_BASE.set(os.path.dirname(root))
    try:
        yield
    finally:
        _SOURCE_BASE.reset(token)


def source_path(file: str) -> str:
    """A spec file as pages show it: relative to the spec dir's parent, forward slashes."""
    base = _SOURCE_BASE.get()
    if base is None:
        return file
    return _relative_source(file, base)


@functools.lru_cache(maxsize=4096)
def _relative_source(file: str, base: str) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(file), base)
    except ValueError:  # another drive on Windows
        return os.path.basename(file)
    return (rel if not rel.startswith("..") else os.path.basename(file)).replace(os.sep, "/")


def source(loc: Location | None) -> Inline:
    """Where an object came from: ``file:line`` as inline code."""
    if loc is None or loc.file == "<unknown>":
        return ""
    file = source_path(loc.file)
    return Code(f"{file}:{loc.line}" if loc.line else file)


def source_line(loc: Location | None) -> P:
    return P((Raw('<small class="vpcdocs-source">'), "Defined in ", source(loc), Raw("</small>")))


def codes(items: Iterable[object]) -> Inline:
    """Ids or CIDRs as inline code, comma-separated."""
    return join(", ", (Code(str(i)) for i in items))


def net_key(net) -> tuple:
    if isinstance(net, str):
        net = ipaddress.ip_network(net, strict=False)
    return (net.version, int(net.network_address), net.prefixlen)
