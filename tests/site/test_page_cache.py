"""Generated pages whose content and surroundings did not change are written from the HTML the
last build kept (vpcdocs/site/page_cache.py) instead of going through the theme again — and
the site is byte-identical to one built without the cache, also when the spec revision in
every page's footer changed. A change to the site's config, or a plugin vpcdocs does not
know, keeps nothing."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from site_helpers import copy_specs, tree_digest

from vpcdocs.site.build import build_site

KEPT = re.compile(r"MkDocs: (\d+) of (\d+) generated pages unchanged since the last build")


@pytest.fixture
def project(tmp_path, monkeypatch):
    project = tmp_path / "p"
    copy_specs(project / "specs")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    (project / "mkdocs.yml").write_text("site_name: P\nuse_directory_urls: false\ntheme: {name: material, font: false}\n"
                                        "plugins: [search]\n")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    return project


def _build(project, site: str = "site", cache: str = "cache") -> tuple[list[str], str]:
    lines: list[str] = []
    build_site("specs", site, cache_dir=project.parent / cache, diagrams=False, progress=lines.append)
    found = [m for line in lines if (m := KEPT.search(line))]
    return lines, (f"{found[0].group(1)}/{found[0].group(2)}" if found else "")


def _fresh(project) -> str:
    shutil.rmtree(project / "fresh", ignore_errors=True)
    shutil.rmtree(project.parent / "fresh-cache", ignore_errors=True)
    _build(project, "fresh", "fresh-cache")
    return tree_digest(project / "fresh")


def _edit(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_unchanged_pages_are_kept_and_the_site_is_what_a_fresh_build_makes(project):
    _, kept = _build(project)
    assert kept.startswith("0/")  # nothing kept yet
    # a description of one VPC: its page (and the pages listing it) change, the others not;
    # the spec revision in every page's footer changes too
    _edit(project / "specs" / "peering.yaml", "    description: Hub VPC", "    description: (changed) Hub VPC")
    lines, kept = _build(project)
    done, total = map(int, kept.split("/"))
    assert 0 < done < total, lines
    assert tree_digest(project / "site") == _fresh(project)
    footer = (project / "site" / "network" / "index.html").read_text()
    revision = re.search(r"from spec revision ([^<]+)<", footer)
    assert revision is not None and revision.group(1) in (project / "fresh" / "network" / "index.html").read_text()


def test_a_config_change_keeps_nothing(project):
    _build(project)
    _edit(project / "specs" / "peering.yaml", "    description: Hub VPC", "    description: (changed) Hub VPC")
    _edit(project / "mkdocs.yml", "site_name: P", "site_name: Q")
    _, kept = _build(project)
    assert kept.startswith("0/")
    assert tree_digest(project / "site") == _fresh(project)


def test_with_a_plugin_vpcdocs_does_not_know_the_cache_is_not_used(project):
    _edit(project / "mkdocs.yml", "plugins: [search]", "plugins: [search, tags]")
    _build(project)
    _edit(project / "specs" / "peering.yaml", "    description: Hub VPC", "    description: (changed) Hub VPC")
    _, kept = _build(project)
    assert kept == ""  # not even asked
    assert not (project.parent / "cache" / "pages").exists()


def test_revision_from_git_changes_in_kept_pages(project):
    """In a git work tree the footer names the commit: a new commit changes every page's
    footer, and kept pages show the new one."""
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "one"], cwd=project, check=True)
    _build(project)
    _edit(project / "specs" / "peering.yaml", "    description: Hub VPC", "    description: (changed) Hub VPC")
    subprocess.run([*git, "commit", "-qam", "two"], cwd=project, check=True)
    _, kept = _build(project)
    assert not kept.startswith("0/")
    head = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=project, capture_output=True,
                          text=True, check=True).stdout.strip()
    for page in (project / "site" / "network").rglob("*.html"):
        assert f"revision {head}" in page.read_text(), page
    assert tree_digest(project / "site") == _fresh(project)


def test_a_new_page_in_the_nav_keeps_nothing(project):
    """Every page carries the nav: a new VPC (a new page listed in it) changes them all."""
    _build(project)
    (project / "specs" / "extra.yaml").write_text("region: eu-west-1\nvpcs:\n  vpc-new: {cidr: 10.99.0.0/16}\n")
    _, kept = _build(project)
    assert kept.startswith("0/")
    assert tree_digest(project / "site") == _fresh(project)


SITE_CHANGES = {
    # another page's title, as the sidebar of every page shows it (known only once pages are read)
    "a user page's title": ("docs/index.md", "# Home", "# Home of the network team"),
    # another page's metadata Material shows in the nav
    "a user page's front matter": ("docs/index.md", "# Home", "---\nsubtitle: where to start\n---\n# Home"),
    # config the theme reads: the table of contents' title, a script's attributes
    "the toc title": ("mkdocs.yml", "plugins: [search]\n", "plugins: [search]\nmarkdown_extensions:\n"
                      "  - toc: {title: On this page}\n"),
    "a script's type": ("mkdocs.yml", "plugins: [search]\n", "plugins: [search]\nextra_javascript:\n"
                        "  - {path: extra.js, type: module}\n"),
}


@pytest.mark.parametrize("change", list(SITE_CHANGES), ids=list(SITE_CHANGES))
def test_what_every_page_shows_is_in_the_key(project, change):
    file, old, new = SITE_CHANGES[change]
    if "extra.js" in new:
        (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text()
                                            + "extra_javascript:\n  - extra.js\n")
        (project / "docs" / "extra.js").write_text("// extra\n")
        new, old = "  - {path: extra.js, type: module}\n", "  - extra.js\n"
    _build(project)
    _edit(project / "specs" / "peering.yaml", "    description: Hub VPC", "    description: (changed) Hub VPC")
    _edit(project / file, old, new)
    _, kept = _build(project)
    assert kept.startswith("0/")
    assert tree_digest(project / "site") == _fresh(project)
