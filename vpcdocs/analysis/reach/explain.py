"""Answers in words: one sentence per disposition and cause, true for that case.

The only place reachability prose is made (renderers call :func:`reason` and
:func:`assumption_text`); nothing parses it back. Each sentence names the first blocking
element, why it blocks, the rule ID, and where it helps, the fix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .dispositions import Disposition

if TYPE_CHECKING:
    from .results import Answer, Blocker

ASSUMPTIONS = {
    "source-no-interface": "no workload is declared at the source: its security groups are not evaluated, NACL "
                           "rules are matched for the most favourable address of its subnet",
    "destination-no-interface": "no workload is declared at the destination: its security groups are not "
                                "evaluated, NACL rules are matched for the most favourable address of its subnet",
    "source-public-ip": "assumes the source host has a public IPv4 address (the spec declares no workload there)",
    "destination-public-ip": "assumes the destination host has a public IPv4 address (the spec declares no "
                             "workload there)",
    "provider-side-unchecked": "the provider side behind the load balancer's listener is not evaluated",
    "replies-outside-unchecked": "replies from outside the spec are assumed to come back the same way",
}


ASSUMPTIONS["no-interfaces"] = ("no workload is declared at either end: security groups there are not "
                                 "evaluated, NACL rules are matched for the most favourable address of each subnet")


def assumption_text(key: str) -> str:
    return ASSUMPTIONS.get(key, key)


def assumption_lines(keys: tuple[str, ...]) -> list[str]:
    """The assumptions of an answer in words, the two "no workload" ones said once."""
    keys_list = list(keys)
    if "source-no-interface" in keys_list and "destination-no-interface" in keys_list:
        keys_list = ["no-interfaces"] + [k for k in keys_list if k not in ("source-no-interface",
                                                                          "destination-no-interface")]
    return [assumption_text(k) for k in keys_list]


def _list(text: str) -> str:
    items = [x for x in text.split(",") if x]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _hint_route(b: Blocker, peer_cidr_of: str, via: str) -> str:
    return f"add a route for {peer_cidr_of}'s CIDR to {via}"


def _lead(b: Blocker) -> str:
    """How the packet went wrong before the missing link: no route at all, or a route that
    sends it to a gateway that cannot carry it."""
    g = b.get
    if g("igw"):
        return (f"route {g('route')} in {g('table')} sends {g('dest')} to the internet gateway {g('igw')}, but "
                f"private addresses are not routed on the internet")
    if g("nat"):
        return (f"route {g('route')} in {g('table')} sends the replies to {g('dest')} to NAT gateway {g('nat')}, "
                f"which would change their source address")
    return f"no route in {g('table')} for {g('dest')}"


def _no_route(b: Blocker) -> str:
    g = b.get
    base = f"no route in {g('table')} for {g('dest')}"
    if g("service"):
        return f"{base} — add a gateway endpoint for {g('service')} on {g('table')}, or a default route to a NAT gateway"
    if g("internet"):
        return f"{base} (no {g('default')} route) — add a default route to an internet or NAT gateway"
    return base


def _peering_no_route(b: Blocker) -> str:
    g = b.get
    routed = g("routed")
    if routed:
        return (f"{_lead(b)} — {g('table')} sends only {_list(routed)} to {g('peering')}, not {g('dest')} "
                f"(PEER-5); {_hint_route(b, g('peer'), g('peering'))}")
    return (f"{_lead(b)} — {g('peering')} connects {g('vpc')} and {g('peer')} but {g('table')} has no route to it "
            f"(PEER-5); {_hint_route(b, g('peer'), g('peering'))}")


def _tgw_no_route_vpc(b: Blocker) -> str:
    g = b.get
    routed = g("routed")
    if routed:
        return (f"{_lead(b)} — {g('table')} sends only {_list(routed)} to {g('tgw')}, not {g('dest')} (TGW-3); "
                f"{_hint_route(b, g('peer'), g('tgw'))}")
    return (f"{_lead(b)} — {g('vpc')} and {g('peer')} are both attached to {g('tgw')} but {g('table')} has no route "
            f"to it (TGW-3); {_hint_route(b, g('peer'), g('tgw'))}")


def _not_transitive(b: Blocker) -> str:
    g = b.get
    if g("peering"):
        return (f"route {g('route')} in {g('table')} sends {g('dest')} to {g('peering')}, which ends in {g('peer')}; "
                f"{g('dest')} is in {g('owner')} and VPC peering is not transitive (PEER-1); peer {g('vpc')} and "
                f"{g('owner')} directly or use a transit gateway")
    return (f"{_lead(b)} — VPC peering is not transitive (PEER-1): {g('vpc')} and "
            f"{g('owner')} are both peered with {g('hub')} only; peer {g('vpc')} and {g('owner')} directly or use a "
            f"transit gateway")


def _private_to_igw(b: Blocker) -> str:
    g = b.get
    why = ""
    if g("unconnected"):
        why = f" — {g('vpc')} and {g('peer')} are not connected (no peering, transit gateway or PrivateLink)"
    return (f"route {g('route')} in {g('table')} sends {g('dest')} to the internet gateway {g('igw')}, but private "
            f"addresses are not routed on the internet{why}")


def _tgw_no_route(b: Blocker) -> str:
    g = b.get
    text = f"no route in transit gateway route table {g('table')} for {g('dest')}"
    if g("owner_attachment"):
        text += (f" — {g('owner')} is attached to {g('tgw')} ({g('owner_attachment')}) but neither propagates into "
                 f"nor has a static route in {g('table')}; enable propagation of {g('owner_attachment')} to "
                 f"{g('table')}")
    return text


def _sg(b: Blocker) -> str:
    g = b.get
    way = "outbound to" if g("direction") == "egress" else "inbound from"
    groups = _list(g("groups"))
    text = (f"security group{'s' if ',' in g('groups') else ''} {groups} of {g('interface')} allow{'' if ',' in g('groups') else 's'} "
            f"no {g('traffic')} {way} {g('peer')} (SG-1: no rule allows it)")
    if b.cause == "sg-empty":
        text = (f"security group{'s' if ',' in g('groups') else ''} {groups} of {g('interface')} "
                f"{'have' if ',' in g('groups') else 'has'} no {'outbound' if g('direction') == 'egress' else 'inbound'} "
                f"rules at all (SG-1, SG-17)")
    if g("near_rule"):
        text += (f"; closest: rule {g('near_rule')} of {g('near_group')} allows {g('near_protocol')} "
                 f"{g('near_ports')} {'to' if g('direction') == 'egress' else 'from'} {g('near_peer')}")
    return text


def _nacl_request(b: Blocker) -> str:
    g = b.get
    way = "outbound to" if g("direction") == "egress" else "inbound from"
    rule = "the default deny rule *" if g("rule") == "*" else f"rule {g('rule')}"
    return (f"network ACL {g('acl')} of {g('subnet')} denies {g('traffic')} {way} {g('peer')}: {rule} decides "
            f"(NACL-2, NACL-3 — first match wins)")


def _nacl_reply(b: Blocker) -> str:
    g = b.get
    way = "outbound to" if g("direction") == "egress" else "inbound from"
    rule = "the default deny rule *" if g("rule") == "*" else f"rule {g('rule')}"
    port = f"{g('protocol')} port {g('port')}" if g("protocol") in ("tcp", "udp") else g("protocol")
    return (f"the request gets through but network ACL {g('acl')} of {g('subnet')} denies the replies {way} "
            f"{g('peer')} ({port}, part of the client's ephemeral range {g('ephemeral')}): {rule} decides — "
            f"network ACLs are stateless (NACL-1, NACL-10); allow the ephemeral ports for the replies")


WORDS: dict[str, Callable[[Blocker], str]] = {
    "no-route": _no_route,
    "no-route-table": lambda b: f"{b.get('subnet')} has no route table (RT-1, RT-2)",
    "not-connected": lambda b: (f"{_lead(b)} — {b.get('vpc')} and {b.get('peer')} are not connected (no "
                                f"peering, transit gateway or PrivateLink)"),
    "internet-peer-exit": lambda b: (f"no route in {b.get('table')} for {b.get('dest')} (no {b.get('default')} route) "
                                     f"— {b.get('peer')}'s internet and NAT gateways cannot be used across a peering "
                                     f"(PEER-2)"),
    "service-peer-endpoint": lambda b: (f"no route in {b.get('table')} for {b.get('service')} — {b.get('peer')}'s "
                                        f"gateway endpoint {b.get('endpoint')} cannot be used from a peered VPC "
                                        f"(PEER-2, GWE-6); add a gateway endpoint for {b.get('service')} in "
                                        f"{b.get('vpc')}"),
    "service-endpoint-not-associated": lambda b: (f"no route in {b.get('table')} for {b.get('service')} — gateway "
                                                  f"endpoint {b.get('endpoint')} is not associated with "
                                                  f"{b.get('table')} (GWE-7); add {b.get('table')} to its route "
                                                  f"tables"),
    "service-endpoint-other-region": lambda b: (f"no route in {b.get('table')} for {b.get('service')} in "
                                                f"{b.get('wanted')} — gateway endpoint {b.get('endpoint')} serves "
                                                f"{b.get('service')} in {b.get('region')} only (GWE-5); "
                                                f"{b.get('service')} in {b.get('wanted')} needs a route to a NAT or "
                                                f"internet gateway"),
    "reply-via-nat": lambda b: f"{_lead(b)}, so they never reach {b.get('dest')} as replies",
    "peering-no-route": _peering_no_route,
    "tgw-no-route-vpc": _tgw_no_route_vpc,
    "private-to-igw": _private_to_igw,
    "wrong-vpc": lambda b: (f"{b.get('dest')} is delivered inside {b.get('vpc')}, not {b.get('expected')}: their "
                            f"CIDRs overlap (PEER-3, PEER-6)"),
    "route-blackhole": lambda b: (f"route {b.get('route')} → {b.get('target')} in {b.get('table')} is a blackhole: "
                                  f"{b.get('state_reason') or 'its target is gone'} — traffic is dropped, not sent to "
                                  f"a less specific route (RT-BH-1)"),
    "tgw-route-blackhole": lambda b: (f"route {b.get('route')} in transit gateway route table {b.get('table')} is a "
                                      f"blackhole{': ' + b.get('reason') if b.get('reason') else ''}: traffic is "
                                      f"dropped (TGW-4)"),
    "tgw-no-route": _tgw_no_route,
    "tgw-not-associated": lambda b: (f"attachment {b.get('attachment')} is not associated with a route table of "
                                     f"{b.get('tgw')} (TGW-4) and {b.get('tgw')} has no default association table "
                                     f"(TGW-5)"),
    "tgw-no-attachment": lambda b: f"{b.get('vpc')} has no attachment to {b.get('tgw')} (TGW-3)",
    "tgw-peer-not-associated": lambda b: (f"TGW peering attachment {b.get('attachment')} has no associated route "
                                          f"table on {b.get('tgw')} (TGW-4)"),
    "tgw-wrong-attachment": lambda b: (f"route {b.get('route')} in transit gateway route table {b.get('table')} "
                                       f"sends {b.get('dest')} to {b.get('kind')} attachment {b.get('attachment')}, "
                                       f"not to {b.get('expected')} (TGW-6: most specific route first, then static > "
                                       f"VPC > Direct Connect > Connect > VPN propagations)"),
    "tgw-no-ipv6": lambda b: (f"attachment {b.get('attachment')} does not carry IPv6 (ipv6_support is off, V6-8)"),
    "attachment-unusable": lambda b: f"attachment {b.get('attachment')} is {b.get('state')} (TGW-10)",
    "attachment-no-subnets": lambda b: f"attachment {b.get('attachment')} of {b.get('vpc')} has no subnets (TGW-2)",
    "az-not-covered": lambda b: (f"{b.get('where')} is in {b.get('az')} but attachment {b.get('attachment')} to "
                                 f"{b.get('tgw')} has no subnet there (TGW-2; it covers "
                                 f"{_list(b.get('covered')) or 'no AZ'}); add a subnet in {b.get('az')} to the "
                                 f"attachment"),
    "not-transitive": _not_transitive,
    "peer-edge": lambda b: (f"route {b.get('route')} in {b.get('table')} sends {b.get('dest')} to "
                            f"{b.get('peering')}, but a peering only carries traffic to {b.get('peer')}'s own "
                            f"addresses: {b.get('peer')}'s internet gateway, NAT gateways and VPN cannot be used "
                            f"from {b.get('vpc')} (PEER-2: no edge-to-edge routing)"),
    "peer-gateway-endpoint": lambda b: (f"route {b.get('route')} in {b.get('table')} sends {b.get('dest')} to "
                                        f"{b.get('peering')}, but {b.get('peer')}'s gateway endpoints cannot be used "
                                        f"from a peered VPC (PEER-2, GWE-6); add a gateway endpoint in {b.get('vpc')}"),
    "tgw-to-peering": lambda b: (f"traffic that entered {b.get('vpc')} through a transit gateway cannot continue "
                                 f"over peering {b.get('peering')} (PEER-2: no edge-to-edge routing)"),
    "tgw-to-gateway-endpoint": lambda b: (f"gateway endpoint {b.get('endpoint')} in {b.get('vpc')} cannot be used by "
                                          f"traffic arriving through a transit gateway (GWE-6); use an interface "
                                          f"endpoint"),
    "tgw-untranslated-igw": lambda b: (f"traffic from another VPC arrives at {b.get('igw')} untranslated; an internet "
                                       f"gateway only carries its own VPC's addresses — send it through a NAT gateway "
                                       f"in {b.get('vpc')} first (NAT-1, TGW-7)"),
    "nat-other-vpc": lambda b: f"NAT gateway {b.get('nat')} is in {b.get('nat_vpc')}, not {b.get('vpc')} (PEER-2)",
    "vpn-to-nat": lambda b: "traffic from a VPN or Direct Connect cannot use a NAT gateway (NAT-1, VGW-8)",
    "private-nat-igw": lambda b: (f"{b.get('nat')} is a private NAT gateway: the internet gateway {b.get('igw')} "
                                  f"drops its traffic (NAT-1); use a public NAT gateway"),
    "nat-ipv6": lambda b: (f"NAT gateway {b.get('nat')} does not carry IPv6 (V6-5); route ::/0 to an egress-only "
                           f"internet gateway"),
    "eigw-inbound": lambda b: (f"{b.get('subnet')} answers the internet over IPv6 only through egress-only internet "
                               f"gateway {b.get('eigw')}, which refuses connections started from the internet (V6-4)"),
    "peering-inactive": lambda b: (f"peering {b.get('peering')} between {b.get('vpc')} and {b.get('peer')} is "
                                   f"{b.get('status')}, not active (PEER-7)"),
    "vgw-unknown-prefix": lambda b: (f"virtual private gateway {b.get('vgw')} knows no route for {b.get('dest')}: it "
                                     f"forwards only the prefixes its VPN connections and Direct Connect gateways "
                                     f"bring (VGW-2)"),
    "vgw-ipv6": lambda b: f"virtual private gateway {b.get('vgw')} carries IPv4 only (V6-8)",
    "loop": lambda b: f"routing loop: the packet comes back to {b.get('table') or b.at}",
    "unmodelled-target": lambda b: (f"route {b.get('route')} in {b.get('table')} hands the traffic to {b.get('target')} "
                                    f"({b.get('kind')}), which vpcdocs does not model; it cannot follow the path "
                                    f"further"),
    "unmodelled-attachment": lambda b: (f"transit gateway route {b.get('route')} in {b.get('table')} sends "
                                        f"{b.get('dest')} to {b.get('kind')} attachment {b.get('attachment')}, which "
                                        f"knows no route for it; vpcdocs cannot follow it further"),
    "no-subnet-for-address": lambda b: (f"no subnet of {b.get('vpc')} contains {b.get('address')}" if b.get("vpc")
                                        else f"no subnet in the spec contains {b.get('address')}"),
    "unknown-address": lambda b: f"{b.get('address')} is not an address of the spec",
    "nothing-to-check": lambda b: f"{b.get('what')} has no subnets or workloads to check",
    "no-public-ip": lambda b: (f"{b.get('interface')} has no public IPv4 address: its subnet {b.get('subnet')} routes "
                               f"to the internet gateway directly, which only carries traffic of addresses with a "
                               f"public IP (IGW-1); give it an Elastic IP or route through a NAT gateway"),
    "not-public-subnet": lambda b: (f"{b.get('subnet')} is not a public subnet — its table {b.get('table')} does not "
                                    f"route the replies to {b.get('igw')}, so they cannot go back out (SUB-2)"),
    "no-igw": lambda b: f"{b.get('vpc')} has no internet gateway (IGW-1)",
    "internal-lb": lambda b: f"{b.get('lb')} is an internal load balancer; the internet cannot reach it",
    "no-public-ip-inbound": lambda b: (f"{b.get('interface')} has no public IPv4 address; the internet cannot reach "
                                       f"it (IGW-1)"),
    "not-a-target": lambda b: f"{b.get('what')} is not an address inside {b.at}",
    "not-a-source": lambda b: f"{b.get('what')} cannot start connections here",
    "interface-unusable": lambda b: f"{b.get('interface')} is not running (its state makes it unusable)",
    "component-unusable": lambda b: f"{b.at} is not usable",
    "one-way-privatelink": lambda b: (
        f"PrivateLink is one-way (IFE-5): {b.get('peer') if b.get('provider') == b.get('vpc') else b.get('vpc')} "
        f"uses {b.get('service')} through endpoint {b.get('endpoint')}, but {b.get('provider')} cannot open "
        f"connections back through it" if b.get("provider") == b.get("vpc") else
        f"{b.get('vpc')} reaches {b.get('peer')} only through the PrivateLink endpoint {b.get('endpoint')} to "
        f"{b.get('service')} (IFE-5); ask for {b.get('service')} instead"),
    "no-endpoint": lambda b: (f"no interface endpoint for {b.get('service')} in {b.get('vpc')}; create one "
                              f"(PrivateLink connects consumer → provider, IFE-5)"),
    "endpoint-no-subnets": lambda b: f"interface endpoint {b.get('endpoint')} has no subnets (IFE-1)",
    "no-listener": lambda b: (f"{b.get('service')} has no listener for {b.get('traffic')} (its load balancers "
                              f"listen on {_list(b.get('offered'))}); PrivateLink carries only TCP to the NLB listener "
                              f"ports (IFE-4, EPS-5)"),
    "lb-no-listener": lambda b: f"{b.get('lb')} has no listener for {b.get('traffic')} (it listens on {b.get('offered')})",
    "lb-no-subnets": lambda b: f"load balancer {b.get('lb')} has no subnets",
    "sg-egress": _sg,
    "sg-ingress": _sg,
    "sg-empty": _sg,
    "nacl-request": _nacl_request,
    "nacl-reply": _nacl_reply,
}


def blocker_text(b: Blocker) -> str:
    text = WORDS[b.cause](b)
    if b.leg == "reply" and b.cause not in ("nacl-reply",):
        start = b.get("reply_from")
        lead = f"the request arrives but replies from {start} cannot return: " if start else "replies cannot return: "
        text = lead + text
    return text


def path_text(answer: Answer) -> str:
    """``a → b → c``: where the request goes, each place once."""
    if not answer.path:
        return "(no hops)"
    parts = [answer.path[0].at]
    for hop in answer.path:
        if hop.target != "local" and hop.target != parts[-1]:
            parts.append(hop.target)
    return " → ".join(parts)


def reason(answer: Answer) -> str:
    """The answer in one sentence (plus its assumptions)."""
    if answer.disposition == Disposition.ACCEPTED:
        targets = [h.target for h in answer.path if h.target != "local"]
        text = "reachable through " + " → ".join(targets) if targets else "reachable"
        if answer.end in ("subnet", "interface", "vpc"):
            text += "; replies route back"
        if answer.allowed and answer.allowed != answer.traffic:
            text += f" (allowed: {answer.allowed})"
    elif answer.blocker is not None:
        text = blocker_text(answer.blocker)
    else:
        text = str(answer.disposition)
    return text
