"""Findings in the diff: an aggregated finding whose words change is one finding reworded,
not one resolved and one introduced (a VPC joining a transit gateway domain rewords the
L-TGW-RETURN finding that counts the VPCs losing their replies; nothing was fixed)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from vpcdocs.cli import cli


def _spec(senders: list[str]) -> str:
    """VPCs attached to one TGW table with everything propagated; vpc-z's table sends only
    10.20.0.0/16 to the TGW, so the replies to every other sender are lost there."""
    vpcs, atts = [], []
    for i, name in enumerate([*senders, "vpc-z"]):
        route = "10.20.0.0/16" if name == "vpc-z" else "10.0.0.0/8"
        vpcs.append(f"""  {name}:
    cidr: 10.{20 + i}.0.0/16
    subnets:
      {name}-app: {{cidr: 10.{20 + i}.1.0/24, az: us-east-1a, route_table: {name}-rt}}
    route_tables:
      {name}-rt:
        main: true
        routes:
          - {{destination: {route}, target: tgw-1}}
""")
        atts.append(f"      att-{name}: {{vpc: {name}, subnets: [{name}-app]}}\n")
    names = ", ".join(f"att-{s}" for s in [*senders, "vpc-z"])
    return (f'region: us-east-1\naccount: "111122223333"\nvpcs:\n{"".join(vpcs)}transit_gateways:\n  tgw-1:\n'
            f"    attachments:\n{''.join(atts)}    route_tables:\n      tgw-rt:\n"
            f"        associations: [{names}]\n        propagations: [{names}]\n")


def _diff(tmp_path, base: list[str], head: list[str], fmt: str) -> str:
    for side, senders in (("base", base), ("head", head)):
        (tmp_path / side).mkdir(exist_ok=True)
        (tmp_path / side / "net.yaml").write_text(_spec(senders), encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "base"), str(tmp_path / "head"), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_reworded_aggregated_finding_is_neither_resolved_nor_introduced(tmp_path):
    data = json.loads(_diff(tmp_path, ["vpc-x", "vpc-y"], ["vpc-x", "vpc-y", "vpc-w"], "json"))
    findings = data["findings"]
    assert not [f for f in findings["introduced"] + findings["resolved"] if f["code"] == "L-TGW-RETURN"]
    (pair,) = findings["reworded"]
    assert pair["was"]["resource"] == pair["now"]["resource"] == "vpc-z-rt"
    assert "to VPC 'vpc-y' whose requests" in pair["was"]["message"]
    assert "to VPCs 'vpc-w', 'vpc-y' whose requests" in pair["now"]["message"]
    assert pair["now"]["location"].endswith("net.yaml:36:7")

    assert data["counts"]["findings"] == {"introduced": 0, "resolved": 0, "reworded": 1}
    md = _diff(tmp_path, ["vpc-x", "vpc-y"], ["vpc-x", "vpc-y", "vpc-w"], "markdown")
    assert "0 introduced, 0 resolved, 1 reworded" in md
    row = next(line for line in md.splitlines() if "🔄 reworded" in line)
    assert "<sub>was: route table 'vpc-z-rt'" in row and "<code>vpc-z-rt</code>" in row
    text = _diff(tmp_path, ["vpc-x", "vpc-y"], ["vpc-x", "vpc-y", "vpc-w"], "text")
    assert "~ reworded warning[L-TGW-RETURN] on vpc-z-rt:" in text and "      was: route table 'vpc-z-rt'" in text


def test_a_fixed_finding_is_still_resolved(tmp_path):
    """Removing the only sender fixes it: resolved, not reworded."""
    data = json.loads(_diff(tmp_path, ["vpc-x", "vpc-y"], ["vpc-x"], "json"))
    assert [f["resource"] for f in data["findings"]["resolved"] if f["code"] == "L-TGW-RETURN"] == ["vpc-z-rt"]
    assert data["findings"]["reworded"] == []
