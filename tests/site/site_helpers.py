"""Shared helpers of the site tests."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "specs"

XSS_NAME = "<img src=x onerror=alert(1)>"

XSS_SPEC = """\
region: us-east-1
vpcs:
  vpc-evil:
    name: "<img src=x onerror=alert(1)>"
    description: "a|b *bold* [link](http://example.com) <script>alert(2)</script>"
    cidr: 10.9.0.0/16
    subnets:
      "s|1<i>": {cidr: 10.9.1.0/24, az: us-east-1a, name: "a|b", route_table: "rt<x>"}
    route_tables:
      "rt<x>":
        main: true
        description: "pipe | and <img src=y onerror=alert(3)>"
        routes: []
  vpc-title:
    name: "</title><script>alert(4)</script>"
    cidr: 10.8.0.0/16
"""


def tree_digest(root: Path) -> str:
    """A hash of every file (path + bytes) under ``root``."""
    digest = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            digest.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return digest.hexdigest()


def copy_specs(dest: Path) -> Path:
    shutil.copytree(SPECS, dest)
    return dest
