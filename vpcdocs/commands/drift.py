"""``vpcdocs drift``: what exists against what the specs say — routes, flows, findings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..fsutil import atomic_write
from .common import io_error, print_diagnostics, say
from .diff import FORMAT_NAMES, STDOUT, plan_outputs

AWS = "aws"
HEADER = "Imported by vpcdocs drift (read-only); compared with the specs, not written back."


def _fail(message: str) -> None:
    """Nothing to compare: exit 2."""
    say(f"vpcdocs drift: {message}", err=True, keep="", role="error")
    sys.exit(2)


def _load_folder(folder: str, what: str) -> Any:
    from ..spec import load_specs

    result = load_specs(folder)
    if not result.ok:
        print_diagnostics(result.diagnostics)
        _fail(f"{folder}: the {what} do not load ({len(result.errors)} error{'s' if len(result.errors) != 1 else ''})")
    return result


def _import_aws(spec: Any, regions: tuple[str, ...], profile: str | None, save: str | None) -> tuple[Any, str, list[str]]:
    """Run the live importer (read-only) for the specs' regions (and their VPCs, when every
    spec VPC names its ``aws_id``); load what it finds. Returns (load result, label, notes)."""
    from ..importers import import_aws
    from ..importers.model import ImportFailure
    from ..importers.spec_writer import render_tree, write_tree
    from ..spec import load_sources

    wanted = list(regions) or sorted({v.region for v in spec.vpcs if v.region})
    vpc_ids = [v.aws_id for v in spec.vpcs]
    only = sorted(i for i in vpc_ids if i) if vpc_ids and all(vpc_ids) else None
    try:
        result = import_aws(regions=wanted or None, profile=profile, vpc_ids=only,
                            progress=lambda msg: say(msg, err=True, keep=""))
    except ImportFailure as exc:
        _fail(exc.format())
    texts = render_tree(result.files, HEADER)
    if save:
        try:
            write_tree(result.files, save, HEADER, texts)
        except OSError as exc:
            io_error(save, exc)
    loaded = load_sources([(f"aws/{rel}", text.encode("utf-8")) for rel, text in texts.items()])
    if not loaded.ok:
        print_diagnostics(loaded.diagnostics)
        _fail("the import does not load as specs (a vpcdocs importer bug; please report it)")
    notes = [f"imported from AWS: {', '.join(wanted) or 'the profile region'}"
             + (f", VPCs {', '.join(only)}" if only else ", every VPC")]
    if result.skipped:
        notes.append(f"the importer skipped {len(result.skipped)} item{'s' if len(result.skipped) != 1 else ''} "
                     f"(run `vpcdocs import aws` to see them)")
    return loaded, f"aws ({', '.join(wanted) or 'profile region'})", notes


@click.command("drift")
@click.argument("spec_dir", required=False, default="specs", type=click.Path(path_type=str))
@click.option("--against", "against", required=True, metavar="FOLDER|aws",
              help="What exists: a folder written by 'vpcdocs import', or 'aws' to import the live account "
                   "now (read-only).")
@click.option("--region", "regions", multiple=True, metavar="REGION",
              help="With --against aws: region to read (repeatable; default: the regions of the specs' VPCs).")
@click.option("--profile", metavar="NAME", help="With --against aws: the AWS profile to use.")
@click.option("--save-import", metavar="DIR", type=click.Path(file_okay=False),
              help="With --against aws: also write what was imported into this folder.")
@click.option("--format", "formats", type=click.Choice(FORMAT_NAMES), multiple=True,
              help="text (default), markdown (a CI note or issue) or json. Repeat it, each followed by its "
                   "-o FILE, for several reports from one run.")
@click.option("-o", "--output", "outputs", type=click.Path(dir_okay=False), multiple=True,
              help="Write the report to this file ('-' for stdout); one per --format.")
@click.option("--max-chars", type=click.IntRange(min=1000), default=65_536, show_default=True,
              help="Markdown: cut the report to this many characters.")
def command(spec_dir: str, against: str, regions: tuple[str, ...], profile: str | None, save_import: str | None,
            formats: tuple[str, ...], outputs: tuple[str, ...], max_chars: int) -> None:
    """Show how what exists differs from the specs, at network level: effective route rows,
    reachability (flows, service paths, security rules), lint findings and failing expect:
    entries — the same comparison as 'vpcdocs diff', with the specs as the base.

    --against is a folder written by 'vpcdocs import' (saved earlier, or by another job),
    or 'aws' to run the live importer now (read-only; boto3 and credentials needed).
    Imported objects are matched to the specs' objects by aws_id, else by what identifies
    them in the network (a VPC by CIDR, a subnet by VPC and CIDR, a peering by its VPCs…).
    Names, descriptions and tags are not compared.

    Exit status: 0 no drift; 1 drift; 2 usage error or nothing to compare (the specs or the
    import do not load, the import fails). The reports are written in every case where a
    comparison was made.

    \b
    Examples:
      vpcdocs drift specs --against imported/
      vpcdocs drift specs --against aws --region us-east-1 --format markdown -o drift.md
      vpcdocs drift specs --against aws --format json -o drift.json --format text -o -
    """
    from ..diff.drift import PREFACE, drift_topologies, has_drift
    from ..render.diff import FORMATS

    plan = plan_outputs(formats, outputs, None)
    if against != AWS and (regions or profile or save_import):
        raise click.UsageError("--region, --profile and --save-import go with --against aws")
    spec = _load_folder(spec_dir, "specs")
    print_diagnostics(spec.diagnostics)
    if against == AWS:
        actual, label, notes = _import_aws(spec.topology, regions, profile, save_import)
    else:
        if not Path(against).is_dir():
            raise click.UsageError(f"--against {against}: not a folder (give an import folder, or 'aws')")
        actual, label, notes = _load_folder(against, "imported specs"), against, []
    report = drift_topologies(spec.topology, actual.topology, spec_dir, label, spec.diagnostics,
                              actual.diagnostics)
    if notes:
        import dataclasses

        report = dataclasses.replace(report, notes=report.notes + tuple(notes))
    rendered: dict[str, str] = {}
    for fmt, target in plan:
        if fmt not in rendered:
            rendered[fmt] = FORMATS[fmt](report, title="vpcdocs drift", preface=PREFACE, limit=max_chars,
                                         expect_warning=False)
        if target == STDOUT:
            click.echo(rendered[fmt], nl=False)
        else:
            try:
                atomic_write(target, rendered[fmt])
            except OSError as exc:
                io_error(target, exc)
    drift = has_drift(report)
    if any(target != STDOUT for _, target in plan):
        say(f"vpcdocs drift: {report.summary() if drift else 'no drift'}", err=True, keep="")
    sys.exit(1 if drift else 0)
