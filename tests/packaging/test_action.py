"""The composite action's shell steps, run against a temporary repository that holds only
specs (a base commit and a pull-request commit), with the real vpcdocs and Graphviz.

Only the GitHub API is stood in for (the comment step's ``gh``, by a script that records its
calls): it cannot be reached from a test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from action_runner import REPO, load_action, run_action

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("dot") is None or shutil.which("git") is None,
                       reason="needs Graphviz dot and git"),
]

VPCDOCS = str(Path(sys.executable).parent / "vpcdocs")
GIT_ENV = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+00:00",
           "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+00:00", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": os.devnull}

BASE_SPEC = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      a-app: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-app}
    route_tables:
      a-app: {main: true}
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}
    route_tables:
      b-app: {main: true}
"""
A_ROUTE = ("      a-app: {main: true}\n",
           "      a-app:\n        main: true\n        routes:\n          - {destination: 10.1.0.0/16, target: pcx-a-b}\n")
B_ROUTE = ("      b-app: {main: true}\n",
           "      b-app:\n        main: true\n        routes:\n          - {destination: 10.0.0.0/16, target: pcx-a-b}\n")
PEERING = "peerings:\n  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=root, env={**os.environ, **GIT_ENV},
                          capture_output=True, text=True, check=True).stdout.strip()


def specs_repo(root: Path, *edits: tuple[str, str], extra: str = "") -> tuple[Path, str]:
    """A repository with only specs/: the base commit on main, HEAD the pull request's commit."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "specs").mkdir()
    (root / "specs" / "network.yaml").write_text(BASE_SPEC)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    base = git(root, "rev-parse", "HEAD")
    git(root, "checkout", "-q", "-b", "change")
    text = BASE_SPEC
    for old, new in edits:
        text = text.replace(old, new, 1)
    (root / "specs" / "network.yaml").write_text(text + extra)
    git(root, "commit", "-q", "-am", "change")
    return root, base


def pr_event(base: str, head_repo: str = "acme/network") -> dict:
    return {"server_url": "https://github.com", "repository": "acme/network", "run_id": "42", "token": "t0ken",
            "event": {"pull_request": {"number": 7, "base": {"sha": base},
                                       "head": {"repo": {"full_name": head_repo}}}}}


@pytest.fixture
def fake_gh(tmp_path) -> tuple[Path, Path]:
    """A ``gh`` on PATH that records its arguments; ``GH_EXISTING`` is what listing comments prints."""
    bindir = tmp_path / "fake-bin"
    bindir.mkdir()
    log = tmp_path / "gh.log"
    (bindir / "gh").write_text(
        '#!/usr/bin/env bash\nprintf "%s\\n" "$*" >> "$GH_LOG"\n'
        '[ -n "${GH_FAIL:-}" ] && { echo "HTTP 403: Resource not accessible by integration" >&2; exit 1; }\n'
        'case "$*" in *--paginate*) printf "%s" "${GH_EXISTING:-}" ;; esac\n')
    (bindir / "gh").chmod(0o755)
    return bindir, log


def test_pull_request_reports_and_comments(tmp_path, fake_gh):
    bindir, log = fake_gh
    repo, base = specs_repo(tmp_path / "net", A_ROUTE, B_ROUTE, extra=PEERING)
    run = run_action(repo, tmp_path, with_={"specs": "specs", "comment": "true"}, github=pr_event(base),
                     vpcdocs=VPCDOCS,
                     extra_env={"PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", "GH_LOG": str(log)})
    assert run.failed is None, run.failed
    assert run.skipped[:2] == ["actions/setup-python@42375524e23c412d93fb67b49958b491fce71c38", "install"]
    out = run.outputs
    report = Path(out["report"])
    assert report.read_text().startswith("<!-- vpcdocs-diff -->")
    assert "flows: " in report.read_text()
    assert out["reachability-changed"] == "true" and out["expect-missing"] == "true"
    data = json.loads(Path(out["report-json"]).read_text())
    assert data["counts"]["reachability"]["opened"] > 0
    assert (report.parent / "report.txt").read_text().startswith("vpcdocs diff: ")
    assert "overview.svg" in {p.name for p in (report.parent / "diagrams").iterdir()}
    site = Path(out["site-dir"])
    assert site == (repo / "site").resolve()
    assert (site / "index.html").is_file() and (site / "vpcdocs-diff" / "overview.svg").is_file()
    assert run.summary.startswith("<!-- vpcdocs-diff -->")  # the report is in the job summary
    # one comment created, with the report as its body
    calls = log.read_text().splitlines()
    assert calls[0].startswith("api --paginate repos/acme/network/issues/7/comments")
    assert calls[1] == f"api --method POST repos/acme/network/issues/7/comments -F body=@{report} --silent"
    assert run.step("verdict").stdout.strip() == "vpcdocs: passed"
    # the specs-only repository is untouched apart from the site
    assert git(repo, "status", "--porcelain") == "?? site/"


def test_fail_on_expect_fails_after_publishing(tmp_path):
    repo, base = specs_repo(tmp_path / "net", A_ROUTE, B_ROUTE, extra=PEERING)
    run = run_action(repo, tmp_path, with_={"fail-on": "error,expect", "comment": "false", "diagrams": "false"},
                     github=pr_event(base), vpcdocs=VPCDOCS)
    assert run.failed is not None and run.failed.id == "verdict" and run.failed.returncode == 1
    assert "::error::vpcdocs: flows start or stop working but the expect: list was not updated" in run.failed.stdout
    assert Path(run.outputs["report"]).is_file()  # the report was written (and uploaded) first
    assert not (Path(run.outputs["report"]).parent / "diagrams").exists()  # diagrams: false


def test_fail_on_warning(tmp_path):
    # a route to the peering on one side only: lint warning L-PEER-ONE-SIDED, no error
    repo, base = specs_repo(tmp_path / "net", A_ROUTE, extra=PEERING)
    ok = run_action(repo, tmp_path / "a", with_={"comment": "false", "diagrams": "false"},
                    github=pr_event(base), vpcdocs=VPCDOCS)
    assert ok.failed is None
    assert "L-PEER-ONE-SIDED" in ok.step("run").stdout
    strict = run_action(repo, tmp_path / "b", with_={"comment": "false", "diagrams": "false", "fail-on": "warning"},
                        github=pr_event(base), vpcdocs=VPCDOCS)
    assert strict.failed is not None and strict.failed.id == "verdict"
    assert "vpcdocs check found problems in specs" in strict.failed.stdout


def test_change_without_network_effect(tmp_path):
    repo, base = specs_repo(tmp_path / "net", ("  vpc-b:\n    cidr:", "  vpc-b:\n    description: billing\n    cidr:"))
    run = run_action(repo, tmp_path, with_={"comment": "false", "diagrams": "false", "fail-on": "expect"},
                     github=pr_event(base), vpcdocs=VPCDOCS)
    assert run.failed is None
    assert run.outputs["reachability-changed"] == "false" and run.outputs["expect-missing"] == "false"
    assert "resource: 1 changed" in Path(run.outputs["report"]).read_text()


def test_push_builds_the_site_without_a_diff(tmp_path):
    repo, _ = specs_repo(tmp_path / "net", A_ROUTE, B_ROUTE, extra=PEERING)
    github = {"server_url": "https://github.com", "repository": "acme/network", "run_id": "1", "event": {}}
    run = run_action(repo, tmp_path, with_={"site-dir": "public"}, github=github, vpcdocs=VPCDOCS)
    assert run.failed is None
    assert run.outputs["report"] == "" and run.outputs["reachability-changed"] == "false"
    assert (repo / "public" / "index.html").is_file()
    assert "no pull-request comment" in run.step("comment").stdout
    assert run.summary.startswith("### vpcdocs")


def test_base_missing_from_a_shallow_checkout(tmp_path):
    repo, _ = specs_repo(tmp_path / "net", A_ROUTE)
    run = run_action(repo, tmp_path, with_={"comment": "false"}, github=pr_event("1" * 40), vpcdocs=VPCDOCS)
    assert "fetch-depth: 0" in run.step("run").stdout
    assert run.failed is not None and run.failed.id == "verdict"
    assert f"vpcdocs diff could not compare against {'1' * 40}" in run.failed.stdout


def test_unknown_fail_on_condition(tmp_path):
    repo, base = specs_repo(tmp_path / "net", A_ROUTE)
    run = run_action(repo, tmp_path, with_={"fail-on": "error,warnings"}, github=pr_event(base), vpcdocs=VPCDOCS)
    assert run.failed is not None and run.failed.id == "run" and run.failed.returncode == 2
    assert "fail-on: unknown condition 'warnings'" in run.failed.stdout


# --------------------------------------------------------------------------- the comment step


def comment_step(tmp_path, fake_gh, **env: str) -> subprocess.CompletedProcess:
    """action/comment.sh exactly as the action's comment step runs it."""
    bindir, log = fake_gh
    body = tmp_path / "report.md"
    body.write_text("<!-- vpcdocs-diff -->\nreport\n")
    step = next(s for s in load_action()["runs"]["steps"] if s.get("id") == "comment")
    assert step["run"] == '"$GITHUB_ACTION_PATH/action/comment.sh"'
    full = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", "GH_LOG": str(log),
            "GITHUB_ACTION_PATH": str(REPO), "COMMENT": "true", "BODY": str(body), "GH_TOKEN": "t",
            "REPO": "acme/network", "PR": "7", "HEAD_REPO": "acme/network", **env}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], env=full,
                          capture_output=True, text=True, check=False)


def test_comment_updates_the_existing_sticky_comment(tmp_path, fake_gh):
    proc = comment_step(tmp_path, fake_gh, GH_EXISTING="991\n")
    assert proc.returncode == 0, proc.stderr
    calls = fake_gh[1].read_text().splitlines()
    assert calls[1].startswith("api --method PATCH repos/acme/network/issues/comments/991 -F body=@")
    assert "updated comment 991" in proc.stdout


def test_comment_skips_forks_and_survives_missing_permissions(tmp_path, fake_gh):
    proc = comment_step(tmp_path, fake_gh, HEAD_REPO="someone/fork")
    assert proc.returncode == 0 and "pull request from a fork" in proc.stdout
    assert not fake_gh[1].exists()  # the API was not called
    proc = comment_step(tmp_path, fake_gh, GH_FAIL="1")
    assert proc.returncode == 0
    assert "::warning::vpcdocs: cannot read the pull request's comments" in proc.stdout
