"""YAML specs for the reachability tests, and a loader that refuses specs with errors."""

from __future__ import annotations

from vpcdocs.spec import load_spec_text


def load(text: str, filename: str = "spec.yaml"):
    result = load_spec_text(text, filename)
    errors = [d.format() for d in result.errors]
    assert not errors, errors
    return result.topology


# VPC A peered with B and C (origin notes); A has NAT egress and an S3 gateway endpoint.
PEERING = """
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    internet_gateway: igw-a
    subnets:
      a-public:   {cidr: 10.0.0.0/24, az: us-east-1a, route_table: a-public}
      a-private:  {cidr: 10.0.10.0/24, az: us-east-1a, route_table: a-private}
      a-private-b: {cidr: 10.0.11.0/24, az: us-east-1b, route_table: a-private}
      a-isolated: {cidr: 10.0.20.0/24, az: us-east-1a, route_table: a-isolated}
    nat_gateways:
      nat-a: {subnet: a-public}
    route_tables:
      a-public:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-a}
      a-private:
        routes:
          - {destination: 0.0.0.0/0, target: nat-a}
          - {destination: 10.1.0.0/16, target: pcx-a-b}
          - {destination: 10.2.0.0/16, target: pcx-a-c}
      a-isolated:
        routes: []
    endpoints:
      s3-gw:
        type: gateway
        service: s3
        route_tables: [a-private, a-isolated]
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}
    route_tables:
      b-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-b}
  vpc-c:
    cidr: 10.2.0.0/16
    subnets:
      c-app: {cidr: 10.2.1.0/24, az: us-east-1a, route_table: c-app}
    route_tables:
      c-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-c}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
  pcx-a-c: {requester: vpc-a, accepter: vpc-c}
"""

# A private ALB in the provider VPC exposed to the consumer VPC over PrivateLink.
PRIVATELINK = """
region: us-east-1
vpcs:
  vpc-consumer:
    cidr: 10.20.0.0/16
    subnets:
      cons-app-1a: {cidr: 10.20.10.0/24, az: us-east-1a, route_table: cons-app}
      cons-app-1b: {cidr: 10.20.11.0/24, az: us-east-1b, route_table: cons-app}
    route_tables:
      cons-app:
        main: true
        routes: []
    endpoints:
      orders-api:
        type: interface
        endpoint_service: orders-svc
        subnets: [cons-app-1a, cons-app-1b]
  vpc-provider:
    cidr: PROVIDER_CIDR
    subnets:
      prov-app-1a: {cidr: PROVIDER_SUBNET_A, az: us-east-1a, route_table: prov-app}
      prov-app-1b: {cidr: PROVIDER_SUBNET_B, az: us-east-1b, route_table: prov-app}
    route_tables:
      prov-app:
        main: true
        routes: []
    load_balancers:
      orders-alb:
        type: application
        scheme: internal
        subnets: [prov-app-1a, prov-app-1b]
        listeners:
          - {port: 443, protocol: HTTPS}
      orders-nlb:
        type: network
        scheme: internal
        subnets: [prov-app-1a, prov-app-1b]
        listeners:
          - {port: 443, protocol: TCP, target_group: to-alb}
          - {port: 53, protocol: UDP}
        target_groups:
          to-alb: {target_type: alb, protocol: TCP, port: 443, targets: [orders-alb]}
endpoint_services:
  orders-svc:
    load_balancers: [orders-nlb]
"""


def privatelink(overlapping: bool = False) -> str:
    if overlapping:  # the provider uses the consumer's very CIDR: fine for PrivateLink
        cidrs = ("10.20.0.0/16", "10.20.10.0/24", "10.20.11.0/24")
    else:
        cidrs = ("10.30.0.0/16", "10.30.10.0/24", "10.30.11.0/24")
    return (PRIVATELINK.replace("PROVIDER_CIDR", cidrs[0]).replace("PROVIDER_SUBNET_A", cidrs[1])
            .replace("PROVIDER_SUBNET_B", cidrs[2]))


# A transit gateway hub: two spokes, shared services and centralised egress (TGW-7).
TGW = """
region: eu-west-1
vpcs:
  vpc-shared:
    cidr: 10.100.0.0/16
    subnets:
      shared-app: {cidr: 10.100.1.0/24, az: eu-west-1a, route_table: shared-app}
      shared-tgw: {cidr: 10.100.255.0/28, az: eu-west-1a, route_table: shared-app}
    route_tables:
      shared-app:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}
  vpc-egress:
    cidr: 10.101.0.0/16
    internet_gateway: igw-egress
    subnets:
      egress-public: {cidr: 10.101.0.0/24, az: eu-west-1a, route_table: egress-public}
      egress-tgw: {cidr: 10.101.255.0/28, az: eu-west-1a, route_table: egress-tgw}
    nat_gateways:
      nat-egress: {subnet: egress-public}
    route_tables:
      egress-public:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-egress}
          - {destination: 10.0.0.0/8, target: tgw-hub}
      egress-tgw:
        routes:
          - {destination: 0.0.0.0/0, target: nat-egress}
  vpc-app1:
    cidr: 10.110.0.0/16
    subnets:
      app1-1a: {cidr: 10.110.1.0/24, az: eu-west-1a, route_table: app1}
      app1-1b: {cidr: 10.110.2.0/24, az: eu-west-1b, route_table: app1}
    route_tables:
      app1:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: tgw-hub}
  vpc-app2:
    cidr: 10.111.0.0/16
    subnets:
      app2-1a: {cidr: 10.111.1.0/24, az: eu-west-1a, route_table: app2}
    route_tables:
      app2:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: tgw-hub}
transit_gateways:
  tgw-hub:
    attachments:
      att-shared: {vpc: vpc-shared, subnets: [shared-tgw]}
      att-egress: {vpc: vpc-egress, subnets: [egress-tgw]}
      att-app1:   {vpc: vpc-app1, subnets: [app1-1a]}
      att-app2:   {vpc: vpc-app2, subnets: [app2-1a]}
    route_tables:
      tgw-rt-spokes:
        associations: [att-app1, att-app2]
        propagations: [att-shared]
        routes:
          - {destination: 0.0.0.0/0, attachment: att-egress}
          - {destination: 10.110.0.0/15, blackhole: true}
      tgw-rt-hub:
        associations: [att-shared, att-egress]
        propagations: [att-shared, att-app1, att-app2]
        routes:
          - {destination: 0.0.0.0/0, attachment: att-egress}
"""
