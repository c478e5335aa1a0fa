"""Route states that depend on what a target really is (RT-BH-1, RT-LOCAL-2, GWE-3, PEER-2)."""

from __future__ import annotations

from routing_helpers import EXAMPLE_TEXT, route_to, tables_of


def test_cidr_route_to_a_vpce_id_is_an_active_gwlb_endpoint():
    # middlebox routing: a subnet route to a Gateway Load Balancer endpoint (RT-LOCAL-2)
    text = EXAMPLE_TEXT.replace(
        "- {destination: 0.0.0.0/0, target: igw-a}",
        "- {destination: 0.0.0.0/0, target: vpce-0123456789abcdef0}",
    )
    route = route_to(tables_of(text)["a-public"], "0.0.0.0/0")
    assert (route.target_type, route.state) == ("gwlb-endpoint", "active")


def test_prefix_list_route_to_a_missing_vpce_is_a_blackhole():
    text = EXAMPLE_TEXT.replace(
        "- {destination: 0.0.0.0/0, target: igw-a}",
        "- {destination: pl-0123abcd, target: vpce-0123456789abcdef0}",
    )
    route = route_to(tables_of(text)["a-public"], "pl-0123abcd")
    assert (route.target_type, route.state) == ("gateway-endpoint", "blackhole")


def test_deleted_gateway_endpoint_adds_no_route():
    text = EXAMPLE_TEXT.replace(
        "s3-gw: {type: gateway, service: s3, route_tables: [a-private]}",
        "s3-gw: {type: gateway, service: s3, route_tables: [a-private], state: deleted}",
    )
    table = tables_of(text)["a-private"]
    assert [r for r in table.routes if r.origin == "gateway-endpoint"] == []


def test_route_to_a_nat_gateway_of_another_vpc_is_a_blackhole():
    # b-app cannot use vpc-a's NAT gateway, not even over the peering (PEER-2)
    text = EXAMPLE_TEXT.replace(
        "- {destination: 10.0.0.0/16, target: pcx-a-b}\npeerings",
        "- {destination: 10.0.0.0/16, target: pcx-a-b}\n          - {destination: 0.0.0.0/0, target: nat-a}\npeerings",
    )
    assert "target: nat-a}\npeerings" in text
    route = route_to(tables_of(text)["b-app"], "0.0.0.0/0")
    assert route.state == "blackhole"
    assert "nat-a is in vpc-a, not vpc-b" in route.reason
