"""Hypothesis-generated specs: structurally plausible topologies whose ids, names and values
are drawn from hostile text, run through ``check`` (and a few other commands) in-process.

Failures are recorded in the totals rather than raised, so one run reports them all and
hypothesis does not spend time shrinking."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from corpus import CIDRS, HOSTILE_NAMES
from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hseed
from hypothesis import strategies as st
from oracle import judge
from runner import Case, Totals, run_in_process

ids = st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(min_size=0, max_size=40),
                st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True))
texts = st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(max_size=80))
cidrs = st.one_of(st.sampled_from(CIDRS),
                  st.builds(lambda a, b, p: f"10.{a}.{b}.0/{p}", st.integers(0, 255), st.integers(0, 255),
                            st.integers(8, 28)))
scalars = st.one_of(texts, st.integers(-2**70, 2**70), st.booleans(), st.none(), st.floats(allow_nan=True))


@st.composite
def specs(draw: Any) -> dict:
    vpc_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    vpcs: dict = {}
    for vid in vpc_ids:
        subnet_ids = draw(st.lists(ids, max_size=3, unique=True))
        rt_ids = draw(st.lists(ids, max_size=2, unique=True))
        vpc: dict = {"cidr": draw(cidrs)}
        if draw(st.booleans()):
            vpc["name"] = draw(texts)
        if draw(st.booleans()):
            vpc["description"] = draw(texts)
        if subnet_ids:
            vpc["subnets"] = {s: {"cidr": draw(cidrs), "az": draw(st.sampled_from(["us-east-1a", "us-east-1b", "x"])),
                                  **({"route_table": draw(st.sampled_from(rt_ids))} if rt_ids else {}),
                                  **({"name": draw(texts)} if draw(st.booleans()) else {})}
                              for s in subnet_ids}
        if rt_ids:
            vpc["route_tables"] = {r: {"routes": [{"destination": draw(cidrs),
                                                   "target": draw(st.one_of(ids, st.sampled_from(vpc_ids)))}
                                                  for _ in range(draw(st.integers(0, 2)))]} for r in rt_ids}
        if draw(st.integers(0, 4)) == 0:
            vpc[draw(texts)] = draw(scalars)
        vpcs[vid] = vpc
    spec: dict = {"region": draw(st.sampled_from(["us-east-1", "eu-west-1", "", "\x1b[31m"])), "vpcs": vpcs}
    if len(vpc_ids) > 1 and draw(st.booleans()):
        spec["peerings"] = {draw(ids): {"requester": draw(st.sampled_from(vpc_ids)),
                                        "accepter": draw(st.sampled_from(vpc_ids))}
                            for _ in range(draw(st.integers(1, 3)))}
    if draw(st.booleans()):
        spec["expect"] = [{"from": draw(ids), "to": draw(ids), "reachable": draw(st.booleans())}]
    return spec


COMMANDS = [["check", "specs"], ["check", "specs", "--format", "json"], ["routes", "specs"],
            ["reach", "specs", "--matrix"], ["diagram", "specs", "--overview", "--format", "dot", "-o", "-"]]


def run_hypothesis(n: int, seed: int, work: Path, totals: Totals) -> None:
    counter = {"i": 0}

    @hseed(seed)
    @settings(max_examples=n, database=None, deadline=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(spec=specs(), command=st.sampled_from(COMMANDS))
    def one(spec: dict, command: list[str]) -> None:
        counter["i"] += 1
        number = 10_000_000 + counter["i"]
        root = work / f"hyp-{counter['i']}"
        shutil.rmtree(root, ignore_errors=True)
        (root / "specs").mkdir(parents=True)
        try:
            text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)
        except (yaml.YAMLError, ValueError, TypeError):
            return
        (root / "specs" / "gen.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        case = Case(number, "hypothesis", list(command), root, [f"spec:{text[:300]!r}"])
        totals.add(case, judge(run_in_process(case)), seed)
        shutil.rmtree(root, ignore_errors=True)

    one()
