"""The command line: exit codes, messages, help, and `vpcdocs routes` output."""

from __future__ import annotations

import json
import re

import pytest
from cli_helpers import EXAMPLE_TEXT, REPO, invoke, run, write_specs

COMMANDS = [[], ["check"], ["routes"], ["schema"]]

# --------------------------------------------------------------------------- help and usage


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "vpcdocs")
def test_help_has_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    name = command[0] if command else "check"
    assert re.search(rf"^\s+vpcdocs {name}\b", result.output, re.M), result.output


def test_short_help_option_and_version():
    assert invoke("-h").exit_code == 0
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.startswith("vpcdocs, version ")


@pytest.mark.parametrize(
    "args",
    [["bogus"], ["check", "--bogus"], ["routes", "--format", "yaml"], ["check", "a", "b"]],
)
def test_usage_errors_exit_2(args, tmp_path):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_vpc_is_a_usage_error_with_hint(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT})
    result = run("routes", "--vpc", "vpc-aa", cwd=tmp_path)
    assert result.returncode == 2
    assert "no VPC 'vpc-aa' in the specs; did you mean 'vpc-a'?" in result.stderr
    assert result.stdout == ""


def test_unknown_vpc_without_close_match(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT})
    result = run("routes", "--vpc", "production", cwd=tmp_path)
    assert result.returncode == 2
    assert "no VPC 'production'" in result.stderr and "did you mean" not in result.stderr


# --------------------------------------------------------------------------- vpcdocs check


def test_check_clean_specs_exit_0(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT})
    result = run("check", cwd=tmp_path)  # default SPEC_DIR is specs
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "specs: 0 errors, 0 warnings" in result.stderr


def test_check_shipped_specs_exit_0():
    result = run("check", "specs", "--strict", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    # the shipped specs are clean: at most informational notes, no errors or warnings
    assert "specs: 0 errors, 0 warnings" in result.stderr
    assert all("info[" in line for line in result.stdout.splitlines() if not line.startswith("  "))


def test_check_reports_every_problem_with_relative_locations(tmp_path):
    bad = EXAMPLE_TEXT.replace("cidr: 10.0.0.0/16", "cidr: 10.0.0.1/16").replace("target: igw-a}", "target: igw-b}")
    write_specs(tmp_path, {"vpcs/example.yaml": bad, "other.yaml": "region: us-east-1\nvpcz: {}\n"})
    result = run("check", "specs", cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  ")]
    assert lines == [
        "specs/other.yaml:2:1: error[S-UNKNOWN-KEY]: unknown key 'vpcz' in spec file",
        "specs/vpcs/example.yaml:4:11: error[S-CIDR-ALIGN]: '10.0.0.1/16' has host bits set: the /16 block starts "
        "at 10.0.0.0",
        "specs/vpcs/example.yaml:{}:{}: error[S-REF]: unknown route target 'igw-b'".format(*_where(bad, "igw-b}")),
    ]
    assert "  hint: did you mean 'vpcs'?" in result.stdout
    assert "  hint: did you mean '10.0.0.0/16'?" in result.stdout
    assert "  hint: did you mean 'igw-a'?" in result.stdout
    assert "specs: 3 errors, 0 warnings, 0 info" in result.stderr
    assert "Traceback" not in result.stderr


def _where(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text[:offset].count("\n") + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_warnings_fail_only_with_strict(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT, "todo.yaml": "# to be written\n"})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0
    assert "specs/todo.yaml:1:1: warning[S-EMPTY]: file is empty" in result.stdout
    assert "0 errors, 1 warning," in result.stderr
    strict = run("check", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "warning[S-EMPTY]" in strict.stdout


def test_check_missing_folder(tmp_path):
    result = run("check", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere: error[S-IO]: no such file or folder" in result.stdout


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01binary\xff", b"\xff\xfe\xfd", b"- just\n- a list\n", b"[[[[", b"a: &a [*a]\n",
     ("x: &x [" + ",".join(["y"] * 50) + "]\n" + "".join(
         f"x{i}: &x{i} [" + ",".join([f"*x{i - 1}" if i else "*x"] * 50) + "]\n" for i in range(6))).encode()],
    ids=["empty", "binary", "not-utf8", "list", "syntax", "recursive", "bomb"],
)
def test_check_never_prints_a_traceback(tmp_path, content):
    write_specs(tmp_path, {"bad.yaml": content})
    result = run("check", cwd=tmp_path)
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stdout + result.stderr
    assert re.match(r"^specs/bad\.yaml:\d+:\d+: (error|warning)\[S-[A-Z-]+\]: ", result.stdout), result.stdout


def test_check_50_mb_file(tmp_path):
    path = write_specs(tmp_path, {}) / "huge.yaml"
    with path.open("wb") as fh:
        chunk = b"# filler " + b"x" * 1014 + b"\n"
        for _ in range(50 * 1024):
            fh.write(chunk)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("specs/huge.yaml:1:1: error[S-TOO-LARGE]: file is 50.0 MiB")


# --------------------------------------------------------------------------- vpcdocs routes


def test_routes_json_of_the_issue_example(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT})
    result = run("routes", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["route_tables"]
    for table in data["route_tables"]:
        assert list(table) == ["id", "vpc", "main", "subnets", "routes"]
        for route in table["routes"]:
            assert list(route) == ["destination", "destination_type", "target", "target_type", "origin", "state"]
    endpoint_rows = {t["id"]: [r for r in t["routes"] if r["origin"] == "gateway-endpoint"]
                     for t in data["route_tables"]}
    assert endpoint_rows == {
        "a-private": [{"destination": "com.amazonaws.us-east-1.s3", "destination_type": "prefix-list",
                       "target": "s3-gw", "target_type": "gateway-endpoint", "origin": "gateway-endpoint",
                       "state": "active"}],
        "a-public": [],
        "b-app": [],
    }


def test_routes_json_with_prefix_list_id(tmp_path):
    text = EXAMPLE_TEXT.replace("route_tables: [a-private]}", "route_tables: [a-private], prefix_list_id: pl-63a5400a}")
    write_specs(tmp_path, {"example.yaml": text})
    data = json.loads(run("routes", "--format", "json", cwd=tmp_path).stdout)
    rows = [(t["id"], r["destination"], r["target"]) for t in data["route_tables"] for r in t["routes"]
            if r["origin"] == "gateway-endpoint"]
    assert rows == [("a-private", "pl-63a5400a", "s3-gw")]


def test_routes_json_is_byte_identical_across_runs(tmp_path):
    outputs = {run("routes", "specs", "--format", "json", cwd=REPO).stdout for _ in range(3)}
    assert len(outputs) == 1
    data = json.loads(outputs.pop())
    keys = [(t["vpc"], t["id"]) for t in data["route_tables"]]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_routes_vpc_filter(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT})
    data = json.loads(run("routes", "--vpc", "vpc-b", "--format", "json", cwd=tmp_path).stdout)
    assert [t["id"] for t in data["route_tables"]] == ["b-app"]


def test_routes_refuses_broken_specs(tmp_path):
    text = EXAMPLE_TEXT.replace("target: nat-a}", "target: nat-b}")
    write_specs(tmp_path, {"example.yaml": text})
    result = run("routes", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    line, col = _where(text, "nat-b}")
    assert f"specs/example.yaml:{line}:{col}: error[S-REF]: unknown route target 'nat-b'" in result.stderr


def test_routes_with_warnings_still_prints_and_reports_them(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT, "todo.yaml": ""})
    result = run("routes", cwd=tmp_path)
    assert result.returncode == 0
    assert "a-private (main) — VPC vpc-a" in result.stdout
    assert "specs/todo.yaml:1:1: warning[S-EMPTY]" in result.stderr


def test_routes_table_format(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT})
    out = run("routes", cwd=tmp_path).stdout
    block = out.split("\n\n")[0].splitlines()
    assert block[0] == "a-private (main) — VPC vpc-a"
    assert block[1] == "  subnets: a-private"
    assert block[2].split() == ["Destination", "Target", "Origin", "State"]
    assert block[4].split() == ["10.0.0.0/16", "local", "local", "(derived)", "active"]
    assert block[-1].split() == ["com.amazonaws.us-east-1.s3", "s3-gw", "gateway", "endpoint", "(derived)", "active"]


def test_routes_markdown_format(tmp_path):
    write_specs(tmp_path, {"example.yaml": EXAMPLE_TEXT})
    out = run("routes", "--format", "markdown", cwd=tmp_path).stdout
    assert "## a-private (main)\n" in out
    assert "| Destination | Target | Origin | State |\n| --- | --- | --- | --- |\n" in out
    assert "| com.amazonaws.us-east-1.s3 | s3-gw | gateway endpoint (derived) | active |" in out


def _cells(row: str) -> list[str]:
    """Cells of a Markdown table row, honouring backslash-escaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_markdown_escapes_pipes_and_html(tmp_path):
    text = """\
region: us-east-1
vpcs:
  vpc-a:
    cidr: 10.0.0.0/16
    subnets:
      "s|1": {cidr: 10.0.0.0/24, az: us-east-1a}
    nat_gateways:
      "nat|<b>x</b>": {subnet: "s|1", state: deleted}
    route_tables:
      "rt|<script>alert(1)</script>":
        main: true
        description: "a | b <script>alert('x')</script>"
        routes:
          - {destination: 0.0.0.0/0, target: "nat|<b>x</b>"}
"""
    write_specs(tmp_path, {"evil.yaml": text})
    result = run("routes", "--format", "markdown", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out
    heading = out.splitlines()[0]
    assert heading.startswith("## rt\\|&lt;script&gt;")
    assert "a \\| b &lt;script&gt;" in out
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert rows and all(len(_cells(r)) == 4 for r in rows), rows
    nat_row = [r for r in rows if "0.0.0.0/0" in r][0]
    assert _cells(nat_row)[1] == "nat\\|&lt;b&gt;x&lt;/b&gt;"
    # the blackhole reason names the target too, escaped the same way
    assert _cells(nat_row)[3] == "**blackhole** — NAT gateway nat\\|&lt;b&gt;x&lt;/b&gt; is deleted"


def test_module_entry_point(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0 and "check" in result.stdout and "routes" in result.stdout


def test_check_does_not_send_terminal_escapes(tmp_path):
    text = EXAMPLE_TEXT.replace("target: igw-a}", 'target: "\\e[2J\\e]0;owned\\a"}')
    write_specs(tmp_path, {"example.yaml": text})
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "unknown route target '\\x1b[2J\\x1b]0;owned\\x07'" in result.stdout


def test_top_level_help_shows_whole_command_summaries():
    result = invoke("--help")
    commands = result.output.split("Commands:", 1)[1]
    assert "..." not in commands
    summaries: dict[str, str] = {}
    for line in commands.strip("\n").splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            name, _, text = line.strip().partition(" ")
            summaries[name] = text.strip()
        else:
            summaries[name] += " " + line.strip()
    assert {"build", "check", "diagram", "diff", "reach", "schema"} <= set(summaries)
    assert all(text.endswith(".") for text in summaries.values()), summaries  # whole sentences
