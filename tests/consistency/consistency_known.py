"""Divergences the properties found that are not fixed yet.

Each entry names a regression test (``test_consistency_regressions.py``, marked
``xfail(strict=True)`` with the same id) and the case the properties leave out while it is
open, so the rest of each property keeps running at full strength. When a bug is fixed:
delete its id here and the ``xfail`` mark of its regression test — nothing else.
"""

from __future__ import annotations

OPEN: dict[str, str] = {}


def is_open(bug: str) -> bool:
    return bug in OPEN
