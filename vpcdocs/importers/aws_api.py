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

import time
from collections.abc import Callable
from typing import Any

from .aws_client import (  # noqa: F401  (re-exported: the importer's public names)
    ALLOWED_WRITES,
    DENIED_CODES,
    OWN_RETRIES,
    READ_ONLY_PREFIXES,
    THROTTLE_CODES,
    ClientHook,
    Progress,
    Reader,
    ReadOnlyViolation,
    error_code,
    error_message,
    make_client,
    refuse_writes,
    snake,
)
from .describe import translate
from .model import AwsSnapshot, ImportFailure, ImportResult, Skipped


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
