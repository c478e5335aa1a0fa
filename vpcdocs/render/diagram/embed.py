"""How a page embeds a diagram: a figure the viewer (``site/assets/viewer.js``) opens.

:func:`figure_html` returns the HTML (safe inside Markdown: one block, every value escaped)::

    <figure class="vpcdocs-figure">
      <a class="vpcdocs-zoom" href="vpc-a.svg" title="…">          (opens the viewer; without
        <img class="vpcdocs-diagram vpcdocs-light" src="vpc-a.svg" …>   JavaScript: the SVG)
        <img class="vpcdocs-diagram vpcdocs-dark" src="vpc-a_dark.svg" …>
      </a>
      <figcaption>…</figcaption>
    </figure>

``viewer.css`` shows the image at the full content width, never narrower than its natural
width (so its smallest text, 11 px, stays 11 px: a wider diagram scrolls sideways in its
figure), swaps in the dark image under Material's ``slate`` palette, and styles the viewer.
The page needs ``viewer.css`` and ``viewer.js`` (``vpcdocs/site/assets/``) loaded.
"""

from __future__ import annotations

import re

from ...render.escape import html_text

VIEWER_JS = "viewer.js"
VIEWER_CSS = "viewer.css"

_SIZE = re.compile(rb'<svg width="([0-9.]+)px" height="([0-9.]+)px"')


def dark_path(path: str) -> str:
    """Where a site keeps a diagram's dark variant: ``images/vpc-a.svg`` ->
    ``images/dark/vpc-a.svg`` (its own folder: one file per diagram in ``images/``)."""
    folder, slash, name = path.rpartition("/")
    return f"{folder}/dark/{name}" if slash else f"dark/{name}"


def svg_size(data: bytes) -> tuple[float, float] | None:
    """Natural (width, height) in CSS pixels of a diagram SVG made by vpcdocs."""
    m = _SIZE.search(data[:600])
    return (float(m.group(1)), float(m.group(2))) if m else None


def figure_html(src: str, alt: str, *, dark_src: str | None = None, width: float | None = None,
                height: float | None = None, caption: str | None = None) -> str:
    """The figure for a diagram at ``src`` (a relative URL), with its dark variant, natural
    size (:func:`svg_size`) and an optional caption (plain text)."""
    size = f' width="{round(width)}" height="{round(height)}"' if width and height else ""
    alt_h = html_text(alt)
    imgs = f'<img class="vpcdocs-diagram vpcdocs-light" src="{html_text(src)}" alt="{alt_h}"{size}>'
    if dark_src:
        imgs += f'<img class="vpcdocs-diagram vpcdocs-dark" src="{html_text(dark_src)}" alt="{alt_h}"{size}>'

    cap = f"<figcaption>{html_text(caption)}</figcaption>" if caption else ""
    hint = "Open the diagram to zoom and pan (keyboard: + − 0, arrows, Esc)"
    return (f'<figure class="vpcdocs-figure{" vpcdocs-has-dark" if dark_src else ""}">'
            f'<a class="vpcdocs-zoom" href="{html_text(src)}" title="{hint}">{imgs}</a>{cap}</figure>')
