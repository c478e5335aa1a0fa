"""What the generated pages say: facts first, bounded and grouped reachability, the three
cell states, natural order, the text bugs of issue 13 gone, reach data that equals `reach`,
bounded search entries. Pages are generated (no MkDocs) unless a test says otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bench_estates import write_estate
from site_helpers import REPO, SPECS, XSS_SPEC, copy_specs

from vpcdocs.analysis.reach import reachability
from vpcdocs.site import paths, reach_js
from vpcdocs.site.doc import HtmlWriter
from vpcdocs.site.generate import generate


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    return generate(SPECS, diagrams=False, use_git=False, cache_dir=tmp_path_factory.mktemp("c"))


@pytest.fixture(scope="module")
def estate(tmp_path_factory):
    """A generated 24-VPC estate: 3 regions, 4 accounts, TGWs, peerings, PrivateLink."""
    root = write_estate(tmp_path_factory.mktemp("estate") / "specs", 24)
    return generate(root, diagrams=False, use_git=False, cache_dir=root.parent / "c")


def md(gen, path: str) -> str:
    return gen.pages[path].decode()


def html(gen, path: str) -> str:
    return HtmlWriter().write(gen.docs[path], path)[0]


def test_vpc_page_facts_first_then_bounded_reachability(shipped):
    page = md(shipped, paths.vpc_page("vpc-a"))
    order = [page.index(h) for h in ("## Subnets", "## Route tables", "## Peerings", "## Reachability",
                                     "### Other VPCs", "#### Who reaches this VPC", "### Between subnets")]
    assert order == sorted(order)
    assert "Paths and reasons" not in page
    # grouped, one line per group: vpc-a reaches its peers through their peerings
    assert re.search(r"Reachable\*\* through <code>pcx-a-b</code>: \[<code>vpc-b</code>\]", page)
    # the title is the name; the id is a fact, not glued onto the title
    assert page.startswith('---\ntitle: "VPC A (shared services)"\n')
    assert "(vpc-a)" not in page.splitlines()[1]


def test_three_states_and_privatelink(shipped):
    reach = shipped_reach(shipped)
    # b-app-1a -> c-app-1a is declared unreachable under expect: (PEER-1): grey, not red
    assert reach.cell("vpc-b", "vpc-c").state == "expected"
    assert reach.cell("vpc-a", "vpc-b").state == "ok"
    # storefront consumes orders' endpoint service: PrivateLink, its own state
    assert reach.cell("vpc-storefront", "vpc-orders").state == "pl"
    # an undeclared failure between connected subnets is red
    sub = reach.subnets["vpc-a"]
    states = {(s, t): sub.answers[i].record(j).state for i, s in enumerate(sub.rows) for j, t in enumerate(sub.columns)}
    assert states[("a-public-1a", "b-app-1a")] == "unexpected"
    page = md(shipped, paths.vpc_page("vpc-b"))
    assert "Not reachable, as expected" in page
    matrix = html(shipped, paths.vpc_page("vpc-a"))
    assert 'class="vpcdocs-s-unexpected"' in matrix and 'class="vpcdocs-s-ok"' in matrix


def shipped_reach(gen):
    from vpcdocs.site.reach_compute import compute

    return compute(gen.topology)


def test_reach_data_cells_are_what_reach_answers(shipped):
    """Every cell the site can show (VPC row, subnet matrix) equals `reach` for the pair."""
    topo = shipped.topology
    r = reachability(topo)
    index = reach_js.decode(md(shipped, reach_js.INDEX))
    for v in index["vpcs"]:
        data = reach_js.decode(md(shipped, reach_js.data_file(v)))
        for w, cell in zip(index["vpcs"], data["vpcs"]):
            if v == w:
                continue
            a = r.vpc_pair(v, w)
            assert (cell["disposition"], cell["path"]) == (a.disposition.value, [
                (h.at, h.route_table or "", h.matched, h.target) for h in a.path]), (v, w)
        for (s, t), cell in data["subnets"].items():
            a = r.subnet_pair(s, t)
            assert cell["disposition"] == a.disposition.value, (s, t)
            assert cell["reason"] == ("" if a.reachable else a.reason), (s, t)  # a reachable cell: its path
            assert cell["path"] == [(h.at, h.route_table or "", h.matched, h.target) for h in a.path]


def test_natural_order_everywhere(estate):
    vpcs = md(estate, paths.VPCS)
    ids = re.findall(r"\[<code>(dev-use1-\d+)</code>\]", vpcs)
    assert ids == sorted(ids, key=lambda s: int(s.rsplit("-", 1)[1])) and len(ids) >= 2
    index = reach_js.decode(md(estate, reach_js.INDEX))
    assert index["vpcs"].index("dev-use1-2") < index["vpcs"].index("dev-use1-10") if "dev-use1-10" in index[
        "vpcs"] else True
    page = md(estate, paths.vpc_page("prod-use1-1"))
    subnets = re.findall(r"<a id=\"subnet-[^\"]+\"></a><code>([^<]+)</code>", page)
    assert subnets[:3] == ["prod-use1-1-public-1a", "prod-use1-1-public-1b", "prod-use1-1-public-1c"]


def test_issue_13_text_bugs_are_gone(shipped, tmp_path):
    everything = "\n".join(md(shipped, p) for p in shipped.pages if p.endswith(".md"))
    assert "(TGW-4) (TGW-4)" not in everything
    assert not re.search(r"\bVpc-[a-z]", everything)
    for p in shipped.pages:
        if p.endswith(".md"):
            for header in re.findall(r"^\| (.+) \|$\n^\| ---", md(shipped, p), re.M):
                cols = [c.strip() for c in header.split(" | ")]
                assert len(cols) == len(set(cols)), (p, cols)  # never two columns named "Source"
    # no Name column when nothing has a name; the Name column when something has one
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text(
        "region: us-east-1\nvpcs:\n  vpc-1:\n    cidr: 10.0.0.0/16\n    subnets:\n"
        "      s-1: {cidr: 10.0.1.0/24, az: us-east-1a}\n")
    g = generate(tmp_path / "specs", diagrams=False, use_git=False)
    assert "| Name |" not in md(g, paths.vpc_page("vpc-1")) and "| Name |" not in md(g, paths.VPCS)


def test_spec_paths_relative_even_from_an_absolute_folder(tmp_path, monkeypatch):
    specs = copy_specs(tmp_path / "deep" / "specs")
    monkeypatch.chdir(REPO)
    g = generate(specs.resolve(), diagrams=False, use_git=False)
    text = "".join(b.decode(errors="replace") for b in g.pages.values())
    assert "specs/peering.yaml:" in text and str(tmp_path) not in text


def test_spec_text_is_escaped_in_html_and_reach_data(tmp_path):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "evil.yaml").write_text(XSS_SPEC)
    g = generate(tmp_path / "specs", diagrams=False, use_git=False)
    page = html(g, paths.vpc_page("vpc-evil"))
    assert "<img src=x" not in page and "<script>" not in page and "&lt;img src=x" in page
    data = md(g, reach_js.data_file("vpc-evil"))
    assert "<" not in data and ">" not in data  # cannot close a script element, wherever it lands
    assert ("s|1<i>", "s|1<i>") in reach_js.decode(data)["subnets"]


def test_search_entries_find_ids_and_cidrs(shipped):
    by_title = {e.title: e for e in shipped.search}
    assert by_title["a-private-1a"].anchor == paths.anchor("subnet", "a-private-1a")
    assert "10.0.10.0/24" in by_title["a-private-1a"].text
    assert "pcx-a-b" in by_title and by_title["a-private-1a (route table)"].anchor == "route-table-a-private-1a"
    assert any("0.0.0.0/0 → nat-a-1a" in e.text for e in shipped.search)  # route rows


def test_pages_stay_bounded_as_the_estate_grows(estate):
    """Nothing on a VPC page grows with the square of the estate: one line per group."""
    page = md(estate, paths.vpc_page("prod-use1-1"))
    assert page.count(" → ") < 400
    nav_titles = str(estate.nav)
    assert "prod-use1-1" in nav_titles  # 24 VPCs: still listed in the nav


def test_home_page_summarises_the_estate(estate):
    home = md(estate, paths.HOME)
    for text in ("24 VPCs in 3 regions and 4 accounts", "## Regions and accounts", "Findings:", "VPC pairs",
                 "us-east-1", "ap-southeast-2", "222222222222", "[VPCs](vpcs.md)", "[Reachability](reachability.md)"):
        assert text in home, text


def test_matrix_page_aggregates_with_drill_down(estate):
    page = html(estate, paths.REACHABILITY)
    assert 'data-grouping="account-region"' in page and 'data-grouping="tgw-domain"' in page
    by_account = page.split('data-grouping="account-region"')[1].split('data-grouping="tgw-domain"')[0]
    assert by_account.count("data-ga=") == 12 * 12  # 4 accounts x 3 regions
    index = reach_js.decode(md(estate, reach_js.INDEX))
    assert len(index["groupings"]["account-region"]) == 12


def test_nav_lists_the_vpcs_page_only_for_big_estates(tmp_path):
    from vpcdocs.site.pages import NAV_VPC_LIMIT, nav_section

    pages = [(paths.HOME, "Overview"), (paths.VPCS, "VPCs")]
    pages += [(paths.vpc_page(f"v{i}"), f"v{i}") for i in range(NAV_VPC_LIMIT + 1)]
    assert {"VPCs": paths.VPCS} in nav_section(pages)
    assert nav_section(pages[:5])[1] == {"VPCs": [{"All VPCs": paths.VPCS}, *[{t: p} for p, t in pages[2:5]]]}


def test_generated_markdown_is_deterministic(tmp_path):
    a = generate(SPECS, diagrams=False, use_git=False, cache_dir=tmp_path / "a")
    b = generate(Path(SPECS), diagrams=False, use_git=False, cache_dir=tmp_path / "b")
    assert a.pages == b.pages
    assert [html(a, p) for p in sorted(a.docs)] == [html(b, p) for p in sorted(b.docs)]
