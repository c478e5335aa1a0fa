"""Flows to load balancers and PrivateLink endpoint services (IFE-4..6, EPS-5, SG-20).

* A load balancer is reached at its interfaces (one per subnet, with its security groups),
  on its listener ports; an ALB behind an NLB that backs an endpoint service is also
  reachable through that service (EPS-5).
* An endpoint service is reached through an interface endpoint for it — preferably in the
  source's VPC, else anywhere routing reaches (IFE-6) — on TCP listener ports of its NLBs
  only (IFE-4). PrivateLink is one way: consumer → provider (IFE-5); the provider side beyond
  the listener (NLB → targets) is not evaluated, and the answer says so.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import EndpointService, LoadBalancer
from ...routing import DataPlane, IntervalSet, TrafficSet
from .dispositions import Disposition
from .flows import Flows
from .locations import Place, interface_place
from .results import Answer, Hop, block

TCP_PROTOCOLS = ("TCP", "TLS", "TCP_UDP", "HTTP", "HTTPS")


def listener_traffic(lb: LoadBalancer, tcp_only: bool = False) -> TrafficSet:
    """The traffic a load balancer's listeners accept."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for lst in lb.listeners:
        proto = lst.protocol.upper()
        if proto in TCP_PROTOCOLS:
            spans.setdefault("tcp", []).append((lst.port, lst.port))
        if not tcp_only and proto in ("UDP", "TCP_UDP"):
            spans.setdefault("udp", []).append((lst.port, lst.port))
    return TrafficSet.of({p: IntervalSet.from_spans(s) for p, s in spans.items()})


class PrivateLink:
    def __init__(self, dp: DataPlane, flows: Flows):
        self.dp = dp
        self.flows = flows
        self.t = dp.topology

    def _lb(self, lb_id: str) -> LoadBalancer | None:
        return self.t.get("load-balancer", lb_id)

    def to_service(self, sources: list[Place], svc: EndpointService, traffic: TrafficSet, label: str,
                   alb: str | None = None) -> Answer:
        src_vpc = sources[0].vpc
        offered = TrafficSet()
        for lb_id in svc.load_balancers:
            lb = self._lb(lb_id)
            if lb is not None and (alb is None or self._nlb_targets_alb(lb, alb)):
                offered = offered | listener_traffic(lb, tcp_only=True)
        wanted = traffic & offered
        if not wanted:
            ports = ",".join(f"{lst.port}/{lst.protocol}" for lb_id in svc.load_balancers
                             if (lb := self._lb(lb_id)) is not None for lst in lb.listeners)
            return self.flows.failed(sources[0].label, label, block("no-listener", svc.id, service=svc.id,
                                     offered=ports or "none", traffic=traffic.text()), traffic, src_vpc=src_vpc)
        provider = self.flows.walker.transit.service_vpc(svc.id)
        endpoints = sorted((ep for ep in self.t.interface_endpoints if ep.endpoint_service == svc.id and ep.active),
                           key=lambda ep: (ep.vpc != src_vpc, ep.id))
        if not endpoints:
            if provider == src_vpc:
                lb = next((x for x in (self._lb(i) for i in svc.load_balancers) if x is not None), None)
                if lb is not None:
                    return self.to_load_balancer(sources, lb, wanted, label, via_service=False)
            return self.flows.failed(sources[0].label, label, block("no-endpoint", svc.id, service=svc.id,
                                     vpc=src_vpc, provider=provider), traffic, src_vpc=src_vpc)
        first: Answer | None = None
        for ep in endpoints:
            places = [interface_place(self.dp, i) for i in self.dp.interfaces_of(ep.id)]
            if not places:
                first = first or self.flows.failed(sources[0].label, label, block(
                    "endpoint-no-subnets", ep.id, endpoint=ep.id, service=svc.id), traffic, src_vpc=src_vpc)
                continue
            for src in sources:
                for place in places:
                    ans = self.flows.between(src, place, wanted)
                    if ans.reachable:
                        return self._through(ans, ep.id, svc, label, alb, provider, wanted)
                    first = first or replace(ans, destination=label)
        assert first is not None
        return first

    def _through(self, ans: Answer, ep: str, svc: EndpointService, label: str, alb: str | None,
                 provider: str | None, ports: TrafficSet) -> Answer:
        nlb = next((lb for lb in (self._lb(i) for i in svc.load_balancers) if lb is not None
                    and (alb is None or self._nlb_targets_alb(lb, alb))), None)
        tail = [Hop(ep, None, "PrivateLink", svc.id)]
        if nlb is not None:
            tail.append(Hop(svc.id, None, ports.text() or "listener", nlb.id))
            if alb is not None:
                tail.append(Hop(nlb.id, None, "alb target group", alb))
        rules = tuple(dict.fromkeys((*ans.rules, "IFE-5", "IFE-4", *(["EPS-5"] if alb else []))))
        return replace(ans, destination=label, path=ans.path + tuple(tail), rules=rules, end="service",
                       dst_vpc=provider, assumptions=(*ans.assumptions, "provider-side-unchecked"))

    @staticmethod
    def _nlb_targets_alb(nlb: LoadBalancer, alb_id: str) -> bool:
        groups = {tg.id: tg for tg in nlb.target_groups}
        return any(tg.target_type == "alb" and alb_id in tg.targets
                   for lst in nlb.listeners if (tg := groups.get(lst.target_group or "")) is not None)

    def to_load_balancer(self, sources: list[Place], lb: LoadBalancer, traffic: TrafficSet, label: str,
                         via_service: bool = True) -> Answer:
        offered = listener_traffic(lb)
        wanted = traffic & offered if lb.listeners else traffic
        direct: Answer
        if not wanted:
            ports = ", ".join(f"{lst.port}/{lst.protocol}" for lst in lb.listeners)
            direct = self.flows.failed(sources[0].label, label, block("lb-no-listener", lb.id, lb=lb.id, offered=ports,
                                                                     traffic=traffic.text()), traffic,
                                       src_vpc=sources[0].vpc)
        else:
            places = [interface_place(self.dp, i) for i in self.dp.interfaces_of(lb.id)]
            if not places:
                direct = self.flows.failed(sources[0].label, label, block("lb-no-subnets", lb.id, lb=lb.id),
                                           traffic, src_vpc=sources[0].vpc)
            else:
                direct = self._first(sources, places, wanted, label)
                if direct.reachable:
                    last = direct.path[-1].target if direct.path else lb.id
                    direct = replace(direct, path=direct.path + (Hop(last, None, "listener", lb.id),), end="interface")
        if direct.reachable or not via_service:
            return direct
        for svc in self.t.endpoint_services:
            for nlb_id in svc.load_balancers:
                nlb = self._lb(nlb_id)
                if nlb_id == lb.id:
                    alb = None
                elif nlb is not None and lb.type == "application" and any(
                        tg.target_type == "alb" and lb.id in tg.targets for tg in nlb.target_groups):
                    alb = lb.id
                else:
                    continue
                ans = self.to_service(sources, svc, traffic, label, alb)
                if ans.reachable:
                    return ans
        return direct

    def _first(self, sources: list[Place], places: list[Place], traffic: TrafficSet, label: str) -> Answer:
        first: Answer | None = None
        for src in sources:
            for place in places:
                ans = self.flows.between(src, place, traffic)
                if ans.reachable:
                    return replace(ans, destination=label)
                first = first or replace(ans, destination=label)
        assert first is not None
        return first


__all__ = ["PrivateLink", "listener_traffic", "Disposition"]
