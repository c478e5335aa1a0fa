"""Issue 15 item 8: spec text in the pull-request comment pings nobody and links nowhere."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from vpcdocs.cli import cli

BASE = "region: us-east-1\nvpcs:\n  vpc-a: {cidr: 10.0.0.0/16}\n"
HEAD = """\
region: us-east-1
vpcs:
  vpc-a: {cidr: 10.0.0.0/16, name: "owned by @alice and @acme/network-admins"}
  "@bob":
    cidr: 10.1.0.0/16
    description: "see https://evil.example/x and www.evil.example, mail eve@example.com, fixes #12"
    subnets:
      "@carol-subnet": {cidr: 10.1.0.0/24, az: us-east-1a, route_table: rt}
    route_tables:
      rt: {routes: []}
"""


def test_pr_comment_neutralises_mentions_and_autolinks(tmp_path: Path):
    for side, text in (("base", BASE), ("head", HEAD)):
        (tmp_path / side).mkdir()
        (tmp_path / side / "net.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "base"), str(tmp_path / "head"), "--format", "markdown",
                                      "--no-diagrams"])
    assert result.exit_code in (0, 1), result.output
    md = result.output
    assert "bob" in md and "carol" in md  # the text is there...
    visible = md.replace("&#8288;", "")
    assert "@" in visible
    # ...but no @mention, no autolink, no issue reference survives
    assert not re.search(r"(?<![\w`&])@(?!&#8288;)[A-Za-z0-9]", md), md
    assert "https://evil" not in md and "www.evil" not in md
    assert not re.search(r"(?<!&)#\d", md.replace("&#8288;", "\u2060"))
    assert "\x1b" not in md
