"""Lint findings for the parts of a spec that loaded cleanly, reported in the same run as
the loader's errors elsewhere.

The lint catalogue needs a complete model, so after loader errors it runs only when those
errors are *local*: values, types, unknown or missing keys, each inside one VPC's entry.
Then the VPCs holding an error are left out: a finding is kept only when every VPC it is
about loaded without error. Errors that make the model incomplete as a whole — a file that
could not be read, unknown references, duplicate ids, a missing region — leave the lint for
the next run, after they are fixed. Flows declared under ``expect:`` always wait for a
clean load (a path crosses VPCs)."""

from __future__ import annotations

import os

from ..diagnostics import Diagnostic, Severity
from ..spec import LoadResult

LOCAL_CODES = frozenset({"S-VALUE", "S-REQUIRED", "S-UNKNOWN-KEY", "S-TYPE", "S-DUP-KEY", "S-CIDR",
                         "S-CIDR-ALIGN"})


def tainted_vpcs(result: LoadResult) -> set[str] | None:
    """Ids of the VPCs whose entries hold a loader error, or None when an error is not local
    to one VPC (then nothing can be linted)."""
    tainted: set[str] = set()
    for d in result.errors:
        if d.code not in LOCAL_CODES or not d.location.line:
            return None
        inside = [vid for file, first, last, vid in result.vpc_spans
                  if file == d.location.file and first <= d.location.line <= last]
        if not inside:
            return None
        tainted.update(inside)
    return tainted


def _vpcs_of(result: LoadResult, resource: str | None) -> set[str] | None:
    """The VPCs a finding is about (None: cannot tell)."""
    if not resource:
        return None
    topo = result.topology
    for kind, item in topo.find(resource):
        if kind == "vpc":
            return {item.id}
        if kind == "peering":
            return {str(getattr(item, "requester", "")), str(getattr(item, "accepter", ""))}
        vpc = getattr(item, "vpc", None)
        if isinstance(vpc, str) and vpc:
            return {vpc}
    return None


def partial_findings(result: LoadResult) -> list[Diagnostic]:
    """Lint findings (errors, warnings, info) about VPCs without loader errors, when the
    loader's errors are all local to VPC entries; else none."""
    if result.ok:
        return []
    tainted = tainted_vpcs(result)
    if tainted is None or not result.topology.vpcs:
        return []
    from ..analysis.lint import run_lint

    try:
        findings = run_lint(result.topology)
    except Exception:  # noqa: BLE001 - best effort on a partial model; the full lint runs once it loads
        if os.environ.get("VPCDOCS_DEBUG"):
            raise
        return []
    kept = []
    for d in findings:
        vpcs = _vpcs_of(result, d.resource)
        if vpcs and not (vpcs & tainted) and d.severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            kept.append(d)
    return kept
