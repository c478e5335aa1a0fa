"""The ``vpcdocs`` command line: parses options and calls one command module each."""

from __future__ import annotations

import gc

import click

from . import __version__
from .commands import build, check, diagram, diff, drift, import_, reach, routes, schema, serve


class FullSummaryGroup(click.Group):
    """A group whose ``--help`` lists each command with its whole summary (the first
    paragraph of its help, wrapped), never cut off with "..."."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            rows.append((name, cmd.short_help or cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=FullSummaryGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="vpcdocs")
def cli() -> None:
    """Document, review and understand AWS networks from YAML topology specs.

    \b
    Examples:
      vpcdocs build specs                       # the documentation site, into site/
      vpcdocs check specs                       # validate and lint
      vpcdocs routes specs --vpc vpc-a          # effective route tables
      vpcdocs reach specs --from b-app-1a --to c-app-1a
      vpcdocs diff main                         # what this branch does to the network

    Output is coloured on a terminal (never in pipes); NO_COLOR=1 turns colour off,
    FORCE_COLOR=1 on.
    """


for module in (build, serve, check, routes, reach, diagram, diff, drift, import_, schema):
    cli.add_command(module.command)


GC_THRESHOLDS = (50_000, 20, 20)  # see main(); benchmarks/reach measures with them too


def main() -> None:
    # A build holds millions of small long-lived objects (routes, memoised walks, answers):
    # with CPython's default thresholds (700, 10, 10) the cyclic collector keeps traversing
    # them and costs 10-15 % of the CPU of a large build (benchmarks/reach). Collecting
    # young objects 70x less often leaves memory use as it was (the objects are kept anyway).
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        cli(prog_name="vpcdocs")
    finally:
        # What the command built is garbage by now; the interpreter's last collection would
        # traverse all of it before exiting (4 s after a 1,000-VPC build). Frozen, it is left
        # to the operating system, which takes the memory back at once.
        gc.freeze()


if __name__ == "__main__":
    main()
