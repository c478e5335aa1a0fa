"""Diagram progress: `vpcdocs build` says "diagrams n/N" while the diagrams are drawn — in a
worker process beside the reachability work — not only when they are done. The worker's
lines reach the build's output as they are said (through a pipe to a thread of the parent),
plain and at a bounded rate when not on a terminal; a worker that fails or dies is still
reported."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import threading
import time

import pytest
from click.testing import CliRunner
from site_helpers import copy_specs

from vpcdocs.cli import cli
from vpcdocs.render.diagram.parallel import render_site_diagrams
from vpcdocs.site import background, progress
from vpcdocs.site.background import Background
from vpcdocs.spec import load_specs

FORKS = "fork" in multiprocessing.get_all_start_methods()
MODES = [pytest.param(True, id="process", marks=pytest.mark.skipif(not FORKS, reason="no fork")),
         pytest.param(False, id="thread")]


def _events(processes: bool):
    return (multiprocessing.get_context("fork").Event() if processes else threading.Event())


@pytest.mark.parametrize("processes", MODES)
def test_a_workers_lines_are_printed_while_it_still_works(processes):
    go = _events(processes)
    printed: list[str] = []
    seen = threading.Event()

    def show(line: str) -> None:
        printed.append(line)
        seen.set()

    def work(say):
        say("diagrams 1/2")
        if not go.wait(30):  # released only once the parent has printed the line above
            raise TimeoutError("the line was not printed while the work ran")
        say("diagrams 2/2")
        return 42

    job = Background("diagrams", work, show, processes=processes)
    assert seen.wait(30), "nothing printed while the worker waits"
    assert printed == ["diagrams 1/2"]
    go.set()
    assert job.join() == 42
    assert printed == ["diagrams 1/2", "diagrams 2/2"]


@pytest.mark.parametrize("processes", MODES)
def test_a_failing_worker_is_reported_after_its_lines(processes):
    printed: list[str] = []

    def work(say):
        say("diagrams 3/10")
        raise ValueError("boom")

    job = Background("diagrams", work, printed.append, processes=processes)
    with pytest.raises((RuntimeError, ValueError), match="boom"):
        job.join()
    assert printed == ["diagrams 3/10"]


@pytest.mark.skipif(not FORKS, reason="no fork")
def test_a_worker_that_dies_is_not_a_hang():
    """A worker that exits without a result (here: exit code 3, once) is noticed at once —
    its lines kept — and its work done again in this process."""
    parent = os.getpid()

    def work(say):
        say("diagrams 1/5")
        if os.getpid() != parent:
            os._exit(3)
        return "drawn here"

    printed: list[str] = []
    assert Background("diagrams", work, printed.append).join() == "drawn here"
    assert printed == ["diagrams 1/5", "diagrams: the worker process ended without a result (exit code 3); doing its "
                       "work in this process", "diagrams 1/5"]


@pytest.mark.parametrize("processes", MODES)
def test_a_quiet_worker_gets_still_at_work_lines_before_it_is_joined(monkeypatch, processes):
    monkeypatch.setattr(background, "STILL_SECONDS", 0.2)
    printed: list[str] = []
    job = Background("findings", lambda say: time.sleep(1.5) or 7, printed.append, processes=processes)
    if processes:  # said by the parent's thread while the main line is busy elsewhere
        time.sleep(1.0)
        assert any(re.fullmatch(r"findings: still at work \(\d+s\)", line) for line in printed), printed
    assert job.join() == 7
    assert any(re.fullmatch(r"findings: still at work \(\d+s\)", line) for line in printed), printed


def test_render_site_diagrams_counts_every_diagram(tmp_path):
    topology = load_specs(copy_specs(tmp_path / "specs")).topology
    calls: list[tuple[int, int]] = []
    files = render_site_diagrams(topology, tmp_path / "out", tmp_path / "cache", kinds=("overview", "tgw", "vpc"),
                                 progress=lambda done, total: calls.append((done, total)))
    total = 1 + len(topology.transit_gateways) + len(topology.vpcs)
    assert len(files) == total
    assert calls == [(n, total) for n in range(total + 1)]  # 0 first, then one per diagram, in order


def test_build_prints_diagram_counts_as_plain_lines(tmp_path, monkeypatch):
    specs = copy_specs(tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(progress, "LINE_SECONDS", 0.0)  # every count (the workers are forked with it)
    res = CliRunner().invoke(cli, ["build", str(specs), "--cache-dir", "cache"])
    assert res.exit_code == 0, res.output
    topology = load_specs(specs).topology
    total = 1 + len(topology.transit_gateways) + len(topology.vpcs)
    counts = [int(n) for n in re.findall(rf"\] diagrams (\d+)/{total}$", res.output, re.M)]
    assert counts == list(range(1, total)), res.output  # the last one is the summary line
    assert re.search(rf"\] diagrams: drawing {total} \(cached in cache\)$", res.output, re.M)
    vpcs = len(topology.vpcs)  # their labels are measured together before any is drawn: said, not silent
    assert re.search(rf"\] diagrams: measuring the labels of {vpcs} VPC diagrams first \(one Graphviz run\)$",
                     res.output, re.M)
    assert re.search(rf"\] diagrams: {total} rendered, 0 from the cache in [0-9.]+s$", res.output, re.M)
    assert "\r" not in res.output and "\x1b" not in res.output
    again = CliRunner().invoke(cli, ["build", str(specs), "--cache-dir", "cache", "--site-dir", "site2"])
    assert re.search(rf"\] diagrams: 0 rendered, {total} from the cache in", again.output), again.output
    assert "measuring the labels" not in again.output  # nothing to draw, nothing to measure


@pytest.mark.skipif(not FORKS, reason="no fork")
def test_a_killed_worker_has_its_work_done_in_this_process():
    """The out-of-memory killer (or anyone) kills a worker: the build does not fail, the work
    is done again here, and the output says so."""
    parent = os.getpid()

    def work(say):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        say("working in the parent")
        return 42

    lines: list[str] = []
    assert Background("shares", work, lines.append).join() == 42
    assert "shares: the worker process ended without a result (killed by signal 9); doing its work in this " \
        "process" in lines
    assert lines[-1] == "working in the parent"


@pytest.mark.skipif(not FORKS, reason="no fork")
def test_an_exception_in_a_worker_names_the_worker():
    def work(_say):
        raise ValueError("no such table")

    with pytest.raises(background.WorkerError, match=r"^diagrams: ValueError: no such table$"):
        Background("diagrams", work, None).join()
