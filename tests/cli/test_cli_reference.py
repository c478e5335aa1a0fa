"""docs/cli.md is exactly what the commands' --help says."""

from __future__ import annotations

import importlib.util

from cli_helpers import REPO

from vpcdocs.cli import cli

_spec = importlib.util.spec_from_file_location("cli_reference", REPO / "scripts" / "cli_reference.py")
assert _spec is not None and _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
render_cli_reference = _module.render_cli_reference


def test_committed_cli_reference_matches_help():
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == render_cli_reference(cli), (
        "docs/cli.md is stale: run `.venv/bin/python scripts/cli_reference.py > docs/cli.md`"
    )


def test_reference_documents_every_command():
    text = render_cli_reference(cli)
    for name in ("build", "serve", "check", "routes", "reach", "diagram", "diff", "import aws", "import aws-json",
                 "import terraform", "schema"):
        assert f"`vpcdocs {name}`" in text
