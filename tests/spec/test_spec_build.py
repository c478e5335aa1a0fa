"""Facts spanning files: ids, references, regions (S-DUP-ID, S-REF, S-REGION), multi-file
spec trees, display paths and S-IO."""

from __future__ import annotations

import dataclasses
import os

import pytest
from spec_helpers import BASE, EXAMPLE_TEXT, SPECS, at, codes, formatted, load, only

from vpcdocs.diagnostics import Location
from vpcdocs.routing import dataplane
from vpcdocs.spec import find_spec_files, load_sources, load_specs

# --------------------------------------------------------------------------- S-DUP-ID

FILE_A = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      app: {cidr: 10.0.0.0/24, az: us-east-1a}
    route_tables:
      a-main: {main: true}
"""
FILE_B = """\
region: us-east-1
vpcs:
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      app: {cidr: 10.1.0.0/24, az: us-east-1a}
    route_tables:
      b-main: {main: true}
"""


def test_same_subnet_id_in_two_files():
    result = load_sources([("specs/a.yaml", FILE_A.encode()), ("specs/b.yaml", FILE_B.encode())])
    d = only(result, "S-DUP-ID")
    assert d.location == at(FILE_B, "app:", file="specs/b.yaml")
    assert d.related == (at(FILE_A, "app:", file="specs/a.yaml"),)
    assert "duplicate subnet id 'app'" in d.message
    assert d.hint == "ids must be unique per kind across all spec files"


def test_same_vpc_id_in_two_files():
    b = FILE_B.replace("vpc-b", "vpc-a").replace("app:", "app-b:").replace("b-main", "b-main")
    result = load_sources([("specs/a.yaml", FILE_A.encode()), ("specs/b.yaml", b.encode())])
    d = only(result, "S-DUP-ID")
    assert d.location == at(b, "vpc-a", file="specs/b.yaml")


def test_same_id_for_different_kinds_is_fine():
    text = FILE_A.replace("a-main: {main: true}", "app: {main: true}")
    result = load(text)
    assert result.diagnostics == []


def test_nat_gateway_and_peering_share_a_namespace():
    text = FILE_A + "    nat_gateways:\n      pcx-1: {subnet: app}\n" + FILE_B.replace("region: us-east-1\nvpcs:\n", "").replace(
        "app:", "b-app:") + "peerings:\n  pcx-1: {requester: vpc-a, accepter: vpc-b}\n"
    text = "region: us-east-1\nvpcs:\n" + text.split("vpcs:\n", 1)[1]
    result = load(text)
    d = only(result, "S-DUP-ID")
    assert d.location == at(text, "pcx-1:", 2)
    assert d.related == (at(text, "pcx-1:", 1),)
    assert "route targets share one namespace" in d.message


def test_internet_gateway_and_endpoint_share_a_namespace():
    text = BASE + "    endpoints:\n      igw-a: {type: gateway, service: s3}\n"
    d = only(load(text), "S-DUP-ID")
    assert d.location == at(text, "igw-a:")


# --------------------------------------------------------------------------- S-REF


@pytest.mark.parametrize(
    ("old", "new", "needle", "words", "hint"),
    [
        # a subnet's route table
        ("route_table: a-public}", "route_table: a-publc}", "a-publc", "unknown route table 'a-publc' in vpc-a",
         "did you mean 'a-public'?"),
        # a route target
        ("target: igw-a}", "target: igw-aa}", "igw-aa", "unknown route target 'igw-aa'", "did you mean 'igw-a'?"),
        # a route table's explicit subnet list
        ("        main: true\n", "        main: true\n        subnets: [a-private, a-privte]\n", "a-privte",
         "unknown subnet 'a-privte' in vpc-a", "did you mean 'a-private'?"),
    ],
)
def test_dangling_reference_with_hint(old, new, needle, words, hint):
    text = BASE.replace(old, new)
    assert text != BASE
    d = only(load(text), "S-REF")
    assert d.location == at(text, needle)
    assert words in d.message
    assert d.hint == hint


def test_unknown_target_without_close_match_explains_targets():
    text = BASE.replace("target: igw-a}", "target: my-router}")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "my-router")
    assert "eni-" in d.hint


def test_dangling_gateway_endpoint_route_table_item_is_located():
    text = BASE + ("    endpoints:\n      s3-gw:\n        type: gateway\n        service: s3\n"
                   "        route_tables:\n          - a-private\n          - a-pubilc\n")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "a-pubilc")
    assert d.hint == "did you mean 'a-public'?"


def test_reference_into_another_vpc():
    text = EXAMPLE_TEXT.replace("route_tables: [a-private]", "route_tables: [b-app]")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "b-app]")
    assert "belongs to vpc-b, not vpc-a" in d.message


def test_nat_gateway_in_unknown_subnet():
    text = EXAMPLE_TEXT.replace("nat-a: {subnet: a-public}", "nat-a: {subnet: a-pubic}")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "a-pubic")
    assert d.hint == "did you mean 'a-public'?"


def test_dangling_peering_vpc():
    text = EXAMPLE_TEXT.replace("accepter: vpc-b}", "accepter: vpc-bb}")
    result = load(text)
    d = only(result, "S-REF")
    assert d.location == at(text, "vpc-bb")
    assert d.message == "unknown VPC 'vpc-bb'"
    assert d.hint == "did you mean 'vpc-b'?"


TGW = BASE + """\
transit_gateways:
  tgw-1:
    attachments:
      att-a: {vpc: vpc-a, subnets: [a-private]}
    route_tables:
      trt:
        associations: [att-a]
        propagations: [att-a]
        routes:
          - {destination: 0.0.0.0/0, attachment: att-a}
"""


def test_tgw_fixture_is_clean():
    assert load(TGW).diagnostics == []


@pytest.mark.parametrize(
    ("old", "new", "needle", "words", "hint"),
    [
        ("associations: [att-a]", "associations: [att-aa]", "att-aa", "unknown attachment 'att-aa'",
         "did you mean 'att-a'?"),
        ("propagations: [att-a]", "propagations: [att-a, att-b]", "att-b", "unknown attachment 'att-b'",
         "did you mean 'att-a'?"),
        ("attachment: att-a}", "attachment: att-x}", "att-x", "unknown attachment 'att-x'",
         "did you mean 'att-a'?"),
        ("{vpc: vpc-a, subnets", "{vpc: vpc-aa, subnets", "vpc-aa", "unknown VPC 'vpc-aa'", "did you mean 'vpc-a'?"),
        ("subnets: [a-private]}", "subnets: [a-privat]}", "a-privat]", "unknown subnet 'a-privat' in vpc-a",
         "did you mean 'a-private'?"),
    ],
)
def test_dangling_tgw_references(old, new, needle, words, hint):
    text = TGW.replace(old, new)
    assert text != TGW
    d = only(load(text), "S-REF")
    assert d.location == at(text, needle)
    assert words in d.message
    assert d.hint == hint


def test_attachment_of_another_transit_gateway():
    text = TGW + "  tgw-2:\n    attachments:\n      att-2: {vpc: vpc-a, subnets: [a-public]}\n"
    text = text.replace("associations: [att-a]", "associations: [att-2]")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "att-2]")
    assert "belongs to transit gateway 'tgw-2'" in d.message


def test_interface_endpoint_is_not_a_route_target():
    text = BASE.replace("target: igw-a}", "target: sqs-ep}") + (
        "    endpoints:\n      sqs-ep: {type: interface, service: sqs, subnets: [a-private]}\n")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "sqs-ep}")
    assert "interface endpoint" in d.message


def test_dangling_refs_of_privatelink_objects():
    text = (SPECS / "privatelink.yaml").read_text()
    text = text.replace("endpoint_service: orders-svc", "endpoint_service: orders-svcc").replace(
        "load_balancers: [orders-nlb]", "load_balancers: [orders-nbl]").replace(
        "targets: [orders-alb]", "targets: [orders-alv]").replace(
        "security_groups: [sg-orders-endpoint]", "security_groups: [sg-orders-endpont]")
    result = load(text)
    refs = [d for d in result.diagnostics if d.code == "S-REF"]
    assert [(d.location, d.hint) for d in refs] == [
        (at(text, "orders-svcc"), "did you mean 'orders-svc'?"),
        (at(text, "sg-orders-endpont"), "did you mean 'sg-orders-endpoint'?"),
        (at(text, "orders-alv"), "did you mean 'orders-alb'?"),
        (at(text, "orders-nbl"), "did you mean 'orders-nlb'?"),
    ], formatted(result)


def test_unknown_expectation_via():
    text = EXAMPLE_TEXT + "expect:\n  - {from: a-private, to: s3, via: s3-gv}\n"
    d = only(load(text), "S-REF")
    assert d.location == at(text, "{from: a-private")
    assert d.hint == "did you mean 's3-gw'?"


def test_listener_target_group():
    text = BASE + ("    load_balancers:\n      nlb:\n        type: network\n        subnets: [a-private]\n"
                   "        listeners:\n          - {port: 443, protocol: TCP, target_group: tg-a}\n"
                   "        target_groups:\n          tg-b: {target_type: ip}\n")
    d = only(load(text), "S-REF")
    assert d.location == at(text, "tg-a")


# --------------------------------------------------------------------------- S-REGION


def test_vpc_without_region():
    text = BASE.replace("region: us-east-1\n", "")
    d = only(load(text), "S-REGION")
    assert d.location == at(text, "vpc-a")
    assert d.hint


def test_transit_gateway_without_region():
    text = TGW.replace("region: us-east-1\n", "").replace("    cidr: 10.0.0.0/16\n",
                                                           "    cidr: 10.0.0.0/16\n    region: us-east-1\n")
    d = only(load(text), "S-REGION")
    assert d.location == at(text, "tgw-1")


def test_region_per_vpc_overrides_file_region():
    text = EXAMPLE_TEXT.replace("  vpc-b:\n    cidr: 10.1.0.0/16\n", "  vpc-b:\n    cidr: 10.1.0.0/16\n    region: eu-west-1\n")
    result = load(text)
    assert result.ok
    assert result.topology.vpc("vpc-a").region == "us-east-1"
    assert result.topology.vpc("vpc-b").region == "eu-west-1"


def test_file_region_does_not_leak_into_other_files():
    a = FILE_A
    b = FILE_B.replace("region: us-east-1\n", "").replace("app:", "b-app:")
    result = load_sources([("specs/a.yaml", a.encode()), ("specs/b.yaml", b.encode())])
    d = only(result, "S-REGION")
    assert d.location.file == "specs/b.yaml"


# --------------------------------------------------------------------------- multi-file specs and S-IO


def _write(root, files: dict[str, str | bytes]):
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)


CROSS_A = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-app: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-app}
    route_tables:
      a-app:
        main: true
        routes:
          - {destination: 10.1.0.0/16, target: pcx-a-b}
"""
CROSS_B = """\
region: us-east-1
vpcs:
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}
    route_tables:
      b-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-b}
"""
CROSS_P = "peerings:\n  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n"


def test_references_across_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"specs/vpc-a.yaml": CROSS_A, "specs/accounts/vpc-b.yml": CROSS_B,
                      "specs/peerings.yaml": CROSS_P})
    result = load_specs("specs")
    assert result.diagnostics == [], formatted(result)
    assert result.topology.files == ("specs/accounts/vpc-b.yml", "specs/peerings.yaml", "specs/vpc-a.yaml")
    peering = result.topology.get("peering", "pcx-a-b")
    assert (peering.requester, peering.accepter) == ("vpc-a", "vpc-b")
    # every object knows the file (relative display path) and line it came from
    assert result.topology.vpc("vpc-b").loc == Location("specs/accounts/vpc-b.yml", 3, 3)
    assert peering.loc == Location("specs/peerings.yaml", 2, 3)
    route = result.topology.route_table("a-app").routes[0]
    assert route.loc.file == "specs/vpc-a.yaml" and route.loc.line == 11


def test_display_paths_are_relative_in_diagnostics(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"specs/vpc-a.yaml": CROSS_A.replace("pcx-a-b", "pcx-a-c"), "specs/vpc-b.yaml": CROSS_B,
                      "specs/peerings.yaml": CROSS_P})
    result = load_specs("specs")
    d = only(result, "S-REF")
    assert d.location == at(CROSS_A.replace("pcx-a-b", "pcx-a-c"), "pcx-a-c", file="specs/vpc-a.yaml")
    assert d.format().startswith("specs/vpc-a.yaml:11:")
    # an absolute path argument still shows relative paths
    result = load_specs(str(tmp_path / "specs"))
    assert only(result, "S-REF").location.file == "specs/vpc-a.yaml"


def test_path_outside_working_directory_is_shown_as_given(tmp_path, monkeypatch):
    _write(tmp_path, {"specs/a.yaml": CROSS_A})
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = load_specs(tmp_path / "specs")
    d = only(result, "S-REF")
    assert d.location.file == str(tmp_path / "specs" / "a.yaml")


def test_find_spec_files_order_and_filters(tmp_path):
    _write(tmp_path, {"b.yaml": "", "a.yml": "", "sub/c.yaml": "", ".hidden/x.yaml": "", "sub/.y.yaml": "",
                      "notes.txt": "", "z.yaml.bak": ""})
    assert [p.relative_to(tmp_path).as_posix() for p in find_spec_files(tmp_path)] == ["a.yml", "b.yaml",
                                                                                        "sub/c.yaml"]


def test_single_file_argument(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"one.yaml": EXAMPLE_TEXT})
    result = load_specs("one.yaml")
    assert result.diagnostics == []
    assert result.topology.files == ("one.yaml",)


def test_missing_path_is_s_io(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = load_specs("nowhere")
    d = only(result, "S-IO")
    assert d.location == Location("nowhere")
    assert not result.ok


def test_folder_without_specs_is_s_io(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"specs/readme.md": "# nothing"})
    d = only(load_specs("specs"), "S-IO")
    assert "no *.yaml" in d.message


def test_unreadable_file_is_s_io_and_others_still_load(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"specs/good.yaml": EXAMPLE_TEXT})
    os.symlink(tmp_path / "gone.yaml", tmp_path / "specs" / "broken.yaml")
    result = load_specs("specs")
    d = only(result, "S-IO")
    assert d.location.file == "specs/broken.yaml"
    assert "cannot read file" in d.message
    assert [v.id for v in result.topology.vpcs] == ["vpc-a", "vpc-b"]


def test_empty_file_among_others_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"specs/good.yaml": EXAMPLE_TEXT, "specs/todo.yaml": "# later\n"})
    result = load_specs("specs")
    assert codes(result) == ["S-EMPTY"]
    assert result.ok
    assert only(result, "S-EMPTY").location == Location("specs/todo.yaml", 1, 1)


# --------------------------------------------------------------------------- the model


def test_issue_example_loads_clean():
    result = load(EXAMPLE_TEXT, "specs/example.yaml")
    assert result.diagnostics == [], formatted(result)
    topo = result.topology
    assert [v.id for v in topo.vpcs] == ["vpc-a", "vpc-b"]
    assert topo.vpc("vpc-a").internet_gateway == "igw-a"
    assert [s.id for s in topo.subnets_of("vpc-a")] == ["a-private", "a-public"]
    assert topo.get("nat-gateway", "nat-a").subnet == "a-public"
    ep = topo.get("gateway-endpoint", "s3-gw")
    assert (ep.service, ep.route_tables, ep.vpc) == ("s3", ("a-private",), "vpc-a")
    assert next(t for t in dataplane(topo).tables_of("vpc-a") if t.main).id == "a-private"
    route = topo.route_table("a-private").routes[1]
    assert (route.destination, route.target, route.target_kind, route.target_resolved) == (
        "10.1.0.0/16", "pcx-a-b", "vpc-peering", True)


@pytest.mark.parametrize("name", sorted(p.name for p in SPECS.glob("*.yaml")))
def test_shipped_specs_load_clean(name):
    result = load((SPECS / name).read_bytes(), f"specs/{name}")
    assert result.diagnostics == [], formatted(result)


def test_shipped_spec_tree_loads_clean(monkeypatch):
    monkeypatch.chdir(SPECS.parent)
    result = load_specs("specs")
    assert result.diagnostics == [], formatted(result)
    assert all(f.startswith("specs/") for f in result.topology.files)


def test_model_is_immutable_and_located():
    topo = load(EXAMPLE_TEXT, "specs/example.yaml").topology
    with pytest.raises(dataclasses.FrozenInstanceError):
        topo.vpcs = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        topo.vpc("vpc-a").region = "eu-west-1"  # type: ignore[misc]
    assert isinstance(topo.vpcs, tuple) and isinstance(topo.route_table("a-private").routes, tuple)
    for kind, item in topo.iter_resources():
        assert item.loc.file == "specs/example.yaml", (kind, item.id)
        assert item.loc.line >= 1 and item.loc.column >= 1, (kind, item.id)
    assert topo.vpc("vpc-a").loc == at(EXAMPLE_TEXT, "vpc-a:", file="specs/example.yaml")
    assert topo.get("internet-gateway", "igw-a").loc == at(EXAMPLE_TEXT, "igw-a", file="specs/example.yaml")


def test_aws_ids_descriptions_and_tags_are_kept():
    text = EXAMPLE_TEXT.replace("  vpc-a:\n    cidr: 10.0.0.0/16\n",
                                "  vpc-a:\n    cidr: 10.0.0.0/16\n    aws_id: vpc-0a1b2c3d4e5f60718\n"
                                "    description: Hub\n    tags: {Team: net, Env: prod}\n")
    vpc = load(text).topology.vpc("vpc-a")
    assert (vpc.aws_id, vpc.description, vpc.tags) == ("vpc-0a1b2c3d4e5f60718", "Hub",
                                                       (("Env", "prod"), ("Team", "net")))


def test_route_table_subnet_list_is_an_association():
    text = BASE.replace("      a-private: {cidr: 10.0.1.0/24, az: us-east-1a}\n",
                        "      a-private: {cidr: 10.0.1.0/24, az: us-east-1a}\n      a-db: {cidr: 10.0.2.0/24, "
                        "az: us-east-1a}\n").replace("      a-public:\n        routes:",
                                                     "      a-public:\n        subnets: [a-db]\n        routes:")
    result = load(text)
    assert result.ok, formatted(result)
    assert result.topology.subnet("a-db").route_table == "a-public"
    assert dataplane(result.topology).subnet_table("a-db") == "a-public"
    assert dataplane(result.topology).subnet_table("a-private") == "a-private"  # main


@pytest.mark.parametrize("target", ["i-gv", "eni-primary", "vgw-office"])
def test_target_that_only_looks_like_an_unmodelled_aws_id_is_an_error(target):
    text = BASE.replace("target: igw-a}", f"target: {target}}}")
    d = only(load(text), "S-REF")
    assert d.location == at(text, target)


@pytest.mark.parametrize(
    ("target", "kind", "destination"),
    [("eni-0a1b2c3d", "network-interface", "0.0.0.0/0"), ("i-0123456789abcdef0", "instance", "0.0.0.0/0"),
     ("vgw-81fd279f", "vpn-gateway", "0.0.0.0/0"),
     ("eigw-0123456789abcdef0", "egress-only-internet-gateway", "'::/0'"),  # IPv6 only (V6-4)
     ("arn:aws:networkmanager::111122223333:core-network/core-network-0123", "core-network", "0.0.0.0/0")],
)
def test_unmodelled_aws_targets_are_accepted(target, kind, destination):
    text = BASE.replace("{destination: 0.0.0.0/0, target: igw-a}", f"{{destination: {destination}, target: '{target}'}}")
    result = load(text)
    assert result.diagnostics == [], formatted(result)
    route = result.topology.route_table("a-public").routes[0]
    assert (route.target, route.target_kind, route.target_resolved) == (target, kind, False)


def test_unlistable_folder_is_s_io(tmp_path, monkeypatch):
    # root can list any folder, so simulate the permission error os.walk reports
    import vpcdocs.spec.loader as loader

    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {"specs/good.yaml": EXAMPLE_TEXT, "specs/secret/x.yaml": "region: us-east-1\n"})
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        for dirpath, dirnames, filenames in real_walk(top, onerror=onerror, **kw):
            if dirpath.endswith("secret"):
                if onerror:
                    onerror(PermissionError(13, "Permission denied", dirpath))
                continue
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(loader.os, "walk", walk)
    result = load_specs("specs")
    d = only(result, "S-IO")
    assert d.location == Location("specs/secret")
    assert "Permission denied" in d.message
    assert not result.ok
    assert [v.id for v in result.topology.vpcs] == ["vpc-a", "vpc-b"]
