"""Reachability that AWS would agree with: security groups (stateful), network ACLs
(stateless, ordered, replies to ephemeral ports), prefix lists, IPv6 and egress-only
gateways, VPN to an external network — each disposition with its reason, rules and Reachability
Analyzer code, on a purpose-built estate (data/security.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpcdocs.analysis.reach import Disposition, reach
from vpcdocs.cli import cli
from vpcdocs.spec import load_spec_text, load_specs

SPEC = Path(__file__).parent / "data" / "security.yaml"
TEXT = SPEC.read_text(encoding="utf-8")
D = Disposition


@pytest.fixture(scope="module")
def topo():
    result = load_specs(SPEC)
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


def load(text: str):
    result = load_spec_text(text, "spec.yaml")
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


def test_security_groups_allow_by_group_reference_and_the_checks_are_listed(topo):
    a = reach(topo, "web-1", "db-1", port=5432, protocol="tcp")
    assert a.disposition == D.ACCEPTED, a.reason
    checks = [(s.leg, s.kind, s.ids, s.direction, s.verdict) for s in a.steps]
    assert ("request", "security-group", ("sg-web",), "egress", "allow") in checks
    assert ("request", "security-group", ("sg-db",), "ingress", "allow") in checks
    # security groups are stateful: the replies are checked against NACLs only (SG-3)
    assert all(s.kind == "network-acl" for s in a.steps if s.leg == "reply")
    assert a.allowed == "tcp/5432"


def test_a_security_group_names_the_group_the_direction_and_the_closest_rule(topo):
    a = reach(topo, "web-1", "db-1", port=22, protocol="tcp")
    assert a.disposition == D.DENIED_BY_SECURITY_GROUP
    assert a.reason == ("security group sg-db of db-1 allows no tcp/22 inbound from 10.0.1.10 (SG-1: no rule "
                        "allows it); closest: rule 1 of sg-db allows tcp 5432 from sg-web")
    assert a.explanation_codes == ("ENI_SG_RULES_MISMATCH",)
    assert a.blocker.get("direction") == "ingress" and a.blocker.get("groups") == "sg-db"


def test_a_group_without_outbound_rules_blocks_everything_it_starts(topo):
    a = reach(topo, "mute-1", "db-1")
    assert a.disposition == D.DENIED_BY_SECURITY_GROUP
    assert "has no outbound rules at all (SG-1, SG-17)" in a.reason
    assert a.explanation_codes == ("SG_HAS_NO_RULES",)


def test_group_references_work_over_a_same_region_peering_sg_12(topo):
    a = reach(topo, "b-1", "db-1", port=5432, protocol="tcp")
    assert a.disposition == D.ACCEPTED, a.reason
    assert a.goes_via("pcx-a-b")


def test_a_group_reference_is_not_honoured_across_a_transit_gateway_sg_14():
    text = TEXT.replace("          - {destination: 10.1.0.0/16, target: pcx-a-b}",
                        "          - {destination: 10.1.0.0/16, target: tgw-x}").replace(
        "          - {destination: 10.0.0.0/16, target: pcx-a-b}", "          - {destination: 10.0.0.0/16, target: tgw-x}")
    # the peering stays (a rule may name sg-b only across one), but the routes use the TGW
    text = text.replace("peerings:\n  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n", """peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
transit_gateways:
  tgw-x:
    default_association_route_table: rt-x
    default_propagation_route_table: rt-x
    attachments:
      att-a: {vpc: vpc-a, subnets: [a-data]}
      att-b: {vpc: vpc-b, subnets: [b-app]}
    route_tables:
      rt-x: {}
""")
    topo = load(text)
    a = reach(topo, "b-1", "db-1", port=5432, protocol="tcp")
    assert a.disposition == D.DENIED_BY_SECURITY_GROUP, a.reason
    assert a.goes_via("tgw-x")  # routing gets there (TGW-5 defaults); the group does not let it in


def test_a_numbered_nacl_rule_denies_first_match_wins(topo):
    a = reach(topo, "db-1", "web-1", port=3389, protocol="tcp")
    assert a.disposition == D.DENIED_BY_NACL
    assert a.reason == ("network ACL acl-app of a-app denies tcp/3389 inbound from 10.0.2.10: rule 90 decides "
                        "(NACL-2, NACL-3 — first match wins)")
    assert a.explanation_codes == ("SUBNET_ACL_RESTRICTION",) and a.blocker.get("rule") == "90"


def test_nacls_are_stateless_replies_need_the_ephemeral_ports_nacl_10():
    # the app subnet's NACL lets 443 in but nothing out except 443: replies to clients' ports die
    text = TEXT.replace("""        egress:
          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
          - {rule: 101, action: allow, protocol: all, ipv6_cidr: "::/0"}
    instances:""", """        egress:
          - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}
    instances:""")
    a = reach(load(text), "db-1", "web-1", port=443, protocol="tcp")
    assert a.disposition == D.DENIED_BY_NACL
    assert a.blocker.leg == "reply" and a.blocker.get("direction") == "egress" and a.blocker.get("rule") == "*"
    assert "denies the replies outbound to 10.0.2.10" in a.reason and "NACL-10" in a.reason
    # a deliberate deny of a bad port inside the ephemeral range is fine (AWS's own advice)
    assert reach(load(TEXT), "web-1", "db-1", port=5432, protocol="tcp").reachable


def test_an_instance_without_a_public_ip_cannot_use_the_internet_gateway(topo):
    a = reach(topo, "nopub-1", "internet")
    assert a.disposition == D.NO_PUBLIC_IP
    assert a.explanation_codes == ("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",)
    assert reach(topo, "pub-1", "internet").reachable


def test_from_the_internet_the_security_group_decides_the_port(topo):
    assert reach(topo, "internet", "pub-1", port=443).reachable
    a = reach(topo, "internet", "pub-1", port=22)
    assert a.disposition == D.DENIED_BY_SECURITY_GROUP and "tcp/22 inbound from 0.0.0.0/0" in a.reason
    # no public address: the internet cannot start a connection to it
    b = reach(topo, "internet", "nopub-1", port=443)
    assert b.disposition == D.NOT_PUBLIC and b.explanation_codes == ("IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS",)


def test_ipv6_egress_only_gateway_is_outbound_only_v6_4(topo):
    out = reach(topo, "web-1", "internet6")
    assert out.reachable and out.goes_via("eigw-a") and "V6-4" in out.rules
    assert out.traffic == "icmpv6 tcp udp"  # ICMP (v4) is not IPv6 traffic
    # in the packet's order: sg-web lets no IPv6 443 in (the request stops there) ...
    inbound = reach(topo, "internet6", "web-1", port=443)
    assert inbound.disposition == D.DENIED_BY_SECURITY_GROUP and "inbound from ::/0" in inbound.reason
    # ... and once it does, the egress-only gateway refuses the connection
    opened = load(SPEC.read_text(encoding="utf-8").replace(
        "          - {protocol: tcp, port: 443, source: 0.0.0.0/0}\n",
        "          - {protocol: tcp, port: 443, source: 0.0.0.0/0}\n          - {protocol: tcp, port: 443, source: \"::/0\"}\n", 1))
    inbound = reach(opened, "internet6", "web-1", port=443)
    assert inbound.disposition == D.NOT_PUBLIC and "refuses connections started from the internet" in inbound.reason
    # an IPv6 address as the source is traced like any address (issue 12: "no subnet contains …" before)
    assert reach(topo, "2600:1f18:abcd:1201::10", "internet6").reachable


def test_ipv4_and_ipv6_rules_are_separate_v6_7(topo):
    a = reach(topo, "internet6", "pub-1", port=443)
    assert a.disposition == D.DENIED_BY_SECURITY_GROUP  # sg-web allows 443 from 0.0.0.0/0, not ::/0
    assert "inbound from ::/0" in a.reason


def test_vpn_routes_propagate_from_the_vgw_and_reach_the_external_network(topo):
    a = reach(topo, "web-1", "corp-dc")
    assert a.reachable and a.goes_via("vgw-a") and "VGW-2" in a.rules
    assert a.path[0].matched == "192.168.0.0/16"  # the VPN's BGP prefixes, propagated (VGW-3)
    assert "replies-outside-unchecked" in a.assumptions
    # a prefix the VGW does not know is not sent on (VGW-2)
    text = TEXT.replace("      a-app: {cidr", "      a-app: {cidr").replace(
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}",
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n          - {destination: 172.16.0.0/12, target: vgw-a}")
    b = reach(load(text), "web-1", "172.16.1.1")
    assert b.disposition == D.NO_ROUTE and "knows no route for 172.16.1.1" in b.reason


def test_an_address_in_a_known_service_prefix_list_takes_the_gateway_endpoint_pl_8(topo):
    a = reach(topo, "web-1", "52.216.5.5", port=443)
    assert a.reachable and a.goes_via("a-s3") and a.path[0].matched == "pl-63a5400a"
    # outside the list's CIDRs the same table sends it to the NAT gateway
    assert reach(topo, "web-1", "8.8.8.8", port=443).goes_via("nat-a")


def test_a_blackhole_reported_by_aws_is_honoured_for_any_target(topo):
    text = TEXT.replace("          - {destination: 10.1.0.0/16, target: pcx-a-b}",
                        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n"
                        "          - {destination: 10.9.0.0/16, target: eni-0abc12345678def01, state: blackhole, "
                        "state_reason: network interface deleted}")
    a = reach(load(text), "web-1", "10.9.1.1")
    assert a.disposition == D.BLACKHOLE and "network interface deleted" in a.reason
    assert a.explanation_codes == ("BAD_STATE_ROUTE",)


def test_a_stopped_instance_answers_nothing(topo):
    text = TEXT.replace("db-1: {subnet: a-data, private_ip: 10.0.2.10, security_groups: [sg-db]}",
                        "db-1: {subnet: a-data, private_ip: 10.0.2.10, security_groups: [sg-db], state: stopped}")
    a = reach(load(text), "web-1", "db-1", port=5432, protocol="tcp")
    assert a.disposition == D.BAD_STATE and "not running" in a.reason


def test_cli_names_the_rule_that_blocks_and_json_carries_disposition_and_codes():
    runner = CliRunner()
    result = runner.invoke(cli, ["reach", str(SPEC), "--from", "web-1", "--to", "10.0.2.10", "--protocol", "tcp",
                                 "--port", "22"])
    assert result.exit_code == 0, result.output
    assert "NOT reachable (denied-by-security-group)" in result.output
    assert "closest: rule 1 of sg-db allows tcp 5432 from sg-web" in result.output
    result = runner.invoke(cli, ["reach", str(SPEC), "--from", "web-1", "--to", "db-1", "--protocol", "tcp",
                                 "--port", "5432", "--format", "json"])
    data = json.loads(result.output)
    assert data["disposition"] == "accepted" and data["explanation_codes"] == []
    assert {"at", "route_table", "matched", "target"} == set(data["path"][0])
    assert [c["kind"] for c in data["checks"]][:1] == ["security-group"]
    result = runner.invoke(cli, ["reach", str(SPEC), "--from", "web-1", "--to", "db-1", "--protocol", "bogus"])
    assert result.exit_code == 2


def test_expectations_name_protocol_and_port():
    text = TEXT + """expect:
  - {from: web-1, to: db-1, protocol: tcp, port: 5432}
  - {from: web-1, to: db-1, protocol: tcp, port: 22, reachable: false}
  - {from: web-1, to: db-1, protocol: tcp, port: 22}
"""
    from vpcdocs.analysis.reach import check_expectations

    found = check_expectations(load(text))
    assert [d.code for d in found] == ["E-EXPECT"]
    assert "web-1 → db-1 tcp port 22" in found[0].message and "denied-by-security-group" in found[0].message
