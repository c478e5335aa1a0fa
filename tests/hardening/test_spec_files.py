"""Issue 15 items 2, 6 (huge integers) and 11: what the spec reader opens, how much it reads,
and which YAML it refuses."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hardening_helpers import vpcdocs

from vpcdocs.spec import load_spec_text, load_specs
from vpcdocs.spec.yaml_reader import MAX_FILE_BYTES


def _tree(tmp_path: Path, example: str) -> Path:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "example.yaml").write_text(example, encoding="utf-8")
    return specs


def test_symlink_to_dev_zero_is_refused_without_reading(tmp_path, example):
    specs = _tree(tmp_path, example)
    os.symlink("/dev/zero", specs / "zero.yaml")
    started = time.monotonic()
    proc = vpcdocs("check", "specs", cwd=tmp_path, timeout=30)
    assert time.monotonic() - started < 30
    assert proc.returncode == 1, proc.stderr
    assert "specs/zero.yaml: error[S-SYMLINK]: symbolic link to a file outside the spec folder" in proc.stdout
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr


def test_symlink_outside_is_not_read_nor_quoted(tmp_path, example):
    specs = _tree(tmp_path, example)
    secret = tmp_path / "credentials.yaml"
    secret.write_text("aws_access_key_id: AKIASECRETSECRET\n", encoding="utf-8")
    os.symlink(secret, specs / "creds.yaml")
    (specs / "sub").mkdir()
    os.symlink(tmp_path, specs / "sub" / "up")  # a folder link leading outside
    proc = vpcdocs("check", "specs", cwd=tmp_path)
    assert proc.returncode == 1
    assert "aws_access_key_id" not in proc.stdout + proc.stderr
    assert "AKIASECRET" not in proc.stdout + proc.stderr
    assert "specs/creds.yaml: error[S-SYMLINK]" in proc.stdout
    assert "specs/sub/up: error[S-SYMLINK]: symbolic link to a folder outside the spec folder" in proc.stdout


def test_symlink_inside_the_folder_is_followed(tmp_path, example):
    specs = _tree(tmp_path, example)
    (specs / "real").mkdir()
    (specs / "real" / "extra.yaml").write_text("description: x\n", encoding="utf-8")
    os.symlink("real/extra.yaml", specs / "alias.yaml")
    result = load_specs(specs)
    assert result.ok, [d.format() for d in result.diagnostics]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_named_yaml_never_blocks(tmp_path, example):
    specs = _tree(tmp_path, example)
    os.mkfifo(specs / "pipe.yaml")
    os.mkfifo(specs / "inner.yaml.target")
    os.symlink("inner.yaml.target", specs / "inner.yaml")  # a link (inside) to a FIFO
    proc = vpcdocs("check", "specs", cwd=tmp_path, timeout=30)
    assert proc.returncode == 1
    assert "specs/pipe.yaml: error[S-IO]: not a regular file (a named pipe); not read" in proc.stdout
    assert "specs/inner.yaml: error[S-IO]: not a regular file (a named pipe)" in proc.stdout
    # the other file still loaded: its lint findings are not hidden behind a hang
    assert "example.yaml" not in proc.stdout or "error[S-" not in proc.stdout.split("example.yaml", 1)[1][:20]


def test_spec_dir_argument_that_is_a_device_or_fifo(tmp_path):
    proc = vpcdocs("check", "/dev/zero", cwd=tmp_path, timeout=30)
    assert proc.returncode == 1
    assert "/dev/zero: error[S-IO]: cannot read file: not a regular file (a device)" in proc.stdout
    os.mkfifo(tmp_path / "p.yaml")
    proc = vpcdocs("check", "p.yaml", cwd=tmp_path, timeout=30)
    assert proc.returncode == 1 and "a named pipe" in proc.stdout


def test_oversized_file_is_refused_before_it_is_read(tmp_path, example):
    specs = _tree(tmp_path, example)
    with open(specs / "huge.yaml", "wb") as fh:  # sparse: 4 GiB on paper, nothing on disk
        fh.truncate(4 * 1024**3)
    result = load_specs(specs)
    d = [d for d in result.diagnostics if d.code == "S-TOO-LARGE"]
    assert len(d) == 1 and d[0].location.file.endswith("specs/huge.yaml") and d[0].location.line == 1
    assert f"limited to {MAX_FILE_BYTES // 1048576} MiB" in d[0].message


# --------------------------------------------------------------------------- item 11: tags

@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system",
                                 "!!python/tuple", "!!set", "!<tag:example.com,2024:x>", "!Ref"])
def test_every_unsupported_tag_is_an_error_naming_it(tag):
    text = f"region: us-east-1\ndescription: {tag} ['x']\n"
    result = load_spec_text(text)
    d = [d for d in result.diagnostics if d.code == "S-YAML"]
    assert len(d) == 1, [x.format() for x in result.diagnostics]
    assert d[0].message == f"unsupported YAML tag {tag}"
    assert (d[0].location.line, d[0].location.column) == (2, 14)


def test_python_scalar_tag_is_not_used_as_text():
    result = load_spec_text("region: !!python/str us-east-1\n")
    assert not result.ok
    assert "unsupported YAML tag !!python/str" in result.diagnostics[0].message


def test_plain_dates_and_merge_keys_still_work():
    text = ("region: us-east-1\ndescription: 2024-01-01\nvpcs:\n  a: &d\n    cidr: 10.0.0.0/16\n"
            "  b:\n    <<: *d\n    cidr: 10.1.0.0/16\n")
    result = load_spec_text(text)
    assert result.ok, [d.format() for d in result.diagnostics]


# --------------------------------------------------------------------------- item 6: huge integers

HUGE_HEX = "0x" + "f" * 5000


@pytest.mark.parametrize("field", ["port", "account"])
def test_huge_integer_literal_is_a_located_error(tmp_path, field):
    if field == "port":
        text = ("region: us-east-1\nvpcs:\n  a:\n    cidr: 10.0.0.0/16\n    load_balancers:\n"
                f"      lb: {{type: network, subnets: [], listeners: [{{port: {HUGE_HEX}, protocol: TCP}}]}}\n")
        where, words = "spec.yaml:6:59", "is out of range 1..65535"
    else:
        text = f"account: {HUGE_HEX}\nregion: us-east-1\n"
        where, words = "spec.yaml:1:10", "is not a 12-digit AWS account id"
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    proc = vpcdocs("check", "spec.yaml", cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{where}: error[S-VALUE]: 0xffffffffff…(5002 characters) {words}" in proc.stdout
