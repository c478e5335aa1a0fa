"""``vpcdocs diff`` on real git history: each commit of a series, compared with its parent,
shows exactly the resource, route and reachability changes a reviewer needs to see."""

from __future__ import annotations

import json

import pytest
from diff_helpers import (
    ADD_GWE_ASSOCIATION,
    ADD_PEERING_B_C,
    BASE_SPEC,
    MOVE_SUBNET,
    REMOVE_ROUTE_A_B,
    Repo,
    apply,
)

from vpcdocs.diff.report import diff_sides
from vpcdocs.diff.revisions import RevisionError, resolve_sides


def diff(repo: Repo, base: str | None, head: str | None, specs: str = "specs"):
    b, h = resolve_sides(base, head, specs, cwd=repo.root)
    report, _, _ = diff_sides(b, h)
    return report


def resources(report) -> set:
    return {(r.change, r.kind, r.id, tuple(f.text() for f in r.fields)) for r in report.resources}


def rows(report) -> set:
    return {(t.table, rc.change, rc.destination, rc.row.target, rc.row.origin, rc.row.state)
            for t in report.routes for rc in t.rows}


def associations(report) -> set:
    return {(t.table, tuple(t.associations_added), tuple(t.associations_removed)) for t in report.routes
            if t.associations_added or t.associations_removed}


def flows(report) -> set:
    return {(r.level, r.source, r.destination, r.before_text, r.after_text) for r in report.reachability}


@pytest.fixture
def series(repo: Repo):
    """Commits on top of the base: add a peering, remove a route, add a gateway endpoint
    association, rename and split the spec file, move a subnet between route tables."""
    commits = {"base": repo.git("rev-parse", "HEAD")}
    for name, edits in (("peering", ADD_PEERING_B_C), ("remove-route", REMOVE_ROUTE_A_B),
                        ("gwe", ADD_GWE_ASSOCIATION)):
        repo.change("specs/net.yaml", edits)
        commits[name] = repo.commit(name)
    # rename and split: vpc-c goes to its own file, the rest moves to a sub-folder
    text = repo.read("specs/net.yaml")
    start = text.index("  vpc-c:\n")
    end = text.index("peerings:\n")
    vpc_c = text[start:end]
    (repo.root / "specs" / "estate").mkdir()
    repo.git("mv", "specs/net.yaml", "specs/estate/main.yaml")
    repo.write("specs/estate/main.yaml", text[:start] + text[end:])
    repo.write("specs/vpc-c.yml", "region: us-east-1\naccount: \"111122223333\"\nvpcs:\n" + vpc_c)
    commits["rename"] = repo.commit("rename and split")
    repo.change("specs/estate/main.yaml", MOVE_SUBNET)
    commits["move"] = repo.commit("move a-app-2 to a-isolated")
    return commits


def test_add_peering(repo, series):
    report = diff(repo, series["base"], series["peering"])
    assert resources(report) == {
        ("added", "peering", "pcx-b-c", ()),
        ("changed", "route-table", "b-app", ("routes: + 10.2.0.0/16 → pcx-b-c",)),
        ("changed", "route-table", "c-app", ("routes: + 10.1.0.0/16 → pcx-b-c",)),
    }
    assert rows(report) == {
        ("b-app", "added", "10.2.0.0/16", "pcx-b-c", "static", "active"),
        ("c-app", "added", "10.1.0.0/16", "pcx-b-c", "static", "active"),
    }
    assert flows(report) == {
        ("vpc", "vpc-b", "vpc-c", "blocked (no-route)", "reachable via pcx-b-c"),
        ("vpc", "vpc-c", "vpc-b", "blocked (no-route)", "reachable via pcx-b-c"),
        ("subnet", "b-app", "c-app", "blocked (no-route)", "reachable via pcx-b-c"),
        ("subnet", "c-app", "b-app", "blocked (no-route)", "reachable via pcx-b-c"),
    }
    assert all(r.change == "opened" for r in report.reachability)
    # one group: the new peering explains all four flows
    (group,) = report.groups
    assert group.title() == ("pcx-b-c (peering, added) opens vpc-b ↔ vpc-c: 2 VPC pairs, 2 subnet pairs")
    assert report.unexpected_reachability_change  # expect: was not touched


def test_remove_route(repo, series):
    report = diff(repo, series["peering"], series["remove-route"])
    assert resources(report) == {("changed", "route-table", "a-app", ("routes: − 10.1.0.0/16 → pcx-a-b",))}
    assert rows(report) == {("a-app", "removed", "10.1.0.0/16", "pcx-a-b", "static", "active")}
    closed = {("vpc", "vpc-a", "vpc-b"), ("vpc", "vpc-b", "vpc-a"),
              ("subnet", "a-app-1", "b-app"), ("subnet", "a-app-2", "b-app"),
              ("subnet", "b-app", "a-app-1"), ("subnet", "b-app", "a-app-2")}
    assert {(lv, s, d) for lv, s, d, _, _ in flows(report)} == closed
    # a-app no longer routes to vpc-b: requests from A have no route, replies to A none either
    assert {(s, b, a) for _, s, _, b, a in flows(report)} == {
        ("vpc-a", "reachable via pcx-a-b", "blocked (no-route)"),
        ("a-app-1", "reachable via pcx-a-b", "blocked (no-route)"),
        ("a-app-2", "reachable via pcx-a-b", "blocked (no-route)"),
        ("vpc-b", "reachable via pcx-a-b", "blocked (no-return-route)"),
        ("b-app", "reachable via pcx-a-b", "blocked (no-return-route)")}
    (group,) = report.groups  # the changed table explains them, not the (unchanged) peering
    assert group.title() == "a-app (route table, changed) closes vpc-a ↔ vpc-b: 2 VPC pairs, 4 subnet pairs"
    # the expectation a-app-1 → b-app now fails: an introduced finding
    codes = {f.code for f in report.findings.introduced}
    assert "E-EXPECT" in codes
    assert not report.findings.resolved


def test_gateway_endpoint_association_shows_its_derived_row(repo, series):
    report = diff(repo, series["remove-route"], series["gwe"])
    assert resources(report) == {("changed", "gateway-endpoint", "a-s3", ("route_tables: + a-public",))}
    assert rows(report) == {
        ("a-public", "added", "com.amazonaws.us-east-1.s3", "a-s3", "gateway-endpoint", "active"),
    }
    (table,) = report.routes
    assert table.rows[0].derived
    assert report.reachability == ()


def test_renaming_and_splitting_files_is_no_change(repo, series):
    report = diff(repo, series["gwe"], series["rename"])
    assert report.empty
    assert report.summary() == "no network changes"
    assert not report.findings.introduced and not report.findings.resolved


def test_move_subnet_between_route_tables(repo, series):
    report = diff(repo, series["rename"], series["move"])
    assert resources(report) == {("changed", "subnet", "a-app-2", ("route_table: a-app → a-isolated",))}
    assert rows(report) == set()
    assert associations(report) == {("a-app", (), ("a-app-2",)), ("a-isolated", ("a-app-2",), ())}
    assert flows(report) == {("subnet", "a-app-2", "internet", "reachable via nat-a, igw-a", "blocked (no-route)")}
    (change,) = report.reachability
    assert "a-isolated" in change.reason


def test_whole_series_at_once_matches_by_id_across_files(repo, series):
    report = diff(repo, series["base"], series["move"])
    kinds = {(r.change, r.kind, r.id) for r in report.resources}
    assert kinds == {
        ("added", "peering", "pcx-b-c"),
        ("changed", "route-table", "a-app"), ("changed", "route-table", "b-app"),
        ("changed", "route-table", "c-app"), ("changed", "subnet", "a-app-2"),
        ("changed", "gateway-endpoint", "a-s3"),
    }


def test_default_base_is_merge_base_with_main_and_head_the_working_tree(repo):
    repo.git("checkout", "-q", "-b", "feature")
    repo.change("specs/net.yaml", ADD_PEERING_B_C)
    repo.commit("feature: peer b and c")
    repo.git("checkout", "-q", "main")
    repo.change("specs/net.yaml", MOVE_SUBNET)  # main moves on: not part of the feature's diff
    repo.commit("main: move subnet")
    repo.git("checkout", "-q", "feature")
    repo.change("specs/net.yaml", ADD_GWE_ASSOCIATION)  # uncommitted work is included

    report = diff(repo, None, None)
    assert report.base.startswith("merge-base with main (")
    assert report.head == "working tree (specs)"
    ids = {(r.kind, r.id) for r in report.resources}
    assert ("peering", "pcx-b-c") in ids and ("gateway-endpoint", "a-s3") in ids
    assert ("subnet", "a-app-2") not in ids


def test_default_branch_from_origin_head(repo, tmp_path):
    clone = Repo.__new__(Repo)
    clone.root = tmp_path / "clone"
    repo.git("branch", "-m", "main", "trunk")
    Repo.git(repo, "clone", "-q", str(repo.root), str(clone.root))
    clone.git("checkout", "-q", "-b", "topic")
    clone.change("specs/net.yaml", REMOVE_ROUTE_A_B)
    report = diff(clone, None, None)
    assert report.base.startswith("merge-base with origin/trunk (")
    assert rows(report) == {("a-app", "removed", "10.1.0.0/16", "pcx-a-b", "static", "active")}


def test_spec_folder_missing_at_base_shows_everything_added(repo):
    repo.git("mv", "specs", "network")
    repo.commit("rename folder")
    report = diff(repo, "HEAD~1", "HEAD", "network")
    assert {r.change for r in report.resources} == {"added"}
    assert ("vpc", "vpc-a") in {(r.kind, r.id) for r in report.resources}


def test_unknown_revision_and_not_a_repository(repo, tmp_path):
    with pytest.raises(RevisionError, match="unknown git revision 'nope'"):
        diff(repo, "nope", None)
    plain = tmp_path / "plain" / "specs"
    plain.mkdir(parents=True)
    with pytest.raises(RevisionError, match="not inside a git repository"):
        resolve_sides("main", None, str(plain))


def test_revisions_are_read_without_touching_the_work_tree(repo):
    repo.change("specs/net.yaml", ADD_PEERING_B_C)
    status_before = repo.git("status", "--porcelain")
    diff(repo, "HEAD", None)
    assert repo.git("status", "--porcelain") == status_before
    assert "pcx-b-c" in repo.read("specs/net.yaml")


def test_two_folders(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "net.yaml").write_text(BASE_SPEC)
    (new / "net.yaml").write_text(apply(BASE_SPEC, ADD_GWE_ASSOCIATION))
    b, h = resolve_sides(str(old), str(new))
    report, _, _ = diff_sides(b, h)
    assert rows(report) == {("a-public", "added", "com.amazonaws.us-east-1.s3", "a-s3", "gateway-endpoint",
                             "active")}
    assert report.base == str(old)


def test_cli_positional_forms_and_json(repo, series, run_diff):
    # BASE HEAD SPEC_DIR
    res = run_diff(repo.root, series["base"], series["peering"], "specs", "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["counts"]["reachability"] == {"opened": 4, "closed": 0, "path": 0}
    assert {(t["table"], r["change"]) for t in data["routes"] for r in t["rows"]} == {("b-app", "added"),
                                                                                      ("c-app", "added")}
    # BASE SPEC_DIR (HEAD = working tree): `vpcdocs diff main specs`
    repo.change("specs/estate/main.yaml", [("a-isolated: {}", "a-isolated: {description: spare}")])
    res = run_diff(repo.root, series["move"], "specs", "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["head"] == "working tree (specs)"
    assert data["resources"] == [{"change": "changed", "kind": "route-table", "id": "a-isolated", "vpc": "vpc-a",
                                  "fields": [{"field": "description", "before": None, "after": "spare"}]}]
    # WORKTREE literal and --specs from a sub-folder
    res = run_diff(repo.root / "specs", series["rename"], "WORKTREE", "--specs", ".")
    assert res.exit_code == 0, res.output
    assert "subnet a-app-2" in res.stdout


def test_cli_exit_code_wants_expect_updates(repo, run_diff):
    repo.change("specs/net.yaml", ADD_PEERING_B_C)
    res = run_diff(repo.root, "main", "--exit-code")
    assert res.exit_code == 1
    assert "expect: list was not updated" in res.output
    # the same change with an expectation for the new flow passes
    repo.change("specs/net.yaml", [("expect:\n", "expect:\n  - {from: b-app, to: c-app}\n")])
    res = run_diff(repo.root, "main", "--exit-code")
    assert res.exit_code == 0, res.output
    # a change that moves no flow passes without touching expect:
    repo.git("checkout", "-q", "--", ".")
    repo.change("specs/net.yaml", ADD_GWE_ASSOCIATION)
    assert run_diff(repo.root, "main", "--exit-code").exit_code == 0


def test_cli_broken_head_and_usage_errors(repo, run_diff):
    repo.write("specs/net.yaml", BASE_SPEC + "  - {from: [unclosed\n")
    res = run_diff(repo.root, "main")
    assert res.exit_code == 1
    assert "Spec errors (head" in res.stdout
    assert "resources" not in res.stdout.lower().split("spec errors")[0]
    res = run_diff(repo.root, "no-such-branch")
    assert res.exit_code == 2
    assert "unknown git revision" in res.output


TGW_SPEC = """\
region: us-east-1
vpcs:
  vpc-b:
    cidr: 10.1.0.0/16
    subnets:
      b-app: {cidr: 10.1.1.0/24, az: us-east-1a, route_table: b-rt}
    route_tables:
      b-rt:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-core}
  vpc-c:
    cidr: 10.2.0.0/16
    subnets:
      c-app: {cidr: 10.2.1.0/24, az: us-east-1a, route_table: c-rt}
    route_tables:
      c-rt:
        main: true
        routes:
          - {destination: 10.0.0.0/8, target: tgw-core}
transit_gateways:
  tgw-core:
    attachments:
      att-b: {vpc: vpc-b, subnets: [b-app]}
      att-c: {vpc: vpc-c, subnets: [c-app]}
    route_tables:
      tgw-rt:
        associations: [att-b, att-c]
        propagations: [att-b]
"""


def test_tgw_propagation_shows_derived_rows_and_opens_flows(tmp_path):
    repo = Repo(tmp_path / "tgw")
    repo.write("specs/tgw.yaml", TGW_SPEC)
    repo.commit("tgw")
    repo.change("specs/tgw.yaml", [("propagations: [att-b]", "propagations: [att-b, att-c]")])
    report = diff(repo, "main", None)
    assert resources(report) == {("changed", "tgw-route-table", "tgw-rt", ("propagations: + att-c",))}
    assert rows(report) == {("tgw-rt", "added", "10.2.0.0/16", "att-c", "propagated", "active")}
    (table,) = report.routes
    assert table.kind == "tgw" and table.vpc == "tgw-core"
    assert flows(report) == {
        ("vpc", "vpc-b", "vpc-c", "blocked (no-route)", "reachable via tgw-core"),
        ("vpc", "vpc-c", "vpc-b", "blocked (no-return-route)", "reachable via tgw-core"),
        ("subnet", "b-app", "c-app", "blocked (no-route)", "reachable via tgw-core"),
        ("subnet", "c-app", "b-app", "blocked (no-return-route)", "reachable via tgw-core"),
    }
    (group,) = report.groups
    assert group.cause.id == "tgw-rt" and group.change == "opened"
    from vpcdocs.render.diff import render_text

    text = render_text(report)
    assert ("    + b-app → c-app\n"
            "        was: blocked (no-route): no route in transit gateway route table tgw-rt for 10.2.1.0/24 — vpc-c "
            "is attached to tgw-core (att-c) but neither propagates into nor has a static route in tgw-rt; "
            "enable propagation of att-c to tgw-rt\n"
            "        now: reachable via tgw-core\n") in text


def test_removed_vpc_closes_its_vpc_level_flows(repo):
    repo.change("specs/net.yaml", ADD_PEERING_B_C)
    repo.commit("peer b and c")
    text = repo.read("specs/net.yaml")
    text = text[:text.index("  vpc-c:\n")] + text[text.index("peerings:\n"):]
    repo.write("specs/net.yaml", apply(text, [("  pcx-b-c: {requester: vpc-b, accepter: vpc-c}\n", ""),
                                              ("          - {destination: 10.2.0.0/16, target: pcx-b-c}\n", "")]))
    report = diff(repo, "HEAD", None)
    assert {(r.change, r.kind, r.id) for r in report.resources if r.change == "removed"} == {
        ("removed", "vpc", "vpc-c"), ("removed", "subnet", "c-app"), ("removed", "route-table", "c-app"),
        ("removed", "peering", "pcx-b-c")}
    assert flows(report) == {("vpc", "vpc-b", "vpc-c", "reachable via pcx-b-c", "absent"),
                             ("vpc", "vpc-c", "vpc-b", "reachable via pcx-b-c", "absent")}
    assert {r.reason for r in report.reachability} == {"vpc-c does not exist after this change"}


def test_reordering_yaml_lists_is_no_change(repo):
    text = repo.read("specs/net.yaml")
    repo.write("specs/net.yaml", apply(text, [
        ("          - {destination: 0.0.0.0/0, target: nat-a}\n          - {destination: 10.1.0.0/16, target: pcx-a-b}\n",
         "          - {destination: 10.1.0.0/16, target: pcx-a-b}\n          - {destination: 0.0.0.0/0, target: nat-a}\n"),
    ]))
    assert diff(repo, "main", None).empty
