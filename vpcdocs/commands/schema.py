"""``vpcdocs schema``: the JSON Schema of the spec format, for editors."""

from __future__ import annotations

import json

import click

from ..fsutil import atomic_write
from .common import io_error, say


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def command(output: str | None) -> None:
    """Print the JSON Schema of a spec file.

    It is generated from the same definitions the validator uses. Point
    yaml-language-server at it to get completion and checking in your editor:

    \b
    Example:
      vpcdocs schema -o vpcdocs.schema.json
      # first line of a spec file:
      # yaml-language-server: $schema=../vpcdocs.schema.json
    """
    from ..spec import json_schema

    text = json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
    if output:
        try:
            atomic_write(output, text)
        except OSError as exc:
            io_error(output, exc)
    else:
        say(text, nl=False)
