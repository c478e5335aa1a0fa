"""Saved describe-* JSON import on the real public inputs (tests/fixtures/importers) and on
snapshots built here in the layouts Batfish and the AWS CLI produce."""

from __future__ import annotations

import json
import shutil

from importer_helpers import effective, load_result

from vpcdocs.importers.aws_json import import_json
from vpcdocs.importers.describe import translate
from vpcdocs.importers.model import AwsSnapshot
from vpcdocs.importers.naming import sanitize


def _all_aws_routes(path):
    """(table, destination, target, origin, state) of every route in a RouteTables file."""
    doc = json.loads(path.read_text())
    doc = doc.get("data", doc)
    out = []
    for t in doc["RouteTables"]:
        for r in t["Routes"]:
            dest = r.get("DestinationCidrBlock") or r.get("DestinationPrefixListId")
            target = next(r[k] for k in ("GatewayId", "NatGatewayId", "VpcPeeringConnectionId", "NetworkInterfaceId",
                                         "InstanceId", "TransitGatewayId") if r.get(k))
            out.append((t["RouteTableId"], dest, target, r["Origin"], r["State"]))
    return out


def test_batfish_hybrid_cloud(fixtures):
    root = fixtures / "batfish/hybrid-cloud-aws"
    result, failures = import_json(root)
    assert failures == []
    assert result.counts["vpcs"] == 4 and result.counts["subnets"] == 10 and result.counts["route_tables"] == 5
    topo = load_result(result)
    routes = effective(topo)
    aws = _all_aws_routes(root / "aws_configs/us-west-2/RouteTables.json")
    assert len(aws) == 14
    propagated = [r for r in aws if r[3] == "EnableVgwRoutePropagation"]
    assert len(propagated) == 5
    # every route AWS reported: in the effective tables, or (propagated) in the skip report
    skipped = {s.id for s in result.skipped if s.kind == "route"}
    for table, dest, target, origin, state in aws:
        if origin == "EnableVgwRoutePropagation":
            assert f"{table} {dest} -> {target}" in skipped
        else:
            assert (dest, target, "local" if target == "local" else "static", state) in routes[table]
    # the blackhole route to the NAT gateway that is gone keeps its AWS id and is blackhole
    assert ("0.0.0.0/0", "nat-055c00735cace0ec4", "static", "blackhole") in routes["rtb-f28e418b"]
    assert topo.find("rtb-296bf350")[0][1].propagating_vgws == ("lhr-aws-01",)
    assert topo.vpc("gns3-bgp-test").vpn_gateway == "lhr-aws-01"
    # names from Name tags, sanitised; AWS ids kept
    vpc = topo.vpc("arista-demo")
    assert vpc.name == "Arista Demo" and vpc.aws_id == "vpc-b390fad5" and vpc.region == "us-west-2"
    assert topo.subnet("border-01-core-01").name == "border_01-core_01"
    assert vpc.internet_gateway == "arista-demo-igw"  # not the VPC's own id
    # nothing dropped silently: unmodelled inputs are summarised with a reason
    kinds = {s.id: s.reason for s in result.skipped if s.kind == "data"}
    assert set(kinds) == {"Addresses", "AvailabilityZones", "DBInstances", "DhcpOptions", "DomainStatusList", "Tags"}
    assert result.counts["security_groups"] == len(topo.security_groups) == 11
    arista = topo.get("security-group", "arista-demo")
    assert (arista.ingress[1].protocol, arista.ingress[1].from_port, arista.ingress[1].peer) == (
        "tcp", 22, "38.140.26.4/32")
    # NACLs (the * rules implicit), instances and their second interfaces, other ENIs
    assert result.counts["network_acls"] == 4 and result.counts["instances"] == 4
    default_rds = topo.get("network-acl", "vpc-f8fad69d-acl")
    assert default_rds.default and [(r.number, r.protocol, r.from_port, str(r.network)) for r in default_rds.ingress] \
        == [(100, "tcp", 3306, "162.243.144.192/32")]
    border = topo.get("instance", "border-01")
    assert border.state == "stopped" and [str(a) for a in border.private_ips] == ["192.168.1.243"]
    eth1 = [e for e in topo.network_interfaces if e.aws_id == "eni-4b466165"][0]
    assert eth1.instance == "border-01" and eth1.description == "border_01-eth1" and eth1.security_groups == (
        "arista-demo",)
    assert {e.aws_id for e in topo.network_interfaces if e.instance is None} == {"eni-0681f828", "eni-822b55ac"}
    primaries = [s for s in result.skipped if s.kind == "network-interface"]
    assert len(primaries) == 4 and all("primary interface of instance" in s.reason for s in primaries)
    (vpn,) = topo.vpn_connections  # VGW-12: its BGP routes are the prefixes the VGW propagated
    assert vpn.vpn_gateway == "lhr-aws-01" and vpn.customer_gateway == "147.75.69.27"
    assert [str(c) for c in vpn.bgp_routes] == ["0.0.0.0/0", "10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24",
                                                "10.1.4.0/24"]
    assert [str(c) for c in topo.get("external-network", vpn.network).cidrs] == [
        "10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24", "10.1.4.0/24"]  # the default route is no network


def test_batfish_gateway_endpoint_routes_become_associations(fixtures):
    result, _ = import_json(fixtures / "batfish/test-vpc-endpoint-gateway")
    (rel,) = [k for k in result.files if k.startswith("vpcs/")]
    endpoint = result.files[rel]["vpcs"]["testing"]["endpoints"]["testing-s3"]
    assert endpoint == {"aws_id": "vpce-0b7357542bb7b83ec", "type": "gateway", "service": "s3",
                        "route_tables": ["testing-igw", "testing-noigw"], "prefix_list_id": "pl-63a5400a"}
    tables = result.files[rel]["vpcs"]["testing"]["route_tables"]
    assert all("pl-" not in json.dumps(t.get("routes", [])) for t in tables.values())
    topo = load_result(result)
    routes = effective(topo)
    # the derived rows are back, exactly as AWS listed them
    for table in ("rtb-04f71fc2caa8d94cf", "rtb-0efde4139784b75b0"):
        assert ("pl-63a5400a", "vpce-0b7357542bb7b83ec", "gateway-endpoint", "active") in routes[table]
    assert [r for r in routes["rtb-04b2f3cdc92b48b05"] if r[2] != "local"] == []


def test_placebo_recordings_infer_vpc_and_report_unknown_endpoints(fixtures, tmp_path):
    src = fixtures / "aws-cli/cloud-custodian/tests/data/placebo/test_cross_az_nat_gateway_route_filter"
    result, _ = import_json(src)
    assert result.counts == {**result.counts, "vpcs": 1, "subnets": 13, "route_tables": 13, "nat_gateways": 2}
    assert any("10.0.0.0/21 taken from its route tables' local routes" in n for n in result.notes)
    pl_skips = [s for s in result.skipped if s.kind == "route" and " pl-" in s.id]
    assert len(pl_skips) == 18 and "endpoint is not in the input" in pl_skips[0].reason
    topo = load_result(result)
    assert topo.vpcs[0].region == "us-west-2"  # from the subnets' ARNs
    # with the region's prefix lists saved beside them, the endpoints are inferred instead
    shutil.copytree(src, tmp_path / "saved")
    (tmp_path / "saved" / "ec2.DescribePrefixLists_1.json").write_text(json.dumps({"status_code": 200, "data": {
        "PrefixLists": [{"PrefixListId": "pl-68a54001", "PrefixListName": "com.amazonaws.us-west-2.s3"},
                        {"PrefixListId": "pl-00a54069", "PrefixListName": "com.amazonaws.us-west-2.dynamodb"}]}}))
    result2, _ = import_json(tmp_path / "saved")
    assert not [s for s in result2.skipped if s.kind == "route" and " pl-" in s.id]
    topo2 = load_result(result2)
    services = {e.service: len(e.route_tables) for e in topo2.gateway_endpoints}
    assert services == {"s3": 9, "dynamodb": 9}


def test_placebo_peering_and_blackhole_eni_routes(fixtures):
    src = fixtures / "aws-cli/cloud-custodian/tests/data/placebo/test_peer_miss_route_filter"
    result, _ = import_json(src, region="us-east-1")
    topo = load_result(result)
    (pcx,) = topo.peerings
    assert pcx.aws_id == "pcx-36096b5f" and pcx.status == "active" and pcx.id == "notable"
    assert {topo.vpc(pcx.requester).aws_id, topo.vpc(pcx.accepter).aws_id} == {"vpc-cb3e8cae", "vpc-1cc8e779"}
    table = topo.find("rtb-e888328d")[0][1]
    eni_routes = [r for r in table.routes if r.target.startswith("eni-")]
    assert len(eni_routes) == 4 and all(r.state == "blackhole" for r in eni_routes)


def test_cloudmapper_plain_cli_output(fixtures):
    result, failures = import_json(fixtures / "aws-cli/cloudmapper")
    assert failures == []
    topo = load_result(result)
    assert len(topo.vpcs) == 1 and len(topo.subnets) == 4 and topo.vpcs[0].region == "us-east-1"
    assert {e.service for e in topo.interface_endpoints} == {"sqs"}
    assert {e.service for e in topo.gateway_endpoints} == {"s3"}
    (alb,) = topo.load_balancers
    assert alb.type == "application"
    assert any(s.kind == "data" and s.id == "LoadBalancerDescriptions" for s in result.skipped)  # classic ELB


def test_tgw_whose_vpc_is_elsewhere(fixtures):
    result, _ = import_json(fixtures / "aws-cli/cloud-custodian/tests/data/placebo/test_transit_gateway_attachment_query")
    (tgw,) = result.files["shared.yaml"]["transit_gateways"].values()
    assert tgw["aws_id"] == "tgw-05e7c047df9e9d1ce" and tgw["asn"] == 64512 and tgw["description"] == "test"
    assert any(s.id == "tgw-attach-0aca50c09e4248a85" and "vpc-f1516b97" in s.reason for s in result.skipped)


def _vpc(vid, cidr, name, owner="111122223333"):
    return {"VpcId": vid, "CidrBlock": cidr, "OwnerId": owner, "Tags": [{"Key": "Name", "Value": name}],
            "CidrBlockAssociationSet": [{"CidrBlock": cidr, "CidrBlockState": {"State": "associated"}}]}


def _subnet(sid, vid, cidr, az):
    return {"SubnetId": sid, "VpcId": vid, "CidrBlock": cidr, "AvailabilityZone": az, "AvailabilityZoneId": "use1-az1"}


def _write(folder, name, doc):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(doc))


def test_batfish_multi_account_layout_with_tgw_files(tmp_path):
    """aws_configs/accounts/<acct>/<region>/ with Batfish's own TGW route/propagation files."""
    base = tmp_path / "aws_configs/accounts/111122223333/us-east-1"
    _write(base, "Vpcs.json", {"Vpcs": [_vpc("vpc-0aaaaaaaaaaaaaaa1", "10.0.0.0/16", "a"),
                                        _vpc("vpc-0bbbbbbbbbbbbbbb2", "10.1.0.0/16", "b")]})
    _write(base, "Subnets.json", {"Subnets": [_subnet("subnet-0aaaaaaaaaaaaaaa1", "vpc-0aaaaaaaaaaaaaaa1", "10.0.1.0/24",
                                                      "us-east-1a"),
                                              _subnet("subnet-0bbbbbbbbbbbbbbb2", "vpc-0bbbbbbbbbbbbbbb2", "10.1.1.0/24",
                                                      "us-east-1a")]})
    _write(base, "RouteTables.json", {"RouteTables": [
        {"RouteTableId": "rtb-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0aaaaaaaaaaaaaaa1",
         "Associations": [{"Main": True}], "Routes": [
             {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
             {"DestinationCidrBlock": "10.1.0.0/16", "TransitGatewayId": "tgw-0123456789abcdef0",
              "Origin": "CreateRoute", "State": "active"}]},
        {"RouteTableId": "rtb-0bbbbbbbbbbbbbbb2", "VpcId": "vpc-0bbbbbbbbbbbbbbb2", "Associations": [{"Main": True}],
         "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "TransitGatewayId": "tgw-0123456789abcdef0",
                     "Origin": "CreateRoute", "State": "active"}]}]})
    _write(base, "TransitGateways.json", {"TransitGateways": [{
        "TransitGatewayId": "tgw-0123456789abcdef0", "OwnerId": "111122223333", "Tags": [{"Key": "Name", "Value": "hub"}],
        "Options": {"AmazonSideAsn": 64512, "DefaultRouteTableAssociation": "disable"}}]})
    _write(base, "TransitGatewayAttachments.json", {"TransitGatewayAttachments": [
        {"TransitGatewayAttachmentId": f"tgw-attach-0{c * 16}", "TransitGatewayId": "tgw-0123456789abcdef0",
         "ResourceType": "vpc", "ResourceId": vpc, "State": "available",
         "Association": {"TransitGatewayRouteTableId": "tgw-rtb-0123456789abcdef0", "State": "associated"}}
        for c, vpc in (("a", "vpc-0aaaaaaaaaaaaaaa1"), ("b", "vpc-0bbbbbbbbbbbbbbb2"))]
        + [{"TransitGatewayAttachmentId": "tgw-attach-0cccccccccccccccc", "TransitGatewayId": "tgw-0123456789abcdef0",
            "ResourceType": "vpn", "ResourceId": "vpn-0123456789abcdef0", "State": "available"},
           {"TransitGatewayAttachmentId": "tgw-attach-0dddddddddddddddd", "TransitGatewayId": "tgw-0123456789abcdef0",
            "ResourceType": "peering", "ResourceId": "tgw-0eeeeeeeeeeeeeeee", "State": "available"}]})
    _write(base, "TransitGatewayPeeringAttachments.json", {"TransitGatewayPeeringAttachments": [
        {"TransitGatewayAttachmentId": "tgw-attach-0dddddddddddddddd", "State": "available",
         "RequesterTgwInfo": {"TransitGatewayId": "tgw-0123456789abcdef0", "Region": "us-east-1"},
         "AccepterTgwInfo": {"TransitGatewayId": "tgw-0eeeeeeeeeeeeeeee", "Region": "eu-west-1",
                             "OwnerId": "444455556666"}}]})
    _write(base, "TransitGatewayVpcAttachments.json", {"TransitGatewayVpcAttachments": [
        {"TransitGatewayAttachmentId": "tgw-attach-0aaaaaaaaaaaaaaaa", "SubnetIds": ["subnet-0aaaaaaaaaaaaaaa1"]},
        {"TransitGatewayAttachmentId": "tgw-attach-0bbbbbbbbbbbbbbbb", "SubnetIds": ["subnet-0bbbbbbbbbbbbbbb2"]}]})
    _write(base, "TransitGatewayRouteTables.json", {"TransitGatewayRouteTables": [
        {"TransitGatewayRouteTableId": "tgw-rtb-0123456789abcdef0", "TransitGatewayId": "tgw-0123456789abcdef0"}]})
    _write(base, "TransitGatewayPropagations.json", {"TransitGatewayPropagations": [
        {"TransitGatewayRouteTableId": "tgw-rtb-0123456789abcdef0", "TransitGatewayRouteTablePropagations": [
            {"TransitGatewayAttachmentId": "tgw-attach-0aaaaaaaaaaaaaaaa", "State": "enabled"},
            {"TransitGatewayAttachmentId": "tgw-attach-0bbbbbbbbbbbbbbbb", "State": "not-enabled"}]}]})
    _write(base, "TransitGatewayStaticRoutes.json", {"TransitGatewayStaticRoutes": [
        {"TransitGatewayRouteTableId": "tgw-rtb-0123456789abcdef0", "Routes": [
            {"DestinationCidrBlock": "0.0.0.0/0", "State": "active", "Type": "static", "TransitGatewayAttachments": [
                {"TransitGatewayAttachmentId": "tgw-attach-0bbbbbbbbbbbbbbbb"}]},
            {"DestinationCidrBlock": "192.168.0.0/16", "State": "blackhole", "Type": "static"},
            {"DestinationCidrBlock": "10.0.0.0/16", "State": "active", "Type": "propagated",
             "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-0aaaaaaaaaaaaaaaa"}]},
            {"DestinationCidrBlock": "172.16.0.0/12", "State": "active", "Type": "propagated",
             "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-0cccccccccccccccc"}]}]}]})
    result, failures = import_json(tmp_path / "aws_configs")
    assert failures == []
    topo = load_result(result)
    assert {v.account for v in topo.vpcs} == {"111122223333"} and {v.region for v in topo.vpcs} == {"us-east-1"}
    hub = topo.get("transit-gateway", "hub")
    assert hub.asn == 64512
    atts = {a.aws_id: a for a in topo.attachments_of_tgw("hub")}
    assert atts["tgw-attach-0aaaaaaaaaaaaaaaa"].subnets == ("subnet-0aaaaaaaaaaaaaaa1",)
    vpn = atts["tgw-attach-0cccccccccccccccc"]
    assert vpn.type == "vpn" and [str(c) for c in vpn.cidrs] == ["172.16.0.0/12"]  # learnt from its BGP routes
    peer = atts["tgw-attach-0dddddddddddddddd"]
    assert peer.type == "peering"
    stub = topo.get("transit-gateway", peer.peer_transit_gateway)
    assert (stub.aws_id, stub.region, stub.account) == ("tgw-0eeeeeeeeeeeeeeee", "eu-west-1", "444455556666")
    (table,) = topo.tgw_route_tables
    assert set(table.associations) == {atts["tgw-attach-0aaaaaaaaaaaaaaaa"].id, atts["tgw-attach-0bbbbbbbbbbbbbbbb"].id}
    assert table.propagations == (atts["tgw-attach-0aaaaaaaaaaaaaaaa"].id,)
    assert [(r.destination, r.attachment, r.blackhole) for r in table.routes] == [
        ("0.0.0.0/0", atts["tgw-attach-0bbbbbbbbbbbbbbbb"].id, False), ("192.168.0.0/16", None, True)]
    # the VPN's propagated route is not in propagations: reported, not silently dropped
    assert any(s.kind == "tgw-route" and "172.16.0.0/12" in s.id for s in result.skipped)
    assert effective(topo)["rtb-0aaaaaaaaaaaaaaa1"][1] == ("10.1.0.0/16", "tgw-0123456789abcdef0", "static", "active")


def test_endpoint_type_case_and_default_gateway():
    snap = AwsSnapshot(region="us-east-1", data={
        "Vpcs": [_vpc("vpc-0aaaaaaaaaaaaaaa1", "10.0.0.0/16", "a")],
        "Subnets": [_subnet("subnet-0aaaaaaaaaaaaaaa1", "vpc-0aaaaaaaaaaaaaaa1", "10.0.1.0/24", "us-east-1a")],
        "RouteTables": [{"RouteTableId": "rtb-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0aaaaaaaaaaaaaaa1",
                         "Associations": [{"Main": True}], "Routes": [
                             {"DestinationPrefixListId": "pl-02cd2c6b", "GatewayId": "vpce-0aaaaaaaaaaaaaaa1",
                              "Origin": "CreateRoute", "State": "active"}]}],
        "VpcEndpoints": [
            {"VpcEndpointId": "vpce-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0aaaaaaaaaaaaaaa1",  # no type: Gateway (GWE-12)
             "ServiceName": "com.amazonaws.us-east-1.dynamodb", "State": "Available"},
            {"VpcEndpointId": "vpce-0bbbbbbbbbbbbbbb2", "VpcEndpointType": "INTERFACE", "VpcId": "vpc-0aaaaaaaaaaaaaaa1",
             "ServiceName": "com.amazonaws.us-east-1.sqs", "SubnetIds": ["subnet-0aaaaaaaaaaaaaaa1"],
             "State": "pendingAcceptance"},
            {"VpcEndpointId": "vpce-0ccccccccccccccc3", "VpcEndpointType": "GatewayLoadBalancer",
             "VpcId": "vpc-0aaaaaaaaaaaaaaa1", "ServiceName": "com.amazonaws.vpce.us-east-1.vpce-svc-0123"}]})
    result = translate([snap])
    eps = result.files["vpcs/a.yaml"]["vpcs"]["a"]["endpoints"]
    assert eps["a-dynamodb"]["type"] == "gateway" and eps["a-dynamodb"]["route_tables"] == ["a-main"]
    assert eps["a-dynamodb"]["prefix_list_id"] == "pl-02cd2c6b" and "state" not in eps["a-dynamodb"]
    assert eps["a-sqs"]["type"] == "interface" and eps["a-sqs"]["state"] == "pendingacceptance"
    assert any(s.id == "vpce-0ccccccccccccccc3" and "GatewayLoadBalancer" in s.reason for s in result.skipped)
    load_result(result)


def test_names_sanitised_and_unique_independent_of_order():
    assert sanitize("Prod VPC (EU)") == "prod-vpc-eu" and sanitize("  __ ") == ""
    subnets = [_subnet(f"subnet-0{c * 16}", "vpc-0aaaaaaaaaaaaaaa1", f"10.0.{i}.0/24", "us-east-1a")
               for i, c in enumerate("abc")]
    for s in subnets:
        s["Tags"] = [{"Key": "Name", "Value": "App"}]
    subnets[2]["Tags"] = [{"Key": "Name", "Value": "db"}]

    def ids(items):
        snap = AwsSnapshot(region="us-east-1", data={"Vpcs": [_vpc("vpc-0aaaaaaaaaaaaaaa1", "10.0.0.0/16", "a")],
                                                     "Subnets": items})
        return sorted(translate([snap]).files["vpcs/a.yaml"]["vpcs"]["a"]["subnets"])

    assert ids(subnets) == ids(list(reversed(subnets))) == ["app-aaaaaaaa", "app-bbbbbbbb", "db"]


def test_unreadable_and_bad_json_are_failures_not_crashes(tmp_path, fixtures):
    shutil.copytree(fixtures / "batfish/test-vpc-endpoint-gateway", tmp_path / "snap")
    (tmp_path / "snap/aws_configs/us-east-1/Broken.json").write_text('{"Vpcs": [')
    (tmp_path / "snap/aws_configs/us-east-1/Binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "snap/setup.tf").write_text("# not JSON")
    result, failures = import_json(tmp_path / "snap")
    assert any(s.kind == "file" and s.id == "setup.tf" and s.reason == "not a .json file" for s in result.skipped)
    texts = sorted(f.format() for f in failures)
    assert texts[0].endswith("Binary.json: error[I-JSON]: not UTF-8 text (is it a binary file?)")
    assert "Broken.json: error[I-JSON]: invalid JSON at line 1 column 11" in texts[1]
    assert result.counts["vpcs"] == 1  # the readable files still import
    _, missing = import_json(tmp_path / "nope")
    assert missing[0].format() == f"{tmp_path / 'nope'}: error[I-IO]: no such file or folder"


def test_tgw_peering_seen_from_both_sides():
    """Two regions in one import: the peering attachment (one AWS id) is listed by both TGWs."""
    def snap(region, tgw, peer, rt, dest):
        att = "tgw-attach-0ppppppppppppppp1"
        return AwsSnapshot(region=region, data={
            "TransitGateways": [{"TransitGatewayId": tgw, "Tags": [{"Key": "Name", "Value": f"hub-{region}"}]}],
            "TransitGatewayAttachments": [{
                "TransitGatewayAttachmentId": att, "TransitGatewayId": tgw, "ResourceType": "peering",
                "ResourceId": peer, "State": "available",
                "Association": {"TransitGatewayRouteTableId": rt, "State": "associated"}}],
            "TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": rt, "TransitGatewayId": tgw}],
            "TransitGatewayStaticRoutes": [{"TransitGatewayRouteTableId": rt, "Routes": [{
                "DestinationCidrBlock": dest, "State": "active", "Type": "static",
                "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": att}]}]}]})

    result = translate([snap("us-east-1", "tgw-0aaaaaaaaaaaaaaaa", "tgw-0bbbbbbbbbbbbbbbb", "tgw-rtb-0aaaaaaaaaaaaaaaa",
                             "10.2.0.0/16"),
                        snap("eu-west-1", "tgw-0bbbbbbbbbbbbbbbb", "tgw-0aaaaaaaaaaaaaaaa", "tgw-rtb-0bbbbbbbbbbbbbbbb",
                             "10.1.0.0/16")])
    assert result.skipped == []
    topo = load_result(result)
    sides = {a.transit_gateway: a for a in topo.tgw_attachments}
    assert set(sides) == {"hub-us-east-1", "hub-eu-west-1"}
    assert sides["hub-us-east-1"].peer_transit_gateway == "hub-eu-west-1"
    assert sides["hub-eu-west-1"].peer_transit_gateway == "hub-us-east-1"
    assert {a.aws_id for a in sides.values()} == {"tgw-attach-0ppppppppppppppp1"}
    for table in topo.tgw_route_tables:
        (route,) = table.routes
        assert table.associations == (route.attachment,)
        assert topo.get("tgw-attachment", route.attachment).transit_gateway == table.transit_gateway


def test_nacl_entries_icmp_ipv6_and_implicit_rules():
    """NACL-3/8/9/16: the * rules (32767, 32768) are implicit; IPv6 entries say ipv6_cidr; ICMP type
    and code are kept; what the spec cannot hold is listed with the rule number."""
    acl = {"NetworkAclId": "acl-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0aaaaaaaaaaaaaaa1", "IsDefault": False,
           "Associations": [{"SubnetId": "subnet-0aaaaaaaaaaaaaaa1"}, {"SubnetId": "subnet-0elsewhere0000000"}],
           "Entries": [
               {"RuleNumber": 100, "Egress": False, "Protocol": "58", "RuleAction": "allow",
                "Ipv6CidrBlock": "::/0", "IcmpTypeCode": {"Type": 2, "Code": 0}},
               {"RuleNumber": 110, "Egress": False, "Protocol": "1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0",
                "IcmpTypeCode": {"Type": -1, "Code": -1}},
               {"RuleNumber": 120, "Egress": False, "Protocol": "17", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0",
                "PortRange": {"From": 53, "To": 53}},
               {"RuleNumber": 130, "Egress": False, "Protocol": "6", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"},
               {"RuleNumber": 40000, "Egress": False, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"},
               {"RuleNumber": 32767, "Egress": False, "Protocol": "-1", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0"},
               {"RuleNumber": 32768, "Egress": False, "Protocol": "-1", "RuleAction": "deny", "Ipv6CidrBlock": "::/0"}]}
    snap = AwsSnapshot(region="us-east-1", data={
        "Vpcs": [_vpc("vpc-0aaaaaaaaaaaaaaa1", "10.0.0.0/16", "a")],
        "Subnets": [_subnet("subnet-0aaaaaaaaaaaaaaa1", "vpc-0aaaaaaaaaaaaaaa1", "10.0.1.0/24", "us-east-1a")],
        "NetworkAcls": [acl]})
    result = translate([snap])
    vpc = result.files["vpcs/a.yaml"]["vpcs"]["a"]
    assert vpc["subnets"]["subnet-0aaaaaaaaaaaaaaa1"]["network_acl"] == "acl-0aaaaaaaaaaaaaaa1"
    assert vpc["network_acls"]["acl-0aaaaaaaaaaaaaaa1"]["ingress"] == [
        {"rule": 100, "action": "allow", "protocol": "icmpv6", "icmp_type": 2, "icmp_code": 0, "ipv6_cidr": "::/0"},
        {"rule": 110, "action": "allow", "protocol": "icmp", "cidr": "0.0.0.0/0"},
        {"rule": 120, "action": "deny", "protocol": "udp", "ports": 53, "cidr": "0.0.0.0/0"}]
    skipped = {s.id: s.reason for s in result.skipped}
    assert skipped["acl-0aaaaaaaaaaaaaaa1 ingress 130"] == "tcp rule without a port range (NACL-9 requires one)"
    assert skipped["acl-0aaaaaaaaaaaaaaa1 ingress 40000"] == "rule number outside 1-32766 (NACL-2)"
    assert skipped["acl-0aaaaaaaaaaaaaaa1 subnet-0elsewhere0000000"] == "the subnet is not in the import"
    topo = load_result(result)
    rules = topo.get("network-acl", "acl-0aaaaaaaaaaaaaaa1").ingress
    assert [(r.number, r.protocol, str(r.network)) for r in rules] == [
        (100, "icmpv6", "::/0"), (110, "icmp", "0.0.0.0/0"), (120, "udp", "0.0.0.0/0")]
