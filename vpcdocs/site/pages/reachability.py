"""The Reachability page: the VPC × VPC matrix of the estate, aggregated.

A 1,000 × 1,000 table helps nobody, so the page shows the matrix by account and region and
by transit gateway domain (the TGW route table a VPC's attachment is associated with): one
cell per pair of groups with its counts, a click opening that block as a VPC × VPC matrix
(``vpcdocs-reach.js``, from the per-VPC reach data) whose cells open their path or reason.
Small estates also get the whole matrix on the page. Then the failures nobody declared,
grouped by cause and where, biggest first.

Every count is over cells that are reach answers (:mod:`vpcdocs.site.reach_data`).
"""

from __future__ import annotations

from typing import Any

from ...render.escape import html_text
from ...sorting import natural_key
from .. import paths
from ..context import SiteData
from ..doc import Code, Doc, H, P, Raw, RawBlock, Strong, join, seq
from ..matrix_html import CAUSE_TITLE, HEADING, SYMBOL, WORD, cause_title, legend, matrix
from ..reach_data import EXPECTED, NONE, OK, PL, SELF, STATE_CHARS, UNEXPECTED, SiteReach
from ..reach_groups import group, reason

PAGE = paths.REACHABILITY
FULL_MATRIX_MAX = 40  # VPCs up to which the whole matrix is on the page
LISTED_GROUPS = 40  # failure groups listed
LISTED_PAIRS = 12  # pairs named per failure group

_CHAR_STATE = {c: s for s, c in STATE_CHARS.items()}


def groupings(data: SiteData, reach: SiteReach) -> dict[str, tuple[str, list[tuple[str, list[int]]]]]:
    """grouping key -> (title, [(group label, member column indexes)])."""
    topo = data.topology

    def account_region(v: str) -> str:
        vpc = topo.vpc(v)
        return f"{vpc.account or 'no account'} · {vpc.region}"

    def domain(v: str) -> str:
        tables = sorted((a.transit_gateway, data.dp.association(a.id) or "not associated")
                        for a in topo.attachments_of_vpc(v))
        return f"{tables[0][0]} · {tables[0][1]}" if tables else "no transit gateway"

    out: dict[str, tuple[str, list[tuple[str, list[int]]]]] = {}
    for key, title, label in (("account-region", "By account and region", account_region),
                              ("tgw-domain", "By transit gateway domain", domain)):
        members: dict[str, list[int]] = {}
        for i, v in enumerate(reach.vpcs):
            members.setdefault(label(v), []).append(i)
        out[key] = (title, sorted(members.items(), key=lambda kv: natural_key(kv[0])))
    return out


def _aggregate(reach: SiteReach, groups: list[tuple[str, list[int]]]) -> list[list[dict[str, int]]]:
    of = [0] * len(reach.vpcs)
    for g, (_label, members) in enumerate(groups):
        for i in members:
            of[i] = g
    n = len(groups)
    out = [[dict.fromkeys(STATE_CHARS.values(), 0) for _ in range(n)] for _ in range(n)]
    for i, v in enumerate(reach.vpcs):
        row_counts = out[of[i]]
        for j, ch in enumerate(reach.rows[v].states()):
            row_counts[of[j]][ch] += 1
    return out


def _agg_cell(counts: dict[str, int], a: int, b: int, title: str) -> str:
    c = {_CHAR_STATE[k]: v for k, v in counts.items()}
    # the colour of the block's biggest share; a block with undeclared failures is marked
    main = max((s for s in (OK, UNEXPECTED, EXPECTED, PL) if c[s]), key=lambda s: c[s], default=NONE)
    marked = " vpcdocs-has-unexpected" if c[UNEXPECTED] and main != UNEXPECTED else ""
    text = " ".join(f"{SYMBOL[s]}{c[s]}" for s in (OK, UNEXPECTED, EXPECTED, PL) if c[s]) or SYMBOL[NONE]
    words = ", ".join(f"{c[s]} {WORD[s]}" for s in (OK, UNEXPECTED, EXPECTED, PL, NONE) if c[s]) or "no pairs"
    return (f'<td class="vpcdocs-agg vpcdocs-s-{main}{marked}"><button type="button" data-ga="{a}" data-gb="{b}" '
            f'title="{html_text(title)}: {html_text(words)}">{text}</button></td>')


def _aggregate_table(key: str, reach: SiteReach, groups: list[tuple[str, list[int]]]) -> list[RawBlock]:
    agg = _aggregate(reach, groups)
    labels = [f"{label} ({len(members)})" for label, members in groups]
    head = "".join(f'<th class="vpcdocs-rot" scope="col"><span>{html_text(x)}</span></th>' for x in labels)
    L = [f'<div class="vpcdocs-scroll vpcdocs-aggregate" data-grouping="{key}">',
         '<table class="vpcdocs-matrix vpcdocs-agg-table">',
         f'<thead><tr><th class="vpcdocs-corner">from ↓ to →</th>{head}</tr></thead>', "<tbody>"]
    for a, label in enumerate(labels):
        cells = "".join(_agg_cell(agg[a][b], a, b, f"{groups[a][0]} → {groups[b][0]}") for b in range(len(groups)))
        L.append(f'<tr><th scope="row">{html_text(label)}</th>{cells}</tr>')
    L += ["</tbody>", "</table>", '<div class="vpcdocs-drill" aria-live="polite"></div>', "</div>"]
    return [RawBlock("\n".join(L))]


def _failures(reach: SiteReach) -> list:
    cells = ((v, w, reach.rows[v].record(j)) for v in reach.vpcs for j, w in enumerate(reach.vpcs))
    groups = [g for g in group(cells) if g.state in (UNEXPECTED, EXPECTED, PL)]
    out: list = [H(2, "Failures by cause")]
    if not groups:
        return out + [P("No pair of VPCs that are connected fails to reach each other.")]
    out.append(P(seq("Pairs of connected VPCs that do not reach each other, grouped by what stops them — failures "
                     "nobody declared under ", Code("expect:"), " first. Pairs of VPCs that no peering, transit gateway "
                     "or PrivateLink joins are not listed.")))
    for g in groups[:LISTED_GROUPS]:
        n = len(g.members)
        at = seq(" at ", Code(g.at)) if g.at else ""
        pairs = join(", ", (seq(Code(s), " → ", Code(t)) for s, t in g.members[:LISTED_PAIRS]))
        more = f" and {n - LISTED_PAIRS} more" if n > LISTED_PAIRS else ""
        src, dst = g.example_pair
        out.append(P(seq(Raw(f'<span class="vpcdocs-mark vpcdocs-s-{g.state}">{SYMBOL[g.state]}</span>'), " ",
                         Strong(HEADING[g.state]), f" — {cause_title(g.cause)}", at, " (", Code(g.disposition),
                         f"): {n} pair{'s' if n != 1 else ''}"),
                     (seq("e.g. ", Code(src), " → ", Code(dst), f": {reason(g, reach.topology)}"), seq(pairs, more))))
    if len(groups) > LISTED_GROUPS:
        out.append(P(f"…and {len(groups) - LISTED_GROUPS} smaller groups (see the VPC pages)."))
    return out


def index_doc(data: SiteData, reach: SiteReach) -> dict[str, Any]:
    """``network/reach/index.js``: the VPCs, their groups, and the words the script shows."""
    topo = data.topology
    grouped = groupings(data, reach)
    return {
        "vpcs": list(reach.vpcs),
        "names": [topo.vpc(v).name or "" for v in reach.vpcs],
        "pages": [paths.slug(v) for v in reach.vpcs],
        "groupings": {k: [{"label": label, "members": members} for label, members in groups]
                      for k, (_title, groups) in grouped.items()},
        "states": {STATE_CHARS[s]: {"name": s, "symbol": SYMBOL[s], "word": WORD[s]} for s in STATE_CHARS},
        "causes": CAUSE_TITLE,
    }


def render(data: SiteData) -> Doc:
    reach = data.site_reach
    doc = Doc("Reachability")
    doc.add(H(1, "Reachability"),
            P(seq("Can some subnet of the row VPC reach some subnet of the column VPC, with the replies routed back? "
                  "Worked out from the effective route tables, peerings, transit gateway route tables, NAT and "
                  "internet gateways, security groups and network ACLs; each cell is what ",
                  Code("vpcdocs reach --from ROW --to COLUMN"), " answers. Subnet-level matrices are on each VPC page.")))
    if reach is None or not reach.vpcs:
        doc.add(P("The specs define no VPCs."))
        return doc
    c = reach.counts()
    n = len(reach.vpcs)
    doc.add(P(f"{n} VPCs, {n * (n - 1)} ordered pairs: "
              + ", ".join(f"{c[s]} {WORD[s]}" for s in (OK, UNEXPECTED, EXPECTED, PL, NONE) if c[s]) + "."),
            RawBlock(legend()),
            RawBlock('<noscript><p>The counts below open into VPC × VPC matrices with JavaScript; without it, '
                     '<code>vpcdocs reach --from A --to B</code> gives any pair.</p></noscript>'))
    for key, (title, groups) in groupings(data, reach).items():
        if key == "tgw-domain" and len(groups) < 2:
            continue
        doc.add(H(2, title), P("Each cell counts the VPC pairs of its block; click it to open the block as a VPC × VPC "
                               "matrix."), *_aggregate_table(key, reach, groups))
    if n <= FULL_MATRIX_MAX:
        def cells(i: int, j: int) -> str:
            return reach.rows[reach.vpcs[i]].record(j).state

        doc.add(H(2, "All VPCs"),
                RawBlock(matrix(reach.vpcs, reach.vpcs, cells, corner="from ↓ to →", part="vpcs", row_vpcs=reach.vpcs)))
    doc.add(*_failures(reach))
    return doc


__all__ = ["render", "index_doc", "groupings", "SELF"]
