"""Instances and network interfaces in specs: placement, addresses (inside the subnet, not
reserved, unique per VPC — SUB-1), security groups, and their use as route targets."""

from __future__ import annotations

import ipaddress

import pytest
from spec_helpers import SECURITY_TEXT, at, formatted, load, mutate, only


def test_instances_and_interfaces_load():
    result = load(SECURITY_TEXT, "specs/security.yaml")
    assert result.diagnostics == [], formatted(result)
    topo = result.topology
    web = topo.get("instance", "web-1")
    assert (web.vpc, web.subnet, web.security_groups, web.public_ip, web.state, web.ephemeral_ports) == (
        "vpc-pay", "pay-app-1a", ("sg-web",), "auto", "running", (32768, 60999))
    assert web.private_ips == (ipaddress.ip_address("10.0.1.10"), ipaddress.ip_address("10.0.1.11"))  # primary first
    assert web.ipv6_addresses == (ipaddress.ip_address("2600:1f18:abcd:1201::10"),)
    db = topo.get("instance", "db-1")
    assert (db.private_ips, db.state, db.security_groups) == ((ipaddress.ip_address("10.0.20.10"),), "running", ("sg-db",))
    bastion = topo.get("instance", "bastion")
    assert (bastion.state, bastion.public_ip) == ("stopped", "54.10.20.30")
    assert bastion.security_groups == ()  # the VPC's default group applies (SG-16)
    assert not topo.get("instance", "fw-1").source_dest_check
    eni = topo.get("network-interface", "eni-fw")
    assert (eni.instance, eni.interface_type, eni.source_dest_check, eni.state) == ("fw-1", "interface", False, "in-use")
    assert topo.get("network-interface", "eni-lambda").interface_type == "lambda"
    nat = topo.get("nat-gateway", "nat-pay")
    assert (nat.private_ip, nat.public_ip) == (ipaddress.ip_address("10.0.0.5"), "54.1.2.3")


DB_IP = "        private_ip: 10.0.20.10\n"


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "message", "hint"),
    [
        (DB_IP, "        private_ip: 10.0.21.10\n", "S-VALUE", "10.0.21.10",
         "10.0.21.10 is not inside subnet 'pay-data-1a' (10.0.20.0/24)", None),
        (DB_IP, "        private_ip: 10.0.20.0\n", "S-VALUE", "10.0.20.0\n",
         "10.0.20.0 is the network address of subnet 'pay-data-1a', one of the 5 addresses AWS reserves in every "
         "subnet (SUB-1)", None),
        (DB_IP, "        private_ip: 10.0.20.1\n", "S-VALUE", "10.0.20.1\n",
         "10.0.20.1 is the VPC router of subnet 'pay-data-1a', one of the 5 addresses AWS reserves in every subnet "
         "(SUB-1)", None),
        (DB_IP, "        private_ip: 10.0.20.2\n", "S-VALUE", "10.0.20.2\n",
         "10.0.20.2 is the Amazon DNS server of subnet 'pay-data-1a', one of the 5 addresses AWS reserves in every "
         "subnet (SUB-1)", None),
        (DB_IP, "        private_ip: 10.0.20.3\n", "S-VALUE", "10.0.20.3\n",
         "10.0.20.3 is reserved by AWS of subnet 'pay-data-1a', one of the 5 addresses AWS reserves in every subnet "
         "(SUB-1)", None),
        (DB_IP, "        private_ip: 10.0.20.255\n", "S-VALUE", "10.0.20.255",
         "10.0.20.255 is the broadcast address of subnet 'pay-data-1a', one of the 5 addresses AWS reserves in every "
         "subnet (SUB-1)", None),
        (DB_IP, "        private_ip: 10.0.20.10/32\n", "S-VALUE", "10.0.20.10/32", "'10.0.20.10/32' is not an IPv4 address",
         "write the address alone, without /32"),
        (DB_IP, "        private_ip: '2600:1f18::10'\n", "S-VALUE", "'2600:1f18::10'",
         "'2600:1f18::10' is an IPv6 address; IPv4 expected here", None),
        (DB_IP, DB_IP + "        ipv6_addresses: ['2600:1f18:abcd:1214::5']\n", "S-VALUE", "'2600:1f18:abcd:1214::5'",
         "2600:1f18:abcd:1214::5 is IPv6 but subnet 'pay-data-1a' has no IPv6 CIDR", None),
        ('ipv6_addresses: ["2600:1f18:abcd:1201::10"]', 'ipv6_addresses: ["2600:1f18:abcd:1299::10"]', "S-VALUE",
         '"2600:1f18:abcd:1299::10"', "2600:1f18:abcd:1299::10 is not inside subnet 'pay-app-1a' "
         "(2600:1f18:abcd:1201::/64)", None),
        ("        private_ip: 10.0.20.30\n", "        private_ip: 10.0.20.10\n", "S-DUP-ID", "10.0.20.10\n        "
         "interface_type", "10.0.20.10 is already used by instance 'db-1' in vpc-pay", None),
        ("        private_ip: 10.0.0.20\n", "        private_ip: 10.0.0.5\n", "S-DUP-ID", "10.0.0.5\n        public_ip: "
         "54.10", "10.0.0.5 is already used by NAT gateway 'nat-pay' in vpc-pay", None),
        ("public_ip: auto", "public_ip: automatic", "S-VALUE", "automatic", "'automatic' is not an IPv4 address",
         "did you mean 'auto'?"),
        ("ephemeral_ports: 32768-60999", "ephemeral_ports: 60999-32768", "S-VALUE", "60999-32768",
         "port range '60999-32768' is not low-high within 1..65535", None),
        ("ephemeral_ports: 32768-60999", "ephemeral_ports: 0-1023", "S-VALUE", "0-1023",
         "port range '0-1023' is not low-high within 1..65535", None),
        ("        subnet: pay-data-1a\n        private_ip: 10.0.20.10\n",
         "        subnet: pay-dta-1a\n        private_ip: 10.0.20.10\n", "S-REF", "pay-dta-1a",
         "unknown subnet 'pay-dta-1a' in vpc-pay", "did you mean 'pay-data-1a'?"),
        ("        security_groups: [sg-db]\n      fw-1", "        security_groups: [sg-bd]\n      fw-1", "S-REF",
         "sg-bd]", "unknown security group 'sg-bd' in vpc-pay", "did you mean 'sg-db'?"),
        ("        instance: fw-1\n", "        instance: fw-2\n", "S-REF", "fw-2", "unknown instance 'fw-2' in vpc-pay",
         "did you mean 'fw-1'?"),
        ("state: stopped", "state: stoped", "S-VALUE", "stoped", "'stoped' is not one of pending, running, "
         "shutting-down, terminated, stopping, stopped", "did you mean 'stopped'?"),
    ],
)
def test_workload_mistakes(old, new, code, needle, message, hint):
    text = mutate(SECURITY_TEXT, old, new)
    d = only(load(text), code)
    assert d.location == at(text, needle), d.format()
    assert d.message == message
    assert d.hint == hint


def test_a_duplicate_address_points_at_its_first_use():
    text = mutate(SECURITY_TEXT, "        private_ip: 10.0.20.30\n", "        private_ip: 10.0.20.10\n")
    d = only(load(text), "S-DUP-ID")
    assert d.related == (at(text, "10.0.20.10\n        security_groups: [sg-db]"),)


def test_an_address_listed_twice_on_one_instance():
    text = mutate(SECURITY_TEXT, "private_ips: [10.0.1.10, 10.0.1.11]", "private_ips: [10.0.1.10, 10.0.1.10]")
    assert only(load(text), "S-DUP-KEY").location == at(text, "10.0.1.10]")


def test_an_interface_attaches_to_an_instance_of_its_own_zone():
    text = mutate(SECURITY_TEXT, "      pay-tgw-1a:", "      pay-app-1b: {cidr: 10.0.2.0/24, az: us-east-1b}\n"
                  "      pay-tgw-1a:")
    text = mutate(text, "        subnet: pay-app-1a\n        private_ips: [10.0.1.51]\n",
                  "        subnet: pay-app-1b\n        private_ips: [10.0.2.51]\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "fw-1\n        source_dest_check")
    assert d.message == ("instance 'fw-1' is in us-east-1a but this interface's subnet 'pay-app-1b' is in us-east-1b; "
                         "an interface attaches to an instance of its own availability zone")


def test_groups_not_in_the_spec_are_kept_by_their_aws_id():
    text = mutate(SECURITY_TEXT, "        public_ip: 54.10.20.30\n",
                  "        public_ip: 54.10.20.30\n        security_groups: [sg-0123456789abcdef0]\n")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    assert result.topology.get("instance", "bastion").security_groups == ("sg-0123456789abcdef0",)


@pytest.mark.parametrize(("target", "kind", "resolved_to"), [
    ("fw-1", "instance", "fw-1"), ("i-0123456789abcdef0", "instance", "web-1"),
    ("eni-fw", "network-interface", "eni-fw"), ("eni-0fedcba9876543210", "network-interface", "eni-fw")])
def test_instances_and_interfaces_are_route_targets(target, kind, resolved_to):
    text = mutate(SECURITY_TEXT, "{destination: 10.70.0.0/16, target: fw-1,", f"{{destination: 10.70.0.0/16, "
                  f"target: {target},")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    route = next(r for r in result.topology.route_table("pay-app").routes if r.destination == "10.70.0.0/16")
    assert (route.target, route.target_kind, route.target_resolved) == (resolved_to, kind, True)


def test_instances_join_the_route_target_namespace():
    text = mutate(SECURITY_TEXT, "      bastion:\n", "      nat-pay:\n")
    d = only(load(text), "S-DUP-ID")
    assert d.message == "id 'nat-pay' is used by a nat-gateway and a instance; route targets share one namespace"
    assert d.location == at(text, "nat-pay:\n        subnet: pay-public-1a\n        private_ip: 10.0.0.20")
