"""A synthetic estate as saved describe-* JSON, for scale tests and timing (`python
tests/importers/synthetic.py OUT_DIR [VPCS]` writes one; `vpcdocs import aws-json OUT_DIR`
imports it). Everything AWS would list for it, deterministic from the VPC count."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REGION = "us-east-1"
ACCOUNT = "111122223333"


def _hex(kind: int, n: int, m: int = 0) -> str:
    return f"{kind:02x}{n:07x}{m:08x}"


def _name(value: str) -> list[dict[str, str]]:
    return [{"Key": "Name", "Value": value}, {"Key": "team", "Value": f"t{len(value) % 7}"}]


def estate(vpcs: int) -> dict[str, list[Any]]:
    d: dict[str, list[Any]] = {k: [] for k in (
        "Vpcs", "Subnets", "RouteTables", "InternetGateways", "NatGateways", "SecurityGroups", "NetworkAcls",
        "Reservations", "NetworkInterfaces", "VpcEndpoints", "VpcPeeringConnections", "TransitGateways",
        "TransitGatewayAttachments", "TransitGatewayRouteTables", "TransitGatewayStaticRoutes", "PrefixLists")}
    tgw = f"tgw-{_hex(1, 0)}"
    d["TransitGateways"].append({"TransitGatewayId": tgw, "OwnerId": ACCOUNT, "Tags": _name("hub"),
                                 "Options": {"AmazonSideAsn": 64512}})
    tgw_rt = f"tgw-rtb-{_hex(2, 0)}"
    d["TransitGatewayRouteTables"].append({"TransitGatewayRouteTableId": tgw_rt, "TransitGatewayId": tgw})
    d["PrefixLists"].append({"PrefixListId": "pl-63a5400a", "PrefixListName": f"com.amazonaws.{REGION}.s3",
                             "Cidrs": ["52.216.0.0/15", "3.5.0.0/19"]})
    tgw_routes = []
    for v in range(vpcs):
        vid, a, b = f"vpc-{_hex(3, v)}", 10 + v // 250, v % 250
        cidr = f"{a}.{b}.0.0/16"
        d["Vpcs"].append({"VpcId": vid, "CidrBlock": cidr, "OwnerId": ACCOUNT, "Tags": _name(f"vpc-{v:03d}"),
                          "CidrBlockAssociationSet": [{"CidrBlock": cidr, "CidrBlockState": {"State": "associated"}}]})
        igw = f"igw-{_hex(4, v)}"
        d["InternetGateways"].append({"InternetGatewayId": igw, "Attachments": [{"VpcId": vid, "State": "available"}]})
        subnets = [f"subnet-{_hex(5, v, s)}" for s in range(6)]
        for s, sid in enumerate(subnets):
            d["Subnets"].append({"SubnetId": sid, "VpcId": vid, "CidrBlock": f"{a}.{b}.{s}.0/24",
                                 "AvailabilityZone": f"{REGION}{'abc'[s % 3]}", "Tags": _name(f"v{v}-s{s}")})
        nats = [f"nat-{_hex(6, v, n)}" for n in range(2)]
        for n, nid in enumerate(nats):
            d["NatGateways"].append({"NatGatewayId": nid, "VpcId": vid, "SubnetId": subnets[n], "State": "available",
                                     "NatGatewayAddresses": [{"PrivateIp": f"{a}.{b}.{n}.5", "PublicIp": f"54.0.{v}.{n}"}]})
        groups = [f"sg-{_hex(7, v, g)}" for g in range(10)]
        for g, gid in enumerate(groups):
            d["SecurityGroups"].append({
                "GroupId": gid, "GroupName": "default" if g == 0 else f"app-{g}", "VpcId": vid, "OwnerId": ACCOUNT,
                "Description": f"group {g}", "IpPermissions": [
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "10.0.0.0/8"}, {"CidrIp": f"{a}.{b}.0.0/16"}]},
                    {"IpProtocol": "tcp", "FromPort": 8000 + g, "ToPort": 8100,
                     "UserIdGroupPairs": [{"GroupId": groups[(g + 1) % 10], "UserId": ACCOUNT}]},
                    {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                    {"IpProtocol": "-1", "PrefixListIds": [{"PrefixListId": "pl-63a5400a"}]}],
                "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]})
        for n in range(2):
            entries = [{"RuleNumber": 100 + 10 * e, "Egress": egress, "Protocol": "6", "RuleAction": "allow",
                        "CidrBlock": "10.0.0.0/8", "PortRange": {"From": 1024 + e, "To": 65535}}
                       for egress in (False, True) for e in range(4)]
            entries += [{"RuleNumber": 32767, "Egress": egress, "Protocol": "-1", "RuleAction": "deny",
                         "CidrBlock": "0.0.0.0/0"} for egress in (False, True)]
            d["NetworkAcls"].append({"NetworkAclId": f"acl-{_hex(8, v, n)}", "VpcId": vid, "IsDefault": n == 0,
                                     "Entries": entries, "Associations": [{"SubnetId": sid}
                                                                          for sid in subnets[n * 3:n * 3 + 3]]})
        tables = [f"rtb-{_hex(9, v, t)}" for t in range(4)]
        for t, rid in enumerate(tables):
            routes = [{"DestinationCidrBlock": cidr, "GatewayId": "local", "Origin": "CreateRouteTable",
                       "State": "active"},
                      {"DestinationCidrBlock": "0.0.0.0/0", **({"GatewayId": igw} if t == 0 else
                                                              {"NatGatewayId": nats[t % 2]}),
                       "Origin": "CreateRoute", "State": "active"},
                      {"DestinationCidrBlock": "10.0.0.0/8", "TransitGatewayId": tgw, "Origin": "CreateRoute",
                       "State": "active"},
                      {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": f"vpce-{_hex(10, v)}",
                       "Origin": "CreateRoute", "State": "active"},
                      {"DestinationCidrBlock": "192.168.0.0/16", "NetworkInterfaceId": f"eni-{_hex(11, v, 0)}",
                       "Origin": "CreateRoute", "State": "blackhole" if t == 3 else "active"}]
            d["RouteTables"].append({"RouteTableId": rid, "VpcId": vid, "Tags": _name(f"v{v}-rt{t}"),
                                     "Associations": [{"Main": True}] if t == 0 else
                                     [{"SubnetId": subnets[t], "Main": False}, {"SubnetId": subnets[t + 2 if t < 4 else 0],
                                                                                "Main": False}],
                                     "Routes": routes})
        d["VpcEndpoints"].append({"VpcEndpointId": f"vpce-{_hex(10, v)}", "VpcId": vid, "VpcEndpointType": "Gateway",
                                  "ServiceName": f"com.amazonaws.{REGION}.s3", "RouteTableIds": tables,
                                  "State": "available"})
        instances = []
        for i in range(20):
            sid = subnets[2 + i % 4]
            ip = f"{a}.{b}.{2 + i % 4}.{10 + i}"
            eni = f"eni-{_hex(12, v, i)}"
            instances.append({"InstanceId": f"i-{_hex(13, v, i)}", "SubnetId": sid, "VpcId": vid,
                              "PrivateIpAddress": ip, "State": {"Name": "running"}, "Tags": _name(f"v{v}-i{i}"),
                              "NetworkInterfaces": [{"NetworkInterfaceId": eni, "Attachment": {"DeviceIndex": 0},
                                                     "PrivateIpAddresses": [{"PrivateIpAddress": ip, "Primary": True}],
                                                     "Groups": [{"GroupId": groups[1 + i % 9]}]}]})
            d["NetworkInterfaces"].append({"NetworkInterfaceId": eni, "SubnetId": sid, "VpcId": vid,
                                           "PrivateIpAddresses": [{"PrivateIpAddress": ip, "Primary": True}],
                                           "Groups": [{"GroupId": groups[1 + i % 9]}],
                                           "Attachment": {"InstanceId": f"i-{_hex(13, v, i)}", "DeviceIndex": 0}})
        d["Reservations"].append({"OwnerId": ACCOUNT, "Instances": instances})
        for e in range(10):
            d["NetworkInterfaces"].append({
                "NetworkInterfaceId": f"eni-{_hex(11, v, e)}", "SubnetId": subnets[e % 6], "VpcId": vid,
                "InterfaceType": "lambda" if e % 2 else "interface", "Description": f"worker {e}",
                "PrivateIpAddresses": [{"PrivateIpAddress": f"{a}.{b}.{e % 6}.{200 + e}", "Primary": True}],
                "Groups": [{"GroupId": groups[e % 10]}]})
        att = f"tgw-attach-{_hex(14, v)}"
        d["TransitGatewayAttachments"].append({
            "TransitGatewayAttachmentId": att, "TransitGatewayId": tgw, "ResourceType": "vpc", "ResourceId": vid,
            "State": "available", "Association": {"TransitGatewayRouteTableId": tgw_rt, "State": "associated"}})
        tgw_routes.append({"DestinationCidrBlock": cidr, "Type": "static", "State": "active",
                           "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": att}]})
        for p in (1, 2, 3):
            if v + p < vpcs and v % 4 == 0:
                peer = f"vpc-{_hex(3, v + p)}"
                pa, pb = 10 + (v + p) // 250, (v + p) % 250
                d["VpcPeeringConnections"].append({
                    "VpcPeeringConnectionId": f"pcx-{_hex(15, v, p)}", "Status": {"Code": "active"},
                    "RequesterVpcInfo": {"VpcId": vid, "CidrBlock": cidr, "OwnerId": ACCOUNT},
                    "AccepterVpcInfo": {"VpcId": peer, "CidrBlock": f"{pa}.{pb}.0.0/16", "OwnerId": ACCOUNT}})
    d["TransitGatewayStaticRoutes"].append({"TransitGatewayRouteTableId": tgw_rt, "Routes": tgw_routes})
    return d


def write(out: Path, vpcs: int) -> None:
    folder = out / REGION
    folder.mkdir(parents=True, exist_ok=True)
    for key, items in estate(vpcs).items():
        (folder / f"{key}.json").write_text(json.dumps({key: items}), encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 80)
