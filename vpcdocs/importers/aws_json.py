"""Import saved ``aws ec2 describe-*`` / ``aws elbv2 describe-*`` / boto3 JSON outputs.

For users who will not hand the tool credentials. Files are recognised by their content
(the list key of the response: ``Vpcs``, ``RouteTables`` …), not by their names, so all of
these work:

* plain CLI output, any file names (``ec2-describe-vpcs.json``, ``describe-vpcs.json``, …);
* boto3 / placebo recordings wrapped as ``{"status_code": 200, "data": {...}}``; several
  pages of the same call (``ec2.DescribeRouteTables_1.json``, ``_2`` …) are merged;
* Batfish snapshots: ``aws_configs/<region>/Vpcs.json`` …, ``aws_configs/accounts/<account>/
  <region>/…`` and flat ``aws_configs/*.json``, including Batfish's own
  ``TransitGatewayStaticRoutes.json`` / ``TransitGatewayPropagations.json`` (one entry per TGW
  route table) and its load-balancer files;
* ``get-managed-prefix-list-entries`` output (``{"Entries": [...]}``) saved in a file whose
  name holds the list's id (``entries-pl-0a1b2c3d.json``), or the per-list wrapper
  ``{"ManagedPrefixListEntries": [{"PrefixListId": …, "Entries": [...]}]}``.

Each folder holding JSON files is one snapshot; its region comes from the folder name when
it is one (``us-west-2``), else from ARNs and availability zones inside; its account from an
``accounts/<12 digits>/`` folder, else from the resources' ``OwnerId``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from .describe import translate
from .model import AwsSnapshot, ImportFailure, ImportResult

REGION_RE = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$")
ACCOUNT_RE = re.compile(r"^\d{12}$")
MAX_JSON_BYTES = 512 * 1024 * 1024

# Batfish file keys that differ from the AWS response keys.
ALIASES = {
    "LoadBalancerTargetHealth": "TargetHealth",
}
# Responses whose items cannot be placed without the id of the object they were asked for.
CONTEXTLESS = {
    "Associations": "get-transit-gateway-route-table-associations output does not name its route table; "
                    "save it as Batfish-style TransitGatewayAssociations or use describe-transit-gateway-attachments",
    "TransitGatewayRouteTablePropagations": "the output does not name its route table; use Batfish's "
                                            "TransitGatewayPropagations.json layout",
    "Routes": "search-transit-gateway-routes output does not name its route table; use Batfish's "
              "TransitGatewayStaticRoutes.json layout",
    "TargetHealthDescriptions": "describe-target-health output does not name its target group; use Batfish's "
                                "LoadBalancerTargetHealth.json layout",
    "Attributes": "describe-*-attributes output does not name its resource",
}
IGNORED_KEYS = {"ResponseMetadata", "NextToken", "NextMarker", "AdditionalRoutesAvailable", "nextToken"}
PREFIX_LIST_ID = re.compile(r"pl-[0-9a-f]{8,17}")
MAX_INT_DIGITS = 4000  # below Python's int/str conversion limit (4,300 digits)


class _HugeInteger(ValueError):
    def __init__(self, digits: str):
        super().__init__(digits)
        self.digits = digits


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _HugeInteger(text)
    return int(text)


def _locate(text: str, needle: str) -> str:
    """``line L column C`` of ``needle`` in ``text``."""
    at = max(text.find(needle), 0)
    line = text.count("\n", 0, at) + 1
    return f"line {line} column {at - (text.rfind(chr(10), 0, at) + 1) + 1}"


def _unwrap(doc: Any) -> Any:
    """Placebo / botocore recordings: ``{"status_code": …, "data": {...}}`` → the response."""
    if isinstance(doc, dict) and "data" in doc and "status_code" in doc and isinstance(doc["data"], dict):
        return doc["data"]
    return doc


def read_json(path: Path, display: str) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise ImportFailure(display, "I-IO", f"file is too large ({size} bytes)")
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(display, "I-IO", f"cannot read file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailure(display, "I-JSON", "not UTF-8 text (is it a binary file?)") from None
    try:
        return json.loads(text, parse_int=_parse_int)
    except _HugeInteger as exc:
        raise ImportFailure(display, "I-JSON", f"integer with {len(exc.digits.lstrip('-'))} digits at "
                            f"{_locate(text, exc.digits)}: no AWS field holds a number that large") from None
    except json.JSONDecodeError as exc:
        raise ImportFailure(display, "I-JSON", f"invalid JSON at line {exc.lineno} column {exc.colno}: "
                            f"{exc.msg}") from None
    except RecursionError:
        raise ImportFailure(display, "I-JSON", "JSON nested too deeply") from None


def _snapshot_meta(folder: Path, root: Path) -> tuple[str | None, str | None]:
    parts = folder.relative_to(root).parts if folder != root else ()
    parts = (root.name, *parts)
    region = next((p for p in reversed(parts) if REGION_RE.match(p)), None)
    account = None
    for i, p in enumerate(parts[:-1]):
        if p == "accounts" and ACCOUNT_RE.match(parts[i + 1]):
            account = parts[i + 1]
    return region, account


def add_document(snap: AwsSnapshot, doc: Any, display: str, result: ImportResult) -> None:
    """Put one (unwrapped) response document into the snapshot."""
    doc = _unwrap(doc)
    if not isinstance(doc, dict):
        result.skip("file", display, "not a describe-* response (expected a JSON object with a list such as "
                    "'Vpcs')")
        return
    used = False
    for key, value in doc.items():
        if key in IGNORED_KEYS:
            continue
        key = ALIASES.get(key, key)
        if key == "LoadBalancerListeners" and isinstance(value, list):  # Batfish: per-LB wrappers
            value = [li for entry in value if isinstance(entry, dict)
                     for li in (entry.get("Listeners") or [entry])]
            key = "Listeners"
        if key == "Entries" and isinstance(value, list):  # get-managed-prefix-list-entries
            found = PREFIX_LIST_ID.search(Path(display).name)
            if found is None:
                result.skip("file", display, "get-managed-prefix-list-entries output does not name its prefix list: "
                            "put the list's id in the file name (entries-pl-0a1b2c3d.json)")
            else:
                snap.data.setdefault("ManagedPrefixListEntries", []).append(
                    {"PrefixListId": found.group(0), "Entries": value})
            used = True
            continue
        if key in CONTEXTLESS:
            result.skip("file", display, CONTEXTLESS[key])
            used = True
            continue
        if isinstance(value, list):
            snap.data.setdefault(key, []).extend(value)
            used = True
    if not used:
        result.skip("file", display, "no describe-* list found in it")


def load_path(path: str | os.PathLike, region: str | None = None) -> tuple[list[AwsSnapshot], ImportResult,
                                                                            list[ImportFailure]]:
    """Snapshots from a folder (or one file) of saved outputs, the pre-translation skip report, and
    the files that could not be read at all."""
    root = Path(path)
    result = ImportResult()
    failures: list[ImportFailure] = []
    if not root.exists():
        failures.append(ImportFailure(str(path), "I-IO", "no such file or folder"))
        return [], result, failures
    if root.is_file():
        files = [root]
        base = root.parent
    else:
        files = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                p = Path(dirpath) / name
                if name.lower().endswith(".json"):
                    files.append(p)
                else:
                    result.skip("file", p.relative_to(root).as_posix(), "not a .json file")
        base = root
    snaps: dict[Path, AwsSnapshot] = {}
    for p in sorted(files):
        folder = p.parent
        display = p.as_posix() if root.is_file() else f"{root.as_posix().rstrip('/')}/{p.relative_to(root).as_posix()}"
        try:
            doc = read_json(p, display)
        except ImportFailure as exc:
            failures.append(exc)
            continue
        if folder not in snaps:
            reg, acct = _snapshot_meta(folder, base) if not root.is_file() else (None, None)
            rel = folder.relative_to(base).as_posix() if folder != base else "."
            snaps[folder] = AwsSnapshot(region=reg, account=acct, source=rel,
                                        extra={"default_region": region} if region else {})
        add_document(snaps[folder], doc, display, result)
    return [snaps[k] for k in sorted(snaps)], result, failures


def import_json(path: str | os.PathLike, region: str | None = None,
                vpc_filter: set[str] | None = None) -> tuple[ImportResult, list[ImportFailure]]:
    """Translate saved outputs to spec files. Failures are unreadable files; the result still
    holds everything the readable files gave."""
    snaps, pre, failures = load_path(path, region)
    result = translate(snaps, vpc_filter)
    result.skipped = pre.skipped + result.skipped
    return result, failures
