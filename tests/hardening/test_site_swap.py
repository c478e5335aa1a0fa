"""Issue 15 item 7: there is always a site — a build killed at any moment around the swap
leaves the old or the new one, and the next run cleans up what a killed build left."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from vpcdocs.site.publish import OLD_SITE, OWNER, exchange, recover

SPEC = "region: us-east-1\nvpcs:\n  vpc-a: {cidr: 10.0.0.0/16, name: NAME}\n"

# Builds the site twice (v1, v2); during the second build the process is killed (os._exit)
# right after the first rename-like call that moves the site folder, as kill -9 would.
SCRIPT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from vpcdocs.site import build as site_build, publish
    site = Path("site").absolute()
    site_build.build_site("specs", site, cache_dir="cache", diagrams=False)
    Path("specs/a.yaml").write_text(Path("specs/a.yaml").read_text().replace("first-version", "second-version"))
    if sys.argv[1] == "no-exchange":
        publish.exchange = lambda a, b: False
    def killing(real):
        def call(src, dst, *a, **k):
            real(src, dst, *a, **k)
            if Path(src).absolute() == site or Path(dst).absolute() == site:
                os._exit(9)
        return call
    os.replace = killing(os.replace)
    os.rename = killing(os.rename)
    site_build.build_site("specs", site, cache_dir="cache", diagrams=False)
""")


def _run(tmp_path: Path, mode: str) -> int:
    (tmp_path / "specs").mkdir(exist_ok=True)
    (tmp_path / "specs" / "a.yaml").write_text(SPEC.replace("NAME", "first-version"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    return proc.returncode


def _site_name(tmp_path: Path) -> str:
    html = (tmp_path / "site" / "network" / "vpcs" / "vpc-a.html").read_text(encoding="utf-8")
    return "v2" if "second-version" in html else "v1" if "first-version" in html else "?"


def test_killed_during_the_swap_a_site_is_still_there(tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("atomic exchange is tested on Linux")
    _run(tmp_path, "exchange")
    assert (tmp_path / "site" / "index.html").is_file()
    assert _site_name(tmp_path) == "v2"  # one atomic exchange: the kill came after it


def test_killed_between_the_two_renames_the_next_run_restores_the_site(tmp_path):
    assert _run(tmp_path, "no-exchange") == 9
    assert not (tmp_path / "site").exists()  # the window this fallback has...
    scratch = [p for p in tmp_path.iterdir() if p.name.startswith(".site.vpcdocs-")]
    assert len(scratch) == 1 and (scratch[0] / OLD_SITE).is_dir()
    # ...is closed by the next run, even one that fails (spec errors) and builds nothing
    (tmp_path / "specs" / "a.yaml").write_text("vpcs: [\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "vpcdocs", "build", "specs", "-q", "--cache-dir", "cache"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert _site_name(tmp_path) == "v1"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.vpcdocs-")]


def test_scratch_folders_of_dead_builds_are_removed_live_ones_kept(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for name, pid in (("dead", dead.pid), ("live", os.getppid())):
        scratch = tmp_path / f".site.vpcdocs-{name}"
        (scratch / "site").mkdir(parents=True)
        (scratch / OWNER).write_text(f"{pid}\n")
    legacy = tmp_path / ".site.vpcdocs-legacy"  # an older vpcdocs wrote no pid
    (legacy / "docs").mkdir(parents=True)
    os.utime(legacy, (0, 0))
    notes = recover(site)
    assert not (tmp_path / ".site.vpcdocs-dead").exists()
    assert not legacy.exists()
    assert (tmp_path / ".site.vpcdocs-live").exists()
    assert len(notes) == 2


def test_exchange_swaps_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not exchange(a, b):
        pytest.skip("no atomic exchange on this platform / file system")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_a_build_killed_before_it_wrote_its_pid_leaves_nothing_behind(tmp_path):
    """The owner is in the scratch folder's name from the moment it exists: a build killed
    right after creating it (no owner file yet) leaves a folder the next run removes at once."""
    from vpcdocs.site.publish import make_scratch, scratch_prefix

    site = tmp_path / "site"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp_path / f"{scratch_prefix(site)}{dead.pid}-x1y2z3"
    (orphan / "site").mkdir(parents=True)  # just created, never got its owner.pid
    mine = make_scratch(site)
    assert mine.name.startswith(f"{scratch_prefix(site)}{os.getpid()}-")
    recover(site)
    assert not orphan.exists() and mine.exists()  # the live owner's folder stays
