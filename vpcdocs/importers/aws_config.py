"""Import an AWS Config aggregator's advanced-query output (issue 14 item 5).

Input: the JSON that ``aws configservice select-aggregate-resource-config`` (or
``select-resource-config``) prints, one file or a folder of them (pages)::

    {"Results": ["{\\"resourceId\\": \\"vpc-…\\", \\"resourceType\\": \\"AWS::EC2::VPC\\",
                   \\"accountId\\": \\"…\\", \\"awsRegion\\": \\"…\\", \\"configuration\\": {…}}", …],
     "QueryInfo": {…}}

for a query selecting ``resourceId, resourceType, accountId, awsRegion, configuration, tags``.
Each item's ``configuration`` is the resource's describe shape with lower-camel-case keys
(``cidrBlock``, ``ipPermissions``) — or, for the types Config records through CloudFormation
schemas (transit gateways, their attachments and route tables, prefix lists), the
CloudFormation properties (``Id``, ``AmazonSideAsn``). :func:`to_describe` turns both into
the describe-* shapes every importer produces; items are grouped into one snapshot per
account and region and translated like saved describe JSON.

What AWS Config does not record is reported, not invented: transit gateway route tables
come without associations, propagations or routes (the transit gateway's default tables
apply, TGW-5); VPC DNS attributes keep their defaults; load balancer listeners are absent.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from .aws_json import read_json
from .describe import translate
from .model import AwsSnapshot, ImportFailure, ImportResult

# resource type -> (describe list key, id field)
TYPES: dict[str, tuple[str, str]] = {
    "AWS::EC2::VPC": ("Vpcs", "VpcId"),
    "AWS::EC2::Subnet": ("Subnets", "SubnetId"),
    "AWS::EC2::RouteTable": ("RouteTables", "RouteTableId"),
    "AWS::EC2::SecurityGroup": ("SecurityGroups", "GroupId"),
    "AWS::EC2::NetworkAcl": ("NetworkAcls", "NetworkAclId"),
    "AWS::EC2::InternetGateway": ("InternetGateways", "InternetGatewayId"),
    "AWS::EC2::EgressOnlyInternetGateway": ("EgressOnlyInternetGateways", "EgressOnlyInternetGatewayId"),
    "AWS::EC2::NatGateway": ("NatGateways", "NatGatewayId"),
    "AWS::EC2::VPCEndpoint": ("VpcEndpoints", "VpcEndpointId"),
    "AWS::EC2::VPCEndpointService": ("ServiceConfigurations", "ServiceId"),
    "AWS::EC2::VPCPeeringConnection": ("VpcPeeringConnections", "VpcPeeringConnectionId"),
    "AWS::EC2::NetworkInterface": ("NetworkInterfaces", "NetworkInterfaceId"),
    "AWS::EC2::Instance": ("Reservations", "InstanceId"),
    "AWS::EC2::VPNGateway": ("VpnGateways", "VpnGatewayId"),
    "AWS::EC2::VPNConnection": ("VpnConnections", "VpnConnectionId"),
    "AWS::EC2::CustomerGateway": ("CustomerGateways", "CustomerGatewayId"),
    "AWS::EC2::TransitGateway": ("TransitGateways", "TransitGatewayId"),
    "AWS::EC2::TransitGatewayAttachment": ("TransitGatewayAttachments", "TransitGatewayAttachmentId"),
    "AWS::EC2::TransitGatewayRouteTable": ("TransitGatewayRouteTables", "TransitGatewayRouteTableId"),
    "AWS::EC2::PrefixList": ("PrefixLists", "PrefixListId"),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": ("LoadBalancers", "LoadBalancerArn"),
}
NOT_RECORDED = (
    "AWS Config records no transit gateway route table contents: route tables are written without "
    "associations, propagations or static routes (the transit gateway's default tables apply, TGW-5)",
    "AWS Config records no VPC DNS attributes: dns_support / dns_hostnames keep their defaults",
)


def pascal(value: Any) -> Any:
    """Lower-camel-case keys → the PascalCase of describe output, recursively."""
    if isinstance(value, dict):
        return {(k[:1].upper() + k[1:] if isinstance(k, str) else k): pascal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [pascal(v) for v in value]
    return value


def _states(item: dict[str, Any]) -> dict[str, Any]:
    """``State: {Value: x}`` (Config's form of an enum) → ``State: x``."""
    state = item.get("State")
    if isinstance(state, dict) and set(state) == {"Value"}:
        item["State"] = state["Value"]
    return item


def to_describe(rtype: str, config: dict[str, Any], resource_id: str) -> dict[str, Any]:
    """One Config ``configuration`` as the describe item of ``rtype``."""
    item = _states(pascal(config))
    if rtype == "AWS::EC2::SecurityGroup":
        for key in ("IpPermissions", "IpPermissionsEgress"):
            for perm in item.get(key) or []:
                if isinstance(perm, dict):
                    perm["IpRanges"] = perm.pop("Ipv4Ranges", None) or [
                        {"CidrIp": c} for c in perm.get("IpRanges") or [] if isinstance(c, str)]
    elif rtype == "AWS::EC2::VPCPeeringConnection" and isinstance(item.get("Status"), str):
        item["Status"] = {"Code": item["Status"]}
    elif rtype == "AWS::EC2::TransitGateway":
        item = {"TransitGatewayId": item.get("Id") or resource_id, "Description": item.get("Description"),
                "Options": {k: item.get(k) for k in ("AmazonSideAsn", "DefaultRouteTableAssociation",
                                                     "DefaultRouteTablePropagation", "AssociationDefaultRouteTableId",
                                                     "PropagationDefaultRouteTableId")}}
    elif rtype == "AWS::EC2::TransitGatewayAttachment":
        item = {"TransitGatewayAttachmentId": item.get("Id") or resource_id, "ResourceType": "vpc",
                "TransitGatewayId": item.get("TransitGatewayId"), "ResourceId": item.get("VpcId"),
                "SubnetIds": item.get("SubnetIds")}
    elif rtype == "AWS::EC2::TransitGatewayRouteTable":
        item = {"TransitGatewayRouteTableId": item.get("TransitGatewayRouteTableId") or item.get("Id") or resource_id,
                "TransitGatewayId": item.get("TransitGatewayId")}
    list_key, id_field = TYPES[rtype]
    item.setdefault(id_field, resource_id)
    return item


def _results(doc: Any, display: str, result: ImportResult) -> list[dict[str, Any]]:
    if not isinstance(doc, dict) or not isinstance(doc.get("Results"), list):
        result.skip("file", display, "not AWS Config query output (expected a JSON object with a 'Results' list)")
        return []
    out = []
    for i, raw in enumerate(doc["Results"]):
        try:
            entry = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            result.skip("config-item", f"{display} #{i + 1}", "not JSON text")
            continue
        if isinstance(entry, dict):
            out.append(entry)
        else:
            result.skip("config-item", f"{display} #{i + 1}", "not a JSON object")
    return out


def import_config(path: str | os.PathLike[str], vpc_filter: set[str] | None = None
                  ) -> tuple[ImportResult, list[ImportFailure]]:
    """Translate saved advanced-query output; failures are files that could not be read."""
    root = Path(path)
    pre = ImportResult()
    failures: list[ImportFailure] = []
    if not root.exists():
        return pre, [ImportFailure(str(path), "I-IO", "no such file or folder")]
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*.json") if p.is_file()
                                                 and not any(part.startswith(".") for part in p.relative_to(root).parts))
    snaps: dict[tuple[str, str], AwsSnapshot] = {}
    data: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    ignored: dict[str, int] = defaultdict(int)
    for p in files:
        display = p.as_posix()
        try:
            doc = read_json(p, display)
        except ImportFailure as exc:
            failures.append(exc)
            continue
        for i, entry in enumerate(_results(doc, display, pre)):
            rtype = str(entry.get("resourceType") or "")
            config = entry.get("configuration")
            if rtype not in TYPES:
                ignored[rtype or "(no resourceType)"] += 1
                continue
            if not isinstance(config, dict):
                pre.skip("config-item", f"{display} #{i + 1}", f"{rtype} without a configuration object (select "
                         "'configuration' in the query)")
                continue
            key = (str(entry.get("accountId") or ""), str(entry.get("awsRegion") or ""))
            item = to_describe(rtype, config, str(entry.get("resourceId") or ""))
            tags = entry.get("tags")
            if isinstance(tags, list) and not item.get("Tags"):
                item["Tags"] = pascal(tags)
            list_key = TYPES[rtype][0]
            if list_key == "Reservations":
                data[key]["Reservations"].append({"Instances": [item], "OwnerId": key[0]})
            else:
                data[key][list_key].append(item)
            snaps.setdefault(key, AwsSnapshot(region=key[1] or None, account=key[0] or None,
                                              source=f"config:{key[0] or '?'}/{key[1] or '?'}"))
    for rtype, n in sorted(ignored.items()):
        pre.skip("data", rtype, f"{n} item(s) not imported: not a network resource type vpcdocs reads")
    for key, snap in snaps.items():
        snap.data = {k: v for k, v in sorted(data[key].items())}
    result = translate([snaps[k] for k in sorted(snaps)], vpc_filter, by_account=len({k[0] for k in snaps}) > 1)
    result.skipped = pre.skipped + result.skipped
    if any("TransitGatewayRouteTables" in s.data for s in snaps.values()):
        result.note(NOT_RECORDED[0])
    if any("Vpcs" in s.data for s in snaps.values()):
        result.note(NOT_RECORDED[1])
    return result, failures
