"""One module per page kind; each exposes ``render(data) -> str`` (Markdown) or, for pages
that exist once per object, ``render(data, id) -> str``. :func:`all_pages` lists them all
with their docs paths, in nav order."""

from __future__ import annotations

from .. import paths
from ..context import SiteData
from . import cidr_index, findings, home, privatelink, reachability, transit_gateways, vpc


def all_pages(data: SiteData) -> list[tuple[str, str, str]]:
    """``(docs path, nav title, markdown)`` of every generated page, in nav order.

    Nav titles are plain words or escaped spec text (MkDocs templates print titles as HTML).
    """
    from ...render.escape import html_text

    topo = data.topology
    out = [(paths.HOME, "Overview", home.render(data))]
    for v in topo.vpcs:
        out.append((paths.vpc_page(v.id), html_text(v.label), vpc.render(data, v.id)))
    # every page kind always exists (saying "none" when empty), so hand-written pages can link them
    out.append((paths.TRANSIT_GATEWAYS, "Transit gateways", transit_gateways.render(data)))
    out.append((paths.PRIVATELINK, "PrivateLink", privatelink.render(data)))
    out.append((paths.CIDR_INDEX, "CIDR index", cidr_index.render(data)))
    if data.reach is not None:
        out.append((paths.REACHABILITY, "Reachability", reachability.render(data)))
    out.append((paths.FINDINGS, "Findings", findings.render(data)))
    return out


def nav_section(pages: list[tuple[str, str, str]]) -> list:
    """The MkDocs nav entries for the generated pages (VPC pages grouped under "VPCs")."""
    vpcs = [{title: path} for path, title, _ in pages if path.startswith(f"{paths.ROOT}/vpcs/")]
    nav: list = []
    for path, title, _ in pages:
        if path.startswith(f"{paths.ROOT}/vpcs/"):
            if vpcs:
                nav.append({"VPCs": vpcs})
                vpcs = []
            continue
        nav.append({title: path})
    return nav
