"""IPv6 (V6-5, V6-8), virtual private gateways (VGW-1, VGW-3, VGW-6, RS-2) and route states
AWS reported (RS-3, RS-5) on a dual-stack VPC with a VPN to the data centre."""

from __future__ import annotations

import copy
import dataclasses

import pytest
import yaml
from lint_helpers import codes, lint, load, of

from vpcdocs.analysis.lint import run_lint
from vpcdocs.analysis.reach import reach
from vpcdocs.diagnostics import Severity

HYBRID_YAML = """
region: eu-central-1
account: "111122223333"
external_networks:
  corp-dc: {cidrs: [192.168.0.0/16]}
vpn_connections:
  vpn-dc:
    vpn_gateway: vgw-core
    network: corp-dc
    customer_gateway: 203.0.113.10
    static_routes_only: true
    static_routes: [192.168.0.0/16]
vpcs:
  vpc-core:
    cidr: 10.60.0.0/16
    ipv6_cidrs: ["2a05:d014:aaaa:1000::/56"]
    internet_gateway: igw-core
    egress_only_internet_gateway: eigw-core
    vpn_gateway: vgw-core
    subnets:
      core-public-1a: {cidr: 10.60.0.0/24, ipv6_cidr: "2a05:d014:aaaa:1000::/64", az: eu-central-1a,
                       route_table: core-public}
      core-app-1a: {cidr: 10.60.10.0/24, ipv6_cidr: "2a05:d014:aaaa:1010::/64", az: eu-central-1a,
                    route_table: core-app}
      core-tgw-1a: {cidr: 10.60.255.0/28, az: eu-central-1a, route_table: core-app}
    nat_gateways:
      nat-core: {subnet: core-public-1a}
    route_tables:
      core-public:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-core}
          - {destination: "::/0", target: igw-core}
          - {destination: 10.61.0.0/16, target: tgw-core}
      core-app:
        propagating_vgws: [vgw-core]
        routes:
          - {destination: 0.0.0.0/0, target: nat-core}
          - {destination: "::/0", target: eigw-core}
          - {destination: "64:ff9b::/96", target: nat-core}
          - {destination: 10.61.0.0/16, target: tgw-core}
    endpoints:
      core-s3: {type: gateway, service: s3, route_tables: [core-app]}
  vpc-data:
    cidr: 10.61.0.0/16
    subnets:
      data-1a: {cidr: 10.61.10.0/24, az: eu-central-1a, route_table: data}
      data-tgw-1a: {cidr: 10.61.255.0/28, az: eu-central-1a, route_table: data}
    route_tables:
      data:
        main: true
        routes:
          - {destination: 10.60.0.0/16, target: tgw-core}
transit_gateways:
  tgw-core:
    default_association_route_table: core-rt
    default_propagation_route_table: core-rt
    attachments:
      att-core: {vpc: vpc-core, subnets: [core-tgw-1a], ipv6_support: true}
      att-data: {vpc: vpc-data, subnets: [data-tgw-1a]}
    route_tables:
      core-rt: {}
"""

_HYBRID = yaml.safe_load(HYBRID_YAML)


@pytest.fixture
def hybrid():
    return copy.deepcopy(_HYBRID)


def core(spec):
    return spec["vpcs"]["vpc-core"]


def app_routes(spec):
    return core(spec)["route_tables"]["core-app"]["routes"]


def test_the_hybrid_spec_is_lint_clean(hybrid):
    assert [d.format() for d in lint(hybrid)] == []


# ----------------------------------------------------------------------------- V6-5


def test_ipv6_default_route_to_a_nat_gateway(hybrid):
    # the spec loader refuses it (S-VALUE); a topology built in Python gets the lint finding
    topology = load(hybrid)
    table = topology.route_table("core-app")
    routes = tuple(dataclasses.replace(r, target="nat-core", target_kind="nat-gateway")
                   if r.destination == "::/0" else r for r in table.routes)
    topology = dataclasses.replace(topology, route_tables=tuple(
        dataclasses.replace(t, routes=routes) if t.id == "core-app" else t for t in topology.route_tables))
    (d,) = of(run_lint(topology), "L-V6-NAT")
    assert d.severity is Severity.WARNING and d.rule == "V6-5" and d.resource == "core-app"
    assert "IPv6 route ::/0 → NAT gateway nat-core" in d.message and "64:ff9b::/96" in d.message


def test_nat64_route_is_fine(hybrid):
    # 64:ff9b::/96 → nat-core is in the clean spec
    assert "L-V6-NAT" not in codes(hybrid)


# ----------------------------------------------------------------------------- V6-8


def _dual_stack_data(spec):
    """vpc-data gets IPv6; its attachment has no IPv6 support."""
    data = spec["vpcs"]["vpc-data"]
    data["ipv6_cidrs"] = ["2a05:d014:aaaa:2000::/56"]
    data["subnets"]["data-1a"]["ipv6_cidr"] = "2a05:d014:aaaa:2000::/64"


def test_ipv6_vpc_on_an_attachment_without_ipv6_support(hybrid):
    _dual_stack_data(hybrid)
    (d,) = of(lint(hybrid), "L-V6-TGW")
    assert d.severity is Severity.INFO and d.resource == "att-data" and d.rule == "V6-8"
    # core sends vpc-data's IPv6 CIDR over the transit gateway: dropped at att-data
    app_routes(hybrid).append({"destination": "2a05:d014:aaaa:2000::/56", "target": "tgw-core"})
    (d,) = of(lint(hybrid), "L-V6-TGW")
    assert d.severity is Severity.WARNING and "2a05:d014:aaaa:2000::/56 → tgw-core" in d.message
    hybrid["transit_gateways"]["tgw-core"]["attachments"]["att-data"]["ipv6_support"] = True
    hybrid["vpcs"]["vpc-data"]["subnets"]["data-tgw-1a"]["ipv6_cidr"] = "2a05:d014:aaaa:20ff::/64"
    assert "L-V6-TGW" not in codes(hybrid)


def test_reach_drops_ipv6_over_an_attachment_without_ipv6_support(hybrid):
    _dual_stack_data(hybrid)
    app_routes(hybrid).append({"destination": "2a05:d014:aaaa:2000::/56", "target": "tgw-core"})
    answer = reach(load(hybrid), "core-app-1a", "2a05:d014:aaaa:2000::10")
    # att-data propagates no IPv6 CIDR (V6-8): the transit gateway has no route for it
    assert not answer.reachable and answer.goes_via("tgw-core")
    assert answer.blocker.cause in ("tgw-no-route", "tgw-no-ipv6") and answer.blocker.at == "core-rt"


# ----------------------------------------------------------------------------- VGW-1, VGW-3, RS-2


def test_route_to_a_detached_vgw(hybrid):
    core(hybrid)["vpn_gateway"] = {"id": "vgw-core", "state": "detached"}
    app_routes(hybrid).append({"destination": "172.16.0.0/12", "target": "vgw-core"})
    found = of(lint(hybrid), "L-VGW-DETACHED")
    by_rule = {d.rule: d for d in found}
    assert sorted(by_rule) == ["RS-2", "VGW-3"] and all(d.resource == "core-app" for d in found)
    assert "172.16.0.0/12 → virtual private gateway vgw-core is a blackhole" in by_rule["RS-2"].message
    assert "propagates nothing into vpc-core" in by_rule["VGW-3"].message
    assert "L-RT-BLACKHOLE" not in codes(hybrid)  # one finding per route


def test_route_to_the_vgw_of_another_vpc(hybrid):
    hybrid["vpcs"]["vpc-data"]["vpn_gateway"] = "vgw-data"
    hybrid["vpcs"]["vpc-data"]["route_tables"]["data"]["routes"].append(
        {"destination": "192.168.0.0/16", "target": "vgw-core"})
    (d,) = of(lint(hybrid), "L-VGW-DETACHED")
    assert d.resource == "data" and "is attached to vpc-core, not to vpc-data" in d.message


# ----------------------------------------------------------------------------- VGW-6


def test_propagated_prefix_inside_the_vpc_cidr(hybrid):
    hybrid["vpn_connections"]["vpn-dc"]["static_routes"].append("10.60.128.0/20")
    (d,) = of(lint(hybrid), "L-VGW-LOCAL-OVERLAP")
    assert d.severity is Severity.INFO and d.resource == "core-app" and d.rule == "VGW-6"
    assert "10.60.128.0/20 propagated by vgw-core (vpn-static)" in d.message and "10.60.0.0/16" in d.message


def test_a_propagated_prefix_containing_the_vpc_cidr_is_fine(hybrid):
    hybrid["vpn_connections"]["vpn-dc"]["static_routes"].append("10.0.0.0/8")  # local is more specific
    assert "L-VGW-LOCAL-OVERLAP" not in codes(hybrid)


# ----------------------------------------------------------------------------- RS-3, RS-5


def test_route_aws_reported_as_blackhole_names_its_target(hybrid):
    app_routes(hybrid).append({"destination": "10.99.0.0/16", "target": "eni-0abc12345678def01",
                               "state": "blackhole", "state_reason": "network interface deleted"})
    found = lint(hybrid)
    (d,) = of(found, "L-RT-AWS-BLACKHOLE")
    assert d.severity is Severity.WARNING and d.rule == "RS-3" and d.resource == "core-app"
    assert "10.99.0.0/16 → network interface eni-0abc12345678def01" in d.message
    assert "(network interface deleted)" in d.message
    assert of(found, "L-RT-BLACKHOLE") == []


def test_aws_state_wins_over_a_live_target(hybrid):
    app_routes(hybrid)[0]["state"] = "blackhole"  # 0.0.0.0/0 → nat-core, NAT gateway available
    (d,) = of(lint(hybrid), "L-RT-AWS-BLACKHOLE")
    assert "0.0.0.0/0 → NAT gateway nat-core" in d.message


def test_tgw_route_aws_reported_as_blackhole(hybrid):
    hybrid["transit_gateways"]["tgw-core"]["route_tables"]["core-rt"]["routes"] = [
        {"destination": "10.62.0.0/16", "attachment": "tgw-attach-0123456789abcdef0", "state": "blackhole"},
        {"destination": "10.99.0.0/16", "blackhole": True, "description": "quarantine (deliberate)"},
    ]
    (d,) = of(lint(hybrid), "L-RT-AWS-BLACKHOLE")
    assert d.rule == "RS-5" and d.resource == "core-rt" and "tgw-attach-0123456789abcdef0" in d.message


def test_derived_blackholes_keep_their_own_code(hybrid):
    core(hybrid)["nat_gateways"]["nat-core"]["state"] = "deleted"
    found = lint(hybrid)
    assert sorted(d.code for d in found if "BLACKHOLE" in d.code) == ["L-RT-BLACKHOLE", "L-RT-BLACKHOLE"]
