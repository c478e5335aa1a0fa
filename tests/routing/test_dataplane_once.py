"""One data plane per topology: a whole site generation (lint, expectations, reachability
matrices and every page) computes each effective route table once."""

from __future__ import annotations

from routing_helpers import REPO

from vpcdocs.routing import dataplane
from vpcdocs.routing import dataplane as dataplane_again
from vpcdocs.routing.dataplane import COMPUTED as PLANES
from vpcdocs.routing.effective import COMPUTED as VPC_TABLES
from vpcdocs.routing.tgw import COMPUTED as TGW_TABLES
from vpcdocs.site.generate import generate
from vpcdocs.spec import load_specs


def test_the_data_plane_is_memoised_per_topology():
    topology = load_specs(REPO / "specs").topology
    assert dataplane(topology) is dataplane_again(topology)
    other = load_specs(REPO / "specs").topology
    assert dataplane(other) is not dataplane(topology)  # an equal but distinct topology: its own


def test_a_site_generation_computes_every_route_table_once(tmp_path):
    before = (PLANES["dataplanes"], VPC_TABLES["vpc_tables"], TGW_TABLES["tgw_tables"])
    generated = generate(REPO / "specs", cache_dir=tmp_path / "cache", diagrams=False, use_git=False)
    topology = generated.topology
    assert topology is not None and generated.pages
    planes = PLANES["dataplanes"] - before[0]
    vpc_tables = VPC_TABLES["vpc_tables"] - before[1]
    tgw_tables = TGW_TABLES["tgw_tables"] - before[2]
    assert planes == 1, planes
    assert vpc_tables == len(topology.route_tables), (vpc_tables, len(topology.route_tables))
    assert tgw_tables == len(topology.tgw_route_tables), (tgw_tables, len(topology.tgw_route_tables))


def _findings_in_a_worker(topology):
    """Lint and expectations of ``topology`` in a forked worker: (findings, how many data
    planes, VPC route tables and TGW route tables the worker derived)."""
    from vpcdocs.analysis.findings import collect_findings
    from vpcdocs.site.background import Background

    def work(_say):
        before = (PLANES["dataplanes"], VPC_TABLES["vpc_tables"], TGW_TABLES["tgw_tables"])
        found = collect_findings(topology)
        after = (PLANES["dataplanes"], VPC_TABLES["vpc_tables"], TGW_TABLES["tgw_tables"])
        return len(found), [b - a for a, b in zip(before, after)]

    return Background("findings", work, None).join()


def test_workers_forked_after_compute_all_derive_nothing_again():
    """A build derives the data plane once, before it forks its workers (findings, diagrams,
    reachability shares): a worker that lints and asks reach reads it and derives nothing."""
    from vpcdocs.analysis.reach import reachability

    topology = load_specs(REPO / "specs").topology
    dataplane(topology).compute_all()
    reachability(topology)
    findings, derived = _findings_in_a_worker(topology)
    assert findings > 0 and derived == [0, 0, 0]
    # the same work on a topology nobody derived yet does derive it (so the check can fail)
    _, derived = _findings_in_a_worker(load_specs(REPO / "specs").topology)
    assert derived[0] == 1 and derived[1] == len(topology.route_tables)
