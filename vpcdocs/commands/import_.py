"""``vpcdocs import``: turn an existing network into spec YAML (issues 7, 12, 14)."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .common import say

if TYPE_CHECKING:  # the importers are imported by the command that runs (fast start-up)
    from ..importers.model import ImportResult

F = TypeVar("F", bound=Callable[..., Any])


def _guarded(source_arg: str | None) -> Callable[[F], F]:
    """Last resort: an unexpected exception is one line on stderr and exit 1, not a traceback
    (set VPCDOCS_DEBUG=1 to see the traceback)."""

    def wrap(func: F) -> F:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except (SystemExit, click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
                raise
            except Exception as exc:  # noqa: BLE001 - turned into a located error message
                if os.environ.get("VPCDOCS_DEBUG"):
                    raise
                source = kwargs.get(source_arg) if source_arg else "aws"
                say(f"{source}: error[I-INTERNAL]: unexpected {type(exc).__name__}: {exc} (this is a vpcdocs bug; "
                    "please report it, with VPCDOCS_DEBUG=1 output)", err=True, keep="", role="error")
                sys.exit(1)

        return run  # type: ignore[return-value]

    return wrap


def _line(text: str) -> None:
    """One line of the report on stderr, escaped (a hostile id or tag cannot reach the terminal raw)."""
    say(text, err=True, keep="", auto_colour=True)


def _header(kind: str) -> str:
    from ..importers.spec_writer import MARKER

    return (f"{MARKER[2:]} (`vpcdocs import {kind}`). Re-importing rewrites this file;\n"
            "descriptions you add are kept (matched by aws_id).")


def _finish(result: ImportResult, out: str, kind: str, failures: list[Any], started: float,
            hint: str | None = None) -> None:
    """Print the skip report, check the output loads, write it, exit 1 on any error."""
    from ..importers.spec_writer import render_tree, write_tree
    from ..spec import load_sources

    for failure in failures:
        _line(failure.format())
    header = _header(kind)
    texts = render_tree(result.files, header, Path(out))
    for skip in result.sorted_skips():
        _line(skip.format())
    for note in result.notes:
        _line(f"note: {note}")
    if not result.files:
        _line(f"{out}: error[I-EMPTY]: nothing to write: the input holds no VPC vpcdocs can import")
        sys.exit(1)
    check = load_sources([(f"{out.rstrip('/')}/{rel}", text.encode()) for rel, text in texts.items()])
    try:
        report = write_tree(result.files, out, header, texts)
    except OSError as exc:
        _line(f"{exc.filename or out}: error[I-IO]: cannot write the specs: {exc.strerror or exc}")
        sys.exit(1)
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in result.counts.items() if v)
    _line(f"imported {counts} into {out}/ ({len(report.written)} files, {len(report.changed)} changed, "
          f"{len(report.removed)} removed; {len(result.skipped)} skipped) in {time.monotonic() - started:.2f}s")
    if check.errors:
        for diag in check.errors:
            say(diag.format(), err=True, auto_colour=True)
        _line(f"{out}: error[I-LOAD]: the imported specs do not load cleanly (see above)")
        sys.exit(1)
    if failures:
        if hint:
            _line(hint)
        sys.exit(1)


@click.group(name="import")
def command() -> None:
    """Import existing networks as spec YAML: live AWS (one account or a whole organisation),
    saved describe-* JSON, AWS Config aggregator queries, Terraform.

    Every importer writes one file per VPC (vpcs/<id>.yaml) plus shared.yaml for peerings,
    prefix lists, endpoint services, transit gateways and VPN connections, and lists on stderr
    everything it skipped and why. The new tree replaces the old one in one step; re-importing
    an unchanged network gives an identical tree; descriptions you added are kept.
    """


OUTPUT = click.option("-o", "--output", default="specs/imported", show_default=True, metavar="DIR",
                      help="folder to write the spec tree to")


@command.command("aws", short_help="Read a live AWS account or organisation (boto3, read-only).")
@click.option("--region", "regions", multiple=True, metavar="R", help="region to read (repeatable; default: the "
              "profile's region; with --org: every enabled region)")
@click.option("--profile", metavar="P", help="AWS profile (default: the usual boto3 credential chain)")
@click.option("--vpc", "vpcs", multiple=True, metavar="ID", help="import only this VPC (repeatable; not with --org)")
@click.option("--org", is_flag=True, help="every active account of the AWS Organization, one folder per account")
@click.option("--role-name", metavar="NAME", help="with --org: read-only role to assume in each account")
@click.option("--external-id", metavar="ID", help="with --org: external id the role requires")
@click.option("--workers", type=click.IntRange(1, 64), default=8, show_default=True,
              help="with --org: account/regions read in parallel")
@click.option("--resume", is_flag=True, help="with --org: keep the account/regions an earlier run finished, read "
              "only the rest")
@OUTPUT
@_guarded(None)
def aws_cmd(regions: tuple[str, ...], profile: str | None, vpcs: tuple[str, ...], org: bool, role_name: str | None,
            external_id: str | None, workers: int, resume: bool, output: str) -> None:
    """Read a live AWS account with boto3 (read-only: Describe/Get/List/Search calls only,
    plus sts:AssumeRole with --org).

    With --org, accounts come from AWS Organizations (run it with the management account or a
    delegated administrator); in each, --role-name is assumed (the account running the import
    is read with its own credentials). A failed account/region is reported with the reason,
    the rest is written, and the command exits 1; --resume then reads only what is missing.

    \b
    Examples:
      vpcdocs import aws --region us-east-1 -o specs/imported
      vpcdocs import aws --profile prod --region eu-west-1 --region us-east-1
      vpcdocs import aws --region us-east-1 --vpc vpc-0a1b2c3d4e5f60718
      vpcdocs import aws --org --role-name NetworkAudit --external-id 4f1c… -o specs/org
      vpcdocs import aws --org --role-name NetworkAudit --resume -o specs/org
    """
    started = time.monotonic()
    if not org:
        for flag, value in (("--role-name", role_name), ("--external-id", external_id), ("--resume", resume)):
            if value:
                raise click.UsageError(f"{flag} needs --org")
        from ..importers.aws_api import import_aws
        from ..importers.model import ImportFailure

        try:
            result = import_aws(regions=list(regions), profile=profile, vpc_ids=list(vpcs),
                                progress=lambda msg: say(msg, err=True, keep=""))
        except ImportFailure as exc:
            _line(exc.format())
            sys.exit(1)
        _finish(result, output, "aws", [], started)
        return
    if vpcs:
        raise click.UsageError("--vpc cannot be combined with --org")
    if not role_name:
        raise click.UsageError("--org needs --role-name (the role to assume in each account)")
    _org(regions, profile, role_name, external_id, workers, resume, output, started)


def _org(regions: tuple[str, ...], profile: str | None, role_name: str, external_id: str | None, workers: int,
         resume: bool, output: str, started: float) -> None:
    from ..importers.aws_org import STATE_DIR, OrgOptions, import_org
    from ..importers.model import ImportFailure

    bar = ProgressBar()
    opts = OrgOptions(role_name=role_name, external_id=external_id, regions=list(regions) or None, workers=workers,
                      state_dir=Path(output) / STATE_DIR, resume=resume)
    try:
        found = import_org(opts, profile=profile, bar=bar)
    except ImportFailure as exc:
        bar.close()
        _line(exc.format())
        sys.exit(1)
    bar.close()
    if found.resumed:
        _line(f"note: {len(found.resumed)} account/regions taken from the earlier run (--resume)")
    hint = (f"{len(found.failures)} account/region(s) failed; the others were written. Fix the cause and re-run "
            "with --resume to read only what is missing.") if found.failures else None
    _finish(found.result, output, "aws --org", found.failures, started, hint)


class ProgressBar:
    """One progress bar on stderr: redrawn in place on a terminal, a line per step elsewhere."""

    WIDTH = 30

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int, failed: int, label: str) -> None:
        filled = self.WIDTH * done // max(total, 1)
        text = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}" + \
            (f", {failed} failed" if failed else "") + f"  {label}"
        if self.tty:
            say("\r" + text[:120].ljust(120), err=True, nl=False, keep="\r")
            self.drawn = True
        else:
            say(text, err=True, keep="")

    def close(self) -> None:
        if self.drawn:
            say("", err=True)
            self.drawn = False


@command.command("aws-json", short_help="Import saved describe-* JSON (CLI, boto3, Batfish).")
@click.argument("directory", metavar="DIR", type=click.Path())
@click.option("--region", metavar="R", help="region of files whose folder and contents do not say")
@click.option("--vpc", "vpcs", multiple=True, metavar="ID", help="import only this VPC (repeatable)")
@OUTPUT
@_guarded("directory")
def aws_json_cmd(directory: str, region: str | None, vpcs: tuple[str, ...], output: str) -> None:
    """Import saved `aws ec2 describe-*` / `aws elbv2 describe-*` / boto3 JSON outputs.

    DIR holds plain CLI output (any file names), boto3/placebo recordings
    ({"status_code", "data"}) or a Batfish snapshot (aws_configs/<region>/Vpcs.json …,
    aws_configs/accounts/<account>/<region>/…).

    \b
    Outputs read (missing ones only mean less detail):
      aws ec2 describe-vpcs / -subnets / -route-tables / -internet-gateways /
        -egress-only-internet-gateways / -nat-gateways / -vpc-peering-connections /
        -vpc-endpoints / -prefix-lists / -managed-prefix-lists / -security-groups /
        -network-acls / -network-interfaces / -instances / -vpn-gateways /
        -vpn-connections / -customer-gateways / -vpc-endpoint-service-configurations /
        -transit-gateways / -transit-gateway-attachments /
        -transit-gateway-vpc-attachments / -transit-gateway-route-tables
      aws ec2 get-managed-prefix-list-entries (one file per list, its pl- id in the name)
      aws elbv2 describe-load-balancers / -listeners / -target-groups

    \b
    Examples:
      for c in vpcs subnets route-tables internet-gateways nat-gateways security-groups \\
               network-acls network-interfaces instances vpc-peering-connections \\
               vpc-endpoints prefix-lists managed-prefix-lists; do
        aws ec2 describe-$c > saved/describe-$c.json; done
      vpcdocs import aws-json saved/ -o specs/imported
      vpcdocs import aws-json snapshot/aws_configs --vpc vpc-0a1b2c3d
    """
    from ..importers.aws_json import import_json

    started = time.monotonic()
    result, failures = import_json(directory, region=region, vpc_filter=set(vpcs) or None)
    if failures and not result.files:
        for failure in failures:
            _line(failure.format())
        sys.exit(1)
    _finish(result, output, "aws-json", failures, started)


@command.command("aws-config", short_help="Import an AWS Config aggregator query's output.")
@click.argument("path", metavar="PATH", type=click.Path())
@click.option("--vpc", "vpcs", multiple=True, metavar="ID", help="import only this VPC (repeatable)")
@OUTPUT
@_guarded("path")
def aws_config_cmd(path: str, vpcs: tuple[str, ...], output: str) -> None:
    """Import the JSON that `aws configservice select-aggregate-resource-config` prints (a file,
    or a folder of pages) — every account and region the aggregator collects, one folder per
    account when there are several. Nothing is called: the file is all vpcdocs reads.

    \b
    Example:
      aws configservice select-aggregate-resource-config --configuration-aggregator-name org \\
        --expression "SELECT resourceId, resourceType, accountId, awsRegion, configuration, tags
                      WHERE resourceType IN ('AWS::EC2::VPC', 'AWS::EC2::Subnet',
                      'AWS::EC2::RouteTable', 'AWS::EC2::SecurityGroup', 'AWS::EC2::NetworkAcl',
                      'AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::VPCEndpoint',
                      'AWS::EC2::VPCPeeringConnection', 'AWS::EC2::TransitGateway',
                      'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayRouteTable',
                      'AWS::EC2::Instance', 'AWS::EC2::NetworkInterface', 'AWS::EC2::PrefixList')" \\
        > config.json
      vpcdocs import aws-config config.json -o specs/org
    """
    from ..importers.aws_config import import_config

    started = time.monotonic()
    result, failures = import_config(path, vpc_filter=set(vpcs) or None)
    if failures and not result.files:
        for failure in failures:
            _line(failure.format())
        sys.exit(1)
    _finish(result, output, "aws-config", failures, started)


@command.command("terraform", short_help="Import a Terraform plan/state (show -json, .tfstate v4).")
@click.argument("file", metavar="FILE", type=click.Path())
@click.option("--region", metavar="R", help="region when the plan/state does not say")
@OUTPUT
@_guarded("file")
def terraform_cmd(file: str, region: str | None, output: str) -> None:
    """Import `terraform show -json` output (plan or state) or a raw .tfstate (v4).

    Resources not yet created get placeholder ids from their Terraform address; resources of
    other providers and unsupported types are listed as skipped. Terraform keeps no route
    state: routes are written without one and vpcdocs derives it.

    \b
    Examples:
      terraform show -json > state.json && vpcdocs import terraform state.json
      terraform show -json tfplan > plan.json && vpcdocs import terraform plan.json -o specs/planned
      vpcdocs import terraform terraform.tfstate
    """
    from ..importers.model import ImportFailure
    from ..importers.terraform import import_terraform

    started = time.monotonic()
    try:
        result = import_terraform(file, region=region)
    except ImportFailure as exc:
        _line(exc.format())
        sys.exit(1)
    _finish(result, output, "terraform", [], started)
