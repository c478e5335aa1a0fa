"""Diagrams as readers meet them in the built site (issue 13 item 1), in headless Chromium
from file:// (offline): text at least 11 px at 1400 px and on a 420 px phone, VPC diagrams at
the full content width, the dark variant under Material's slate palette (and its toggle),
and the viewer — opens on click and on Enter, zooms (buttons, keys, wheel, pinch), pans
(drag, arrows), closes on Esc and gives focus back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from site_helpers import SPECS

pytestmark = pytest.mark.browser

# smallest rendered text box of an SVG document drawn at the width its <img> had on the page
_SMALLEST_TEXT = """
(width) => {
  const root = document.documentElement;
  const natural = root.width.baseVal.value, tall = root.height.baseVal.value;
  root.setAttribute('width', width); root.setAttribute('height', tall * width / natural);
  const heights = [...root.querySelectorAll('text')].map(t => t.getBoundingClientRect().height);
  return {count: heights.length, min: Math.min(...heights)};
}
"""


@pytest.fixture(scope="module")
def default_site(tmp_path_factory) -> Path:
    """The shipped specs built with vpcdocs' built-in MkDocs configuration (no mkdocs.yml)."""
    from vpcdocs.site.build import build_site

    work = tmp_path_factory.mktemp("default-config")
    here = os.getcwd()
    os.chdir(work)
    try:
        build_site(SPECS, work / "site", cache_dir=work / "cache", strict=True)
    finally:
        os.chdir(here)
    return work / "site"


def _page(browser, width: int, dark: bool = False, touch: bool = False):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="dark" if dark else "light",
                                  has_touch=touch)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    return context, page, requests


def _url(site: Path, rel: str) -> str:
    return (site / rel).as_uri()


@pytest.mark.parametrize("width", [1400, 420])
def test_diagram_text_is_at_least_11px_and_vpc_diagrams_fill_the_column(browser, default_site, width):
    context, page, requests = _page(browser, width)
    try:
        pages = ["network/index.html", *sorted(p.relative_to(default_site).as_posix()
                                              for p in (default_site / "network/vpcs").glob("vpc-*.html"))]
        checked = 0
        for rel in pages:
            page.goto(_url(default_site, rel))
            figures = page.evaluate("""() => [...document.querySelectorAll('figure.vpcdocs-figure')].map(f => {
                const img = [...f.querySelectorAll('img')].find(i => getComputedStyle(i).display !== 'none');
                const col = document.querySelector('.md-content__inner').getBoundingClientRect().width;
                return {src: img.src, shown: img.getBoundingClientRect().width, natural: img.naturalWidth,
                        column: col, figure: f.clientWidth, scroll: f.scrollWidth};
            })""")
            if rel.startswith("network/vpcs/"):
                assert len(figures) == 1, rel
            for fig in figures:
                assert fig["natural"] > 100, (rel, fig)
                # never shown smaller than its natural size: its 11 px text stays 11 px ...
                assert fig["shown"] >= fig["natural"] - 1, (rel, fig)
                # ... and at least the full content width (a wider one scrolls inside its figure)
                assert fig["shown"] >= fig["figure"] - 2, (rel, fig)
                if fig["natural"] > fig["column"]:
                    assert fig["scroll"] > fig["figure"], (rel, fig)
                svg_page = context.new_page()  # the SVG itself, at the size it is shown (file:// is one origin per file)
                svg_page.goto(fig["src"])
                smallest = svg_page.evaluate(_SMALLEST_TEXT, fig["shown"])
                svg_page.close()
                assert smallest["count"] > 5 and smallest["min"] >= 11, (rel, smallest)
                checked += 1
        assert checked >= 10
        assert all(u.startswith("file://") or u.startswith("data:") for u in requests)  # offline
    finally:
        context.close()


def test_dark_palette_shows_the_dark_diagram_and_the_toggle_switches_back(browser, default_site):
    context, page, _ = _page(browser, 1400, dark=True)
    try:
        page.goto(_url(default_site, "network/vpcs/vpc-a.html"))
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        visible = page.evaluate("""() => [...document.querySelectorAll('img.vpcdocs-diagram')]
            .filter(i => getComputedStyle(i).display !== 'none').map(i => [i.getAttribute('src'), i.naturalWidth])""")
        assert len(visible) == 1 and "/dark/" in visible[0][0] and visible[0][1] > 100
        page.click("label.md-header__button[for^='__palette']:visible")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
        visible = page.evaluate("""() => [...document.querySelectorAll('img.vpcdocs-diagram')]
            .filter(i => getComputedStyle(i).display !== 'none').map(i => i.getAttribute('src'))""")
        assert visible == ["../images/vpc-a.svg"]
    finally:
        context.close()


def _zoom(page) -> float:
    return float(page.get_attribute(".vpcdocs-viewer", "data-zoom"))


def _offset(page) -> tuple[float, float]:
    t = page.evaluate("document.querySelector('.vpcdocs-viewer__image').style.transform")
    x, y = t.split("translate(")[1].split(")")[0].replace("px", "").split(",")
    return float(x), float(y)


def test_the_viewer_opens_zooms_pans_and_closes(browser, default_site):
    context, page, requests = _page(browser, 1400)
    try:
        page.goto(_url(default_site, "network/vpcs/vpc-a.html"))
        page.click("a.vpcdocs-zoom")
        page.wait_for_selector(".vpcdocs-viewer[data-ready='true']")
        assert page.evaluate("document.activeElement.className") == "vpcdocs-viewer__stage"
        assert page.get_attribute(".vpcdocs-viewer", "role") == "dialog"
        fit = _zoom(page)
        page.keyboard.press("+")
        assert _zoom(page) == pytest.approx(fit * 1.25, rel=1e-3)
        page.click("button[title^='Zoom in']")
        assert _zoom(page) == pytest.approx(fit * 1.25 ** 2, rel=1e-3)
        page.keyboard.press("1")
        assert _zoom(page) == pytest.approx(1.0)
        before = _offset(page)
        page.keyboard.press("ArrowRight")
        assert _offset(page)[0] == pytest.approx(before[0] - 60)
        # drag with the mouse pans, the wheel zooms at the pointer
        box = page.locator(".vpcdocs-viewer__stage").bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        before = _offset(page)
        page.mouse.move(cx, cy)
        page.mouse.down()
        page.mouse.move(cx + 80, cy + 40, steps=4)
        page.mouse.up()
        after = _offset(page)
        assert after[0] == pytest.approx(before[0] + 80, abs=1) and after[1] == pytest.approx(before[1] + 40, abs=1)
        zoom = _zoom(page)
        page.mouse.wheel(0, -300)
        page.wait_for_function(f"parseFloat(document.querySelector('.vpcdocs-viewer').dataset.zoom) > {zoom}")
        page.keyboard.press("0")
        assert _zoom(page) == pytest.approx(fit, rel=1e-3)
        page.keyboard.press("Escape")
        assert page.locator(".vpcdocs-viewer").count() == 0
        assert page.evaluate("document.activeElement.classList.contains('vpcdocs-zoom')")  # focus back on the figure
        page.keyboard.press("Enter")  # the keyboard opens it too
        page.wait_for_selector(".vpcdocs-viewer[data-ready='true']")
        page.keyboard.press("Escape")
        assert all(u.startswith("file://") or u.startswith("data:") for u in requests)
    finally:
        context.close()


def test_pinch_zooms_the_viewer_on_a_phone(browser, default_site):
    context, page, _ = _page(browser, 420, touch=True)
    try:
        page.goto(_url(default_site, "network/vpcs/vpc-a.html"))
        page.tap("a.vpcdocs-zoom")
        page.wait_for_selector(".vpcdocs-viewer[data-ready='true']")
        box = page.locator(".vpcdocs-viewer__stage").bounding_box()
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        zoom = _zoom(page)
        cdp = context.new_cdp_session(page)

        def touch(kind: str, spread: float) -> None:
            points = [{"x": cx - spread, "y": cy, "id": 1}, {"x": cx + spread, "y": cy, "id": 2}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [] if kind == "touchEnd" else points})

        touch("touchStart", 30)
        for spread in (45, 60, 75, 90):
            touch("touchMove", spread)
        touch("touchEnd", 90)
        assert _zoom(page) == pytest.approx(zoom * 3, rel=0.1)  # fingers 60 -> 180 px apart
        # one finger pans
        before = _offset(page)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": cx, "y": cy, "id": 3}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": cx - 50, "y": cy, "id": 3}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        assert _offset(page)[0] == pytest.approx(before[0] - 50, abs=1)
    finally:
        context.close()
