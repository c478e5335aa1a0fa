"""What every model object shares: its spec id, where it was written, and its AWS identity.

The model is typed and immutable: frozen dataclasses that refer to each other by spec id
(the key the user wrote in YAML). The :class:`~vpcdocs.model.topology.Topology` holds them
all and answers look-ups. Nothing in ``vpcdocs.model`` computes network facts: those live in
the data plane (:mod:`vpcdocs.routing`); questions about them in :mod:`vpcdocs.analysis`.

Rule IDs in comments refer to ``aws-networking-rules.md`` (see docs/rules.md).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import TypeAlias

from ..diagnostics import UNKNOWN_LOCATION, Location

IPNetwork: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Suppression:
    """A lint finding the spec author silenced on purpose, with the reason (required)."""

    code: str
    reason: str
    loc: Location = UNKNOWN_LOCATION


@dataclass(frozen=True)
class Resource:
    """Fields every spec resource has. ``id`` is the spec key; ``aws_id`` the optional real id."""

    id: str
    loc: Location = field(default=UNKNOWN_LOCATION, compare=False)
    name: str | None = None
    description: str | None = None
    aws_id: str | None = None
    tags: tuple[tuple[str, str], ...] = ()
    suppress: tuple[Suppression, ...] = ()

    @property
    def label(self) -> str:
        """What to show a person: the display name, else the id."""
        return self.name or self.id


@dataclass(frozen=True)
class VpcResource(Resource):
    """A resource that lives in one VPC."""

    vpc: str = ""
