"""The reachability part of a VPC page, bounded whatever the size of the estate.

* **Other VPCs**: what this VPC reaches and what reaches it, as groups — unexpected
  failures first, then expected ones, PrivateLink, reachable (by the gateway the path
  leaves through) and not connected — each group with one example reason and its members
  collapsed when there are many. Never one line per pair.
* **Between subnets**: a compact matrix of this VPC's subnets against its own and its
  peers' subnets (real names, rotated headers), then only the failures and the paths that
  leave the VPC, grouped; pairs inside the VPC that reach each other directly are counted.

Every cell and list entry is a reach answer (:mod:`vpcdocs.site.reach_data`); clicking a
cell shows its path or reason from the VPC's reach data file (``vpcdocs-reach.js``).
"""

from __future__ import annotations

from ..context import SiteData
from ..doc import Code, Details, H, Inline, P, Raw, RawBlock, Strong, join, seq
from ..matrix_html import HEADING, SYMBOL, WORD, cause_title, legend, matrix
from ..reach_data import NONE, OK, SiteReach
from ..reach_groups import Group, counts, group, reason

INLINE = 6  # members listed inline; more go into a collapsed block
IDS = "vpcdocs-ids"  # paragraphs of ids: an id never wraps inside
LINKED = 40  # beyond this many VPCs a collapsed list shows plain ids (the page stays small)


def _vpc_list(data: SiteData, ids: list[str]) -> Inline:
    if len(ids) > LINKED:
        return ", ".join(ids)  # plain text: a thousand ids stay a few kilobytes
    return join(", ", (data.vpc_link(i) for i in ids))


def mark(state: str) -> Raw:
    return Raw(f'<span class="vpcdocs-mark vpcdocs-s-{state}">{SYMBOL[state]}</span>')


def _block(title: Inline, example: Inline, items: Inline, n: int, noun: str) -> list:
    """One group: its title with the members when few, else the count and the members
    collapsed; the example reason on its own line."""
    lines = (example,) if example else ()
    if n <= INLINE:
        return [P(seq(title, ": ", items), lines, IDS)]
    return [P(seq(title, f": {n} {noun}"), lines, IDS), Details(f"the {n} {noun}", [P(items, cls=IDS)])]


def title(g: Group) -> Inline:
    if g.state == OK:
        where: Inline = "inside the VPC (local route)" if g.at == "local" else seq("through ", Code(g.at))
        return seq(mark(OK), " ", Strong(HEADING[OK]), " ", where)
    if g.state == NONE:
        return seq(mark(NONE), " ", Strong(HEADING[NONE]), " (no peering, transit gateway or PrivateLink)")
    at: Inline = seq(" at ", Code(g.at)) if g.at else ""
    return seq(mark(g.state), " ", Strong(HEADING[g.state]), f" — {cause_title(g.cause)}", at, " (",
               Code(g.disposition), ")")


def example(data: SiteData, g: Group) -> Inline:
    if g.state in (OK, NONE):
        return ""
    src, dst = g.example_pair
    text = reason(g, data.topology)
    rules = f" ({', '.join(g.example.rules)})" if g.example.rules and not all(r in text for r in g.example.rules) else ""
    return seq("e.g. ", Code(src), " → ", Code(dst), f": {text}{rules}")


def _vpc_groups(data: SiteData, groups: list[Group], outgoing: bool) -> list:
    out: list = []
    for g in groups:
        others = [dst if outgoing else src for src, dst in g.members]
        if g.state == NONE:  # the rest of the estate: counted, not listed
            out.append(P(seq(title(g), f": {len(others)} VPC{'s' if len(others) != 1 else ''}")))
            continue
        out += _block(title(g), example(data, g), _vpc_list(data, others), len(others), "VPCs")
    return out


def _summary_line(c: dict[str, int], total: int, direction: str) -> P:
    parts = [f"{c[s]} {WORD[s]}" for s in c if c[s]]
    return P(f"{direction} {total} other VPC{'s' if total != 1 else ''}: " + (", ".join(parts) or "none") + ".")


def _vpc_section(data: SiteData, reach: SiteReach, vpc_id: str) -> list:
    row = reach.rows[vpc_id]
    out_cells = [(vpc_id, w, row.record(j)) for j, w in enumerate(reach.vpcs) if w != vpc_id]
    in_cells = [(v, vpc_id, rec) for v, rec in reach.incoming(vpc_id) if v != vpc_id]
    if not out_cells:
        return []
    out_groups, in_groups = group(out_cells), group(in_cells)
    return [H(3, "Other VPCs"),
            P(seq("Can some subnet of this VPC reach some subnet of the other VPC, replies included? Grouped by "
                  "what happens, failures nobody declared under ", Code("expect:"), " first.")),
            _summary_line(counts(out_groups), len(out_cells), "To the"),
            *_vpc_groups(data, out_groups, True),
            H(4, "Who reaches this VPC"),
            _summary_line(counts(in_groups), len(in_cells), "From the"),
            *_vpc_groups(data, in_groups, False)]


def _subnet_section(data: SiteData, reach: SiteReach, vpc_id: str) -> list:
    sub = reach.subnets[vpc_id]
    if not sub.rows or not sub.columns:
        return []
    peers: Inline = ""
    if sub.peers_shown:
        peers = seq(" and those of its peers ", join(", ", (data.vpc_link(p) for p in sub.peers_shown)))
    out: list = [H(3, "Between subnets"),
                 P(seq("Rows: this VPC's subnets; columns: its subnets", peers, ". Each cell is what ",
                       Code("vpcdocs reach --from ROW --to COLUMN"), " answers."))]
    if sub.peers_left_out:
        out.append(P(seq("Peers without room in the matrix (their VPC-level answers are above): ",
                         join(", ", (data.vpc_link(p) for p in sub.peers_left_out)), ".")))
    out += [RawBlock(legend()),
            RawBlock(matrix(sub.rows, sub.columns, lambda i, j: sub.answers[i].record(j).state,
                            corner="from ↓ to →", part="subnets", vpc=vpc_id))]
    cells = [(s, t, row.record(j)) for s, row in zip(sub.rows, sub.answers)
             for j, t in enumerate(sub.columns) if s != t]
    groups = group(cells)
    local = [g for g in groups if g.state == OK and g.at == "local"]
    if local:
        n = sum(len(g.members) for g in local)
        out.append(P(f"{n} pair{'s' if n != 1 else ''} of subnets inside the VPC reach each other over the local "
                     "route."))
    for g in groups:
        if g not in local:
            out += _block(title(g), example(data, g), join(", ", (seq(Code(s), " → ", Code(t)) for s, t in g.members)),
                          len(g.members), "pairs")
    return out


def section(data: SiteData, vpc_id: str) -> list:
    reach = data.site_reach
    if reach is None or vpc_id not in reach.rows:
        return []
    body = _vpc_section(data, reach, vpc_id) + _subnet_section(data, reach, vpc_id)
    return [H(2, "Reachability"), *body] if body else []
