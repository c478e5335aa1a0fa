"""``vpcdocs drift``: what exists against what the specs say.

Against a saved import folder (objects named after their AWS Name tags, matched to the
specs by ``aws_id`` and by network keys) and against a live account (moto): a changed route
and a removed peering are drift, with the flows they close and the expectation that fails;
names, descriptions and tags are not; exit 0 / 1 / 2 for CI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vpcdocs.cli import cli

SPECS = """\
region: us-east-1
vpcs:
  vpc-a:
    aws_id: vpc-0aaa
    cidr: 10.0.0.0/16
    internet_gateway: igw-a
    subnets:
      a-public: {cidr: 10.0.0.0/24, az: us-east-1a, route_table: a-public}
      a-app: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-app}
    nat_gateways:
      nat-a: {subnet: a-public}
    route_tables:
      a-public:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-a}
      a-app:
        aws_id: rtb-0app
        routes:
          - {destination: 0.0.0.0/0, target: nat-a}
          - {destination: 10.1.0.0/16, target: pcx-a-b}
  vpc-b:
    aws_id: vpc-0bbb
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}
    route_tables:
      b-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-b}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b, aws_id: pcx-0ab}
expect:
  - {from: a-app, to: b-app}
"""

# what `vpcdocs import` wrote: other ids (from Name tags), other names and tags, same network
IMPORTED = """\
region: us-east-1
vpcs:
  app-vpc:
    aws_id: vpc-0aaa
    name: App VPC
    tags: {Name: App VPC, team: payments}
    cidr: 10.0.0.0/16
    internet_gateway: app-igw
    subnets:
      public-1a: {cidr: 10.0.0.0/24, az: us-east-1a, route_table: app-vpc-main}
      app-1a: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: private}
    nat_gateways:
      app-nat: {subnet: public-1a}
    route_tables:
      app-vpc-main:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: app-igw}
      private:
        aws_id: rtb-0app
        description: private subnets
        routes:
          - {destination: 0.0.0.0/0, target: app-nat}
          - {destination: 10.1.0.0/16, target: pcx-0ab}
  provider:
    aws_id: vpc-0bbb
    cidr: 10.1.0.0/16
    subnets:
      svc-1a: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: provider-main}
    route_tables:
      provider-main:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: pcx-0ab}
peerings:
  pcx-0ab: {requester: app-vpc, accepter: provider, aws_id: pcx-0ab}
"""
# in AWS, the peering was deleted (and the routes to it with it) and the app table's
# default route now goes straight to the internet gateway
DRIFTED = IMPORTED.replace("          - {destination: 0.0.0.0/0, target: app-nat}\n"
                           "          - {destination: 10.1.0.0/16, target: pcx-0ab}\n",
                           "          - {destination: 0.0.0.0/0, target: app-igw}\n").replace(
    "        routes:\n          - {destination: 10.0.0.0/16, target: pcx-0ab}\n", "        routes: []\n").replace(
    "peerings:\n  pcx-0ab: {requester: app-vpc, accepter: provider, aws_id: pcx-0ab}\n", "")


def folder(root: Path, name: str, text: str) -> Path:
    d = root / name
    d.mkdir()
    (d / "net.yaml").write_text(text)
    return d


def drift(*args: str):
    return CliRunner().invoke(cli, ["drift", *args], catch_exceptions=False)


def test_no_drift_when_only_ids_names_and_tags_differ(tmp_path):
    specs, imported = folder(tmp_path, "specs", SPECS), folder(tmp_path, "imported", IMPORTED)
    res = drift(str(specs), "--against", str(imported), "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["summary"] == "no network changes"
    assert data["resources"] == [] and data["routes"] == [] and data["reachability"] == []
    assert "imported objects matched to the specs: 4 by aws_id, 7 by their network keys" in data["notes"][-1]


def test_a_changed_route_and_a_removed_peering_are_drift(tmp_path):
    specs, imported = folder(tmp_path, "specs", SPECS), folder(tmp_path, "imported", DRIFTED)
    res = drift(str(specs), "--against", str(imported), "--format", "json", "-o", str(tmp_path / "drift.json"),
                "--format", "markdown", "-o", str(tmp_path / "drift.md"))
    assert res.exit_code == 1, res.output
    assert "vpcdocs drift: resource" in res.stderr
    data = json.loads((tmp_path / "drift.json").read_text())
    # the peering is gone, the app table's default route changed target, the peering route went
    assert {(r["change"], r["kind"], r["id"]) for r in data["resources"]} == {
        ("removed", "peering", "pcx-a-b"), ("changed", "route-table", "a-app"), ("changed", "route-table", "b-app")}
    rows = {(t["table"], r["change"], r["destination"]): r for t in data["routes"] for r in t["rows"]}
    assert rows[("a-app", "changed", "0.0.0.0/0")]["before"]["target"] == "nat-a"
    assert rows[("a-app", "changed", "0.0.0.0/0")]["after"]["target"] == "igw-a"
    assert ("a-app", "removed", "10.1.0.0/16") in rows and ("b-app", "removed", "10.0.0.0/16") in rows
    # the flows it closes, explained by the removed peering; the expectation now fails
    (group,) = [g for g in data["reachability_groups"] if g["change"] == "closed"]
    assert group["cause"] == {"kind": "peering", "id": "pcx-a-b", "change": "removed"}
    assert group["vpc_pairs"] == ["vpc-a ↔ vpc-b"]
    assert [f["code"] for f in data["findings"]["introduced"]] == ["E-EXPECT"]
    md = (tmp_path / "drift.md").read_text()
    assert md.splitlines()[1] == "### vpcdocs drift"
    assert "**removed** is in the specs but does not exist" in md
    assert "[!WARNING]" not in md  # the expect: reminder is for reviews, not drift
    assert "🔴 <code>pcx-a-b</code> (peering, removed) closes vpc-a ↔ vpc-b" in md


def test_text_report_and_usage_errors(tmp_path):
    specs, imported = folder(tmp_path, "specs", SPECS), folder(tmp_path, "imported", DRIFTED)
    res = drift(str(specs), "--against", str(imported))
    assert res.exit_code == 1
    assert res.stdout.startswith(f"vpcdocs drift: {specs} → {imported}\n")
    assert "    - 0.0.0.0/0" not in res.stdout and "    ~ 0.0.0.0/0 → nat-a → igw-a  [static]" in res.stdout
    assert drift(str(specs), "--against", str(tmp_path / "nope")).exit_code == 2
    assert drift(str(specs), "--against", str(imported), "--region", "us-east-1").exit_code == 2
    broken = folder(tmp_path, "broken", "vpcs: {vpc-a: {cidr: nope}}\n")
    res = drift(str(specs), "--against", str(broken))
    assert res.exit_code == 2 and "do not load" in res.stderr


# --------------------------------------------------------------------------- live, under moto

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")
REGION = "us-east-1"


@pytest.fixture
def account(monkeypatch):
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with moto.mock_aws():
        yield build_account()


def _tags(kind: str, name: str) -> list[dict]:
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def build_account() -> dict[str, str]:
    """Two VPCs peered; A's private table: default route to a NAT gateway, B's CIDR to the peering."""
    ec2 = boto3.client("ec2", region_name=REGION)
    a = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=_tags("vpc", "app"))["Vpc"]["VpcId"]
    b = ec2.create_vpc(CidrBlock="10.1.0.0/16", TagSpecifications=_tags("vpc", "data"))["Vpc"]["VpcId"]
    pub = ec2.create_subnet(VpcId=a, CidrBlock="10.0.0.0/24", AvailabilityZone="us-east-1a",
                            TagSpecifications=_tags("subnet", "public"))["Subnet"]["SubnetId"]
    app = ec2.create_subnet(VpcId=a, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a",
                            TagSpecifications=_tags("subnet", "app"))["Subnet"]["SubnetId"]
    ec2.create_subnet(VpcId=b, CidrBlock="10.1.1.0/24", AvailabilityZone="us-east-1a",
                      TagSpecifications=_tags("subnet", "db"))
    igw = ec2.create_internet_gateway(TagSpecifications=_tags("internet-gateway", "igw"))
    igw = igw["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=a)
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=pub, AllocationId=eip, TagSpecifications=_tags("natgateway", "nat"))
    nat = nat["NatGateway"]["NatGatewayId"]
    rt_pub = ec2.create_route_table(VpcId=a, TagSpecifications=_tags("route-table", "public"))
    rt_pub = rt_pub["RouteTable"]["RouteTableId"]
    rt_app = ec2.create_route_table(VpcId=a, TagSpecifications=_tags("route-table", "private"))
    rt_app = rt_app["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=rt_pub, SubnetId=pub)
    ec2.associate_route_table(RouteTableId=rt_app, SubnetId=app)
    ec2.create_route(RouteTableId=rt_pub, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.create_route(RouteTableId=rt_app, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    pcx = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=b, TagSpecifications=_tags("vpc-peering-connection",
                                                                                            "app-data"))
    pcx = pcx["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
    ec2.create_route(RouteTableId=rt_app, DestinationCidrBlock="10.1.0.0/16", VpcPeeringConnectionId=pcx)
    main_b = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [b]},
                                                {"Name": "association.main", "Values": ["true"]}])
    ec2.create_route(RouteTableId=main_b["RouteTables"][0]["RouteTableId"], DestinationCidrBlock="10.0.0.0/16",
                     VpcPeeringConnectionId=pcx)
    return {"a": a, "b": b, "rt_app": rt_app, "igw": igw, "pcx": pcx}


def test_live_drift_against_aws(account, tmp_path):
    ec2 = boto3.client("ec2", region_name=REGION)
    # the specs: what the account looked like when they were written (imported, then edited
    # by hand: other ids, the aws_ids kept)
    specs = tmp_path / "specs"
    assert CliRunner().invoke(cli, ["import", "aws", "--region", REGION, "-o", str(specs)]).exit_code == 0
    for path in specs.rglob("*.yaml"):
        path.write_text(path.read_text().replace("app-data", "pcx-app-data").replace("private", "app-private"))
    res = drift(str(specs), "--against", "aws", "--format", "json")
    assert res.exit_code == 0, res.output  # nothing has changed yet
    # then someone deletes the peering and sends the app subnet straight to the internet
    ec2.delete_route(RouteTableId=account["rt_app"], DestinationCidrBlock="10.1.0.0/16")
    ec2.delete_vpc_peering_connection(VpcPeeringConnectionId=account["pcx"])
    ec2.replace_route(RouteTableId=account["rt_app"], DestinationCidrBlock="0.0.0.0/0", GatewayId=account["igw"])
    saved = tmp_path / "saved"
    res = drift(str(specs), "--against", "aws", "--format", "json", "--save-import", str(saved))
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    # AWS keeps a deleted peering listed for a while, in state "deleted"
    peering = next(r for r in data["resources"] if r["id"] == "pcx-app-data")
    assert (peering["change"], peering["fields"]) == ("changed", [
        {"field": "status", "before": "active", "after": "deleted"}])
    rows = {(t["table"], r["change"], r["destination"]): r for t in data["routes"] for r in t["rows"]}
    changed = rows[("app-private", "changed", "0.0.0.0/0")]
    assert (changed["before"]["target"], changed["after"]["target"]) == ("nat", "igw")
    assert ("app-private", "removed", "10.1.0.0/16") in rows
    closed = [g for g in data["reachability_groups"] if g["change"] == "closed"]
    assert [(g["cause"]["id"], g["vpc_pairs"]) for g in closed] == [("pcx-app-data", ["app ↔ data"])]
    assert f"[{REGION}] DescribeRouteTables" in res.stderr  # the importer's progress, on stderr
    # the import was saved, and drifting against that folder gives the same answer
    again = drift(str(specs), "--against", str(saved), "--format", "json")
    assert again.exit_code == 1
    assert json.loads(again.stdout)["resources"] == data["resources"]
