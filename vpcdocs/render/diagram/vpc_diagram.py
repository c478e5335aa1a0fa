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


def _collect(topology: Topology, vpc_id: str, highlight: Highlighting | None, routes: bool, legend: bool,
             base: Topology | None) -> tuple[VpcItems, list[RouteRow], list[Block], Block | None]:
    items = collect(topology, vpc_id, highlight, base)
    rows = add_route_rows(items, topology) if routes else []
    cards = route_cards(items.scene, topology, vpc_id, highlight) if legend and items.subnets else []
    heading = legend_title(items.scene, vpc_id) if cards else None
    return items, rows, cards, heading


def vpc_labels(topology: Topology, vpc_id: str, *, routes: bool = False, legend: bool = True) -> list[str]:
    """Every label the VPC's diagram will measure (a site measures all its diagrams' labels in
    one Graphviz run, :func:`.measure.measure`)."""
    items, _rows, _cards, _heading = _collect(topology, vpc_id, None, routes, legend, None)
    return [b.label for b in items.scene.blocks]


def build_vpc_scene(topology: Topology, vpc_id: str, *, highlight: Highlighting | None = None,
                    routes: bool = False, legend: bool = True, base: Topology | None = None) -> Scene:
    """The placed scene of one VPC's diagram (see the modules above); ``base`` keeps a diff
    diagram's rows and columns in the order of the topology before the change."""
    items, rows, cards, heading = _collect(topology, vpc_id, highlight, routes, legend, base)
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
