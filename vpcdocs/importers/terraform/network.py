"""Terraform → describe shapes: VPCs, subnets, route tables and routes, internet, egress-only
and NAT gateways.

Terraform does not know a route's state (the provider keeps no ``State``): routes are
converted without one, and vpcdocs derives it from the targets in the spec.
"""

from __future__ import annotations

from typing import Any

from ..naming import PLACEHOLDER_PREFIX
from .base import Base
from .parse import TfResource, _dict

ROUTE_TARGETS = {
    "gateway_id": "GatewayId",
    "nat_gateway_id": "NatGatewayId",
    "transit_gateway_id": "TransitGatewayId",
    "vpc_peering_connection_id": "VpcPeeringConnectionId",
    "instance_id": "InstanceId",
    "network_interface_id": "NetworkInterfaceId",
    "egress_only_gateway_id": "EgressOnlyInternetGatewayId",
    "carrier_gateway_id": "CarrierGatewayId",
    "local_gateway_id": "LocalGatewayId",
    "core_network_arn": "CoreNetworkArn",
    "vpc_endpoint_id": "VpcEndpointId",
}
DESTINATIONS = (("cidr_block", "DestinationCidrBlock"), ("ipv6_cidr_block", "DestinationIpv6CidrBlock"),
                ("destination_cidr_block", "DestinationCidrBlock"),
                ("destination_ipv6_cidr_block", "DestinationIpv6CidrBlock"),
                ("destination_prefix_list_id", "DestinationPrefixListId"))


class NetworkConverter(Base):
    TYPES = frozenset({
        "aws_vpc", "aws_vpc_ipv4_cidr_block_association", "aws_vpc_ipv6_cidr_block_association", "aws_subnet",
        "aws_route_table", "aws_route", "aws_route_table_association", "aws_main_route_table_association",
        "aws_default_route_table", "aws_internet_gateway", "aws_internet_gateway_attachment",
        "aws_egress_only_internet_gateway", "aws_nat_gateway",
    })

    def route_item(self, r: TfResource, spec: dict[str, Any], block: dict[str, Any] | None = None) -> dict[str, Any]:
        route: dict[str, Any] = {}
        for key, field in DESTINATIONS:
            value = spec.get(key)
            if value not in (None, "") and not (r.type == "aws_route" and key in r.unknown):
                route[field] = value
        for key, field in ROUTE_TARGETS.items():
            value = spec.get(key)
            if value in (None, "") and spec is r.values:
                value = self.ref(r, key) if key not in ("instance_id", "network_interface_id") or (
                    self.config.get((r.module, r.config_address), {}).get(key)) else None
            elif value in (None, "") and isinstance(block, dict) and isinstance(block.get(key), dict):
                found = self.resolve_refs(r, block[key].get("references"), "id", first=True)
                value = found[0] if found else None
            if value not in (None, ""):
                route[field] = value
                break
        route["Origin"] = "CreateRoute"
        return route

    def guess_inline_target(self, r: TfResource, i: int, vid: str) -> dict[str, Any]:
        """An inline route whose gateway_id is unknown and whose configuration the plan does not
        show (Terraform 0.12 omits nested route blocks): the VPC's only internet gateway."""
        unknown = r.unknown_tree.get("route") or []
        unknown = unknown[i] if isinstance(unknown, list) and i < len(unknown) and isinstance(unknown[i], dict) else {}
        if unknown.get("gateway_id") is not True or self.of_type("aws_vpn_gateway"):
            return {}
        igws = [g for g in self.of_type("aws_internet_gateway") if self.ref(g, "vpc_id", ("aws_vpc",)) == vid]
        if len(igws) != 1:
            return {}
        self.result.note(f"{r.address}: route {i} gateway_id is not known before apply; assumed "
                         f"{igws[0].address} (the VPC's only internet gateway)")
        return {"GatewayId": self.ids[igws[0].address]}

    def convert_vpcs(self, d: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
        vpcs: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_vpc"):
            vid = self.ids[r.address]
            item = {"VpcId": vid, "CidrBlock": r.known("cidr_block"), "OwnerId": r.known("owner_id"),
                    "CidrBlockAssociationSet": [], "Ipv6CidrBlockAssociationSet": [], **self.base(r)}
            if r.known("ipv6_cidr_block"):
                item["Ipv6CidrBlockAssociationSet"].append({"Ipv6CidrBlock": r.known("ipv6_cidr_block")})
            if r.known("cidr_block") is None:
                self.skip(r, "cidr_block is unknown (IPAM?)")
            vpcs[vid] = item
            d["Vpcs"].append(item)
            attrs = {}
            for attr, key in (("enable_dns_support", "EnableDnsSupport"), ("enable_dns_hostnames", "EnableDnsHostnames")):
                if isinstance(r.values.get(attr), bool):
                    attrs[key] = r.values[attr]
            self.vpc_attrs[vid] = attrs
        for r in self.of_type("aws_vpc_ipv4_cidr_block_association", "aws_vpc_ipv6_cidr_block_association"):
            vid = self.need(r, "vpc_id", ("aws_vpc",))
            v6 = r.type.endswith("ipv6_cidr_block_association")
            cidr = r.known("ipv6_cidr_block" if v6 else "cidr_block")
            if vid in vpcs and cidr:
                key, field = ("Ipv6CidrBlockAssociationSet", "Ipv6CidrBlock") if v6 else \
                    ("CidrBlockAssociationSet", "CidrBlock")
                vpcs[vid][key].append({field: cidr})
            elif vid is not None:
                self.skip(r, f"VPC {vid} not in the input, or CIDR unknown")
        for r in self.of_type("aws_subnet"):
            vid = self.need(r, "vpc_id", ("aws_vpc",))
            if vid is None:
                continue
            item = {"SubnetId": self.ids[r.address], "VpcId": vid, "CidrBlock": r.known("cidr_block"),
                    "AvailabilityZone": r.known("availability_zone"), **self.base(r)}
            if r.known("availability_zone_id"):
                item["AvailabilityZoneId"] = r.known("availability_zone_id")
            if r.known("ipv6_cidr_block"):
                item["Ipv6CidrBlockAssociationSet"] = [{"Ipv6CidrBlock": r.known("ipv6_cidr_block")}]
            if r.values.get("map_public_ip_on_launch") is True:
                item["MapPublicIpOnLaunch"] = True
            d["Subnets"].append(item)
        return vpcs

    def convert_route_tables(self, d: dict[str, list[Any]], vpcs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        tables: dict[str, dict[str, Any]] = {}

        def table(tid: str, vid: str | None, r: TfResource | None = None) -> dict[str, Any]:
            if tid not in tables:
                tables[tid] = {"RouteTableId": tid, "VpcId": vid, "Associations": [], "Routes": [],
                               "PropagatingVgws": [], **(self.base(r) if r else {})}
                d["RouteTables"].append(tables[tid])
            elif r is not None:
                tables[tid].update({k: v for k, v in self.base(r).items() if v})
                if vid and not tables[tid].get("VpcId"):
                    tables[tid]["VpcId"] = vid
            return tables[tid]

        for r in self.of_type("aws_route_table", "aws_default_route_table"):
            tid = self.ids[r.address]
            if r.type == "aws_default_route_table":
                tid = r.known("default_route_table_id") or tid
                vid = r.known("vpc_id") or next((self.ids[x.address] for x in self.of_type("aws_vpc")
                                                 if x.known("default_route_table_id") == tid), None)
                vid = vid or self.need(r, "vpc_id", ("aws_vpc",))
            else:
                vid = self.need(r, "vpc_id", ("aws_vpc",))
            if vid is None:
                continue
            t = table(tid, vid, r)
            if r.type == "aws_default_route_table":
                t["Associations"].append({"Main": True, "AssociationState": {"State": "associated"}})
            for vgw in r.known("propagating_vgws") or []:
                t["PropagatingVgws"].append({"GatewayId": vgw})
            self._inline_routes(r, t, vid)
        for r in self.of_type("aws_route"):
            self._route(r, tables)
        for r in self.of_type("aws_route_table_association"):
            tid = self.need(r, "route_table_id")
            if tid is None:
                continue
            if tid not in tables:
                self.skip(r, f"route table {tid} is not in the input")
                continue
            sid, gid = self.ref(r, "subnet_id"), self.ref(r, "gateway_id")
            if sid:
                tables[tid]["Associations"].append({"SubnetId": sid, "Main": False,
                                                    "AssociationState": {"State": "associated"}})
            elif gid:
                tables[tid]["Associations"].append({"GatewayId": gid, "Main": False})
            else:
                self.skip(r, "subnet_id unknown")
        for r in self.of_type("aws_main_route_table_association"):
            tid = self.need(r, "route_table_id")
            vid = self.ref(r, "vpc_id", ("aws_vpc",))
            if tid in tables:
                for t in tables.values():
                    if t.get("VpcId") == (vid or tables[tid]["VpcId"]):
                        t["Associations"] = [a for a in t["Associations"] if not a.get("Main")]
                tables[tid]["Associations"].append({"Main": True})
            elif tid is not None:
                self.skip(r, f"route table {tid} is not in the input")
        # AWS creates a main route table with every VPC; Terraform only manages it on request
        for vid in vpcs:
            if any(a.get("Main") for t in tables.values() if t.get("VpcId") == vid for a in t["Associations"]):
                continue
            r = next(x for x in self.of_type("aws_vpc") if self.ids[x.address] == vid)
            main_id = r.known("main_route_table_id") or r.known("default_route_table_id") or \
                f"{PLACEHOLDER_PREFIX}{r.address}.main_route_table"
            table(main_id, vid)["Associations"].append({"Main": True})
            if main_id.startswith(PLACEHOLDER_PREFIX):
                self.result.note(f"{r.address}: the main route table AWS creates with the VPC is added (only the "
                                 "local route)")
        return tables

    def _inline_routes(self, r: TfResource, t: dict[str, Any], vid: str) -> None:
        routes = r.known("route")
        if isinstance(routes, list):
            blocks = (self.config.get((r.module, r.config_address)) or {}).get("route")
            blocks = blocks if isinstance(blocks, list) else []
            for i, spec in enumerate(routes):
                if not isinstance(spec, dict):
                    continue
                block = next((b for b in blocks if isinstance(b, dict) and _dict(b.get("cidr_block")).get(
                    "constant_value") == spec.get("cidr_block")), None)
                if block is None and len(blocks) == len(routes):
                    block = blocks[i]
                route = self.route_item(r, spec, block)
                if not any(k in route for k in ROUTE_TARGETS.values()):
                    route.update(self.guess_inline_target(r, i, vid))
                t["Routes"].append(route)
        elif "route" in r.unknown:
            self.result.note(f"{r.address}: inline routes are not known before apply")

    def _route(self, r: TfResource, tables: dict[str, dict[str, Any]]) -> None:
        tid = self.need(r, "route_table_id")
        if tid is None:
            return
        if tid not in tables:
            self.skip(r, f"route table {tid} is not in the input")
            return
        route = self.route_item(r, r.values)
        if not any(k.startswith("Destination") for k in route):
            self.skip(r, "destination unknown")
            return
        key = (route.get("DestinationCidrBlock"), route.get("DestinationIpv6CidrBlock"),
               route.get("DestinationPrefixListId"))
        existing = tables[tid]["Routes"]
        if not any((x.get("DestinationCidrBlock"), x.get("DestinationIpv6CidrBlock"),
                    x.get("DestinationPrefixListId")) == key for x in existing):
            existing.append(route)  # state lists aws_route routes inline too: keep one

    def convert_gateways(self, d: dict[str, list[Any]]) -> None:
        for r in self.of_type("aws_internet_gateway"):
            vid = self.ref(r, "vpc_id", ("aws_vpc",))
            d["InternetGateways"].append({"InternetGatewayId": self.ids[r.address],
                                          "Attachments": [{"VpcId": vid, "State": "available"}] if vid else [],
                                          **self.base(r)})
        for r in self.of_type("aws_internet_gateway_attachment"):
            gid = self.need(r, "internet_gateway_id")
            vid = self.need(r, "vpc_id", ("aws_vpc",))
            for item in d["InternetGateways"]:
                if item["InternetGatewayId"] == gid and vid:
                    item["Attachments"] = [{"VpcId": vid, "State": "available"}]
        for r in self.of_type("aws_egress_only_internet_gateway"):
            vid = self.need(r, "vpc_id", ("aws_vpc",))
            if vid is not None:
                d["EgressOnlyInternetGateways"].append({
                    "EgressOnlyInternetGatewayId": self.ids[r.address],
                    "Attachments": [{"VpcId": vid, "State": "attached"}], **self.base(r)})
        for r in self.of_type("aws_nat_gateway"):
            sid = self.need(r, "subnet_id")
            if sid is None:
                continue
            addresses = {}
            if r.known("private_ip"):
                addresses["PrivateIp"] = r.known("private_ip")
            if r.known("public_ip"):
                addresses["PublicIp"] = r.known("public_ip")
            d["NatGateways"].append({"NatGatewayId": self.ids[r.address], "SubnetId": sid,
                                     "ConnectivityType": r.known("connectivity_type") or "public",
                                     "NatGatewayAddresses": [addresses] if addresses else [], **self.base(r)})
