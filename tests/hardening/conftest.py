"""Shared helpers of the hardening tests (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = (REPO / "tests" / "spec" / "data" / "issue2_example.yaml").read_text(encoding="utf-8")


def vpcdocs(*args: str, cwd: Path, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command in a child process (stdout and stderr as text, never a hang)."""
    return subprocess.run([sys.executable, "-m", "vpcdocs", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "NO_COLOR": "1", **(env or {})})


@pytest.fixture
def example() -> str:
    return EXAMPLE


def _mount_tmpfs(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    return proc.returncode == 0


@pytest.fixture
def readonly_dir(tmp_path: Path):
    """A folder nothing can be written to: a read-only tmpfs (as root), else chmod 555."""
    target = tmp_path / "readonly"
    if os.geteuid() == 0:
        if not _mount_tmpfs(target, "ro,size=64k"):
            pytest.skip("cannot mount a read-only tmpfs here")
        try:
            yield target
        finally:
            subprocess.run(["umount", str(target)], capture_output=True)
        return
    target.mkdir()
    target.chmod(0o555)
    try:
        yield target
    finally:
        target.chmod(0o755)


@pytest.fixture
def full_dir(tmp_path: Path):
    """A folder on a full file system (a tiny tmpfs, filled up); root only."""
    target = tmp_path / "full"
    if os.geteuid() != 0 or not _mount_tmpfs(target, "size=64k"):
        pytest.skip("needs root to mount a tiny tmpfs")
    try:
        try:
            with open(target / ".filler", "wb") as fh:
                while True:
                    fh.write(b"\0" * 4096)
                    fh.flush()
        except OSError:
            pass  # full
        yield target
    finally:
        subprocess.run(["umount", str(target)], capture_output=True)
