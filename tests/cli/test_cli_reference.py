"""docs/cli.md is exactly what the commands' --help says."""

from __future__ import annotations

from cli_helpers import REPO

from vpcdocs.cli import cli
from vpcdocs.render.cli_reference import render_cli_reference


def test_committed_cli_reference_matches_help():
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == render_cli_reference(cli), (
        "docs/cli.md is stale: run `python -m vpcdocs.render.cli_reference > docs/cli.md`"
    )


def test_reference_documents_every_command():
    text = render_cli_reference(cli)
    for name in ("build", "serve", "check", "routes", "reach", "diagram", "diff", "import aws", "import aws-json",
                 "import terraform", "schema"):
        assert f"`vpcdocs {name}`" in text
