"""The per-VPC diagram: collect (:mod:`.vpc_items`), measure (:mod:`.measure`), place
(:mod:`.vpc_layout`), draw lines (:mod:`.vpc_lines`), and the route-table legend below."""

from __future__ import annotations

from ...model import Topology
from .highlight import Highlighting
from .measure import measure
from .route_legend import legend_title, route_cards
from .scene import Block, Scene
from .vpc_items import VpcItems, collect
from .vpc_layout import place
from .vpc_lines import RouteRow, add_route_rows, draw

ROUTE_LANES = 4  # parallel lanes per gap when the routes layer is drawn

Collected = tuple[VpcItems, list[RouteRow], list[Block], Block | None]

# what vpc_labels(keep=True) collected, for the drawing that follows (taken once):
# (VPC id, routes, legend) -> (the topology it was collected from, what was collected)
_KEPT: dict[tuple[str, bool, bool], tuple[Topology, Collected]] = {}


def _collect(topology: Topology, vpc_id: str, highlight: Highlighting | None, routes: bool, legend: bool,
             base: Topology | None) -> Collected:
    items = collect(topology, vpc_id, highlight, base)
    rows = add_route_rows(items, topology) if routes else []
    cards = route_cards(items.scene, topology, vpc_id, highlight) if legend and items.subnets else []
    heading = legend_title(items.scene, vpc_id) if cards else None
    return items, rows, cards, heading


def vpc_labels(topology: Topology, vpc_id: str, *, routes: bool = False, legend: bool = True,
               keep: bool = False) -> list[str]:
    """Every label the VPC's diagram will measure (a site measures all its diagrams' labels in
    one Graphviz run, :func:`.measure.measure`). ``keep``: the diagram is drawn next (plain,
    same options): its :func:`build_vpc_scene` takes what was collected here instead of
    collecting it again (until :func:`forget_kept`)."""
    collected = _collect(topology, vpc_id, None, routes, legend, None)
    if keep:
        _KEPT[(vpc_id, routes, legend)] = (topology, collected)
    return [b.label for b in collected[0].scene.blocks]


def forget_kept(topology: Topology) -> None:
    """Drop what :func:`vpc_labels` kept of ``topology`` and no drawing took."""
    for key, (kept, _collected) in list(_KEPT.items()):
        if kept is topology:
            _KEPT.pop(key, None)


def _take_kept(topology: Topology, vpc_id: str, routes: bool, legend: bool) -> Collected | None:
    kept = _KEPT.pop((vpc_id, routes, legend), None)
    return kept[1] if kept is not None and kept[0] is topology else None


def build_vpc_scene(topology: Topology, vpc_id: str, *, highlight: Highlighting | None = None,
                    routes: bool = False, legend: bool = True, base: Topology | None = None) -> Scene:
    """The placed scene of one VPC's diagram (see the modules above); ``base`` keeps a diff
    diagram's rows and columns in the order of the topology before the change."""
    kept = _take_kept(topology, vpc_id, routes, legend) if highlight is None and base is None else None
    items, rows, cards, heading = kept or _collect(topology, vpc_id, highlight, routes, legend, base)
    scene = items.scene
    sizes = measure(b.label for b in scene.blocks)
    for b in scene.blocks:
        b.w, b.h = sizes[b.label]
    geo = place(items, ROUTE_LANES if routes else 1)
    draw(items, geo, topology, rows)
    if heading is not None:
        width = max(geo.vpc.w, 600.0)
        y = geo.bottom_of_drawing + 26
        heading.place(geo.vpc.x, y)
        x, y = geo.vpc.x, heading.rect.bottom + 4
        row_h = 0.0
        for card in cards:
            if x > geo.vpc.x and x + card.w > geo.vpc.x + width:
                x, y = geo.vpc.x, y + row_h + 10
                row_h = 0.0
            card.place(x, y)
            x += card.w + 12
            row_h = max(row_h, card.h)
    return scene
