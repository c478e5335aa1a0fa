"""The questions: can X reach Y with this traffic — for one pair, a VPC pair, a subnet pair.

``reachability(topology)`` is the one engine of a topology (memoised, built on its data
plane); ``reach(topology, source, destination, port=None, protocol=None)`` asks it once.
The matrices (:mod:`.matrix`) ask the same questions through the same methods, so a cell
is, by construction, what ``reach`` answers for that pair.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace

from ...model import Topology
from ...routing import ANY_TRAFFIC, DataPlane, Dest, TrafficSet, dataplane
from ...routing.ports import ALL_PORTS, IntervalSet
from .endpoints import Endpoint, UnknownEndpoint, parse_endpoint
from .flows import Flows
from .inbound import Inbound
from .locations import Place, Places
from .privatelink import PrivateLink
from .results import Answer, block
from .security import ANYWHERE4, ANYWHERE6, Peer
from .steps import State

IPNet = ipaddress.IPv4Network | ipaddress.IPv6Network


def traffic_for(protocol: str | None = None, port: int | None = None, port_to: int | None = None) -> TrafficSet:
    """What a question asks about: any traffic some rule allows (no protocol, no port), a
    protocol (all its ports), or a protocol and port (TCP when only a port is given)."""
    proto = (protocol or "").lower() or None
    if proto in (None, "any", "all", "-1") and port is None:
        return ANY_TRAFFIC
    if proto in (None, "any", "all", "-1"):
        proto = "tcp"
    from ...model import normalise_protocol

    proto = normalise_protocol(proto)
    if port is None or proto not in ("tcp", "udp"):
        return TrafficSet(((proto, ALL_PORTS),))
    return TrafficSet(((proto, IntervalSet.of(port, port_to if port_to is not None else port)),))


@dataclass(slots=True)
class _RowPlan:
    """Per group of a source VPC: (its walk state, the VPCs outside which it fails by default
    — None while not known —, the VPCs it fails for at a transit gateway); ``scope``: the VPCs
    towards which the row may not fail so (None: not known); ``learnt``: how many templates
    the walker had when the parts were last looked at."""

    parts: list[tuple[State, frozenset[str] | None, frozenset[str]]]
    scope: frozenset[str] | None = None
    learnt: int = -1


class Reachability:
    """Answers "can X reach Y?" for one topology (see :func:`reach`)."""

    def __init__(self, topology: Topology):
        self.topology = topology
        self.dp: DataPlane = dataplane(topology)
        self.flows = Flows(self.dp)
        self.places = Places(self.dp)
        self.privatelink = PrivateLink(self.dp, self.flows)
        self.inbound = Inbound(self.dp, self.flows)
        self._places: dict[tuple[str, str], list[Place]] = {}
        self._groups: dict[str, list[tuple[State, int, list[Place]]]] = {}
        self._block_cache: dict[str, list[tuple[IPNet | None, int, Dest, list[Place]]]] = {}
        self._row_plans: dict[str, _RowPlan] = {}
        self._private_v4_memo: dict[str, bool] = {}

    # ------------------------------------------------------------------ entry points

    def answer(self, source: str | Endpoint, destination: str | Endpoint, port: int | None = None,
               protocol: str | None = None) -> Answer:
        """Raises :class:`UnknownEndpoint` for names the topology does not know."""
        src = source if isinstance(source, Endpoint) else parse_endpoint(self.topology, source)
        dst = destination if isinstance(destination, Endpoint) else parse_endpoint(self.topology, destination)
        return self.flow(src, dst, traffic_for(protocol, port))

    def flow(self, src: Endpoint, dst: Endpoint, traffic: TrafficSet = ANY_TRAFFIC) -> Answer:
        ans = self._flow(src, dst, traffic)
        if ans.source == src.label and ans.destination == dst.label:
            return ans  # (a subnet pair: already labelled as asked)
        return replace(ans, source=src.label, destination=dst.label)

    def _flow(self, src: Endpoint, dst: Endpoint, traffic: TrafficSet) -> Answer:
        f = self.flows
        if src.kind == "vpc" and dst.kind == "vpc" and src.id and dst.id:
            return self.vpc_pair(src.id, dst.id, traffic)
        if self._is_internet(src):
            return self._from_internet(src, dst, traffic)
        if src.kind == "external-network" and src.id:
            ext = self.topology.get("external-network", src.id)
            places = self._dest_places(dst)
            if ext is None or not ext.cidrs or not places:
                return f.failed(src.label, dst.label, block("nothing-to-check", dst.label, what=dst.label), traffic)
            return self.inbound.from_external(src.id, ext.cidrs[0], places, dst.label, traffic)
        if src.kind in ("service", "external-vpc", "cidr"):
            return f.failed(src.label, dst.label, block("not-a-source", src.label, what=src.label, kind=src.kind),
                            traffic)
        sources = self._source_places(src)
        if not sources:
            cause = "no-subnet-for-address" if src.kind == "ip" else "nothing-to-check"
            return f.failed(src.label, dst.label, block(cause, src.label, address=src.label, what=src.label), traffic)
        return self._to(sources, dst, traffic)

    # ------------------------------------------------------------------ destinations

    def _to(self, sources: list[Place], dst: Endpoint, traffic: TrafficSet) -> Answer:
        f, t = self.flows, self.topology
        if dst.kind == "endpoint-service" and dst.id:
            svc = t.get("endpoint-service", dst.id)
            assert svc is not None
            return self.privatelink.to_service(sources, svc, traffic, dst.label)
        if dst.kind == "load-balancer" and dst.id:
            lb = t.get("load-balancer", dst.id)
            assert lb is not None
            return self.privatelink.to_load_balancer(sources, lb, traffic, dst.label)
        if dst.kind == "internet":
            any_net = ANYWHERE6 if dst.version == 6 else ANYWHERE4
            return self._first_outside(sources, Dest("internet", version=dst.version), dst.label, traffic,
                                       Peer(any_net, label=dst.label))
        if dst.kind == "service":
            region = dst.region or self.dp.vpcs[sources[0].vpc].region
            return self._first_outside(sources, Dest("service", service=dst.service, region=region), dst.label,
                                       traffic, Peer(ANYWHERE4, service=dst.service, label=dst.label))
        if dst.kind in ("external-network", "external-vpc") and dst.id:
            item = t.get(dst.kind, dst.id)
            cidrs = item.cidrs if item is not None else ()
            if not cidrs:
                return f.failed(sources[0].label, dst.label, block("nothing-to-check", dst.label, what=dst.label),
                                traffic)
            first: Answer | None = None
            for cidr in cidrs:
                ans = self._first_outside(sources, Dest("net", cidr, vpc=None), dst.label, traffic, Peer(cidr))
                if ans.reachable:
                    return ans
                first = first or ans
            assert first is not None
            return first
        if dst.kind in ("ip", "cidr") and dst.network is not None:
            owner = self.dp.neighbours.owner(dst.network)
            if owner not in self.dp.vpcs:
                return self._first_outside(sources, Dest("net", dst.network), dst.label, traffic, Peer(dst.network))
        places = self._dest_places(dst)
        if not places:
            cause = "no-subnet-for-address" if dst.kind in ("ip", "cidr") else "nothing-to-check"
            return f.failed(sources[0].label, dst.label, block(cause, dst.label, address=dst.label, what=dst.label,
                                                               vpc=self.dp.neighbours.owner(dst.network)
                                                               if dst.network is not None else None), traffic)
        return self._first(sources, places, traffic)

    def _first(self, sources: list[Place], places: list[Place], traffic: TrafficSet) -> Answer:
        first: Answer | None = None
        for src in sources:
            for place in places:
                ans = self.flows.between(src, place, traffic)
                if ans.reachable:
                    return ans
                first = first or ans
        assert first is not None
        return first

    def _first_outside(self, sources: list[Place], dest: Dest, label: str, traffic: TrafficSet,
                       peer: Peer) -> Answer:
        first: Answer | None = None
        for src in sources:
            if dest.kind == "net" and dest.network is not None and src.network.version != dest.network.version:
                continue
            if dest.kind == "internet" and dest.version != src.network.version:
                src = self._other_family(src, dest.version) or src
            ans = self.flows.outside(src, dest, label, traffic, peer)
            if ans.reachable:
                return ans
            first = first or ans
        if first is None:
            return self.flows.failed(sources[0].label, label, block("nothing-to-check", label, what=label), traffic)
        return first

    def _other_family(self, place: Place, version: int) -> Place | None:
        """The same place with its address of the other family (an IPv6 question from an
        interface or subnet that has both)."""
        if place.interface is not None:
            addr = next((a for a in place.interface.addresses if a.version == version), None)
            if addr is not None:
                return replace(place, network=ipaddress.ip_network(addr))
        s = self.topology.get("subnet", place.subnet)
        net = next((n for n in s.networks if n.version == version), None) if s is not None else None
        return replace(place, network=net) if net is not None and place.interface is None else None

    # ------------------------------------------------------------------ places

    def _source_places(self, src: Endpoint) -> list[Place]:
        return self._resolve(src, "source")

    def _dest_places(self, dst: Endpoint) -> list[Place]:
        return self._resolve(dst, "destination")

    def _resolve(self, endpoint: Endpoint, role: str) -> list[Place]:
        if endpoint.kind in ("ip", "cidr") or not endpoint.id:
            return self.places.resolve(endpoint, role)
        key = (f"{endpoint.kind}:{endpoint.id}", role)
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = self.places.resolve(endpoint, role)
        return found

    # ------------------------------------------------------------------ from the internet

    def _is_internet(self, src: Endpoint) -> bool:
        """``internet``, or a public address that no subnet of the spec holds."""
        if src.kind == "internet":
            return True
        net = src.network
        return (src.kind == "ip" and net is not None and net.is_global and self.dp.subnet_of_address(net) is None
                and self.dp.neighbours.owner(net) is None)

    def _from_internet(self, src: Endpoint, dst: Endpoint, traffic: TrafficSet) -> Answer:
        client = src.network if src.kind == "ip" and src.network is not None else (
            ANYWHERE6 if src.version == 6 else ANYWHERE4)
        lb_scheme = None
        if dst.kind == "load-balancer" and dst.id:
            lb = self.topology.get("load-balancer", dst.id)
            assert lb is not None
            lb_scheme = lb.scheme
        places = [p for p in self._dest_places(dst) if p.network.version == client.version] or \
            [q for p in self._dest_places(dst) if (q := self._other_family(p, client.version))]
        return self.inbound.from_internet(places, dst.label, traffic, client, lb_scheme)

    # ------------------------------------------------------------------ VPC pairs

    def vpc_pair(self, v: str, w: str, traffic: TrafficSet = ANY_TRAFFIC) -> Answer:
        """Can some place of ``v`` reach some place of ``w`` (and get replies)?

        Places are tried in order (sources, then destinations); the first that gets through
        is the answer, else the first failure. Sources whose route table (and, for a table
        with TGW routes, AZ) are the same route a destination block the same way: when the
        block fails at route level from one of them and no table on the way splits the
        block, every place of the block fails the same way from all of them — the block's
        walk from the first source stands for the rest (and is the failure reported)."""
        f = self.flows
        groups = self._source_groups(v)
        blocks = self._blocks(w)
        if not groups or not blocks:
            what = v if not groups else w
            return f.failed(v, w, block("nothing-to-check", what, what=what), traffic)
        scope = self._row_scope(v) if v != w else None
        if scope is not None and w not in scope and self._private_v4(w):
            # every group of v fails towards every block of w as towards any private address
            # no specific route of theirs covers (Walker.default_failure_scope): the loop below
            # would walk them all for nothing; its answer is the first walk's failure
            lost = f.walker.walk(groups[0][0], blocks[0][2])
            assert lost.blocker is not None and not (lost.ok or lost.split)
            return f.failed(v, w, lost.blocker, traffic, lost.hops, rules=lost.rules, src_vpc=v, dst_vpc=w)
        first: Answer | None = None
        # (table, block) that failed from an earlier group for reasons no AZ changes: every
        # group on that table fails there too (only a TGW's AZ coverage and AZ affinity differ)
        failed: set[tuple[str | None, object]] = set()
        walker = f.walker
        for state, version, members in groups:
            for _block_net, block_version, bdest, dests in blocks:
                if block_version == version:
                    if (state.table, bdest.key) in failed:
                        continue
                    walked = walker.walk(state, bdest, explain=first is None)
                    if not (walked.ok or walked.split):
                        if not walked.by_az and (walked.blocker is None or walked.blocker.cause != "az-not-covered"):
                            failed.add((state.table, bdest.key))
                        if first is None:
                            assert walked.blocker is not None
                            first = f.failed(v, w, walked.blocker, traffic, walked.hops, rules=walked.rules,
                                             src_vpc=v, dst_vpc=w)
                        continue
                else:
                    walked = None
                for src in members:
                    for dst in dests:
                        if dst.network.version != src.network.version:
                            continue
                        forward = walker.narrow(walked, dst.dest()) if walked is not None and src is members[0] \
                            else None
                        ans = f.between(src, dst, traffic, labels=(v, w), forward=forward)
                        if ans.reachable:
                            return ans
                        if first is None:
                            first = ans
        if first is None:
            first = f.failed(v, w, block("nothing-to-check", w, what=w), traffic)
        return first

    def _row_scope(self, v: str) -> frozenset[str] | None:
        """The VPCs towards which some group of ``v`` may do anything but fail as towards an
        unrouted private IPv4 address or at a transit gateway table without a route to them
        (None when that is not known). Kept for the last few rows asked (a matrix asks row by
        row); a group whose default walk is not known yet is asked again once the walker has
        learnt more."""
        walker = self.flows.walker
        plan = self._row_plans.get(v)
        if plan is None:
            groups = self._source_groups(v)
            v4 = all(p.network.version == 4 for _s, _v, members in groups for p in members)
            plan = _RowPlan([(state, None, walker.transit.unrouted_from(state)) for state, _v, _m in groups]
                            if v4 else [])
            if len(self._row_plans) >= 8:
                self._row_plans.clear()
            self._row_plans[v] = plan
        learnt = walker.templates_learnt
        if plan.learnt != learnt and any(default is None for _s, default, _t in plan.parts):
            plan.learnt = learnt
            parts = [(state, default if default is not None else walker.default_failure_scope(state), tgw)
                     for state, default, tgw in plan.parts]
            if (parts != plan.parts or plan.scope is None) and all(d is not None or t for _s, d, t in parts):
                everyone = frozenset(self.dp.vpcs)
                plan.scope = frozenset().union(*((everyone if d is None else d) - t for _s, d, t in parts))
            plan.parts = parts
        return plan.scope

    def _private_v4(self, w: str) -> bool:
        """Every destination place of ``w`` is in a private IPv4 block of it."""
        found = self._private_v4_memo.get(w)
        if found is None:
            found = self._private_v4_memo[w] = all(version == 4 and not bdest.public
                                                   for _n, version, bdest, _p in self._blocks(w))
        return found

    def _source_groups(self, v: str) -> list[tuple[State, int, list[Place]]]:
        """The source places of ``v`` grouped by (route table, AZ when it routes to a TGW),
        each with the walk state and IP version of its first member; groups in the order of
        their first member."""
        found = self._groups.get(v)
        if found is None:
            out: dict[tuple[object, ...], tuple[State, list[Place]]] = {}
            for src in self._resolve(Endpoint("vpc", v, id=v), "source"):
                state = self.flows.walker.subnet_state(src.subnet, at=src.label)
                selector = self.dp.selector(state.table or "")
                az = state.az if selector is not None and selector.has_tgw_route else None
                gkey = (state.table, az)
                if gkey not in out:
                    out[gkey] = (state, [])
                out[gkey][1].append(src)
            found = self._groups[v] = [(st, members[0].network.version, members) for st, members in out.values()]
        return found

    def _blocks(self, w: str) -> list[tuple[IPNet | None, int, Dest, list[Place]]]:
        """The destination places of ``w`` grouped by the VPC CIDR block they are in (order kept),
        each block with its IP version (0: in no block) and its routing destination."""
        found = self._block_cache.get(w)
        if found is None:
            vpc = self.dp.vpcs[w]
            out: dict[str, list[Place]] = {}
            nets: dict[str, IPNet | None] = {}
            for d in self._resolve(Endpoint("vpc", w, id=w), "destination"):
                block_net = next((c for c in vpc.all_cidrs if c.version == d.network.version
                                  and d.network.subnet_of(c)), None)  # type: ignore[arg-type]
                key = str(block_net)
                nets[key] = block_net
                out.setdefault(key, []).append(d)
            found = self._block_cache[w] = [
                (net, net.version if net is not None else 0,
                 Dest("net", net, vpc=w) if net is not None else Dest("net", places[0].network, vpc=w), places)
                for k, places in out.items() for net in (nets[k],)]
        return found

    def subnet_pair(self, s: str, t: str, traffic: TrafficSet = ANY_TRAFFIC) -> Answer:
        return self.flow(Endpoint("subnet", s, id=s), Endpoint("subnet", t, id=t), traffic)


def reachability(topology: Topology) -> Reachability:
    """The one Reachability of ``topology``: computed on first use, then kept with the topology
    (in its instance dictionary, so it lives exactly as long as the topology does)."""
    found = topology.__dict__.get("_vpcdocs_reachability")
    if found is None:
        found = topology.__dict__["_vpcdocs_reachability"] = Reachability(topology)
    return found


def reach(topology: Topology, source: str | Endpoint, destination: str | Endpoint, port: int | None = None,
          protocol: str | None = None) -> Answer:
    """Can ``source`` reach ``destination``? Both are endpoint texts (see :mod:`.endpoints`)
    or parsed endpoints. Raises :class:`UnknownEndpoint` for names the topology does not know."""
    return reachability(topology).answer(source, destination, port, protocol)


__all__ = ["Reachability", "UnknownEndpoint", "reach", "reachability", "traffic_for"]
