"""Terraform → describe shapes: VPC peering connections, VPC endpoints and endpoint services,
load balancers with their listeners and target groups."""

from __future__ import annotations

from typing import Any

from .base import Base
from .parse import _dict, _list


class EndpointConverter(Base):
    TYPES = frozenset({
        "aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter", "aws_vpc_endpoint",
        "aws_vpc_endpoint_route_table_association", "aws_vpc_endpoint_subnet_association", "aws_vpc_endpoint_service",
        "aws_lb", "aws_alb", "aws_lb_listener", "aws_alb_listener", "aws_lb_target_group", "aws_alb_target_group",
        "aws_lb_target_group_attachment", "aws_alb_target_group_attachment",
    })

    def convert_peerings(self, d: dict[str, list[Any]], vpcs: dict[str, dict[str, Any]]) -> None:
        pcxs: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_vpc_peering_connection"):
            req = self.need(r, "vpc_id", ())
            acc = self.need(r, "peer_vpc_id", ())
            if not req or not acc:
                continue
            status = r.known("accept_status") or ("active" if r.known("auto_accept") else "pending-acceptance")
            item = {"VpcPeeringConnectionId": self.ids[r.address], "Status": {"Code": status},
                    "RequesterVpcInfo": self.vpc_info(req, vpcs, None, None),
                    "AccepterVpcInfo": self.vpc_info(acc, vpcs, r.known("peer_owner_id"), r.known("peer_region")),
                    **self.base(r)}
            pcxs[item["VpcPeeringConnectionId"]] = item
        for r in self.of_type("aws_vpc_peering_connection_accepter"):
            pid = self.need(r, "vpc_peering_connection_id")
            if pid is None:
                continue
            if pid in pcxs:
                if r.known("accept_status"):
                    pcxs[pid]["Status"] = {"Code": r.known("accept_status")}
                continue
            acc = self.ref(r, "vpc_id", ())
            req = r.known("peer_vpc_id")
            if not acc or not req:
                self.skip(r, "peer VPC ids unknown")
                continue
            pcxs[pid] = {"VpcPeeringConnectionId": pid, "Status": {"Code": r.known("accept_status") or "active"},
                         "AccepterVpcInfo": self.vpc_info(acc, vpcs, None, None),
                         "RequesterVpcInfo": self.vpc_info(req, vpcs, r.known("peer_owner_id"),
                                                           r.known("peer_region")), **self.base(r)}
        d["VpcPeeringConnections"] = list(pcxs.values())

    @staticmethod
    def vpc_info(vid: str, vpcs: dict[str, dict[str, Any]], owner: Any, region: Any) -> dict[str, Any]:
        info: dict[str, Any] = {"VpcId": vid}
        if vid in vpcs:
            cidrs = [vpcs[vid].get("CidrBlock")] + [c["CidrBlock"] for c in vpcs[vid]["CidrBlockAssociationSet"]]
            info["CidrBlockSet"] = [{"CidrBlock": c} for c in cidrs if c]
        if owner:
            info["OwnerId"] = owner
        if region:
            info["Region"] = region
        return info

    def convert_endpoints(self, d: dict[str, list[Any]]) -> None:
        eps: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_vpc_endpoint"):
            vid = self.need(r, "vpc_id", ("aws_vpc",))
            if vid is None:
                continue
            rts = self.ref_list(r, "route_table_ids")
            subnets = self.ref_list(r, "subnet_ids") or []
            item = {"VpcEndpointId": self.ids[r.address], "VpcId": vid,
                    "VpcEndpointType": r.known("vpc_endpoint_type") or "Gateway",
                    "ServiceName": r.known("service_name"), "RouteTableIds": list(rts or []),
                    "SubnetIds": list(subnets), "PrivateDnsEnabled": bool(r.known("private_dns_enabled")),
                    "Groups": [{"GroupId": g} for g in r.known("security_group_ids") or []], "State": r.known("state"),
                    "_prefix_list_id": r.known("prefix_list_id"),
                    **self.base(r)}
            if not item["ServiceName"]:
                self.skip(r, "service_name unknown")
                continue
            eps[item["VpcEndpointId"]] = item
            d["VpcEndpoints"].append(item)
        for r in self.of_type("aws_vpc_endpoint_route_table_association", "aws_vpc_endpoint_subnet_association"):
            eid = self.need(r, "vpc_endpoint_id")
            key, attr = (("RouteTableIds", "route_table_id") if r.type.endswith("route_table_association")
                         else ("SubnetIds", "subnet_id"))
            other = self.need(r, attr)
            if eid in eps and other:
                if other not in eps[eid][key]:
                    eps[eid][key].append(other)
            elif eid is not None and other is not None:
                self.skip(r, f"endpoint {eid} is not in the input")
        for r in self.of_type("aws_vpc_endpoint_service"):
            nlbs = self.ref_list(r, "network_load_balancer_arns", want="arn")
            gwlbs = r.known("gateway_load_balancer_arns") or []
            d["ServiceConfigurations"].append({
                "ServiceId": self.ids[r.address], "ServiceName": r.known("service_name"),
                "NetworkLoadBalancerArns": list(nlbs or []), "GatewayLoadBalancerArns": list(gwlbs),
                "AcceptanceRequired": bool(r.values.get("acceptance_required", True)),
                "PrivateDnsName": r.known("private_dns_name"),
                "_allowed_principals": list(r.known("allowed_principals") or []), **self.base(r)})

    def convert_lbs(self, d: dict[str, list[Any]]) -> None:
        lbs: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_lb", "aws_alb"):
            subnets = r.known("subnets")
            if not subnets:
                subnets = [m.get("subnet_id") for m in r.known("subnet_mapping") or [] if m.get("subnet_id")]
            if not subnets:
                subnets = self.ref_list(r, "subnets") or []
            arn = self.ids[r.address]
            sub_vpc = {s["SubnetId"]: s["VpcId"] for s in d["Subnets"]}
            vid = r.known("vpc_id") or next((sub_vpc[s] for s in subnets if s in sub_vpc), None)
            if vid is None:
                self.skip(r, "VPC unknown (its subnets are not in the input)")
                continue
            item = {"LoadBalancerArn": arn, "LoadBalancerName": r.known("name"), "VpcId": vid,
                    "Type": r.known("load_balancer_type") or "application",
                    "Scheme": "internal" if r.values.get("internal") else "internet-facing",
                    "AvailabilityZones": [{"SubnetId": s} for s in subnets],
                    "SecurityGroups": list(r.known("security_groups") or []), **self.base(r)}
            lbs[arn] = item
            d["LoadBalancers"].append(item)
            cz = r.known("enable_cross_zone_load_balancing")
            if cz is not None:
                d["LoadBalancerAttributes"].append({"LoadBalancerArn": arn, "Attributes": [
                    {"Key": "load_balancing.cross_zone.enabled", "Value": "true" if cz else "false"}]})
        tgs: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_lb_target_group", "aws_alb_target_group"):
            arn = self.ids[r.address]
            item = {"TargetGroupArn": arn, "TargetGroupName": r.known("name"), "Protocol": r.known("protocol"),
                    "Port": r.known("port"), "TargetType": r.known("target_type") or "instance",
                    "VpcId": r.known("vpc_id") or self.ref(r, "vpc_id", ("aws_vpc",)), "LoadBalancerArns": [],
                    **self.base(r)}
            tgs[arn] = item
            d["TargetGroups"].append(item)
        for r in self.of_type("aws_lb_listener", "aws_alb_listener"):
            lb = self.ref(r, "load_balancer_arn", want="arn")
            if lb not in lbs:
                self.skip(r, f"load balancer {lb} is not in the input")
                continue
            actions = []
            tg_arn = None
            for action in r.known("default_action") or []:
                tg_arn = action.get("target_group_arn") or next(
                    (t.get("arn") for f in action.get("forward") or [] for t in f.get("target_group") or []
                     if isinstance(t.get("arn"), str)), None)
                if not tg_arn and action.get("type") == "forward":  # unknown before apply: the configuration
                    blocks = _list(self.config.get((r.module, r.config_address), {}).get("default_action"))
                    refs = [ref for b in blocks if isinstance(b, dict)
                            for ref in _list(_dict(b.get("target_group_arn")).get("references"))]
                    found = self.resolve_refs(r, refs, "arn", first=True)
                    tg_arn = found[0] if found else None
                actions.append({"Type": action.get("type"), "TargetGroupArn": tg_arn})
            d["Listeners"].append({"ListenerArn": self.ids[r.address], "LoadBalancerArn": lb,
                                   "Port": r.known("port"), "Protocol": r.known("protocol") or
                                   ("HTTP" if lbs[lb]["Type"] == "application" else "TCP"),
                                   "DefaultActions": actions})
            if tg_arn in tgs and lb not in tgs[tg_arn]["LoadBalancerArns"]:
                tgs[tg_arn]["LoadBalancerArns"].append(lb)
        for r in self.of_type("aws_lb_target_group_attachment", "aws_alb_target_group_attachment"):
            tg = self.ref(r, "target_group_arn", want="arn")
            target = self.ref(r, "target_id", want="arn")
            if tg not in tgs or not target:
                self.skip(r, "target group or target unknown")
                continue
            d["TargetHealth"].append({"TargetGroupArn": tg, "TargetHealthDescriptions": [
                {"Target": {"Id": target, "Port": r.known("port")}}]})
