"""`vpcdocs check` reports every layer in one run where the earlier layer's errors do not make
the later checks meaningless: lint findings about VPCs that loaded cleanly come with the
loader errors of another VPC."""

from __future__ import annotations

from cli_helpers import invoke, write_specs

# vpc-b and vpc-c overlap (a lint finding, L-PEER-OVERLAP on their peering); vpc-a has a bad CIDR
SPEC = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-1: {cidr: 10.0.0.0/33, az: us-east-1a}
  vpc-b:
    cidr: 10.1.0.0/16
  vpc-c:
    cidr: 10.1.0.0/16
peerings:
  pcx-b-c: {requester: vpc-b, accepter: vpc-c}
"""


def test_lint_of_clean_vpcs_reported_with_the_errors_of_another(tmp_path, monkeypatch):
    write_specs(tmp_path, {"net.yaml": SPEC})
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 1
    assert "specs/net.yaml:6:19: error[S-CIDR]" in result.stdout
    assert "L-PEER-OVERLAP" in result.stdout  # the lint layer ran too, on vpc-b/vpc-c


def test_no_lint_when_the_model_is_incomplete(tmp_path, monkeypatch):
    write_specs(tmp_path, {"net.yaml": SPEC.replace("accepter: vpc-c", "accepter: vpc-zzz")})
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 1
    assert "error[S-REF]" in result.stdout
    assert "L-PEER" not in result.stdout  # an unknown reference: lint waits for the fix


def test_findings_about_a_vpc_with_errors_are_held_back(tmp_path, monkeypatch):
    spec = SPEC.replace("  vpc-c:\n    cidr: 10.1.0.0/16\n", "  vpc-c:\n    cidr: 10.1.0.0/16\n    bogus: 1\n")
    write_specs(tmp_path, {"net.yaml": spec})
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert "error[S-UNKNOWN-KEY]" in result.stdout
    assert "L-PEER-OVERLAP" not in result.stdout  # about vpc-c, which has an error
