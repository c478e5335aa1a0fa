"""Render every diagram of a site, in parallel, through the content-hash cache."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ...model import Topology
from .api import DEFAULT_SCALE, FORMATS, OVERVIEW, DiagramRef, RenderResult, render_diagram
from .cache import DiagramCache, atomic_write, cache_key, diagram_slice
from .dark import to_dark
from .graphviz_run import GraphvizError
from .ids import slug
from .measure import measure

RESERVED = ("overview", "estate")  # names a VPC's diagram file must not take
RESERVED_PREFIXES = ("region-", "tgw-")


@dataclass(frozen=True)
class DiagramFile:
    """One written diagram file. Usable wherever a path is (``os.fspath``)."""

    path: Path
    diagram: str  # "overview", "estate", the VPC id, "region:<region>" or "tgw:<id>" (DiagramRef.name)
    format: str
    cache_hit: bool
    warnings: tuple[str, ...] = field(default=())
    error: str | None = None  # why this diagram could not be drawn or written (then ``path`` is not written)
    kind: str = "vpc"  # DiagramRef.kind
    dark: bool = False  # the dark-theme variant

    @property
    def ok(self) -> bool:
        return self.error is None

    def __fspath__(self) -> str:
        return os.fspath(self.path)


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def diagram_stem(which: str | DiagramRef) -> str:
    """The file name without extension: ``overview``, ``estate``, ``region-<slug>``,
    ``tgw-<slug>`` or, for a VPC, its slug (``vpc-a``).

    Injective: a VPC slug that could be taken for one of the others (``overview``,
    ``tgw-hub`` …) gets ``_vpc`` appended — plain slugs never contain ``_`` and hashed ones
    end in 16 hex digits (:func:`vpcdocs.fsutil.safe_name`), so no two diagrams share a name.
    """
    ref = DiagramRef.of(which)
    if ref.kind in ("overview", "estate"):
        return ref.kind
    if ref.kind in ("region", "tgw"):
        return f"{ref.kind}-{slug(ref.id)}"
    stem = slug(ref.id)
    if stem in RESERVED or stem.startswith(RESERVED_PREFIXES):
        stem += "_vpc"
    return stem


def diagram_filename(which: str | DiagramRef, fmt: str, dark: bool = False) -> str:
    """``overview.svg``, ``vpc-a.svg``, ``tgw-hub.svg`` …; the dark variant ``vpc-a_dark.svg``."""
    return f"{diagram_stem(which)}{'_dark' if dark else ''}.{fmt}"


def site_key(topology: Topology, ref: DiagramRef, fmt: str, *, highlight: Mapping[tuple[str, str], str] | None = None,
             legend: bool = True, routes: bool = False, scale: float = DEFAULT_SCALE, dark: bool = False) -> str:
    """The cache key of a diagram drawn with these options."""
    options = {"routes": routes, "scale": scale if fmt == "png" else None, "dark": dark}
    return cache_key(diagram_slice(topology, ref), fmt, highlight, legend, options)


def render_cached(topology: Topology, which: str | DiagramRef, fmt: str, cache: DiagramCache | None, *,
                  highlight: Mapping[tuple[str, str], str] | None = None, legend: bool = True,
                  routes: bool = False, scale: float = DEFAULT_SCALE, dark: bool = False,
                  key: str | None = None) -> RenderResult:
    """Render one diagram, or take it from ``cache`` when its model slice (and options, and
    highlight mapping, see :func:`~.api.render_diagram`) is unchanged; ``key``: its
    :func:`site_key` when already known."""
    if cache is None:
        return render_diagram(topology, which, fmt, highlight=highlight, legend=legend, routes=routes,
                              scale=scale, dark=dark)
    ref = DiagramRef.of(which)
    key = key or site_key(topology, ref, fmt, highlight=highlight, legend=legend, routes=routes, scale=scale,
                          dark=dark)
    hit = cache.get(key, fmt)
    if hit is not None:
        return RenderResult(hit[0], tuple(hit[1]), cache_hit=True)
    result = render_diagram(topology, ref, fmt, highlight=highlight, legend=legend, routes=routes,
                            scale=scale, dark=dark)
    cache.put(key, fmt, result.data, list(result.warnings))
    return result


def site_refs(topology: Topology, kinds: tuple[str, ...] = ("overview", "vpc")) -> list[DiagramRef]:
    """The diagrams of a site, in a stable order: the overview, the estate summary, one per
    region, each transit gateway, each VPC (as far as ``kinds`` asks for them)."""
    refs: list[DiagramRef] = []
    if "overview" in kinds:
        refs.append(DiagramRef(OVERVIEW))
    if "estate" in kinds:
        refs.append(DiagramRef("estate"))
    if "region" in kinds:
        refs += [DiagramRef("region", r) for r in sorted({v.region for v in topology.vpcs if v.region})]
    if "tgw" in kinds:
        refs += [DiagramRef("tgw", t.id) for t in topology.transit_gateways]
    if "vpc" in kinds:
        refs += [DiagramRef("vpc", v.id) for v in topology.vpcs]
    return refs


def render_site_diagrams(topology: Topology, out_dir: str | os.PathLike,
                         cache_dir: str | os.PathLike | None = None,
                         formats: tuple[str, ...] = ("svg",),
                         max_workers: int | None = None, *,
                         kinds: tuple[str, ...] = ("overview", "vpc"), dark: bool = False,
                         routes: bool = False, scale: float = DEFAULT_SCALE,
                         progress: Callable[[int, int], None] | None = None,
                         measuring: Callable[[int], None] | None = None) -> list[DiagramFile]:
    """Write the diagrams of :func:`site_refs` into ``out_dir`` (names: :func:`diagram_filename`).

    ``kinds`` picks which (``overview``, ``estate``, ``region``, ``tgw``, ``vpc``); ``dark``
    also writes each SVG's dark-theme variant (``<name>_dark.svg``, ``DiagramFile.dark``;
    derived from the light SVG, no second drawing); ``routes`` draws the VPC diagrams'
    routes layer; ``scale`` is the PNG resolution.

    A diagram that cannot be drawn (Graphviz fails or times out, the cache or ``out_dir``
    cannot be written) comes back with ``error`` set and the others are still drawn;
    nothing is raised for one diagram.

    With ``cache_dir`` a diagram whose model slice, options, renderer and Graphviz are
    unchanged is copied from the cache (``cache_hit=True``). The labels of every VPC diagram
    to draw are measured together first (a few Graphviz runs instead of one per diagram);
    then diagrams render concurrently (each in one worker thread; ``dot`` is a subprocess,
    so threads use every core). Files are written atomically and only when their bytes
    changed. Returned in a stable order.

    ``progress(done, total)`` is called once before the first diagram (``done`` 0) and after
    each one (drawn, from the cache or failed), one call at a time, from the worker threads;
    ``measuring(n)`` before the labels of the ``n`` VPC diagrams to draw are measured together.
    """
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
    out = Path(out_dir)
    cache = DiagramCache(cache_dir) if cache_dir is not None else None
    jobs = [(ref, fmt) for ref in site_refs(topology, kinds) for fmt in formats]
    lock = threading.Lock()
    done = [0]

    def tell(finished: int) -> None:  # under ``lock``
        done[0] += finished
        if progress is not None:
            try:
                progress(done[0], len(jobs))
            except Exception:  # noqa: BLE001 - a progress display never fails the diagrams
                pass

    tell(0)
    keys: dict[tuple[DiagramRef, str], str] = {}
    if cache is not None:
        for ref, fmt in jobs:
            try:
                keys[(ref, fmt)] = site_key(topology, ref, fmt, routes=routes and ref.kind == "vpc", scale=scale)
            except Exception:  # noqa: BLE001 - reported by that diagram's own job
                continue
    fresh = [ref for ref, fmt in jobs if ref.kind == "vpc" and fmt != "dot"
             and (cache is None or (ref, fmt) not in keys or not cache.has(keys[(ref, fmt)], fmt))]
    if measuring is not None and len(set(fresh)) >= 2:
        measuring(len(set(fresh)))
    _measure_together(topology, fresh, routes)

    def work(job: tuple[DiagramRef, str]) -> list[DiagramFile]:
        ref, fmt = job
        path = out / diagram_filename(ref, fmt)
        try:
            result = render_cached(topology, ref, fmt, cache, routes=routes and ref.kind == "vpc", scale=scale,
                                   key=keys.get((ref, fmt)))
        except GraphvizError as exc:
            error = str(exc)
        except OSError as exc:
            error = f"cannot use the diagram cache: {_os_reason(exc)}"
        except Exception as exc:  # noqa: BLE001 - one broken diagram must not take the others down
            error = f"internal error {type(exc).__name__}: {exc} (this is a vpcdocs bug; please report it)"
        else:
            files = [_write(path, ref, fmt, result.data, result, False)]
            if dark and fmt == "svg":
                data = to_dark(result.data.decode("utf-8")).encode("utf-8")
                files.append(_write(out / diagram_filename(ref, fmt, True), ref, fmt, data, result, True))
            return files
        failed = [DiagramFile(path, ref.name, fmt, False, error=error, kind=ref.kind)]
        if dark and fmt == "svg":
            failed.append(DiagramFile(out / diagram_filename(ref, fmt, True), ref.name, fmt, False, error=error,
                                      kind=ref.kind, dark=True))
        return failed

    def counted(job: tuple[DiagramRef, str]) -> list[DiagramFile]:
        files = work(job)
        with lock:
            tell(1)
        return files

    workers = max_workers or min(8, (os.cpu_count() or 2) + 1)
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return [f for files in pool.map(counted, jobs) for f in files]
    finally:
        from .vpc_diagram import forget_kept

        forget_kept(topology)  # what a failed drawing did not take


def _write(path: Path, ref: DiagramRef, fmt: str, data: bytes, result: RenderResult, dark: bool) -> DiagramFile:
    """Write ``data`` to ``path`` unless it already holds exactly that."""
    try:
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if not same:
            atomic_write(path, data)
    except OSError as exc:
        return DiagramFile(path, ref.name, fmt, result.cache_hit, result.warnings,
                           error=f"cannot write {path}: {_os_reason(exc)}", kind=ref.kind, dark=dark)
    return DiagramFile(path, ref.name, fmt, result.cache_hit, result.warnings, kind=ref.kind, dark=dark)


def _measure_together(topology: Topology, refs: list[DiagramRef], routes: bool) -> None:
    """Measure the labels of the VPC diagrams that will really be drawn, all at once."""
    from .vpc_diagram import vpc_labels

    todo = list(dict.fromkeys(refs))
    if len(todo) < 2:
        return
    try:  # keep=True: each drawing takes its collected items instead of collecting them again
        measure([label for ref in todo for label in vpc_labels(topology, ref.id, routes=routes, keep=True)])
    except Exception:  # noqa: BLE001 - only an optimisation: each diagram measures (and reports) on its own
        return
