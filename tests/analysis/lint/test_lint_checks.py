"""Each lint code: a spec that triggers it (a mutation of the clean base spec) and near
misses that do not. The clean base spec itself is the "does not trigger" case for every code."""

from __future__ import annotations

import pytest
from lint_helpers import codes, lint, load, of

from vpcdocs.analysis.lint import RULES
from vpcdocs.diagnostics import Severity


def vpc(spec, vid):
    return spec["vpcs"][vid]


def table(spec, vid, tid):
    return spec["vpcs"][vid]["route_tables"][tid]


def add_route(spec, vid, tid, dest, target):
    table(spec, vid, tid).setdefault("routes", []).append({"destination": dest, "target": target})


def drop_routes(spec, vid, tid, target):
    t = table(spec, vid, tid)
    t["routes"] = [r for r in t.get("routes", []) if r["target"] != target]


def tgw(spec):
    return spec["transit_gateways"]["tgw-hub"]


# ----------------------------------------------------------------------------- CIDRs


def test_cidr_172_17(base):
    vpc(base, "vpc-c")["cidr"] = "172.17.0.0/16"
    for s, cidr in (("c-app-1a", "172.17.1.0/24"), ("c-tgw-1a", "172.17.0.0/28")):
        vpc(base, "vpc-c")["subnets"][s]["cidr"] = cidr
    for t in ("a-private-1a", "a-private-1b"):
        table(base, "vpc-a", t)["routes"][2]["destination"] = "172.17.0.0/16"
    (d,) = of(lint(base), "L-CIDR-172-17")
    assert d.severity is Severity.WARNING and d.resource == "vpc-c" and d.rule == "SUB-3"


# ----------------------------------------------------------------------------- route tables


def test_rt_no_assoc_is_info(base):
    del vpc(base, "vpc-b")["subnets"]["b-app-1a"]["route_table"]
    (d,) = of(lint(base), "L-RT-NO-ASSOC")
    assert d.severity is Severity.INFO and d.resource == "b-app-1a" and "'b-app'" in d.message


def test_rt_quota_counts_routes_and_prefix_list_weights(base):
    for i in range(48):
        add_route(base, "vpc-b", "b-app", f"192.168.{i}.0/24", "eni-0123456789abcdef0")
    # 1 peering route + 48 = 49: under the quota
    assert "L-RT-QUOTA" not in codes(base)
    add_route(base, "vpc-b", "b-app", "com.amazonaws.us-east-1.s3", "eni-0123456789abcdef0")  # weight 1: 50
    assert "L-RT-QUOTA" not in codes(base)
    add_route(base, "vpc-b", "b-app", "pl-0123abcd", "eni-0123456789abcdef0")  # 51
    (d,) = of(lint(base), "L-RT-QUOTA")
    assert "51 non-propagated IPv4" in d.message and d.resource == "b-app"


def test_rt_quota_cloudfront_prefix_list_weighs_55(base):
    add_route(base, "vpc-b", "b-app", "com.amazonaws.global.cloudfront.origin-facing", "eni-0123456789abcdef0")
    assert "L-RT-QUOTA" in codes(base)


def test_rt_pl_tie_user_route_on_the_endpoint_prefix_list(base):
    vpc(base, "vpc-a")["endpoints"]["s3-gw"]["prefix_list_id"] = "pl-63a5400a"
    add_route(base, "vpc-a", "a-private-1a", "pl-63a5400a", "nat-a-1a")
    (d,) = of(lint(base), "L-RT-PL-TIE")
    assert d.severity is Severity.WARNING and "pl-63a5400a" in d.message and d.resource == "a-private-1a"


def test_rt_pl_tie_distinct_prefix_lists_do_not_tie(base):
    add_route(base, "vpc-a", "a-private-1a", "pl-0123abcd", "nat-a-1a")
    add_route(base, "vpc-a", "a-private-1a", "pl-0456abcd", "eni-0123456789abcdef0")
    assert "L-RT-PL-TIE" not in codes(base)


def test_rt_dup_dest(base):
    add_route(base, "vpc-a", "a-private-1a", "10.1.0.0/16", "eni-0123456789abcdef0")
    (d,) = of(lint(base), "L-RT-DUP-DEST")
    assert d.severity is Severity.ERROR and d.resource == "a-private-1a" and "pcx-a-b" in d.message
    assert d.related and d.rule == "RT-TGT-1"


@pytest.mark.parametrize("change", ["nat-deleted", "pcx-pending", "missing-nat-id"])
def test_rt_blackhole(base, change):
    if change == "nat-deleted":
        vpc(base, "vpc-a")["nat_gateways"]["nat-a-1a"]["state"] = "deleted"
        expect = "deleted"
    elif change == "pcx-pending":
        base["peerings"]["pcx-a-b"]["status"] = "pending-acceptance"
        expect = "pending-acceptance"
    else:
        add_route(base, "vpc-b", "b-app", "0.0.0.0/0", "nat-0123456789abcdef0")
        expect = "does not exist"
    found = of(lint(base), "L-RT-BLACKHOLE")
    assert found and all(d.severity is Severity.WARNING for d in found)
    assert expect in found[0].message


# ----------------------------------------------------------------------------- peering


def test_peer_overlap(base):
    base["peerings"]["pcx-a-c"] = {"requester": "vpc-a", "accepter": {"vpc": "vpc-0partner",
                                                                     "cidrs": ["10.0.128.0/20"]}}
    (d,) = of(lint(base), "L-PEER-OVERLAP")
    assert d.severity is Severity.ERROR and d.resource == "pcx-a-c" and "10.0.0.0/16 overlaps 10.0.128.0/20" in d.message


def test_peer_overlap_secondary_cidr(base):
    vpc(base, "vpc-b")["secondary_cidrs"] = ["10.0.0.0/16"]
    vpc(base, "vpc-a")["cidr"] = "10.0.0.0/16"
    assert "L-PEER-OVERLAP" in codes(base)


def test_peer_dup(base):
    base["peerings"]["pcx-b-a"] = {"requester": "vpc-b", "accepter": "vpc-a"}
    (d,) = of(lint(base), "L-PEER-DUP")
    assert d.severity is Severity.ERROR and d.resource == "pcx-b-a"
    base["peerings"]["pcx-b-a"]["status"] = "deleted"
    assert "L-PEER-DUP" not in codes(base)


def test_peer_one_sided_routes(base):
    drop_routes(base, "vpc-b", "b-app", "pcx-a-b")
    (d,) = of(lint(base), "L-PEER-ONE-SIDED")
    assert d.severity is Severity.WARNING and d.resource == "pcx-a-b" and "no route table of vpc-b" in d.message


def test_peer_route_outside_peer_cidrs(base):
    table(base, "vpc-b", "b-app")["routes"][0]["destination"] = "10.0.0.0/8"
    (d,) = of(lint(base), "L-PEER-ONE-SIDED")
    assert d.resource == "b-app" and "not inside the CIDRs of peer vpc-a" in d.message
    table(base, "vpc-b", "b-app")["routes"][0]["destination"] = "10.0.1.0/24"
    assert "L-PEER-ONE-SIDED" not in codes(base)


def test_peer_hub_overlap(base):
    base["peerings"]["pcx-a-x"] = {"requester": "vpc-a", "accepter": {"vpc": "vpc-0x", "cidrs": ["10.1.0.0/20"]}}
    (d,) = of(lint(base), "L-PEER-HUB-OVERLAP")
    assert d.severity is Severity.WARNING and d.resource == "vpc-a"
    base["peerings"]["pcx-a-x"]["accepter"]["cidrs"] = ["10.9.0.0/20"]
    assert "L-PEER-HUB-OVERLAP" not in codes(base)


def test_peer_quota(base):
    for i in range(51):
        base["peerings"][f"pcx-ext-{i}"] = {"requester": "vpc-c",
                                           "accepter": {"vpc": f"vpc-0ext{i}", "cidrs": [f"172.20.{i}.0/24"]}}
    (d,) = of(lint(base), "L-PEER-QUOTA")
    assert d.resource == "vpc-c" and "51 active" in d.message
    del base["peerings"]["pcx-ext-0"]
    assert "L-PEER-QUOTA" not in codes(base)


# ----------------------------------------------------------------------------- gateway endpoints


def test_gwe_region(base):
    vpc(base, "vpc-a")["endpoints"]["s3-gw"]["service"] = "com.amazonaws.eu-west-1.s3"
    (d,) = of(lint(base), "L-GWE-REGION")
    assert d.severity is Severity.ERROR and "eu-west-1" in d.message and d.rule == "GWE-5"
    vpc(base, "vpc-a")["endpoints"]["s3-gw"]["service"] = "com.amazonaws.us-east-1.s3"
    assert "L-GWE-REGION" not in codes(base)


def test_gwe_quota_per_region(base):
    eps = vpc(base, "vpc-c").setdefault("endpoints", {})
    for i in range(20):
        eps[f"gw-{i:02d}"] = {"type": "gateway", "service": "dynamodb", "route_tables": []}
    (d,) = of(lint(base), "L-GWE-QUOTA")  # 20 + s3-gw = 21
    assert "21 gateway endpoints in us-east-1" in d.message
    del eps["gw-00"]
    assert "L-GWE-QUOTA" not in codes(base)


def test_gwe_nat_cost_note(base):
    tgw(base)["attachments"]["att-a"]["subnets"] = ["a-pub-1a", "a-pub-1b"]
    vpc(base, "vpc-a")["endpoints"]["s3-gw"]["route_tables"] = ["a-private-1a"]
    (d,) = of(lint(base), "L-GWE-NAT-COST")
    assert d.severity is Severity.INFO and d.resource == "a-private-1b" and "nat-a-1b" in d.message


def test_gwe_nat_cost_note_skips_tgw_attachment_subnets(base):
    # they forward other VPCs' traffic, which cannot use a gateway endpoint (GWE-6)
    vpc(base, "vpc-a")["endpoints"]["s3-gw"]["route_tables"] = ["a-private-1a"]
    assert "L-GWE-NAT-COST" not in codes(base)


# ----------------------------------------------------------------------------- interface endpoints


def test_ife_az_dup(base):
    vpc(base, "vpc-a")["endpoints"]["sqs"]["subnets"] = ["a-priv-1a", "a-pub-1a"]
    (d,) = of(lint(base), "L-IFE-AZ-DUP")
    assert d.severity is Severity.ERROR and d.resource == "sqs" and "us-east-1a" in d.message


def test_ife_dns(base):
    vpc(base, "vpc-a")["dns_hostnames"] = False
    (d,) = of(lint(base), "L-IFE-DNS")
    assert d.resource == "sqs" and "dns_hostnames" in d.message  # orders-ep has private DNS off


def test_ife_sg_port_not_allowed(base):
    vpc(base, "vpc-a")["security_groups"]["a-endpoints"]["ingress"] = [
        {"protocol": "tcp", "port": 80, "source": "10.0.0.0/16"}]
    found = of(lint(base), "L-IFE-SG")
    assert sorted(d.resource for d in found) == ["orders-ep", "sqs"]
    assert all("TCP 443" in d.message for d in found)


def test_ife_sg_source_not_a_client(base):
    vpc(base, "vpc-a")["security_groups"]["a-endpoints"]["ingress"] = [
        {"protocol": "tcp", "port": 443, "source": "192.168.0.0/16"}]
    assert "L-IFE-SG" in codes(base)
    # a group of the VPC: a host of a-priv-1a may be in it (reach assumes the most favourable)
    vpc(base, "vpc-a")["security_groups"]["a-clients"] = {"ingress": []}
    vpc(base, "vpc-a")["security_groups"]["a-endpoints"]["ingress"] = [
        {"protocol": "tcp", "ports": "400-500", "source": "a-clients"}]
    assert "L-IFE-SG" not in codes(base)
    # a group the spec does not have matches nothing, in reach as in lint (SG-13)
    vpc(base, "vpc-a")["security_groups"]["a-endpoints"]["ingress"] = [
        {"protocol": "tcp", "ports": "400-500", "source": "sg-0123456789abcdef0"}]
    assert sorted(codes(base)) == ["L-IFE-SG", "L-IFE-SG", "L-SG-STALE"]


def test_ife_quota(base):
    eps = vpc(base, "vpc-c").setdefault("endpoints", {})
    for i in range(51):
        eps[f"ife-{i:02d}"] = {"type": "interface", "service": f"svc{i}", "subnets": ["c-app-1a"]}
    (d,) = of(lint(base), "L-IFE-QUOTA")
    assert d.resource == "vpc-c"
    del eps["ife-00"]
    assert "L-IFE-QUOTA" not in codes(base)


# ----------------------------------------------------------------------------- endpoint services


def test_eps_lb_type(base):
    base["endpoint_services"]["orders-svc"]["load_balancers"] = ["orders-alb"]
    (d,) = of(lint(base), "L-EPS-LB-TYPE")
    assert d.severity is Severity.ERROR and d.resource == "orders-svc" and "application" in d.message


@pytest.mark.parametrize("change, words", [
    ("port", "port 8443 does not match"),
    ("protocol", "protocol is TLS"),
    ("listener", "only TCP listeners"),
    ("other-vpc", "must share"),
    ("not-alb", "not an application load balancer"),
])
def test_eps_alb_target(base, change, words):
    lbs = vpc(base, "vpc-b")["load_balancers"]
    tg = lbs["orders-nlb"]["target_groups"]["to-alb"]
    if change == "port":
        tg["port"] = 8443
    elif change == "protocol":
        tg["protocol"] = "TLS"
    elif change == "listener":
        lbs["orders-nlb"]["listeners"][0]["protocol"] = "TLS"
    elif change == "other-vpc":
        vpc(base, "vpc-c")["load_balancers"] = {"c-alb": {
            "type": "application", "subnets": ["c-app-1a"], "listeners": [{"port": 443, "protocol": "HTTPS"}]}}
        tg["targets"] = ["c-alb"]
    else:
        lbs["other-nlb"] = {"type": "network", "subnets": ["b-app-1a"], "listeners": [{"port": 443, "protocol": "TCP"}]}
        tg["targets"] = ["other-nlb"]
    found = of(lint(base), "L-EPS-ALB-TARGET")
    assert found and all(d.severity is Severity.ERROR for d in found)
    assert any(words in d.message for d in found), [d.message for d in found]


def test_eps_alb_behind_three_nlbs(base):
    lbs = vpc(base, "vpc-b")["load_balancers"]
    for i in (2, 3):
        lbs[f"orders-nlb-{i}"] = {
            "type": "network", "subnets": ["b-app-1a"],
            "listeners": [{"port": 443, "protocol": "TCP", "target_group": "t"}],
            "target_groups": {"t": {"target_type": "alb", "protocol": "TCP", "port": 443, "targets": ["orders-alb"]}}}
    (d,) = of(lint(base), "L-EPS-ALB-TARGET")
    assert d.resource == "orders-alb" and "3 network load balancers" in d.message
    del lbs["orders-nlb-3"]
    assert "L-EPS-ALB-TARGET" not in codes(base)


def test_eps_az_no_common_az_by_az_id(base):
    for s in ("b-app-1a", "b-app-1b"):
        vpc(base, "vpc-b")["subnets"][s]["az_id"] = "use1-az6"
    (d,) = of(lint(base), "L-EPS-AZ")
    assert d.severity is Severity.ERROR and d.resource == "orders-ep" and "use1-az6" in d.message


def test_eps_az_partial_coverage_is_a_warning(base):
    vpc(base, "vpc-b")["load_balancers"]["orders-nlb"]["subnets"] = ["b-app-1a"]
    (d,) = of(lint(base), "L-EPS-AZ")
    assert d.severity is Severity.WARNING and "a-priv-1b" in d.message


def test_eps_az_falls_back_to_names_in_one_account_only(base):
    for s in vpc(base, "vpc-b")["subnets"].values():
        del s["az_id"]
    vpc(base, "vpc-b")["load_balancers"]["orders-nlb"]["subnets"] = ["b-app-1b"]
    vpc(base, "vpc-a")["endpoints"]["orders-ep"]["subnets"] = ["a-priv-1a"]
    assert "L-EPS-AZ" in codes(base)
    vpc(base, "vpc-b")["account"] = "444455556666"  # names differ between accounts: undecidable
    assert "L-EPS-AZ" not in codes(base)


def test_eps_xzone(base):
    lbs = vpc(base, "vpc-b")["load_balancers"]
    lbs["orders-nlb"]["cross_zone"] = True
    assert "L-EPS-XZONE" not in codes(base)
    lbs["orders-alb"]["cross_zone"] = False
    (d,) = of(lint(base), "L-EPS-XZONE")
    assert d.severity is Severity.WARNING and d.resource == "orders-nlb"


# ----------------------------------------------------------------------------- transit gateways


def test_tgw_az(base):
    tgw(base)["attachments"]["att-a"]["subnets"] = ["a-priv-1a"]
    found = lint(base)
    assert sorted(d.resource for d in of(found, "L-TGW-AZ")) == ["a-private-1b", "a-public"]
    d = next(d for d in of(found, "L-TGW-AZ") if d.resource == "a-private-1b")
    assert d.severity is Severity.ERROR and "us-east-1b" in d.message and "a-priv-1b" in d.message
    # replies from a-priv-1b to vpc-c are stranded the same way (reach: no-return-route, TGW-2)
    (r,) = of(found, "L-TGW-RETURN")
    assert r.resource == "att-a" and "a-priv-1b" in r.message and "us-east-1b" in r.message


def test_tgw_no_vpc_route(base):
    drop_routes(base, "vpc-c", "c-app", "tgw-hub")
    found = lint(base)
    (d,) = of(found, "L-TGW-NO-VPC-ROUTE")
    assert d.severity is Severity.WARNING and d.resource == "att-c"
    # and the A→C return path is gone: one finding, at the route table that lost its route
    # (a note: c-app now keeps its subnets isolated)
    (r,) = of(found, "L-TGW-RETURN")
    assert r.resource == "c-app" and r.severity is Severity.INFO
    assert r.location == load(base).get("route-table", "c-app").loc
    assert "route table 'c-app' keeps its subnet c-app-1a of 'vpc-c' isolated" in r.message
    assert "from VPC 'vpc-a'" in r.message and "c-app has no route to it" in r.message


@pytest.mark.parametrize("change", ["none", "two"])
def test_tgw_assoc(base, change):
    rts = tgw(base)["route_tables"]
    if change == "none":
        rts["tgw-rt"]["associations"] = ["att-a"]
        expect = "not associated"
    else:
        rts["tgw-rt-2"] = {"associations": ["att-c"]}
        expect = "2 route tables"
    found = of(lint(base), "L-TGW-ASSOC")
    assert found and found[0].resource == "att-c" and expect in found[0].message


def test_tgw_default_association_table_counts(base):
    rts = tgw(base)["route_tables"]
    rts["tgw-rt"]["associations"] = ["att-a"]
    tgw(base)["default_association_route_table"] = "tgw-rt"
    assert "L-TGW-ASSOC" not in codes(base)


def test_tgw_identical_and_overlapping_cidrs(base):
    vpc(base, "vpc-c")["secondary_cidrs"] = ["10.0.0.0/16"]
    (d,) = of(lint(base), "L-TGW-IDENTICAL-CIDR")
    assert d.severity is Severity.ERROR and "identical CIDR 10.0.0.0/16" in d.message
    vpc(base, "vpc-c")["secondary_cidrs"] = ["10.0.4.0/24"]
    (d,) = of(lint(base), "L-TGW-IDENTICAL-CIDR")
    assert d.severity is Severity.WARNING and "overlapping" in d.message


def test_tgw_return_missing_in_tgw_table(base):
    tgw(base)["route_tables"] = {
        "tgw-rt-a": {"associations": ["att-a"], "propagations": ["att-c"]},
        "tgw-rt-c": {"associations": ["att-c"], "propagations": []},
    }
    (d,) = of(lint(base), "L-TGW-RETURN")
    assert d.severity is Severity.WARNING and d.resource == "tgw-rt-c"
    assert "transit gateway route table 'tgw-rt-c' has no route back to VPC 'vpc-a' (attachment 'att-a' not " \
        "propagating into it), whose requests reach VPC 'vpc-c'" in d.message
    tgw(base)["route_tables"]["tgw-rt-c"]["routes"] = [{"destination": "10.0.0.0/16", "attachment": "att-a"}]
    assert "L-TGW-RETURN" not in codes(base)
    tgw(base)["route_tables"]["tgw-rt-c"]["routes"] = [{"destination": "10.0.0.0/16", "blackhole": True}]
    assert "L-TGW-RETURN" in codes(base)


def test_tgw_quota(base):
    tgw(base)["route_tables"].update({f"spare-{i:02d}": {} for i in range(20)})
    (d,) = of(lint(base), "L-TGW-QUOTA")
    assert d.resource == "tgw-hub" and "21 route tables" in d.message


def test_tgw_quota_second_attachment_same_vpc(base):
    tgw(base)["attachments"]["att-a2"] = {"vpc": "vpc-a", "subnets": ["a-priv-1a"]}
    tgw(base)["route_tables"]["tgw-rt"]["associations"].append("att-a2")
    found = of(lint(base), "L-TGW-QUOTA")
    assert [d.resource for d in found] == ["att-a2"]


# ----------------------------------------------------------------------------- NAT


def test_nat_public_in_private_subnet(base):
    vpc(base, "vpc-a")["nat_gateways"]["nat-a-1a"]["subnet"] = "a-priv-1a"
    found = of(lint(base), "L-NAT-PUBLIC")
    assert [d.resource for d in found] == ["nat-a-1a"]
    assert "sends 0.0.0.0/0 to nat-a-1a" in found[0].message and found[0].severity is Severity.ERROR


def test_nat_private_connectivity_needs_no_igw(base):
    vpc(base, "vpc-a")["nat_gateways"]["nat-a-1a"].update(subnet="a-priv-1a", connectivity="private")
    assert "L-NAT-PUBLIC" not in codes(base)


def test_nat_public_without_igw(base):
    vpc(base, "vpc-c")["nat_gateways"] = {"nat-c": {"subnet": "c-app-1a"}}
    (d,) = of(lint(base), "L-NAT-PUBLIC")
    assert "has no internet gateway" in d.message


def test_nat_az(base):
    table(base, "vpc-a", "a-private-1b")["routes"][0]["target"] = "nat-a-1a"
    (d,) = of(lint(base), "L-NAT-AZ")
    assert d.severity is Severity.INFO and d.resource == "a-private-1b" and "a-priv-1b" in d.message


# ----------------------------------------------------------------------------- coverage of the catalogue


def test_every_implemented_code_is_tested_here():
    import pathlib

    here = pathlib.Path(__file__).parent
    text = "".join(p.read_text() for p in here.glob("test_*.py"))
    missing = [code for code, r in RULES.items() if r.status == "implemented" and code not in text.replace(
        "test_every_implemented_code_is_tested_here", "")]
    assert missing == []


# ----------------------------------------------------------------------------- additions beyond §11


def test_cidr_vpc_rfc1918_ranges_do_not_mix(base):
    vpc(base, "vpc-c")["secondary_cidrs"] = ["192.168.0.0/16"]
    (d,) = of(lint(base), "L-CIDR-VPC")
    assert d.rule == "CIDR-2" and "192.168.0.0/16" in d.message and d.resource == "vpc-c"
    vpc(base, "vpc-c")["secondary_cidrs"] = ["10.3.0.0/16"]
    assert "L-CIDR-VPC" not in codes(base)
    vpc(base, "vpc-c")["secondary_cidrs"] = ["100.64.0.0/16"]  # not RFC 1918: allowed
    assert "L-CIDR-VPC" not in codes(base)


def test_peer_dns(base):
    base["peerings"]["pcx-a-b"]["allow_dns_resolution"] = True
    assert "L-PEER-DNS" not in codes(base)
    vpc(base, "vpc-b")["dns_hostnames"] = False
    (d,) = of(lint(base), "L-PEER-DNS")
    assert d.severity is Severity.WARNING and d.resource == "pcx-a-b" and "vpc-b dns_hostnames" in d.message


def test_lb_subnets(base):
    lbs = vpc(base, "vpc-b")["load_balancers"]
    lbs["orders-alb"]["subnets"] = ["b-app-1a"]
    (d,) = of(lint(base), "L-LB-SUBNETS")
    assert d.severity is Severity.ERROR and d.resource == "orders-alb" and "at least two AZs" in d.message
    lbs["orders-alb"]["subnets"] = ["b-app-1a", "b-app-1b"]
    vpc(base, "vpc-b")["subnets"]["b-app-1c"] = {"cidr": "10.1.3.0/24", "az": "us-east-1a", "route_table": "b-app"}
    lbs["orders-nlb"]["subnets"] = ["b-app-1a", "b-app-1b", "b-app-1c"]
    (d,) = of(lint(base), "L-LB-SUBNETS")
    assert d.resource == "orders-nlb" and "two subnets in us-east-1a" in d.message


def test_route_to_a_nat_gateway_of_another_vpc(base):
    add_route(base, "vpc-b", "b-app", "0.0.0.0/0", "nat-a-1a")
    (d,) = of(lint(base), "L-RT-BLACKHOLE")
    assert d.resource == "b-app" and "NAT gateway nat-a-1a is in vpc-a, not vpc-b" in d.message
