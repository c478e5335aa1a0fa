"""Label sizes, measured by Graphviz itself (the same fonts and HTML-table rules it draws with).

The layout needs every block's width and height before it can place anything. One ``dot``
run with ``-Tplain`` over all not-yet-known labels (no layout: ``nop2``, every node at 0,0)
returns them; results are kept per label text for the life of the process, so a site build
measures a label like ``NAT gateway`` once.

Without Graphviz (``vpcdocs diagram --format dot`` must work anyway) sizes are estimated
from the text (:func:`estimate`, DejaVu Sans' average widths); they are not cached, so a
later run with Graphviz measures for real.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from .graphviz_run import GraphvizError, run_dot
from .labels import FONT

_SIZES: dict[str, tuple[float, float]] = {}
_LOCK = threading.Lock()
_MAX_CACHE = 200_000
CHUNK = 2500  # labels per dot run when many are measured at once (a site's worth)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def measure(labels: Iterable[str]) -> dict[str, tuple[float, float]]:
    """``{label: (width, height)}`` in points for HTML-like label bodies (no outer ``<>``);
    many labels are measured in chunks of :data:`CHUNK`, in parallel.

    Raises :class:`~.graphviz_run.GraphvizError` when ``dot`` fails or times out."""
    wanted = list(dict.fromkeys(labels))
    with _LOCK:
        missing = [lb for lb in wanted if lb not in _SIZES]
    chunks = [missing[i:i + CHUNK] for i in range(0, len(missing), CHUNK)]
    try:
        if len(chunks) > 1:
            with ThreadPoolExecutor(max_workers=4) as pool:
                found = list(pool.map(_run, chunks))
        else:
            found = [_run(c) for c in chunks]
    except GraphvizError as exc:
        if "not available" not in str(exc):
            raise
        with _LOCK:
            known = {lb: _SIZES[lb] for lb in wanted if lb in _SIZES}
        return {lb: known.get(lb) or estimate(lb) for lb in wanted}
    with _LOCK:
        if len(_SIZES) > _MAX_CACHE:
            _SIZES.clear()
        for f in found:
            _SIZES.update(f)
        return {lb: _SIZES.get(lb, (10.0, 10.0)) for lb in wanted}


def _run(missing: list[str]) -> dict[str, tuple[float, float]]:
    lines = ["digraph m {", 'graph [layout=nop2, bb="0,0,1,1"];',
             f'node [shape=plain, fontname={_q(FONT)}, margin="0", pos="0,0"];']
    lines += [f"m{i} [label=<{lb}>];" for i, lb in enumerate(missing)]
    lines.append("}")
    plain = run_dot("\n".join(lines) + "\n", "plain").decode("utf-8", "replace")
    found: dict[str, tuple[float, float]] = {}
    for row in plain.splitlines():
        if not row.startswith("node m"):
            continue
        parts = row.split(" ", 6)
        try:
            index = int(parts[1][1:])
            found[missing[index]] = (round(float(parts[4]) * 72, 2), round(float(parts[5]) * 72, 2))
        except (ValueError, IndexError):
            continue
    return found


_TAG = re.compile(r"<[^>]+>")
_SIZE = re.compile(r'POINT-SIZE="([0-9.]+)"')
_CELL = re.compile(r'WIDTH="([0-9]+)" HEIGHT="([0-9]+)"')


def estimate(label: str) -> tuple[float, float]:
    """A label's size without Graphviz: its longest text row at 0.62 em a character, rows
    1.3 em high, plus its fixed-size (icon) cells."""
    rows = [r for r in re.split(r"<TR>|<BR[^>]*>", label) if _TAG.sub("", r).strip()]
    size = max((float(x) for x in _SIZE.findall(label)), default=14.0)
    text_w = max((len(_TAG.sub("", r)) for r in rows), default=1) * size * 0.62
    cells = [(int(w), int(h)) for w, h in _CELL.findall(label)]
    icon_w = max((w for w, _h in cells), default=0)
    height = max(len(rows) * size * 1.3, max((h for _w, h in cells), default=0)) + 10
    return (round(text_w + icon_w + 14, 2), round(height, 2))
