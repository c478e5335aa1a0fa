"""Helpers of the spec loader tests (imported by name: keep this module name unique)."""

from __future__ import annotations

from pathlib import Path

from vpcdocs.diagnostics import Diagnostic, Location, Severity
from vpcdocs.spec import load_spec_text
from vpcdocs.spec.loader import LoadResult

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "specs"
EXAMPLE_TEXT = (DATA / "issue2_example.yaml").read_text(encoding="utf-8")
# every part of the format added for issue 12 (workloads, SGs, NACLs, prefix lists, IPv6, VPN, DX)
SECURITY_TEXT = (DATA / "security.yaml").read_text(encoding="utf-8")


def where(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    before = text[:start]
    return before.count("\n") + 1, start - (before.rfind("\n") + 1) + 1


def at(text: str, needle: str, nth: int = 1, file: str = "spec.yaml") -> Location:
    line, col = where(text, needle, nth)
    return Location(file, line, col)


def load(text: str | bytes, filename: str = "spec.yaml") -> LoadResult:
    return load_spec_text(text, filename)


def codes(result: LoadResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def only(result: LoadResult, code: str) -> Diagnostic:
    """The one diagnostic with ``code`` (fails listing all diagnostics otherwise)."""
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, "\n".join(d.format() for d in result.diagnostics)
    return found[0]


def errors(result: LoadResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.severity is Severity.ERROR]


def formatted(result: LoadResult) -> str:
    return "\n".join(d.format() for d in result.diagnostics)


def mutate(base: str, old: str, new: str) -> str:
    """``base`` with the one occurrence of ``old`` replaced (fails when it is not there exactly once)."""
    assert base.count(old) == 1, f"{old!r} occurs {base.count(old)} times"
    return base.replace(old, new)


# A small, clean spec the validation tests mutate: one VPC, two subnets, one table.
BASE = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    internet_gateway: igw-a
    subnets:
      a-public: {cidr: 10.0.0.0/24, az: us-east-1a, route_table: a-public}
      a-private: {cidr: 10.0.1.0/24, az: us-east-1a}
    route_tables:
      a-public:
        routes:
          - {destination: 0.0.0.0/0, target: igw-a}
      a-private:
        main: true
"""
