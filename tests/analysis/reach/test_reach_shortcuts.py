"""The engine's shortcuts give exactly the answers of the long way, on realistic estates.

Each test asks the same pairs of two engines (two topologies, no shared memo): one as it
runs, one with a shortcut turned off, and compares whole answers (path, return path,
security checks, blocker, rules). Each also checks that the shortcut is really taken.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from _reach_specs import load
from bench_estates import reach_estate, write_estate

from vpcdocs.analysis.reach import reachability, subnet_matrix, vpc_matrix
from vpcdocs.model import Topology
from vpcdocs.spec import load_specs

SHIPPED = Path(__file__).resolve().parents[3] / "specs"


def _with_tgw_default_route(folder: Path, tmp: Path) -> Path:
    """The estate where non-prod's TGW table sends what it has no route for to a shared VPC
    (centralised egress): its spokes' requests to prod no longer fail at the TGW."""
    egress = tmp / "egress"
    shutil.copytree(folder, egress)
    transit = (egress / "transit.yaml").read_text()
    head, tail = transit.split("      tgw-use1-nonprod:\n", 1)
    assert "        routes:\n" in tail
    (egress / "transit.yaml").write_text(head + "      tgw-use1-nonprod:\n" + tail.replace(
        "        routes:\n", "        routes:\n          - {destination: 0.0.0.0/0, attachment: att-shared-use1-1}\n", 1))
    return egress


def test_pairs_that_fail_by_default_are_answered_as_the_full_loop_answers(tmp_path):
    """A VPC pair whose every source group fails towards the destination as towards any
    unrouted private address, or at a transit gateway table with no route to it, is answered
    by its first walk alone (Reachability._row_scope)."""
    folder = write_estate(tmp_path / "estate", 40)
    egress = _with_tgw_default_route(folder, tmp_path)
    estates = [lambda: load_specs(folder).topology, lambda: load_specs(egress).topology,
               lambda: load(reach_estate(30, 5, "mixed"))]
    for make in estates:
        topo = make()
        m = vpc_matrix(topo)
        fast = reachability(topo)
        shortcut = sum(1 for c in m if c.source != c.destination and (scope := fast._row_scope(c.source)) is not None
                       and c.destination not in scope and fast._private_v4(c.destination))
        assert shortcut > len(m.cells) // 5
        slow = reachability(make())
        slow._row_scope = lambda v: None  # type: ignore[method-assign]
        for cell in m:
            answer = slow.vpc_pair(cell.source, cell.destination)
            assert answer.to_json() == cell.answer.to_json(), (cell.source, cell.destination)


def _without_routes_only(topo: Topology) -> Topology:
    flows = reachability(topo).flows
    flows._between_routes_only = lambda *args: None  # type: ignore[method-assign]
    return topo


def test_flows_nothing_filters_are_answered_as_with_every_check(tmp_path):
    """A flow with no NAT gateway, no security group at either end and no restricting
    network ACL on the boundaries it crosses skips the security checks (they would let
    everything through): the same answers, in an estate where other subnets do filter."""
    folder = write_estate(tmp_path / "estate", 24)
    for make in (lambda: load_specs(folder).topology, lambda: load_specs(SHIPPED).topology):
        topo = make()
        flows = reachability(topo).flows
        taken = []
        plain = flows._between_routes_only

        def counting(*args, _plain=plain, _taken=taken):
            answer = _plain(*args)
            _taken.append(answer is not None)
            return answer

        flows._between_routes_only = counting  # type: ignore[method-assign]
        fast = [subnet_matrix(topo, v.id) for v in topo.vpcs] + [vpc_matrix(topo)]
        assert sum(taken) > 50  # the shortcut is taken ...
        assert any(c.answer.steps for m in fast for c in m)  # ... and other flows are checked
        slow_topo = _without_routes_only(make())
        slow = [subnet_matrix(slow_topo, v.id) for v in slow_topo.vpcs] + [vpc_matrix(slow_topo)]
        for a, b in zip(fast, slow, strict=True):
            assert list(a.cells) == list(b.cells)
            for pair, cell in a.cells.items():
                assert cell.answer.to_json() == b.cells[pair].answer.to_json(), pair


# Requests from vpc-a to vpc-b go over the peering; vpc-b's replies go through the transit
# gateway, leaving by its attachment subnet, whose network ACL lets no replies out: nothing
# filters the request, the replies are denied (NACL-12, NACL-10).
ASYMMETRIC = """
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-app: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-app}
    route_tables:
      a-app:
        main: true
        routes:
          - {destination: 10.1.0.0/16, target: pcx-a-b}
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}
      b-tgw: {cidr: 10.1.255.0/28, az: us-east-1a, route_table: b-tgw, network_acl: acl-b-tgw}
    route_tables:
      b-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: tgw-hub}
      b-tgw:
        routes: []
    network_acls:
      acl-b-tgw:
        subnets: [b-tgw]
        ingress:
          - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 10.0.0.0/8}
        egress:
          - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 10.0.0.0/8}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
transit_gateways:
  tgw-hub:
    attachments:
      att-a: {vpc: vpc-a, subnets: [a-app]}
      att-b: {vpc: vpc-b, subnets: [b-tgw]}
    route_tables:
      tgw-rt:
        associations: [att-a, att-b]
        propagations: [att-a, att-b]
"""


def test_replies_that_cross_a_filtering_acl_are_checked_even_when_the_request_is_not():
    for topo in (load(ASYMMETRIC), _without_routes_only(load(ASYMMETRIC))):
        answer = reachability(topo).subnet_pair("a-app", "b-app")
        assert answer.disposition.value == "denied-by-nacl", answer.to_json()
        assert answer.blocker is not None and answer.blocker.leg == "reply"
        assert [(s.at, s.leg, s.verdict) for s in answer.steps] == [("b-tgw", "reply", "deny")]


ODD_SUBNET = """
region: us-east-1
account: "111122223333"
vpcs:
  vpc-a:
    cidr: 10.1.0.0/16
    internet_gateway: igw-a
    subnets:
      a-1: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: a-rt}
    route_tables:
      a-rt:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-a}
          - {destination: 10.3.0.0/16, target: pcx-ax}
  vpc-b:
    cidr: 10.4.0.0/16
    subnets:
      b-1: {cidr: 10.4.1.0/24, az: us-east-1a}
  vpc-w:
    cidr: 172.16.0.0/16
    subnets:
      w-odd: {cidr: 10.3.5.0/24, az: us-east-1a}
  vpc-x:
    cidr: 10.3.0.0/16
    subnets:
      x-1: {cidr: 10.3.1.0/24, az: us-east-1a}
peerings:
  pcx-ax: {requester: vpc-a, accepter: vpc-x}
"""


def test_a_learnt_failure_does_not_answer_for_a_subnet_outside_its_vpcs_blocks():
    """A failure template answers private destinations of VPCs no specific route touches —
    judged by the VPCs' blocks. A subnet outside its VPC's blocks (a lint finding, not an
    error) is where its addresses are: the answer must not depend on which pair was asked
    first."""
    from vpcdocs.spec import load_spec_text

    alone = reachability(load_spec_text(ODD_SUBNET).topology).vpc_pair("vpc-a", "vpc-w")
    engine = reachability(load_spec_text(ODD_SUBNET).topology)
    engine.vpc_pair("vpc-a", "vpc-b")  # learns the template: vpc-b's addresses go to the IGW
    assert engine.flows.walker.templates_learnt
    assert engine.vpc_pair("vpc-a", "vpc-w").to_json() == alone.to_json()
