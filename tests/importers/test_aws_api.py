"""Live AWS import against moto 5.2.5 (server-less ``mock_aws``), plus read-only enforcement
and throttling retries against a real local HTTP server.

moto fidelity gaps that shape these tests (aws-networking-rules.md §10): route ``State`` is
always ``active``; NLB ARNs look like ALB ones (``loadbalancer/app/…``); TGW propagations
install no routes; ``create_transit_gateway_route`` leaves ``TransitGatewayAttachments`` empty.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")

from vpcdocs.importers.aws_api import ReadOnlyViolation, import_aws, make_client  # noqa: E402
from vpcdocs.importers.spec_writer import render_tree, write_tree  # noqa: E402
from vpcdocs.routing import dataplane  # noqa: E402
from vpcdocs.spec import load_sources, load_specs  # noqa: E402

REGION = "us-east-1"


@pytest.fixture
def aws_env(monkeypatch):
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


def _tags(kind, name):
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def build_topology():
    """Two VPCs peered, a cross-region peer, endpoints, an NLB→ALB endpoint service, a TGW."""
    ec2 = boto3.client("ec2", region_name=REGION)
    elbv2 = boto3.client("elbv2", region_name=REGION)
    ids = {}
    a = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=_tags("vpc", "App VPC"))["Vpc"]["VpcId"]
    b = ec2.create_vpc(CidrBlock="10.1.0.0/16", TagSpecifications=_tags("vpc", "Provider"))["Vpc"]["VpcId"]
    ec2.associate_vpc_cidr_block(VpcId=a, CidrBlock="10.2.0.0/16")
    ids.update(a=a, b=b)

    def subnet(vpc, cidr, az, name):
        return ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=az,
                                 TagSpecifications=_tags("subnet", name))["Subnet"]["SubnetId"]

    a1 = subnet(a, "10.0.1.0/24", "us-east-1a", "app-1a")
    a2 = subnet(a, "10.0.2.0/24", "us-east-1b", "app-1b")
    apub = subnet(a, "10.0.0.0/24", "us-east-1a", "public-1a")
    b1 = subnet(b, "10.1.1.0/24", "us-east-1a", "svc-1a")
    b2 = subnet(b, "10.1.2.0/24", "us-east-1b", "svc-1b")
    igw = ec2.create_internet_gateway(TagSpecifications=_tags("internet-gateway", "app-igw"))
    igw = igw["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=a)
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=apub, AllocationId=eip,
                                 TagSpecifications=_tags("natgateway", "app-nat"))["NatGateway"]["NatGatewayId"]
    rt_pub = ec2.create_route_table(VpcId=a, TagSpecifications=_tags("route-table", "public"))
    rt_pub = rt_pub["RouteTable"]["RouteTableId"]
    rt_priv = ec2.create_route_table(VpcId=a, TagSpecifications=_tags("route-table", "private"))
    rt_priv = rt_priv["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=rt_pub, SubnetId=apub)
    ec2.associate_route_table(RouteTableId=rt_priv, SubnetId=a1)
    ec2.associate_route_table(RouteTableId=rt_priv, SubnetId=a2)
    ec2.create_route(RouteTableId=rt_pub, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.create_route(RouteTableId=rt_priv, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    # peering A<->B (same region) and A -> a VPC in another region (external)
    pcx = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=b)["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)
    ec2.create_route(RouteTableId=rt_priv, DestinationCidrBlock="10.1.0.0/16", VpcPeeringConnectionId=pcx)
    west = boto3.client("ec2", region_name="us-west-2")
    far = west.create_vpc(CidrBlock="172.20.0.0/16")["Vpc"]["VpcId"]
    xpcx = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=far, PeerRegion="us-west-2")
    xpcx = xpcx["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    west.accept_vpc_peering_connection(VpcPeeringConnectionId=xpcx)
    ec2.create_route(RouteTableId=rt_priv, DestinationCidrBlock="172.20.0.0/16", VpcPeeringConnectionId=xpcx)
    # a route to an ENI (not modelled: keeps its AWS id)
    eni = ec2.create_network_interface(SubnetId=a1)["NetworkInterface"]["NetworkInterfaceId"]
    ec2.create_route(RouteTableId=rt_priv, DestinationCidrBlock="192.168.0.0/16", NetworkInterfaceId=eni)
    # gateway endpoint (no VpcEndpointType: API default Gateway, GWE-12) and an interface endpoint
    s3 = ec2.create_vpc_endpoint(VpcId=a, ServiceName=f"com.amazonaws.{REGION}.s3",
                                 RouteTableIds=[rt_priv, rt_pub])["VpcEndpoint"]["VpcEndpointId"]
    sg = ec2.create_security_group(VpcId=a, GroupName="endpoints", Description="endpoint ENIs")["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]},
        {"IpProtocol": "tcp", "FromPort": 8000, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": sg}]}])
    sqs = ec2.create_vpc_endpoint(VpcId=a, ServiceName=f"com.amazonaws.{REGION}.sqs", VpcEndpointType="Interface",
                                  SubnetIds=[a1, a2], PrivateDnsEnabled=True,
                                  SecurityGroupIds=[sg])["VpcEndpoint"]["VpcEndpointId"]
    # provider: internal ALB behind an internal NLB, exposed as an endpoint service
    alb = elbv2.create_load_balancer(Name="orders-alb", Subnets=[b1, b2], Scheme="internal", Type="application")
    alb = alb["LoadBalancers"][0]["LoadBalancerArn"]
    nlb = elbv2.create_load_balancer(Name="orders-nlb", Subnets=[b1, b2], Scheme="internal", Type="network")
    nlb = nlb["LoadBalancers"][0]["LoadBalancerArn"]
    web = elbv2.create_target_group(Name="web", Protocol="HTTP", Port=80, VpcId=b, TargetType="instance")
    web = web["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(LoadBalancerArn=alb, Protocol="HTTP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": web}])
    to_alb = elbv2.create_target_group(Name="to-alb", Protocol="TCP", Port=80, VpcId=b, TargetType="alb")
    to_alb = to_alb["TargetGroups"][0]["TargetGroupArn"]
    elbv2.register_targets(TargetGroupArn=to_alb, Targets=[{"Id": alb, "Port": 80}])
    elbv2.create_listener(LoadBalancerArn=nlb, Protocol="TCP", Port=80,
                          DefaultActions=[{"Type": "forward", "TargetGroupArn": to_alb}])
    svc = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[nlb], AcceptanceRequired=False)
    svc = svc["ServiceConfiguration"]
    consumer = ec2.create_vpc_endpoint(VpcId=a, ServiceName=svc["ServiceName"], VpcEndpointType="Interface",
                                       SubnetIds=[a1])["VpcEndpoint"]["VpcEndpointId"]
    # transit gateway: both VPCs attached, a custom route table, static + blackhole routes
    tgw = ec2.create_transit_gateway(Description="hub", Options={"AmazonSideAsn": 64512},
                                     TagSpecifications=_tags("transit-gateway", "hub"))["TransitGateway"]
    tgw = tgw["TransitGatewayId"]
    att_a = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=a, SubnetIds=[a1, a2])
    att_a = att_a["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
    att_b = ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=tgw, VpcId=b, SubnetIds=[b1])
    att_b = att_b["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
    spokes = ec2.create_transit_gateway_route_table(TransitGatewayId=tgw,
                                                    TagSpecifications=_tags("transit-gateway-route-table", "spokes"))
    spokes = spokes["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    ec2.enable_transit_gateway_route_table_propagation(TransitGatewayRouteTableId=spokes,
                                                       TransitGatewayAttachmentId=att_b)
    ec2.create_transit_gateway_route(TransitGatewayRouteTableId=spokes, DestinationCidrBlock="10.99.0.0/16",
                                     Blackhole=True)
    ec2.create_route(RouteTableId=rt_priv, DestinationCidrBlock="10.50.0.0/16", TransitGatewayId=tgw)
    ids.update(a1=a1, a2=a2, apub=apub, b1=b1, igw=igw, nat=nat, rt_pub=rt_pub, rt_priv=rt_priv, pcx=pcx, xpcx=xpcx,
               far=far, eni=eni, s3=s3, sqs=sqs, alb=alb, nlb=nlb, svc=svc["ServiceId"], consumer=consumer, tgw=tgw,
               att_a=att_a, att_b=att_b, spokes=spokes)
    return ids


def aws_routes(vpc_ids):
    """(route table aws id, destination, target aws id) for every non-local route AWS returns."""
    ec2 = boto3.client("ec2", region_name=REGION)
    out = set()
    for table in ec2.describe_route_tables()["RouteTables"]:
        if table["VpcId"] not in vpc_ids:
            continue
        for r in table["Routes"]:
            if r.get("GatewayId") == "local":
                continue
            dest = r.get("DestinationCidrBlock") or r.get("DestinationPrefixListId")
            target = next(r[k] for k in ("GatewayId", "NatGatewayId", "VpcPeeringConnectionId", "TransitGatewayId",
                                         "NetworkInterfaceId", "InstanceId") if r.get(k))
            out.add((table["RouteTableId"], dest, target))
    return out


def imported_routes(topology):
    aws_of = {}
    for _, item in topology.iter_resources():
        aws_of[item.id] = item.aws_id or item.id
    out = set()
    for table in dataplane(topology).route_tables:
        for r in table.routes:
            if r.origin == "local":
                continue
            out.add((aws_of[table.id], r.destination, aws_of.get(r.target, r.target)))
    return out


@pytest.fixture(scope="module")
def _world():
    """One moto account for the module's read-only tests (moto is slow to start a region)."""
    with pytest.MonkeyPatch.context() as mp:
        for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                           "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION}.items():
            mp.setenv(key, value)
        mp.delenv("AWS_PROFILE", raising=False)
        with moto.mock_aws():
            yield build_topology()


@pytest.fixture
def mocked(_world, aws_env):
    return _world


def _load(result, tmp_path):
    out = tmp_path / "imported"
    write_tree(result.files, out, "Imported by vpcdocs (test)")
    loaded = load_specs(out)
    assert not loaded.errors, "\n".join(d.format() for d in loaded.errors)
    return out, loaded.topology


def test_live_import_round_trip(mocked, tmp_path):
    ids = mocked
    messages = []
    result = import_aws(regions=[REGION], progress=messages.append)
    assert any("DescribeRouteTables" in m for m in messages)
    out, topo = _load(result, tmp_path)
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.yaml")} >= {
        "vpcs/app-vpc.yaml", "vpcs/provider.yaml", "shared.yaml"}
    # the same routes AWS returned, derived gateway-endpoint rows included
    assert imported_routes(topo) >= aws_routes({ids["a"], ids["b"]})
    assert imported_routes(topo) - aws_routes({ids["a"], ids["b"]}) == set()
    vpc = topo.vpc("app-vpc")
    assert [str(c) for c in vpc.cidrs] == ["10.0.0.0/16", "10.2.0.0/16"]
    assert vpc.internet_gateway == "app-igw"
    assert topo.subnet("app-1a").route_table == "private"
    assert topo.route_table("app-vpc-main").main
    # gateway endpoint: route tables from its pl- routes, the pl id kept
    gw = topo.get("gateway-endpoint", "app-vpc-s3")
    assert gw.route_tables == ("private", "public") and gw.prefix_list_id.startswith("pl-")
    sqs = topo.get("interface-endpoint", "app-vpc-sqs")
    assert sqs.subnets == ("app-1a", "app-1b") and sqs.private_dns and sqs.service == "sqs"
    consumer = [e for e in topo.interface_endpoints if e.aws_id == ids["consumer"]][0]
    assert consumer.endpoint_service is not None
    svc = topo.get("endpoint-service", consumer.endpoint_service)
    assert svc.load_balancers == ("orders-nlb",) and svc.acceptance_required is False
    nlb = topo.get("load-balancer", "orders-nlb")
    assert nlb.type == "network"
    (tg,) = nlb.target_groups
    assert tg.target_type == "alb" and tg.targets == ("orders-alb",)
    assert nlb.listeners[0].target_group == tg.id
    # peerings: same-region inside the import, cross-region one external
    pcx = topo.get("peering", [p.id for p in topo.peerings if p.aws_id == ids["pcx"]][0])
    assert {pcx.requester, pcx.accepter} == {"app-vpc", "provider"}
    xpcx = [p for p in topo.peerings if p.aws_id == ids["xpcx"]][0]
    ext = topo.get("external-vpc", xpcx.accepter)
    assert [str(c) for c in ext.cidrs] == ["172.20.0.0/16"] and ext.region == "us-west-2"
    # transit gateway: attachments with subnets, association, propagation, blackhole route
    hub = topo.get("transit-gateway", "hub")
    assert hub.asn == 64512 and hub.description == "hub"
    atts = {a.vpc: a for a in topo.attachments_of_tgw("hub")}
    assert atts["app-vpc"].subnets == ("app-1a", "app-1b")
    spokes = topo.get("tgw-route-table", "spokes")
    assert spokes.propagations == (atts["provider"].id,)
    assert [(r.destination, r.blackhole) for r in spokes.routes] == [("10.99.0.0/16", True)]
    default = [t for t in topo.tgw_route_tables if t.id != "spokes"][0]
    assert set(default.associations) == {atts["app-vpc"].id, atts["provider"].id}  # moto: default association
    # the ENI route stays an AWS id; skipped things are reported
    assert ("192.168.0.0/16", ids["eni"]) in {(r.destination, r.target) for r in topo.route_table("private").routes}
    # security groups, referenced by spec id
    assert sqs.security_groups == ("endpoints",)
    group = topo.get("security-group", "endpoints")
    assert group.description == "endpoint ENIs"
    assert [(r.protocol, r.from_port, r.to_port, r.peer) for r in group.ingress] == [
        ("tcp", 443, 443, "10.0.0.0/16"), ("tcp", 8000, 8080, "endpoints")]
    # everything else this account holds has a place in the spec; what does not is said, truly
    reasons = {s.reason for s in result.skipped}
    assert reasons <= {
        "the endpoint does not implement this call",  # moto: DX gateways, TGW prefix-list references
        "not inside its subnet " + ids["apub"] + " (10.0.0.0/24): inconsistent input",  # moto's random NAT IP
        *(f"AWS-managed list com.amazonaws.{n} is not used by anything imported"
          for n in ("us-east-1.dynamodb", "us-east-1.vpc-lattice", "us-east-1.ipv6.vpc-lattice",
                    "global.cloudfront.origin-facing", "global.groundstation")),
        f"interface AWS manages for NAT gateway {ids['nat']} (written): vpcdocs derives such interfaces from their "
        "owner",
        *(f"interface AWS manages for interface endpoint {ids[k]} (written): vpcdocs derives such interfaces from "
          "their owner" for k in ("sqs", "consumer")),
    }, reasons
    # the S3 prefix list the gateway endpoint uses is written, with moto's (fake) entries (PL-3)
    (s3_list,) = topo.prefix_lists
    assert s3_list.prefix_list_name == f"com.amazonaws.{REGION}.s3" and s3_list.owner == "aws"
    assert s3_list.aws_id == gw.prefix_list_id and len(s3_list.entries) == 3


def test_vpc_filter_and_determinism(mocked, tmp_path):
    ids = mocked
    first = import_aws(regions=[REGION], vpc_ids=[ids["a"]])
    second = import_aws(regions=[REGION], vpc_ids=[ids["a"]])
    assert render_tree(first.files, "h") == render_tree(second.files, "h")
    assert set(first.files) == {"vpcs/app-vpc.yaml", "shared.yaml"}
    out, topo = _load(first, tmp_path)
    pcx = [p for p in topo.peerings if p.aws_id == ids["pcx"]][0]
    # the provider VPC is outside the import: it becomes an external peer with its CIDR
    assert topo.get("external-vpc", pcx.accepter).cidrs[0].compressed == "10.1.0.0/16"


def test_two_regions_make_the_cross_region_peering_internal(mocked, tmp_path):
    ids = mocked
    result = import_aws(regions=[REGION, "us-west-2", REGION])  # repeated region read once
    out, topo = _load(result, tmp_path)
    xpcx = [p for p in topo.peerings if p.aws_id == ids["xpcx"]][0]
    far = topo.vpc(xpcx.accepter)
    assert far.aws_id == ids["far"] and far.region == "us-west-2" and topo.external_vpcs == ()
    assert topo.vpc(xpcx.requester).region == REGION


def test_cli_aws_command(mocked, tmp_path):
    from click.testing import CliRunner

    from vpcdocs.cli import cli

    out = tmp_path / "imported"
    res = CliRunner().invoke(cli, ["import", "aws", "--region", REGION, "--vpc", mocked["b"], "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert f"[{REGION}] DescribeRouteTables: " in res.stderr  # progress on stderr
    assert "imported " in res.stderr and res.stdout == ""
    assert sorted(p.name for p in (out / "vpcs").iterdir()) == ["provider.yaml"]
    topo = load_specs(out).topology
    assert [v.id for v in topo.vpcs] == ["provider"] and topo.get("load-balancer", "orders-nlb")


def test_read_only_guard_refuses_writes(aws_env):
    with moto.mock_aws():
        client = make_client(boto3.Session(), "ec2", REGION)
        before = client.describe_vpcs()["Vpcs"]  # reads pass
        assert before
        with pytest.raises(ReadOnlyViolation, match="CreateVpc"):
            client.create_vpc(CidrBlock="10.9.0.0/16")
        with pytest.raises(ReadOnlyViolation, match="DeleteVpc"):
            client.delete_vpc(VpcId="vpc-12345678")
        assert boto3.client("ec2", region_name=REGION).describe_vpcs()["Vpcs"] == before  # nothing created
        sts = make_client(boto3.Session(), "sts", REGION)  # sts:AssumeRole is the one write allowed (--org)
        assert sts.assume_role(RoleArn="arn:aws:iam::111122223333:role/audit", RoleSessionName="vpcdocs")
        with pytest.raises(ReadOnlyViolation, match="AssumeRoleWithWebIdentity"):
            sts.assume_role_with_web_identity(RoleArn="arn:aws:iam::1:role/x", RoleSessionName="xx",
                                              WebIdentityToken="t" * 10)


# --------------------------------------------------------------------------- throttling


class _FakeEc2(BaseHTTPRequestHandler):
    """Answers EC2/ELBv2 query-protocol calls: throttles DescribeVpcs a few times, then succeeds."""

    throttles_left = 0
    calls: list = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        params = {k: v[0] for k, v in parse_qs(body).items()}
        action = params.get("Action", "")
        type(self).calls.append(action)
        if action == "DescribeVpcs" and type(self).throttles_left > 0:
            type(self).throttles_left -= 1
            payload = ("<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit "
                       "exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>")
            self._send(503, payload)
            return
        if action == "DescribeVpcs":
            payload = ('<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r'
                       "</requestId><vpcSet><item><vpcId>vpc-0123456789abcdef0</vpcId><ownerId>111122223333"
                       "</ownerId><cidrBlock>10.0.0.0/16</cidrBlock><state>available</state></item></vpcSet>"
                       "</DescribeVpcsResponse>")
        elif params.get("Version") == "2015-12-01":  # elbv2
            payload = f"<{action}Response><{action}Result></{action}Result></{action}Response>"
        else:
            payload = f'<{action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"></{action}Response>'
        self._send(200, payload)

    def _send(self, status, payload):
        data = payload.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def fake_ec2(aws_env):
    _FakeEc2.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeEc2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_botocore_retries_throttling_too(fake_ec2):
    _FakeEc2.throttles_left = 1
    client = make_client(boto3.Session(), "ec2", REGION, endpoint_url=fake_ec2)
    assert client.meta.config.retries["mode"] == "adaptive"
    assert client.describe_vpcs()["Vpcs"][0]["VpcId"] == "vpc-0123456789abcdef0"
    assert _FakeEc2.calls == ["DescribeVpcs", "DescribeVpcs"]


def test_throttling_is_retried(fake_ec2):
    _FakeEc2.throttles_left = 3
    slept = []
    # botocore's own retries off (max_attempts=1): vpcdocs' back-off must do the work
    result = import_aws(regions=[REGION], endpoint_url=fake_ec2, sleep=slept.append, max_attempts=1,
                        retry_mode="standard")  # standard: no client-side rate limiter sleeping
    assert len(slept) == 3 and all(0 < s <= 20 for s in slept)
    assert _FakeEc2.calls.count("DescribeVpcs") == 4  # three throttled answers, then success
    assert _FakeEc2.throttles_left == 0
    assert "vpcs/vpc-0123456789abcdef0.yaml" in result.files
    assert all(not a.startswith(("Create", "Delete", "Modify")) for a in _FakeEc2.calls)


def test_throttling_beyond_all_retries_fails_cleanly(fake_ec2):
    from vpcdocs.importers.model import ImportFailure

    _FakeEc2.throttles_left = 10_000
    with pytest.raises(ImportFailure) as info:
        import_aws(regions=[REGION], endpoint_url=fake_ec2, sleep=lambda s: None, max_attempts=1,
                   retry_mode="standard")
    assert _FakeEc2.calls.count("DescribeVpcs") == 7  # 1 + 6 own retries, then a clean failure
    assert "RequestLimitExceeded" in info.value.format()
    assert info.value.format().startswith("aws:us-east-1: error[I-AWS]")


def test_loads_through_loader_text(mocked):
    result = import_aws(regions=[REGION])
    texts = render_tree(result.files, "h")
    loaded = load_sources([(k, v.encode()) for k, v in texts.items()])
    assert loaded.ok
