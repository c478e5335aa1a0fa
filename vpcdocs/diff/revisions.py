"""The two sides of a diff: git revisions of the repository holding the specs, the working
tree, or plain folders.

A revision is read without checking it out: ``git ls-tree`` lists the spec files under the
spec folder at that revision and ``git cat-file --batch`` reads them, so the working tree and
the index are never touched. Display names are paths relative to the repository root on
both sides; objects are matched by id later, so where a file lives never matters.

The default BASE is the merge-base of ``HEAD`` with the default branch (``origin/HEAD``, else
``main``, else ``master``, else their ``origin/`` counterparts); the default HEAD is the
working tree.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..spec import LoadResult, load_sources
from ..spec.loader import SPEC_SUFFIXES, find_spec_files

WORKTREE = "WORKTREE"


class RevisionError(Exception):
    """A side cannot be read: not a git repository, unknown revision, no default branch…"""


@dataclass(frozen=True)
class Side:
    """One side of the diff: what it is (``label``) and its spec files as (name, bytes)."""

    label: str
    sources: tuple[tuple[str, bytes], ...]
    kind: str  # "revision" | "worktree" | "folder"
    revision: str | None = None  # the full commit id for kind "revision"

    def load(self) -> LoadResult:
        return load_sources(list(self.sources))


def _git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}  # never wait for a password prompt
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], input=input, capture_output=True,
                              env=env, check=False)
    except FileNotFoundError as exc:  # pragma: no cover - git missing
        raise RevisionError("git is not installed") from exc
    if proc.returncode != 0:
        raise RevisionError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return proc.stdout


def repo_root(path: Path) -> Path:
    """The top folder of the git work tree that holds ``path`` (a folder, maybe not existing)."""
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.is_file():
        probe = probe.parent
    try:
        out = _git(probe, "rev-parse", "--show-toplevel")
    except RevisionError as exc:
        raise RevisionError(f"{path} is not inside a git repository ({exc})") from None
    return Path(out.decode().strip())


def _spec_prefix(root: Path, spec_dir: Path) -> str:
    """``spec_dir`` relative to the repository root, POSIX style ('' for the root)."""
    rel = os.path.relpath(spec_dir.resolve(), root.resolve())
    if rel.startswith(".."):
        raise RevisionError(f"{spec_dir} is outside the repository at {root}")
    return "" if rel == "." else rel.replace(os.sep, "/")


def resolve_revision(root: Path, rev: str) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except RevisionError:
        raise RevisionError(f"unknown git revision '{rev}' in {root}") from None


def is_revision(root: Path, rev: str) -> bool:
    try:
        resolve_revision(root, rev)
        return True
    except RevisionError:
        return False


def default_branch(root: Path) -> str:
    """origin/HEAD's branch, else ``main``, else ``master`` (local, then ``origin/``)."""
    try:
        ref = _git(root, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD").decode().strip()
        if ref:
            return ref.removeprefix("refs/remotes/")
    except RevisionError:
        pass
    for name in ("main", "master", "origin/main", "origin/master"):
        if is_revision(root, name):
            return name
    raise RevisionError("cannot find the default branch (no origin/HEAD, main or master); name BASE explicitly")


def default_base(root: Path) -> tuple[str, str]:
    """(label, commit) of the merge-base of HEAD with the default branch."""
    branch = default_branch(root)
    try:
        commit = _git(root, "merge-base", "HEAD", branch).decode().strip()
    except RevisionError as exc:
        raise RevisionError(f"no merge-base between HEAD and {branch}: {exc}") from None
    return f"merge-base with {branch}", commit


def _is_spec_path(path: str, prefix: str) -> bool:
    rel = path[len(prefix) + 1:] if prefix else path
    parts = rel.split("/")
    return path.endswith(SPEC_SUFFIXES) and not any(p.startswith(".") for p in parts)


def read_revision(root: Path, commit: str, prefix: str) -> tuple[tuple[str, bytes], ...]:
    """The spec files under ``prefix`` at ``commit``, sorted by path, read from git objects."""
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    if prefix:
        args += ["--", prefix]
    listing = _git(root, *args).decode("utf-8", "surrogateescape")
    entries = []
    for record in listing.split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, otype, oid = meta.split()
        if otype != "blob" or mode == "120000":  # symlinks are not followed
            continue
        if prefix and not (path == prefix or path.startswith(prefix + "/")):
            continue
        if _is_spec_path(path, prefix):
            entries.append((path, oid))
    entries.sort(key=lambda e: e[0][len(prefix):] if prefix else e[0])
    if not entries:
        return ()
    batch = _git(root, "cat-file", "--batch", input="".join(f"{oid}\n" for _, oid in entries).encode())
    out = []
    pos = 0
    for path, _oid in entries:
        header_end = batch.index(b"\n", pos)
        header = batch[pos:header_end].split()
        size = int(header[2])
        start = header_end + 1
        out.append((path, batch[start:start + size]))
        pos = start + size + 1
    return tuple(out)


def read_folder(folder: Path, name_root: Path | None = None) -> tuple[tuple[str, bytes], ...]:
    """The spec files of a folder as on disk, named relative to ``name_root`` (default: the folder)."""
    base = name_root or folder
    out = []
    for p in find_spec_files(folder):
        rel = os.path.relpath(p, base).replace(os.sep, "/")
        out.append((rel, p.read_bytes()))
    return tuple(out)


def _short(commit: str) -> str:
    return commit[:12]


def resolve_sides(base: str | None, head: str | None, spec_dir: str = "specs",
                  cwd: str | os.PathLike | None = None) -> tuple[Side, Side]:
    """Turn the command line's BASE / HEAD / SPEC_DIR into the two sides.

    * BASE and HEAD both existing folders → folder against folder (SPEC_DIR unused);
    * otherwise git: BASE a revision (default: merge-base with the default branch), HEAD a
      revision or ``WORKTREE``/None for the working tree, both read under SPEC_DIR.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()

    def path_of(text: str) -> Path:
        p = Path(text)
        return p if p.is_absolute() else here / p

    if base is not None and head is not None and head != WORKTREE \
            and path_of(base).is_dir() and path_of(head).is_dir():
        return (Side(base, read_folder(path_of(base)), "folder"),
                Side(head, read_folder(path_of(head)), "folder"))
    if base is not None and path_of(base).is_dir() and (head is None or head == WORKTREE):
        raise RevisionError(f"BASE '{base}' is a folder: give HEAD as a folder too (or BASE as a git revision)")

    spec_path = path_of(spec_dir)
    root = repo_root(spec_path)
    prefix = _spec_prefix(root, spec_path)
    shown_dir = prefix or "."

    if base is None:
        base_label, base_commit = default_base(root)
    else:
        base_commit = resolve_revision(root, base)
        base_label = base
    base_side = Side(f"{base_label} ({_short(base_commit)})", read_revision(root, base_commit, prefix),
                     "revision", base_commit)

    if head is None or head == WORKTREE:
        sources = read_folder(spec_path, root) if spec_path.exists() else ()
        head_side = Side(f"working tree ({shown_dir})", sources, "worktree")
    else:
        head_commit = resolve_revision(root, head)
        head_side = Side(f"{head} ({_short(head_commit)})", read_revision(root, head_commit, prefix),
                         "revision", head_commit)
    return base_side, head_side
