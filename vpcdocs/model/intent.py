"""Declared intent: flows the spec author says must (or must not) work."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import UNKNOWN_LOCATION, Location


@dataclass(frozen=True)
class Expectation:
    """A flow the spec author declares (network tests as code). ``protocol``/``port`` narrow
    the flow (default: any traffic some rule allows)."""

    source: str
    destination: str
    reachable: bool | None = True
    via: str | None = None
    port: int | None = None
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)
    description: str | None = None
    protocol: str | None = None
