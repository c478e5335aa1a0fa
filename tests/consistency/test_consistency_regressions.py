"""One regression test per divergence reproduced in issue 10 ("Why"), and one per divergence
the consistency properties found (ids CONS-n, listed in :mod:`consistency_known`). Each
builds the small variant described there and asserts that every place showing the fact
agrees."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

from consistency_views import (
    cli_reach,
    comparable,
    diagram_legend_lines,
    diagram_subnet_style,
    page,
    run_cli,
    shown,
    site,
    site_answers,
    site_subnet_types,
    site_tgw_tables,
    spec_dir,
    vpc_diagram_dot,
    vpc_page,
    vpc_page_matrix,
)

from vpcdocs.analysis.lint import raw_findings
from vpcdocs.analysis.reach import Disposition, reach, subnet_matrix, vpc_matrix
from vpcdocs.diff.findings import diff_findings
from vpcdocs.diff.reachability import diff_reachability
from vpcdocs.model import Topology
from vpcdocs.routing import Dest, dataplane, effective, longest_route
from vpcdocs.spec import load_spec_text, load_specs

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "specs"


def load(text: str) -> Topology:
    result = load_spec_text(text, "spec.yaml")
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


def codes_about(findings, resource: str) -> set[str]:
    return {d.code for d in findings if d.resource == resource}


# ---------------------------------------------------------------------------------------- issue 10, bullet 1

def test_secondary_cidr_source_page_matrix_diff_and_reach_agree(tmp_path: Path) -> None:
    """c-data-1a (VPC C's second CIDR) → a-private-1a: the request arrives, the reply has no
    route back to 10.3.0.0/16. The VPC C page said "reachable"; reach says not."""
    answer = reach(load_specs(SPECS).topology, "c-data-1a", "a-private-1a")
    assert answer.disposition == Disposition.NO_RETURN_ROUTE
    assert cli_reach(SPECS, "c-data-1a", "a-private-1a") == shown(answer)
    built = site(_copy_specs(tmp_path))
    cells = vpc_page_matrix(vpc_page(built, "vpc-c"))
    assert cells[("c-data-1a", "a-private-1a")].reachable is False
    assert cells[("c-app-1a", "a-private-1a")].reachable is True  # same route table, other CIDR
    detail = site_answers(built)[("c-data-1a", "a-private-1a")]  # what a click on the cell shows
    assert detail == comparable(shown(answer), detail)
    # The diff: adding the return route opens c-data-1a → a-private-1a only, not c-app-1a's flows.
    base = load_specs(SPECS).topology
    text = (SPECS / "peering.yaml").read_text()
    fixed = text.replace("          - {destination: 10.2.0.0/16, target: pcx-a-c, description: to VPC C}\n",
                         "          - {destination: 10.2.0.0/16, target: pcx-a-c, description: to VPC C}\n"
                         "          - {destination: 10.3.0.0/16, target: pcx-a-c}\n")
    assert fixed != text
    head = _load_tree({"peering.yaml": fixed, "privatelink.yaml": (SPECS / "privatelink.yaml").read_text(),
                       "transit-hub.yaml": (SPECS / "transit-hub.yaml").read_text()}, tmp_path / "head")
    changes = {(c.level, c.source, c.destination): c for c in diff_reachability(base, head)}
    opened = changes[("subnet", "c-data-1a", "a-private-1a")]
    assert (_ok(opened.before), _ok(opened.after)) == (False, True)
    assert ("subnet", "c-app-1a", "a-private-1a") not in changes
    for (level, src, dst), c in changes.items():  # every change is what reach says on each side
        assert _ok(c.before) == reach(base, src, dst).reachable, (level, src, dst)
        assert _ok(c.after) == reach(head, src, dst).reachable, (level, src, dst)


def _ok(side: object) -> bool:
    """A diff side's "reachable": a bool, or a flow state with a disposition."""
    return side if isinstance(side, bool) else getattr(side, "disposition", None) == "accepted"


def _copy_specs(tmp_path: Path) -> Path:
    root = tmp_path / "specs"
    root.mkdir()
    for f in SPECS.glob("*.yaml"):
        (root / f.name).write_text(f.read_text())
    return root


def _load_tree(files: dict[str, str], root: Path) -> Topology:
    root.mkdir(parents=True)
    for name, text in files.items():
        (root / name).write_text(text)
    result = load_specs(root)
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


# ---------------------------------------------------------------------------------------- bullet 2

TGW_DEFAULTS = """\
region: eu-west-1
vpcs:
  vpc-app1:
    cidr: 10.110.0.0/16
    subnets:
      app1-1a: {cidr: 10.110.1.0/24, az: eu-west-1a, route_table: app1}
    route_tables:
      app1:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}
  vpc-app2:
    cidr: 10.111.0.0/16
    subnets:
      app2-1a: {cidr: 10.111.1.0/24, az: eu-west-1a, route_table: app2}
    route_tables:
      app2:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-hub}
transit_gateways:
  tgw-hub:
    default_association_route_table: rt-default
    default_propagation_route_table: rt-default
    attachments:
      att-app1: {vpc: vpc-app1, subnets: [app1-1a]}
      att-app2: {vpc: vpc-app2, subnets: [app2-1a]}
    route_tables:
      rt-default: {}
"""


def test_tgw_default_tables_check_reach_and_site_agree() -> None:
    """TGW-5: attachments associated and propagating only through the default tables."""
    topo = load(TGW_DEFAULTS)
    dp = dataplane(topo)
    assert dp.association("att-app1") == dp.association("att-app2") == "rt-default"
    with spec_dir(TGW_DEFAULTS) as root:
        code, out = run_cli("check", str(root), "--format", "json")
        assert (code, json.loads(out)) == (0, [])
        built = site(root)
        answer = reach(topo, "app1-1a", "app2-1a")
        assert cli_reach(root, "app1-1a", "app2-1a") == shown(answer)
    assert answer.reachable
    assert [h.route_table for h in answer.path if h.at == "tgw-hub"] == ["rt-default"]
    table = site_tgw_tables(page(built, "network/tgw/tgw-hub.md"), ["rt-default"])["rt-default"]
    assert table.associations == table.propagations == ("att-app1", "att-app2")
    assert table.routes == (("10.110.0.0/16", "att-app1", "active"), ("10.111.0.0/16", "att-app2", "active"))
    assert "(default, TGW-5)" in page(built, "network/tgw/tgw-hub.md").replace("\\", "")  # Markdown-escaped


# ---------------------------------------------------------------------------------------- bullet 3

IGW_BLACKHOLE = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    internet_gateway: igw-a
    subnets:
      a-web: {cidr: 10.0.0.0/24, az: us-east-1a, route_table: rt-web}
      a-gone: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: rt-gone}
    nat_gateways:
      nat-a: {subnet: a-web}
    route_tables:
      rt-web:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-a, state: blackhole}
      rt-gone:
        routes:
          - {destination: 0.0.0.0/0, target: igw-0123456789abcdef0}
"""


def test_subnet_whose_only_igw_route_is_a_blackhole_is_not_public_anywhere() -> None:
    topo = load(IGW_BLACKHOLE)
    dp = dataplane(topo)
    dot = vpc_diagram_dot(topo, "vpc-a")
    with spec_dir(IGW_BLACKHOLE) as root:
        table = site_subnet_types(vpc_page(site(root), "vpc-a"))
    for s in ("a-web", "a-gone"):
        assert dp.subnet_class(s) != "public"
        assert diagram_subnet_style(dot, s)[0] == "private"
        assert table[s] == dp.subnet_class(s)
        assert reach(topo, "internet", s).disposition == Disposition.NOT_PUBLIC
    assert "L-NAT-PUBLIC" in codes_about(raw_findings(topo), "nat-a")  # lint: its NAT is not in a public subnet


# ---------------------------------------------------------------------------------------- bullet 4

DELETED_ENDPOINT = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-app: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: rt-app}
    route_tables:
      rt-app: {main: true, routes: []}
    endpoints:
      s3-old: {type: gateway, service: s3, route_tables: [rt-app], state: deleted}
      ddb: {type: gateway, service: dynamodb, route_tables: [rt-app]}
"""


def test_deleted_gateway_endpoint_has_no_row_anywhere() -> None:
    topo = load(DELETED_ENDPOINT)
    eff = dataplane(topo).table("rt-app")
    assert eff is not None
    assert [r.target for r in eff.routes if r.origin == "gateway-endpoint"] == ["ddb"]
    assert diagram_legend_lines(vpc_diagram_dot(topo, "vpc-a"), "vpc-a") == ["pl (dynamodb) → ddb"]
    with spec_dir(DELETED_ENDPOINT) as root:
        md = vpc_page(site(root), "vpc-a")
        code, out = run_cli("routes", str(root), "--format", "json")
    routes_section = md.split("## Route tables", 1)[1].split("\n## ", 1)[0]
    assert "s3-old" not in routes_section and "ddb" in routes_section
    assert code == 0 and "s3-old" not in out
    assert not reach(topo, "a-app", "s3").goes_via("s3-old")


# ---------------------------------------------------------------------------------------- bullet 5

SUPPRESSED = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-1:
        cidr: 10.0.1.0/24
        az: us-east-1a
        suppress: [{code: L-RT-NO-ASSOC, reason: the main table is the plan}]
      a-2: {cidr: 10.0.2.0/24, az: us-east-1a}
    route_tables:
      rt-main: {main: true, routes: []}
"""


def test_suppressed_finding_is_hidden_in_check_site_and_diff() -> None:
    with spec_dir(SUPPRESSED) as root:
        code, out = run_cli("check", str(root), "--format", "json")
        built = site(root)
        loaded = load_specs(root)
    checked = {(f["code"], f["resource"]) for f in json.loads(out)}
    assert checked == {("L-RT-NO-ASSOC", "a-2")}  # a-1's is suppressed, a-2's is not
    assert {(d.code, d.resource) for d in built.diagnostics} == checked
    findings_page = page(built, "network/findings.md")
    assert "<code>a-2</code>" in findings_page and "<code>a-1</code>" not in findings_page
    introduced = diff_findings(Topology(), loaded.topology, (), loaded.diagnostics).introduced
    assert {(f.code, f.resource) for f in introduced} == checked


# ---------------------------------------------------------------------------------------- bullet 6 (CONS-2)

FAILING_ATTACHMENT = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-1: {cidr: 10.0.1.0/24, az: us-east-1a}
    route_tables:
      rt-a: {main: true, routes: [{destination: 10.1.0.0/16, target: tgw-0}]}
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-1: {cidr: 10.1.1.0/24, az: us-east-1a}
    route_tables:
      rt-b: {main: true, routes: [{destination: 10.0.0.0/16, target: tgw-0}]}
transit_gateways:
  tgw-0:
    attachments:
      att-a: {vpc: vpc-a, subnets: [a-1], state: failing}
      att-b: {vpc: vpc-b, subnets: [b-1]}
    route_tables:
      trt: {associations: [att-b], propagations: [att-a, att-b]}
"""


def test_failing_attachment_routing_and_reach_agree() -> None:
    """An attachment in ``failing`` carries no traffic (TGW-10): the route to it is a
    blackhole, reach stops there, lint reports the blackhole route."""
    topo = load(FAILING_ATTACHMENT)
    route = dataplane(topo).table("rt-a").routes[-1]  # type: ignore[union-attr]
    assert (route.target, route.state) == ("tgw-0", "blackhole")
    answer = reach(topo, "a-1", "b-1")
    assert not answer.reachable and answer.disposition in (Disposition.BLACKHOLE, Disposition.BAD_STATE)
    assert "L-RT-BLACKHOLE" in codes_about(raw_findings(topo), "rt-a")


def test_failing_attachment_is_not_linted_as_live() -> None:
    """CONS-2 (fixed in cf10939): lint kept its own list of dead attachment states, so a
    'failing' attachment was live for lint and unusable for routing and reach."""
    topo = load(FAILING_ATTACHMENT)
    assert codes_about(raw_findings(topo), "att-a") & {"L-TGW-ASSOC", "L-TGW-NO-VPC-ROUTE", "L-TGW-RETURN"} == set()


# ---------------------------------------------------------------------------------------- bullet 7

PL_TIE = """\
region: us-east-1
prefix_lists:
  corp: {entries: [10.9.0.0/16]}
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-1: {cidr: 10.0.1.0/24, az: us-east-1a}
    route_tables:
      rt-a:
        main: true
        routes:
          - {destination: corp, target: pcx-a-c}
          - {destination: 10.9.0.0/16, target: pcx-a-b}
  vpc-b:
    cidr: 10.9.0.0/16
    subnets:
      b-1: {cidr: 10.9.1.0/24, az: us-east-1a}
    route_tables:
      rt-b: {main: true, routes: [{destination: 10.0.0.0/16, target: pcx-a-b}]}
  vpc-c:
    cidr: 10.8.0.0/16
    subnets:
      c-1: {cidr: 10.8.1.0/24, az: us-east-1a}
    route_tables:
      rt-c: {main: true, routes: [{destination: 10.0.0.0/16, target: pcx-a-c}]}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
  pcx-a-c: {requester: vpc-a, accepter: vpc-c}
"""


def test_one_longest_prefix_match_and_route_tables_computed_once(tmp_path: Path) -> None:
    """A static route and a prefix-list route for the same prefix: static wins (RT-PRI-2) in
    the data plane's selector, in lint's look-up and on reach's path; and a site build
    computes each effective route table once."""
    topo = load(PL_TIE)
    dp = dataplane(topo)
    net = ipaddress.ip_network("10.9.1.0/24")
    selected = dp.selector("rt-a").select(Dest("net", net))  # type: ignore[union-attr]
    assert selected is not None and selected.target == "pcx-a-b"
    assert longest_route(dp.table("rt-a").routes, net) == selected  # type: ignore[union-attr]
    assert reach(topo, "a-1", "b-1").path[0].target == "pcx-a-b"
    root = _copy_specs(tmp_path)
    before = effective.COMPUTED["vpc_tables"]
    site(root)
    assert effective.COMPUTED["vpc_tables"] - before == len(load_specs(root).topology.route_tables)


# ---------------------------------------------------------------------------------------- found by the properties

NAT_BESIDE_INTERNET_ROUTE = """\
region: us-east-1
vpcs:
  vpc-0:
    cidr: 10.0.0.0/16
    internet_gateway: igw-0
    subnets:
      s-0-0: {cidr: 10.0.0.0/24, az: us-east-1a}
    nat_gateways:
      nat-0: {subnet: s-0-0}
    route_tables:
      rt-0-0:
        main: true
        routes:
        - {destination: 198.51.100.0/24, target: igw-0}
"""


def test_nat_lint_uses_the_data_plane_public_subnet() -> None:
    """CONS-1 (fixed in cf10939): L-NAT-PUBLIC decided "public" by the 0.0.0.0/0 route while the
    data plane, the diagram and the subnet table use SUB-2 (an active route to an internet gateway)."""
    topo = load(NAT_BESIDE_INTERNET_ROUTE)
    assert dataplane(topo).subnet_class("s-0-0") == "public"
    assert diagram_subnet_style(vpc_diagram_dot(topo, "vpc-0"), "s-0-0") == ("public", "public")
    assert "L-NAT-PUBLIC" not in codes_about(raw_findings(topo), "nat-0")


WORKLOAD_VPC = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-1: {cidr: 10.0.1.0/24, az: us-east-1a}
    route_tables:
      rt-a: {main: true, routes: [{destination: 10.1.0.0/16, target: pcx-a-b}]}
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-web: {cidr: 10.1.1.0/24, az: us-east-1a}
      b-empty: {cidr: 10.1.2.0/24, az: us-east-1a}
    route_tables:
      rt-b: {main: true, routes: [{destination: 10.0.0.0/16, target: pcx-a-b}]}
    security_groups:
      sg-closed: {ingress: [], egress: []}
    instances:
      web-1: {subnet: b-web, private_ip: 10.1.1.10, security_groups: [sg-closed]}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
"""


def test_vpc_cell_agrees_with_its_subnet_cells_in_a_workload_vpc() -> None:
    """CONS-3 (fixed): in a VPC whose workloads the spec declares, a subnet without workloads
    holds nothing that starts or accepts connections — at subnet level as at VPC level."""
    topo = load(WORKLOAD_VPC)
    vpc_cell = vpc_matrix(topo).cell("vpc-a", "vpc-b")
    subnet_cells = subnet_matrix(topo)
    some = [t for t in ("b-web", "b-empty") if subnet_cells.cell("a-1", t).reachable]
    assert vpc_cell.reachable == bool(some), (vpc_cell.answer.disposition, some)


# ---------------------------------------------------------------------------------------- the VPC matrix's grouping

AZ_SPLIT = """\
region: us-east-1
vpcs:
  vpc-0:
    cidr: 10.0.0.0/16
    subnets:
      s-0-0: {cidr: 10.0.0.0/24, az: us-east-1a}
      s-0-1: {cidr: 10.0.1.0/24, az: us-east-1b}
    route_tables:
      rt-0-0: {main: true, routes: [{destination: 10.1.0.0/16, target: tgw-0}]}
  vpc-1:
    cidr: 10.1.0.0/16
    subnets:
      s-1-0: {cidr: 10.1.0.0/24, az: us-east-1b}
    route_tables:
      rt-1-0: {main: true, routes: [{destination: 10.0.0.0/16, target: tgw-0}]}
transit_gateways:
  tgw-0:
    attachments:
      att-0: {vpc: vpc-0, subnets: [s-0-1]}
      att-1: {vpc: vpc-1, subnets: [s-1-0]}
    route_tables:
      trt-0: {associations: [att-0, att-1], propagations: [att-0, att-1]}
"""


def test_vpc_cell_grouping_keeps_availability_zones_apart() -> None:
    """Two subnets share a route table; the attachment covers only the second one's AZ. The
    first fails (TGW-2) — the VPC cell must still find the second, as its subnet cell does.
    (The VPC matrix groups sources by route table for speed; issue 10 §3.)"""
    topo = load(AZ_SPLIT)
    assert reach(topo, "s-0-0", "s-1-0").disposition == Disposition.AZ_NOT_COVERED
    assert reach(topo, "s-0-1", "s-1-0").reachable
    assert vpc_matrix(topo).cell("vpc-0", "vpc-1").reachable
    assert reach(load(AZ_SPLIT), "vpc-0", "vpc-1").reachable


# ---------------------------------------------------------------------------------------- CONS-4

BLACKHOLE_DEFAULT = """\
region: us-east-1
vpcs:
  vpc-0:
    cidr: 10.0.0.0/16
    subnets:
      s-0-0: {cidr: 10.0.0.0/24, az: us-east-1a}
    route_tables:
      rt-0-0: {main: true, routes: []}
  vpc-1:
    cidr: 10.1.0.0/16
    subnets:
      s-1-0: {cidr: 10.1.0.0/24, az: us-east-1a}
    route_tables:
      rt-1-0: {main: true, routes: []}
  vpc-2:
    cidr: 10.2.0.0/16
    internet_gateway: igw-2
    subnets:
      s-2-0: {cidr: 10.2.0.0/24, az: us-east-1a}
    route_tables:
      rt-2-0:
        main: true
        routes:
        - {destination: 0.0.0.0/0, target: igw-2, state: blackhole}
peerings:
  pcx-0-1: {requester: vpc-0, accepter: vpc-1}
  pcx-1-2: {requester: vpc-1, accepter: vpc-2}
"""


def _answer(topo: Topology, source: str, destination: str) -> tuple[str, str | None]:
    a = reach(topo, source, destination)
    return a.disposition.value, a.blocker.cause if a.blocker is not None else None


def test_answer_does_not_depend_on_earlier_questions() -> None:
    """The winning route of s-2-0 for any private destination is 0.0.0.0/0 → igw-2 in state
    blackhole: every answer is "blackhole" (RT-BH-1) — asked alone (``vpcdocs reach``), or after
    other questions (the matrices, the site, the diff)."""
    alone = {d: _answer(load(BLACKHOLE_DEFAULT), "s-2-0", d) for d in ("s-0-0", "s-1-0")}
    assert alone == {"s-0-0": ("blackhole", "route-blackhole"), "s-1-0": ("blackhole", "route-blackhole")}
    topo = load(BLACKHOLE_DEFAULT)
    in_a_row = {d: _answer(topo, "s-2-0", d) for d in ("s-1-0", "s-0-0")}
    assert in_a_row == alone
    assert vpc_matrix(load(BLACKHOLE_DEFAULT)).cell("vpc-2", "vpc-0").answer.disposition == Disposition.BLACKHOLE
    topo = load(BLACKHOLE_DEFAULT)
    _answer(topo, "vpc-2", "vpc-1")
    assert _answer(topo, "vpc-2", "vpc-0") == ("blackhole", "route-blackhole")
