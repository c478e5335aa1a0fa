"""Everything the page printers need, computed once: the topology plus derived facts.

Pages are pure functions of a :class:`SiteData`; nothing here writes files. Optional
inputs from other stages (lint findings, reachability, diagrams) are looked up at run time
so the site works — with fewer pages — when one of them is not available.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from functools import cached_property

from ..diagnostics import Diagnostic, Location
from ..model import Topology
from ..render.escape import html_text
from ..render.escape import md_code as code  # noqa: F401  (pages call it `code`)
from ..routing import EffectiveRouteTable, effective_route_tables
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
    def route_tables(self) -> dict[str, tuple[EffectiveRouteTable, ...]]:
        """Effective route tables by VPC id."""
        out: dict[str, list[EffectiveRouteTable]] = {}
        for t in effective_route_tables(self.topology):
            out.setdefault(t.vpc, []).append(t)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def table_by_id(self) -> dict[str, EffectiveRouteTable]:
        return {t.id: t for ts in self.route_tables.values() for t in ts}

    def subnet_table(self, subnet_id: str) -> EffectiveRouteTable | None:
        rt = self.topology.route_table_of_subnet(subnet_id)
        return self.table_by_id.get(rt.id) if rt is not None else None

    def is_public(self, subnet_id: str) -> bool:
        """SUB-2: a subnet is public when its table has an active route to an internet gateway."""
        table = self.subnet_table(subnet_id)
        return table is not None and any(
            r.target_type == "internet-gateway" and r.state == "active" for r in table.routes)

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


def source(loc: Location) -> str:
    """Where an object came from: ``file:line`` as inline code."""
    if loc is None or loc.file == "<unknown>":
        return " "
    return code(f"{loc.file}:{loc.line}" if loc.line else loc.file)


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
