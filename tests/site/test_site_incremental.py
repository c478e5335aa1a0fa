"""No-op rebuilds and progress output.

A build whose inputs did not change leaves the site as it is without running MkDocs; any
change of an input (spec, docs, config, build option) or of the built site itself makes a
full build. Progress: every phase says what it does, plain lines when not on a terminal,
nothing with --quiet."""

from __future__ import annotations

import io
import re
import shutil

from click.testing import CliRunner
from site_helpers import REPO, copy_specs, tree_digest

from vpcdocs.cli import cli
from vpcdocs.site.build import build_site
from vpcdocs.site.progress import Reporter, phase
from vpcdocs.spec import load_specs


def test_noop_rebuild_reuses_the_site_and_any_input_change_rebuilds(tmp_path, monkeypatch):
    project = tmp_path / "p"
    specs = copy_specs(project / "specs")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    (project / "mkdocs.yml").write_text("site_name: P\nuse_directory_urls: false\ntheme: {name: material, font: false}\n"
                                        "plugins: [search]\n")
    monkeypatch.chdir(project)

    def build(**kw):
        return build_site("specs", "site", cache_dir=tmp_path / "cache", diagrams=False, **kw)

    first = build()
    assert not first.reused
    built = tree_digest(project / "site")
    again = build()
    assert again.reused and again.generated.pages == {}  # nothing generated, MkDocs not run
    assert tree_digest(project / "site") == built

    changes = [
        lambda: (specs / "peering.yaml").write_text((specs / "peering.yaml").read_text() + "# a comment\n"),
        lambda: (project / "docs" / "index.md").write_text("# Home, edited\n"),
        lambda: (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + "copyright: me\n"),
        lambda: (project / "site" / "network" / "index.html").unlink(),  # someone touched the site
    ]
    for change in changes:
        change()
        assert not build().reused
        assert build().reused
    assert not build(strict=True).reused  # a build option is an input too
    assert not build(reuse=False).reused


def test_pages_dir_never_reuses(tmp_path, monkeypatch):
    specs = copy_specs(tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    args = ["build", str(specs), "--site-dir", "site", "--cache-dir", "cache", "--no-diagrams"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    res = CliRunner().invoke(cli, [*args, "--pages-dir", "pages"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "pages" / "vpcs" / "vpc-a.md").is_file()


def test_progress_lines_without_a_terminal_and_quiet(tmp_path, monkeypatch):
    specs = copy_specs(tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["build", str(specs), "--cache-dir", "cache", "--no-diagrams"])
    assert res.exit_code == 0, res.output
    vpcs = len(load_specs(specs).topology.vpcs)
    for phase_text in ("loading specs", f"reachability: VPC rows and subnet matrices: {vpcs}/{vpcs}", "MkDocs: reading pages:",
                       "MkDocs: pages:",
                       "site built in"):
        assert phase_text in res.output, phase_text
    assert re.search(r"^\[ *[0-9.]+s\] pages: (\d+)/\1 in ", res.output, re.M), res.output  # every page made
    assert "\r" not in res.output and "\x1b" not in res.output  # plain lines when not a terminal
    quiet = CliRunner().invoke(cli, ["build", str(specs), "--cache-dir", "cache", "--no-diagrams", "-q", "--site-dir",
                                     "site2"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_reporter_draws_a_bar_on_a_terminal():
    clock = iter(x * 0.2 for x in range(100))
    out = io.StringIO()
    r = Reporter(out, tty=True, clock=lambda: next(clock))
    with r.phase("diagrams", 4) as p:
        for _ in range(4):
            p.advance()
    text = out.getvalue()
    assert "\r\x1b[2K" in text and "diagrams [" in text and "#" in text and "diagrams: 4/4 in" in text
    assert text.endswith("\n")


def test_plain_phase_lines_are_throttled():
    lines: list[str] = []
    p = phase(lines.append, "pages", 1000)
    for _ in range(1000):
        p.advance()
    p.done()
    assert lines[-1].startswith("pages: 1000/1000 in") and len(lines) <= 3
