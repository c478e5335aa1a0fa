"""Network tests as code: ``expect:`` entries checked against the topology."""

from __future__ import annotations

from _reach_specs import PEERING, load, privatelink

from vpcdocs.analysis.reach import check_expectations
from vpcdocs.diagnostics import Severity

PASSING = """
expect:
  - {from: a-private, to: b-app}
  - {from: b-app, to: c-app, reachable: false}
  - {from: a-private, to: s3, via: s3-gw}
  - {from: a-private, to: s3@eu-west-1, via: nat-a}
  - {from: b-app, to: s3, reachable: false}
"""


def test_matching_expectations_give_no_diagnostics():
    assert check_expectations(load(PEERING + PASSING)) == []
    pl = privatelink() + """
expect:
  - {from: cons-app-1a, to: orders-svc, port: 443}
  - {from: prov-app-1a, to: cons-app-1a, reachable: false}
"""
    assert check_expectations(load(pl)) == []


def test_failing_reachable_expectation_is_located_and_explains_why():
    text = PEERING + """
expect:
  - {from: a-private, to: b-app}
  - {from: b-app, to: c-app}
"""
    diags = check_expectations(load(text, "specs/net.yaml"))
    expect = [d for d in diags if d.code == "E-EXPECT"]
    assert len(expect) == 1
    d = expect[0]
    assert d.severity is Severity.ERROR
    assert d.location.file == "specs/net.yaml" and d.location.line == text.count("\n", 0, text.index("{from: b-app, to: c-app}")) + 1
    assert "expected b-app → c-app to be reachable" in d.message and "PEER-1" in d.message
    transitive = [d for d in diags if d.code == "L-PEER-TRANSITIVE"]
    assert len(transitive) == 1 and transitive[0].rule == "PEER-1" and transitive[0].location == d.location


def test_unexpectedly_reachable_flow_shows_the_path():
    diags = check_expectations(load(PEERING + """
expect:
  - {from: a-private, to: c-app, reachable: false}
"""))
    assert [d.code for d in diags] == ["E-EXPECT"]
    assert "to be unreachable, but it is reachable: a-private → pcx-a-c → c-app" in diags[0].message


def test_via_must_be_on_the_path():
    diags = check_expectations(load(PEERING + """
expect:
  - {from: a-private, to: internet, via: s3-gw}
"""))
    assert [d.code for d in diags] == ["E-EXPECT"]
    assert "to go via s3-gw, but the path is a-private → nat-a → igw-a → internet" in diags[0].message


def test_flow_relying_on_a_peers_gateway_endpoint_is_l_peer_edge():
    diags = check_expectations(load(PEERING + """
expect:
  - {from: b-app, to: s3, via: s3-gw}
"""))
    codes = sorted(d.code for d in diags)
    assert codes == ["E-EXPECT", "L-PEER-EDGE"]
    edge = next(d for d in diags if d.code == "L-PEER-EDGE")
    assert edge.rule == "GWE-6" and "s3-gw" in edge.message
    # without naming the endpoint, the failing flow's reason (PEER-2/GWE-6) still triggers it
    diags = check_expectations(load(PEERING + """
expect:
  - {from: b-app, to: s3}
"""))
    assert sorted(d.code for d in diags) == ["E-EXPECT", "L-PEER-EDGE"]


def test_flow_using_a_peers_nat_is_l_peer_edge():
    text = PEERING.replace("""          - {destination: 10.0.0.0/16, target: pcx-a-b}""",
                           """          - {destination: 0.0.0.0/0, target: pcx-a-b}""")
    diags = check_expectations(load(text + """
expect:
  - {from: b-app, to: internet, via: nat-a}
"""))
    assert "L-PEER-EDGE" in {d.code for d in diags}
    # a negative expectation is intent, not a mistake: no lint
    diags = check_expectations(load(text + """
expect:
  - {from: b-app, to: internet, reachable: false}
"""))
    assert diags == []


def test_unknown_endpoint_in_an_expectation():
    diags = check_expectations(load(PEERING + """
expect:
  - {from: b-ap, to: c-app}
"""))
    assert [d.code for d in diags] == ["E-EXPECT"]
    assert "did you mean 'b-app'" in diags[0].message
