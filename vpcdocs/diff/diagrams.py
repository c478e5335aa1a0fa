"""Diff diagrams: the overview and each changed VPC, with what changed highlighted.

How: the diagram package (:mod:`vpcdocs.render.diagram`) draws a *union* topology — the head
plus every object the head removed (kept as a ghost) — and its DOT source is restyled by
Graphviz id before layout. Ids come from spec ids (:mod:`vpcdocs.render.diagram.ids`:
``<tag>_<escaped spec id>[_Z<escaped part>…]``, clusters ``cluster_<tag>_…``), so the tag
tells the kind and the first part the spec id:

* added elements green, removed ones red and dashed, changed ones amber (nodes get a frame,
  clusters their border, edges touching a ghost or new node their colour);
* every highlighted SVG group also gets a class ``diff-added`` / ``diff-removed`` /
  ``diff-changed`` (tools and tests find them by element id);
* a legend node explains the colours.

VPCs with no change are not re-rendered. A diagram that cannot be drawn is left out with a
note in the report, never a traceback.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path

from ..fsutil import atomic_write
from ..model import KINDS, Topology
from .report import DiagramFile, DiffReport

COLORS = {"added": "#1E8E3E", "removed": "#D13212", "changed": "#E07B00"}

# diagram id tag → model kind(s) of the spec id in the first part
TAG_KINDS: dict[str, tuple[str, ...]] = {
    "vpc": ("vpc",), "peer": ("vpc", "external-vpc"),
    "sn": ("subnet",), "subnet": ("subnet",),
    "nat": ("nat-gateway",), "igw": ("internet-gateway",),
    "gwe": ("gateway-endpoint",), "eni": ("interface-endpoint",), "ife": ("interface-endpoint",),
    "edgepl": ("interface-endpoint",), "eps": ("endpoint-service",), "lb": ("load-balancer",),
    "pcx": ("peering",), "edgepcx": ("peering",), "tgw": ("transit-gateway",),
    "tgweni": ("tgw-attachment",), "edgeatt": ("tgw-attachment",),
}


def union_topology(base: Topology, head: Topology) -> Topology:
    """The head plus every object of the base the head no longer has (the ghosts)."""
    fields = {}
    for attr in KINDS.values():
        items = {i.id: i for i in getattr(head, attr)}
        for item in getattr(base, attr):
            items.setdefault(item.id, item)
        fields[attr] = tuple(items[k] for k in sorted(items))
    return dataclasses.replace(head, **fields)


def change_map(report: DiffReport, base: Topology, head: Topology) -> dict[tuple[str, str], str]:
    """(kind, spec id) → added / removed / changed, from the resource and route diffs."""
    out = {(r.kind, r.id): r.change for r in report.resources}
    for t in report.routes:  # a table whose rows or associations changed marks its subnets' chips
        if t.kind != "vpc":
            continue
        out.setdefault(("route-table", t.table), "changed" if t.change == "changed" else t.change)
        subnets = set(t.associations_added) | set(t.associations_removed)
        for topo in (base, head):
            subnets |= {s.id for s in topo.subnets if (topo.route_table_of_subnet(s.id) or s).id == t.table}
        for sid in subnets:
            out.setdefault(("route-chip", sid), "changed")
    return out


def parse_gv_id(gid: str) -> tuple[str, list[str]] | None:
    """``cluster_sn_a_2dprivate`` → ("sn", ["a-private"]); None for ids not made from spec ids."""
    from ..render.diagram.ids import unescape_id

    name = gid.removeprefix("cluster_")
    tag, sep, rest = name.partition("_")
    if not sep or not tag.isalpha():
        return None
    try:
        return tag, [unescape_id(p) for p in rest.split("_Z")]
    except (UnicodeDecodeError, ValueError):
        return None


def status_of(gid: str, changes: Mapping[tuple[str, str], str], topology: Topology) -> str | None:
    parsed = parse_gv_id(gid)
    if parsed is None:
        return None
    tag, parts = parsed
    if tag == "subnet":  # the route-table chip inside a subnet box
        if ("subnet", parts[0]) in changes and changes[("subnet", parts[0])] != "changed":
            return None  # the subnet box itself carries added/removed
        return changes.get(("route-chip", parts[0]))
    if tag == "legend":  # the route-table legend of a VPC
        vpc = parts[0]
        if changes.get(("vpc", vpc)) in ("added", "removed"):
            return changes[("vpc", vpc)]
        if any(k == "route-table" and topology.get("route-table", i) is not None
               and topology.get("route-table", i).vpc == vpc for (k, i) in changes):
            return "changed"
        return None
    for kind in TAG_KINDS.get(tag, ()):
        if (kind, parts[0]) in changes:
            return changes[(kind, parts[0])]
    return None


# --------------------------------------------------------------------------- DOT restyling

_STMT = re.compile(r"^(?P<indent>\s*)(?P<head>\w+(?:\s*->\s*\w+)?)\s*\[(?P<attrs>.*)\]\s*$")
_CLUSTER = re.compile(r"^\s*subgraph\s+(?P<name>cluster_\w+)\s*\{\s*$")


def _attr_pairs(attrs: str) -> dict[str, str]:
    """Top-level ``key=value`` pairs of a DOT attribute list (quoted and HTML values skipped)."""
    out: dict[str, str] = {}
    i, n = 0, len(attrs)
    while i < n:
        while i < n and attrs[i] in " \t,;":
            i += 1
        start = i
        while i < n and attrs[i] not in "= \t":
            i += 1
        key = attrs[start:i]
        if i >= n or attrs[i] != "=":
            i += 1
            continue
        i += 1
        if i < n and attrs[i] == '"':
            j = i + 1
            while j < n and attrs[j] != '"':
                j += 2 if attrs[j] == "\\" else 1
            value, i = attrs[i + 1:j], j + 1
        elif i < n and attrs[i] == "<":
            depth, j = 0, i
            while j < n:
                if attrs[j] == "<":
                    depth += 1
                elif attrs[j] == ">":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            value, i = attrs[i + 1:j], j + 1
        else:
            j = i
            while j < n and attrs[j] not in " \t,;":
                j += 1
            value, i = attrs[i:j], j
        out[key] = value
    return out


def _node_style(status: str) -> str:
    color = COLORS[status]
    style = "rounded,dashed" if status == "removed" else "rounded,bold"
    extra = f' fontcolor="{color}"' if status == "removed" else ""
    return f' shape=box style="{style}" color="{color}" penwidth=2.5 margin=0.06{extra}'


def _cluster_style(status: str) -> str:
    color = COLORS[status]
    style = "dashed" if status == "removed" else "bold"
    return f' pencolor="{color}" penwidth=3 style={style}'


def _edge_style(status: str) -> str:
    color = COLORS[status]
    style = " style=dashed" if status == "removed" else ""
    return f' color="{color}" fontcolor="{color}" penwidth=2{style}'


LEGEND_ID = "diff_legend"


def legend_node() -> str:
    cells = "".join(
        f'<TD BORDER="2" COLOR="{COLORS[k]}" CELLPADDING="4"><FONT COLOR="{COLORS[k]}" POINT-SIZE="10">'
        f"<B>{label}</B></FONT></TD>"
        for k, label in (("added", "added"), ("removed", "removed (dashed ghost)"), ("changed", "changed")))
    return (f'\t{LEGEND_ID} [id={LEGEND_ID} shape=plain label=<<TABLE BORDER="0" CELLSPACING="6">'
            f'<TR><TD><FONT POINT-SIZE="10">diff:</FONT></TD>{cells}</TR></TABLE>>]')


def restyle_dot(source: str, statuses: Mapping[str, str]) -> str:
    """``source`` with nodes, clusters and edges of ``statuses`` (Graphviz id → status)
    restyled, edges touching a removed/added node coloured, and the legend added."""
    lines = source.split("\n")
    out = []
    pending_cluster: str | None = None
    for line in lines:
        m = _CLUSTER.match(line)
        if m:
            pending_cluster = statuses.get(m.group("name"))
            out.append(line)
            continue
        m = _STMT.match(line)
        if m:
            head = m.group("head")
            attrs = _attr_pairs(m.group("attrs"))
            add = ""
            if head == "graph":
                if pending_cluster:
                    add = _cluster_style(pending_cluster)
                pending_cluster = None
            elif head in ("node", "edge"):
                pass
            elif "->" in head:
                a, b = (p.strip() for p in head.split("->"))
                if attrs.get("style") != "invis":
                    st = statuses.get(attrs.get("id", "")) or _edge_status(statuses.get(a), statuses.get(b))
                    if st:
                        add = _edge_style(st)
            else:
                st = statuses.get(attrs.get("id", head)) or statuses.get(head)
                if st:
                    add = _node_style(st)
            if add:
                line = line.rstrip()
                line = line[:-1] + add + "]"
        out.append(line)
    text = "\n".join(out)
    close = text.rstrip().rfind("}")
    return text[:close] + legend_node() + "\n" + text[close:]


def _edge_status(a: str | None, b: str | None) -> str | None:
    for status in ("removed", "added"):
        if status in (a, b):
            return status
    return None


def mark_svg(svg: str, statuses: Mapping[str, str]) -> str:
    """Add ``diff-<status>`` to the class of every SVG group whose id has a status."""
    def repl(m: re.Match) -> str:
        gid, cls = m.group(1), m.group(2)
        st = statuses.get(gid)
        return m.group(0) if not st else f'<g id="{gid}" class="{cls} diff-{st}"'
    return re.sub(r'<g id="([^"]+)" class="([^"]+)"', repl, svg)


def diagram_ids(source: str) -> set[str]:
    """Every Graphviz id in a DOT source: node names, ``id=`` values, cluster names."""
    ids = set(re.findall(r"^\s*subgraph\s+(cluster_\w+)", source, re.M))
    for line in source.split("\n"):
        m = _STMT.match(line)
        if not m:
            continue
        head = m.group("head")
        attrs = _attr_pairs(m.group("attrs"))
        if "id" in attrs:
            ids.add(attrs["id"])
        if "->" not in head and head not in ("graph", "node", "edge"):
            ids.add(head)
    return ids


# --------------------------------------------------------------------------- which diagrams


def changed_vpcs(report: DiffReport, base: Topology, head: Topology) -> list[str]:
    """VPCs whose diagram shows a change: their own resources, route tables, peerings, attachments."""
    vpcs: set[str] = set()
    for r in report.resources:
        if r.vpc:
            vpcs.add(r.vpc)
        for topo in (base, head):
            item = topo.get(r.kind, r.id)
            if item is None:
                continue
            if r.kind == "peering":
                vpcs |= {item.requester, item.accepter}
            elif r.kind == "tgw-attachment" and item.vpc:
                vpcs.add(item.vpc)
            elif r.kind == "transit-gateway":
                vpcs |= {a.vpc for a in topo.attachments_of_tgw(item.id) if a.vpc}
            elif r.kind == "endpoint-service":
                vpcs |= {e.vpc for e in topo.interface_endpoints if e.endpoint_service == item.id}
    for t in report.routes:
        if t.kind == "vpc":
            vpcs.add(t.vpc)
    known = {v.id for v in base.vpcs} | {v.id for v in head.vpcs}
    return sorted(vpcs & known)


def render_diff_diagram(union: Topology, which: str, statuses_for) -> bytes:
    """Render one diagram of ``union`` (``overview`` or a VPC id) with highlights."""
    from ..render.diagram.graphviz_run import render_with_fallback
    from ..render.diagram.overview import build_overview_dot
    from ..render.diagram.svg_embed import embed_icons
    from ..render.diagram.vpc_diagram import build_vpc_dot

    def build(opts):
        src = build_overview_dot(union, opts) if which == "overview" else build_vpc_dot(union, which, opts)
        return restyle_dot(src, statuses_for(src))

    data, source, _warnings = render_with_fallback(build, "svg")
    title = "Network overview — diff" if which == "overview" else f"VPC {union.vpc(which).label} — diff"
    svg = embed_icons(data.decode("utf-8"), title)
    return mark_svg(svg, statuses_for(source)).encode("utf-8")


def write_diff_diagrams(report: DiffReport, base: Topology, head: Topology, out_dir) -> DiffReport:
    """Write ``overview.svg`` and ``vpc-<slug>.svg`` for each changed VPC into ``out_dir``;
    return the report with the diagrams (and notes for any that could not be drawn)."""
    if report.errors:
        return dataclasses.replace(report, notes=report.notes + ("no diff diagrams: the specs do not load",))
    if not (report.resources or report.routes):
        return report
    union = union_topology(base, head)
    changes = change_map(report, base, head)
    vpcs = changed_vpcs(report, base, head)
    # the overview shows VPCs as boxes: one whose inside changed is amber there
    overview_changes = dict(changes)
    for v in vpcs:
        overview_changes.setdefault(("vpc", v), "changed")

    def statuses(which: str):
        table = overview_changes if which == "overview" else changes

        def statuses_for(source: str) -> dict[str, str]:
            out = {}
            for gid in diagram_ids(source):
                st = status_of(gid, table, union)
                if st:
                    out[gid] = st
            return out
        return statuses_for

    try:
        from ..render.diagram.ids import slug
    except Exception as exc:  # the diagram package is not there
        return dataclasses.replace(report, notes=report.notes + (f"no diff diagrams: {exc}",))
    out = Path(out_dir)
    files: list[DiagramFile] = []
    notes: list[str] = []
    targets = [("overview", "overview.svg", "Network overview", None)]
    for v in vpcs:
        vpc = union.vpc(v)
        what = "removed" if head.get("vpc", v) is None else "added" if base.get("vpc", v) is None else "changed"
        targets.append((v, f"vpc-{slug(v)}.svg", f"VPC {vpc.label} ({what})", v))
    for which, name, title, vpc_id in targets:
        try:
            data = render_diff_diagram(union, which, statuses(which))
        except Exception as exc:  # a diagram that cannot be drawn must not stop the report
            notes.append(f"diff diagram {name} not drawn: {type(exc).__name__}: {exc}")
            continue
        atomic_write(out / name, data)
        files.append(DiagramFile(name, title, vpc_id))
    return dataclasses.replace(report, diagrams=tuple(files), notes=report.notes + tuple(notes))
