"""Route tables and their routes, with the state AWS reported (RS-1..6, issue 12 item 5).

* ``local`` routes and gateway-endpoint routes are not written: vpcdocs derives them. A
  gateway-endpoint route (``DestinationPrefixListId`` → ``vpce-…``) becomes the endpoint's
  ``route_tables`` entry (GWE-2).
* Routes propagated from a virtual private gateway are derived from the table's
  ``propagating_vgws`` (VGW-3); their prefixes are the BGP routes of the gateway's VPN
  connections (VGW-12).
* Every other route is kept, whatever its target, with AWS's state: ``state: blackhole``
  (and the reason, where the input tells it) whenever AWS says so; ``state: active`` when the
  target is not an object of the written spec (vpcdocs could not derive it). Nothing is
  invented to make a route look alive.
"""

from __future__ import annotations

from typing import Any

from ...model.lifecycle import usable
from ..model import AwsSnapshot
from ..naming import common, finish, is_placeholder, lower, state_of
from .context import Context

# Target fields of a route, in the order they are consulted (InstanceId before the ENI AWS
# also reports for an instance route).
ROUTE_TARGET_FIELDS = (
    "GatewayId", "NatGatewayId", "TransitGatewayId", "VpcPeeringConnectionId", "InstanceId", "NetworkInterfaceId",
    "EgressOnlyInternetGatewayId", "CarrierGatewayId", "LocalGatewayId", "CoreNetworkArn", "OdbNetworkArn",
    "VpcEndpointId",
)

# AWS id prefix -> (store kind, lifecycle kind, words, describe command)
TARGET_KINDS: dict[str, tuple[str, str, str, str]] = {
    "nat-": ("nat", "nat-gateway", "NAT gateway", "describe-nat-gateways"),
    "igw-": ("igw", "internet-gateway", "internet gateway", "describe-internet-gateways"),
    "eigw-": ("eigw", "egress-only-internet-gateway", "egress-only internet gateway",
              "describe-egress-only-internet-gateways"),
    "vgw-": ("vgw", "vpn-gateway", "virtual private gateway", "describe-vpn-gateways"),
    "pcx-": ("pcx", "peering", "peering connection", "describe-vpc-peering-connections"),
    "tgw-": ("tgw", "transit-gateway", "transit gateway", "describe-transit-gateways"),
    "eni-": ("eni", "network-interface", "network interface", "describe-network-interfaces"),
    "vpce-": ("endpoint", "gateway-endpoint", "VPC endpoint", "describe-vpc-endpoints"),
}


def build_table(ctx: Context, rid: str, snap: AwsSnapshot, t: dict[str, Any], subnets: dict[str, dict[str, Any]]
                ) -> dict[str, Any]:
    rt_id = ctx.names.get("route-table", rid)
    out = common(t, rid, rt_id)
    for assoc in t.get("Associations") or []:
        state = lower((assoc.get("AssociationState") or {}).get("State") or "associated")
        if state not in ("associated", "associating"):
            continue
        if assoc.get("Main"):
            out["main"] = True
        elif assoc.get("SubnetId"):
            if assoc["SubnetId"] in subnets:
                subnets[assoc["SubnetId"]]["route_table"] = rt_id
            else:
                ctx.skip("route-table-association", f"{rid} {assoc['SubnetId']}", "the subnet is not in the import",
                         snap)
        elif assoc.get("GatewayId"):
            ctx.skip("route-table-association", f"{rid} {assoc['GatewayId']}",
                     "edge association (gateway route table, RT-4) is not modelled", snap)
    vgws = sorted({v.get("GatewayId") for v in t.get("PropagatingVgws") or [] if isinstance(v.get("GatewayId"), str)})
    for vgw in [v for v in vgws if is_placeholder(v)]:
        ctx.skip("route-propagation", f"{rid} {vgw}", "virtual private gateway id not known until apply", snap)
    vgws = [v for v in vgws if not is_placeholder(v)]
    routes = [route for r in t.get("Routes") or [] if (route := build_route(ctx, rid, snap, r, t.get("VpcId"))) is not None]
    if vgws:
        out["propagating_vgws"] = vgws  # spec ids put in by finish_routes once the VGWs are written
    if routes:
        out["routes"] = routes
    return finish(out, t)


def _target(r: dict[str, Any]) -> str | None:
    for field in ROUTE_TARGET_FIELDS:
        value = r.get(field)
        if isinstance(value, str) and value:
            return value
    return None


def build_route(ctx: Context, rid: str, snap: AwsSnapshot, r: dict[str, Any], vpc_id: object) -> dict[str, Any] | None:
    dest = r.get("DestinationCidrBlock") or r.get("DestinationIpv6CidrBlock") or r.get("DestinationPrefixListId")
    target = _target(r)
    label = f"{rid} {dest} -> {target}"
    if not dest:
        ctx.skip("route", label, "no destination", snap)
        return None
    if target == "local":
        return None  # derived by vpcdocs (CIDR-4, RT-LOCAL-1)
    state = lower(r.get("State"))  # "" when the input does not say (Terraform)
    origin = r.get("Origin") or "CreateRoute"
    if origin == "EnableVgwRoutePropagation":
        if isinstance(target, str) and target.startswith("vgw-"):
            ctx.vgw_learned[target].add(str(dest))
        ctx.skip("route", label, "propagated from a virtual private gateway: derived from the table's "
                 "propagating_vgws and the gateway's VPN connections (VGW-3, VGW-12)", snap)
        return None
    if origin == "Advertisement":
        ctx.skip("route", label, "advertised by a route server (dynamic; not modelled)", snap)
        return None
    if target is None:
        ctx.skip("route", label, "no target field", snap)
        return None
    if r.get("DestinationPrefixListId") and target.startswith("vpce-") \
            and Context.endpoint_type(ctx.get("endpoint", target) or {"VpcEndpointType": "Gateway"}) == "gateway":
        gateway_endpoint_route(ctx, rid, snap, str(dest), target, state, label, vpc_id)
        return None
    if is_placeholder(target) and ctx.target_id(target) is None:
        ctx.skip("route", label, "target is not known until Terraform applies", snap)
        return None
    destination = ctx.pl_ref(str(dest)) if r.get("DestinationPrefixListId") else str(dest)
    route: dict[str, Any] = {"destination": destination, "target": target, "_aws": {
        "target": target, "instance": r.get("InstanceId"), "eni": r.get("NetworkInterfaceId"),
        "state": state, "vpc": vpc_id, "label": label, "source": snap.source}}
    return route


def gateway_endpoint_route(ctx: Context, rid: str, snap: AwsSnapshot, pl: str, target: str, state: str, label: str,
                           vpc_id: object) -> None:
    """A ``pl-… → vpce-…`` row: recorded as the endpoint's route-table association (GWE-2), or
    listed with the true reason it is not."""
    endpoint = ctx.get("endpoint", target)
    if endpoint:
        ep_state = state_of(endpoint, "available")
        if not usable("gateway-endpoint", ep_state):
            ctx.skip("route", label, f"route of gateway endpoint {target}, which is {ep_state}: such an endpoint "
                     "adds no route (GWE-3), so vpcdocs derives none", snap)
            return
        ctx.gw_routes[target].add(rid)
        ctx.gw_prefix.setdefault(target, pl)
        return
    if ctx.has_list("VpcEndpoints"):
        ctx.skip("route", label, f"gateway endpoint {target} is not in the describe-vpc-endpoints output "
                 f"(deleted): a deleted endpoint adds no route (GWE-3)", snap)
        return
    name = ctx.prefix_lists.get(pl, (None, {}))[1].get("PrefixListName")
    if state == "blackhole":
        ctx.skip("route", label, "gateway endpoint route AWS reports as blackhole, and the endpoint is not in the "
                 "input (no describe-vpc-endpoints output): nothing to attach it to", snap)
        return
    if not name:
        ctx.skip("route", label, "gateway endpoint route, but the endpoint is not in the input and the prefix "
                 "list's service is unknown (add describe-vpc-endpoints or describe-prefix-lists output)", snap)
        return
    item = {"VpcEndpointId": target, "VpcEndpointType": "Gateway", "VpcId": vpc_id, "ServiceName": name,
            "RouteTableIds": [], "_synthesized": True}
    ctx.store["endpoint"][target] = (snap, item)
    ctx.names.fix("target", target, target)
    ctx.gw_routes[target].add(rid)
    ctx.gw_prefix.setdefault(target, pl)
    ctx.result.note(f"{target}: no describe-vpc-endpoints data; gateway endpoint for {name} inferred from its "
                    "prefix-list routes, which AWS reports active")


def blackhole_reason(ctx: Context, target: str, vpc_id: object) -> str | None:
    """Why AWS reports a route to ``target`` as blackhole, when the input tells (RS-2)."""
    if target.startswith("i-"):
        inst = ctx.instances.get(target)
        if inst:
            state = state_of(inst[1], "running")
            return f"instance {target} is {state}" if not usable("instance", state) else None
        return f"instance {target} is not in the describe-instances output (terminated?)" \
            if ctx.has_list("Reservations") else None
    kind = next((k for p, k in TARGET_KINDS.items() if target.startswith(p)), None)
    if kind is None:
        return None
    store, lifecycle, words, command = kind
    item = ctx.get(store, target)
    if item:
        if store in ("igw", "eigw", "vgw"):
            key = "VpcAttachments" if store == "vgw" else "Attachments"
            if not any(isinstance(a, dict) and a.get("VpcId") == vpc_id
                       and lower(a.get("State") or "attached") in ("attached", "attaching", "available")
                       for a in item.get(key) or []):
                return f"{words} {target} is not attached to {vpc_id}"
        state = lower((item.get("Status") or {}).get("Code")) if store == "pcx" else state_of(item, "")
        if state and not usable(lifecycle, state):
            return f"{words} {target} is {state}"
        return None
    list_key = {"nat": "NatGateways", "igw": "InternetGateways", "eigw": "EgressOnlyInternetGateways",
                "vgw": "VpnGateways", "pcx": "VpcPeeringConnections", "tgw": "TransitGateways",
                "eni": "NetworkInterfaces", "endpoint": "VpcEndpoints"}[store]
    if ctx.has_list(list_key):
        return f"{words} {target} is not in the {command} output (deleted?)"
    return None


def finish_routes(ctx: Context, files: dict[str, dict[str, Any]]) -> None:
    """Targets and states once every object is written: a route to an object of the spec
    names its spec id; any other keeps the AWS id and AWS's state."""
    vgw_ids = {aws: ctx.target_id(aws) for aws in ctx.store["vgw"] if aws in ctx.emitted}
    missing_igw_noted = False
    for doc in files.values():
        for vpc in (doc.get("vpcs") or {}).values():
            for table in (vpc.get("route_tables") or {}).values():
                if table.get("propagating_vgws"):
                    table["propagating_vgws"] = sorted(vgw_ids.get(v) or v for v in table["propagating_vgws"])
                kept = []
                for route in table.get("routes") or []:
                    info = route.pop("_aws", None)
                    if info is not None and not _finish_route(ctx, route, info):
                        continue
                    kept.append(route)
                if "routes" in table:
                    table["routes"] = kept
                    if info["target"].startswith("igw-") and not ctx.has_list("InternetGateways") \
                            and not missing_igw_noted:
                        missing_igw_noted = True
                        ctx.result.note("no describe-internet-gateways output: routes to igw-… keep the AWS id "
                                        "and the state AWS reported; no internet gateway is written for them")


def _finish_route(ctx: Context, route: dict[str, Any], info: dict[str, Any]) -> bool:
    """Put in the target and state; False when the route cannot be written."""
    target, state = info["target"], info["state"]
    chosen = None
    for aws in (info.get("instance"), target, info.get("eni")):
        if isinstance(aws, str) and aws in ctx.emitted:
            chosen = aws
            break
        if isinstance(aws, str) and aws in ctx.eni_instance and ctx.eni_instance[aws] in ctx.emitted:
            chosen = ctx.eni_instance[aws]  # the primary ENI of a written instance: the instance
            break
    if chosen is not None:
        route["target"] = ctx.target_id(chosen)
    elif is_placeholder(target):
        ctx.result.skip("route", info["label"], "its target is not written (see its own entry) and has no AWS id "
                        "until Terraform applies", info["source"])
        return False
    else:
        route["target"] = info.get("instance") or target
    if state == "blackhole":
        route["state"] = "blackhole"
        reason = blackhole_reason(ctx, route["target"] if chosen is None else chosen, info["vpc"])
        if reason:
            route["state_reason"] = reason
    elif state == "active":
        if chosen is None:
            route["state"] = "active"  # AWS's word: vpcdocs cannot derive it without the target (RS-6)
    elif state:
        ctx.result.note(f"{info['label']}: AWS reports state {state!r}, which vpcdocs does not know; written "
                        "without a state")
    if target.startswith("vpce-") and chosen is None:
        item = ctx.get("endpoint", target)
        if item and Context.endpoint_type(item) == "gwlb":
            ctx.result.note(f"route {route['destination']} -> {target}: Gateway Load Balancer endpoints are not "
                            "modelled; the route keeps the AWS id")
    return True
