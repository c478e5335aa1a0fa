"""Compare the VPC × VPC matrix CPU time of two checkouts of vpcdocs on the same estates.

    git worktree add /tmp/vpcdocs-old 5ee20d7
    .venv/bin/python benchmarks/reach/compare.py /tmp/vpcdocs-old . --size 500

Each checkout runs in its own interpreter (its own ``vpcdocs`` on ``sys.path``), one after
the other, on the estates of *this* checkout's ``generate.py``; the CPU time of
``vpc_matrix`` (``time.process_time``) and the reachable pair count are printed per mode.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = """
import sys, time
root, generator, n, modes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
sys.path.insert(0, root); sys.path.insert(0, generator)
from generate import generate
from vpcdocs.spec import load_spec_text
from vpcdocs.analysis.reach import vpc_matrix
import vpcdocs
assert vpcdocs.__file__.startswith(root), vpcdocs.__file__
try:  # the garbage collector as that checkout's `vpcdocs` command sets it (none before 2026-12)
    import gc
    from vpcdocs.cli import GC_THRESHOLDS
    gc.set_threshold(*GC_THRESHOLDS)
except ImportError:
    pass
for mode in modes:
    topo = load_spec_text(generate(n, 10, mode)).topology
    t = time.process_time(); m = vpc_matrix(topo); cpu = time.process_time() - t
    print(f"{mode} {n} {cpu:.2f} {sum(1 for c in m if c.reachable)}", flush=True)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("roots", nargs="+", type=Path, help="checkouts of vpcdocs to compare")
    ap.add_argument("--size", type=int, default=500)
    ap.add_argument("--modes", nargs="+", default=["peering", "tgw", "mixed"])
    args = ap.parse_args()
    print("| checkout | mode | VPCs | matrix CPU (s) | reachable pairs |\n| --- | --- | ---: | ---: | ---: |")
    for root in args.roots:
        root = root.resolve()
        out = subprocess.run([sys.executable, "-c", CHILD, str(root), str(HERE), str(args.size), *args.modes],
                             check=True, capture_output=True, text=True, cwd=root).stdout
        for line in out.split("\n"):
            if line.strip():
                mode, n, cpu, reachable = line.split()
                print(f"| {root.name} | {mode} | {n} | {cpu} | {int(reachable):,} |")


if __name__ == "__main__":
    main()
