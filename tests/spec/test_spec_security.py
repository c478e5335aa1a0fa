"""Security groups, network ACLs and prefix lists in specs (SG-*, NACL-*, PL-*): the model
they load into, and every rule the validator enforces, each a located error with a hint."""

from __future__ import annotations

import ipaddress

import pytest
from spec_helpers import BASE, SECURITY_TEXT, at, codes, formatted, load, mutate, only

# --------------------------------------------------------------------------- security groups


def test_security_groups_load_with_typed_peers():
    result = load(SECURITY_TEXT, "specs/security.yaml")
    assert result.diagnostics == [], formatted(result)
    topo = result.topology
    web = topo.get("security-group", "sg-web")
    assert [(r.protocol, r.from_port, r.to_port, r.peer, r.peer_kind) for r in web.ingress] == [
        ("tcp", 443, 443, "0.0.0.0/0", "cidr"),
        ("tcp", 443, 443, "::/0", "cidr"),
        ("tcp", 8000, 8080, "sg-app", "security-group"),
        ("tcp", 22, 22, "corp-ranges", "prefix-list"),  # by spec id
        ("tcp", 22, 22, "corp-ranges", "prefix-list"),  # by its pl- id
        ("icmp", 8, None, "10.0.0.0/8", "cidr"),  # SG-8: type 8, every code
        ("icmpv6", 128, None, "2600:1f18:abcd:1200::/56", "cidr"),
    ]
    assert web.ingress[1].network == ipaddress.ip_network("::/0")
    assert web.ingress[2].description == "health checks"
    # outbound rules name their `destination`; `source` is still read as one
    assert [(r.peer, r.peer_kind) for r in web.egress] == [
        ("sg-db", "security-group"), ("s3-use1", "prefix-list"), ("::/0", "cidr")]
    db = topo.get("security-group", "sg-db")
    assert [(r.peer, r.peer_account) for r in db.ingress] == [
        ("sg-web", None), ("sg-0abc12345678def01", "123456789012"), ("sg-0fedcba9876543210", None)]
    assert topo.get("security-group", "sg-app").ingress[1].protocol == "50"  # ESP by number
    assert (web.group_name, web.default) == ("web", False)
    assert topo.get("security-group", "sg-default").default  # group_name: default (SG-16)


@pytest.mark.parametrize(("written", "stored"), [
    ("6", "tcp"), ("'17'", "udp"), ("TCP", "tcp"), ("-1", "all"), ("'-1'", "all"), ("ALL", "all"), ("1", "icmp"),
    ("58", "icmpv6"), ("47", "47"), ("0", "0")])
def test_protocols_are_stored_normalised(written, stored):
    text = mutate(SECURITY_TEXT, "{protocol: all, source: 10.0.0.0/16}", f"{{protocol: {written}, source: 10.0.0.0/16}}")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    assert result.topology.get("security-group", "sg-fw").ingress[0].protocol == stored


ICMP_RULE = "{protocol: icmp, icmp_type: 8, icmp_code: -1, source: 10.0.0.0/8}"
HTTPS_RULE = "{protocol: tcp, port: 443, source: 0.0.0.0/0}"
SSH_RULE = "{protocol: tcp, port: 22, source: corp-ranges}"
APP_RULE = "{protocol: tcp, port: 8443, source: sg-web}"
DB_EGRESS = "{protocol: tcp, port: 5432, destination: sg-db}"


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "words", "hint"),
    [
        (ICMP_RULE, "{protocol: icmp, port: 8, source: 10.0.0.0/8}", "S-VALUE", "8, source: 10.0.0.0/8}",
         "ports apply to tcp and udp security group rules only; this one is icmp", "use icmp_type/icmp_code for icmp"),
        (HTTPS_RULE, "{protocol: tcp, icmp_type: 3, source: 0.0.0.0/0}", "S-VALUE", "3, source", "icmp_type applies to "
         "icmp and icmpv6", None),
        (ICMP_RULE, "{protocol: icmp, icmp_type: -1, icmp_code: 4, source: 10.0.0.0/8}", "S-VALUE", "4, source",
         "with icmp_type -1 (all types) icmp_code must be -1 too (SG-8)", None),
        ("{protocol: all, source: 10.0.0.0/16}", "{protocol: all, ports: 0-65535, source: 10.0.0.0/16}", "S-VALUE",
         "0-65535", "this one is all", None),
        (SSH_RULE, "{protocol: tcp, port: 22, ports: 22-23, source: corp-ranges}", "S-VALUE", "ports: 22-23",
         "write 'port' or 'ports'", None),
        (APP_RULE, "{protocol: tcp, port: 8443, source: sg-wbe}", "S-REF", "sg-wbe",
         "unknown security group or prefix list 'sg-wbe'", "did you mean 'sg-web'?"),
        (SSH_RULE, "{protocol: tcp, port: 22, source: corp-range}", "S-REF", "corp-range}",
         "unknown security group or prefix list 'corp-range'", "did you mean 'corp-ranges'?"),
        (SSH_RULE, "{protocol: tcp, port: 22, source: my-laptop}", "S-REF", "my-laptop", "unknown security group",
         "a peer is a CIDR, a security group (id, sg-… id, or account/sg-…) or a prefix list (id, pl-… id or "
         "com.amazonaws.<region>.<service>)"),
        (HTTPS_RULE, "{protocol: tcp, port: 443, source: 10.0.0.1/8}", "S-CIDR-ALIGN", "10.0.0.1/8", "host bits",
         "did you mean '10.0.0.0/8'?"),
        (HTTPS_RULE, "{protocol: tcp, port: 443, source: 10.0.0.5}", "S-CIDR", "10.0.0.5}", "missing /prefix length",
         "did you mean '10.0.0.5/32'?"),
        ("source: 123456789012/sg-0abc12345678def01", "source: 12345/sg-0abc12345678def01", "S-VALUE",
         "12345/sg", "is not account/sg-…", None),
        (DB_EGRESS, "{protocol: tcp, port: 5432, destination: sg-db, source: sg-db}", "S-VALUE", "source: sg-db}",
         "write 'destination' or 'source' in a outbound security group rule, not both", None),
        (DB_EGRESS, "{protocol: tcp, port: 5432}", "S-REQUIRED", "{protocol: tcp, port: 5432}",
         "outbound security group rule needs 'destination' or 'source'", None),
        (HTTPS_RULE, "{protocol: tpc, port: 443, source: 0.0.0.0/0}", "S-VALUE", "tpc", "'tpc' is not a protocol",
         "did you mean 'tcp'?"),
        ("{protocol: 50, source", "{protocol: 256, source", "S-VALUE", "256", "'256' is not a protocol", None),
        ("        group_name: web\n", "        group_name: sg-web\n", "S-VALUE", "sg-web\n",
         "starts with sg-, which AWS does not allow (SG-18)", None),
        ("ports: 8000-8080", "ports: 8080-8000", "S-VALUE", "8080-8000", "not low-high", None),
    ],
)
def test_security_group_rule_mistakes(old, new, code, needle, words, hint):
    text = mutate(SECURITY_TEXT, old, new)
    d = only(load(text), code)
    assert d.location == at(text, needle), d.format()
    assert words in d.message
    assert d.hint == hint


def test_inbound_rule_with_destination_is_an_unknown_key():
    text = mutate(SECURITY_TEXT, APP_RULE, "{protocol: tcp, port: 8443, destination: sg-web}")
    result = load(text)
    assert sorted(codes(result)) == ["S-REQUIRED", "S-UNKNOWN-KEY"]
    assert only(result, "S-UNKNOWN-KEY").location == at(text, "destination: sg-web")


TWO_VPCS = BASE + """\
    security_groups:
      sg-a:
        ingress:
          - {protocol: tcp, port: 443, source: sg-b}
  vpc-b:
    cidr: 10.1.0.0/16
    security_groups:
      sg-b: {}
"""


def test_a_rule_names_a_group_of_another_vpc_only_across_a_peering():
    d = only(load(TWO_VPCS), "S-REF")
    assert d.location == at(TWO_VPCS, "sg-b}")
    assert "belongs to vpc-b, not vpc-a" in d.message and "(SG-12)" in d.message
    peered = TWO_VPCS + "peerings:\n  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n"
    result = load(peered)
    assert result.diagnostics == [], formatted(result)
    assert result.topology.get("security-group", "sg-a").ingress[0].peer == "sg-b"


def test_a_group_by_its_aws_id_resolves_to_the_spec_group():
    text = mutate(SECURITY_TEXT, "      sg-app:\n", "      sg-app:\n        aws_id: sg-0aaaabbbbccccdddd\n")
    text = mutate(text, "ports: 8000-8080, source: sg-app", "ports: 8000-8080, source: sg-0aaaabbbbccccdddd")
    rule = load(text).topology.get("security-group", "sg-web").ingress[2]
    assert (rule.peer, rule.peer_kind) == ("sg-app", "security-group")


def test_resources_use_groups_of_their_own_vpc():
    text = TWO_VPCS.replace("      sg-b: {}\n", "      sg-b: {}\n    instances:\n      b-1: {subnet: b-x, "
                            "security_groups: [sg-a]}\n    subnets:\n      b-x: {cidr: 10.1.0.0/24, az: us-east-1a}\n")
    text += "peerings:\n  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n"
    d = only(load(text), "S-REF")
    assert d.location == at(text, "sg-a]")
    assert d.message == "security group 'sg-a' belongs to vpc-a, not vpc-b"


def test_one_default_group_and_unique_group_names_per_vpc():
    text = mutate(SECURITY_TEXT, "      sg-fw:\n", "      sg-fw:\n        default: true\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "sg-fw:\n        default")
    assert d.related == (at(text, "sg-default:"),)
    assert "(SG-16)" in d.message
    text = mutate(SECURITY_TEXT, "      sg-app:\n", "      sg-app:\n        group_name: web\n")
    d = only(load(text), "S-DUP-ID")
    assert d.location == at(text, "web\n        ingress:\n          - {protocol: tcp, port: 8443")
    assert d.message == "security group name 'web' is used twice in vpc-pay (SG-18)"


def test_security_groups_and_prefix_lists_share_the_peer_namespace():
    text = mutate(SECURITY_TEXT, "  corp-ranges-v6:\n", "  sg-app:\n    entries: []\n  corp-ranges-v6:\n")
    d = only(load(text), "S-DUP-ID")
    assert "security group rule peers share one namespace" in d.message
    assert d.location == at(text, "sg-app:\n    entries")  # registered after the VPC's groups
    assert d.related == (at(text, "sg-app:\n        ingress"),)


# --------------------------------------------------------------------------- network ACLs


def test_network_acls_load():
    topo = load(SECURITY_TEXT).topology
    acl = topo.get("network-acl", "acl-app")
    assert (acl.vpc, acl.default, acl.subnets) == ("vpc-pay", False, ("pay-app-1a",))
    assert [(r.number, r.action, r.protocol, str(r.network), r.from_port, r.to_port) for r in acl.ingress] == [
        (90, "deny", "all", "10.66.0.0/16", None, None),
        (100, "allow", "tcp", "0.0.0.0/0", 443, 443),
        (110, "allow", "tcp", "0.0.0.0/0", 1024, 65535),
        (120, "allow", "icmp", "0.0.0.0/0", None, None),
        (130, "allow", "tcp", "::/0", 443, 443),
        (140, "allow", "icmpv6", "::/0", None, None),
    ]
    assert (acl.ingress[3].icmp_type, acl.ingress[3].icmp_code) == (3, 4)  # NACL-14
    assert topo.get("network-acl", "acl-default").default
    assert topo.subnet("pay-app-1a").network_acl == "acl-app"
    assert topo.subnet("pay-data-1a").network_acl is None  # the default ACL is the data plane's to apply


def test_rules_are_ordered_by_number_whatever_the_written_order():
    text = mutate(SECURITY_TEXT, "          - {rule: 90, action: deny, protocol: all, cidr: 10.66.0.0/16}\n", "")
    text = mutate(text, "          - {rule: 130,", "          - {rule: 90, action: deny, protocol: all, cidr: "
                  "10.66.0.0/16}\n          - {rule: 130,")
    numbers = [r.number for r in load(text).topology.get("network-acl", "acl-app").ingress]
    assert numbers == sorted(numbers)


NACL_DENY = "{rule: 90, action: deny, protocol: all, cidr: 10.66.0.0/16}"


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "words", "hint"),
    [
        ("{rule: 110, action: allow, protocol: tcp, ports: 1024-65535",
         "{rule: 100, action: allow, protocol: tcp, ports: 1024-65535", "S-VALUE", "100, action: allow, protocol: tcp, "
         "ports: 1024", "rule number 100 is used twice in the ingress rules", None),
        (NACL_DENY, "{rule: 90, action: deny, protocol: tcp, cidr: 10.66.0.0/16}", "S-REQUIRED",
         "{rule: 90, action: deny, protocol: tcp", "a tcp network ACL rule needs 'ports' (NACL-9)",
         "all ports: ports: 0-65535"),
        ("icmp_type: 3, icmp_code: 4, cidr", "ports: 3-4, cidr", "S-VALUE", "3-4, cidr",
         "ports apply to tcp and udp network ACL rules only", "use icmp_type/icmp_code for icmp"),
        (NACL_DENY, "{rule: 90, action: deny, protocol: all, cidr: pl-63a5400a}", "S-CIDR",
         "pl-63a5400a}", "is not a CIDR block", "a network ACL rule takes a CIDR only, never a prefix list "
         "or security group (GWE-8, NACL-8)"),
        (NACL_DENY, "{rule: 90, action: deny, protocol: all}", "S-REQUIRED", "{rule: 90, action: deny, protocol: all}",
         "network ACL rule needs 'cidr' or 'ipv6_cidr'", None),
        (NACL_DENY, "{rule: 32767, action: deny, protocol: all, cidr: 10.66.0.0/16}", "S-VALUE", "32767",
         "out of range 1..32766", None),
        (NACL_DENY, "{rule: 90, action: drop, protocol: all, cidr: 10.66.0.0/16}", "S-VALUE", "drop",
         "'drop' is not one of allow, deny", None),
        ("        network_acl: acl-app\n", "        network_acl: acl-ap\n", "S-REF", "acl-ap\n",
         "unknown network ACL 'acl-ap' in vpc-pay", "did you mean 'acl-app'?"),
        ("        network_acl: acl-app\n", "        network_acl: acl-default\n", "S-VALUE", "acl-default\n",
         "subnet 'pay-app-1a' names network ACL 'acl-default', but 'acl-app' lists it; a subnet has exactly one "
         "(NACL-5)", None),
        ("        subnets: [pay-app-1a]\n", "        subnets: [pay-app-1a, pay-apps-1a]\n", "S-REF", "pay-apps-1a",
         "unknown subnet 'pay-apps-1a' in vpc-pay", "did you mean 'pay-app-1a'?"),
        ("      acl-default:\n        default: true\n", "      acl-default:\n        default: true\n        subnets: "
         "[pay-app-1a]\n", "S-VALUE", "pay-app-1a]\n        ingress:\n          - {rule: 90",
         "subnet 'pay-app-1a' is associated with network ACLs 'acl-default' and 'acl-app'", None),
    ],
)
def test_network_acl_mistakes(old, new, code, needle, words, hint):
    text = mutate(SECURITY_TEXT, old, new)
    d = only(load(text), code)
    assert d.location == at(text, needle), d.format()
    assert words in d.message
    assert d.hint == hint


def test_same_rule_number_in_each_direction_is_fine():
    acl = load(SECURITY_TEXT).topology.get("network-acl", "acl-default")
    assert [r.number for r in acl.ingress] == [r.number for r in acl.egress] == [100, 101]


def test_one_default_network_acl_per_vpc():
    text = mutate(SECURITY_TEXT, "      acl-app:\n", "      acl-app:\n        default: true\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "acl-app:\n        default")
    assert d.related == (at(text, "acl-default:"),)


def test_network_acl_cannot_associate_a_subnet_of_another_vpc():
    text = BASE + ("    network_acls:\n      acl-a:\n        subnets: [b-app]\n  vpc-b:\n    cidr: 10.1.0.0/16\n"
                   "    subnets:\n      b-app: {cidr: 10.1.1.0/24, az: us-east-1a}\n")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "b-app]")
    assert d.message == "subnet 'b-app' belongs to vpc-b, not vpc-a"


# --------------------------------------------------------------------------- prefix lists


def test_prefix_lists_load():
    topo = load(SECURITY_TEXT).topology
    corp = topo.get("prefix-list", "corp-ranges")
    assert (corp.aws_id, corp.prefix_list_name, corp.address_family, corp.owner, corp.max_entries, corp.region) == (
        "pl-0a1b2c3d4e5f60718", "corp-ranges", "IPv4", "customer", 10, "us-east-1")
    assert corp.entries == (ipaddress.ip_network("10.50.0.0/16"), ipaddress.ip_network("10.60.0.0/16"))
    s3 = topo.get("prefix-list", "s3-use1")
    assert (s3.owner, s3.display_name, len(s3.entries)) == ("aws", "com.amazonaws.us-east-1.s3", 2)
    assert topo.get("prefix-list", "corp-ranges-v6").address_family == "IPv6"


def test_an_aws_managed_list_takes_its_region_from_its_name():
    text = "prefix_lists:\n  s3-euw1: {prefix_list_name: com.amazonaws.eu-west-1.s3, owner: aws}\n"
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    assert result.topology.get("prefix-list", "s3-euw1").region == "eu-west-1"


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "words"),
    [
        ('entries: ["2001:db8:50::/48"]', 'entries: ["2001:db8:50::/48", 10.1.0.0/16]', "S-VALUE", "10.1.0.0/16]",
         "10.1.0.0/16 is an IPv4 CIDR; prefix list 'corp-ranges-v6' is IPv6 (one address family per list, PL-4)"),
        ("    max_entries: 10\n", "    max_entries: 1\n", "S-VALUE", "- 10.50.0.0/16",
         "prefix list 'corp-ranges' has 2 entries, more than its max_entries 1 (PL-4)"),
        ("entries: [52.216.0.0/15, 3.5.0.0/19]", "entries: [52.216.0.0/15, 52.216.0.0/15]", "S-DUP-KEY",
         "52.216.0.0/15]", "'52.216.0.0/15' is listed twice"),
        ("    prefix_list_name: com.amazonaws.us-east-1.s3\n", "    prefix_list_name: corp-ranges\n", "S-DUP-ID",
         "corp-ranges\n    owner: aws", "two prefix lists are named 'corp-ranges'"),
        ("    aws_id: pl-63a5400a\n", "    aws_id: pl-0a1b2c3d4e5f60718\n", "S-DUP-ID", "pl-0a1b2c3d4e5f60718\n    "
         "prefix_list_name: com", "two prefix lists have the AWS id 'pl-0a1b2c3d4e5f60718'"),
        ("{destination: corp-ranges, target: tgw-hub}", "{destination: corp-rangs, target: tgw-hub}", "S-REF",
         "corp-rangs", "unknown prefix list 'corp-rangs'"),
    ],
)
def test_prefix_list_mistakes(old, new, code, needle, words):
    text = mutate(SECURITY_TEXT, old, new)
    d = only(load(text), code)
    assert d.location == at(text, needle), d.format()
    assert d.message == words or words in d.message


@pytest.mark.parametrize(("destination", "prefix_list"), [
    ("corp-ranges", "corp-ranges"), ("pl-0a1b2c3d4e5f60718", "corp-ranges"), ("com.amazonaws.us-east-1.s3", "s3-use1"),
    ("pl-0123456789abcdef0", None), ("com.amazonaws.us-east-1.dynamodb", None)])
def test_route_to_a_prefix_list_by_id_aws_id_or_name(destination, prefix_list):
    text = mutate(SECURITY_TEXT, "{destination: corp-ranges, target: tgw-hub}",
                  f"{{destination: {destination}, target: tgw-hub}}")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    route = next(r for r in result.topology.route_table("pay-app").routes if r.destination == destination)
    assert (route.destination_type, route.prefix_list, route.network) == ("prefix-list", prefix_list, None)


def test_a_route_table_uses_prefix_lists_of_its_own_region():
    text = mutate(SECURITY_TEXT, "    max_entries: 10\n", "    max_entries: 10\n    region: eu-west-1\n")
    d = only(load(text), "S-VALUE")
    assert d.location == at(text, "corp-ranges, target: tgw-hub")
    assert d.message == ("prefix list 'corp-ranges' is in eu-west-1; vpc-pay is in us-east-1 (prefix lists are "
                         "regional, PL-4)")
