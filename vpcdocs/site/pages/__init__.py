"""One module per page kind; each exposes ``render(data) -> Doc`` or, for pages that exist
once per object, ``render(data, id) -> Doc`` (:mod:`vpcdocs.site.doc`). :func:`page_makers`
lists them all with their docs paths, in nav order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...render.escape import html_text
from ...sorting import natural_key
from .. import paths
from ..context import SiteData
from ..doc import Doc
from . import cidr_index, findings, home, privatelink, reachability, transit_gateways, vpc, vpcs_index

# Up to this many VPCs the nav lists every VPC page; beyond, it lists the VPCs page only (the
# nav is part of every page: a thousand entries would weigh on every one of them).
NAV_VPC_LIMIT = 50

Maker = tuple[str, str, Callable[[], Doc]]  # (docs path, nav title, make the page)


def page_makers(data: SiteData) -> Iterator[Maker]:
    """``(docs path, nav title, make)`` of every generated page, in nav order. Nav titles are
    plain words or escaped spec text (MkDocs templates print titles as HTML)."""
    topo = data.topology
    yield paths.HOME, "Overview", lambda: home.render(data)
    yield paths.VPCS, "VPCs", lambda: vpcs_index.render(data)
    for v in sorted(topo.vpcs, key=lambda v: natural_key(v.id)):
        yield paths.vpc_page(v.id), html_text(v.label), lambda v=v: vpc.render(data, v.id)  # type: ignore[misc]
    yield paths.TRANSIT_GATEWAYS, "Transit gateways", lambda: transit_gateways.render(data)
    for t in sorted(topo.transit_gateways, key=lambda t: natural_key(t.id)):
        yield paths.tgw_page(t.id), html_text(t.label), lambda t=t: transit_gateways.render_tgw(data, t.id)  # type: ignore[misc]
    # every page kind always exists (saying "none" when empty), so hand-written pages can link them
    yield paths.PRIVATELINK, "PrivateLink", lambda: privatelink.render(data)
    yield paths.CIDR_INDEX, "CIDR index", lambda: cidr_index.render(data)
    if data.site_reach is not None:
        yield paths.REACHABILITY, "Reachability", lambda: reachability.render(data)
    yield paths.FINDINGS, "Findings", lambda: findings.render(data)


def nav_section(pages: list[tuple[str, str]]) -> list:
    """The MkDocs nav entries of ``(docs path, title)``: VPC pages under "VPCs" after the list
    of VPCs (only the list when there are more than :data:`NAV_VPC_LIMIT`), transit gateway
    pages under "Transit gateways"."""
    vpc_prefix, tgw_prefix = f"{paths.ROOT}/vpcs/", f"{paths.ROOT}/tgw/"
    vpcs = [{title: path} for path, title in pages if path.startswith(vpc_prefix)]
    tgws = [{title: path} for path, title in pages if path.startswith(tgw_prefix)]
    nav: list = []
    for path, title in pages:
        if path.startswith((vpc_prefix, tgw_prefix)):
            continue
        if path == paths.VPCS:
            nav.append({"VPCs": [{"All VPCs": path}, *vpcs]} if len(vpcs) <= NAV_VPC_LIMIT else {"VPCs": path})
        elif path == paths.TRANSIT_GATEWAYS and tgws:
            nav.append({title: [{"All transit gateways": path}, *tgws]})
        else:
            nav.append({title: path})
    return nav
