"""Single-diagram entry points: model -> DOT -> Graphviz (with fallback) -> publishable bytes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...model import Topology
from .graphviz_run import render_with_fallback
from .highlight import Highlighting
from .options import LayoutOptions
from .overview import build_overview_dot
from .svg_embed import embed_icons
from .vpc_diagram import vpc_dot_az_ordered

FORMATS = ("svg", "png", "dot")
OVERVIEW = "overview"


@dataclass(frozen=True)
class RenderResult:
    data: bytes
    warnings: tuple[str, ...] = ()
    cache_hit: bool = False


def _layout(graph_attr: dict[str, str] | None) -> LayoutOptions:
    return LayoutOptions(extra_graph_attr=tuple(sorted((graph_attr or {}).items())))


def render_diagram(topology: Topology, which: str, fmt: str = "svg", *,
                   graph_attr: dict[str, str] | None = None,
                   highlight: Mapping[tuple[str, str], str] | None = None,
                   legend: bool = True) -> RenderResult:
    """Render ``which`` (``"overview"`` or a VPC id) as ``fmt`` (svg, png or dot).

    ``graph_attr`` tunes the first layout attempt only; if Graphviz fails or crashes, safer
    settings are tried and a warning is returned (never an exception, unless every attempt
    failed: :class:`~.graphviz_run.GraphvizError`).

    ``highlight`` draws a diff: ``{(kind, spec_id): "added" | "removed" | "changed"}`` with
    kinds as in :data:`vpcdocs.model.KINDS` (others raise ``ValueError``). Highlighted
    objects are coloured (added green, changed amber, removed red and dashed), their SVG
    groups get the class ``diff-<status>``, element ids stay the same, and a legend node
    (``diff_legend``) is added unless ``legend=False``; the SVG title ends in " — diff".
    To show removed objects as ghosts, pass a topology that still holds them. See
    :mod:`.highlight` for the exact rules.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    hl = Highlighting.of(highlight, legend)
    if which == OVERVIEW:
        def build(opts):
            return build_overview_dot(topology, opts, hl)
        title = "Network overview"
    else:
        vpc = topology.get("vpc", which)
        if vpc is None:
            raise KeyError(f"no VPC {which!r} in the topology")

        def build(opts):
            return vpc_dot_az_ordered(topology, which, opts, hl)
        title = f"VPC {vpc.label}"
    if hl is not None:
        title += " \u2014 diff"
    data, _source, warnings = render_with_fallback(build, fmt, _layout(graph_attr))
    if fmt == "svg":
        data = embed_icons(data.decode("utf-8"), title).encode("utf-8")
    return RenderResult(data, tuple(warnings))


def render_vpc(topology: Topology, vpc_id: str, fmt: str = "svg", **kw) -> bytes:
    """The per-VPC diagram as bytes (see :func:`render_diagram`)."""
    return render_diagram(topology, vpc_id, fmt, **kw).data


def render_overview(topology: Topology, fmt: str = "svg", **kw) -> bytes:
    """The whole-topology overview as bytes (see :func:`render_diagram`)."""
    return render_diagram(topology, OVERVIEW, fmt, **kw).data
