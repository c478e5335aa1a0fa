"""Helpers of the command-line tests (imported by name: keep this module name unique)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from vpcdocs.cli import cli

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "specs"
EXAMPLE_TEXT = (REPO / "tests" / "spec" / "data" / "issue2_example.yaml").read_text(encoding="utf-8")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real console entry point in a child process."""
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    return subprocess.run([sys.executable, "-m", "vpcdocs", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env=env)


def invoke(*args: str):
    """The click command in-process (stdout and stderr kept apart)."""
    return CliRunner().invoke(cli, list(args), prog_name="vpcdocs", catch_exceptions=False)


def write_specs(root: Path, files: dict[str, str | bytes], folder: str = "specs") -> Path:
    spec_dir = root / folder
    for name, content in files.items():
        path = spec_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    spec_dir.mkdir(parents=True, exist_ok=True)
    return spec_dir
