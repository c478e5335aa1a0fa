"""Time the diagrams of a generated estate (not a test; run by hand):

    .venv/bin/python tests/render/diagram/measure_estates.py 30 300 [--reach-generator]

For each size: every site diagram (overview, estate summary, one per region, one per transit
gateway, one per VPC, SVG with the dark variants) drawn cold into an empty cache and again
from the warm cache, wall and CPU time (this process and its Graphviz children), and the size
figures of the overviews (:func:`vpcdocs.render.diagram.diagram_stats`).
``--reach-generator`` uses ``benchmarks/reach/generate.py`` (one region, mixed mode) instead
of :mod:`estate_specs` (3 regions, 4 accounts).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2] / "benchmarks" / "reach"))

from estate_specs import estate_spec  # noqa: E402

from vpcdocs.render.diagram import DiagramRef, diagram_stats, render_site_diagrams  # noqa: E402
from vpcdocs.spec import load_spec_text  # noqa: E402

KINDS = ("overview", "estate", "region", "tgw", "vpc")


def cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str]) -> int:
    reach = "--reach-generator" in argv
    sizes = [int(a) for a in argv if a.isdigit()] or [30, 300]
    for n in sizes:
        if reach:
            from generate import generate  # benchmarks/reach/generate.py

            text = generate(n, 10, "mixed")
        else:
            text = estate_spec(n)
        topo = load_spec_text(text).topology
        with tempfile.TemporaryDirectory() as tmp:
            out, cache = Path(tmp) / "out", Path(tmp) / "cache"
            rows = []
            for label in ("cold", "warm"):
                t0, c0 = time.perf_counter(), cpu()
                files = render_site_diagrams(topo, out, cache, kinds=KINDS, dark=True)
                rows.append((label, time.perf_counter() - t0, cpu() - c0, len(files),
                             sum(f.path.stat().st_size for f in files if f.ok), sum(1 for f in files if not f.ok)))
        subnets = len(topo.subnets)
        print(f"## {n} VPCs, {subnets} subnets ({'benchmarks/reach mixed' if reach else 'estate_specs'}), "
              f"{os.cpu_count()} cores")
        for label, wall, cpu_s, count, size, failed in rows:
            print(f"{label}: {count} files in {wall:.1f} s wall, {cpu_s:.1f} s CPU, {size / 1e6:.1f} MB, {failed} failed")
        refs = [DiagramRef("overview"), DiagramRef("estate")]
        refs += [DiagramRef("region", r) for r in sorted({v.region for v in topo.vpcs})]
        for ref in refs:
            s = diagram_stats(topo, ref)
            print(f"  {s.diagram}: {s.nodes} nodes, {s.edges} edges, {s.boxes} boxes, "
                  f"{s.svg_bytes / 1e3:.0f} KB, {s.width:.0f} x {s.height:.0f} px, {s.seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
