"""Route selection in one table (the data plane's one longest-prefix match): RT-PRI-1..4,
RT-BH-1, GWE-5, VGW-4, PL-8."""

from __future__ import annotations

import ipaddress

from vpcdocs.routing import Dest, EffectiveRoute, EffectiveRouteTable, RouteSelector
from vpcdocs.routing.prefix_lists import ResolvedPrefixList


def route(dest, target, origin="static", state="active", kind="nat-gateway", **kw):
    is_pl = not dest[0].isdigit()
    return EffectiveRoute(
        destination=dest, destination_type="prefix-list" if is_pl else "cidr", target=target,
        target_type=kind, origin=origin, state=state,
        network=None if is_pl else ipaddress.ip_network(dest), **kw)


def table(*routes):
    return RouteSelector(EffectiveRouteTable("rt", "vpc", False, (), (), tuple(routes)), "us-east-1")


def net(text):
    return Dest("net", ipaddress.ip_network(text))


def test_longest_prefix_wins_rt_pri_1():
    t = table(route("10.0.0.0/8", "tgw", kind="transit-gateway"), route("10.1.0.0/16", "pcx-b", kind="vpc-peering"))
    assert t.select(net("10.1.2.3/32")).target == "pcx-b"
    assert t.select(net("10.2.2.3/32")).target == "tgw"
    assert t.select(net("192.168.0.1/32")) is None


def test_static_beats_propagated_on_identical_destination_rt_pri_2():
    t = table(route("10.9.0.0/16", "vgw-1", origin="propagated", kind="vpn-gateway"),
              route("10.9.0.0/16", "pcx-x", kind="vpc-peering"))
    assert t.select(net("10.9.0.1/32")).target == "pcx-x"
    # …but a more specific propagated route still wins (RT-PRI-3, last sentence)
    t2 = table(route("10.9.1.0/24", "vgw-1", origin="propagated", kind="vpn-gateway"),
               route("10.9.0.0/16", "pcx-x", kind="vpc-peering"))
    assert t2.select(net("10.9.1.1/32")).target == "vgw-1"


def test_gateway_endpoint_route_matches_same_region_service_only_gwe_5():
    gwe = route("com.amazonaws.us-east-1.s3", "s3-gw", origin="gateway-endpoint", kind="gateway-endpoint",
                service="s3", service_region="us-east-1")
    t = table(route("0.0.0.0/0", "nat-a"), gwe)
    assert t.select(Dest("service", service="s3", region="us-east-1")).target == "s3-gw"
    assert t.select(Dest("service", service="s3", region="eu-west-1")).target == "nat-a"
    assert t.select(Dest("service", service="dynamodb", region="us-east-1")).target == "nat-a"
    assert t.select(Dest("internet")).target == "nat-a"
    # an address inside S3's (unknown) ranges is not matched by the prefix-list route
    assert t.select(net("52.216.1.1/32")).target == "nat-a"


def test_blackhole_longest_match_is_returned_not_skipped_rt_bh_1():
    t = table(route("10.0.0.0/8", "tgw", kind="transit-gateway"),
              route("10.1.0.0/16", "pcx-b", kind="vpc-peering", state="blackhole"))
    chosen = t.select(net("10.1.0.5/32"))
    assert chosen.target == "pcx-b" and chosen.state == "blackhole"


def test_routes_inside_a_block_are_detected():
    t = table(route("10.0.0.0/8", "tgw", kind="transit-gateway"), route("10.1.2.0/24", "eni-1", kind="network-interface"))
    assert t.splits(ipaddress.ip_network("10.1.0.0/16"))
    assert not t.splits(ipaddress.ip_network("10.2.0.0/16"))


def test_lookups_are_memoised():
    t = table(route("0.0.0.0/0", "nat-a"))
    for _ in range(5):
        t.select(net("10.1.0.0/16"))
    assert t.lookups == 1


def test_propagated_routes_rank_dx_then_vpn_static_then_vpn_bgp_vgw_4():
    t = table(route("10.9.0.0/16", "vgw-b", origin="propagated", kind="vpn-gateway", propagation="vpn-bgp"),
              route("10.9.0.0/16", "vgw-s", origin="propagated", kind="vpn-gateway", propagation="vpn-static"),
              route("10.9.0.0/16", "vgw-d", origin="propagated", kind="vpn-gateway", propagation="dx-bgp"))
    assert t.select(net("10.9.0.1/32")).target == "vgw-d"


def test_known_prefix_list_entries_take_part_in_longest_prefix_match_pl_8():
    pl = ResolvedPrefixList("corp", "corp", "us-east-1", None, (ipaddress.ip_network("192.168.10.0/24"),))
    t = table(route("0.0.0.0/0", "nat-a"), route("corp", "tgw", kind="transit-gateway", prefix_list=pl),
              route("192.168.0.0/16", "vgw-1", kind="vpn-gateway"))
    assert t.select(net("192.168.10.7/32")).target == "tgw"  # /24 entry beats the /16 static route
    assert t.select(net("192.168.11.7/32")).target == "vgw-1"
    assert t.select(net("8.8.8.8/32")).target == "nat-a"


def test_a_propagated_route_overlapping_local_is_never_used_vgw_6():
    t = table(route("10.0.0.0/16", "local", origin="local", kind="local"),
              route("10.0.1.0/24", "vgw-1", origin="propagated", kind="vpn-gateway", propagation="vpn-bgp",
                    selected=False))
    assert t.select(net("10.0.1.5/32")).target == "local"
