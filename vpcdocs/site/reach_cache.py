"""The site's reachability kept from one build to the next, in the cache dir: after a change
to a few VPCs a build computes again only the answers that could have moved.

What an answer reads (``vpcdocs.routing.footprint``): the facts of its two VPCs and the
shared ones — a third VPC's only where routes carry other VPCs' traffic into it, and those
VPCs count as shared. So, against the last build's :class:`Kept`:

* shared facts, the list of VPCs or vpcdocs itself changed: nothing is kept;
* else, for the VPCs whose own facts changed (``changed``): their VPC matrix rows are
  computed again, and in every other row only their columns; a VPC page's subnet matrix is
  kept when neither the VPC nor any of its active peers (its columns' VPCs) changed;
* a VPC's reach data file (``network/reach/<slug>.js``, made from its row and its subnet
  matrix alone) is kept when both came out identical.

A cell computed again is computed exactly as in a full build, and a patched row is rebuilt
in column order, so the rows — and every page and file made from them — are byte-identical
to a build without the cache (``tests/site/test_reach_cache.py`` changes one VPC at a time
in every way it can and compares). The cache is only a cache: one that cannot be read is
ignored, one that cannot be written is not kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..fsutil import atomic_write
from ..routing.footprint import Footprint
from .inputs import package_digest
from .reach_data import Row, SiteReach, SubnetMatrix

FORMAT = "vpcdocs reach cache 1"


def engine() -> str:
    """vpcdocs itself (every file of the package) and the Python that runs it: other code may
    give other answers."""
    return hashlib.sha256(f"{FORMAT}\0{sys.version}\0{package_digest()}".encode()).hexdigest()


@dataclass
class Kept:
    """What one build leaves for the next."""

    engine: str
    footprint: Footprint
    vpcs: tuple[str, ...]
    rows: dict[str, Row]
    subnets: dict[str, SubnetMatrix]
    files: dict[str, bytes] = field(default_factory=dict)  # VPC -> its reach data file


@dataclass
class Reuse:
    """What this build can take from the last one (:func:`plan`)."""

    kept: Kept
    changed: frozenset[str]  # VPCs whose own facts changed: their rows and columns are computed again

    def row(self, v: str) -> Row | None:
        return None if v in self.changed else self.kept.rows.get(v)

    def subnet_matrix(self, v: str, peers: set[str]) -> SubnetMatrix | None:
        if v in self.changed or not peers.isdisjoint(self.changed):
            return None
        return self.kept.subnets.get(v)


def plan(kept: Kept | None, footprint: Footprint, vpcs: tuple[str, ...]) -> Reuse | None:
    if kept is None or kept.engine != engine() or kept.vpcs != vpcs:
        return None
    changed = footprint.changed(kept.footprint)
    return Reuse(kept, changed) if changed is not None else None


class ReachCache:
    def __init__(self, cache_dir: str | os.PathLike):
        self.path = Path(cache_dir) / "reach" / "site-reach.pickle"

    def load(self) -> Kept | None:
        """The last build's reachability, or None (none kept, unreadable, another format)."""
        try:
            with open(self.path, "rb") as f:
                if f.readline(200) != self._header():  # another format or vpcdocs: not even unpickled
                    return None
                kept = pickle.load(f)  # noqa: S301 - the cache dir is the user's own, as the diagram cache
        except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache
            return None
        return kept if isinstance(kept, Kept) and kept.engine == engine() else None

    @staticmethod
    def _header() -> bytes:
        return f"{FORMAT} {engine()}\n".encode()

    def save(self, reach: SiteReach, footprint: Footprint, files: dict[str, bytes]) -> bool:
        kept = Kept(engine(), footprint, reach.vpcs, reach.rows, reach.subnets, files)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, self._header() + pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            return False
        return True


__all__ = ["Kept", "ReachCache", "Reuse", "engine", "plan"]
