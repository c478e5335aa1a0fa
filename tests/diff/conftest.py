"""Fixtures of the ``vpcdocs diff`` tests (helpers live in :mod:`diff_helpers`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from diff_helpers import BASE_SPEC, Repo


@pytest.fixture
def repo(tmp_path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    r = Repo(tmp_path / "net")
    r.write("specs/net.yaml", BASE_SPEC)
    r.commit("base network")
    return r


@pytest.fixture
def run_diff(monkeypatch):
    """Run the ``vpcdocs diff`` click command in a folder; returns the click Result."""
    from vpcdocs.cli import cli  # through the real command group, as users run it

    def run(cwd: Path, *args: str):
        monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)

    return run
