"""A diff report for a terminal: ``+`` added / now reachable, ``-`` removed / no longer, ``~`` changed."""

from __future__ import annotations

from .labels import CHANGE_MARKS, REACH_MARKS, association_text, row_cells, table_title


def render_text(report, **_options) -> str:
    out = [f"vpcdocs diff: {report.base} → {report.head}", report.summary()]

    def section(title: str) -> None:
        out.append("")
        out.append(title)

    for err in report.errors:
        section(f"Spec errors ({err.side}: {err.label})")
        for d in err.diagnostics:
            out.append(f"  {d.location}: error[{d.code}]: {d.message}")

    if report.unexpected_reachability_change:
        section("Warning: flows start or stop working, but the expect: list was not updated")

    if report.reachability:
        section("Reachability")
        for r in report.reachability:
            line = f"  {REACH_MARKS[r.change]} {r.text()}"
            if r.level == "vpc":
                line += "  [VPC level]"
            out.append(line)
            if r.reason:
                out.append(f"      {r.reason}")

    if report.routes:
        section("Route tables")
        for t in report.routes:
            out.append(f"  {table_title(t)}")
            for rc in t.rows:
                dest, target, origin, state = row_cells(rc)
                extra = f"  [{origin}]" + ("" if state == "active" else f" {state}")
                out.append(f"    {CHANGE_MARKS[rc.change]} {dest} → {target}{extra}")
            assoc = association_text(t)
            if assoc:
                out.append(f"    {assoc}")

    if report.resources:
        section("Resources")
        for r in report.resources:
            where = f" (in {r.vpc})" if r.vpc and r.vpc != r.id else ""
            out.append(f"  {CHANGE_MARKS[r.change]} {r.kind} {r.id}{where}")
            for f in r.fields:
                out.append(f"      {f.text()}")

    if report.findings.introduced or report.findings.resolved:
        section("Lint findings")
        for f in report.findings.introduced:
            out.append(f"  + {f.severity}[{f.code}]: {f.message}" + (f"  ({f.location})" if f.location else ""))
        for f in report.findings.resolved:
            out.append(f"  - {f.severity}[{f.code}]: {f.message}")

    if report.expectations_added or report.expectations_removed:
        section("Expectations (expect:)")
        out += [f"  + {e}" for e in report.expectations_added]
        out += [f"  - {e}" for e in report.expectations_removed]

    if report.diagrams:
        section("Diff diagrams")
        out += [f"  {d.name}: {d.title}" for d in report.diagrams]

    if report.notes:
        section("Notes")
        out += [f"  {n}" for n in report.notes]
    return "\n".join(out) + "\n"
