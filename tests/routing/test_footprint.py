"""Whose facts are whose (vpcdocs/routing/footprint.py): the VPCs an answer between two other
VPCs can pass through are found, and a VPC's digest moves with its own facts only."""

from __future__ import annotations

from vpcdocs.routing import dataplane
from vpcdocs.routing.footprint import footprint, transit_vpcs
from vpcdocs.spec import load_spec_text

SPEC = """
region: us-east-1
vpcs:
  big: {cidr: 10.0.0.0/8}
  inside-1: {cidr: 10.1.0.0/16}
  inside-2: {cidr: 10.2.0.0/16}
  apart: {cidr: 172.16.0.0/16, route_tables: {apart-main: {main: true, routes: [{destination: 192.168.0.0/16, target: pcx-apart-hub}]}}}
  hub: {cidr: 192.168.0.0/24}
  alone: {cidr: 172.17.0.0/16}
peerings:
  pcx-apart-hub: {requester: apart, accepter: hub}
"""


def _load(text: str):
    result = load_spec_text(text)
    assert result.ok, "\n".join(d.format() for d in result.diagnostics)
    return result.topology


def test_overlapping_vpcs_and_the_far_side_of_a_route_wider_than_it_are_transit():
    transit = transit_vpcs(dataplane(_load(SPEC)))
    # 10.2.0.0/16 overlaps 10.0.0.0/8 without being next to it in address order
    assert {"big", "inside-1", "inside-2"} <= transit
    # the peering route carries 192.168.0.0/16 into a VPC that holds only a /24 of it
    assert "hub" in transit
    assert "alone" not in transit and "apart" not in transit


def test_a_vpc_digest_moves_with_its_own_facts_only():
    before = footprint(dataplane(_load(SPEC)))
    moved = footprint(dataplane(_load(SPEC.replace("alone: {cidr: 172.17.0.0/16}",
                                                   "alone: {cidr: 172.17.0.0/16, description: moved}"))))
    assert moved.changed(before) == {"alone"}
    # the same facts written elsewhere in the file: nothing changed
    shifted = footprint(dataplane(_load("\n\n" + SPEC)))
    assert shifted.changed(before) == frozenset()
    # a peering is shared: every answer may move
    gone = footprint(dataplane(_load(SPEC.replace("  pcx-apart-hub: {requester: apart, accepter: hub}",
                                                  "  pcx-apart-hub: {requester: apart, accepter: hub, status: deleted}"))))
    assert gone.changed(before) is None


def test_a_route_to_a_gateway_of_another_vpc_makes_that_vpc_transit():
    """AWS refuses it, a spec may still say it: whatever the walk makes of the route reads the
    other VPC, so a change there must not keep answers through it."""
    text = """
region: us-east-1
vpcs:
  a:
    cidr: 10.0.0.0/16
    subnets: {a-1: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-rt}}
    route_tables: {a-rt: {routes: [{destination: 10.9.0.0/16, target: b-nat}]}}
  b:
    cidr: 10.1.0.0/16
    internet_gateway: b-igw
    subnets: {b-1: {cidr: 10.1.1.0/24, az: us-east-1a}}
    nat_gateways: {b-nat: {subnet: b-1}}
"""
    assert transit_vpcs(dataplane(_load(text))) == {"b"}


def test_a_subnet_outside_its_vpcs_blocks_overlaps_where_its_addresses_are():
    text = SPEC.replace("  alone: {cidr: 172.17.0.0/16}",
                        "  alone:\n    cidr: 172.17.0.0/16\n    subnets: {odd: {cidr: 192.168.0.128/25, az: us-east-1a}}")
    transit = transit_vpcs(dataplane(_load(text)))
    assert {"alone", "hub"} <= transit  # odd is inside hub's 192.168.0.0/24
