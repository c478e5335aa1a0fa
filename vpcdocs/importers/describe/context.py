"""What every part of the describe translator shares: the input, indexed by AWS id, the
spec ids, and the report.

The input is a list of :class:`~vpcdocs.importers.model.AwsSnapshot` (one account and
region each). :class:`Context` cleans them through the one shape filter
(:mod:`vpcdocs.importers.shapes`), indexes every object by AWS id — an object listed by
several accounts (a VPC shared through AWS RAM, a peering, a transit gateway) is kept once,
from its owner's listing where the input has it — and names everything once, so that every
builder refers to an object by the same spec id.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..model import AwsSnapshot, ImportResult
from ..naming import Namer, addr, lower, net, region_of_arn, region_of_az, sanitize
from ..shapes import clean_items

Entry = tuple[AwsSnapshot, dict[str, Any]]

# store kind -> (describe list key, id field)
STORES: dict[str, tuple[str, str]] = {
    "vpc": ("Vpcs", "VpcId"),
    "subnet": ("Subnets", "SubnetId"),
    "route-table": ("RouteTables", "RouteTableId"),
    "igw": ("InternetGateways", "InternetGatewayId"),
    "eigw": ("EgressOnlyInternetGateways", "EgressOnlyInternetGatewayId"),
    "nat": ("NatGateways", "NatGatewayId"),
    "pcx": ("VpcPeeringConnections", "VpcPeeringConnectionId"),
    "endpoint": ("VpcEndpoints", "VpcEndpointId"),
    "service": ("ServiceConfigurations", "ServiceId"),
    "lb": ("LoadBalancers", "LoadBalancerArn"),
    "tg": ("TargetGroups", "TargetGroupArn"),
    "sg": ("SecurityGroups", "GroupId"),
    "nacl": ("NetworkAcls", "NetworkAclId"),
    "eni": ("NetworkInterfaces", "NetworkInterfaceId"),
    "tgw": ("TransitGateways", "TransitGatewayId"),
    "tgw-rt": ("TransitGatewayRouteTables", "TransitGatewayRouteTableId"),
    "vgw": ("VpnGateways", "VpnGatewayId"),
    "vpn": ("VpnConnections", "VpnConnectionId"),
    "cgw": ("CustomerGateways", "CustomerGatewayId"),
    "dxgw": ("directConnectGateways", "directConnectGatewayId"),
}

# Describe lists read somewhere else than the stores above.
OTHER_KEYS = {
    "Reservations", "PrefixLists", "ManagedPrefixListEntries", "Listeners", "TargetHealth",
    "LoadBalancerAttributes", "TransitGatewayAttachments", "TransitGatewayVpcAttachments",
    "TransitGatewayPeeringAttachments", "TransitGatewayStaticRoutes", "TransitGatewayPropagations",
    "TransitGatewayAssociations", "TransitGatewayPrefixListReferences", "ServicePermissions",
    "directConnectGatewayAssociations",
}
# Lists that carry nothing vpcdocs models: summarised in the skip report with the reason.
NOT_MODELLED = {
    "Addresses": "Elastic IPs are not modelled (the public IPs of instances, ENIs and NAT gateways are)",
    "DhcpOptions": "DHCP options are not modelled",
    "AvailabilityZones": "availability zones are read from the subnets",
    "ServiceNames": "the region's endpoint service catalogue is not needed",
    "ServiceDetails": "the region's endpoint service catalogue is not needed",
    "Tags": "tags are read from each resource",
    "LoadBalancerDescriptions": "classic load balancers (elb) are not modelled",
    "InstanceStatuses": "instance states are read from describe-instances",
}


class Context:
    """The indexed input, the names and the report of one translation."""

    def __init__(self, snapshots: list[AwsSnapshot], vpc_filter: set[str] | None):
        self.snaps = [AwsSnapshot(region=s.region, account=s.account, source=s.source, extra=s.extra,
                                  data={k: clean_items(v) for k, v in s.data.items() if isinstance(v, list)})
                      for s in snapshots]
        self.vpc_filter = vpc_filter or None
        self.result = ImportResult()
        self.names = Namer()
        self.store: dict[str, dict[str, Entry]] = {kind: {} for kind in STORES}
        self.instances: dict[str, Entry] = {}
        self.tgw_atts: dict[str, Entry] = {}
        self.prefix_lists: dict[str, Entry] = {}  # pl- id -> merged describe item
        self.pl_by_name: dict[str, str] = {}  # PrefixListName -> pl- id
        self.pl_refs: set[str] = set()  # pl- ids something written refers to
        self.vpc_docs: dict[str, dict[str, Any]] = {}
        self.subnet_docs: dict[str, dict[str, Any]] = {}
        self.emitted: set[str] = set()  # AWS ids of route targets written as spec objects
        self.owner: dict[tuple[str, str], str | None] = {}  # (section, spec id) -> account, for the layout
        self.gw_routes: dict[str, set[str]] = defaultdict(set)  # gateway vpce- -> route tables routing to it
        self.gw_prefix: dict[str, str] = {}  # gateway vpce- -> the pl- id of its routes
        self.vgw_learned: dict[str, set[str]] = defaultdict(set)  # vgw- -> prefixes it propagated (VGW-12)
        self.eni_instance: dict[str, str] = {}  # primary eni- -> its i-
        self.addresses: dict[str, dict[str, str]] = defaultdict(dict)  # vpc -> address -> AWS id of its holder
        self.owned_enis: dict[str, tuple[str, str, bool]] | None = None  # eni- -> its AWS-managed owner
        self._regions: dict[int, str | None] = {}

    # ------------------------------------------------------------------ look-ups

    def get(self, kind: str, aws_id: object) -> dict[str, Any]:
        """The describe item of ``kind`` with ``aws_id``; {} when the input does not hold it."""
        entry = self.store[kind].get(aws_id) if isinstance(aws_id, str) else None
        return entry[1] if entry else {}

    def has_list(self, key: str) -> bool:
        """True when some snapshot holds the describe list ``key`` (even empty)."""
        return any(s.has(key) for s in self.snaps)

    def keep_vpc(self, vpc_id: object) -> bool:
        return self.vpc_filter is None or vpc_id in self.vpc_filter

    def region(self, snap: AwsSnapshot) -> str | None:
        """The snapshot's region; else learnt from ARNs and availability zones in it."""
        if snap.region:
            return snap.region
        if id(snap) in self._regions:
            return self._regions[id(snap)]
        found = None
        for sub in snap.items("Subnets"):
            found = region_of_arn(sub.get("SubnetArn")) or region_of_az(sub.get("AvailabilityZone"))
            if found:
                break
        if not found:
            for key, arn_key in (("TransitGateways", "TransitGatewayArn"), ("LoadBalancers", "LoadBalancerArn")):
                for entry in snap.items(key):
                    found = found or region_of_arn(entry.get(arn_key))
        default = snap.extra.get("default_region")
        found = found or (default if isinstance(default, str) else None)
        self._regions[id(snap)] = found
        return found

    def account(self, snap: AwsSnapshot, item: dict[str, Any] | None = None) -> str | None:
        """The owner account of ``item`` (its OwnerId), else the snapshot's."""
        from ..naming import account_of

        return account_of((item or {}).get("OwnerId")) or account_of(snap.account)

    def vpc_of_subnet(self, subnet_id: object) -> str | None:
        vpc = self.get("subnet", subnet_id).get("VpcId")
        return vpc if isinstance(vpc, str) else None

    def target_id(self, aws_id: str | None) -> str | None:
        """Spec id of a route-target object of the import (whether written or not)."""
        return self.names.get("target", aws_id)

    # ------------------------------------------------------------------ collect

    def _put(self, kind: str, aws_id: str, snap: AwsSnapshot, item: dict[str, Any]) -> None:
        store = self.store[kind]
        seen = store.get(aws_id)
        if seen is None:
            store[aws_id] = (snap, item)
            return
        if seen[1] == item:
            return
        owner = item.get("OwnerId")
        if owner and snap.account == owner and seen[0].account != owner:
            store[aws_id] = (snap, item)  # the owner's own listing wins (RAM-shared objects)
            return
        if kind in ("pcx", "vpc", "subnet", "tgw", "sg", "prefix-list"):
            return  # listed by every account that sees it: one object
        self.result.note(f"{aws_id} appears twice in the input; the first one is used")

    def collect(self) -> None:
        for snap in self.snaps:
            for key in sorted(snap.data):
                if key in OTHER_KEYS or any(key == k for k, _ in STORES.values()):
                    continue
                items = snap.data.get(key) or []
                if items:
                    reason = NOT_MODELLED.get(key, "not a kind of object vpcdocs imports")
                    self.result.skip("data", key, f"{len(items)} item(s) not imported: {reason}", snap.source)
            for kind, (key, id_key) in STORES.items():
                for item in snap.items(key):
                    aws_id = item.get(id_key)
                    if not isinstance(aws_id, str) or not aws_id:
                        self.result.skip(key, "?", f"an entry without {id_key}", snap.source)
                        continue
                    self._put(kind, aws_id, snap, item)
            for reservation in snap.items("Reservations"):
                for inst in reservation.get("Instances") or []:
                    if isinstance(inst, dict) and isinstance(inst.get("InstanceId"), str):
                        if reservation.get("OwnerId") and not inst.get("OwnerId"):
                            inst = {**inst, "OwnerId": reservation["OwnerId"]}
                        self.instances.setdefault(inst["InstanceId"], (snap, inst))
            self._collect_attachments(snap)
            self._collect_prefix_lists(snap)
        self._infer_vpcs()

    def _collect_attachments(self, snap: AwsSnapshot) -> None:
        for att in snap.items("TransitGatewayAttachments"):
            aid = att.get("TransitGatewayAttachmentId")
            if not isinstance(aid, str):
                continue
            seen = self.tgw_atts.get(aid)
            if seen and seen[1].get("TransitGatewayId") not in (None, att.get("TransitGatewayId")):
                # a TGW peering attachment listed by both of its transit gateways (two regions or
                # accounts in one import): one attachment per side, same AWS id
                self.tgw_atts[f"{aid}@{att.get('TransitGatewayId')}"] = (snap, dict(att))
            else:
                self.tgw_atts.setdefault(aid, (snap, dict(att)))
        for att in snap.items("TransitGatewayVpcAttachments"):
            aid = att.get("TransitGatewayAttachmentId")
            if not isinstance(aid, str):
                continue
            if aid in self.tgw_atts:
                merged = self.tgw_atts[aid][1]
                for key in ("SubnetIds", "Options", "VpcId"):
                    if merged.get(key) is None and att.get(key) is not None:
                        merged[key] = att[key]
            else:
                self.tgw_atts[aid] = (snap, {**att, "ResourceType": "vpc", "ResourceId": att.get("VpcId"),
                                             "ResourceOwnerId": att.get("VpcOwnerId")})
        for att in snap.items("TransitGatewayPeeringAttachments"):
            aid = att.get("TransitGatewayAttachmentId")
            if not isinstance(aid, str):
                continue
            entry = self.tgw_atts.setdefault(aid, (snap, {**att, "ResourceType": "peering"}))[1]
            entry["_peering"] = att

    def _collect_prefix_lists(self, snap: AwsSnapshot) -> None:
        """describe-prefix-lists (AWS service lists with ``Cidrs``) and describe-managed-prefix-lists
        (``AddressFamily``, ``OwnerId``, ``MaxEntries``) share the key ``PrefixLists``: merged by id.
        Entries come from get-managed-prefix-list-entries, kept per list as
        ``ManagedPrefixListEntries: [{PrefixListId, Entries}]``."""
        for pl in snap.items("PrefixLists"):
            pid = pl.get("PrefixListId")
            if not isinstance(pid, str) or not pid:
                self.result.skip("prefix-list", "?", "an entry without PrefixListId", snap.source)
                continue
            seen = self.prefix_lists.get(pid)
            merged = {**(seen[1] if seen else {}), **{k: v for k, v in pl.items() if v not in (None, [])}}
            self.prefix_lists[pid] = (seen[0] if seen else snap, merged)
            if isinstance(pl.get("PrefixListName"), str):
                self.pl_by_name.setdefault(pl["PrefixListName"], pid)
        for wrapper in snap.items("ManagedPrefixListEntries"):
            pid = wrapper.get("PrefixListId")
            if not isinstance(pid, str):
                continue
            seen = self.prefix_lists.get(pid)
            item: dict[str, Any] = dict(seen[1]) if seen else {"PrefixListId": pid}
            item["Entries"] = [*(item.get("Entries") or []), *(wrapper.get("Entries") or [])]
            self.prefix_lists[pid] = (seen[0] if seen else snap, item)

    def _infer_vpcs(self) -> None:
        """VPCs the input names (subnets, route tables) without describe-vpcs data: their CIDRs
        come from the tables' local routes (placebo recordings often lack describe-vpcs)."""
        referenced: dict[str, AwsSnapshot] = {}
        for kind in ("subnet", "route-table"):
            for snap, item in self.store[kind].values():
                vpc_id = item.get("VpcId")
                if isinstance(vpc_id, str) and vpc_id not in self.store["vpc"]:
                    referenced.setdefault(vpc_id, snap)
        for vpc_id, snap in sorted(referenced.items()):
            if not self.keep_vpc(vpc_id):
                continue
            cidrs4: list[str] = []
            cidrs6: list[str] = []
            owner = None
            tables = sorted((v for v in self.store["route-table"].values() if v[1].get("VpcId") == vpc_id),
                            key=lambda v: str(v[1].get("RouteTableId", "")))
            for _, rt in tables:
                owner = owner or rt.get("OwnerId")
                for r in rt.get("Routes") or []:
                    if isinstance(r, dict) and r.get("GatewayId") == "local":
                        c4, c6 = r.get("DestinationCidrBlock"), r.get("DestinationIpv6CidrBlock")
                        if isinstance(c4, str) and c4 not in cidrs4:
                            cidrs4.append(c4)
                        if isinstance(c6, str) and c6 not in cidrs6:
                            cidrs6.append(c6)
            if not cidrs4:
                self.result.skip("vpc", vpc_id, "referenced by subnets or route tables, but the input has no "
                                 "describe-vpcs entry and no local route to learn its CIDR from", snap.source)
                continue
            item = {"VpcId": vpc_id, "CidrBlock": cidrs4[0], "OwnerId": owner,
                    "CidrBlockAssociationSet": [{"CidrBlock": c, "CidrBlockState": {"State": "associated"}}
                                                for c in cidrs4],
                    "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": c,
                                                     "Ipv6CidrBlockState": {"State": "associated"}} for c in cidrs6],
                    "_inferred": True}
            self.store["vpc"][vpc_id] = (snap, item)
            self.result.note(f"{vpc_id}: not in describe-vpcs output; CIDRs {', '.join(cidrs4 + cidrs6)} "
                             "taken from its route tables' local routes")

    # ------------------------------------------------------------------ names

    @staticmethod
    def endpoint_type(item: dict[str, Any]) -> str:
        kind = lower(item.get("VpcEndpointType") or "Gateway")  # GWE-12: the API default is Gateway
        return {"gatewayloadbalancer": "gwlb"}.get(kind, kind)

    def name_all(self) -> None:
        from .names import name_all

        name_all(self)

    def sg_ref(self, group_id: str, user_id: object = None, home_account: str | None = None) -> str | None:
        """How a rule or an ENI names security group ``group_id``: the spec id when it is written,
        ``account/sg-…`` for another account's group (SG-12), else the AWS id."""
        if group_id in self.store["sg"] and self.get("sg", group_id).get("VpcId") in self.vpc_docs:
            return self.names.get("security-group", group_id)
        account = str(user_id) if user_id else None
        if account and home_account and account != home_account:
            return f"{account}/{group_id}"
        return group_id if group_id.startswith("sg-") else None

    def pl_ref(self, pl_id: str) -> str:
        """How a route or rule names prefix list ``pl_id``: its spec id (and the list is then
        written), else the AWS id."""
        if pl_id in self.prefix_lists:
            self.pl_refs.add(pl_id)
            return self.names.get("prefix-list", pl_id) or pl_id
        return pl_id

    def usable_addresses(self, kind: str, owner: str, vpc_id: str, subnet_id: str, addresses: list[str],
                         snap: AwsSnapshot) -> list[str]:
        """The addresses that lie in the subnet (IPv4 or IPv6 CIDR) and are not already held by
        another object of the VPC; the others are listed with the reason (the spec refuses them)."""
        subnet = self.subnet_docs.get(subnet_id) or {}
        nets = [n for n in (net(subnet.get("cidr")), net(subnet.get("ipv6_cidr"))) if n is not None]
        seen = self.addresses[vpc_id]
        out = []
        for text in addresses:
            ip = addr(text)
            if ip is None:
                continue
            if not any(ip.version == n.version and ip in n for n in nets):
                self.skip(f"{kind}-address", f"{owner} {text}", f"not inside its subnet {subnet_id} "
                          f"({', '.join(str(n) for n in nets) or 'no matching CIDR'}): inconsistent input", snap)
                continue
            holder = seen.setdefault(str(ip), owner)
            if holder != owner:
                self.skip(f"{kind}-address", f"{owner} {text}", f"already the address of {holder}", snap)
                continue
            out.append(text)
        return out

    def skip(self, kind: str, id_: str, reason: str, snap: AwsSnapshot | None = None) -> None:
        self.result.skip(kind, id_, reason, snap.source if snap else "")


def group_by(entries: dict[str, Entry], field: str) -> dict[str, list[tuple[str, Entry]]]:
    """Entries grouped by the value of ``field`` (``VpcId`` …), each group sorted by AWS id."""
    out: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
    for aws_id, entry in sorted(entries.items()):
        value = entry[1].get(field)
        if isinstance(value, str):
            out[value].append((aws_id, entry))
    return out


__all__ = ["Context", "Entry", "group_by", "sanitize"]
