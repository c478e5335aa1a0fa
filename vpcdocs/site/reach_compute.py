"""Computing the site's reachability (:mod:`.reach_data` holds what it is made of): every
VPC's matrix row and its page's subnet matrix, shared by one process per core on a big
estate, and — with the last build's answers (:mod:`.reach_cache`) — only what a change could
move."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from ..analysis.reach import reachability, subnet_cells
from ..model import Topology
from ..routing import dataplane
from ..sorting import natural_sorted
from .background import Background, forks, shared_counter
from .progress import Progress, heartbeat, phase
from .reach_data import (
    SELF,
    Expectations,
    Links,
    Record,
    Row,
    SiteReach,
    SubnetMatrix,
    record_of,
    state_of,
    subnet_axes,
)

if TYPE_CHECKING:
    from .reach_cache import Reuse

SPLIT_FROM = 60  # VPCs: a smaller estate is computed in one process (a worker costs more than it saves)


def parts_for(count: int) -> int:
    """How many processes share the reachability of ``count`` VPCs: one per core (at most 4)
    from :data:`SPLIT_FROM` VPCs on, where the platform forks (:mod:`.background`; threads
    would only take turns on the interpreter lock)."""
    if count < SPLIT_FROM or not forks():
        return 1
    return max(1, min(4, os.cpu_count() or 1))


CLAIM = 4  # rows a process takes at a time from the shared counter


class Claims:
    """The VPCs' rows handed out a few at a time (:data:`CLAIM`) to whichever process asks
    next, so that no core idles while another still has a long share: a process that also
    draws diagrams, or goes on to make pages, simply takes fewer. ``done`` counts the rows
    finished by every process (for the progress line)."""

    def __init__(self, vpcs: tuple[str, ...]):
        self.vpcs = vpcs
        self._next = shared_counter()
        self._done = shared_counter()

    def take(self) -> Iterator[tuple[str, ...]]:
        while True:
            with self._next.get_lock():
                start = self._next.value
                self._next.value = start + CLAIM
            if start >= len(self.vpcs):
                return
            yield self.vpcs[start:start + CLAIM]

    def finished(self, count: int) -> int:
        with self._done.get_lock():
            self._done.value += count
            return int(self._done.value)


def compute(topology: Topology, progress: Progress | None = None, parts: int | None = None,
            reuse: Reuse | None = None) -> SiteReach:
    """The VPC matrix and every VPC page's subnet matrix (the slow part of a big build).

    The rows (a VPC's matrix row and its page's subnet matrix) are shared by ``parts``
    processes (default :func:`parts_for`), each taking the next few rows when it is ready
    (:class:`Claims`); the workers are forked once the data plane and the reachability engine
    are built, so they read them without computing them again, and send their rows back. A
    cell's answer does not depend on which process computes it: the result is the same, row
    for row, whatever the split. ``reuse``: what the last build computed that still holds
    (:mod:`.reach_cache`); the rest is computed as without it."""
    expectations = Expectations(topology)
    links = Links(topology)
    vpcs = tuple(natural_sorted(v.id for v in topology.vpcs))
    reachability(topology)  # built before any worker forks
    n = max(1, parts if parts is not None else parts_for(len(vpcs)))
    claims = Claims(vpcs)
    if n > 1 and progress:
        progress(f"reachability: {len(vpcs)} VPCs shared by {n} processes")
    if reuse is not None and progress:
        progress(f"reachability: {len(reuse.changed)} of {len(vpcs)} VPCs changed since the last build; "
                 "computing their rows and columns, keeping the rest")
    share = _Share(topology, vpcs, expectations, links, reuse)

    def work(_say: Progress) -> _Rows:
        return share.run(claims, None)

    workers = [Background(f"reachability share {i + 1}/{n}", work, progress, quiet=True) for i in range(1, n)]
    rows, subnets, same = share.run(claims, progress)
    if workers:
        with heartbeat(progress, "reachability: the other processes' rows") as detail:
            mine = len(rows)
            for worker in workers:
                more_rows, more_subnets, more_same = worker.join()
                rows.update(more_rows)
                subnets.update(more_subnets)
                same |= more_same
            detail.append(f"{len(rows) - mine} of {len(vpcs)} VPCs")
        # rows a worker claimed but never sent back (killed: out of memory, a signal) are
        # made here; its work done again in this process finds nothing left to claim
        missing = tuple(v for v in vpcs if v not in rows)
        if missing:
            if progress:
                progress(f"reachability: {len(missing)} VPCs' rows lost with a worker; making them here")
            more_rows, more_subnets, more_same = share.run(Claims(missing), None)
            rows.update(more_rows)
            subnets.update(more_subnets)
            same |= more_same
    return SiteReach(topology, vpcs, {v: rows[v] for v in vpcs}, {v: subnets[v] for v in vpcs}, expectations,
                     unchanged=frozenset(same))


_Rows = tuple[dict[str, Row], dict[str, SubnetMatrix], set[str]]


class _Share:
    """The rows one process makes: the VPC matrix rows it claims (against every VPC) and their
    subnet matrices — computed, or taken from the last build where nothing they read changed."""

    def __init__(self, topology: Topology, vpcs: tuple[str, ...], expectations: Expectations, links: Links,
                 reuse: Reuse | None):
        self.topology, self.vpcs, self.expectations, self.links, self.reuse = topology, vpcs, expectations, links, reuse
        self.column = {w: j for j, w in enumerate(vpcs)}
        self.engine = reachability(topology)

    def record(self, v: str, w: str) -> Record:
        answer = self.engine.vpc_pair(v, w)  # what reach and the VPC matrix (vpc_cells) ask
        if v == w:
            return Record(SELF, answer.disposition.value, "", "", ())
        state = state_of(answer, not answer.reachable and self.expectations.covers_vpcs(v, w),
                         self.links.connected(v, w))
        return record_of(answer, state, words=False)

    def run(self, claims: Claims, progress: Progress | None) -> _Rows:
        rows: dict[str, Row] = {}
        subnets: dict[str, SubnetMatrix] = {}
        same: set[str] = set()
        reuse, topology = self.reuse, self.topology
        changed = sorted(self.column[w] for w in reuse.changed) if reuse is not None else []
        with phase(progress, "reachability: VPC rows and subnet matrices", len(self.vpcs)) as counter:
            for share in claims.take():
                for v in share:
                    kept = reuse.row(v) if reuse is not None else None
                    if kept is not None:
                        rows[v], row_same = kept.patched({j: partial(self.record, v, self.vpcs[j]) for j in changed})
                    else:
                        row = rows[v] = Row(v)
                        for w in self.vpcs:
                            row.add(self.record(v, w))
                        row_same = False
                    peers = dataplane(topology).neighbours.active_peers(v)
                    matrix = reuse.subnet_matrix(v, peers) if reuse is not None else None
                    subnets[v] = matrix if matrix is not None else _subnet_matrix(topology, v, self.expectations)
                    if row_same and matrix is not None:
                        same.add(v)
                done = claims.finished(len(share))
                counter.advance(done - counter.count)  # every process's rows
        return rows, subnets, same


def _subnet_matrix(topology: Topology, v: str, expectations: Expectations) -> SubnetMatrix:
    own, cols, shown, left = subnet_axes(topology, v)
    vpc_of = {c: topology.subnet(c).vpc for c in cols}
    out: dict[str, Row] = {s: Row(s) for s in own}
    if own and cols:
        for cell in subnet_cells(topology, own, cols):
            s, t = cell.source, cell.destination
            answer = cell.answer
            expected = not answer.reachable and expectations.covers(s, v, t, vpc_of[t])
            out[s].add(record_of(answer, state_of(answer, expected), words=True))
    return SubnetMatrix(v, own, cols, shown, left, [out[s] for s in own])
