"""AWS-icon architecture diagrams of the network model (issues 3, 11 and 13).

Public API (all deterministic: same model + same Graphviz => byte-identical output)::

    render_diagram(topology, which, fmt="svg", *, routes=False, scale=2.0, dark=False,
                   highlight=None, route_changes=None, legend=True, base=None,
                   graph_attr=None) -> RenderResult(data, warnings, cache_hit)
        # which: "overview", a VPC id, or DiagramRef(kind, id) with kind in
        # vpc | overview | estate | region | tgw
    render_vpc(topology, vpc_id, fmt="svg", **kw) / render_overview(topology, fmt, **kw)
    render_tgw(topology, tgw_id, fmt, **kw) -> bytes
    render_site_diagrams(topology, out_dir, cache_dir=None, formats=("svg",), max_workers=None,
                         *, kinds=("overview", "vpc"), dark=False, routes=False, scale=2.0)
        -> list[DiagramFile]   # DiagramFile(path, diagram, format, cache_hit, warnings, error, kind, dark)
    diagram_filename(which, fmt, dark=False) -> str   # overview.svg, vpc-a.svg, tgw-hub.svg, vpc-a_dark.svg
    figure_html(src, alt, *, dark_src=None, width=None, height=None, caption=None) -> str  # page embed
    dark_path("images/vpc-a.svg") -> "images/vpc-a_dark.svg"; svg_size(svg_bytes) -> (w, h) | None
    diagram_stats(topology, which) -> DiagramStats      # node / edge counts, SVG bytes, seconds
    HIGHLIGHT_STATUSES = ("added", "removed", "changed"); HIGHLIGHT_COLORS: status -> colour

How it works: vpcdocs lays every diagram out itself — the per-VPC diagram as AWS reference
architectures draw it (:mod:`.tiers`, :mod:`.vpc_items`, :mod:`.vpc_layout`): AZ columns,
tier rows in network order, equal-width subnet boxes, gateways on the VPC border facing
what they connect to, one bar per load balancer; the overviews as AWS Cloud > Account >
Region groups of VPC tiles (:mod:`.overview`, :mod:`.overview_summary` for large estates);
a lane per route table for each transit gateway (:mod:`.tgw_scene`). Lines run in the gaps
the layout leaves, around every piece of text (:mod:`.route`, :mod:`.links`). Graphviz
measures the labels (:mod:`.measure`) and draws the fixed-position scene
(:mod:`.scene`, ``layout=nop2``) as SVG or PNG; :mod:`.svg_embed` inlines the icons once
each and makes 1 SVG unit one CSS pixel (text is never below 11 px at natural size);
:mod:`.dark` derives the dark-theme variant. Diff highlighting: :mod:`.highlight`. All
label text is escaped (:mod:`.labels`); ids come from spec ids (:mod:`.ids`). The cache
(:mod:`.cache`) keys rendered bytes by the model slice a diagram reads, its options, the
renderer source and the Graphviz version; :mod:`.parallel` renders a site's diagrams in
threads. The page viewer (click to open, pan and zoom) ships as
``vpcdocs/site/assets/viewer.js`` / ``viewer.css``.

Formats: ``svg`` (icons embedded once each as ``data:`` URIs, no paths, no generator
comments, valid XML, width and height in CSS pixels), ``png`` (``scale`` pixels per SVG
pixel) and ``dot`` (the fixed-position source, ``layout=nop2``; icons are relative
``resources/aws/...`` paths: ``dot -Tsvg -Gimagepath=<folder holding diagrams' resources/>``).
"""

from .api import (  # noqa: F401
    FORMATS,
    OVERVIEW,
    DiagramRef,
    RenderResult,
    render_diagram,
    render_overview,
    render_tgw,
    render_vpc,
)
from .embed import dark_path, figure_html, svg_size  # noqa: F401
from .graphviz_run import GraphvizError  # noqa: F401
from .highlight import COLORS as HIGHLIGHT_COLORS  # noqa: F401
from .highlight import STATUSES as HIGHLIGHT_STATUSES  # noqa: F401
from .parallel import DiagramFile, diagram_filename, render_site_diagrams  # noqa: F401
from .stats import DiagramStats, diagram_stats  # noqa: F401

__all__ = ["FORMATS", "OVERVIEW", "DiagramFile", "DiagramRef", "DiagramStats", "GraphvizError", "HIGHLIGHT_COLORS",
           "HIGHLIGHT_STATUSES", "RenderResult", "dark_path", "diagram_filename", "diagram_stats", "figure_html",
           "render_diagram", "render_overview", "render_site_diagrams", "render_tgw", "render_vpc", "svg_size"]
