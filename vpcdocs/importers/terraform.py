"""Import Terraform: ``terraform show -json`` (plan or state, any format_version) and raw
``.tfstate`` v4 files, nested modules and mixed providers included.

Terraform resources are converted to the same describe-* shapes the AWS importers produce
and translated by :func:`vpcdocs.importers.describe_to_spec.translate`, so every rule of that
module (derived routes, naming, external peers …) applies unchanged.

Values not known until ``terraform apply`` (a plan's ``after_unknown``) are handled like this:

* an unknown ``id`` becomes a placeholder derived from the resource address
  (``tf:module.vpc.aws_subnet.private[0]``); the spec gets no ``aws_id`` for it;
* an unknown reference (``vpc_id``, ``route_table_id``, ``nat_gateway_id`` …) is resolved through
  the plan's ``configuration`` expressions (``aws_route_table.private`` + ``count.index`` → the
  instance with the same index); a ``vpc_id`` hidden behind a module local falls back to the
  only VPC of the input when there is exactly one;
* anything still unknown is listed in the skip report with the resource address.

Resources of other providers (``azurerm_…``), data sources and AWS types vpcdocs does not
model are listed as skipped with the reason.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .aws_json import read_json
from .describe_to_spec import PLACEHOLDER_PREFIX, region_of_arn, region_of_az, translate
from .model import AwsSnapshot, ImportFailure, ImportResult

SUPPORTED = {
    "aws_vpc", "aws_vpc_ipv4_cidr_block_association", "aws_subnet", "aws_route_table", "aws_route",
    "aws_route_table_association", "aws_main_route_table_association", "aws_default_route_table",
    "aws_internet_gateway", "aws_internet_gateway_attachment", "aws_nat_gateway", "aws_vpc_peering_connection",
    "aws_vpc_peering_connection_accepter", "aws_vpc_endpoint", "aws_vpc_endpoint_route_table_association",
    "aws_vpc_endpoint_subnet_association", "aws_vpc_endpoint_service", "aws_lb", "aws_alb", "aws_lb_listener",
    "aws_alb_listener", "aws_lb_target_group", "aws_alb_target_group", "aws_lb_target_group_attachment",
    "aws_alb_target_group_attachment", "aws_ec2_transit_gateway", "aws_ec2_transit_gateway_vpc_attachment",
    "aws_ec2_transit_gateway_vpc_attachment_accepter", "aws_ec2_transit_gateway_route_table",
    "aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation",
    "aws_ec2_transit_gateway_route", "aws_ec2_transit_gateway_peering_attachment",
    "aws_ec2_transit_gateway_peering_attachment_accepter", "aws_vpn_connection", "aws_vpn_connection_route",
    "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
}
NOT_MODELLED = {
    "aws_network_acl": "network ACLs are not modelled",
    "aws_network_acl_rule": "network ACLs are not modelled",
    "aws_eip": "Elastic IPs are not modelled",
    "aws_vpn_gateway": "virtual private gateways are not modelled (routes to them keep the AWS id)",
    "aws_instance": "instances are not modelled (routes to them keep the AWS id)",
    "aws_network_interface": "network interfaces are not modelled (routes to them keep the AWS id)",
    "aws_elb": "classic load balancers are not modelled",
    "aws_flow_log": "flow logs are not modelled",
}
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


TF_STR_LISTS = {"subnets", "subnet_ids", "route_table_ids", "security_group_ids", "security_groups", "cidr_blocks",
                "ipv6_cidr_blocks", "prefix_list_ids", "network_load_balancer_arns", "gateway_load_balancer_arns",
                "allowed_principals", "propagating_vgws"}
TF_DICT_LISTS = {"route", "ingress", "egress", "default_action", "subnet_mapping", "forward", "target_group"}
TF_INTS = {"port", "from_port", "to_port", "amazon_side_asn"}
TF_BOOLS = {"internal", "blackhole", "self", "enable_dns_support", "enable_dns_hostnames",
            "enable_cross_zone_load_balancing", "auto_accept", "private_dns_enabled", "acceptance_required",
            "transit_gateway_default_route_table_association", "transit_gateway_default_route_table_propagation",
            "default_association_route_table", "default_propagation_route_table"}


def tf_clean(values) -> dict:
    """Attribute values of the types the provider schema gives them; anything else is dropped, so
    a hand-edited or damaged state gives skip entries and defaults, never a crash."""
    out: dict = {}
    if not isinstance(values, dict):
        return out
    for k, v in values.items():
        if not isinstance(k, str):
            continue
        if k in TF_DICT_LISTS:
            if isinstance(v, list):
                out[k] = [tf_clean(x) for x in v if isinstance(x, dict)]
        elif k in TF_STR_LISTS:
            if isinstance(v, list):
                out[k] = [x for x in v if isinstance(x, str)]
        elif k in ("tags", "tags_all"):
            if isinstance(v, dict):
                out[k] = {str(a): str(b) for a, b in v.items() if isinstance(b, (str, int, float))}
        elif k in TF_INTS:
            if isinstance(v, int) and not isinstance(v, bool):
                out[k] = v
            elif isinstance(v, str) and v.isdigit():
                out[k] = int(v)
        elif k in TF_BOOLS:
            if isinstance(v, bool):
                out[k] = v
        elif isinstance(v, str) or v is None:
            out[k] = v
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out[k] = str(v)
    return out


def _s(value, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _index(value):
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else None


@dataclass
class TfResource:
    address: str
    module: str  # "" for the root module, else "module.a.module.b"
    mode: str  # managed | data
    type: str
    name: str
    index: object  # None, int or str (count / for_each key)
    provider: str
    values: dict
    unknown: set = field(default_factory=set)
    actions: tuple = ()
    unknown_tree: dict = field(default_factory=dict)

    @property
    def config_address(self) -> str:
        prefix = "data." if self.mode == "data" else ""
        return f"{prefix}{self.type}.{self.name}"

    def known(self, attr: str):
        if attr in self.unknown:
            return None
        value = self.values.get(attr)
        return None if value in ("", None) else value

    @property
    def hint(self) -> str:
        return f"{self.name}-{self.index}" if self.index is not None else self.name


def _address(module: str, mode: str, type_: str, name: str, index) -> str:
    base = f"{'data.' if mode == 'data' else ''}{type_}.{name}"
    if index is not None:
        base += f'["{index}"]' if isinstance(index, str) else f"[{index}]"
    return f"{module}.{base}" if module else base


def _module_of(address: str, type_: str) -> str:
    marker = address.find(f"{type_}.")
    if address.startswith("data."):
        return ""
    head = address[:marker].rstrip(".") if marker > 0 else ""
    if head.endswith(".data"):
        head = head[: -len(".data")]
    return head


# --------------------------------------------------------------------------- reading


def _walk_module(module, out: list[TfResource]) -> None:
    if not isinstance(module, dict):
        return
    for r in _list(module.get("resources")):
        if not isinstance(r, dict) or not isinstance(r.get("type"), str):
            continue
        address = _s(r.get("address"))
        out.append(TfResource(
            address=address, module=_module_of(address, r["type"]),
            mode=_s(r.get("mode"), "managed"), type=r["type"], name=_s(r.get("name")), index=_index(r.get("index")),
            provider=_s(r.get("provider_name")), values=tf_clean(r.get("values")),
        ))
    for child in _list(module.get("child_modules")):
        _walk_module(child, out)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _unknown_attrs(after_unknown) -> set:
    if not isinstance(after_unknown, dict):
        return set()
    return {k for k, v in after_unknown.items() if v is True}


def parse(doc, source: str) -> tuple[list[TfResource], dict, str]:
    """Resources, the plan configuration (or {}), and a short description of the format."""
    if not isinstance(doc, dict):
        raise ImportFailure(source, "I-TF", "not a Terraform plan or state (expected a JSON object)")
    resources: list[TfResource] = []
    if "resource_changes" in doc or "planned_values" in doc:  # terraform show -json <plan>
        changes = _list(doc.get("resource_changes"))
        if changes:
            for rc in changes:
                if not isinstance(rc, dict) or not isinstance(rc.get("type"), str):
                    continue
                change = _dict(rc.get("change"))
                actions = tuple(a for a in _list(change.get("actions")) if isinstance(a, str))
                after = change.get("after")
                if actions == ("delete",) or not isinstance(after, dict):
                    after = change.get("before")
                address = _s(rc.get("address"))
                unknown_tree = _dict(change.get("after_unknown"))
                resources.append(TfResource(
                    address=address, module=_s(rc.get("module_address")) or _module_of(address, rc["type"]),
                    mode=_s(rc.get("mode"), "managed"), type=rc["type"], name=_s(rc.get("name")),
                    index=_index(rc.get("index")), provider=_s(rc.get("provider_name")), values=tf_clean(after),
                    unknown=_unknown_attrs(unknown_tree), actions=actions, unknown_tree=unknown_tree,
                ))
        else:
            _walk_module(_dict(doc.get("planned_values")).get("root_module"), resources)
        kind = f"plan (format {doc.get('format_version', '?')}, Terraform {doc.get('terraform_version', '?')})"
        return resources, _dict(doc.get("configuration")), kind
    if "values" in doc and "format_version" in doc:  # terraform show -json (state)
        _walk_module(_dict(doc.get("values")).get("root_module"), resources)
        return resources, {}, f"state (format {doc.get('format_version')}, Terraform {doc.get('terraform_version', '?')})"
    if "version" in doc and "resources" in doc:  # raw .tfstate
        if doc.get("version") != 4:
            raise ImportFailure(source, "I-TF", f"raw state version {doc.get('version')} is not supported (only v4; "
                                "run `terraform show -json` and import that)")
        for r in _list(doc.get("resources")):
            if not isinstance(r, dict) or not isinstance(r.get("type"), str):
                continue
            module = _s(r.get("module"))
            mode = _s(r.get("mode"), "managed")
            for inst in _list(r.get("instances")):
                if not isinstance(inst, dict):
                    continue
                index = _index(inst.get("index_key"))
                resources.append(TfResource(
                    address=_address(module, mode, r["type"], _s(r.get("name")), index),
                    module=module, mode=mode, type=r["type"], name=_s(r.get("name")),
                    index=index, provider=_s(r.get("provider")), values=tf_clean(inst.get("attributes")),
                ))
        return resources, {}, f"raw state v4 (Terraform {doc.get('terraform_version', '?')})"
    if "version" in doc and "modules" in doc:
        raise ImportFailure(source, "I-TF", "raw state version 3 is not supported (only v4; run `terraform show "
                            "-json` with a current Terraform and import that)")
    raise ImportFailure(source, "I-TF", "not a Terraform plan or state: expected `terraform show -json` output "
                        "(keys 'values' or 'planned_values') or a .tfstate (keys 'version', 'resources')")


def _config_outputs(configuration: dict) -> dict[tuple[str, str], list]:
    """(module address, output name) → the references of the output's expression."""
    out: dict[tuple[str, str], list] = {}

    def walk(module, path: str) -> None:
        if not isinstance(module, dict):
            return
        for name, output in _dict(module.get("outputs")).items():
            out[(path, name)] = _list(_dict(_dict(output).get("expression")).get("references"))
        for name, call in _dict(module.get("module_calls")).items():
            if isinstance(call, dict):
                walk(call.get("module"), f"{path}.module.{name}" if path else f"module.{name}")

    walk(_dict(configuration).get("root_module"), "")
    return out


def _config_index(configuration: dict) -> dict[tuple[str, str], dict]:
    """(module address, config address) → expressions."""
    out: dict[tuple[str, str], dict] = {}

    def walk(module, path: str) -> None:
        if not isinstance(module, dict):
            return
        for r in _list(module.get("resources")):
            if isinstance(r, dict) and isinstance(r.get("address"), str):
                out[(path, r["address"])] = _dict(r.get("expressions"))
        for name, call in _dict(module.get("module_calls")).items():
            if isinstance(call, dict):
                walk(call.get("module"), f"{path}.module.{name}" if path else f"module.{name}")

    walk(_dict(configuration).get("root_module"), "")
    return out


# --------------------------------------------------------------------------- conversion


class _Converter:
    def __init__(self, resources: list[TfResource], configuration: dict, source: str, region: str | None):
        self.source = source
        self.result = ImportResult()
        self.config = _config_index(configuration)
        self.outputs = _config_outputs(configuration)
        self.default_region = region
        self.provider_region = None
        for name, provider in _dict(configuration.get("provider_config")).items():
            if name == "aws" or name.startswith("aws."):
                value = _dict(_dict(_dict(provider).get("expressions")).get("region")).get("constant_value")
                if isinstance(value, str) and not self.provider_region:
                    self.provider_region = value
        self.all = resources
        self.by_config: dict[tuple[str, str], list[TfResource]] = defaultdict(list)
        self.res: list[TfResource] = []
        for r in resources:
            if not r.type.startswith("aws_") or not ("aws" in r.provider or r.provider == ""):
                self.result.skip("terraform", r.address, f"provider {r.provider or r.type.split('_')[0]} is not "
                                 "imported (only AWS)", self.source)
                continue
            if r.mode == "data":
                self.result.skip("terraform", r.address, "data source (read by Terraform, not managed here)",
                                 self.source)
                continue
            if r.actions == ("delete",):
                self.result.skip("terraform", r.address, "planned for deletion", self.source)
                continue
            if r.type not in SUPPORTED:
                reason = NOT_MODELLED.get(r.type, "resource type not imported by vpcdocs")
                self.result.skip("terraform", r.address, reason, self.source)
                continue
            self.res.append(r)
            self.by_config[(r.module, r.config_address)].append(r)
        self.ids: dict[str, str] = {}  # address → id (real or placeholder)
        for r in self.res:
            self.ids[r.address] = self.id_of(r)

    def id_of(self, r: TfResource) -> str:
        for attr in ("id", "arn") if r.type not in ("aws_lb", "aws_alb", "aws_lb_target_group",
                                                   "aws_alb_target_group") else ("arn", "id"):
            value = r.known(attr)
            if isinstance(value, str):
                return value
        return f"{PLACEHOLDER_PREFIX}{r.address}"

    def of_type(self, *types: str) -> list[TfResource]:
        return [r for r in self.res if r.type in types]

    def ref(self, r: TfResource, attr: str, fallback_types: tuple[str, ...] = (), want: str = "id"):
        """A known attribute value, else the id of the resource its configuration references."""
        value = r.known(attr)
        if value is not None:
            return value
        expressions = self.config.get((r.module, r.config_address), {})
        refs = _dict(expressions.get(attr)).get("references")
        found = self.resolve_refs(r, refs, want, first=True)
        if found:
            return found[0]
        if fallback_types:
            candidates = self.of_type(*fallback_types)
            if len(candidates) == 1:
                self.result.note(f"{r.address}: {attr} is not known before apply; assumed "
                                 f"{candidates[0].address} (the only one in the input)")
                return self.ids[candidates[0].address]
        return None

    def ref_list(self, r: TfResource, attr: str, want: str = "id") -> list | None:
        """A known list attribute, else the ids of every resource its configuration references."""
        value = r.known(attr)
        if isinstance(value, list):
            return value
        expressions = self.config.get((r.module, r.config_address), {})
        refs = _dict(expressions.get(attr)).get("references")
        if not refs:
            return None
        return self.resolve_refs(r, refs, want, first=False)

    def resolve_refs(self, r: TfResource, refs, want: str, first: bool, module: str | None = None,
                     depth: int = 0) -> list:
        """Ids of the resources ``refs`` (configuration references) name, seen from ``module``
        (default: the module of ``r``); ``module.<call>.<output>`` is followed into the child."""
        module = r.module if module is None else module
        out: list = []
        for ref in _list(refs):
            if not isinstance(ref, str):
                continue
            found: list = []
            mod = re.fullmatch(r"module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.([A-Za-z0-9_-]+)", ref)
            if mod and depth < 8:
                child = f"{module}.module.{mod.group(1)}" if module else f"module.{mod.group(1)}"
                found = self.resolve_refs(r, self.outputs.get((child, mod.group(2))), want, first, child, depth + 1)
            m = re.fullmatch(r"(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(\d+|\"[^\"]*\")\])?(?:\.[a-z_]+)?", ref)
            targets = self.by_config.get((module, f"{m.group(1)}.{m.group(2)}")) if m else None
            if targets:
                chosen = None
                if m.group(3) is not None:
                    key = m.group(3).strip('"')
                    chosen = next((t for t in targets if str(t.index) == key), None)
                if chosen is None:
                    chosen = next((t for t in targets if t.index == r.index and r.index is not None), None)
                if chosen is None and len(targets) == 1:
                    chosen = targets[0]
                if chosen is None:
                    chosen = sorted(targets, key=lambda t: str(t.index))[0]
                found = [(chosen.known("arn") or self.ids[chosen.address]) if want == "arn"
                         else self.ids[chosen.address]]
            for value in found:
                if value not in out:
                    out.append(value)
            if first and out:
                break
        return out

    def need(self, r: TfResource, attr: str, fallback_types: tuple[str, ...] = ()):
        value = self.ref(r, attr, fallback_types)
        if value is None:
            self.result.skip("terraform", r.address, f"{attr} is unknown (not known until apply, or refers to "
                             "something outside this plan/state)", self.source)
        return value

    @staticmethod
    def tags(r: TfResource) -> list[dict]:
        tags = r.known("tags") or {}
        if not isinstance(tags, dict):
            return []
        return [{"Key": k, "Value": str(v)} for k, v in sorted(tags.items())]

    def base(self, r: TfResource) -> dict:
        return {"Tags": self.tags(r), "_vpcdocs_name": r.hint}

    def region(self) -> str | None:
        counts: Counter = Counter()
        for r in self.res:
            reg = region_of_arn(r.known("arn")) or region_of_az(r.known("availability_zone"))
            if reg:
                counts[reg] += 1
        if counts:
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        return self.provider_region or self.default_region

    def account(self) -> str | None:
        for r in self.res:
            arn = r.known("arn")
            if isinstance(arn, str) and arn.startswith("arn:"):
                parts = arn.split(":")
                if len(parts) > 4 and re.fullmatch(r"\d{12}", parts[4]):
                    return parts[4]
        return None

    def route_item(self, r: TfResource, spec: dict, block: dict | None = None) -> dict | None:
        dest = {}
        for key, field_ in (("cidr_block", "DestinationCidrBlock"), ("ipv6_cidr_block", "DestinationIpv6CidrBlock"),
                            ("destination_cidr_block", "DestinationCidrBlock"),
                            ("destination_ipv6_cidr_block", "DestinationIpv6CidrBlock"),
                            ("destination_prefix_list_id", "DestinationPrefixListId")):
            value = spec.get(key)
            if value not in (None, "") and not (r.type == "aws_route" and key in r.unknown):
                dest[field_] = value
        route = dict(dest)
        for key, field_ in ROUTE_TARGETS.items():
            value = spec.get(key)
            if value in (None, "") and spec is r.values:
                value = self.ref(r, key) if key not in ("instance_id", "network_interface_id") or (
                    self.config.get((r.module, r.config_address), {}).get(key)) else None
            elif value in (None, "") and isinstance(block, dict) and isinstance(block.get(key), dict):
                found = self.resolve_refs(r, block[key].get("references"), "id", first=True)
                value = found[0] if found else None
            if value not in (None, ""):
                route[field_] = value
                break
        route.update(Origin="CreateRoute", State="active")
        return route

    def guess_inline_target(self, r: TfResource, i: int, vid: str) -> dict:
        """An inline route whose gateway_id is unknown and whose configuration the plan does not
        show (Terraform 0.12 omits nested route blocks): the VPC's only internet gateway."""
        unknown = (r.unknown_tree.get("route") or [])
        unknown = unknown[i] if isinstance(unknown, list) and i < len(unknown) and isinstance(unknown[i], dict) else {}
        if unknown.get("gateway_id") is not True or self.of_type("aws_vpn_gateway"):
            return {}
        igws = [g for g in self.of_type("aws_internet_gateway") if self.ref(g, "vpc_id", ("aws_vpc",)) == vid]
        if len(igws) != 1:
            return {}
        self.result.note(f"{r.address}: route {i} gateway_id is not known before apply; assumed "
                         f"{igws[0].address} (the VPC's only internet gateway)")
        return {"GatewayId": self.ids[igws[0].address]}

    def convert(self) -> AwsSnapshot:
        d: dict[str, list] = defaultdict(list)
        vpcs: dict[str, dict] = {}
        for r in self.of_type("aws_vpc"):
            vid = self.ids[r.address]
            item = {"VpcId": vid, "CidrBlock": r.known("cidr_block"), "OwnerId": r.known("owner_id"),
                    "CidrBlockAssociationSet": [], **self.base(r)}
            if r.known("ipv6_cidr_block"):
                item["Ipv6CidrBlockAssociationSet"] = [{"Ipv6CidrBlock": r.known("ipv6_cidr_block")}]
            if r.known("cidr_block") is None:
                self.result.skip("terraform", r.address, "cidr_block is unknown (IPAM?)", self.source)
            vpcs[vid] = item
            d["Vpcs"].append(item)
            attrs = {}
            if r.known("enable_dns_support") is not None:
                attrs["EnableDnsSupport"] = bool(r.values["enable_dns_support"])
            if r.known("enable_dns_hostnames") is not None:
                attrs["EnableDnsHostnames"] = bool(r.values["enable_dns_hostnames"])
            self.vpc_attrs[vid] = attrs
        for r in self.of_type("aws_vpc_ipv4_cidr_block_association"):
            vid = self.need(r, "vpc_id", ("aws_vpc",))
            if vid in vpcs and r.known("cidr_block"):
                vpcs[vid]["CidrBlockAssociationSet"].append({"CidrBlock": r.known("cidr_block"),
                                                             "CidrBlockState": {"State": "associated"}})
            elif vid is not None:
                self.result.skip("terraform", r.address, f"VPC {vid} not in the input, or CIDR unknown", self.source)
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
            d["Subnets"].append(item)
        tables: dict[str, dict] = {}

        def table(tid: str, vid: str | None, r: TfResource | None = None) -> dict:
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
                vid = r.known("vpc_id") or next((v for v, (rr) in ((self.ids[x.address], x) for x in
                                                                   self.of_type("aws_vpc"))
                                                 if rr.known("default_route_table_id") == tid), None)
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
            routes = r.known("route")
            if isinstance(routes, list):
                blocks = (self.config.get((r.module, r.config_address)) or {}).get("route")
                blocks = blocks if isinstance(blocks, list) else []
                for i, spec in enumerate(routes):
                    if isinstance(spec, dict):
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
        for r in self.of_type("aws_route"):
            tid = self.need(r, "route_table_id")
            if tid is None:
                continue
            if tid not in tables:
                self.result.skip("terraform", r.address, f"route table {tid} is not in the input", self.source)
                continue
            route = self.route_item(r, r.values)
            if not any(k.startswith("Destination") for k in route):
                self.result.skip("terraform", r.address, "destination unknown", self.source)
                continue
            key = (route.get("DestinationCidrBlock"), route.get("DestinationIpv6CidrBlock"),
                   route.get("DestinationPrefixListId"))
            existing = tables[tid]["Routes"]
            if not any((x.get("DestinationCidrBlock"), x.get("DestinationIpv6CidrBlock"),
                        x.get("DestinationPrefixListId")) == key for x in existing):
                existing.append(route)  # state lists aws_route routes inline too: keep one
        for r in self.of_type("aws_route_table_association"):
            tid = self.need(r, "route_table_id")
            if tid is None:
                continue
            if tid not in tables:
                self.result.skip("terraform", r.address, f"route table {tid} is not in the input", self.source)
                continue
            sid = self.ref(r, "subnet_id")
            gid = self.ref(r, "gateway_id")
            if sid:
                tables[tid]["Associations"].append({"SubnetId": sid, "Main": False,
                                                    "AssociationState": {"State": "associated"}})
            elif gid:
                tables[tid]["Associations"].append({"GatewayId": gid, "Main": False})
            else:
                self.result.skip("terraform", r.address, "subnet_id unknown", self.source)
        for r in self.of_type("aws_main_route_table_association"):
            tid = self.need(r, "route_table_id")
            vid = self.ref(r, "vpc_id", ("aws_vpc",))
            if tid in tables:
                for t in tables.values():
                    if t.get("VpcId") == (vid or tables[tid]["VpcId"]):
                        t["Associations"] = [a for a in t["Associations"] if not a.get("Main")]
                tables[tid]["Associations"].append({"Main": True})
            elif tid is not None:
                self.result.skip("terraform", r.address, f"route table {tid} is not in the input", self.source)
        # AWS creates a main route table with every VPC; Terraform only manages it on request
        for vid, _vpc in vpcs.items():
            if any(a.get("Main") for t in tables.values() if t.get("VpcId") == vid for a in t["Associations"]):
                continue
            r = next(x for x in self.of_type("aws_vpc") if self.ids[x.address] == vid)
            main_id = r.known("main_route_table_id") or r.known("default_route_table_id") or \
                f"{PLACEHOLDER_PREFIX}{r.address}.main_route_table"
            t = table(main_id, vid)
            t["Associations"].append({"Main": True})
            if main_id.startswith(PLACEHOLDER_PREFIX):
                self.result.note(f"{r.address}: the main route table AWS creates with the VPC is added (only the "
                                 "local route)")
        for r in self.of_type("aws_internet_gateway", "aws_internet_gateway_attachment"):
            if r.type == "aws_internet_gateway_attachment":
                gid = self.need(r, "internet_gateway_id")
                vid = self.need(r, "vpc_id", ("aws_vpc",))
                for item in d["InternetGateways"]:
                    if item["InternetGatewayId"] == gid and vid:
                        item["Attachments"] = [{"VpcId": vid, "State": "available"}]
                continue
            vid = self.ref(r, "vpc_id", ("aws_vpc",))
            d["InternetGateways"].append({"InternetGatewayId": self.ids[r.address],
                                          "Attachments": [{"VpcId": vid, "State": "available"}] if vid else [],
                                          **self.base(r)})
        for r in self.of_type("aws_nat_gateway"):
            sid = self.need(r, "subnet_id")
            if sid is None:
                continue
            d["NatGateways"].append({"NatGatewayId": self.ids[r.address], "SubnetId": sid,
                                     "ConnectivityType": r.known("connectivity_type") or "public",
                                     "State": "available", **self.base(r)})
        self.convert_security_groups(d)
        self.convert_peerings(d, vpcs)
        self.convert_endpoints(d)
        self.convert_lbs(d)
        self.convert_tgws(d)
        snap = AwsSnapshot(region=None, account=self.account(), data=dict(d), source=self.source,
                           extra={"VpcAttributes": self.vpc_attrs, "default_region": self.region()})
        return snap

    def convert_security_groups(self, d) -> None:
        groups: dict[str, dict] = {}
        for r in self.of_type("aws_security_group"):
            vid = self.need(r, "vpc_id", ("aws_vpc",))
            if vid is None:
                continue
            gid = self.ids[r.address]
            item = {"GroupId": gid, "GroupName": r.known("name") or r.hint, "VpcId": vid,
                    "Description": r.known("description"), "IpPermissions": [], "IpPermissionsEgress": [],
                    **self.base(r)}
            for attr, key in (("ingress", "IpPermissions"), ("egress", "IpPermissionsEgress")):
                for rule in r.known(attr) or []:
                    if isinstance(rule, dict):
                        self.add_permission(item[key], gid, rule.get("protocol"), rule.get("from_port"),
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
                self.result.skip("terraform", r.address, f"security group {gid} is not in the input", self.source)
                continue
            if r.type == "aws_security_group_rule":
                key = "IpPermissions" if r.known("type") == "ingress" else "IpPermissionsEgress"
                self.add_permission(groups[gid][key], gid, r.known("protocol"), r.known("from_port"),
                                    r.known("to_port"), r.known("cidr_blocks"), r.known("ipv6_cidr_blocks"),
                                    r.known("prefix_list_ids"),
                                    [x for x in [self.ref(r, "source_security_group_id")] if x], r.known("self"),
                                    r.known("description"))
            else:
                key = "IpPermissions" if r.type.endswith("ingress_rule") else "IpPermissionsEgress"
                self.add_permission(groups[gid][key], gid, r.known("ip_protocol"), r.known("from_port"),
                                    r.known("to_port"), [r.known("cidr_ipv4")], [r.known("cidr_ipv6")],
                                    [r.known("prefix_list_id")],
                                    [x for x in [self.ref(r, "referenced_security_group_id")] if x], False,
                                    r.known("description"))

    @staticmethod
    def add_permission(perms: list, gid, protocol, lo, hi, cidrs, cidrs6, pls, groups, self_, description) -> None:
        """One Terraform rule as an IpPermissions entry (duplicates — a state lists rule resources
        inline too — are dropped)."""
        perm = {"IpProtocol": str(protocol if protocol is not None else "-1"),
                "IpRanges": [{"CidrIp": c, "Description": description} for c in cidrs or [] if c],
                "Ipv6Ranges": [{"CidrIpv6": c, "Description": description} for c in cidrs6 or [] if c],
                "PrefixListIds": [{"PrefixListId": p, "Description": description} for p in pls or [] if p],
                "UserIdGroupPairs": [{"GroupId": g, "Description": description}
                                     for g in [*(groups or []), *([gid] if self_ else [])] if g]}
        if lo is not None:
            perm["FromPort"] = int(lo)
        if hi is not None:
            perm["ToPort"] = int(hi)
        if perm not in perms:
            perms.append(perm)

    def convert_peerings(self, d, vpcs) -> None:
        pcxs: dict[str, dict] = {}
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
                self.result.skip("terraform", r.address, "peer VPC ids unknown", self.source)
                continue
            pcxs[pid] = {"VpcPeeringConnectionId": pid, "Status": {"Code": r.known("accept_status") or "active"},
                         "AccepterVpcInfo": self.vpc_info(acc, vpcs, None, None),
                         "RequesterVpcInfo": self.vpc_info(req, vpcs, r.known("peer_owner_id"),
                                                           r.known("peer_region")), **self.base(r)}
        d["VpcPeeringConnections"] = list(pcxs.values())

    @staticmethod
    def vpc_info(vid: str, vpcs: dict, owner, region) -> dict:
        info: dict = {"VpcId": vid}
        if vid in vpcs:
            cidrs = [vpcs[vid].get("CidrBlock")] + [c["CidrBlock"] for c in vpcs[vid]["CidrBlockAssociationSet"]]
            info["CidrBlockSet"] = [{"CidrBlock": c} for c in cidrs if c]
        if owner:
            info["OwnerId"] = owner
        if region:
            info["Region"] = region
        return info

    def convert_endpoints(self, d) -> None:
        eps: dict[str, dict] = {}
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
                    "Groups": [{"GroupId": g} for g in r.known("security_group_ids") or []],
                    "State": r.known("state") or "available", "_prefix_list_id": r.known("prefix_list_id"),
                    **self.base(r)}
            if not item["ServiceName"]:
                self.result.skip("terraform", r.address, "service_name unknown", self.source)
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
                self.result.skip("terraform", r.address, f"endpoint {eid} is not in the input", self.source)
        for r in self.of_type("aws_vpc_endpoint_service"):
            nlbs = self.ref_list(r, "network_load_balancer_arns", want="arn")
            gwlbs = r.known("gateway_load_balancer_arns") or []
            d["ServiceConfigurations"].append({
                "ServiceId": self.ids[r.address], "ServiceName": r.known("service_name"),
                "NetworkLoadBalancerArns": list(nlbs or []), "GatewayLoadBalancerArns": list(gwlbs),
                "AcceptanceRequired": bool(r.values.get("acceptance_required", True)),
                "PrivateDnsName": r.known("private_dns_name"),
                "_allowed_principals": list(r.known("allowed_principals") or []), **self.base(r)})

    def convert_lbs(self, d) -> None:
        lbs: dict[str, dict] = {}
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
                self.result.skip("terraform", r.address, "VPC unknown (its subnets are not in the input)",
                                 self.source)
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
        tgs: dict[str, dict] = {}
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
                self.result.skip("terraform", r.address, f"load balancer {lb} is not in the input", self.source)
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
                self.result.skip("terraform", r.address, "target group or target unknown", self.source)
                continue
            d["TargetHealth"].append({"TargetGroupArn": tg, "TargetHealthDescriptions": [
                {"Target": {"Id": target, "Port": r.known("port")}}]})

    def convert_tgws(self, d) -> None:
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
        assoc: dict[str, list] = defaultdict(list)
        props: dict[str, list] = defaultdict(list)
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
                "SubnetIds": list(subnets), "State": "available",
                "Options": {"ApplianceModeSupport": r.known("appliance_mode_support") or "disable"}, **self.base(r)})
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
                "ResourceId": peer, "State": "available", **self.base(r),
                "_peering": {"AccepterTgwInfo": {"TransitGatewayId": peer, "Region": r.known("peer_region"),
                                                 "OwnerId": r.known("peer_account_id")}}})
        for r in self.of_type("aws_ec2_transit_gateway_peering_attachment_accepter"):
            aid = self.need(r, "transit_gateway_attachment_id")
            if aid and not any(a["TransitGatewayAttachmentId"] == aid for a in d["TransitGatewayAttachments"]):
                self.result.skip("terraform", r.address, "accepter of a peering attachment outside the input "
                                 "(the peer side is documented where it is requested)", self.source)
        vpn_routes: dict[str, list] = defaultdict(list)
        for r in self.of_type("aws_vpn_connection_route"):
            vpn = self.need(r, "vpn_connection_id")
            if vpn and r.known("destination_cidr_block"):
                vpn_routes[vpn].append({"DestinationCidrBlock": r.known("destination_cidr_block")})
        for r in self.of_type("aws_vpn_connection"):
            tid = self.ref(r, "transit_gateway_id")
            vpn_id = self.ids[r.address]
            if not tid:
                self.result.skip("terraform", r.address, "VPN to a virtual private gateway is not modelled",
                                 self.source)
                continue
            aid = r.known("transit_gateway_attachment_id") or f"{PLACEHOLDER_PREFIX}{r.address}.attachment"
            d["TransitGatewayAttachments"].append({"TransitGatewayAttachmentId": aid, "TransitGatewayId": tid,
                                                   "ResourceType": "vpn", "ResourceId": vpn_id, "State": "available",
                                                   **self.base(r)})
            d["VpnConnections"].append({"VpnConnectionId": vpn_id, "TransitGatewayId": tid,
                                        "Routes": vpn_routes.get(vpn_id, [])})
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
        routes: dict[str, list] = defaultdict(list)
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
                routes[rid].append({"DestinationCidrBlock": dest, "State": "active", "Type": "static",
                                    "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": aid}]})
        d["TransitGatewayAssociations"] = [{"TransitGatewayRouteTableId": k, "Associations": [
            {"TransitGatewayAttachmentId": a, "State": "associated"} for a in v]} for k, v in assoc.items()]
        d["TransitGatewayPropagations"] = [{"TransitGatewayRouteTableId": k, "TransitGatewayRouteTablePropagations": [
            {"TransitGatewayAttachmentId": a, "State": "enabled"} for a in v]} for k, v in props.items()]
        d["TransitGatewayStaticRoutes"] = [{"TransitGatewayRouteTableId": k, "Routes": v} for k, v in routes.items()]

    def run(self) -> ImportResult:
        self.vpc_attrs: dict[str, dict] = {}
        snap = self.convert()
        result = translate([snap])
        result.skipped = self.result.skipped + result.skipped
        result.notes = self.result.notes + result.notes
        return result


def import_terraform(path: str | os.PathLike, region: str | None = None) -> ImportResult:
    """Spec files and skip report for a Terraform plan/state file; raises :class:`ImportFailure`."""
    p = Path(path)
    display = str(path)
    if not p.exists():
        raise ImportFailure(display, "I-IO", "no such file")
    if p.is_dir():
        raise ImportFailure(display, "I-IO", "is a folder; give the plan/state JSON file")
    doc = read_json(p, display)
    resources, configuration, kind = parse(doc, display)
    result = _Converter(resources, configuration, p.name, region).run()
    result.notes.insert(0, f"{display}: Terraform {kind}, {len(resources)} resources")
    return result
