"""Objects several accounts list, reconciled (issue 14 item 5): a transit gateway shared through
AWS RAM, a VPC whose subnets are shared to another account, a cross-account peering — each
written once, with its owner, whichever account listed it first."""

from __future__ import annotations

import itertools

from importer_helpers import load_result

from vpcdocs.importers.describe import translate
from vpcdocs.importers.model import AwsSnapshot

NET, APP = "111111111111", "222222222222"  # network account (owner), application account (participant)
R = "eu-west-1"


def _snapshots():
    shared_vpc = {"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.0.0.0/16", "OwnerId": NET,
                  "Tags": [{"Key": "Name", "Value": "shared"}]}
    shared_subnet = {"SubnetId": "subnet-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0aaaaaaaaaaaaaaa1", "OwnerId": NET,
                     "CidrBlock": "10.0.1.0/24", "AvailabilityZone": f"{R}a", "Tags": [{"Key": "Name", "Value": "app"}]}
    tgw = {"TransitGatewayId": "tgw-0aaaaaaaaaaaaaaa1", "OwnerId": NET, "Tags": [{"Key": "Name", "Value": "hub"}],
           "Options": {"AmazonSideAsn": 64512}}
    owner = AwsSnapshot(region=R, account=NET, source="net", data={
        "Vpcs": [shared_vpc], "Subnets": [shared_subnet], "TransitGateways": [tgw],
        "TransitGatewayAttachments": [{
            "TransitGatewayAttachmentId": "tgw-attach-0bbbbbbbbbbbbbbb2", "TransitGatewayId": "tgw-0aaaaaaaaaaaaaaa1",
            "ResourceType": "vpc", "ResourceId": "vpc-0bbbbbbbbbbbbbbb2", "ResourceOwnerId": APP, "State": "available"}]})
    # the participant sees the shared VPC and subnet (RAM) with the owner's OwnerId, the TGW,
    # its own VPC, an instance it launched in the shared subnet, and the peering
    participant = AwsSnapshot(region=R, account=APP, source="app", data={
        "Vpcs": [{**shared_vpc, "Tags": []}, {"VpcId": "vpc-0bbbbbbbbbbbbbbb2", "CidrBlock": "10.1.0.0/16",
                                              "OwnerId": APP, "Tags": [{"Key": "Name", "Value": "app-own"}]}],
        "Subnets": [{**shared_subnet, "Tags": []}],
        "TransitGateways": [{**tgw, "Tags": []}],
        "Reservations": [{"OwnerId": APP, "Instances": [{
            "InstanceId": "i-0aaaaaaaaaaaaaaa1", "SubnetId": "subnet-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0aaaaaaaaaaaaaaa1",
            "PrivateIpAddress": "10.0.1.10", "State": {"Name": "running"}}]}],
        "VpcPeeringConnections": [{
            "VpcPeeringConnectionId": "pcx-0aaaaaaaaaaaaaaa1", "Status": {"Code": "active"},
            "RequesterVpcInfo": {"VpcId": "vpc-0bbbbbbbbbbbbbbb2", "OwnerId": APP, "CidrBlock": "10.1.0.0/16"},
            "AccepterVpcInfo": {"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "OwnerId": NET, "CidrBlock": "10.0.0.0/16"}}]})
    return owner, participant


def test_shared_objects_written_once_with_their_owner():
    for order in itertools.permutations(_snapshots()):
        result = translate(list(order), by_account=True)
        assert set(result.files) == {f"{APP}/shared.yaml", f"{APP}/vpcs/app-own.yaml", f"{NET}/shared.yaml",
                                     f"{NET}/vpcs/shared.yaml"}, order
        vpc = result.files[f"{NET}/vpcs/shared.yaml"]["vpcs"]["shared"]
        assert list(vpc["subnets"]) == ["app"]  # the owner's names, whoever listed it first
        assert list(vpc["instances"]) == ["i-0aaaaaaaaaaaaaaa1"]  # the participant's instance, in the owner's VPC
        hub = result.files[f"{NET}/shared.yaml"]["transit_gateways"]["hub"]
        assert hub["account"] == NET and list(hub["attachments"].values())[0]["vpc"] == "app-own"
        assert list(result.files[f"{APP}/shared.yaml"]["peerings"]) == ["pcx-0aaaaaaaaaaaaaaa1"]  # requester's
    topo = load_result(result)
    assert {v.id: v.account for v in topo.vpcs} == {"shared": NET, "app-own": APP}
