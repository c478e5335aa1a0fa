"""The comment's sections about consequences: service paths, flows grouped by cause, and
security-group / NACL rule changes with the flows they open or close."""

from __future__ import annotations

from ...diff.causes import FlowGroup
from ...diff.flows import FlowState, ReachChange
from ...diff.report import DiffReport
from ...diff.rules import RuleChange
from .blocks import Budget, cell, code, codes, details, html, left_out, plural, table
from .labels import CHANGE_ICONS, FLOW_ICONS, STATE_ICONS, severity_icon

FLOW_HEADER = ["flow", "was", "now"]
GROUP_VERBS = {"opened": "opens", "closed": "closes", "path": "re-routes", "blocked": "still blocks"}


def state_cell(state: FlowState) -> str:
    """``✅ reachable via pcx-a-b`` / ``⛔ blocked (no-route): <the engine's reason>``."""
    return f"{STATE_ICONS[state.reachable]} {cell(state.text())}"


def flow_row(f: ReachChange) -> list[str]:
    """``VPC vpc-b → vpc-c`` (VPC level) / ``b-app → c-app``, was, now."""
    level = "VPC " if f.level == "vpc" else ""
    return [f"{level}{code(f.source)} → {code(f.destination)}", state_cell(f.before), state_cell(f.after)]


# --------------------------------------------------------------------------- service paths


def service_paths(report: DiffReport, budget: Budget) -> list[str]:
    rows = []
    for s in report.services:
        rows.append([severity_icon(s.severity), codes(list(s.subnets)) + f" ({code(s.vpc)})", code(s.service),
                     cell(s.before.text()), cell(s.after.text()),
                     "<br>".join(cell(c) for c in s.consequences) or " "])
    n = len(report.services)
    body = ["How these subnets' traffic to AWS services leaves, before and after this change.", "",
            *table(["", "subnets", "service", "was", "now", "what follows"], rows, budget)]
    return details(f"Service paths — {plural(n, 'change')}", body, open_=True)


# --------------------------------------------------------------------------- flows by cause


def group_summary(g: FlowGroup, limit: int = 3) -> str:
    """``🔴 pcx-a-b (peering, removed) closes vpc-a ↔ vpc-b: 2 VPC pairs, 4 subnet pairs`` as HTML."""
    pairs = g.vpc_pairs
    shown = ", ".join(html(p) for p in pairs[:limit]) + (f" and {len(pairs) - limit} more" if len(pairs) > limit
                                                         else "")
    if g.cause.id:
        who = f"{code(g.cause.id)} ({html(g.cause.kind.replace('-', ' '))}, {html(g.cause.change)})"
    else:
        who = "other changes"
    return f"{FLOW_ICONS[g.change]} {who} {GROUP_VERBS[g.change]} {shown}: {html(g.counts())}"


def reachability(report: DiffReport, budget: Budget) -> list[str]:
    body: list[str] = ["Flows (any traffic some rule allows) grouped by the change that explains them; "
                       "<b>was</b> and <b>now</b> say what the reachability engine answers on each side.", ""]
    groups, left = budget.take(list(report.groups))
    for g in groups:
        rows = [flow_row(f) for f in g.flows]
        body += details(group_summary(g), table(FLOW_HEADER, rows, budget), bold=False)
    if left:
        body += [left_out(left, "group"), ""]
    n = len(report.reachability)
    causes = plural(len(report.groups), "cause")
    return details(f"Reachability — {plural(n, 'flow')} changed ({causes})", body, open_=True)


# --------------------------------------------------------------------------- security rules


def rule_summary(r: RuleChange) -> str:
    what = "security group" if r.kind == "security-group" else "network ACL"
    moved: dict[str, int] = {}
    for f in r.flows:
        moved[f.change] = moved.get(f.change, 0) + 1
    words = {"opened": "opens", "closed": "closes", "path": "re-routes", "blocked": "still blocked, by another rule:"}
    if moved:
        effect = ", ".join(f"{words[k]} {plural(v, 'flow')}" for k, v in sorted(moved.items()))
    else:
        effect = f"no flow changes ({plural(r.pairs, 'pair')} asked)"
    how = "" if r.isolated else ", compared with the base"
    return (f"{CHANGE_ICONS[r.change]} {html(what)} {code(r.id)} ({code(r.vpc)}) {html(r.direction)}: "
            f"{code(r.rule)} — {html(effect)} <sub>{html(r.traffic)}{how}</sub>")


def security_rules(report: DiffReport, budget: Budget) -> list[str]:
    body: list[str] = ["Each changed rule with the flows it opens or closes on its own (this change with "
                       "and without the rule), asked with the traffic the rule names.", ""]
    rules, left = budget.take(list(report.rules))
    for r in rules:
        if not r.flows:
            body += [f"- {rule_summary(r)}", ""]
            continue
        rows = [flow_row(f) for f in r.flows]
        extra = [f"{r.left_out} more pairs were not asked."] if r.left_out else []
        body += details(rule_summary(r), table(FLOW_HEADER, rows, budget) + extra, bold=False)
    if left:
        body += [left_out(left, "rule"), ""]
    flows = sum(len(r.flows) for r in report.rules)
    return details(f"Security rules — {plural(len(report.rules), 'rule')} changed, "
                   f"{plural(flows, 'flow')} affected", body, open_=True)
