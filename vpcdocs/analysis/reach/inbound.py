"""Connections started from outside: the internet (IGW-1, SUB-2, V6-3, V6-4) and external
networks behind a VPN or Direct Connect (VGW-2, VGW-9).

From the internet, a place is reachable when its VPC has an internet gateway, the place has
a public address (an interface's public IPv4 / Elastic IP, an internet-facing load balancer;
IPv6 addresses are public), its subnet's table sends the replies back to that internet
gateway (not to a NAT gateway, and not to an egress-only IGW, which refuses inbound
connections), and the NACL and security groups let the traffic in.

From an external network, the request enters through the VPC's VGW (when one of its VPN
connections or Direct Connect gateways leads there) or through a transit gateway's VPN /
Direct Connect attachment, and the replies must route back to the external network.

Both are checked in the packet's order — the request's NACL and security groups, then the
replies' route, then the NACL on their way out — so the blocker reported is the first one a
packet meets, as for flows between two places (:mod:`.flows`).
"""

from __future__ import annotations

import ipaddress

from ...model import IPNetwork
from ...routing import DataPlane, Dest, TrafficSet
from .dispositions import Disposition
from .flows import Flows
from .locations import Place
from .results import Answer, Blocker, Hop, block
from .security import Peer, ReplyLeg
from .steps import Crossing, State, WalkResult


class Inbound:
    def __init__(self, dp: DataPlane, flows: Flows):
        self.dp = dp
        self.flows = flows

    # ------------------------------------------------------------------ from the internet

    def from_internet(self, places: list[Place], label: str, traffic: TrafficSet, client: IPNetwork,
                      lb_scheme: str | None = None) -> Answer:
        first: Answer | None = None
        for place in places:
            ans = self._one(place, label, traffic, client, lb_scheme)
            if ans.reachable:
                return ans
            first = first or ans
        if first is None:
            return self.flows.failed("internet", label, block("nothing-to-check", label, what=label), traffic)
        return first

    def _one(self, dst: Place, label: str, traffic: TrafficSet, client: IPNetwork, lb_scheme: str | None) -> Answer:
        traffic = traffic.for_version(client.version)
        f = self.flows
        src = "internet" if client.prefixlen == 0 else str(client.network_address)
        vpc = self.dp.vpcs[dst.vpc]
        version = client.version
        if not vpc.internet_gateway:
            return f.failed(src, label, block("no-igw", dst.vpc, vpc=dst.vpc), traffic, dst_vpc=dst.vpc)
        igw = vpc.internet_gateway
        if lb_scheme == "internal":
            return f.failed(src, label, block("internal-lb", dst.label, lb=label), traffic, dst_vpc=dst.vpc)
        assumptions: tuple[str, ...] = ()
        iface = dst.interface
        if version == 4 and lb_scheme is None:
            if iface is not None and not iface.public_ip:
                return f.failed(src, label, block("no-public-ip-inbound", dst.label, interface=dst.label), traffic,
                                dst_vpc=dst.vpc)
            if iface is None:
                assumptions += ("destination-public-ip",)
        if iface is not None and not iface.usable:
            return f.failed(src, label, block("interface-unusable", dst.label, interface=dst.label,
                                              role="destination"), traffic, dst_vpc=dst.vpc)
        inbound_path = (Hop("internet", None, str(dst.network), igw), Hop(igw, None, "local", dst.label))
        # in the packet's order: the request's network ACL and security groups ...
        peer = Peer(client, label="internet")
        request = WalkResult(True, crossings=(Crossing(dst.subnet, "ingress", "src"),))
        checked = f.security.request(_outside(client), Peer(dst.network, dst.group_set), dst, request, traffic, [],
                                     references=False)
        if checked.blocker is not None:
            return f.failed(src, label, checked.blocker, traffic, inbound_path, (), checked.steps, ("SUB-2", "IGW-1"),
                            dst_vpc=dst.vpc, assumptions=assumptions)
        # ... then the replies: the subnet's table must send them back to this VPC's internet gateway
        start = f.walker.subnet_state(dst.subnet, at=dst.label)
        reply_dest = Dest("internet", version=version) if client.prefixlen == 0 else Dest("net", client)
        reply = f.walker.walk(start, reply_dest)
        if not (reply.ok and any(h.target == igw for h in reply.hops) and not reply.nats):
            eigw = vpc.egress_only_internet_gateway
            cause = "eigw-inbound" if eigw and any(h.target == eigw for h in reply.hops) else "not-public-subnet"
            return f.failed(src, label, block(cause, dst.subnet, subnet=dst.subnet, table=start.table, igw=igw,
                                              eigw=eigw), traffic, inbound_path, reply.hops, checked.steps,
                            dst_vpc=dst.vpc)
        legs = [ReplyLeg(WalkResult(True, crossings=(Crossing(dst.subnet, "egress", "dst"),)), peer.network,
                         (1024, 65535))]
        rep = f.security.replies(dst.network, legs, checked.allowed)
        steps = checked.steps + rep.steps
        if rep.blocker is not None:
            return f.failed(src, label, rep.blocker, traffic, inbound_path, reply.hops, steps, ("SUB-2", "IGW-1"),
                            dst_vpc=dst.vpc, assumptions=assumptions)
        return Answer(src, label, Disposition.ACCEPTED, inbound_path, reply.hops, steps, None, ("SUB-2", "IGW-1"),
                      traffic.text(), rep.allowed.text(), assumptions, "interface" if iface else "subnet", None,
                      dst.vpc)

    # ------------------------------------------------------------------ from an external network

    def from_external(self, network_id: str, cidr: IPNetwork, places: list[Place], label: str,
                      traffic: TrafficSet) -> Answer:
        first: Answer | None = None
        for place in places:
            ans = self._external_one(network_id, cidr, place, label, traffic)
            if ans.reachable:
                return ans
            first = first or ans
        if first is None:
            return self.flows.failed(network_id, label, block("nothing-to-check", label, what=label), traffic)
        return first

    def _external_one(self, network_id: str, cidr: IPNetwork, dst: Place, label: str,
                      traffic: TrafficSet) -> Answer:
        traffic = traffic.for_version(cidr.version)
        f = self.flows
        request = self._external_request(network_id, cidr, dst)
        if request is None or not request.ok:
            blocker = request.blocker if request is not None and request.blocker else block(
                "not-connected", dst.vpc, vpc=dst.vpc, peer=network_id, dest=str(dst.network))
            return f.failed(network_id, label, blocker, traffic, request.hops if request else (), dst_vpc=dst.vpc)
        # in the packet's order: the request's network ACLs and security groups, then the replies
        checked = f.security.request(_outside(cidr), Peer(dst.network, dst.group_set), dst, request, traffic, [],
                                     references=False)
        if checked.blocker is not None:
            return f.failed(network_id, label, checked.blocker, traffic, request.hops, (), checked.steps,
                            dst_vpc=dst.vpc)
        reply = f.walker.walk(f.walker.subnet_state(dst.subnet, at=dst.label), Dest("net", cidr))
        if not (reply.ok and reply.end == "external"):
            blocker = reply.blocker or block("no-route", dst.subnet, table=self.dp.subnet_table(dst.subnet),
                                             dest=str(cidr))
            return f.failed(network_id, label, Blocker(blocker.cause, "reply", blocker.at, blocker.params),
                            traffic, request.hops, reply.hops, checked.steps, dst_vpc=dst.vpc)
        rep = f.security.replies(dst.network, [ReplyLeg(reply, cidr, (1024, 65535))], checked.allowed)
        if rep.blocker is not None:
            return f.failed(network_id, label, rep.blocker, traffic, request.hops, reply.hops,
                            checked.steps + rep.steps, dst_vpc=dst.vpc)
        return Answer(network_id, label, Disposition.ACCEPTED, request.hops, reply.hops, checked.steps + rep.steps,
                      None, request.rules, traffic.text(), rep.allowed.text(), (),
                      "interface" if dst.interface else "subnet", None, dst.vpc)

    def _external_request(self, network_id: str, cidr: IPNetwork, dst: Place) -> WalkResult | None:
        """The request from the external network to ``dst``: through the VPC's VGW, or through
        a TGW VPN / Direct Connect attachment leading there."""
        t, w = self.dp.topology, self.flows.walker
        vpc = self.dp.vpcs[dst.vpc]
        if vpc.vpn_gateway:
            from ...routing import vgw_prefixes

            if any(cidr.version == p.version and cidr.subnet_of(p) for p, _ in vgw_prefixes(t, vpc.vpn_gateway)):  # type: ignore[arg-type]
                state = State(dst.vpc, None, None, vpc.vpn_gateway, None, "tgw")
                return w.arrive(state, dst.dest(), (Hop(network_id, None, str(dst.network), vpc.vpn_gateway),),
                                False, vpc.vpn_gateway)
        from ...routing import attachment_prefixes

        for att in t.tgw_attachments:
            if att.type not in ("vpn", "direct-connect") or not att.usable:
                continue
            if not any(cidr.version == p.version and cidr.subnet_of(p) for p in attachment_prefixes(t, att)):  # type: ignore[arg-type]
                continue
            table = self.dp.association(att.id)
            if table is None:
                continue
            start = State("", None, None, att.id, None, "tgw")
            first = (Hop(network_id, None, str(dst.network), att.id),)
            return w.transit._tables(start, dst.dest(), att.transit_gateway, table, first, (), False)
        return None


def _outside(net: IPNetwork) -> Place:
    """The far end of an inbound flow as a place without interface (no security groups)."""
    return Place(str(net), "", "", net)


__all__ = ["Inbound", "ipaddress"]
