"""`vpcdocs import aws-config`: an AWS Config aggregator's advanced-query output. The fixture
was written for these tests from the documented shapes (tests/fixtures/importers/README.md)."""

from __future__ import annotations

import json

from importer_helpers import effective, load_result

from vpcdocs.importers.aws_config import import_config, to_describe

FIXTURE = "aws-config/select-aggregate-resource-config.json"
PROD, DATA = "111111111111", "222222222222"


def test_two_accounts_one_folder_each(fixtures):
    result, failures = import_config(fixtures / FIXTURE)
    assert failures == []
    assert sorted(result.files) == [f"{PROD}/shared.yaml", f"{PROD}/vpcs/prod.yaml", f"{DATA}/vpcs/data.yaml"]
    topo = load_result(result)
    prod, data = topo.vpc("prod"), topo.vpc("data")
    assert (prod.account, prod.region, data.account) == (PROD, "eu-west-1", DATA)
    # the peering both accounts record is one object, kept with the requester's account
    (pcx,) = topo.peerings
    assert (pcx.id, pcx.requester, pcx.accepter, pcx.aws_id) == ("prod-to-data", "prod", "data",
                                                                 "pcx-0a1b2c3d4e5f60001")
    # AWS's blackhole state of the route to the deleted NAT gateway is kept
    rows = effective(topo)["rtb-0a1b2c3d4e5f60001"]
    assert ("10.9.0.0/16", "nat-0a1b2c3d4e5f60009", "static", "blackhole") in rows
    assert ("0.0.0.0/0", "igw-0a1b2c3d4e5f60001", "static", "active") in rows


def test_config_shapes_become_describe_shapes(fixtures):
    result, _ = import_config(fixtures / FIXTURE)
    topo = load_result(result)
    web = topo.get("security-group", "web")  # ipv4Ranges (not the plain ipRanges strings), icmp type
    assert [(r.protocol, r.from_port, r.peer, r.description) for r in web.ingress] == [
        ("tcp", 443, "0.0.0.0/0", None), ("icmp", 8, "10.0.0.0/8", "corp")]
    acl = topo.get("network-acl", "prod-acl")  # the * rules are implicit (NACL-3)
    assert acl.default and [(r.number, r.action) for r in acl.ingress] == [(90, "deny"), (100, "allow")]
    inst = topo.get("instance", "web-1")
    assert [str(a) for a in inst.private_ips] == ["10.0.1.10"] and inst.security_groups == ("web",)
    offices = topo.get("prefix-list", "offices")  # CloudFormation-shaped item, entries included
    assert [str(e) for e in offices.entries] == ["198.51.100.0/24"] and offices.max_entries == 10
    hub = topo.get("transit-gateway", "hub")  # CloudFormation-shaped items
    assert hub.asn == 64512 and hub.default_association_route_table == "hub-default"
    (att,) = topo.attachments_of_tgw("hub")
    assert att.vpc == "prod" and att.subnets == ("prod-app",)


def test_what_config_does_not_record_is_said(fixtures):
    result, _ = import_config(fixtures / FIXTURE)
    assert any("no transit gateway route table contents" in n for n in result.notes)
    skipped = {s.id: s.reason for s in result.skipped}
    assert skipped["AWS::S3::Bucket"] == "1 item(s) not imported: not a network resource type vpcdocs reads"


def test_enum_values_and_status_strings():
    item = to_describe("AWS::EC2::NatGateway", {"natGatewayId": "nat-1", "state": {"value": "deleted"},
                                                "subnetId": "subnet-1"}, "nat-1")
    assert item == {"NatGatewayId": "nat-1", "State": "deleted", "SubnetId": "subnet-1"}
    pcx = to_describe("AWS::EC2::VPCPeeringConnection", {"status": "pending-acceptance"}, "pcx-1")
    assert pcx["Status"] == {"Code": "pending-acceptance"} and pcx["VpcPeeringConnectionId"] == "pcx-1"


def test_bad_items_are_reported_not_fatal(tmp_path):
    doc = {"Results": ["not json", json.dumps([1]), json.dumps({"resourceType": "AWS::EC2::VPC"}),
                       json.dumps({"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-0a", "accountId": "1",
                                   "awsRegion": "us-east-1", "configuration": {"cidrBlock": "10.0.0.0/16"}})]}
    (tmp_path / "q.json").write_text(json.dumps(doc))
    (tmp_path / "other.json").write_text(json.dumps({"Vpcs": []}))
    result, failures = import_config(tmp_path)
    assert failures == [] and result.counts["vpcs"] == 1
    reasons = sorted(s.reason for s in result.skipped)
    assert "not JSON text" in reasons and "not a JSON object" in reasons
    assert any("without a configuration object" in r for r in reasons)
    assert any("expected a JSON object with a 'Results' list" in r for r in reasons)
    _, missing = import_config(tmp_path / "nope")
    assert missing[0].format().endswith("error[I-IO]: no such file or folder")
