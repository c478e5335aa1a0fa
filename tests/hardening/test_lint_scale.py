"""Issue 15 item 10: L-PEER-HUB-OVERLAP is no longer quadratic in the peers of a VPC, and
its findings are exactly those of the pairwise definition."""

from __future__ import annotations

import random
import time

import pytest

from vpcdocs.analysis.lint import run_lint
from vpcdocs.spec import load_spec_text


def _overlap_text(a_cidrs, b_cidrs) -> str | None:
    for a in a_cidrs:
        for b in b_cidrs:
            if a.version == b.version and a.overlaps(b):
                return f"{a} overlaps {b}"
    return None


def _reference(topo) -> list:
    """The pairwise loop the check used to run (every pair of peers of every VPC; the
    generated specs have only live peerings)."""
    from collections import defaultdict

    by_vpc = defaultdict(list)
    for pcx in topo.peerings:
        for side in (pcx.requester, pcx.accepter):
            by_vpc[side].append(pcx)
    out = []
    for vpc in topo.vpcs:
        pcxs = sorted(by_vpc.get(vpc.id, ()), key=lambda p: p.id)
        peers = [(p, p.other_side(vpc.id)) for p in pcxs]
        reported = set()
        for i, (p1, v1) in enumerate(peers):
            for p2, v2 in peers[i + 1:]:
                if v1 == v2 or (v1, v2) in reported:
                    continue
                text = _overlap_text(topo.peer_cidrs(v1), topo.peer_cidrs(v2))
                if text:
                    reported.add((v1, v2))
                    out.append((vpc.id, v1, p1.id, v2, p2.id, text))
    return out


def _found(topo) -> list:
    return sorted((d.resource, d.message) for d in run_lint(topo) if d.code == "L-PEER-HUB-OVERLAP")


def _spec(n_vpcs: int, n_peerings: int, seed: int, cidr_pool: int = 6) -> str:
    rng = random.Random(seed)
    lines = ["region: us-east-1", "vpcs:"]
    for i in range(n_vpcs):
        cidrs = [f"10.{rng.randrange(cidr_pool)}.{rng.choice([0, 0, 128])}.0/{rng.choice([16, 17, 24])}"]
        if rng.random() < 0.3:
            cidrs.append(f"fd00:{rng.randrange(3)}::/{rng.choice([48, 56])}")
        secondary = [f"172.{16 + rng.randrange(2)}.0.0/{rng.choice([12, 16])}"] if rng.random() < 0.2 else []
        v4 = [c for c in cidrs if ":" not in c]
        v6 = [c for c in cidrs if ":" in c]
        main = v4[0].replace(".128.0/16", ".0.0/16").replace(".128.0/17", ".128.0/17")
        lines.append(f"  vpc-{i}: {{cidr: {main}"
                     + (f", secondary_cidrs: [{', '.join(secondary)}]" if secondary else "")
                     + (f", ipv6_cidr: '{v6[0]}'" if v6 else "") + "}")
    lines.append("peerings:")
    for k in range(n_peerings):
        a, b = rng.sample(range(n_vpcs), 2)
        lines.append(f"  pcx-{k:04d}: {{requester: vpc-{a}, accepter: vpc-{b}}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(12))
def test_same_findings_as_the_pairwise_definition(seed):
    result = load_spec_text(_spec(12, 40, seed))
    assert result.topology.vpcs, [d.format() for d in result.diagnostics][:5]
    found = _found(result.topology)
    expected = sorted((vpc, f"VPC '{vpc}' is peered with {v1} ('{p1}') and {v2} ('{p2}') whose CIDRs overlap ({text}); "
                      f"replies follow {vpc}'s route table, not the peering a request came in on")
                      for vpc, v1, p1, v2, p2, text in _reference(result.topology))
    assert found == expected


def test_full_mesh_of_disjoint_vpcs_is_fast():
    n = 160
    lines = ["region: us-east-1", "vpcs:"]
    lines += [f"  vpc-{i}: {{cidr: 10.{i}.0.0/16}}" for i in range(n)]
    lines.append("peerings:")
    lines += [f"  pcx-{a}-{b}: {{requester: vpc-{a}, accepter: vpc-{b}}}" for a in range(n) for b in range(a + 1, n)]
    topology = load_spec_text("\n".join(lines) + "\n").topology
    started = time.process_time()
    reference = _reference(topology)
    pairwise = time.process_time() - started
    started = time.process_time()
    assert _found(topology) == reference == []
    # the whole lint catalogue takes less time than the pairwise loop of this one check
    # (n * (n-1)^2 / 2 ≈ 2 million CIDR comparisons here)
    assert time.process_time() - started < pairwise
