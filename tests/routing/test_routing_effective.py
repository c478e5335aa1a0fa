"""Effective route tables (CIDR-4, RT-LOCAL-1, RT-2, GWE-2, RT-BH-1, PEER-7)."""

from __future__ import annotations

import json
import random

import pytest
from routing_helpers import EXAMPLE_TEXT, effective_route_tables, route_to, rows, tables_of

from vpcdocs.render.route_tables import render_json
from vpcdocs.routing import gateway_endpoint_route, managed_prefix_list_name
from vpcdocs.spec import load_sources, load_spec_text

S3_ROW = {
    "destination": "com.amazonaws.us-east-1.s3",
    "destination_type": "prefix-list",
    "target": "s3-gw",
    "target_type": "gateway-endpoint",
    "origin": "gateway-endpoint",
    "state": "active",
}


def _local(cidr):
    return {"destination": cidr, "destination_type": "cidr", "target": "local", "target_type": "local",
            "origin": "local", "state": "active"}


def _static(dest, target, kind, state="active"):
    return {"destination": dest, "destination_type": "cidr", "target": target, "target_type": kind,
            "origin": "static", "state": state}


# --------------------------------------------------------------------------- the issue's example


def test_issue_example_effective_tables_json():
    tables = tables_of(EXAMPLE_TEXT)
    assert json.loads(render_json(tables.values())) == {"route_tables": [
        {"id": "a-private", "vpc": "vpc-a", "main": True, "subnets": ["a-private"], "routes": [
            _local("10.0.0.0/16"),
            _static("0.0.0.0/0", "nat-a", "nat-gateway"),
            _static("10.1.0.0/16", "pcx-a-b", "vpc-peering"),
            S3_ROW,
        ]},
        {"id": "a-public", "vpc": "vpc-a", "main": False, "subnets": ["a-public"], "routes": [
            _local("10.0.0.0/16"),
            _static("0.0.0.0/0", "igw-a", "internet-gateway"),
        ]},
        {"id": "b-app", "vpc": "vpc-b", "main": False, "subnets": ["b-app"], "routes": [
            _local("10.1.0.0/16"),
            _static("10.0.0.0/16", "pcx-a-b", "vpc-peering"),
        ]},
    ]}


def test_gateway_endpoint_row_only_in_associated_tables():
    text = EXAMPLE_TEXT.replace("route_tables: [a-private]", "route_tables: [a-private, a-public]")
    tables = tables_of(text)
    with_row = sorted(t for t, table in tables.items() if any(r.origin == "gateway-endpoint" for r in table.routes))
    assert with_row == ["a-private", "a-public"]
    text = EXAMPLE_TEXT.replace("route_tables: [a-private]", "route_tables: []")
    assert all(r.origin != "gateway-endpoint" for t in tables_of(text).values() for r in t.routes)


def test_gateway_endpoint_with_prefix_list_id():
    text = EXAMPLE_TEXT.replace("route_tables: [a-private]}", "route_tables: [a-private], prefix_list_id: pl-63a5400a}")
    row = route_to(tables_of(text)["a-private"], "pl-63a5400a")
    assert row.to_json() == {**S3_ROW, "destination": "pl-63a5400a"}
    assert row.service == "s3"
    assert row.derived


def test_gateway_endpoint_service_written_in_full_keeps_its_region():
    text = EXAMPLE_TEXT.replace("service: s3,", "service: com.amazonaws.us-west-2.s3,")
    row = route_to(tables_of(text)["a-private"], "com.amazonaws.us-west-2.s3")
    assert (row.service, row.service_region, row.target) == ("s3", "us-west-2", "s3-gw")


def test_region_of_the_vpc_names_the_prefix_list():
    text = EXAMPLE_TEXT.replace("region: us-east-1\n", "region: eu-central-1\n").replace("us-east-1a", "eu-central-1a")
    assert route_to(tables_of(text)["a-private"], "com.amazonaws.eu-central-1.s3").target == "s3-gw"
    assert managed_prefix_list_name("eu-central-1", "dynamodb") == "com.amazonaws.eu-central-1.dynamodb"


def test_s3_and_dynamodb_endpoints_on_one_table():
    text = EXAMPLE_TEXT.replace(
        "      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}\n",
        "      s3-gw: {type: gateway, service: s3, route_tables: [a-private]}\n"
        "      ddb-gw: {type: gateway, service: dynamodb, route_tables: [a-private, a-public]}\n")
    tables = tables_of(text)
    derived = [(r.destination, r.target) for r in tables["a-private"].routes if r.origin == "gateway-endpoint"]
    assert derived == [("com.amazonaws.us-east-1.dynamodb", "ddb-gw"), ("com.amazonaws.us-east-1.s3", "s3-gw")]
    derived = [(r.destination, r.target) for r in tables["a-public"].routes if r.origin == "gateway-endpoint"]
    assert derived == [("com.amazonaws.us-east-1.dynamodb", "ddb-gw")]
    assert not any(r.origin == "gateway-endpoint" for r in tables["b-app"].routes)


def test_gateway_endpoint_route_function():
    topo = load_spec_text(EXAMPLE_TEXT).topology
    row = gateway_endpoint_route(topo.vpc("vpc-a"), topo.get("gateway-endpoint", "s3-gw"))
    assert row.to_json() == S3_ROW


def test_shipped_peering_spec_endpoint_rows():
    from routing_helpers import REPO

    tables = tables_of((REPO / "specs" / "peering.yaml").read_text())
    for table_id, table in tables.items():
        derived = sorted(r.target for r in table.routes if r.origin == "gateway-endpoint")
        expected = ["a-dynamodb", "a-s3"] if table_id in ("a-private-1a", "a-private-1b") else []
        assert derived == expected, table_id


# --------------------------------------------------------------------------- local routes (CIDR-4)

MULTI_CIDR = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    secondary_cidrs: [100.64.0.0/16, 10.2.0.0/16]
    ipv6_cidr: 2600:1f18:1234:5600::/56
    subnets:
      s1: {cidr: 10.0.0.0/24, az: us-east-1a}
      s2: {cidr: 100.64.1.0/24, az: us-east-1a, route_table: custom}
      s3: {cidr: 10.2.1.0/24, az: us-east-1b}
    route_tables:
      main: {main: true}
      custom:
        routes:
          - {destination: "::/0", target: eigw-0123456789abcdef0}
          - {destination: 0.0.0.0/0, target: nat-0123456789abcdef0}
"""


def test_local_route_per_vpc_cidr_in_every_table():
    tables = tables_of(MULTI_CIDR)
    expected_locals = [("10.0.0.0/16", "local", "local", "active"), ("10.2.0.0/16", "local", "local", "active"),
                       ("100.64.0.0/16", "local", "local", "active"),
                       ("2600:1f18:1234:5600::/56", "local", "local", "active")]
    for table in tables.values():
        assert [r for r in rows(table) if r[2] == "local"] == expected_locals
        assert rows(table)[:4] == expected_locals  # local routes come first
        assert all(r.target_type == "local" and r.derived for r in table.routes[:4])


def test_ipv6_routes_are_cidr_destinations():
    table = tables_of(MULTI_CIDR)["custom"]
    row = route_to(table, "::/0")
    assert row.to_json()["destination_type"] == "cidr"
    assert (row.target_type, row.state) == ("egress-only-internet-gateway", "active")


# --------------------------------------------------------------------------- main table (RT-2)


def test_subnets_without_association_use_the_main_table():
    tables = tables_of(MULTI_CIDR)
    assert tables["main"].subnets == ("s1", "s3")
    assert tables["main"].implicit_subnets == ("s1", "s3")
    assert tables["custom"].subnets == ("s2",)
    assert tables["custom"].implicit_subnets == ()


def test_explicit_association_with_the_main_table():
    text = MULTI_CIDR.replace("s1: {cidr: 10.0.0.0/24, az: us-east-1a}",
                              "s1: {cidr: 10.0.0.0/24, az: us-east-1a, route_table: main}")
    main = tables_of(text)["main"]
    assert main.subnets == ("s1", "s3")
    assert main.implicit_subnets == ("s3",)


def test_table_listed_subnets_count_as_explicit():
    text = MULTI_CIDR.replace("      custom:\n", "      custom:\n        subnets: [s3]\n")
    tables = tables_of(text)
    assert tables["custom"].subnets == ("s2", "s3")
    assert tables["main"].subnets == ("s1",)


# --------------------------------------------------------------------------- blackhole (RT-BH-1, PEER-7)

STATES = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    internet_gateway: {id: igw-a, aws_id: igw-0aaaaaaaaaaaaaaaa}
    subnets:
      a1: {cidr: 10.0.1.0/24, az: us-east-1a}
    nat_gateways:
      nat-ok: {subnet: a1, aws_id: nat-0bbbbbbbbbbbbbbbb}
      nat-gone: {subnet: a1, state: deleted, aws_id: nat-0cccccccccccccccc}
      nat-failed: {subnet: a1, state: failed}
      nat-new: {subnet: a1, state: pending}
    route_tables:
      rt:
        main: true
        routes:
          - {destination: 10.10.0.0/16, target: nat-ok}
          - {destination: 10.11.0.0/16, target: nat-gone}
          - {destination: 10.12.0.0/16, target: nat-failed}
          - {destination: 10.13.0.0/16, target: nat-new}
          - {destination: 10.14.0.0/16, target: pcx-pending}
          - {destination: 10.15.0.0/16, target: pcx-active}
          - {destination: 10.16.0.0/16, target: nat-0123456789abcdef0}
          - {destination: 10.17.0.0/16, target: igw-b}
          - {destination: 10.18.0.0/16, target: eni-0123456789abcdef0}
          - {destination: 10.19.0.0/16, target: vgw-0123456789abcdef0}
          - {destination: 10.20.0.0/16, target: i-0123456789abcdef0}
          - {destination: 10.21.0.0/16, target: pcx-b-c}
          - {destination: 10.22.0.0/16, target: tgw-1}
          - {destination: 10.23.0.0/16, target: tgw-2}
          - {destination: 10.24.0.0/16, target: pcx-0123456789abcdef0}
          - {destination: 10.25.0.0/16, target: nat-0bbbbbbbbbbbbbbbb}
          - {destination: 10.26.0.0/16, target: nat-0cccccccccccccccc}
          - {destination: 10.27.0.0/16, target: igw-0aaaaaaaaaaaaaaaa}
          - {destination: 0.0.0.0/0, target: igw-a}
          - {destination: pl-0123abcd, target: tgw-1}
  vpc-b:
    cidr: 10.1.0.0/16
    internet_gateway: igw-b
  vpc-c:
    cidr: 10.2.0.0/16
peerings:
  pcx-pending: {requester: vpc-a, accepter: vpc-b, status: pending-acceptance}
  pcx-active: {requester: vpc-c, accepter: vpc-a}
  pcx-b-c: {requester: vpc-b, accepter: vpc-c}
transit_gateways:
  tgw-1:
    attachments:
      att-a: {vpc: vpc-a, subnets: [a1]}
  tgw-2: {}
"""


@pytest.fixture(scope="module")
def states_table():
    return tables_of(STATES)["rt"]


@pytest.mark.parametrize(
    ("destination", "target", "target_type", "state", "reason"),
    [
        ("10.10.0.0/16", "nat-ok", "nat-gateway", "active", None),
        ("10.11.0.0/16", "nat-gone", "nat-gateway", "blackhole", "NAT gateway nat-gone is deleted"),
        ("10.12.0.0/16", "nat-failed", "nat-gateway", "blackhole", "NAT gateway nat-failed is failed"),
        ("10.13.0.0/16", "nat-new", "nat-gateway", "active", None),
        ("10.14.0.0/16", "pcx-pending", "vpc-peering", "blackhole", "pending-acceptance"),
        ("10.15.0.0/16", "pcx-active", "vpc-peering", "active", None),  # accepter side works too
        ("10.16.0.0/16", "nat-0123456789abcdef0", "nat-gateway", "blackhole", "does not exist"),
        ("10.17.0.0/16", "igw-b", "internet-gateway", "blackhole", "attached to vpc-b"),
        ("10.18.0.0/16", "eni-0123456789abcdef0", "network-interface", "active", None),
        ("10.19.0.0/16", "vgw-0123456789abcdef0", "vpn-gateway", "active", None),
        ("10.20.0.0/16", "i-0123456789abcdef0", "instance", "active", None),
        ("10.21.0.0/16", "pcx-b-c", "vpc-peering", "blackhole", "does not connect vpc-a"),
        ("10.22.0.0/16", "tgw-1", "transit-gateway", "active", None),
        ("10.23.0.0/16", "tgw-2", "transit-gateway", "blackhole", "no attachment"),
        ("10.24.0.0/16", "pcx-0123456789abcdef0", "vpc-peering", "blackhole", "does not exist"),
        # targets written as the aws_id of a spec object resolve to it
        ("10.25.0.0/16", "nat-ok", "nat-gateway", "active", None),
        ("10.26.0.0/16", "nat-gone", "nat-gateway", "blackhole", "deleted"),
        ("10.27.0.0/16", "igw-a", "internet-gateway", "active", None),
        ("0.0.0.0/0", "igw-a", "internet-gateway", "active", None),
        ("pl-0123abcd", "tgw-1", "transit-gateway", "active", None),
    ],
)
def test_route_states(states_table, destination, target, target_type, state, reason):
    row = route_to(states_table, destination)
    assert (row.target, row.target_type, row.state, row.origin) == (target, target_type, state, "static")
    if reason is None:
        assert row.reason is None
    else:
        assert reason in row.reason


@pytest.mark.parametrize("status", ["initiating-request", "pending-acceptance", "failed", "expired", "rejected",
                                    "provisioning", "deleting", "deleted"])
def test_every_non_active_peering_state_is_blackhole(status):
    text = EXAMPLE_TEXT.replace("{requester: vpc-a, accepter: vpc-b}",
                                f"{{requester: vpc-a, accepter: vpc-b, status: {status}}}")
    tables = tables_of(text)
    for table_id in ("a-private", "b-app"):
        rows_to_pcx = [r for r in tables[table_id].routes if r.target == "pcx-a-b"]
        assert [r.state for r in rows_to_pcx] == ["blackhole"]
    assert all(r.state == "active" for r in tables["a-public"].routes)


def test_prefix_list_destination_type(states_table):
    assert route_to(states_table, "pl-0123abcd").to_json()["destination_type"] == "prefix-list"


def test_external_peer_route_is_active():
    text = EXAMPLE_TEXT.replace(
        "peerings:\n", "peerings:\n  pcx-partner:\n    requester: vpc-a\n    accepter: {vpc: vpc-0partner, "
        "cidrs: [172.20.0.0/16], account: '444455556666', region: eu-west-1}\n").replace(
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n",
        "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n"
        "          - {destination: 172.20.0.0/16, target: pcx-partner}\n")
    row = route_to(tables_of(text)["a-private"], "172.20.0.0/16")
    assert (row.state, row.target_type) == ("active", "vpc-peering")


# --------------------------------------------------------------------------- order and determinism


def test_routes_sorted_stably_whatever_the_spec_order():
    lines = STATES.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "10.10.0.0/16" in line)
    end = next(i for i, line in enumerate(lines) if "pl-0123abcd" in line) + 1
    expected = render_json(tables_of(STATES).values())
    rng = random.Random(7)
    for _ in range(5):
        block = lines[start:end]
        rng.shuffle(block)
        shuffled = "".join(lines[:start] + block + lines[end:])
        assert render_json(tables_of(shuffled).values()) == expected


def test_route_order_within_a_table(states_table):
    dests = [r.destination for r in states_table.routes]
    assert dests[0] == "10.0.0.0/16"  # local first
    assert dests[1] == "0.0.0.0/0"  # then by address
    assert dests[-1] == "pl-0123abcd"  # prefix lists after CIDRs


def test_tables_sorted_by_vpc_then_id_whatever_the_file_order():
    a = EXAMPLE_TEXT
    head, rest = a.split("  vpc-b:\n", 1)
    vpc_b, peerings = rest.split("peerings:", 1)
    part_a = head + "peerings:" + peerings
    part_b = "region: us-east-1\nvpcs:\n  vpc-b:\n" + vpc_b
    one = load_sources([("specs/a.yaml", part_a.encode()), ("specs/b.yaml", part_b.encode())])
    two = load_sources([("specs/b.yaml", part_b.encode()), ("specs/a.yaml", part_a.encode())])
    assert one.ok and two.ok, [d.format() for d in one.diagnostics + two.diagnostics]
    out_one = render_json(effective_route_tables(one.topology))
    assert out_one == render_json(effective_route_tables(two.topology))
    assert out_one == render_json(effective_route_tables(load_spec_text(a).topology))


def test_vpc_filter():
    topo = load_spec_text(EXAMPLE_TEXT).topology
    assert [t.id for t in effective_route_tables(topo, vpc="vpc-b")] == ["b-app"]
    assert [t.id for t in effective_route_tables(topo, vpc="vpc-a")] == ["a-private", "a-public"]
    assert effective_route_tables(topo, vpc="vpc-x") == ()


def test_effective_tables_are_immutable():
    import dataclasses

    table = tables_of(EXAMPLE_TEXT)["a-private"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.routes = ()  # type: ignore[misc]
    assert isinstance(table.routes, tuple)
    assert table.loc.line >= 1 and all(r.loc.line >= 1 for r in table.routes)


def test_printers_cope_with_a_table_without_routes():
    from vpcdocs.render.route_tables import FORMATS
    from vpcdocs.routing import EffectiveRouteTable

    empty = EffectiveRouteTable(id="rt", vpc="vpc-a", main=True, subnets=(), implicit_subnets=(), routes=())
    assert "rt (main)" in FORMATS["table"]([empty])
    assert "| Destination | Target | Origin | State |" in FORMATS["markdown"]([empty])
    assert json.loads(FORMATS["json"]([empty]))["route_tables"][0]["routes"] == []


@pytest.mark.parametrize(("state", "expected"), [("available", "active"), ("pending", "active"),
                                                 ("deleted", "blackhole"), ("failed", "blackhole")])
def test_route_to_transit_gateway_follows_the_attachment_state(state, expected):
    text = STATES.replace("att-a: {vpc: vpc-a, subnets: [a1]}", f"att-a: {{vpc: vpc-a, subnets: [a1], state: {state}}}")
    row = route_to(tables_of(text)["rt"], "10.22.0.0/16")
    assert row.state == expected


def test_text_printer_does_not_send_terminal_escapes():
    from vpcdocs.render.route_tables import FORMATS

    text = EXAMPLE_TEXT.replace("      a-public:\n        routes:", '      "a-public\\e]0;owned\\a":\n        routes:')
    text = text.replace("route_table: a-public}", 'route_table: "a-public\\e]0;owned\\a"}')
    out = FORMATS["table"](tables_of(text).values())
    assert "\x1b" not in out and "\x07" not in out
    assert "a-public\\x1b]0;owned\\x07" in out
