"""Load a spec tree: find the files, read and validate each, build one topology.

Every problem in every file is collected — a run reports them all, never only the first —
and nothing here raises for bad input.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Location, Severity, error, sort_diagnostics
from ..model import Topology
from .build import FileSpec, build_topology
from .schema import SPEC_FILE
from .types import INVALID, Rec
from .yaml_reader import MMap, read_yaml_bytes

SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    topology: Topology
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


def display_path(path: Path) -> str:
    """The path as users wrote it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path).replace(os.sep, "/") if not os.path.relpath(path).startswith("..") \
            else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def find_spec_files(root: Path, problems: list[OSError] | None = None) -> list[Path]:
    """``*.yaml``/``*.yml`` under ``root`` (recursively, hidden folders skipped), sorted.

    Folders that cannot be listed are appended to ``problems`` (when given) instead of being
    skipped silently.
    """
    if root.is_file():
        return [root]
    found = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append if problems is not None else None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.endswith(SPEC_SUFFIXES) and not name.startswith("."):
                found.append(Path(dirpath) / name)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _validate(tree, filename: str, diags: list[Diagnostic]) -> Rec | None:
    if tree is None:
        return None
    if not isinstance(tree, MMap):
        diags.append(error("S-TYPE", "a spec file must be a mapping with keys such as 'vpcs' and 'peerings'",
                           tree.loc))
        return None
    rec = SPEC_FILE.check(tree, diags)
    return None if rec is INVALID else rec


def load_sources(sources: list[tuple[str, bytes]]) -> LoadResult:
    """Load specs given as (display name, bytes) pairs — the core every entry point shares."""
    diags: list[Diagnostic] = []
    files: list[FileSpec] = []
    for name, data in sources:
        tree, file_diags = read_yaml_bytes(data, name)
        diags.extend(file_diags)
        rec = _validate(tree, name, diags)
        if rec is not None:
            files.append(FileSpec(name, rec))
    topology, build_diags = build_topology(files)
    diags.extend(build_diags)
    return LoadResult(topology, sort_diagnostics(diags))


def load_specs(path: str | os.PathLike = "specs") -> LoadResult:
    """Load the spec tree at ``path`` (a folder of YAML files, or one file)."""
    root = Path(path)
    if not root.exists():
        return LoadResult(Topology(), [error("S-IO", "no such file or folder", Location(str(path)))])
    problems: list[OSError] = []
    paths = find_spec_files(root, problems)
    diags = [error("S-IO", f"cannot read folder: {exc.strerror or exc}",
                   Location(display_path(Path(exc.filename)) if exc.filename else str(path)))
             for exc in problems]
    if not paths:
        return LoadResult(Topology(), diags or [error("S-IO", "no *.yaml spec files found", Location(str(path)))])
    sources = []
    for p in paths:
        try:
            sources.append((display_path(p), p.read_bytes()))
        except OSError as exc:
            diags.append(error("S-IO", f"cannot read file: {exc.strerror}", Location(display_path(p))))
    result = load_sources(sources)
    result.diagnostics = sort_diagnostics([*diags, *result.diagnostics])
    return result


def load_spec_text(text: str | bytes, filename: str = "spec.yaml") -> LoadResult:
    """Load one spec from a string (handy in tests and tools)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_sources([(filename, data)])
