"""Layout settings of one Graphviz attempt; :mod:`.graphviz_run` walks safer ones on failure."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class LayoutOptions:
    splines: str = "spline"
    edge_labels: bool = True  # peering / attachment names on edges (few, never on route edges)
    compound: bool = True  # edges may end on group borders (lhead/ltail)
    extra_graph_attr: tuple[tuple[str, str], ...] = field(default=())  # caller tuning, 1st try only

    def graph_attr(self, **base: str) -> dict[str, str]:
        attrs = dict(base)
        attrs["splines"] = self.splines
        attrs["compound"] = "true" if self.compound else "false"
        attrs.update(dict(self.extra_graph_attr))
        return attrs


def fallback_chain(first: LayoutOptions) -> list[LayoutOptions]:
    """The attempts in order: as asked, then plain splines without caller tuning, then without
    edge labels and group-border edges (Graphviz 2.43 crashes on dense labelled layouts, notes
    §5), then straight lines."""
    chain = [first]
    safe = replace(first, splines="spline", extra_graph_attr=())
    for opt in (
        safe,
        replace(safe, edge_labels=False, compound=False),
        replace(safe, splines="line", edge_labels=False, compound=False),
    ):
        if opt not in chain:
            chain.append(opt)
    return chain
