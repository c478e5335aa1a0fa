"""Terraform import: the real public plans/state (tests/fixtures/importers/terraform) and a
`terraform show -json` state built here with nested modules, mixed providers and every
network resource type vpcdocs reads."""

from __future__ import annotations

import json

import pytest
from importer_helpers import effective, load_result

from vpcdocs.importers.model import ImportFailure
from vpcdocs.importers.terraform import import_terraform

TF = "terraform"


def _main(topo, vpc):
    (table,) = [t for t in topo.route_tables_of(vpc) if t.main]
    return table


def test_module_plan_with_unknown_values(fixtures):
    """terraform-aws-modules/vpc plan (format 0.1): every id unknown, references through locals."""
    result = import_terraform(fixtures / TF / "terraform-compliance/test_issue-158/plan.out.json")
    assert result.counts["vpcs"] == 1 and result.counts["subnets"] == 6 and result.counts["nat_gateways"] == 3
    assert result.counts["route_tables"] == 5 and result.counts["routes"] == 4  # 4 RTs + the main one AWS adds
    topo = load_result(result)
    assert all(item.aws_id is None for _, item in topo.iter_resources())  # nothing created yet: no fake AWS ids
    vpc = topo.vpc("my-vpc")
    assert str(vpc.cidrs[0]) == "10.0.0.0/16" and vpc.region == "eu-west-1"
    # count.index references: private table i -> NAT gateway i, subnet i -> table i
    for az in "abc":
        table = topo.route_table(f"my-vpc-private-eu-west-1{az}")
        assert [(r.destination, r.target) for r in table.routes] == [("0.0.0.0/0", f"my-vpc-eu-west-1{az}")]
        assert topo.subnet(f"my-vpc-private-eu-west-1{az}").route_table == table.id
        assert topo.get("nat-gateway", f"my-vpc-eu-west-1{az}").subnet == f"my-vpc-public-eu-west-1{az}"
    assert topo.route_table("my-vpc-public").routes[0].target == "my-vpc-igw"
    assert next(rt for rt in topo.route_tables_of("my-vpc") if rt.main).routes == ()
    routes = effective(topo)
    assert all(r[3] == "active" for rows in routes.values() for r in rows)
    assert any("vpc_id is not known before apply; assumed module.vpc.aws_vpc.this[0]" in n for n in result.notes)
    skipped = {s.id: s.reason for s in result.skipped}
    assert skipped["module.vpc.aws_eip.nat[0]"].startswith("Elastic IPs are not modelled")
    assert vpc.vpn_gateway == "my-vpc-vgw"  # the module's VGW, attached to the only VPC (VGW-1)


def test_plan_inline_route_and_unknown_az(fixtures):
    result = import_terraform(fixtures / TF / "terraform-compliance/test_issue-172/plan.out.json")
    topo = load_result(result)
    assert [(r.destination, r.target) for r in topo.route_table("test-vpc-public-route-table").routes] == [
        ("0.0.0.0/0", "test-vpc-igw")]
    # subnets without an availability zone (AWS picks it at apply) cannot be written: reported
    az_skips = [s for s in result.skipped if s.kind == "subnet"]
    assert len(az_skips) == 4 and all("availability zone unknown" in s.reason for s in az_skips)
    assert any(s.id == "tf:aws_lb.nlb-noncompliant" for s in result.skipped)


def test_plan_with_many_providers_and_types(fixtures):
    result = import_terraform(fixtures / TF / "checkov/tests/terraform/runner/resources/plan/tfplan.json")
    topo = load_result(result)
    assert sorted(v.id for v in topo.vpcs) == ["123456789123-acme-corp-eks-vpc", "123456789123-acme-corp-vpc"]
    assert len(topo.subnets) == 4
    rtb = topo.route_table("123456789123-acme-corp-rtb")
    assert [(r.destination, r.target) for r in rtb.routes] == [("0.0.0.0/0", "123456789123-acme-corp-igw")]
    skipped = {s.id: s.reason for s in result.skipped}
    assert skipped["null_resource.push_image"] == "provider null is not imported (only AWS)"
    assert skipped["aws_elb.weblb"] == "classic load balancers are not modelled"
    assert skipped["aws_s3_bucket.data"] == "resource type not imported by vpcdocs"


def test_raw_tfstate_with_azurerm_and_missing_vpc(fixtures):
    result = import_terraform(fixtures / TF / "driftctl/pkg/iac/terraform/state/test/aws_lb_listener/terraform.tfstate")
    skipped = {s.id: s.reason for s in result.skipped}
    assert skipped["data.azurerm_resource_group.raphael-dev"] == (
        'provider provider["registry.terraform.io/hashicorp/azurerm"] is not imported (only AWS)')
    # the state manages resources of a VPC it does not contain: each is reported, nothing written
    assert result.files == {}
    assert "its VPC vpc-069eb1208f4f62f3c is not in the import" in skipped["subnet-09b8c4d89ed5f3aeb"]
    assert any("loadbalancer/app/test-lb-tf" in k for k in skipped)


def _res(address, type_, values, provider="registry.terraform.io/hashicorp/aws", index=None):
    name = address.rsplit(".", 1)[-1].split("[")[0]
    return {"address": address, "mode": "managed", "type": type_, "name": name, "index": index,
            "provider_name": provider, "schema_version": 0, "values": values}


def _state():
    """A `terraform show -json` state (format 1.0): hub module nested two levels deep."""
    arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333"
    net = {
        "address": "module.network.module.hub",
        "resources": [
            _res("module.network.module.hub.aws_vpc.this", "aws_vpc", {
                "id": "vpc-0aaaaaaaaaaaaaaa1", "cidr_block": "10.0.0.0/16", "tags": {"Name": "hub"},
                "arn": "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0aaaaaaaaaaaaaaa1", "owner_id": "111122223333",
                "enable_dns_support": True, "enable_dns_hostnames": True,
                "main_route_table_id": "rtb-0aaaaaaaaaaaaaaa0"}),
            _res("module.network.module.hub.aws_vpc_ipv4_cidr_block_association.extra",
                 "aws_vpc_ipv4_cidr_block_association", {"vpc_id": "vpc-0aaaaaaaaaaaaaaa1", "cidr_block": "10.5.0.0/16"}),
            *[_res(f"module.network.module.hub.aws_subnet.app[{i}]", "aws_subnet", {
                "id": f"subnet-0aaaaaaaaaaaaaa{i}1", "vpc_id": "vpc-0aaaaaaaaaaaaaaa1", "cidr_block": f"10.0.{i}.0/24",
                "availability_zone": f"us-east-1{'ab'[i]}", "tags": {"Name": f"app-{'ab'[i]}"}}, index=i)
              for i in range(2)],
            _res("module.network.module.hub.aws_route_table.app", "aws_route_table", {
                "id": "rtb-0aaaaaaaaaaaaaaa1", "vpc_id": "vpc-0aaaaaaaaaaaaaaa1", "tags": {"Name": "app"},
                "propagating_vgws": [], "route": [
                    {"cidr_block": "10.9.0.0/16", "transit_gateway_id": "tgw-0123456789abcdef0", "gateway_id": "",
                     "nat_gateway_id": "", "ipv6_cidr_block": "", "destination_prefix_list_id": ""},
                    {"cidr_block": "10.1.0.0/16", "vpc_peering_connection_id": "pcx-0123456789abcdef0",
                     "gateway_id": ""}]}),
            _res("module.network.module.hub.aws_route.peer", "aws_route", {
                "route_table_id": "rtb-0aaaaaaaaaaaaaaa1", "destination_cidr_block": "10.1.0.0/16",
                "vpc_peering_connection_id": "pcx-0123456789abcdef0"}),
            _res("module.network.module.hub.aws_route.gone", "aws_route", {
                "route_table_id": "rtb-0aaaaaaaaaaaaaaa1", "destination_cidr_block": "0.0.0.0/0",
                "nat_gateway_id": "nat-0deaddeaddeaddead"}),
            *[_res(f"module.network.module.hub.aws_route_table_association.app[{i}]", "aws_route_table_association",
                   {"subnet_id": f"subnet-0aaaaaaaaaaaaaa{i}1", "route_table_id": "rtb-0aaaaaaaaaaaaaaa1"}, index=i)
              for i in range(2)],
            _res("module.network.module.hub.aws_vpc_endpoint.s3", "aws_vpc_endpoint", {
                "id": "vpce-0aaaaaaaaaaaaaaa1", "vpc_id": "vpc-0aaaaaaaaaaaaaaa1",
                "service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway", "route_table_ids": [],
                "prefix_list_id": "pl-63a5400a", "subnet_ids": [], "security_group_ids": []}),
            _res("module.network.module.hub.aws_vpc_endpoint_route_table_association.s3",
                 "aws_vpc_endpoint_route_table_association",
                 {"vpc_endpoint_id": "vpce-0aaaaaaaaaaaaaaa1", "route_table_id": "rtb-0aaaaaaaaaaaaaaa1"}),
            _res("module.network.module.hub.aws_lb.alb", "aws_lb", {
                "arn": f"{arn}:loadbalancer/app/alb/1", "id": f"{arn}:loadbalancer/app/alb/1", "name": "alb",
                "load_balancer_type": "application", "internal": True, "vpc_id": "vpc-0aaaaaaaaaaaaaaa1",
                "subnets": ["subnet-0aaaaaaaaaaaaaa01", "subnet-0aaaaaaaaaaaaaa11"], "security_groups": []}),
            _res("module.network.module.hub.aws_lb.nlb", "aws_lb", {
                "arn": f"{arn}:loadbalancer/net/nlb/2", "id": f"{arn}:loadbalancer/net/nlb/2", "name": "nlb",
                "load_balancer_type": "network", "internal": True, "vpc_id": "vpc-0aaaaaaaaaaaaaaa1",
                "enable_cross_zone_load_balancing": False,
                "subnet_mapping": [{"subnet_id": "subnet-0aaaaaaaaaaaaaa01"}, {"subnet_id": "subnet-0aaaaaaaaaaaaaa11"}]}),
            _res("module.network.module.hub.aws_lb_target_group.to_alb", "aws_lb_target_group", {
                "arn": f"{arn}:targetgroup/to-alb/3", "name": "to-alb", "target_type": "alb", "protocol": "TCP",
                "port": 443, "vpc_id": "vpc-0aaaaaaaaaaaaaaa1"}),
            _res("module.network.module.hub.aws_lb_target_group_attachment.alb", "aws_lb_target_group_attachment", {
                "target_group_arn": f"{arn}:targetgroup/to-alb/3", "target_id": f"{arn}:loadbalancer/app/alb/1",
                "port": 443}),
            _res("module.network.module.hub.aws_lb_listener.nlb", "aws_lb_listener", {
                "load_balancer_arn": f"{arn}:loadbalancer/net/nlb/2", "port": 443, "protocol": "TCP",
                "default_action": [{"type": "forward", "target_group_arn": f"{arn}:targetgroup/to-alb/3"}]}),
            _res("module.network.module.hub.aws_lb_listener.alb", "aws_lb_listener", {
                "load_balancer_arn": f"{arn}:loadbalancer/app/alb/1", "port": 443, "protocol": "HTTPS",
                "default_action": [{"type": "fixed-response"}]}),
            _res("module.network.module.hub.aws_vpc_endpoint_service.orders", "aws_vpc_endpoint_service", {
                "id": "vpce-svc-0123456789abcdef0", "acceptance_required": True,
                "network_load_balancer_arns": [f"{arn}:loadbalancer/net/nlb/2"],
                "allowed_principals": ["arn:aws:iam::444455556666:root"],
                "service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"}),
        ],
    }
    root = {
        "resources": [
            _res("aws_vpc.spoke", "aws_vpc", {"id": "vpc-0bbbbbbbbbbbbbbb2", "cidr_block": "10.1.0.0/16",
                                              "tags": {"Name": "spoke"}, "main_route_table_id": "rtb-0bbbbbbbbbbbbbbb0"}),
            _res("aws_subnet.spoke", "aws_subnet", {"id": "subnet-0bbbbbbbbbbbbbbb2", "vpc_id": "vpc-0bbbbbbbbbbbbbbb2",
                                                    "cidr_block": "10.1.1.0/24", "availability_zone": "us-east-1a"}),
            _res("aws_vpc_peering_connection.hub_spoke", "aws_vpc_peering_connection", {
                "id": "pcx-0123456789abcdef0", "vpc_id": "vpc-0aaaaaaaaaaaaaaa1", "peer_vpc_id": "vpc-0bbbbbbbbbbbbbbb2",
                "accept_status": "active", "tags": {"Name": "hub-spoke"}}),
            _res("aws_vpc_peering_connection.partner", "aws_vpc_peering_connection", {
                "id": "pcx-0fedcba9876543210", "vpc_id": "vpc-0bbbbbbbbbbbbbbb2", "peer_vpc_id": "vpc-0partner0000000000",
                "peer_owner_id": "444455556666", "peer_region": "eu-west-1", "accept_status": "pending-acceptance"}),
            _res("aws_ec2_transit_gateway.hub", "aws_ec2_transit_gateway", {
                "id": "tgw-0123456789abcdef0", "amazon_side_asn": 64512, "description": "core",
                "default_route_table_association": "enable", "default_route_table_propagation": "enable",
                "association_default_route_table_id": "tgw-rtb-0default000000000",
                "propagation_default_route_table_id": "tgw-rtb-0default000000000", "tags": {"Name": "core"}}),
            _res("aws_ec2_transit_gateway_vpc_attachment.hub", "aws_ec2_transit_gateway_vpc_attachment", {
                "id": "tgw-attach-0aaaaaaaaaaaaaaaa", "transit_gateway_id": "tgw-0123456789abcdef0",
                "vpc_id": "vpc-0aaaaaaaaaaaaaaa1", "subnet_ids": ["subnet-0aaaaaaaaaaaaaa01", "subnet-0aaaaaaaaaaaaaa11"],
                "transit_gateway_default_route_table_association": False,
                "transit_gateway_default_route_table_propagation": True}),
            _res("aws_ec2_transit_gateway_route_table.isolated", "aws_ec2_transit_gateway_route_table", {
                "id": "tgw-rtb-0isolated00000000", "transit_gateway_id": "tgw-0123456789abcdef0",
                "tags": {"Name": "isolated"}}),
            _res("aws_ec2_transit_gateway_route_table_association.hub",
                 "aws_ec2_transit_gateway_route_table_association", {
                     "transit_gateway_attachment_id": "tgw-attach-0aaaaaaaaaaaaaaaa",
                     "transit_gateway_route_table_id": "tgw-rtb-0isolated00000000"}),
            _res("aws_ec2_transit_gateway_route.default", "aws_ec2_transit_gateway_route", {
                "destination_cidr_block": "0.0.0.0/0", "transit_gateway_attachment_id": "tgw-attach-0aaaaaaaaaaaaaaaa",
                "transit_gateway_route_table_id": "tgw-rtb-0isolated00000000", "blackhole": False}),
            _res("aws_ec2_transit_gateway_route.drop", "aws_ec2_transit_gateway_route", {
                "destination_cidr_block": "10.99.0.0/16", "blackhole": True,
                "transit_gateway_route_table_id": "tgw-rtb-0isolated00000000"}),
            _res("azurerm_resource_group.rg", "azurerm_resource_group", {"id": "/subscriptions/x/rg", "name": "rg"},
                 provider="registry.terraform.io/hashicorp/azurerm"),
            _res("aws_security_group.web", "aws_security_group", {
                "id": "sg-0123456789abcdef0", "name": "web", "vpc_id": "vpc-0bbbbbbbbbbbbbbb2", "description": "web tier",
                "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/16"],
                             "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": False,
                             "description": ""}],
                "egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"],
                            "self": False}]}),
            _res("aws_security_group_rule.self", "aws_security_group_rule", {
                "type": "ingress", "security_group_id": "sg-0123456789abcdef0", "from_port": 8000, "to_port": 8080,
                "protocol": "tcp", "self": True, "description": "app ports"}),
        ],
        "child_modules": [{"address": "module.network", "resources": [], "child_modules": [net]}],
    }
    return {"format_version": "1.0", "terraform_version": "1.7.5", "values": {"root_module": root}}


@pytest.fixture
def state_file(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(json.dumps(_state()))
    return path


def test_show_json_state_with_nested_modules(state_file):
    result = import_terraform(state_file)
    assert set(result.files) == {"vpcs/hub.yaml", "vpcs/spoke.yaml", "shared.yaml"}
    topo = load_result(result)
    hub = topo.vpc("hub")
    assert [str(c) for c in hub.cidrs] == ["10.0.0.0/16", "10.5.0.0/16"] and hub.account == "111122223333"
    app = topo.route_table("app")
    assert app.aws_id == "rtb-0aaaaaaaaaaaaaaa1"
    # inline routes and aws_route merged (the state lists aws_route routes inline too: once only)
    assert sorted((r.destination, r.target) for r in app.routes) == [
        ("0.0.0.0/0", "nat-0deaddeaddeaddead"), ("10.1.0.0/16", "hub-spoke"), ("10.9.0.0/16", "core")]
    routes = effective(topo)["rtb-0aaaaaaaaaaaaaaa1"]
    assert ("0.0.0.0/0", "nat-0deaddeaddeaddead", "static", "blackhole") in routes  # target gone
    assert ("pl-63a5400a", "vpce-0aaaaaaaaaaaaaaa1", "gateway-endpoint", "active") in routes
    assert topo.subnet("app-a").route_table == "app" and _main(topo, "hub").aws_id == "rtb-0aaaaaaaaaaaaaaa0"
    # load balancers: NLB -> ALB target group, endpoint service with principals
    nlb = topo.get("load-balancer", "nlb")
    assert nlb.type == "network" and nlb.cross_zone is False and nlb.subnets == ("app-a", "app-b")
    assert nlb.target_groups[0].target_type == "alb" and nlb.target_groups[0].targets == ("alb",)
    assert nlb.listeners[0].target_group == "to-alb"
    (svc,) = topo.endpoint_services
    assert svc.load_balancers == ("nlb",) and svc.allowed_principals == ("arn:aws:iam::444455556666:root",)
    # peerings: in the import, and an external partner
    partner = [p for p in topo.peerings if p.aws_id == "pcx-0fedcba9876543210"][0]
    ext = topo.get("external-vpc", partner.accepter)
    assert partner.status == "pending-acceptance" and ext.account == "444455556666" and ext.region == "eu-west-1"
    # transit gateway: default table from the TGW, explicit association replaces the default one
    core = topo.get("transit-gateway", "core")
    assert core.asn == 64512 and core.description == "core"
    (att,) = topo.attachments_of_tgw("core")
    assert att.subnets == ("app-a", "app-b")
    isolated = topo.get("tgw-route-table", "isolated")
    assert isolated.associations == (att.id,)
    assert [(r.destination, r.attachment, r.blackhole) for r in isolated.routes] == [
        ("0.0.0.0/0", att.id, False), ("10.99.0.0/16", None, True)]
    default = topo.get("tgw-route-table", "core-default")
    assert default.associations == () and default.propagations == (att.id,)
    skipped = {s.id: s.reason for s in result.skipped}
    assert skipped["azurerm_resource_group.rg"] == \
        "provider registry.terraform.io/hashicorp/azurerm is not imported (only AWS)"
    web = topo.get("security-group", "web")
    assert web.vpc == "spoke" and web.description == "web tier"
    assert [(r.protocol, r.from_port, r.to_port, r.peer, r.description) for r in web.ingress] == [
        ("tcp", 443, 443, "10.0.0.0/16", None), ("tcp", 8000, 8080, "web", "app ports")]
    assert [(r.protocol, r.peer) for r in web.egress] == [("all", "0.0.0.0/0")]


@pytest.mark.parametrize("content, message", [
    ("{", "error[I-JSON]: invalid JSON at line 1 column 2"),
    ('{"version": 3, "modules": []}', "error[I-TF]: raw state version 3 is not supported"),
    ('{"hello": 1}', "error[I-TF]: not a Terraform plan or state"),
    ("[1, 2]", "error[I-TF]: not a Terraform plan or state (expected a JSON object)"),
])
def test_bad_terraform_input(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ImportFailure) as info:
        import_terraform(path)
    assert info.value.format().startswith(f"{path}: {message}")


def _change(address, type_, after, unknown, module=None, index=None):
    name = address.rsplit(".", 1)[-1].split("[")[0]
    rc = {"address": address, "mode": "managed", "type": type_, "name": name, "index": index,
          "provider_name": "registry.terraform.io/hashicorp/aws",
          "change": {"actions": ["create"], "before": None, "after": after,
                     "after_unknown": {k: True for k in unknown}}}
    if module:
        rc["module_address"] = module
    return rc


def test_plan_references_through_module_outputs(tmp_path):
    """A root subnet whose vpc_id is `module.vpc.vpc_id` (format 1.2 plan, nothing created yet)."""
    plan = {
        "format_version": "1.2", "terraform_version": "1.9.0",
        "planned_values": {"root_module": {}},
        "resource_changes": [
            _change("module.vpc.aws_vpc.this[0]", "aws_vpc", {"cidr_block": "10.0.0.0/16", "tags": {"Name": "core"}},
                    ["id", "arn", "main_route_table_id"], module="module.vpc", index=0),
            _change("aws_vpc.other", "aws_vpc", {"cidr_block": "10.1.0.0/16"}, ["id"]),
            _change("aws_subnet.app", "aws_subnet", {"cidr_block": "10.0.1.0/24", "availability_zone": "eu-west-1a"},
                    ["id", "vpc_id"]),
            _change("aws_route_table.app", "aws_route_table", {"tags": {"Name": "app"}}, ["id", "vpc_id", "route"]),
            _change("aws_route_table_association.app", "aws_route_table_association", {},
                    ["id", "subnet_id", "route_table_id"]),
            _change("aws_vpc_endpoint.s3", "aws_vpc_endpoint", {"service_name": "com.amazonaws.eu-west-1.s3"},
                    ["id", "vpc_id", "route_table_ids", "prefix_list_id"]),
        ],
        "configuration": {
            "provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}},
            "root_module": {
                "resources": [
                    {"address": "aws_subnet.app", "type": "aws_subnet", "name": "app",
                     "expressions": {"vpc_id": {"references": ["module.vpc.vpc_id", "module.vpc"]}}},
                    {"address": "aws_route_table.app", "type": "aws_route_table", "name": "app",
                     "expressions": {"vpc_id": {"references": ["module.vpc.vpc_id", "module.vpc"]}}},
                    {"address": "aws_route_table_association.app", "type": "aws_route_table_association",
                     "name": "app", "expressions": {
                         "subnet_id": {"references": ["aws_subnet.app.id", "aws_subnet.app"]},
                         "route_table_id": {"references": ["aws_route_table.app.id", "aws_route_table.app"]}}},
                    {"address": "aws_vpc_endpoint.s3", "type": "aws_vpc_endpoint", "name": "s3", "expressions": {
                        "vpc_id": {"references": ["module.vpc.vpc_id", "module.vpc"]},
                        "route_table_ids": {"references": ["aws_route_table.app.id", "aws_route_table.app"]}}},
                ],
                "module_calls": {"vpc": {"source": "./vpc", "module": {
                    "outputs": {"vpc_id": {"expression": {"references": ["aws_vpc.this[0].id", "aws_vpc.this"]}}},
                    "resources": [{"address": "aws_vpc.this", "type": "aws_vpc", "name": "this", "expressions": {}}],
                }}},
            },
        },
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    result = import_terraform(path)
    topo = load_result(result)
    assert topo.subnet("app").vpc == "core" and topo.route_table("app").vpc == "core"
    assert topo.subnet("app").route_table == "app"
    (s3,) = topo.gateway_endpoints
    assert s3.vpc == "core" and s3.route_tables == ("app",) and s3.service == "s3"
    assert not any("assumed" in n for n in result.notes)  # resolved, not guessed
    assert {v.region for v in topo.vpcs} == {"eu-west-1"}  # from the provider configuration
    routes = effective(topo)
    assert ("com.amazonaws.eu-west-1.s3", "s3", "gateway-endpoint", "active") in routes["app"]
