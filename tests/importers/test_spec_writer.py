"""Writing the imported tree: determinism, kept descriptions, atomic replacement, the CLI."""

from __future__ import annotations

import os

import yaml
from click.testing import CliRunner

from vpcdocs.cli import cli
from vpcdocs.importers.aws_json import import_json
from vpcdocs.importers.spec_writer import MARKER, render, write_tree
from vpcdocs.spec import load_specs

HEADER = "Imported by vpcdocs (test)"


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_import_twice_gives_byte_identical_trees(fixtures, tmp_path):
    for name in ("one", "two"):
        result, _ = import_json(fixtures / "batfish/hybrid-cloud-aws")
        write_tree(result.files, tmp_path / name, HEADER)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    # and re-importing over an unchanged tree changes nothing
    result, _ = import_json(fixtures / "batfish/hybrid-cloud-aws")
    report = write_tree(result.files, tmp_path / "one", HEADER)
    assert report.changed == [] and report.removed == [] and len(report.written) == 5


def test_readable_yaml():
    text = render({"vpcs": {"a": {"cidr": "10.0.0.0/16", "account": "012345678901", "route_tables": {"rt": {
        "routes": [{"destination": "0.0.0.0/0", "target": "igw"}], "propagating_vgws": ["vgw-1"]}}}}}, "hello\nworld")
    assert text.startswith("# hello\n# world\nvpcs:\n")
    assert "      - {destination: 0.0.0.0/0, target: igw}\n" in text
    assert "propagating_vgws: [vgw-1]" in text and "account: '012345678901'" in text
    assert yaml.safe_load(text)["vpcs"]["a"]["account"] == "012345678901"


def test_reimport_keeps_hand_added_descriptions(fixtures, tmp_path):
    out = tmp_path / "specs"
    result, _ = import_json(fixtures / "batfish/hybrid-cloud-aws")
    write_tree(result.files, out, HEADER)
    path = out / "vpcs/demo-test2.yaml"
    doc = yaml.safe_load(path.read_text())
    vpc = doc["vpcs"]["demo-test2"]
    vpc["description"] = "Demo account, owned by the platform team"
    vpc["subnets"]["public-subnet"]["description"] = "bastions only"
    vpc["route_tables"]["demo-test2-main"]["routes"][0]["description"] = "NAT was deleted in 2019"
    path.write_text(yaml.safe_dump(doc))
    again, _ = import_json(fixtures / "batfish/hybrid-cloud-aws")
    report = write_tree(again.files, out, HEADER)
    assert report.changed == ["vpcs/demo-test2.yaml"]
    new = yaml.safe_load(path.read_text())["vpcs"]["demo-test2"]
    assert new["description"] == "Demo account, owned by the platform team"
    assert list(new)[:3] == ["name", "description", "aws_id"]
    assert new["subnets"]["public-subnet"]["description"] == "bastions only"
    assert new["route_tables"]["demo-test2-main"]["routes"][0] == {
        "destination": "0.0.0.0/0", "target": "nat-055c00735cace0ec4", "state": "blackhole",
        "state_reason": "NAT gateway nat-055c00735cace0ec4 is not in the describe-nat-gateways output (deleted?)",
        "description": "NAT was deleted in 2019"}
    assert path.read_text().startswith(f"{MARKER} (test)")  # still our file: the next import may rewrite it
    assert load_specs(out).ok


def test_reimport_of_a_plan_keeps_descriptions_of_objects_without_aws_id(fixtures, tmp_path):
    from vpcdocs.importers.terraform import import_terraform

    plan = fixtures / "terraform/terraform-compliance/test_issue-158/plan.out.json"
    out = tmp_path / "planned"
    write_tree(import_terraform(plan).files, out, HEADER)
    path = out / "vpcs/my-vpc.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["vpcs"]["my-vpc"]["nat_gateways"]["my-vpc-eu-west-1a"]["description"] = "one per AZ"
    doc["vpcs"]["my-vpc"]["route_tables"]["my-vpc-public"]["routes"][0]["description"] = "to the internet"
    path.write_text(yaml.safe_dump(doc))
    write_tree(import_terraform(plan).files, out, HEADER)
    vpc = yaml.safe_load(path.read_text())["vpcs"]["my-vpc"]
    assert vpc["nat_gateways"]["my-vpc-eu-west-1a"]["description"] == "one per AZ"
    assert vpc["route_tables"]["my-vpc-public"]["routes"][0]["description"] == "to the internet"
    assert "description" not in vpc["nat_gateways"]["my-vpc-eu-west-1b"]


def test_generated_descriptions_are_not_kept_forever(tmp_path):
    files = {"vpcs/a.yaml": {"vpcs": {"a": {"aws_id": "vpc-1", "cidr": "10.0.0.0/16", "route_tables": {"t": {
        "aws_id": "rtb-1", "main": True, "routes": [{"destination": "10.9.0.0/16", "target": "eni-0123456789abcdef0",
                                                      "description": "AWS reports this route as blackhole"}]}}}}}}
    write_tree(files, tmp_path, HEADER)
    del files["vpcs/a.yaml"]["vpcs"]["a"]["route_tables"]["t"]["routes"][0]["description"]  # route works again
    write_tree(files, tmp_path, HEADER)
    assert "blackhole" not in (tmp_path / "vpcs/a.yaml").read_text()


def test_atomic_write_removes_only_stale_imported_files(fixtures, tmp_path):
    out = tmp_path / "specs"
    result, _ = import_json(fixtures / "batfish/hybrid-cloud-aws")
    write_tree(result.files, out, HEADER)
    (out / "expect.yaml").write_text("expect: []\n")  # hand-written: never touched
    smaller = {k: v for k, v in result.files.items() if "arista" not in k}
    report = write_tree(smaller, out, HEADER)
    assert report.removed == ["vpcs/arista-demo.yaml"]
    assert (out / "expect.yaml").read_text() == "expect: []\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # temp folder cleaned up
    assert sorted(os.listdir(out / "vpcs")) == ["demo-test2.yaml", "gns3-bgp-test.yaml", "vpc-f8fad69d.yaml"]


# --------------------------------------------------------------------------- command line


def test_cli_aws_json(fixtures, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["import", "aws-json", str(fixtures / "batfish/test-vpc-endpoint-gateway"), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert "imported 1 endpoints, 2 instances" in res.stderr and "2 network acls" in res.stderr
    assert load_specs(out).ok and (out / "vpcs/testing.yaml").is_file()


def test_cli_errors_are_one_line_without_traceback(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "describe-vpcs.json").write_text('{"Vpcs": [}')
    res = CliRunner().invoke(cli, ["import", "aws-json", str(bad), "-o", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"{bad}/describe-vpcs.json: error[I-JSON]: invalid JSON at line 1")
    assert "Traceback" not in res.stderr + res.output
    res = CliRunner().invoke(cli, ["import", "terraform", str(tmp_path / "missing.json")])
    assert res.exit_code == 1 and res.stderr == f"{tmp_path / 'missing.json'}: error[I-IO]: no such file\n"


def test_cli_output_that_would_not_load_exits_1(fixtures, tmp_path):
    """Recordings with no region anywhere: written, but the loader's errors are shown, exit 1."""
    src = fixtures / "aws-cli/cloud-custodian/tests/data/placebo/test_peer_miss_route_filter"
    res = CliRunner().invoke(cli, ["import", "aws-json", str(src), "-o", str(tmp_path / "o")])
    assert res.exit_code == 1
    assert "note: some VPCs have no known region" in res.stderr and "error[S-REGION]" in res.stderr
    assert res.stderr.rstrip().endswith("error[I-LOAD]: the imported specs do not load cleanly (see above)")
    res = CliRunner().invoke(cli, ["import", "aws-json", str(src), "--region", "us-east-1", "-o", str(tmp_path / "o")])
    assert res.exit_code == 0, res.stderr


def test_cli_unwritable_output(fixtures, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    res = CliRunner().invoke(cli, ["import", "aws-json", str(fixtures / "aws-cli/cloudmapper"), "-o", str(blocker / "out")])
    assert res.exit_code == 1 and "error[I-IO]: cannot write the specs" in res.stderr
    assert "Traceback" not in res.output and "I-INTERNAL" not in res.stderr


def test_cli_nothing_importable_exits_1(fixtures, tmp_path):
    state = fixtures / "terraform/driftctl/pkg/iac/terraform/state/test/aws_lb_listener/terraform.tfstate"
    res = CliRunner().invoke(cli, ["import", "terraform", str(state), "-o", str(tmp_path / "o")])
    assert res.exit_code == 1 and "error[I-EMPTY]" in res.stderr
    assert "skipped terraform data.azurerm_resource_group.raphael-dev: provider" in res.stderr


def test_cli_usage_errors_exit_2_and_help_has_examples():
    runner = CliRunner()
    assert runner.invoke(cli, ["import", "aws-json"]).exit_code == 2
    assert runner.invoke(cli, ["import", "terraform", "a", "b"]).exit_code == 2
    assert runner.invoke(cli, ["import", "aws", "--bogus"]).exit_code == 2
    for sub in ("aws", "aws-json", "terraform"):
        res = runner.invoke(cli, ["import", sub, "--help"])
        assert res.exit_code == 0 and "Examples:" in res.output and "-o, --output DIR" in res.output
    assert "vpcdocs import aws --region us-east-1" in runner.invoke(cli, ["import", "aws", "--help"]).output


def test_cli_aws_without_region_fails_cleanly(monkeypatch, tmp_path):
    for key in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    res = CliRunner().invoke(cli, ["import", "aws"])
    assert res.exit_code == 1
    assert res.stderr == "aws: error[I-REGION]: no region: pass --region (or set one in the AWS profile)\n"
    res = CliRunner().invoke(cli, ["import", "aws", "--profile", "nope", "--region", "us-east-1"])
    assert res.exit_code == 1 and res.stderr.startswith("aws: error[I-AUTH]: ")


def test_cli_unexpected_errors_are_one_line(monkeypatch, fixtures, tmp_path):
    import vpcdocs.importers.aws_json as aws_json

    def boom(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(aws_json, "import_json", boom)
    src = str(fixtures / "aws-cli/cloudmapper")
    res = CliRunner().invoke(cli, ["import", "aws-json", src, "-o", str(tmp_path / "o")])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.stderr.startswith(f"{src}: error[I-INTERNAL]: unexpected KeyError: 'oops'")


def test_identical_across_processes_and_hash_seeds(fixtures, tmp_path):
    """Set iteration order changes with PYTHONHASHSEED: the output must not."""
    import subprocess
    import sys

    script = ("import sys; from vpcdocs.cli import cli; "
              "cli.main(['import', *sys.argv[1:]], prog_name='vpcdocs', standalone_mode=True)")
    trees = []
    for seed in ("1", "4242"):
        out = tmp_path / f"seed{seed}"
        for args in (["aws-json", str(fixtures / "batfish/hybrid-cloud-aws"), "-o", str(out / "json")],
                     ["terraform", str(fixtures / "terraform/terraform-compliance/test_issue-158/plan.out.json"),
                      "-o", str(out / "tf")]):
            done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                                  env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
            assert done.returncode == 0, done.stderr
        trees.append(_tree(out))
    assert trees[0] == trees[1] and len(trees[0]) == 6
