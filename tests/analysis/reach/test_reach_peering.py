"""Peering: the origin scenario (A↔B, A↔C, not B↔C), PEER-1/2/5/7, NAT/IGW egress, GWE."""

from __future__ import annotations

import pytest
from _reach_specs import PEERING, load

from vpcdocs.analysis.reach import Disposition, UnknownEndpoint, reach


@pytest.fixture(scope="module")
def topo():
    return load(PEERING)


def test_a_reaches_b_and_c_both_ways(topo):
    for src, dst in [("a-private", "b-app"), ("b-app", "a-private"), ("a-private", "c-app"),
                     ("c-app", "a-private"), ("vpc-a", "vpc-b"), ("vpc-c", "vpc-a")]:
        answer = reach(topo, src, dst)
        assert answer.reachable, (src, dst, answer.reason)
    answer = reach(topo, "a-private", "c-app")
    assert [h.target for h in answer.path] == ["pcx-a-c", "c-app"]
    assert answer.path[0].route_table == "a-private"
    assert answer.return_path[0].route_table == "c-app"


def test_b_cannot_reach_c_peering_is_not_transitive(topo):
    answer = reach(topo, "b-app", "c-app")
    assert not answer.reachable
    assert answer.reason.startswith("no route in b-app for 10.2.1.0/24 — VPC peering is not transitive (PEER-1)")
    assert answer.reason.endswith("peer vpc-b and vpc-c directly or use a transit gateway")
    assert answer.disposition == Disposition.NOT_TRANSITIVE
    assert answer.explanation_codes == ("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",)
    assert answer.rules == ("PEER-1",)
    assert not reach(topo, "vpc-c", "vpc-b").reachable


def test_route_through_the_hub_to_the_third_vpc_is_still_not_transitive():
    topo = load(PEERING.replace("- {destination: 10.0.0.0/16, target: pcx-a-b}",
                                "- {destination: 10.0.0.0/14, target: pcx-a-b}"))
    answer = reach(topo, "b-app", "c-app")
    assert not answer.reachable
    assert "pcx-a-b, which ends in vpc-a" in answer.reason and "PEER-1" in answer.rules


def test_missing_return_route_makes_the_flow_unreachable_peer_5():
    topo = load(PEERING.replace("- {destination: 10.0.0.0/16, target: pcx-a-c}", ""))
    answer = reach(topo, "a-private", "c-app")
    assert not answer.reachable
    assert "replies from c-app cannot return" in answer.reason
    assert "no route in c-app for 10.0.10.0/24" in answer.reason and "PEER-5" in answer.rules
    # the request itself got through: the path shows it
    assert answer.path[-1].target == "c-app"


def test_subnet_without_a_route_to_the_peering_is_not_reachable(topo):
    answer = reach(topo, "a-isolated", "b-app")
    assert not answer.reachable
    assert "pcx-a-b connects vpc-a and vpc-b but a-isolated has no route to it (PEER-5)" in answer.reason


def test_pending_peering_is_a_blackhole_and_does_not_fall_back():
    text = PEERING.replace("pcx-a-b: {requester: vpc-a, accepter: vpc-b}",
                           "pcx-a-b: {requester: vpc-a, accepter: vpc-b, status: pending-acceptance}")
    # a less specific route exists (0.0.0.0/0 → nat-a): the blackhole must still drop
    topo = load(text)
    answer = reach(topo, "a-private", "b-app")
    assert not answer.reachable
    assert "blackhole" in answer.reason and "pending-acceptance" in answer.reason
    assert "RT-BH-1" in answer.rules and "PEER-7" in answer.rules
    assert reach(load(PEERING), "a-private", "b-app").reachable


def test_nat_then_igw_egress(topo):
    answer = reach(topo, "a-private", "internet")
    assert answer.reachable
    assert [h.target for h in answer.path] == ["nat-a", "igw-a", "internet"]
    assert reach(topo, "a-public", "internet").reachable
    blocked = reach(topo, "a-isolated", "internet")
    assert not blocked.reachable and "no 0.0.0.0/0 route" in blocked.reason


def test_peer_cannot_use_the_hubs_nat_or_igw_peer_2():
    text = PEERING.replace("""          - {destination: 10.0.0.0/16, target: pcx-a-b}""",
                           """          - {destination: 0.0.0.0/0, target: pcx-a-b}""")
    topo = load(text)
    assert reach(topo, "b-app", "a-private").reachable  # the peering itself still works
    answer = reach(topo, "b-app", "internet")
    assert not answer.reachable
    assert "PEER-2" in answer.rules and "pcx-a-b" in answer.reason


def test_s3_through_the_gateway_endpoint_from_a(topo):
    answer = reach(topo, "a-private", "s3")
    assert answer.reachable
    assert answer.path[0].target == "s3-gw" and answer.path[0].matched == "com.amazonaws.us-east-1.s3"
    assert answer.goes_via("s3-gw") and not answer.goes_via("nat-a")


def test_s3_never_from_a_peer_through_as_endpoint_gwe_6(topo):
    answer = reach(topo, "b-app", "s3")
    assert not answer.reachable
    assert "s3-gw cannot be used from a peered VPC" in answer.reason
    assert {"PEER-2", "GWE-6"} <= set(answer.rules)
    # even with a default route into the peering, the endpoint stays out of reach
    text = PEERING.replace("""          - {destination: 10.0.0.0/16, target: pcx-a-b}""",
                           """          - {destination: 0.0.0.0/0, target: pcx-a-b}""")
    answer = reach(load(text), "b-app", "s3")
    assert not answer.reachable and "GWE-6" in answer.rules


def test_cross_region_s3_uses_nat_not_the_endpoint_gwe_5(topo):
    answer = reach(topo, "a-private", "s3@eu-west-1")
    assert answer.reachable
    assert not answer.goes_via("s3-gw")
    assert [h.target for h in answer.path][:2] == ["nat-a", "igw-a"]
    # a subnet with only the endpoint has no way to another region's S3
    blocked = reach(topo, "a-isolated", "s3@eu-west-1")
    assert not blocked.reachable
    assert "s3-gw serves s3 in us-east-1 only (GWE-5)" in blocked.reason
    assert reach(topo, "a-isolated", "s3").reachable


def test_dynamodb_without_an_endpoint_goes_through_nat(topo):
    answer = reach(topo, "a-private", "dynamodb")
    assert answer.reachable and answer.goes_via("nat-a")
    assert not reach(topo, "a-isolated", "dynamodb").reachable


def test_inbound_from_the_internet_only_to_public_subnets(topo):
    assert reach(topo, "internet", "a-public").reachable
    answer = reach(topo, "internet", "a-private")
    assert not answer.reachable and "not a public subnet" in answer.reason
    assert not reach(topo, "internet", "b-app").reachable


def test_ip_addresses_as_ends(topo):
    answer = reach(topo, "10.0.10.7", "10.2.1.9")
    assert answer.reachable
    assert answer.path[-1].target == "c-app"
    missing = reach(topo, "a-private", "10.2.200.1")
    assert not missing.reachable and "no subnet of vpc-c contains 10.2.200.1" in missing.reason


def test_deleted_nat_gateway_blackholes_egress():
    topo = load(PEERING.replace("nat-a: {subnet: a-public}", "nat-a: {subnet: a-public, state: deleted}"))
    answer = reach(topo, "a-private", "internet")
    assert not answer.reachable and "blackhole" in answer.reason


def test_unknown_names_get_a_did_you_mean(topo):
    with pytest.raises(UnknownEndpoint, match="did you mean 'b-app'"):
        reach(topo, "b-ap", "c-app")


def test_replies_follow_the_hubs_longest_match_no_urpf_peer_6():
    # vpc-d overlaps vpc-b; the hub's more specific route to d catches replies meant for b
    text = PEERING.replace("""  vpc-c:
    cidr: 10.2.0.0/16""", """  vpc-d:
    cidr: 10.1.0.0/16
    subnets:
      d-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: d-app}
    route_tables:
      d-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-d}
  vpc-c:
    cidr: 10.2.0.0/16""").replace("""          - {destination: 10.2.0.0/16, target: pcx-a-c}
      a-isolated:""", """          - {destination: 10.2.0.0/16, target: pcx-a-c}
          - {destination: 10.1.1.0/24, target: pcx-a-d}
      a-isolated:""") + "  pcx-a-d: {requester: vpc-a, accepter: vpc-d}\n"
    result_topo = load(text)
    answer = reach(result_topo, "b-app", "a-private")
    assert not answer.reachable
    assert "delivered inside vpc-d, not vpc-b" in answer.reason and "PEER-6" in answer.rules
    assert reach(result_topo, "d-app", "a-private").reachable


def test_middlebox_route_inside_the_vpc_is_followed_rt_local_2():
    text = PEERING.replace("""      a-isolated:
        routes: []""", """      a-isolated:
        routes:
          - {destination: 10.0.10.0/24, target: eni-0123456789abcdef0}""")
    topo = load(text)
    answer = reach(topo, "a-isolated", "a-private")
    assert answer.reachable, answer.reason
    assert answer.path[0].target == "eni-0123456789abcdef0" and "RT-LOCAL-2" in answer.rules
    # an appliance route to somewhere else cannot be followed: not claimed reachable
    text = PEERING.replace("""      a-isolated:
        routes: []""", """      a-isolated:
        routes:
          - {destination: 10.1.0.0/16, target: eni-0123456789abcdef0}""")
    blocked = reach(load(text), "a-isolated", "b-app")
    assert not blocked.reachable and "does not model" in blocked.reason
