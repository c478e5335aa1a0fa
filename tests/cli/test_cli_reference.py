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


def test_help_examples_on_the_shipped_specs_run(tmp_path, monkeypatch):
    """Every `vpcdocs check|routes|reach … specs …` example in --help runs on the shipped specs
    as written: no usage error such as an unknown name (a reader copies them)."""
    import re
    import shlex
    import shutil

    from click.testing import CliRunner

    shutil.copytree(REPO / "specs", tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    examples = sorted(set(re.findall(r"^\s+(vpcdocs (?:check|routes|reach) specs[^#\n]*)", render_cli_reference(cli),
                                     re.M)))
    assert len(examples) >= 10
    for line in examples:
        args = shlex.split(line)[1:]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code in (0, 1) and "Usage:" not in result.output, (line, result.output)
