"""Everything vpcdocs reads from one account and region, as describe-* shaped lists.

Calls per region: about 30 list calls (paginated), plus per VPC two DNS attributes, per
customer-managed or AWS-managed prefix list its entries, per TGW route table its
associations, propagations, routes and prefix-list references, per load balancer its
listeners and attributes, per ALB-type target group its targets, per Direct Connect gateway
its associations.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .aws_client import ClientHook, Progress, Reader, error_code, make_client
from .model import AwsSnapshot, Skipped

# (operation, response key) read as they come, in this order
EC2_LISTS = (
    ("DescribeSubnets", "Subnets"),
    ("DescribeRouteTables", "RouteTables"),
    ("DescribeInternetGateways", "InternetGateways"),
    ("DescribeEgressOnlyInternetGateways", "EgressOnlyInternetGateways"),
    ("DescribeNatGateways", "NatGateways"),
    ("DescribeVpcPeeringConnections", "VpcPeeringConnections"),
    ("DescribeVpcEndpoints", "VpcEndpoints"),
    ("DescribeSecurityGroups", "SecurityGroups"),
    ("DescribeNetworkAcls", "NetworkAcls"),
    ("DescribeNetworkInterfaces", "NetworkInterfaces"),
    ("DescribeInstances", "Reservations"),
    ("DescribeVpcEndpointServiceConfigurations", "ServiceConfigurations"),
    ("DescribeTransitGateways", "TransitGateways"),
    ("DescribeTransitGatewayAttachments", "TransitGatewayAttachments"),
    ("DescribeTransitGatewayVpcAttachments", "TransitGatewayVpcAttachments"),
    ("DescribeTransitGatewayPeeringAttachments", "TransitGatewayPeeringAttachments"),
    ("DescribeTransitGatewayRouteTables", "TransitGatewayRouteTables"),
    ("DescribeVpnGateways", "VpnGateways"),
    ("DescribeVpnConnections", "VpnConnections"),
    ("DescribeCustomerGateways", "CustomerGateways"),
)


@dataclass
class FetchOptions:
    endpoint_url: str | None = None
    vpc_ids: set[str] = field(default_factory=set)
    sleep: Callable[[float], None] = time.sleep
    max_attempts: int = 10
    retry_mode: str = "adaptive"
    on_client: ClientHook | None = None
    account: str | None = None  # for messages and the snapshot, when known


def fetch_region(session: Any, region: str, progress: Progress, skips: list[Skipped],
                 options: FetchOptions | None = None) -> AwsSnapshot:
    """One account and region; raises ImportFailure / botocore errors when it cannot be read."""
    o = options or FetchOptions()

    def client(service: str) -> Any:
        return make_client(session, service, region, o.endpoint_url, o.max_attempts, o.retry_mode, o.on_client)

    ec2 = client("ec2")
    where = f"{o.account}/{region}" if o.account else region
    r = Reader(where, progress, skips, o.sleep)
    snap = AwsSnapshot(region=region, account=o.account, source=f"aws:{where}")
    d = snap.data
    d["Vpcs"] = r.list(ec2, "DescribeVpcs", "Vpcs")
    snap.extra["VpcAttributes"] = _vpc_attributes(ec2, r, d["Vpcs"], o.vpc_ids, skips, where)
    for op, key in EC2_LISTS:
        d[key] = r.list(ec2, op, key)
    for vpn in d["VpnConnections"]:  # the tunnels' pre-shared keys: never kept, never written
        vpn.pop("CustomerGatewayConfiguration", None)
    _prefix_lists(ec2, r, d)
    d["ServicePermissions"] = [
        {"ServiceId": s["ServiceId"],
         "AllowedPrincipals": r.list(ec2, "DescribeVpcEndpointServicePermissions", "AllowedPrincipals",
                                     label=s["ServiceId"], ServiceId=s["ServiceId"])}
        for s in d["ServiceConfigurations"] if s.get("ServiceId")]
    _tgw_tables(ec2, r, d)
    _load_balancers(client("elbv2"), r, d, o.vpc_ids)
    _direct_connect(client("directconnect"), r, d)
    progress(f"[{where}] done: {r.calls} API calls")
    return snap


def _vpc_attributes(ec2: Any, r: Reader, vpcs: list[Any], wanted: set[str], skips: list[Skipped],
                    where: str) -> dict[str, dict[str, Any]]:
    attrs: dict[str, dict[str, Any]] = {}
    for vpc in vpcs:
        vid = vpc.get("VpcId")
        if wanted and vid not in wanted:
            continue
        attrs[vid] = {}
        for attribute, key in (("enableDnsSupport", "EnableDnsSupport"), ("enableDnsHostnames", "EnableDnsHostnames")):
            try:
                answer = ec2.describe_vpc_attribute(VpcId=vid, Attribute=attribute)
                r.calls += 1
                attrs[vid][key] = (answer.get(key) or {}).get("Value")
            except Exception as exc:  # noqa: BLE001 - optional detail; reported, never fatal
                skips.append(Skipped("api", f"{where} DescribeVpcAttribute {vid} {attribute}",
                                     f"{error_code(exc) or type(exc).__name__}: DNS attribute left at its default",
                                     f"aws:{where}"))
    return attrs


def _prefix_lists(ec2: Any, r: Reader, d: dict[str, list[Any]]) -> None:
    """AWS service lists (describe-prefix-lists) and managed lists with their entries (PL-3)."""
    service = r.list(ec2, "DescribePrefixLists", "PrefixLists")
    managed = r.list(ec2, "DescribeManagedPrefixLists", "PrefixLists")
    d["PrefixLists"] = service + managed
    d["ManagedPrefixListEntries"] = [
        {"PrefixListId": pl["PrefixListId"],
         "Entries": r.list(ec2, "GetManagedPrefixListEntries", "Entries", label=pl["PrefixListId"], quiet=True,
                           PrefixListId=pl["PrefixListId"])}
        for pl in managed if pl.get("PrefixListId")]


def _tgw_tables(ec2: Any, r: Reader, d: dict[str, list[Any]]) -> None:
    assoc, props, routes, refs = [], [], [], []
    for table in d["TransitGatewayRouteTables"]:
        rid = table.get("TransitGatewayRouteTableId")
        if not rid or str(table.get("State", "")).lower() in ("deleted", "deleting"):
            continue
        assoc.append({"TransitGatewayRouteTableId": rid, "Associations": r.list(
            ec2, "GetTransitGatewayRouteTableAssociations", "Associations", label=rid, TransitGatewayRouteTableId=rid)})
        props.append({"TransitGatewayRouteTableId": rid, "TransitGatewayRouteTablePropagations": r.list(
            ec2, "GetTransitGatewayRouteTablePropagations", "TransitGatewayRouteTablePropagations", label=rid,
            TransitGatewayRouteTableId=rid)})
        routes.append({"TransitGatewayRouteTableId": rid, "Routes": r.list(
            ec2, "SearchTransitGatewayRoutes", "Routes", label=rid, TransitGatewayRouteTableId=rid,
            Filters=[{"Name": "state", "Values": ["active", "blackhole"]}])})
        refs += [{**ref, "TransitGatewayRouteTableId": rid} for ref in r.list(
            ec2, "GetTransitGatewayPrefixListReferences", "TransitGatewayPrefixListReferences", label=rid,
            quiet=True, TransitGatewayRouteTableId=rid)]
    d["TransitGatewayAssociations"] = assoc
    d["TransitGatewayPropagations"] = props
    d["TransitGatewayStaticRoutes"] = routes
    d["TransitGatewayPrefixListReferences"] = refs


def _load_balancers(elbv2: Any, r: Reader, d: dict[str, list[Any]], wanted: set[str]) -> None:
    d["LoadBalancers"] = r.list(elbv2, "DescribeLoadBalancers", "LoadBalancers")
    listeners, attributes = [], []
    for lb in d["LoadBalancers"]:
        arn = lb["LoadBalancerArn"]
        if wanted and lb.get("VpcId") not in wanted:
            continue
        listeners += r.list(elbv2, "DescribeListeners", "Listeners", label=lb.get("LoadBalancerName"),
                            LoadBalancerArn=arn)
        attributes.append({"LoadBalancerArn": arn, "Attributes": r.list(
            elbv2, "DescribeLoadBalancerAttributes", "Attributes", label=lb.get("LoadBalancerName"), quiet=True,
            LoadBalancerArn=arn)})
    d["Listeners"] = listeners
    d["LoadBalancerAttributes"] = attributes
    d["TargetGroups"] = r.list(elbv2, "DescribeTargetGroups", "TargetGroups")
    d["TargetHealth"] = [
        {"TargetGroupArn": tg["TargetGroupArn"], "TargetHealthDescriptions": r.list(
            elbv2, "DescribeTargetHealth", "TargetHealthDescriptions", label=tg.get("TargetGroupName"),
            TargetGroupArn=tg["TargetGroupArn"])}
        for tg in d["TargetGroups"] if str(tg.get("TargetType", "")).lower() == "alb"]  # the ALB behind an NLB


def _direct_connect(dx: Any, r: Reader, d: dict[str, list[Any]]) -> None:
    gateways = r.list(dx, "DescribeDirectConnectGateways", "directConnectGateways", quiet=True)
    d["directConnectGateways"] = gateways
    d["directConnectGatewayAssociations"] = [
        a for g in gateways if g.get("directConnectGatewayId")
        for a in r.list(dx, "DescribeDirectConnectGatewayAssociations", "directConnectGatewayAssociations",
                        label=g["directConnectGatewayId"], quiet=True,
                        directConnectGatewayId=g["directConnectGatewayId"])]
