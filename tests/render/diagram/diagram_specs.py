"""Spec texts the diagram tests draw: generated large topologies and hostile names."""

from __future__ import annotations

from pathlib import Path

from vpcdocs.spec import load_spec_text

REPO = Path(__file__).resolve().parents[3]
SPECS = REPO / "specs"


def load(text: str):
    result = load_spec_text(text)
    errors = [d.format() for d in result.diagnostics if d.severity.value == "error"]
    assert not errors, errors
    return result.topology


def big_vpc_spec(azs: int = 3, per_az: int = 6) -> str:
    """One VPC, ``azs`` AZs x ``per_az`` subnets (2 public per AZ), NAT per AZ, ALB, endpoints."""
    letters = "abcdef"
    lines = ["region: us-east-1", "vpcs:", "  vpc-big:", "    name: Big VPC", "    cidr: 10.0.0.0/16",
             "    internet_gateway: igw-big", "    subnets:"]
    public, private = [], []
    n = 0
    for a in range(azs):
        az = f"us-east-1{letters[a]}"
        for i in range(per_az):
            kind = "pub" if i < 2 else "app"
            sid = f"{kind}-{letters[a]}{i}"
            rt = "rt-pub" if kind == "pub" else f"rt-app-{letters[a]}"
            lines.append(f"      {sid}: {{cidr: 10.0.{n}.0/24, az: {az}, route_table: {rt}}}")
            (public if kind == "pub" else private).append((a, sid))
            n += 1
    lines += ["    nat_gateways:"]
    for a in range(azs):
        lines.append(f"      nat-{letters[a]}: {{subnet: pub-{letters[a]}0}}")
    lines += ["    route_tables:", "      rt-pub:", "        main: true", "        routes:",
              "          - {destination: 0.0.0.0/0, target: igw-big}"]
    for a in range(azs):
        lines += [f"      rt-app-{letters[a]}:", "        routes:",
                  f"          - {{destination: 0.0.0.0/0, target: nat-{letters[a]}}}"]
    pub0 = ", ".join(f"pub-{letters[a]}0" for a in range(azs))
    last = "app" if per_az > 2 else "pub"
    app2 = ", ".join(f"{last}-{letters[a]}{per_az - 1}" for a in range(azs))
    lines += ["    load_balancers:", "      web-alb:", "        type: application",
              "        scheme: internet-facing", f"        subnets: [{pub0}]",
              "    endpoints:", "      s3-gw: {type: gateway, service: s3, route_tables: [rt-app-a]}",
              f"      sqs: {{type: interface, service: sqs, subnets: [{app2}]}}"]
    return "\n".join(lines) + "\n"


def tiered_vpc_spec() -> str:
    """One VPC, 3 AZs x 6 tiers the way teams build them: web (public), app, cache and db
    (private, data-named last), an isolated vault tier and TGW attachment subnets; a NAT
    gateway per AZ, an internet-facing ALB over the web tier, an internal NLB over the app
    tier, instances with security groups, network ACLs, gateway and interface endpoints, a
    peering, a transit gateway and a VPN gateway. Subnets are declared out of order."""
    azs = ("a", "b", "c")
    tiers = [("vault", "rt-vault"), ("tgw", "rt-tgw"), ("db", "rt-app"), ("web", "rt-web"),
             ("cache", "rt-app"), ("app", "rt-app")]
    lines = ["region: eu-central-1", "account: '123456789012'", "vpcs:", "  vpc-tiers:", "    name: Tiered VPC",
             "    cidr: 10.60.0.0/16", "    internet_gateway: igw-tiers", "    vpn_gateway: vgw-tiers", "    subnets:"]
    n = 0
    for tier, rt in tiers:
        for az in azs:
            table = f"{rt}-{az}" if rt == "rt-app" else rt
            acl = {"web": "acl-web", "db": "acl-data", "vault": "acl-data"}.get(tier)
            extra = f", network_acl: {acl}" if acl else ""
            lines.append(f"      {tier}-{az}: {{cidr: 10.60.{n}.0/24, az: eu-central-1{az}, route_table: {table}{extra}}}")
            n += 1
    lines += ["    nat_gateways:"] + [f"      nat-{az}: {{subnet: web-{az}}}" for az in azs]
    lines += ["    route_tables:", "      rt-web:", "        routes:",
              "          - {destination: 0.0.0.0/0, target: igw-tiers}"]
    for az in azs:
        lines += [f"      rt-app-{az}:", "        routes:", f"          - {{destination: 0.0.0.0/0, target: nat-{az}}}",
                  "          - {destination: 10.0.0.0/8, target: tgw-core}",
                  "          - {destination: 10.61.0.0/16, target: pcx-tiers-peer}",
                  "          - {destination: 192.168.0.0/16, target: vgw-tiers}"]
    lines += ["      rt-vault:", "        main: true", "      rt-tgw:", "        routes:",
              "          - {destination: 0.0.0.0/0, target: nat-a}",
              "    network_acls:", "      acl-web:", "        ingress:",
              "          - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}",
              "        egress:", "          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}",
              "      acl-data:", "        ingress:",
              "          - {rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.60.0.0/16}",
              "        egress:", "          - {rule: 100, action: allow, protocol: all, cidr: 10.60.0.0/16}",
              "    security_groups:", "      sg-web: {group_name: web}", "      sg-app: {group_name: app}",
              "      sg-db: {group_name: db}",
              "    instances:",
              "      web-1: {subnet: web-a, private_ip: 10.60.9.10, security_groups: [sg-web]}",
              "      app-1: {subnet: app-a, private_ip: 10.60.15.10, security_groups: [sg-app, sg-web]}",
              "      app-2: {subnet: app-b, private_ip: 10.60.16.10, security_groups: [sg-app]}",
              "    network_interfaces:",
              "      eni-db: {subnet: db-c, private_ips: [10.60.8.5], security_groups: [sg-db]}",
              "    load_balancers:",
              "      web-alb: {type: application, scheme: internet-facing, subnets: [web-a, web-b, web-c]}",
              "      app-nlb: {type: network, scheme: internal, subnets: [app-a, app-b, app-c]}",
              "    endpoints:",
              "      s3-gw: {type: gateway, service: s3, route_tables: [rt-app-a, rt-app-b, rt-app-c]}",
              "      ddb-gw: {type: gateway, service: dynamodb, route_tables: [rt-app-a]}",
              "      sqs: {type: interface, service: sqs, subnets: [app-a, app-b, app-c]}",
              "  vpc-peer:", "    cidr: 10.61.0.0/16", "    region: eu-central-1",
              "    subnets:", "      peer-a: {cidr: 10.61.0.0/24, az: eu-central-1a, route_table: rt-peer}",
              "    route_tables:", "      rt-peer:", "        main: true", "        routes:",
              "          - {destination: 10.60.0.0/16, target: pcx-tiers-peer}",
              "peerings:", "  pcx-tiers-peer: {requester: vpc-tiers, accepter: vpc-peer}",
              "external_networks:", "  corp-dc: {cidrs: [192.168.0.0/16]}",
              "vpn_connections:", "  vpn-dc: {vpn_gateway: vgw-tiers, network: corp-dc}",
              "transit_gateways:", "  tgw-core:", "    asn: 64600", "    attachments:",
              "      att-tiers: {vpc: vpc-tiers, subnets: [tgw-a, tgw-b, tgw-c]}"]
    return "\n".join(lines) + "\n"


def many_vpcs_spec(count: int = 30) -> str:
    """``count`` VPCs on one transit gateway, a peering chain, S3 endpoints and egress."""
    lines = ["region: us-east-1", "vpcs:"]
    for i in range(count):
        lines += [f"  vpc-{i:02d}:", f"    name: Team {i:02d}", f"    cidr: 10.{i}.0.0/16"]
        if i % 5 == 0:
            lines.append(f"    internet_gateway: igw-{i:02d}")
        lines += ["    subnets:",
                  f"      s{i:02d}-a: {{cidr: 10.{i}.1.0/24, az: us-east-1a, route_table: rt-{i:02d}}}",
                  f"      s{i:02d}-b: {{cidr: 10.{i}.2.0/24, az: us-east-1b, route_table: rt-{i:02d}}}",
                  "    route_tables:", f"      rt-{i:02d}:", "        main: true", "        routes:",
                  "          - {destination: 10.0.0.0/8, target: tgw-hub}"]
        if i % 5 == 0:
            lines.append(f"          - {{destination: 0.0.0.0/0, target: igw-{i:02d}}}")
        if i % 3 == 0:
            lines += ["    endpoints:",
                      f"      s3-{i:02d}: {{type: gateway, service: s3, route_tables: [rt-{i:02d}]}}"]
    lines += ["peerings:"]
    for i in range(0, count - 1, 4):
        lines.append(f"  pcx-{i:02d}-{i + 1:02d}: {{requester: vpc-{i:02d}, accepter: vpc-{i + 1:02d}}}")
    lines += ["transit_gateways:", "  tgw-hub:", "    asn: 64512", "    attachments:"]
    for i in range(count):
        lines.append(f"      att-{i:02d}: {{vpc: vpc-{i:02d}, subnets: [s{i:02d}-a, s{i:02d}-b]}}")
    return "\n".join(lines) + "\n"


HOSTILE = r'''
region: us-east-1
vpcs:
  "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1":
    name: "<none> & \"q\" 'x' <script>alert(1)</script> ünï 東京"
    cidr: 10.0.0.0/16
    internet_gateway: "igw:<b>&amp;"
    subnets:
      "sub:a<1>&'\"":
        name: "</TD></TR></TABLE>> ]; evil [label=x"
        cidr: 10.0.1.0/24
        az: us-east-1a
        route_table: "rt&<pub>"
      "sub_a_3a1": {name: same, cidr: 10.0.2.0/24, az: us-east-1a, route_table: "rt&<priv>"}
      "sub:a:1": {name: same, cidr: 10.0.3.0/24, az: us-east-1a, route_table: "rt&<priv>"}
    route_tables:
      "rt&<pub>":
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: "igw:<b>&amp;"}
      "rt&<priv>":
        routes:
          - {destination: 0.0.0.0/0, target: "nat\"1"}
    nat_gateways:
      "nat\"1": {subnet: "sub:a<1>&'\""}
  "vpc <2>":
    name: "<none>"
    cidr: 10.1.0.0/16
    subnets:
      "x-1": {cidr: 10.1.1.0/24, az: us-east-1a}
    route_tables:
      "rt-x": {main: true}
peerings:
  "pcx:<&>":
    requester: "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1"
    accepter: "vpc <2>"
'''


KITCHEN_SINK = r'''
region: eu-west-1
account: "111122223333"
vpcs:
  hub:
    cidr: 10.0.0.0/16
    secondary_cidrs: [10.2.0.0/16]
    ipv6_cidr: 2600:1f18:1234:5600::/56
    internet_gateway: igw-hub
    subnets:
      hub-pub-1a: {cidr: 10.0.0.0/24, az: eu-west-1a, route_table: hub-pub}
      hub-app-1a: {cidr: 10.0.1.0/24, az: eu-west-1a, route_table: hub-app}
      hub-app-1b: {cidr: 10.0.2.0/24, az: eu-west-1b, route_table: hub-app}
    nat_gateways:
      nat-hub: {subnet: hub-pub-1a}
      nat-private: {subnet: hub-app-1a, connectivity: private}
      nat-old: {subnet: hub-pub-1a, state: deleted}
    route_tables:
      hub-pub:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-hub}
      hub-app:
        routes:
          - {destination: 0.0.0.0/0, target: nat-hub}
          - {destination: 172.20.0.0/16, target: pcx-partner}
          - {destination: 192.168.0.0/16, target: tgw-main}
    endpoints:
      ddb: {type: gateway, service: dynamodb, route_tables: [hub-app]}
      sqs: {type: interface, service: sqs, subnets: [hub-app-1a, hub-app-1b]}
    load_balancers:
      fw-gwlb: {type: gateway, scheme: internal, subnets: [hub-app-1a]}
peerings:
  pcx-partner:
    requester: hub
    accepter: {vpc: vpc-0partner, cidrs: [172.20.0.0/16], account: "444455556666", region: eu-west-2}
  pcx-stale:
    requester: hub
    accepter: {vpc: vpc-0old, cidrs: [172.30.0.0/16]}
    status: pending-acceptance
transit_gateways:
  tgw-main:
    asn: 64512
    attachments:
      att-hub: {vpc: hub, subnets: [hub-app-1a, hub-app-1b]}
      att-vpn: {type: vpn, cidrs: [192.168.0.0/16]}
      att-peer: {type: peering, peer: tgw-eu}
  tgw-eu:
    asn: 64513
'''
