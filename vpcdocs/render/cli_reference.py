"""The command-line reference page (docs/cli.md), generated from the commands' own --help.

``python -m vpcdocs.render.cli_reference > docs/cli.md`` regenerates it; a test fails when
the committed page and the commands disagree, so the docs never drift from ``--help``.
"""

from __future__ import annotations

import click


def _help(command: click.Command, path: list[str]) -> str:
    ctx = click.Context(command, info_name=" ".join(path), max_content_width=100, terminal_width=100)
    return command.get_help(ctx)


def _walk(command: click.Command, path: list[str]):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            sub = command.commands[name]
            if not sub.hidden:
                yield from _walk(sub, [*path, name])


def render_cli_reference(cli: click.Command) -> str:
    out = [
        "# Command-line reference",
        "",
        "Generated from `--help` of each command (`python -m vpcdocs.render.cli_reference > docs/cli.md`).",
        "",
    ]
    for path, command in _walk(cli, ["vpcdocs"]):
        if len(path) > 1:
            out += [f"{'#' * min(len(path), 4)} `{' '.join(path)}`", ""]
        out += ["```text", _help(command, path).rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover - a maintenance entry point
    from ..cli import cli

    print(render_cli_reference(cli), end="")
