"""What every Terraform converter shares: the resources that are converted, their ids (real or
placeholder), and the resolution of references that are unknown before ``terraform apply``.

An unknown ``id`` becomes a placeholder derived from the resource address
(``tf:module.vpc.aws_subnet.private[0]``); an unknown reference (``vpc_id``,
``route_table_id`` …) is resolved through the plan's ``configuration`` expressions
(``aws_route_table.private`` + ``count.index`` → the instance with the same index), following
``module.<call>.<output>`` into child modules; a ``vpc_id`` hidden behind a module local falls
back to the only VPC of the input when there is exactly one. Anything still unknown is
listed in the skip report with the resource address.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from ..model import ImportResult
from ..naming import PLACEHOLDER_PREFIX, account_of, region_of_arn, region_of_az
from .parse import TfResource, _dict, _list, config_index, config_outputs

# Resource types no converter reads, with the reason (others: "not imported by vpcdocs").
NOT_MODELLED = {
    "aws_eip": "Elastic IPs are not modelled (instances and NAT gateways carry their public IP)",
    "aws_eip_association": "Elastic IPs are not modelled (instances and NAT gateways carry their public IP)",
    "aws_elb": "classic load balancers are not modelled",
    "aws_flow_log": "flow logs are not modelled",
    "aws_vpc_dhcp_options": "DHCP options are not modelled",
    "aws_vpc_dhcp_options_association": "DHCP options are not modelled",
}
ARN_FIRST = ("aws_lb", "aws_alb", "aws_lb_target_group", "aws_alb_target_group")


class Base:
    """Resources indexed by type and configuration address; references resolved. Each
    converter class lists the resource types it reads in ``TYPES``."""

    TYPES: frozenset[str] = frozenset()

    @classmethod
    def supported_types(cls) -> frozenset[str]:
        return frozenset().union(*(vars(k).get("TYPES", frozenset()) for k in cls.__mro__))

    def __init__(self, resources: list[TfResource], configuration: dict[str, Any], source: str,
                 region: str | None):
        self.source = source
        self.result = ImportResult()
        self.config = config_index(configuration)
        self.outputs = config_outputs(configuration)
        self.default_region = region
        self.provider_region: str | None = None
        for name, provider in _dict(configuration.get("provider_config")).items():
            if name == "aws" or name.startswith("aws."):
                value = _dict(_dict(_dict(provider).get("expressions")).get("region")).get("constant_value")
                if isinstance(value, str) and not self.provider_region:
                    self.provider_region = value
        self.by_config: dict[tuple[str, str], list[TfResource]] = defaultdict(list)
        self.res: list[TfResource] = []
        self.by_type: dict[str, list[TfResource]] = defaultdict(list)
        supported = self.supported_types()
        for r in resources:
            if not r.type.startswith("aws_") or not ("aws" in r.provider or r.provider == ""):
                self.skip(r, f"provider {r.provider or r.type.split('_')[0]} is not imported (only AWS)")
                continue
            if r.mode == "data":
                self.skip(r, "data source (read by Terraform, not managed here)")
                continue
            if r.actions == ("delete",):
                self.skip(r, "planned for deletion")
                continue
            if r.type not in supported:
                self.skip(r, NOT_MODELLED.get(r.type, "resource type not imported by vpcdocs"))
                continue
            self.res.append(r)
            self.by_type[r.type].append(r)
            self.by_config[(r.module, r.config_address)].append(r)
        self.ids: dict[str, str] = {r.address: self.id_of(r) for r in self.res}
        self.vpc_attrs: dict[str, dict[str, bool]] = {}

    def skip(self, r: TfResource, reason: str) -> None:
        self.result.skip("terraform", r.address, reason, self.source)

    def id_of(self, r: TfResource) -> str:
        for attr in ("arn", "id") if r.type in ARN_FIRST else ("id", "arn"):
            value = r.known(attr)
            if isinstance(value, str):
                return value
        return f"{PLACEHOLDER_PREFIX}{r.address}"

    def of_type(self, *types: str) -> list[TfResource]:
        if len(types) == 1:
            return self.by_type.get(types[0], [])
        return [r for r in self.res if r.type in types]

    def ref(self, r: TfResource, attr: str, fallback_types: tuple[str, ...] = (), want: str = "id") -> Any:
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

    def ref_list(self, r: TfResource, attr: str, want: str = "id") -> list[Any] | None:
        """A known list attribute, else the ids of every resource its configuration references."""
        value = r.known(attr)
        if isinstance(value, list):
            return value
        expressions = self.config.get((r.module, r.config_address), {})
        refs = _dict(expressions.get(attr)).get("references")
        if not refs:
            return None
        return self.resolve_refs(r, refs, want, first=False)

    def resolve_refs(self, r: TfResource, refs: Any, want: str, first: bool, module: str | None = None,
                     depth: int = 0) -> list[Any]:
        """Ids of the resources ``refs`` (configuration references) name, seen from ``module``
        (default: the module of ``r``); ``module.<call>.<output>`` is followed into the child."""
        module = r.module if module is None else module
        out: list[Any] = []
        for ref in _list(refs):
            if not isinstance(ref, str):
                continue
            found: list[Any] = []
            mod = re.fullmatch(r"module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.([A-Za-z0-9_-]+)", ref)
            if mod and depth < 8:
                child = f"{module}.module.{mod.group(1)}" if module else f"module.{mod.group(1)}"
                found = self.resolve_refs(r, self.outputs.get((child, mod.group(2))), want, first, child, depth + 1)
            m = re.fullmatch(r"(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(\d+|\"[^\"]*\")\])?(?:\.[a-z_]+)?", ref)
            targets = self.by_config.get((module, f"{m.group(1)}.{m.group(2)}")) if m else None
            if m and targets:
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

    def need(self, r: TfResource, attr: str, fallback_types: tuple[str, ...] = ()) -> Any:
        value = self.ref(r, attr, fallback_types)
        if value is None:
            self.skip(r, f"{attr} is unknown (not known until apply, or refers to something outside this plan/state)")
        return value

    @staticmethod
    def tags(r: TfResource) -> list[dict[str, str]]:
        tags = r.known("tags") or {}
        if not isinstance(tags, dict):
            return []
        return [{"Key": k, "Value": str(v)} for k, v in sorted(tags.items())]

    def base(self, r: TfResource) -> dict[str, Any]:
        return {"Tags": self.tags(r), "_vpcdocs_name": r.hint}

    def region(self) -> str | None:
        counts: Counter[str] = Counter()
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
                if len(parts) > 4 and account_of(parts[4]):
                    return parts[4]
        return None
