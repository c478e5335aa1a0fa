"""Realistic estates for the build benchmark: N VPCs over 3 regions and 4 accounts.

``write_estate(folder, vpcs)`` writes one spec file per account and region plus
``transit.yaml`` (transit gateways, peerings, expectations). Every VPC has 10 subnets over
3 AZs — public (3), app (3), data (3, isolated, implicit main table) and mgmt (1) — a NAT
gateway per AZ, S3 and DynamoDB gateway endpoints, security groups and a data-tier network
ACL. Connectivity as organisations build it:

* us-east-1 and eu-west-1: one transit gateway per region (``tgw-use1``, ``tgw-euw1``),
  peered with each other; route tables ``shared`` (all propagated), ``prod`` (shared + prod)
  and ``nonprod`` (shared + staging + dev), so prod and non-prod are isolated (declared
  under ``expect:``); every tenth VPC is not attached and peers with its region's shared
  services VPC instead;
* ap-southeast-2: no transit gateway; VPCs in clusters of five peered full mesh, each
  cluster's first VPC peered with the region's shared services VPC, which is peered with
  the us-east-1 one (inter-region);
* a few PrivateLink services (internal NLB → internal ALB) consumed by three VPCs each,
  interface endpoints to AWS services in the shared services VPCs, instances in every
  tenth VPC;
* some breakage a real estate has: every 50th VPC routes its third AZ to a deleted NAT
  gateway (blackhole), every 40th attachment does not propagate (no return route), every
  25th peered spoke has no return route from the hub.

``python benchmarks/build/generate.py 100 /tmp/estate`` writes one to look at.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

REGIONS = (("us-east-1", "use1"), ("eu-west-1", "euw1"), ("ap-southeast-2", "apse2"))
ACCOUNTS = (("111111111111", "shared", "Shared services"), ("222222222222", "prod", "Production"),
            ("333333333333", "stage", "Staging"), ("444444444444", "dev", "Development"))
SERVICES = ("payments", "orders", "catalog", "search", "identity", "billing", "ledger", "reports",
            "inventory", "shipping", "notifications", "analytics")
TGW_REGIONS = (0, 1)  # region indexes with a transit gateway
AZ_LETTERS = ("a", "b", "c")


@dataclass
class Vpc:
    index: int
    id: str
    region: int
    account: int
    k: int  # running number within the region
    number: int  # running number within (account, region)
    cidr: str
    base: tuple[int, int]  # first two octets' values: (second octet, third octet base)
    on_tgw: bool = False
    peer_routes: list[tuple[str, str]] = field(default_factory=list)  # (cidr, pcx) routes of the app tables
    interface_endpoints: list[str] = field(default_factory=list)  # spec lines (already indented)
    load_balancers: list[str] = field(default_factory=list)

    @property
    def env(self) -> str:
        return ACCOUNTS[self.account][1]

    @property
    def short(self) -> str:
        return REGIONS[self.region][1]

    @property
    def region_name(self) -> str:
        return REGIONS[self.region][0]

    def subnet(self, tier: str, az: str) -> str:
        return f"{self.id}-{tier}-1{az}"

    def subnet_cidr(self, offset: int) -> str:
        second, third = self.base
        return f"10.{second}.{third + offset}.0/24"


def _plan(n: int) -> list[Vpc]:
    vpcs: list[Vpc] = []
    per_region = [0, 0, 0]
    per_acct_region: dict[tuple[int, int], int] = {}
    for i in range(n):
        region, account = i % 3, (i // 3) % 4
        k = per_region[region]
        per_region[region] += 1
        number = per_acct_region.get((account, region), 0) + 1
        per_acct_region[(account, region)] = number
        if k >= 1024:
            raise ValueError("at most 1024 VPCs per region (3072 in all)")
        second, third = 64 * region + k // 16, (k % 16) * 16
        vid = f"{ACCOUNTS[account][1]}-{REGIONS[region][1]}-{number}"
        vpc = Vpc(i, vid, region, account, k, number, f"10.{second}.{third}.0/20", (second, third))
        vpc.on_tgw = region in TGW_REGIONS and (k % 10 != 9 or account == 0)
        vpcs.append(vpc)
    return vpcs


def _shared(vpcs: list[Vpc], region: int) -> Vpc:
    return next(v for v in vpcs if v.region == region and v.account == 0)


def _peerings(vpcs: list[Vpc]) -> list[str]:
    """Peering lines (top level) and the routes they need on both sides."""
    lines: list[str] = []

    def peer(a: Vpc, b: Vpc, return_route: bool = True) -> None:
        pcx = f"pcx-{a.id}-{b.id}"
        lines.append(f"  {pcx}: {{requester: {a.id}, accepter: {b.id}}}")
        a.peer_routes.append((b.cidr, pcx))
        if return_route:
            b.peer_routes.append((a.cidr, pcx))

    # VPCs of TGW regions not attached: peered with their region's shared services VPC
    for v in vpcs:
        if v.region in TGW_REGIONS and not v.on_tgw:
            peer(_shared(vpcs, v.region), v)
    # ap-southeast-2: clusters of five, full mesh; cluster leads peered with the hub
    hub = next((v for v in vpcs if v.region == 2 and v.account == 0), None)
    spokes = [v for v in vpcs if v.region == 2 and v is not hub]
    if hub is not None and spokes:
        for c in range(0, len(spokes), 5):
            cluster = spokes[c:c + 5]
            for x in range(len(cluster)):
                for y in range(x + 1, len(cluster)):
                    peer(cluster[x], cluster[y])
            if c // 5 < 40:
                peer(cluster[0], hub, return_route=(c // 5) % 5 != 4)  # every 25th spoke: no return route
        if any(v.region == 0 for v in vpcs):
            peer(_shared(vpcs, 0), hub)
    return lines


def _privatelink(vpcs: list[Vpc]) -> list[str]:
    """Endpoint services (top level lines); load balancers and consumer endpoints on the VPCs."""
    lines: list[str] = []
    providers = [v for v in vpcs if v.index % 97 == 5]
    for p in providers:
        alb, nlb, svc = f"{p.id}-api-alb", f"{p.id}-api-nlb", f"{p.id}-api"
        app = ", ".join(p.subnet("app", az) for az in AZ_LETTERS)
        p.load_balancers += [
            f"      {alb}:",
            "        type: application",
            "        scheme: internal",
            f"        subnets: [{app}]",
            f"        security_groups: [{p.id}-sg-web]",
            "        listeners:",
            "          - {port: 443, protocol: HTTPS}",
            f"      {nlb}:",
            "        type: network",
            "        scheme: internal",
            f"        subnets: [{app}]",
            "        listeners:",
            "          - {port: 443, protocol: TCP, target_group: to-alb}",
            "        target_groups:",
            f"          to-alb: {{target_type: alb, protocol: TCP, port: 443, targets: [{alb}]}}",
        ]
        lines += [f"  {svc}:", f"    description: {SERVICES[p.index % len(SERVICES)]} API of {p.id}",
                  f"    load_balancers: [{nlb}]", "    acceptance_required: false"]
        same_region = [v for v in vpcs if v.region == p.region and v is not p and v.index > p.index]
        for c in same_region[:3]:
            subnets = ", ".join(c.subnet("app", az) for az in AZ_LETTERS)
            c.interface_endpoints += [f"      {c.id}-to-{svc}:", "        type: interface",
                                      f"        endpoint_service: {svc}", f"        subnets: [{subnets}]",
                                      f"        security_groups: [{c.id}-sg-endpoints]"]
    return lines


def _vpc_lines(v: Vpc, dead_nat: bool) -> list[str]:  # noqa: C901  (one VPC, section after section)
    region = v.region_name
    service = SERVICES[v.index % len(SERVICES)]
    L = [f"  {v.id}:",
         f"    name: {ACCOUNTS[v.account][2]} {service} {v.number}",
         f"    description: {service} workloads of {ACCOUNTS[v.account][2].lower()} in {region}",
         f"    cidr: {v.cidr}",
         f"    internet_gateway: {v.id}-igw",
         f"    tags: {{env: {v.env}, team: {service}}}",
         "    subnets:"]
    offsets = {"public": 0, "app": 4, "data": 8}
    for tier in ("public", "app", "data"):
        for n, az in enumerate(AZ_LETTERS):
            table = {"public": f"{v.id}-public", "app": f"{v.id}-app-1{az}"}.get(tier)
            if tier == "data" and v.index % 7 != 3:  # a few VPCs leave the data tier on the main table
                table = f"{v.id}-data"
            extra = f", route_table: {table}" if table else ""
            if tier == "data":
                extra += f", network_acl: {v.id}-acl-data"
            az_id = f"{v.short}-az{n + 1}"
            L.append(f"      {v.subnet(tier, az)}: {{cidr: {v.subnet_cidr(offsets[tier] + n)}, az: {region}{az}, "
                     f"az_id: {az_id}{extra}}}")
    L.append(f"      {v.id}-mgmt-1a: {{cidr: {v.subnet_cidr(12)}, az: {region}a, az_id: {v.short}-az1, "
             f"route_table: {v.id}-app-1a}}")
    L.append("    nat_gateways:")
    for az in AZ_LETTERS:
        L.append(f"      {v.id}-nat-1{az}: {{subnet: {v.subnet('public', az)}}}")
    if dead_nat:
        L.append(f"      {v.id}-nat-old: {{subnet: {v.subnet('public', 'c')}, state: deleted, "
                 "description: replaced in the migration}")
    L += ["    route_tables:",
          f"      {v.id}-public:",
          "        routes:",
          f"          - {{destination: 0.0.0.0/0, target: {v.id}-igw}}"]
    for az in AZ_LETTERS:
        nat = f"{v.id}-nat-old" if dead_nat and az == "c" else f"{v.id}-nat-1{az}"
        L += [f"      {v.id}-app-1{az}:", "        routes:",
              f"          - {{destination: 0.0.0.0/0, target: {nat}}}"]
        if v.on_tgw:
            L.append(f"          - {{destination: 10.0.0.0/8, target: tgw-{v.short}, description: other VPCs}}")
        for cidr, pcx in v.peer_routes:
            L.append(f"          - {{destination: {cidr}, target: {pcx}}}")
    L += [f"      {v.id}-data:", "        main: true", "        description: data tier, no way out", "        routes: []"]
    app_tables = ", ".join(f"{v.id}-app-1{az}" for az in AZ_LETTERS)
    L += ["    endpoints:",
          f"      {v.id}-s3: {{type: gateway, service: s3, route_tables: [{app_tables}, {v.id}-data]}}",
          f"      {v.id}-dynamodb: {{type: gateway, service: dynamodb, route_tables: [{app_tables}]}}"]
    if v.account == 0 or v.index % 4 == 0:
        subnets = ", ".join(v.subnet("app", az) for az in AZ_LETTERS)
        for svc in (("ssm", "sts", "ec2") if v.account == 0 else ("logs",)):
            L += [f"      {v.id}-{svc}: {{type: interface, service: {svc}, subnets: [{subnets}], "
                  f"security_groups: [{v.id}-sg-endpoints], private_dns: true}}"]
    L += v.interface_endpoints
    if v.load_balancers:
        L += ["    load_balancers:", *v.load_balancers]
    L += ["    security_groups:",
          f"      {v.id}-sg-web:",
          "        description: load balancers",
          "        ingress:",
          "          - {protocol: tcp, port: 443, source: 0.0.0.0/0}",
          "        egress:",
          "          - {protocol: tcp, port: 8080, destination: " + v.cidr + "}",
          f"      {v.id}-sg-app:",
          "        ingress:",
          f"          - {{protocol: tcp, port: 8080, source: {v.id}-sg-web}}",
          "          - {protocol: tcp, port: 443, source: 10.0.0.0/8}",
          "        egress:",
          "          - {protocol: -1, destination: 0.0.0.0/0}",
          f"      {v.id}-sg-db:",
          "        ingress:",
          f"          - {{protocol: tcp, port: 5432, source: {v.id}-sg-app}}",
          "        egress: []",
          f"      {v.id}-sg-endpoints:",
          "        ingress:",
          "          - {protocol: tcp, port: 443, source: 10.0.0.0/8}",
          "    network_acls:",
          f"      {v.id}-acl-data:",
          "        description: data tier, the VPC only",
          "        ingress:",
          f"          - {{rule: 100, action: allow, protocol: all, cidr: {v.cidr}}}",
          "          - {rule: 200, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}",
          "        egress:",
          f"          - {{rule: 100, action: allow, protocol: all, cidr: {v.cidr}}}",
          "          - {rule: 200, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}"]
    if v.index % 10 == 0:
        second, third = v.base
        L += ["    instances:",
              f"      {v.id}-web-1: {{subnet: {v.subnet('public', 'a')}, private_ip: 10.{second}.{third}.10, "
              f"security_groups: [{v.id}-sg-web], public_ip: auto}}",
              f"      {v.id}-app-1: {{subnet: {v.subnet('app', 'a')}, private_ip: 10.{second}.{third + 4}.10, "
              f"security_groups: [{v.id}-sg-app]}}"]
    return L


def _transit(vpcs: list[Vpc]) -> list[str]:
    L = ["transit_gateways:"]
    for r in TGW_REGIONS:
        here = [v for v in vpcs if v.region == r and v.on_tgw]
        if not here:
            continue
        short, region = REGIONS[r][1], REGIONS[r][0]
        tgw = f"tgw-{short}"
        other = [o for o in TGW_REGIONS if o != r and any(v.region == o and v.on_tgw for v in vpcs)]
        L += [f"  {tgw}:", f"    region: {region}", f"    asn: {64512 + r}",
              f"    description: {region} hub", "    attachments:"]
        for v in here:
            subnets = ", ".join(v.subnet("app", az) for az in AZ_LETTERS)
            L.append(f"      att-{v.id}: {{vpc: {v.id}, subnets: [{subnets}]}}")
        peer_att = None
        if other:
            o = REGIONS[other[0]][1]
            peer_att = f"att-{tgw}-to-{o}"
            L.append(f"      {peer_att}: {{type: peering, peer: tgw-{o}}}")
        propagating = [v for v in here if v.k % 40 != 39]  # every 40th: propagation forgotten
        domains = {"shared": [v for v in here if v.account == 0],
                   "prod": [v for v in here if v.account == 1],
                   "nonprod": [v for v in here if v.account in (2, 3)]}
        props = {"shared": propagating,
                 "prod": [v for v in propagating if v.account in (0, 1)],
                 "nonprod": [v for v in propagating if v.account in (0, 2, 3)]}
        L.append("    route_tables:")
        for name, members in domains.items():
            assoc = [f"att-{v.id}" for v in members] + ([peer_att] if peer_att and name == "shared" else [])
            L += [f"      {tgw}-{name}:", f"        associations: [{', '.join(assoc)}]",
                  f"        propagations: [{', '.join(f'att-{v.id}' for v in props[name])}]"]
            if peer_att:
                o = other[0]
                L += ["        routes:", f"          - {{destination: 10.{64 * o}.0.0/10, attachment: {peer_att}}}"]
    return L if len(L) > 1 else []


def _expectations(vpcs: list[Vpc]) -> list[str]:
    L = ["expect:"]
    for r in TGW_REGIONS:
        prod = [v for v in vpcs if v.region == r and v.account == 1 and v.on_tgw]
        dev = [v for v in vpcs if v.region == r and v.account == 3 and v.on_tgw]
        shared = [v for v in vpcs if v.region == r and v.account == 0]
        if prod and shared:
            L.append(f"  - {{from: {prod[0].subnet('app', 'a')}, to: {shared[0].subnet('app', 'a')}, "
                     "description: prod reaches shared services}")
        if prod and dev:
            L.append(f"  - {{from: {prod[0].id}, to: {dev[0].id}, reachable: false, "
                     "description: prod and non-prod are isolated}")
            L.append(f"  - {{from: {dev[0].id}, to: {prod[0].id}, reachable: false, "
                     "description: prod and non-prod are isolated}")
    for v in vpcs[:3]:
        L.append(f"  - {{from: {v.subnet('data', 'a')}, to: internet, reachable: false, "
                 "description: the data tier has no way out}")
    return L if len(L) > 1 else []


def estate_files(n: int) -> dict[str, str]:
    """File name -> YAML text of an estate of ``n`` VPCs."""
    vpcs = _plan(n)
    peerings = _peerings(vpcs)
    services = _privatelink(vpcs)
    files: dict[str, str] = {}
    for account, (acct, env, _title) in enumerate(ACCOUNTS):
        for region, (region_name, short) in enumerate(REGIONS):
            mine = [v for v in vpcs if v.account == account and v.region == region]
            if not mine:
                continue
            L = [f"# {env} VPCs in {region_name} (generated by benchmarks/build/generate.py)",
                 f"region: {region_name}", f'account: "{acct}"', "vpcs:"]
            for v in mine:
                L += _vpc_lines(v, dead_nat=v.index % 50 == 49)
            files[f"{env}-{short}.yaml"] = "\n".join(L) + "\n"
    top = ["# transit gateways, peerings, PrivateLink services, expectations", "region: us-east-1"]
    top += _transit(vpcs)
    if peerings:
        top += ["peerings:", *peerings]
    if services:
        top += ["endpoint_services:", *services]
    top += _expectations(vpcs)
    files["transit.yaml"] = "\n".join(top) + "\n"
    return files


def write_estate(folder: str | Path, n: int) -> Path:
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    for name, text in estate_files(n).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: generate.py VPCS FOLDER")
    print(write_estate(sys.argv[2], int(sys.argv[1])))
