"""The rule violations issue 2 requires as errors, with their spec locations."""

from lint_helpers import codes, lint, of

from vpcdocs.diagnostics import Location, Severity

ISSUE2_EXAMPLE = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    internet_gateway: igw-a
    subnets:
      a-public:  {cidr: 10.0.0.0/24, az: us-east-1a, route_table: a-public}
      a-private: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-private}
    nat_gateways:
      nat-a: {subnet: a-public}
    route_tables:
      a-public:
        routes:
          - {destination: 0.0.0.0/0, target: igw-a}
      a-private:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: nat-a}
          - {destination: 10.1.0.0/16, target: pcx-a-b}
    endpoints:
      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}
    route_tables:
      b-app:
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-b}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
"""


def _example(**replacements):
    text = ISSUE2_EXAMPLE
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_issue2_example_is_clean():
    assert lint(ISSUE2_EXAMPLE) == []


def test_gwe3_manual_endpoint_route_is_an_error_at_the_route():
    text = ISSUE2_EXAMPLE.replace(
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n    endpoints",
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n"
        "          - {destination: com.amazonaws.us-east-1.s3, target: s3-gw}\n    endpoints")
    (d,) = of(lint(text), "L-GWE-MANUAL-ROUTE")
    assert d.severity is Severity.ERROR
    assert d.rule == "GWE-3"
    assert d.location == Location("spec.yaml", 20, 13)
    assert d.resource == "a-private"
    assert "route_tables" in d.hint


def test_gwe3_route_to_a_gwlb_style_vpce_id_is_not_a_manual_endpoint_route():
    text = ISSUE2_EXAMPLE.replace(
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n    endpoints",
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n"
        "          - {destination: 10.0.0.0/24, target: vpce-0123456789abcdef0}\n    endpoints")
    assert "L-GWE-MANUAL-ROUTE" not in codes(text)
    assert "L-RT-LOCAL-SPECIFIC" not in codes(text)


def test_gwe4_two_s3_endpoints_on_one_table():
    text = ISSUE2_EXAMPLE.replace(
        "      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}\n",
        "      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}\n"
        "      s3-gw-2: {type: gateway, service: s3, route_tables: [a-private, a-public]}\n"
        "      ddb-gw: {type: gateway, service: dynamodb, route_tables: [a-private]}\n")
    (d,) = of(lint(text), "L-GWE-DUP-RT")
    assert d.severity is Severity.ERROR and d.rule == "GWE-4"
    assert d.location.line == 22 and d.resource == "s3-gw-2"
    assert "'s3-gw'" in d.message and "a-private" in d.message


def test_gwe4_same_service_on_different_tables_is_fine():
    text = ISSUE2_EXAMPLE.replace(
        "      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}\n",
        "      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}\n"
        "      s3-gw-2: {type: gateway, service: s3, route_tables: [a-public]}\n")
    assert "L-GWE-DUP-RT" not in codes(text)


def test_gwe1_gateway_endpoint_for_another_service():
    (d,) = of(lint(_example(**{"service: s3": "service: sqs"})), "L-GWE-SERVICE")
    assert d.severity is Severity.ERROR and d.rule == "GWE-1" and d.location.line == 21
    assert "L-GWE-SERVICE" not in codes(_example(**{"service: s3": "service: dynamodb"}))
    assert "L-GWE-SERVICE" not in codes(_example(**{"service: s3": "service: com.amazonaws.us-east-1.s3"}))


def _with_route(dest: str, target: str) -> str:
    return ISSUE2_EXAMPLE.replace(
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n    endpoints",
        f"          - {{destination: 10.1.0.0/16, target: pcx-a-b}}\n"
        f"          - {{destination: {dest}, target: {target}}}\n    endpoints")


def test_rt_local_2_more_specific_route_not_a_subnet_cidr():
    (d,) = of(lint(_with_route("10.0.1.0/25", "nat-a")), "L-RT-LOCAL-SPECIFIC")
    assert d.severity is Severity.ERROR and d.rule == "RT-LOCAL-2"
    assert d.location == Location("spec.yaml", 20, 13)
    assert "not the CIDR of a subnet" in d.message


def test_rt_local_2_more_specific_route_with_a_wrong_target():
    (d,) = of(lint(_with_route("10.0.0.0/24", "igw-a")), "L-RT-LOCAL-SPECIFIC")
    assert "internet-gateway" in d.message and "not the CIDR" not in d.message


def test_rt_local_2_allowed_middlebox_routes():
    assert "L-RT-LOCAL-SPECIFIC" not in codes(_with_route("10.0.0.0/24", "nat-a"))
    assert "L-RT-LOCAL-SPECIFIC" not in codes(_with_route("10.0.0.0/24", "eni-0123456789abcdef0"))
    # less specific than the VPC CIDR, or outside it: not a local-route matter
    assert "L-RT-LOCAL-SPECIFIC" not in codes(_with_route("10.0.0.0/8", "pcx-a-b"))


def test_rt_local_4_route_equal_to_the_vpc_cidr():
    (d,) = of(lint(_with_route("10.0.0.0/16", "nat-a")), "L-RT-LOCAL-SPECIFIC")
    assert d.rule == "RT-LOCAL-4" and "equals a CIDR" in d.message


def test_rt_tgt_3_reserved_destinations():
    (d,) = of(lint(_with_route("169.254.169.0/24", "nat-a")), "L-RT-RESERVED")
    assert d.severity is Severity.ERROR and d.rule == "RT-TGT-3" and d.location.line == 20
    assert "L-RT-RESERVED" not in codes(_with_route("169.254.0.0/16", "igw-a"))


def test_sub1_subnet_outside_vpc_overlapping_or_badly_sized():
    text = _example(**{"b-app: {cidr: 10.1.1.0/24": "b-app: {cidr: 10.9.1.0/24"})
    (d,) = of(lint(text), "L-CIDR-OVERLAP-SUBNET")
    assert d.severity is Severity.ERROR and d.rule == "SUB-1"
    assert d.location == Location("spec.yaml", 25, 7) and d.resource == "b-app"
    assert "not inside" in d.message

    text = _example(**{"a-private: {cidr: 10.0.1.0/24": "a-private: {cidr: 10.0.0.128/25"})
    (d,) = of(lint(text), "L-CIDR-OVERLAP-SUBNET")
    assert "overlaps subnet 'a-public'" in d.message and d.related

    text = _example(**{"a-private: {cidr: 10.0.1.0/24": "a-private: {cidr: 10.0.1.0/28"})
    assert "L-CIDR-OVERLAP-SUBNET" not in codes(text)
    text = _example(**{"a-private: {cidr: 10.0.1.0/24": "a-private: {cidr: 10.0.1.0/29"})
    (d,) = of(lint(text), "L-CIDR-OVERLAP-SUBNET")
    assert "/29" in d.message


def test_cidr1_vpc_size_and_secondary_overlap():
    text = _example(**{"cidr: 10.1.0.0/16": "cidr: 10.1.0.0/16\n    secondary_cidrs: [10.1.128.0/17, 10.3.0.0/16]"})
    (d,) = of(lint(text), "L-CIDR-VPC")
    assert d.severity is Severity.ERROR and d.rule == "CIDR-1" and "overlaps" in d.message
    assert d.location == Location("spec.yaml", 22, 3)  # the VPC

    text = _example(**{"cidr: 10.1.0.0/16": "cidr: 10.0.0.0/8"})
    assert "L-CIDR-VPC" in codes(text)


def test_rt2_two_main_tables():
    text = _example(**{"      b-app:\n        routes": "      b-app:\n        main: true\n        routes"})
    text = text.replace("      a-public:\n        routes", "      a-public:\n        main: true\n        routes")
    (d,) = of(lint(text), "L-RT-MAIN")
    assert d.severity is Severity.ERROR and d.rule == "RT-2"
    assert "a-private" in d.message and "a-public" in d.message


def test_rt2_no_main_table_for_unassociated_subnets():
    text = _example(**{"b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}":
                       "b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}\n"
                       "      b-db: {cidr: 10.1.2.0/24, az: us-east-1a}"})
    (d,) = of(lint(text), "L-RT-MAIN")
    assert "no main route table" in d.message and "b-db" in d.message and d.resource == "vpc-b"
    # all subnets explicit: a VPC without a main table in the spec is fine (AWS has a default one)
    assert "L-RT-MAIN" not in codes(ISSUE2_EXAMPLE)


def test_rt1_subnet_in_two_tables():
    text = _example(**{"      a-public:\n        routes": "      a-public:\n        subnets: [a-private]\n        routes"})
    (d,) = of(lint(text), "L-RT-MULTI-ASSOC")
    assert d.severity is Severity.ERROR and d.rule == "RT-1" and d.resource == "a-private"
    assert "a-private, a-public" in d.message and len(d.related) == 2
    text = _example(**{"      a-public:\n        routes": "      a-public:\n        subnets: [a-public]\n        routes"})
    assert "L-RT-MULTI-ASSOC" not in codes(text)
