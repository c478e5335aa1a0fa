"""One findings pipeline: loader warnings, the lint catalogue, the declared flows (``expect:``)
and the spec's suppressions, in one sorted list.

``vpcdocs check``, the site's Findings page and the PR diff all call :func:`collect_findings`,
so a finding suppressed in one place is suppressed everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostic, Severity, sort_diagnostics
from ..model import Topology
from .lint import run_lint
from .reach import check_expectations


def collect_findings(topology: Topology | None, loader_diagnostics: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
    """Every finding for a loaded topology. Rule checks need a complete model: when the
    loader reported errors (``topology`` None or errors among ``loader_diagnostics``), only the
    loader's diagnostics are returned."""
    loaded = list(loader_diagnostics)
    if topology is None or any(d.severity == Severity.ERROR for d in loaded):
        return sort_diagnostics(loaded)
    return sort_diagnostics([*loaded, *run_lint(topology, extra=check_expectations(topology))])
