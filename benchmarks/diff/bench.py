"""``vpcdocs diff`` on generated estates with one changed peering.

For each estate (benchmarks/reach/generate.py: VPCs × 10 subnets; *peering* ring, or *mixed*:
even VPCs on a transit gateway, odd VPCs in the ring) the head removes one peering and its
routes. Timed:

* ``vpcdocs diff BASE HEAD --format json -o …`` as a user runs it (a subprocess: loading both
  sides, resources, route tables, flows, service paths, findings), wall clock and CPU;
* with ``--all-pairs`` also the full comparison (every VPC pair and every subnet pair of
  every neighbourhood on both sides — what the diff computed before it was scoped), through
  the Python API, for the estates where that finishes in reasonable time.

    .venv/bin/python benchmarks/diff/bench.py [--sizes 100,300] [--all-pairs 100] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "benchmarks" / "reach"))
from generate import generate  # noqa: E402

CHANGED = {"peering": "pcx-0-1", "mixed": "pcx-1-3"}  # the peering the head removes


def estate(folder: Path, vpcs: int, mode: str) -> tuple[Path, Path]:
    text = generate(vpcs, 10, mode)
    head = "\n".join(line for line in text.splitlines() if CHANGED[mode] not in line) + "\n"
    base_dir, head_dir = folder / "base", folder / "head"
    for d, t in ((base_dir, text), (head_dir, head)):
        d.mkdir(parents=True)
        (d / "net.yaml").write_text(t)
    return base_dir, head_dir


def cli_run(base: Path, head: Path, out: Path) -> tuple[float, float, dict]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vpcdocs", "diff", str(base), str(head), "--format", "json", "-o",
                    str(out)], check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, json.loads(out.read_text())


def full_run(base: Path, head: Path) -> tuple[float, float, int]:
    from vpcdocs.diff.report import diff_topologies
    from vpcdocs.spec import load_specs

    b, h = load_specs(str(base)).topology, load_specs(str(head)).topology
    start, cpu0 = time.perf_counter(), time.process_time()
    report = diff_topologies(b, h, all_pairs=True)
    return time.perf_counter() - start, time.process_time() - cpu0, len(report.reachability)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,300")
    ap.add_argument("--modes", default="peering,mixed")
    ap.add_argument("--all-pairs", default="100", help="sizes to also time the full comparison for")
    ap.add_argument("--write", action="store_true", help="write benchmarks/diff/RESULTS.md")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    full_sizes = {int(s) for s in args.all_pairs.split(",") if s}
    rows = []
    load = os.getloadavg()[0]
    for n in sizes:
        for mode in args.modes.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                base, head = estate(Path(tmp), n, mode)
                wall, cpu, data = cli_run(base, head, Path(tmp) / "report.json")
                flows = len(data["reachability"])
                row = {"vpcs": n, "subnets": n * 10, "mode": mode, "wall": wall, "cpu": cpu, "flows": flows,
                       "dirty": len(data["scope"]["vpcs"]), "full_wall": None, "full_cpu": None}
                if n in full_sizes:
                    fwall, fcpu, fflows = full_run(base, head)
                    assert fflows == flows, (fflows, flows)
                    row.update(full_wall=fwall, full_cpu=fcpu)
                rows.append(row)
                print(json.dumps(row), flush=True)
    if args.write:
        write(rows, load)


def write(rows: list[dict], load: float) -> None:
    def f(v: float | None) -> str:
        return "—" if v is None else f"{v:.1f}"

    lines = [
        "# `vpcdocs diff` benchmark: one changed peering", "",
        "Command: `.venv/bin/python benchmarks/diff/bench.py --write`", "",
        f"Machine: Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, shared with other jobs (1-minute load average {load:.1f} at the start), so "
        "wall-clock times are noisy; CPU is the process's own time.", "",
        "Estates from benchmarks/reach/generate.py (10 subnets per VPC; *peering*: a ring, each VPC peered with "
        "its next two; *mixed*: even VPCs on one transit gateway, odd VPCs in the ring). The head removes one "
        "peering and its routes. *diff* is `vpcdocs diff BASE HEAD --format json -o report.json` end to end "
        "(both sides loaded, resources, route tables, flows, service paths, security rules, findings); it asks "
        "the reachability engine only about the pairs with an end in a *dirty* VPC (vpcdocs/diff/scope.py). "
        "*full comparison* is the same diff with every VPC pair and every subnet pair of every neighbourhood "
        "asked on both sides (`all_pairs=True`, what the diff did before), timed through the Python API without "
        "loading; both find the same flows.", "",
        "| VPCs | subnets | mode | flows changed | dirty VPCs | diff wall (s) | diff CPU (s) | "
        "full comparison wall (s) | full comparison CPU (s) |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(f"| {r['vpcs']} | {r['subnets']} | {r['mode']} | {r['flows']} | {r['dirty']} | {f(r['wall'])} "
                     f"| {f(r['cpu'])} | {f(r['full_wall'])} | {f(r['full_cpu'])} |")
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
