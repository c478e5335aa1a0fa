"""Run fuzz cases: in-process through click's CliRunner (fast), a sample also through the
real ``python -m vpcdocs`` entry point (exit codes, bytes on the real stdout/stderr)."""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus import REPO, aws_json_seeds, spec_seeds, terraform_seeds
from mutate import mutate_json_text, mutate_spec, special_file
from oracle import KINDS, Outcome, judge

CASE_TIMEOUT = 60  # seconds: longer is a hang
SPEC_COMMANDS = [
    ["check", "{specs}"], ["check", "{specs}", "--format", "json"], ["check", "{specs}", "--format", "sarif"],
    ["check", "{specs}", "--strict"], ["routes", "{specs}"], ["routes", "{specs}", "--format", "json"],
    ["routes", "{specs}", "--format", "markdown"], ["reach", "{specs}", "--matrix"],
    ["diagram", "{specs}", "--overview", "--format", "dot", "-o", "-"],
    ["diff", "{base}", "{specs}", "--format", "text", "--no-diagrams"],
    ["diff", "{base}", "{specs}", "--format", "markdown", "--no-diagrams"],
]


@dataclass
class Case:
    number: int
    target: str  # spec, special, aws-json, terraform, build, hypothesis
    args: list[str]
    cwd: Path
    steps: list[str] = field(default_factory=list)


@dataclass
class Totals:
    cases: Counter = field(default_factory=Counter)  # by target
    problems: Counter = field(default_factory=Counter)  # by kind
    exit_codes: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)  # kind -> a few reproducers
    seconds: Counter = field(default_factory=Counter)  # by target
    slowest: tuple[float, str] = (0.0, "")
    subprocess_runs: int = 0
    peak_rss_mib: float = 0.0
    peak_child_rss_mib: float = 0.0
    transcript: list[str] = field(default_factory=list)  # with only_case: the case's input and output

    def add(self, case: Case, outcome: Outcome, seed: int) -> None:
        self.cases[case.target] += 1
        self.exit_codes[str(outcome.exit_code)] += 1
        self.seconds[case.target] += outcome.seconds
        if outcome.seconds > self.slowest[0]:
            self.slowest = (outcome.seconds, f"case {case.number} ({case.target}: {' '.join(case.args[:2])})")
        for kind, detail in outcome.problems:
            self.problems[kind] += 1
            ex = self.examples.setdefault(kind, [])
            if len(ex) < 8:
                ex.append(f"--seed {seed} --case {case.number} [{case.target}] vpcdocs "
                          f"{' '.join(_short(a) for a in case.args)} | {' '.join(case.steps[:6])} | {detail}")


def _short(arg: str) -> str:
    return arg if len(arg) < 60 else arg[:57] + "..."


# --------------------------------------------------------------------------- building cases

class CaseFactory:
    def __init__(self, seed: int, workdir: Path, build_share: float = 0.03):
        self.seed = seed
        self.workdir = workdir
        self.build_share = build_share
        self.specs = spec_seeds()
        self.aws = aws_json_seeds()
        self.tf = terraform_seeds()

    def rng(self, number: int) -> random.Random:
        return random.Random(self.seed * 1_000_003 + number)

    def make(self, number: int) -> Case:
        rng = self.rng(number)
        root = self.workdir / f"case-{number}"
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        roll = rng.random()
        if roll < self.build_share:
            return self._build(number, rng, root)
        if roll < 0.62:
            return self._spec(number, rng, root, special=rng.random() < 0.08)
        if roll < 0.83:
            return self._aws_json(number, rng, root)
        return self._terraform(number, rng, root)

    def _spec_tree(self, rng: random.Random, root: Path, special: bool) -> tuple[Path, list[str]]:
        specs = root / "specs"
        specs.mkdir()
        steps = []
        for i in range(rng.choice([1, 1, 1, 2, 3])):
            name, data = rng.choice(self.specs)
            mutated, done = mutate_spec(data, rng) if rng.random() < 0.95 else (data, ["seed"])
            (specs / f"{i}-{name}").write_bytes(mutated)
            steps += [f"{name}:{d}" for d in done]
        if special:
            outside = root / "outside"
            outside.mkdir()
            steps.append("special:" + special_file(specs, outside, rng))
        return specs, steps

    def _spec(self, number: int, rng: random.Random, root: Path, special: bool) -> Case:
        specs, steps = self._spec_tree(rng, root, special)
        base = root / "base"
        base.mkdir()
        name, data = rng.choice(self.specs)
        (base / name).write_bytes(data)
        template = ["check", "{specs}"] if special else rng.choice(SPEC_COMMANDS)
        args = [a.format(specs="specs", base="base") for a in template]
        return Case(number, "special" if special else "spec", args, root, steps)

    def _build(self, number: int, rng: random.Random, root: Path) -> Case:
        _specs, steps = self._spec_tree(rng, root, special=rng.random() < 0.1)
        args = ["build", "specs", "--no-diagrams", "-q", "--site-dir", "site", "--cache-dir", "cache"]
        if rng.random() < 0.3:
            args += ["--pages-dir", "pages"]
        if rng.random() < 0.3:
            args.append("--strict")
        return Case(number, "build", args, root, steps)

    def _aws_json(self, number: int, rng: random.Random, root: Path) -> Case:
        src = rng.choice(self.aws)
        dest = root / "saved"
        shutil.copytree(src, dest)
        files = sorted(p for p in dest.rglob("*.json"))
        steps = [f"seed:{src.relative_to(REPO)}"]
        for path in rng.sample(files, k=min(len(files), rng.randint(1, 3))):
            text, done = mutate_json_text(path.read_text(encoding="utf-8", errors="surrogateescape"), rng)
            path.write_bytes(text.encode("utf-8", "surrogateescape"))
            steps += [f"{path.name}:{d}" for d in done]
        args = ["import", "aws-json", "saved", "-o", "out"]
        if rng.random() < 0.2:
            args += ["--region", rng.choice(["us-east-1", "\x1b]0;x\x07", "", "eu-west-1"])]
        return Case(number, "aws-json", args, root, steps)

    def _terraform(self, number: int, rng: random.Random, root: Path) -> Case:
        src = rng.choice(self.tf)
        text, done = mutate_json_text(src.read_text(encoding="utf-8", errors="surrogateescape"), rng)
        (root / "plan.json").write_bytes(text.encode("utf-8", "surrogateescape"))
        return Case(number, "terraform", ["import", "terraform", "plan.json", "-o", "out"], root,
                    [f"seed:{src.name}", *done])


# --------------------------------------------------------------------------- running cases

class _Timeout(BaseException):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout()


def run_in_process(case: Case, timeout: float = CASE_TIMEOUT) -> Outcome:
    from click.testing import CliRunner

    from vpcdocs.cli import cli

    old_cwd = os.getcwd()
    started = time.monotonic()
    runner = CliRunner()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    timed_out = False
    tb = None
    try:
        os.chdir(case.cwd)
        result = runner.invoke(cli, case.args, prog_name="vpcdocs", catch_exceptions=True,
                               env={"NO_COLOR": None, "FORCE_COLOR": None, "COLUMNS": "100"})
        code = result.exit_code
        stdout, stderr = result.stdout_bytes, result.stderr_bytes or b""
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            if isinstance(result.exception, _Timeout):
                timed_out = True
            else:
                tb = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else repr(result.exception)
    except _Timeout:
        timed_out, code, stdout, stderr = True, None, b"", b""
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        os.chdir(old_cwd)
    return Outcome(" ".join(case.args), code, stdout, stderr, time.monotonic() - started, tb, timed_out)


def run_subprocess(case: Case, timeout: float = CASE_TIMEOUT) -> Outcome:
    started = time.monotonic()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    try:
        proc = subprocess.run([sys.executable, "-m", "vpcdocs", *case.args], cwd=case.cwd, capture_output=True,
                              timeout=timeout, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        return Outcome(" ".join(case.args), None, exc.stdout or b"", exc.stderr or b"", time.monotonic() - started,
                       timed_out=True)
    return Outcome(" ".join(case.args), proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)


def _rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def run_fuzz(n: int, seed: int = 1, *, subprocess_share: float = 0.02, build_share: float = 0.03,
             hypothesis_share: float = 0.1, workdir: Path | None = None, keep: Path | None = None,
             only_case: int | None = None, progress: Callable[[str], None] | None = None,
             memory_limit_mib: float = 2048) -> Totals:
    """Run ``n`` cases (or just ``only_case``); returns the totals."""
    totals = Totals()
    own = workdir is None
    work = Path(workdir or tempfile.mkdtemp(prefix="vpcdocs-fuzz-"))
    factory = CaseFactory(seed, work, build_share)
    n_hyp = 0 if only_case is not None else int(n * hypothesis_share)
    numbers = [only_case] if only_case is not None else range(n - n_hyp)
    sample = random.Random(seed)
    started = time.monotonic()
    try:
        for i, number in enumerate(numbers):
            case = factory.make(number)
            outcome = judge(run_in_process(case))
            if sample.random() < subprocess_share or only_case is not None:
                sub = judge(run_subprocess(case), memory_limit_mib, None)
                totals.subprocess_runs += 1
                if sub.exit_code != outcome.exit_code and not (sub.timed_out or outcome.timed_out):
                    sub.problems.append(("exit-code", f"in-process {outcome.exit_code}, subprocess {sub.exit_code}"))
                outcome.problems += [p for p in sub.problems if p not in outcome.problems]
            totals.peak_rss_mib = max(totals.peak_rss_mib, _rss_mib())
            if totals.peak_rss_mib > memory_limit_mib and not any(k == "memory" for k, _ in outcome.problems):
                outcome.problems.append(("memory", f"fuzzer RSS {totals.peak_rss_mib:.0f} MiB"))
            totals.add(case, outcome, seed)
            if only_case is not None:
                totals.transcript += [f"case {number}: vpcdocs {' '.join(case.args)!r} in {case.cwd}",
                                      f"steps: {case.steps}", f"exit: {outcome.exit_code}",
                                      "--- stdout", outcome.stdout.decode("utf-8", "replace")[-6000:],
                                      "--- stderr", outcome.stderr.decode("utf-8", "replace")[-6000:],
                                      *([outcome.traceback] if outcome.traceback else [])]
            if outcome.problems and keep is not None:
                dest = keep / f"case-{number}"
                shutil.rmtree(dest, ignore_errors=True)
                shutil.copytree(case.cwd, dest, symlinks=True, ignore_dangling_symlinks=True,
                                ignore=lambda d, names: [n for n in names if n in ("site", "cache", "out")])
                (dest / "OUTCOME.txt").write_text(
                    f"vpcdocs {' '.join(case.args)}\nexit {outcome.exit_code}\n{outcome.problems}\n\n"
                    f"{outcome.traceback or ''}\n--- stdout\n{outcome.stdout.decode('utf-8', 'replace')[-4000:]}\n"
                    f"--- stderr\n{outcome.stderr.decode('utf-8', 'replace')[-4000:]}\n", encoding="utf-8")
            shutil.rmtree(case.cwd, ignore_errors=True)
            if progress and (i + 1) % 100 == 0:
                progress(f"{i + 1}/{n} cases, {sum(totals.problems.values())} problems, "
                         f"{time.monotonic() - started:.0f}s")
        if n_hyp:
            from strategies import run_hypothesis

            run_hypothesis(n_hyp, seed, work, totals)
        totals.peak_rss_mib = max(totals.peak_rss_mib, _rss_mib())
        totals.peak_child_rss_mib = _rss_mib(resource.RUSAGE_CHILDREN)
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
    return totals


__all__ = ["KINDS", "Case", "CaseFactory", "Totals", "run_fuzz", "run_in_process", "run_subprocess"]
