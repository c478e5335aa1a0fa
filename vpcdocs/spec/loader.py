"""Load a spec tree: find the files, read and validate each, build one topology.

Every problem in every file is collected — a run reports them all, never only the first —
and nothing here raises for bad input.

Discovery and reading are defensive (:mod:`.files`: the spec folder may come from an
untrusted pull request). The parser, validator and model are imported when specs are
loaded, not when this module is: tools that only read the files (a no-op build hashing
them) start without them.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Location, Severity, error, sort_diagnostics
from .files import (  # noqa: F401  (re-exported: where they were before)
    MAX_FILE_BYTES,
    MAX_TOTAL_BYTES,
    SPEC_SUFFIXES,
    Candidate,
    discover,
    display_path,
    find_spec_files,
    iter_sources,
    read_bounded,
)

if TYPE_CHECKING:  # imported where used: reading spec files (no-op builds) needs none of them
    from ..model import Topology
    from .types import Rec


@dataclass
class LoadResult:
    topology: Topology
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # where each VPC is written: (file, first line, last line, VPC id), for telling which
    # VPC a diagnostic is inside (see :func:`vpcdocs.analysis.partial.partial_findings`)
    vpc_spans: list[tuple[str, int, int, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


def _validate(tree, filename: str, diags: list[Diagnostic]) -> Rec | None:
    from .schema import SPEC_FILE
    from .types import INVALID
    from .yaml_reader import MMap

    if tree is None:
        return None
    if not isinstance(tree, MMap):
        diags.append(error("S-TYPE", "a spec file must be a mapping with keys such as 'vpcs' and 'peerings'",
                           tree.loc))
        return None
    rec = SPEC_FILE.check(tree, diags)
    return None if rec is INVALID else rec


_UNKNOWN_REF = re.compile(r"^unknown [^']*'([^']+)'")


def _consequences(build_diags: list[Diagnostic], unread: list[bytes]) -> list[Diagnostic]:
    """Reference errors that are only a consequence of a file that could not be read: an
    ``unknown … 'x'`` whose ``x`` is written in such a file (it is probably defined there).
    Reporting them would send the user after problems that vanish once the file is fixed."""
    if not unread:
        return []
    out = []
    for d in build_diags:
        m = _UNKNOWN_REF.match(d.message) if d.code == "S-REF" else None
        if m and any(m.group(1).encode("utf-8", "surrogatepass") in data for data in unread):
            out.append(d)
    return out


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while specs load. Loading makes millions of small
    objects and almost no garbage; with the collector on, it walks the growing heap over and
    over (1,000 VPCs: 3x slower). Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_sources(sources: list[tuple[str, bytes]]) -> LoadResult:
    """Load specs given as (display name, bytes) pairs — the core every entry point shares.

    Every layer runs for every file: a file that cannot be parsed does not stop the others
    from being validated, and schema errors do not stop the reference checks. Only reference
    errors that merely follow from an unreadable file (its ids are unknown) are left out."""
    with _gc_paused():
        return _load_sources(sources)


def _load_sources(sources: list[tuple[str, bytes]]) -> LoadResult:
    from .build import FileSpec, build_topology
    from .yaml_reader import read_yaml_bytes

    diags: list[Diagnostic] = []
    files: list[FileSpec] = []
    unread: list[bytes] = []
    spans: list[tuple[str, int, int, str]] = []
    for name, data in sources:
        tree, file_diags = read_yaml_bytes(data, name)
        diags.extend(file_diags)
        spans += _vpc_spans(tree, name, data)
        rec = _validate(tree, name, diags)
        if rec is not None:
            files.append(FileSpec(name, rec))
        elif any(d.severity is Severity.ERROR for d in file_diags):
            unread.append(data)
    topology, build_diags = build_topology(files)
    skipped = {id(d) for d in _consequences(build_diags, unread)}
    diags.extend(d for d in build_diags if id(d) not in skipped)
    return LoadResult(topology, sort_diagnostics(diags), spans)


def _vpc_spans(tree: object, name: str, data: bytes) -> list[tuple[str, int, int, str]]:
    """(file, first line, last line, id) of each entry under ``vpcs:``: from its key to the
    line before the next VPC's key (the last one: to the line before the next top-level key)."""
    from .yaml_reader import MMap

    if not isinstance(tree, MMap):
        return []
    vpcs = tree.get("vpcs")
    if not isinstance(vpcs, MMap) or not vpcs.entries:
        return []
    top_lines = sorted(k.loc.line for k, _ in tree.entries)
    start_of_vpcs = vpcs.entries[0][0].loc.line
    after = next((ln for ln in top_lines if ln > start_of_vpcs), data.count(b"\n") + 2)
    keys = [(k.loc.line, str(k.value)) for k, _ in vpcs.entries]
    out = []
    for i, (line, vpc_id) in enumerate(keys):
        end = keys[i + 1][0] - 1 if i + 1 < len(keys) else after - 1
        out.append((name, line, max(line, end), vpc_id))
    return out


def load_specs(path: str | os.PathLike = "specs") -> LoadResult:
    """Load the spec tree at ``path`` (a folder of YAML files, or one file)."""
    from ..model import Topology

    root = Path(path)
    if not root.exists():
        return LoadResult(Topology(), [error("S-IO", "no such file or folder", Location(str(path)))])
    diags: list[Diagnostic] = []
    sources: list[tuple[str, bytes]] = []
    for p, data, problem in iter_sources(root):
        if problem is not None:
            diags.append(problem)
        elif data is not None:
            sources.append((display_path(p), data))
    if not sources and not diags:
        return LoadResult(Topology(), [error("S-IO", "no *.yaml spec files found", Location(str(path)))])
    result = load_sources(sources)
    result.diagnostics = sort_diagnostics([*diags, *result.diagnostics])
    return result


def load_spec_text(text: str | bytes, filename: str = "spec.yaml") -> LoadResult:
    """Load one spec from a string (handy in tests and tools)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_sources([(filename, data)])
