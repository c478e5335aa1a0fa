"""The CI wiring: the composite action (action.yml + action/*.sh) and the workflow that uses
it, linted by actionlint and shellcheck; their security posture; the documented user set-ups
(GitHub and GitLab) name real inputs and options; the pre-commit hooks name real commands.
The action's steps themselves run in tests/packaging/test_action.py."""

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
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
WORKFLOW = REPO / ".github" / "workflows" / "vpcdocs.yml"
ACTION = REPO / "action.yml"
ACTION_SCRIPTS = sorted((REPO / "action").glob("*.sh"))
HOOKS = REPO / ".pre-commit-hooks.yaml"
PREVIEWS_DOC = REPO / "docs" / "pull-request-previews.md"
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}")
USES = re.compile(r"^\s*(?:- )?uses:\s*(\S+)(.*)$", re.M)


def _tool(name: str) -> str | None:
    """``$VPCDOCS_<NAME>``, else the virtualenv's bin folder, else PATH."""
    env = os.environ.get(f"VPCDOCS_{name.upper()}")
    if env:
        return env
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def actionlint(*files: Path, cwd: Path = REPO) -> subprocess.CompletedProcess:
    exe = _tool("actionlint")
    if exe is None:
        pytest.skip("actionlint is not installed (pip install the test extras)")
    cmd = [exe, "-no-color", "-oneline", "-shellcheck", _tool("shellcheck") or ""]
    return subprocess.run([*cmd, *map(str, files)], capture_output=True, text=True, cwd=cwd, check=False)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(wf: dict) -> dict:
    return wf[True] if True in wf else wf["on"]  # PyYAML reads the key `on` as True


# --------------------------------------------------------------------------- lint


def test_actionlint_passes_on_the_workflows():
    """Also checks the inputs the workflow gives the local action against action.yml."""
    proc = actionlint(*WORKFLOWS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_shellcheck_passes_on_the_action():
    """actionlint reads workflows, not action metadata: the action's scripts and its inline
    run: blocks go through shellcheck directly."""
    shellcheck = _tool("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (pip install the test extras)")
    inline = [s["run"] for s in load(ACTION)["runs"]["steps"] if "run" in s]
    assert ACTION_SCRIPTS and inline
    for i, script in enumerate(inline):
        proc = subprocess.run([shellcheck, "-s", "bash", "-"], input=script, capture_output=True, text=True,
                              check=False)
        assert proc.returncode == 0, f"action.yml run step {i}:\n{proc.stdout}"
    proc = subprocess.run([shellcheck, "-x", *map(str, ACTION_SCRIPTS)], capture_output=True, text=True,
                          check=False, cwd=REPO)
    assert proc.returncode == 0, proc.stdout
    for script in ACTION_SCRIPTS:
        assert os.access(script, os.X_OK), f"{script.name} must be executable (the action runs it directly)"
        assert script.read_text().startswith("#!/usr/bin/env bash\n")


# --------------------------------------------------------------------------- the action


def test_action_metadata():
    action = load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert {"specs", "site-dir", "comment", "pages", "diagrams", "fail-on"} <= set(action["inputs"])
    assert {"report", "reachability-changed"} <= set(action["outputs"])
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
    for step in action["runs"]["steps"]:
        if "uses" in step:
            assert PINNED.fullmatch(step["uses"]), step["uses"]
        else:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], step.get("name")  # values reach scripts through env
    # vpcdocs comes from the action's own folder, never from the user's checkout
    install = next(s for s in action["runs"]["steps"] if s.get("id") == "install")
    assert install["run"] == '"$GITHUB_ACTION_PATH/action/install.sh"'
    script = (REPO / "action" / "install.sh").read_text()
    assert 'pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in script
    assert "pip install ." not in script
    # every script a step names exists
    for step in action["runs"]["steps"]:
        for name in re.findall(r"\$GITHUB_ACTION_PATH/(action/[\w.-]+)", step.get("run", "")):
            assert (REPO / name).is_file(), name


def test_action_runs_one_diff_for_every_report():
    run = (REPO / "action" / "run.sh").read_text()
    assert len(re.findall(r'"\$VPCDOCS" "\$\{args\[@\]\}"', run)) == 1
    assert run.count("args=(diff ") == 1
    for fmt in ("markdown", "json", "text"):
        assert f"--format {fmt} -o" in run


# --------------------------------------------------------------------------- the workflow


def test_workflow_is_safe_for_pull_requests():
    text = WORKFLOW.read_text()
    wf = load(WORKFLOW)
    on = triggers(wf)
    assert "pull_request" in on and "pull_request_target" not in on
    assert "pull_request_target" not in text.split("# Security:")[0]
    assert wf["permissions"] == {}  # nothing by default; each job asks
    for name, job in wf["jobs"].items():
        perms = job.get("permissions")
        assert perms is not None, f"job {name} must declare its permissions"
        writes = {k for k, v in perms.items() if v == "write"}
        steps = job.get("steps", [])
        if writes:  # jobs holding write tokens never check out or run the PR's code
            assert not any("actions/checkout" in s.get("uses", "") or s.get("uses", "").startswith("./")
                           for s in steps), name
            assert not any("pip install" in s.get("run", "") for s in steps), name
    assert set(wf["jobs"]["build"]["permissions"].items()) == {("contents", "read")}
    assert wf["jobs"]["comment"]["permissions"] == {"pull-requests": "write"}
    assert "head.repo.full_name == github.repository" in wf["jobs"]["comment"]["if"]
    # every remote action pinned to a full commit SHA with its version in a comment
    uses = USES.findall(text)
    assert uses
    for ref, comment in uses:
        if ref == "./":
            continue
        assert PINNED.fullmatch(ref), ref
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), ref
    for ref, comment in USES.findall(ACTION.read_text()):
        assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), ref
    # untrusted values reach scripts through env, never spliced into run: text
    for job in wf["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step.get("name")


def test_workflow_uses_the_action():
    steps = load(WORKFLOW)["jobs"]["build"]["steps"]
    own = [s for s in steps if s.get("uses") == "./"]
    assert len(own) == 1
    assert own[0]["with"]["comment"] == "false"  # the comment job posts, without running PR code
    checkout = next(s for s in steps if "actions/checkout" in s.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False


def test_workflow_updates_one_sticky_comment():
    from vpcdocs.diff.report import MARKER

    run = next(s["run"] for s in load(WORKFLOW)["jobs"]["comment"]["steps"] if "run" in s)
    assert f"marker='{MARKER}'" in run
    assert "--method PATCH" in run and "--method POST" in run
    assert "diff/report.md" in run  # the name the action gives the markdown report
    comment = (REPO / "action" / "comment.sh").read_text()
    assert f"marker='{MARKER}'" in comment and "--method PATCH" in comment and "--method POST" in comment


# --------------------------------------------------------------------------- documented set-ups


def doc_blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", PREVIEWS_DOC.read_text(encoding="utf-8"), re.S)


def known_options(name: str) -> set[str]:
    from vpcdocs.cli import cli

    cmd = cli.commands[name]
    return {opt for p in cmd.params for opt in getattr(p, "opts", [])}


def check_command_lines(text: str) -> int:
    """Every ``vpcdocs CMD …`` line of ``text`` uses options CMD has; returns how many."""
    seen = 0
    for line in text.replace("\\\n", " ").splitlines():
        line = line.strip().removeprefix("- ")
        if not line.startswith("vpcdocs "):
            continue
        words = shlex.split(line, comments=True)
        known = known_options(words[1])
        for w in words[2:]:
            if w.startswith("-"):
                assert w in known, f"{line}: vpcdocs {words[1]} has no {w}"
        seen += 1
    return seen


def test_documented_github_workflow_lints_and_uses_real_inputs(tmp_path):
    wf_text = next(b for b in doc_blocks("yaml") if "OWNER/vpcdocs@" in b and "jobs:" in b)
    assert len(wf_text.splitlines()) <= 30
    wf = yaml.safe_load(wf_text)
    step = next(s for s in wf["jobs"]["vpcdocs"]["steps"] if s.get("uses", "").startswith("OWNER/vpcdocs@"))
    assert set(step["with"]) <= set(load(ACTION)["inputs"])
    assert wf["permissions"] == {} and "pull_request_target" not in triggers(wf)
    # actionlint cannot fetch OWNER/vpcdocs; point it at this repository's action instead
    workdir = tmp_path / "user-repo"
    (workdir / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(ACTION, workdir / "action.yml")
    (workdir / ".github" / "workflows" / "network.yml").write_text(wf_text.replace("OWNER/vpcdocs@v0.1.0", "./"))
    proc = actionlint(workdir / ".github" / "workflows" / "network.yml", cwd=workdir)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_documented_gitlab_ci_uses_real_options():
    gitlab = yaml.safe_load(next(b for b in doc_blocks("yaml") if "merge_request_event" in b))
    scripts = [line for job in gitlab.values() if isinstance(job, dict)
               for key in ("script", "before_script") for line in job.get(key, [])]
    assert check_command_lines("\n".join(scripts)) >= 3  # check, diff, build
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert any("--site-dir public" in s for s in gitlab["pages"]["script"])
    shellcheck = _tool("shellcheck")
    if shellcheck:
        proc = subprocess.run([shellcheck, "-s", "sh", "-"], input="\n".join(scripts) + "\n", text=True,
                              capture_output=True, check=False)
        assert proc.returncode == 0, proc.stdout


def test_other_documented_command_lines_are_valid():
    assert check_command_lines("\n".join(doc_blocks("sh"))) >= 5


# --------------------------------------------------------------------------- pre-commit


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
