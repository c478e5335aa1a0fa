"""The typed, immutable network model every later stage consumes."""

from .lifecycle import normalise_state, usable
from .resources import *  # noqa: F403
from .resources import __all__ as _resources_all
from .topology import KIND_CLASSES, KINDS, Kind, Topology

__all__ = [*_resources_all, "KINDS", "KIND_CLASSES", "Kind", "Topology", "normalise_state", "usable"]
