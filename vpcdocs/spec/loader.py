"""Load a spec tree: find the files, read and validate each, build one topology.

Every problem in every file is collected — a run reports them all, never only the first —
and nothing here raises for bad input.

Discovery is defensive, because a spec folder may come from an untrusted pull request:
only regular files are read (a FIFO, device or socket named ``*.yaml`` is reported, never
opened for blocking reads), a symbolic link is followed only when it leads to a file inside
the spec folder (one leading outside is a located ``S-SYMLINK`` error and is not read), and
every file is read with a size bound before it is read whole.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Location, Severity, error, sort_diagnostics
from ..model import Topology
from .build import FileSpec, build_topology
from .schema import SPEC_FILE
from .types import INVALID, Rec
from .yaml_reader import MAX_FILE_BYTES, MMap, read_yaml_bytes, too_large

SPEC_SUFFIXES = (".yaml", ".yml")
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all spec files of one tree together
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


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


def display_path(path: Path) -> str:
    """The path as users wrote it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return rel.replace(os.sep, "/") if not rel.startswith("..") else str(path)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


@dataclass(frozen=True)
class Candidate:
    """A file discovery found: ``path`` to read, or ``problem`` saying why it is not read."""

    path: Path
    problem: str | None = None
    code: str = "S-IO"


def discover(root: Path) -> tuple[list[Candidate], list[OSError]]:
    """``*.yaml``/``*.yml`` under ``root`` (recursively, hidden files and folders skipped),
    sorted, each either readable or with the reason it is not: a symbolic link leading
    outside ``root`` (file or folder), or not a regular file. Folders that cannot be listed
    are returned as errors."""
    problems: list[OSError] = []
    if not root.is_dir():
        return [Candidate(root)], problems
    real_root = os.path.realpath(root)
    found: list[Candidate] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append):
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            full = Path(dirpath) / d
            if full.is_symlink():  # os.walk does not descend: report one that leads outside
                if not _inside(os.path.realpath(full), real_root):
                    found.append(Candidate(full, _link_text(full, "folder"), "S-SYMLINK"))
                continue  # a link inside the tree: its files are read where they really are
            kept.append(d)
        dirnames[:] = kept
        for name in filenames:
            if name.endswith(SPEC_SUFFIXES) and not name.startswith("."):
                found.append(_classify(Path(dirpath) / name, real_root))
    return sorted(found, key=lambda c: c.path.relative_to(root).as_posix()), problems


def _link_text(path: Path, what: str) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return (f"symbolic link to a {what} outside the spec folder ({target}); not read — "
            f"specs are read only from inside the folder")


def _classify(path: Path, real_root: str) -> Candidate:
    try:
        st = os.lstat(path)
    except OSError as exc:
        return Candidate(path, f"cannot read file: {exc.strerror or exc}")
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except OSError as exc:
            return Candidate(path, f"cannot read file: broken symbolic link ({exc.strerror or exc})")
        if not _inside(os.path.realpath(path), real_root):
            return Candidate(path, _link_text(path, "file"), "S-SYMLINK")
    if not stat.S_ISREG(st.st_mode):
        return Candidate(path, f"not a regular file ({_kind(st.st_mode)}); not read")
    return Candidate(path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def find_spec_files(root: Path, problems: list[OSError] | None = None) -> list[Path]:
    """The readable spec files under ``root`` (see :func:`discover`), sorted. Files that are
    not read (links outside the folder, special files) are left out; :func:`load_specs`
    reports them."""
    candidates, errors = discover(Path(root))
    if problems is not None:
        problems.extend(errors)
    return [c.path for c in candidates if c.problem is None]


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, at most ``limit + 1`` of them (more means: too large).

    Never blocks: the file is opened non-blocking and refused unless ``fstat`` says it is a
    regular file (so a FIFO or device swapped in after discovery is still caught)."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, f"not a regular file ({_kind(st.st_mode)})", str(path))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def iter_sources(root: Path) -> Iterator[tuple[Path, bytes | None, Diagnostic | None]]:
    """Each spec file under ``root`` with its bytes, or the diagnostic why it was not read."""
    candidates, problems = discover(root)
    for exc in problems:
        where = display_path(Path(os.fsdecode(exc.filename))) if exc.filename else str(root)
        yield root, None, error("S-IO", f"cannot read folder: {exc.strerror or exc}", Location(where))
    total = 0
    for c in candidates:
        name = display_path(c.path)
        if c.problem is not None:
            yield c.path, None, error(c.code, c.problem, Location(name))
            continue
        if total > MAX_TOTAL_BYTES:
            yield c.path, None, error(
                "S-TOO-LARGE", f"not read: the spec files before it already hold more than "
                f"{MAX_TOTAL_BYTES // 1048576} MiB", Location(name))
            continue
        try:
            data = read_bounded(c.path)
        except OSError as exc:
            yield c.path, None, error("S-IO", f"cannot read file: {exc.strerror or exc}", Location(name))
            continue
        total += len(data)
        if len(data) > MAX_FILE_BYTES:
            try:
                size: int | None = os.stat(c.path).st_size
            except OSError:
                size = None
            yield c.path, None, too_large(name, size)
            continue
        yield c.path, data, None


def _validate(tree, filename: str, diags: list[Diagnostic]) -> Rec | None:
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
