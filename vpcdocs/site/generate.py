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

from ..diagnostics import Diagnostic, sort_diagnostics
from ..model import Topology
from ..spec import load_specs
from . import paths
from .context import SiteData
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


def _lint(topology: Topology) -> list[Diagnostic]:
    """Lint findings and failed ``expect:`` entries, from whichever of them is available."""
    out: list[Diagnostic] = []
    try:
        from ..analysis.lint import run_lint
    except ImportError:
        pass
    else:
        out += run_lint(topology)
    try:
        from ..analysis.reach import check_expectations
    except ImportError:
        pass
    else:
        out += check_expectations(topology)
    return out


def _reach_module():
    """The reachability API when issue 5 has shipped it, else None."""
    try:
        from ..analysis import reach
    except ImportError:
        return None
    return reach if hasattr(reach, "vpc_matrix") else None


def _diagrams(topology: Topology, cache_dir: Path, progress: Progress | None) -> dict[str, Path]:
    """Render (or reuse from the cache) the overview and per-VPC diagrams: docs path -> file."""
    try:
        from ..render.diagram import GraphvizError, render_site_diagrams
    except ImportError:
        return {}
    out_dir = cache_dir / "site-diagrams"
    out_dir.mkdir(parents=True, exist_ok=True)
    if progress:
        progress(f"rendering diagrams ({len(topology.vpcs) + 1}, cached in {cache_dir})")
    try:
        produced = render_site_diagrams(topology, out_dir, cache_dir / "diagrams", formats=("svg",))
    except (GraphvizError, OSError) as exc:  # Graphviz missing or broken: the pages are still worth having
        if progress:
            progress(f"WARNING: diagrams skipped: {type(exc).__name__}: {exc}")
        return {}
    images: dict[str, Path] = {}
    hits = 0
    for f in produced:
        docs_path = f"{paths.IMAGES}/overview.svg" if f.diagram == "overview" else paths.vpc_image(f.diagram)
        images[docs_path] = Path(f.path)
        hits += bool(f.cache_hit)
        if progress:
            for w in f.warnings:
                progress(f"diagram {f.diagram}: {w}")
    if progress:
        progress(f"diagrams: {len(produced) - hits} rendered, {hits} from the cache")
    return images


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
    findings = sort_diagnostics([*result.diagnostics, *_lint(topology)])
    revision = spec_revision(spec_dir, use_git=use_git)
    images = _diagrams(topology, Path(cache_dir or DEFAULT_CACHE_DIR), progress) if diagrams else {}
    data = SiteData(topology, revision, findings=findings, images=frozenset(images), reach=_reach_module())
    if progress:
        progress(f"writing pages ({len(topology.vpcs)} VPCs)")
    pages = all_pages(data)
    files = {path: f"{text.rstrip()}\n\n{paths.GENERATED_MARKER}\n".encode() for path, _title, text in pages}
    files[paths.CSS] = css()
    return Generated(files, images, nav_section(pages), revision, findings, topology)
