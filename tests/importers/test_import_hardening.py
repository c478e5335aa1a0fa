"""Issue 15 for imports: the tree is swapped in whole (a kill -9 never leaves a mix of old and
new files), stale scratch folders go away, hostile text never reaches the terminal raw, and a
huge JSON integer is a located error."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from vpcdocs.importers import swap
from vpcdocs.importers.aws_json import import_json
from vpcdocs.importers.spec_writer import write_tree

HEADER = "Imported by vpcdocs (test)"


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml")) if p.is_file()}


def test_killed_import_leaves_the_old_or_the_new_tree_never_a_mix(fixtures, tmp_path):
    """kill -9 an import at many moments: the output is always one whole tree."""
    old_src, new_src = fixtures / "batfish/hybrid-cloud-aws", fixtures / "batfish/test-vpc-endpoint-gateway"
    ref_old, ref_new = tmp_path / "ref-old", tmp_path / "ref-new"
    write_tree(import_json(old_src)[0].files, ref_old, HEADER)
    write_tree(import_json(new_src)[0].files, ref_new, HEADER)
    old, new = _tree(ref_old), _tree(ref_new)
    # the swap needs no bytes copied: a child that imports the new source over the old tree
    script = ("import sys, time\n"
              "from vpcdocs.importers.aws_json import import_json\n"
              "from vpcdocs.importers.spec_writer import write_tree\n"
              "files = import_json(sys.argv[1])[0].files\n"
              "print('ready', flush=True)\n"
              "write_tree(files, sys.argv[2], 'Imported by vpcdocs (test)')\n")
    seen = set()
    for delay in (0.0, 0.001, 0.002, 0.004, 0.008, 0.016):
        out = tmp_path / f"out-{delay}"
        write_tree(import_json(old_src)[0].files, out, HEADER)
        child = subprocess.Popen([sys.executable, "-c", script, str(new_src), str(out)], stdout=subprocess.PIPE)
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        got = _tree(out)
        assert got in (old, new), f"mixed tree after a kill {delay}s into the write"
        seen.add("new" if got == new else "old")
        # the next run cleans up after the killed one and writes the whole new tree
        write_tree(import_json(new_src)[0].files, out, HEADER)
        assert _tree(out) == new
        assert not [n for n in os.listdir(tmp_path) if n.startswith(f".{out.name}.import-")]
    assert "old" in seen  # at least one kill landed before the swap


def test_interrupted_fallback_swap_is_put_back(tmp_path):
    """Without renameat2, a kill between ``out → scratch/old`` and ``scratch/tree → out`` leaves
    no ``out``: the next run restores it before anything else."""
    out = tmp_path / "specs"
    out.mkdir()
    (out / "a.yaml").write_text("# old\n")
    scratch = swap.make_scratch(out)
    (scratch / swap.TREE / "a.yaml").write_text("# new\n")
    os.rename(out, scratch / swap.OLD)  # the first rename happened, then the process died
    (scratch / swap.OWNER).write_text("999999999\n")  # a pid that is not running
    assert not out.exists()
    done = swap.recover(out)
    assert (out / "a.yaml").read_text() == "# old\n"
    assert not scratch.exists() and any("restored" in d for d in done)


def test_fallback_swap_and_stale_scratch_removed(tmp_path):
    out = tmp_path / "specs"
    stale = tmp_path / ".specs.import-abc123"
    stale.mkdir()
    (stale / "owner.pid").write_text("999999999\n")
    (stale / "tree").mkdir()
    files = {"vpcs/a.yaml": {"vpcs": {"a": {"cidr": "10.0.0.0/16"}}}}
    write_tree(files, out, HEADER)
    assert not stale.exists()
    scratch = swap.make_scratch(out)
    (scratch / swap.TREE / "b.yaml").write_text("x: 1\n")
    swap.swap_in(scratch, out, exchange_ok=False)  # the two-rename path
    assert sorted(os.listdir(out)) == ["b.yaml"] and (scratch / swap.OLD / "vpcs/a.yaml").is_file()


def test_user_files_and_state_survive_the_swap(tmp_path):
    out = tmp_path / "specs"
    write_tree({"vpcs/a.yaml": {"vpcs": {"a": {"cidr": "10.0.0.0/16"}}}}, out, HEADER)
    (out / "notes.md").write_text("mine\n")
    (out / ".vpcdocs-import").mkdir()
    (out / ".vpcdocs-import" / "state.json").write_text("{}")
    os.symlink("notes.md", out / "link.md")
    report = write_tree({"vpcs/b.yaml": {"vpcs": {"b": {"cidr": "10.1.0.0/16"}}}}, out, HEADER)
    assert report.removed == ["vpcs/a.yaml"] and report.changed == ["vpcs/b.yaml"]
    assert (out / "notes.md").read_text() == "mine\n" and (out / ".vpcdocs-import/state.json").read_text() == "{}"
    assert os.readlink(out / "link.md") == "notes.md"
    assert oct(out.stat().st_mode & 0o777) != oct(0o700)  # not mkdtemp's private mode


def _hostile_snapshot(folder):
    folder.mkdir(parents=True)
    evil = "prod\x1b]0;owned\x07\x1b[2J\u202e"
    (folder / "describe-vpcs.json").write_text(json.dumps({"Vpcs": [
        {"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.0.0.0/16", "Tags": [{"Key": "Name", "Value": evil}]}]}))
    (folder / "describe-subnets.json").write_text(json.dumps({"Subnets": [
        {"SubnetId": "subnet-\x1b[31mred", "VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.9.9.0/24",
         "AvailabilityZone": "us-east-1a"}]}))
    (folder / "describe-route-tables.json").write_text(json.dumps({"RouteTables": [
        {"RouteTableId": "rtb-0aaaaaaaaaaaaaaa1", "VpcId": "vpc-0aaaaaaaaaaaaaaa1", "Associations": [{"Main": True}],
         "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "Origin": "CreateRoute", "State": "active"},
                    {"DestinationCidrBlock": "10.0.0.0/8", "GatewayId": "\x1b]8;;http://evil\x07x",
                     "Origin": "Advertisement", "State": "active"}]}]}))


def test_skip_report_is_escaped_for_the_terminal(tmp_path):
    pytest.importorskip("vpcdocs.cli")
    from click.testing import CliRunner

    from vpcdocs.cli import cli

    _hostile_snapshot(tmp_path / "saved" / "us-east-1")
    res = CliRunner().invoke(cli, ["import", "aws-json", str(tmp_path / "saved"), "-o", str(tmp_path / "out")])
    assert "\x1b" not in res.stderr and "\x07" not in res.stderr and "\u202e" not in res.stderr
    assert "\\x1b]8;;http://evil\\x07x" in res.stderr  # shown, harmless
    assert "subnet-\\x1b[31mred" in res.stderr


def test_huge_json_integer_is_a_located_error(tmp_path):
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "describe-vpcs.json").write_text('{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",\n'
                                              '  "Port": ' + "9" * 5000 + "}]}")
    result, failures = import_json(saved)
    assert [f.format() for f in failures] == [
        f"{saved.as_posix()}/describe-vpcs.json: error[I-JSON]: integer with 5000 digits at line 2 column 11: no AWS "
        "field holds a number that large"]
    pytest.importorskip("vpcdocs.cli")
    from click.testing import CliRunner

    from vpcdocs.cli import cli

    res = CliRunner().invoke(cli, ["import", "aws-json", str(saved), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1 and "I-INTERNAL" not in res.stderr
    assert res.stderr.startswith(f"{saved.as_posix()}/describe-vpcs.json: error[I-JSON]: integer with 5000 digits")
    tf = tmp_path / "plan.json"
    tf.write_text('{"format_version": "1.2", "values": {"root_module": {"resources": [{"type": "aws_vpc", '
                  '"values": {"port": ' + "1" * 4500 + "}}]}}}")
    res = CliRunner().invoke(cli, ["import", "terraform", str(tf), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1 and "I-INTERNAL" not in res.stderr
    assert res.stderr.startswith(f"{tf}: error[I-JSON]: integer with 4500 digits at line 1 column ")


def test_big_but_parsable_integers_are_dropped_not_crashing():
    from vpcdocs.importers.describe import translate
    from vpcdocs.importers.model import AwsSnapshot

    snap = AwsSnapshot(region="us-east-1", data={
        "Vpcs": [{"VpcId": "vpc-0aaaaaaaaaaaaaaa1", "CidrBlock": "10.0.0.0/16"}],
        "SecurityGroups": [{"GroupId": "sg-0aaaaaaaaaaaaaaa1", "GroupName": "g", "VpcId": "vpc-0aaaaaaaaaaaaaaa1",
                            "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 10**30, "ToPort": 10**30,
                                               "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})
    result = translate([snap])
    group = result.files["vpcs/vpc-0aaaaaaaaaaaaaaa1.yaml"]["vpcs"]["vpc-0aaaaaaaaaaaaaaa1"]["security_groups"]["g"]
    assert "ingress" not in group  # never widened to every port
    (skip,) = [s for s in result.skipped if s.kind == "security-group-rule"]
    assert skip.reason.startswith("no usable port range")


def test_an_import_killed_before_it_wrote_its_pid_leaves_nothing_behind(tmp_path):
    """As for builds: the scratch folder names its owner from the moment it exists."""
    out = tmp_path / "specs"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp_path / f"{swap.scratch_prefix(out)}{dead.pid}-q9w8e7"
    orphan.mkdir()  # no owner.pid, no tree: killed right after mkdtemp
    write_tree({"vpcs/a.yaml": {"vpcs": {"a": {"cidr": "10.0.0.0/16"}}}}, out, HEADER)
    assert not orphan.exists()
    assert not [n for n in os.listdir(tmp_path) if n.startswith(swap.scratch_prefix(out))]
