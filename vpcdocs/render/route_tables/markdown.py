"""Route tables as Markdown: the console's ``Destination | Target`` table plus origin and state."""

from __future__ import annotations

from ..escape import md_cell, md_text
from .labels import origin_label, subnets_label

HEADER = "| Destination | Target | Origin | State |\n| --- | --- | --- | --- |\n"


def route_rows(table, target_cell=None) -> str:
    """``target_cell(route) -> str`` (already escaped Markdown) replaces the plain target text,
    e.g. with a link to the target (the site does this)."""
    rows = []
    for r in table.routes:
        state = r.state if r.state == "active" else f"**{r.state}**" + (f" — {md_text(r.reason)}" if r.reason else "")
        target = target_cell(r) if target_cell is not None else md_cell(r.target)
        rows.append(
            f"| {md_cell(r.destination)} | {target} | {origin_label(r)} | {state} |"
        )
    return HEADER + "\n".join(rows) + "\n"


def route_table_markdown(table, heading_level: int = 2, target_cell=None) -> str:
    title = md_text(table.id) + (" (main)" if table.main else "")
    lines = [f"{'#' * heading_level} {title}", ""]
    facts = [f"VPC: {md_text(table.vpc)}", f"Subnets: {md_text(subnets_label(table))}"]
    if table.aws_id:
        facts.append(f"AWS id: {md_text(table.aws_id)}")
    lines += [" · ".join(facts), ""]
    if table.description:
        lines += [md_text(table.description), ""]
    lines.append(route_rows(table, target_cell))
    return "\n".join(lines)


def render_markdown(tables) -> str:
    return "\n".join(route_table_markdown(t) for t in tables)
