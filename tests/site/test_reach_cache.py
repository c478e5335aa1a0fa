"""A build keeps its reachability in the cache dir, and the next one recomputes only the
answers a change could move (vpcdocs/site/reach_cache.py). What it ships must be exactly
what a build without the cache ships: each test changes an estate in one way a user would
and compares the kept-and-patched reachability with a fresh computation, cell by cell and
reach data file by file — and checks that the cache was really used (or, for a change to
facts every answer may read, that it was not)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bench_estates import write_estate

from vpcdocs.routing import dataplane
from vpcdocs.routing.footprint import footprint, transit_vpcs
from vpcdocs.site import reach_compute, reach_data, reach_js
from vpcdocs.site.background import forks
from vpcdocs.site.reach_cache import Kept, ReachCache, Reuse, engine, plan
from vpcdocs.sorting import natural_sorted
from vpcdocs.spec import load_specs

VPCS = 24


def _compute(folder: Path, kept: Kept | None, parts: int = 1) -> tuple[reach_data.SiteReach, Kept, Reuse | None]:
    topology = load_specs(folder).topology
    dp = dataplane(topology).compute_all()
    prints = footprint(dp)
    vpcs = tuple(natural_sorted(v.id for v in topology.vpcs))
    reuse = plan(kept, prints, vpcs)
    reach = reach_compute.compute(topology, None, parts=parts, reuse=reuse)
    files = {v: (kept.files[v] if reuse is not None and v in reach.unchanged else reach_js.vpc_data(reach, v))
             for v in reach.vpcs}
    return reach, Kept(engine(), prints, reach.vpcs, reach.rows, reach.subnets, files), reuse


def _same(patched: reach_data.SiteReach, fresh: reach_data.SiteReach, patched_files: dict[str, bytes]) -> None:
    assert patched.vpcs == fresh.vpcs
    for v in fresh.vpcs:
        a, b = patched.rows[v], fresh.rows[v]
        assert (a.records, a.cells) == (b.records, b.cells), v
        assert patched.subnets[v] == fresh.subnets[v], v
        assert patched_files[v] == reach_js.vpc_data(fresh, v), v


@pytest.fixture(scope="module")
def estate(tmp_path_factory):
    root = write_estate(tmp_path_factory.mktemp("estate") / "specs", VPCS)
    _, kept, _ = _compute(root, None)
    return root, kept


def _edit(root: Path, tmp: Path, file: str, old: str, new: str, count: int = 1) -> Path:
    copy = tmp / "changed"
    shutil.copytree(root, copy)
    text = (copy / file).read_text()
    assert old in text, (file, old)
    (copy / file).write_text(text.replace(old, new, count))
    return copy


APP_TABLE = "      prod-use1-1-app-1a:\n        routes:\n"
TO_TGW = "          - {destination: 10.0.0.0/8, target: tgw-use1, description: other VPCs}\n"

# (name, file, old text, new text, the VPCs whose own facts change; None: shared facts change)
CHANGES = [
    ("route added (the benchmark's change)", "prod-use1.yaml", APP_TABLE,
     APP_TABLE + "          - {destination: 192.168.0.0/16, target: prod-use1-1-nat-1a}\n", {"prod-use1-1"}),
    ("route to the transit gateway taken out", "prod-use1.yaml",
     "          - {destination: 0.0.0.0/0, target: prod-use1-1-nat-1a}\n" + TO_TGW,
     "          - {destination: 0.0.0.0/0, target: prod-use1-1-nat-1a}\n", {"prod-use1-1"}),
    ("network ACL rule now denies", "prod-use1.yaml",
     "          - {rule: 100, action: allow, protocol: all, cidr: 10.0.16.0/20}",
     "          - {rule: 100, action: deny, protocol: all, cidr: 10.0.16.0/20}", {"prod-use1-1"}),
    ("security group rule narrowed", "prod-use1.yaml",
     "          - {protocol: tcp, port: 443, source: 10.0.0.0/8}\n        egress:\n          - {protocol: -1",
     "          - {protocol: tcp, port: 443, source: 10.0.0.0/16}\n        egress:\n          - {protocol: -1",
     {"prod-use1-1"}),
    ("subnet added", "prod-use1.yaml",
     "      prod-use1-1-mgmt-1a: {cidr: 10.0.28.0/24,",
     "      prod-use1-1-mgmt-1b: {cidr: 10.0.29.0/24, az: us-east-1b, route_table: prod-use1-1-app-1b}\n"
     "      prod-use1-1-mgmt-1a: {cidr: 10.0.28.0/24,", {"prod-use1-1"}),
    ("description only", "prod-use1.yaml", "    description: search workloads", "    description: (new) search",
     {"prod-use1-1"}),
    ("peering route taken out of a peered cluster VPC", "dev-apse2.yaml",
     "          - {destination: 10.128.16.0/20, target: pcx-prod-apse2-1-dev-apse2-1}\n", "", {"dev-apse2-1"}),
    ("transit gateway route table changed (shared)", "transit.yaml",
     "          - {destination: 10.64.0.0/10, attachment: att-tgw-use1-to-euw1}\n", "", None),
]


@pytest.mark.parametrize("change", CHANGES, ids=[c[0] for c in CHANGES])
def test_a_kept_reachability_patched_after_a_change_is_what_a_fresh_build_computes(estate, tmp_path, change):
    root, kept = estate
    _name, file, old, new, changed = change
    folder = _edit(root, tmp_path, file, old, new, count=-1 if file == "dev-apse2.yaml" else 1)
    patched, patched_kept, reuse = _compute(folder, kept)
    fresh, _, no_reuse = _compute(folder, None)
    assert no_reuse is None
    if changed is None:
        assert reuse is None  # every answer may have moved: nothing kept
    else:
        assert reuse is not None and set(reuse.changed) == changed
        assert len(patched.unchanged) >= VPCS // 2  # most rows and their data files kept as they were
    _same(patched, fresh, patched_kept.files)


def test_the_change_is_seen_in_the_answers(estate, tmp_path):
    """The test above would pass with a cache that kept everything if no change moved an
    answer: taking the TGW route out of a table does move some."""
    root, kept = estate
    folder = _edit(root, tmp_path, "prod-use1.yaml", "          - {destination: 0.0.0.0/0, target: prod-use1-1-nat-1a}\n"
                   + TO_TGW, "          - {destination: 0.0.0.0/0, target: prod-use1-1-nat-1a}\n")
    patched, _, reuse = _compute(folder, kept)
    assert reuse is not None
    old_row, new_row = kept.rows["prod-use1-1"], patched.rows["prod-use1-1"]
    assert (old_row.records, old_row.cells) != (new_row.records, new_row.cells)
    assert "prod-use1-1" not in patched.unchanged


@pytest.mark.skipif(not forks(), reason="worker processes fork only where the platform forks")
def test_kept_rows_shared_by_worker_processes(estate, tmp_path):
    root, kept = estate
    folder = _edit(root, tmp_path, "prod-use1.yaml", APP_TABLE,
                   APP_TABLE + "          - {destination: 192.168.0.0/16, target: prod-use1-1-nat-1a}\n")
    patched, patched_kept, reuse = _compute(folder, kept, parts=3)
    assert reuse is not None
    fresh, _, _ = _compute(folder, None)
    _same(patched, fresh, patched_kept.files)


def test_a_vpc_carrying_other_vpcs_traffic_is_shared(estate, tmp_path):
    """A transit gateway route sending everything it has no route for to a shared services
    VPC (centralised egress) makes that VPC's facts part of every answer through it: a change
    there keeps nothing; a change elsewhere still keeps the rest, and both equal a fresh
    computation."""
    root, _ = estate
    transit = (root / "transit.yaml").read_text()
    head, tail = transit.split("      tgw-use1-nonprod:\n", 1)
    egress = tmp_path / "egress"
    shutil.copytree(root, egress)
    (egress / "transit.yaml").write_text(head + "      tgw-use1-nonprod:\n" + tail.replace(
        "        routes:\n", "        routes:\n          - {destination: 0.0.0.0/0, attachment: att-shared-use1-1}\n", 1))
    topology = load_specs(egress).topology
    assert "shared-use1-1" in transit_vpcs(dataplane(topology))
    _, kept, _ = _compute(egress, None)
    # a route in the egress VPC: shared facts changed
    hub = _edit(egress, tmp_path / "a", "shared-use1.yaml", "      shared-use1-1-app-1a:\n        routes:\n",
                "      shared-use1-1-app-1a:\n        routes:\n          - {destination: 10.0.0.0/8, target: "
                "shared-use1-1-nat-1a}\n")
    patched, patched_kept, reuse = _compute(hub, kept)
    assert reuse is None
    # a spoke's route: only that spoke changed
    spoke = _edit(egress, tmp_path / "b", "prod-use1.yaml", APP_TABLE,
                  APP_TABLE + "          - {destination: 192.168.0.0/16, target: prod-use1-1-nat-1a}\n")
    patched, patched_kept, reuse = _compute(spoke, kept)
    assert reuse is not None and reuse.changed == {"prod-use1-1"}
    _same(patched, _compute(spoke, None)[0], patched_kept.files)


def test_a_cache_that_cannot_be_read_is_ignored(tmp_path, estate):
    root, kept = estate
    cache = ReachCache(tmp_path)
    assert cache.load() is None  # nothing kept yet
    cache.path.parent.mkdir(parents=True)
    cache.path.write_bytes(b"not a pickle")
    assert cache.load() is None
    reach, _, _ = _compute(root, None)
    assert cache.save(reach, kept.footprint, kept.files)
    again = cache.load()
    assert again is not None and again.rows == kept.rows and again.files == kept.files


def test_vpcdocs_build_after_a_change_gives_the_site_a_fresh_build_gives(estate, tmp_path):
    """End to end, as a user runs it: build, change one VPC, build again with the same cache
    dir (it says what it kept) — the site is byte-identical to one built without a cache."""
    root, _ = estate
    specs = tmp_path / "specs"
    shutil.copytree(root, specs)
    env = {"SOURCE_DATE_EPOCH": "0", "PATH": "/usr/bin:/bin"}

    def build(site: str, cache: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "vpcdocs", "build", str(specs), "--site-dir",
                               str(tmp_path / site), "--cache-dir", str(tmp_path / cache)],
                              capture_output=True, text=True, env=env, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout + proc.stderr

    build("site", "cache")
    text = (specs / "prod-use1.yaml").read_text()
    (specs / "prod-use1.yaml").write_text(text.replace(APP_TABLE, APP_TABLE + "          - {destination: "
                                                       "192.168.0.0/16, target: prod-use1-1-nat-1a}\n", 1))
    log = build("site", "cache")
    assert re.search(rf"reachability: 1 of {VPCS} VPCs changed since the last build", log), log
    build("fresh", "fresh-cache")
    diff = subprocess.run(["diff", "-r", "-q", str(tmp_path / "site"), str(tmp_path / "fresh")],
                          capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout
