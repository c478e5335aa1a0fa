"""Spec ids from AWS names, and the small text helpers every translator uses.

Ids come from ``Name`` tags (or a fallback such as the resource's own name), made safe —
lower case, ``[a-z0-9-]``, at most 63 characters — and unique per namespace whatever the
input order: a name wanted by several resources gets a suffix from each one's AWS id, so
adding a resource never renames the others unless it takes the same name.
"""

from __future__ import annotations

import ipaddress
import re
from collections import defaultdict
from typing import Any

PLACEHOLDER_PREFIX = "tf:"  # ids of Terraform resources not yet created
ACCOUNT_RE = re.compile(r"^\d{12}$")


def sanitize(text: object) -> str:
    """A readable spec id from a Name tag: lowercase, [a-z0-9-], at most 63 characters."""
    out = re.sub(r"[^a-z0-9]+", "-", str(text).strip().lower()).strip("-")
    return out[:63].rstrip("-")


def tag_dict(item: dict[str, Any]) -> dict[str, str]:
    """The ``Tags`` of a describe item (list of Key/Value, or a plain mapping), sorted by key."""
    tags = item.get("Tags") or item.get("TagSet") or []  # describe-network-interfaces says TagSet
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in sorted(tags.items())}
    out = {}
    for tag in tags:
        if isinstance(tag, dict) and "Key" in tag:
            out[str(tag["Key"])] = str(tag.get("Value", ""))
    return dict(sorted(out.items()))


def lower(value: object) -> str:
    return str(value or "").lower()


def state_of(item: dict[str, Any], default: str) -> str:
    """``State`` as lower-case text, whether AWS gave ``"available"``, ``{"Name": "running"}``
    (instances) or ``{"Code": "active"}`` (peerings)."""
    state = item.get("State")
    if isinstance(state, dict):
        state = state.get("Name") or state.get("Code")
    return lower(state) or default


def is_placeholder(aws_id: object) -> bool:
    return bool(aws_id) and str(aws_id).startswith(PLACEHOLDER_PREFIX)


def account_of(value: object) -> str | None:
    """A 12-digit account id as text, else None."""
    text = str(value) if value is not None else ""
    return text if ACCOUNT_RE.match(text) else None


def region_of_az(az: object) -> str | None:
    if isinstance(az, str) and re.fullmatch(r"[a-z]{2}(-gov)?-[a-z]+-\d[a-z]", az):
        return az[:-1]
    return None


def region_of_arn(arn: object) -> str | None:
    if isinstance(arn, str) and arn.startswith("arn:"):
        parts = arn.split(":")
        if len(parts) > 4 and parts[3]:
            return parts[3]
    return None


def service_short(service_name: str, region: str | None) -> str:
    """``com.amazonaws.us-east-1.s3`` → ``s3`` in its own region; the full name otherwise."""
    m = re.fullmatch(r"com\.amazonaws\.([a-z0-9-]+)\.(.+)", service_name or "")
    if m and (region is None or m.group(1) == region) and not m.group(1).startswith("vpce"):
        return m.group(2)
    return service_name


def net(text: object) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """The network ``text`` names (host bits allowed), or None."""
    try:
        return ipaddress.ip_network(str(text), strict=False)
    except ValueError:
        return None


def addr(text: object) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(str(text))
    except ValueError:
        return None


def cidr_key(text: str) -> tuple[int, Any, str]:
    """Sort key: IPv4 before IPv6, then by address; unparsable text last."""
    n = net(text)
    return (n.version, n, "") if n is not None else (9, 0, text)


def sorted_cidrs(cidrs: Any) -> list[str]:
    return sorted(dict.fromkeys(c for c in cidrs if isinstance(c, str)), key=cidr_key)


def common(item: dict[str, Any], aws_id: str | None, spec_id: str | None, description: str | None = None) -> dict[str, Any]:
    """``name`` / ``description`` / ``aws_id`` of a spec object; tags are appended by :func:`finish`."""
    out: dict[str, Any] = {}
    name = tag_dict(item).get("Name")
    if name and name != spec_id:
        out["name"] = name
    if description:
        out["description"] = description
    if aws_id and not is_placeholder(aws_id):
        out["aws_id"] = aws_id
    return out


def finish(out: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """``out`` with the item's tags (other than Name) appended."""
    tags = {k: v for k, v in tag_dict(item).items() if k != "Name"}
    if tags:
        out["tags"] = tags
    return out


class Namer:
    """Spec ids from Name tags: sanitised, unique per namespace, independent of input order."""

    def __init__(self) -> None:
        self.wanted: dict[str, dict[str, str]] = defaultdict(dict)
        self.final: dict[tuple[str, str], str] = {}

    def want(self, ns: str, aws_id: str, item: dict[str, Any] | None = None, fallback: str | None = None) -> str:
        name = ""
        if item is not None:
            name = sanitize(tag_dict(item).get("Name", "")) or sanitize(str(item.get("_vpcdocs_name") or ""))
        name = name or sanitize(fallback or "") or sanitize(aws_id) or "unnamed"
        self.wanted[ns][aws_id] = name
        return name

    def resolve(self) -> None:
        for ns, wants in self.wanted.items():
            by_name: dict[str, list[str]] = defaultdict(list)
            for aws_id, name in wants.items():
                by_name[name].append(aws_id)
            taken = {name for name, ids in by_name.items() if len(ids) == 1}
            for name, ids in by_name.items():
                if len(ids) == 1:
                    self.final[(ns, ids[0])] = name
            for name in sorted(n for n, ids in by_name.items() if len(ids) > 1):
                for aws_id in sorted(by_name[name]):
                    tail = sanitize(aws_id).rsplit("-", 1)[-1][-8:]
                    for candidate in (f"{name}-{tail}", f"{name}-{sanitize(aws_id)}", sanitize(aws_id)):
                        if candidate and candidate not in taken and candidate not in by_name:
                            break
                    else:
                        n = 2
                        while f"{name}-{n}" in taken or f"{name}-{n}" in by_name:
                            n += 1
                        candidate = f"{name}-{n}"
                    taken.add(candidate)
                    self.final[(ns, aws_id)] = candidate

    def get(self, ns: str, aws_id: str | None) -> str | None:
        if aws_id is None:
            return None
        return self.final.get((ns, aws_id))

    def fix(self, ns: str, aws_id: str, name: str) -> None:
        """Name an object added after :meth:`resolve` (an inferred endpoint)."""
        self.wanted[ns][aws_id] = name
        self.final[(ns, aws_id)] = name
