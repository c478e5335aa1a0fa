"""The pull-request wiring: the GitHub Actions workflow (linted by actionlint) and the
pre-commit hooks (their commands exist in the CLI)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "vpcdocs.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def _tool(name: str) -> str | None:
    """``$VPCDOCS_<NAME>``, else the virtualenv's bin folder, else PATH."""
    env = os.environ.get(f"VPCDOCS_{name.upper()}")
    if env:
        return env
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def test_actionlint_passes():
    actionlint = _tool("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (pip install the test extras)")
    cmd = [actionlint, "-no-color", "-oneline"]
    shellcheck = _tool("shellcheck")
    cmd += ["-shellcheck", shellcheck or ""]  # run scripts are shellchecked when shellcheck is there
    proc = subprocess.run([*cmd, str(WORKFLOW)], capture_output=True, text=True, cwd=REPO, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def load_workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def test_workflow_is_safe_for_pull_requests():
    text = WORKFLOW.read_text()
    wf = load_workflow()
    triggers = wf[True] if True in wf else wf["on"]  # PyYAML reads the key `on` as True
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert "pull_request_target" not in text.split("# Security:")[0]
    assert wf["permissions"] == {}  # nothing by default; each job asks
    for name, job in wf["jobs"].items():
        perms = job.get("permissions")
        assert perms is not None, f"job {name} must declare its permissions"
        writes = {k for k, v in perms.items() if v == "write"}
        steps = job.get("steps", [])
        checks_out = any("actions/checkout" in s.get("uses", "") for s in steps)
        if writes:  # jobs holding write tokens never check out or run the PR's code
            assert not checks_out, name
            assert not any("pip install" in s.get("run", "") for s in steps), name
    assert set(wf["jobs"]["build"]["permissions"].items()) == {("contents", "read")}
    assert wf["jobs"]["comment"]["permissions"] == {"pull-requests": "write"}
    assert "head.repo.full_name == github.repository" in wf["jobs"]["comment"]["if"]
    # every action pinned to a full commit SHA with its version in a comment
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), ref
    # untrusted values reach scripts through env, never spliced into run: text
    for job in wf["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step.get("name")


def test_workflow_updates_one_sticky_comment():
    from vpcdocs.diff.report import MARKER

    run = next(s["run"] for s in load_workflow()["jobs"]["comment"]["steps"] if "run" in s)
    assert f"marker='{MARKER}'" in run
    assert "--method PATCH" in run and "--method POST" in run


def test_workflow_diff_command_line_is_valid():
    """The options the workflow passes exist in the diff command."""
    from vpcdocs.commands.diff import command

    known = {opt for p in command.params for opt in getattr(p, "opts", [])}
    run = next(s["run"] for s in load_workflow()["jobs"]["build"]["steps"] if s.get("id") == "diff")
    for line in run.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words[:2] != ["vpcdocs", "diff"]:
            continue
        for w in words:
            if w.startswith("-"):
                assert w in known, w


def test_pre_commit_hooks_name_real_commands():
    from vpcdocs.commands import build, check

    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text())}
    assert set(hooks) == {"vpcdocs-check", "vpcdocs-pages"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert hooks["vpcdocs-check"]["entry"] == "vpcdocs check"
    assert check.command.name == "check"
    entry = shlex.split(hooks["vpcdocs-pages"]["entry"]) + hooks["vpcdocs-pages"]["args"]
    assert entry[:2] == ["vpcdocs", "build"]
    build_opts = {opt for p in build.command.params for opt in getattr(p, "opts", [])}
    assert {"--check", "--pages-dir"} <= build_opts
    assert {w for w in entry[2:] if w.startswith("-")} <= build_opts
