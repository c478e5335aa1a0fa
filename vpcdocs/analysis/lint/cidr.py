"""VPC and subnet CIDR checks (CIDR-1, SUB-1, SUB-3)."""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import IPNetwork, Subnet
from .registry import LintContext, lint_check

DOCKER_BRIDGE = ipaddress.IPv4Network("172.17.0.0/16")
RFC1918 = tuple(ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))


def _rfc1918(cidr: IPNetwork) -> ipaddress.IPv4Network | None:
    if not isinstance(cidr, ipaddress.IPv4Network):
        return None
    return next((r for r in RFC1918 if cidr.subnet_of(r)), None)


@lint_check
def vpc_cidrs(ctx: LintContext) -> Iterator[Diagnostic]:
    for vpc in ctx.topology.vpcs:
        for i, cidr in enumerate(vpc.cidrs):
            which = "primary" if i == 0 else "secondary"
            if not 16 <= cidr.prefixlen <= 28:
                yield ctx.finding("L-CIDR-VPC", f"VPC '{vpc.id}' {which} CIDR {cidr} is a /{cidr.prefixlen}; "
                                  "VPC CIDRs must be /16 to /28", vpc.loc, vpc.id)
            for other in vpc.cidrs[:i]:
                if cidr.overlaps(other):
                    yield ctx.finding("L-CIDR-VPC", f"VPC '{vpc.id}' secondary CIDR {cidr} overlaps its CIDR "
                                      f"{other}", vpc.loc, vpc.id)
        primary_range = _rfc1918(vpc.cidrs[0]) if vpc.cidrs else None
        for cidr in vpc.cidrs[1:]:
            in_range = _rfc1918(cidr)
            if primary_range and in_range and in_range != primary_range:
                yield ctx.finding("L-CIDR-VPC", f"VPC '{vpc.id}' secondary CIDR {cidr} is in {in_range} but its primary "
                                  f"CIDR {vpc.cidrs[0]} is in {primary_range}; AWS does not mix RFC 1918 ranges",
                                  vpc.loc, vpc.id, rule="CIDR-2")
        for cidr in vpc.cidrs:
            if cidr.overlaps(DOCKER_BRIDGE):
                yield ctx.finding("L-CIDR-172-17", f"VPC '{vpc.id}' CIDR {cidr} overlaps 172.17.0.0/16, "
                                  "which some AWS services use internally", vpc.loc, vpc.id)


@lint_check
def subnet_cidrs(ctx: LintContext) -> Iterator[Diagnostic]:
    by_vpc: dict[str, list[Subnet]] = defaultdict(list)
    for subnet in ctx.topology.subnets:
        by_vpc[subnet.vpc].append(subnet)
    for vpc_id, subnets in sorted(by_vpc.items()):
        vpc = ctx.topology.get("vpc", vpc_id)
        if vpc is None:
            continue
        subnets.sort(key=lambda s: (s.loc, s.id))
        ranges = [(_range(s.cidr), _range(s.ipv6_cidr)) for s in subnets]
        vpc_ranges, vpc6_ranges = [_range(c) for c in vpc.cidrs], [_range(c) for c in vpc.ipv6_cidrs]
        for i, subnet in enumerate(subnets):
            if subnet.cidr is not None:
                if not 16 <= subnet.cidr.prefixlen <= 28:
                    yield ctx.finding("L-CIDR-OVERLAP-SUBNET", f"subnet '{subnet.id}' CIDR {subnet.cidr} is a "
                                      f"/{subnet.cidr.prefixlen}; subnets must be /16 to /28", subnet.loc, subnet.id)
                if vpc.cidrs and not any(_inside(ranges[i][0], c) for c in vpc_ranges):
                    cidrs = ", ".join(str(c) for c in vpc.cidrs)
                    yield ctx.finding("L-CIDR-OVERLAP-SUBNET", f"subnet '{subnet.id}' CIDR {subnet.cidr} is not "
                                      f"inside a CIDR of VPC '{vpc.id}' ({cidrs})", subnet.loc, subnet.id,
                                      related=(vpc.loc,))
            if subnet.ipv6_cidr is not None:
                if subnet.ipv6_cidr.prefixlen != 64:
                    yield ctx.finding("L-CIDR-OVERLAP-SUBNET", f"subnet '{subnet.id}' IPv6 CIDR {subnet.ipv6_cidr} "
                                      "is not a /64; IPv6 subnets are always /64", subnet.loc, subnet.id)
                if not any(_inside(ranges[i][1], c) for c in vpc6_ranges):
                    yield ctx.finding("L-CIDR-OVERLAP-SUBNET", f"subnet '{subnet.id}' IPv6 CIDR {subnet.ipv6_cidr} "
                                      f"is not inside an IPv6 CIDR of VPC '{vpc.id}'", subnet.loc, subnet.id,
                                      related=(vpc.loc,))
        for i, subnet in enumerate(subnets):
            for j, earlier in enumerate(subnets[:i]):
                for k, (a, b) in enumerate(((subnet.cidr, earlier.cidr), (subnet.ipv6_cidr, earlier.ipv6_cidr))):
                    if a is not None and b is not None and _overlap(ranges[i][k], ranges[j][k]):
                        yield ctx.finding("L-CIDR-OVERLAP-SUBNET", f"subnet '{subnet.id}' CIDR {a} overlaps "
                                          f"subnet '{earlier.id}' ({b})", subnet.loc, subnet.id,
                                          related=(earlier.loc,))


Range = tuple[int, int, int]  # (IP version, first address, last address) of a network


def _range(net: IPNetwork | None) -> Range | None:
    if net is None:
        return None
    first = int(net.network_address)
    return net.version, first, first + (1 << (net.max_prefixlen - net.prefixlen)) - 1


def _overlap(a: Range | None, b: Range | None) -> bool:
    """``IPNetwork.overlaps`` over :func:`_range` (integer compares, for every pair of a VPC's subnets)."""
    return a is not None and b is not None and a[0] == b[0] and a[1] <= b[2] and b[1] <= a[2]


def _inside(a: Range | None, b: Range | None) -> bool:
    """``IPNetwork.subnet_of`` over :func:`_range`."""
    return a is not None and b is not None and a[0] == b[0] and b[1] <= a[1] and a[2] <= b[2]
