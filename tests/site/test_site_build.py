"""`vpcdocs build`: the shipped specs into a site, plus the guarantees around it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from site_helpers import REPO, SPECS, XSS_SPEC, copy_specs, tree_digest

from vpcdocs.cli import cli
from vpcdocs.site import paths
from vpcdocs.site.build import BuildError, SpecError, build_site, check_pages
from vpcdocs.site.generate import generate


def _table_rows(markdown: str, heading: str) -> list[list[str]]:
    """Rows of the first Markdown table after the heading line ``heading`` (its text without
    the HTML anchors a generated heading starts with)."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if re.sub(r"\\(.)", r"\1", re.sub(r"<a id=\"[^\"]*\"></a>", "", line)) == heading)
    after = "\n".join(lines[start + 1:])
    rows = []
    started = False
    for line in after.splitlines():
        if line.startswith("|"):
            started = True
            cells = [re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
        elif started:
            break
    return rows[1:]  # without the header


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate(SPECS, cache_dir=tmp_path_factory.mktemp("cache"))


def test_shipped_site_has_every_page(shipped_site: Path):
    for page in ["index.html", "getting-started.html", "spec-format.html", "network/index.html",
                 "network/cidr-index.html", "network/transit-gateways.html", "network/privatelink.html",
                 "network/findings.html", "network/vpcs/vpc-a.html", "network/vpcs/vpc-shared.html",
                 "network/assets/vpcdocs.css"]:
        assert (shipped_site / page).is_file(), page
    html = (shipped_site / "network/vpcs/vpc-a.html").read_text()
    assert "specs/peering.yaml:" in html  # every object says where it came from
    assert "Network pages built by vpcdocs from spec revision" in html  # footer
    # no external requests: no Google Fonts, no CDN
    for page in shipped_site.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', text), page


def test_gateway_endpoint_rows_in_exactly_the_associated_tables(generated):
    md = generated.pages[paths.vpc_page("vpc-a")].decode()
    derived = {"com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb"}
    for table, expected in [("### a-private-1a", derived), ("### a-private-1b", derived), ("### a-public (main)", set())]:
        rows = _table_rows(md, table)
        gwe = {r[0] for r in rows if r[2] == "gateway endpoint (derived)"}
        assert gwe == expected, table
        for r in rows:
            if r[0] in derived:
                assert re.sub(r"<[^>]+>|\[|\]\([^)]*\)", "", r[1]) == {"com.amazonaws.us-east-1.s3": "a-s3",
                                "com.amazonaws.us-east-1.dynamodb": "a-dynamodb"}[r[0]]
    # no other VPC has gateway endpoint rows
    for v in ("vpc-b", "vpc-c", "vpc-shared", "vpc-storefront"):
        assert "gateway endpoint (derived)" not in generated.pages[paths.vpc_page(v)].decode()


def test_subnets_public_private(generated):
    rows = _table_rows(generated.pages[paths.vpc_page("vpc-a")].decode(), "## Subnets")
    kinds = {re.search(r"<code>([^<]+)</code>", r[0]).group(1): r[3] for r in rows}
    assert kinds == {"a-public-1a": "public", "a-public-1b": "public",
                     "a-private-1a": "private", "a-private-1b": "private"}


def test_cidr_index_sorted_numerically(generated):
    import ipaddress

    rows = _table_rows(generated.pages[paths.CIDR_INDEX].decode(), "# CIDR index")
    nets = [ipaddress.ip_network(re.sub(r"<[^>]+>", "", r[0])) for r in rows]
    assert nets == sorted(nets, key=lambda n: (n.version, int(n.network_address), n.prefixlen))
    assert ipaddress.ip_network("10.1.2.0/24") in nets and ipaddress.ip_network("10.3.0.0/16") in nets
    # numeric, not text order: 10.2.x before 10.20.x before 10.100.x
    text = [str(n) for n in nets]
    assert text.index("10.2.0.0/16") < text.index("10.20.0.0/16") < text.index("10.100.0.0/16")


def test_tgw_static_beats_propagated(tmp_path):
    specs = copy_specs(tmp_path / "specs")
    f = specs / "transit-hub.yaml"
    text = f.read_text()
    marker = "description: no spoke-to-spoke traffic}\n"
    assert marker in text
    f.write_text(text.replace(marker, marker + "          - {destination: 10.100.0.0/16, attachment: att-egress}\n"))
    md = generate(specs, diagrams=False).pages[paths.tgw_page("tgw-hub")].decode()
    rows = _table_rows(md, "## Route table tgw-rt-spokes")
    by = {(r[0], r[2]): r for r in rows}
    assert by[("10.100.0.0/16", "static")][3] == "active"
    assert by[("10.100.0.0/16", "propagated (derived)")][3].startswith("not used")
    assert by[("10.110.0.0/15", "static")][1] == "blackhole"


def test_byte_identical_rebuild(tmp_path):
    a = generate(SPECS, cache_dir=tmp_path / "c1")
    b = generate(SPECS, cache_dir=tmp_path / "c2")
    assert a.pages == b.pages
    assert {k: v.read_bytes() for k, v in a.images.items()} == {k: v.read_bytes() for k, v in b.images.items()}
    s1, s2 = tmp_path / "s1", tmp_path / "s2"
    build_site(SPECS, s1, config_file=REPO / "mkdocs.yml", cache_dir=tmp_path / "c1")
    build_site(SPECS, s2, config_file=REPO / "mkdocs.yml", cache_dir=tmp_path / "c1")
    assert tree_digest(s1) == tree_digest(s2)


def test_user_docs_untouched_and_failed_build_keeps_previous_site(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    specs = copy_specs(project / "specs")
    monkeypatch.chdir(project)
    before = tree_digest(project / "docs")
    build_site("specs", "site", strict=True, cache_dir=tmp_path / "cache")
    assert tree_digest(project / "docs") == before
    assert not (project / "docs" / "network").exists()
    built = tree_digest(project / "site")

    # a spec with an error: nothing changes
    (specs / "broken.yaml").write_text("vpcs:\n  vpc-x: {cidr: not-a-cidr}\n")
    with pytest.raises(SpecError):
        build_site("specs", "site", strict=True, cache_dir=tmp_path / "cache")
    assert tree_digest(project / "site") == built
    (specs / "broken.yaml").unlink()

    # MkDocs fails (a broken link under --strict): nothing changes either
    (project / "docs" / "getting-started.md").write_text("# Broken\n\n[gone](nowhere.md)\n")
    with pytest.raises(BuildError):
        build_site("specs", "site", strict=True, cache_dir=tmp_path / "cache")
    assert tree_digest(project / "site") == built
    assert not [p for p in project.iterdir() if p.name.startswith(".site.vpcdocs-")]  # no leftovers


def test_search_separator_keeps_cidrs_whole(shipped_site: Path):
    index = json.loads((shipped_site / "search/search_index.json").read_text())
    sep = index["config"]["separator"]
    assert re.split(sep, "10.1.2.0/24") == ["10.1.2.0/24"]
    assert any("10.1.2.0/24" in d["text"] for d in index["docs"] if d["location"].startswith("network/vpcs/vpc-b"))


def test_plugin_mode(tmp_path, monkeypatch):
    """A user's own MkDocs site with `- vpcdocs` in plugins: gets the same pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "userproject"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# My network\n\nSee the [overview](network/index.md).\n")
    (project / "mkdocs.yml").write_text(
        "site_name: Mine\nuse_directory_urls: false\ntheme: {name: material, font: false}\n"
        "plugins:\n  - search\n  - vpcdocs:\n      specs: specs\n      cache_dir: .cache/vpcdocs\n")
    copy_specs(project / "specs")
    monkeypatch.chdir(project)
    before = tree_digest(project / "docs")
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    build(config)
    site = project / "site"
    assert (site / "network/vpcs/vpc-a.html").is_file()
    assert (site / "network/images/overview.svg").is_file()
    assert "a-s3" in (site / "network/vpcs/vpc-a.html").read_text()
    assert tree_digest(project / "docs") == before
    nav = (site / "index.html").read_text()
    assert "Transit gateways" in nav and "CIDR index" in nav
    # the same pages as `vpcdocs build` with that mkdocs.yml (the build disables the plugin)
    build_site("specs", project / "site-cli", cache_dir=project / ".cache/vpcdocs")
    for page in sorted((site / "network").rglob("*")):
        if page.is_file():
            other = project / "site-cli" / page.relative_to(site)
            assert other.read_bytes() == page.read_bytes(), page


def test_check_detects_stale_missing_extra(tmp_path, monkeypatch):
    specs = copy_specs(tmp_path / "specs")
    pages = tmp_path / "pages"
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    args = [str(specs), "--site-dir", str(tmp_path / "site"), "--pages-dir", str(pages), "-q",
            "--cache-dir", str(tmp_path / "cache")]
    (specs / "extra.yaml").write_text("region: us-east-1\nvpcs:\n  vpc-z: {cidr: 10.99.0.0/16}\n")
    assert runner.invoke(cli, ["build", *args]).exit_code == 0
    assert (pages / "vpcs/vpc-a.md").is_file() and (pages / "index.md").is_file()
    assert (pages / "vpcs/vpc-z.md").is_file()
    check = [str(specs), "--pages-dir", str(pages), "--check", "-q", "--cache-dir", str(tmp_path / "cache")]
    ok = runner.invoke(cli, ["build", *check])
    assert ok.exit_code == 0, ok.output

    f = specs / "peering.yaml"
    f.write_text(f.read_text().replace("name: VPC B (payments)", "name: VPC B (billing)"))
    (specs / "extra.yaml").unlink()
    (pages / "cidr-index.md").unlink()
    (pages / "notes.md").write_text("the user's own page\n")
    before = tree_digest(pages)
    res = runner.invoke(cli, ["build", *check])
    assert res.exit_code == 1
    assert f"stale: {pages}/vpcs/vpc-b.md" in res.output
    assert f"missing: {pages}/cidr-index.md" in res.output
    assert f"extra: {pages}/vpcs/vpc-z.md" in res.output  # generated earlier, no longer generated
    assert "notes.md" not in res.output  # the user's own file is none of vpcdocs' business
    assert tree_digest(pages) == before  # --check writes nothing
    problems = check_pages(generate(specs, cache_dir=tmp_path / "cache"), pages)
    assert ("stale", "index.md") in problems


def test_escaping_in_generated_markdown(tmp_path):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "evil.yaml").write_text(XSS_SPEC)
    g = generate(tmp_path / "specs", diagrams=False)
    md = g.pages[paths.vpc_page("vpc-evil")].decode()
    assert "<img src=x" not in md and "<script>" not in md
    rows = _table_rows(md, "## Subnets")
    assert len(rows) == 1 and len(rows[0]) == 8  # the | in names did not add cells
    vpc_rows = _table_rows(g.pages[paths.VPCS].decode(), "## No account · us-east-1")
    assert len(vpc_rows) == 2 and all(len(r) == 6 for r in vpc_rows)


def test_cli_help_has_example():
    for name in ("build", "serve"):
        out = CliRunner().invoke(cli, [name, "--help"]).output
        assert "Example" in out


def test_spec_errors_exit_1_and_list_them(tmp_path):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "bad.yaml").write_text("vpcs:\n  vpc-x: {cidr: nope}\n")
    res = CliRunner().invoke(cli, ["build", str(tmp_path / "specs"), "--site-dir", str(tmp_path / "site"), "-q"])
    assert res.exit_code == 1
    assert "bad.yaml:" in res.output and "the site was not changed" in res.output
    assert not (tmp_path / "site").exists()


def test_zensical_builds_generated_content(tmp_path, monkeypatch):
    """The generated docs + mkdocs.yml settings also build with Zensical, where installed."""
    pytest.importorskip("zensical")
    import subprocess
    import sys

    import yaml

    from vpcdocs.site.build import docs_for_build
    from vpcdocs.site.config import NAV_TITLE, default_config_text

    g = generate(SPECS, cache_dir=tmp_path / "cache")
    docs_for_build(g, None, tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text(default_config_text() + yaml.safe_dump(
        {"extra_css": [paths.CSS], "nav": ["index.md", {NAV_TITLE: g.nav}]}, sort_keys=False))
    zensical = Path(sys.executable).parent / "zensical"
    res = subprocess.run([str(zensical), "build", "-f", "mkdocs.yml", "--strict"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert (tmp_path / "site/network/vpcs/vpc-a.html").is_file()
    assert "com.amazonaws.us-east-1.s3" in (tmp_path / "site/network/vpcs/vpc-a.html").read_text()


def test_refuses_a_site_dir_that_holds_the_project(tmp_path, monkeypatch):
    specs = copy_specs(tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    for site in (".", str(tmp_path), "specs"):
        with pytest.raises(BuildError, match="contains"):
            build_site(specs, site, diagrams=False)
    assert (specs / "peering.yaml").is_file()


def test_committed_pages_in_docs_network_are_replaced(tmp_path, monkeypatch):
    """`--pages-dir docs/network` (the pre-commit hook's example) and a later build agree."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from vpcdocs.site.build import write_pages

    project = tmp_path / "p"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n\n[Network](network/index.md)\n")
    (project / "mkdocs.yml").write_text("site_name: P\nuse_directory_urls: false\n"
                                        "plugins:\n  - search\n  - vpcdocs: {specs: specs}\n")
    specs = copy_specs(project / "specs")
    monkeypatch.chdir(project)
    write_pages(generate(specs, cache_dir=tmp_path / "c"), project / "docs/network")
    # a page generated earlier for a VPC that is gone (it carries the marker)
    (project / "docs/network/vpcs/old-vpc.md").write_text(f"stale\n\n{paths.GENERATED_MARKER}\n")
    build_site("specs", "site", strict=True, cache_dir=tmp_path / "c")
    assert (project / "site/network/vpcs/vpc-a.html").is_file()
    assert not (project / "site/network/vpcs/old-vpc.html").exists()
    build(load_config("mkdocs.yml", strict=True, site_dir=str(project / "site2")))  # plugin mode
    assert not (project / "site2/network/vpcs/old-vpc.html").exists()

    # a folder of the user's own called network/ is never silently replaced
    shutil.rmtree(project / "docs/network")
    (project / "docs/network").mkdir()
    (project / "docs/network/index.md").write_text("# My own network notes\n")
    with pytest.raises(BuildError, match="rename that folder"):
        build_site("specs", "site", strict=True, cache_dir=tmp_path / "c")


def test_build_makes_no_markdown_of_generated_pages(tmp_path, monkeypatch):
    """`vpcdocs build` writes the generated pages' HTML from their docs (hooks.py): MkDocs reads
    only their front matter — the right title and meta — and their Markdown is never made;
    ``--pages-dir`` (written from the same result after the build) still gets it whole."""
    from vpcdocs.render.escape import html_text
    from vpcdocs.site import doc as doc_module
    from vpcdocs.site.build import write_pages
    from vpcdocs.site.hooks import SiteHooks

    to_markdown = doc_module.to_markdown
    made: list[str] = []
    monkeypatch.setattr(doc_module, "to_markdown", lambda d, page: made.append(page) or to_markdown(d, page))
    read: dict[str, tuple[dict, str]] = {}  # page -> (front matter, Markdown) MkDocs read
    on_page_markdown = SiteHooks.on_page_markdown

    def reading(self, markdown, page, config, files):
        read[page.file.src_uri] = (dict(page.meta), markdown)
        return on_page_markdown(self, markdown, page, config, files)

    monkeypatch.setattr(SiteHooks, "on_page_markdown", reading)
    monkeypatch.chdir(tmp_path)
    result = build_site(copy_specs(tmp_path / "specs"), tmp_path / "site", diagrams=False, cache_dir=tmp_path / "c")
    docs = result.generated.docs
    assert made == []
    assert docs and set(docs) <= set(read)
    for path, doc in docs.items():
        assert read[path] == ({"title": html_text(doc.title), **doc.meta}, f"{paths.GENERATED_MARKER}\n"), path
    assert "Subnets" in (tmp_path / "site/network/vpcs/vpc-a.html").read_text()

    write_pages(result.generated, tmp_path / "pages")
    assert sorted(made) == sorted(docs)
    vpc = paths.vpc_page("vpc-a")
    page = (tmp_path / "pages" / vpc.removeprefix(paths.ROOT + "/")).read_text()
    assert page == f"{to_markdown(docs[vpc], vpc).rstrip()}\n\n{paths.GENERATED_MARKER}\n"
    assert "## Subnets" in page
