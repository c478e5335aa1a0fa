"""Fixtures of the hardening tests (issue 15)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hardening_helpers import EXAMPLE


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
