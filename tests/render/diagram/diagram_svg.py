"""Helpers to read rendered SVGs the way a user's viewer would (parsed XML, not regexes)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def groups(root: ET.Element, cls: str) -> dict[str, ET.Element]:
    """``<g class=cls>`` elements by their ``<title>`` (Graphviz node/cluster name, edge a->b)."""
    out = {}
    for g in root.iter(SVG + "g"):
        if (g.get("class") or "").split()[:1] == [cls]:
            title = g.find(SVG + "title")
            out[title.text if title is not None else ""] = g
    return out


def node_ids(data: bytes) -> set[str]:
    return set(groups(parse(data), "node"))


def cluster_ids(data: bytes) -> set[str]:
    return set(groups(parse(data), "cluster"))


def edges(data: bytes) -> set[tuple[str, str]]:
    """Drawn edges as (tail, head) pairs (invisible layout edges excluded)."""
    out = set()
    for title, g in groups(parse(data), "edge").items():
        paths = g.findall(SVG + "path")
        if paths and all(p.get("stroke") == "transparent" for p in paths):
            continue  # style=invis
        tail, _, head = title.partition("->")
        out.add((tail.split(":")[0], head.split(":")[0]))  # drop ports (node:n); ids have no ':'
    return out


def texts(data: bytes) -> list[str]:
    return ["".join(t.itertext()) for t in parse(data).iter(SVG + "text")]


def hrefs(data: bytes) -> list[str]:
    out = []
    for el in parse(data).iter():
        for key, value in el.attrib.items():
            if key in (XLINK + "href", "href"):
                out.append(value)
    return out


def cluster_box(data: bytes, name: str) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) of a cluster's outline polygon."""
    g = groups(parse(data), "cluster")[name]
    pts = [tuple(map(float, p.split(","))) for p in g.find(SVG + "polygon").get("points").split()]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def cluster_stroke(data: bytes, name: str) -> str:
    return groups(parse(data), "cluster")[name].find(SVG + "polygon").get("stroke")


def image_count(data: bytes) -> int:
    return len(re.findall(rb"<image\b", data))


def edge_ids(data: bytes) -> set[str]:
    return {g.get("id") for g in groups(parse(data), "edge").values()}
