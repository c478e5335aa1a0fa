"""Make Availability Zone columns read left to right in name order.

Graphviz orders sibling clusters by its crossing-minimisation heuristics, not by declaration
order: in 2.43 the same declaration order comes out reversed in one VPC and straight in
another, and neither ``rank=same`` + flat edges, ``ordering=out`` nor ``newrank`` pin it
(measured). So the renderer lays the graph out, reads where each AZ box landed, and tries
the declaration order that would fix the observed permutation: at most three quick SVG
layouts (tens of milliseconds), deterministic for a given input and Graphviz.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .graphviz_run import GraphvizError, run_dot


def cluster_lefts(svg: str) -> dict[str, float]:
    """Left x of every cluster in a Graphviz SVG, by cluster name."""
    return {
        name: min(float(p.split(",")[0]) for p in points.split())
        for name, points in re.findall(r'<title>(cluster_\w+)</title>\n<polygon[^>]*points="([^"]+)"', svg)
    }


def choose_order(azs: list[str], cluster_name: Callable[[str], str],
                 build: Callable[[list[str]], str]) -> str:
    """DOT source (from ``build(declaration_order)``) whose AZ boxes read in ``azs`` order."""
    first = build(list(azs))
    if len(azs) < 2:
        return first
    tried: list[tuple[int, str]] = []
    order = list(azs)
    source = first
    for _ in range(3):
        try:
            lefts = cluster_lefts(run_dot(source, "svg").decode("utf-8"))
        except GraphvizError:
            return first  # the fallback chain deals with failing layouts
        xs = [lefts.get(cluster_name(az), 0.0) for az in order]
        visual = [az for _, az in sorted(zip(xs, order))]  # what came out, left to right
        inversions = sum(1 for i in range(len(azs)) for j in range(i + 1, len(azs))
                         if azs.index(visual[i]) > azs.index(visual[j]))
        if inversions == 0:
            return source
        tried.append((inversions, source))
        # Declared order[k] landed at visual slot pos[k]; declare so that slot i gets azs[i].
        pos = {az: visual.index(az) for az in order}
        slot_of_decl = [pos[az] for az in order]
        new = [azs[slot] for slot in slot_of_decl]
        if new == order:
            break
        order = new
        source = build(order)
    return min(tried, key=lambda t: t[0])[1]
