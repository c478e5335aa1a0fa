"""Transit gateways: association table, propagation, static vs propagated, blackhole, return
path, AZ coverage (TGW-2), centralised egress (TGW-7), private NAT, TGW peering."""

from __future__ import annotations

import pytest
from _reach_specs import TGW, load

from vpcdocs.analysis.reach import reach


@pytest.fixture(scope="module")
def topo():
    return load(TGW)


def test_spoke_reaches_shared_services_through_the_associated_table(topo):
    answer = reach(topo, "app1-1a", "shared-app")
    assert answer.reachable, answer.reason
    assert answer.path[1].at == "tgw-hub" and answer.path[1].route_table == "tgw-rt-spokes"
    assert answer.path[1].matched == "10.100.0.0/16" and answer.path[1].target == "att-shared"
    # replies use the table associated with the shared-services attachment
    assert any(h.route_table == "tgw-rt-hub" for h in answer.return_path)


def test_association_decides_which_table_is_used():
    # associate app2 with the hub table instead: it then reaches app1 (the hub table has
    # app1's propagation and no blackhole) while app1 — still in the spoke table — does not
    text = TGW.replace("associations: [att-app1, att-app2]", "associations: [att-app1]") \
              .replace("associations: [att-shared, att-egress]", "associations: [att-shared, att-egress, att-app2]")
    topo = load(text)
    forward = reach(topo, "app2-1a", "app1-1a")
    assert not forward.reachable  # request arrives, but app1's replies hit the spoke blackhole
    assert "tgw-rt-spokes" in forward.reason and "blackhole" in forward.reason
    assert forward.path[1].route_table == "tgw-rt-hub"


def _without_default(text: str, table: str) -> str:
    """Drop the 0.0.0.0/0 → att-egress route of one TGW route table."""
    head, _, tail = text.partition(f"      {table}:")
    return head + f"      {table}:" + tail.replace("          - {destination: 0.0.0.0/0, attachment: att-egress}\n", "", 1)


def test_without_propagation_there_is_no_route():
    text = _without_default(TGW, "tgw-rt-spokes")
    assert reach(load(text), "app1-1a", "shared-app").reachable
    text = text.replace("propagations: [att-shared]\n", "propagations: []\n")
    answer = reach(load(text), "app1-1a", "shared-app")
    assert not answer.reachable
    assert "no route in transit gateway route table tgw-rt-spokes for 10.100.1.0/24" in answer.reason
    assert "enable propagation of att-shared to tgw-rt-spokes" in answer.reason


def test_blackhole_route_drops_spoke_to_spoke(topo):
    answer = reach(topo, "app1-1a", "app2-1a")
    assert not answer.reachable
    assert answer.path[-1].target == "blackhole" and "10.110.0.0/15" in answer.reason
    # remove the blackhole: the default route sends spoke traffic to egress, which has no way
    # to the other spoke except back through the hub table — and then it arrives
    text = TGW.replace("          - {destination: 10.110.0.0/15, blackhole: true}\n", "")
    assert not reach(load(text), "app1-1a", "app2-1a").path[-1].target == "blackhole"


def test_static_route_beats_propagated_route_tgw_6():
    # a static (blackhole) route for shared services' exact CIDR wins over the propagated one
    text = TGW.replace("          - {destination: 10.110.0.0/15, blackhole: true}\n",
                       "          - {destination: 10.110.0.0/15, blackhole: true}\n"
                       "          - {destination: 10.100.0.0/16, blackhole: true}\n", 1)
    answer = reach(load(text), "app1-1a", "shared-app")
    assert not answer.reachable
    assert answer.path[1].matched == "10.100.0.0/16" and answer.path[1].target == "blackhole"
    # a static route to another attachment wins just the same
    text = TGW.replace("          - {destination: 10.110.0.0/15, blackhole: true}\n",
                       "          - {destination: 10.100.0.0/16, attachment: att-app2}\n", 1)
    answer = reach(load(text), "app1-1a", "shared-app")
    assert answer.path[1].target == "att-app2" and not answer.reachable
    assert reach(load(TGW), "app1-1a", "shared-app").path[1].target == "att-shared"


def test_missing_return_route_names_the_table():
    text = TGW.replace("""      shared-app:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}""", """      shared-app:
        main: true
        routes: []""")
    answer = reach(load(text), "app1-1a", "shared-app")
    assert not answer.reachable
    assert "replies from shared-app cannot return: no route in shared-app for 10.110.1.0/24" in answer.reason
    # the TGW-side return: remove app1's propagation into the hub table
    text2 = _without_default(TGW, "tgw-rt-hub").replace("propagations: [att-shared, att-app1, att-app2]",
                                                         "propagations: [att-shared, att-app2]")
    answer2 = reach(load(text2), "app1-1a", "shared-app")
    assert not answer2.reachable
    assert "no route in transit gateway route table tgw-rt-hub for 10.110" in answer2.reason


def test_subnet_in_an_az_without_attachment_subnet_cannot_use_the_tgw(topo):
    answer = reach(topo, "app1-1b", "shared-app")
    assert not answer.reachable
    assert "app1-1b is in eu-west-1b but attachment att-app1 to tgw-hub has no subnet there" in answer.reason
    assert "TGW-2" in answer.rules
    # …and the VPC as a whole still reaches shared services from its covered AZ
    assert reach(topo, "vpc-app1", "vpc-shared").reachable


def test_centralised_egress_via_tgw_nat_igw(topo):
    answer = reach(topo, "app1-1a", "internet")
    assert answer.reachable, answer.reason
    assert [h.target for h in answer.path] == ["tgw-hub", "att-egress", "nat-egress", "igw-egress", "internet"]
    assert "TGW-7" in answer.rules
    # the egress VPC must route replies back to the spoke through the TGW
    text = TGW.replace("          - {destination: 10.0.0.0/8, target: tgw-hub}\n      egress-tgw:",
                       "      egress-tgw:")
    blocked = reach(load(text), "app1-1a", "internet")
    assert not blocked.reachable and "replies from nat-egress cannot return: route 0.0.0.0/0 in egress-public" in blocked.reason


def test_igw_does_not_carry_untranslated_traffic_from_another_vpc():
    text = TGW.replace("          - {destination: 0.0.0.0/0, target: nat-egress}",
                       "          - {destination: 0.0.0.0/0, target: igw-egress}")
    answer = reach(load(text), "app1-1a", "internet")
    assert not answer.reachable and "untranslated" in answer.reason


def test_private_nat_cannot_use_the_igw():
    text = TGW.replace("nat-egress: {subnet: egress-public}",
                       "nat-egress: {subnet: egress-public, connectivity: private}")
    answer = reach(load(text), "app1-1a", "internet")
    assert not answer.reachable
    assert "private NAT gateway" in answer.reason and "NAT-1" in answer.rules


def test_gateway_endpoint_cannot_be_used_through_a_tgw_gwe_6():
    text = TGW.replace("""      egress-tgw:
        routes:""", """      egress-tgw:
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}""").replace("""    nat_gateways:
      nat-egress""", """    endpoints:
      egress-s3: {type: gateway, service: s3, route_tables: [egress-tgw]}
    nat_gateways:
      nat-egress""")
    topo = load(text)
    answer = reach(topo, "app1-1a", "s3")
    assert not answer.reachable and "GWE-6" in answer.rules
    # the egress VPC's own subnets on that table do use it
    assert reach(topo, "egress-tgw", "s3").goes_via("egress-s3")


TGW_PEERING = """
region: us-east-1
vpcs:
  vpc-us:
    cidr: 10.1.0.0/16
    subnets:
      us-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: us-app}
    route_tables:
      us-app:
        main: true
        routes:
          - {destination: 10.2.0.0/16, target: tgw-us}
  vpc-eu:
    cidr: 10.2.0.0/16
    region: eu-west-1
    subnets:
      eu-app: {cidr: 10.2.1.0/24, az: eu-west-1a, route_table: eu-app}
    route_tables:
      eu-app:
        main: true
        routes:
          - {destination: 10.1.0.0/16, target: tgw-eu}
transit_gateways:
  tgw-us:
    attachments:
      att-us: {vpc: vpc-us, subnets: [us-app]}
      att-us-eu: {type: peering, peer: tgw-eu}
    route_tables:
      rt-us:
        associations: [att-us, att-us-eu]
        propagations: [att-us]
        routes:
          - {destination: 10.2.0.0/16, attachment: att-us-eu}
  tgw-eu:
    region: eu-west-1
    attachments:
      att-eu: {vpc: vpc-eu, subnets: [eu-app]}
      att-eu-us: {type: peering, peer: tgw-us}
    route_tables:
      rt-eu:
        associations: [att-eu, att-eu-us]
        propagations: [att-eu]
        routes:
          - {destination: 10.1.0.0/16, attachment: att-eu-us}
"""


def test_tgw_peering_continues_in_the_peer_tgw():
    topo = load(TGW_PEERING)
    answer = reach(topo, "us-app", "eu-app")
    assert answer.reachable, answer.reason
    assert [h.at for h in answer.path][:3] == ["us-app", "tgw-us", "tgw-eu"]
    assert answer.path[2].route_table == "rt-eu"
    text = TGW_PEERING.replace("          - {destination: 10.1.0.0/16, attachment: att-eu-us}\n", "")
    blocked = reach(load(text), "us-app", "eu-app")
    assert not blocked.reachable and "no route in transit gateway route table rt-eu for 10.1" in blocked.reason


def test_vpc_propagation_beats_vpn_propagation_tgw_6():
    def with_vpn(cidr: str) -> str:
        return TGW.replace("      att-app2:   {vpc: vpc-app2, subnets: [app2-1a]}",
                           "      att-app2:   {vpc: vpc-app2, subnets: [app2-1a]}\n"
                           f"      att-vpn:    {{type: vpn, cidrs: [{cidr}]}}") \
                  .replace("propagations: [att-shared]\n", "propagations: [att-vpn, att-shared]\n")
    same = reach(load(with_vpn("10.100.0.0/16")), "app1-1a", "shared-app")
    assert same.reachable and same.path[1].target == "att-shared"
    # a more specific VPN prefix wins regardless of the origin (longest prefix first)
    specific = reach(load(with_vpn("10.100.1.0/24")), "app1-1a", "shared-app")
    assert not specific.reachable and specific.path[1].target == "att-vpn"
    assert "TGW-6" in specific.rules
    # an on-premises address behind the VPN is reached through it
    onprem = reach(load(with_vpn("192.168.0.0/16")), "app1-1a", "192.168.1.10")
    assert onprem.reachable and onprem.path[-1].target == "vpn:att-vpn"
