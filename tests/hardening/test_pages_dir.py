"""Issue 15 item 1: ``build --pages-dir`` only ever touches files it wrote itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpcdocs.cli import cli
from vpcdocs.site.pages_dir import MANIFEST

TWO_VPCS = """\
region: us-east-1
vpcs:
  vpc-a: {cidr: 10.0.0.0/16}
  vpc-b: {cidr: 10.1.0.0/16}
"""


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "net.yaml").write_text(TWO_VPCS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(*extra: str):
    return CliRunner().invoke(cli, ["build", "specs", "--site-dir", "site", "-q", "--cache-dir", "cache", *extra])


def test_refuses_a_folder_with_the_users_files_and_changes_nothing(project):
    docs = project / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "runbook.md").write_text("# Runbook\n")
    (docs / "logo.svg").write_text("<svg/>")
    (docs / "index.md").write_text("# My home page\n")
    before = _snapshot(docs)
    result = build("--pages-dir", "docs")
    assert result.exit_code == 1
    assert "error[PAGES-DIR]: docs holds files vpcdocs did not write" in result.output
    assert "nothing in docs was changed" in result.output
    assert _snapshot(docs) == before


def test_users_files_in_a_pages_folder_are_never_touched(project):
    assert build("--pages-dir", "docs/network").exit_code == 0
    pages = project / "docs" / "network"
    manifest = json.loads((pages / MANIFEST).read_text())
    assert "vpcs/vpc-b.md" in manifest["files"] and "index.md" in manifest["files"]
    # the user adds a page of their own, in the folder and in a sub-folder vpcdocs also uses
    (pages / "notes.md").write_text("mine\n")
    (pages / "vpcs" / "extra.svg").write_text("<svg/>")
    # vpc-b disappears from the specs: its page goes, the user's files stay
    (project / "specs" / "net.yaml").write_text(TWO_VPCS.replace("  vpc-b: {cidr: 10.1.0.0/16}\n", ""))
    assert build("--pages-dir", "docs/network").exit_code == 0
    assert not (pages / "vpcs" / "vpc-b.md").exists()
    assert (pages / "notes.md").read_text() == "mine\n"
    assert (pages / "vpcs" / "extra.svg").read_text() == "<svg/>"
    assert "vpcs/vpc-b.md" not in json.loads((pages / MANIFEST).read_text())["files"]


def test_a_user_file_where_a_page_would_go_is_not_overwritten(project):
    pages = project / "docs" / "network"
    assert build("--pages-dir", "docs/network").exit_code == 0
    (pages / "index.md").write_text("# My own overview, no marker\n")
    result = build("--pages-dir", "docs/network")
    assert result.exit_code == 1
    assert "index.md no longer carries the vpcdocs marker" in result.output
    assert (pages / "index.md").read_text() == "# My own overview, no marker\n"


def test_pages_of_an_older_vpcdocs_without_manifest_are_adopted(project):
    pages = project / "docs" / "network"
    assert build("--pages-dir", "docs/network").exit_code == 0
    (pages / MANIFEST).unlink()
    assert build("--pages-dir", "docs/network").exit_code == 0
    assert (pages / MANIFEST).is_file()


def test_check_never_calls_a_users_file_extra(project):
    assert build("--pages-dir", "docs/network").exit_code == 0
    (project / "docs" / "network" / "notes.md").write_text("mine\n")
    result = CliRunner().invoke(cli, ["build", "specs", "--pages-dir", "docs/network", "--check", "-q",
                                      "--cache-dir", "cache"])
    assert result.exit_code == 0, result.output


def test_the_users_pages_next_to_committed_ones_are_in_the_site(project):
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "mkdocs.yml").write_text("site_name: t\nuse_directory_urls: false\n")
    assert build("--pages-dir", "docs/network").exit_code == 0
    (project / "docs" / "network" / "notes.md").write_text("# Notes of mine\n")
    result = build("--pages-dir", "docs/network")
    assert result.exit_code == 0, result.output
    assert "Notes of mine" in (project / "site" / "network" / "notes.html").read_text()
    assert (project / "site" / "network" / "vpcs" / "vpc-a.html").is_file()
