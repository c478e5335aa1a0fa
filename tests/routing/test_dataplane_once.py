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
