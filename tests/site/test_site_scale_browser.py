"""The site of a generated real estate in headless Chromium, straight from disk (file://).

By default the estate has 100 VPCs (1,000 subnets; about half a minute to build). With
``VPCDOCS_BIG=1`` it has 1,000 VPCs / 10,000 subnets (several minutes to build): the site is
built once per test session into a temporary folder. What is checked: home, a VPC page, the
Reachability page and the overview open without errors; search finds a subnet id and a CIDR
from file://; a matrix cell shows its path or reason when clicked, also inside a drill-down
block of the Reachability page; tables never clip (they fit or scroll) at 1400 px and 420 px;
the dark palette; no page over 1.5 MB and a search index under 15 MB.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bench_estates import write_estate

BIG = os.environ.get("VPCDOCS_BIG") == "1"
SIZE = 1000 if BIG else 100

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="session")
def estate_site(tmp_path_factory) -> Path:
    from vpcdocs.site.build import build_site

    root = tmp_path_factory.mktemp(f"estate-{SIZE}")
    specs = write_estate(root / "specs", SIZE)
    here = os.getcwd()
    os.chdir(root)  # no mkdocs.yml here: vpcdocs' built-in configuration
    try:
        build_site(specs, root / "site", cache_dir=root / "cache")
    finally:
        os.chdir(here)
    return root / "site"


def _open(browser, path: Path, width: int = 1400, dark: bool = False):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="dark" if dark else "light")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    page.goto(path.resolve().as_uri(), wait_until="load")
    return page, problems


def _vpc() -> str:
    return "prod-use1-3"


def test_sizes_stay_bounded(estate_site: Path):
    pages = {p: p.stat().st_size for p in estate_site.rglob("*.html")}
    largest = max(pages, key=pages.__getitem__)
    assert pages[largest] <= 1.5 * 2**20, (largest, pages[largest])
    assert (estate_site / "search" / "search_index.json").stat().st_size <= 15 * 2**20
    assert (estate_site / "search" / "search_index.js").is_file()


def test_pages_open_from_disk(browser, estate_site: Path):
    for rel in ("network/index.html", f"network/vpcs/{_vpc()}.html", "network/reachability.html",
                "network/vpcs.html", "network/images/overview.svg"):
        page, problems = _open(browser, estate_site / rel)
        page.wait_for_timeout(300)
        assert not problems, (rel, problems)
        if rel.endswith(".html"):
            assert page.locator("article h1").count() == 1, rel
        page.context.close()


def _search(page, query: str, expected_href: str) -> None:
    box = page.locator("input.md-search__input")
    box.focus()
    page.keyboard.type(query, delay=10)
    page.wait_for_function(
        "e => Array.from(document.querySelectorAll('.md-search-result__link')).some(a => a.href.includes(e))",
        arg=expected_href, timeout=60000)


def test_search_finds_a_subnet_and_a_cidr_from_disk(browser, estate_site: Path):
    vpc = _vpc()
    page, problems = _open(browser, estate_site / "index.html")
    _search(page, f"{vpc}-app-1b", f"network/vpcs/{vpc}.html")
    hrefs = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__link").all()]
    anchored = [h for h in hrefs if "#" in h]
    assert anchored and f"#subnet-{vpc}-app-1b" in anchored[0], hrefs  # the subnet itself comes first
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    _search(page, _subnet_cidr(estate_site, vpc), f"#subnet-{vpc}-data-1a")
    assert not problems, problems
    page.context.close()


def _subnet_cidr(site: Path, vpc: str) -> str:
    import re

    html = (site / "network" / "vpcs" / f"{vpc}.html").read_text()
    m = re.search(rf'id="subnet-{vpc}-data-1a"></a><code>{vpc}-data-1a</code></td>.*?<code>(10\.[0-9.]+/24)</code>',
                  html, re.S)
    assert m, "the data-1a subnet row"
    return m.group(1)


def test_matrix_cells_show_path_or_reason(browser, estate_site: Path):
    page, problems = _open(browser, estate_site / f"network/vpcs/{_vpc()}.html")
    cell = page.locator(".vpcdocs-reach[data-part=subnets] tr[data-r='3'] td").nth(1)
    cell.click()
    detail = page.locator(".vpcdocs-reach[data-part=subnets] .vpcdocs-detail-box")
    detail.wait_for(timeout=10000)
    text = detail.inner_text()
    assert "→" in text and ("Path" in text or "not" in text) and "vpcdocs reach --from" in text
    page.context.close()

    page, problems2 = _open(browser, estate_site / "network/reachability.html")
    page.locator(".vpcdocs-aggregate[data-grouping=account-region] button[data-ga='4'][data-gb='4']").click()
    drilled = page.locator(".vpcdocs-aggregate[data-grouping=account-region] .vpcdocs-drill td[data-i]").first
    drilled.wait_for(timeout=60000)
    page.locator(".vpcdocs-drill td.vpcdocs-s-ok").first.click()
    box = page.locator(".vpcdocs-drill .vpcdocs-detail-box")
    box.wait_for(timeout=10000)
    assert "reachable" in box.inner_text() and "Path:" in box.inner_text()
    assert not problems and not problems2, problems + problems2
    page.context.close()


_CLIPPED = """() => {
  const bad = [];
  for (const t of document.querySelectorAll('article table')) {
    let el = t.parentElement, ok = t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1;
    while (!ok && el && el.tagName !== 'ARTICLE') {
      const s = getComputedStyle(el);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth - 1
          && el.getBoundingClientRect().right <= document.documentElement.clientWidth + 1) ok = true;
      el = el.parentElement;
    }
    if (!ok) bad.push(t.outerHTML.slice(0, 120));
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) bad.push('the page scrolls sideways');
  return bad;
}"""


@pytest.mark.parametrize("width", [1400, 420])
def test_tables_fit_or_scroll_never_clip(browser, estate_site: Path, width: int):
    for rel in (f"network/vpcs/{_vpc()}.html", "network/reachability.html", "network/vpcs.html", "network/index.html"):
        page, problems = _open(browser, estate_site / rel, width)
        assert page.evaluate(_CLIPPED) == [], (rel, width)
        assert not problems, problems
        page.context.close()


def test_dark_palette(browser, estate_site: Path):
    light, _ = _open(browser, estate_site / f"network/vpcs/{_vpc()}.html")
    dark, problems = _open(browser, estate_site / f"network/vpcs/{_vpc()}.html", dark=True)
    assert dark.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    css = "() => getComputedStyle(document.querySelector('td.vpcdocs-s-ok')).backgroundColor"
    assert light.evaluate(css) != dark.evaluate(css)
    shown = dark.evaluate("() => Array.from(document.querySelectorAll('img.vpcdocs-diagram'))"
                          ".filter(i => i.offsetParent !== null).map(i => i.getAttribute('src'))")
    assert shown and all("/dark/" in s for s in shown)
    assert not problems, problems
    light.context.close()
    dark.context.close()
