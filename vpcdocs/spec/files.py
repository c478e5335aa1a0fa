"""Finding and reading spec files, defensively — the part of loading that needs no YAML.

A spec folder may come from an untrusted pull request: only regular files are read (a FIFO,
device or socket named ``*.yaml`` is reported, never opened for blocking reads), a symbolic
link is followed only when it leads to a file inside the spec folder (one leading outside is
a located ``S-SYMLINK`` error and is not read), and every file is read with a size bound
before it is read whole. Light on purpose: a no-op ``vpcdocs build`` hashes the spec files
through :func:`iter_sources` without importing the loader's parser, validator or model.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Location, error

MAX_FILE_BYTES = 16 * 1024 * 1024  # a spec is hand-written or imported YAML, not a data dump
SPEC_SUFFIXES = (".yaml", ".yml")
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all spec files of one tree together
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def too_large(filename: str, size: int | None = None) -> Diagnostic:
    """``S-TOO-LARGE`` for a file over :data:`MAX_FILE_BYTES` (``size`` when known exactly)."""
    how = f"is {size / 1048576:.1f} MiB" if size is not None else "is larger than that"
    return error(
        "S-TOO-LARGE",
        f"file {how}; specs are limited to {MAX_FILE_BYTES // 1048576} MiB",
        Location(filename, 1, 1),
        hint="split the estate into one file per VPC or per account",
    )


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
