"""Content-hash cache: a diagram is re-rendered only when what it draws changed.

The key is the sha256 of a canonical JSON serialisation of the *model slice* a diagram
draws (source locations excluded, so moving YAML around does not re-render), the renderer
version (a hash of this package's source), the output format, the Graphviz version and,
for a diff diagram, the highlight mapping (and whether its legend is drawn).
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import importlib.metadata
import ipaddress
import json
import os
from collections.abc import Mapping
from pathlib import Path

from ...fsutil import atomic_write as _atomic_write
from ...model import Topology
from .graphviz_run import graphviz_version
from .highlight import Highlighting

RENDERER_SCHEMA = "vpcdocs-diagram/1"


def canonical(value):
    """JSON-able form of model objects: dataclasses as dicts (``loc`` dropped), tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {"__type__": type(value).__name__}
        for f in dataclasses.fields(value):
            if f.name != "loc":
                out[f.name] = canonical(getattr(value, f.name))
        return out
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (ipaddress.IPv4Network, ipaddress.IPv6Network)):
        return str(value)
    return value


def vpc_slice(topology: Topology, vpc_id: str) -> dict:
    """Everything the per-VPC diagram reads."""
    peers = [topology.get("vpc", p.other_side(vpc_id) or "") or topology.get("external-vpc", p.other_side(vpc_id) or "")
             for p in topology.peerings_of(vpc_id)]
    atts = topology.attachments_of_vpc(vpc_id)
    consumed = {e.endpoint_service for e in topology.in_vpc(vpc_id, "interface-endpoint") if e.endpoint_service}
    return {
        "vpc": topology.get("vpc", vpc_id),
        "kinds": {k: topology.in_vpc(vpc_id, k) for k in (
            "subnet", "route-table", "nat-gateway", "gateway-endpoint", "interface-endpoint",
            "load-balancer", "internet-gateway")},
        "peerings": topology.peerings_of(vpc_id),
        "peers": [(p.id, p.label, p.cidrs) if p else None for p in peers],
        "attachments": atts,
        "tgws": [topology.get("transit-gateway", a.transit_gateway) for a in atts],
        "services": [s for s in topology.endpoint_services if s.vpc == vpc_id or s.id in consumed],
    }


def overview_slice(topology: Topology) -> dict:
    """Everything the overview reads (all but security groups, TGW routes and expectations)."""
    skip = {"security_groups", "tgw_route_tables", "expectations", "files"}
    return {f.name: getattr(topology, f.name) for f in dataclasses.fields(topology) if f.name not in skip}


@functools.lru_cache(maxsize=1)
def renderer_version() -> str:
    """Hash of this package's source and the pinned diagrams version: code change => re-render."""
    h = hashlib.sha256(RENDERER_SCHEMA.encode())
    try:
        h.update(importlib.metadata.version("diagrams").encode())
    except importlib.metadata.PackageNotFoundError:
        pass
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def cache_key(model_slice, fmt: str, highlight: Mapping[tuple[str, str], str] | None = None,
              legend: bool = True) -> str:
    payload = {
        "slice": canonical(model_slice),
        "renderer": renderer_version(),
        "format": fmt,
        "graphviz": graphviz_version(),
    }
    hl = Highlighting.of(highlight, legend)
    if hl is not None:  # plain diagrams keep the key they always had
        payload["highlight"] = hl.canonical()
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder + ``os.replace`` (readers never see half a file);
    see :func:`vpcdocs.fsutil.atomic_write`."""
    _atomic_write(path, data)


class DiagramCache:
    """Rendered bytes (and their warnings) under ``<dir>/<key[:2]>/<key>.<fmt>``."""

    def __init__(self, directory: str | os.PathLike):
        self.dir = Path(directory)
        self.write_errors = 0  # puts that failed (the diagrams were still drawn)

    def _path(self, key: str, fmt: str) -> Path:
        return self.dir / key[:2] / f"{key}.{fmt}"

    def get(self, key: str, fmt: str) -> tuple[bytes, list[str]] | None:
        path = self._path(key, fmt)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        warn = path.with_name(path.name + ".warnings")
        try:
            warnings = warn.read_text("utf-8").splitlines() if warn.exists() else []
        except (OSError, UnicodeError):
            warnings = []
        return data, warnings

    def put(self, key: str, fmt: str, data: bytes, warnings: list[str]) -> None:
        """Store a rendering; a cache that cannot be written (full disk, read-only) is only
        a cache: the rendering is still returned to the caller, nothing is raised."""
        path = self._path(key, fmt)
        try:
            if warnings:
                atomic_write(path.with_name(path.name + ".warnings"), "\n".join(warnings).encode("utf-8"))
            atomic_write(path, data)
        except OSError:
            self.write_errors += 1
