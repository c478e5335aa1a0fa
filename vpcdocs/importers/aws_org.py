"""Import every account of an AWS Organization (issue 14 item 5).

1. ``organizations:ListAccounts`` from the credentials given (the management account or a
   delegated administrator); accounts that are not ``ACTIVE`` are listed as skipped.
2. In each account, ``sts:AssumeRole`` into ``--role-name`` (with ``--external-id``); the
   account whose credentials run the import is read with them directly.
3. Every enabled region of each account (``ec2:DescribeRegions``), or the ``--region`` list,
   is read by a bounded pool of worker threads; each account/region is one task.
4. A task that fails (the role cannot be assumed, throttled beyond every retry, an API error)
   is reported with the reason and the others go on; the result holds what succeeded.

Resuming: every finished task's data is kept in ``<output>/.vpcdocs-import/`` (one JSON file
per account and region). With ``resume=True`` those tasks are not read again; without it the
folder is cleared first. Read-only throughout (the before-call hook of
:mod:`vpcdocs.importers.aws_api` refuses anything but reads and ``sts:AssumeRole``).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .aws_api import ClientHook, error_code, error_message, make_client, open_session, require_boto3
from .aws_fetch import FetchOptions, fetch_region
from .describe import translate
from .model import AwsSnapshot, ImportFailure, ImportResult, Skipped

STATE_DIR = ".vpcdocs-import"
SESSION_NAME = "vpcdocs-import"
REFRESH_BEFORE = 600.0  # re-assume a role whose credentials expire within 10 minutes


@dataclass(frozen=True)
class TaskFailure:
    """One account (region ``*``: the account as a whole) or account/region that could not be read."""

    account: str
    region: str
    reason: str

    def format(self) -> str:
        return f"aws:{self.account}/{self.region}: error[I-AWS]: {self.reason}"


@dataclass
class OrgResult:
    result: ImportResult
    failures: list[TaskFailure] = field(default_factory=list)
    read: list[tuple[str, str]] = field(default_factory=list)  # account/regions read in this run
    resumed: list[tuple[str, str]] = field(default_factory=list)  # taken from an earlier run
    calls: int = 0


@dataclass
class OrgOptions:
    role_name: str
    external_id: str | None = None
    regions: list[str] | None = None
    workers: int = 8
    state_dir: Path | None = None
    resume: bool = False
    endpoint_url: str | None = None
    sleep: Callable[[float], None] = time.sleep
    max_attempts: int = 10
    retry_mode: str = "adaptive"
    on_client: ClientHook | None = None


# progress callback: (finished tasks, all tasks, failed tasks, what just finished)
ProgressBar = Callable[[int, int, int, str], None]


class _Sessions:
    """A boto3 session per account, from assumed-role credentials refreshed before they expire."""

    def __init__(self, boto3: Any, base: Any, caller: str, opts: OrgOptions):
        self.boto3, self.base, self.caller, self.opts = boto3, base, caller, opts
        self.lock = threading.Lock()
        self.creds: dict[str, tuple[dict[str, Any], float]] = {}
        self.loader = base._session.get_component("data_loader")  # share parsed service models

    def _new(self, **kwargs: Any) -> Any:
        import botocore.session

        core = botocore.session.Session()
        core.register_component("data_loader", self.loader)
        return self.boto3.Session(botocore_session=core, **kwargs)

    def session(self, account: str) -> Any:
        if account == self.caller:
            return self.base
        with self.lock:
            cached = self.creds.get(account)
        if cached is None or cached[1] - time.time() < REFRESH_BEFORE:
            sts = make_client(self.base, "sts", self.base.region_name or "us-east-1", self.opts.endpoint_url,
                              self.opts.max_attempts, self.opts.retry_mode, self.opts.on_client)
            params: dict[str, Any] = {"RoleArn": f"arn:aws:iam::{account}:role/{self.opts.role_name}",
                                      "RoleSessionName": SESSION_NAME}
            if self.opts.external_id:
                params["ExternalId"] = self.opts.external_id
            answer = sts.assume_role(**params)["Credentials"]
            expires = answer.get("Expiration")
            cached = (answer, expires.timestamp() if hasattr(expires, "timestamp") else time.time() + 3600)
            with self.lock:
                self.creds[account] = cached
        creds = cached[0]
        return self._new(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
                         aws_session_token=creds["SessionToken"])


def list_accounts(base: Any, opts: OrgOptions, skips: list[Skipped]) -> tuple[str, list[str]]:
    """(the caller's account, the ACTIVE accounts of the organisation, sorted)."""
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    region = base.region_name or "us-east-1"
    try:
        sts = make_client(base, "sts", region, opts.endpoint_url, opts.max_attempts, opts.retry_mode, opts.on_client)
        caller = str(sts.get_caller_identity()["Account"])
        org = make_client(base, "organizations", "us-east-1", opts.endpoint_url, opts.max_attempts, opts.retry_mode,
                          opts.on_client)
        accounts = [a for page in org.get_paginator("list_accounts").paginate() for a in page.get("Accounts") or []]
    except NoCredentialsError:
        raise ImportFailure("aws", "I-AUTH", "no AWS credentials found (set a profile or the AWS_* environment "
                            "variables)") from None
    except ClientError as exc:
        raise ImportFailure("aws:organizations", "I-ORG", f"cannot list the organisation's accounts: "
                            f"{error_code(exc)}: {error_message(exc)} (run with the management account or a "
                            "delegated administrator)") from None
    except BotoCoreError as exc:
        raise ImportFailure("aws:organizations", "I-ORG", f"cannot list the organisation's accounts: {exc}") from None
    active = []
    for a in sorted(accounts, key=lambda a: str(a.get("Id"))):
        status = str(a.get("Status") or a.get("State") or "ACTIVE").upper()
        if status == "ACTIVE":
            active.append(str(a["Id"]))
        else:
            skips.append(Skipped("account", str(a.get("Id")), f"status {status}: not read", "aws:organizations"))
    return caller, active


def _regions(session: Any, account: str, opts: OrgOptions) -> list[str]:
    if opts.regions:
        return list(dict.fromkeys(opts.regions))
    ec2 = make_client(session, "ec2", session.region_name or "us-east-1", opts.endpoint_url, opts.max_attempts,
                      opts.retry_mode, opts.on_client)
    answer = ec2.describe_regions(AllRegions=False)
    return sorted(r["RegionName"] for r in answer.get("Regions") or []
                  if r.get("OptInStatus", "opt-in-not-required") != "not-opted-in")


def _state_file(state: Path, account: str, region: str) -> Path:
    return state / account / f"{region}.json"


def _save(state: Path | None, snap: AwsSnapshot, skips: list[Skipped]) -> None:
    if state is None:
        return
    path = _state_file(state, str(snap.account), str(snap.region))
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = state / ".gitignore"
    if not ignore.exists():  # the saved describe data is not for version control
        ignore.write_text("*\n", encoding="utf-8")
    doc = {"account": snap.account, "region": snap.region, "data": snap.data, "extra": snap.extra,
           "skipped": [[s.kind, s.id, s.reason, s.source] for s in skips]}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, sort_keys=True, default=str), encoding="utf-8")
    tmp.replace(path)


def _load(state: Path, account: str, region: str) -> tuple[AwsSnapshot, list[Skipped]] | None:
    try:
        doc = json.loads(_state_file(state, account, region).read_text(encoding="utf-8"))
        snap = AwsSnapshot(region=region, account=account, data=doc["data"], extra=doc.get("extra") or {},
                           source=f"aws:{account}/{region}")
        return snap, [Skipped(*s) for s in doc.get("skipped") or []]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def import_org(opts: OrgOptions, profile: str | None = None, session: Any = None,
               bar: ProgressBar | None = None) -> OrgResult:
    """Read every active account of the organisation (see module docstring)."""
    boto3, errors = require_boto3()
    base = session or open_session(boto3, profile)
    skips: list[Skipped] = []
    caller, accounts = list_accounts(base, opts, skips)
    state = opts.state_dir
    if state is not None and not opts.resume and state.is_dir():
        import shutil

        shutil.rmtree(state, ignore_errors=True)
    sessions = _Sessions(boto3, base, caller, opts)
    out = OrgResult(result=ImportResult())
    lock = threading.Lock()
    snaps: dict[tuple[str, str], AwsSnapshot] = {}
    task_skips: dict[tuple[str, str], list[Skipped]] = {}
    done = [0, 0]  # finished, failed
    total = [len(accounts)]  # grows once each account's regions are known

    def tick(label: str, failed: bool = False) -> None:
        with lock:
            done[0] += 1
            done[1] += int(failed)
            if bar is not None:
                bar(done[0], total[0], done[1], label)

    def fail(account: str, region: str, exc: BaseException) -> None:
        if isinstance(exc, errors.ClientError):
            reason = f"{error_code(exc)}: {error_message(exc)}"
            if getattr(exc, "operation_name", "") == "AssumeRole":
                reason = f"cannot assume role {opts.role_name}: {reason}"
        elif isinstance(exc, ImportFailure):
            reason = exc.message
        else:
            reason = f"{type(exc).__name__}: {exc}"
        with lock:
            out.failures.append(TaskFailure(account, region, reason))

    def read_region(account: str, region: str) -> None:
        key = (account, region)
        if opts.resume and state is not None:
            found = _load(state, account, region)
            if found is not None:
                with lock:
                    snaps[key], task_skips[key] = found
                    out.resumed.append(key)
                tick(f"{account}/{region} (from the earlier run)")
                return
        local: list[Skipped] = []
        try:
            fetch = FetchOptions(endpoint_url=opts.endpoint_url, sleep=opts.sleep, max_attempts=opts.max_attempts,
                                 retry_mode=opts.retry_mode, on_client=opts.on_client, account=account)
            snap = fetch_region(sessions.session(account), region, lambda _m: None, local, fetch)
        except (errors.BotoCoreError, errors.ClientError, ImportFailure) as exc:
            fail(account, region, exc)
            tick(f"{account}/{region} failed", failed=True)
            return
        _save(state, snap, local)
        with lock:
            snaps[key], task_skips[key] = snap, local
            out.read.append(key)
        tick(f"{account}/{region}")

    def read_account(pool: ThreadPoolExecutor, account: str) -> list[Any]:
        try:
            regions = _regions(sessions.session(account), account, opts)
        except (errors.BotoCoreError, errors.ClientError, ImportFailure) as exc:
            fail(account, "*", exc)
            tick(f"{account} failed", failed=True)
            return []
        with lock:
            total[0] += len(regions)
        tick(f"{account}: {len(regions)} regions")
        return [pool.submit(read_region, account, region) for region in regions]

    with ThreadPoolExecutor(max_workers=max(1, opts.workers), thread_name_prefix="vpcdocs-import") as pool:
        firsts = [pool.submit(read_account, pool, a) for a in accounts]
        pending = [f for first in as_completed(firsts) for f in first.result()]
        for future in as_completed(pending):
            future.result()
    order = sorted(snaps)
    out.result = translate([snaps[k] for k in order], by_account=True)
    out.result.skipped = skips + [s for k in order for s in task_skips[k]] + out.result.skipped
    out.failures.sort(key=lambda f: (f.account, f.region))
    out.read.sort()
    out.resumed.sort()
    return out
