"""Reachability: the VPC × VPC matrix (colour-coded; each cell links to its path or reason)
and, for VPC pages, the subnet × subnet matrix. Uses :mod:`vpcdocs.analysis.reach`.

Matrices are raw HTML tables (cells need classes for their colours), so every spec text in
them goes through :func:`~vpcdocs.render.escape.html_text`; the explanations below them are
Markdown lists through the usual helpers.
"""

from __future__ import annotations

from ...render.escape import html_text, md_text
from .. import paths
from ..context import SiteData, code

PAGE = paths.REACHABILITY


def _hops(answer) -> str:
    return "; ".join(
        f"{code(h.at)}" + (f" [{code(h.route_table)}]" if h.route_table else "") + f": {md_text(h.matched)} → {code(h.target)}"
        for h in answer.path)


def _cell_html(cell, anchor: str, same: bool) -> str:
    if same:
        return '<td class="vpcdocs-self" title="same">·</td>'
    cls, mark, word = ("vpcdocs-yes", "✓", "reachable") if cell.reachable else ("vpcdocs-no", "✗", "not reachable")
    return (f'<td class="{cls}" title="{html_text(cell.source)} → {html_text(cell.destination)}: {word}">'
            f'<a href="#{anchor}">{mark}</a></td>')


def matrix_html(matrix, anchor_prefix: str, row_label: str) -> list[str]:
    """The matrix as an HTML table; columns numbered, with the numbers explained below."""
    L = ['<table class="vpcdocs-matrix">',
         f"<thead><tr><th>{html_text(row_label)} ↓ reaches →</th>"
         + "".join(f'<th title="{html_text(c)}">{j}</th>' for j, c in enumerate(matrix.columns, 1)) + "</tr></thead>",
         "<tbody>"]
    for i, r in enumerate(matrix.rows, 1):
        cells = "".join(_cell_html(matrix.cell(r, c), f"{anchor_prefix}-{i}-{j}", r == c)
                        for j, c in enumerate(matrix.columns, 1))
        L.append(f"<tr><th><code>{html_text(r)}</code></th>{cells}</tr>")
    L += ["</tbody>", "</table>", ""]
    L.append("Columns: " + ", ".join(f"{j} = {code(c)}" for j, c in enumerate(matrix.columns, 1)) + ".")
    L.append("")
    return L


def explanations(matrix, anchor_prefix: str) -> list[str]:
    L = []
    for i, r in enumerate(matrix.rows, 1):
        for j, c in enumerate(matrix.columns, 1):
            if r == c:
                continue
            cell = matrix.cell(r, c)
            answer = cell.answer
            verdict = "**reachable**" if cell.reachable else "**not reachable**"
            line = f'- <a id="{anchor_prefix}-{i}-{j}"></a>{code(r)} → {code(c)}: {verdict}'
            if answer.path:
                line += f" — path: {_hops(answer)}"
            reason = cell.reason
            prefix = f"{r} → {c}: "
            if reason.startswith(prefix):
                reason = reason[len(prefix):]
            line += f". {md_text(reason[:1].upper() + reason[1:])}"
            if answer.rules:
                line += f" ({md_text(', '.join(answer.rules))})"
            L.append(line)
    L.append("")
    return L


def subnet_matrix_markdown(data: SiteData, vpc_id: str, page: str) -> str:
    matrix = data.reach.subnet_matrix(data.topology, vpc_id)
    if not matrix.rows or not matrix.columns:
        return ""
    L = ["Rows: this VPC's subnets; columns: its subnets and those of its peers and transit gateway "
         "neighbours. ✓ reachable (replies included), ✗ not; each cell links to its path or reason.", ""]
    L += matrix_html(matrix, "sn", "Subnet")
    L += ["### Paths and reasons", ""]
    L += explanations(matrix, "sn")
    return "\n".join(L)


def render(data: SiteData) -> str:
    matrix = data.reach.vpc_matrix(data.topology)
    L = ["# Reachability", "",
         "Can some subnet of the row VPC reach some subnet of the column VPC, with the replies "
         "routed back? Worked out from the effective route tables, peerings, transit gateway route "
         "tables and NAT/internet gateways. ✓ reachable, ✗ not; every cell links to the path it takes "
         "or the reason it fails. Subnet-level matrices are on each VPC page.", ""]
    L += matrix_html(matrix, "vpc", "VPC")
    L += ["## Paths and reasons", ""]
    L += explanations(matrix, "vpc")
    return "\n".join(L)
