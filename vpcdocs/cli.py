"""The ``vpcdocs`` command line: parses options and calls one command module each."""

from __future__ import annotations

import click

from . import __version__
from .commands import check, routes, schema


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="vpcdocs")
def cli() -> None:
    """Document, review and understand AWS networks from YAML topology specs.

    \b
    Example:
      vpcdocs check specs          # validate
      vpcdocs routes specs         # effective route tables
    """


for module in (check, routes, schema):
    cli.add_command(module.command)


def main() -> None:
    cli(prog_name="vpcdocs")


if __name__ == "__main__":
    main()
