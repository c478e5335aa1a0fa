"""Live import (moto 5.2.5) of what reachability needs beyond routes (issue 12): security
groups rule by rule, network ACLs, instances and interfaces, managed prefix lists, IPv6 with an
egress-only gateway, a virtual private gateway with a VPN connection, a VPN on a transit gateway."""

from __future__ import annotations

import ipaddress

import pytest

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")

from importer_helpers import effective, load_result  # noqa: E402

from vpcdocs.importers.aws_api import import_aws  # noqa: E402

REGION = "eu-west-1"
OTHER_ACCOUNT = "444455556666"


@pytest.fixture
def aws_env(monkeypatch):
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)


def _name(kind, name):
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def build(ec2):
    """One dual-stack VPC with a web tier, a database ENI, NACLs and a VPN to a data centre."""
    ids = {}
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16", AmazonProvidedIpv6CidrBlock=True,
                         TagSpecifications=_name("vpc", "shop"))["Vpc"]
    ids["vpc"] = vpc["VpcId"]
    v6 = ec2.describe_vpcs(VpcIds=[ids["vpc"]])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
    ids["v6"] = v6
    web_v6 = v6.replace("00::/56", "01::/64") if v6.endswith("00::/56") else v6.split("/")[0] + "/64"
    web = ec2.create_subnet(VpcId=ids["vpc"], CidrBlock="10.20.1.0/24", Ipv6CidrBlock=web_v6,
                            AvailabilityZone=f"{REGION}a", TagSpecifications=_name("subnet", "web"))["Subnet"]
    ids["web"], ids["web_v6"] = web["SubnetId"], web_v6
    ids["db"] = ec2.create_subnet(VpcId=ids["vpc"], CidrBlock="10.20.2.0/24", AvailabilityZone=f"{REGION}b",
                                  TagSpecifications=_name("subnet", "db"))["Subnet"]["SubnetId"]
    ids["eigw"] = ec2.create_egress_only_internet_gateway(VpcId=ids["vpc"])[
        "EgressOnlyInternetGateway"]["EgressOnlyInternetGatewayId"]
    rt = ec2.create_route_table(VpcId=ids["vpc"], TagSpecifications=_name("route-table", "web"))
    ids["rt"] = rt["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=ids["rt"], SubnetId=ids["web"])
    ec2.create_route(RouteTableId=ids["rt"], DestinationIpv6CidrBlock="::/0",
                     EgressOnlyInternetGatewayId=ids["eigw"])
    # a customer-managed prefix list of office ranges, used in a route and a rule
    pl = ec2.create_managed_prefix_list(PrefixListName="offices", AddressFamily="IPv4", MaxEntries=5, Entries=[
        {"Cidr": "198.51.100.0/24", "Description": "London"}, {"Cidr": "203.0.113.0/24", "Description": "Paris"}])
    ids["pl"] = pl["PrefixList"]["PrefixListId"]
    # security groups: one rule per peer, ICMP type/code, a protocol number, another account's group
    web_sg = ec2.create_security_group(VpcId=ids["vpc"], GroupName="web", Description="web tier")["GroupId"]
    db_sg = ec2.create_security_group(VpcId=ids["vpc"], GroupName="db", Description="database")["GroupId"]
    ids.update(web_sg=web_sg, db_sg=db_sg)
    ec2.authorize_security_group_ingress(GroupId=web_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "0.0.0.0/0"}, {"CidrIp": "10.0.0.0/8", "Description": "corp"}],
         "Ipv6Ranges": [{"CidrIpv6": "::/0"}], "PrefixListIds": [{"PrefixListId": ids["pl"]}]},
        {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
        {"IpProtocol": "50", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "192.0.2.0/24"}]}])
    ec2.authorize_security_group_ingress(GroupId=db_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
         "UserIdGroupPairs": [{"GroupId": web_sg}]}])
    # network ACL on the database subnet: numbered rules, a deny, ICMP type/code, IPv6
    acl = ec2.create_network_acl(VpcId=ids["vpc"], TagSpecifications=_name("network-acl", "db"))["NetworkAcl"]
    ids["acl"] = acl["NetworkAclId"]
    for number, egress, proto, action, cidr, extra in (
            (100, False, "6", "allow", "10.20.1.0/24", {"PortRange": {"From": 5432, "To": 5432}}),
            (110, False, "-1", "deny", "10.66.0.0/16", {}),
            (120, False, "1", "allow", "0.0.0.0/0", {"IcmpTypeCode": {"Type": 3, "Code": 4}}),
            (100, True, "6", "allow", "10.20.1.0/24", {"PortRange": {"From": 1024, "To": 65535}})):
        ec2.create_network_acl_entry(NetworkAclId=ids["acl"], RuleNumber=number, Egress=egress, Protocol=proto,
                                     RuleAction=action, CidrBlock=cidr, **extra)
    default_assoc = [a for a in ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [ids["vpc"]]},
                                                                   {"Name": "default", "Values": ["true"]}])
                     ["NetworkAcls"][0]["Associations"] if a["SubnetId"] == ids["db"]][0]
    ec2.replace_network_acl_association(AssociationId=default_assoc["NetworkAclAssociationId"],
                                        NetworkAclId=ids["acl"])
    # workloads: an instance with a public IP and a second interface; a database interface
    inst = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, SubnetId=ids["web"],
                             PrivateIpAddress="10.20.1.10", SecurityGroupIds=[web_sg],
                             TagSpecifications=_name("instance", "web-1"))["Instances"][0]
    ids["instance"] = inst["InstanceId"]
    eth1 = ec2.create_network_interface(SubnetId=ids["web"], PrivateIpAddress="10.20.1.11", Groups=[web_sg],
                                        Description="web-1 eth1")["NetworkInterface"]["NetworkInterfaceId"]
    ec2.attach_network_interface(NetworkInterfaceId=eth1, InstanceId=ids["instance"], DeviceIndex=1)
    ids["eth1"] = eth1
    ids["db_eni"] = ec2.create_network_interface(
        SubnetId=ids["db"], PrivateIpAddress="10.20.2.5", Groups=[db_sg],
        TagSpecifications=_name("network-interface", "orders-db"))["NetworkInterface"]["NetworkInterfaceId"]
    ec2.create_route(RouteTableId=ids["rt"], DestinationCidrBlock="10.99.0.0/16", InstanceId=ids["instance"])
    # VPN: VGW attached, customer gateway (moto has no VPN static routes and no route propagation)
    ids["vgw"] = ec2.create_vpn_gateway(Type="ipsec.1", AmazonSideAsn=64620,
                                        TagSpecifications=_name("vpn-gateway", "dc-vgw"))["VpnGateway"]["VpnGatewayId"]
    ec2.attach_vpn_gateway(VpcId=ids["vpc"], VpnGatewayId=ids["vgw"])
    ids["cgw"] = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="198.51.100.7", BgpAsn=65010,
                                             TagSpecifications=_name("customer-gateway", "london-dc"))[
        "CustomerGateway"]["CustomerGatewayId"]
    vpn = ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=ids["cgw"], VpnGatewayId=ids["vgw"],
                                    Options={"StaticRoutesOnly": True})["VpnConnection"]["VpnConnectionId"]
    ids["vpn"] = vpn
    ec2.create_route(RouteTableId=ids["rt"], DestinationPrefixListId=ids["pl"], GatewayId=ids["vgw"])
    return ids


@pytest.fixture(scope="module")
def world():
    """Built and imported once for the module (moto is slow to start a region)."""
    with pytest.MonkeyPatch.context() as mp:
        for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                           "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": REGION}.items():
            mp.setenv(key, value)
        mp.delenv("AWS_PROFILE", raising=False)
        with moto.mock_aws():
            ids = build(boto3.client("ec2", region_name=REGION))
            result = import_aws(regions=[REGION], vpc_ids=[ids["vpc"]])
    return ids, result


@pytest.fixture
def shop(world):
    return world[0]


@pytest.fixture
def topo_and_result(world):
    return load_result(world[1]), world[1]


def test_security_groups_one_rule_per_peer(shop, topo_and_result):
    topo, _ = topo_and_result
    web = topo.get("security-group", "web")
    rules = [(r.protocol, r.from_port, r.to_port, r.peer, r.description) for r in web.ingress]
    assert ("tcp", 443, 443, "0.0.0.0/0", None) in rules
    assert ("tcp", 443, 443, "10.0.0.0/8", "corp") in rules
    assert ("tcp", 443, 443, "::/0", None) in rules
    assert ("tcp", 443, 443, "offices", None) in rules  # the prefix list, by spec id (PL-6)
    assert ("icmp", 8, None, "10.0.0.0/8", None) in rules  # echo request, any code (SG-8)
    assert ("50", None, None, "192.0.2.0/24", None) in rules  # ESP by number (SG-7)
    db = topo.get("security-group", "db")
    assert [(r.protocol, r.from_port, r.peer) for r in db.ingress] == [("tcp", 5432, "web")]
    default = [g for g in topo.security_groups if g.default]
    assert len(default) == 1 and default[0].vpc == "shop"


def test_network_acls_entries_and_associations(shop, topo_and_result):
    topo, _ = topo_and_result
    acl = topo.get("network-acl", "db")
    assert not acl.default and topo.subnet("db").network_acl == "db"
    assert [(r.number, r.action, r.protocol, r.from_port, r.to_port, str(r.network)) for r in acl.ingress] == [
        (100, "allow", "tcp", 5432, 5432, "10.20.1.0/24"), (110, "deny", "all", None, None, "10.66.0.0/16"),
        (120, "allow", "icmp", None, None, "0.0.0.0/0")]
    # (moto drops IcmpTypeCode; ICMP type/code of NACL entries: test_nacl_icmp_and_ipv6_entries)
    assert [(r.number, r.from_port, r.to_port) for r in acl.egress] == [(100, 1024, 65535)]
    (default,) = [a for a in topo.network_acls if a.default]
    assert topo.subnet("web").network_acl is None  # on the default NACL (NACL-5)
    assert {str(r.network) for r in default.ingress} >= {"0.0.0.0/0"}  # AWS's allow-all rules, as listed


def test_instances_and_interfaces(shop, topo_and_result):
    topo, result = topo_and_result
    web1 = topo.get("instance", "web-1")
    assert web1.subnet == "web" and [str(a) for a in web1.private_ips] == ["10.20.1.10"]
    assert web1.security_groups == ("web",) and web1.state == "running" and web1.aws_id == shop["instance"]
    eth1 = [e for e in topo.network_interfaces if e.aws_id == shop["eth1"]][0]
    assert eth1.instance == "web-1" and eth1.description == "web-1 eth1" and eth1.security_groups == ("web",)
    db = topo.get("network-interface", "orders-db")
    assert [str(a) for a in db.private_ips] == ["10.20.2.5"] and db.security_groups == ("db",)
    # the route to the instance names it; its primary interface is the instance (not written twice)
    assert ("10.99.0.0/16", "web-1") in {(r.destination, r.target) for r in topo.route_table("web").routes}
    primary = [s for s in result.skipped if s.kind == "network-interface" and shop["instance"] in s.reason]
    assert len(primary) == 1 and "primary interface of instance" in primary[0].reason


def test_ipv6_egress_only_gateway(shop, topo_and_result):
    topo, _ = topo_and_result
    vpc = topo.vpc("shop")
    assert vpc.ipv6_cidrs == (ipaddress.ip_network(shop["v6"]),)
    assert topo.subnet("web").ipv6_cidr == ipaddress.ip_network(shop["web_v6"])
    eigw = topo.get("egress-only-internet-gateway", vpc.egress_only_internet_gateway)
    assert eigw.aws_id == shop["eigw"]
    assert ("::/0", vpc.egress_only_internet_gateway) in {(r.destination, r.target)
                                                          for r in topo.route_table("web").routes}


def test_prefix_list_vgw_and_vpn(shop, topo_and_result):
    topo, _ = topo_and_result
    offices = topo.get("prefix-list", "offices")
    assert offices.owner == "customer" and offices.max_entries == 5
    assert [str(c) for c in offices.entries] == ["198.51.100.0/24", "203.0.113.0/24"]
    table = topo.route_table("web")
    assert ("offices", "dc-vgw") in {(r.destination, r.target) for r in table.routes}
    vgw = topo.get("vpn-gateway", "dc-vgw")
    assert vgw.asn == 64620 and topo.vpc("shop").vpn_gateway == "dc-vgw"
    (vpn,) = topo.vpn_connections
    assert vpn.vpn_gateway == "dc-vgw"  # (moto drops Options.StaticRoutesOnly)
    assert vpn.customer_gateway == "198.51.100.7"
    # moto has no create_vpn_connection_route and propagates nothing: no prefixes, so no network
    # behind it is invented (the static-route case is in test_vpn_static_routes_and_network)
    assert vpn.static_routes == () and vpn.network is None
    rows = effective(topo)[topo.route_table("web").aws_id]
    assert ("offices", shop["vgw"], "static", "active") in rows


def test_cross_account_group_reference_keeps_its_account():
    """SG-12: ``UserIdGroupPairs`` naming another account's group → ``account/sg-…`` (moto refuses
    to create such a rule, so this is describe output as AWS returns it)."""
    from vpcdocs.importers.describe import translate
    from vpcdocs.importers.model import AwsSnapshot

    snap = AwsSnapshot(region=REGION, account="111122223333", data={
        "Vpcs": [{"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}],
        "SecurityGroups": [{
            "GroupId": "sg-0aaaaaaaaaaaaaaa1", "GroupName": "db", "VpcId": "vpc-0aaaaaaaaaaaaaaa1",
            "OwnerId": "111122223333", "IpPermissions": [{
                "IpProtocol": "6", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [
                    {"GroupId": "sg-0bbbbbbbbbbbbbbb2", "UserId": OTHER_ACCOUNT, "VpcPeeringConnectionId": "pcx-1",
                     "PeeringStatus": "active"},
                    {"GroupId": "sg-0ccccccccccccccc3", "UserId": "111122223333"}]}],
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})
    result = translate([snap])
    group = result.files["vpcs/vpc-0aaaaaaaaaaaaaaa1.yaml"]["vpcs"]["vpc-0aaaaaaaaaaaaaaa1"]["security_groups"]["db"]
    assert group["ingress"] == [
        {"protocol": "tcp", "port": 5432, "source": f"{OTHER_ACCOUNT}/sg-0bbbbbbbbbbbbbbb2"},
        {"protocol": "tcp", "port": 5432, "source": "sg-0ccccccccccccccc3"}]  # same account, not imported: its id
    assert group["egress"] == [{"protocol": "all", "destination": "0.0.0.0/0"}]
    rule = load_result(result).get("security-group", "db").ingress[0]
    assert rule.peer_account == OTHER_ACCOUNT


def test_vpn_static_routes_and_network():
    """describe-vpn-connections ``Routes`` (CreateVpnConnectionRoute) are the static routes; the
    external network behind the customer gateway holds them (VGW-11)."""
    from vpcdocs.importers.describe import translate
    from vpcdocs.importers.model import AwsSnapshot

    vpc = "vpc-0aaaaaaaaaaaaaaa1"
    snap = AwsSnapshot(region=REGION, data={
        "Vpcs": [{"VpcId": vpc, "CidrBlock": "10.0.0.0/16"}],
        "VpnGateways": [{"VpnGatewayId": "vgw-0aaaaaaaaaaaaaaa1", "State": "available", "AmazonSideAsn": 64512,
                         "VpcAttachments": [{"VpcId": vpc, "State": "attached"}]}],
        "CustomerGateways": [{"CustomerGatewayId": "cgw-0aaaaaaaaaaaaaaa1", "IpAddress": "198.51.100.7",
                              "BgpAsn": "65010", "Tags": [{"Key": "Name", "Value": "london-dc"}]}],
        "VpnConnections": [{"VpnConnectionId": "vpn-0aaaaaaaaaaaaaaa1", "State": "available",
                            "VpnGatewayId": "vgw-0aaaaaaaaaaaaaaa1", "CustomerGatewayId": "cgw-0aaaaaaaaaaaaaaa1",
                            "Options": {"StaticRoutesOnly": True},
                            "Routes": [{"DestinationCidrBlock": "192.168.10.0/24", "Source": "Static",
                                        "State": "available"},
                                       {"DestinationCidrBlock": "192.168.20.0/24", "Source": "Static",
                                        "State": "deleted"}]}]})
    result = translate([snap])
    (conn,) = result.files["shared.yaml"]["vpn_connections"].values()
    assert conn == {"aws_id": "vpn-0aaaaaaaaaaaaaaa1", "vpn_gateway": "vpc-0aaaaaaaaaaaaaaa1-vgw",
                    "customer_gateway": "198.51.100.7", "network": "london-dc", "static_routes_only": True,
                    "static_routes": ["192.168.10.0/24"]}
    assert result.files["shared.yaml"]["external_networks"] == {"london-dc": {"cidrs": ["192.168.10.0/24"]}}
    topo = load_result(result)
    assert [str(c) for c in topo.get("external-network", "london-dc").cidrs] == ["192.168.10.0/24"]


def test_vpn_attachment_on_a_transit_gateway(aws_env):
    with moto.mock_aws():
        ec2 = boto3.client("ec2", region_name=REGION)
        vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
        tgw = ec2.create_transit_gateway(TagSpecifications=_name("transit-gateway", "hub"))["TransitGateway"]
        cgw = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="203.0.113.9", BgpAsn=65020)[
            "CustomerGateway"]["CustomerGatewayId"]
        vpn = ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=cgw,
                                        TransitGatewayId=tgw["TransitGatewayId"])["VpnConnection"]
        result = import_aws(regions=[REGION], vpc_ids=[vpc])
        assert "CustomerGatewayConfiguration" in ec2.describe_vpn_connections()["VpnConnections"][0]
        from vpcdocs.importers.aws_fetch import fetch_region

        snap = fetch_region(boto3.Session(), REGION, lambda _m: None, [])
    # the tunnels' pre-shared keys are in that field: never kept in memory, state files or specs
    assert snap.data["VpnConnections"] and all("CustomerGatewayConfiguration" not in v
                                               for v in snap.data["VpnConnections"])
    shared = result.files["shared.yaml"]
    (conn_id, conn), = shared["vpn_connections"].items()
    assert conn["transit_gateway"] == "hub" and conn["aws_id"] == vpn["VpnConnectionId"]
    atts = shared["transit_gateways"]["hub"].get("attachments") or {}
    vpn_atts = [a for a in atts.values() if a.get("type") == "vpn"]
    assert all(a["vpn_connection"] == conn_id for a in vpn_atts)
    load_result(result)
