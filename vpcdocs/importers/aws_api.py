"""Import a live AWS account with boto3 — strictly read-only.

* Only ``Describe*``, ``Get*``, ``List*`` and ``Search*`` operations, plus ``sts:AssumeRole``
  (organisation imports): a ``before-call`` event hook on every client refuses anything else
  before a request is signed or sent.
* Throttling: botocore's ``adaptive`` retry mode (client-side rate limiting plus retries),
  and on top of it our own back-off that resumes a paginated listing from its last token.
* Paginators wherever botocore has one; calls without one are read whole, and a truncated
  answer (``AdditionalRoutesAvailable``) is reported.
* Every call that is refused (AccessDenied, UnauthorizedOperation, not supported in the
  region or by the endpoint) is listed in the skip report and the import goes on.

The data is put into :class:`AwsSnapshot` objects in describe-* shapes
(:mod:`vpcdocs.importers.aws_fetch`) and translated by
:func:`vpcdocs.importers.describe.translate`, exactly like saved JSON.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from typing import Any

from .describe import translate
from .model import AwsSnapshot, ImportFailure, ImportResult, Skipped

READ_ONLY_PREFIXES = ("Describe", "Get", "List", "Search")
# Operations allowed besides reads: (service, operation). AssumeRole only hands out credentials.
ALLOWED_WRITES = frozenset({("sts", "AssumeRole")})
THROTTLE_CODES = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown",
    "ProvisionedThroughputExceededException", "EC2ThrottledException", "BandwidthLimitExceeded",
}
DENIED_CODES = {
    "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
    "OptInRequired", "InvalidAction", "UnsupportedOperation", "AuthFailure", "OperationNotPermitted",
    "DirectConnectClientException",
}
OWN_RETRIES = 6  # on top of botocore's own attempts

Progress = Callable[[str], None]
ClientHook = Callable[[Any], None]


class ReadOnlyViolation(RuntimeError):
    """Raised by the before-call hook for any operation that could change the account."""


def refuse_writes(model: Any = None, **_kwargs: Any) -> None:
    """botocore ``before-call`` handler: let only read operations (and sts:AssumeRole) through."""
    name = getattr(model, "name", "") or ""
    service = getattr(getattr(model, "service_model", None), "service_name", "")
    if name.startswith(READ_ONLY_PREFIXES) or (service, name) in ALLOWED_WRITES:
        return
    raise ReadOnlyViolation(f"vpcdocs import is read-only: refused to call {name}")


def make_client(session: Any, service: str, region: str, endpoint_url: str | None = None, max_attempts: int = 10,
                retry_mode: str = "adaptive", on_client: ClientHook | None = None) -> Any:
    """A boto3 client with adaptive retries (client-side rate limiting) and the read-only guard.
    ``on_client`` sees every client made (instrumentation, fault injection in tests)."""
    from botocore.config import Config

    config = Config(retries={"mode": retry_mode, "total_max_attempts": max_attempts},
                    user_agent_extra="vpcdocs-import", connect_timeout=10, read_timeout=60)
    client = session.client(service, region_name=region, config=config, endpoint_url=endpoint_url)
    client.meta.events.register("before-call", refuse_writes)
    if on_client is not None:
        on_client(client)
    return client


def error_code(exc: BaseException) -> str:
    return str((getattr(exc, "response", None) or {}).get("Error", {}).get("Code", ""))


def error_message(exc: BaseException) -> str:
    return str((getattr(exc, "response", None) or {}).get("Error", {}).get("Message", "")) or str(exc)


def snake(op: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", op).lower()


class Reader:
    """Paginated, throttling-tolerant reads for one account and region."""

    def __init__(self, where: str, progress: Progress, skips: list[Skipped], sleep: Callable[[float], None] = time.sleep):
        self.where = where  # "us-east-1" or "111122223333/us-east-1"
        self.progress = progress
        self.skips = skips
        self.sleep = sleep
        self.calls = 0

    def _backoff(self, attempt: int, op: str, code: str) -> None:
        delay = min(20.0, 0.5 * (2 ** attempt)) * (0.5 + random.random() / 2)
        self.progress(f"[{self.where}] {op}: {code}, retrying in {delay:.1f}s")
        self.sleep(delay)

    def _skip(self, op: str, label: str | None, reason: str) -> None:
        self.skips.append(Skipped("api", f"{self.where} {op} {label or ''}".strip(), reason, f"aws:{self.where}"))

    def list(self, client: Any, op: str, key: str, label: str | None = None, quiet: bool = False,
             **params: Any) -> list[Any]:
        """Every item of ``key`` over all pages of ``op``; [] (and a skip entry) when refused."""
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        name = snake(op)
        items: list[Any] = []
        token = None
        attempt = 0
        while True:
            try:
                if client.can_paginate(name):
                    config: dict[str, Any] = {"StartingToken": token} if token else {}
                    pages = client.get_paginator(name).paginate(**params, PaginationConfig=config)
                    for page in pages:
                        self.calls += 1
                        items.extend(page.get(key) or [])
                        token = pages.resume_token
                else:
                    self.calls += 1
                    page = getattr(client, name)(**params)
                    items.extend(page.get(key) or [])
                    if page.get("AdditionalRoutesAvailable"):
                        self._skip(op, label, "more routes than one call returns (AdditionalRoutesAvailable); the "
                                   "rest are missing")
                break
            except ClientError as exc:
                code = error_code(exc)
                if code in THROTTLE_CODES and attempt < OWN_RETRIES:
                    attempt += 1
                    self._backoff(attempt, op, code)
                    continue
                if code in DENIED_CODES or code.startswith("InvalidParameter"):
                    self._skip(op, label, f"{code}: {error_message(exc)}".strip(": "))
                    self.progress(f"[{self.where}] {op}: {code} (skipped)")
                    return []
                raise ImportFailure(f"aws:{self.where}", "I-AWS", f"{op} failed: {code}: {error_message(exc)}") \
                    from None
            except (ReadOnlyViolation, NoCredentialsError):
                raise
            except NotImplementedError:  # an emulator (moto) without this call
                self._skip(op, label, "the endpoint does not implement this call")
                return []
            except BotoCoreError as exc:
                raise ImportFailure(f"aws:{self.where}", "I-AWS", f"{op} failed: {exc}") from None
        if not quiet:
            self.progress(f"[{self.where}] {op}{' ' + label if label else ''}: {len(items)}")
        return items


def import_aws(regions: list[str] | None = None, profile: str | None = None, vpc_ids: list[str] | None = None,
               progress: Progress | None = None, session: Any = None, endpoint_url: str | None = None,
               sleep: Callable[[float], None] = time.sleep, max_attempts: int = 10,
               retry_mode: str = "adaptive", on_client: ClientHook | None = None) -> ImportResult:
    """Read the account and translate it; raises :class:`ImportFailure` when it cannot start.

    ``max_attempts`` / ``retry_mode`` configure botocore's own retries per call; ``sleep`` is
    used for vpcdocs' back-off on top of them (tests pass a no-op)."""
    from .aws_fetch import FetchOptions, fetch_region

    boto3, errors = require_boto3()
    progress = progress or (lambda _msg: None)
    session = session or open_session(boto3, profile)
    regions = list(dict.fromkeys(regions or [])) or ([session.region_name] if session.region_name else [])
    if not regions:
        raise ImportFailure("aws", "I-REGION", "no region: pass --region (or set one in the AWS profile)")
    skips: list[Skipped] = []
    snaps: list[AwsSnapshot] = []
    options = FetchOptions(endpoint_url=endpoint_url, vpc_ids=set(vpc_ids or ()), sleep=sleep,
                           max_attempts=max_attempts, retry_mode=retry_mode, on_client=on_client)
    for region in regions:
        progress(f"[{region}] reading")
        try:
            snaps.append(fetch_region(session, region, progress, skips, options))
        except errors.NoCredentialsError:
            raise ImportFailure("aws", "I-AUTH", "no AWS credentials found (set a profile or the AWS_* "
                                "environment variables)") from None
        except errors.BotoCoreError as exc:
            raise ImportFailure(f"aws:{region}", "I-AWS", str(exc)) from None
    result = translate(snaps, set(vpc_ids) if vpc_ids else None)
    result.skipped = skips + result.skipped
    return result


def require_boto3() -> tuple[Any, Any]:
    """(boto3, botocore.exceptions), or :class:`ImportFailure` when boto3 is not installed."""
    try:
        import boto3
        import botocore.exceptions
    except ImportError:
        raise ImportFailure("aws", "I-DEPS", "boto3 is not installed: pip install 'vpcdocs[aws]'") from None
    return boto3, botocore.exceptions


def open_session(boto3: Any, profile: str | None) -> Any:
    from botocore.exceptions import ProfileNotFound

    try:
        return boto3.Session(profile_name=profile)
    except ProfileNotFound as exc:
        raise ImportFailure("aws", "I-AUTH", str(exc)) from None
