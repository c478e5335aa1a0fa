"""Import a live AWS account with boto3 — strictly read-only.

* Only ``Describe*``, ``Get*``, ``List*`` and ``Search*`` operations: a ``before-call`` event
  hook on every client refuses anything else before a request is signed or sent.
* Throttling: botocore's ``adaptive`` retry mode (client-side rate limiting plus retries),
  and on top of it our own back-off that resumes a paginated listing from its last token.
* Paginators wherever botocore has one; ``search_transit_gateway_routes`` (no paginator) is
  read per route table and a truncated answer is reported.
* Progress goes to the ``progress`` callback (stderr on the command line); every call that
  is refused (AccessDenied, UnauthorizedOperation, not supported in the region) is listed in
  the skip report and the import goes on.

The data is put into :class:`AwsSnapshot` objects in describe-* shapes and translated by
:func:`vpcdocs.importers.describe_to_spec.translate`, exactly like saved JSON.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from .describe_to_spec import translate
from .model import AwsSnapshot, ImportFailure, ImportResult, Skipped

READ_ONLY_PREFIXES = ("Describe", "Get", "List", "Search")
THROTTLE_CODES = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown",
    "ProvisionedThroughputExceededException", "EC2ThrottledException", "BandwidthLimitExceeded",
}
DENIED_CODES = {
    "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedException",
    "OptInRequired", "InvalidAction", "UnsupportedOperation", "AuthFailure", "OperationNotPermitted",
}
OWN_RETRIES = 6  # on top of botocore's own attempts


class ReadOnlyViolation(RuntimeError):
    """Raised by the before-call hook for any operation that could change the account."""


def refuse_writes(model=None, **_kwargs) -> None:
    """botocore ``before-call`` handler: let only read operations through."""
    name = getattr(model, "name", "") or ""
    if not name.startswith(READ_ONLY_PREFIXES):
        raise ReadOnlyViolation(f"vpcdocs import is read-only: refused to call {name}")


def make_client(session, service: str, region: str, endpoint_url: str | None = None, max_attempts: int = 10,
                retry_mode: str = "adaptive"):
    """A boto3 client with adaptive retries (client-side rate limiting) and the read-only guard."""
    from botocore.config import Config

    config = Config(retries={"mode": retry_mode, "total_max_attempts": max_attempts},
                    user_agent_extra="vpcdocs-import", connect_timeout=10, read_timeout=60)
    client = session.client(service, region_name=region, config=config, endpoint_url=endpoint_url)
    client.meta.events.register("before-call", refuse_writes)
    return client


def _error_code(exc) -> str:
    return str((getattr(exc, "response", None) or {}).get("Error", {}).get("Code", ""))


class _Reader:
    def __init__(self, region: str, progress: Callable[[str], None], skips: list[Skipped],
                 sleep: Callable[[float], None] = time.sleep):
        self.region = region
        self.progress = progress
        self.skips = skips
        self.sleep = sleep
        self.calls = 0

    def _backoff(self, attempt: int, op: str, code: str) -> None:
        delay = min(20.0, 0.5 * (2 ** attempt)) * (0.5 + random.random() / 2)
        self.progress(f"[{self.region}] {op}: {code}, retrying in {delay:.1f}s")
        self.sleep(delay)

    def list(self, client, op: str, key: str, label: str | None = None, quiet: bool = False, **params) -> list:
        """Every item of ``key`` over all pages of ``op``; [] (and a skip entry) when refused."""
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        name = _snake(op)
        items: list = []
        token = None
        attempt = 0
        while True:
            try:
                if client.can_paginate(name):
                    config = {"StartingToken": token} if token else {}
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
                        self.skips.append(Skipped("api", f"{self.region} {op} {label or ''}".strip(),
                                                  "more routes than one call returns (AdditionalRoutesAvailable); "
                                                  "the rest are missing", f"aws:{self.region}"))
                break
            except ClientError as exc:
                code = _error_code(exc)
                if code in THROTTLE_CODES and attempt < OWN_RETRIES:
                    attempt += 1
                    self._backoff(attempt, op, code)
                    continue
                if code in DENIED_CODES or code.startswith("InvalidParameter"):
                    message = (getattr(exc, "response", {}) or {}).get("Error", {}).get("Message", "")
                    self.skips.append(Skipped("api", f"{self.region} {op} {label or ''}".strip(),
                                              f"{code}: {message}".strip(": "), f"aws:{self.region}"))
                    self.progress(f"[{self.region}] {op}: {code} (skipped)")
                    return []
                raise ImportFailure(f"aws:{self.region}", "I-AWS", f"{op} failed: {code}: {exc}") from None
            except ReadOnlyViolation:
                raise
            except NoCredentialsError:
                raise
            except BotoCoreError as exc:
                raise ImportFailure(f"aws:{self.region}", "I-AWS", f"{op} failed: {exc}") from None
        if not quiet:
            self.progress(f"[{self.region}] {op}{' ' + label if label else ''}: {len(items)}")
        return items


def _snake(op: str) -> str:
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", op).lower()


def fetch_region(session, region: str, progress: Callable[[str], None], skips: list[Skipped],
                 endpoint_url: str | None = None, vpc_ids: set[str] | None = None,
                 sleep: Callable[[float], None] = time.sleep, max_attempts: int = 10,
                 retry_mode: str = "adaptive") -> AwsSnapshot:
    """Everything vpcdocs imports from one region, as describe-* shaped lists."""
    ec2 = make_client(session, "ec2", region, endpoint_url, max_attempts, retry_mode)
    elbv2 = make_client(session, "elbv2", region, endpoint_url, max_attempts, retry_mode)
    r = _Reader(region, progress, skips, sleep)
    snap = AwsSnapshot(region=region, source=f"aws:{region}")
    d = snap.data
    d["Vpcs"] = r.list(ec2, "DescribeVpcs", "Vpcs")
    attrs: dict[str, dict] = {}
    for vpc in d["Vpcs"]:
        vid = vpc.get("VpcId")
        if vpc_ids and vid not in vpc_ids:
            continue
        attrs[vid] = {}
        for attribute, key in (("enableDnsSupport", "EnableDnsSupport"), ("enableDnsHostnames", "EnableDnsHostnames")):
            try:
                answer = ec2.describe_vpc_attribute(VpcId=vid, Attribute=attribute)
                r.calls += 1
                attrs[vid][key] = (answer.get(key) or {}).get("Value")
            except Exception as exc:  # noqa: BLE001 - optional detail; reported, never fatal
                skips.append(Skipped("api", f"{region} DescribeVpcAttribute {vid} {attribute}",
                                     f"{_error_code(exc) or type(exc).__name__}: DNS attribute left at its default",
                                     f"aws:{region}"))
    snap.extra["VpcAttributes"] = attrs
    for op, key in (
        ("DescribeSubnets", "Subnets"),
        ("DescribeRouteTables", "RouteTables"),
        ("DescribeInternetGateways", "InternetGateways"),
        ("DescribeNatGateways", "NatGateways"),
        ("DescribeVpcPeeringConnections", "VpcPeeringConnections"),
        ("DescribeVpcEndpoints", "VpcEndpoints"),
        ("DescribeSecurityGroups", "SecurityGroups"),
        ("DescribePrefixLists", "PrefixLists"),
        ("DescribeVpcEndpointServiceConfigurations", "ServiceConfigurations"),
        ("DescribeTransitGateways", "TransitGateways"),
        ("DescribeTransitGatewayAttachments", "TransitGatewayAttachments"),
        ("DescribeTransitGatewayVpcAttachments", "TransitGatewayVpcAttachments"),
        ("DescribeTransitGatewayPeeringAttachments", "TransitGatewayPeeringAttachments"),
        ("DescribeTransitGatewayRouteTables", "TransitGatewayRouteTables"),
        ("DescribeVpnConnections", "VpnConnections"),
    ):
        d[key] = r.list(ec2, op, key)
    d["ServicePermissions"] = [
        {"ServiceId": s["ServiceId"],
         "AllowedPrincipals": r.list(ec2, "DescribeVpcEndpointServicePermissions", "AllowedPrincipals",
                                     label=s["ServiceId"], ServiceId=s["ServiceId"])}
        for s in d["ServiceConfigurations"] if s.get("ServiceId")]
    assoc, props, routes = [], [], []
    for table in d["TransitGatewayRouteTables"]:
        rid = table.get("TransitGatewayRouteTableId")
        if not rid or str(table.get("State", "")).lower() in ("deleted", "deleting"):
            continue
        assoc.append({"TransitGatewayRouteTableId": rid, "Associations": r.list(
            ec2, "GetTransitGatewayRouteTableAssociations", "Associations", label=rid,
            TransitGatewayRouteTableId=rid)})
        props.append({"TransitGatewayRouteTableId": rid, "TransitGatewayRouteTablePropagations": r.list(
            ec2, "GetTransitGatewayRouteTablePropagations", "TransitGatewayRouteTablePropagations", label=rid,
            TransitGatewayRouteTableId=rid)})
        routes.append({"TransitGatewayRouteTableId": rid, "Routes": r.list(
            ec2, "SearchTransitGatewayRoutes", "Routes", label=rid, TransitGatewayRouteTableId=rid,
            Filters=[{"Name": "state", "Values": ["active", "blackhole"]}])})
    d["TransitGatewayAssociations"] = assoc
    d["TransitGatewayPropagations"] = props
    d["TransitGatewayStaticRoutes"] = routes
    d["LoadBalancers"] = r.list(elbv2, "DescribeLoadBalancers", "LoadBalancers")
    listeners, attributes = [], []
    for lb in d["LoadBalancers"]:
        arn = lb["LoadBalancerArn"]
        if vpc_ids and lb.get("VpcId") not in vpc_ids:
            continue
        listeners += r.list(elbv2, "DescribeListeners", "Listeners", label=lb.get("LoadBalancerName"),
                            LoadBalancerArn=arn)
        attributes.append({"LoadBalancerArn": arn, "Attributes": r.list(
            elbv2, "DescribeLoadBalancerAttributes", "Attributes", label=lb.get("LoadBalancerName"), quiet=True,
            LoadBalancerArn=arn)})
    d["Listeners"] = listeners
    d["LoadBalancerAttributes"] = attributes
    d["TargetGroups"] = r.list(elbv2, "DescribeTargetGroups", "TargetGroups")
    health = []
    for tg in d["TargetGroups"]:
        if str(tg.get("TargetType", "")).lower() == "alb":  # the ALB behind an NLB (EPS-5)
            health.append({"TargetGroupArn": tg["TargetGroupArn"], "TargetHealthDescriptions": r.list(
                elbv2, "DescribeTargetHealth", "TargetHealthDescriptions", label=tg.get("TargetGroupName"),
                TargetGroupArn=tg["TargetGroupArn"])})
    d["TargetHealth"] = health
    progress(f"[{region}] done: {r.calls} API calls")
    return snap


def import_aws(regions: list[str] | None = None, profile: str | None = None, vpc_ids: list[str] | None = None,
               progress: Callable[[str], None] | None = None, session=None, endpoint_url: str | None = None,
               sleep: Callable[[float], None] = time.sleep, max_attempts: int = 10,
               retry_mode: str = "adaptive") -> ImportResult:
    """Read the account and translate it; raises :class:`ImportFailure` when it cannot start.

    ``max_attempts`` / ``retry_mode`` configure botocore's own retries per call; ``sleep`` is
    used for vpcdocs' back-off on top of them (tests pass a no-op)."""
    try:
        import boto3
        from botocore.exceptions import BotoCoreError, NoCredentialsError, ProfileNotFound
    except ImportError:
        raise ImportFailure("aws", "I-DEPS", "boto3 is not installed: pip install 'vpcdocs[aws]'") from None
    progress = progress or (lambda _msg: None)
    try:
        session = session or boto3.Session(profile_name=profile)
    except ProfileNotFound as exc:
        raise ImportFailure("aws", "I-AUTH", str(exc)) from None
    regions = list(dict.fromkeys(regions or [])) or ([session.region_name] if session.region_name else [])
    if not regions:
        raise ImportFailure("aws", "I-REGION", "no region: pass --region (or set one in the AWS profile)")
    skips: list[Skipped] = []
    snaps = []
    for region in regions:
        progress(f"[{region}] reading")
        try:
            snaps.append(fetch_region(session, region, progress, skips, endpoint_url, set(vpc_ids or ()), sleep,
                                      max_attempts, retry_mode))
        except NoCredentialsError:
            raise ImportFailure("aws", "I-AUTH", "no AWS credentials found (set a profile or the AWS_* "
                                "environment variables)") from None
        except BotoCoreError as exc:
            raise ImportFailure(f"aws:{region}", "I-AWS", str(exc)) from None
    result = translate(snaps, set(vpc_ids) if vpc_ids else None)
    result.skipped = skips + result.skipped
    return result
