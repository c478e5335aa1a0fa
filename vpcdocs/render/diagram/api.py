"""Single-diagram entry points: model -> placed scene -> DOT -> Graphviz -> publishable bytes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ...model import Topology
from .dark import to_dark
from .graphviz_run import GraphvizError, render_source, too_large
from .highlight import Highlighting
from .scene import Scene
from .svg_embed import embed_icons

FORMATS = ("svg", "png", "dot")
OVERVIEW = "overview"
KINDS = ("vpc", "overview", "estate", "region", "tgw")
DEFAULT_SCALE = 2.0  # PNG pixels per point: sharp on high-density screens and in print
MAX_SCALE = 8.0


@dataclass(frozen=True)
class DiagramRef:
    """Which diagram: a VPC (``id`` = its spec id), the ``overview`` (detailed for small
    estates, the estate summary for large ones), the ``estate`` summary, one ``region``'s
    overview (``id`` = region) or one transit gateway (``tgw``, ``id`` = its spec id)."""

    kind: str
    id: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown diagram kind {self.kind!r}; use one of {', '.join(KINDS)}")

    @classmethod
    def of(cls, which: str | DiagramRef) -> DiagramRef:
        """``"overview"`` or a VPC id (the historical ``which`` strings), or a ref as is."""
        if isinstance(which, DiagramRef):
            return which
        return cls(OVERVIEW) if which == OVERVIEW else cls("vpc", which)

    @property
    def name(self) -> str:
        """``overview``, ``estate``, the VPC id, ``region:<region>`` or ``tgw:<id>``."""
        if self.kind == "vpc":
            return self.id
        return f"{self.kind}:{self.id}" if self.id else self.kind


@dataclass(frozen=True)
class RenderResult:
    data: bytes
    warnings: tuple[str, ...] = ()
    cache_hit: bool = False


def title_of(topology: Topology, ref: DiagramRef) -> str:
    if ref.kind == "vpc":
        vpc = topology.get("vpc", ref.id)
        if vpc is None:
            return ref.id
        return vpc.label if vpc.label.lower().startswith("vpc") else f"VPC {vpc.label}"
    if ref.kind == "tgw":
        tgw = topology.get("transit-gateway", ref.id)
        return f"Transit gateway {tgw.label if tgw else ref.id}"
    if ref.kind == "region":
        return f"Region {ref.id}"
    return "Estate summary" if ref.kind == "estate" else "Network overview"


def build_scene(topology: Topology, ref: DiagramRef, *, highlight: Highlighting | None = None,
                routes: bool = False, legend: bool = True, base: Topology | None = None) -> Scene:
    """The placed scene of a diagram (no Graphviz drawing yet; labels are measured), with
    the diff legend under it when ``highlight`` asks for one."""
    scene = _scene(topology, ref, highlight=highlight, routes=routes, legend=legend, base=base)
    if highlight is not None and highlight.legend:
        from .highlight import LEGEND_ID, legend_label
        from .measure import measure

        label = legend_label()
        block = scene.block(LEGEND_ID, label, obstacle=False)
        block.w, block.h = measure([label])[label]
        box = scene.bounds()
        block.place(box.x, box.bottom + 16)
    return scene


def _scene(topology: Topology, ref: DiagramRef, *, highlight: Highlighting | None, routes: bool,
           legend: bool, base: Topology | None) -> Scene:
    if ref.kind == "vpc":
        from .vpc_diagram import build_vpc_scene

        if topology.get("vpc", ref.id) is None:
            raise KeyError(f"no VPC {ref.id!r} in the topology")
        return build_vpc_scene(topology, ref.id, highlight=highlight, routes=routes, legend=legend, base=base)
    if ref.kind == "tgw":
        from .tgw_scene import build_tgw_scene

        if topology.get("transit-gateway", ref.id) is None:
            raise KeyError(f"no transit gateway {ref.id!r} in the topology")
        return build_tgw_scene(topology, ref.id, highlight=highlight)
    from .overview import build_overview_scene

    return build_overview_scene(topology, ref.kind, ref.id or None, highlight=highlight, base=base)


def render_diagram(topology: Topology, which: str | DiagramRef, fmt: str = "svg", *,
                   graph_attr: dict[str, str] | None = None,
                   highlight: Mapping[tuple[str, str], str] | None = None,
                   legend: bool = True, routes: bool = False, scale: float = DEFAULT_SCALE,
                   dark: bool = False, base: Topology | None = None,
                   route_changes: Mapping[str, Iterable[tuple[str, str, str]]] | None = None) -> RenderResult:
    """Render ``which`` (``"overview"``, a VPC id, or a :class:`DiagramRef`) as ``fmt``.

    * ``routes``: the VPC diagram's routes layer (subnet -> NAT / peering / TGW attachment /
      gateway endpoint arrows labelled with their destinations);
    * ``scale``: PNG pixels per SVG pixel (default 2); ``dark``: the dark-theme variant
      (SVG only) for Material's ``slate`` palette;
    * ``highlight`` / ``route_changes`` / ``legend`` / ``base``: a diff diagram, see
      :mod:`.highlight` — kinds as in :data:`vpcdocs.model.KINDS` (others raise
      ``ValueError``), the SVG title ends in " — diff";
    * ``graph_attr``: extra Graphviz graph attributes (e.g. ``bgcolor``).

    Raises :class:`~.graphviz_run.GraphvizError` when Graphviz fails or times out, and
    ``KeyError`` for an unknown VPC or transit gateway.
    """
    data, _scene = render_with_scene(topology, which, fmt, graph_attr=graph_attr, highlight=highlight,
                                     legend=legend, routes=routes, scale=scale, dark=dark, base=base,
                                     route_changes=route_changes)
    return RenderResult(data, ())


def render_with_scene(topology: Topology, which: str | DiagramRef, fmt: str = "svg", *,
                      graph_attr: dict[str, str] | None = None,
                      highlight: Mapping[tuple[str, str], str] | None = None,
                      legend: bool = True, routes: bool = False, scale: float = DEFAULT_SCALE,
                      dark: bool = False, base: Topology | None = None,
                      route_changes: Mapping[str, Iterable[tuple[str, str, str]]] | None = None) -> tuple[bytes, Scene]:
    """:func:`render_diagram`'s bytes and the scene they were drawn from."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not 0 < scale <= MAX_SCALE:
        raise ValueError(f"scale must be > 0 and <= {MAX_SCALE:g}, not {scale:g}")
    if dark and fmt != "svg":
        raise ValueError("the dark variant is SVG only")
    ref = DiagramRef.of(which)
    hl = Highlighting.of(highlight, legend, route_changes)
    title = title_of(topology, ref) + (" \u2014 diff" if hl is not None else "")
    try:
        scene = build_scene(topology, ref, highlight=hl, routes=routes, legend=legend, base=base)
        source = scene.to_dot(extra=graph_attr)
        args = (f"-Gdpi={72 * scale:g}",) if fmt == "png" else ()
        data = render_source(source, fmt, *args)
    except GraphvizError as exc:
        raise too_large(exc) from exc
    if fmt == "svg":
        text = embed_icons(data.decode("utf-8"), title)
        data = (to_dark(text) if dark else text).encode("utf-8")
    return data, scene


def render_vpc(topology: Topology, vpc_id: str, fmt: str = "svg", **kw: Any) -> bytes:
    """The per-VPC diagram as bytes (see :func:`render_diagram`)."""
    return render_diagram(topology, vpc_id, fmt, **kw).data


def render_overview(topology: Topology, fmt: str = "svg", **kw: Any) -> bytes:
    """The whole-topology overview as bytes (see :func:`render_diagram`)."""
    return render_diagram(topology, OVERVIEW, fmt, **kw).data


def render_tgw(topology: Topology, tgw_id: str, fmt: str = "svg", **kw: Any) -> bytes:
    """One transit gateway's route-table diagram as bytes (see :func:`render_diagram`)."""
    return render_diagram(topology, DiagramRef("tgw", tgw_id), fmt, **kw).data
