"""Natural order for ids people read: ``vpc-2`` before ``vpc-10``, ``10.0.2.0/24`` before
``10.0.10.0/24`` — one key for every list the tool shows."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_PARTS = re.compile(r"(\d+)")


@functools.lru_cache(maxsize=1 << 16)  # a site sorts the same ids over and over
def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key: digit runs compare as numbers, the rest case-insensitively (then exactly)."""
    out: list[tuple[int, int | str]] = []
    for i, part in enumerate(_PARTS.split(text)):
        if i % 2:
            out.append((0, int(part)))
        elif part:
            out.append((1, part.lower()))
    out.append((2, text))
    return tuple(out)


def natural_sorted(items: Iterable[str]) -> list[str]:
    return sorted(items, key=natural_key)
