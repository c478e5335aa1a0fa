"""The hop engine: follow a packet through VPC route tables, peerings, transit gateways, NAT
and internet gateways, gateway endpoints and PrivateLink, then check the replies.

Rules encoded (IDs from aws-networking-rules.md):

* route selection per table: :mod:`.selection` (RT-PRI-1..4, RT-BH-1, GWE-5);
* peering delivers only into the peer VPC's own CIDRs: not transitive (PEER-1), and the peer's
  internet gateway, NAT gateways and gateway endpoints are out of reach (PEER-2, GWE-6);
  routes to a non-active peering are blackhole (PEER-7);
* transit gateways: the subnet's AZ must be covered by the attachment (TGW-2); the route table
  *associated with the arriving attachment* decides (TGW-4) — static beats propagated, VPC
  propagations beat DX/Connect/VPN ones (TGW-6), blackhole drops; TGW peering continues in
  the peer TGW; a VPC entered from a TGW routes with its attachment subnet's table, so
  centralised egress (→ NAT → IGW) works (TGW-7) while gateway endpoints do not (GWE-6);
* NAT: a public NAT forwards to the IGW; a private NAT's traffic is dropped by an IGW (NAT-1);
  an IGW only carries traffic of its own VPC or translated by a NAT gateway;
* PrivateLink: one way, consumer → provider (IFE-5), no routes needed between the VPCs and
  overlapping CIDRs allowed; only TCP listener ports of the service's NLBs (IFE-4, EPS-5);
* a flow works only if the replies come back too (PEER-5; TGW §7): the reply path is traced
  from the destination (or from a NAT gateway, whose replies return through it) to the
  source, and must arrive in the source VPC (PEER-6: no reverse-path forwarding).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace

from ...model import Topology
from ...routing.effective import effective_route_tables
from ...routing.tgw import TgwEffectiveRoute, effective_tgw_route_table
from .endpoints import Endpoint, UnknownEndpoint, parse_endpoint
from .results import Answer, Hop, Lazy, Trace
from .selection import Dest, PrefixBuckets, TableIndex

MAX_HOPS = 40
USABLE_ATTACHMENT_STATES = ("available", "modifying", "pending")
USABLE_ENDPOINT_STATES = ("available", "pending")
TCP_PROTOCOLS = ("TCP", "TLS", "TCP_UDP")
MIDDLEBOX_KINDS = ("network-interface", "instance", "gwlb-endpoint")
# TGW-6: static > prefix-list > VPC-propagated > DX-propagated > Connect-propagated > VPN-propagated
@dataclass(frozen=True, slots=True)
class State:
    """Where a packet is: in ``vpc``, about to be routed by VPC route table ``table``."""

    vpc: str
    table: str | None
    az: str | None
    at: str
    via: str = "origin"  # origin | tgw (entered from a TGW, untranslated) | nat (translated)
    nat: str | None = None


@dataclass(frozen=True)
class Group:
    """Subnets that behave the same as a source: same route table and AZ-relevant attributes."""

    state: State
    network: ipaddress.IPv4Network  # a representative source range (for replies)
    subnets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Flow:
    """Outcome of one request + reply check; an :class:`Answer` is made from it on demand."""

    ok: bool
    path: tuple[Hop, ...]
    return_path: tuple[Hop, ...] = ()
    reason: object = ""  # str, or Lazy until read
    rules: tuple[str, ...] = ()
    src_vpc: str | None = None
    dst_vpc: str | None = None
    fail_in_return: bool = False
    prefix: bool = False  # show the reason as "src-vpc → dst-vpc: reason"

    @property
    def message(self) -> str:
        """The reason as people read it."""
        if self.prefix and not self.ok:
            return f"{self.src_vpc} → {self.dst_vpc or 'destination'}: {self.reason}"
        return str(self.reason)

    def answer(self, source: str, destination: str, port: int | None = None) -> Answer:
        return Answer(source, destination, self.ok, self.path, self.message, self.rules,
                      return_path=self.return_path, port=port)


class TgwTableIndex:
    """One TGW route table prepared for look-ups: its effective routes, where the routing
    stage has already applied TGW-6 (one selected route per destination)."""

    def __init__(self, topology: Topology, table):
        self.id = table.id
        self.tgw = table.transit_gateway
        self._memo: dict = {}
        self._prefixes = PrefixBuckets(effective_tgw_route_table(topology, table).selected_routes)

    def select(self, dest: Dest) -> TgwEffectiveRoute | None:
        key = dest.key
        if key not in self._memo:
            found = self._prefixes.longest(dest.network) if dest.kind == "net" else self._prefixes.default(4)
            self._memo[key] = found[0] if found else None
        return self._memo[key]


class _Fail(Exception):
    def __init__(self, reason, rules=()):
        super().__init__()
        self.reason = reason  # str or Lazy
        self.rules = tuple(rules)


_CONNECTION_RULES = {
    "peer-no-route": ("PEER-5",),
    "peer-inactive": ("PEER-7",),
    "tgw-no-route": ("TGW-3",),
    "transitive": ("PEER-1",),
    "privatelink-provider": ("IFE-5",),
    "privatelink-consumer": ("IFE-5",),
    "unconnected": (),
}


def _lazy_join(prefix: str, reason) -> Lazy:
    return Lazy(_concat, prefix, reason)


def _concat(prefix: str, reason) -> str:
    return prefix + str(reason)


def _join(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class Engine:
    """Reachability over one topology. Build once, ask many questions (everything memoised)."""

    def __init__(self, topology: Topology):
        self.topology = t = topology
        self.vpcs = {v.id: v for v in t.vpcs}
        self.tables: dict[str, TableIndex] = {}
        for et in effective_route_tables(t):
            vpc = self.vpcs.get(et.vpc)
            self.tables[et.id] = TableIndex(et, vpc.region if vpc else "")
        self.subnets = {s.id: s for s in t.subnets}
        self.subnet_table: dict[str, str | None] = {}
        main = {rt.vpc: rt.id for rt in t.route_tables if rt.main}
        for s in t.subnets:
            self.subnet_table[s.id] = s.route_table if s.route_table in self.tables else main.get(s.vpc)
        self.subnets_of: dict[str, list] = {}
        for s in t.subnets:
            self.subnets_of.setdefault(s.vpc, []).append(s)
        self.peerings = {p.id: p for p in t.peerings}
        self.peers_of: dict[str, list] = {}
        for p in t.peerings:
            self.peers_of.setdefault(p.requester, []).append(p)
            self.peers_of.setdefault(p.accepter, []).append(p)
        self.attachments = {a.id: a for a in t.tgw_attachments}
        self.vpc_attachment: dict[tuple[str, str], object] = {}
        for a in t.tgw_attachments:
            if a.type == "vpc" and a.vpc:
                self.vpc_attachment.setdefault((a.vpc, a.transit_gateway), a)
        self.peering_between: dict[tuple[str, str], object] = {}
        self.active_peer_set: dict[str, set[str]] = {}
        for p in t.peerings:
            self.peering_between.setdefault((p.requester, p.accepter), p)
            self.peering_between.setdefault((p.accepter, p.requester), p)
            if p.active:
                self.active_peer_set.setdefault(p.requester, set()).add(p.accepter)
                self.active_peer_set.setdefault(p.accepter, set()).add(p.requester)
        self.tgws_of_vpc: dict[str, set[str]] = {}
        for (vpc_id, tgw_id) in self.vpc_attachment:
            self.tgws_of_vpc.setdefault(vpc_id, set()).add(tgw_id)
        self.association: dict[str, object] = {}
        for table in t.tgw_route_tables:
            for att in table.associations:
                self.association.setdefault(att, table)
        self.tgw_tables: dict[str, TgwTableIndex] = {}
        self.nats = {n.id: n for n in t.nat_gateways}
        self.igws = {i.id: i for i in t.internet_gateways}
        self.gateway_endpoints = {g.id: g for g in t.gateway_endpoints}
        self.endpoint_services = {e.id: e for e in t.endpoint_services}
        self.load_balancers = {lb.id: lb for lb in t.load_balancers}
        self.interface_endpoints = {e.id: e for e in t.interface_endpoints}
        # (provider VPC, consumer VPC) -> (endpoint service, interface endpoint)
        self.privatelink: dict[tuple[str, str], tuple[str, str]] = {}
        for ep in sorted(t.interface_endpoints, key=lambda e: e.id):
            svc = self.endpoint_services.get(ep.endpoint_service or "")
            provider = self._service_vpc(svc) if svc is not None else None
            if provider:
                self.privatelink.setdefault((provider, ep.vpc), (svc.id, ep.id))
        self._owner_memo: dict = {}
        self._hops: dict[tuple, Hop] = {}
        self._att_az_memo: dict = {}
        self._rules_memo: dict = {}
        self._entry_memo: dict = {}
        self._block_groups: dict = {}
        self._reply_blocks: dict = {}
        self._groups_memo: dict = {}
        self._cidr_owners = [(c, v.id) for v in t.vpcs for c in v.all_cidrs]
        self._cidr_owners += [(c, e.id) for e in t.external_vpcs for c in e.cidrs]

    # ------------------------------------------------------------------ small look-ups

    def hop(self, at: str, table: str | None, matched: str, target: str) -> Hop:
        """Interned hops: a matrix repeats the same hops for many pairs."""
        key = (at, table, matched, target)
        h = self._hops.get(key)
        if h is None:
            h = self._hops[key] = Hop(at, table, matched, target)
        return h

    def owner(self, net) -> str | None:
        """The VPC (or external VPC) whose CIDRs contain ``net``."""
        if net in self._owner_memo:
            return self._owner_memo[net]
        found = None
        for cidr, vpc in self._cidr_owners:
            if cidr.version == net.version and net.subnet_of(cidr):
                found = vpc
                break
        self._owner_memo[net] = found
        return found

    def vpc_region(self, vpc_id: str | None) -> str:
        vpc = self.vpcs.get(vpc_id or "")
        return vpc.region if vpc else ""

    def subnet_state(self, subnet_id: str, via: str = "origin") -> State:
        s = self.subnets[subnet_id]
        return State(s.vpc, self.subnet_table.get(subnet_id), s.az, s.id, via)

    def subnet_containing(self, vpc_id: str, net) -> str | None:
        for s in self.subnets_of.get(vpc_id, ()):
            if s.cidr is not None and s.cidr.version == net.version and net.subnet_of(s.cidr):
                return s.id
        return None

    def tgw_table(self, table_id: str) -> TgwTableIndex:
        idx = self.tgw_tables.get(table_id)
        if idx is None:
            table = next(x for x in self.topology.tgw_route_tables if x.id == table_id)
            idx = self.tgw_tables[table_id] = TgwTableIndex(self.topology, table)
        return idx

    def active_peers(self, vpc_id: str) -> list[tuple[str, str]]:
        out = []
        for p in self.peers_of.get(vpc_id, ()):
            if p.active:
                out.append((p.id, p.other_side(vpc_id)))
        return out

    def groups(self, vpc_id: str, subnet_ids=None) -> list[Group]:
        """Source groups of a VPC: subnets sharing a route table (and, when that table routes
        to a transit gateway, an AZ — TGW-2) behave the same."""
        key = (vpc_id, tuple(subnet_ids) if subnet_ids is not None else None)
        if key in self._groups_memo:
            return self._groups_memo[key]
        grouped: dict[tuple, list] = {}
        subnets = self.subnets_of.get(vpc_id, ())
        if subnet_ids is not None:
            wanted = set(subnet_ids)
            subnets = [s for s in subnets if s.id in wanted]
        for s in sorted(subnets, key=lambda s: s.id):
            if s.cidr is None:
                continue
            table = self.subnet_table.get(s.id)
            idx = self.tables.get(table) if table else None
            az = s.az if idx is not None and idx.has_tgw_route else None
            grouped.setdefault((table or "", az), []).append(s)
        out = []
        for (_table, _az), members in sorted(grouped.items()):
            first = members[0]
            out.append(Group(self.subnet_state(first.id), first.cidr, tuple(m.id for m in members)))
        self._groups_memo[key] = out
        return out

    # ------------------------------------------------------------------ explanations

    def _no_route(self, state: State, dest: Dest) -> _Fail:
        if dest.kind == "net":
            x = dest.vpc or self.owner(dest.network)
            if x is None or x == state.vpc:
                return _Fail(Lazy(lambda: f"no route in {state.table} for {dest.text}"))
            kind, extra = self._connection(state.vpc, x)
            return _Fail(Lazy(lambda: f"no route in {state.table} for {dest.text} — "
                                      f"{self._connection_text(kind, extra, state.vpc, x, state.table)}"),
                         _CONNECTION_RULES[kind])
        text, rules = self._explain_symbolic(state, dest, f"no route in {state.table} for {dest.text}")
        return _Fail(text, rules)

    def _private_to_igw(self, state: State, dest: Dest, route) -> _Fail:
        x = dest.vpc or self.owner(dest.network)
        kind, extra = self._connection(state.vpc, x) if x is not None and x != state.vpc else (None, None)

        def text() -> str:
            why = f" — {self._connection_text(kind, extra, state.vpc, x, state.table)}" if kind else ""
            return (f"route {route.destination} in {state.table} sends {dest.text} to the internet gateway "
                    f"{route.target}, but private addresses are not routed on the internet{why}")

        return _Fail(Lazy(text), _CONNECTION_RULES[kind] if kind else ())

    def _connection(self, v: str, x: str) -> tuple[str, object]:
        """Classify why VPC ``v`` has no path to ``x`` (cheap; the text is made on demand)."""
        direct = self.peering_between.get((v, x))
        if direct is not None:
            return ("peer-no-route" if direct.active else "peer-inactive"), direct
        shared = self.tgws_of_vpc.get(v, set()) & self.tgws_of_vpc.get(x, set())
        if shared:
            return "tgw-no-route", sorted(shared)[0]
        if self.active_peer_set.get(v, set()) & self.active_peer_set.get(x, set()):
            return "transitive", None
        one_way = self.privatelink.get((v, x))
        if one_way:
            return "privatelink-provider", one_way
        other_way = self.privatelink.get((x, v))
        if other_way:
            return "privatelink-consumer", other_way
        return "unconnected", None

    @staticmethod
    def _connection_text(kind: str, extra, v: str, x: str, table: str | None) -> str:
        if kind == "peer-no-route":
            return (f"{extra.id} connects {v} and {x} but {table} has no route to it (PEER-5); "
                    f"add a route for {x}'s CIDR to {extra.id}")
        if kind == "peer-inactive":
            return f"peering {extra.id} between {v} and {x} is {extra.status}, not active (PEER-7)"
        if kind == "tgw-no-route":
            return (f"{v} and {x} are both attached to {extra} but {table} has no route to it (TGW-3); "
                    f"add a route for {x}'s CIDR to {extra}")
        if kind == "transitive":
            return f"VPC peering is not transitive (PEER-1); peer {v} and {x} directly or use a transit gateway"
        if kind == "privatelink-provider":
            svc, ep = extra
            return (f"PrivateLink is one-way (IFE-5): {x} uses {svc} of {v} through endpoint {ep}, but {v} "
                    f"cannot open connections back through it")
        if kind == "privatelink-consumer":
            svc, ep = extra
            return f"{v} reaches {x} only through the PrivateLink endpoint {ep} to {svc} (IFE-5); ask for {svc} instead"
        return f"{v} and {x} are not connected (no peering, transit gateway or PrivateLink)"

    def _explain_symbolic(self, state: State, dest: Dest, base: str) -> tuple[str, tuple[str, ...]]:
        v = state.vpc
        if dest.kind == "service":
            peer_gwes = [g for g in self.topology.gateway_endpoints
                         if g.service == dest.service and (g.service_region or self.vpc_region(g.vpc)) == dest.region
                         and g.vpc in {o for _, o in self.active_peers(v)}]
            if peer_gwes:
                g = peer_gwes[0]
                return (f"{base} — {g.vpc}'s gateway endpoint {g.id} cannot be used from a peered VPC "
                        f"(PEER-2, GWE-6); add a gateway endpoint for {dest.service} in {v}"), ("PEER-2", "GWE-6")
            own = [g for g in self.topology.in_vpc(v, "gateway-endpoint") if g.service == dest.service]
            other_region = [g for g in own if (g.service_region or self.vpc_region(v)) != dest.region]
            same_region = [g for g in own if g not in other_region]
            if same_region:
                g = same_region[0]
                return (f"{base} — gateway endpoint {g.id} is not associated with {state.table} (GWE-7); "
                        f"add {state.table} to its route tables"), ("GWE-7",)
            if other_region:
                g = other_region[0]
                region = g.service_region or self.vpc_region(v)
                return (f"{base} — gateway endpoint {g.id} serves {dest.service} in {region} only (GWE-5); "
                        f"{dest.service} in {dest.region} needs a route to a NAT or internet gateway"), ("GWE-5",)
            return (f"{base} — add a gateway endpoint for {dest.service} on {state.table}, or a default "
                    f"route to a NAT gateway"), ()
        peers_with_exit = [o for _, o in self.active_peers(v)
                           if (self.vpcs.get(o) and self.vpcs[o].internet_gateway)]
        if peers_with_exit:
            return (f"{base} (no 0.0.0.0/0 route) — {peers_with_exit[0]}'s internet and NAT gateways cannot "
                    f"be used across a peering (PEER-2)"), ("PEER-2",)
        return f"{base} (no 0.0.0.0/0 route)", ()

    def _service_vpc(self, svc) -> str | None:
        if svc.vpc:
            return svc.vpc
        for lb_id in svc.load_balancers:
            lb = self.load_balancers.get(lb_id)
            if lb is not None:
                return lb.vpc
        return None

    # ------------------------------------------------------------------ the hop loop

    def trace(self, start: State, dest: Dest, reply_to=None) -> Trace:
        """Follow one packet from ``start`` to ``dest``. ``reply_to`` (network, vpc) is where
        replies must go; NAT gateways on the way change it and add reply segments."""
        hops: list[Hop] = []
        rules: list[str] = []
        returns: list = []
        try:
            end = self._walk(start, dest, hops, rules, returns, reply_to)
        except _Fail as f:
            return Trace(False, tuple(hops), f.reason, tuple(dict.fromkeys([*rules, *f.rules])))
        kind, end_vpc, end_subnet, reply = end
        return Trace(True, tuple(hops), "", tuple(dict.fromkeys(rules)), kind, end_vpc, end_subnet,
                     returns=(tuple(returns), reply))

    def _walk(self, state: State, dest: Dest, hops, rules, returns, reply_to):
        seen = set()
        for _ in range(MAX_HOPS):
            key = (state.table, state.via, state.at)
            if key in seen:
                tables = list(dict.fromkeys(h.route_table for h in hops if h.route_table))
                raise _Fail(f"routing loop: the packet comes back to {state.at} ({state.table}) after "
                            f"{' → '.join(tables)}")
            seen.add(key)
            if state.table is None or state.table not in self.tables:
                raise _Fail(f"{state.at} has no route table (RT-1, RT-2)", ("RT-1",))
            route = self.tables[state.table].select(dest)
            if route is None:
                raise self._no_route(state, dest)
            hops.append(self.hop(state.at, state.table, route.destination, route.target))
            if route.state != "active":
                extra = ("PEER-7",) if route.target_type == "vpc-peering" else ()
                raise _Fail(f"route {route.destination} → {route.target} in {state.table} is a blackhole: "
                            f"{route.reason or 'its target is gone'} — traffic is dropped, not sent to a "
                            f"less specific route (RT-BH-1)", ("RT-BH-1", *extra))
            kind = route.target_type
            if kind == "local":
                return self._deliver_local(state, dest, hops, reply_to)
            if kind == "vpc-peering":
                return self._peering(state, dest, route, hops, rules, reply_to)
            if kind == "transit-gateway":
                nxt = self._tgw(state, dest, route, hops, rules, reply_to)
                if isinstance(nxt, State):
                    state = nxt
                    continue
                return nxt
            if kind == "nat-gateway":
                nat = self.nats.get(route.target)
                if nat is None:
                    raise _Fail(f"NAT gateway {route.target} is not in the spec")
                if nat.vpc != state.vpc:
                    raise _Fail(f"NAT gateway {nat.id} is in {nat.vpc}, not {state.vpc} (PEER-2)", ("PEER-2",))
                nat_subnet = self.subnets.get(nat.subnet)
                if nat_subnet is None:
                    raise _Fail(f"NAT gateway {nat.id} has no subnet")
                rules.append("NAT-1")
                if state.via == "tgw":
                    rules.append("TGW-7")
                # replies come back to the NAT gateway, which must then reach the original sender
                if reply_to is not None:
                    if state.via != "origin":  # from the source's own VPC replies are local
                        returns.append((self.subnet_state(nat_subnet.id), reply_to[0], reply_to[1]))
                    reply_to = (nat_subnet.cidr, nat.vpc)
                state = State(nat.vpc, self.subnet_table.get(nat_subnet.id), nat_subnet.az, nat.id,
                              "nat", nat.id)
                continue
            if kind == "internet-gateway":
                if state.nat and self.nats[state.nat].connectivity == "private":
                    raise _Fail(f"{state.nat} is a private NAT gateway: the internet gateway {route.target} "
                                f"drops its traffic (NAT-1); use a public NAT gateway", ("NAT-1",))
                if state.via == "tgw":
                    raise _Fail(f"traffic from another VPC arrives at {route.target} untranslated; an internet "
                                f"gateway only carries its own VPC's addresses — send it through a NAT gateway "
                                f"in {state.vpc} first (NAT-1, TGW-7)", ("NAT-1", "TGW-7"))
                if not dest.public:
                    raise self._private_to_igw(state, dest, route)
                rules.append("IGW-1")
                hops.append(Hop(route.target, None, "internet",
                                dest.symbol if dest.kind == "service" else
                                ("internet" if dest.kind == "internet" else str(dest.network))))
                return ("service" if dest.kind == "service" else "internet", None, None, None)
            if kind == "gateway-endpoint":
                if state.via == "tgw":
                    raise _Fail(f"gateway endpoint {route.target} in {state.vpc} cannot be used by traffic "
                                f"arriving through a transit gateway (GWE-6); use an interface endpoint",
                                ("GWE-6",))
                rules += ["GWE-2", "GWE-5"]
                hops.append(Hop(route.target, None, "gateway endpoint", dest.symbol))
                return ("service", None, None, None)
            if kind in MIDDLEBOX_KINDS and dest.kind == "net" and self.owner(dest.network) == state.vpc:
                # east-west inspection inside the VPC (RT-LOCAL-2): the appliance is assumed to
                # pass the traffic on to its destination over the local route
                rules.append("RT-LOCAL-2")
                return self._arrive(state.vpc, dest, hops, route.target, reply_to, "local (after the appliance)")
            raise _Fail(f"route {route.destination} in {state.table} hands the traffic to {route.target} "
                        f"({kind}), which vpcdocs does not model; it cannot follow the path further")
        raise _Fail("too many hops (routing loop?)")

    def _arrive(self, vpc_id: str, dest: Dest, hops, at: str, reply_to, matched: str):
        """The packet is inside ``vpc_id`` and its local route delivers it."""
        if dest.kind != "net":
            raise _Fail(f"{dest.text} is not an address inside {vpc_id}")
        if dest.vpc is not None and dest.vpc != vpc_id:
            raise _Fail(f"{dest.text} is delivered inside {vpc_id}, not {dest.vpc}: their CIDRs overlap "
                        f"(PEER-3, PEER-6)", ("PEER-6",))
        if dest.subnet is not None:
            end_subnet = dest.subnet
        elif dest.network.prefixlen == dest.network.max_prefixlen:
            end_subnet = self.subnet_containing(vpc_id, dest.network)
            if end_subnet is None:
                raise _Fail(f"no subnet of {vpc_id} contains {dest.network.network_address}")
        else:
            end_subnet = None
        hops.append(self.hop(at, None, matched, end_subnet or vpc_id))
        return ("subnet" if end_subnet else "vpc", vpc_id, end_subnet, reply_to)

    def _deliver_local(self, state: State, dest: Dest, hops, reply_to):
        return self._arrive(state.vpc, dest, hops, state.vpc, reply_to, "local")

    def _peering(self, state: State, dest: Dest, route, hops, rules, reply_to):
        pcx = self.peerings.get(route.target)
        if pcx is None:
            raise _Fail(f"peering {route.target} is not in the spec")
        other = pcx.other_side(state.vpc)
        if state.via == "tgw":
            raise _Fail(f"traffic that entered {state.vpc} through a transit gateway cannot continue over "
                        f"peering {pcx.id} (PEER-2: no edge-to-edge routing)", ("PEER-2",))
        rules.append("PEER-5")
        peer_cidrs = self.topology.peer_cidrs(other)
        if dest.kind == "net":
            inside = [c for c in peer_cidrs if c.version == dest.network.version and dest.network.subnet_of(c)]
            if inside:
                if other in self.vpcs:
                    return self._arrive(other, dest, hops, pcx.id, reply_to, str(inside[0]))
                hops.append(Hop(pcx.id, None, str(inside[0]), other))
                return ("external", other, None, None)
            x = self.owner(dest.network)
            if x is not None and x != other:
                raise _Fail(f"route {route.destination} in {state.table} sends {dest.text} to {pcx.id}, which "
                            f"ends in {other}; {dest.text} is in {x} and VPC peering is not transitive "
                            f"(PEER-1); peer {state.vpc} and {x} directly or use a transit gateway", ("PEER-1",))
        what = "gateway endpoints" if dest.kind == "service" else "internet gateway, NAT gateways"
        extra = ("GWE-6",) if dest.kind == "service" else ()
        raise _Fail(f"route {route.destination} in {state.table} sends {dest.text} to {pcx.id}, but a peering "
                    f"only carries traffic to {other}'s own addresses: {other}'s {what} cannot be used from "
                    f"{state.vpc} (PEER-2{', GWE-6' if extra else ''}: no edge-to-edge routing)",
                    ("PEER-2", *extra))

    @staticmethod
    def _tgw_no_route_text(table_id: str, tgw_id: str, dest: Dest, x, xatt) -> str:
        hint = ""
        if xatt is not None:
            hint = (f" — {x} is attached to {tgw_id} ({xatt.id}) but neither propagates into nor has a static "
                    f"route in {table_id}; enable propagation of {xatt.id} to {table_id}")
        return f"no route in transit gateway route table {table_id} for {dest.text}{hint}"

    def _att_azs(self, att) -> list[str]:
        azs = self._att_az_memo.get(att.id)
        if azs is None:
            azs = self._att_az_memo[att.id] = sorted({self.subnets[s].az for s in att.subnets if s in self.subnets})
        return azs

    def _entry_subnet(self, att, az):
        """Where traffic from a TGW enters a VPC: the attachment subnet in the same AZ (AZ
        affinity), else the first one."""
        key = (att.id, az)
        if key not in self._entry_memo:
            entry = sorted((self.subnets[s] for s in att.subnets if s in self.subnets), key=lambda s: s.id)
            same_az = [s for s in entry if s.az == az]
            self._entry_memo[key] = (same_az or entry or [None])[0]
        return self._entry_memo[key]

    def _peer_tgw_table(self, att):
        """The table a TGW peering attachment is associated with on the peer TGW's side."""
        peer = att.peer_transit_gateway
        for table in self.topology.tgw_route_tables:
            if table.transit_gateway == peer and att.id in table.associations:
                return table
        for other in self.topology.tgw_attachments:
            if (other.transit_gateway == peer and other.type == "peering"
                    and other.peer_transit_gateway == att.transit_gateway):
                table = self.association.get(other.id)
                if table is not None and table.transit_gateway == peer:
                    return table
        return None

    def _tgw(self, state: State, dest: Dest, route, hops, rules, reply_to):
        tgw_id = route.target
        att = self.vpc_attachment.get((state.vpc, tgw_id))
        if att is None:
            raise _Fail(f"{state.vpc} has no attachment to {tgw_id}")
        if att.state not in USABLE_ATTACHMENT_STATES:
            raise _Fail(f"attachment {att.id} of {state.vpc} to {tgw_id} is {att.state}")
        att_azs = self._att_azs(att)
        if state.az is not None and state.az not in att_azs:
            raise _Fail(f"{state.at} is in {state.az} but attachment {att.id} to {tgw_id} has no subnet there "
                        f"(TGW-2; it covers {_join(att_azs) or 'no AZ'}); add a subnet in {state.az} to the "
                        f"attachment", ("TGW-2",))
        rules.append("TGW-4")
        table = self.association.get(att.id)
        if table is None or table.transit_gateway != tgw_id:
            raise _Fail(f"attachment {att.id} is not associated with a route table of {tgw_id} (TGW-4)",
                        ("TGW-4",))
        current = tgw_id
        seen = set()
        for _ in range(MAX_HOPS):
            if table.id in seen:
                raise _Fail(f"routing loop between transit gateway route tables at {table.id}")
            seen.add(table.id)
            r = self.tgw_table(table.id).select(dest)
            if r is None:
                x = (dest.vpc or self.owner(dest.network)) if dest.kind == "net" else None
                xatt = self.vpc_attachment.get((x, current)) if x is not None else None
                raise _Fail(Lazy(self._tgw_no_route_text, table.id, current, dest, x, xatt), ("TGW-4",))
            hops.append(self.hop(current, table.id, r.destination, r.attachment or "blackhole"))
            if r.blackhole:
                raise _Fail(f"route {r.destination} in transit gateway route table {table.id} is a blackhole: "
                            f"traffic is dropped (TGW-4)", ("TGW-4",))
            target = self.attachments.get(r.attachment)
            if target is None:
                raise _Fail(f"route {r.destination} in {table.id} points at attachment {r.attachment}, "
                            f"which is not in the spec")
            if target.state not in USABLE_ATTACHMENT_STATES:
                raise _Fail(f"attachment {target.id} is {target.state}")
            if target.type == "vpc":
                w = target.vpc
                sub = self._entry_subnet(target, state.az)
                if sub is None:
                    raise _Fail(f"attachment {target.id} of {w} has no subnets (TGW-2)", ("TGW-2",))
                via = "nat" if state.via == "nat" else "tgw"
                return State(w, self.subnet_table.get(sub.id), sub.az, f"{target.id}", via, state.nat)
            if target.type == "peering":
                peer_table = self._peer_tgw_table(target)
                if peer_table is None:
                    raise _Fail(f"TGW peering attachment {target.id} has no associated route table on "
                                f"{target.peer_transit_gateway} (TGW-4)", ("TGW-4",))
                rules.append("TGW-1")
                current = peer_table.transit_gateway
                table = peer_table
                continue
            # vpn / direct-connect / connect: leaves the modelled network
            if dest.kind == "net" and dest.vpc in self.vpcs:
                raise _Fail(f"route {r.destination} in transit gateway route table {table.id} sends {dest.text} "
                            f"to {target.type} attachment {target.id}, not to {dest.vpc} (TGW-6: most specific "
                            f"route first, then static > VPC > Direct Connect > Connect > VPN propagations)",
                            ("TGW-6",))
            if dest.kind == "net" and any(c.version == dest.network.version and dest.network.subnet_of(c)
                                          for c in target.cidrs):
                hops.append(Hop(target.id, None, dest.text, f"{target.type}:{target.id}"))
                return ("external", None, None, None)
            raise _Fail(f"transit gateway route {r.destination} in {table.id} sends {dest.text} to "
                        f"{target.type} attachment {target.id}; vpcdocs cannot follow it further")
        raise _Fail("too many transit gateway hops")

    # ------------------------------------------------------------------ flows (request + replies)

    def flow(self, start: State, dest: Dest, src_net, src_vpc: str) -> Flow:
        """Request from ``start`` to ``dest`` and the replies back to ``src_net`` in ``src_vpc``."""
        fwd = self.trace(start, dest, (src_net, src_vpc))
        if dest.kind == "net":
            dst_vpc = dest.vpc or self.owner(dest.network) or str(dest.network)
        elif dest.kind == "service":
            dst_vpc = f"{dest.service}@{dest.region}"
        else:
            dst_vpc = "internet"
        if not fwd.ok:
            return Flow(False, fwd.hops, (), fwd.reason, fwd.rules, start.vpc, dst_vpc)
        segments, reply = fwd.returns
        back: list[Hop] = []
        rules = list(fwd.rules)
        for seg_start, net, vpc in segments:
            r = self._reply(seg_start, net, vpc)
            back += r.hops
            if not r.ok:
                return Flow(False, fwd.hops, tuple(back),
                            _lazy_join(f"replies from {seg_start.at} cannot return: ", r.reason),
                            tuple(dict.fromkeys([*rules, *r.rules])), start.vpc, dst_vpc, True)
            rules += r.rules
        if reply is not None and fwd.end in ("subnet", "vpc"):
            if fwd.end_subnet:
                starts = [self.subnet_state(fwd.end_subnet)]
            else:
                starts = self._groups_in_block(fwd.end_vpc, dest)
            first_fail = None
            for st in starts:
                r = self._reply(st, reply[0], reply[1])
                if r.ok:
                    back += r.hops
                    rules += r.rules
                    break
                if first_fail is None:
                    first_fail = (st, r)
            else:
                if first_fail is None:
                    return Flow(False, fwd.hops, tuple(back), f"no subnet of {fwd.end_vpc} can answer",
                                tuple(rules), start.vpc, dst_vpc, True)
                st, r = first_fail
                return Flow(False, fwd.hops, tuple(back + list(r.hops)),
                            _lazy_join(f"the request arrives but replies from {st.at} cannot return: ", r.reason),
                            tuple(dict.fromkeys([*rules, *r.rules])),
                            start.vpc, dst_vpc, True)
        return Flow(True, fwd.hops, tuple(back), Lazy(self._ok_reason, fwd.end, fwd.hops), self._rules(rules),
                    start.vpc, dst_vpc)

    def _rules(self, rules) -> tuple[str, ...]:
        """De-duplicated, interned: a matrix shares a handful of rule tuples."""
        key = tuple(rules)
        found = self._rules_memo.get(key)
        if found is None:
            found = self._rules_memo[key] = tuple(dict.fromkeys(rules))
        return found

    def _groups_in_block(self, vpc: str, dest: Dest) -> list[State]:
        key = (vpc, dest.key)
        found = self._block_groups.get(key)
        if found is None:
            block = dest.network
            found = self._block_groups[key] = [
                g.state for g in self.groups(vpc)
                if block is None or (g.network.version == block.version and g.network.subnet_of(block))]
        return found

    def _reply(self, start: State, net, vpc: str) -> Trace:
        table = self.tables.get(start.table) if start.table else None
        dest = None
        if table is not None and net is not None and vpc in self.vpcs:
            # a whole VPC block answers like one address when no route splits it
            key = (vpc, net)
            block_dest = self._reply_blocks.get(key)
            if block_dest is None:
                block = next((c for c in self.vpcs[vpc].cidrs if c.version == net.version and net.subnet_of(c)),
                             None)
                block_dest = self._reply_blocks[key] = (block, Dest("net", block, vpc=vpc) if block else None)
            block, bdest = block_dest
            if block is not None and not table.has_routes_inside(block):
                dest = bdest
        return self.trace(start, dest or Dest("net", net, vpc=vpc))

    @staticmethod
    def _ok_reason(end: str, hops) -> str:
        targets = [h.target for h in hops if h.target not in ("local",)]
        if end in ("service", "internet"):
            return "reachable through " + " → ".join(targets)
        if end == "external":
            return "reaches " + " → ".join(targets) + " (replies from outside the spec are not checked)"
        return "reachable through " + " → ".join(targets) + "; replies route back"


# ---------------------------------------------------------------------- answering questions


class Reachability:
    """Answers "can X reach Y?" for one topology (see :func:`reach`)."""

    def __init__(self, topology: Topology):
        self.topology = topology
        self.engine = Engine(topology)
        self._blocks: dict[str, list] = {}
        self._fast: dict[State, tuple] = {}
        self._rules_cache: dict = {}

    def answer(self, source, destination, port: int | None = None) -> Answer:
        src = source if isinstance(source, Endpoint) else parse_endpoint(self.topology, source)
        dst = destination if isinstance(destination, Endpoint) else parse_endpoint(self.topology, destination)
        flow = self.flow(src, dst, port)
        return flow.answer(src.label, dst.label, port)

    # ------------------------------------------------------------------ sources

    def _sources(self, src: Endpoint) -> list[Group]:
        e = self.engine
        if src.kind == "subnet":
            s = e.subnets[src.id]
            return [Group(e.subnet_state(s.id), s.cidr, (s.id,))]
        if src.kind == "ip":
            for vpc in sorted(e.subnets_of):
                sid = e.subnet_containing(vpc, src.network)
                if sid:
                    s = e.subnets[sid]
                    st = e.subnet_state(sid)
                    return [Group(State(st.vpc, st.table, st.az, f"{src.label} ({sid})"), src.network, (sid,))]
            raise _Fail(f"no subnet in the spec contains {src.label}")
        if src.kind == "vpc":
            return e.groups(src.id)
        if src.kind == "load-balancer":
            lb = e.load_balancers[src.id]
            return e.groups(lb.vpc, lb.subnets)
        if src.kind == "interface-endpoint":
            ep = e.interface_endpoints[src.id]
            return e.groups(ep.vpc, ep.subnets)
        if src.kind == "endpoint-service":
            svc = e.endpoint_services[src.id]
            out = []
            for lb_id in svc.load_balancers:
                lb = e.load_balancers.get(lb_id)
                if lb is not None:
                    out += e.groups(lb.vpc, lb.subnets)
            return out
        raise _Fail(f"{src.label} cannot start a connection here (sources are subnets, IP addresses, VPCs, "
                    f"load balancers or the internet)")

    def _src_vpc(self, src: Endpoint) -> str | None:
        try:
            groups = self._sources(src)
        except _Fail:
            return None
        return groups[0].state.vpc if groups else None

    # ------------------------------------------------------------------ the question

    def flow(self, src: Endpoint, dst: Endpoint, port: int | None = None) -> Flow:
        try:
            if src.kind == "internet":
                return self._from_internet(dst)
            if src.kind == "service":
                raise _Fail(f"{src.label} does not open connections into VPCs")
            groups = self._sources(src)
            if not groups:
                raise _Fail(f"{src.label} has no subnets")
            if dst.kind == "endpoint-service":
                return self._privatelink(groups, self.engine.endpoint_services[dst.id], port)
            if dst.kind == "load-balancer":
                return self._to_load_balancer(groups, self.engine.load_balancers[dst.id], port)
            if dst.kind == "vpc" and src.kind == "vpc":
                return self.vpc_pair(src.id, dst.id)
            return self._first(groups, self._dests(dst, groups))
        except _Fail as f:
            return Flow(False, (), (), f.reason, f.rules)

    def _dests(self, dst: Endpoint, groups: list[Group]) -> list[Dest]:
        e = self.engine
        region = e.vpc_region(groups[0].state.vpc)
        if dst.kind == "internet":
            return [Dest("internet")]
        if dst.kind == "service":
            return [Dest("service", service=dst.service, region=dst.region or region)]
        if dst.kind in ("ip", "cidr"):
            return [Dest("net", dst.network)]
        if dst.kind == "subnet":
            s = e.subnets[dst.id]
            return [Dest("net", s.cidr, vpc=s.vpc, subnet=s.id)]
        if dst.kind == "vpc":
            return [Dest("net", s.cidr, vpc=s.vpc, subnet=s.id)
                    for s in sorted(e.subnets_of.get(dst.id, ()), key=lambda s: s.id) if s.cidr is not None]
        if dst.kind == "interface-endpoint":
            ep = e.interface_endpoints[dst.id]
            return [Dest("net", e.subnets[s].cidr, vpc=ep.vpc, subnet=s) for s in ep.subnets if s in e.subnets]
        if dst.kind == "external-vpc":
            ext = self.topology.get("external-vpc", dst.id)
            return [Dest("net", c, vpc=ext.id) for c in ext.cidrs]
        raise _Fail(f"{dst.label} cannot be a destination")

    def _first(self, groups: list[Group], dests: list[Dest]) -> Flow:
        first_fail = None
        for g in groups:
            for d in dests:
                f = self.engine.flow(g.state, d, g.network, g.state.vpc)
                if f.ok:
                    return f
                if first_fail is None:
                    first_fail = f
        if first_fail is None:
            raise _Fail("nothing to check (no subnets)")
        return self._prefixed(first_fail)

    def _prefixed(self, f: Flow) -> Flow:
        """Failure reasons start with "src-vpc → dst-vpc: " so they read on their own."""
        if f.ok or not f.src_vpc or f.prefix:
            return f
        return replace(f, prefix=True)

    def vpc_pair(self, v: str, w: str) -> Flow:
        """Can any subnet of ``v`` reach some subnet of ``w`` (and get replies)? Sources are
        grouped; each destination CIDR block is looked up once per route table unless a route
        splits it, in which case its subnets are looked up one by one."""
        e = self.engine
        blocks = self._blocks.get(w)
        if blocks is None:
            blocks = self._blocks[w] = [(block, Dest("net", block, vpc=w)) for block in e.vpcs[w].cidrs]
        first_fail = None
        for g in e.groups(v):
            table = e.tables.get(g.state.table) if g.state.table else None
            for block, block_dest in blocks:
                if table is not None and table.has_routes_inside(block):
                    dests = [Dest("net", s.cidr, vpc=w, subnet=s.id)
                             for s in sorted(e.subnets_of.get(w, ()), key=lambda s: s.id)
                             if s.cidr is not None and s.cidr.subnet_of(block)]
                else:
                    dests = [block_dest]
                for d in dests:
                    f = self._fast_fail(g, d, v, w)
                    if f is None:
                        f = e.flow(g.state, d, g.network, v)
                        if not f.ok:
                            self._learn_fast_fail(g, d, v, w, f)
                    if f.ok:
                        return f
                    if first_fail is None:
                        first_fail = f
        if first_fail is None:
            return Flow(False, (), (), f"{v} → {w}: {v} has no subnets", (), v, w)
        return self._prefixed(first_fail)

    # Fast negative path. In a sparse estate most pairs fail the same way: every table on the
    # way picks its default route and the packet ends at an internet gateway that will not
    # carry a private address. Once a group has failed like that, another private destination
    # that also gets only default routes in those tables fails identically (same hops); its
    # reason is formatted on demand by re-tracing it for real.

    def _slow_reason(self, g: Group, d: Dest, v: str):
        return self.engine.flow(g.state, d, g.network, v).reason

    def _learn_fast_fail(self, g: Group, d: Dest, v: str, w: str, f: Flow) -> None:
        e = self.engine
        if f.fail_in_return or not f.path or d.public or g.state in self._fast:
            return
        if f.path[-1].target not in e.igws:
            return
        if not all(h.matched == "0.0.0.0/0" and h.route_table in e.tables for h in f.path):
            return
        kind, _ = e._connection(v, w)
        conn = set(_CONNECTION_RULES[kind])
        base = tuple(r for r in f.rules if r not in conn)
        self._fast[g.state] = (tuple(h.route_table for h in f.path), f.path, base)

    def _fast_fail(self, g: Group, d: Dest, v: str, w: str) -> Flow | None:
        known = self._fast.get(g.state)
        if known is None or d.public:
            return None
        tables, path, base = known
        e = self.engine
        for tid in tables:
            r = e.tables[tid].select(d)
            if r is None or r.network is None or r.network.prefixlen != 0:
                return None
        kind, _ = e._connection(v, w)
        reason = Lazy(self._slow_reason, g, d, v)
        rules = self._rules_cache.get((base, kind))
        if rules is None:
            rules = self._rules_cache[(base, kind)] = tuple(dict.fromkeys([*base, *_CONNECTION_RULES[kind]]))
        return Flow(False, path, (), reason, rules, v, w, prefix=True)

    # ------------------------------------------------------------------ PrivateLink and LBs

    def _service_ports(self, svc) -> list[tuple[int, str, str]]:
        """(port, protocol, nlb id) of every listener of the service's load balancers."""
        out = []
        for lb_id in svc.load_balancers:
            lb = self.engine.load_balancers.get(lb_id)
            if lb is None:
                continue
            for lst in lb.listeners:
                out.append((lst.port, lst.protocol.upper(), lb.id))
        return sorted(out)

    def _privatelink(self, groups: list[Group], svc, port: int | None, alb: str | None = None) -> Flow:
        e = self.engine
        src_vpc = groups[0].state.vpc
        listeners = [(p, proto, lb) for p, proto, lb in self._service_ports(svc) if proto in TCP_PROTOCOLS]
        if port is not None:
            matching = [x for x in listeners if x[0] == port]
        else:
            matching = listeners
        if alb is not None:
            matching = [x for x in matching if self._nlb_targets_alb(x[2], alb, x[0])]
        if not matching:
            offered = ", ".join(f"{p}/{proto}" for p, proto, _ in self._service_ports(svc)) or "no listeners"
            what = f"port {port}" if port is not None else "any port"
            raise _Fail(f"{src_vpc} → {svc.id}: {svc.id} does not offer {what} over TCP (its load balancers "
                        f"listen on {offered}); PrivateLink carries only TCP to the NLB listener ports "
                        f"(IFE-4, EPS-5)", ("IFE-4",))
        listener = matching[0]
        endpoints = [ep for ep in self.topology.interface_endpoints
                     if ep.endpoint_service == svc.id and ep.state.lower() in USABLE_ENDPOINT_STATES]
        endpoints.sort(key=lambda ep: (ep.vpc != src_vpc, ep.id))
        provider = e._service_vpc(svc)
        if not endpoints:
            if provider == src_vpc:
                return self._direct_lb(groups, e.load_balancers[listener[2]], listener[0])
            raise _Fail(f"{src_vpc} → {svc.id}: no interface endpoint for {svc.id} in {src_vpc}; create one "
                        f"(PrivateLink connects consumer → provider, IFE-5)", ("IFE-5",))
        first_fail = None
        for ep in endpoints:
            dests = [Dest("net", e.subnets[s].cidr, vpc=ep.vpc, subnet=s)
                     for s in ep.subnets if s in e.subnets and e.subnets[s].cidr is not None]
            for g in groups:
                for d in dests:
                    f = e.flow(g.state, d, g.network, g.state.vpc)
                    if f.ok:
                        tail = [Hop(ep.id, None, "PrivateLink", svc.id),
                                Hop(svc.id, None, f"{listener[0]}/{listener[1]}", listener[2])]
                        if alb is not None:
                            tail.append(Hop(listener[2], None, f"alb target group :{listener[0]}", alb))
                        rules = tuple(dict.fromkeys([*f.rules, "IFE-5", "IFE-4"] + (["EPS-5"] if alb else [])))
                        path = f.path[:-1] + (Hop(f.path[-1].at, f.path[-1].route_table, f.path[-1].matched,
                                                  ep.id),) if f.path and f.path[-1].route_table is None else f.path
                        return Flow(True, path + tuple(tail), f.return_path,
                                    f"reachable through interface endpoint {ep.id} → {svc.id} → "
                                    f"{' → '.join(h.target for h in tail[1:])} (PrivateLink, one way: "
                                    f"{provider} cannot open connections back, IFE-5)",
                                    rules, src_vpc, provider)
                    if first_fail is None:
                        first_fail = f
        if first_fail is None:
            raise _Fail(f"{src_vpc} → {svc.id}: the interface endpoints for {svc.id} have no subnets (IFE-1)",
                        ("IFE-1",))
        return self._prefixed(first_fail)

    def _nlb_targets_alb(self, nlb_id: str, alb_id: str, port: int) -> bool:
        nlb = self.engine.load_balancers.get(nlb_id)
        if nlb is None:
            return False
        groups = {tg.id: tg for tg in nlb.target_groups}
        for lst in nlb.listeners:
            if lst.port != port or not lst.target_group:
                continue
            tg = groups.get(lst.target_group)
            if tg is not None and tg.target_type == "alb" and alb_id in tg.targets:
                return True
        return False

    def _direct_lb(self, groups: list[Group], lb, port: int | None) -> Flow:
        e = self.engine
        if port is not None and lb.listeners and not any(lst.port == port for lst in lb.listeners):
            ports = ", ".join(f"{lst.port}/{lst.protocol}" for lst in lb.listeners)
            raise _Fail(f"{groups[0].state.vpc} → {lb.vpc}: {lb.id} has no listener on port {port} "
                        f"(it listens on {ports})")
        dests = [Dest("net", e.subnets[s].cidr, vpc=lb.vpc, subnet=s) for s in lb.subnets
                 if s in e.subnets and e.subnets[s].cidr is not None]
        if not dests:
            raise _Fail(f"load balancer {lb.id} has no subnets")
        f = self._first(groups, dests)
        if f.ok:
            f = Flow(True, f.path + (Hop(f.path[-1].target, None, f"listener {port or 'any'}", lb.id),),
                     f.return_path, f.reason, f.rules, f.src_vpc, f.dst_vpc)
        return f

    def _to_load_balancer(self, groups: list[Group], lb, port: int | None) -> Flow:
        try:
            direct = self._direct_lb(groups, lb, port)
        except _Fail as fail:
            direct = Flow(False, (), (), fail.reason, fail.rules)
        if direct.ok:
            return direct
        # an ALB behind an NLB that backs an endpoint service (EPS-5), or an NLB of a service
        for svc in self.topology.endpoint_services:
            for nlb_id in svc.load_balancers:
                if nlb_id == lb.id:
                    alb = None
                elif lb.type == "application" and self._nlb_behind(nlb_id, lb.id):
                    alb = lb.id
                else:
                    continue
                try:
                    f = self._privatelink(groups, svc, port, alb)
                except _Fail:
                    continue
                if f.ok:
                    return f
        return direct

    def _nlb_behind(self, nlb_id: str, alb_id: str) -> bool:
        nlb = self.engine.load_balancers.get(nlb_id)
        return nlb is not None and any(tg.target_type == "alb" and alb_id in tg.targets for tg in nlb.target_groups)

    # ------------------------------------------------------------------ inbound from the internet

    def _from_internet(self, dst: Endpoint) -> Flow:
        e = self.engine
        if dst.kind == "subnet":
            subnets = [dst.id]
        elif dst.kind == "vpc":
            subnets = [s.id for s in sorted(e.subnets_of.get(dst.id, ()), key=lambda s: s.id)]
        elif dst.kind == "ip":
            subnets = [sid for v in sorted(e.subnets_of) if (sid := e.subnet_containing(v, dst.network))]
        elif dst.kind == "load-balancer":
            lb = e.load_balancers[dst.id]
            if lb.scheme != "internet-facing":
                raise _Fail(f"internet → {lb.vpc}: {lb.id} is an internal load balancer; the internet cannot "
                            f"reach it")
            subnets = list(lb.subnets)
        else:
            raise _Fail(f"internet → {dst.label}: not something the internet can connect to")
        first = None
        for sid in subnets:
            s = e.subnets.get(sid)
            if s is None:
                continue
            vpc = e.vpcs[s.vpc]
            if not vpc.internet_gateway:
                first = first or Flow(False, (), (), f"internet → {s.vpc}: {s.vpc} has no internet gateway (IGW-1)",
                                      ("IGW-1",), None, s.vpc)
                continue
            st = e.subnet_state(sid)
            reply = e.trace(st, Dest("internet"), None)
            if reply.ok and any(h.target == vpc.internet_gateway for h in reply.hops) and \
                    not any(h.at in e.nats for h in reply.hops):
                path = (Hop("internet", None, str(s.cidr), vpc.internet_gateway),
                        Hop(vpc.internet_gateway, None, "local", sid))
                return Flow(True, path, reply.hops, f"reachable through {vpc.internet_gateway}; {sid} is public "
                            f"(its table routes 0.0.0.0/0 to the internet gateway)", ("SUB-2", "IGW-1"),
                            None, s.vpc)
            first = first or Flow(False, (Hop("internet", None, str(s.cidr), vpc.internet_gateway),), reply.hops,
                                  f"internet → {s.vpc}: {sid} is not a public subnet — its table "
                                  f"{st.table} does not route 0.0.0.0/0 to {vpc.internet_gateway}, so "
                                  f"replies cannot go back out (SUB-2)", ("SUB-2",), None, s.vpc)
        if first is None:
            raise _Fail(f"internet → {dst.label}: no subnets")
        return first


# ---------------------------------------------------------------------- module API

_CACHE: list[tuple[Topology, Reachability]] = []


def reachability(topology: Topology) -> Reachability:
    """The (cached) :class:`Reachability` of a topology."""
    for topo, r in _CACHE:
        if topo is topology:
            return r
    r = Reachability(topology)
    _CACHE.append((topology, r))
    del _CACHE[:-4]
    return r


def reach(topology: Topology, source, destination, port: int | None = None) -> Answer:
    """Can ``source`` reach ``destination``? Both are endpoint texts (see :mod:`.endpoints`)
    or parsed :class:`~.endpoints.Endpoint` objects. Raises :class:`UnknownEndpoint` for names
    the topology does not know."""
    return reachability(topology).answer(source, destination, port)


__all__ = ["Engine", "Flow", "Group", "Reachability", "State", "UnknownEndpoint", "reach", "reachability"]
