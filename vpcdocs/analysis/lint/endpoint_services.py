"""Endpoint service (PrivateLink provider) checks (EPS-1, EPS-4, EPS-5, EPS-9)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator

from ...diagnostics import Diagnostic, Location, Severity
from ...model import EndpointService, LoadBalancer, Subnet, TargetGroup
from .registry import LintContext, lint_check

MAX_NLBS_PER_ALB = 2


@lint_check
def service_load_balancer_types(ctx: LintContext) -> Iterator[Diagnostic]:
    for svc in ctx.topology.endpoint_services:
        for lb_id in svc.load_balancers:
            lb = ctx.topology.get("load-balancer", lb_id)
            if lb is not None and lb.type not in ("network", "gateway"):
                yield ctx.finding("L-EPS-LB-TYPE", f"endpoint service '{svc.id}' is backed by {lb.type} load "
                                  f"balancer '{lb.id}'; only network and gateway load balancers can back a service",
                                  svc.loc, svc.id, related=(lb.loc,))


@lint_check
def load_balancer_subnets(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for lb in topo.load_balancers:
        subnets = [s for s in (topo.get("subnet", sid) for sid in lb.subnets) if s is not None]
        seen: dict[str, str] = {}
        for s in subnets:
            key = s.az or s.az_id
            if key and key in seen:
                yield ctx.finding("L-LB-SUBNETS", f"load balancer '{lb.id}' has two subnets in {key} ('{seen[key]}' "
                                  f"and '{s.id}'); a load balancer takes one subnet per AZ", lb.loc, lb.id)
            elif key:
                seen[key] = s.id
        if lb.type == "application" and subnets and len(seen) < 2:
            yield ctx.finding("L-LB-SUBNETS", f"application load balancer '{lb.id}' is in {len(seen)} AZ; an ALB "
                              "needs subnets in at least two AZs", lb.loc, lb.id)


@lint_check
def alb_targets(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    nlbs_of_alb: dict[str, list[tuple[LoadBalancer, TargetGroup, Location]]] = defaultdict(list)
    for lb in topo.load_balancers:
        for tg in lb.target_groups:
            if tg.target_type != "alb":
                continue
            loc = tg.loc if tg.loc.line else lb.loc

            def bad(message: str, at: Location = loc, lb: LoadBalancer = lb, tg: TargetGroup = tg) -> Diagnostic:
                return ctx.finding("L-EPS-ALB-TARGET", f"load balancer '{lb.id}' target group '{tg.id}': {message}",
                                   at, lb.id)

            if lb.type != "network":
                yield bad(f"an 'alb' target group belongs on a network load balancer, not a {lb.type} one")
            if len(tg.targets) != 1:
                yield bad(f"an 'alb' target group holds exactly one application load balancer, not {len(tg.targets)}")
            if tg.protocol.upper() != "TCP":
                yield bad(f"protocol is {tg.protocol}; an 'alb' target group uses TCP")
            for lst in lb.listeners:
                if lst.target_group == tg.id and lst.protocol.upper() != "TCP":
                    yield bad(f"listener {lst.protocol}:{lst.port} forwards to it; only TCP listeners can forward "
                              "to an 'alb' target group", lst.loc if lst.loc.line else loc)
            for target_id in tg.targets:
                alb = topo.get("load-balancer", target_id)
                if alb is None:
                    continue
                if alb.type != "application":
                    yield bad(f"target '{alb.id}' is a {alb.type} load balancer, not an application load balancer")
                    continue
                nlbs_of_alb[alb.id].append((lb, tg, loc))
                if alb.vpc != lb.vpc:
                    yield bad(f"ALB '{alb.id}' is in VPC {alb.vpc} but the NLB is in {lb.vpc}; they must share "
                              "a VPC and account")
                alb_ports = sorted({lst.port for lst in alb.listeners})
                if tg.port is not None and alb_ports and tg.port not in alb_ports:
                    yield bad(f"port {tg.port} does not match a listener port of ALB '{alb.id}' "
                              f"({', '.join(map(str, alb_ports))})")
    for alb_id, users in sorted(nlbs_of_alb.items()):
        nlbs = sorted({lb.id for lb, _, _ in users})
        if len(nlbs) > MAX_NLBS_PER_ALB:
            target = topo.get("load-balancer", alb_id)
            if target is not None:
                yield ctx.finding("L-EPS-ALB-TARGET", f"ALB '{alb_id}' is the target of {len(nlbs)} network load "
                                  f"balancers ({', '.join(nlbs)}); at most {MAX_NLBS_PER_ALB} are allowed",
                                  target.loc, alb_id)


def _service_subnets(ctx: LintContext, svc: EndpointService) -> list[Subnet]:
    out: list[Subnet] = []
    for lb_id in svc.load_balancers:
        lb = ctx.topology.get("load-balancer", lb_id)
        if lb is not None:
            out += [s for s in (ctx.topology.get("subnet", sid) for sid in lb.subnets) if s is not None]
    return out


@lint_check
def endpoint_azs(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for ife in topo.interface_endpoints:
        if not ife.endpoint_service:
            continue
        svc = topo.get("endpoint-service", ife.endpoint_service)
        if svc is None:
            continue
        consumer = [s for s in (topo.get("subnet", sid) for sid in ife.subnets) if s is not None]
        provider = _service_subnets(ctx, svc)
        if not consumer or not provider:
            continue
        key: Callable[[Subnet], str]
        if all(s.az_id for s in consumer + provider):
            key, what = (lambda s: s.az_id or ""), "AZ IDs"
        else:
            cvpc, pvpc = topo.get("vpc", ife.vpc), topo.get("vpc", svc.vpc)
            if cvpc is None or pvpc is None or cvpc.account != pvpc.account or not all(
                    s.az for s in consumer + provider):
                continue  # AZ names differ between accounts: only AZ ids can be compared (EPS-4)
            key, what = (lambda s: s.az), "AZs"
        served = {key(s) for s in provider}
        uncovered = [s for s in consumer if key(s) not in served]
        if not uncovered:
            continue
        served_text = ", ".join(sorted(served))
        if len(uncovered) == len(consumer):
            yield ctx.finding("L-EPS-AZ", f"interface endpoint '{ife.id}' is in {what} "
                              f"{', '.join(sorted({key(s) for s in consumer}))} but endpoint service '{svc.id}' "
                              f"is only in {served_text}; no endpoint interface can be created", ife.loc, ife.id,
                              related=(svc.loc,))
        else:
            yield ctx.finding("L-EPS-AZ", f"interface endpoint '{ife.id}': subnet(s) "
                              f"{', '.join(s.id for s in uncovered)} are in {what} endpoint service '{svc.id}' "
                              f"does not serve ({served_text})", ife.loc, ife.id, severity=Severity.WARNING,
                              related=(svc.loc,))


@lint_check
def cross_zone(ctx: LintContext) -> Iterator[Diagnostic]:
    topo = ctx.topology
    for lb in topo.load_balancers:
        if lb.type != "network" or lb.cross_zone is not True:
            continue
        for tg in lb.target_groups:
            if tg.target_type != "alb":
                continue
            for target_id in tg.targets:
                alb = topo.get("load-balancer", target_id)
                if alb is not None and alb.cross_zone is False:
                    yield ctx.finding("L-EPS-XZONE", f"NLB '{lb.id}' has cross-zone load balancing on but its "
                                      f"target ALB '{alb.id}' has it off; this causes intermittent 503s",
                                      lb.loc, lb.id, related=(alb.loc,))
