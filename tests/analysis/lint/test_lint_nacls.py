"""Network ACL lint on the shop VPC: replies on ephemeral ports (NACL-1, NACL-10), shadowed
rules (NACL-2), rule quotas (NACL-15) — and agreement with what ``reach`` answers."""

from __future__ import annotations

import pytest
from lint_helpers import codes, lint, load, of

from vpcdocs.analysis.reach import reach
from vpcdocs.diagnostics import Severity


def acl(spec, acl_id):
    return spec["vpcs"]["vpc-shop"]["network_acls"][acl_id]


def rules(spec, acl_id, direction):
    return acl(spec, acl_id)[direction]


def drop(spec, acl_id, direction, number):
    acl(spec, acl_id)[direction] = [r for r in rules(spec, acl_id, direction) if r["rule"] != number]


# ----------------------------------------------------------------------------- NACL-10


def test_udp_replies_left_to_the_star_rule(shop):
    drop(shop, "acl-public", "ingress", 111)
    (d,) = of(lint(shop), "L-NACL-NO-REPLY")
    assert d.severity is Severity.WARNING and d.rule == "NACL-10" and d.resource == "acl-public"
    assert "outbound rule 100 allows UDP to 0.0.0.0/0" in d.message and "UDP 1024-65535" in d.message
    assert d.location == load(shop).get("network-acl", "acl-public").egress[0].loc


def test_reply_range_too_narrow_for_remote_clients(shop):
    rules(shop, "acl-data", "egress")[0]["ports"] = "32768-65535"  # AWS's example range, not its advice
    (d,) = of(lint(shop), "L-NACL-NO-REPLY")
    assert "inbound rule 100 allows TCP from 10.40.10.0/23" in d.message
    assert "TCP 1024-32767" in d.message and "the clients' ephemeral ports" in d.message


def test_reach_agrees_the_replies_are_denied(shop):
    rules(shop, "acl-data", "egress")[0]["ports"] = "32768-65535"
    shop["vpcs"]["vpc-shop"]["instances"]["app-1a"]["ephemeral_ports"] = "1024-4999"  # an old Windows client
    topology = load(shop)
    answer = reach(topology, "app-1a", "db-1", port=5432, protocol="tcp")
    assert answer.disposition == "denied-by-nacl" and answer.blocker.cause == "nacl-reply"
    assert answer.blocker.get("acl") == "acl-data"


def test_replies_to_the_acls_own_hosts_use_their_ephemeral_ranges(shop):
    # the public ACL's hosts (the bastion, the NAT gateways) start connections; with inbound
    # TCP replies allowed on 32768-65535 only, the NAT gateways' 1024-65535 are not covered
    rules(shop, "acl-public", "ingress")[1]["ports"] = "32768-65535"
    (d,) = of(lint(shop), "L-NACL-NO-REPLY")
    assert "outbound rule 100 allows TCP to 0.0.0.0/0" in d.message and "TCP 1024-32767" in d.message
    assert "this ACL's hosts' ephemeral ports" in d.message


def test_a_deliberate_deny_inside_the_ephemeral_range_is_fine(shop):
    # AWS: open 1024-65535 and deny malicious ports inside it with earlier rules
    rules(shop, "acl-data", "egress").insert(0, {"rule": 90, "action": "deny", "protocol": "tcp", "ports": 4444,
                                                 "cidr": "10.40.10.0/23"})
    assert "L-NACL-NO-REPLY" not in codes(shop)


def test_an_ephemeral_reply_rule_asks_for_no_replies_itself(shop):
    # acl-data's outbound 1024-65535 rule is a reply rule: nothing comes back for it
    assert "L-NACL-NO-REPLY" not in codes(shop)
    rules(shop, "acl-data", "egress")[0]["ports"] = "8000-8080"  # a service port: requests out
    found = of(lint(shop), "L-NACL-NO-REPLY")
    assert [d.location.line for d in found] and all(d.resource == "acl-data" for d in found)


def test_the_derived_default_acl_is_never_checked(shop):
    for s in shop["vpcs"]["vpc-shop"]["subnets"].values():
        s.pop("network_acl", None)
    del shop["vpcs"]["vpc-shop"]["network_acls"]
    assert [d.format() for d in lint(shop)] == []


# ----------------------------------------------------------------------------- NACL-2


def test_rule_covered_by_one_earlier_rule_is_redundant(shop):
    rules(shop, "acl-public", "ingress").append({"rule": 130, "action": "allow", "protocol": "tcp", "ports": 443,
                                                 "cidr": "198.51.100.0/24"})
    (d,) = of(lint(shop), "L-NACL-SHADOWED")
    assert d.severity is Severity.WARNING and d.rule == "NACL-2" and d.resource == "acl-public"
    assert "inbound rule 130 is redundant" in d.message and "rule(s) 100" in d.message and d.related


def test_a_deny_after_a_broader_allow_never_takes_effect(shop):
    rules(shop, "acl-public", "ingress").append({"rule": 125, "action": "deny", "protocol": "all",
                                                 "cidr": "10.40.20.0/24"})
    (d,) = of(lint(shop), "L-NACL-SHADOWED")
    assert "inbound rule 125 never takes effect (deny)" in d.message and "120" in d.message


def test_rule_covered_only_by_several_earlier_rules(shop):
    ingress = rules(shop, "acl-data", "ingress")
    ingress[:] = [
        {"rule": 10, "action": "allow", "protocol": "tcp", "ports": "0-5000", "cidr": "10.40.10.0/24"},
        {"rule": 20, "action": "allow", "protocol": "tcp", "ports": "5001-65535", "cidr": "10.40.10.0/24"},
        {"rule": 30, "action": "allow", "protocol": "tcp", "ports": "0-65535", "cidr": "10.40.11.0/24"},
        {"rule": 40, "action": "deny", "protocol": "tcp", "ports": 5432, "cidr": "10.40.10.0/23"},
    ]
    (d,) = of(lint(shop), "L-NACL-SHADOWED")
    assert "inbound rule 40" in d.message and "10, 20, 30" in d.message


@pytest.mark.parametrize("later", [
    {"rule": 130, "action": "deny", "protocol": "tcp", "ports": "400-500", "cidr": "0.0.0.0/0"},  # more ports
    {"rule": 130, "action": "deny", "protocol": "udp", "ports": 443, "cidr": "0.0.0.0/0"},  # other protocol
    {"rule": 130, "action": "allow", "protocol": "tcp", "ports": 443, "ipv6_cidr": "::/0"},  # other family
])
def test_rules_partly_decided_by_earlier_ones_are_not_shadowed(shop, later):
    rules(shop, "acl-public", "ingress").append(later)
    assert "L-NACL-SHADOWED" not in codes(shop)


def test_a_protocol_number_rule_is_covered_by_an_all_protocols_rule(shop):
    # rule 120 allows every protocol from 10.40.0.0/16, GRE (47) included
    rules(shop, "acl-public", "ingress").append({"rule": 130, "action": "deny", "protocol": "47",
                                                 "cidr": "10.40.5.0/24"})
    (d,) = of(lint(shop), "L-NACL-SHADOWED")
    assert "inbound rule 130 never takes effect (deny)" in d.message


def test_all_protocols_are_covered_only_by_all_protocol_rules(shop):
    ingress = rules(shop, "acl-data", "ingress")
    ingress[:] = [
        {"rule": 10, "action": "allow", "protocol": "tcp", "ports": "0-65535", "cidr": "10.40.10.0/23"},
        {"rule": 20, "action": "allow", "protocol": "udp", "ports": "0-65535", "cidr": "10.40.10.0/23"},
        {"rule": 30, "action": "allow", "protocol": "icmp", "cidr": "10.40.10.0/23"},
        {"rule": 40, "action": "deny", "protocol": "all", "cidr": "10.40.10.0/23"},
    ]
    assert "L-NACL-SHADOWED" not in codes(shop)  # rule 40 still denies e.g. ESP (50)


# ----------------------------------------------------------------------------- NACL-15


def test_more_than_twenty_rules_with_the_star_rule(shop):
    ingress = rules(shop, "acl-public", "ingress")
    ingress += [{"rule": 200 + i, "action": "allow", "protocol": "tcp", "ports": 8000 + i, "cidr": "0.0.0.0/0"}
                for i in range(15)]
    assert "L-NACL-QUOTA" not in codes(shop)  # 19 + * = 20
    ingress.append({"rule": 300, "action": "allow", "protocol": "tcp", "ports": 9000, "cidr": "0.0.0.0/0"})
    (d,) = of(lint(shop), "L-NACL-QUOTA")
    assert d.resource == "acl-public" and "20 inbound IPv4 rules plus the * rule" in d.message
    assert d.rule == "NACL-15" and d.severity is Severity.WARNING


def test_ipv6_rules_count_separately(shop):
    ingress = rules(shop, "acl-public", "ingress")
    ingress += [{"rule": 200 + i, "action": "allow", "protocol": "tcp", "ports": 8000 + i, "ipv6_cidr": "::/0"}
                for i in range(19)]
    assert "L-NACL-QUOTA" not in codes(shop)
