"""A diff report for a terminal: ``+`` added / now reachable, ``-`` removed / no longer,
``~`` changed. Every line is escaped for terminals (:func:`vpcdocs.render.escape.terminal`)."""

from __future__ import annotations

from typing import Any

from ...diff.flows import ReachChange
from ...diff.report import DiffReport
from ..escape import terminal
from .labels import CHANGE_MARKS, REACH_MARKS, association_text, row_cells, table_title, was_now


def _flow_lines(f: ReachChange, indent: str) -> list[str]:
    level = "  [VPC level]" if f.level == "vpc" else ""
    was, now = was_now(f.before, f.after)
    return [f"{indent}{REACH_MARKS[f.change]} {f.source} → {f.destination}{level}",
            f"{indent}    was: {was}", f"{indent}    now: {now}"]


def render_text(report: DiffReport, title: str = "vpcdocs diff", preface: str | None = None,
                expect_warning: bool = True, **_options: Any) -> str:
    out = [f"{title}: {report.base} → {report.head}", report.summary()]
    if preface:
        out += ["", preface.replace("**", "")]

    def section(name: str) -> None:
        out.append("")
        out.append(name)

    for err in report.errors:
        section(f"Spec errors ({err.side}: {err.label})")
        for d in err.diagnostics:
            out.append(f"  {d.location}: error[{d.code}]: {d.message}")

    if expect_warning and report.unexpected_reachability_change:
        section("Warning: flows start or stop working, but the expect: list was not updated")

    if report.services:
        section("Service paths")
        for s in report.services:
            out.append(f"  {s.severity}: {s.service} from {', '.join(s.subnets)} ({s.vpc})")
            out.append(f"      was: {s.before.text()}")
            out.append(f"      now: {s.after.text()}")
            out += [f"      - {c}" for c in s.consequences]

    if report.reachability:
        section("Reachability")
        for g in report.groups:
            out.append(f"  {g.title()}")
            for f in g.flows:
                out += _flow_lines(f, "    ")

    if report.rules:
        section("Security rules")
        for r in report.rules:
            moved = f"{len(r.flows)} flow{'s' if len(r.flows) != 1 else ''} changed" if r.flows else \
                f"no flow changes ({r.pairs} pair{'s' if r.pairs != 1 else ''} asked)"
            out.append(f"  {CHANGE_MARKS[r.change]} {r.kind} {r.id} ({r.vpc}) {r.direction}: {r.rule} — {moved}"
                       f" [{r.traffic}]")
            for f in r.flows:
                out += _flow_lines(f, "    ")
            if r.left_out:
                out.append(f"    … {r.left_out} more pairs not asked")

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
        for res in report.resources:
            where = f" (in {res.vpc})" if res.vpc and res.vpc != res.id else ""
            out.append(f"  {CHANGE_MARKS[res.change]} {res.kind} {res.id}{where}")
            for fc in res.fields:
                out.append(f"      {fc.text()}")

    if report.findings:
        section("Lint findings")
        for fi in report.findings.introduced:
            out.append(f"  + introduced {fi.severity}[{fi.code}]: {fi.message}"
                       + (f"  ({fi.location})" if fi.location else ""))
        for fi in report.findings.resolved:
            out.append(f"  - resolved {fi.severity}[{fi.code}]: {fi.message}")
        for was, now in report.findings.reworded:
            out.append(f"  ~ reworded {now.severity}[{now.code}] on {now.resource}: {now.message}"
                       + (f"  ({now.location})" if now.location else ""))
            out.append(f"      was: {was.message}")

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
    return terminal("\n".join(out) + "\n")
