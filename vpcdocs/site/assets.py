"""The site's own static files (stylesheet aside, see :func:`.generate.css`): the script
that shows reach answers on demand and the search worker shim for file:// — shipped in the
package (``vpcdocs/site/assets/``), copied into ``network/assets/``, never fetched."""

from __future__ import annotations

from importlib import resources

from . import paths

REACH_JS = f"{paths.ROOT}/assets/vpcdocs-reach.js"
SEARCH_SHIM = f"{paths.ROOT}/assets/search-worker-shim.js"
VIEWER_JS = f"{paths.ROOT}/assets/viewer.js"  # diagram viewer (render/diagram/embed.py)
VIEWER_CSS = f"{paths.ROOT}/assets/viewer.css"

_FILES = {REACH_JS: "vpcdocs-reach.js", SEARCH_SHIM: "search-worker-shim.js", VIEWER_JS: "viewer.js",
          VIEWER_CSS: "viewer.css"}


def files() -> dict[str, bytes]:
    """Docs path -> bytes of every script the generated pages use."""
    root = resources.files("vpcdocs.site").joinpath("assets")
    return {docs_path: root.joinpath(name).read_bytes() for docs_path, name in _FILES.items()}
