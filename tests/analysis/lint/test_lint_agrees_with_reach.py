"""Lint and ``reach`` never disagree (issue 10): a transit gateway relying on its default
association / propagation tables (TGW-5) does not pass lint while reach fails, and lint
reports a missing return path exactly where reach answers ``no-return-route``; "public
subnet" is the data plane's subnet class; the interface-endpoint check is reach's answer.

Reach is the reference: for every ordered pair of VPCs on a transit gateway and every pair
of their host subnets, ``reach --from <subnet> --to <subnet>`` is asked, exhaustively.
"""

from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

import pytest
import yaml
from lint_helpers import lint, load, of

from vpcdocs.analysis.reach import Disposition, reachability
from vpcdocs.routing import dataplane

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks" / "reach"))
from generate import generate  # noqa: E402  (the benchmark's estate generator)

HUB_YAML = """
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.10.0.0/16
    subnets:
      a-app-1a: {cidr: 10.10.1.0/24, az: us-east-1a, route_table: a-app}
      a-app-1b: {cidr: 10.10.2.0/24, az: us-east-1b, route_table: a-app}
      a-tgw-1a: {cidr: 10.10.255.0/28, az: us-east-1a, route_table: a-app}
      a-tgw-1b: {cidr: 10.10.255.16/28, az: us-east-1b, route_table: a-app}
    route_tables:
      a-app:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}
  vpc-b:
    cidr: 10.20.0.0/16
    secondary_cidrs: [10.21.0.0/16]
    subnets:
      b-app-1a: {cidr: 10.20.1.0/24, az: us-east-1a, route_table: b-app}
      b-batch-1a: {cidr: 10.21.1.0/24, az: us-east-1a, route_table: b-batch}
      b-tgw-1a: {cidr: 10.20.255.0/28, az: us-east-1a, route_table: b-app}
    route_tables:
      b-app:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}
      b-batch:
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}
  vpc-c:
    cidr: 10.30.0.0/16
    subnets:
      c-app-1a: {cidr: 10.30.1.0/24, az: us-east-1a, route_table: c-app}
      c-app-1b: {cidr: 10.30.2.0/24, az: us-east-1b, route_table: c-app}
      c-tgw-1a: {cidr: 10.30.255.0/28, az: us-east-1a, route_table: c-app}
      c-tgw-1b: {cidr: 10.30.255.16/28, az: us-east-1b, route_table: c-app}
    route_tables:
      c-app:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}
transit_gateways:
  tgw-hub:
    attachments:
      att-a: {vpc: vpc-a, subnets: [a-tgw-1a, a-tgw-1b]}
      att-b: {vpc: vpc-b, subnets: [b-tgw-1a]}
      att-c: {vpc: vpc-c, subnets: [c-tgw-1a, c-tgw-1b]}
    route_tables:
      hub-rt: {}
"""


def _explicit(spec):
    spec["transit_gateways"]["tgw-hub"]["route_tables"]["hub-rt"] = {
        "associations": ["att-a", "att-b", "att-c"], "propagations": ["att-a", "att-b", "att-c"]}


def _defaults(spec):
    tgw = spec["transit_gateways"]["tgw-hub"]
    tgw["default_association_route_table"] = "hub-rt"
    tgw["default_propagation_route_table"] = "hub-rt"


def _routes(spec, vpc, table):
    return spec["vpcs"][vpc]["route_tables"][table]["routes"]


def _variants():
    """(name, mutate) — TGW-5 defaults or explicit tables, each with and without faults."""
    def only_default_association(s):
        s["transit_gateways"]["tgw-hub"]["default_association_route_table"] = "hub-rt"
        s["transit_gateways"]["tgw-hub"]["route_tables"]["hub-rt"] = {"propagations": ["att-a", "att-b"]}

    def default_propagation_only(s):
        s["transit_gateways"]["tgw-hub"]["default_propagation_route_table"] = "hub-rt"
        s["transit_gateways"]["tgw-hub"]["route_tables"]["hub-rt"] = {"associations": ["att-a", "att-c"]}

    def pending_attachment(s):
        _defaults(s)
        s["transit_gateways"]["tgw-hub"]["attachments"]["att-b"]["state"] = "pendingAcceptance"

    def b_batch_no_return(s):
        _defaults(s)
        _routes(s, "vpc-b", "b-batch")[:] = [{"destination": "10.30.0.0/16", "target": "tgw-hub"}]

    def c_partial_return(s):
        _explicit(s)
        _routes(s, "vpc-c", "c-app")[:] = [{"destination": "10.10.1.0/24", "target": "tgw-hub"},
                                           {"destination": "10.20.0.0/16", "target": "tgw-hub"},
                                           {"destination": "10.21.0.0/16", "target": "tgw-hub"}]

    def blackhole_back_to_a(s):
        _defaults(s)
        s["transit_gateways"]["tgw-hub"]["route_tables"]["hub-rt"] = {
            "routes": [{"destination": "10.10.2.0/24", "blackhole": True}]}

    def separate_tables(s):
        s["transit_gateways"]["tgw-hub"]["route_tables"] = {
            "rt-a": {"associations": ["att-a"], "propagations": ["att-b", "att-c"]},
            "rt-bc": {"associations": ["att-b", "att-c"], "propagations": ["att-b"]},
        }

    def attachment_az_gap(s):
        _defaults(s)
        s["transit_gateways"]["tgw-hub"]["attachments"]["att-c"]["subnets"] = ["c-tgw-1a"]

    return [("explicit", _explicit), ("tgw-5 defaults", _defaults),
            ("no tables at all", lambda s: None), ("default association only", only_default_association),
            ("default propagation only", default_propagation_only), ("pending attachment", pending_attachment),
            ("no return from b-batch", b_batch_no_return),
            ("partial return route in c", c_partial_return), ("blackhole back to a-app-1b", blackhole_back_to_a),
            ("separate tables", separate_tables), ("attachment AZ gap", attachment_az_gap)]


VARIANTS = _variants()


def _host_subnets(topology, vpc):
    dp = dataplane(topology)
    subs = sorted((s for s in topology.subnets_of(vpc) if s.cidr is not None), key=lambda s: s.id)
    hosts = [s for s in subs if not any(i.kind == "tgw-attachment" for i in dp.interfaces_in(s.id))]
    return hosts or subs


def reach_truth(topology):
    """Per ordered VPC pair on a transit gateway, by exhaustive subnet-pair reach answers:
    the pairs with a no-return-route through the TGW, and the attachments some request is
    dropped at for want of an association."""
    r = reachability(topology)
    no_return: set[tuple[str, str]] = set()
    not_associated: set[str] = set()
    for tgw in topology.transit_gateways:
        vpcs = sorted({a.vpc for a in topology.attachments_of_tgw(tgw.id) if a.type == "vpc" and a.usable})
        for a in vpcs:
            for b in vpcs:
                if a == b:
                    continue
                for s in _host_subnets(topology, a):
                    for t in _host_subnets(topology, b):
                        answer = r.subnet_pair(s.id, t.id)
                        if answer.disposition == Disposition.NO_RETURN_ROUTE and answer.goes_via(tgw.id):
                            no_return.add((a, b))
                        if answer.blocker is not None and answer.blocker.cause == "tgw-not-associated":
                            not_associated.add(answer.blocker.get("attachment"))
    return no_return, not_associated


def lint_truth(topology):
    """The VPC pairs lint counts as losing their replies (every sender of every gap), and the
    attachments L-TGW-ASSOC names. Each gap's cause has its finding."""
    from vpcdocs.analysis.lint import LintContext, run_lint
    from vpcdocs.analysis.lint.return_gaps import return_gaps

    found = run_lint(topology)
    gaps = return_gaps(LintContext(topology))
    assert {d.resource for d in of(found, "L-TGW-RETURN")} == {g.key[1] for g in gaps}
    pairs = {(sender, g.receiver) for g in gaps for sender in g.senders}
    return pairs, {d.resource for d in of(found, "L-TGW-ASSOC")}


@pytest.mark.parametrize("name, mutate", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_tgw_findings_agree_with_reach(name, mutate):
    spec = yaml.safe_load(HUB_YAML)
    mutate(spec)
    topology = load(spec)
    assert lint_truth(topology) == reach_truth(topology)


def test_tgw_5_defaults_lint_clean_and_reachable():
    spec = yaml.safe_load(HUB_YAML)
    _defaults(spec)
    topology = load(spec)
    assert [d.format() for d in lint(spec)] == []
    r = reachability(topology)
    for a in ("vpc-a", "vpc-b", "vpc-c"):
        for b in ("vpc-a", "vpc-b", "vpc-c"):
            if a != b:
                assert r.vpc_pair(a, b).reachable, (a, b)


def test_a_tgw_without_any_table_fails_lint_and_reach_alike():
    topology = load(yaml.safe_load(HUB_YAML))
    _pairs, unassociated = lint_truth(topology)
    assert unassociated == {"att-a", "att-b", "att-c"}
    assert not reachability(topology).vpc_pair("vpc-a", "vpc-c").reachable


def _mutated_estates(count: int):
    """Small generated TGW estates with random faults: routes to the TGW removed from some
    tables, some attachments not propagated or not associated, TGW-5 defaults on or off."""
    rng = random.Random(20240611)
    for n in range(count):
        spec = yaml.safe_load(generate(5, 4, "tgw"))
        tgw = spec["transit_gateways"]["tgw-hub"]
        atts = sorted(tgw["attachments"])
        table = tgw["route_tables"]["tgw-rt"]
        if n % 2:
            tgw["default_association_route_table"] = tgw["default_propagation_route_table"] = "tgw-rt"
            table["associations"] = [a for a in atts if rng.random() < 0.3]
            table["propagations"] = [a for a in atts if rng.random() < 0.3]
        else:
            table["associations"] = [a for a in atts if rng.random() < 0.85]
            table["propagations"] = [a for a in atts if rng.random() < 0.85]
        for vpc in spec["vpcs"].values():
            for rt in vpc["route_tables"].values():
                if rng.random() < 0.25:
                    rt["routes"] = [r for r in rt["routes"] if r["target"] != "tgw-hub"]
        yield copy.deepcopy(spec)


@pytest.mark.parametrize("index", range(6))
def test_tgw_findings_agree_with_reach_on_generated_estates(index):
    spec = list(_mutated_estates(6))[index]
    topology = load(spec)
    assert lint_truth(topology) == reach_truth(topology)


# ----------------------------------------------------------------------------- other agreements


def test_public_nat_gateway_follows_the_subnet_class(base):
    # the IGW route of a-public is a blackhole AWS reported: the subnet is not public (SUB-2)
    base["vpcs"]["vpc-a"]["route_tables"]["a-public"]["routes"][0]["state"] = "blackhole"
    topology = load(base)
    dp = dataplane(topology)
    assert dp.subnet_class("a-pub-1a") != "public"
    found = of(lint(base), "L-NAT-PUBLIC")
    assert sorted(d.resource for d in found) == ["nat-a-1a", "nat-a-1b"]
    assert all("a blackhole" in d.message for d in found)


def test_endpoint_security_group_finding_is_reachs_answer(base):
    from vpcdocs.analysis.reach import reach

    base["vpcs"]["vpc-a"]["security_groups"]["a-endpoints"]["ingress"][0]["port"] = 8443
    topology = load(base)
    answer = reach(topology, "vpc-a", "sqs", port=443, protocol="tcp")
    assert answer.disposition == Disposition.DENIED_BY_SECURITY_GROUP
    (d,) = [d for d in of(lint(base), "L-IFE-SG") if d.resource == "sqs"]
    assert answer.reason in d.message
