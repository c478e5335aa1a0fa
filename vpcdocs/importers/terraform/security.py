"""Terraform → describe shapes: security groups and their rule resources, network ACLs and
their rule/association resources, managed prefix lists and their entries."""

from __future__ import annotations

from typing import Any

from .base import Base


class SecurityConverter(Base):
    TYPES = frozenset({
        "aws_security_group", "aws_default_security_group", "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
        "aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule", "aws_network_acl_association",
        "aws_ec2_managed_prefix_list", "aws_ec2_managed_prefix_list_entry",
    })

    def convert_security_groups(self, d: dict[str, list[Any]]) -> None:
        groups: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_security_group", "aws_default_security_group"):
            vid = self.need(r, "vpc_id", ("aws_vpc",))
            if vid is None:
                continue
            gid = self.ids[r.address]
            name = "default" if r.type == "aws_default_security_group" else (r.known("name") or r.hint)
            item = {"GroupId": gid, "GroupName": name, "VpcId": vid, "Description": r.known("description"),
                    "IpPermissions": [], "IpPermissionsEgress": [], **self.base(r)}
            for attr, key in (("ingress", "IpPermissions"), ("egress", "IpPermissionsEgress")):
                for rule in _blocks(r.known(attr)):
                    if isinstance(rule, dict):
                        add_permission(item[key], gid, rule.get("protocol"), rule.get("from_port"),
                                       rule.get("to_port"), rule.get("cidr_blocks"), rule.get("ipv6_cidr_blocks"),
                                       rule.get("prefix_list_ids"), rule.get("security_groups"),
                                       rule.get("self"), rule.get("description"))
            groups[gid] = item
            d["SecurityGroups"].append(item)
        for r in self.of_type("aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
                              "aws_vpc_security_group_egress_rule"):
            gid = self.need(r, "security_group_id")
            if gid is None:
                continue
            if gid not in groups:
                self.skip(r, f"security group {gid} is not in the input")
                continue
            if r.type == "aws_security_group_rule":
                key = "IpPermissions" if r.known("type") == "ingress" else "IpPermissionsEgress"
                add_permission(groups[gid][key], gid, r.known("protocol"), r.known("from_port"), r.known("to_port"),
                               r.known("cidr_blocks"), r.known("ipv6_cidr_blocks"), r.known("prefix_list_ids"),
                               [x for x in [self.ref(r, "source_security_group_id")] if x], r.known("self"),
                               r.known("description"))
            else:
                key = "IpPermissions" if r.type.endswith("ingress_rule") else "IpPermissionsEgress"
                add_permission(groups[gid][key], gid, r.known("ip_protocol"), r.known("from_port"), r.known("to_port"),
                               [r.known("cidr_ipv4")], [r.known("cidr_ipv6")], [r.known("prefix_list_id")],
                               [x for x in [self.ref(r, "referenced_security_group_id")] if x], False,
                               r.known("description"))

    def convert_network_acls(self, d: dict[str, list[Any]]) -> None:
        acls: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_network_acl", "aws_default_network_acl"):
            aid = self.ids[r.address]
            if r.type == "aws_default_network_acl":
                aid = r.known("default_network_acl_id") or aid
                vid = r.known("vpc_id") or next((self.ids[v.address] for v in self.of_type("aws_vpc")
                                                 if v.known("default_network_acl_id") == aid), None)
            else:
                vid = self.need(r, "vpc_id", ("aws_vpc",))
            if vid is None:
                if r.type == "aws_default_network_acl":
                    self.skip(r, "its VPC is unknown (vpc_id not known before apply)")
                continue
            item = {"NetworkAclId": aid, "VpcId": vid, "IsDefault": r.type == "aws_default_network_acl",
                    "Entries": [], "Associations": [], **self.base(r)}
            for attr, egress in (("ingress", False), ("egress", True)):
                for rule in _blocks(r.known(attr)):
                    if isinstance(rule, dict):
                        item["Entries"].append(nacl_entry(rule.get("rule_no"), egress, rule.get("protocol"),
                                                          rule.get("action"), rule.get("cidr_block"),
                                                          rule.get("ipv6_cidr_block"), rule.get("from_port"),
                                                          rule.get("to_port"), rule.get("icmp_type"),
                                                          rule.get("icmp_code")))
            for sid in self.ref_list(r, "subnet_ids") or []:
                item["Associations"].append({"NetworkAclId": aid, "SubnetId": sid})
            acls[aid] = item
            d["NetworkAcls"].append(item)
        for r in self.of_type("aws_network_acl_rule"):
            aid = self.need(r, "network_acl_id")
            if aid is None:
                continue
            if aid not in acls:
                self.skip(r, f"network ACL {aid} is not in the input")
                continue
            acls[aid]["Entries"].append(nacl_entry(r.known("rule_number"), r.values.get("egress") is True,
                                                   r.known("protocol"), r.known("rule_action"), r.known("cidr_block"),
                                                   r.known("ipv6_cidr_block"), r.known("from_port"),
                                                   r.known("to_port"), r.known("icmp_type"), r.known("icmp_code")))
        for r in self.of_type("aws_network_acl_association"):
            aid, sid = self.need(r, "network_acl_id"), self.need(r, "subnet_id")
            if aid in acls and sid:
                acls[aid]["Associations"].append({"NetworkAclId": aid, "SubnetId": sid})
            elif aid is not None and sid is not None:
                self.skip(r, f"network ACL {aid} is not in the input")

    def convert_prefix_lists(self, d: dict[str, list[Any]]) -> None:
        lists: dict[str, dict[str, Any]] = {}
        for r in self.of_type("aws_ec2_managed_prefix_list"):
            pid = self.ids[r.address]
            item = {"PrefixListId": pid, "PrefixListName": r.known("name"), "OwnerId": r.known("owner_id"),
                    "AddressFamily": r.known("address_family") or "IPv4", "MaxEntries": r.known("max_entries"),
                    "Entries": [{"Cidr": e.get("cidr"), "Description": e.get("description")}
                                for e in r.known("entry") or [] if isinstance(e, dict)], **self.base(r)}
            lists[pid] = item
            d["PrefixLists"].append(item)
        for r in self.of_type("aws_ec2_managed_prefix_list_entry"):
            pid = self.need(r, "prefix_list_id")
            if pid is None:
                continue
            if pid not in lists:
                self.skip(r, f"prefix list {pid} is not in the input")
                continue
            entry = {"Cidr": r.known("cidr"), "Description": r.known("description")}
            if entry not in lists[pid]["Entries"]:
                lists[pid]["Entries"].append(entry)


def add_permission(perms: list[dict[str, Any]], gid: str, protocol: Any, lo: Any, hi: Any, cidrs: Any, cidrs6: Any,
                   pls: Any, groups: Any, self_: Any, description: Any) -> None:
    """One Terraform rule as an IpPermissions entry (duplicates — a state lists rule resources
    inline too — are dropped). A referenced group written ``account/sg-…`` keeps its account."""
    pairs = []
    for g in [*(groups or []), *([gid] if self_ else [])]:
        if isinstance(g, str) and g:
            account, _, group = g.rpartition("/")
            pair = {"GroupId": group, "Description": description}
            if account:
                pair["UserId"] = account
            pairs.append(pair)
    perm: dict[str, Any] = {
        "IpProtocol": str(protocol if protocol is not None else "-1"),
        "IpRanges": [{"CidrIp": c, "Description": description} for c in cidrs or [] if c],
        "Ipv6Ranges": [{"CidrIpv6": c, "Description": description} for c in cidrs6 or [] if c],
        "PrefixListIds": [{"PrefixListId": p, "Description": description} for p in pls or [] if p],
        "UserIdGroupPairs": pairs}
    if lo is not None:
        perm["FromPort"] = int(lo)
    if hi is not None:
        perm["ToPort"] = int(hi)
    if perm not in perms:
        perms.append(perm)


def nacl_entry(number: Any, egress: bool, protocol: Any, action: Any, cidr: Any, cidr6: Any, lo: Any, hi: Any,
               icmp_type: Any, icmp_code: Any) -> dict[str, Any]:
    """A Terraform NACL rule as a describe-network-acls entry."""
    entry: dict[str, Any] = {"RuleNumber": number, "Egress": egress, "Protocol": str(protocol),
                             "RuleAction": action}
    if cidr:
        entry["CidrBlock"] = cidr
    elif cidr6:
        entry["Ipv6CidrBlock"] = cidr6
    if isinstance(lo, int) and isinstance(hi, int) and str(protocol).lower() in ("6", "17", "tcp", "udp"):
        entry["PortRange"] = {"From": lo, "To": hi}
    if isinstance(icmp_type, int) and str(protocol).lower() in ("1", "58", "icmp", "icmpv6"):
        entry["IcmpTypeCode"] = {"Type": icmp_type, "Code": icmp_code if isinstance(icmp_code, int) else -1}
    return entry


def _blocks(value: Any) -> list[dict[str, Any]]:
    """Nested blocks of a resource (``ingress``, ``egress``), whatever a damaged state holds."""
    return [b for b in value if isinstance(b, dict)] if isinstance(value, list) else []
