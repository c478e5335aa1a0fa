"""Benchmark: full VPC × VPC reachability matrix on synthetic estates.

    .venv/bin/python benchmarks/reach/bench.py                 # 50, 200, 500 VPCs × 10 subnets
    .venv/bin/python benchmarks/reach/bench.py --sizes 50 200 --modes tgw --write

For each (size, mode) it generates an estate (see generate.py), loads it with the normal spec
loader, then times ``vpc_matrix`` on a fresh topology twice: once plain (wall time) and once
under tracemalloc (peak Python memory of the matrix computation). ``--write`` rewrites
RESULTS.md next to this file (what follows its notes marker is kept).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from generate import generate  # noqa: E402

from vpcdocs.analysis.reach import vpc_matrix  # noqa: E402
from vpcdocs.cli import GC_THRESHOLDS  # noqa: E402
from vpcdocs.spec import load_spec_text  # noqa: E402


def load(n: int, subnets: int, mode: str):
    text = generate(n, subnets, mode)
    t0 = time.perf_counter()
    result = load_spec_text(text, f"synthetic-{mode}-{n}.yaml")
    elapsed = time.perf_counter() - t0
    errors = [d for d in result.errors]
    if errors:
        raise SystemExit(f"generated spec has errors: {errors[0].format()}")
    return result.topology, elapsed


def run(n: int, subnets: int, mode: str) -> dict:
    topo, load_s = load(n, subnets, mode)
    gc.collect()
    t0 = time.perf_counter()
    c0 = time.process_time()
    m = vpc_matrix(topo)
    matrix_s = time.perf_counter() - t0
    matrix_cpu = time.process_time() - c0
    reachable = sum(1 for cell in m if cell.reachable)
    stats = dict(m.stats)
    del m
    topo2, _ = load(n, subnets, mode)  # fresh topology: no warm caches
    gc.collect()
    tracemalloc.start()
    m2 = vpc_matrix(topo2)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del m2
    return {"vpcs": n, "subnets": n * subnets, "mode": mode, "pairs": stats["pairs"],
            "reachable": reachable,
            "route_lookups": stats["route_lookups"], "load_s": load_s, "matrix_s": matrix_s,
            "matrix_cpu": matrix_cpu,
            "peak_mib": peak / 2**20}


NOTES = "<!-- notes: kept by --write -->"


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} CPUs ({cpu})")


def table(rows: list[dict]) -> str:
    out = ["| VPCs | subnets | mode | VPC pairs | reachable | route look-ups | load (s) "
           "| matrix wall (s) | matrix CPU (s) | peak matrix memory (MiB) |",
           "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        out.append(f"| {r['vpcs']} | {r['subnets']} | {r['mode']} | {r['pairs']:,} | {r['reachable']:,} | "
                   f"{r['route_lookups']:,} | {r['load_s']:.2f} | "
                   f"{r['matrix_s']:.2f} | {r['matrix_cpu']:.2f} | {r['peak_mib']:.1f} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 500])
    ap.add_argument("--subnets", type=int, default=10)
    ap.add_argument("--modes", nargs="+", default=["peering", "tgw", "mixed"])
    ap.add_argument("--write", action="store_true", help="rewrite RESULTS.md")
    args = ap.parse_args()
    gc.set_threshold(*GC_THRESHOLDS)  # as `vpcdocs` runs (vpcdocs/cli.py)
    rows = []
    load_before = os.getloadavg()[0]
    for mode in args.modes:
        for n in args.sizes:
            row = run(n, args.subnets, mode)
            rows.append(row)
            print(f"{mode:8} {n:5} VPCs: matrix {row['matrix_s']:.2f}s, peak {row['peak_mib']:.1f} MiB, "
                  f"{row['reachable']}/{row['pairs']} reachable", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load_after = os.getloadavg()[0]
    text = table(rows)
    print(text)
    if args.write:
        cmd = "python benchmarks/reach/bench.py " + " ".join(sys.argv[1:])
        old = (HERE / "RESULTS.md").read_text() if (HERE / "RESULTS.md").exists() else ""
        notes = old[old.index(NOTES):] if NOTES in old else ""  # hand-written, kept as they are
        (HERE / "RESULTS.md").write_text(f"""# Reachability benchmark: full VPC × VPC matrix

Command: `.venv/bin/{cmd.strip()}`

Machine: {machine()}. The machine was shared with other jobs (1-minute load average
{load_before:.1f} before, {load_after:.1f} after the run), so wall-clock times are noisy; the CPU
column is this process's CPU time, which contention disturbs less. Peak memory is what tracemalloc saw while `vpc_matrix` ran (Python allocations only); the
whole benchmark process peaked at {rss:.0f} MiB RSS.

Estates (benchmarks/reach/generate.py): each VPC a /18 with {args.subnets} /24 subnets over three AZs,
a public table (0.0.0.0/0 → IGW) and a private table (0.0.0.0/0 → NAT). *peering*: a ring
where each VPC is peered with its next two neighbours, routes on both sides (sparse: most pairs
are unreachable). *tgw*: every VPC attached to one transit gateway (one table, all
propagated; 10.0.0.0/8 → TGW in every subnet table) — every pair reachable, each through the
TGW with its return path checked. *mixed*: even VPCs on the TGW, odd VPCs in the peering ring.

A VPC pair is answered by its places' source groups — the subnets that share a route table
(and AZ, when the table routes to a TGW) — each traced once per destination block instead of
once per subnet pair: in the 500-VPC peering estate 25,000,000 subnet pairs become at most
500,000 group × VPC traces (a pair stops at its first reachable group), and the equivalence
with per-pair `reach` is tested (tests/consistency). "Route look-ups" counts route-table
look-ups actually computed (memoised per table and destination; repeats are free).

{text}
""" + (f"\n{notes}" if notes else ""))


if __name__ == "__main__":
    main()
