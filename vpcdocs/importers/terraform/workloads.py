"""Terraform → describe shapes: instances (their primary interface included) and network
interfaces with their attachments and security groups."""

from __future__ import annotations

from typing import Any

from .base import Base
from .parse import TfResource


class WorkloadConverter(Base):
    TYPES = frozenset({"aws_instance", "aws_network_interface", "aws_network_interface_attachment",
                       "aws_network_interface_sg_attachment"})

    def convert_instances(self, d: dict[str, list[Any]]) -> None:
        sub_vpc = {s["SubnetId"]: s["VpcId"] for s in d["Subnets"]}
        instances = []
        for r in self.of_type("aws_instance"):
            sid = self.ref(r, "subnet_id")
            if sid is None:
                self.skip(r, "subnet_id unknown (not known before apply, or EC2-Classic)")
                continue
            ips = [ip for ip in [r.known("private_ip"), *(r.known("secondary_private_ips") or [])] if ip]
            groups = self.ref_list(r, "vpc_security_group_ids") or []
            primary: dict[str, Any] = {"Attachment": {"DeviceIndex": 0},
                                       "PrivateIpAddresses": [{"PrivateIpAddress": ip, "Primary": i == 0}
                                                              for i, ip in enumerate(ips)],
                                       "Ipv6Addresses": [{"Ipv6Address": a} for a in r.known("ipv6_addresses") or []],
                                       "Groups": [{"GroupId": g} for g in groups]}
            if r.known("primary_network_interface_id"):
                primary["NetworkInterfaceId"] = r.known("primary_network_interface_id")
            item = {"InstanceId": self.ids[r.address], "SubnetId": sid, "VpcId": sub_vpc.get(sid),
                    "PrivateIpAddress": r.known("private_ip"), "PublicIpAddress": r.known("public_ip"),
                    "State": {"Name": r.known("instance_state") or "running"},
                    "SecurityGroups": [{"GroupId": g} for g in groups], "NetworkInterfaces": [primary],
                    **self.base(r)}
            if r.values.get("source_dest_check") is False:
                item["SourceDestCheck"] = False
            instances.append(item)
        d["Reservations"] = [{"Instances": instances}] if instances else []

    def convert_interfaces(self, d: dict[str, list[Any]]) -> None:
        sub_vpc = {s["SubnetId"]: s["VpcId"] for s in d["Subnets"]}
        enis: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_network_interface"):
            sid = self.need(r, "subnet_id")
            if sid is None:
                continue
            ips = r.known("private_ips") or r.known("private_ip_list") or \
                ([r.known("private_ip")] if r.known("private_ip") else [])
            item: dict[str, Any] = {
                "NetworkInterfaceId": self.ids[r.address], "SubnetId": sid, "VpcId": sub_vpc.get(sid),
                "Description": r.known("description"), "InterfaceType": r.known("interface_type") or "interface",
                "PrivateIpAddresses": [{"PrivateIpAddress": ip, "Primary": i == 0} for i, ip in enumerate(ips)],
                "Ipv6Addresses": [{"Ipv6Address": a} for a in r.known("ipv6_addresses") or []],
                "Groups": [{"GroupId": g} for g in self.ref_list(r, "security_groups") or []], **self.base(r)}
            if r.values.get("source_dest_check") is False:
                item["SourceDestCheck"] = False
            for attachment in r.known("attachment") or []:
                if isinstance(attachment, dict) and attachment.get("instance"):
                    item["Attachment"] = {"InstanceId": attachment["instance"],
                                          "DeviceIndex": attachment.get("device_index")}
            enis[item["NetworkInterfaceId"]] = item
            d["NetworkInterfaces"].append(item)
        for r in self.of_type("aws_network_interface_attachment", "aws_network_interface_sg_attachment"):
            self._attach(r, enis)

    def _attach(self, r: TfResource, enis: dict[str, dict[str, Any]]) -> None:
        eid = self.need(r, "network_interface_id")
        if eid is None:
            return
        if eid not in enis:
            self.skip(r, f"network interface {eid} is not in the input")
            return
        if r.type == "aws_network_interface_attachment":
            instance = self.need(r, "instance_id")
            if instance:
                enis[eid]["Attachment"] = {"InstanceId": instance, "DeviceIndex": r.known("device_index")}
        else:
            group = self.need(r, "security_group_id")
            if group and {"GroupId": group} not in enis[eid]["Groups"]:
                enis[eid]["Groups"].append({"GroupId": group})
