"""Words and marks the diff printers share."""

from __future__ import annotations

from ..route_tables.labels import ORIGIN_LABELS  # noqa: F401

CHANGE_MARKS = {"added": "+", "removed": "-", "changed": "~"}
REACH_MARKS = {"opened": "+", "closed": "-", "path": "~"}
REACH_WORDS = {"opened": "now reachable", "closed": "no longer reachable", "path": "another path"}


def table_title(table) -> str:
    owner = table.vpc
    what = "TGW route table" if table.kind == "tgw" else "route table"
    return f"{owner} / {table.table} ({what}{'' if table.change == 'changed' else ', ' + table.change})"


def association_text(table) -> str:
    noun = "subnets" if table.kind == "vpc" else "attachments"
    parts = [f"+ {s}" for s in table.associations_added] + [f"- {s}" for s in table.associations_removed]
    text = f"{noun}: " + ", ".join(parts) if parts else ""
    if table.main_changed:
        text = (text + "; " if text else "") + ("now the main table" if table.main_after else "no longer main")
    return text


def row_cells(rc) -> tuple[str, str, str, str]:
    """(destination, target, origin, state) texts of a row change; ``a → b`` where it changed."""
    b, a = rc.before, rc.after

    def pick(attr, fmt=lambda v: v):
        if b is None:
            return fmt(getattr(a, attr))
        if a is None:
            return fmt(getattr(b, attr))
        vb, va = fmt(getattr(b, attr)), fmt(getattr(a, attr))
        return va if vb == va else f"{vb} → {va}"

    origin = lambda o: ORIGIN_LABELS.get(o, o)  # noqa: E731
    return rc.destination, pick("target"), pick("origin", origin), pick("state")
