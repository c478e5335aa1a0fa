"""Words and marks the diff printers share.

Three vocabularies, never mixed: what happened to an object or row (*change*: added, removed,
changed — the colours of the diff diagrams), what happened to a flow (opens, closes,
re-routes), and how serious a finding or consequence is (*severity*: error, warning, info —
shapes, not coloured circles, so an ``info`` never looks like a removal).
"""

from __future__ import annotations

from ...diff.flows import FlowState
from ...diff.routes import RowChange, TableChange
from ..route_tables.labels import ORIGIN_LABELS

CHANGE_MARKS = {"added": "+", "removed": "-", "changed": "~"}
REACH_MARKS = {"opened": "+", "closed": "-", "path": "~", "blocked": "~"}
REACH_WORDS = {"opened": "now reachable", "closed": "no longer reachable", "path": "another path",
               "blocked": "still blocked, by something else"}

# markdown
CHANGE_ICONS = {"added": "🟢 added", "removed": "🔴 removed", "changed": "🟠 changed"}
FLOW_ICONS = {"opened": "🟢", "closed": "🔴", "path": "🟠", "blocked": "⚪"}
STATE_ICONS = {True: "✅", False: "⛔"}
SEVERITY_ICONS = {"error": "🛑 error", "warning": "⚠️ warning", "info": "ℹ️ info"}
FINDING_ICONS = {"introduced": "➕ introduced", "resolved": "✔️ resolved", "reworded": "🔄 reworded"}


def severity_icon(severity: str) -> str:
    return SEVERITY_ICONS.get(severity, severity)


def table_title(table: TableChange) -> str:
    owner = table.vpc
    what = "TGW route table" if table.kind == "tgw" else "route table"
    return f"{owner} / {table.table} ({what}{'' if table.change == 'changed' else ', ' + table.change})"


def association_text(table: TableChange) -> str:
    noun = "subnets" if table.kind == "vpc" else "attachments"
    parts = [f"+ {s}" for s in table.associations_added] + [f"- {s}" for s in table.associations_removed]
    text = f"{noun}: " + ", ".join(parts) if parts else ""
    if table.main_changed:
        text = (text + "; " if text else "") + ("now the main table" if table.main_after else "no longer main")
    return text


def row_cells(rc: RowChange) -> tuple[str, str, str, str]:
    """(destination, target, origin, state) texts of a row change; ``a → b`` where it changed."""
    b, a = rc.before, rc.after

    def pick(attr: str, fmt=lambda v: v) -> str:
        if b is None:
            return str(fmt(getattr(a, attr)))
        if a is None:
            return str(fmt(getattr(b, attr)))
        vb, va = fmt(getattr(b, attr)), fmt(getattr(a, attr))
        return str(va if vb == va else f"{vb} → {va}")

    def origin(o: str) -> str:
        return ORIGIN_LABELS.get(o, o)

    return rc.destination, pick("target"), pick("origin", origin), pick("state")


def was_now(before: FlowState, after: FlowState) -> tuple[str, str]:
    """``was: …`` / ``now: …`` texts of a changed flow: the state, and for a blocked side the
    engine's reason (the blocker)."""
    return before.text(), after.text()
