"""Lint never crashes, even on a topology the loader had to report errors for."""

from __future__ import annotations

import copy

import pytest
import yaml
from lint_helpers import BASE_YAML, SHOP_YAML

from vpcdocs.analysis.lint import raw_findings
from vpcdocs.spec import load_spec_text

_BASE = yaml.safe_load(BASE_YAML)
_SHOP = yaml.safe_load(SHOP_YAML)


def _paths(node, prefix=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


def _without(path, base=_BASE):
    spec = copy.deepcopy(base)
    node = spec
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return spec


def _lint_any(spec) -> list:
    result = load_spec_text(yaml.safe_dump(spec, sort_keys=False), filename="spec.yaml")
    return [d.format() for d in raw_findings(result.topology) if d.code == "L-INTERNAL"]


@pytest.mark.parametrize("path", list(_paths(_BASE)), ids=lambda p: "/".join(map(str, p)))
def test_lint_survives_any_deleted_key(path):
    assert _lint_any(_without(path)) == []


_SHOP_SECURITY = [p for p in _paths(_SHOP)
                  if p[:2] == ("vpcs", "vpc-shop") and len(p) > 2
                  and p[2] in ("security_groups", "network_acls", "instances", "load_balancers")]


@pytest.mark.parametrize("path", _SHOP_SECURITY, ids=lambda p: "/".join(map(str, p)))
def test_security_checks_survive_any_deleted_key(path):
    assert _lint_any(_without(path, _SHOP)) == []


@pytest.mark.parametrize("text", [
    "", "vpcs: {}", "vpcs: {v: {cidr: 10.0.0.0/16}}",
    "region: r\nvpcs: {v: {subnets: {s: {cidr: 10.0.0.0/24, route_table: nope}}}}",
    "region: r\nvpcs: {v: {cidr: 10.0.0.0/16, route_tables: {t: {routes: [{destination: 10.1.0.0/16, target: x}]}}}}",
    "region: r\npeerings: {p: {requester: a, accepter: b}}",
    "region: r\ntransit_gateways: {t: {attachments: {x: {vpc: nope}}, route_tables: {r: {associations: [y]}}}}",
    "region: r\nendpoint_services: {e: {load_balancers: [nope]}}",
    "region: r\nvpcs: {v: {cidr: 10.0.0.0/16, network_acls: {a: {ingress: [{rule: 1, action: allow, protocol: tcp, "
    "cidr: 0.0.0.0/0}]}}}}",
    "region: r\nvpcs: {v: {cidr: 10.0.0.0/16, security_groups: {g: {ingress: [{protocol: tcp, port: 22, source: w}]}}, "
    "instances: {i: {subnet: nope, security_groups: [g, h]}}}}",
])
def test_lint_survives_broken_specs(text):
    result = load_spec_text(text, filename="spec.yaml")
    assert [d.format() for d in raw_findings(result.topology) if d.code == "L-INTERNAL"] == []
