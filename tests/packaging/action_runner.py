"""Run the steps of the composite action (action.yml) the way the GitHub runner does, on this
machine: each ``run:`` step as ``bash --noprofile --norc -eo pipefail`` with its ``env:``
expressions evaluated, ``GITHUB_OUTPUT`` / ``GITHUB_STEP_SUMMARY`` files, and step outputs
fed to later steps.

What cannot run here is left out and said so: ``uses:`` steps (setup-python, artifact
uploads: GitHub services) and the ``install`` step (it downloads vpcdocs' dependencies from
PyPI and installs Graphviz with sudo; the wheel test covers installing) — its output
``vpcdocs`` is given by the caller instead.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = REPO / "action.yml"
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
DOTTED = re.compile(r"[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*")


def load_action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


@dataclass
class StepRun:
    id: str | None
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class ActionRun:
    steps: list[StepRun]
    outputs: dict[str, str]
    summary: str
    skipped: list[str]

    @property
    def failed(self) -> StepRun | None:
        return next((s for s in self.steps if s.returncode != 0), None)

    def step(self, step_id: str) -> StepRun:
        return next(s for s in self.steps if s.id == step_id)


def _lookup(context: dict, path: str) -> str:
    assert DOTTED.fullmatch(path), f"action.yml: expression too complex for the test runner: {path!r}"
    value: object = context
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return "" if value is None else str(value)


def evaluate(text: str, context: dict) -> str:
    return EXPR.sub(lambda m: _lookup(context, m.group(1)), text)


def run_action(cwd: Path, tmp: Path, *, with_: dict[str, str], github: dict, vpcdocs: str,
               extra_env: dict[str, str] | None = None) -> ActionRun:
    """Run the action's shell steps in ``cwd`` (the user's checkout); stops at the first
    failing step, as the runner does."""
    action = load_action()
    runner = {"temp": str(tmp / "runner-temp")}
    Path(runner["temp"]).mkdir(parents=True, exist_ok=True)
    context: dict = {"github": github, "runner": runner, "steps": {}}
    inputs = {}
    for name, spec in action["inputs"].items():
        inputs[name] = str(with_[name]) if name in with_ else evaluate(str(spec.get("default", "")), context)
    unknown = set(with_) - set(inputs)
    assert not unknown, f"not inputs of the action: {unknown}"
    context["inputs"] = inputs
    summary_file = tmp / "step-summary.md"
    summary_file.touch()
    steps: list[StepRun] = []
    skipped: list[str] = []
    for i, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id")
        if "uses" in step:
            skipped.append(step["uses"])
            continue
        if sid == "install":
            context["steps"]["install"] = {"outputs": {"vpcdocs": vpcdocs}}
            skipped.append("install")
            continue
        assert "if" not in step, "run: steps keep their conditions in the scripts (tested here)"
        assert step.get("shell") == "bash"
        out_file = tmp / f"output-{i}"
        out_file.write_text("")
        script = tmp / f"step-{i}.sh"
        script.write_text(evaluate(step["run"], context))
        env = {**os.environ, **(extra_env or {}),
               **{k: evaluate(str(v), context) for k, v in step.get("env", {}).items()},
               "GITHUB_ACTION_PATH": str(REPO), "GITHUB_OUTPUT": str(out_file),
               "GITHUB_STEP_SUMMARY": str(summary_file), "RUNNER_TEMP": runner["temp"], "CI": "true"}
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=600, check=False)
        outputs = dict(line.split("=", 1) for line in out_file.read_text().splitlines() if "=" in line)
        steps.append(StepRun(sid, proc.returncode, proc.stdout, proc.stderr, outputs))
        if sid:
            context["steps"][sid] = {"outputs": outputs}
        if proc.returncode != 0:
            break
    action_outputs = {name: evaluate(str(spec["value"]), context) for name, spec in action["outputs"].items()}
    return ActionRun(steps, action_outputs, summary_file.read_text(), skipped)
