"""Load the specs, compute, and produce every generated file in memory: the one page
generator both ``vpcdocs build`` and the MkDocs plugin use.

Returns a :class:`Generated`: Markdown pages and CSS as bytes (deterministic: same specs →
byte-identical pages), diagrams as paths of rendered files in the diagram cache, and the nav
section listing the pages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..analysis import reach as reach_api
from ..analysis.findings import collect_findings
from ..diagnostics import Diagnostic, Location, error
from ..model import Topology
from ..spec import load_specs
from ..spec.loader import display_path
from . import paths
from .context import SiteData, sources_relative_to
from .pages import all_pages, nav_section
from .revision import Revision, spec_revision

Progress = Callable[[str], None]

DEFAULT_CACHE_DIR = Path(".cache") / "vpcdocs"


class SpecError(Exception):
    """The specs have errors: nothing was generated. ``diagnostics`` says what."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{sum(1 for d in diagnostics if d.severity == 'error')} error(s) in the specs")
        self.diagnostics = diagnostics


@dataclass
class Generated:
    pages: dict[str, bytes]  # docs path -> Markdown (and CSS) bytes
    images: dict[str, Path]  # docs path -> rendered file (in the diagram cache)
    nav: list  # the "Network" nav section's entries
    revision: Revision
    diagnostics: list[Diagnostic] = field(default_factory=list)  # loader warnings + lint findings
    topology: Topology | None = None
    diagram_errors: list[Diagnostic] = field(default_factory=list)  # D-DIAGRAM: diagrams not drawn

    @property
    def markdown_pages(self) -> dict[str, bytes]:
        return {p: b for p, b in self.pages.items() if p.endswith(".md")}

    def write(self, docs_dir: str | os.PathLike) -> None:
        """Write every generated file under ``docs_dir`` (images are copied)."""
        root = Path(docs_dir)
        for rel, data in sorted(self.pages.items()):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
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
        from ..render.diagram import GraphvizError, render_site_diagrams
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
    if progress:
        progress(f"rendering diagrams ({len(topology.vpcs) + 1}, cached in {cache_dir})")
    produced = render_site_diagrams(topology, out_dir, cache_dir / "diagrams", formats=("svg",))
    images: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    hits = 0
    for f in produced:
        if f.error is not None:
            what = "the overview diagram" if f.diagram == "overview" else f"the diagram of VPC '{f.diagram}'"
            problems.append(error("D-DIAGRAM", f"{what} could not be drawn: {f.error}",
                                  _diagram_location(topology, f.diagram, spec_dir), resource=f.diagram))
            continue
        docs_path = f"{paths.IMAGES}/overview.svg" if f.diagram == "overview" else paths.vpc_image(f.diagram)
        images[docs_path] = Path(f.path)
        hits += bool(f.cache_hit)
        if progress:
            for w in f.warnings:
                progress(f"diagram {f.diagram}: {w}")
    if progress:
        progress(f"diagrams: {len(images) - hits} rendered, {hits} from the cache"
                 + (f", {len(problems)} failed" if problems else ""))
    return images, problems


def css() -> bytes:
    return resources.files("vpcdocs.site").joinpath("assets/vpcdocs.css").read_bytes()


def generate(spec_dir: str | os.PathLike, *, cache_dir: str | os.PathLike | None = None,
             diagrams: bool = True, use_git: bool = True, progress: Progress | None = None) -> Generated:
    """Load ``spec_dir`` and produce every generated file. Raises :class:`SpecError` when the
    specs have errors."""
    if progress:
        progress(f"loading specs from {spec_dir}")
    result = load_specs(spec_dir)
    if not result.ok:
        raise SpecError(result.diagnostics)
    topology = result.topology
    findings = collect_findings(topology, result.diagnostics)
    revision = spec_revision(spec_dir, use_git=use_git)
    images, diagram_errors = (_diagrams(topology, Path(cache_dir or DEFAULT_CACHE_DIR), progress, spec_dir)
                              if diagrams else ({}, []))
    data = SiteData(topology, revision, findings=findings, images=frozenset(images), reach=reach_api)
    if progress:
        progress(f"writing pages ({len(topology.vpcs)} VPCs)")
    with sources_relative_to(spec_dir):  # page text independent of the working directory
        pages = all_pages(data)
    files = {path: f"{text.rstrip()}\n\n{paths.GENERATED_MARKER}\n".encode() for path, _title, text in pages}
    files[paths.CSS] = css()
    return Generated(files, images, nav_section(pages), revision, findings, topology, diagram_errors)
