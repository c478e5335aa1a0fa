"""The site's reachability is computed in several processes on a big estate (each takes the
next few VPCs' rows when it is ready, forked once the data plane is built): what it ships
must not depend on the split — same rows, same subnet matrices, byte-identical reach data
files."""

from __future__ import annotations

import os

import pytest
from bench_estates import write_estate

from vpcdocs.site import reach_compute, reach_js
from vpcdocs.site.background import forks
from vpcdocs.spec import load_specs


@pytest.fixture(scope="module")
def topology(tmp_path_factory):
    root = write_estate(tmp_path_factory.mktemp("estate") / "specs", 24)
    result = load_specs(root)
    assert result.ok
    return result.topology


def test_split_gives_the_same_reachability_as_one_process(topology):
    lines: list[str] = []
    split = reach_compute.compute(topology, lines.append, parts=3)
    assert "reachability: 24 VPCs shared by 3 processes" in lines
    assert any(line.startswith("reachability: the other processes' rows: ") and line.endswith("s") for line in lines)
    single = reach_compute.compute(topology, None, parts=1)
    assert list(split.rows) == list(single.rows) == list(split.vpcs)
    assert split.rows == single.rows
    assert split.subnets == single.subnets
    assert split.counts() == single.counts() and split.counts()["ok"] > 0
    for v in split.vpcs:
        assert reach_js.vpc_data(split, v) == reach_js.vpc_data(single, v), v


def test_only_big_estates_are_split():
    assert reach_compute.parts_for(reach_compute.SPLIT_FROM - 1) == 1
    # one process per core where the platform forks; threads would only take turns
    assert reach_compute.parts_for(1000) == (max(1, min(4, os.cpu_count() or 1)) if forks() else 1)


@pytest.mark.skipif(not forks(), reason="worker processes fork only where the platform forks")
def test_rows_of_a_worker_killed_midway_are_made_by_the_main_process(topology, monkeypatch):
    """A worker that dies after claiming rows (the out-of-memory killer, a signal) does not
    lose them: the result is the whole matrix, as one process computes it."""
    parent = os.getpid()
    real_run = reach_compute._Share.run

    def dying_run(self, claims, progress):
        if os.getpid() != parent:
            next(iter(claims.take()))  # claims a few rows ...
            os._exit(137)  # ... and dies without sending them
        return real_run(self, claims, progress)

    monkeypatch.setattr(reach_compute._Share, "run", dying_run)
    lines: list[str] = []
    split = reach_compute.compute(topology, lines.append, parts=2)
    monkeypatch.setattr(reach_compute._Share, "run", real_run)
    single = reach_compute.compute(topology, None, parts=1)
    assert list(split.rows) == list(single.rows) and split.rows == single.rows
    assert split.subnets == single.subnets
    assert any("ended without a result" in line for line in lines), lines
    assert any("rows lost with a worker; making them here" in line for line in lines), lines
