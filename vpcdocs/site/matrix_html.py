"""Compact reachability matrices as HTML: real names as rotated column headers, one symbol
per cell, a colour per state, clickable for the cell's path or reason (``vpcdocs-reach.js``).

Everything from a spec goes through :func:`~vpcdocs.render.escape.html_text`. Rows carry their
index (``data-r``) and, in a VPC matrix, their VPC (``data-vpc``, ``data-file``); a cell is
its state class and symbol only. The script finds the answer of a cell (row, column index)
in the reach data of the row's VPC (see :mod:`.reach_js`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..render.escape import html_text
from .paths import slug
from .reach_data import EXPECTED, NONE, OK, PL, SELF, UNEXPECTED

SYMBOL = {OK: "✓", PL: "⇢", EXPECTED: "✗", UNEXPECTED: "✗", NONE: "·", SELF: "–"}
WORD = {OK: "reachable", PL: "PrivateLink only (the service, one way)", EXPECTED: "not reachable, as expected",
        UNEXPECTED: "not reachable", NONE: "not connected", SELF: "same VPC"}
# headings of the grouped lists, in the order they are shown
HEADING = {UNEXPECTED: "Not reachable", EXPECTED: "Not reachable, as expected", PL: "PrivateLink only",
           OK: "Reachable", NONE: "Not connected"}

# Short words for blocker causes (keys of vpcdocs.analysis.reach.CAUSES), for group titles and
# the cell details of the VPC matrix; the full sentence of a cell comes from reach itself.
CAUSE_TITLE = {
    "no-route": "no route", "no-route-table": "no route table", "not-connected": "not connected",
    "peering-no-route": "peering without a route", "tgw-no-route-vpc": "no route to the transit gateway",
    "internet-peer-exit": "peer's internet exit not usable", "service-peer-endpoint": "peer's endpoint not usable",
    "service-endpoint-not-associated": "gateway endpoint not associated",
    "service-endpoint-other-region": "gateway endpoint in another region", "reply-via-nat": "replies sent to NAT",
    "private-to-igw": "private address sent to the internet gateway", "wrong-vpc": "delivered in the wrong VPC",
    "route-blackhole": "blackhole route", "tgw-route-blackhole": "transit gateway blackhole route",
    "tgw-no-route": "no route in the transit gateway route table",
    "tgw-not-associated": "attachment not associated", "tgw-no-attachment": "no attachment",
    "tgw-peer-not-associated": "peering attachment not associated", "tgw-wrong-attachment": "wrong attachment",
    "tgw-no-ipv6": "no IPv6 on the attachment", "attachment-unusable": "attachment not usable",
    "attachment-no-subnets": "attachment without subnets", "az-not-covered": "AZ not covered by the attachment",
    "not-transitive": "peering is not transitive", "peer-edge": "edge-to-edge through a peering",
    "peer-gateway-endpoint": "peer's gateway endpoint", "tgw-to-peering": "transit gateway to peering",
    "tgw-to-gateway-endpoint": "transit gateway to gateway endpoint",
    "tgw-untranslated-igw": "untranslated to the internet gateway", "nat-other-vpc": "another VPC's NAT gateway",
    "component-unusable": "component not usable", "peering-inactive": "peering not active", "loop": "routing loop",
    "unmodelled-target": "unmodelled target", "unmodelled-attachment": "unmodelled attachment",
    "one-way-privatelink": "PrivateLink is one way", "no-endpoint": "no endpoint",
    "no-listener": "no listener", "sg-egress": "security group (outbound)", "sg-ingress": "security group (inbound)",
    "sg-empty": "security group without rules", "nacl-request": "network ACL", "nacl-reply": "network ACL (replies)",
}


def cause_title(cause: str) -> str:
    return CAUSE_TITLE.get(cause, cause.replace("-", " "))


def _header(names: Sequence[str], corner: str) -> str:
    cols = "".join(f'<th class="vpcdocs-rot" scope="col" title="{html_text(n)}"><span>{html_text(n)}</span></th>'
                   for n in names)
    return f'<thead><tr><th class="vpcdocs-corner">{html_text(corner)}</th>{cols}</tr></thead>'


def cell_html(state: str) -> str:
    """One cell: its state, nothing else — a page may hold thousands (the script adds the
    title, keyboard focus and the column index, ``vpcdocs-reach.js``)."""
    return f'<td class="vpcdocs-s-{state}">{SYMBOL[state]}</td>'


def matrix(rows: Sequence[str], columns: Sequence[str], state: Callable[[int, int], str], *,
           corner: str, part: str, vpc: str | None = None, row_vpcs: Sequence[str] | None = None) -> str:
    """One matrix as an HTML block. ``part`` is ``subnets`` (rows: subnets of ``vpc``) or
    ``vpcs`` (rows: VPCs, each row's answers in its own data file — ``row_vpcs``)."""
    wrap = f'<div class="vpcdocs-scroll vpcdocs-reach" data-part="{part}"'
    if vpc is not None:
        wrap += f' data-vpc="{html_text(vpc)}" data-file="{html_text(slug(vpc))}.js"'
    out = [wrap + ">", '<table class="vpcdocs-matrix">', _header(columns, corner), "<tbody>"]
    for i, r in enumerate(rows):
        tr = f'<tr data-r="{i}"'
        if row_vpcs is not None:
            tr += f' data-vpc="{html_text(row_vpcs[i])}" data-file="{html_text(slug(row_vpcs[i]))}.js"'
        cells = "".join(cell_html(state(i, j)) for j in range(len(columns)))
        out.append(f'{tr}><th scope="row"><code>{html_text(r)}</code></th>{cells}</tr>')
    out += ["</tbody>", "</table>", '<div class="vpcdocs-detail" aria-live="polite"></div>', "</div>"]
    return "\n".join(out)


def legend(states: Sequence[str] = (OK, UNEXPECTED, EXPECTED, PL, NONE)) -> str:
    items = " ".join(f'<span class="vpcdocs-key vpcdocs-s-{s}">{SYMBOL[s]}</span> {html_text(WORD[s])}'
                     for s in states)
    return f'<p class="vpcdocs-legend">{items}. Click a cell for its path or reason.</p>'
