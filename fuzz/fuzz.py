"""``make fuzz N=10000``: fuzz vpcdocs' command line with hostile specs, importer inputs and
builds, and report what a user must never see.

    python fuzz/fuzz.py --n 1000 --seed 1            # a run, with a summary table
    python fuzz/fuzz.py --seed 1 --case 1234 -v      # replay one case, show its output
    python fuzz/fuzz.py --n 10000 --results fuzz/RESULTS.md --keep fuzz/findings

Counted: tracebacks, exit codes outside 0/1/2, raw control characters on stdout/stderr,
errors without a location (and internal errors), hangs (a case over 60 s), peak memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from oracle import KINDS, RAW_CONTROL  # noqa: E402
from runner import Totals, run_fuzz  # noqa: E402


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def table(totals: Totals, n: int, seed: int, seconds: float, load: str) -> str:
    lines = [f"| run | seed {seed}, {n:,} cases, {seconds:,.0f} s ({seconds / max(n, 1) * 1000:.0f} ms/case) |",
             "| --- | --- |",
             f"| machine | {_machine()} |",
             f"| load (1/5/15 min, at start) | {load} |",
             "| cases by target | " + ", ".join(f"{k} {v:,}" for k, v in sorted(totals.cases.items())) + " |",
             f"| run through the real entry point (subprocess) | {totals.subprocess_runs:,} |",
             "| exit codes | " + ", ".join(f"{k}: {v:,}" for k, v in sorted(totals.exit_codes.items())) + " |",
             "| seconds by target | " + ", ".join(f"{k} {v:,.0f}" for k, v in sorted(totals.seconds.items())) + " |",
             f"| slowest case | {totals.slowest[0]:.1f} s — {totals.slowest[1]} |",
             f"| peak memory | fuzzer process {totals.peak_rss_mib:,.0f} MiB, largest child "
             f"{totals.peak_child_rss_mib:,.0f} MiB |"]
    for kind in KINDS:
        lines.append(f"| **{kind}** | {totals.problems.get(kind, 0):,} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="number of cases")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", type=int, default=None, help="replay one case")
    parser.add_argument("--subprocess-share", type=float, default=0.02)
    parser.add_argument("--build-share", type=float, default=0.03)
    parser.add_argument("--hypothesis-share", type=float, default=0.1)
    parser.add_argument("--keep", type=Path, default=None, help="copy failing cases into this folder")
    parser.add_argument("--results", type=Path, default=None, help="append the summary table to this Markdown file")
    parser.add_argument("--label", default=None, help="what was fuzzed (e.g. the commit), for the results table")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    started = time.monotonic()
    totals = run_fuzz(args.n, args.seed, subprocess_share=args.subprocess_share, build_share=args.build_share,
                      hypothesis_share=args.hypothesis_share, keep=args.keep, only_case=args.case,
                      progress=lambda m: print(m, file=sys.stderr, flush=True))
    seconds = time.monotonic() - started
    n = args.n if args.case is None else 1
    print(table(totals, n, args.seed, seconds, load))
    if args.verbose:
        for line in totals.transcript:  # control characters shown, not sent to this terminal
            print(RAW_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line))
    for kind, examples in sorted(totals.examples.items()):
        print(f"\n{kind}:")
        for ex in examples:
            print("  " + ex.encode("unicode_escape").decode("ascii")[:600])
    if args.results is not None:
        with args.results.open("a", encoding="utf-8") as fh:
            label = f" on {args.label}" if args.label else ""
            fh.write(f"\n## {date.today().isoformat()}: `make fuzz N={args.n} SEED={args.seed}`{label}\n\n")
            fh.write(table(totals, n, args.seed, seconds, load))
    return 1 if any(totals.problems.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
