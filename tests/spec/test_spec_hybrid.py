"""IPv6 and egress-only gateways (V6-*), virtual private gateways, VPN and Direct Connect
(VGW-*), external networks, AWS-reported route state (RS-*), transit gateway additions and
expectation protocols in specs."""

from __future__ import annotations

import ipaddress

import pytest
from spec_helpers import BASE, SECURITY_TEXT, at, codes, formatted, load, mutate, only

# --------------------------------------------------------------------------- IPv6


def test_ipv6_parts_load():
    topo = load(SECURITY_TEXT).topology
    vpc = topo.vpc("vpc-pay")
    assert vpc.ipv6_cidrs == (ipaddress.ip_network("2600:1f18:abcd:1200::/56"),)
    assert (vpc.egress_only_internet_gateway, vpc.vpn_gateway, vpc.internet_gateway) == ("eigw-pay", "vgw-pay", "igw-pay")
    eigw = topo.get("egress-only-internet-gateway", "eigw-pay")
    assert (eigw.vpc, eigw.aws_id, eigw.state) == ("vpc-pay", "eigw-0123456789abcdef0", "attached")
    routes = {r.destination: r for r in topo.route_table("pay-app").routes}
    assert (routes["::/0"].target, routes["::/0"].target_kind, routes["::/0"].destination_type) == (
        "eigw-pay", "egress-only-internet-gateway", "ipv6-cidr")
    assert routes["64:ff9b::/96"].target_kind == "nat-gateway"  # NAT64 (V6-5)
    assert topo.subnet("pay-public-1a").map_public_ip


def test_several_ipv6_cidrs():
    text = mutate(SECURITY_TEXT, 'ipv6_cidrs: ["2600:1f18:abcd:1200::/56"]',
                  'ipv6_cidrs: ["2600:1f18:abcd:1200::/56", "2600:1f18:abcd:3400::/56"]')
    assert len(load(text).topology.vpc("vpc-pay").ipv6_cidrs) == 2
    text = mutate(BASE, "    cidr: 10.0.0.0/16\n", "    cidr: 10.0.0.0/16\n    ipv6_cidr: 2600:1f18:abcd:1200::/56\n")
    assert load(text).topology.vpc("vpc-a").ipv6_cidrs == (ipaddress.ip_network("2600:1f18:abcd:1200::/56"),)


APP_DEFAULT = "{destination: 0.0.0.0/0, target: nat-pay}"
APP_V6_DEFAULT = '{destination: "::/0", target: eigw-pay}'
NEXT_IS_NAT64 = 'nat-pay}\n          - {destination: "64:ff9b::/96"'  # the target of the route before the NAT64 one


@pytest.mark.parametrize(
    ("old", "new", "needle", "message", "hint"),
    [
        (APP_V6_DEFAULT, '{destination: "::/0", target: nat-pay}', NEXT_IS_NAT64,
         "a NAT gateway does not route IPv6, except NAT64 to 64:ff9b::/96 (V6-5)",
         "send IPv6 internet traffic to an egress-only internet gateway (outbound only) or an internet gateway"),
        (APP_V6_DEFAULT, '{destination: "64:ff9b::/95", target: nat-pay}', NEXT_IS_NAT64,
         "a NAT gateway does not route IPv6, except NAT64 to 64:ff9b::/96 (V6-5)",
         "send IPv6 internet traffic to an egress-only internet gateway (outbound only) or an internet gateway"),
        ("{destination: corp-ranges-v6, target: tgw-hub}", "{destination: corp-ranges-v6, target: nat-pay}",
         "nat-pay}\n          - {destination: 10.70", "a NAT gateway does not route IPv6, except NAT64 to "
         "64:ff9b::/96 (V6-5)", "send IPv6 internet traffic to an egress-only internet gateway (outbound only) or an "
         "internet gateway"),
        (APP_DEFAULT, "{destination: 0.0.0.0/0, target: eigw-pay}", "eigw-pay}\n          - {destination: \"::/0\"",
         "an egress-only internet gateway carries IPv6 only (V6-4)",
         "send IPv4 internet traffic to a NAT gateway or an internet gateway"),
        ("{destination: corp-ranges, target: tgw-hub}", "{destination: corp-ranges, target: eigw-0123456789abcdef0}",
         "eigw-0123456789abcdef0}\n          - {destination: corp-ranges-v6", "an egress-only internet gateway carries IPv6 only (V6-4)",
         "send IPv4 internet traffic to a NAT gateway or an internet gateway"),
    ],
)
def test_route_targets_carry_the_destinations_address_family(old, new, needle, message, hint):
    text = mutate(SECURITY_TEXT, old, new)
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, needle), d.format()
    assert (d.message, d.hint) == (message, hint)


def test_ipv6_cidr_and_ipv6_cidrs_together():
    text = mutate(SECURITY_TEXT, '    ipv6_cidrs: ["2600:1f18:abcd:1200::/56"]\n',
                  '    ipv6_cidrs: ["2600:1f18:abcd:1200::/56"]\n    ipv6_cidr: "2600:1f18:abcd:3400::/56"\n')
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "ipv6_cidr: \"2600")
    assert d.message == "write 'ipv6_cidr' or 'ipv6_cidrs' in a VPC, not both"


# --------------------------------------------------------------------------- route state (RS-*)


def test_route_state_reported_by_aws_is_kept():
    routes = {r.destination: r for r in load(SECURITY_TEXT).topology.route_table("pay-app").routes}
    gone_eni = routes["10.9.0.0/16"]
    assert (gone_eni.state, gone_eni.state_reason, gone_eni.target_kind, gone_eni.target_resolved) == (
        "blackhole", "network interface deleted", "network-interface", False)
    # a blackhole route may name a target that no longer exists (RS-3)
    gone = routes["10.8.0.0/16"]
    assert (gone.target, gone.state, gone.target_kind, gone.target_resolved) == ("retired-nat", "blackhole", "unknown",
                                                                                 False)
    assert routes["0.0.0.0/0"].state is None  # not reported: derived from the target (RS-6)


def test_an_active_route_must_name_an_existing_target():
    text = mutate(SECURITY_TEXT, "target: retired-nat, state: blackhole}", "target: retired-nat, state: active}")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "retired-nat")
    assert d.message == "unknown route target 'retired-nat'"


@pytest.mark.parametrize(("written", "stored"), [("Blackhole", "blackhole"), ("ACTIVE", "active")])
def test_route_state_is_read_in_any_letter_case(written, stored):
    text = mutate(SECURITY_TEXT, "target: eni-0abc12345678def01, state: blackhole,",
                  f"target: eni-0abc12345678def01, state: {written},")
    route = next(r for r in load(text).topology.route_table("pay-app").routes if r.destination == "10.9.0.0/16")
    assert route.state == stored


def test_unknown_route_state():
    text = mutate(SECURITY_TEXT, "state: blackhole,\n", "state: filtered,\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "filtered")
    assert d.message == "'filtered' is not one of active, blackhole"


# --------------------------------------------------------------------------- VGW, VPN, Direct Connect


def test_hybrid_connectivity_loads():
    topo = load(SECURITY_TEXT).topology
    vgw = topo.get("vpn-gateway", "vgw-pay")
    assert (vgw.vpc, vgw.asn, vgw.aws_id, vgw.region, vgw.account, vgw.state) == (
        "vpc-pay", 64512, "vgw-81fd279f", "us-east-1", "111122223333", "attached")
    assert topo.route_table("pay-app").propagating_vgws == ("vgw-pay",)
    dc1 = topo.get("vpn-connection", "vpn-dc1")
    assert (dc1.vpn_gateway, dc1.transit_gateway, dc1.network, dc1.customer_gateway, dc1.static_routes_only) == (
        "vgw-pay", None, "corp-dc", "203.0.113.10", True)
    assert dc1.static_routes == (ipaddress.ip_network("192.168.10.0/24"),)
    branch = topo.get("vpn-connection", "vpn-branch")
    assert (branch.transit_gateway, branch.bgp_routes, branch.region) == (
        "tgw-hub", (ipaddress.ip_network("10.60.0.0/16"),), "us-east-1")
    dx = topo.get("direct-connect-gateway", "dxgw-1")
    assert (dx.vpn_gateways, dx.network, dx.account) == (("vgw-pay",), "corp-dc", "111122223333")
    assert dx.allowed_prefixes == (ipaddress.ip_network("10.0.0.0/16"),)
    corp = topo.get("external-network", "corp-dc")
    assert (corp.description, corp.cidrs) == ("London data centre", (ipaddress.ip_network("192.168.0.0/16"),
                                                                     ipaddress.ip_network("10.50.0.0/16")))


VPN_DC1 = "    vpn_gateway: vgw-pay\n    network: corp-dc\n"


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "message", "hint"),
    [
        (VPN_DC1, "    vpn_gateway: vgw-pay\n    transit_gateway: tgw-hub\n    network: corp-dc\n", "S-VALUE",
         "transit_gateway: tgw-hub\n    network: corp-dc", "write 'vpn_gateway' or 'transit_gateway' in a VPN "
         "connection, not both", None),
        (VPN_DC1, "    network: corp-dc\n", "S-REQUIRED", "network: corp-dc\n    customer_gateway: 203",
         "VPN connection needs 'vpn_gateway' or 'transit_gateway'", None),
        (VPN_DC1, "    vpn_gateway: vgw-py\n    network: corp-dc\n", "S-REF", "vgw-py",
         "unknown virtual private gateway 'vgw-py'", "did you mean 'vgw-pay'?"),
        (VPN_DC1, "    vpn_gateway: vgw-pay\n    network: corp-cd\n", "S-REF", "corp-cd",
         "unknown external network 'corp-cd'", "did you mean 'corp-dc'?"),
        ("    bgp_routes: [10.60.0.0/16]\n", "    bgp_routes: [10.60.0.0/16]\n    static_routes: [10.61.0.0/16]\n",
         "S-VALUE", "[10.61.0.0/16]", "static_routes apply to a VPN connection on a virtual private gateway; on a "
         "transit gateway write them as routes of its route tables (VGW-9)", None),
        ("    static_routes: [192.168.10.0/24]\n", "    static_routes: [192.168.10.0/24]\n    bgp_routes: "
         "[192.168.0.0/16]\n", "S-VALUE", "[192.168.0.0/16]\n  vpn-branch", "a static-routes-only VPN connection learns "
         "no BGP routes", "drop bgp_routes, or set static_routes_only: false"),
        ("    vpn_gateways: [vgw-pay]\n", "    vpn_gateways: [vgw-pya]\n", "S-REF", "vgw-pya",
         "unknown virtual private gateway 'vgw-pya'", "did you mean 'vgw-pay'?"),
        ("    cidrs: [10.60.0.0/16]\n", "    cidrs: []\n", "S-VALUE", "[]", "needs at least 1 item", None),
        ("        propagating_vgws: [vgw-pay]\n", "        propagating_vgws: [vgw-office]\n", "S-REF", "vgw-office",
         "unknown virtual private gateway 'vgw-office' in vpc-pay", None),
    ],
)
def test_hybrid_mistakes(old, new, code, needle, message, hint):
    text = mutate(SECURITY_TEXT, old, new)
    d = only(load(text), code)
    assert d.location == at(text, needle), d.format()
    assert d.message == message
    assert d.hint == hint


def test_a_vpn_gateway_by_its_aws_id():
    text = mutate(SECURITY_TEXT, VPN_DC1, "    vpn_gateway: vgw-81fd279f\n    network: corp-dc\n")
    text = mutate(text, "propagating_vgws: [vgw-pay]", "propagating_vgws: [vgw-81fd279f, vgw-0123456789abcdef0]")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    assert result.topology.get("vpn-connection", "vpn-dc1").vpn_gateway == "vgw-pay"
    # a VGW the spec does not declare is kept by its AWS id
    assert result.topology.route_table("pay-app").propagating_vgws == ("vgw-pay", "vgw-0123456789abcdef0")


def test_a_vpn_gateway_attaches_to_one_vpc():
    text = mutate(SECURITY_TEXT, "\ntransit_gateways:\n", "  vpc-b:\n    cidr: 10.1.0.0/16\n    vpn_gateway: vgw-pay\n"
                  "\ntransit_gateways:\n")
    d = only(load(text), "S-DUP-ID")
    assert d.location == at(text, "vgw-pay\n", 2)
    assert d.message == ("virtual private gateway 'vgw-pay' is attached to vpc-pay already; a VGW attaches to one "
                         "VPC at a time (VGW-1)")
    assert d.related == (at(text, "{id: vgw-pay"),)


def test_propagating_vgw_of_another_vpc():
    text = mutate(SECURITY_TEXT, "\ntransit_gateways:\n", "  vpc-b:\n    cidr: 10.1.0.0/16\n    vpn_gateway: vgw-b\n"
                  "\ntransit_gateways:\n")
    text = mutate(text, "propagating_vgws: [vgw-pay]", "propagating_vgws: [vgw-b]")
    d = only(load(text), "S-REF")
    assert d.message == "virtual private gateway 'vgw-b' belongs to vpc-b, not vpc-pay"


# --------------------------------------------------------------------------- transit gateways


def test_transit_gateway_additions_load():
    topo = load(SECURITY_TEXT).topology
    assert topo.get("transit-gateway", "tgw-hub").state == "available"
    atts = {a.id: a for a in topo.attachments_of_tgw("tgw-hub")}
    assert atts["att-pay"].ipv6_support
    assert (atts["att-vpn"].type, atts["att-vpn"].vpn_connection) == ("vpn", "vpn-branch")
    assert (atts["att-dx"].type, atts["att-dx"].direct_connect_gateway) == ("direct-connect", "dxgw-1")
    routes = topo.get("tgw-route-table", "rt-main").routes
    assert [(r.destination, r.prefix_list, r.attachment, r.blackhole, r.state) for r in routes] == [
        ("10.0.0.0/8", None, "att-pay", False, None),
        ("corp-ranges", "corp-ranges", "att-vpn", False, None),  # PL-7: its entries become routes
        ("10.9.0.0/16", None, "tgw-attach-0123456789abcdef0", False, "blackhole"),  # RS-5: attachment deleted
        ("10.99.0.0/16", None, None, True, None),
    ]
    assert routes[1].network is None and routes[3].description == "quarantined range"


PL_ROUTE = "{prefix_list: corp-ranges, attachment: att-vpn}"
GONE_ROUTE = "{destination: 10.9.0.0/16, attachment: tgw-attach-0123456789abcdef0, state: blackhole}"


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "message", "hint"),
    [
        (PL_ROUTE, "{prefix_list: corp-ranges, destination: 10.0.0.0/8, attachment: att-vpn}", "S-VALUE",
         "destination: 10.0.0.0/8, attachment: att-vpn", "write 'destination' or 'prefix_list' in a transit "
         "gateway route, not both", None),
        (PL_ROUTE, "{attachment: att-vpn}", "S-REQUIRED", "{attachment: att-vpn}", "transit gateway route needs "
         "'destination' or 'prefix_list'", None),
        (PL_ROUTE, "{prefix_list: corp-range, attachment: att-vpn}", "S-REF", "corp-range,",
         "unknown prefix list 'corp-range'", "did you mean 'corp-ranges'?"),
        (PL_ROUTE, "{prefix_list: pl-0123456789abcdef0, attachment: att-vpn}", "S-REF", "pl-0123456789abcdef0",
         "unknown prefix list 'pl-0123456789abcdef0'", "a transit gateway route expands the entries of a prefix list "
         "declared under prefix_lists: (PL-7)"),
        (PL_ROUTE, "{destination: corp-ranges, attachment: att-vpn}", "S-CIDR", "corp-ranges, attachment",
         "'corp-ranges' is not a CIDR block (missing /prefix length)", "a prefix list goes under `prefix_list:` in a "
         "transit gateway route (PL-7)"),
        (GONE_ROUTE, GONE_ROUTE.replace("state: blackhole", "state: active"), "S-REF", "tgw-attach-0123456789abcdef0",
         "unknown attachment 'tgw-attach-0123456789abcdef0' of transit gateway 'tgw-hub'", None),
        ("{destination: 10.99.0.0/16, blackhole: true,", "{destination: 10.99.0.0/16, blackhole: true, state: active,",
         "S-VALUE", "active,", "a blackhole route cannot be in state active", None),
        ("att-vpn: {type: vpn, vpn_connection: vpn-branch}", "att-vpn: {type: vpn, vpn_connection: vpn-dc1}",
         "S-REF", "vpn-dc1}", "VPN connection 'vpn-dc1' ends on a virtual private gateway, not on transit gateway "
         "'tgw-hub' (VGW-9)", None),
        ("att-vpn: {type: vpn, vpn_connection: vpn-branch}", "att-vpn: {type: vpn, vpn_connection: vpn-brnch}",
         "S-REF", "vpn-brnch", "unknown VPN connection 'vpn-brnch'", "did you mean 'vpn-branch'?"),
        ("att-vpn: {type: vpn, vpn_connection: vpn-branch}", "att-vpn: {type: vpn, vpn_connection: vpn-branch, "
         "ipv6_support: true}", "S-UNKNOWN-KEY", "true}\n      att-dx", "'ipv6_support' applies to attachments of type vpc, not vpn",
         None),
        ("{vpc: vpc-pay, subnets: [pay-tgw-1a], ipv6_support: true}", "{vpc: vpc-pay, subnets: [pay-tgw-1a], "
         "vpn_connection: vpn-branch}", "S-UNKNOWN-KEY", "vpn-branch}", "'vpn_connection' applies to attachments of "
         "type vpn, not vpc", None),
        ("direct_connect_gateway: dxgw-1,", "direct_connect_gateway: dxgw-2,", "S-REF", "dxgw-2",
         "unknown Direct Connect gateway 'dxgw-2'", "did you mean 'dxgw-1'?"),
    ],
)
def test_transit_gateway_mistakes(old, new, code, needle, message, hint):
    text = mutate(SECURITY_TEXT, old, new)
    d = only(load(text), code)
    assert d.location == at(text, needle), d.format()
    assert d.message == message
    assert d.hint == hint


def test_vpn_attachment_of_a_connection_on_another_transit_gateway():
    text = mutate(SECURITY_TEXT, "    transit_gateway: tgw-hub\n", "    transit_gateway: tgw-eu\n")
    text = mutate(text, "\nexpect:\n", "  tgw-eu:\n    region: eu-west-1\n\nexpect:\n")
    d = only(load(text), "S-REF")
    assert d.message == "VPN connection 'vpn-branch' ends on transit gateway 'tgw-eu', not 'tgw-hub' (VGW-9)"


# --------------------------------------------------------------------------- expectations


def test_expectations_carry_a_protocol():
    expectations = load(SECURITY_TEXT).topology.expectations
    assert [(e.source, e.destination, e.protocol, e.port) for e in expectations] == [
        ("web-1", "db-1", "tcp", 5432), ("pay-app-1a", "corp-dc", None, None), ("web-1", "8.8.8.8", "icmp", None)]
    text = mutate(SECURITY_TEXT, "protocol: tcp, port: 5432}", "protocol: TCP, port: 5432}")
    assert load(text).topology.expectations[0].protocol == "tcp"


def test_a_port_applies_to_tcp_and_udp_flows():
    text = mutate(SECURITY_TEXT, "protocol: icmp, reachable: false}", "protocol: icmp, port: 8, reachable: false}")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "8, reachable")
    assert d.message == "a port applies to tcp and udp flows, not icmp"


def test_expectation_protocol_is_a_word():
    text = mutate(SECURITY_TEXT, "protocol: icmp, reachable: false}", "protocol: 1, reachable: false}")
    assert codes(load(text)) == ["S-VALUE"]
