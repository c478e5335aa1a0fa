"""Terraform import of what reachability needs beyond routes (issue 12): security groups and
their rule resources, network ACLs, instances and interfaces, managed prefix lists, IPv6 with
an egress-only gateway, VGW / VPN / customer and Direct Connect gateways, TGW prefix-list
references — a `terraform show -json` state built here."""

from __future__ import annotations

import json

import pytest
from importer_helpers import effective, load_result

from vpcdocs.importers.terraform import import_terraform

VPC = "vpc-0aaaaaaaaaaaaaaa1"


def _res(address, type_, values):
    return {"address": address, "mode": "managed", "type": type_, "name": address.split(".")[-1],
            "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0, "values": values}


def _state():
    sub = {"web": "subnet-0aaaaaaaaaaaaaaa1", "db": "subnet-0bbbbbbbbbbbbbbb2"}
    resources = [
        _res("aws_vpc.shop", "aws_vpc", {"id": VPC, "cidr_block": "10.20.0.0/16",
                                         "ipv6_cidr_block": "2600:1f18:abcd:1200::/56", "tags": {"Name": "shop"},
                                         "default_network_acl_id": "acl-0default0000000000",
                                         "main_route_table_id": "rtb-0main000000000000",
                                         "arn": f"arn:aws:ec2:eu-west-1:111122223333:vpc/{VPC}"}),
        _res("aws_subnet.web", "aws_subnet", {"id": sub["web"], "vpc_id": VPC, "cidr_block": "10.20.1.0/24",
                                              "ipv6_cidr_block": "2600:1f18:abcd:1201::/64",
                                              "availability_zone": "eu-west-1a", "map_public_ip_on_launch": True,
                                              "tags": {"Name": "web"}}),
        _res("aws_subnet.db", "aws_subnet", {"id": sub["db"], "vpc_id": VPC, "cidr_block": "10.20.2.0/24",
                                             "availability_zone": "eu-west-1b", "tags": {"Name": "db"}}),
        _res("aws_egress_only_internet_gateway.v6", "aws_egress_only_internet_gateway", {
            "id": "eigw-0aaaaaaaaaaaaaaa1", "vpc_id": VPC}),
        _res("aws_route_table.web", "aws_route_table", {"id": "rtb-0aaaaaaaaaaaaaaa1", "vpc_id": VPC,
                                                        "tags": {"Name": "web"}, "route": []}),
        _res("aws_route_table_association.web", "aws_route_table_association", {
            "subnet_id": sub["web"], "route_table_id": "rtb-0aaaaaaaaaaaaaaa1"}),
        _res("aws_route.v6", "aws_route", {"route_table_id": "rtb-0aaaaaaaaaaaaaaa1",
                                           "destination_ipv6_cidr_block": "::/0",
                                           "egress_only_gateway_id": "eigw-0aaaaaaaaaaaaaaa1"}),
        _res("aws_route.offices", "aws_route", {"route_table_id": "rtb-0aaaaaaaaaaaaaaa1",
                                                "destination_prefix_list_id": "pl-0aaaaaaaaaaaaaaa1",
                                                "gateway_id": "vgw-0aaaaaaaaaaaaaaa1"}),
        _res("aws_route.to_instance", "aws_route", {"route_table_id": "rtb-0aaaaaaaaaaaaaaa1",
                                                    "destination_cidr_block": "10.99.0.0/16",
                                                    "network_interface_id": "eni-0primary000000000"}),
        _res("aws_ec2_managed_prefix_list.offices", "aws_ec2_managed_prefix_list", {
            "id": "pl-0aaaaaaaaaaaaaaa1", "name": "offices", "address_family": "IPv4", "max_entries": 5,
            "owner_id": "111122223333", "entry": [{"cidr": "198.51.100.0/24", "description": "London"}]}),
        _res("aws_ec2_managed_prefix_list_entry.paris", "aws_ec2_managed_prefix_list_entry", {
            "prefix_list_id": "pl-0aaaaaaaaaaaaaaa1", "cidr": "203.0.113.0/24", "description": "Paris"}),
        _res("aws_default_security_group.default", "aws_default_security_group", {
            "id": "sg-0default0000000000", "vpc_id": VPC, "ingress": [], "egress": []}),
        _res("aws_security_group.web", "aws_security_group", {
            "id": "sg-0aaaaaaaaaaaaaaa1", "name": "web", "vpc_id": VPC, "description": "web tier",
            "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"],
                         "ipv6_cidr_blocks": ["::/0"], "prefix_list_ids": [], "security_groups": [], "self": False}],
            "egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]}),
        _res("aws_security_group.db", "aws_security_group", {"id": "sg-0bbbbbbbbbbbbbbb2", "name": "db",
                                                             "vpc_id": VPC, "ingress": [], "egress": []}),
        _res("aws_vpc_security_group_ingress_rule.db_from_web", "aws_vpc_security_group_ingress_rule", {
            "security_group_id": "sg-0bbbbbbbbbbbbbbb2", "ip_protocol": "tcp", "from_port": 5432, "to_port": 5432,
            "referenced_security_group_id": "sg-0aaaaaaaaaaaaaaa1"}),
        _res("aws_vpc_security_group_ingress_rule.db_from_partner", "aws_vpc_security_group_ingress_rule", {
            "security_group_id": "sg-0bbbbbbbbbbbbbbb2", "ip_protocol": "tcp", "from_port": 5432, "to_port": 5432,
            "referenced_security_group_id": "444455556666/sg-0ccccccccccccccc3"}),
        _res("aws_vpc_security_group_ingress_rule.web_offices", "aws_vpc_security_group_ingress_rule", {
            "security_group_id": "sg-0aaaaaaaaaaaaaaa1", "ip_protocol": "icmp", "from_port": 8, "to_port": -1,
            "prefix_list_id": "pl-0aaaaaaaaaaaaaaa1"}),
        _res("aws_network_acl.db", "aws_network_acl", {
            "id": "acl-0aaaaaaaaaaaaaaa1", "vpc_id": VPC, "subnet_ids": [sub["db"]], "tags": {"Name": "db"},
            "ingress": [{"rule_no": 100, "action": "allow", "protocol": "tcp", "from_port": 5432, "to_port": 5432,
                         "cidr_block": "10.20.1.0/24", "ipv6_cidr_block": "", "icmp_type": 0, "icmp_code": 0}],
            "egress": [{"rule_no": 100, "action": "allow", "protocol": "tcp", "from_port": 1024, "to_port": 65535,
                        "cidr_block": "10.20.1.0/24", "icmp_type": 0, "icmp_code": 0}]}),
        _res("aws_network_acl_rule.deny", "aws_network_acl_rule", {
            "network_acl_id": "acl-0aaaaaaaaaaaaaaa1", "rule_number": 90, "egress": False, "protocol": "-1",
            "rule_action": "deny", "cidr_block": "10.66.0.0/16"}),
        _res("aws_network_acl_rule.pmtu", "aws_network_acl_rule", {
            "network_acl_id": "acl-0aaaaaaaaaaaaaaa1", "rule_number": 110, "egress": False, "protocol": "1",
            "rule_action": "allow", "cidr_block": "0.0.0.0/0", "icmp_type": "3", "icmp_code": "4"}),
        _res("aws_default_network_acl.default", "aws_default_network_acl", {
            "id": "acl-0default0000000000", "default_network_acl_id": "acl-0default0000000000",
            "ingress": [{"rule_no": 100, "action": "allow", "protocol": "-1", "from_port": 0, "to_port": 0,
                         "cidr_block": "0.0.0.0/0"}],
            "egress": [{"rule_no": 100, "action": "allow", "protocol": "-1", "from_port": 0, "to_port": 0,
                        "cidr_block": "0.0.0.0/0"}]}),
        _res("aws_instance.web", "aws_instance", {
            "id": "i-0aaaaaaaaaaaaaaa1", "subnet_id": sub["web"], "private_ip": "10.20.1.10",
            "secondary_private_ips": ["10.20.1.12"], "ipv6_addresses": ["2600:1f18:abcd:1201::10"],
            "vpc_security_group_ids": ["sg-0aaaaaaaaaaaaaaa1"], "public_ip": "54.1.2.3", "instance_state": "running",
            "source_dest_check": False, "primary_network_interface_id": "eni-0primary000000000",
            "tags": {"Name": "web-1"}}),
        _res("aws_network_interface.db", "aws_network_interface", {
            "id": "eni-0aaaaaaaaaaaaaaa1", "subnet_id": sub["db"], "private_ips": ["10.20.2.5"],
            "security_groups": ["sg-0bbbbbbbbbbbbbbb2"], "tags": {"Name": "orders-db"}, "attachment": []}),
        _res("aws_network_interface.eth1", "aws_network_interface", {
            "id": "eni-0bbbbbbbbbbbbbbb2", "subnet_id": sub["web"], "private_ips": ["10.20.1.11"],
            "security_groups": [], "attachment": []}),
        _res("aws_network_interface_attachment.eth1", "aws_network_interface_attachment", {
            "instance_id": "i-0aaaaaaaaaaaaaaa1", "network_interface_id": "eni-0bbbbbbbbbbbbbbb2", "device_index": 1}),
        _res("aws_network_interface_sg_attachment.eth1", "aws_network_interface_sg_attachment", {
            "security_group_id": "sg-0aaaaaaaaaaaaaaa1", "network_interface_id": "eni-0bbbbbbbbbbbbbbb2"}),
        _res("aws_vpn_gateway.dc", "aws_vpn_gateway", {"id": "vgw-0aaaaaaaaaaaaaaa1", "amazon_side_asn": "64620",
                                                       "tags": {"Name": "dc-vgw"}}),
        _res("aws_vpn_gateway_attachment.dc", "aws_vpn_gateway_attachment", {
            "vpc_id": VPC, "vpn_gateway_id": "vgw-0aaaaaaaaaaaaaaa1"}),
        _res("aws_vpn_gateway_route_propagation.web", "aws_vpn_gateway_route_propagation", {
            "vpn_gateway_id": "vgw-0aaaaaaaaaaaaaaa1", "route_table_id": "rtb-0aaaaaaaaaaaaaaa1"}),
        _res("aws_customer_gateway.london", "aws_customer_gateway", {
            "id": "cgw-0aaaaaaaaaaaaaaa1", "ip_address": "198.51.100.7", "bgp_asn": "65010",
            "tags": {"Name": "london-dc"}}),
        _res("aws_vpn_connection.london", "aws_vpn_connection", {
            "id": "vpn-0aaaaaaaaaaaaaaa1", "vpn_gateway_id": "vgw-0aaaaaaaaaaaaaaa1",
            "customer_gateway_id": "cgw-0aaaaaaaaaaaaaaa1", "static_routes_only": True, "transit_gateway_id": ""}),
        _res("aws_vpn_connection_route.office", "aws_vpn_connection_route", {
            "vpn_connection_id": "vpn-0aaaaaaaaaaaaaaa1", "destination_cidr_block": "192.168.10.0/24"}),
        _res("aws_dx_gateway.corp", "aws_dx_gateway", {"id": "dxgw-0aaaaaaaaaaaa", "name": "corp-dx",
                                                       "amazon_side_asn": "64512",
                                                       "owner_account_id": "111122223333"}),
        _res("aws_dx_gateway_association.corp", "aws_dx_gateway_association", {
            "dx_gateway_id": "dxgw-0aaaaaaaaaaaa", "associated_gateway_id": "vgw-0aaaaaaaaaaaaaaa1",
            "allowed_prefixes": ["10.20.0.0/16"]}),
    ]
    return {"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {"resources": resources}}}


@pytest.fixture
def imported(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps(_state()))
    result = import_terraform(path)
    return load_result(result), result


def test_security_groups_and_rules(imported):
    topo, _ = imported
    web = topo.get("security-group", "web")
    assert [(r.protocol, r.from_port, r.peer) for r in web.ingress] == [
        ("tcp", 443, "0.0.0.0/0"), ("tcp", 443, "::/0"), ("icmp", 8, "offices")]
    db = topo.get("security-group", "db")
    assert [(r.peer, r.peer_account) for r in db.ingress] == [
        ("web", None), ("sg-0ccccccccccccccc3", "444455556666")]  # written 444455556666/sg-… (SG-12)
    assert topo.get("security-group", "shop-default").default


def test_network_acls(imported):
    topo, _ = imported
    acl = topo.get("network-acl", "db")
    assert topo.subnet("db").network_acl == "db" and topo.subnet("web").network_acl is None
    assert [(r.number, r.action, r.protocol) for r in acl.ingress] == [
        (90, "deny", "all"), (100, "allow", "tcp"), (110, "allow", "icmp")]
    assert (acl.ingress[2].icmp_type, acl.ingress[2].icmp_code) == (3, 4)
    assert [(r.number, r.from_port, r.to_port) for r in acl.egress] == [(100, 1024, 65535)]
    assert [a.aws_id for a in topo.network_acls if a.default] == ["acl-0default0000000000"]


def test_instances_interfaces_and_the_primary_route(imported):
    topo, result = imported
    web = topo.get("instance", "web-1")
    assert [str(a) for a in web.private_ips] == ["10.20.1.10", "10.20.1.12"]
    assert [str(a) for a in web.ipv6_addresses] == ["2600:1f18:abcd:1201::10"]
    assert web.public_ip == "54.1.2.3" and not web.source_dest_check and web.security_groups == ("web",)
    (eth1,) = [e for e in topo.network_interfaces if e.aws_id == "eni-0bbbbbbbbbbbbbbb2"]
    assert eth1.instance == "web-1" and eth1.security_groups == ("web",)
    assert topo.get("network-interface", "orders-db").security_groups == ("db",)
    # a route to the instance's primary interface targets the instance
    assert ("10.99.0.0/16", "web-1") in {(r.destination, r.target) for r in topo.route_table("web").routes}
    assert all(r.state is None for t in topo.route_tables for r in t.routes)  # Terraform keeps no route state


def test_ipv6_prefix_lists_vgw_vpn_and_dx(imported):
    topo, _ = imported
    vpc = topo.vpc("shop")
    assert vpc.egress_only_internet_gateway and vpc.vpn_gateway == "dc-vgw" and topo.subnet("web").map_public_ip
    table = topo.route_table("web")
    assert {(r.destination, r.target) for r in table.routes} >= {
        ("::/0", vpc.egress_only_internet_gateway), ("offices", "dc-vgw")}
    assert table.propagating_vgws == ("dc-vgw",)
    offices = topo.get("prefix-list", "offices")
    assert [str(c) for c in offices.entries] == ["198.51.100.0/24", "203.0.113.0/24"] and offices.max_entries == 5
    (vpn,) = topo.vpn_connections
    assert vpn.vpn_gateway == "dc-vgw" and vpn.static_routes_only and vpn.customer_gateway == "198.51.100.7"
    assert [str(c) for c in vpn.static_routes] == ["192.168.10.0/24"] and vpn.network == "london-dc"
    (dx,) = topo.direct_connect_gateways
    assert dx.id == "corp-dx" and dx.vpn_gateways == ("dc-vgw",) and [str(c) for c in dx.allowed_prefixes] == [
        "10.20.0.0/16"]
    rows = effective(topo)["rtb-0aaaaaaaaaaaaaaa1"]
    assert ("::/0", "eigw-0aaaaaaaaaaaaaaa1", "static", "active") in rows
