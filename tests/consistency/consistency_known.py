"""Divergences the properties found that are not fixed yet.

Each entry names a regression test (``test_consistency_regressions.py``, marked
``xfail(strict=True)`` with the same id) and the case the properties leave out while it is
open, so the rest of each property keeps running at full strength. When a bug is fixed:
delete its id here and the ``xfail`` mark of its regression test — nothing else.
"""

from __future__ import annotations

OPEN: dict[str, str] = {
    "CONS-3": "a VPC with declared workloads stands for its instances only, a subnet without instances for its "
              "hosts: VPC matrix and subnet matrix disagree (test_vpc_cell_agrees_with_its_subnet_cells_in_a_"
              "workload_vpc)",
    "CONS-4": "reach replays a failure learned from a blackhole route to an internet gateway as "
              "private-to-igw / not-transitive for later destinations: answers depend on the order questions "
              "are asked (test_answer_does_not_depend_on_earlier_questions)",
}


def is_open(bug: str) -> bool:
    return bug in OPEN
