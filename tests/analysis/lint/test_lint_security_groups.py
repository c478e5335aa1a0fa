"""Security group lint on a realistic shop VPC (ALB → app instances → database, a bastion):
each code fires on a purpose-built variant and stays quiet on the clean spec (SG-9, SG-12,
SG-13, SG-14, SG-19, SG-21, SG-22, PL-5)."""

from __future__ import annotations

import dataclasses

import pytest
from lint_helpers import codes, lint, load, of

from vpcdocs.analysis.lint import run_lint
from vpcdocs.diagnostics import Severity
from vpcdocs.model import Topology


def groups(spec):
    return spec["vpcs"]["vpc-shop"]["security_groups"]


def rule_location(spec, group: str, direction: str, index: int):
    """Where the loader found a rule: findings about a rule point at it."""
    found = load(spec).get("security-group", group)
    assert found is not None
    return getattr(found, direction)[index].loc


def test_the_shop_is_lint_clean(shop):
    assert [d.format() for d in lint(shop)] == []


# ----------------------------------------------------------------------------- SG-9, SG-22


@pytest.mark.parametrize("source", ["0.0.0.0/0", "::/0"])
def test_admin_port_open_to_the_world(shop, source):
    groups(shop)["sg-bastion"]["ingress"][0]["source"] = source
    (d,) = of(lint(shop), "L-SG-ADMIN-OPEN")
    assert d.severity is Severity.WARNING and d.rule == "SG-9" and d.resource == "sg-bastion"
    assert f"SSH 22 from {source}" in d.message and d.location == rule_location(shop, "sg-bastion", "ingress", 0)


def test_all_traffic_from_anywhere_opens_ssh_and_rdp_once(shop):
    groups(shop)["sg-db"]["ingress"].append({"protocol": "-1", "source": "0.0.0.0/0"})
    found = lint(shop)
    (d,) = of(found, "L-SG-ADMIN-OPEN")
    assert "SSH 22 and RDP 3389" in d.message and d.resource == "sg-db"
    assert of(found, "L-SG-DB-OPEN") == []  # the same rule is reported once, as the worse finding


def test_a_port_range_covering_ssh_counts(shop):
    groups(shop)["sg-bastion"]["ingress"][0].update(ports="0-1023", source="0.0.0.0/0")
    del groups(shop)["sg-bastion"]["ingress"][0]["port"]
    assert "SSH 22" in of(lint(shop), "L-SG-ADMIN-OPEN")[0].message


def test_admin_ports_from_known_ranges_or_groups_are_fine(shop):
    groups(shop)["sg-bastion"]["ingress"].append({"protocol": "tcp", "port": 3389, "source": "10.0.0.0/8"})
    groups(shop)["sg-bastion"]["ingress"].append({"protocol": "udp", "port": 22, "source": "10.40.0.0/16"})
    assert "L-SG-ADMIN-OPEN" not in codes(shop)


def test_database_port_open_to_the_world_is_a_note(shop):
    groups(shop)["sg-db"]["ingress"][0]["source"] = "0.0.0.0/0"
    (d,) = of(lint(shop), "L-SG-DB-OPEN")
    assert d.severity is Severity.INFO and d.rule == "SG-22" and "PostgreSQL 5432" in d.message
    assert d.resource == "sg-db"


# ----------------------------------------------------------------------------- SG-12, SG-13


def _with_peer(shop, region: str, status: str = "active"):
    shop["vpcs"]["vpc-reports"] = {
        "cidr": "10.41.0.0/16", "region": region,
        "subnets": {"rep-app-1a": {"cidr": "10.41.10.0/24", "az": f"{region}a", "route_table": "rep-app"}},
        "route_tables": {"rep-app": {"main": True, "routes": [{"destination": "10.40.0.0/16",
                                                               "target": "pcx-shop-reports"}]}},
        "security_groups": {"sg-reports": {"egress": [{"protocol": "tcp", "port": 5432,
                                                         "destination": "10.40.20.0/24"}]}},
        "instances": {"rep-1": {"subnet": "rep-app-1a", "private_ip": "10.41.10.10",
                                "security_groups": ["sg-reports"]}},
    }
    shop["vpcs"]["vpc-shop"]["route_tables"]["shop-data"]["routes"] = [
        {"destination": "10.41.0.0/16", "target": "pcx-shop-reports"}]
    shop["peerings"] = {"pcx-shop-reports": {"requester": "vpc-shop", "accepter": "vpc-reports",
                                             "status": status}}
    groups(shop)["sg-db"]["ingress"].append({"protocol": "tcp", "port": 5432, "source": "sg-reports"})


def test_reference_across_a_same_region_peering_is_fine(shop):
    _with_peer(shop, "eu-west-1")
    assert {"L-SG-REF-SCOPE", "L-SG-STALE"}.isdisjoint(codes(shop))


def test_reference_across_an_inter_region_peering(shop):
    _with_peer(shop, "us-east-1")
    (d,) = of(lint(shop), "L-SG-REF-SCOPE")
    assert d.severity is Severity.ERROR and d.rule == "SG-12" and d.resource == "sg-db"
    assert "inter-Region peering 'pcx-shop-reports'" in d.message and "eu-west-1 ↔ us-east-1" in d.message


def test_reference_across_a_pending_peering_is_stale(shop):
    _with_peer(shop, "eu-west-1", status="pending-acceptance")
    (d,) = of(lint(shop), "L-SG-STALE")
    assert d.severity is Severity.WARNING and d.rule == "SG-13"
    assert "pending-acceptance, not active" in d.message and "matches nothing" in d.message


def test_reference_to_a_group_the_spec_does_not_have(shop):
    groups(shop)["sg-db"]["ingress"].append({"protocol": "tcp", "port": 5432, "source": "sg-0123456789abcdef0"})
    (d,) = of(lint(shop), "L-SG-STALE")
    assert "sg-0123456789abcdef0" in d.message and d.location == rule_location(shop, "sg-db", "ingress", 1)
    # another account's group (account/sg-…) cannot be known: no finding
    groups(shop)["sg-db"]["ingress"][-1]["source"] = "444455556666/sg-0123456789abcdef0"
    assert "L-SG-STALE" not in codes(shop)


def _over_a_tgw(shop) -> Topology:
    """Shop and reports attached to one transit gateway, not peered. The spec loader refuses
    a reference to an unpeered VPC's group (S-REF), so the rule is added to the model."""
    _with_peer(shop, "eu-west-1")
    del shop["peerings"]
    groups(shop)["sg-db"]["ingress"].pop()
    shop["vpcs"]["vpc-reports"]["route_tables"]["rep-app"]["routes"] = [
        {"destination": "10.40.0.0/16", "target": "tgw-core"}]
    shop["vpcs"]["vpc-shop"]["route_tables"]["shop-data"]["routes"] = [
        {"destination": "10.41.0.0/16", "target": "tgw-core"}]
    shop["transit_gateways"] = {"tgw-core": {
        "default_association_route_table": "core", "default_propagation_route_table": "core",
        "attachments": {"att-shop": {"vpc": "vpc-shop", "subnets": ["shop-data-1a"]},
                        "att-reports": {"vpc": "vpc-reports", "subnets": ["rep-app-1a"]}},
        "route_tables": {"core": {}}}}
    topology = load(shop)
    db, reports = topology.get("security-group", "sg-db"), topology.get("security-group", "sg-reports")
    assert db is not None and reports is not None
    inbound = dataclasses.replace(db.ingress[0], peer="sg-reports")
    outbound = dataclasses.replace(reports.egress[0], peer="sg-db", peer_kind="security-group", network=None)
    changed = {"sg-db": dataclasses.replace(db, ingress=(*db.ingress, inbound)),
               "sg-reports": dataclasses.replace(reports, egress=(outbound,))}
    return dataclasses.replace(topology, security_groups=tuple(changed.get(g.id, g)
                                                                for g in topology.security_groups))


def test_references_over_a_transit_gateway(shop):
    found = of(run_lint(_over_a_tgw(shop)), "L-SG-REF-SCOPE")
    by_group = {d.resource: d for d in found}
    assert sorted(by_group) == ["sg-db", "sg-reports"]
    assert by_group["sg-reports"].severity is Severity.ERROR and "outbound" in by_group["sg-reports"].message
    assert by_group["sg-db"].severity is Severity.WARNING and "tgw-core" in by_group["sg-db"].message
    assert all(d.rule == "SG-14" for d in found)


def test_reach_does_not_honour_a_reference_over_a_transit_gateway(shop):
    from vpcdocs.analysis.reach import reach

    topology = _over_a_tgw(shop)
    answer = reach(topology, "rep-1", "db-1", port=5432, protocol="tcp")
    assert not answer.reachable and answer.disposition == "denied-by-security-group"


# ----------------------------------------------------------------------------- SG-21


def test_unused_group_in_a_vpc_with_declared_workloads(shop):
    del shop["vpcs"]["vpc-shop"]["instances"]["bastion-1"]
    found = lint(shop)
    (d,) = of(found, "L-SG-UNUSED")
    assert d.severity is Severity.INFO and d.rule == "SG-21" and d.resource == "sg-bastion"
    # sg-app still references it: that is not an attachment, the group stays unused


def test_groups_of_load_balancers_and_endpoints_count_as_used(shop):
    # sg-alb is only on the ALB's interfaces: used
    assert "L-SG-UNUSED" not in codes(shop)


def test_no_unused_finding_where_workloads_are_not_declared(shop):
    del shop["vpcs"]["vpc-shop"]["instances"]
    found = lint(shop)
    assert of(found, "L-SG-UNUSED") == []


def test_the_default_group_is_never_unused(shop):
    groups(shop)["default"] = {"ingress": [{"protocol": "all", "source": "default"}]}
    assert "L-SG-UNUSED" not in codes(shop)


# ----------------------------------------------------------------------------- SG-19, PL-5


def test_more_than_60_inbound_rules(shop):
    groups(shop)["sg-app"]["ingress"] += [{"protocol": "tcp", "port": 8080, "source": f"192.168.{i}.0/24"}
                                          for i in range(58)]
    assert "L-SG-QUOTA" not in codes(shop)  # 58 CIDRs + 2 group references: 60
    groups(shop)["sg-app"]["ingress"].append({"protocol": "tcp", "port": 8080, "source": "192.168.99.0/24"})
    (d,) = of(lint(shop), "L-SG-QUOTA")
    assert d.resource == "sg-app" and "61 inbound IPv4 rules" in d.message and d.severity is Severity.WARNING
    # IPv6 rules count separately (SG-19)
    groups(shop)["sg-app"]["ingress"] = groups(shop)["sg-app"]["ingress"][:-1] + [
        {"protocol": "tcp", "port": 8080, "source": "2001:db8::/32"}]
    assert "L-SG-QUOTA" not in codes(shop)


def test_a_customer_prefix_list_weighs_its_max_entries(shop):
    shop["prefix_lists"] = {"partners": {"max_entries": 61, "entries": ["198.51.100.0/24"]}}
    groups(shop)["sg-alb"]["ingress"].append({"protocol": "tcp", "port": 443, "source": "partners"})
    (d,) = of(lint(shop), "L-SG-QUOTA")
    assert d.rule == "SG-19" and "62 inbound IPv4 rules" in d.message and "max entries" in d.message
    shop["prefix_lists"]["partners"]["max_entries"] = 59
    assert "L-SG-QUOTA" not in codes(shop)


def test_more_than_five_groups_on_an_instance(shop):
    for i in range(5):
        groups(shop)[f"sg-extra-{i}"] = {"ingress": []}
    shop["vpcs"]["vpc-shop"]["instances"]["app-1a"]["security_groups"] += [f"sg-extra-{i}" for i in range(5)]
    (d,) = of(lint(shop), "L-SG-QUOTA")
    assert d.resource == "app-1a" and "6 security groups" in d.message
