"""Helpers for the lint tests (imported by name: keep this module name unique): lint-clean specs to
mutate (BASE_YAML: routing; SHOP_YAML: workloads, security groups, network ACLs), and a loader +
linter."""

from __future__ import annotations

import yaml

from vpcdocs.analysis.lint import run_lint
from vpcdocs.diagnostics import Severity
from vpcdocs.spec import load_spec_text

BASE_YAML = """
region: us-east-1
account: "111122223333"
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    internet_gateway: igw-a
    subnets:
      a-pub-1a: {cidr: 10.0.0.0/24, az: us-east-1a, az_id: use1-az1, route_table: a-public}
      a-pub-1b: {cidr: 10.0.3.0/24, az: us-east-1b, az_id: use1-az2, route_table: a-public}
      a-priv-1a: {cidr: 10.0.1.0/24, az: us-east-1a, az_id: use1-az1, route_table: a-private-1a}
      a-priv-1b: {cidr: 10.0.2.0/24, az: us-east-1b, az_id: use1-az2, route_table: a-private-1b}
    nat_gateways:
      nat-a-1a: {subnet: a-pub-1a}
      nat-a-1b: {subnet: a-pub-1b}
    route_tables:
      a-main: {main: true}
      a-public:
        routes:
          - {destination: 0.0.0.0/0, target: igw-a}
          - {destination: 10.2.0.0/16, target: tgw-hub}
      a-private-1a:
        routes:
          - {destination: 0.0.0.0/0, target: nat-a-1a}
          - {destination: 10.1.0.0/16, target: pcx-a-b}
          - {destination: 10.2.0.0/16, target: tgw-hub}
      a-private-1b:
        routes:
          - {destination: 0.0.0.0/0, target: nat-a-1b}
          - {destination: 10.1.0.0/16, target: pcx-a-b}
          - {destination: 10.2.0.0/16, target: tgw-hub}
    endpoints:
      s3-gw: {type: gateway, service: s3, route_tables: [a-private-1a, a-private-1b]}
      orders-ep:
        type: interface
        endpoint_service: orders-svc
        subnets: [a-priv-1a, a-priv-1b]
        security_groups: [a-endpoints]
      sqs:
        type: interface
        service: sqs
        subnets: [a-priv-1a, a-priv-1b]
        security_groups: [a-endpoints]
        private_dns: true
    security_groups:
      a-endpoints:
        ingress:
          - {protocol: tcp, port: 443, source: 10.0.0.0/16}
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app-1a: {cidr: 10.1.1.0/24, az: us-east-1a, az_id: use1-az1, route_table: b-app}
      b-app-1b: {cidr: 10.1.2.0/24, az: us-east-1b, az_id: use1-az2, route_table: b-app}
    route_tables:
      b-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-b}
    load_balancers:
      orders-alb:
        type: application
        scheme: internal
        subnets: [b-app-1a, b-app-1b]
        cross_zone: true
        listeners:
          - {port: 443, protocol: HTTPS}
      orders-nlb:
        type: network
        scheme: internal
        subnets: [b-app-1a, b-app-1b]
        cross_zone: false
        listeners:
          - {port: 443, protocol: TCP, target_group: to-alb}
        target_groups:
          to-alb: {target_type: alb, protocol: TCP, port: 443, targets: [orders-alb]}
  vpc-c:
    cidr: 10.2.0.0/16
    subnets:
      c-app-1a: {cidr: 10.2.1.0/24, az: us-east-1a, route_table: c-app}
      c-tgw-1a: {cidr: 10.2.0.0/28, az: us-east-1a, route_table: c-app}
    route_tables:
      c-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: tgw-hub}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
endpoint_services:
  orders-svc: {load_balancers: [orders-nlb]}
transit_gateways:
  tgw-hub:
    attachments:
      att-a: {vpc: vpc-a, subnets: [a-priv-1a, a-priv-1b]}
      att-c: {vpc: vpc-c, subnets: [c-tgw-1a]}
    route_tables:
      tgw-rt:
        associations: [att-a, att-c]
        propagations: [att-a, att-c]
"""


# A shop VPC with declared workloads, security groups and network ACLs (ALB → app instances
# → database, a bastion): lint-clean.
SHOP_YAML = """
region: eu-west-1
account: "111122223333"
vpcs:
  vpc-shop:
    cidr: 10.40.0.0/16
    internet_gateway: igw-shop
    subnets:
      shop-public-1a: {cidr: 10.40.0.0/24, az: eu-west-1a, route_table: shop-public, network_acl: acl-public}
      shop-public-1b: {cidr: 10.40.1.0/24, az: eu-west-1b, route_table: shop-public, network_acl: acl-public}
      shop-app-1a: {cidr: 10.40.10.0/24, az: eu-west-1a, route_table: shop-app-1a}
      shop-app-1b: {cidr: 10.40.11.0/24, az: eu-west-1b, route_table: shop-app-1b}
      shop-data-1a: {cidr: 10.40.20.0/24, az: eu-west-1a, route_table: shop-data, network_acl: acl-data}
    nat_gateways:
      nat-shop-1a: {subnet: shop-public-1a}
      nat-shop-1b: {subnet: shop-public-1b}
    route_tables:
      shop-public:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-shop}
      shop-app-1a:
        routes:
          - {destination: 0.0.0.0/0, target: nat-shop-1a}
      shop-app-1b:
        routes:
          - {destination: 0.0.0.0/0, target: nat-shop-1b}
      shop-data:
        routes: []
    endpoints:
      shop-s3: {type: gateway, service: s3, route_tables: [shop-app-1a, shop-app-1b]}
    load_balancers:
      shop-alb:
        type: application
        scheme: internet-facing
        subnets: [shop-public-1a, shop-public-1b]
        security_groups: [sg-alb]
        listeners:
          - {port: 443, protocol: HTTPS}
    security_groups:
      sg-alb:
        ingress:
          - {protocol: tcp, port: 443, source: 0.0.0.0/0}
        egress:
          - {protocol: tcp, port: 8080, destination: sg-app}
      sg-app:
        ingress:
          - {protocol: tcp, port: 8080, source: sg-alb}
          - {protocol: tcp, port: 22, source: sg-bastion}
        egress:
          - {protocol: all, destination: 0.0.0.0/0}
      sg-db:
        ingress:
          - {protocol: tcp, port: 5432, source: sg-app}
      sg-bastion:
        ingress:
          - {protocol: tcp, port: 22, source: 203.0.113.0/24}
        egress:
          - {protocol: tcp, port: 22, destination: 10.40.0.0/16}
    network_acls:
      acl-public:
        ingress:
          - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}
          - {rule: 110, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}
          - {rule: 111, action: allow, protocol: udp, ports: 1024-65535, cidr: 0.0.0.0/0}
          - {rule: 120, action: allow, protocol: all, cidr: 10.40.0.0/16}
        egress:
          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
      acl-data:
        ingress:
          - {rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.40.10.0/23}
        egress:
          - {rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 10.40.10.0/23}
    instances:
      app-1a: {subnet: shop-app-1a, private_ip: 10.40.10.10, security_groups: [sg-app]}
      app-1b: {subnet: shop-app-1b, private_ip: 10.40.11.10, security_groups: [sg-app]}
      db-1: {subnet: shop-data-1a, private_ip: 10.40.20.10, security_groups: [sg-db]}
      bastion-1: {subnet: shop-public-1a, private_ip: 10.40.0.10, security_groups: [sg-bastion], public_ip: auto}
"""


def load(spec):
    """Load a spec given as YAML text or as a dict; loader errors fail the test."""
    text = spec if isinstance(spec, str) else yaml.safe_dump(spec, sort_keys=False)
    result = load_spec_text(text, filename="spec.yaml")
    errors = [d.format() for d in result.diagnostics if d.severity is Severity.ERROR]
    assert not errors, "loader errors:\n" + "\n".join(errors)
    return result.topology


def lint(spec):
    findings = run_lint(load(spec))
    assert not [d for d in findings if d.code == "L-INTERNAL"], [d.format() for d in findings]
    return findings


def codes(spec) -> list[str]:
    return [d.code for d in lint(spec)]


def of(findings, code):
    return [d for d in findings if d.code == code]
