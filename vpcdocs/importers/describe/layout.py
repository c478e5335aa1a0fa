"""Where translated objects go: one file per VPC plus a shared file, per account when the
import spans an organisation; key order of a VPC; the counts the command prints."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

SHARED_FILE = "shared.yaml"
# order of the keys of a VPC spec after its identity and CIDRs
VPC_ORDER = ("internet_gateway", "egress_only_internet_gateway", "vpn_gateway", "subnets", "route_tables",
             "nat_gateways", "network_acls", "security_groups", "endpoints", "load_balancers", "instances",
             "network_interfaces")
SHARED_ORDER = ("prefix_lists", "external_networks", "peerings", "endpoint_services", "transit_gateways",
                "vpn_connections", "direct_connect_gateways")


def order_vpc(doc: dict[str, Any]) -> dict[str, Any]:
    head = {k: v for k, v in doc.items() if k not in VPC_ORDER and k != "tags"}
    body = {k: doc[k] for k in VPC_ORDER if doc.get(k)}
    return {**head, **body, **({"tags": doc["tags"]} if "tags" in doc else {})}


def vpc_path(spec_id: str, account: str | None, by_account: bool) -> str:
    return f"{account or 'unknown-account'}/vpcs/{spec_id}.yaml" if by_account else f"vpcs/{spec_id}.yaml"


def place_shared(sections: dict[str, dict[str, Any]], owner: dict[tuple[str, str], str | None],
                 by_account: bool) -> dict[str, dict[str, Any]]:
    """Shared objects: one ``shared.yaml``, or with ``by_account`` one per owner account
    (``<account>/shared.yaml``) and the rest (AWS-managed lists, peer stubs) at the top."""
    files: dict[str, dict[str, Any]] = defaultdict(dict)
    for section in SHARED_ORDER:
        for spec_id, doc in (sections.get(section) or {}).items():
            account = owner.get((section, spec_id)) if by_account else None
            rel = f"{account}/{SHARED_FILE}" if account else SHARED_FILE
            files[rel].setdefault(section, {})[spec_id] = doc
    return {rel: {k: dict(sorted(v.items())) for k, v in doc.items()} for rel, doc in sorted(files.items())}


def count(files: dict[str, dict[str, Any]]) -> dict[str, int]:
    c: dict[str, int] = defaultdict(int)
    for doc in files.values():
        for vpc in (doc.get("vpcs") or {}).values():
            c["vpcs"] += 1
            for key in ("subnets", "route_tables", "nat_gateways", "endpoints", "load_balancers", "security_groups",
                        "network_acls", "instances", "network_interfaces"):
                c[key] += len(vpc.get(key) or {})
            c["routes"] += sum(len(t.get("routes") or []) for t in (vpc.get("route_tables") or {}).values())
            for key in ("internet_gateway", "egress_only_internet_gateway", "vpn_gateway"):
                c[f"{key}s"] += 1 if vpc.get(key) else 0
        for key in ("peerings", "endpoint_services", "prefix_lists", "vpn_connections", "external_networks",
                    "direct_connect_gateways"):
            c[key] += len(doc.get(key) or {})
        for tgw in (doc.get("transit_gateways") or {}).values():
            c["transit_gateways"] += 1
            c["tgw_attachments"] += len(tgw.get("attachments") or {})
            c["tgw_route_tables"] += len(tgw.get("route_tables") or {})
    return dict(sorted(c.items()))
