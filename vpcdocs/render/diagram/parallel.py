"""Render every diagram of a site, in parallel, through the content-hash cache."""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ...model import Topology
from .api import FORMATS, OVERVIEW, RenderResult, render_diagram
from .cache import DiagramCache, atomic_write, cache_key, overview_slice, vpc_slice
from .graphviz_run import GraphvizError
from .ids import slug


@dataclass(frozen=True)
class DiagramFile:
    """One written diagram file. Usable wherever a path is (``os.fspath``)."""

    path: Path
    diagram: str  # "overview" or the VPC id
    format: str
    cache_hit: bool
    warnings: tuple[str, ...] = field(default=())
    error: str | None = None  # why this diagram could not be drawn or written (then ``path`` is not written)

    @property
    def ok(self) -> bool:
        return self.error is None

    def __fspath__(self) -> str:
        return os.fspath(self.path)


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def diagram_filename(which: str, fmt: str) -> str:
    """``overview.svg`` or ``vpc-<slug>.svg`` (slug: readable and collision-proof)."""
    return f"{OVERVIEW}.{fmt}" if which == OVERVIEW else f"vpc-{slug(which)}.{fmt}"


def render_cached(topology: Topology, which: str, fmt: str, cache: DiagramCache | None, *,
                  highlight: Mapping[tuple[str, str], str] | None = None,
                  legend: bool = True) -> RenderResult:
    """Render one diagram, or take it from ``cache`` when its model slice (and highlight
    mapping, see :func:`~.api.render_diagram`) is unchanged."""
    if cache is None:
        return render_diagram(topology, which, fmt, highlight=highlight, legend=legend)
    model_slice = overview_slice(topology) if which == OVERVIEW else vpc_slice(topology, which)
    key = cache_key(model_slice, fmt, highlight, legend)
    hit = cache.get(key, fmt)
    if hit is not None:
        return RenderResult(hit[0], tuple(hit[1]), cache_hit=True)
    result = render_diagram(topology, which, fmt, highlight=highlight, legend=legend)
    cache.put(key, fmt, result.data, list(result.warnings))
    return result


def render_site_diagrams(topology: Topology, out_dir: str | os.PathLike,
                         cache_dir: str | os.PathLike | None = None,
                         formats: tuple[str, ...] = ("svg",),
                         max_workers: int | None = None) -> list[DiagramFile]:
    """Write ``overview.<fmt>`` and one ``vpc-<slug>.<fmt>`` per VPC into ``out_dir``.

    A diagram that cannot be drawn (Graphviz fails on every layout, times out, the cache or
    ``out_dir`` cannot be written) comes back with ``error`` set and the others are still
    drawn; nothing is raised for one diagram.

    Diagrams render concurrently (each in one worker thread; ``dot`` is a subprocess, so
    threads use every core). With ``cache_dir`` a diagram whose model slice, renderer and
    Graphviz are unchanged is copied from the cache (``cache_hit=True``). Files are written
    atomically and only when their bytes changed. Returned in a stable order.
    """
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
    out = Path(out_dir)
    cache = DiagramCache(cache_dir) if cache_dir is not None else None
    jobs = [(which, fmt) for which in (OVERVIEW, *(v.id for v in topology.vpcs)) for fmt in formats]

    def work(job: tuple[str, str]) -> DiagramFile:
        which, fmt = job
        path = out / diagram_filename(which, fmt)
        try:
            result = render_cached(topology, which, fmt, cache)
        except GraphvizError as exc:
            return DiagramFile(path, which, fmt, False, error=str(exc))
        except OSError as exc:
            return DiagramFile(path, which, fmt, False, error=f"cannot use the diagram cache: {_os_reason(exc)}")
        except Exception as exc:  # noqa: BLE001 - one broken diagram must not take the others down
            return DiagramFile(path, which, fmt, False, error=f"internal error {type(exc).__name__}: {exc} "
                               "(this is a vpcdocs bug; please report it)")
        try:
            try:
                same = path.read_bytes() == result.data
            except OSError:
                same = False
            if not same:
                atomic_write(path, result.data)
        except OSError as exc:
            return DiagramFile(path, which, fmt, result.cache_hit, result.warnings,
                               error=f"cannot write {path}: {_os_reason(exc)}")
        return DiagramFile(path, which, fmt, result.cache_hit, result.warnings)

    workers = max_workers or min(8, (os.cpu_count() or 2) + 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(work, jobs))
