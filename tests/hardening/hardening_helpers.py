"""Helpers of the hardening tests (imported by name: keep this module name unique)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = (REPO / "tests" / "spec" / "data" / "issue2_example.yaml").read_text(encoding="utf-8")


def vpcdocs(*args: str, cwd: Path, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command in a child process (stdout and stderr as text, never a hang)."""
    return subprocess.run([sys.executable, "-m", "vpcdocs", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "NO_COLOR": "1", **(env or {})})
