"""A diff report as a pull-request comment.

* starts with the hidden :data:`MARKER` so a workflow can find and update its one sticky
  comment; then a summary line and collapsible ``<details>`` sections (reachability open);
* every spec text goes through :mod:`vpcdocs.render.escape`;
* fits GitHub's 65,536-character comment limit (counted in UTF-16 units, to be safe): when the whole report does not fit, each
  table is cut to the largest number of rows that fits (the same for all tables), each cut
  says how many rows it left out, and a note points to the full report;
* deterministic: no dates, no absolute paths; the same report gives the same bytes.
"""

from __future__ import annotations

from ...diff.report import MARKER
from ..escape import html_text, md_cell, neutralise_mentions
from ..escape import md_code as _md_code
from ..escape import md_text as _md_text
from .labels import REACH_WORDS, association_text, row_cells, table_title


def md_text(text: object) -> str:
    """Spec text in the comment: escaped, and no @mention, #reference or autolink stays live."""
    return neutralise_mentions(_md_text(text))


def md_code(text: object) -> str:
    return neutralise_mentions(_md_code(text))


COMMENT_LIMIT = 65_536
CELL_LIMIT = 600  # characters of one table cell before it is cut
ICONS = {"added": "🟢 added", "removed": "🔴 removed", "changed": "🟠 changed"}
REACH_ICONS = {"opened": "🟢", "closed": "🔴", "path": "🟠"}
DEFAULT_POINTER = ("the full report is in the `vpcdocs-diff` artifact of the workflow run, "
                   "or run `vpcdocs diff` locally")


def _size(text: str) -> int:
    """Length as GitHub may count it: UTF-16 code units (an emoji counts twice), never less
    than the number of characters."""
    return len(text.encode("utf-16-le")) // 2


def _clip(text: str, limit: int = CELL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(text: object) -> str:
    return neutralise_mentions(md_cell(_clip(str(text))))


def _ids(text: str) -> str:
    return md_code(_clip(text))


class _Budget:
    """Row cap for every table (None: all rows) and what the cap left out."""

    def __init__(self, cap: int | None):
        self.cap = cap
        self.hidden = 0

    def take(self, rows: list) -> tuple[list, int]:
        if self.cap is None or len(rows) <= self.cap:
            return rows, 0
        left = len(rows) - self.cap
        self.hidden += left
        return rows[: self.cap], left


def _table(header: list[str], rows: list[list[str]], budget: _Budget) -> list[str]:
    shown, left = budget.take(rows)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in shown]
    if left:
        lines.append("")
        lines.append(f"… and {left} more row{'s' if left != 1 else ''} (cut to fit the comment limit)")
    return lines


def _details(summary: str, body: list[str], open_: bool = False) -> list[str]:
    return [f"<details{' open' if open_ else ''}>", f"<summary><b>{summary}</b></summary>", "", *body, "",
            "</details>", ""]


def _reachability(report, budget: _Budget) -> list[str]:
    rows = []
    for r in report.reachability:
        before = "✅ " if r.before else "⛔ "
        after = "✅ " if r.after else "⛔ "
        rows.append([
            REACH_ICONS[r.change] + " " + REACH_WORDS[r.change],
            "VPC" if r.level == "vpc" else "subnet",
            _ids(r.source), _ids(r.destination),
            before + _cell(r.before_text), after + _cell(r.after_text),
            _cell(r.reason) if r.reason else " ",
        ])
    n = len(report.reachability)
    return _details(f"Reachability — {n} flow{'s' if n != 1 else ''} changed",
                    _table(["change", "level", "from", "to", "before", "after", "why"], rows, budget), open_=True)


def _routes(report, budget: _Budget) -> list[str]:
    body: list[str] = []
    tables, left_tables = budget.take(list(report.routes))
    for t in tables:
        body.append(f"**{md_text(table_title(t))}**")
        body.append("")
        assoc = association_text(t)
        if assoc:
            body.append(f"Associations: {md_text(assoc)}")
            body.append("")
        if t.rows:
            rows = []
            for rc in t.rows:
                dest, target, origin, state = row_cells(rc)
                rows.append([ICONS[rc.change], _cell(dest), _cell(target), _cell(origin), _cell(state)])
            body += _table(["change", "destination", "target", "origin", "state"], rows, budget)
            body.append("")
    if left_tables:
        body.append(f"… and {left_tables} more route table{'s' if left_tables != 1 else ''} "
                    "(cut to fit the comment limit)")
        body.append("")
    n_rows = len(report.route_rows)
    n_tables = len(report.routes)
    title = (f"Route tables — {n_rows} row{'s' if n_rows != 1 else ''} changed in "
             f"{n_tables} table{'s' if n_tables != 1 else ''}")
    return _details(title, body, open_=True)


def _resources(report, budget: _Budget) -> list[str]:
    rows = []
    for r in report.resources:
        changes = "<br>".join(_cell(f.text()) for f in r.fields) if r.fields else " "
        rows.append([ICONS[r.change], md_text(r.kind), _ids(r.id), _ids(r.vpc) if r.vpc else " ", changes])
    c = report.counts()["resources"]
    title = "Resources — " + ", ".join(f"{n} {k}" for k, n in c.items() if n)
    return _details(title, _table(["change", "kind", "id", "VPC", "fields"], rows, budget))


def _findings(report, budget: _Budget) -> list[str]:
    rows = []
    for label, items in (("🔴 introduced", report.findings.introduced), ("🟢 resolved", report.findings.resolved)):
        for f in items:
            rows.append([label, md_text(f.severity), _ids(f.code), _ids(f.resource) if f.resource else " ",
                         _cell(f.message), _cell(f.location) if f.location and label.endswith("introduced") else " "])
    title = (f"Lint findings — {len(report.findings.introduced)} introduced, "
             f"{len(report.findings.resolved)} resolved")
    return _details(title, _table(["", "severity", "code", "resource", "message", "where"], rows, budget))


def _expectations(report, budget: _Budget) -> list[str]:
    rows = [["🟢 added", _cell(e)] for e in report.expectations_added]
    rows += [["🔴 removed", _cell(e)] for e in report.expectations_removed]
    return _details("Expectations (<code>expect:</code>)", _table(["change", "flow"], rows, budget))


def _diagrams(report, diagrams_url: str | None) -> list[str]:
    body = ["🟢 added · 🔴 removed (dashed) · 🟠 changed", ""]
    for d in report.diagrams:
        if diagrams_url:
            url = diagrams_url.rstrip("/") + "/" + d.name
            body.append(f"**{md_text(d.title)}**")
            body.append("")
            body.append(f'<img src="{html_text(url)}" alt="{html_text(d.title)}">')
            body.append("")
        else:
            body.append(f"- {md_text(d.title)}: {md_code(d.name)}")
    return _details(f"Diagrams — {len(report.diagrams)} changed", body)


def _render(report, cap: int | None, diagrams_url: str | None, title: str) -> tuple[str, int]:
    budget = _Budget(cap)
    out = [MARKER, f"### {md_text(title)}", "",
           f"{md_code(report.base)} → {md_code(report.head)}: **{md_text(report.summary())}**", ""]
    for err in report.errors:
        out.append(f"> [!CAUTION]\n> The {err.side} specs ({md_text(err.label)}) do not load:")
        shown, left = budget.take(list(err.diagnostics))
        for d in shown:
            out.append(f"> - {md_code(str(d.location))} {md_code(d.code)} {md_text(_clip(d.message))}")
        if left:
            out.append(f"> - … and {left} more")
        out.append("")
    if report.unexpected_reachability_change:
        out += ["> [!WARNING]", "> Flows start or stop working, but the <code>expect:</code> list was not "
                "updated in this change. Add or adjust <code>expect:</code> entries for the flows below if "
                "the change is intended.", ""]
    if report.reachability:
        out += _reachability(report, budget)
    if report.routes:
        out += _routes(report, budget)
    if report.resources:
        out += _resources(report, budget)
    if report.findings.introduced or report.findings.resolved:
        out += _findings(report, budget)
    if report.expectations_added or report.expectations_removed:
        out += _expectations(report, budget)
    if report.diagrams:
        out += _diagrams(report, diagrams_url)
    if report.notes:
        out += [f"<sub>{md_text(n)}</sub>" for n in report.notes]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n", budget.hidden


def _pointer(hidden: int, full_report_url: str | None) -> str:
    where = f"[the full report]({html_text(full_report_url)})" if full_report_url else DEFAULT_POINTER
    return (f"\n> [!NOTE]\n> This comment is cut to fit GitHub's comment limit ({hidden} item"
            f"{'s' if hidden != 1 else ''} left out); {where}.\n")


def render_markdown(report, *, full_report_url: str | None = None, diagrams_url: str | None = None,
                    limit: int = COMMENT_LIMIT, title: str = "vpcdocs diff", **_options) -> str:
    """The comment; at most ``limit`` characters."""
    text, _ = _render(report, None, diagrams_url, title)
    if _size(text) <= limit:
        return text
    reserve = _size(_pointer(10**9, full_report_url))

    def fits(cap: int) -> tuple[str, int] | None:
        body, hidden = _render(report, cap, diagrams_url, title)
        return (body, hidden) if _size(body) + reserve <= limit else None

    lo, hi = 0, max(len(report.resources), len(report.routes), len(report.route_rows),
                    len(report.reachability), len(report.findings.introduced) + len(report.findings.resolved), 1)
    best = fits(0)
    if best is None:  # even headers alone do not fit: cut the text itself at a line boundary
        body, hidden = _render(report, 0, diagrams_url, title)
        cut = body[: limit - reserve - 40]
        while _size(cut) > limit - reserve - 40:
            cut = cut[: len(cut) - (_size(cut) - (limit - reserve - 40))]
        cut = cut[: cut.rfind("\n") + 1] if "\n" in cut else cut
        opened = cut.count("<details") - cut.count("</details>")
        body = cut + "\n" + "</details>\n" * max(opened, 0)
        return body + _pointer(max(hidden, 1), full_report_url)
    while lo < hi:  # largest cap that fits
        mid = (lo + hi + 1) // 2
        got = fits(mid)
        if got is not None:
            lo, best = mid, got
        else:
            hi = mid - 1
    body, hidden = best
    return body + _pointer(hidden, full_report_url)
