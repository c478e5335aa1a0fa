"""The built site in headless Chromium: every page loads cleanly, diagrams show, search
finds CIDRs, spec text cannot inject script, and `vpcdocs serve` reloads on spec edits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from site_helpers import REPO, XSS_NAME, XSS_SPEC, copy_specs

pytestmark = pytest.mark.browser


class Tab:
    """One browser tab visiting page after page, as a reader does (a fresh tab per page costs a
    renderer process each). ``problems`` lists the console errors, page errors, failed
    requests and HTTP errors since the last :meth:`visit`."""

    def __init__(self, browser):
        self.page = browser.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} {r.failure}"))
        self.page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}")
                     if r.status >= 400 else None)

    def visit(self, url: str):
        """Open ``url`` and wait until the network is quiet; returns the page."""
        self.problems.clear()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self) -> None:
        self.page.close()


def _visit(browser, url: str):
    """Open ``url`` in a new tab; returns (page, problems) where problems lists console
    errors and failed requests."""
    tab = Tab(browser)
    return tab.visit(url), tab.problems


def test_every_page_loads_and_diagrams_show(browser, serve_dir, shipped_site: Path):
    base = serve_dir(shipped_site)
    pages = sorted(p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*.html")
                   if p.name != "404.html")
    assert len(pages) >= 15
    diagrams_seen = 0
    external: list[str] = []
    tab = Tab(browser)
    tab.page.on("request", lambda r: external.append(r.url) if not r.url.startswith(base) else None)
    for rel in pages:
        page = tab.visit(base + rel)
        assert not tab.problems, (rel, tab.problems)
        images = page.evaluate("""() => Array.from(document.querySelectorAll('img.vpcdocs-diagram'))
            .map(i => [i.getAttribute('src'), i.complete, i.naturalWidth])""")
        for src, complete, width in images:
            assert complete and width > 0, (rel, src)
        light = [src for src, _c, _w in images if "/dark/" not in src]
        diagrams_seen += len(light)
        if rel.startswith("network/vpcs/"):
            assert len(light) == 1, rel
    tab.close()
    assert diagrams_seen == 12  # overview + 10 VPCs + the transit gateway
    assert not [u for u in external if not u.startswith(("data:", "about:"))]
    # the diagrams carry their AWS icons (embedded, no external files)
    svg = (shipped_site / "network/images/vpc-a.svg").read_text()
    assert "data:image/png;base64," in svg and "<use" in svg


def _search(page, query: str, expected: str, timeout: float = 30.0) -> str:
    """Type ``query`` into the search box until the results contain ``expected`` (the search
    worker may still be indexing when the page is ready); returns the results' HTML.
    Material reacts to key and focus events, so this types like a person does."""
    deadline = time.monotonic() + timeout
    box = page.locator("input.md-search__input")
    while True:
        box.focus()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(query, delay=20)
        try:
            page.wait_for_function("e => { const r = document.querySelector('.md-search-result');"
                                   " return r && (r.innerHTML.includes(e) || r.innerText.includes(e)); }", arg=expected, timeout=3000)
            return page.inner_html(".md-search-result")
        except Exception:
            if time.monotonic() > deadline:
                raise


def test_search_finds_vpc_by_cidr(browser, serve_dir, shipped_site: Path):
    page, problems = _visit(browser, serve_dir(shipped_site) + "index.html")
    results = _search(page, "10.1.2.0/24", "network/vpcs/vpc-b.html")
    assert "10.1.2.0/24" in results
    # and by id and by name
    _search(page, "pcx-a-b", "pcx-a-b")
    _search(page, "payments", "VPC B (payments)")
    assert not problems, problems
    page.close()


def test_spec_text_shows_literally_and_runs_no_script(browser, serve_dir, tmp_path, monkeypatch):
    from vpcdocs.site.build import build_site

    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "evil.yaml").write_text(XSS_SPEC)
    site = tmp_path / "site"
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml: vpcdocs' own configuration, the generated pages only
    build_site(tmp_path / "specs", site, strict=True, cache_dir=tmp_path / "cache")
    base = serve_dir(site)
    dialogs: list[str] = []
    tab = Tab(browser)
    tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    rels = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert {"network/vpcs/vpc-evil.html", "network/vpcs/vpc-title.html"} <= set(rels)
    for rel in rels:
        page = tab.visit(base + rel)
        assert not dialogs, (rel, dialogs)
        assert page.evaluate("() => document.querySelectorAll('img[src=x], img[src=y]').length") == 0, rel
        if rel.endswith("vpc-evil.html"):
            assert page.locator("article h1").inner_text().startswith(XSS_NAME)
            assert "a|b *bold* [link](http://example.com) <script>alert(2)</script>" in page.inner_text("article")
            assert page.title().startswith(XSS_NAME)
        if rel.endswith("vpc-title.html"):
            assert page.title().startswith("</title><script>alert(4)</script>")
    tab.close()

    # search results show the names too: still text, no script
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "index.html", wait_until="load")
    _search(page, "onerror", "onerror")
    page.wait_for_timeout(500)
    assert not dialogs, dialogs
    assert page.evaluate("() => document.querySelectorAll('img[src=x], img[src=y]').length") == 0
    page.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vpcdocs_serve_cmd() -> list[str]:
    return [sys.executable, "-m", "vpcdocs", "serve"]


def test_serve_reloads_when_a_spec_changes(browser, tmp_path):
    specs = copy_specs(tmp_path / "specs")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([*_vpcdocs_serve_cmd(), str(specs), "--dev-addr", f"127.0.0.1:{port}",
                             "--cache-dir", str(tmp_path / "cache")],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/network/vpcs/vpc-b.html"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "vpcdocs serve did not come up"
            time.sleep(0.3)
        page = browser.new_page()
        page.goto(url)
        assert "VPC B (payments)" in page.inner_text("article h1")
        f = specs / "peering.yaml"
        f.write_text(f.read_text().replace("name: VPC B (payments)", "name: VPC B (billing)"))
        # livereload rebuilds and reloads the open page
        page.wait_for_function("() => document.querySelector('article h1') &&"
                               " document.querySelector('article h1').innerText.includes('VPC B (billing)')",
                               timeout=30000)
        page.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_repo_root_is_importable():
    assert (REPO / "mkdocs.yml").is_file()


def test_site_works_straight_from_disk(browser, shipped_site: Path):
    """file:// URLs: relative links, local assets, no failed requests or console errors."""
    tab = Tab(browser)
    for rel in ["index.html", "network/index.html", "network/vpcs/vpc-a.html", "network/reachability.html",
                "network/cidr-index.html"]:
        page = tab.visit((shipped_site / rel).resolve().as_uri())
        assert not tab.problems, (rel, tab.problems)
        widths = page.evaluate("() => Array.from(document.querySelectorAll('img.vpcdocs-diagram'))"
                               ".map(i => i.naturalWidth)")
        assert all(w > 0 for w in widths), rel
        # a link to another generated page resolves to a file on disk
        href = page.evaluate("() => document.querySelector('a[href$=\"cidr-index.html\"]').href")
        assert href.startswith("file://") and Path(href[len("file://"):]).is_file(), href
    tab.close()
