"""A diff report as a pull-request comment.

* starts with the hidden :data:`MARKER` so a workflow can find and update its one sticky
  comment; then a summary line and collapsible ``<details>`` sections: service paths,
  reachability grouped by cause, security rules and route tables open; resources, lint
  findings, expectations and diagrams folded;
* every spec text goes through :mod:`.blocks` (escaped, mentions and autolinks neutralised);
* fits GitHub's 65,536-character comment limit (counted in UTF-16 units, to be safe): when
  the whole report does not fit, each table and list is cut to the largest number of rows
  that fits (the same for all), each cut says how many rows it left out, and a note points to
  the full report;
* deterministic: no dates, no absolute paths; the same report gives the same bytes.
"""

from __future__ import annotations

from typing import Any

from ...diff.report import MARKER, DiffReport
from ..escape import html_text, terminal
from .blocks import Budget, cell, clip, code, details, left_out, plural, table, text
from .flow_sections import reachability, security_rules, service_paths
from .labels import CHANGE_ICONS, FINDING_ICONS, association_text, row_cells, severity_icon, table_title

COMMENT_LIMIT = 65_536
DEFAULT_POINTER = ("the full report is in the `vpcdocs-diff` artifact of the workflow run, "
                   "or run `vpcdocs diff` locally")


def _size(value: str) -> int:
    """Length as GitHub may count it: UTF-16 code units (an emoji counts twice), never less
    than the number of characters."""
    return len(value.encode("utf-16-le")) // 2


def _routes(report: DiffReport, budget: Budget) -> list[str]:
    body: list[str] = []
    tables, left_tables = budget.take(list(report.routes))
    for t in tables:
        body += [f"**{text(table_title(t))}**", ""]
        assoc = association_text(t)
        if assoc:
            body += [f"Associations: {text(assoc)}", ""]
        if t.rows:
            rows = []
            for rc in t.rows:
                dest, target, origin, state = row_cells(rc)
                rows.append([CHANGE_ICONS[rc.change], cell(dest), cell(target), cell(origin), cell(state)])
            body += table(["change", "destination", "target", "origin", "state"], rows, budget)
            body.append("")
    if left_tables:
        body += [left_out(left_tables, "route table"), ""]
    title = (f"Route tables — {plural(len(report.route_rows), 'row')} changed in "
             f"{plural(len(report.routes), 'table')}")
    return details(title, body, open_=True)


def _resources(report: DiffReport, budget: Budget) -> list[str]:
    rows = []
    for r in report.resources:
        changes = "<br>".join(cell(f.text()) for f in r.fields) if r.fields else " "
        rows.append([CHANGE_ICONS[r.change], text(r.kind), code(r.id), code(r.vpc) if r.vpc else " ", changes])
    counts: dict[str, int] = report.counts()["resources"]  # type: ignore[assignment]
    title = "Resources — " + ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    return details(title, table(["change", "kind", "id", "VPC", "fields"], rows, budget))


def _findings(report: DiffReport, budget: Budget) -> list[str]:
    rows = []
    for change, items in (("introduced", report.findings.introduced), ("resolved", report.findings.resolved)):
        for f in items:
            where = cell(f.location) if f.location and change == "introduced" else " "
            rows.append([FINDING_ICONS[change], severity_icon(f.severity), code(f.code),
                         code(f.resource) if f.resource else " ", cell(f.message), where])
    for was, now in report.findings.reworded:
        rows.append([FINDING_ICONS["reworded"], severity_icon(now.severity), code(now.code), code(now.resource or ""),
                     f"{cell(now.message)}<br><sub>was: {cell(was.message)}</sub>",
                     cell(now.location) if now.location else " "])
    title = (f"Lint findings — {len(report.findings.introduced)} introduced, "
             f"{len(report.findings.resolved)} resolved")
    if report.findings.reworded:
        title += f", {len(report.findings.reworded)} reworded"
    return details(title, table(["change", "severity", "code", "resource", "message", "where"], rows, budget))


def _expectations(report: DiffReport, budget: Budget) -> list[str]:
    rows = [[CHANGE_ICONS["added"], cell(e)] for e in report.expectations_added]
    rows += [[CHANGE_ICONS["removed"], cell(e)] for e in report.expectations_removed]
    return details("Expectations (<code>expect:</code>)", table(["change", "flow"], rows, budget))


def _diagrams(report: DiffReport, diagrams_url: str | None) -> list[str]:
    body = ["🟢 added · 🔴 removed (dashed) · 🟠 changed", ""]
    for d in report.diagrams:
        if diagrams_url:
            url = diagrams_url.rstrip("/") + "/" + d.name
            body += [f"**{text(d.title)}**", "", f'<img src="{html_text(url)}" alt="{html_text(d.title)}">', ""]
        else:
            body.append(f"- {text(d.title)}: {code(d.name)}")
    return details(f"Diagrams — {len(report.diagrams)} changed", body)


def _render(report: DiffReport, cap: int | None, diagrams_url: str | None, title: str,
            preface: str | None = None, expect_warning: bool = True) -> tuple[str, int]:
    budget = Budget(cap)
    out = [MARKER, f"### {text(title)}", "",
           f"{code(report.base)} → {code(report.head)}: **{text(report.summary())}**", ""]
    if preface:  # the caller's own markdown (never spec text)
        out += [preface, ""]
    for err in report.errors:
        out.append(f"> [!CAUTION]\n> The {err.side} specs ({text(err.label)}) do not load:")
        shown, left = budget.take(list(err.diagnostics))
        for d in shown:
            out.append(f"> - {code(str(d.location))} {code(d.code)} {text(clip(str(d.message)))}")
        if left:
            out.append(f"> - … and {left} more")
        out.append("")
    if expect_warning and report.unexpected_reachability_change:
        out += ["> [!WARNING]", "> Flows start or stop working, but the <code>expect:</code> list was not "
                "updated in this change. Add or adjust <code>expect:</code> entries for the flows below if "
                "the change is intended.", ""]
    if report.services:
        out += service_paths(report, budget)
    if report.reachability:
        out += reachability(report, budget)
    if report.rules:
        out += security_rules(report, budget)
    if report.routes:
        out += _routes(report, budget)
    if report.resources:
        out += _resources(report, budget)
    if report.findings:
        out += _findings(report, budget)
    if report.expectations_added or report.expectations_removed:
        out += _expectations(report, budget)
    if report.diagrams:
        out += _diagrams(report, diagrams_url)
    if report.notes:
        out += [f"<sub>{text(n)}</sub>" for n in report.notes]
        out.append("")
    return terminal("\n".join(out).rstrip("\n") + "\n"), budget.hidden


def _pointer(hidden: int, full_report_url: str | None) -> str:
    where = f"[the full report]({html_text(full_report_url)})" if full_report_url else DEFAULT_POINTER
    return (f"\n> [!NOTE]\n> This comment is cut to fit GitHub's comment limit ({hidden} item"
            f"{'s' if hidden != 1 else ''} left out); {where}.\n")


def _largest(report: DiffReport) -> int:
    sizes = [len(report.resources), len(report.routes), len(report.route_rows), len(report.reachability),
             len(report.groups), len(report.services), len(report.rules), len(report.rule_flows),
             len(report.findings.introduced) + len(report.findings.resolved) + len(report.findings.reworded)]
    return max(sizes + [1])


def render_markdown(report: DiffReport, *, full_report_url: str | None = None, diagrams_url: str | None = None,
                    limit: int = COMMENT_LIMIT, title: str = "vpcdocs diff", preface: str | None = None,
                    expect_warning: bool = True, **_options: Any) -> str:
    """The comment; at most ``limit`` characters. ``preface``: a markdown paragraph of the
    caller's under the summary (e.g. what added / removed mean in a drift report);
    ``expect_warning``: warn when flows move but ``expect:`` did not (a review's concern)."""
    body, _ = _render(report, None, diagrams_url, title, preface, expect_warning)
    if _size(body) <= limit:
        return body
    reserve = _size(_pointer(10**9, full_report_url))

    def fits(cap: int) -> tuple[str, int] | None:
        got, hidden = _render(report, cap, diagrams_url, title, preface, expect_warning)
        return (got, hidden) if _size(got) + reserve <= limit else None

    lo, hi = 0, _largest(report)
    best = fits(0)
    if best is None:  # even headers alone do not fit: cut the text itself at a line boundary
        got, hidden = _render(report, 0, diagrams_url, title, preface, expect_warning)
        room = limit - reserve - 40
        cut = got[:room]
        while _size(cut) > room:
            cut = cut[: len(cut) - (_size(cut) - room)]
        cut = cut[: cut.rfind("\n") + 1] if "\n" in cut else cut
        opened = cut.count("<details") - cut.count("</details>")
        return cut + "\n" + "</details>\n" * max(opened, 0) + _pointer(max(hidden, 1), full_report_url)
    while lo < hi:  # largest cap that fits
        mid = (lo + hi + 1) // 2
        found = fits(mid)
        if found is not None:
            lo, best = mid, found
        else:
            hi = mid - 1
    return best[0] + _pointer(best[1], full_report_url)
