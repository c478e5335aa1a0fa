"""Spec ids for everything in the input, decided once before anything is built: names from
``Name`` tags or the resource's own name, a fallback from its VPC where AWS gives none
(``<vpc>-main``, ``<vpc>-igw``, ``<vpc>-default``), and one namespace for every kind a route
can target (S-DUP-ID)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..naming import tag_dict

if TYPE_CHECKING:
    from .context import Context


def name_all(ctx: Context) -> None:
    """Every object's spec id, once (see :class:`~vpcdocs.importers.naming.Namer`)."""
    n = ctx.names
    vpc_names = n.wanted["vpc"]
    for vpc_id, (_, item) in ctx.store["vpc"].items():
        n.want("vpc", vpc_id, item)
    for sid, (_, item) in ctx.store["subnet"].items():
        n.want("subnet", sid, item)
    for rid, (_, item) in ctx.store["route-table"].items():
        fallback = None
        if any(isinstance(a, dict) and a.get("Main") for a in item.get("Associations") or []) \
                and not tag_dict(item).get("Name"):
            fallback = f"{vpc_names.get(item.get('VpcId', ''), item.get('VpcId', ''))}-main"
        if n.want("route-table", rid, item, fallback) == vpc_names.get(item.get("VpcId", "")):
            n.wanted["route-table"][rid] += "-rt"
    _name_targets(ctx)
    for sid, (_, item) in ctx.store["service"].items():
        n.want("endpoint-service", sid, item, item.get("ServiceId"))
    for arn, (_, item) in ctx.store["lb"].items():
        n.want("load-balancer", arn, item, item.get("LoadBalancerName"))
    for arn, (_, item) in ctx.store["tg"].items():
        n.want("target-group", arn, item, item.get("TargetGroupName"))
    for gid, (_, item) in ctx.store["sg"].items():
        group_name = str(item.get("GroupName") or "")
        if group_name == "default":  # one per VPC: name it after the VPC
            group_name = f"{vpc_names.get(item.get('VpcId', ''), item.get('VpcId', ''))}-default"
        n.want("security-group", gid, {"Tags": item.get("Tags") or []}, group_name)
    for aid, (_, item) in ctx.store["nacl"].items():
        fallback = f"{vpc_names.get(item.get('VpcId', ''), '')}-acl" if item.get("IsDefault") else None
        n.want("network-acl", aid, item, fallback)
    for aid, (_, item) in ctx.tgw_atts.items():
        n.want("tgw-attachment", aid, item)
    for rid, (_, item) in ctx.store["tgw-rt"].items():
        n.want("tgw-route-table", rid, item)
    for vid, (_, item) in ctx.store["vpn"].items():
        n.want("vpn-connection", vid, item)
    for gid, (_, item) in ctx.store["cgw"].items():
        n.want("external-network", gid, item)
    for _, item in ctx.store["vpn"].values():
        cgw = item.get("CustomerGatewayId")
        if isinstance(cgw, str) and cgw not in ctx.store["cgw"]:
            n.want("external-network", cgw, None, cgw)
    for gid, (_, item) in ctx.store["dxgw"].items():
        n.want("direct-connect-gateway", gid, None, item.get("directConnectGatewayName") or gid)
    for pid, (_, item) in ctx.prefix_lists.items():
        n.want("prefix-list", pid, item, item.get("PrefixListName"))
    n.resolve()

def _name_targets(ctx: Context) -> None:
    """One namespace for everything a route can target (S-DUP-ID)."""
    n = ctx.names
    vpc_names = n.wanted["vpc"]
    taken = set(vpc_names.values())
    kinds = (("igw", "igw"), ("eigw", "eigw"), ("nat", "nat"), ("pcx", "pcx"), ("endpoint", "vpce"),
             ("tgw", "tgw"), ("vgw", "vgw"), ("eni", "eni"))
    for kind, suffix in kinds:
        for aws_id, (_, item) in ctx.store[kind].items():
            fallback = None
            vpc = item.get("VpcId")
            if kind == "endpoint" and not tag_dict(item).get("Name") and vpc in vpc_names:
                svc = str(item.get("ServiceName") or "").rsplit(".", 1)[-1]
                fallback = f"{vpc_names[vpc]}-{svc}" if svc else None
            if kind in ("igw", "eigw", "vgw") and not tag_dict(item).get("Name"):
                attached = next((a.get("VpcId") for a in (item.get("Attachments") or item.get("VpcAttachments")
                                                          or []) if isinstance(a, dict)), None)
                if attached in vpc_names:
                    fallback = f"{vpc_names[attached]}-{suffix}"
            if n.want("target", aws_id, item, fallback) in taken:
                n.wanted["target"][aws_id] += f"-{suffix}"
    for iid, (_, item) in ctx.instances.items():
        if n.want("target", iid, item) in taken:
            n.wanted["target"][iid] += "-instance"
