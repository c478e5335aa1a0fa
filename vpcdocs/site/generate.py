"""Load the specs, compute, and produce every generated file in memory: the one page
generator both ``vpcdocs build`` and the MkDocs plugin use.

Returns a :class:`Generated`: every page as data (a :class:`~.doc.Doc`, what ``vpcdocs
build`` writes the HTML from), the same pages as Markdown and the CSS as bytes
(deterministic: same specs → byte-identical pages; a page's Markdown is only made when read,
see :class:`Pages`), diagrams as paths of rendered files in the diagram cache, and the nav
section listing the pages.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Location, error
from ..spec.files import display_path
from . import paths
from .background import Background
from .progress import Progress, heartbeat, phase

if TYPE_CHECKING:  # the pipeline is imported by generate() itself: a no-op build never needs it
    from ..model import Topology
    from .doc import Doc
    from .reach_data import SiteReach
    from .revision import Revision
    from .search_entries import Entry

DEFAULT_CACHE_DIR = Path(".cache") / "vpcdocs"


class SpecError(Exception):
    """The specs have errors: nothing was generated. ``diagnostics`` says what."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{sum(1 for d in diagnostics if d.severity == 'error')} error(s) in the specs")
        self.diagnostics = diagnostics


def page_file(doc: Doc, path: str) -> bytes:
    """A generated page's Markdown file: the page, then the marker of generated pages."""
    from .doc import to_markdown

    return f"{to_markdown(doc, path).rstrip()}\n\n{paths.GENERATED_MARKER}\n".encode()


def stub_file(doc: Doc) -> bytes:
    """What MkDocs reads of a page whose HTML is written from its Doc (``vpcdocs build``,
    :mod:`.hooks`): the page's front matter — its title and meta, as in :func:`page_file` —
    and no body."""
    from .doc import front_matter

    return f"{front_matter(doc).rstrip()}\n\n{paths.GENERATED_MARKER}\n".encode()


class Pages(Mapping[str, bytes]):
    """The generated files, docs path -> bytes, where a page given as a :class:`~.doc.Doc`
    becomes its Markdown (:func:`page_file`) when first read. ``vpcdocs build`` never reads
    it (MkDocs gets :func:`stub_file` and the HTML from the Doc); ``--pages-dir``,
    ``--check`` and the MkDocs plugin do, and get the same bytes as ever."""

    def __init__(self, files: dict[str, bytes | Doc]):
        self._files = files

    def __getitem__(self, path: str) -> bytes:
        data = self._files[path]
        if not isinstance(data, bytes):
            data = self._files[path] = page_file(data, path)
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


@dataclass
class Generated:
    pages: Mapping[str, bytes]  # docs path -> Markdown (and CSS, reach data) bytes: a Pages
    images: dict[str, Path]  # docs path -> rendered file (in the diagram cache)
    nav: list  # the "Network" nav section's entries
    revision: Revision
    diagnostics: list[Diagnostic] = field(default_factory=list)  # loader warnings + lint findings
    topology: Topology | None = None
    diagram_errors: list[Diagnostic] = field(default_factory=list)  # D-DIAGRAM: diagrams not drawn
    docs: dict[str, Doc] = field(default_factory=dict)  # docs path -> the page as data (HTML written from it)
    search: list[Entry] = field(default_factory=list)  # the generated pages' search index entries

    @property
    def markdown_pages(self) -> dict[str, bytes]:
        return {p: b for p, b in self.pages.items() if p.endswith(".md")}

    def write(self, docs_dir: str | os.PathLike, *, markdown: bool = True) -> None:
        """Write every generated file under ``docs_dir`` (images are copied). Without
        ``markdown``, a page of :attr:`docs` is only its :func:`stub_file`: for a MkDocs build
        whose :class:`~.hooks.SiteHooks` write the pages' HTML from the docs."""
        root = Path(docs_dir)
        for rel in sorted(self.pages):
            doc = None if markdown else self.docs.get(rel)
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self.pages[rel] if doc is None else stub_file(doc))
        for rel, src in sorted(self.images.items()):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(src.read_bytes())


def _diagram_location(topology: Topology, which: str, spec_dir: str | os.PathLike) -> Location:
    """Where a diagram's problem is reported: the VPC's spec entry, the spec dir for the overview."""
    vpc = topology.get("vpc", which) if which != "overview" else None
    loc = getattr(vpc, "loc", None)
    return loc if isinstance(loc, Location) else Location(display_path(Path(spec_dir)))


def _diagrams(topology: Topology, cache_dir: Path, progress: Progress | None,
              spec_dir: str | os.PathLike = "specs") -> tuple[dict[str, Path], list[Diagnostic]]:
    """Render (or reuse from the cache) the overview and per-VPC diagrams.

    Returns docs path -> file of every diagram drawn, and one located ``D-DIAGRAM`` error per
    diagram that could not be drawn (the others are still drawn)."""
    try:
        from ..render.diagram import GraphvizError, dark_path, render_site_diagrams
        from ..render.diagram.graphviz_run import graphviz_version
    except ImportError:
        return {}, []
    here = Location(display_path(Path(spec_dir)))
    try:
        graphviz_version()
    except GraphvizError as exc:  # one error, not one per diagram
        return {}, [error("D-DIAGRAM", f"no diagrams drawn: {exc}", here,
                          hint="install Graphviz (`apt-get install graphviz`, `brew install graphviz`)")]
    out_dir = cache_dir / "site-diagrams"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return {}, [error("D-DIAGRAM", f"no diagrams drawn: cannot create {out_dir}: {exc.strerror or exc}", here)]
    started = time.monotonic()
    counter = phase(progress, "diagrams", 0)  # "diagrams 120/1003" lines; the summary below ends it

    def drawn(done: int, total: int) -> None:
        if not counter.total and progress:
            progress(f"diagrams: drawing {total} (cached in {cache_dir})")
        counter.total = total
        if done > counter.count:
            counter.advance(done - counter.count)

    produced = render_site_diagrams(topology, out_dir, cache_dir / "diagrams", formats=("svg",), dark=True,
                                    kinds=("overview", "tgw", "vpc"), progress=drawn,
                                    measuring=(lambda n: progress(f"diagrams: measuring the labels of {n} VPC diagrams "
                                                                  "first (one Graphviz run)")) if progress else None)
    images: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    hits = 0
    light = {f.diagram: f for f in produced if not f.dark}
    for f in produced:
        name = light[f.diagram].path.name  # overview.svg, tgw-<id>.svg (transit gateway pages)
        docs_path = _image_path(f.kind, f.diagram, name)
        if f.dark:  # the slate palette's variant in images/dark/ (render/diagram/embed.py); else the light one
            if light[f.diagram].error is None:
                images[dark_path(docs_path)] = Path((f if f.error is None else light[f.diagram]).path)
            continue
        if f.error is not None:
            what = ("the overview diagram" if f.diagram == "overview" else f"the diagram of VPC '{f.diagram}'"
                    if f.kind == "vpc" else f"the diagram of transit gateway '{f.diagram[4:]}'")
            problems.append(error("D-DIAGRAM", f"{what} could not be drawn: {f.error}",
                                  _diagram_location(topology, f.diagram, spec_dir), resource=f.diagram))
            continue
        images[docs_path] = Path(f.path)
        hits += bool(f.cache_hit)
        if progress:
            for w in f.warnings:
                progress(f"diagram {f.diagram}: {w}")
    if progress:
        progress(f"diagrams: {len(light) - len(problems) - hits} rendered, {hits} from the cache"
                 + (f", {len(problems)} failed" if problems else "") + f" in {time.monotonic() - started:.1f}s")
    return images, problems


def _image_path(kind: str, diagram: str, filename: str) -> str:
    """Where the site keeps a diagram: the VPC diagrams by VPC, the others by file name
    (overview.svg, tgw-<id>.svg for the transit gateway pages)."""
    return paths.vpc_image(diagram) if kind == "vpc" else f"{paths.IMAGES}/{filename}"


def _expected_images(topology: Topology) -> frozenset[str]:
    """The docs paths :func:`_diagrams` gives when every diagram is drawn (light and dark): the
    pages are made with these while the diagrams are still being drawn, and made again in the
    rare build where one could not be."""
    from ..render.diagram import dark_path, diagram_filename
    from ..render.diagram.parallel import site_refs

    out: set[str] = set()
    for ref in site_refs(topology, ("overview", "tgw", "vpc")):
        docs_path = _image_path(ref.kind, ref.id, diagram_filename(ref, "svg"))
        out.update((docs_path, dark_path(docs_path)))
    return frozenset(out)


_FALLBACK_CACHES: dict[Path, Path] = {}


def _writable_cache(cache_dir: Path, progress: Progress | None) -> Path:
    """``cache_dir`` when its diagram folder can be written, else a temporary folder (one per
    process, removed at exit): a cache that cannot be written (read-only, permissions) is only
    a cache, the diagrams are drawn all the same — the next build just cannot reuse them."""
    try:
        (cache_dir / "site-diagrams").mkdir(parents=True, exist_ok=True)
        if os.access(cache_dir / "site-diagrams", os.W_OK | os.X_OK):
            return cache_dir
        reason = "not writable"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    if cache_dir not in _FALLBACK_CACHES:  # made here, before the diagram work forks
        fallback = Path(tempfile.mkdtemp(prefix="vpcdocs-cache-"))
        atexit.register(shutil.rmtree, fallback, True)
        _FALLBACK_CACHES[cache_dir] = fallback
    if progress:
        progress(f"cache {cache_dir} cannot be written ({reason}): diagrams drawn in a temporary folder, "
                 "not kept for the next build")
    return _FALLBACK_CACHES[cache_dir]


def _findings(topology: Topology, loaded: list[Diagnostic], say: Progress) -> list[Diagnostic]:
    from ..analysis.findings import collect_findings

    started = time.monotonic()
    found = collect_findings(topology, loaded)
    say(f"findings (lint and expectations): {len(found)} findings in {time.monotonic() - started:.1f}s")
    return found


def css() -> bytes:
    return resources.files("vpcdocs.site").joinpath("assets/vpcdocs.css").read_bytes()


def _reach_files(site_reach: SiteReach, say: Progress | None, kept: dict[str, bytes] | None = None
                 ) -> dict[str, bytes]:
    """The cell details' data, one file per VPC (:mod:`.reach_js`); ``kept``: the last build's
    files, taken as they are for the VPCs whose row and subnet matrix did not change."""
    from . import reach_js

    files: dict[str, bytes] = {}
    kept = kept or {}
    with phase(say, "reach data files", len(site_reach.vpcs)) as counter:
        for v in site_reach.vpcs:
            data = kept.get(v) if v in site_reach.unchanged else None
            files[reach_js.data_file(v)] = data if data is not None else reach_js.vpc_data(site_reach, v)
            counter.advance()
    return files


def generate(spec_dir: str | os.PathLike, *, cache_dir: str | os.PathLike | None = None,
             diagrams: bool = True, use_git: bool = True, progress: Progress | None = None,
             keep_reach: bool = True) -> Generated:
    """Load ``spec_dir`` and produce every generated file. Raises :class:`SpecError` when the
    specs have errors. ``keep_reach``: keep the reachability in the cache dir for the next
    build, and take from the last one what still holds (:mod:`.reach_cache`)."""
    from ..analysis import reach as reach_api
    from ..routing import dataplane
    from ..routing.footprint import footprint
    from ..sorting import natural_sorted
    from ..spec import load_specs
    from . import assets, reach_js
    from .context import SiteData, sources_relative_to
    from .pages import nav_section, page_makers
    from .pages.reachability import index_doc
    from .reach_cache import ReachCache
    from .reach_cache import plan as reach_plan
    from .reach_compute import compute as compute_reach
    from .reach_compute import parts_for
    from .revision import spec_revision
    from .search_entries import entries

    with heartbeat(progress, "loading specs") as detail:
        result = load_specs(spec_dir)
        if not result.ok:
            raise SpecError(result.diagnostics)
        topology = result.topology
        detail.append(f"{len(topology.vpcs)} VPCs, {len(topology.subnets)} subnets from {len(topology.files)} files")
    # the data plane and the reachability engine once, before any worker forks: the workers
    # read them (copy-on-write) instead of each deriving its own
    with heartbeat(progress, "data plane") as detail:
        dp = dataplane(topology).compute_all()
        reach_api.reachability(topology)
        detail.append(f"{len(dp.route_tables)} route tables, {len(dp.tgw_route_tables)} TGW route tables")
    # three lines of work at once, each on a core where there is one (background.py): the
    # diagrams, the findings (the one pipeline: lint + expectations + suppressions) and, here,
    # the reachability the pages show
    diagram_cache = _writable_cache(Path(cache_dir or DEFAULT_CACHE_DIR), progress) if diagrams else None
    background = (Background("diagrams", lambda say: _diagrams(topology, diagram_cache, say, spec_dir), progress)
                  if diagram_cache is not None else None)
    lint = Background("findings (lint and expectations)", lambda say: _findings(topology, result.diagnostics, say),
                      progress)
    revision = spec_revision(spec_dir, use_git=use_git)
    # the last build's reachability, where nothing its answers read has changed (reach_cache.py)
    reach_cache = ReachCache(cache_dir or DEFAULT_CACHE_DIR) if keep_reach else None
    kept = reach_cache.load() if reach_cache is not None else None
    prints = footprint(dp) if kept is not None else None  # else worked out where the cache is written
    reuse = reach_plan(kept, prints, tuple(natural_sorted(v.id for v in topology.vpcs))) \
        if kept is not None and prints is not None else None
    site_reach = compute_reach(topology, progress, reuse=reuse)
    findings = lint.join()
    # the pages are made while the diagrams are still drawn (a rebuild after a small change
    # has little else to wait for), as if every diagram will be there
    expected = _expected_images(topology) if background is not None else frozenset()
    data = SiteData(topology, revision, findings=findings, images=expected, reach=reach_api, site_reach=site_reach)
    # on a big estate the reach data files are written by a worker while this process makes
    # the pages (where workers fork: threads would only take turns)
    kept_files = reuse.kept.files if reuse is not None else None

    def reach_data_files(say: Progress | None) -> dict[str, bytes]:
        made = _reach_files(site_reach, say, kept_files)
        if reach_cache is not None:  # kept for the next build (by the worker, off the main line)
            reach_cache.save(site_reach, prints or footprint(dp),
                             {v: made[reach_js.data_file(v)] for v in site_reach.vpcs})
        return made

    reach_files = (Background("reach data files", reach_data_files, progress)
                   if parts_for(len(site_reach.vpcs)) > 1 else None)
    files: dict[str, bytes | Doc] = {}  # a page's Markdown is made when read (Pages)
    docs: dict[str, Doc] = {}
    pages: list[tuple[str, str]] = []

    def make_pages(data: SiteData) -> list[Entry]:
        makers = list(page_makers(data))
        # sources_relative_to: page text independent of the working directory
        with sources_relative_to(spec_dir), phase(progress, "pages", len(makers)) as counter:
            for path, title, make in makers:
                files[path] = docs[path] = make()
                pages.append((path, title))
                counter.advance()
            return entries(data)

    search = make_pages(data)
    images, diagram_errors = background.join() if background is not None else ({}, [])
    if frozenset(images) != expected:  # a diagram could not be drawn: pages without it
        if progress:
            progress("pages: made again without the diagrams that could not be drawn")
        data = SiteData(topology, revision, findings=findings, images=frozenset(images), reach=reach_api,
                        site_reach=site_reach)
        files.clear()
        docs.clear()
        pages.clear()
        search = make_pages(data)
    files.update(reach_files.join() if reach_files is not None else reach_data_files(progress))
    files[reach_js.INDEX] = reach_js.index_data(index_doc(data, site_reach))
    files[paths.CSS] = css()
    files.update(assets.files())
    return Generated(Pages(files), images, nav_section(pages), revision, findings, topology, diagram_errors, docs, search)
