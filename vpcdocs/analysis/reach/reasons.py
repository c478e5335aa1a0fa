"""Why a packet has no way on: the blocker that names the missing route, gateway endpoint or
VPC-to-VPC link (PEER-1, PEER-5, PEER-7, TGW-3, GWE-5..7, IFE-5, IGW-1).

A mixin of :class:`~.walk.Walker`: it reads the walker's data plane, its transit gateways and
its memos.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import GatewayEndpoint
from ...routing import DataPlane, Dest, EffectiveRoute
from .results import Blocker, block, cause_rules
from .steps import State

if TYPE_CHECKING:
    from ...model import Topology
    from .transit import Transit

# connection causes whose parameters do not name the route table (see Walker._connection)
_NO_TABLE_PARAM = frozenset({"peering-inactive", "one-way-privatelink"})


class Reasons:
    dp: DataPlane
    topology: Topology
    transit: Transit
    _conn_memo: dict[tuple[str, str | None, str, str], tuple[str, str, tuple[tuple[str, str], ...]]]
    _related_memo: dict[str, frozenset[str]]
    _routed: dict[str | None, dict[str, tuple[str, ...]]]

    def owner(self, dest: Dest) -> str | None:
        raise NotImplementedError

    # ------------------------------------------------------------------ why no route

    def no_route(self, state: State, dest: Dest) -> Blocker:
        table = state.table or ""
        if dest.kind == "net":
            x = self.owner(dest)
            if x is None or x == state.vpc:
                return block("no-route", table, table=table, dest=dest.text)
            return self.connection_blocker(state, dest, x, "no-route")
        if dest.kind == "service":
            return self._no_service_route(state, dest)
        peers = sorted(o for o in self.dp.neighbours.active_peers(state.vpc)
                       if o in self.dp.vpcs and self.dp.vpcs[o].internet_gateway)
        if peers:
            return block("internet-peer-exit", table, table=table, dest=dest.text, vpc=state.vpc, peer=peers[0],
                         default="::/0" if dest.version == 6 else "0.0.0.0/0")
        return block("no-route", table, table=table, dest=dest.text, vpc=state.vpc, internet="yes",
                     default="::/0" if dest.version == 6 else "0.0.0.0/0")

    def _no_service_route(self, state: State, dest: Dest) -> Blocker:
        """No route for S3/DynamoDB: say which gateway endpoint would have carried it and why
        it does not (GWE-5, GWE-6, GWE-7, PEER-2)."""
        table, v = state.table or "", state.vpc
        peers = self.dp.neighbours.active_peers(v)

        def region(g: GatewayEndpoint) -> str:
            return g.service_region or self.dp.vpcs[g.vpc].region

        for g in sorted(self.topology.gateway_endpoints, key=lambda g: g.id):
            if g.service == dest.service and g.vpc in peers and region(g) == dest.region and g.active:
                return block("service-peer-endpoint", table, table=table, endpoint=g.id, peer=g.vpc,
                             service=dest.service, vpc=v)
        own = [g for g in self.topology.in_vpc(v, "gateway-endpoint") if g.service == dest.service and g.active]
        same = [g for g in own if region(g) == dest.region]
        if same:
            return block("service-endpoint-not-associated", table, table=table, endpoint=same[0].id,
                         service=dest.service)
        if own:
            return block("service-endpoint-other-region", table, table=table, endpoint=own[0].id,
                         service=dest.service, region=region(own[0]), wanted=dest.region)
        return block("no-route", table, table=table, dest=dest.text, service=dest.service, region=dest.region,
                     vpc=v)

    def private_to_igw(self, state: State, dest: Dest, route: EffectiveRoute) -> Blocker:
        """A private address sent to an internet gateway: say where it should have gone."""
        return self.misrouted(state, dest, route, "igw", "private-to-igw")

    def misrouted(self, state: State, dest: Dest, route: EffectiveRoute, role: str, fallback: str) -> Blocker:
        """``route`` sends ``dest`` to a gateway (``role``: igw | nat) that cannot carry it
        there; the blocker names the route and, when ``dest`` is in another VPC, the missing
        VPC-to-VPC link."""
        x = self.owner(dest)
        if x is not None and x != state.vpc:
            cause, at, params = self._connection(state.vpc, state.table, x, fallback)
            lead: tuple[tuple[str, str], ...] = (("route", route.destination), (role, route.target))
            if cause in _NO_TABLE_PARAM:
                lead += (("table", state.table or ""),)
            return Blocker(cause, "request", at, params + (("dest", dest.text),) + lead, cause_rules(cause))
        return block(fallback, state.table or "", table=state.table or "", route=route.destination,
                     **{role: route.target}, dest=dest.text)

    def connection_blocker(self, state: State, dest: Dest, x: str, fallback: str) -> Blocker:
        """Why VPC ``state.vpc`` has no path to ``x`` (which VPC-to-VPC link is missing)."""
        cause, at, params = self._connection(state.vpc, state.table, x, fallback)
        if cause in ("peering-inactive", "one-way-privatelink"):
            return Blocker(cause, "request", at, params)
        return Blocker(cause, "request", at, params + (("dest", dest.text),))

    def _connection(self, v: str, table_id: str | None, x: str, fallback: str
                    ) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        """(cause, at, params without the destination) of the missing link from ``v`` (routed by
        ``table_id``) to ``x`` — memoised: a matrix asks it once per pair of VPCs."""
        nb, table = self.dp.neighbours, table_id or ""
        if x not in self._related(v):  # the common case in a big estate: nothing links them
            cause = "private-to-igw" if fallback == "private-to-igw" else "not-connected"
            extra = (("unconnected", "yes"),) if fallback == "private-to-igw" else ()
            return (cause, table, (("table", table), ("vpc", v), ("peer", x)) + extra)  # cheaper than a memo
        key = (v, table_id, x, fallback)
        found = self._conn_memo.get(key)
        if found is not None:
            return found
        routed = self._routed_to(table_id)
        direct = nb.peering_between(v, x)
        result: tuple[str, str, dict[str, str]]
        if direct is not None:
            if not direct.active:
                result = ("peering-inactive", direct.id, dict(peering=direct.id, status=direct.status, vpc=v, peer=x))
            else:
                result = ("peering-no-route", table, dict(table=table, peering=direct.id, vpc=v, peer=x,
                                                           routed=",".join(routed.get(direct.id, ()))))
        elif shared := sorted(nb.tgws_of(v) & nb.tgws_of(x)):
            result = ("tgw-no-route-vpc", table, dict(table=table, tgw=shared[0], vpc=v, peer=x,
                                                       routed=",".join(routed.get(shared[0], ()))))
        elif hubs := sorted(nb.active_peers(v) & nb.active_peers(x)):
            result = ("not-transitive", table, dict(table=table, vpc=v, owner=x, hub=hubs[0]))
        elif pl := (self.transit.privatelink_between(x, v) or self.transit.privatelink_between(v, x)):
            provider = x if self.transit.privatelink_between(x, v) else v
            result = ("one-way-privatelink", pl[0], dict(service=pl[0], endpoint=pl[1], vpc=v, peer=x,
                                                          provider=provider))
        elif fallback == "private-to-igw":
            result = ("private-to-igw", table, dict(table=table, vpc=v, peer=x, unconnected="yes"))
        else:
            result = ("not-connected", table, dict(table=table, vpc=v, peer=x))
        cause, at, params = result
        found = (cause, at, tuple((k, p) for k, p in params.items() if p))
        if len(self._conn_memo) < 200_000:
            self._conn_memo[key] = found
        return found

    def _related(self, v: str) -> frozenset[str]:
        """The VPCs a missing link from ``v`` could be explained by: peers, TGW neighbours,
        peers of peers, PrivateLink partners."""
        found = self._related_memo.get(v)
        if found is None:
            nb = self.dp.neighbours
            out = set(nb.active_peers(v)) | nb.tgw_neighbours(v)
            out |= {p.other_side(v) or "" for p in nb.peerings_of(v)}
            for peer in nb.active_peers(v):
                out |= nb.active_peers(peer)
            out |= self.transit.privatelink_partners(v)
            found = self._related_memo[v] = frozenset(out)
        return found

    def _routed_to(self, table_id: str | None) -> dict[str, tuple[str, ...]]:
        found = self._routed.get(table_id)
        if found is None:
            table = self.dp.table(table_id) if table_id else None
            out: dict[str, list[str]] = {}
            for r in table.routes if table else ():
                out.setdefault(r.target, []).append(r.destination)
            found = self._routed[table_id] = {k: tuple(v) for k, v in out.items()}
        return found
