"""Which spec revision a site was built from: git commit of the spec dir, plus a content hash.

The content hash (SHA-256 over every spec file's relative path and bytes, in sorted order)
is always shown: it is deterministic and names exactly what was read. In a git work tree
the commit that last touched the spec dir is added (``git describe`` when tagged), and
"+ uncommitted changes" when the spec dir differs from it; outside git: "working tree".
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..spec.loader import iter_sources


@dataclass(frozen=True)
class Revision:
    content_hash: str  # 12 hex digits
    git: str | None = None  # "v1.2-3-gabc1234", "abc1234" (+ " + uncommitted changes") or None
    timestamp: int | None = None  # commit time of that revision (for SOURCE_DATE_EPOCH)

    @property
    def label(self) -> str:
        vcs = self.git if self.git else "working tree"
        return f"{vcs}, specs {self.content_hash}"


def content_hash(spec_dir: str | os.PathLike) -> str:
    root = Path(spec_dir)
    digest = hashlib.sha256()
    if root.exists():
        base = root if root.is_dir() else root.parent
        for path, data, _problem in iter_sources(root):  # the files the loader reads, read the same way
            if data is not None:
                digest.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0")
                digest.update(data + b"\0")
    return digest.hexdigest()[:12]


def _git(cwd: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=10,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def git_revision(spec_dir: str | os.PathLike) -> tuple[str, int] | None:
    """``(describe text, commit time)`` of the last commit touching ``spec_dir``, or None."""
    root = Path(spec_dir).resolve()
    cwd = root if root.is_dir() else root.parent
    if not cwd.exists() or _git(cwd, "rev-parse", "--is-inside-work-tree") != "true":
        return None
    last = _git(cwd, "log", "-1", "--format=%H %ct", "--", ".")
    if not last:
        return None  # spec dir not committed yet
    commit, _, when = last.partition(" ")
    text = _git(cwd, "describe", "--tags", "--always", "--abbrev=7", commit) or commit[:7]
    dirty = _git(cwd, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if dirty:
        text += " + uncommitted changes"
    return text, int(when) if when.isdigit() else 0


def spec_revision(spec_dir: str | os.PathLike, use_git: bool = True) -> Revision:
    git = git_revision(spec_dir) if use_git else None
    return Revision(content_hash(spec_dir), git[0] if git else None, git[1] if git else None)
