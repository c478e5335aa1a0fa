"""The lifecycle vocabulary, in one place: which AWS states of which objects carry traffic.

Every stage asks :func:`usable` (routing for blackhole states, reachability for the path,
lint for findings, the site for badges); nobody keeps a list of states of their own. States
are compared case-insensitively and without separators, so ``pendingAcceptance``,
``pending-acceptance`` and ``PENDING_ACCEPTANCE`` are one state.

Sources: RS-2 (what makes a route blackhole), PEER-7, TGW-10, GWE-3, VGW-1, V6-4, NAT-1.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

# kind -> states in which the object forwards traffic
USABLE_STATES: Final[dict[str, frozenset[str]]] = {
    # NAT-1, RS-2: a deleted or failed NAT gateway blackholes its routes; a pending one is
    # being created and is treated as about to work (its routes are active).
    "nat-gateway": frozenset({"available", "pending"}),
    # PEER-7: only an active peering carries traffic.
    "peering": frozenset({"active"}),
    # GWE-3: a deleted/failed gateway endpoint no longer adds its route.
    "gateway-endpoint": frozenset({"available", "pending"}),
    # interface endpoints: pendingAcceptance / rejected / failed / deleted carry nothing.
    "interface-endpoint": frozenset({"available", "pending"}),
    # TGW-10: attachments carry traffic while available or being modified; a pending one is
    # being created and, like a pending NAT gateway, is treated as about to work.
    "tgw-attachment": frozenset({"available", "modifying", "pending"}),
    # VGW-1: a VGW forwards for the VPC it is attached to.
    "vpn-gateway": frozenset({"attached", "available"}),
    # BAD_STATE_VPN: a VPN connection that is not available carries nothing.
    "vpn-connection": frozenset({"available"}),
    "direct-connect-gateway": frozenset({"available", "associated"}),
    # V6-4: an egress-only internet gateway attached to its VPC.
    "egress-only-internet-gateway": frozenset({"attached", "available"}),
    "internet-gateway": frozenset({"attached", "available"}),
    # RS-2: a stopped or terminated instance blackholes routes to it and answers nothing.
    "instance": frozenset({"running", "pending"}),
    "network-interface": frozenset({"in-use", "available", "attaching", "associated"}),
    "transit-gateway": frozenset({"available", "modifying", "pending"}),
    "prefix-list": frozenset({"create-complete", "modify-complete", "modify-in-progress", "available",
                              "restore-complete", "create-in-progress"}),
}

# The state a spec object has when the spec does not say.
DEFAULT_STATE: Final[dict[str, str]] = {
    "nat-gateway": "available",
    "peering": "active",
    "gateway-endpoint": "available",
    "interface-endpoint": "available",
    "tgw-attachment": "available",
    "vpn-gateway": "attached",
    "vpn-connection": "available",
    "direct-connect-gateway": "available",
    "egress-only-internet-gateway": "attached",
    "internet-gateway": "attached",
    "instance": "running",
    "network-interface": "in-use",
    "transit-gateway": "available",
    "prefix-list": "create-complete",
}


@lru_cache(maxsize=4096)
def normalise_state(state: str) -> str:
    """``pendingAcceptance`` / ``pending_acceptance`` / ``Pending-Acceptance`` → ``pending-acceptance``."""
    out = []
    for i, ch in enumerate(state.strip()):
        if ch in "_ ":
            out.append("-")
        elif ch.isupper() and i and out and out[-1] != "-":
            out.append("-" + ch.lower())
        else:
            out.append(ch.lower())
    return "".join(out)


@lru_cache(maxsize=4096)
def usable(kind: str, state: str | None) -> bool:
    """True when an object of ``kind`` in ``state`` forwards traffic (None: the default state)."""
    states = USABLE_STATES.get(kind)
    if states is None:
        return True
    if state is None:
        return True
    return normalise_state(state) in states
