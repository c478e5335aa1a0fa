"""Translate ``describe-*`` shaped AWS data into spec dicts (docs/spec-format.md).

Every importer ends here: the live boto3 importer, the saved-JSON importer and the
Terraform importer (which first converts its resources to the same shapes). The output is
one spec dict per VPC (``vpcs/<id>.yaml``) plus ``shared.yaml`` for cross-VPC objects
(peerings, endpoint services, transit gateways), and a skip report listing everything the
input held that the spec does not carry, with the reason.

Rules (aws-networking-rules.md §3, §5, §9):

* ``local`` routes and gateway-endpoint routes are not written: vpcdocs derives them. A
  gateway-endpoint route (``DestinationPrefixListId`` → ``vpce-…`` of a gateway endpoint)
  becomes the endpoint's ``route_tables`` entry, and its ``pl-`` id the ``prefix_list_id``.
* Every other route is kept. Targets are classified by id (not by field name, §9): objects
  of the import are named by their spec id, anything else keeps its AWS id (the loader
  shows unknown AWS ids of modelled kinds — a deleted NAT gateway — as blackhole).
* Routes propagated from a virtual private gateway are recorded as the table's
  ``propagating_vgws``; the propagated rows themselves are dynamic and listed as skipped.
"""

from __future__ import annotations

import ipaddress
import re
from collections import defaultdict

from .model import AwsSnapshot, ImportResult

SHARED_FILE = "shared.yaml"
PLACEHOLDER_PREFIX = "tf:"  # ids of Terraform resources not yet created

# Target fields of a route, in the order they are consulted (InstanceId before the ENI AWS
# also reports for an instance route).
ROUTE_TARGET_FIELDS = (
    "GatewayId",
    "NatGatewayId",
    "TransitGatewayId",
    "VpcPeeringConnectionId",
    "InstanceId",
    "NetworkInterfaceId",
    "EgressOnlyInternetGatewayId",
    "CarrierGatewayId",
    "LocalGatewayId",
    "CoreNetworkArn",
    "OdbNetworkArn",
    "VpcEndpointId",
)

# Describe lists vpcdocs reads. Any other list in the input is reported as not imported.
USED_KEYS = {
    "Vpcs", "Subnets", "RouteTables", "InternetGateways", "NatGateways", "VpcPeeringConnections",
    "VpcEndpoints", "ServiceConfigurations", "PrefixLists", "LoadBalancers", "Listeners", "TargetGroups",
    "TargetHealth", "LoadBalancerAttributes", "TransitGateways", "TransitGatewayAttachments",
    "TransitGatewayVpcAttachments", "TransitGatewayPeeringAttachments", "TransitGatewayRouteTables",
    "TransitGatewayStaticRoutes", "TransitGatewayPropagations", "TransitGatewayAssociations",
    "VpnConnections", "ServicePermissions", "SecurityGroups",
}
# Lists that carry no network topology vpcdocs models: summarised, not itemised.
NOT_MODELLED = {
    "NetworkAcls": "network ACLs are not modelled by vpcdocs",
    "NetworkInterfaces": "network interfaces are not modelled (routes to eni-… keep the AWS id)",
    "Reservations": "instances are not modelled (routes to i-… keep the AWS id)",
    "Addresses": "Elastic IPs are not modelled",
    "VpnGateways": "virtual private gateways are not modelled (routes to vgw-… keep the AWS id)",
    "CustomerGateways": "customer gateways are not modelled",
    "DhcpOptions": "DHCP options are not modelled",
    "AvailabilityZones": "availability zones are read from the subnets",
    "ServiceNames": "the region's endpoint service catalogue is not needed",
    "ServiceDetails": "the region's endpoint service catalogue is not needed",
    "Tags": "tags are read from each resource",
    "LoadBalancerDescriptions": "classic load balancers (elb) are not modelled",
    "ManagedPrefixLists": "customer-managed prefix lists are kept as route destinations only",
}


# Shapes of the describe-* fields vpcdocs reads; :func:`clean` drops values of the wrong type so
# that malformed input gives skip entries and defaults, never a crash.
LIST_OF_STR = {"RouteTableIds", "SubnetIds", "NetworkLoadBalancerArns", "GatewayLoadBalancerArns", "Cidrs",
               "LoadBalancerArns", "SecurityGroups", "ServiceNames", "_allowed_principals"}
LIST_OF_DICT = {"Tags", "Associations", "Routes", "Attachments", "CidrBlockAssociationSet",
                "Ipv6CidrBlockAssociationSet", "PropagatingVgws", "Groups", "IpPermissions", "IpPermissionsEgress",
                "IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs", "CidrBlockSet", "Ipv6CidrBlockSet",
                "TransitGatewayAttachments", "DefaultActions", "TargetHealthDescriptions", "Attributes",
                "AllowedPrincipals", "TransitGatewayRouteTablePropagations", "TargetGroups", "Listeners",
                "AvailabilityZones"}
DICTS = {"CidrBlockState", "Ipv6CidrBlockState", "AssociationState", "Status", "Options", "RequesterVpcInfo",
         "AccepterVpcInfo", "Association", "PeeringOptions", "Target", "ForwardConfig", "RequesterTgwInfo",
         "AccepterTgwInfo", "_peering"}
INTS = {"Port", "FromPort", "ToPort", "AmazonSideAsn"}
BOOLS = {"Main", "AcceptanceRequired", "PrivateDnsEnabled", "DefaultAssociationRouteTable",
         "DefaultPropagationRouteTable", "AllowDnsResolutionFromRemoteVpc", "_inferred", "_synthesized",
         "AdditionalRoutesAvailable", "Value"}


def clean(value, key: str | None = None):
    """A copy of ``value`` with every field of an unexpected type removed (see the tables above)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            k = str(k)
            if k in DICTS:
                if isinstance(v, dict):
                    out[k] = clean(v, k)
            elif k in LIST_OF_STR and k != "SecurityGroups" or (k == "SecurityGroups" and key == "item"):
                if isinstance(v, list):
                    out[k] = [x for x in v if isinstance(x, str)]
            elif k in LIST_OF_DICT:
                if isinstance(v, list):
                    out[k] = [clean(x, k) for x in v if isinstance(x, dict)]
                elif k == "Tags" and isinstance(v, dict):
                    out[k] = {str(a): str(b) for a, b in v.items() if isinstance(b, (str, int, float))}
            elif k in INTS:
                if isinstance(v, int) and not isinstance(v, bool):
                    out[k] = v
                elif isinstance(v, str) and v.isdigit():
                    out[k] = int(v)
            elif k in BOOLS:
                if isinstance(v, bool) or (k == "Value" and isinstance(v, (str, int, float))):
                    out[k] = v
            elif isinstance(v, str) or v is None:
                out[k] = v
            elif isinstance(v, int) and not isinstance(v, bool) and k.endswith("Id"):
                out[k] = str(v)  # an account id written as a number
        return out
    return value


def clean_snapshot(snap: AwsSnapshot) -> AwsSnapshot:
    data = {}
    for key, items in snap.data.items():
        if isinstance(items, list):
            data[key] = [clean(i, "item") for i in items if isinstance(i, dict)]
    return AwsSnapshot(region=snap.region, account=snap.account, data=data, source=snap.source, extra=snap.extra)


def sanitize(text: str) -> str:
    """A readable spec id from a Name tag: lowercase, [a-z0-9-], at most 63 characters."""
    out = re.sub(r"[^a-z0-9]+", "-", str(text).strip().lower()).strip("-")
    return out[:63].rstrip("-")


def tag_dict(item: dict) -> dict[str, str]:
    tags = item.get("Tags") or []
    out = {}
    if isinstance(tags, dict):
        return {str(k): str(v) for k, v in sorted(tags.items())}
    for tag in tags:
        if isinstance(tag, dict) and "Key" in tag:
            out[str(tag["Key"])] = str(tag.get("Value", ""))
    return dict(sorted(out.items()))


def lower(value) -> str:
    return str(value or "").lower()


def is_placeholder(aws_id: str | None) -> bool:
    return bool(aws_id) and str(aws_id).startswith(PLACEHOLDER_PREFIX)


def region_of_az(az: str | None) -> str | None:
    if isinstance(az, str) and re.fullmatch(r"[a-z]{2}(-gov)?-[a-z]+-\d[a-z]", az):
        return az[:-1]
    return None


def region_of_arn(arn: str | None) -> str | None:
    if isinstance(arn, str) and arn.startswith("arn:"):
        parts = arn.split(":")
        if len(parts) > 4 and parts[3]:
            return parts[3]
    return None


def service_short(service_name: str, region: str | None) -> str:
    """``com.amazonaws.us-east-1.s3`` → ``s3`` in its own region; the full name otherwise."""
    m = re.fullmatch(r"com\.amazonaws\.([a-z0-9-]+)\.(.+)", service_name or "")
    if m and (region is None or m.group(1) == region) and not m.group(1).startswith("vpce"):
        return m.group(2)
    return service_name


class Namer:
    """Spec ids from Name tags: sanitised, unique per namespace, independent of input order.

    A name wanted by several resources gets a suffix from each one's AWS id, so adding a
    resource never renames the others' ids unless it takes the same name.
    """

    def __init__(self):
        self.wanted: dict[str, dict[str, str]] = defaultdict(dict)
        self.final: dict[tuple[str, str], str] = {}

    def want(self, ns: str, aws_id: str, item: dict | None = None, fallback: str | None = None) -> None:
        name = ""
        if item is not None:
            name = sanitize(tag_dict(item).get("Name", "")) or sanitize(str(item.get("_vpcdocs_name") or ""))
        name = name or sanitize(fallback or "") or sanitize(aws_id) or "unnamed"
        self.wanted[ns][aws_id] = name

    def resolve(self) -> None:
        for ns, wants in self.wanted.items():
            by_name: dict[str, list[str]] = defaultdict(list)
            for aws_id, name in wants.items():
                by_name[name].append(aws_id)
            taken = {name for name, ids in by_name.items() if len(ids) == 1}
            for name, ids in by_name.items():
                if len(ids) == 1:
                    self.final[(ns, ids[0])] = name
            for name in sorted(n for n, ids in by_name.items() if len(ids) > 1):
                for aws_id in sorted(by_name[name]):
                    tail = sanitize(aws_id).rsplit("-", 1)[-1][-8:]
                    for candidate in (f"{name}-{tail}", f"{name}-{sanitize(aws_id)}", sanitize(aws_id)):
                        if candidate and candidate not in taken and candidate not in by_name:
                            break
                    else:
                        n = 2
                        while f"{name}-{n}" in taken or f"{name}-{n}" in by_name:
                            n += 1
                        candidate = f"{name}-{n}"
                    taken.add(candidate)
                    self.final[(ns, aws_id)] = candidate

    def get(self, ns: str, aws_id: str | None) -> str | None:
        if aws_id is None:
            return None
        return self.final.get((ns, aws_id))


def _common(item: dict, aws_id: str, spec_id: str, description: str | None = None) -> dict:
    """name / description / aws_id; tags are appended last by :func:`_finish`."""
    out: dict = {}
    name = tag_dict(item).get("Name")
    if name and name != spec_id:
        out["name"] = name
    if description:
        out["description"] = description
    if aws_id and not is_placeholder(aws_id):
        out["aws_id"] = aws_id
    return out


def _finish(out: dict, item: dict) -> dict:
    tags = {k: v for k, v in tag_dict(item).items() if k != "Name"}
    if tags:
        out["tags"] = tags
    return out


def _net(text: str | None):
    try:
        return ipaddress.ip_network(str(text), strict=False)
    except ValueError:
        return None


class _Translator:
    def __init__(self, snapshots: list[AwsSnapshot], vpc_filter: set[str] | None):
        self.snaps = [clean_snapshot(s) for s in snapshots]
        self.vpc_filter = vpc_filter or None
        self.result = ImportResult()
        self.names = Namer()
        # AWS id → (snapshot, item) per kind
        self.vpcs: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.inferred_vpcs: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.subnets: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.tables: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.igws: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.nats: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.pcxs: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.endpoints: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.services: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.lbs: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.tgs: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.sgs: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.tgws: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.tgw_atts: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.tgw_rts: dict[str, tuple[AwsSnapshot, dict]] = {}
        self.prefix_lists: dict[str, str] = {}  # name → pl- id
        self.prefix_list_names: dict[str, str] = {}  # pl- id → name
        self.gw_routes: dict[str, set[str]] = defaultdict(set)  # vpce aws id → table aws ids
        self.gw_prefix: dict[str, str] = {}  # vpce aws id → pl- id seen in routes
        self.igw_of_vpc: dict[str, str] = {}
        self.subnet_docs: dict[str, dict] = {}
        self.vpc_docs: dict[str, dict] = {}
        self.synth_igws: dict[str, str] = {}
        self.route_target_aws: dict[str, str] = {}  # spec id used as a route target → AWS id
        self._regions: dict[int, str | None] = {}
        self._gw_ids: set[str] | None = None
        self.peer_stubs: dict[str, dict] = {}

    # ------------------------------------------------------------------ collect

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
        found = found or snap.extra.get("default_region")
        self._regions[id(snap)] = found
        return found

    def keep_vpc(self, vpc_id: str | None) -> bool:
        return self.vpc_filter is None or vpc_id in self.vpc_filter

    def collect(self) -> None:
        for snap in self.snaps:
            for key in sorted(snap.data):
                if key in USED_KEYS:
                    continue
                items = snap.data.get(key) or []
                if not items:
                    continue
                reason = NOT_MODELLED.get(key, "not a kind of object vpcdocs imports")
                self.result.skip("data", key, f"{len(items)} item(s) not imported: {reason}", snap.source)
            for pl in snap.items("PrefixLists"):
                if pl.get("PrefixListName") and pl.get("PrefixListId"):
                    self.prefix_lists[pl["PrefixListName"]] = pl["PrefixListId"]
                    self.prefix_list_names[pl["PrefixListId"]] = pl["PrefixListName"]
            for key, store, id_key in (
                ("Vpcs", self.vpcs, "VpcId"),
                ("Subnets", self.subnets, "SubnetId"),
                ("RouteTables", self.tables, "RouteTableId"),
                ("InternetGateways", self.igws, "InternetGatewayId"),
                ("NatGateways", self.nats, "NatGatewayId"),
                ("VpcPeeringConnections", self.pcxs, "VpcPeeringConnectionId"),
                ("VpcEndpoints", self.endpoints, "VpcEndpointId"),
                ("ServiceConfigurations", self.services, "ServiceId"),
                ("LoadBalancers", self.lbs, "LoadBalancerArn"),
                ("TargetGroups", self.tgs, "TargetGroupArn"),
                ("SecurityGroups", self.sgs, "GroupId"),
                ("TransitGateways", self.tgws, "TransitGatewayId"),
                ("TransitGatewayRouteTables", self.tgw_rts, "TransitGatewayRouteTableId"),
            ):
                for item in snap.items(key):
                    aws_id = item.get(id_key)
                    if not aws_id:
                        self.result.skip(key, "?", f"an entry without {id_key}", snap.source)
                        continue
                    if aws_id in store and store[aws_id][1] != item and key != "VpcPeeringConnections":
                        self.result.note(f"{aws_id} appears twice in the input; the first one is used")
                        continue
                    if key == "VpcPeeringConnections" and aws_id in store:
                        continue  # both sides' accounts list the same peering
                    store[aws_id] = (snap, item)
            # TGW attachments: the generic list plus the VPC-specific one (subnets)
            for att in snap.items("TransitGatewayAttachments"):
                aid = att.get("TransitGatewayAttachmentId")
                if not aid:
                    continue
                seen = self.tgw_atts.get(aid)
                if seen and seen[1].get("TransitGatewayId") not in (None, att.get("TransitGatewayId")):
                    # a TGW peering attachment listed by both of its transit gateways (two regions or
                    # accounts in one import): one attachment per side, same AWS id
                    self.tgw_atts[f"{aid}@{att.get('TransitGatewayId')}"] = (snap, dict(att))
                else:
                    self.tgw_atts.setdefault(aid, (snap, dict(att)))
            for att in snap.items("TransitGatewayVpcAttachments"):
                att_id = att.get("TransitGatewayAttachmentId")
                if not att_id:
                    continue
                if att_id in self.tgw_atts:
                    merged = self.tgw_atts[att_id][1]
                    merged.setdefault("SubnetIds", att.get("SubnetIds"))
                    merged.setdefault("Options", att.get("Options"))
                else:
                    self.tgw_atts[att_id] = (snap, {
                        **att, "ResourceType": "vpc", "ResourceId": att.get("VpcId"),
                        "ResourceOwnerId": att.get("VpcOwnerId")})
            for att in snap.items("TransitGatewayPeeringAttachments"):
                att_id = att.get("TransitGatewayAttachmentId")
                if not att_id:
                    continue
                entry = self.tgw_atts.setdefault(att_id, (snap, {**att, "ResourceType": "peering"}))[1]
                entry["_peering"] = att
        self.infer_vpcs()

    def infer_vpcs(self) -> None:
        """VPCs the input names (subnets, route tables) without describe-vpcs data: their CIDRs
        come from the tables' local routes (placebo recordings often lack describe-vpcs)."""
        referenced: dict[str, AwsSnapshot] = {}
        for store in (self.subnets, self.tables):
            for snap, item in store.values():
                vpc_id = item.get("VpcId")
                if vpc_id and vpc_id not in self.vpcs:
                    referenced.setdefault(vpc_id, snap)
        for vpc_id, snap in sorted(referenced.items()):
            if not self.keep_vpc(vpc_id):
                continue
            cidrs4, cidrs6 = [], []
            owner = None
            for _, rt in sorted((v for v in self.tables.values() if v[1].get("VpcId") == vpc_id),
                                key=lambda v: v[1].get("RouteTableId", "")):
                owner = owner or rt.get("OwnerId")
                for r in rt.get("Routes") or []:
                    if r.get("GatewayId") == "local":
                        if r.get("DestinationCidrBlock") and r["DestinationCidrBlock"] not in cidrs4:
                            cidrs4.append(r["DestinationCidrBlock"])
                        if r.get("DestinationIpv6CidrBlock") and r["DestinationIpv6CidrBlock"] not in cidrs6:
                            cidrs6.append(r["DestinationIpv6CidrBlock"])
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
            self.inferred_vpcs[vpc_id] = (snap, item)
            self.result.note(f"{vpc_id}: not in describe-vpcs output; CIDRs {', '.join(cidrs4 + cidrs6)} "
                             "taken from its route tables' local routes")
        self.vpcs.update(self.inferred_vpcs)

    # ------------------------------------------------------------------ names

    def gw_endpoint_ids(self) -> set[str]:
        if self._gw_ids is None:
            self._gw_ids = {eid for eid, (_, e) in self.endpoints.items() if self.endpoint_type(e) == "gateway"}
        return self._gw_ids

    @staticmethod
    def endpoint_type(item: dict) -> str:
        kind = lower(item.get("VpcEndpointType") or "Gateway")  # GWE-12: the API default is Gateway
        return {"gatewayloadbalancer": "gwlb"}.get(kind, kind)

    def name_all(self) -> None:
        n = self.names
        for vpc_id, (_, item) in self.vpcs.items():
            n.want("vpc", vpc_id, item)
        for sid, (_, item) in self.subnets.items():
            n.want("subnet", sid, item)
        for rid, (_, item) in self.tables.items():
            fallback = None
            if any(a.get("Main") for a in item.get("Associations") or []) and not tag_dict(item).get("Name"):
                vpc_name = n.wanted["vpc"].get(item.get("VpcId", ""), item.get("VpcId", ""))
                fallback = f"{vpc_name}-main"
            n.want("route-table", rid, item, fallback)
            if n.wanted["route-table"][rid] == n.wanted["vpc"].get(item.get("VpcId", "")):
                n.wanted["route-table"][rid] += "-rt"
        for store, suffix in ((self.igws, "igw"), (self.nats, "nat"), (self.pcxs, "pcx"),
                              (self.endpoints, "vpce"), (self.tgws, "tgw")):
            for aws_id, (_, item) in store.items():
                fallback = None
                if store is self.endpoints and not tag_dict(item).get("Name"):
                    vpc_name = n.wanted["vpc"].get(item.get("VpcId", ""))
                    svc = str(item.get("ServiceName") or "").rsplit(".", 1)[-1]
                    if vpc_name and svc:
                        fallback = f"{vpc_name}-{svc}"
                if store is self.igws and not tag_dict(item).get("Name"):
                    vpc = next((a.get("VpcId") for a in item.get("Attachments") or []), None)
                    if vpc in n.wanted["vpc"]:
                        fallback = f"{n.wanted['vpc'][vpc]}-igw"
                n.want("target", aws_id, item, fallback)
                if n.wanted["target"][aws_id] in n.wanted["vpc"].values():
                    n.wanted["target"][aws_id] += f"-{suffix}"
        for sid, (_, item) in self.services.items():
            n.want("endpoint-service", sid, item, item.get("ServiceId"))
        for arn, (_, item) in self.lbs.items():
            n.want("load-balancer", arn, item, item.get("LoadBalancerName"))
        for arn, (_, item) in self.tgs.items():
            n.want("target-group", arn, item, item.get("TargetGroupName"))
        for gid, (_, item) in self.sgs.items():
            group_name = str(item.get("GroupName") or "")
            if group_name == "default":  # one per VPC: name it after the VPC
                group_name = f"{n.wanted['vpc'].get(item.get('VpcId', ''), item.get('VpcId', ''))}-default"
            n.want("security-group", gid, {"Tags": item.get("Tags") or []}, group_name)
        for aid, (_, item) in self.tgw_atts.items():
            n.want("tgw-attachment", aid, item)
        for rid, (_, item) in self.tgw_rts.items():
            n.want("tgw-route-table", rid, item)
        n.resolve()

    def target_id(self, aws_id: str) -> str | None:
        """Spec id of a route-target object of the import."""
        return self.names.get("target", aws_id)

    # ------------------------------------------------------------------ build

    def build(self) -> ImportResult:
        self.collect()
        self.name_all()
        files: dict[str, dict] = {}
        vpc_docs: dict[str, dict] = {}
        for vpc_id in sorted(self.vpcs, key=lambda v: self.names.get("vpc", v) or v):
            if not self.keep_vpc(vpc_id):
                continue
            snap, item = self.vpcs[vpc_id]
            doc = self.build_vpc(vpc_id, snap, item)
            if doc is not None:
                vpc_docs[vpc_id] = doc
        self.vpc_docs = vpc_docs
        # after all route tables were read: gateway endpoint associations
        for vpc_id, doc in vpc_docs.items():
            self.build_endpoints(vpc_id, doc)
            self.build_load_balancers(vpc_id, doc)
            self.build_security_groups(vpc_id, doc)
        for vpc_id, doc in vpc_docs.items():
            snap = self.vpcs[vpc_id][0]
            spec_id = self.names.get("vpc", vpc_id)
            top: dict = {}
            region = self.region(snap)
            if region:
                top["region"] = region
            account = self.vpcs[vpc_id][1].get("OwnerId") or snap.account
            if account and re.fullmatch(r"\d{12}", str(account)):
                top["account"] = str(account)
            top["vpcs"] = {spec_id: doc}
            files[f"vpcs/{spec_id}.yaml"] = top
        shared: dict = {}
        peerings = self.build_peerings()
        if peerings:
            shared["peerings"] = peerings
        services = self.build_services()
        if services:
            shared["endpoint_services"] = services
        tgws = self.build_tgws()
        if tgws:
            shared["transit_gateways"] = tgws
        if shared:
            files[SHARED_FILE] = shared
        self.fix_route_targets(files)
        self.report_orphans()
        self.result.files = files
        self.result.counts = self.count(files)
        return self.result

    def report_orphans(self) -> None:
        """Objects of VPCs that are not in the import: listed, never dropped silently."""
        stores = (("subnet", self.subnets), ("route-table", self.tables), ("nat-gateway", self.nats),
                  ("endpoint", self.endpoints), ("load-balancer", self.lbs), ("target-group", self.tgs),
                  ("security-group", self.sgs))
        for kind, store in stores:
            for aws_id, (snap, item) in sorted(store.items()):
                vpc_id = item.get("VpcId")
                if vpc_id is None and kind == "nat-gateway":
                    vpc_id = self.subnets.get(item.get("SubnetId"), (None, {}))[1].get("VpcId")
                if vpc_id in self.vpc_docs or not self.keep_vpc(vpc_id):
                    continue
                self.result.skip(kind, aws_id, f"its VPC {vpc_id} is not in the import", snap.source)
        for aws_id, (snap, item) in sorted(self.igws.items()):
            vpcs = [a.get("VpcId") for a in item.get("Attachments") or [] if a.get("VpcId")]
            if not vpcs:
                self.result.skip("internet-gateway", aws_id, "not attached to a VPC", snap.source)
            elif not any(v in self.vpc_docs for v in vpcs) and any(self.keep_vpc(v) for v in vpcs):
                self.result.skip("internet-gateway", aws_id, f"its VPC {vpcs[0]} is not in the import", snap.source)
        for snap in self.snaps:
            for vpn in snap.items("VpnConnections"):
                if not vpn.get("TransitGatewayId"):
                    self.result.skip("vpn-connection", vpn.get("VpnConnectionId", "?"),
                                     f"VPN to virtual private gateway {vpn.get('VpnGatewayId')} is not modelled "
                                     "(routes to the vgw keep its AWS id)", snap.source)
        if any(not self.region(self.vpcs[v][0]) for v in self.vpc_docs):
            self.result.note("some VPCs have no known region (no ARNs or availability zones in the input): "
                             "pass --region")

    def fix_route_targets(self, files: dict[str, dict]) -> None:
        """Routes naming an object that was not written after all (skipped) fall back to its AWS id,
        which the loader treats like any AWS id of something not in the spec."""
        emitted: set[str] = set()
        for doc in files.values():
            for vpc in (doc.get("vpcs") or {}).values():
                igw = vpc.get("internet_gateway")
                if igw:
                    emitted.add(igw["id"] if isinstance(igw, dict) else igw)
                emitted.update(vpc.get("nat_gateways") or {})
                emitted.update(k for k, e in (vpc.get("endpoints") or {}).items() if e.get("type") == "gateway")
            emitted.update(doc.get("peerings") or {})
            emitted.update(doc.get("transit_gateways") or {})
        for doc in files.values():
            for vpc in (doc.get("vpcs") or {}).values():
                for table in (vpc.get("route_tables") or {}).values():
                    for route in table.get("routes") or []:
                        t = route["target"]
                        if t in self.route_target_aws and t not in emitted:
                            route["target"] = self.route_target_aws[t]
                            item = self.endpoints.get(route["target"], (None, {}))[1]
                            if item and self.endpoint_type(item) == "gwlb":
                                route.setdefault("description", "Gateway Load Balancer endpoint (not modelled)")
                                self.result.note(f"route {route['destination']} -> {route['target']}: GWLB "
                                                 "endpoints are not modelled; vpcdocs shows the route as blackhole")

    @staticmethod
    def count(files: dict[str, dict]) -> dict[str, int]:
        c: dict[str, int] = defaultdict(int)
        for doc in files.values():
            for vpc in (doc.get("vpcs") or {}).values():
                c["vpcs"] += 1
                c["subnets"] += len(vpc.get("subnets") or {})
                c["route_tables"] += len(vpc.get("route_tables") or {})
                c["routes"] += sum(len(t.get("routes") or []) for t in (vpc.get("route_tables") or {}).values())
                c["nat_gateways"] += len(vpc.get("nat_gateways") or {})
                c["internet_gateways"] += 1 if vpc.get("internet_gateway") else 0
                c["endpoints"] += len(vpc.get("endpoints") or {})
                c["load_balancers"] += len(vpc.get("load_balancers") or {})
                c["security_groups"] += len(vpc.get("security_groups") or {})
            c["peerings"] += len(doc.get("peerings") or {})
            c["endpoint_services"] += len(doc.get("endpoint_services") or {})
            for tgw in (doc.get("transit_gateways") or {}).values():
                c["transit_gateways"] += 1
                c["tgw_attachments"] += len(tgw.get("attachments") or {})
                c["tgw_route_tables"] += len(tgw.get("route_tables") or {})
        return dict(sorted(c.items()))

    def build_vpc(self, vpc_id: str, snap: AwsSnapshot, item: dict) -> dict | None:
        spec_id = self.names.get("vpc", vpc_id)
        cidr = item.get("CidrBlock")
        if not cidr or _net(cidr) is None:
            self.result.skip("vpc", vpc_id, "no usable primary IPv4 CIDR (unknown until apply?)", snap.source)
            return None
        out = _common(item, vpc_id, spec_id)
        out["cidr"] = cidr
        secondary = []
        for assoc in item.get("CidrBlockAssociationSet") or []:
            state = lower((assoc.get("CidrBlockState") or {}).get("State") or "associated")
            c = assoc.get("CidrBlock")
            if not c or c == cidr:
                continue
            if _net(c) is None or _net(c).version != 4:
                self.result.skip("vpc-cidr", f"{vpc_id} {c}", "not an IPv4 CIDR", snap.source)
            elif state in ("associated", "associating"):
                secondary.append(c)
            else:
                self.result.skip("vpc-cidr", f"{vpc_id} {c}", f"CIDR association is {state}", snap.source)
        if secondary:
            out["secondary_cidrs"] = sorted(set(secondary), key=lambda c: (_net(c).version, _net(c)))
        v6 = [a.get("Ipv6CidrBlock") for a in item.get("Ipv6CidrBlockAssociationSet") or []
              if a.get("Ipv6CidrBlock") and lower((a.get("Ipv6CidrBlockState") or {}).get("State")
                                                   or "associated") in ("associated", "associating")]
        if v6:
            out["ipv6_cidr"] = v6[0]
            for extra in v6[1:]:
                self.result.skip("vpc-cidr", f"{vpc_id} {extra}", "the spec holds one IPv6 CIDR per VPC",
                                 snap.source)
        attrs = (snap.extra.get("VpcAttributes") or {}).get(vpc_id) or {}
        for key, field in (("EnableDnsSupport", "dns_support"), ("EnableDnsHostnames", "dns_hostnames")):
            if key in attrs and attrs[key] is not None:
                out[field] = bool(attrs[key])
        # internet gateway
        igws = sorted(i for i, (_, g) in self.igws.items()
                      if any(a.get("VpcId") == vpc_id for a in g.get("Attachments") or []))
        if igws:
            igw_id = igws[0]
            g = self.igws[igw_id][1]
            self.igw_of_vpc[vpc_id] = igw_id
            gw = {"id": self.target_id(igw_id), **_common(g, igw_id, self.target_id(igw_id))}
            out["internet_gateway"] = _finish(gw, g)
            for extra in igws[1:]:
                self.result.skip("internet-gateway", extra, f"a second internet gateway on {vpc_id}", snap.source)
        # subnets
        subnets = {}
        for sid, (ssnap, s) in sorted(self.subnets.items()):
            if s.get("VpcId") != vpc_id:
                continue
            sub_id = self.names.get("subnet", sid)
            sub = _common(s, sid, sub_id)
            if not s.get("CidrBlock") or _net(s.get("CidrBlock")) is None:
                self.result.skip("subnet", sid, "no IPv4 CIDR (IPv6-only subnets are not modelled)", ssnap.source)
                continue
            if not s.get("AvailabilityZone") or is_placeholder(s.get("AvailabilityZone")):
                self.result.skip("subnet", sid, "availability zone unknown (chosen by AWS when the subnet is "
                                 "created); the spec needs it", ssnap.source)
                continue
            sub["cidr"] = s["CidrBlock"]
            sub["az"] = s["AvailabilityZone"]
            if s.get("AvailabilityZoneId"):
                sub["az_id"] = s["AvailabilityZoneId"]
            v6s = [a.get("Ipv6CidrBlock") for a in s.get("Ipv6CidrBlockAssociationSet") or []
                   if a.get("Ipv6CidrBlock")]
            if v6s:
                sub["ipv6_cidr"] = v6s[0]
            subnets[sid] = sub
        self.subnet_docs.update(subnets)
        # route tables
        tables = {}
        for rid, (rsnap, t) in sorted(self.tables.items()):
            if t.get("VpcId") != vpc_id:
                continue
            tables[self.names.get("route-table", rid)] = self.build_table(rid, rsnap, t, vpc_id, item, subnets)
        if subnets:
            out["subnets"] = {self.names.get("subnet", sid): _finish(doc, self.subnets[sid][1])
                              for sid, doc in sorted(subnets.items(), key=lambda kv: self.names.get("subnet", kv[0]))}
        if tables:
            out["route_tables"] = dict(sorted(tables.items()))
        nats = {}
        for nid, (nsnap, g) in sorted(self.nats.items()):
            if g.get("VpcId") != vpc_id and self.subnets.get(g.get("SubnetId"), (None, {}))[1].get("VpcId") != vpc_id:
                continue
            if g.get("SubnetId") not in subnets:
                self.result.skip("nat-gateway", nid, f"its subnet {g.get('SubnetId')} is not in the import",
                                 nsnap.source)
                continue
            nat_id = self.target_id(nid)
            nat = _common(g, nid, nat_id)
            nat["subnet"] = self.names.get("subnet", g["SubnetId"])
            if lower(g.get("ConnectivityType")) == "private":
                nat["connectivity"] = "private"
            state = lower(g.get("State") or "available")
            if state != "available":
                nat["state"] = state
            nats[nat_id] = _finish(nat, g)
        if nats:
            out["nat_gateways"] = dict(sorted(nats.items()))
        return out

    def build_table(self, rid, snap, t, vpc_id, vpc_item, subnets) -> dict:
        rt_id = self.names.get("route-table", rid)
        out = _common(t, rid, rt_id)
        for assoc in t.get("Associations") or []:
            state = lower((assoc.get("AssociationState") or {}).get("State") or "associated")
            if state not in ("associated", "associating"):
                continue
            if assoc.get("Main"):
                out["main"] = True
            elif assoc.get("SubnetId"):
                if assoc["SubnetId"] in subnets:
                    subnets[assoc["SubnetId"]]["route_table"] = rt_id
                else:
                    self.result.skip("route-table-association", f"{rid} {assoc['SubnetId']}",
                                     "the subnet is not in the import", snap.source)
            elif assoc.get("GatewayId"):
                self.result.skip("route-table-association", f"{rid} {assoc['GatewayId']}",
                                 "edge association (gateway route table, RT-4) is not modelled", snap.source)
        routes = []
        vgws = sorted({v.get("GatewayId") for v in t.get("PropagatingVgws") or [] if v.get("GatewayId")})
        for vgw in [v for v in vgws if is_placeholder(v)]:
            self.result.skip("route-propagation", f"{rid} {vgw}", "virtual private gateway id not known until "
                             "apply", snap.source)
        vgws = [v for v in vgws if not is_placeholder(v)]
        for r in t.get("Routes") or []:
            route = self.build_route(rid, snap, r, vpc_id)
            if route is not None:
                routes.append(route)
        if vgws:
            out["propagating_vgws"] = vgws
        if routes:
            out["routes"] = routes
        return _finish(out, t)

    def build_route(self, rid: str, snap: AwsSnapshot, r: dict, vpc_id: str) -> dict | None:
        dest = r.get("DestinationCidrBlock") or r.get("DestinationIpv6CidrBlock") or r.get("DestinationPrefixListId")
        targets = [(f, r[f]) for f in ROUTE_TARGET_FIELDS if r.get(f)]
        target = targets[0][1] if targets else None
        label = f"{rid} {dest} -> {target}"
        if not dest:
            self.result.skip("route", label, "no destination", snap.source)
            return None
        if target == "local":
            return None  # derived by vpcdocs (CIDR-4, RT-LOCAL-1)
        origin = r.get("Origin") or "CreateRoute"
        if origin == "EnableVgwRoutePropagation":
            self.result.skip("route", label, "propagated from a virtual private gateway (dynamic; the table "
                             "records it in propagating_vgws)", snap.source)
            return None
        if origin == "Advertisement":
            self.result.skip("route", label, "advertised by a route server (dynamic)", snap.source)
            return None
        if target is None:
            self.result.skip("route", label, "no target field", snap.source)
            return None
        if r.get("DestinationPrefixListId") and (target in self.gw_endpoint_ids()
                                                 or (target.startswith("vpce-") and target not in self.endpoints)):
            if target in self.endpoints:
                self.gw_routes[target].add(rid)
                self.gw_prefix.setdefault(target, r["DestinationPrefixListId"])
                return None  # derived by vpcdocs from the endpoint's route_tables (GWE-2)
            if self.synthesize_gateway_endpoint(target, r["DestinationPrefixListId"], vpc_id, snap):
                self.gw_routes[target].add(rid)
                return None
            self.result.skip("route", label, "gateway endpoint route, but the endpoint is not in the input and "
                             "the prefix list's service is unknown (add describe-vpc-endpoints output)", snap.source)
            return None
        spec_target = self.target_id(target)
        if spec_target is not None:
            self.route_target_aws[spec_target] = target
        else:
            if is_placeholder(target):
                self.result.skip("route", label, "target is not known until Terraform applies", snap.source)
                return None
            if target.startswith("igw-") and not snap.has("InternetGateways") and vpc_id not in self.igw_of_vpc:
                spec_target = target  # the IGW is written on the VPC by synthesize_igw
                self.synthesize_igw(target, vpc_id, snap)
            else:
                spec_target = target  # not modelled (eni-, i-, vgw-) or gone (blackhole, RT-BH-1)
        route = {"destination": dest, "target": spec_target}
        state = lower(r.get("State") or "active")
        if state == "blackhole":  # say so: vpcdocs derives blackholes only for objects it models
            route["description"] = "AWS reports this route as blackhole"
            if not re.match(r"^(igw|nat|pcx|tgw|vpce)-", target):
                self.result.note(f"{label}: AWS reports blackhole; vpcdocs assumes {target} exists")
        return route

    def synthesize_igw(self, igw: str, vpc_id: str, snap: AwsSnapshot) -> None:
        self.igw_of_vpc[vpc_id] = igw
        self.synth_igws[vpc_id] = igw
        self.result.note(f"{igw}: no describe-internet-gateways data; attached to {vpc_id} because its "
                         "route tables route to it")

    def synthesize_gateway_endpoint(self, vpce: str, pl: str, vpc_id: str, snap: AwsSnapshot) -> bool:
        name = self.prefix_list_names.get(pl)
        if not name or snap.has("VpcEndpoints"):
            return False
        item = {"VpcEndpointId": vpce, "VpcEndpointType": "Gateway", "VpcId": vpc_id, "ServiceName": name,
                "RouteTableIds": [], "_synthesized": True}
        self.endpoints[vpce] = (snap, item)
        self._gw_ids = None
        self.names.wanted["target"][vpce] = sanitize(vpce)
        self.names.final[("target", vpce)] = sanitize(vpce)
        self.result.note(f"{vpce}: no describe-vpc-endpoints data; gateway endpoint for {name} inferred from "
                         "its prefix-list routes")
        return True

    def build_endpoints(self, vpc_id: str, doc: dict) -> None:
        if vpc_id in self.synth_igws and "internet_gateway" not in doc:
            igw = self.synth_igws[vpc_id]
            doc["internet_gateway"] = {"id": igw, "aws_id": igw}
            # keep the key order readable: move it before subnets
            for key in ("subnets", "route_tables", "nat_gateways"):
                if key in doc:
                    doc[key] = doc.pop(key)
        endpoints = {}
        svc_by_name = {s.get("ServiceName"): sid for sid, (_, s) in self.services.items() if s.get("ServiceName")}
        snap_v = self.vpcs[vpc_id][0]
        region = self.region(snap_v)
        for eid, (snap, e) in sorted(self.endpoints.items()):
            if e.get("VpcId") != vpc_id:
                continue
            kind = self.endpoint_type(e)
            spec_id = self.target_id(eid)
            out = _common(e, eid, spec_id)
            service_name = e.get("ServiceName") or ""
            if kind == "gateway":
                out["type"] = "gateway"
                out["service"] = service_short(service_name, region)
                tables = set(self.gw_routes.get(eid, ()))
                for rt in e.get("RouteTableIds") or []:
                    if rt in self.tables:
                        tables.add(rt)
                    else:
                        self.result.skip("endpoint-route-table", f"{eid} {rt}", "route table not in the import",
                                         snap.source)
                names = sorted(self.names.get("route-table", rt) for rt in tables
                               if self.tables.get(rt, (None, {}))[1].get("VpcId") == vpc_id)
                if names:
                    out["route_tables"] = names
                pl = self.gw_prefix.get(eid) or self.prefix_lists.get(service_name) or e.get("_prefix_list_id")
                if pl and not is_placeholder(pl):
                    out["prefix_list_id"] = pl
            elif kind == "interface":
                out["type"] = "interface"
                if service_name in svc_by_name and self.service_emitted(svc_by_name[service_name]):
                    out["endpoint_service"] = self.names.get("endpoint-service", svc_by_name[service_name])
                elif service_name:
                    out["service"] = service_short(service_name, region)
                else:
                    self.result.skip("endpoint", eid, "interface endpoint without a service name", snap.source)
                    continue
                subs = [s for s in e.get("SubnetIds") or [] if s in self.subnet_docs]
                for s in e.get("SubnetIds") or []:
                    if s not in self.subnet_docs:
                        self.result.skip("endpoint-subnet", f"{eid} {s}", "subnet not in the import", snap.source)
                if subs:
                    out["subnets"] = sorted(self.names.get("subnet", s) for s in subs)
                groups = [g.get("GroupId") for g in e.get("Groups") or [] if g.get("GroupId")]
                if groups:
                    out["security_groups"] = self.sg_refs(groups)
                if e.get("PrivateDnsEnabled"):
                    out["private_dns"] = True
            else:
                self.result.skip("endpoint", eid, f"{e.get('VpcEndpointType')} endpoints are not modelled",
                                 snap.source)
                continue
            state = lower(e.get("State") or "available")
            if state != "available":
                out["state"] = state
            endpoints[spec_id] = _finish(out, e)
        if endpoints:
            doc["endpoints"] = dict(sorted(endpoints.items()))

    def sg_refs(self, groups: list[str]) -> list[str]:
        """Spec ids of imported security groups; the AWS id of others (the loader accepts sg- ids)."""
        out = []
        for g in groups:
            name = self.names.get("security-group", g) if g in self.sgs else None
            if name is None and not re.fullmatch(r"sg-[0-9a-f]{8,17}", g):
                continue
            out.append(name or g)
        return sorted(dict.fromkeys(out))

    def build_security_groups(self, vpc_id: str, doc: dict) -> None:
        groups = {}
        for gid, (snap, g) in sorted(self.sgs.items()):
            if g.get("VpcId") != vpc_id:
                continue
            spec_id = self.names.get("security-group", gid)
            out = _common(g, gid, spec_id, g.get("Description") or None)
            for key, field_ in (("IpPermissions", "ingress"), ("IpPermissionsEgress", "egress")):
                rules = []
                for perm in g.get(key) or []:
                    rules.extend(self.sg_rules(gid, field_, perm, snap))
                if rules:
                    out[field_] = rules
            groups[spec_id] = _finish(out, g)
        if groups:
            doc["security_groups"] = dict(sorted(groups.items()))

    PROTOCOLS = {"-1": "-1", "all": "-1", "tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp", "icmp": "icmp",
                 "1": "icmp", "icmpv6": "icmpv6", "58": "icmpv6"}

    def sg_rules(self, gid: str, direction: str, perm: dict, snap: AwsSnapshot) -> list[dict]:
        proto = self.PROTOCOLS.get(lower(perm.get("IpProtocol")))
        if proto is None:
            self.result.skip("security-group-rule", f"{gid} {direction} protocol {perm.get('IpProtocol')}",
                             "only tcp, udp, icmp, icmpv6 and all (-1) are modelled", snap.source)
            return []
        base: dict = {"protocol": proto}
        lo, hi = perm.get("FromPort"), perm.get("ToPort")
        if proto in ("tcp", "udp") and lo is not None and lo >= 0:
            hi = lo if hi is None or hi < 0 else hi
            if lo == hi:
                base["port"] = int(lo)
            elif not (lo == 0 and hi == 65535):
                base["ports"] = f"{int(lo)}-{int(hi)}"
        sources = []
        for r in perm.get("IpRanges") or []:
            sources.append((r.get("CidrIp"), r.get("Description")))
        for r in perm.get("Ipv6Ranges") or []:
            sources.append((r.get("CidrIpv6"), r.get("Description")))
        for r in perm.get("PrefixListIds") or []:
            sources.append((r.get("PrefixListId"), r.get("Description")))
        for r in perm.get("UserIdGroupPairs") or []:
            ref = r.get("GroupId")
            if ref in self.sgs and self.sgs[ref][1].get("VpcId") in self.vpc_docs:
                ref = self.names.get("security-group", ref)
            sources.append((ref, r.get("Description")))
        out = []
        for source, description in sources:
            if not source or is_placeholder(source):
                self.result.skip("security-group-rule", f"{gid} {direction}", "source not known", snap.source)
                continue
            rule = {**base, "source": source}
            if description:
                rule["description"] = description
            if rule not in out:
                out.append(rule)
        return out

    def service_emitted(self, sid: str) -> bool:
        s = self.services[sid][1]
        arns = (s.get("NetworkLoadBalancerArns") or []) + (s.get("GatewayLoadBalancerArns") or [])
        return any(arn in self.lbs and self.lbs[arn][1].get("VpcId") in self.vpc_docs for arn in arns)

    def build_load_balancers(self, vpc_id: str, doc: dict) -> None:
        lbs = {}
        listeners_by_lb: dict[str, list[dict]] = defaultdict(list)
        for snap in self.snaps:
            for listener in snap.items("Listeners"):
                listeners_by_lb[listener.get("LoadBalancerArn")].append(listener)
        attrs_by_lb: dict[str, dict] = {}
        for snap in self.snaps:
            for entry in snap.items("LoadBalancerAttributes"):
                arn = entry.get("LoadBalancerArn")
                attrs_by_lb[arn] = {a.get("Key"): a.get("Value") for a in entry.get("Attributes") or []}
        health: dict[str, list[dict]] = defaultdict(list)
        for snap in self.snaps:
            for entry in snap.items("TargetHealth"):
                health[entry.get("TargetGroupArn")].extend(entry.get("TargetHealthDescriptions") or [])
        used_tgs: set[str] = set()
        for arn, (snap, lb) in sorted(self.lbs.items()):
            if lb.get("VpcId") != vpc_id:
                continue
            spec_id = self.names.get("load-balancer", arn)
            kind = lower(lb.get("Type") or "application")
            if kind not in ("application", "network", "gateway"):
                self.result.skip("load-balancer", arn, f"type {kind} is not modelled", snap.source)
                continue
            out = _common(lb, arn, spec_id)
            out["type"] = kind
            out["scheme"] = "internet-facing" if lower(lb.get("Scheme")) == "internet-facing" else "internal"
            subs = []
            for az in lb.get("AvailabilityZones") or []:
                sid = az.get("SubnetId")
                if sid in self.subnet_docs:
                    subs.append(self.names.get("subnet", sid))
                elif sid:
                    self.result.skip("load-balancer-subnet", f"{arn} {sid}", "subnet not in the import", snap.source)
            if not subs:
                self.result.skip("load-balancer", arn, "none of its subnets is in the import", snap.source)
                continue
            out["subnets"] = sorted(subs)
            tgs = {}
            for tg_arn, (tsnap, tg) in sorted(self.tgs.items()):
                if arn not in (tg.get("LoadBalancerArns") or []):
                    continue
                if tg_arn in used_tgs:
                    self.result.skip("target-group", f"{tg_arn} on {arn}", "a target group shared by two load "
                                     "balancers is listed under the first only", tsnap.source)
                    continue
                used_tgs.add(tg_arn)
                tg_out: dict = {}
                ttype = lower(tg.get("TargetType") or "instance")
                tg_out["target_type"] = ttype if ttype in ("instance", "ip", "alb", "lambda") else "instance"
                if tg.get("Protocol"):
                    tg_out["protocol"] = str(tg["Protocol"]).upper()
                if tg.get("Port"):
                    tg_out["port"] = int(tg["Port"])
                if ttype == "alb":
                    targets = []
                    for desc in sorted(health.get(tg_arn, []), key=lambda d: str((d.get("Target") or {}).get("Id"))):
                        tid = (desc.get("Target") or {}).get("Id")
                        if tid in self.lbs:
                            targets.append(self.names.get("load-balancer", tid))
                        elif tid:
                            self.result.skip("target", f"{tg_arn} {tid}", "the target ALB is not in the import",
                                             tsnap.source)
                    if targets:
                        tg_out["targets"] = sorted(set(targets))
                tgs[self.names.get("target-group", tg_arn)] = tg_out
            listeners = []
            for listener in sorted(listeners_by_lb.get(arn, []), key=lambda x: (x.get("Port") or 0,
                                                                               str(x.get("Protocol")))):
                entry: dict = {}
                if listener.get("Port") is None or not listener.get("Protocol"):
                    self.result.skip("listener", listener.get("ListenerArn") or arn, "no port or protocol",
                                     snap.source)
                    continue
                entry["port"] = int(listener["Port"])
                entry["protocol"] = str(listener["Protocol"]).upper()
                tg_arn = None
                for action in listener.get("DefaultActions") or []:
                    if lower(action.get("Type")) == "forward":
                        tg_arn = action.get("TargetGroupArn") or next(
                            (t.get("TargetGroupArn") for t in (action.get("ForwardConfig") or {}).get(
                                "TargetGroups") or []), None)
                        break
                if tg_arn:
                    tg_name = self.names.get("target-group", tg_arn)
                    if tg_name in tgs:
                        entry["target_group"] = tg_name
                    else:
                        self.result.skip("listener-target-group", f"{arn}:{entry['port']} {tg_arn}",
                                         "target group not in the import (or not of this load balancer)",
                                         snap.source)
                listeners.append(entry)
            if listeners:
                out["listeners"] = listeners
            if tgs:
                out["target_groups"] = tgs
            attrs = attrs_by_lb.get(arn) or {}
            cz = attrs.get("load_balancing.cross_zone.enabled")
            if cz is not None and kind != "application":
                out["cross_zone"] = lower(cz) == "true"
            groups = lb.get("SecurityGroups") or []
            if groups:
                out["security_groups"] = self.sg_refs(groups)
            lbs[spec_id] = _finish(out, lb)
        for tg_arn, (tsnap, tg) in sorted(self.tgs.items()):
            if tg.get("VpcId") == vpc_id and tg_arn not in used_tgs and not (
                    set(tg.get("LoadBalancerArns") or []) & set(self.lbs)):
                self.result.skip("target-group", tg_arn, "not attached to an imported load balancer", tsnap.source)
        if lbs:
            doc["load_balancers"] = dict(sorted(lbs.items()))

    # ------------------------------------------------------------------ shared objects

    def external(self, info: dict, snap: AwsSnapshot) -> dict:
        cidrs = [c.get("CidrBlock") for c in info.get("CidrBlockSet") or [] if c.get("CidrBlock")]
        if info.get("CidrBlock") and info["CidrBlock"] not in cidrs:
            cidrs.insert(0, info["CidrBlock"])
        cidrs += [c.get("Ipv6CidrBlock") for c in info.get("Ipv6CidrBlockSet") or [] if c.get("Ipv6CidrBlock")]
        out: dict = {"vpc": info.get("VpcId"), "cidrs": cidrs}
        if info.get("OwnerId") and re.fullmatch(r"\d{12}", str(info["OwnerId"])):
            out["account"] = str(info["OwnerId"])
        if info.get("Region"):
            out["region"] = info["Region"]
        return out

    def build_peerings(self) -> dict:
        out = {}
        for pid, (snap, p) in sorted(self.pcxs.items()):
            req = p.get("RequesterVpcInfo") or {}
            acc = p.get("AccepterVpcInfo") or {}
            sides = {}
            for key, info in (("requester", req), ("accepter", acc)):
                vid = info.get("VpcId")
                if vid in self.vpc_docs:
                    sides[key] = self.names.get("vpc", vid)
                elif vid:
                    sides[key] = self.external(info, snap)
            if len(sides) < 2:
                self.result.skip("peering", pid, "a side has no VPC id", snap.source)
                continue
            if all(isinstance(v, dict) for v in sides.values()):
                if self.vpc_filter is None:
                    self.result.skip("peering", pid, "neither VPC is in the import", snap.source)
                continue
            spec_id = self.target_id(pid)
            entry = _common(p, pid, spec_id)
            entry.update(sides)
            status = lower((p.get("Status") or {}).get("Code") or "active")
            if status != "active":
                entry["status"] = status
            if any((i.get("PeeringOptions") or {}).get("AllowDnsResolutionFromRemoteVpc") for i in (req, acc)):
                entry["allow_dns_resolution"] = True
            out[spec_id] = _finish(entry, p)
        return dict(sorted(out.items()))

    def build_services(self) -> dict:
        out = {}
        perms: dict[str, list[str]] = defaultdict(list)
        for snap in self.snaps:
            for entry in snap.items("ServicePermissions"):
                perms[entry.get("ServiceId")].extend(
                    a.get("Principal") for a in entry.get("AllowedPrincipals") or [] if a.get("Principal"))
        for sid, (snap, s) in sorted(self.services.items()):
            spec_id = self.names.get("endpoint-service", sid)
            entry = _common(s, sid, spec_id)
            lbs = []
            for arn in (s.get("NetworkLoadBalancerArns") or []) + (s.get("GatewayLoadBalancerArns") or []):
                name = self.names.get("load-balancer", arn)
                if name and self.lbs[arn][1].get("VpcId") in self.vpc_docs:
                    lbs.append(name)
                else:
                    self.result.skip("endpoint-service-load-balancer", f"{sid} {arn}",
                                     "load balancer not in the import", snap.source)
            if not lbs:
                self.result.skip("endpoint-service", sid, "none of its load balancers is in the import", snap.source)
                continue
            entry["load_balancers"] = sorted(lbs)
            entry["acceptance_required"] = bool(s.get("AcceptanceRequired", True))
            principals = sorted(set(perms.get(sid, [])) | set(s.get("_allowed_principals") or []))
            if principals:
                entry["allowed_principals"] = principals
            name = s.get("ServiceName")
            if name and re.fullmatch(r"com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-z]+", name):
                entry["service_name"] = name
            if s.get("PrivateDnsName"):
                entry["private_dns_name"] = s["PrivateDnsName"]
            out[spec_id] = _finish(entry, s)
        return dict(sorted(out.items()))

    def build_tgws(self) -> dict:
        out = {}
        vpn_cidrs: dict[str, list[str]] = defaultdict(list)
        for snap in self.snaps:
            for vpn in snap.items("VpnConnections"):
                for route in vpn.get("Routes") or []:
                    if route.get("DestinationCidrBlock"):
                        vpn_cidrs[vpn.get("VpnConnectionId")].append(route["DestinationCidrBlock"])
        # per TGW route table: associations, propagations, static routes
        assoc: dict[str, set[str]] = defaultdict(set)
        props: dict[str, set[str]] = defaultdict(set)
        routes: dict[str, list[tuple[AwsSnapshot, dict]]] = defaultdict(list)
        seen_rt_data: set[str] = set()
        for snap in self.snaps:
            for entry in snap.items("TransitGatewayAssociations"):
                rt = entry.get("TransitGatewayRouteTableId")
                seen_rt_data.add(rt)
                for a in entry.get("Associations") or []:
                    if lower(a.get("State") or "associated") in ("associated", "associating"):
                        assoc[rt].add(a.get("TransitGatewayAttachmentId"))
            for entry in snap.items("TransitGatewayPropagations"):
                rt = entry.get("TransitGatewayRouteTableId")
                for a in entry.get("TransitGatewayRouteTablePropagations") or []:
                    if lower(a.get("State")) in ("enabled", "enabling"):
                        props[rt].add(a.get("TransitGatewayAttachmentId"))
            for entry in snap.items("TransitGatewayStaticRoutes"):
                for r in entry.get("Routes") or []:
                    routes[entry.get("TransitGatewayRouteTableId")].append((snap, r))
        for _, a in self.tgw_atts.values():
            rt = (a.get("Association") or {}).get("TransitGatewayRouteTableId")
            if rt and lower((a.get("Association") or {}).get("State") or "associated") in ("associated",
                                                                                           "associating"):
                assoc[rt].add(a.get("TransitGatewayAttachmentId"))
        propagated_cidrs: dict[str, set[str]] = defaultdict(set)
        for entries in routes.values():
            for _, r in entries:
                if lower(r.get("Type")) == "propagated":
                    for a in r.get("TransitGatewayAttachments") or []:
                        if r.get("DestinationCidrBlock"):
                            propagated_cidrs[a.get("TransitGatewayAttachmentId")].add(r["DestinationCidrBlock"])
        for tid, (snap, t) in sorted(self.tgws.items()):
            spec_id = self.target_id(tid)
            entry = _common(t, tid, spec_id, t.get("Description") or None)
            region = region_of_arn(t.get("TransitGatewayArn")) or self.region(snap)
            if region:
                entry["region"] = region
            if t.get("OwnerId") and re.fullmatch(r"\d{12}", str(t["OwnerId"])):
                entry["account"] = str(t["OwnerId"])
            opts = t.get("Options") or {}
            if opts.get("AmazonSideAsn"):
                entry["asn"] = int(opts["AmazonSideAsn"])
            atts = {}
            att_names = {}
            for aid, (asnap, a) in sorted(self.tgw_atts.items()):
                if a.get("TransitGatewayId") != tid:
                    continue
                doc = self.build_attachment(aid, asnap, a, tid, vpn_cidrs, propagated_cidrs)
                if doc is not None:
                    name = self.names.get("tgw-attachment", aid)
                    atts[name] = doc
                    att_names[a.get("TransitGatewayAttachmentId") or aid] = name  # routes name the AWS id
            if atts:
                entry["attachments"] = dict(sorted(atts.items()))
            rts = {}
            for rid, (rsnap, rt) in sorted(self.tgw_rts.items()):
                if rt.get("TransitGatewayId") != tid:
                    continue
                name = self.names.get("tgw-route-table", rid)
                doc = _common(rt, rid, name)
                a_list = sorted(att_names[a] for a in assoc.get(rid, ()) if a in att_names)
                for a in sorted(assoc.get(rid, ())):
                    if a not in att_names:
                        self.result.skip("tgw-association", f"{rid} {a}", "attachment not in the import", rsnap.source)
                if a_list:
                    doc["associations"] = a_list
                p_list = sorted(att_names[a] for a in props.get(rid, ()) if a in att_names)
                for a in sorted(props.get(rid, ())):
                    if a not in att_names:
                        self.result.skip("tgw-propagation", f"{rid} {a}", "attachment not in the import", rsnap.source)
                if p_list:
                    doc["propagations"] = p_list
                r_list = []
                for rsnap2, r in sorted(routes.get(rid, []), key=lambda x: (str(x[1].get("DestinationCidrBlock")),
                                                                           str(x[1].get("PrefixListId")))):
                    tr = self.build_tgw_route(rid, rsnap2, r, att_names, props.get(rid, set()))
                    if tr is not None:
                        r_list.append(tr)
                if r_list:
                    doc["routes"] = r_list
                rts[name] = _finish(doc, rt)
                if rt.get("DefaultAssociationRouteTable") and opts.get("DefaultRouteTableAssociation") != "disable":
                    entry["default_association_route_table"] = name
                if rt.get("DefaultPropagationRouteTable") and opts.get("DefaultRouteTablePropagation") != "disable":
                    entry["default_propagation_route_table"] = name
            if rts:
                entry["route_tables"] = dict(sorted(rts.items()))
            for key, opt in (("default_association_route_table", "AssociationDefaultRouteTableId"),
                             ("default_propagation_route_table", "PropagationDefaultRouteTableId")):
                if key not in entry and opts.get(opt) in self.tgw_rts:
                    entry[key] = self.names.get("tgw-route-table", opts[opt])
            # key order: identity, then region/asn, attachments, route tables, defaults
            out[spec_id] = _finish(entry, t)
        for peer, info in sorted(self.peer_stubs.items()):
            stub: dict = {"description": "peer transit gateway outside the import (only its id is known)",
                          "aws_id": peer}
            if info.get("Region"):
                stub["region"] = info["Region"]
            if info.get("OwnerId") and re.fullmatch(r"\d{12}", str(info["OwnerId"])):
                stub["account"] = str(info["OwnerId"])
            out[sanitize(peer)] = stub
        for rid, (rsnap, rt) in sorted(self.tgw_rts.items()):
            if rt.get("TransitGatewayId") not in self.tgws:
                self.result.skip("tgw-route-table", rid, "its transit gateway is not in the input", rsnap.source)
        for aid, (asnap, a) in sorted(self.tgw_atts.items()):
            if a.get("TransitGatewayId") not in self.tgws:
                self.result.skip("tgw-attachment", aid, f"its transit gateway {a.get('TransitGatewayId')} is not "
                                 "in the input", asnap.source)
        return dict(sorted(out.items()))

    def build_attachment(self, aid, snap, a, tid, vpn_cidrs, propagated_cidrs) -> dict | None:
        name = self.names.get("tgw-attachment", aid)
        doc = _common(a, a.get("TransitGatewayAttachmentId") or aid, name)
        rtype = lower(a.get("ResourceType") or "vpc")
        state = lower(a.get("State") or "available")
        if state in ("deleted", "deleting", "rejected", "failed"):
            self.result.skip("tgw-attachment", aid, f"state {state}", snap.source)
            return None
        if rtype == "vpc":
            vid = a.get("ResourceId") or a.get("VpcId")
            if vid not in self.vpc_docs:
                why = "not one of the VPCs asked for" if not self.keep_vpc(vid) else \
                    "not in the import (another account or region?)"
                self.result.skip("tgw-attachment", aid, f"its VPC {vid} is {why}", snap.source)
                return None
            doc["vpc"] = self.names.get("vpc", vid)
            subs = [s for s in a.get("SubnetIds") or [] if s in self.subnet_docs]
            if subs:
                doc["subnets"] = sorted(self.names.get("subnet", s) for s in subs)
            elif a.get("SubnetIds") is None:
                self.result.note(f"{aid}: no describe-transit-gateway-vpc-attachments data; its subnets are unknown")
            if lower((a.get("Options") or {}).get("ApplianceModeSupport")) == "enable":
                doc["appliance_mode"] = True
        elif rtype in ("peering", "tgw-peering"):
            doc["type"] = "peering"
            peer = a.get("ResourceId")
            pinfo = a.get("_peering") or {}
            for side in ("AccepterTgwInfo", "RequesterTgwInfo"):
                other = (pinfo.get(side) or {}).get("TransitGatewayId")
                if other and other != tid:
                    peer = other
            if not peer:
                self.result.skip("tgw-attachment", aid, "peering attachment without a peer id", snap.source)
                return None
            if peer not in self.tgws:
                info = {}
                for side in ("AccepterTgwInfo", "RequesterTgwInfo"):
                    if (pinfo.get(side) or {}).get("TransitGatewayId") == peer:
                        info = pinfo[side]
                self.peer_stubs[peer] = info
            doc["peer"] = self.target_id(peer) or sanitize(peer)
        elif rtype in ("vpn", "direct-connect-gateway", "connect"):
            doc["type"] = {"vpn": "vpn", "direct-connect-gateway": "direct-connect", "connect": "connect"}[rtype]
            cidrs = sorted(set(vpn_cidrs.get(a.get("ResourceId"), [])) | propagated_cidrs.get(aid, set()),
                           key=lambda c: (_net(c).version, _net(c)) if _net(c) else (9, c))
            if cidrs:
                doc["cidrs"] = cidrs
        else:
            self.result.skip("tgw-attachment", aid, f"resource type {rtype} is not modelled", snap.source)
            return None
        if state != "available":
            doc["state"] = state
        return _finish(doc, a)

    def build_tgw_route(self, rid, snap, r, att_names, propagating) -> dict | None:
        dest = r.get("DestinationCidrBlock") or r.get("PrefixListId")
        rtype = lower(r.get("Type") or "static")
        atts = [a.get("TransitGatewayAttachmentId") for a in r.get("TransitGatewayAttachments") or []
                if a.get("TransitGatewayAttachmentId")]
        label = f"{rid} {dest}"
        if rtype == "propagated":
            if all(a in propagating for a in atts):
                return None  # derived by vpcdocs from the table's propagations
            self.result.skip("tgw-route", label, "propagated route from an attachment that is not in the table's "
                             "propagations (BGP?)", snap.source)
            return None
        if not r.get("DestinationCidrBlock"):
            self.result.skip("tgw-route", label, "prefix-list references are not modelled", snap.source)
            return None
        state = lower(r.get("State") or "active")
        if state in ("deleted", "deleting"):
            return None
        if state == "blackhole" and not atts:
            return {"destination": dest, "blackhole": True}
        if not atts:
            self.result.skip("tgw-route", label, "static route without an attachment", snap.source)
            return None
        if atts[0] not in att_names:
            self.result.skip("tgw-route", label, f"attachment {atts[0]} is not in the import", snap.source)
            return None
        out = {"destination": dest, "attachment": att_names[atts[0]]}
        if len(atts) > 1:
            self.result.skip("tgw-route", label, f"ECMP: only the first of {len(atts)} attachments is kept",
                             snap.source)
        if state == "blackhole":
            out["description"] = "AWS reports this route as blackhole"
        return out


def translate(snapshots: list[AwsSnapshot], vpc_filter: set[str] | None = None) -> ImportResult:
    """Spec files and skip report for describe-shaped snapshots (see module docstring)."""
    return _Translator(snapshots, vpc_filter).build()
