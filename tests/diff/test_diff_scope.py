"""Asking only about the pairs a change can affect gives exactly the full comparison.

Generated estates (benchmarks/reach/generate.py: a peering ring, a transit-gateway hub, and
both mixed) get one change each — a peering removed or added, a route removed, a subnet
moved, a NACL, a security group with a workload, a gateway endpoint, a TGW propagation, a new
VPC — and the diff is computed twice: scoped (the default) and with ``all_pairs=True``. Flows,
their groups and the service paths must be identical, and the scoped run must really have
left pairs out. (Security-rule flows are not scoped: they are asked for each rule's own pairs.)
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from bench_estates import reach_estate

from vpcdocs.diff.report import diff_topologies
from vpcdocs.spec import load_spec_text

VPCS, SUBNETS = 10, 4


def load(text: str):
    result = load_spec_text(text, "estate.yaml")
    assert result.ok, [d.format() for d in result.errors][:5]
    return result.topology


def drop_lines(pattern: str) -> Callable[[str], str]:
    def run(text: str) -> str:
        kept = [line for line in text.splitlines() if not re.search(pattern, line)]
        assert len(kept) < len(text.splitlines()), pattern
        return "\n".join(kept) + "\n"
    return run


def in_vpc(i: int, yaml: str) -> Callable[[str], str]:
    """Insert ``yaml`` (indented for a VPC's keys) into VPC ``i``."""
    def run(text: str) -> str:
        anchor = f"    internet_gateway: igw-{i}\n"
        assert anchor in text
        return text.replace(anchor, anchor + yaml, 1)
    return run


def add_peering(i: int, j: int) -> Callable[[str], str]:
    def run(text: str) -> str:
        for a, b in ((i, j), (j, i)):
            anchor = f"      rt-{a}-private:\n        routes:\n"
            cidr = re.search(rf"  vpc-{b}:\n    cidr: (\S+)", text).group(1)  # type: ignore[union-attr]
            text = text.replace(anchor, anchor + f"          - {{destination: {cidr}, target: pcx-new}}\n", 1)
        return text.replace("peerings:\n", f"peerings:\n  pcx-new: {{requester: vpc-{i}, accepter: vpc-{j}}}\n", 1)
    return run


def move_subnet(i: int, j: int) -> Callable[[str], str]:
    def run(text: str) -> str:
        old = f"s-{i}-{j}: {{cidr: "
        line = next(x for x in text.splitlines() if old in x)
        return text.replace(line, line.replace(f"rt-{i}-private", f"rt-{i}-public"))
    return run


def drop_route(i: int, target: str) -> Callable[[str], str]:
    """Remove ``target``'s route from rt-i-private only."""
    def run(text: str) -> str:
        start = text.index(f"      rt-{i}-private:\n")
        end = text.index("\n      rt-", start + 1) if "\n      rt-" in text[start + 1:] else len(text)
        block = text[start:end]
        lines = [x for x in block.split("\n") if f"target: {target}}}" not in x]
        assert len(lines) < len(block.split("\n"))
        return text[:start] + "\n".join(lines) + text[end:]
    return run


def new_vpc(text: str) -> str:
    vpc = ("  vpc-new:\n    cidr: 10.200.0.0/18\n    subnets:\n"
           "      s-new: {cidr: 10.200.1.0/24, az: us-east-1a, route_table: rt-new}\n"
           "    route_tables:\n      rt-new:\n        main: true\n        routes:\n"
           "          - {destination: 10.0.0.0/18, target: pcx-vnew}\n")
    text = text.replace("vpcs:\n", "vpcs:\n" + vpc, 1)
    anchor = "      rt-0-private:\n        routes:\n"
    text = text.replace(anchor, anchor + "          - {destination: 10.200.0.0/18, target: pcx-vnew}\n", 1)
    return text.replace("peerings:\n", "peerings:\n  pcx-vnew: {requester: vpc-new, accepter: vpc-0}\n", 1)


NACL = ("    network_acls:\n      acl-strict:\n        subnets: [s-{i}-1]\n        ingress:\n"
        "          - {{rule: 100, action: deny, protocol: all, cidr: 10.0.0.0/8}}\n"
        "          - {{rule: 200, action: allow, protocol: all, cidr: 0.0.0.0/0}}\n        egress:\n"
        "          - {{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}}\n")
WORKLOAD = ("    security_groups:\n      sg-locked:\n        ingress:\n"
            "          - {{protocol: tcp, port: 443, source: 10.{i}.0.0/24}}\n        egress: []\n"
            "    instances:\n      app-{i}:\n        subnet: s-{i}-2\n        security_groups: [sg-locked]\n")
GATEWAY_ENDPOINT = "    endpoints:\n      s3-{i}: {{type: gateway, service: s3, route_tables: [rt-{i}-private]}}\n"

MUTATIONS: dict[str, list[tuple[str, Callable[[str], str]]]] = {
    "peering": [
        ("remove a peering", drop_lines(r"pcx-0-1\b")),
        ("add a peering", add_peering(0, 5)),
        ("remove a NAT route", drop_route(3, "nat-3")),
        ("move a subnet to the public table", move_subnet(4, 2)),
        ("a NACL", in_vpc(2, NACL.format(i=2))),
        ("a workload behind a security group", in_vpc(6, WORKLOAD.format(i=6))),
        ("a gateway endpoint", in_vpc(7, GATEWAY_ENDPOINT.format(i=7))),
        ("a new VPC", new_vpc),
    ],
    "tgw": [
        ("remove a TGW route", drop_route(3, "tgw-hub")),
        ("stop a propagation", lambda t: t.replace("propagations: [att-0, att-1, ", "propagations: [att-0, ", 1)),
        ("a NACL", in_vpc(5, NACL.format(i=5))),
    ],
    "mixed": [
        ("remove a peering", drop_lines(r"pcx-1-3\b")),
        ("remove a TGW route", drop_route(2, "tgw-hub")),
        ("a gateway endpoint", in_vpc(1, GATEWAY_ENDPOINT.format(i=1))),
    ],
}
CASES = [(mode, name, edit) for mode, edits in MUTATIONS.items() for name, edit in edits]


def flows(changes) -> list[tuple]:
    return [(c.level, c.source, c.destination, c.change, c.before.disposition, c.before.route, c.before.via,
             c.after.disposition, c.after.route, c.after.via) for c in changes]


@pytest.fixture(scope="module")
def estates():
    return {mode: reach_estate(VPCS, SUBNETS, mode) for mode in MUTATIONS}


@pytest.mark.parametrize(("mode", "name", "edit"), CASES, ids=[f"{m}: {n}" for m, n, _ in CASES])
def test_scoped_diff_equals_the_full_comparison(estates, mode, name, edit):
    text = estates[mode]
    base, head = load(text), load(edit(text))
    scoped = diff_topologies(base, head)
    full = diff_topologies(base, head, all_pairs=True)
    assert full.reachability or full.services, f"{name}: the change should move some flow"
    # compared as the diff compares answers: by disposition and path (the engine's sentences
    # may word the same blocker for another address of the same block)
    assert flows(scoped.reachability) == flows(full.reachability)
    assert [(g.cause, g.change, flows(g.flows)) for g in scoped.groups] == \
        [(g.cause, g.change, flows(g.flows)) for g in full.groups]
    assert [(c.vpc, c.subnets, c.service, c.before.key(), c.after.key(), c.consequences) for c in scoped.services] \
        == [(c.vpc, c.subnets, c.service, c.before.key(), c.after.key(), c.consequences) for c in full.services]
    assert not scoped.scope.full, scoped.scope.reason
    if mode != "tgw":  # a TGW change legitimately touches every attached VPC
        assert len(scoped.scope.vpcs) < VPCS + 1


def test_a_cidr_overlapping_another_vpc_compares_every_pair(estates):
    text = estates["peering"]
    head = text.replace("  vpc-9:\n    cidr: 10.2.64.0/18\n", "  vpc-9:\n    cidr: 10.2.64.0/18\n"
                        "    secondary_cidrs: [10.0.0.0/18]\n", 1)
    scoped = diff_topologies(load(text), load(head))
    assert scoped.scope.full and "overlaps" in scoped.scope.reason
