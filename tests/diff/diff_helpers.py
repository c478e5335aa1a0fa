"""Helpers of the ``vpcdocs diff`` tests: real git repositories with a series of spec commits.

Nothing is mocked: every test runs ``git`` in a fresh folder under ``tmp_path`` with a fixed
identity and dates (so commit ids, and with them every output, are reproducible).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
}

# The base network: A peered with B; C alone. A's app subnets share one table (NAT + peering
# route); a-isolated is an empty table; a-s3 is a gateway endpoint on a-app.
BASE_SPEC = """\
region: us-east-1
account: "111122223333"
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    internet_gateway: igw-a
    subnets:
      a-public: {cidr: 10.0.0.0/24, az: us-east-1a, route_table: a-public}
      a-app-1: {cidr: 10.0.1.0/24, az: us-east-1a, route_table: a-app}
      a-app-2: {cidr: 10.0.2.0/24, az: us-east-1a, route_table: a-app}
    nat_gateways:
      nat-a: {subnet: a-public}
    route_tables:
      a-public:
        main: true
        routes:
          - {destination: 0.0.0.0/0, target: igw-a}
      a-app:
        routes:
          - {destination: 0.0.0.0/0, target: nat-a}
          - {destination: 10.1.0.0/16, target: pcx-a-b}
      a-isolated: {}
    endpoints:
      a-s3: {type: gateway, service: s3, route_tables: [a-app]}
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}
    route_tables:
      b-app:
        main: true
        routes:
          - {destination: 10.0.0.0/16, target: pcx-a-b}
  vpc-c:
    cidr: 10.2.0.0/16
    subnets:
      c-app: {cidr: 10.2.1.0/24, az: us-east-1a, route_table: c-app}
    route_tables:
      c-app: {main: true}
peerings:
  pcx-a-b: {requester: vpc-a, accepter: vpc-b}
expect:
  - {from: a-app-1, to: b-app}
"""


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"test spec edit: {old!r} not found"
    return text.replace(old, new, 1)


ADD_PEERING_B_C = [
    ("          - {destination: 10.0.0.0/16, target: pcx-a-b}\n",
     "          - {destination: 10.0.0.0/16, target: pcx-a-b}\n"
     "          - {destination: 10.2.0.0/16, target: pcx-b-c}\n"),
    ("      c-app: {main: true}\n",
     "      c-app:\n        main: true\n        routes:\n          - {destination: 10.1.0.0/16, target: pcx-b-c}\n"),
    ("  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n",
     "  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n  pcx-b-c: {requester: vpc-b, accepter: vpc-c}\n"),
]
REMOVE_ROUTE_A_B = [("          - {destination: 10.1.0.0/16, target: pcx-a-b}\n", "")]
ADD_GWE_ASSOCIATION = [("route_tables: [a-app]}", "route_tables: [a-app, a-public]}")]
MOVE_SUBNET = [("a-app-2: {cidr: 10.0.2.0/24, az: us-east-1a, route_table: a-app}",
                "a-app-2: {cidr: 10.0.2.0/24, az: us-east-1a, route_table: a-isolated}")]


def apply(text: str, edits) -> str:
    for old, new in edits:
        text = edit(text, old, new)
    return text


class Repo:
    """A git repository in a temporary folder, specs under ``specs/``."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {**os.environ, **GIT_ENV}
        proc = subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=self.root, env=env,
                              capture_output=True, text=True, check=True)
        return proc.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text()

    def change(self, rel: str, edits) -> None:
        self.write(rel, apply(self.read(rel), edits))

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")
