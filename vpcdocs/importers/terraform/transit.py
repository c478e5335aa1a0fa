"""Terraform → describe shapes: transit gateways (attachments, route tables, associations,
propagations, static routes, prefix-list references), virtual private gateways, customer
gateways, Site-to-Site VPN connections and Direct Connect gateways."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..naming import PLACEHOLDER_PREFIX
from .base import Base


class TransitConverter(Base):
    TYPES = frozenset({
        "aws_ec2_transit_gateway", "aws_ec2_transit_gateway_vpc_attachment",
        "aws_ec2_transit_gateway_vpc_attachment_accepter", "aws_ec2_transit_gateway_route_table",
        "aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation",
        "aws_ec2_transit_gateway_route", "aws_ec2_transit_gateway_peering_attachment",
        "aws_ec2_transit_gateway_peering_attachment_accepter", "aws_ec2_transit_gateway_prefix_list_reference",
        "aws_vpn_gateway", "aws_vpn_gateway_attachment", "aws_vpn_gateway_route_propagation", "aws_customer_gateway",
        "aws_vpn_connection", "aws_vpn_connection_route", "aws_dx_gateway", "aws_dx_gateway_association",
    })

    def convert_tgws(self, d: dict[str, list[Any]]) -> None:
        default_rt: dict[str, str] = {}
        rt_ids = {self.ids[r.address] for r in self.of_type("aws_ec2_transit_gateway_route_table")}
        for r in self.of_type("aws_ec2_transit_gateway"):
            tid = self.ids[r.address]
            opts = {"AmazonSideAsn": r.known("amazon_side_asn"),
                    "DefaultRouteTableAssociation": r.known("default_route_table_association") or "enable",
                    "DefaultRouteTablePropagation": r.known("default_route_table_propagation") or "enable"}
            d["TransitGateways"].append({"TransitGatewayId": tid, "TransitGatewayArn": r.known("arn"),
                                         "OwnerId": r.known("owner_id"), "Description": r.known("description"),
                                         "Options": opts, **self.base(r)})
            if "enable" in (opts["DefaultRouteTableAssociation"], opts["DefaultRouteTablePropagation"]):
                rid = (r.known("association_default_route_table_id") or r.known("propagation_default_route_table_id")
                       or f"{PLACEHOLDER_PREFIX}{r.address}.default_route_table")
                default_rt[tid] = rid
                if rid not in rt_ids:
                    d["TransitGatewayRouteTables"].append({
                        "TransitGatewayRouteTableId": rid, "TransitGatewayId": tid,
                        "DefaultAssociationRouteTable": opts["DefaultRouteTableAssociation"] == "enable",
                        "DefaultPropagationRouteTable": opts["DefaultRouteTablePropagation"] == "enable",
                        "_vpcdocs_name": f"{(r.known('tags') or {}).get('Name') or r.hint}-default"})
        for r in self.of_type("aws_ec2_transit_gateway_route_table"):
            d["TransitGatewayRouteTables"].append({
                "TransitGatewayRouteTableId": self.ids[r.address], "TransitGatewayId": self.need(r, "transit_gateway_id"),
                "DefaultAssociationRouteTable": bool(r.known("default_association_route_table")),
                "DefaultPropagationRouteTable": bool(r.known("default_propagation_route_table")), **self.base(r)})
        assoc: dict[str, list[str]] = defaultdict(list)
        props: dict[str, list[str]] = defaultdict(list)
        tgw_opts = {t["TransitGatewayId"]: t["Options"] for t in d["TransitGateways"]}
        for r in self.of_type("aws_ec2_transit_gateway_vpc_attachment", "aws_ec2_transit_gateway_vpc_attachment_accepter"):
            aid = r.known("transit_gateway_attachment_id") if r.type.endswith("accepter") else self.ids[r.address]
            aid = aid or self.ids[r.address]
            tid = self.need(r, "transit_gateway_id")
            vid = self.ref(r, "vpc_id", ("aws_vpc",))
            subnets = self.ref_list(r, "subnet_ids") or []
            if tid is None or vid is None:
                continue
            d["TransitGatewayAttachments"].append({
                "TransitGatewayAttachmentId": aid, "TransitGatewayId": tid, "ResourceType": "vpc", "ResourceId": vid,
                "SubnetIds": list(subnets),
                "Options": {"ApplianceModeSupport": r.known("appliance_mode_support") or "disable",
                            "Ipv6Support": r.known("ipv6_support") or "disable"}, **self.base(r)})
            opts = tgw_opts.get(tid, {})
            if tid in default_rt:
                if r.values.get("transit_gateway_default_route_table_association", True) is not False and \
                        opts.get("DefaultRouteTableAssociation") == "enable":
                    assoc[default_rt[tid]].append(aid)
                if r.values.get("transit_gateway_default_route_table_propagation", True) is not False and \
                        opts.get("DefaultRouteTablePropagation") == "enable":
                    props[default_rt[tid]].append(aid)
        for r in self.of_type("aws_ec2_transit_gateway_peering_attachment"):
            tid = self.need(r, "transit_gateway_id")
            peer = self.need(r, "peer_transit_gateway_id")
            if tid is None or peer is None:
                continue
            d["TransitGatewayAttachments"].append({
                "TransitGatewayAttachmentId": self.ids[r.address], "TransitGatewayId": tid, "ResourceType": "peering",
                "ResourceId": peer, **self.base(r),
                "_peering": {"AccepterTgwInfo": {"TransitGatewayId": peer, "Region": r.known("peer_region"),
                                                 "OwnerId": r.known("peer_account_id")}}})
        for r in self.of_type("aws_ec2_transit_gateway_peering_attachment_accepter"):
            aid = self.need(r, "transit_gateway_attachment_id")
            if aid and not any(a["TransitGatewayAttachmentId"] == aid for a in d["TransitGatewayAttachments"]):
                self.skip(r, "accepter of a peering attachment outside the input "
                                 "(the peer side is documented where it is requested)")
        self.convert_vpns(d, default_rt, assoc, props)
        for r in self.of_type("aws_ec2_transit_gateway_route_table_association",
                              "aws_ec2_transit_gateway_route_table_propagation"):
            rid = self.need(r, "transit_gateway_route_table_id")
            aid = self.need(r, "transit_gateway_attachment_id")
            if rid and aid:
                target = assoc if r.type.endswith("association") else props
                if r.type.endswith("association"):
                    for lst in assoc.values():  # an explicit association replaces the default one
                        if aid in lst:
                            lst.remove(aid)
                target[rid].append(aid)
        routes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in self.of_type("aws_ec2_transit_gateway_route"):
            rid = self.need(r, "transit_gateway_route_table_id")
            if rid is None:
                continue
            dest = r.known("destination_cidr_block")
            if r.known("blackhole"):
                routes[rid].append({"DestinationCidrBlock": dest, "State": "blackhole", "Type": "static"})
                continue
            aid = self.need(r, "transit_gateway_attachment_id")
            if aid:
                routes[rid].append({"DestinationCidrBlock": dest, "Type": "static",
                                    "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": aid}]})
        d["TransitGatewayAssociations"] = [{"TransitGatewayRouteTableId": k, "Associations": [
            {"TransitGatewayAttachmentId": a, "State": "associated"} for a in v]} for k, v in assoc.items()]
        d["TransitGatewayPropagations"] = [{"TransitGatewayRouteTableId": k, "TransitGatewayRouteTablePropagations": [
            {"TransitGatewayAttachmentId": a, "State": "enabled"} for a in v]} for k, v in props.items()]
        d["TransitGatewayStaticRoutes"] = [{"TransitGatewayRouteTableId": k, "Routes": v} for k, v in routes.items()]

    def convert_vpns(self, d: dict[str, list[Any]], default_rt: dict[str, str], assoc: dict[str, list[str]],
                     props: dict[str, list[str]]) -> None:
        """VPN connections on a VGW or a TGW (the TGW side gets a vpn attachment, associated and
        propagating to the default tables like AWS does), their static routes, customer gateways."""
        for r in self.of_type("aws_customer_gateway"):
            d["CustomerGateways"].append({"CustomerGatewayId": self.ids[r.address], "IpAddress": r.known("ip_address"),
                                          "BgpAsn": r.known("bgp_asn"), **self.base(r)})
        vpn_routes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in self.of_type("aws_vpn_connection_route"):
            vpn = self.need(r, "vpn_connection_id")
            if vpn and r.known("destination_cidr_block"):
                vpn_routes[vpn].append({"DestinationCidrBlock": r.known("destination_cidr_block"), "State": "available"})
        tgw_opts = {t["TransitGatewayId"]: t["Options"] for t in d["TransitGateways"]}
        for r in self.of_type("aws_vpn_connection"):
            vpn_id = self.ids[r.address]
            tid = self.ref(r, "transit_gateway_id")
            vgw = self.ref(r, "vpn_gateway_id")
            item = {"VpnConnectionId": vpn_id, "CustomerGatewayId": self.ref(r, "customer_gateway_id"),
                    "Options": {"StaticRoutesOnly": r.values.get("static_routes_only") is True},
                    "Routes": vpn_routes.get(vpn_id, []), **self.base(r)}
            if tid:
                item["TransitGatewayId"] = tid
                aid = r.known("transit_gateway_attachment_id") or f"{PLACEHOLDER_PREFIX}{r.address}.attachment"
                d["TransitGatewayAttachments"].append({"TransitGatewayAttachmentId": aid, "TransitGatewayId": tid,
                                                       "ResourceType": "vpn", "ResourceId": vpn_id, **self.base(r)})
                opts = tgw_opts.get(tid, {})
                if tid in default_rt and opts.get("DefaultRouteTableAssociation") == "enable":
                    assoc[default_rt[tid]].append(aid)
                if tid in default_rt and opts.get("DefaultRouteTablePropagation") == "enable":
                    props[default_rt[tid]].append(aid)
            elif vgw:
                item["VpnGatewayId"] = vgw
            else:
                self.skip(r, "ends on neither a transit gateway nor a virtual private gateway known here")
                continue
            d["VpnConnections"].append(item)

    def convert_vgws(self, d: dict[str, list[Any]]) -> None:
        vgws: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_vpn_gateway"):
            vid = self.ref(r, "vpc_id", ("aws_vpc",) if "vpc_id" in r.unknown or "vpc_id" in r.values else ())
            item = {"VpnGatewayId": self.ids[r.address], "AmazonSideAsn": r.known("amazon_side_asn"),
                    "VpcAttachments": [{"VpcId": vid, "State": "attached"}] if vid else [], **self.base(r)}
            vgws[item["VpnGatewayId"]] = item
            d["VpnGateways"].append(item)
        for r in self.of_type("aws_vpn_gateway_attachment"):
            gid, vid = self.need(r, "vpn_gateway_id"), self.need(r, "vpc_id", ("aws_vpc",))
            if gid in vgws and vid:
                vgws[gid]["VpcAttachments"] = [{"VpcId": vid, "State": "attached"}]
            elif gid is not None:
                self.skip(r, f"virtual private gateway {gid} is not in the input")
        tables = {t["RouteTableId"]: t for t in d["RouteTables"]}
        for r in self.of_type("aws_vpn_gateway_route_propagation"):
            gid, tid = self.need(r, "vpn_gateway_id"), self.need(r, "route_table_id")
            if tid in tables and gid:
                if {"GatewayId": gid} not in tables[tid]["PropagatingVgws"]:
                    tables[tid]["PropagatingVgws"].append({"GatewayId": gid})
            elif tid is not None:
                self.skip(r, f"route table {tid} is not in the input")

    def convert_dx(self, d: dict[str, list[Any]]) -> None:
        for r in self.of_type("aws_dx_gateway"):
            d["directConnectGateways"].append({"directConnectGatewayId": self.ids[r.address],
                                               "directConnectGatewayName": r.known("name"),
                                               "ownerAccount": r.known("owner_account_id")})
        for r in self.of_type("aws_dx_gateway_association"):
            gid, gw = self.need(r, "dx_gateway_id"), self.ref(r, "associated_gateway_id")
            if gid is None or gw is None:
                continue
            d["directConnectGatewayAssociations"].append({
                "directConnectGatewayId": gid, "associatedGateway": {"id": gw},
                "allowedPrefixesToDirectConnectGateway": [{"cidr": c} for c in r.known("allowed_prefixes") or []]})
            if str(gw).startswith("tgw-") or str(gw).startswith(PLACEHOLDER_PREFIX) and "transit_gateway" in str(gw):
                aid = r.known("transit_gateway_attachment_id") or f"{PLACEHOLDER_PREFIX}{r.address}.attachment"
                d["TransitGatewayAttachments"].append({"TransitGatewayAttachmentId": aid, "TransitGatewayId": gw,
                                                       "ResourceType": "direct-connect-gateway", "ResourceId": gid})

    def convert_prefix_list_references(self, d: dict[str, list[Any]]) -> None:
        refs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in self.of_type("aws_ec2_transit_gateway_prefix_list_reference"):
            rid, pl = self.need(r, "transit_gateway_route_table_id"), self.need(r, "prefix_list_id")
            if rid is None or pl is None:
                continue
            ref: dict[str, Any] = {"PrefixListId": pl, "Blackhole": r.values.get("blackhole") is True}
            aid = self.ref(r, "transit_gateway_attachment_id")
            if aid:
                ref["TransitGatewayAttachment"] = {"TransitGatewayAttachmentId": aid}
            refs[rid].append(ref)
        d["TransitGatewayPrefixListReferences"] = [
            {"TransitGatewayRouteTableId": rid, **ref} for rid, items in refs.items() for ref in items]
