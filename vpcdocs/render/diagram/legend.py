"""The route-table legend of a VPC diagram: one HTML table node instead of route edges."""

from __future__ import annotations

from ...model import Topology
from .highlight import active
from .icons import icon_path
from .labels import INK, MUTED, esc
from .model_view import route_rows
from .nodes import PlainNode, highlighted

MAX_ROUTES = 8  # per table; the full list is on the VPC page


def route_table_legend(nodeid: str, topology: Topology, vpc_id: str) -> PlainNode | None:
    rows = route_rows(topology, vpc_id)
    if not rows:
        return None
    cells = [
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="18" HEIGHT="18"><IMG SRC="{icon_path("route-table")}" SCALE="TRUE"/></TD>'
        f'<TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="10" COLOR="{INK}"><B>Route tables</B></FONT>'
        f'<FONT POINT-SIZE="8" COLOR="{MUTED}">  (local routes omitted)</FONT></TD></TR>'
    ]
    for label, subnets, lines in rows:
        shown = lines[:MAX_ROUTES] or ["local only"]
        if len(lines) > MAX_ROUTES:
            shown.append(f"\u2026 {len(lines) - MAX_ROUTES} more")
        routes = '<BR ALIGN="LEFT"/>'.join(esc(line, 50) for line in shown) + '<BR ALIGN="LEFT"/>'
        cells.append(
            f'<TR><TD></TD><TD ALIGN="LEFT" VALIGN="TOP"><FONT POINT-SIZE="9" COLOR="{INK}"><B>{esc(label, 30)}</B></FONT>'
            f'<BR ALIGN="LEFT"/><FONT POINT-SIZE="8" COLOR="{MUTED}">{len(subnets)} subnet(s)</FONT><BR ALIGN="LEFT"/></TD>'
            f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="{INK}">{routes}</FONT></TD></TR>'
        )
    label = ('<<TABLE BORDER="1" COLOR="#D5DBDB" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="#FAFAFA">'
             + "".join(cells) + "</TABLE>>")
    current = active()
    status = current.route_legend(topology, vpc_id) if current is not None else None
    return PlainNode(label, nodeid=nodeid, **highlighted(nodeid, {"shape": "plain", "id": nodeid}, status=status))
