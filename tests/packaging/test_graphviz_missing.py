"""Without Graphviz: commands that draw say how to install it (per OS) and exit 1; the others
work. PATH is narrowed to a folder holding only git, so ``dot`` really cannot be found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpcdocs.cli import cli
from vpcdocs.graphviz_check import install_hint, missing_dot_message

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_dot(tmp_path, monkeypatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    git = shutil.which("git")
    if git:
        (bindir / "git").symlink_to(git)
    monkeypatch.setenv("PATH", str(bindir))
    assert shutil.which("dot") is None
    work = tmp_path / "work"
    shutil.copytree(REPO / "specs", work / "specs")
    monkeypatch.chdir(work)
    return work


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("args", [
    ["build", "specs", "--site-dir", "site"],
    ["build", "specs", "--pages-dir", "pages", "--check"],
    ["serve", "specs"],
    ["diagram", "specs", "--overview", "-o", "o.svg"],
    ["diagram", "specs", "--vpc", "vpc-a", "--format", "png", "-o", "a.png"],
    ["diff", "specs", "specs", "--diagrams-dir", "d"],
])
def test_drawing_commands_say_how_to_install_graphviz(no_dot, args):
    res = invoke(*args)
    assert res.exit_code == 1
    assert f"vpcdocs {args[0]}" in res.stderr and "needs Graphviz" in res.stderr
    for cmd in ("sudo apt-get install graphviz", "sudo dnf install graphviz", "brew install graphviz",
                "winget install", "choco install graphviz"):
        assert cmd in res.stderr
    assert "Traceback" not in res.output
    assert not any(p.name in ("site", "pages", "o.svg", "a.png", "d") for p in no_dot.iterdir())


@pytest.mark.parametrize("args", [
    ["check", "specs"],
    ["routes", "specs", "--vpc", "vpc-a"],
    ["reach", "specs", "--matrix"],
    ["schema"],
    ["diagram", "specs", "--overview", "--format", "dot", "-o", "-"],
    ["diff", "specs", "specs", "--format", "json"],
    ["diff", "specs", "specs", "--output-dir", "out", "--no-diagrams"],
])
def test_other_commands_work_without_graphviz(no_dot, args):
    res = invoke(*args)
    assert res.exit_code == 0, res.output
    assert "Graphviz" not in res.stderr


def test_import_works_without_graphviz(no_dot):
    fixtures = REPO / "tests" / "fixtures" / "importers" / "batfish" / "test-vpc-endpoint-gateway"
    if not fixtures.is_dir():
        pytest.skip("importer fixture moved")
    res = invoke("import", "aws-json", str(fixtures), "-o", "imported")
    assert res.exit_code == 0, res.output
    assert list((no_dot / "imported").rglob("*.yaml"))


def test_install_hint_lists_this_os_first():
    assert install_hint("Darwin").splitlines()[0].strip().startswith("macOS:")
    assert install_hint("Windows").splitlines()[0].strip().startswith("Windows:")
    linux = install_hint("Linux").splitlines()
    assert linux[0].strip().startswith("Debian/Ubuntu:") and len(linux) == 5
    assert missing_dot_message("vpcdocs build", "Linux").startswith("error: vpcdocs build needs Graphviz")
