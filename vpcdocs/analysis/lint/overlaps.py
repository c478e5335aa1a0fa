"""CIDR overlap helpers shared by the peering and transit gateway checks (PEER-3, PEER-6,
TGW-8): plain address arithmetic on what the spec writes, no network fact. Which owners
overlap (``overlapping_pairs``) is the data plane's, where the reach cache reads it too."""

from __future__ import annotations

from collections.abc import Iterable

from ...model import IPNetwork
from ...routing.coverage import overlapping_pairs  # noqa: F401 - the checks import it from here


def overlaps(a: IPNetwork, b: IPNetwork) -> bool:
    return a.version == b.version and a.overlaps(b)


def overlap_text(a_cidrs: Iterable[IPNetwork], b_cidrs: Iterable[IPNetwork]) -> str | None:
    """``"x overlaps y"`` for the first overlapping pair, or None."""
    others = tuple(b_cidrs)
    for a in a_cidrs:
        for b in others:
            if overlaps(a, b):
                return f"{a} overlaps {b}"
    return None
