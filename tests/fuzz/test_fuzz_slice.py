"""A 500-case slice of the fuzzer (``make fuzz`` runs any number): hostile specs, special
files, importer inputs and builds must never give a traceback, an exit code outside 0/1/2,
a raw control character, an unlocated or internal error, or a hang."""

from __future__ import annotations

import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
sys.path.insert(0, str(FUZZ))

from runner import run_fuzz  # noqa: E402


def test_fuzz_slice(tmp_path):
    totals = run_fuzz(500, seed=20261202, subprocess_share=0.004, build_share=0.01, hypothesis_share=0.1,
                      workdir=tmp_path)
    assert sum(totals.cases.values()) == 500
    problems = [f"{kind}: {example}" for kind, examples in totals.examples.items() for example in examples]
    assert not problems, "\n".join(problems)  # replay one: python fuzz/fuzz.py --seed 20261202 --case N -v
