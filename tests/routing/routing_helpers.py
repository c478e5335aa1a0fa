"""Helpers of the route engine tests (imported by name: keep this module name unique)."""

from __future__ import annotations

from pathlib import Path

from vpcdocs.routing import dataplane
from vpcdocs.spec import load_spec_text

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_TEXT = (REPO / "tests" / "spec" / "data" / "issue2_example.yaml").read_text(encoding="utf-8")


def effective_route_tables(topology, vpc: str | None = None) -> tuple:
    """The data plane's effective route tables (of one VPC)."""
    dp = dataplane(topology)
    return dp.tables_of(vpc) if vpc else dp.route_tables


def effective_tgw_route_tables(topology) -> tuple:
    return dataplane(topology).tgw_route_tables


def tables_of(text: str, vpc: str | None = None) -> dict:
    """Effective route tables of a spec that must load clean, by table id."""
    result = load_spec_text(text)
    assert result.ok, "\n".join(d.format() for d in result.diagnostics)
    return {t.id: t for t in effective_route_tables(result.topology, vpc=vpc)}


def rows(table) -> list[tuple[str, str, str, str]]:
    """(destination, target, origin, state) of each route, in printed order."""
    return [(r.destination, r.target, r.origin, r.state) for r in table.routes]


def route_to(table, destination: str):
    found = [r for r in table.routes if r.destination == destination]
    assert len(found) == 1, rows(table)
    return found[0]
