"""``vpcdocs import``: turn an existing network into spec YAML (issue 7)."""

from __future__ import annotations

import functools
import os
import sys
import time
from pathlib import Path

import click

from ..importers.model import ImportFailure, ImportResult
from ..importers.spec_writer import MARKER, render_tree, write_tree


def _guarded(source_arg: str | None):
    """Last resort: an unexpected exception is one line on stderr and exit 1, not a traceback
    (set VPCDOCS_DEBUG=1 to see the traceback)."""

    def wrap(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except (SystemExit, click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
                raise
            except Exception as exc:  # noqa: BLE001 - turned into a located error message
                if os.environ.get("VPCDOCS_DEBUG"):
                    raise
                source = kwargs.get(source_arg) if source_arg else "aws"
                click.echo(f"{source}: error[I-INTERNAL]: unexpected {type(exc).__name__}: {exc} (this is a "
                           "vpcdocs bug; please report it, with VPCDOCS_DEBUG=1 output)", err=True)
                sys.exit(1)

        return run

    return wrap


def _header(kind: str) -> str:
    return (f"{MARKER[2:]} (`vpcdocs import {kind}`). Re-importing rewrites this file;\n"
            "descriptions you add are kept (matched by aws_id).")


def _finish(result: ImportResult, out: str, kind: str, failures: list[ImportFailure], started: float) -> None:
    """Print the skip report, check the output loads, write it, exit 1 on any error."""
    from ..spec import load_sources

    for failure in failures:
        click.echo(failure.format(), err=True)
    header = _header(kind)
    texts = render_tree(result.files, header, Path(out))
    for skip in result.sorted_skips():
        click.echo(skip.format(), err=True)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if not result.files:
        click.echo(f"{out}: error[I-EMPTY]: nothing to write: the input holds no VPC vpcdocs can import",
                   err=True)
        sys.exit(1)
    check = load_sources([(f"{out.rstrip('/')}/{rel}", text.encode()) for rel, text in texts.items()])
    try:
        report = write_tree(result.files, out, header, texts)
    except OSError as exc:
        click.echo(f"{exc.filename or out}: error[I-IO]: cannot write the specs: {exc.strerror or exc}", err=True)
        sys.exit(1)
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in result.counts.items() if v)
    click.echo(f"imported {counts} into {out}/ ({len(report.written)} files, {len(report.changed)} changed, "
               f"{len(report.removed)} removed; {len(result.skipped)} skipped) in {time.monotonic() - started:.2f}s",
               err=True)
    if check.errors:
        for diag in check.errors:
            click.echo(diag.format(), err=True)
        click.echo(f"{out}: error[I-LOAD]: the imported specs do not load cleanly (see above)", err=True)
        sys.exit(1)
    if failures:
        sys.exit(1)


@click.group(name="import")
def command() -> None:
    """Import existing networks as spec YAML: live AWS, saved describe-* JSON, Terraform.

    Every importer writes one file per VPC (vpcs/<id>.yaml) plus shared.yaml for peerings,
    endpoint services and transit gateways, and lists on stderr everything it skipped and why.
    Re-importing an unchanged network gives an identical tree; descriptions you added are kept.
    """


OUTPUT = click.option("-o", "--output", default="specs/imported", show_default=True, metavar="DIR",
                      help="folder to write the spec tree to")


@command.command("aws", short_help="Read a live AWS account (boto3, read-only).")
@click.option("--region", "regions", multiple=True, metavar="R", help="region to read (repeatable; default: the "
              "profile's region)")
@click.option("--profile", metavar="P", help="AWS profile (default: the usual boto3 credential chain)")
@click.option("--vpc", "vpcs", multiple=True, metavar="ID", help="import only this VPC (repeatable)")
@OUTPUT
@_guarded(None)
def aws_cmd(regions, profile, vpcs, output) -> None:
    """Read a live AWS account with boto3 (read-only: Describe/Get/List/Search calls only).

    \b
    Examples:
      vpcdocs import aws --region us-east-1 -o specs/imported
      vpcdocs import aws --profile prod --region eu-west-1 --region us-east-1
      vpcdocs import aws --region us-east-1 --vpc vpc-0a1b2c3d4e5f60718
    """
    from ..importers.aws_api import import_aws

    started = time.monotonic()
    try:
        result = import_aws(regions=list(regions), profile=profile, vpc_ids=list(vpcs),
                            progress=lambda msg: click.echo(msg, err=True))
    except ImportFailure as exc:
        click.echo(exc.format(), err=True)
        sys.exit(1)
    _finish(result, output, "aws", [], started)


@command.command("aws-json", short_help="Import saved describe-* JSON (CLI, boto3, Batfish).")
@click.argument("directory", metavar="DIR", type=click.Path())
@click.option("--region", metavar="R", help="region of files whose folder and contents do not say")
@click.option("--vpc", "vpcs", multiple=True, metavar="ID", help="import only this VPC (repeatable)")
@OUTPUT
@_guarded("directory")
def aws_json_cmd(directory, region, vpcs, output) -> None:
    """Import saved `aws ec2 describe-*` / `aws elbv2 describe-*` / boto3 JSON outputs.

    DIR holds plain CLI output (any file names), boto3/placebo recordings
    ({"status_code", "data"}) or a Batfish snapshot (aws_configs/<region>/Vpcs.json …,
    aws_configs/accounts/<account>/<region>/…).

    \b
    Outputs read (missing ones only mean less detail):
      aws ec2 describe-vpcs / -subnets / -route-tables / -internet-gateways /
        -nat-gateways / -vpc-peering-connections / -vpc-endpoints / -prefix-lists /
        -vpc-endpoint-service-configurations / -security-groups / -vpn-connections /
        -transit-gateways / -transit-gateway-attachments /
        -transit-gateway-vpc-attachments / -transit-gateway-route-tables
      aws elbv2 describe-load-balancers / -listeners / -target-groups

    \b
    Examples:
      for c in vpcs subnets route-tables internet-gateways nat-gateways \\
               vpc-peering-connections vpc-endpoints prefix-lists security-groups; do
        aws ec2 describe-$c > saved/describe-$c.json; done
      vpcdocs import aws-json saved/ -o specs/imported
      vpcdocs import aws-json snapshot/aws_configs --vpc vpc-0a1b2c3d
    """
    from ..importers.aws_json import import_json

    started = time.monotonic()
    result, failures = import_json(directory, region=region, vpc_filter=set(vpcs) or None)
    if failures and not result.files:
        for failure in failures:
            click.echo(failure.format(), err=True)
        sys.exit(1)
    _finish(result, output, "aws-json", failures, started)


@command.command("terraform", short_help="Import a Terraform plan/state (show -json, .tfstate v4).")
@click.argument("file", metavar="FILE", type=click.Path())
@click.option("--region", metavar="R", help="region when the plan/state does not say")
@OUTPUT
@_guarded("file")
def terraform_cmd(file, region, output) -> None:
    """Import `terraform show -json` output (plan or state) or a raw .tfstate (v4).

    Resources not yet created get placeholder ids from their Terraform address; resources of
    other providers and unsupported types are listed as skipped.

    \b
    Examples:
      terraform show -json > state.json && vpcdocs import terraform state.json
      terraform show -json tfplan > plan.json && vpcdocs import terraform plan.json -o specs/planned
      vpcdocs import terraform terraform.tfstate
    """
    from ..importers.terraform import import_terraform

    started = time.monotonic()
    try:
        result = import_terraform(file, region=region)
    except ImportFailure as exc:
        click.echo(exc.format(), err=True)
        sys.exit(1)
    _finish(result, output, "terraform", [], started)
