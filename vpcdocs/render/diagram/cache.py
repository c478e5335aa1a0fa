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
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ...fsutil import atomic_write as _atomic_write
from ...model import Topology
from .graphviz_run import graphviz_version
from .highlight import Highlighting

if TYPE_CHECKING:
    from .api import DiagramRef

RENDERER_SCHEMA = "vpcdocs-diagram/2"


_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's fields in the key (all but ``loc``)


def _plain(value: object) -> object:
    """``json`` ``default`` hook: the JSON-able form of what the encoder cannot write itself.

    Dataclasses become dicts (``__type__`` and every field but ``loc``), enums their value,
    networks and addresses their text, sets a sorted list. Lists, tuples, dicts (keys
    sorted), strings and numbers are written by the encoder itself (in C: one Python call per
    model object, not one per field)."""
    cls = type(value)
    if hasattr(cls, "__dataclass_fields__"):
        out: dict[str, object] = {"__type__": cls.__name__}
        names = _FIELDS.get(cls)
        if names is None:
            names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(value) if f.name != "loc")  # type: ignore[arg-type]
        for name in names:
            out[name] = getattr(value, name)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def canonical_json(value: object) -> str:
    """The canonical JSON text of model objects (``loc`` dropped, tuples as lists, dict keys
    sorted): equal for equal content, whatever the source locations."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)


def vpc_slice(topology: Topology, vpc_id: str) -> dict:
    """Everything the per-VPC diagram reads: the VPC's objects, its effective route tables
    (from the data plane: derived rows, propagation and blackholes included), its peers,
    transit gateways, VPN side and endpoint services."""
    from ...routing import dataplane

    dp = dataplane(topology)
    vpc = topology.get("vpc", vpc_id)
    peers = [topology.get("vpc", p.other_side(vpc_id) or "") or topology.get("external-vpc", p.other_side(vpc_id) or "")
             for p in topology.peerings_of(vpc_id)]
    atts = topology.attachments_of_vpc(vpc_id)
    consumed = {e.endpoint_service for e in topology.in_vpc(vpc_id, "interface-endpoint") if e.endpoint_service}
    vgw = vpc.vpn_gateway if vpc is not None else None
    own = {s.id for s in topology.endpoint_services if s.vpc == vpc_id}
    return {
        "vpc": vpc,
        "kinds": {k: topology.in_vpc(vpc_id, k) for k in (
            "subnet", "route-table", "nat-gateway", "gateway-endpoint", "interface-endpoint",
            "load-balancer", "internet-gateway", "egress-only-internet-gateway", "instance",
            "network-interface", "network-acl", "security-group")},
        "tables": dp.tables_of(vpc_id),
        "classes": {s.id: dp.subnet_class(s.id) for s in topology.subnets_of(vpc_id)},
        "nacls": {s.id: (dp.subnet_nacl(s.id).id if dp.subnet_nacl(s.id) else None)  # type: ignore[union-attr]
                  for s in topology.subnets_of(vpc_id)},
        "interfaces": [i for s in topology.subnets_of(vpc_id) for i in dp.interfaces_in(s.id)],
        "peerings": topology.peerings_of(vpc_id),
        "peers": [(p.id, p.label, p.cidrs, getattr(p, "region", None), p.account) if p else None for p in peers],
        "attachments": atts,
        "tgws": [topology.get("transit-gateway", a.transit_gateway) for a in atts],
        "vpn": [c for c in topology.vpn_connections if vgw and c.vpn_gateway == vgw],
        "dx": [d for d in topology.direct_connect_gateways if vgw and vgw in d.vpn_gateways],
        "vgw": topology.get("vpn-gateway", vgw) if vgw else None,
        "services": [s for s in topology.endpoint_services if s.vpc == vpc_id or s.id in consumed],
        "consumers": sorted({e.vpc for e in topology.interface_endpoints if e.endpoint_service in own}),
    }


def overview_slice(topology: Topology) -> dict:
    """Everything the overview reads (all but security groups, TGW routes and expectations)."""
    skip = {"security_groups", "tgw_route_tables", "expectations", "files"}
    return {f.name: getattr(topology, f.name) for f in dataclasses.fields(topology) if f.name not in skip}


def tgw_slice(topology: Topology, tgw_id: str) -> dict:
    """Everything a transit gateway's diagram reads: the gateway, its attachments (and their
    VPCs' names and accounts), its effective route tables (TGW-5 defaults applied)."""
    from ...routing import dataplane

    atts = topology.attachments_of_tgw(tgw_id)
    return {
        "tgw": topology.get("transit-gateway", tgw_id),
        "attachments": atts,
        "vpcs": [(v.id, v.label, v.account) for a in atts for v in [topology.get("vpc", a.vpc or "")] if v],
        "peers": [topology.get("transit-gateway", a.peer_transit_gateway or "") for a in atts],
        "tables": dataplane(topology).tgw_tables_of(tgw_id),
        "names": [(t.id, t.label) for t in topology.tgw_route_tables if t.transit_gateway == tgw_id],
    }


def diagram_slice(topology: Topology, ref: DiagramRef) -> dict:
    """The model slice a diagram (a :class:`~.api.DiagramRef`) reads: its cache key's part."""
    if ref.kind == "vpc":
        return {"vpc": vpc_slice(topology, ref.id)}
    if ref.kind == "tgw":
        return {"tgw": tgw_slice(topology, ref.id)}
    return {ref.kind: overview_slice(topology), "region": ref.id}


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


def cache_key(model_slice: object, fmt: str, highlight: Mapping[tuple[str, str], str] | None = None,
              legend: bool = True, options: Mapping[str, object] | None = None) -> str:
    payload = {
        "slice": model_slice,
        "renderer": renderer_version(),
        "format": fmt,
        "graphviz": graphviz_version(),
    }
    if options:
        payload["options"] = dict(sorted(options.items()))
    hl = Highlighting.of(highlight, legend)
    if hl is not None:  # plain diagrams keep the key they always had
        payload["highlight"] = hl.canonical()
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


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

    def has(self, key: str, fmt: str) -> bool:
        return self._path(key, fmt).is_file()

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
