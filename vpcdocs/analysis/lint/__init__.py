"""The lint catalogue: AWS rule checks over a loaded topology.

``run_lint(topology)`` runs every registered check (one module per area), drops the findings
the spec suppresses on purpose, reports suppressions that name an unknown code or silence
nothing, and returns the findings sorted and de-duplicated. Codes, severities, AWS rule IDs,
documentation URLs and hints live in :mod:`.catalogue`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...diagnostics import UNKNOWN_LOCATION, Diagnostic, Location, Severity, sort_diagnostics
from ...model import Resource, Suppression, Topology
from . import (  # noqa: F401  (importing a module registers its checks)
    cidr,
    endpoint_services,
    gateway_endpoints,
    hybrid,
    interface_endpoints,
    ipv6,
    nacls,
    nat,
    peering,
    route_state,
    route_tables,
    security_groups,
    tgw_return,
    transit_gateways,
)
from .catalogue import RULES, LintRule, all_rules, get_rule, render_rules_markdown, render_rules_text  # noqa: F401
from .registry import CHECKS, LintContext

__all__ = ["run_lint", "raw_findings", "apply_suppressions", "RULES", "LintRule", "all_rules", "get_rule",
           "render_rules_markdown", "render_rules_text", "CHECKS"]


def raw_findings(topology: Topology) -> list[Diagnostic]:
    """Every check's findings, before suppressions. A check that crashes on a half-built
    topology reports ``L-INTERNAL`` instead of raising."""
    ctx = LintContext(topology)
    out: list[Diagnostic] = []
    for check in CHECKS:
        try:
            out.extend(check(ctx))
        except Exception as exc:  # never a traceback for the user
            out.append(Diagnostic("L-INTERNAL", Severity.ERROR,
                                  f"lint check {check.__module__.rsplit('.', 1)[-1]}.{check.__name__} failed: "
                                  f"{type(exc).__name__}: {exc}",
                                  hint="this is a bug in vpcdocs; please report it with the spec"))
    return out


def apply_suppressions(topology: Topology, findings: Iterable[Diagnostic], *,
                       reachability_checked: bool = False) -> list[Diagnostic]:
    """Drop findings silenced by a ``suppress`` entry on the resource they are about; add
    ``L-SUPPRESS-UNKNOWN`` / ``L-SUPPRESS-UNUSED`` warnings for entries that are wrong or stale.

    Suppressions of flow codes (L-PEER-TRANSITIVE, L-PEER-EDGE) count as unused only when
    ``reachability_checked`` says those findings are part of ``findings``.
    """
    findings = list(findings)
    by_key: dict[tuple[str, str], list[tuple[Resource, Suppression]]] = {}
    extra: list[Diagnostic] = []
    for _kind, res in topology.iter_resources():
        for sup in res.suppress:
            rule = RULES.get(sup.code)
            if rule is None or rule.code.startswith("L-SUPPRESS-"):
                extra.append(Diagnostic(
                    "L-SUPPRESS-UNKNOWN", RULES["L-SUPPRESS-UNKNOWN"].severity,
                    f"suppression on '{res.id}' names unknown lint code '{sup.code}'", _loc(sup, res),
                    hint=_did_you_mean(sup.code) or RULES["L-SUPPRESS-UNKNOWN"].hint, resource=res.id))
                continue
            by_key.setdefault((res.id, sup.code), []).append((res, sup))
    used: set[tuple[str, str]] = set()
    kept = []
    for d in findings:
        key = (d.resource or "", d.code)
        if d.resource and key in by_key and not d.code.startswith("L-SUPPRESS-"):
            used.add(key)
            continue
        kept.append(d)
    for key, entries in by_key.items():
        if key in used:
            continue
        rule = RULES[key[1]]
        if rule.status == "reachability" and not reachability_checked:
            continue
        for res, sup in entries:
            extra.append(Diagnostic(
                "L-SUPPRESS-UNUSED", RULES["L-SUPPRESS-UNUSED"].severity,
                f"suppression of {sup.code} on '{res.id}' silences nothing", _loc(sup, res),
                hint=RULES["L-SUPPRESS-UNUSED"].hint, resource=res.id))
    return sort_diagnostics(kept + extra)


def run_lint(topology: Topology, extra: Iterable[Diagnostic] | None = None) -> list[Diagnostic]:
    """Lint ``topology``: sorted findings with suppressions applied.

    ``extra`` — findings from elsewhere that the spec's suppressions should also apply to
    (the reachability engine's flow findings); passing it marks flow codes as checked.
    """
    findings = raw_findings(topology)
    if extra is not None:
        findings += list(extra)
    return apply_suppressions(topology, findings, reachability_checked=extra is not None)


def _did_you_mean(code: str) -> str | None:
    from ...diagnostics import did_you_mean

    return did_you_mean(code, RULES)


def _loc(sup: Suppression, res: Resource) -> Location:
    return sup.loc if sup.loc != UNKNOWN_LOCATION else res.loc
