"""Translate ``describe-*`` shaped AWS data into spec dicts (docs/spec-format.md).

Every importer ends here: the live boto3 importer, saved JSON, AWS Config and Terraform
(which first convert their input to the same shapes). The output is one spec dict per VPC
plus shared files for objects between VPCs, and a skip report listing everything the input
held that the spec does not carry, with the true reason. One module per resource family:

* :mod:`.network` — VPCs, subnets, internet / egress-only / virtual private / NAT gateways
* :mod:`.routes` — route tables, routes and their AWS state
* :mod:`.security` — security groups and network ACLs
* :mod:`.workloads` — instances and network interfaces
* :mod:`.endpoints`, :mod:`.balancers` — VPC endpoints, endpoint services, load balancers
* :mod:`.transit`, :mod:`.hybrid` — transit gateways; VPN, customer and Direct Connect gateways
* :mod:`.shared` — peerings and managed prefix lists; :mod:`.layout` — files and counts
"""

from __future__ import annotations

from typing import Any

from ..model import AwsSnapshot, ImportResult
from .balancers import BalancerIndex, build_load_balancers
from .context import Context, group_by
from .endpoints import build_endpoints, build_services
from .hybrid import build_dx_gateways, build_vpns
from .layout import SHARED_FILE, count, order_vpc, place_shared, vpc_path
from .network import build_vpc
from .routes import build_table, finish_routes
from .security import build_network_acls, build_security_groups
from .shared import build_peerings, build_prefix_lists
from .transit import TgwTables, build_tgws
from .workloads import build_instances, build_interfaces

__all__ = ["SHARED_FILE", "translate"]


def translate(snapshots: list[AwsSnapshot], vpc_filter: set[str] | None = None,
              by_account: bool = False) -> ImportResult:
    """Spec files and skip report for describe-shaped snapshots. ``by_account``: one folder per
    account (``<account>/vpcs/<id>.yaml``, ``<account>/shared.yaml``), for organisation imports."""
    ctx = Context(snapshots, vpc_filter)
    ctx.collect()
    ctx.name_all()
    by_vpc = {kind: group_by(ctx.store[kind], "VpcId") for kind in
              ("subnet", "route-table", "sg", "nacl", "endpoint", "lb", "eni")}
    nats_by_vpc: dict[str, list[Any]] = {}
    for nid, entry in sorted(ctx.store["nat"].items()):
        vpc = entry[1].get("VpcId") or ctx.vpc_of_subnet(entry[1].get("SubnetId"))
        nats_by_vpc.setdefault(str(vpc), []).append((nid, entry))
    instances_by_vpc: dict[str, list[Any]] = {}
    for iid, entry in sorted(ctx.instances.items()):
        vpc = entry[1].get("VpcId") or ctx.vpc_of_subnet(entry[1].get("SubnetId"))
        instances_by_vpc.setdefault(str(vpc), []).append((iid, entry))

    docs: dict[str, dict[str, Any]] = {}
    subnets_of: dict[str, dict[str, dict[str, Any]]] = {}
    for vpc_id in sorted(ctx.store["vpc"], key=lambda v: ctx.names.get("vpc", v) or v):
        if not ctx.keep_vpc(vpc_id):
            continue
        snap, item = ctx.store["vpc"][vpc_id]
        doc = build_vpc(ctx, vpc_id, snap, item, by_vpc["subnet"].get(vpc_id, []), nats_by_vpc.get(vpc_id, []))
        if doc is not None:
            subnets_of[vpc_id] = doc.pop("_subnets")
            docs[vpc_id] = doc
    ctx.vpc_docs = docs
    for vpc_id, doc in docs.items():
        subnets = subnets_of[vpc_id]
        route_tables = {ctx.names.get("route-table", rid) or rid: build_table(ctx, rid, rsnap, t, subnets)
                        for rid, (rsnap, t) in by_vpc["route-table"].get(vpc_id, [])}
        doc["route_tables"] = dict(sorted(route_tables.items()))
        doc["nat_gateways"] = doc.pop("_nats", {})
        doc["network_acls"] = build_network_acls(ctx, by_vpc["nacl"].get(vpc_id, []), subnets)
        doc["_subnets"] = subnets
    index = BalancerIndex(ctx)
    by_vpc["endpoint"] = group_by(ctx.store["endpoint"], "VpcId")  # with the ones inferred from routes
    for vpc_id, doc in docs.items():
        subnets = doc.pop("_subnets")
        doc["security_groups"] = build_security_groups(ctx, by_vpc["sg"].get(vpc_id, []))
        doc["endpoints"] = build_endpoints(ctx, vpc_id, by_vpc["endpoint"].get(vpc_id, []))
        doc["load_balancers"] = build_load_balancers(ctx, index, vpc_id, by_vpc["lb"].get(vpc_id, []))
        doc["instances"] = build_instances(ctx, vpc_id, instances_by_vpc.get(vpc_id, []), subnets)
        doc["subnets"] = {ctx.names.get("subnet", sid) or sid: _finish_subnet(ctx, sid, sdoc)
                          for sid, sdoc in sorted(subnets.items(), key=lambda kv: ctx.names.get("subnet", kv[0]) or "")}
    for vpc_id, doc in docs.items():  # after every instance: an ENI names its instance
        doc["network_interfaces"] = build_interfaces(ctx, vpc_id, by_vpc["eni"].get(vpc_id, []), subnets_of[vpc_id])

    tables = TgwTables(ctx)
    vpns, externals, vpn_names = build_vpns(ctx, tables)
    dx, dx_names = build_dx_gateways(ctx)
    sections = {
        "peerings": build_peerings(ctx),
        "endpoint_services": build_services(ctx),
        "transit_gateways": build_tgws(ctx, tables, vpn_names, dx_names),
        "vpn_connections": vpns,
        "external_networks": externals,
        "direct_connect_gateways": dx,
    }
    files: dict[str, dict[str, Any]] = {}
    for vpc_id, doc in docs.items():
        snap, item = ctx.store["vpc"][vpc_id]
        spec_id = ctx.names.get("vpc", vpc_id) or vpc_id
        top: dict[str, Any] = {}
        region = ctx.region(snap)
        if region:
            top["region"] = region
        account = ctx.account(snap, item)
        if account:
            top["account"] = account
        top["vpcs"] = {spec_id: order_vpc(doc)}
        files[vpc_path(spec_id, account, by_account)] = top
    finish_routes(ctx, files)
    sections["prefix_lists"] = build_prefix_lists(ctx)  # last: every reference is known
    files.update(place_shared(sections, ctx.owner, by_account))
    _report_orphans(ctx)
    ctx.result.files = dict(sorted(files.items()))
    ctx.result.counts = count(files)
    return ctx.result


def _finish_subnet(ctx: Context, sid: str, doc: dict[str, Any]) -> dict[str, Any]:
    from ..naming import finish

    return finish(doc, ctx.get("subnet", sid))


def _report_orphans(ctx: Context) -> None:
    """Objects of VPCs that are not in the import: listed, never dropped silently."""
    for kind, words in (("subnet", "subnet"), ("route-table", "route-table"), ("nat", "nat-gateway"),
                        ("endpoint", "endpoint"), ("lb", "load-balancer"), ("tg", "target-group"),
                        ("sg", "security-group"), ("nacl", "network-acl"), ("eni", "network-interface")):
        for aws_id, (snap, item) in sorted(ctx.store[kind].items()):
            vpc_id = item.get("VpcId") or ctx.vpc_of_subnet(item.get("SubnetId"))
            if vpc_id in ctx.vpc_docs or not ctx.keep_vpc(vpc_id):
                continue
            ctx.skip(words, aws_id, f"its VPC {vpc_id} is not in the import", snap)
    for iid, (snap, inst) in sorted(ctx.instances.items()):
        vpc_id = inst.get("VpcId") or ctx.vpc_of_subnet(inst.get("SubnetId"))
        if vpc_id not in ctx.vpc_docs and ctx.keep_vpc(vpc_id) and inst.get("SubnetId"):
            ctx.skip("instance", iid, f"its VPC {vpc_id} is not in the import", snap)
        elif not inst.get("SubnetId"):
            ctx.skip("instance", iid, "no subnet (EC2-Classic, or terminated)", snap)
    for kind, key, words in (("igw", "Attachments", "internet-gateway"),
                             ("eigw", "Attachments", "egress-only-internet-gateway"),
                             ("vgw", "VpcAttachments", "vpn-gateway")):
        for aws_id, (snap, item) in sorted(ctx.store[kind].items()):
            if aws_id in ctx.emitted:
                continue
            vpcs = [a.get("VpcId") for a in item.get(key) or [] if a.get("VpcId")
                    and str(a.get("State") or "attached").lower() in ("attached", "available", "attaching")]
            if not vpcs:
                ctx.skip(words, aws_id, "not attached to a VPC", snap)
            elif any(ctx.keep_vpc(v) for v in vpcs) and not any(v in ctx.vpc_docs for v in vpcs):
                ctx.skip(words, aws_id, f"its VPC {vpcs[0]} is not in the import", snap)
    if any(not ctx.region(ctx.store["vpc"][v][0]) for v in ctx.vpc_docs):
        ctx.result.note("some VPCs have no known region (no ARNs or availability zones in the input): pass --region")
