"""Synthetic estates for the reachability benchmark.

``generate(vpcs, subnets_per_vpc, mode, peers)`` returns spec YAML text:

* every VPC gets a /18 out of 10.0.0.0/8, ``subnets_per_vpc`` /24 subnets over three AZs,
  a public and a private route table, an internet gateway and a NAT gateway (VPC 0 is an
  egress hub in ``tgw`` mode instead);
* ``mode=peering``: VPC i is peered with the next ``peers`` VPCs (a ring), with routes on
  both sides — a sparse mesh, so most pairs are *not* reachable and fail fast or slow;
* ``mode=tgw``: every VPC is attached to one transit gateway (one subnet per AZ), private
  tables send 10.0.0.0/8 to it, one TGW route table with every VPC propagated;
* ``mode=mixed``: even VPCs on the transit gateway, odd VPCs in the peering ring.

Run ``python benchmarks/reach/generate.py 50 10 peering > /tmp/estate.yaml`` to look at one.
"""

from __future__ import annotations

import sys

AZS = ("us-east-1a", "us-east-1b", "us-east-1c")


def vpc_cidr(i: int) -> str:
    return f"10.{i // 4}.{(i % 4) * 64}.0/18"


def subnet_cidr(i: int, j: int) -> str:
    return f"10.{i // 4}.{(i % 4) * 64 + j}.0/24"


def generate(vpcs: int = 50, subnets_per_vpc: int = 10, mode: str = "peering", peers: int = 2) -> str:
    if vpcs > 1024 or subnets_per_vpc > 64:
        raise ValueError("at most 1024 VPCs and 64 subnets per VPC")
    on_tgw = set()
    in_ring = []
    if mode == "tgw":
        on_tgw = set(range(vpcs))
    elif mode == "peering":
        in_ring = list(range(vpcs))
    elif mode == "mixed":
        on_tgw = {i for i in range(vpcs) if i % 2 == 0}
        in_ring = [i for i in range(vpcs) if i % 2 == 1]
    else:
        raise ValueError(f"unknown mode {mode}")
    peerings: dict[int, list[tuple[str, int]]] = {i: [] for i in range(vpcs)}
    pcx_lines = []
    n = len(in_ring)
    if n > 1:
        done = set()
        for k, i in enumerate(in_ring):
            for step in range(1, peers + 1):
                j = in_ring[(k + step) % n]
                pair = (min(i, j), max(i, j))
                if i == j or pair in done:
                    continue
                done.add(pair)
                pcx = f"pcx-{pair[0]}-{pair[1]}"
                pcx_lines.append(f"  {pcx}: {{requester: vpc-{pair[0]}, accepter: vpc-{pair[1]}}}")
                peerings[pair[0]].append((pcx, pair[1]))
                peerings[pair[1]].append((pcx, pair[0]))
    out = ["region: us-east-1", "vpcs:"]
    for i in range(vpcs):
        out.append(f"  vpc-{i}:")
        out.append(f"    cidr: {vpc_cidr(i)}")
        out.append(f"    internet_gateway: igw-{i}")
        out.append("    subnets:")
        for j in range(subnets_per_vpc):
            table = f"rt-{i}-public" if j == 0 else f"rt-{i}-private"
            out.append(f"      s-{i}-{j}: {{cidr: {subnet_cidr(i, j)}, az: {AZS[j % 3]}, route_table: {table}}}")
        out.append("    nat_gateways:")
        out.append(f"      nat-{i}: {{subnet: s-{i}-0}}")
        out.append("    route_tables:")
        out.append(f"      rt-{i}-public:")
        out.append("        main: true")
        out.append("        routes:")
        out.append(f"          - {{destination: 0.0.0.0/0, target: igw-{i}}}")
        for pcx, j in peerings[i]:
            out.append(f"          - {{destination: {vpc_cidr(j)}, target: {pcx}}}")
        if i in on_tgw:
            out.append("          - {destination: 10.0.0.0/8, target: tgw-hub}")
        out.append(f"      rt-{i}-private:")
        out.append("        routes:")
        out.append(f"          - {{destination: 0.0.0.0/0, target: nat-{i}}}")
        for pcx, j in peerings[i]:
            out.append(f"          - {{destination: {vpc_cidr(j)}, target: {pcx}}}")
        if i in on_tgw:
            out.append("          - {destination: 10.0.0.0/8, target: tgw-hub}")
    if pcx_lines:
        out.append("peerings:")
        out += pcx_lines
    if on_tgw:
        out.append("transit_gateways:")
        out.append("  tgw-hub:")
        out.append("    attachments:")
        for i in sorted(on_tgw):
            subs = ", ".join(f"s-{i}-{j}" for j in range(1, min(subnets_per_vpc, 4)))
            out.append(f"      att-{i}: {{vpc: vpc-{i}, subnets: [{subs}]}}")
        out.append("    route_tables:")
        out.append("      tgw-rt:")
        out.append(f"        associations: [{', '.join(f'att-{i}' for i in sorted(on_tgw))}]")
        out.append(f"        propagations: [{', '.join(f'att-{i}' for i in sorted(on_tgw))}]")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.stdout.write(generate(int(args[0]) if args else 50, int(args[1]) if len(args) > 1 else 10,
                              args[2] if len(args) > 2 else "peering"))
