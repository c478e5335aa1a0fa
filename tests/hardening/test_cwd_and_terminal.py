"""Issue 15 items 3 and 9: nothing from a spec reaches a terminal raw, and generated pages
do not depend on the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening_helpers import vpcdocs

ESC_ID = "vpc-\x1b]0;pwned\x07x"
HOSTILE = """\
region: us-east-1
vpcs:
  "vpc-\\e]0;pwned\\ax":
    name: "\\e[2J\\u009b31m name \\u202e"
    cidr: 10.0.0.0/16
    subnets:
      "s\\e[31m": {cidr: 10.0.0.0/24, az: us-east-1a, route_table: "rt-\\e]8;;http://x\\e\\\\"}
    route_tables:
      "rt-\\e]8;;http://x\\e\\\\":
        description: "\\a\\e]52;c;cHduZWQ=\\a"
        routes: []
"""

RAW = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e", "\x00")


def _raw(text: str) -> list[str]:
    return [repr(c) for c in RAW if c in text]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "evil.yaml").write_text(HOSTILE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args", [
    ["check", "specs"],
    ["check", "specs", "--format", "json"],
    ["check", "specs", "--format", "sarif"],
    ["diagram", "specs", "--vpc", ESC_ID, "--format", "dot", "-o", "-"],
    ["diagram", "specs", "--vpc", "nope\x1b[31m"],
    ["build", "specs", "--cache-dir", "cache", "--site-dir", "site"],
], ids=["check", "check-json", "check-sarif", "diagram-dot", "diagram-unknown", "build"])
def test_no_control_character_reaches_the_terminal(hostile, args):
    proc = vpcdocs(*args, cwd=hostile, env={"FORCE_COLOR": ""})
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    assert not _raw(proc.stdout) and not _raw(proc.stderr), (proc.stdout[-500:], proc.stderr[-500:])


def test_escapes_are_shown_not_dropped(hostile):
    proc = vpcdocs("diagram", "specs", "--vpc", "nope\x1b[31m", cwd=hostile)
    assert "nope\\x1b[31m" in proc.stderr


def test_pages_check_from_a_subdirectory_reports_nothing_stale(tmp_path):
    repo = Path(__file__).resolve().parents[2]
    project = tmp_path / "project"
    (project / "sub" / "deeper").mkdir(parents=True)
    (project / "specs").symlink_to(repo / "specs")
    proc = vpcdocs("build", "specs", "-q", "--pages-dir", "docs/network", "--cache-dir", "cache", cwd=project)
    assert proc.returncode == 0, proc.stderr
    pages = (project / "docs" / "network" / "vpcs" / "vpc-a.md").read_text()
    assert "specs/peering.yaml:" in pages and str(project) not in pages
    for cwd, up in ((project / "sub", ".."), (project / "sub" / "deeper", "../..")):
        check = vpcdocs("build", f"{up}/specs", "--pages-dir", f"{up}/docs/network", "--check", "-q",
                        "--cache-dir", f"{up}/cache", cwd=cwd)
        assert check.returncode == 0, check.stdout + check.stderr
        assert check.stdout == ""
    # an absolute spec folder gives the same pages too
    check = vpcdocs("build", str(project / "specs"), "--pages-dir", "docs/network", "--check", "-q",
                    "--cache-dir", "cache", cwd=project)
    assert check.returncode == 0, check.stdout


def test_colour_only_on_request(tmp_path):
    (tmp_path / "bad.yaml").write_text("vpcs: 1\n", encoding="utf-8")
    plain = vpcdocs("check", "bad.yaml", cwd=tmp_path, env={"NO_COLOR": "", "FORCE_COLOR": ""})
    assert "\x1b[" not in plain.stdout  # a pipe: never colour
    forced = vpcdocs("check", "bad.yaml", cwd=tmp_path, env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[31m" in forced.stdout and "error[S-" in forced.stdout
    both = vpcdocs("check", "bad.yaml", cwd=tmp_path, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in both.stdout  # NO_COLOR wins
