"""Effective transit gateway route tables: propagations add routes, TGW-6 picks one per prefix."""

from __future__ import annotations

from routing_helpers import REPO, effective_tgw_route_tables

from vpcdocs.spec import load_spec_text, load_specs


def _tables(topology):
    return {t.id: t for t in effective_tgw_route_tables(topology)}


def test_shipped_hub_tables_show_static_blackhole_and_propagated_routes():
    tables = _tables(load_specs(REPO / "specs").topology)
    spokes = {(r.destination, r.target, r.origin, r.selected) for r in tables["tgw-rt-spokes"].routes}
    assert spokes == {
        ("0.0.0.0/0", "att-egress", "static", True),
        ("10.100.0.0/16", "att-shared", "propagated", True),  # TGW-4: the shared VPC's CIDR
        ("10.110.0.0/15", "blackhole", "static", True),
    }
    hub = [(r.destination, r.target) for r in tables["tgw-rt-hub"].routes]
    assert hub == [("0.0.0.0/0", "att-egress"), ("10.100.0.0/16", "att-shared"),
                   ("10.110.0.0/16", "att-app1"), ("10.111.0.0/16", "att-app2")]  # sorted by address


SPEC = """
region: us-east-1
vpcs:
  v1:
    cidr: 10.1.0.0/16
    subnets: {s1: {cidr: 10.1.0.0/24, az: us-east-1a}}
    route_tables: {r1: {main: true, routes: [{destination: 0.0.0.0/0, target: tgw}]}}
transit_gateways:
  tgw:
    attachments:
      a1: {vpc: v1, subnets: [s1]}
      vpn: {type: vpn, cidrs: [10.1.0.0/16, 192.168.0.0/16]}
    route_tables:
      rt:
        associations: [a1, vpn]
        propagations: [vpn, a1]
        routes:
          - {destination: 192.168.0.0/16, attachment: a1}
"""


def test_static_beats_propagated_and_vpc_beats_vpn_for_the_same_prefix():
    result = load_spec_text(SPEC)
    assert result.ok, [d.format() for d in result.diagnostics]
    routes = [(r.destination, r.attachment, r.origin, r.selected) for r in _tables(result.topology)["rt"].routes]
    assert routes == [
        ("10.1.0.0/16", "a1", "propagated", True),      # VPC propagation ranks before VPN (TGW-6)
        ("10.1.0.0/16", "vpn", "propagated", False),
        ("192.168.0.0/16", "a1", "static", True),       # static beats propagated (TGW-6)
        ("192.168.0.0/16", "vpn", "propagated", False),
    ]
