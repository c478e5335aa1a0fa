"""Issue 12 item 5: a route AWS reports as blackhole stays blackhole, whatever its target.

moto always reports VPC routes as ``active`` (aws-networking-rules.md §10.3), so the VPC
route cases are saved ``describe-*`` JSON written here in the shapes AWS returns; the TGW
blackhole route comes from moto, which keeps that state. Each case checks the written spec,
the loaded model (``Route.state``) and the effective table vpcdocs derives from it.
"""

from __future__ import annotations

import json

import pytest
import yaml
from importer_helpers import effective, load_result

from vpcdocs.importers.aws_json import import_json
from vpcdocs.importers.spec_writer import render_tree

VPC = "vpc-0aaaaaaaaaaaaaaa1"
RTB = "rtb-0aaaaaaaaaaaaaaa1"
SUBNET = "subnet-0aaaaaaaaaaaaaaa1"

# (destination, target field, target id, reason vpcdocs can tell from the input)
CASES = [
    ("10.1.0.0/16", "NatGatewayId", "nat-0aaaaaaaaaaaaaaa1", "NAT gateway nat-0aaaaaaaaaaaaaaa1 is deleted"),
    ("10.2.0.0/16", "GatewayId", "igw-0aaaaaaaaaaaaaaa1", "internet gateway igw-0aaaaaaaaaaaaaaa1 is not attached to "
     + VPC),
    ("10.3.0.0/16", "NetworkInterfaceId", "eni-0aaaaaaaaaaaaaaa1",
     "network interface eni-0aaaaaaaaaaaaaaa1 is not in the describe-network-interfaces output (deleted?)"),
    ("10.4.0.0/16", "InstanceId", "i-0aaaaaaaaaaaaaaa1", "instance i-0aaaaaaaaaaaaaaa1 is stopped"),
    ("2600:1f18::/40", "EgressOnlyInternetGatewayId", "eigw-0aaaaaaaaaaaaaaa1",
     "egress-only internet gateway eigw-0aaaaaaaaaaaaaaa1 is not in the describe-egress-only-internet-gateways "
     "output (deleted?)"),
    ("10.5.0.0/16", "GatewayId", "vgw-0aaaaaaaaaaaaaaa1", "virtual private gateway vgw-0aaaaaaaaaaaaaaa1 is not "
     "attached to " + VPC),
    ("10.6.0.0/16", "VpcPeeringConnectionId", "pcx-0aaaaaaaaaaaaaaa1",
     "peering connection pcx-0aaaaaaaaaaaaaaa1 is pending-acceptance"),
    ("10.7.0.0/16", "TransitGatewayId", "tgw-0aaaaaaaaaaaaaaa1",
     "transit gateway tgw-0aaaaaaaaaaaaaaa1 is not in the describe-transit-gateways output (deleted?)"),
]


def _route(dest, field, target, state="blackhole"):
    key = "DestinationIpv6CidrBlock" if ":" in dest else "DestinationCidrBlock"
    return {key: dest, field: target, "Origin": "CreateRoute", "State": state}


def _save(folder, name, doc):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(doc, indent=1))


def saved_account(folder, with_igws=True):
    """describe-* outputs of one VPC whose route table routes to a gone or unusable target of
    every kind AWS can route to, each reported ``blackhole``."""
    routes = [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable",
               "State": "active"}] + [_route(*case[:3]) for case in CASES]
    routes.append({"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-0aaaaaaaaaaaaaaa1",
                   "Origin": "CreateRoute", "State": "blackhole"})
    _save(folder, "describe-vpcs.json", {"Vpcs": [{
        "VpcId": VPC, "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333",
        "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18:abcd:1200::/56",
                                         "Ipv6CidrBlockState": {"State": "associated"}}],
        "Tags": [{"Key": "Name", "Value": "app"}]}]})
    _save(folder, "describe-subnets.json", {"Subnets": [{
        "SubnetId": SUBNET, "VpcId": VPC, "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a",
        "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18:abcd:1201::/64"}]}]})
    _save(folder, "describe-route-tables.json", {"RouteTables": [{
        "RouteTableId": RTB, "VpcId": VPC, "Associations": [{"Main": True}], "Routes": routes}]})
    _save(folder, "describe-nat-gateways.json", {"NatGateways": [{
        "NatGatewayId": "nat-0aaaaaaaaaaaaaaa1", "VpcId": VPC, "SubnetId": SUBNET, "State": "deleted"}]})
    if with_igws:  # attached to another VPC: AWS says blackhole, and nothing is attached here to fake
        _save(folder, "describe-internet-gateways.json", {"InternetGateways": [{
            "InternetGatewayId": "igw-0aaaaaaaaaaaaaaa1", "Attachments": [{"VpcId": "vpc-0bbbbbbbbbbbbbbb2",
                                                                          "State": "available"}]}]})
    _save(folder, "describe-network-interfaces.json", {"NetworkInterfaces": []})
    _save(folder, "describe-instances.json", {"Reservations": [{"Instances": [{
        "InstanceId": "i-0aaaaaaaaaaaaaaa1", "SubnetId": SUBNET, "VpcId": VPC, "PrivateIpAddress": "10.0.1.10",
        "State": {"Code": 80, "Name": "stopped"}}]}]})
    _save(folder, "describe-egress-only-internet-gateways.json", {"EgressOnlyInternetGateways": []})
    _save(folder, "describe-vpn-gateways.json", {"VpnGateways": [{
        "VpnGatewayId": "vgw-0aaaaaaaaaaaaaaa1", "State": "available",
        "VpcAttachments": [{"VpcId": VPC, "State": "detached"}]}]})
    _save(folder, "describe-vpc-peering-connections.json", {"VpcPeeringConnections": [{
        "VpcPeeringConnectionId": "pcx-0aaaaaaaaaaaaaaa1", "Status": {"Code": "pending-acceptance"},
        "RequesterVpcInfo": {"VpcId": VPC, "CidrBlock": "10.0.0.0/16"},
        "AccepterVpcInfo": {"VpcId": "vpc-0ccccccccccccccc3", "CidrBlock": "10.6.0.0/16", "OwnerId": "444455556666"}}]})
    _save(folder, "describe-transit-gateways.json", {"TransitGateways": []})
    _save(folder, "describe-vpc-endpoints.json", {"VpcEndpoints": []})


@pytest.fixture
def imported(tmp_path):
    saved_account(tmp_path / "us-east-1")
    result, failures = import_json(tmp_path)
    assert failures == []
    return result


def _written_routes(result):
    return {r["destination"]: r for r in result.files["vpcs/app.yaml"]["vpcs"]["app"]["route_tables"]["app-main"]
            ["routes"]}


@pytest.mark.parametrize(("dest", "field", "target", "reason"), CASES, ids=[c[2].split("-")[0] for c in CASES])
def test_blackhole_kept_for_every_target_type(imported, dest, field, target, reason):
    written = _written_routes(imported)[dest]
    assert written["state"] == "blackhole" and written["state_reason"] == reason
    topo = load_result(imported)
    (route,) = [r for t in topo.route_tables for r in t.routes if r.destination == dest]
    assert route.state == "blackhole" and route.state_reason == reason
    table = effective(topo)[RTB]
    assert [row[3] for row in table if row[0] == dest] == ["blackhole"]


def test_nothing_invented_and_every_drop_has_a_true_reason(imported):
    doc = imported.files["vpcs/app.yaml"]["vpcs"]["app"]
    # the IGW attached elsewhere is not attached here to make its route look alive
    assert "internet_gateway" not in doc and "vpn_gateway" not in doc
    assert _written_routes(imported)["10.4.0.0/16"]["target"] == "i-0aaaaaaaaaaaaaaa1"  # the stopped instance
    assert doc["instances"]["i-0aaaaaaaaaaaaaaa1"]["state"] == "stopped"
    skipped = {s.id: s.reason for s in imported.skipped}
    # the gateway endpoint is gone: AWS removes such routes (GWE-3); said so, not a wrong reason
    assert skipped[f"{RTB} pl-63a5400a -> vpce-0aaaaaaaaaaaaaaa1"] == (
        "gateway endpoint vpce-0aaaaaaaaaaaaaaa1 is not in the describe-vpc-endpoints output (deleted): a deleted "
        "endpoint adds no route (GWE-3)")
    assert skipped["igw-0aaaaaaaaaaaaaaa1"] == "its VPC vpc-0bbbbbbbbbbbbbbb2 is not in the import"
    assert skipped["vgw-0aaaaaaaaaaaaaaa1"] == "not attached to a VPC"


def test_igw_absent_from_the_input_keeps_aws_state(tmp_path):
    """No describe-internet-gateways output: the route keeps the AWS id and AWS's state; no
    gateway is synthesised (issue 12: that made blackhole routes look active)."""
    saved_account(tmp_path / "us-east-1", with_igws=False)
    doc = json.loads((tmp_path / "us-east-1/describe-route-tables.json").read_text())
    doc["RouteTables"][0]["Routes"].append(_route("0.0.0.0/0", "GatewayId", "igw-0ddddddddddddddd4", "active"))
    (tmp_path / "us-east-1/describe-route-tables.json").write_text(json.dumps(doc))
    result, _ = import_json(tmp_path)
    routes = _written_routes(result)
    assert routes["10.2.0.0/16"] == {"destination": "10.2.0.0/16", "target": "igw-0aaaaaaaaaaaaaaa1",
                                     "state": "blackhole"}  # no reason known: none invented
    assert routes["0.0.0.0/0"] == {"destination": "0.0.0.0/0", "target": "igw-0ddddddddddddddd4", "state": "active"}
    assert "internet_gateway" not in result.files["vpcs/app.yaml"]["vpcs"]["app"]
    assert any("no describe-internet-gateways output" in n for n in result.notes)
    table = effective(load_result(result))[RTB]
    assert ("0.0.0.0/0", "igw-0ddddddddddddddd4", "static", "active") in table
    assert ("10.2.0.0/16", "igw-0aaaaaaaaaaaaaaa1", "static", "blackhole") in table


def test_written_yaml_reads_as_aws_said(imported):
    text = render_tree(imported.files, "h")["vpcs/app.yaml"]
    rows = yaml.safe_load(text)["vpcs"]["app"]["route_tables"]["app-main"]["routes"]
    assert all(r["state"] == "blackhole" for r in rows)
    assert len(rows) == len(CASES)


def test_tgw_routes_to_deleted_attachments_stay_blackhole(tmp_path):
    base = tmp_path / "us-east-1"
    _save(base, "TransitGateways.json", {"TransitGateways": [{"TransitGatewayId": "tgw-0aaaaaaaaaaaaaaa1",
                                                              "Tags": [{"Key": "Name", "Value": "hub"}]}]})
    _save(base, "TransitGatewayRouteTables.json", {"TransitGatewayRouteTables": [
        {"TransitGatewayRouteTableId": "tgw-rtb-0aaaaaaaaaaaaaaa1", "TransitGatewayId": "tgw-0aaaaaaaaaaaaaaa1"}]})
    _save(base, "TransitGatewayAttachments.json", {"TransitGatewayAttachments": [
        {"TransitGatewayAttachmentId": "tgw-attach-0aaaaaaaaaaaaaaa1", "TransitGatewayId": "tgw-0aaaaaaaaaaaaaaa1",
         "ResourceType": "vpn", "ResourceId": "vpn-0aaaaaaaaaaaaaaa1", "State": "available"},
        {"TransitGatewayAttachmentId": "tgw-attach-0bbbbbbbbbbbbbbb2", "TransitGatewayId": "tgw-0aaaaaaaaaaaaaaa1",
         "ResourceType": "vpn", "ResourceId": "vpn-0bbbbbbbbbbbbbbb2", "State": "deleted"}]})
    _save(base, "TransitGatewayStaticRoutes.json", {"TransitGatewayStaticRoutes": [
        {"TransitGatewayRouteTableId": "tgw-rtb-0aaaaaaaaaaaaaaa1", "Routes": [
            {"DestinationCidrBlock": "10.8.0.0/16", "Type": "static", "State": "blackhole",
             "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-0bbbbbbbbbbbbbbb2"}]},
            {"DestinationCidrBlock": "10.9.0.0/16", "Type": "static", "State": "blackhole",
             "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-0aaaaaaaaaaaaaaa1"}]},
            {"DestinationCidrBlock": "10.10.0.0/16", "Type": "static", "State": "active",
             "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-0aaaaaaaaaaaaaaa1"}]}]}]})
    saved_account(base)
    result, _ = import_json(tmp_path)
    table = result.files["shared.yaml"]["transit_gateways"]["hub"]["route_tables"]["tgw-rtb-0aaaaaaaaaaaaaaa1"]
    assert table["routes"] == [
        {"destination": "10.10.0.0/16", "attachment": "tgw-attach-0aaaaaaaaaaaaaaa1"},
        {"destination": "10.8.0.0/16", "blackhole": True},  # its attachment is deleted (RS-5)
        {"destination": "10.9.0.0/16", "attachment": "tgw-attach-0aaaaaaaaaaaaaaa1", "state": "blackhole"}]
    skipped = {s.id: s.reason for s in result.skipped}
    assert skipped["tgw-attach-0bbbbbbbbbbbbbbb2"].startswith("state deleted")
    topo = load_result(result)
    (rt,) = topo.tgw_route_tables
    states = {r.destination: (r.blackhole, r.state) for r in rt.routes}
    assert states == {"10.10.0.0/16": (False, None), "10.8.0.0/16": (True, None), "10.9.0.0/16": (False, "blackhole")}


def test_vpcdocs_routes_shows_every_blackhole(tmp_path):
    """End to end: `vpcdocs import aws-json` then `vpcdocs routes --format json`."""
    from click.testing import CliRunner

    from vpcdocs.cli import cli

    saved_account(tmp_path / "saved" / "us-east-1")
    out = tmp_path / "specs"
    res = CliRunner().invoke(cli, ["import", "aws-json", str(tmp_path / "saved"), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    res = CliRunner().invoke(cli, ["routes", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    (table,) = json.loads(res.stdout)["route_tables"]
    rows = {r["destination"]: r for r in table["routes"]}
    for dest, _field, target, reason in CASES:
        assert (rows[dest]["target"], rows[dest]["state"], rows[dest]["reason"]) == (target, "blackhole", reason)


def test_moto_deleted_nat_gateway_and_tgw_blackhole_route(monkeypatch):
    """Where moto can produce the case: a NAT gateway deleted under its route (moto still says
    the route is active — its fidelity gap — but lists the NAT gateway as deleted, which
    vpcdocs turns into the blackhole AWS would report), and a TGW blackhole route."""
    boto3 = pytest.importorskip("boto3")
    moto = pytest.importorskip("moto")
    from vpcdocs.importers.aws_api import import_aws

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    with moto.mock_aws():
        ec2 = boto3.client("ec2", region_name="us-east-1")
        vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
        sub = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]
        eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nat = ec2.create_nat_gateway(SubnetId=sub["SubnetId"], AllocationId=eip)["NatGateway"]["NatGatewayId"]
        rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
        ec2.delete_nat_gateway(NatGatewayId=nat)
        tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
        trt = ec2.create_transit_gateway_route_table(TransitGatewayId=tgw)["TransitGatewayRouteTable"]
        ec2.create_transit_gateway_route(TransitGatewayRouteTableId=trt["TransitGatewayRouteTableId"],
                                         DestinationCidrBlock="10.99.0.0/16", Blackhole=True)
        result = import_aws(regions=["us-east-1"], vpc_ids=[vpc])
    topo = load_result(result)
    (written_nat,) = [n for n in topo.nat_gateways if n.aws_id == nat]
    assert written_nat.state == "deleted"
    assert ("0.0.0.0/0", nat, "static", "blackhole") in effective(topo)[rt]
    (tgw_table,) = [t for t in topo.tgw_route_tables if t.aws_id == trt["TransitGatewayRouteTableId"]]
    assert [(r.destination, r.blackhole) for r in tgw_table.routes] == [("10.99.0.0/16", True)]
