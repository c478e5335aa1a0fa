"""PrivateLink: consumer → provider only (IFE-5), no routes, overlapping CIDRs allowed, TCP
listener ports of the NLB only (IFE-4, EPS-5)."""

from __future__ import annotations

import pytest
from _reach_specs import load, privatelink

from vpcdocs.analysis.reach import Disposition, reach


@pytest.fixture(scope="module")
def topo():
    return load(privatelink())


def test_consumer_reaches_the_service_on_the_nlb_listener_port(topo):
    answer = reach(topo, "cons-app-1a", "orders-svc", port=443)
    assert answer.reachable, answer.reason
    assert [h.target for h in answer.path][-3:] == ["orders-api@cons-app-1a", "orders-svc", "orders-nlb"]
    # the endpoint's security group (the consumer VPC's default group, IFE-2) is checked on the way in
    assert [(s.kind, s.verdict) for s in answer.steps if s.leg == "request"][-1] == ("security-group", "allow")
    assert "IFE-5" in answer.rules


def test_other_ports_and_udp_listeners_are_not_offered(topo):
    answer = reach(topo, "cons-app-1a", "orders-svc", port=80)
    assert not answer.reachable
    assert "has no listener for tcp/80" in answer.reason and "443/TCP" in answer.reason
    assert answer.disposition == Disposition.NO_LISTENER
    assert not reach(topo, "cons-app-1a", "orders-svc", port=53).reachable  # a UDP listener


def test_private_alb_is_reached_only_through_the_endpoint_service(topo):
    answer = reach(topo, "cons-app-1b", "orders-alb", port=443)
    assert answer.reachable
    assert answer.goes_via("orders-api") and answer.goes_via("orders-svc")
    assert answer.path[-1].target == "orders-alb" and "EPS-5" in answer.rules
    # without the interface endpoint there is no way to the ALB (no peering, no TGW)
    text = privatelink().replace("""    endpoints:
      orders-api:
        type: interface
        endpoint_service: orders-svc
        subnets: [cons-app-1a, cons-app-1b]
""", "")
    blocked = reach(load(text), "cons-app-1b", "orders-alb", port=443)
    assert not blocked.reachable
    blocked_svc = reach(load(text), "cons-app-1b", "orders-svc", port=443)
    assert not blocked_svc.reachable and "no interface endpoint for orders-svc" in blocked_svc.reason


def test_the_provider_cannot_open_connections_back_ife_5(topo):
    for src in ("prov-app-1a", "orders-svc", "orders-nlb", "vpc-provider"):
        answer = reach(topo, src, "cons-app-1a")
        assert not answer.reachable, src
        assert "IFE-5" in answer.rules, (src, answer.reason)
    assert "PrivateLink is one-way" in reach(topo, "prov-app-1a", "cons-app-1a").reason


def test_consumer_cannot_reach_provider_subnets_directly(topo):
    answer = reach(topo, "cons-app-1a", "prov-app-1a")
    assert not answer.reachable
    assert "only through the PrivateLink endpoint orders-api" in answer.reason


def test_overlapping_cidrs_are_fine_for_privatelink():
    topo = load(privatelink(overlapping=True))
    answer = reach(topo, "cons-app-1a", "orders-svc", port=443)
    assert answer.reachable, answer.reason
    assert reach(topo, "cons-app-1a", "orders-alb", port=443).reachable


def test_interface_endpoint_is_usable_from_a_peered_vpc_ife_6():
    text = privatelink().replace("""      cons-app:
        main: true
        routes: []""", """      cons-app:
        main: true
        routes:
          - {destination: 10.40.0.0/16, target: pcx-peer}""").replace("""  vpc-provider:""", """  vpc-peer:
    cidr: 10.40.0.0/16
    subnets:
      peer-app: {cidr: 10.40.1.0/24, az: us-east-1a, route_table: peer-app}
    route_tables:
      peer-app:
        main: true
        routes:
          - {destination: 10.20.0.0/16, target: pcx-peer}
  vpc-provider:""") + """peerings:
  pcx-peer: {requester: vpc-consumer, accepter: vpc-peer}
"""
    topo = load(text)
    # the endpoint has no security group of its own: it has the consumer VPC's default group
    # (IFE-2), which only admits its own members — a host of the peered VPC is not one (SG-18)
    denied = reach(topo, "peer-app", "orders-svc", port=443)
    assert denied.disposition == Disposition.DENIED_BY_SECURITY_GROUP, denied.reason
    assert "vpc-consumer:default" in denied.reason and "ENI_SG_RULES_MISMATCH" in denied.explanation_codes
    text = text.replace("""        endpoint_service: orders-svc
""", """        endpoint_service: orders-svc
        security_groups: [sg-orders-api]
""").replace("""    route_tables:
      cons-app:""", """    security_groups:
      sg-orders-api:
        ingress:
          - {protocol: tcp, port: 443, source: 10.40.0.0/16}
    route_tables:
      cons-app:""", 1)
    topo = load(text)
    answer = reach(topo, "peer-app", "orders-svc", port=443)
    assert answer.reachable, answer.reason
    assert answer.goes_via("pcx-peer") and answer.goes_via("orders-api")
    # without the peering route back, the endpoint's replies cannot return
    broken = text.replace("          - {destination: 10.40.0.0/16, target: pcx-peer}\n", "")
    assert not reach(load(broken), "peer-app", "orders-svc", port=443).reachable
