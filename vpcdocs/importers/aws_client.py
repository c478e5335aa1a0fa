"""The boto3 side of the live importer: read-only clients, retries and paginated reads.

Every client refuses any operation but Describe/Get/List/Search (and sts:AssumeRole) before it
is sent; throttling is retried with back-off; a refused read becomes a skip entry.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from typing import Any

from .model import ImportFailure, Skipped

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
