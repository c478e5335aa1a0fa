"""Shipped examples' diagrams in headless Chromium through ``<img>``: every icon shows.

Each diagram is loaded twice from a localhost page: as published, and the same layout with
the icons stripped. Both are drawn onto a canvas; at every icon position the published one
must differ from the stripped one, which proves each embedded icon decoded and painted.
"""

from __future__ import annotations

import base64
import re

import pytest
from diagram_svg import SVG, parse

from vpcdocs.render.diagram import DiagramRef, render_overview, render_tgw, render_vpc
from vpcdocs.render.diagram.api import build_scene
from vpcdocs.render.diagram.graphviz_run import run_dot
from vpcdocs.render.diagram.svg_embed import embed_icons


def scene_dot(topology, ref):
    return build_scene(topology, ref).to_dot()

pytestmark = pytest.mark.browser

_CHECK = """
async ([published, stripped, rects]) => {
  const load = (src) => new Promise((ok, fail) => {
    const img = new Image(); img.onload = () => ok(img); img.onerror = () => fail(src); img.src = src;
  });
  const a = await load(published), b = await load(stripped);
  const draw = (img) => {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.fillStyle = 'white'; ctx.fillRect(0, 0, c.width, c.height); ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height);
  };
  const pa = draw(a), pb = draw(b), w = a.naturalWidth;
  const share = rects.map(([x, y, rw, rh]) => {
    let diff = 0, n = 0;
    for (let j = Math.ceil(y); j < Math.floor(y + rh); j++) for (let i = Math.ceil(x); i < Math.floor(x + rw); i++) {
      const k = (j * w + i) * 4; n++;
      if (Math.abs(pa.data[k] - pb.data[k]) + Math.abs(pa.data[k+1] - pb.data[k+1]) + Math.abs(pa.data[k+2] - pb.data[k+2]) > 60) diff++;
    }
    return n ? diff / n : 0;
  });
  return {width: a.naturalWidth, height: a.naturalHeight, widthB: b.naturalWidth, share};
}
"""


def icon_rects(svg: bytes) -> list[tuple[float, float, float, float]]:
    """Pixel rectangles (CSS px, as an <img> at natural size) of every placed icon."""
    root = parse(svg)
    scale = float(root.get("width").removesuffix("px")) / float(root.get("viewBox").split()[2])
    graph = next(g for g in root.iter(SVG + "g") if g.get("class") == "graph")
    tx, ty = map(float, re.search(r"translate\(([-0-9.]+) ([-0-9.]+)\)", graph.get("transform")).groups())
    return [((float(u.get("x")) + tx) * scale, (float(u.get("y")) + ty) * scale,
             float(u.get("width")) * scale, float(u.get("height")) * scale)
            for u in root.iter(SVG + "use")]


def test_every_icon_of_every_shipped_diagram_is_painted(shipped, browser, serve_dir, tmp_path):
    cases = {"overview": (render_overview(shipped), scene_dot(shipped, DiagramRef("overview"))),
             "tgw": (render_tgw(shipped, "tgw-hub"), scene_dot(shipped, DiagramRef("tgw", "tgw-hub")))}
    for vpc in shipped.vpcs:
        cases[vpc.id] = (render_vpc(shipped, vpc.id), scene_dot(shipped, DiagramRef("vpc", vpc.id)))
    for name, (published, dot) in cases.items():
        raw = run_dot(dot, "svg").decode()
        assert embed_icons(raw, "x").count("<use") == published.count(b"<use")
        (tmp_path / f"{name}.svg").write_bytes(published)
        (tmp_path / f"{name}-stripped.svg").write_text(embed_icons(raw, "x", icons=False))
    (tmp_path / "index.html").write_text("<!doctype html><title>diagrams</title>" + "".join(
        f'<img id="{n}" src="{n}.svg">' for n in cases))
    base = serve_dir(tmp_path)
    page = browser.new_page()
    try:
        page.goto(base + "index.html")
        page.wait_for_function("[...document.images].every(i => i.complete)")
        widths = page.evaluate("[...document.images].map(i => i.naturalWidth)")
        assert all(w > 100 for w in widths), widths  # every published SVG decodes via <img>
        total = 0
        for name, (published, _dot) in cases.items():
            rects = icon_rects(published)
            assert rects, name
            result = page.evaluate(_CHECK, [f"{name}.svg", f"{name}-stripped.svg", rects])
            assert result["width"] == result["widthB"]
            missing = [i for i, s in enumerate(result["share"]) if s < 0.08]
            assert not missing, (name, [rects[i] for i in missing], result["share"])
            total += len(rects)
        assert total > 100
        # Control: the classic failure (icons referenced by path, which <img> never fetches)
        # is detected by the same check -- so the check above really sees icons.
        published = cases["overview"][0]
        (tmp_path / "icons").mkdir()
        for i, img in enumerate(re.findall(rb'xlink:href="(data:image/png;base64,[^"]+)"', published)):
            (tmp_path / "icons" / f"{i}.png").write_bytes(base64.b64decode(img.split(b",", 1)[1]))
            published = published.replace(img, f"icons/{i}.png".encode())
        (tmp_path / "by-path.svg").write_bytes(published)
        result = page.evaluate(_CHECK, ["by-path.svg", "overview-stripped.svg", icon_rects(published)])
        assert max(result["share"]) < 0.08
    finally:
        page.close()
