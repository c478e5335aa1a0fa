"""One fact, one answer, wherever it is shown.

* Public / private / isolated (SUB-2): the data plane, the diagram's subnet box (colour, icon,
  word), ``model_view.is_public``, the subnet table on the VPC page, and the NAT lint
  (``L-NAT-PUBLIC`` fires exactly for public NAT gateways whose subnet is not public).
* Route rows: the diagram's route legend (``model_view.route_rows`` and the drawn DOT) and
  the VPC page's route tables show exactly the effective rows — derived rows included, no
  row for a deleted gateway endpoint, blackholes marked.
* Transit gateways: lint raises no association finding exactly when reach can use the
  association (TGW-5 defaults included), lint ignores attachments that carry no traffic,
  and the Transit gateways page lists the data plane's associations, propagations and routes.
"""

from __future__ import annotations

from dataclasses import dataclass

from consistency_known import is_open
from consistency_topologies import PROPERTY, Generated, topologies
from consistency_views import (
    diagram_legend_lines,
    diagram_subnet_style,
    drawn_as,
    site_subnet_types,
    site_tgw_tables,
    vpc_diagram_dot,
)
from hypothesis import given, note

from vpcdocs.analysis.lint import raw_findings
from vpcdocs.analysis.reach import vpc_matrix
from vpcdocs.diagnostics import Diagnostic
from vpcdocs.model import Topology, usable
from vpcdocs.routing import EffectiveRoute, dataplane
from vpcdocs.site import paths
from vpcdocs.site.context import SiteData
from vpcdocs.site.doc import to_markdown
from vpcdocs.site.pages import transit_gateways as tgw_page
from vpcdocs.site.pages import vpc as vpc_page
from vpcdocs.site.revision import Revision
from vpcdocs.spec import load_spec_text

try:  # the diagrams' read-only model helpers (removed when the renderer lays diagrams out itself)
    from vpcdocs.render.diagram import model_view  # type: ignore[attr-defined]
except ImportError:
    model_view = None


def load(text: str) -> Topology:
    result = load_spec_text(text, "spec.yaml")
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


@dataclass
class Shown:
    """What the diagram, the site and lint show for one topology (each made once)."""

    topo: Topology
    data: SiteData  # what the site's page functions read (no matrices: tested elsewhere)
    dots: dict[str, str]  # VPC id -> DOT source of its diagram
    pages: dict[str, str]  # VPC id -> its page
    findings: list[Diagnostic]  # lint, before suppressions

    @classmethod
    def of(cls, topo: Topology) -> Shown:
        data = SiteData(topo, Revision("000000000000"), findings=[], images=frozenset(), reach=None)
        return cls(topo, data, {v.id: vpc_diagram_dot(topo, v.id) for v in topo.vpcs},
                   {v.id: to_markdown(vpc_page.render(data, v.id), paths.vpc_page(v.id)) for v in topo.vpcs},
                   raw_findings(topo))


def raised(findings, code: str) -> set[str]:
    return {d.resource or "" for d in findings if d.code == code}


# ---------------------------------------------------------------------------------------- SUB-2


def check_public_private(gen: Generated, topo: Topology, views: Shown) -> None:
    dp = dataplane(topo)
    for v in gen.vpcs:
        table = site_subnet_types(views.pages[v])
        for s in topo.subnets_of(v):
            cls = dp.subnet_class(s.id)
            box, word = diagram_subnet_style(views.dots[v], s.id)
            assert box == ("public" if cls == "public" else "private"), (s.id, cls, box)
            assert word in (cls, "private" if cls == "isolated" else cls), (s.id, cls, word)
            assert table[s.id] == cls, (s.id, cls, table[s.id])
            if model_view is not None:
                assert model_view.is_public(topo, s.id) == (cls == "public"), s.id
    nat_public = raised(views.findings, "L-NAT-PUBLIC")
    for nat in topo.nat_gateways:
        checked = nat.connectivity == "public" and nat.usable
        if is_open("CONS-1") and dp.subnet_class(nat.subnet) == "public":
            continue
        expected = checked and dp.subnet_class(nat.subnet) != "public"
        assert (nat.id in nat_public) == expected, (nat.id, nat.state, nat.subnet, dp.subnet_class(nat.subnet))


# ---------------------------------------------------------------------------------------- route rows


def legend_line(r: EffectiveRoute) -> str:
    """How the legend writes one effective route (a user reads these words)."""
    dest = f"pl ({r.service})" if r.origin == "gateway-endpoint" and r.service else r.destination
    return f"{dest} → {r.target}" + ("" if r.state == "active" else " (blackhole)")


LEGEND_ROWS_SHOWN = 8  # each table's first rows are always drawn (the legend may cut longer tables short)


def check_route_rows(gen: Generated, topo: Topology, views: Shown) -> None:
    dp = dataplane(topo)
    usable_endpoints = {e.id for e in topo.gateway_endpoints if usable("gateway-endpoint", e.state)}
    for v in gen.vpcs:
        effective = dp.tables_of(v)
        for eff in effective:  # a gateway endpoint row is there exactly when the endpoint works
            endpoints = {r.target for r in eff.routes if r.origin == "gateway-endpoint"}
            assert endpoints <= usable_endpoints, (eff.id, endpoints - usable_endpoints)
            for e in topo.gateway_endpoints:
                if e.vpc == v and eff.id in e.route_tables:
                    assert (e.id in endpoints) == (e.id in usable_endpoints), (eff.id, e.id, e.state)
        rows = {eff.id: [legend_line(r) for r in eff.routes if r.origin != "local"] for eff in effective}
        if model_view is not None:
            assert [(label, subnets, lines) for label, subnets, lines in model_view.route_rows(topo, v)] == [
                (_label(topo, eff), list(eff.subnets), rows[eff.id]) for eff in effective]
        # the diagram's legend draws these rows and no other
        drawn = diagram_legend_lines(views.dots[v], v)
        everything = [line for lines in rows.values() for line in lines]
        for d in drawn:
            assert any(drawn_as(d, line) for line in everything), (v, d, everything)
        for table, lines in rows.items():
            for line in lines[:LEGEND_ROWS_SHOWN]:
                assert any(drawn_as(d, line) for d in drawn), (v, table, line, drawn)
        # the VPC page's route tables show every effective row, local ones included
        page = views.pages[v]
        for eff in effective:
            section = page.split(f'<a id="route-table-{eff.id}"></a>', 1)[1].split("<small", 1)[0]
            table_rows = [ln for ln in section.splitlines() if ln.startswith("| ") and not ln.startswith(
                ("| Destination", "| ---"))]
            assert len(table_rows) == len(eff.routes), (eff.id, table_rows)
            for ln, r in zip(table_rows, eff.routes):
                cells = [c.strip() for c in ln.strip("|").split(" | ")]
                assert r.state in cells[-1], (eff.id, r.destination, cells)
                assert r.target in ln, (eff.id, r.destination, ln)


def _label(topo: Topology, eff) -> str:  # type: ignore[no-untyped-def]
    rt = topo.get("route-table", eff.id)
    return (rt.label if rt else eff.id) + (" (main)" if eff.main else "")


# ---------------------------------------------------------------------------------------- transit gateways


def expected_tgw_rows(eff) -> tuple[tuple[str, str, str], ...]:
    return tuple((r.destination, "blackhole" if r.blackhole else r.attachment or "",
                  "blackhole" if r.blackhole else "active" if r.selected else "not used") for r in eff.routes)


def check_transit_gateways(gen: Generated, topo: Topology, views: Shown) -> None:
    dp = dataplane(topo)
    not_associated = raised(views.findings, "L-TGW-ASSOC")
    no_route = raised(views.findings, "L-TGW-NO-VPC-ROUTE")
    answers = [c.answer for c in vpc_matrix(topo)]
    for att in topo.tgw_attachments:
        assoc = dp.association(att.id)
        if not att.usable:  # carries nothing (TGW-10): no finding about how it would route
            if is_open("CONS-2"):
                continue
            assert att.id not in not_associated | no_route, (att.id, att.state)
            continue
        assert (att.id in not_associated) == (assoc is None), (att.id, assoc)
        for a in answers:
            if a.src_vpc != att.vpc:
                continue
            if a.blocker is not None and a.blocker.cause == "tgw-not-associated" and a.blocker.get(
                    "attachment") == att.id:
                assert assoc is None, (a.source, a.destination, assoc)
            tgw_hops = [h for h in a.path if h.at == att.transit_gateway]
            if tgw_hops:  # the first table the TGW consults is the one the attachment is associated with
                assert tgw_hops[0].route_table == assoc, (a.source, a.destination, tgw_hops[0], assoc)
    if topo.transit_gateways:
        shown = {}
        for tgw in topo.transit_gateways:
            md = to_markdown(tgw_page.render_tgw(views.data, tgw.id), paths.tgw_page(tgw.id))
            shown.update(site_tgw_tables(md, [t.id for t in topo.tgw_route_tables_of(tgw.id)]))
        for eff in dp.tgw_route_tables:
            page = shown[eff.id]
            assert page.associations == eff.associations, eff.id
            assert page.propagations == eff.propagations, eff.id
            assert page.routes == expected_tgw_rows(eff), eff.id


# ---------------------------------------------------------------------------------------- the property


@given(topologies())
@PROPERTY
def test_each_fact_has_one_answer_in_diagram_site_lint_and_reach(gen: Generated) -> None:
    """The three checks above on every example (one property: they share the generated
    topology, its loading and its pages, which is most of the time an example takes)."""
    note(gen.text)
    topo = load(gen.text)
    views = Shown.of(topo)
    check_public_private(gen, topo, views)
    check_route_rows(gen, topo, views)
    check_transit_gateways(gen, topo, views)
