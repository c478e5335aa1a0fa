"""Helpers shared by the importer tests (a plain module: several test folders have a conftest)."""

from __future__ import annotations

from pathlib import Path

from vpcdocs.importers.spec_writer import render_tree
from vpcdocs.routing import dataplane
from vpcdocs.spec import load_sources

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers"


def load_result(result):
    """Render an ImportResult and load it with the real loader; no errors allowed."""
    texts = render_tree(result.files, "Imported by vpcdocs (test)")
    loaded = load_sources([(rel, text.encode()) for rel, text in texts.items()])
    assert loaded.ok, "\n".join(d.format() for d in loaded.errors)
    return loaded.topology


def effective(topology) -> dict[str, list[tuple[str, str, str, str]]]:
    """route table aws id → [(destination, target aws id or as written, origin, state)]."""
    aws_of = {item.id: item.aws_id or item.id for _, item in topology.iter_resources()}
    out = {}
    for table in dataplane(topology).route_tables:
        out[table.aws_id or table.id] = [(r.destination, aws_of.get(r.target, r.target), r.origin, r.state)
                                         for r in table.routes]
    return out
