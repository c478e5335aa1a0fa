"""Generated estates for the diagram tests and timings: N VPCs over 3 regions and 4
accounts, 3 AZs, public / private / data tiers, a NAT gateway per AZ, a peering ring,
one transit gateway per region (peered with the next region's), S3 / DynamoDB gateway
endpoints, interface endpoints, and PrivateLink services (NLB -> ALB).

``python tests/render/diagram/estate_specs.py 300 > /tmp/estate-300.yaml`` writes one.
"""

from __future__ import annotations

import sys

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")
ACCOUNTS = ("111111111111", "222222222222", "333333333333", "444444444444")


def estate_spec(vpcs: int = 30, subnets_per_az: int = 2, peers: int = 1, tgw_every: int = 2) -> str:
    """YAML text of the estate (one document, every VPC carrying its own region and account)."""
    lines = ["vpcs:"]
    on_tgw: dict[str, list[int]] = {r: [] for r in REGIONS}
    services = []
    for i in range(vpcs):
        region = REGIONS[i % 3]
        account = ACCOUNTS[(i // 3) % 4]
        azs = [f"{region}{x}" for x in "abc"]
        cidr_a, cidr_b = divmod(i, 200)
        base = f"10.{cidr_a * 64 + (cidr_b // 4)}.{(cidr_b % 4) * 64}"
        vid = f"vpc-{i}"
        lines += [f"  {vid}:", f"    name: Team {i}", f"    region: {region}", f"    account: \"{account}\"",
                  f"    cidr: {base}.0/18", f"    internet_gateway: igw-{i}", "    subnets:"]
        k = 0
        for tier in ("public", "app", "data")[: max(1, subnets_per_az)]:
            for az in azs:
                lines.append(f"      {tier}-{i}-{az[-1]}: {{cidr: 10.{cidr_a * 64 + (cidr_b // 4)}."
                             f"{(cidr_b % 4) * 64 + k}.0/24, az: {az}, route_table: rt-{tier}-{i}"
                             + (f"-{az[-1]}" if tier == "app" else "") + "}")
                k += 1
        lines += ["    nat_gateways:"] + [f"      nat-{i}-{az[-1]}: {{subnet: public-{i}-{az[-1]}}}" for az in azs]
        lines += ["    route_tables:", f"      rt-public-{i}:", "        main: true", "        routes:",
                  f"          - {{destination: 0.0.0.0/0, target: igw-{i}}}"]
        tgw = i % tgw_every == 0
        for az in azs:
            lines += [f"      rt-app-{i}-{az[-1]}:", "        routes:",
                      f"          - {{destination: 0.0.0.0/0, target: nat-{i}-{az[-1]}}}"]
            if tgw:
                lines.append(f"          - {{destination: 10.0.0.0/8, target: tgw-{region}}}")
        lines += [f"      rt-data-{i}:", "        routes: []"]
        lines += ["    endpoints:",
                  f"      s3-{i}: {{type: gateway, service: s3, route_tables: [rt-app-{i}-a, rt-app-{i}-b, rt-app-{i}-c]}}"]
        if i % 4 == 0:
            lines.append(f"      ddb-{i}: {{type: gateway, service: dynamodb, route_tables: [rt-data-{i}]}}")
        if i % 5 == 1:
            lines.append(f"      sqs-{i}: {{type: interface, service: sqs, subnets: [app-{i}-a, app-{i}-b]}}")
        if i % 10 == 3:
            lines += ["    load_balancers:",
                      f"      alb-{i}: {{type: application, scheme: internal, subnets: [app-{i}-a, app-{i}-b]}}",
                      f"      nlb-{i}:", "        type: network", "        scheme: internal",
                      f"        subnets: [app-{i}-a, app-{i}-b]",
                      f"        target_groups: {{to-alb: {{target_type: alb, targets: [alb-{i}]}}}}"]
            services.append((i, region))
        if tgw:
            on_tgw[region].append(i)
    lines.append("peerings:")
    done = set()
    for i in range(vpcs):
        for step in range(1, peers + 1):
            j = (i + 2 * step + 1) % vpcs
            pair = (min(i, j), max(i, j))
            if i == j or pair in done or i % tgw_every == 0 and j % tgw_every == 0:
                continue
            done.add(pair)
            lines.append(f"  pcx-{pair[0]}-{pair[1]}: {{requester: vpc-{pair[0]}, accepter: vpc-{pair[1]}}}")
    if len(lines) and lines[-1] == "peerings:":
        lines.pop()
    if services:
        lines.append("endpoint_services:")
        for i, _region in services:
            lines.append(f"  svc-{i}: {{load_balancers: [nlb-{i}], acceptance_required: false}}")
    lines.append("transit_gateways:")
    for n, region in enumerate(REGIONS):
        if not on_tgw[region]:
            continue
        lines += [f"  tgw-{region}:", f"    region: {region}", f"    account: \"{ACCOUNTS[0]}\"",
                  f"    asn: {64512 + n}", "    attachments:"]
        for i in on_tgw[region]:
            lines.append(f"      att-{i}: {{vpc: vpc-{i}, subnets: [app-{i}-a, app-{i}-b, app-{i}-c]}}")
        nxt = REGIONS[(n + 1) % 3]
        assoc = [f"att-{i}" for i in on_tgw[region]]
        if on_tgw[nxt] and nxt != region:
            lines.append(f"      peer-{region}-{nxt}: {{type: peering, peer: tgw-{nxt}}}")
            assoc.append(f"peer-{region}-{nxt}")
        lines += ["    route_tables:", f"      rt-{region}:",
                  "        associations: [" + ", ".join(assoc) + "]",
                  "        propagations: [" + ", ".join(f"att-{i}" for i in on_tgw[region]) + "]"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(estate_spec(int(sys.argv[1]) if len(sys.argv) > 1 else 30), end="")
