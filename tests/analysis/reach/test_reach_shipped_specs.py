"""The shipped example specs (origin scenarios) come out right."""

from __future__ import annotations

from pathlib import Path

import pytest

from vpcdocs.analysis.reach import check_expectations, reach, vpc_matrix
from vpcdocs.spec import load_specs

SPECS = Path(__file__).resolve().parents[3] / "specs"


def _load(name: str):
    path = SPECS / name
    if not path.exists():
        pytest.skip(f"{path} not shipped")
    result = load_specs(path)
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


def test_peering_origin_scenario():
    topo = _load("peering.yaml")
    m = vpc_matrix(topo)
    assert m.reachable("vpc-a", "vpc-b") and m.reachable("vpc-b", "vpc-a")
    assert m.reachable("vpc-a", "vpc-c") and m.reachable("vpc-c", "vpc-a")
    assert not m.reachable("vpc-b", "vpc-c") and not m.reachable("vpc-c", "vpc-b")
    assert "PEER-1" in m.cell("vpc-b", "vpc-c").answer.rules
    assert reach(topo, "a-private-1a", "s3").goes_via("a-s3")
    assert not reach(topo, "b-app-1a", "s3").reachable
    assert not reach(topo, "a-private-1a", "s3@eu-west-1").goes_via("a-s3")
    assert check_expectations(topo) == []


def test_privatelink_origin_scenario():
    topo = _load("privatelink.yaml")
    answer = reach(topo, "sf-app-1a", "orders-alb", port=443)
    assert answer.reachable and answer.goes_via("orders-svc")
    assert not reach(topo, "orders-app-1a", "sf-app-1a").reachable
    assert not vpc_matrix(topo).reachable("vpc-orders", "vpc-storefront")
    assert check_expectations(topo) == []


def test_transit_hub_scenario():
    topo = _load("transit-hub.yaml")
    assert reach(topo, "app1-1a", "shared-app-1a").reachable
    assert not reach(topo, "app1-1a", "app2-1a").reachable
    egress = reach(topo, "app2-1b", "internet")
    assert egress.reachable and egress.goes_via("nat-egress-1b") and egress.goes_via("igw-egress")
    assert check_expectations(topo) == []


def test_every_pair_of_ends_gets_an_answer():
    """No question about the shipped specs crashes, and every "no" comes with a reason."""
    result = load_specs(SPECS)
    if not SPECS.exists() or not result.ok:
        pytest.skip("shipped specs missing or invalid")
    topo = result.topology
    ends = ["internet", "s3", "dynamodb", "s3@eu-west-1", "10.0.10.9"]
    for kind in ("subnet", "vpc", "load-balancer", "endpoint-service", "interface-endpoint"):
        ends += [item.id for item in topo.by_kind(kind)][:6]
    for src in ends:
        for dst in ends:
            answer = reach(topo, src, dst, port=443)
            assert answer.reachable or answer.reason, (src, dst)
            assert {"from", "to", "reachable", "path", "reason", "rules", "disposition"} <= set(answer.to_json())


def test_three_tier_security_scenario():
    """The shop VPC: security groups that reference each other, a NACL on the data tier, IPv6,
    a VPN to the data centre — each declared flow holds, each failure names what stops it first."""
    topo = _load("three-tier.yaml")
    assert check_expectations(topo) == []
    assert reach(topo, "shop-web-1", "shop-app-1", port=8080).reachable
    assert reach(topo, "shop-app-1", "shop-db-1", port=5432).reachable
    # the web tier's own group lets nothing out to the database: the first blocker, at the source
    web_db = reach(topo, "shop-web-1", "shop-db-1", port=5432)
    assert web_db.disposition.value == "denied-by-security-group" and web_db.blocker.at == "sg-shop-web"
    assert web_db.blocker.get("direction") == "egress" and web_db.blocker.get("interface") == "shop-web-1"
    # from the data centre the request reaches the data tier over the VPN, where the network ACL
    # stops it on the way in — before any question of the replies (which have no route back)
    dc_db = reach(topo, "corp-dc", "shop-db-1", port=5432)
    assert dc_db.disposition.value == "denied-by-nacl" and dc_db.blocker.leg == "request"
    assert "acl-shop-data" in dc_db.reason and "SUBNET_ACL_RESTRICTION" in dc_db.explanation_codes
    assert reach(topo, "corp-dc", "shop-app-1", port=22).goes_via("vgw-shop")
    # IPv6 leaves the app tier through the egress-only gateway, and the database has no way out
    assert reach(topo, "shop-app-1", "internet6", port=443).goes_via("eigw-shop")
    assert not reach(topo, "shop-db-1", "internet").reachable
