"""What a reviewer must not miss: consequences, not just changed rows.

* a subnet's S3 traffic moving from the gateway endpoint to NAT (bucket policies on
  ``aws:SourceVpce`` stop matching, NAT charges start), and to an interface endpoint;
* one peering opening many subnet pairs is one group named after the peering;
* a security-group or NACL rule listed with the flows it opens or closes, with its traffic;
* an ``info`` finding never wears an error's marker.
"""

from __future__ import annotations

import html
import json

from diff_helpers import ADD_PEERING_B_C, BASE_SPEC, apply

from vpcdocs.diff.report import diff_topologies
from vpcdocs.render.diff import render_json, render_markdown, render_text
from vpcdocs.spec import load_spec_text


def load(text: str):
    result = load_spec_text(text, "net.yaml")
    assert result.ok, [d.format() for d in result.errors]
    return result.topology


def diff(base_text: str, head_text: str):
    return diff_topologies(load(base_text), load(head_text))


# --------------------------------------------------------------------------- service paths


def test_s3_moving_from_the_gateway_endpoint_to_nat_says_what_breaks_and_what_it_costs():
    report = diff(BASE_SPEC, apply(BASE_SPEC, [("route_tables: [a-app]}", "route_tables: []}")]))
    (change,) = report.services
    assert (change.vpc, change.subnets, change.service) == ("vpc-a", ("a-app-1", "a-app-2"), "s3")
    assert change.before.text() == "gateway endpoint a-s3"
    assert change.after.text() == "public endpoint via nat-a → igw-a"
    assert change.severity == "warning"
    assert change.consequences == (
        "policies that require aws:SourceVpce a-s3 (bucket, table or endpoint policies, GWE-9) no longer match "
        "these requests",
        "NAT gateway data-processing charges (per GB) start for this traffic")
    md = render_markdown(report)
    assert "<summary><b>Service paths — 1 change</b></summary>" in md
    row = next(line for line in md.splitlines() if line.startswith("| ⚠️ warning |"))
    assert "<code>a-app-1</code>, <code>a-app-2</code> (<code>vpc-a</code>)" in row
    assert "| gateway endpoint a-s3 | public endpoint via nat-a → igw-a |" in row
    assert "aws:SourceVpce a-s3" in row and "NAT gateway data-processing charges" in row
    # the section comes first: before reachability, routes and resources
    assert md.index("Service paths") < md.index("Route tables") < md.index("Resources")
    text = render_text(report)
    assert "  warning: s3 from a-app-1, a-app-2 (vpc-a)\n      was: gateway endpoint a-s3\n" in text


def test_the_reverse_move_and_an_interface_endpoint_with_private_dns():
    no_gwe = apply(BASE_SPEC, [("route_tables: [a-app]}", "route_tables: []}")])
    (back,) = diff(no_gwe, BASE_SPEC).services
    assert back.severity == "info"
    assert "NAT gateway data-processing charges for this traffic stop" in back.consequences
    assert back.consequences[0].startswith("requests now carry aws:SourceVpce a-s3")

    sqs = apply(BASE_SPEC, [("    endpoints:\n", "    endpoints:\n      a-sqs: {type: interface, service: sqs, "
                                                "subnets: [a-app-1], private_dns: true}\n")])
    changes = {c.subnets: c for c in diff(BASE_SPEC, sqs).services}
    app = changes[("a-app-1", "a-app-2")]
    assert (app.service, app.before.text(), app.after.text()) == (
        "sqs", "public endpoint via nat-a → igw-a", "interface endpoint a-sqs")
    assert "the interface endpoint is billed per hour and per GB (IFE-7)" in app.consequences
    # without private DNS the SDK keeps using the public endpoint: nothing moves
    no_dns = sqs.replace("private_dns: true", "private_dns: false")
    assert diff(BASE_SPEC, no_dns).services == ()


def test_a_subnet_that_loses_every_way_to_s3_is_an_error():
    head = apply(BASE_SPEC, [("route_tables: [a-app]}", "route_tables: []}"),
                             ("          - {destination: 0.0.0.0/0, target: nat-a}\n", "")])
    (change,) = diff(BASE_SPEC, head).services
    assert change.severity == "error"
    assert change.after.text() == ("blocked (no-route): no route in a-app for s3 — gateway endpoint a-s3 is not "
                                   "associated with a-app (GWE-7); add a-app to its route tables")
    assert change.consequences[0] == "s3 requests from these subnets fail"


# --------------------------------------------------------------------------- flows by cause

WIDE = BASE_SPEC.replace(
    "      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}\n",
    "      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}\n"
    "      b-web: {cidr: 10.1.2.0/24, az: us-east-1a, route_table: b-app}\n"
    "      b-db: {cidr: 10.1.3.0/24, az: us-east-1a, route_table: b-app}\n").replace(
    "      c-app: {cidr: 10.2.1.0/24, az: us-east-1a, route_table: c-app}\n",
    "      c-app: {cidr: 10.2.1.0/24, az: us-east-1a, route_table: c-app}\n"
    "      c-web: {cidr: 10.2.2.0/24, az: us-east-1a, route_table: c-app}\n")


def test_one_peering_is_one_group_however_many_subnet_pairs_it_opens():
    report = diff(WIDE, apply(WIDE, ADD_PEERING_B_C))
    assert len(report.reachability) == 2 + 12  # 2 VPC pairs, 3 × 2 subnets each way
    (group,) = report.groups
    assert group.title() == "pcx-b-c (peering, added) opens vpc-b ↔ vpc-c: 2 VPC pairs, 12 subnet pairs"
    md = render_markdown(report)
    assert md.count("<summary>🟢 <code>pcx-b-c</code>") == 1
    assert "(1 cause)" in md


def test_removing_a_peering_and_a_route_are_two_causes(tmp_path):
    peered = apply(BASE_SPEC, ADD_PEERING_B_C)
    head = apply(peered, [("  pcx-b-c: {requester: vpc-b, accepter: vpc-c}\n", ""),
                          ("          - {destination: 10.2.0.0/16, target: pcx-b-c}\n", ""),
                          ("          - {destination: 10.1.0.0/16, target: pcx-b-c}\n", ""),
                          ("          - {destination: 10.1.0.0/16, target: pcx-a-b}\n", "")])
    report = diff(peered, head)
    titles = [g.title() for g in report.groups]
    assert titles == ["pcx-b-c (peering, removed) closes vpc-b ↔ vpc-c: 2 VPC pairs, 2 subnet pairs",
                      "a-app (route table, changed) closes vpc-a ↔ vpc-b: 2 VPC pairs, 4 subnet pairs"]
    data = json.loads(render_json(report))
    assert [g["cause"] for g in data["reachability_groups"]] == [
        {"kind": "peering", "id": "pcx-b-c", "change": "removed"},
        {"kind": "route-table", "id": "a-app", "change": "changed"}]
    flow = next(f for f in data["reachability"] if f["from"] == "b-app" and f["to"] == "c-app")
    assert flow["before"]["disposition"] == "accepted" and flow["before"]["via"] == ["pcx-b-c"]
    assert flow["after"]["disposition"] == "no-route"
    assert flow["after"]["blocker"] == {"cause": "not-connected", "at": "b-app", "leg": "request"}


# --------------------------------------------------------------------------- security rules

SECURED = BASE_SPEC.replace("    endpoints:\n", """\
    security_groups:
      sg-web:
        ingress:
          - {protocol: tcp, port: 443, source: 10.0.0.0/16}
        egress:
          - {protocol: all, destination: 0.0.0.0/0}
      sg-app:
        ingress:
          - {protocol: all, source: 10.0.0.0/8}
        egress:
          - {protocol: all, destination: 0.0.0.0/0}
    instances:
      web-1: {subnet: a-app-1, private_ip: 10.0.1.10, security_groups: [sg-web]}
      app-2: {subnet: a-app-2, private_ip: 10.0.2.10, security_groups: [sg-app]}
    network_acls:
      acl-app:
        subnets: [a-app-2]
        ingress:
          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
        egress:
          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
    endpoints:
""")
SSH_FROM_B = [("          - {protocol: tcp, port: 443, source: 10.0.0.0/16}\n",
               "          - {protocol: tcp, port: 443, source: 10.0.0.0/16}\n"
               "          - {protocol: tcp, port: 22, source: 10.1.0.0/16}\n")]
DENY_SSH = [("          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}\n        egress:",
             "          - {rule: 90, action: deny, protocol: tcp, ports: 22, cidr: 10.1.0.0/16}\n"
             "          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}\n        egress:")]


def test_a_security_group_rule_lists_the_flows_it_opens_with_its_traffic():
    report = diff(SECURED, apply(SECURED, SSH_FROM_B))
    (rule,) = report.rules
    assert (rule.kind, rule.id, rule.direction, rule.change, rule.rule, rule.traffic) == (
        "security-group", "sg-web", "ingress", "added", "tcp 22 from 10.1.0.0/16", "tcp/22")
    (flow,) = rule.flows
    assert (flow.source, flow.destination, flow.change) == ("b-app", "web-1", "opened")
    assert flow.before.text() == ("blocked (denied-by-security-group): security group sg-web of web-1 allows no "
                                  "tcp/22 inbound from 10.1.1.0/24 (SG-1: no rule allows it)")
    assert flow.after.text() == "reachable via pcx-a-b"
    assert "1 security rule changed (1 flow opened)" in report.summary()
    assert report.unexpected_reachability_change
    md = render_markdown(report)
    assert ("<summary>🟢 added security group <code>sg-web</code> (<code>vpc-a</code>) ingress: "
            "<code>tcp 22 from 10.1.0.0/16</code> — opens 1 flow <sub>tcp/22</sub></summary>") in md
    # the resource diff words the rule the same way
    assert "ingress: \\+ tcp 22 from 10.1.0.0/16" in md


def test_a_rule_is_credited_only_with_what_it_changes_on_its_own():
    # the same change peers vpc-a with vpc-c and opens the group to vpc-c
    peer_c = [("          - {destination: 10.1.0.0/16, target: pcx-a-b}\n",
               "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n"
               "          - {destination: 10.2.0.0/16, target: pcx-a-c}\n"),
              ("      c-app: {main: true}\n",
               "      c-app:\n        main: true\n        routes:\n          - {destination: 10.0.0.0/16, target: pcx-a-c}\n"),
              ("  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n",
               "  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n  pcx-a-c: {requester: vpc-a, accepter: vpc-c}\n"),
              (SSH_FROM_B[0][0], SSH_FROM_B[0][1].replace("10.1.0.0/16", "10.2.0.0/16"))]
    report = diff(SECURED, apply(SECURED, peer_c))
    (rule,) = report.rules
    assert rule.isolated
    (flow,) = rule.flows
    assert (flow.source, flow.destination, flow.change) == ("c-app", "web-1", "opened")
    # without the rule (but with the new peering) the group was what blocked ssh
    assert flow.before.disposition == "denied-by-security-group"
    assert flow.after.text() == "reachable via pcx-a-c"
    # the peering's own flows are grouped under the peering, not the rule
    assert [g.cause.id for g in report.groups] == ["pcx-a-c"]


def test_a_nacl_rule_that_closes_a_flow_and_one_that_changes_nothing():
    report = diff(SECURED, apply(SECURED, DENY_SSH))
    (rule,) = report.rules
    assert (rule.kind, rule.rule, rule.change) == ("network-acl", "#90 deny tcp 22 from 10.1.0.0/16", "added")
    (flow,) = rule.flows
    assert (flow.source, flow.destination, flow.change) == ("b-app", "a-app-2", "closed")
    assert flow.after.disposition == "denied-by-nacl"
    assert "rule 90 decides" in flow.after.reason
    # the same rule for a peer with no route here: asked, nothing changes
    quiet = apply(SECURED, [(DENY_SSH[0][0], DENY_SSH[0][1].replace("10.1.0.0/16", "10.9.0.0/16"))])
    (rule,) = diff(SECURED, quiet).rules
    assert rule.flows == () and rule.pairs == 0
    assert "no flow changes (0 pairs asked)" in render_text(diff(SECURED, quiet))


def test_a_rule_that_opens_its_part_while_something_else_still_blocks():
    # web-1 may send nothing; b-app's NACL refuses ssh from vpc-a
    closed = apply(SECURED, [("          - {protocol: all, destination: 0.0.0.0/0}\n", ""),
                             ("      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}\n",
                              "      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-app}\n"
                              "    network_acls:\n      acl-b:\n        subnets: [b-app]\n        ingress:\n"
                              "          - {rule: 90, action: deny, protocol: tcp, ports: 22, cidr: 10.0.0.0/16}\n"
                              "          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}\n"
                              "        egress:\n"
                              "          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}\n")])
    head = apply(closed, [("        egress:\n      sg-app:", "        egress:\n"
                                                          "          - {protocol: tcp, port: 22, destination: "
                                                          "10.1.0.0/16}\n      sg-app:")])
    report = diff(closed, head)
    (rule,) = report.rules
    assert (rule.direction, rule.rule) == ("egress", "tcp 22 to 10.1.0.0/16")
    (flow,) = rule.flows
    assert (flow.source, flow.destination, flow.change) == ("web-1", "b-app", "blocked")
    # the group lets ssh out now; b-app's NACL still refuses it
    assert (flow.before.disposition, flow.after.disposition) == ("denied-by-security-group", "denied-by-nacl")
    assert not report.flows_start_or_stop
    assert "still blocked, by another rule: 1 flow" in render_markdown(report)


# --------------------------------------------------------------------------- markers


def test_severity_markers_are_not_change_markers():
    report = diff(BASE_SPEC, apply(BASE_SPEC, [("route_tables: [a-app]}", "route_tables: []}")]))
    (finding,) = report.findings.introduced
    assert finding.severity == "info"
    md = render_markdown(report)
    row = next(line for line in md.splitlines() if finding.code in line and line.startswith("|"))
    assert row.startswith("| ➕ introduced | ℹ️ info |")
    assert "🔴" not in row and "🛑" not in row
    broken = apply(BASE_SPEC, [("          - {destination: 10.1.0.0/16, target: pcx-a-b}\n", "")])
    md = render_markdown(diff(BASE_SPEC, broken))
    expect_row = next(line for line in md.splitlines() if "E-EXPECT" in line)
    assert expect_row.startswith("| ➕ introduced | 🛑 error |")


def test_spec_text_in_the_new_sections_is_escaped_and_pings_nobody():
    evil = "@eve<img src=x onerror=alert(1)>"
    hostile = SECURED.replace("      sg-web:\n", f"      '{evil}':\n").replace(
        "security_groups: [sg-web]", f"security_groups: ['{evil}']")
    md = render_markdown(diff(hostile, apply(hostile, SSH_FROM_B)))
    summary = next(line for line in md.splitlines() if line.startswith("<summary>🟢 added security group"))
    assert "<img" not in md  # shown as text, never as a tag
    # read as a browser would: the name, literally, with a word joiner after the @
    assert "<code>@\u2060eve<img src=x onerror=alert(1)></code>" in html.unescape(summary)
    assert "@eve" not in md  # every mention carries the invisible word joiner: nobody is pinged


def test_a_nacl_is_stateless_the_rule_that_carried_the_replies_closes_the_other_way():
    # a-app-2 answers vpc-b only through an explicit outbound rule for the ephemeral ports
    strict = apply(SECURED, [("        egress:\n          - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}\n"
                              "    endpoints:",
                              "        egress:\n          - {rule: 100, action: allow, protocol: tcp, ports: 1024-65535, "
                              "cidr: 10.1.0.0/16}\n    endpoints:")])
    report = diff(strict, apply(strict, [("          - {rule: 100, action: allow, protocol: tcp, ports: 1024-65535, "
                                          "cidr: 10.1.0.0/16}\n", "")]))
    (rule,) = report.rules
    assert (rule.direction, rule.rule) == ("egress", "#100 allow tcp 1024-65535 to 10.1.0.0/16")
    replies = [f for f in rule.flows if f.destination == "a-app-2"]
    assert [(f.source, f.change, f.after.disposition) for f in replies] == [("b-app", "closed", "denied-by-nacl")]
    assert "replies" in replies[0].after.reason
