"""The command-line reference page (docs/cli.md), generated from the commands' own --help.

``.venv/bin/python scripts/cli_reference.py > docs/cli.md`` regenerates it; a test fails when
the committed page and the commands disagree, so the docs never drift from ``--help``. (A
maintenance script, not part of the package: it reads the finished command line.)
"""

from __future__ import annotations

import click


def _walk(command: click.Command, path: list[str], parent: click.Context | None = None):
    """(path, help text) of a command and its subcommands, each in a context chained to its
    parent's — as when run — so settings such as ``-h`` and the text width are inherited."""
    settings = {"max_content_width": 100, "terminal_width": 100} if parent is None else {}
    ctx = click.Context(command, info_name=path[-1], parent=parent, **{**settings, **command.context_settings})
    yield path, command.get_help(ctx)
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            sub = command.commands[name]
            if not sub.hidden:
                yield from _walk(sub, [*path, name], ctx)


def render_cli_reference(cli: click.Command) -> str:
    out = [
        "# Command-line reference",
        "",
        "Generated from `--help` of each command (`python scripts/cli_reference.py > docs/cli.md`).",
        "",
    ]
    for path, text in _walk(cli, ["vpcdocs"]):
        if len(path) > 1:
            out += [f"{'#' * min(len(path), 4)} `{' '.join(path)}`", ""]
        out += ["```text", text.rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover - a maintenance entry point
    from vpcdocs.cli import cli

    print(render_cli_reference(cli), end="")
