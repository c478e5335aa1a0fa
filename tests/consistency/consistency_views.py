"""What each consumer shows, read back from what it prints: the site's Markdown/HTML, the
diagram's DOT, the command line's JSON. The consistency tests compare these views with each
other and with the data plane; nothing here computes a network fact.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from vpcdocs.analysis.reach import Answer
from vpcdocs.cli import cli
from vpcdocs.model import Topology
from vpcdocs.render.diagram import render_diagram
from vpcdocs.render.diagram.ids import gv_id
from vpcdocs.site import reach_js
from vpcdocs.site.generate import Generated, generate
from vpcdocs.site.paths import anchor
from vpcdocs.site.reach_data import STATE_CHARS, STATES

SPEC_FILE = "spec.yaml"


# ---------------------------------------------------------------------------------------- inputs


@contextlib.contextmanager
def spec_dir(text: str) -> Iterator[Path]:
    """A temporary spec folder holding ``text`` as its one spec file."""
    with tempfile.TemporaryDirectory(prefix="vpcdocs-consistency-") as tmp:
        root = Path(tmp) / "specs"
        root.mkdir()
        (root / SPEC_FILE).write_text(text, encoding="utf-8")
        yield root


def run_cli(*args: str) -> tuple[int, str]:
    """``vpcdocs ARGS`` through the click group (exit code, stdout)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def site(root: Path) -> Generated:
    """The site's generated pages (diagrams off, no git), as ``vpcdocs build`` makes them."""
    return generate(root, diagrams=False, use_git=False, cache_dir=root.parent / "cache")


def page(gen: Generated, path: str) -> str:
    return gen.pages[path].decode("utf-8")


def vpc_page(gen: Generated, vpc_id: str) -> str:
    return page(gen, f"network/vpcs/{vpc_id}.md")


# ---------------------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class Shown:
    """One answer as a consumer shows it: reachable or not, and the request path
    (``(at, route_table, target)`` per hop) where the consumer shows one."""

    reachable: bool
    disposition: str | None = None
    path: tuple[tuple[str, str | None, str], ...] | None = None
    rules: tuple[str, ...] | None = None
    codes: tuple[str, ...] | None = None


def shown(answer: Answer) -> Shown:
    """What ``reach`` answers, in the shape of :class:`Shown` (everything filled in)."""
    return Shown(answer.reachable, answer.disposition.value,
                 tuple((h.at, h.route_table, h.target) for h in answer.path), tuple(answer.rules),
                 tuple(answer.explanation_codes))


def comparable(full: Shown, partial: Shown) -> Shown:
    """``full`` reduced to the fields ``partial`` shows."""
    return Shown(full.reachable,
                 full.disposition if partial.disposition is not None else None,
                 full.path if partial.path is not None else None,
                 full.rules if partial.rules is not None else None,
                 full.codes if partial.codes is not None else None)


def cli_matrix(root: Path, level: str) -> dict[tuple[str, str], Shown]:
    """``vpcdocs reach ROOT --matrix --level LEVEL --format json`` by (from, to)."""
    code, out = run_cli("reach", str(root), "--matrix", "--level", level, "--format", "json")
    assert code == 0, out
    doc = json.loads(out)
    assert doc["level"] == level
    cells = {}
    for c in doc["cells"]:
        assert c["reachable"] == (c["disposition"] == "accepted"), c
        cells[(c["from"], c["to"])] = Shown(c["reachable"], c["disposition"],
                                            codes=tuple(c.get("explanation_codes", ())))
    assert len(cells) == len(doc["rows"]) * len(doc["columns"]), "a cell is missing or repeated"
    return cells


def cli_reach(root: Path, source: str, destination: str) -> Shown:
    """``vpcdocs reach ROOT --from S --to D --format json``."""
    code, out = run_cli("reach", str(root), "--from", source, "--to", destination, "--format", "json")
    assert code == 0, out
    doc = json.loads(out)
    path = tuple((h["at"], h["route_table"], h["target"]) for h in doc["path"])
    return Shown(doc["reachable"], doc["disposition"], path, tuple(doc["rules"]), tuple(doc["explanation_codes"]))


_TABLE = re.compile(r'<table class="vpcdocs-matrix">\n<thead>(.*?)</thead>\n<tbody>\n(.*?)</tbody>', re.S)
_COLUMN = re.compile(r'<th class="vpcdocs-rot" scope="col" title="([^"]*)">')
_ROW = re.compile(r'<tr data-r="\d+"[^>]*><th scope="row"><code>([^<]*)</code></th>(.*?)</tr>')
_STATE = re.compile(r'<td class="vpcdocs-s-([a-z]+)">')
_SAME = "self"  # the diagonal of a VPC matrix: no question asked


def _text(s: str) -> str:
    return html.unescape(s)


def matrix_states(markdown: str) -> dict[tuple[str, str], str]:
    """The cells of the reachability matrices on a site page (the Reachability page's VPC
    matrix when it shows one, a VPC page's subnet matrix) by (row, column): the state each
    cell is coloured with (``ok``, ``unexpected``, ``expected``, ``pl``, ``none``; the
    diagonal's ``self`` is left out). A cell carries only its state class; its words come
    from the reach data (:func:`site_answers`)."""
    cells: dict[tuple[str, str], str] = {}
    for head, body in _TABLE.findall(markdown):
        columns = [_text(c) for c in _COLUMN.findall(head)]
        for src, row in _ROW.findall(body):
            states = _STATE.findall(row)
            assert len(states) == len(columns), f"row {src}: {len(states)} cells for {len(columns)} columns"
            for dst, state in zip(columns, states):
                assert state in STATES, f"{src} → {dst}: unknown state {state}"
                pair = (_text(src), dst)
                assert cells.get(pair, state) == state, f"{pair} is shown twice, differently"
                if state != _SAME:
                    cells[pair] = state
    return cells


def site_matrix(markdown: str) -> dict[tuple[str, str], Shown]:
    """The matrix cells of a site page (:func:`matrix_states`) as reachable or not: only the
    ``ok`` colour says reachable."""
    return {pair: Shown(state == "ok") for pair, state in matrix_states(markdown).items()}


def vpc_page_matrix(markdown: str) -> dict[tuple[str, str], Shown]:
    """The subnet matrix of a VPC page (empty when the page has none)."""
    head, sep, rest = markdown.partition("### Between subnets")
    return site_matrix(rest.split("\n## ", 1)[0]) if sep else {}


def page_states(gen: Generated, vpcs: list[str]) -> dict[tuple[str, str], str]:
    """The state of every matrix cell on the site's pages: the Reachability page's VPC matrix
    (when it shows one) and each VPC page's subnet matrix. Each must be coloured as the
    record a click on it shows (:func:`site_states`)."""
    cells = matrix_states(page(gen, "network/reachability.md"))
    for v in vpcs:
        head, sep, rest = vpc_page(gen, v).partition("### Between subnets")
        if sep:
            cells.update(matrix_states(rest.split("\n## ", 1)[0]))
    shipped = site_states(gen)
    for pair, state in cells.items():
        assert pair in shipped, f"{pair}: a cell on a page without its answer in the site's data"
        assert shipped[pair] == state, f"{pair}: the cell is coloured {state}, its data says {shipped[pair]}"
    return cells


def site_matrix_cells(gen: Generated, vpcs: list[str]) -> dict[tuple[str, str], Shown]:
    """:func:`page_states` as reachable or not: only the ``ok`` colour says reachable."""
    return {pair: Shown(state == "ok") for pair, state in page_states(gen, vpcs).items()}


def site_records(gen: Generated) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    """Every record the site ships for its cells (``network/reach/<vpc>.js``, what a click on
    a cell shows), decoded: VPC pairs (the diagonal left out) and the subnet pairs of each VPC
    page's matrix."""
    index = reach_js.decode(gen.pages[reach_js.INDEX].decode("utf-8"))
    vpcs = index["vpcs"]
    out: dict[tuple[str, str], dict] = {}  # type: ignore[type-arg]
    for v in vpcs:
        doc = reach_js.decode(gen.pages[reach_js.data_file(v)].decode("utf-8"))
        assert doc["vpc"] == v and len(doc["vpcs"]) == len(vpcs)
        for w, r in zip(vpcs, doc["vpcs"]):
            if r["state"] != STATE_CHARS["self"]:
                out[(v, w)] = r
        for pair, r in doc["subnets"].items():
            out[pair] = r
    return out


def site_states(gen: Generated) -> dict[tuple[str, str], str]:
    """The state (``ok``, ``unexpected``…) of every record the site ships for its cells."""
    names = {char: state for state, char in STATE_CHARS.items()}
    return {pair: names[r["state"]] for pair, r in site_records(gen).items()}


def site_answers(gen: Generated) -> dict[tuple[str, str], Shown]:
    """Every answer the site ships for its cells (:func:`site_records`) in the shape of
    :class:`Shown`. Rules and codes are kept only where the site keeps words (not for
    reachable or not-connected cells)."""

    def shown_record(r: dict) -> Shown:  # type: ignore[type-arg]
        path = tuple((at, table or None, target) for at, table, _matched, target in r["path"])
        words = r["state"] not in ("o", "n")
        return Shown(r["state"] == "o", r["disposition"], path, tuple(r["rules"]) if words else None,
                     tuple(r["codes"]) if words else None)

    return {pair: shown_record(r) for pair, r in site_records(gen).items()}


# ---------------------------------------------------------------------------------------- subnets


def site_subnet_types(vpc_markdown: str) -> dict[str, str]:
    """The class column ("Type" or "Class") of a VPC page's subnet table: subnet →
    public / private / isolated."""
    section = vpc_markdown.split("## Subnets", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in section.splitlines() if ln.startswith("| ")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    column = next(i for i, c in enumerate(header) if c in ("Type", "Class"))
    out = {}
    for ln in rows[2:]:
        cells = [c.strip() for c in ln.strip("|").split(" | ")]
        m = re.search(r"<code>(.*?)</code>", cells[0])
        assert m is not None, ln
        out[_text(m.group(1))] = cells[column]
    return out


def vpc_diagram_dot(topology: Topology, vpc_id: str) -> str:
    """The DOT source of a VPC's diagram: what it draws, before Graphviz places it.

    The Graphviz-laid-out renderer exposes it as ``build_vpc_dot`` (``render_diagram(..., "dot")``
    would lay it out three times to order the AZ columns); the renderer that lays diagrams out
    itself returns it from ``render_diagram(..., "dot")``."""
    try:
        from vpcdocs.render.diagram.vpc_diagram import build_vpc_dot  # type: ignore[attr-defined]
    except ImportError:
        return render_diagram(topology, vpc_id, "dot").data.decode("utf-8")
    return str(build_vpc_dot(topology, vpc_id))


def _element(dot: str, ident: str) -> str | None:
    """The line declaring the DOT element ``ident`` (a subgraph's ``graph [...]`` line, or a
    node), quoted or not."""
    for name in (ident, f'"{ident}"'):
        at = dot.find(f"subgraph {name} {{")
        if at >= 0:
            start = dot.index("graph [", at)
            return dot[start:dot.index("\n", start)]
        m = re.search(rf"^\s*{re.escape(name)} \[", dot, re.M)
        if m is not None:
            return dot[m.start():dot.index("\n", m.start())]
    return None


def diagram_subnet_style(dot: str, subnet_id: str) -> tuple[str, str]:
    """How the VPC diagram draws a subnet: (``public`` | ``private`` — the box's border colour,
    which its group icon must match —, the class word under its name)."""
    box = _element(dot, "cluster_" + gv_id("sn", subnet_id))
    assert box is not None, f"subnet {subnet_id} is not drawn"
    colour = re.search(r'pencolor="([^"]+)"', box)
    assert colour is not None, box
    by_colour = {"#7AA116": "public", "#00A4A6": "private"}[colour.group(1)]
    title = box if "-subnet.png" in box else _element(dot, gv_id("sntitle", subnet_id)) or ""
    icon = re.search(r"(public|private)-subnet\.png", title)
    word = re.search(r" · (public|private|isolated)</FONT>", title)
    assert icon is not None and word is not None, f"subnet {subnet_id}: no icon or class word in {title}"
    assert icon.group(1) == by_colour, f"subnet {subnet_id}: {by_colour} border, {icon.group(1)} icon"
    return by_colour, word.group(1)


_LINE = re.compile(r">([^<>]* → [^<>]*)<")


def diagram_legend_lines(dot: str, vpc_id: str) -> list[str]:
    """Every route line of a VPC diagram's route-table legend (one legend node, or one card
    per table), as drawn (long lines end in "…")."""
    node = re.escape(gv_id("legend", vpc_id))
    lines = []
    for m in re.finditer(rf'^\s*"?{node}(?:_Z[^"\s]*)?"? \[', dot, re.M):
        declaration = dot[m.start():dot.index("\n", m.start())]
        lines += [html.unescape(x) for x in _LINE.findall(declaration)]
    return lines


def drawn_as(drawn: str, line: str) -> bool:
    """``drawn`` shows ``line`` (whole, or cut short with "…")."""
    return drawn == line or (drawn.endswith("…") and line.startswith(drawn[:-1]))


# ---------------------------------------------------------------------------------------- transit gateways


@dataclass(frozen=True)
class TgwTableShown:
    associations: tuple[str, ...]
    propagations: tuple[str, ...]
    routes: tuple[tuple[str, str, str], ...]  # (destination, target attachment or "blackhole", state)


_ATT_REF = re.compile(r"\[<code>(.*?)</code>\]\([^)]*\)|<code>(.*?)</code>")


def _attachments_listed(line: str) -> tuple[str, ...]:
    text = line.split(": ", 1)[1]
    if text.strip() == "none":
        return ()
    refs = [_text(a or b) for a, b in _ATT_REF.findall(text)]
    return tuple(r for r in refs if r and not r.startswith("vpc-"))  # "att-1 (vpc-1)": the VPC is a note


def site_tgw_tables(markdown: str, table_ids: list[str]) -> dict[str, TgwTableShown]:
    """TGW route tables on the Transit gateways page: associations, propagations, and the
    route rows (destination, target, state)."""
    starts = {}
    for t in table_ids:
        mark = f'<a id="{anchor("tgw-route-table", t)}"></a>'
        assert markdown.count(mark) == 1, f"TGW route table {t} is not on the page once"
        starts[t] = markdown.index(mark)
    ordered = sorted(starts, key=lambda t: starts[t])
    out: dict[str, TgwTableShown] = {}
    for k, t in enumerate(ordered):
        end = starts[ordered[k + 1]] if k + 1 < len(ordered) else len(markdown)
        body = markdown[starts[t]:end].split("\n## ", 1)[0]
        lines = body.splitlines()
        assoc = next(ln for ln in lines if ln.startswith("Associations: "))
        props = next(ln for ln in lines if ln.startswith("Propagations: "))
        routes = []
        for ln in lines:
            if not ln.startswith("| ") or ln.startswith("| Destination") or ln.startswith("| ---"):
                continue
            cells = [c.strip() for c in ln.strip("|").split(" | ")]
            dest, target, state = cells[0], cells[1], cells[3]
            ref = _ATT_REF.search(target)
            target_id = "blackhole" if target == "blackhole" else _text(ref.group(1) or ref.group(2)) if ref else target
            state_word = "blackhole" if "blackhole" in state else "active" if state == "active" else "not used"
            routes.append((_text(dest).replace("\\", ""), target_id, state_word))
        out[t] = TgwTableShown(_attachments_listed(assoc), _attachments_listed(props), tuple(routes))
    return out
