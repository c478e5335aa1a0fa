"""Everything the page printers need, computed once: the topology plus derived facts.

Pages are pure functions of a :class:`SiteData`; nothing here writes files. Optional
inputs from other stages (lint findings, reachability, diagrams) are looked up at run time
so the site works — with fewer pages — when one of them is not available.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property

from ..diagnostics import Diagnostic, Location
from ..model import Topology
from ..render.escape import html_text
from ..render.escape import md_code as code  # noqa: F401  (pages call it `code`)
from ..routing import DataPlane, EffectiveRouteTable, dataplane
from . import paths
from .revision import Revision

# kinds shown on the page of the VPC they belong to
VPC_KINDS = ("subnet", "route-table", "internet-gateway", "nat-gateway", "gateway-endpoint",
             "interface-endpoint", "load-balancer", "security-group")


@dataclass
class SiteData:
    topology: Topology
    revision: Revision
    findings: list[Diagnostic] = field(default_factory=list)
    images: frozenset[str] = frozenset()  # docs paths of diagrams that exist (network/images/…)
    reach: object | None = None  # the reachability module when available (vpc_matrix/subnet_matrix)

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
        if kind in ("transit-gateway", "tgw-attachment", "tgw-route-table"):
            return paths.TRANSIT_GATEWAYS
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

    def link(self, from_page: str, kind: str, id_: str, text: str | None = None) -> str:
        """Markdown for ``id_`` as inline code, linked to its anchor when it has a page."""
        label = code(text if text is not None else id_)
        page = self.page_of(kind, id_)
        if page is None:
            return label
        return f"[{label}]({paths.rel(from_page, page)}#{paths.anchor(kind, id_)})"

    def link_any(self, from_page: str, id_: str) -> str:
        """Like :meth:`link` for an id of unknown kind (e.g. a route target)."""
        found = self.topology.find(id_)
        if found:
            kind, item = found[0]
            return self.link(from_page, kind, item.id, id_)
        return code(id_)

    def vpc_link(self, from_page: str, vpc_id: str) -> str:
        """A VPC (or external VPC) by id."""
        if self.topology.get("vpc", vpc_id) is not None:
            return f"[{code(vpc_id)}]({paths.rel(from_page, paths.vpc_page(vpc_id))})"
        return self.link(from_page, "external-vpc", vpc_id)


def target(kind: str, id_: str) -> str:
    """An invisible HTML anchor for an object (ids are slugged, never spec text)."""
    return f'<a id="{paths.anchor(kind, id_)}"></a>'


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
    try:
        rel = os.path.relpath(os.path.abspath(file), base)
    except ValueError:  # another drive on Windows
        return os.path.basename(file)
    return (rel if not rel.startswith("..") else os.path.basename(file)).replace(os.sep, "/")


def source(loc: Location) -> str:
    """Where an object came from: ``file:line`` as inline code."""
    if loc is None or loc.file == "<unknown>":
        return " "
    file = source_path(loc.file)
    return code(f"{file}:{loc.line}" if loc.line else file)


def source_line(loc: Location) -> str:
    return f'<small class="vpcdocs-source">Source: {source(loc)}</small>'


def cidrs_text(cidrs) -> str:
    return ", ".join(code(c) for c in cidrs) if cidrs else " "


def ids_text(ids) -> str:
    return ", ".join(code(i) for i in ids) if ids else " "


def net_key(net) -> tuple:
    if isinstance(net, str):
        net = ipaddress.ip_network(net, strict=False)
    return (net.version, int(net.network_address), net.prefixlen)


def img(from_page: str, image: str, alt: str) -> str:
    """An image whose alt text comes from a spec: escaped HTML, never Markdown syntax."""
    return (f'<img class="vpcdocs-diagram" src="{html_text(paths.rel(from_page, image))}" '
            f'alt="{html_text(alt)}">')
