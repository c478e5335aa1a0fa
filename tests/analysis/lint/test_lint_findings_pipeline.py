"""The new codes go through the one findings pipeline (``collect_findings``): a suppression on
the resource a finding is about silences it, a stale one is reported, and the same list
comes out whoever asks (check, the site, the diff)."""

from __future__ import annotations

from lint_helpers import load

from vpcdocs.analysis.findings import collect_findings
from vpcdocs.spec import load_spec_text


def _open_bastion(shop):
    groups = shop["vpcs"]["vpc-shop"]["security_groups"]
    groups["sg-bastion"]["ingress"][0]["source"] = "0.0.0.0/0"
    nacl = shop["vpcs"]["vpc-shop"]["network_acls"]["acl-public"]
    nacl["ingress"] = [r for r in nacl["ingress"] if r["rule"] != 111]  # no UDP replies
    routes = shop["vpcs"]["vpc-shop"]["route_tables"]["shop-app-1a"]["routes"]
    routes.append({"destination": "10.99.0.0/16", "target": "eni-0abc12345678def01", "state": "blackhole"})


def _codes(spec) -> list[tuple[str, str | None]]:
    return sorted((d.code, d.resource) for d in collect_findings(load(spec)))


def test_new_findings_reach_the_pipeline(shop):
    _open_bastion(shop)
    assert _codes(shop) == [("L-NACL-NO-REPLY", "acl-public"), ("L-RT-AWS-BLACKHOLE", "shop-app-1a"),
                            ("L-SG-ADMIN-OPEN", "sg-bastion")]


def test_suppressions_on_groups_acls_and_tables(shop):
    _open_bastion(shop)
    vpc = shop["vpcs"]["vpc-shop"]
    vpc["security_groups"]["sg-bastion"]["suppress"] = [
        {"code": "L-SG-ADMIN-OPEN", "reason": "break-glass bastion, MFA at the host"}]
    vpc["network_acls"]["acl-public"]["suppress"] = [{"code": "L-NACL-NO-REPLY", "reason": "TCP only here"}]
    vpc["route_tables"]["shop-app-1a"]["suppress"] = [
        {"code": "L-RT-AWS-BLACKHOLE", "reason": "appliance being replaced"}]
    assert _codes(shop) == []


def test_a_suppression_on_the_wrong_resource_or_a_fixed_finding_is_reported(shop):
    _open_bastion(shop)
    vpc = shop["vpcs"]["vpc-shop"]
    vpc["security_groups"]["sg-app"]["suppress"] = [{"code": "L-SG-ADMIN-OPEN", "reason": "wrong group"}]
    vpc["network_acls"]["acl-data"]["suppress"] = [{"code": "L-NACL-SHADOWED", "reason": "stale"}]
    found = _codes(shop)
    assert ("L-SG-ADMIN-OPEN", "sg-bastion") in found
    assert found.count(("L-SUPPRESS-UNUSED", "sg-app")) == 1 and ("L-SUPPRESS-UNUSED", "acl-data") in found


def test_loader_errors_stop_the_rule_checks(shop):
    import yaml

    _open_bastion(shop)
    shop["vpcs"]["vpc-shop"]["instances"]["bastion-1"]["security_groups"] = ["sg-nope"]
    result = load_spec_text(yaml.safe_dump(shop, sort_keys=False), filename="spec.yaml")
    codes = {d.code for d in collect_findings(result.topology, result.diagnostics)}
    assert "S-REF" in codes and not any(c.startswith("L-") for c in codes)
