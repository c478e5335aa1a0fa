"""``vpcdocs diff``: what a change does to the network — routes, flows, findings, diagrams."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..fsutil import atomic_write
from .common import io_error, print_diagnostics, say

FORMAT_NAMES = ("text", "markdown", "json")
# --output-dir DIR: every format under these names, diagrams in DIR/diagrams/
OUTPUT_DIR_FILES = {"markdown": "report.md", "json": "report.json", "text": "report.txt"}
OUTPUT_DIR_DIAGRAMS = "diagrams"
STDOUT = "-"


def plan_outputs(formats: tuple[str, ...], outputs: tuple[str, ...],
                 output_dir: str | None) -> list[tuple[str, str]]:
    """(format, file or ``-`` for stdout) for every report to write.

    One ``--format`` and/or one ``-o`` keep the single-report usage (text to stdout by
    default); several must come in pairs, matched in order: ``--format markdown -o a.md
    --format json -o b.json``. ``--output-dir`` adds every format under fixed names.
    """
    if len(formats) > 1 or len(outputs) > 1:
        if len(formats) != len(outputs):
            raise click.UsageError(
                f"{len(formats)} --format but {len(outputs)} -o/--output: give one -o FILE after each "
                "--format (e.g. --format markdown -o comment.md --format json -o report.json)")
        plan = list(zip(formats, outputs))
    elif formats or outputs or not output_dir:
        plan = [(formats[0] if formats else "text", outputs[0] if outputs else STDOUT)]
    else:
        plan = []
    if output_dir:
        plan += [(fmt, str(Path(output_dir) / name)) for fmt, name in OUTPUT_DIR_FILES.items()]
    files = [out for _, out in plan if out != STDOUT]
    twice = sorted({f for f in files if files.count(f) > 1})
    if twice:
        raise click.UsageError(f"{', '.join(twice)}: more than one report would be written to the same file")
    if sum(out == STDOUT for _, out in plan) > 1:
        raise click.UsageError("only one report can go to stdout ('-o -'); give the others a file")
    return plan


def _split_positionals(base: str | None, head: str | None, spec_dir: str | None, specs_opt: str | None
                       ) -> tuple[str | None, str | None, str | None]:
    """``vpcdocs diff [BASE] [HEAD] [SPEC_DIR]``: when only BASE and HEAD are given and HEAD is
    a folder but not a git revision, it is the SPEC_DIR (``vpcdocs diff main specs``)."""
    from ..diff.revisions import WORKTREE, RevisionError, is_revision, repo_root

    if spec_dir is None and specs_opt is None and head not in (None, WORKTREE) and base is not None \
            and Path(head).is_dir() and not Path(base).is_dir():
        try:
            root = repo_root(Path(head))
            if not is_revision(root, head):
                return base, None, head
        except RevisionError:
            pass
    return base, head, spec_dir


@click.command("diff")
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.argument("spec_dir", required=False, type=click.Path(path_type=str))
@click.option("--specs", "specs_opt", metavar="SPEC_DIR", type=click.Path(path_type=str),
              help="Folder of the specs inside the repository (default: specs).")
@click.option("--format", "formats", type=click.Choice(FORMAT_NAMES), multiple=True,
              help="text (default) for a terminal, markdown for a pull-request comment, json for tools. "
                   "Repeat it, each followed by its -o FILE, for several reports from one run.")
@click.option("-o", "--output", "outputs", type=click.Path(dir_okay=False), multiple=True,
              help="Write the report to this file ('-' for stdout); one per --format.")
@click.option("--output-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Write every format (report.md, report.json, report.txt) and the diff diagrams "
                   "(diagrams/) into this folder.")
@click.option("--diagrams-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Write diff diagrams (SVG: overview and each changed VPC) into this folder.")
@click.option("--no-diagrams", is_flag=True,
              help="With --output-dir: leave the diagrams out (Graphviz is then not needed).")
@click.option("--diagrams-url", metavar="URL",
              help="Where the diagrams folder is published: markdown embeds the images from there.")
@click.option("--full-report-url", metavar="URL",
              help="Link for the full report when the markdown comment has to be cut.")
@click.option("--max-chars", type=click.IntRange(min=1000), default=65_536, show_default=True,
              help="Markdown: cut the comment to this many characters (GitHub's comment limit).")
@click.option("--exit-code", is_flag=True,
              help="Exit 1 when flows start or stop working but the expect: list was not updated.")
def command(base: str | None, head: str | None, spec_dir: str | None, specs_opt: str | None,
            formats: tuple[str, ...], outputs: tuple[str, ...], output_dir: str | None, diagrams_dir: str | None,
            no_diagrams: bool, diagrams_url: str | None, full_report_url: str | None, max_chars: int,
            exit_code: bool) -> None:
    """Show what a change does to the network: service paths, flows grouped by the change
    that explains them, security-rule effects, route-table rows, resources, findings and
    diff diagrams.

    Service paths: subnets whose S3/DynamoDB or interface-endpoint traffic moves to or from
    a NAT or internet gateway, with the consequences (aws:SourceVpce policies, NAT charges).
    Each security-group/NACL rule change is listed with the flows it opens or closes for
    the traffic it names. Derived route rows (local, gateway endpoints, propagations) count.

    BASE and HEAD are git revisions of the repository holding the specs, or two folders.
    BASE defaults to the merge-base of HEAD with the default branch (origin/HEAD, main or
    master); HEAD defaults to the working tree (also written WORKTREE). Revisions are read
    from git objects: nothing is checked out. Objects are matched by id, so moving,
    renaming or splitting spec files shows no change.

    The change is computed once however many reports are written: pair each --format with
    its -o FILE, or use --output-dir for all of them. Diagrams need Graphviz; the reports
    do not.

    Exit status: 0 done; 1 when the head specs do not load, or (with --exit-code) when
    flows start or stop working (any traffic, or a changed rule's traffic) without an
    expect: update; 2 usage error (unknown revision, not a
    git repository). The reports are written in every case.

    \b
    Examples:
      vpcdocs diff                              # merge-base with main vs. working tree
      vpcdocs diff main                         # main vs. working tree
      vpcdocs diff main HEAD specs              # two commits, specs/ folder
      vpcdocs diff origin/main HEAD --format markdown -o comment.md \\
          --format json -o report.json --diagrams-dir diff-diagrams --exit-code
      vpcdocs diff origin/main HEAD --output-dir diff   # every format + diagrams
      vpcdocs diff old-specs/ new-specs/ --format json    # two folders
    """
    from ..diff.report import diff_sides
    from ..diff.revisions import RevisionError, resolve_sides
    from ..graphviz_check import require_dot
    from ..render.diff import FORMATS, write_diff_diagrams

    plan = plan_outputs(formats, outputs, output_dir)
    if output_dir and not diagrams_dir and not no_diagrams:
        diagrams_dir = str(Path(output_dir) / OUTPUT_DIR_DIAGRAMS)
    if diagrams_dir:
        require_dot("vpcdocs diff with diagrams (--diagrams-dir, --output-dir)")
    base, head, spec_dir = _split_positionals(base, head, spec_dir, specs_opt)
    specs = specs_opt or spec_dir or "specs"
    try:
        base_side, head_side = resolve_sides(base, head, specs)
    except RevisionError as exc:
        raise click.UsageError(str(exc)) from None

    report, base_topo, head_topo = diff_sides(base_side, head_side)
    if diagrams_dir:
        report = write_diff_diagrams(report, base_topo, head_topo, diagrams_dir)

    rendered: dict[str, str] = {}
    for fmt, target in plan:
        if fmt not in rendered:
            rendered[fmt] = FORMATS[fmt](report, full_report_url=full_report_url, diagrams_url=diagrams_url,
                                         limit=max_chars)
        if target == STDOUT:
            click.echo(rendered[fmt], nl=False)  # every renderer escapes control characters itself
        else:
            try:
                atomic_write(target, rendered[fmt])
            except OSError as exc:
                io_error(target, exc)

    head_broken = any(e.side == "head" for e in report.errors)
    if head_broken:
        print_diagnostics(d for err in report.errors if err.side == "head" for d in err.diagnostics)
    if any(target != STDOUT for _, target in plan):
        say(f"vpcdocs diff: {report.summary()}", err=True, keep="")
    if exit_code and report.unexpected_reachability_change:
        say("vpcdocs diff: flows start or stop working but the expect: list was not updated", err=True)
        sys.exit(1)
    if head_broken:
        sys.exit(1)
