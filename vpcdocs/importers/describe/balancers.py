"""Elastic Load Balancing v2: application, network and gateway load balancers with their
listeners and target groups (an NLB forwarding to an ALB: EPS-5)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..naming import common, finish, lower
from .context import Context, Entry


class BalancerIndex:
    """Listeners, attributes and target health of every load balancer, read once."""

    def __init__(self, ctx: Context):
        self.listeners: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.attrs: dict[str, dict[str, Any]] = {}
        self.health: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.tgs_of: dict[str, list[str]] = defaultdict(list)
        for snap in ctx.snaps:
            for listener in snap.items("Listeners"):
                self.listeners[str(listener.get("LoadBalancerArn"))].append(listener)
            for entry in snap.items("LoadBalancerAttributes"):
                self.attrs[str(entry.get("LoadBalancerArn"))] = {
                    str(a.get("Key")): a.get("Value") for a in entry.get("Attributes") or [] if isinstance(a, dict)}
            for entry in snap.items("TargetHealth"):
                self.health[str(entry.get("TargetGroupArn"))].extend(entry.get("TargetHealthDescriptions") or [])
        for tg_arn, (_, tg) in sorted(ctx.store["tg"].items()):
            for arn in tg.get("LoadBalancerArns") or []:
                self.tgs_of[arn].append(tg_arn)
        self.used: set[str] = set()


def build_load_balancers(ctx: Context, index: BalancerIndex, vpc_id: str, lbs: list[tuple[str, Entry]]
                         ) -> dict[str, dict[str, Any]]:
    out = {}
    for arn, (snap, lb) in lbs:
        spec_id = ctx.names.get("load-balancer", arn)
        kind = lower(lb.get("Type") or "application")
        if kind not in ("application", "network", "gateway"):
            ctx.skip("load-balancer", arn, f"type {kind} is not modelled", snap)
            continue
        doc = common(lb, arn, spec_id)
        doc["type"] = kind
        doc["scheme"] = "internet-facing" if lower(lb.get("Scheme")) == "internet-facing" else "internal"
        subs = []
        for az in lb.get("AvailabilityZones") or []:
            sid = az.get("SubnetId") if isinstance(az, dict) else None
            if sid in ctx.subnet_docs:
                subs.append(ctx.names.get("subnet", sid))
            elif sid:
                ctx.skip("load-balancer-subnet", f"{arn} {sid}", "subnet not in the import", snap)
        if not subs:
            ctx.skip("load-balancer", arn, "none of its subnets is in the import", snap)
            continue
        doc["subnets"] = sorted(subs)
        tgs = _target_groups(ctx, index, arn)
        listeners = _listeners(ctx, index, arn, snap, tgs)
        if listeners:
            doc["listeners"] = listeners
        if tgs:
            doc["target_groups"] = tgs
        cz = (index.attrs.get(arn) or {}).get("load_balancing.cross_zone.enabled")
        if cz is not None and kind != "application":
            doc["cross_zone"] = lower(cz) == "true"
        groups = [g for g in lb.get("SecurityGroups") or [] if isinstance(g, str)]
        refs = sorted({r for g in groups if (r := ctx.sg_ref(g, None, ctx.account(snap, lb)))})
        if refs:
            doc["security_groups"] = refs
        out[spec_id] = finish(doc, lb)
    for tg_arn, (tsnap, tg) in sorted(ctx.store["tg"].items()):
        if tg.get("VpcId") == vpc_id and tg_arn not in index.used and not (
                set(tg.get("LoadBalancerArns") or []) & set(ctx.store["lb"])):
            ctx.skip("target-group", tg_arn, "not attached to an imported load balancer", tsnap)
    return dict(sorted(out.items()))  # type: ignore[arg-type]


def _target_groups(ctx: Context, index: BalancerIndex, arn: str) -> dict[str, dict[str, Any]]:
    tgs = {}
    for tg_arn in index.tgs_of.get(arn, []):
        tsnap, tg = ctx.store["tg"][tg_arn]
        if tg_arn in index.used:
            ctx.skip("target-group", f"{tg_arn} on {arn}", "a target group shared by two load balancers is listed "
                     "under the first only", tsnap)
            continue
        index.used.add(tg_arn)
        doc: dict[str, Any] = {}
        ttype = lower(tg.get("TargetType") or "instance")
        doc["target_type"] = ttype if ttype in ("instance", "ip", "alb", "lambda") else "instance"
        if tg.get("Protocol"):
            doc["protocol"] = str(tg["Protocol"]).upper()
        if tg.get("Port"):
            doc["port"] = int(tg["Port"])
        if ttype == "alb":
            targets = []
            for desc in sorted(index.health.get(tg_arn, []), key=lambda d: str((d.get("Target") or {}).get("Id"))):
                tid = (desc.get("Target") or {}).get("Id")
                if tid in ctx.store["lb"]:
                    targets.append(ctx.names.get("load-balancer", tid))
                elif tid:
                    ctx.skip("target", f"{tg_arn} {tid}", "the target ALB is not in the import", tsnap)
            if targets:
                doc["targets"] = sorted(set(targets))
        tgs[ctx.names.get("target-group", tg_arn) or tg_arn] = doc
    return tgs


def _listeners(ctx: Context, index: BalancerIndex, arn: str, snap: Any, tgs: dict[str, dict[str, Any]]
               ) -> list[dict[str, Any]]:
    listeners = []
    for listener in sorted(index.listeners.get(arn, []), key=lambda x: (x.get("Port") or 0, str(x.get("Protocol")))):
        entry: dict[str, Any] = {}
        if listener.get("Port") is None or not listener.get("Protocol"):
            ctx.skip("listener", str(listener.get("ListenerArn") or arn), "no port or protocol", snap)
            continue
        entry["port"] = int(listener["Port"])
        entry["protocol"] = str(listener["Protocol"]).upper()
        tg_arn = None
        for action in listener.get("DefaultActions") or []:
            if lower(action.get("Type")) == "forward":
                tg_arn = action.get("TargetGroupArn") or next(
                    (t.get("TargetGroupArn") for t in (action.get("ForwardConfig") or {}).get("TargetGroups") or []),
                    None)
                break
        if tg_arn:
            tg_name = ctx.names.get("target-group", tg_arn)
            if tg_name in tgs:
                entry["target_group"] = tg_name
            else:
                ctx.skip("listener-target-group", f"{arn}:{entry['port']} {tg_arn}",
                         "target group not in the import (or not of this load balancer)", snap)
        listeners.append(entry)
    return listeners
