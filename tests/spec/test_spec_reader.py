"""Reading one file: every way a file can be unreadable is a located diagnostic, never a crash.

Codes: S-YAML, S-ENCODING, S-TOO-LARGE, S-COMPLEXITY, S-EMPTY, S-DUP-KEY.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from spec_helpers import BASE, at, codes, errors, load, only, where

from vpcdocs.diagnostics import Location, Severity
from vpcdocs.spec import load_specs
from vpcdocs.spec.yaml_reader import MAX_FILE_BYTES

# --------------------------------------------------------------------------- S-YAML


@pytest.mark.parametrize(
    ("text", "needle", "words"),
    [
        # a second ': ' on one line: libyaml points at the second colon
        ("region: us-east-1\nvpcs:\n  a: b: c\n", "b: c", "mapping values are not allowed"),
        # a tab cannot indent YAML
        ("region: us-east-1\nvpcs:\n\tv: 1\n", "\tv", "cannot start any token"),
        # an alias to an anchor never defined
        ("region: us-east-1\nvpcs: *nope\n", "*nope", "undefined alias"),
        # two documents in one file
        ("region: us-east-1\n---\nregion: us-east-1\n", "---", "single document"),
    ],
)
def test_yaml_syntax_error_is_located(text, needle, words):
    result = load(text)
    d = only(result, "S-YAML")
    line, col = where(text, needle)
    if needle == "b: c":
        col += 1  # the colon after 'b'
    assert d.location == Location("spec.yaml", line, col)
    assert words in d.message
    assert d.severity is Severity.ERROR
    assert not result.ok


@pytest.mark.parametrize("char", ["\x01", "\x7f", "\x00", "\x1b"])
def test_control_character_is_located(char):
    # NUL after the first 8 KiB: not taken for a binary file, still not YAML
    text = "region: us-east-1\r\n" + "#" * 9000 + "\ndescription: a" + char + "b\n"
    d = only(load(text), "S-YAML")
    assert d.location == Location("spec.yaml", 3, len("description: a") + 1)
    assert "control characters are not allowed" in d.message


def test_unclosed_flow_sequence_points_at_end_of_input():
    text = "region: us-east-1\nvpcs:\n  v: {cidr: 10.0.0.0/16, secondary_cidrs: [10.1.0.0/16\n"
    d = only(load(text), "S-YAML")
    assert d.location == Location("spec.yaml", 4, 1)  # where the missing ']' was expected


@pytest.mark.parametrize("collection", ["!custom {a: 1}", "!custom [a]", "!custom a"])
def test_custom_yaml_tags_are_errors(collection):
    text = f"region: us-east-1\ndescription: {collection}\n"
    d = only(load(text), "S-YAML")
    assert d.location == at(text, "!custom")
    assert "unsupported YAML tag !custom" in d.message


def test_python_tags_are_never_constructed():
    # the safe composer never runs code; the value is just text (and wrong here)
    result = load("region: !!python/object/apply:os.system ['echo hacked']\n")
    assert not result.ok
    assert set(codes(result)) <= {"S-YAML", "S-TYPE", "S-VALUE"}


# --------------------------------------------------------------------------- S-ENCODING


def test_non_utf8_byte_is_located_by_line_and_column():
    data = b"region: us-east-1\nvpcs:\n  v\xff: {}\n"
    d = only(load(data), "S-ENCODING")
    assert d.location == Location("spec.yaml", 3, 4)
    assert "0xff" in d.message
    assert d.hint == "save the file as UTF-8"


def test_non_utf8_column_counts_characters_not_bytes():
    # 'é' is two bytes in UTF-8 but one column in an editor
    data = "region: us-east-1\ndescription: éé".encode() + b"\xe9 latin-1\n"
    d = only(load(data), "S-ENCODING")
    assert d.location == Location("spec.yaml", 2, len("description: éé") + 1)


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_non_utf8_line_counts_every_yaml_line_break(newline):
    data = newline.join([b"region: us-east-1", b"vpcs:", b"  v\xfe: {}", b""])
    d = only(load(data), "S-ENCODING")
    assert d.location == Location("spec.yaml", 3, 4)


def test_non_utf8_after_byte_order_mark():
    data = b"\xef\xbb\xbfregion: \xff\n"
    d = only(load(data), "S-ENCODING")
    assert d.location == Location("spec.yaml", 1, len("region: ") + 1)


def test_latin1_file_is_not_guessed():
    data = "region: us-east-1\ndescription: Zürich\n".encode("latin-1")
    d = only(load(data), "S-ENCODING")
    assert d.location == Location("spec.yaml", 2, len("description: Zü"))


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)),
                                  b"PK\x03\x04\x14\x00\x00\x00\x08\x00"])
def test_binary_file(data):
    result = load(data)
    d = only(result, "S-ENCODING")
    assert d.location == Location("spec.yaml", 1, 1)
    assert "binary" in d.message
    assert codes(result) == ["S-ENCODING"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_are_read(encoding):
    result = load(BASE.encode(encoding))
    assert result.diagnostics == []
    assert [v.id for v in result.topology.vpcs] == ["vpc-a"]


# --------------------------------------------------------------------------- S-TOO-LARGE


def test_file_over_16_mib(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    spec_dir = tmp_path / "specs"
    spec_dir.mkdir()
    big = spec_dir / "big.yaml"
    line = b"# " + b"x" * 97 + b"\n"
    with big.open("wb") as fh:
        fh.write(BASE.encode())
        fh.write(line * (MAX_FILE_BYTES // len(line) + 1))
    assert big.stat().st_size > 16 * 1024 * 1024
    (spec_dir / "ok.yaml").write_text(BASE.replace("vpc-a", "vpc-z").replace("a-p", "z-p").replace("igw-a", "igw-z"))
    result = load_specs("specs")
    d = only(result, "S-TOO-LARGE")
    assert d.location == Location("specs/big.yaml", 1, 1)
    assert "16 MiB" in d.message and d.hint
    # the other file is still read
    assert [v.id for v in result.topology.vpcs] == ["vpc-z"]


def test_file_of_exactly_the_limit_is_read():
    data = BASE.encode() + b"#" * (MAX_FILE_BYTES - len(BASE.encode()) - 1) + b"\n"
    assert len(data) == MAX_FILE_BYTES
    assert "S-TOO-LARGE" not in codes(load(data))


# --------------------------------------------------------------------------- S-COMPLEXITY


def _bomb(levels: int = 9, width: int = 10) -> str:
    names = [f"l{i}" for i in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(["lol"] * width) + "]"]
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly():
    import time

    start = time.perf_counter()
    result = load(_bomb())  # 10**9 values once expanded
    assert time.perf_counter() - start < 5
    d = only(result, "S-COMPLEXITY")
    assert "alias bomb" in d.message
    assert d.location.file == "spec.yaml" and d.location.line >= 1 and d.location.column >= 1


def test_alias_bomb_under_a_spec_key():
    bomb = _bomb().replace("\n", "\n  ")
    text = "region: us-east-1\ntransit_gateways:\n  " + bomb
    result = load(text)
    assert codes(result) == ["S-COMPLEXITY"]


def test_many_harmless_aliases_are_fine():
    text = BASE.replace("az: us-east-1a, route_table: a-public", "az: &az us-east-1a, route_table: a-public")
    text = text.replace("a-private: {cidr: 10.0.1.0/24, az: us-east-1a}", "a-private: {cidr: 10.0.1.0/24, az: *az}")
    result = load(text)
    assert result.diagnostics == []
    assert result.topology.subnet("a-private").az == "us-east-1a"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("a: &a [*a]\n", "&a"),
        ("region: us-east-1\nvpcs: &v\n  vpc-a: *v\n", "&v"),
    ],
)
def test_recursive_alias(text, needle):
    d = only(load(text), "S-COMPLEXITY")
    assert "recursive alias" in d.message
    assert d.location == at(text, needle)


def test_moderately_deep_nesting_is_located():
    text = "region: us-east-1\ndescription: " + "[" * 100 + "]" * 100 + "\n"
    d = only(load(text), "S-COMPLEXITY")
    assert "deeper than 64" in d.message
    assert d.location.line == 2 and d.location.column > 1


def test_deep_block_nesting_is_located():
    text = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 120))
    d = only(load(text), "S-COMPLEXITY")
    assert d.location.line > 1


DEEP_INPUTS = {
    "brackets": "[" * 100_000 + "]" * 100_000,
    "flow-mappings": "{a: " * 100_000 + "1" + "}" * 100_000,
    "block-sequence": "- " * 100_000 + "x\n",
    "unclosed": "region: " + "[" * 100_000 + "\n",
}


@pytest.mark.parametrize("shape", sorted(DEEP_INPUTS))
def test_100k_deep_nesting_does_not_crash_the_interpreter(tmp_path, shape):
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP_INPUTS[shape])
    proc = subprocess.run([sys.executable, "-m", "vpcdocs", "check", str(path)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert proc.returncode != -11, "segmentation fault"
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "deep.yaml:1:" in proc.stdout
    assert "error[S-COMPLEXITY]" in proc.stdout or "error[S-YAML]" in proc.stdout


def test_deep_nesting_in_process_keeps_the_recursion_limit():
    before = sys.getrecursionlimit()
    result = load("[" * 5000 + "]" * 5000)
    assert "S-COMPLEXITY" in codes(result)
    assert sys.getrecursionlimit() == before


# --------------------------------------------------------------------------- S-EMPTY


@pytest.mark.parametrize("text", ["", "\n\n", "# just a comment\n", "---\n", "--- # header\n", "null\n", "~\n"])
def test_empty_file_is_a_warning(text):
    result = load(text)
    d = only(result, "S-EMPTY")
    assert d.severity is Severity.WARNING
    assert d.location == Location("spec.yaml", 1, 1)
    assert result.ok  # a warning does not fail the load


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_file_that_is_not_a_mapping(text):
    d = only(load(text), "S-TYPE")
    assert d.location == Location("spec.yaml", 1, 1)
    assert "must be a mapping" in d.message


# --------------------------------------------------------------------------- S-DUP-KEY


def test_duplicate_mapping_key():
    text = "region: us-east-1\nvpcs:\n  vpc-a:\n    cidr: 10.0.0.0/16\n    cidr: 10.9.0.0/16\n"
    result = load(text)
    d = only(result, "S-DUP-KEY")
    assert d.location == at(text, "cidr", 2)
    assert d.related == (at(text, "cidr", 1),)
    assert "'cidr'" in d.message
    # the first value is kept, the duplicate is not silently applied
    assert str(result.topology.vpc("vpc-a").cidrs[0]) == "10.0.0.0/16"


def test_duplicate_resource_ids_in_one_mapping():
    text = BASE.replace("      a-private: {cidr: 10.0.1.0/24, az: us-east-1a}\n",
                        "      a-private: {cidr: 10.0.1.0/24, az: us-east-1a}\n"
                        "      a-private: {cidr: 10.0.2.0/24, az: us-east-1a}\n")
    d = only(load(text), "S-DUP-KEY")
    assert d.location == at(text, "a-private:", 2)


def test_duplicate_key_in_flow_mapping():
    text = "region: us-east-1\nvpcs:\n  v: {cidr: 10.0.0.0/16, cidr: 10.1.0.0/16}\n"
    d = only(load(text), "S-DUP-KEY")
    assert d.location == at(text, "cidr", 2)


def test_duplicate_top_level_key():
    text = "region: us-east-1\nvpcs: {}\nregion: eu-west-1\n"
    d = only(load(text), "S-DUP-KEY")
    assert d.location == Location("spec.yaml", 3, 1)


def test_duplicate_key_written_differently():
    # 1 and "1" are the same key once read as text
    text = "region: us-east-1\ntransit_gateways:\n  tgw:\n    tags: {1: a, '1': b}\n"
    assert "S-DUP-KEY" in codes(load(text))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("route_tables", "[a-private, a-public, a-private]"),
        ("security_groups", "[sg-1, sg-1]"),
    ],
)
def test_duplicated_list_items(field, value):
    text = BASE + f"    endpoints:\n      s3-gw: {{type: gateway, service: s3, {field}: {value}}}\n"
    result = load(text)
    d = only(result, "S-DUP-KEY")
    item = value.strip("[]").split(", ")[-1]
    offset = text.rindex(item)
    line = text[:offset].count("\n") + 1
    assert d.location == Location("spec.yaml", line, offset - text.rindex("\n", 0, offset))
    assert "listed twice" in d.message
    assert len(d.related) == 1 and d.related[0].line == line and d.related[0].column < d.location.column


def test_duplicated_subnet_in_block_list():
    text = BASE.replace("        main: true\n", "        main: true\n        subnets:\n          - a-private\n"
                        "          - a-private\n")
    d = only(load(text), "S-DUP-KEY")
    line, col = where(text, "- a-private", 2)
    assert d.location == Location("spec.yaml", line, col + 2)


def test_merge_keys_are_applied_and_explicit_keys_win():
    text = ("region: us-east-1\nvpcs:\n  vpc-a:\n    cidr: 10.0.0.0/16\n    subnets:\n"
            "      s1: &sub {cidr: 10.0.0.0/24, az: us-east-1a}\n"
            "      s2: {<<: *sub, cidr: 10.0.1.0/24}\n")
    result = load(text)
    assert result.diagnostics == [], [d.format() for d in result.diagnostics]
    s2 = result.topology.subnet("s2")
    assert (str(s2.cidr), s2.az) == ("10.0.1.0/24", "us-east-1a")


def test_errors_helper_sanity():
    assert errors(load(BASE)) == []


# --------------------------------------------------------------------------- syntax errors a person can fix


def test_indentation_error_shows_the_line_a_caret_and_a_hint():
    text = "region: us-east-1\nvpcs:\n  vpc-a:\n    cidr: 10.0.0.0/16\n   subnets: {}\n"
    d = only(load(text), "S-YAML")
    assert d.location == Location("spec.yaml", 5, 4)  # the mis-indented line, not the next one
    lines = d.message.splitlines()
    assert lines[1:] == ["    3 |   vpc-a:", "  ... |", "    5 |    subnets: {}", "      |    ^"]
    assert d.hint is not None and "indentation" in d.hint and "indented 3 spaces" in d.hint
    assert d.related == (Location("spec.yaml", 3, 3),)


def test_over_indented_line_hint():
    text = "region: us-east-1\nvpcs:\n  a:\n    cidr: 10.0.0.0/16\n      name: x\n"
    d = only(load(text), "S-YAML")
    assert d.location.line == 5
    assert d.message.splitlines()[-1].index("^") == d.message.splitlines()[-2].index("name") + 4
    assert "indented more than line 4" in (d.hint or "")


@pytest.mark.parametrize("text", ["region: us-east-1\nvpcs\n  a: {}\n", "region: us-east-1\nvpcs:\n  a\n  b: {}\n"])
def test_missing_colon_is_located_on_the_key_that_lacks_it(text):
    d = only(load(text), "S-YAML")
    key = "vpcs" if "vpcs\n" in text else "a"
    line = 2 if key == "vpcs" else 3
    assert d.location == Location("spec.yaml", line, len(text.splitlines()[line - 1]) + 1)
    assert d.message.startswith(f"expected ':' after '{key}'")
    assert d.message.splitlines()[-1].endswith(" " * len(text.splitlines()[line - 1]) + "^")


def test_snippet_aligns_wide_text():
    text = "region: us-east-1\nvpcs:\n  東京: x: y\n"
    d = only(load(text), "S-YAML")
    snippet_line, caret_line = d.message.splitlines()[1:3]
    # the caret sits under the second ':' (wide characters take two terminal columns)
    assert caret_line.index("^") == len(snippet_line.split("| ", 1)[0]) + 2 + 2 + 4 + len(": x")


def test_control_character_snippet_is_escaped():
    d = only(load("region: us-east-1\ndescription: a\x1b]0;t\x07b\n"), "S-YAML")
    snippet_line, caret_line = d.message.splitlines()[1:3]
    assert "\x1b" not in d.message and "\x07" not in d.message
    assert snippet_line.endswith("description: a\\x1b]0;t\\x07b")
    assert caret_line.index("^") == snippet_line.index("\\x1b")


def test_cli_prints_the_snippet(tmp_path):
    (tmp_path / "bad.yaml").write_text("vpcs:\n  a:\n    cidr: x\n   b: 1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "vpcdocs", "check", "bad.yaml"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "bad.yaml:4:4: error[S-YAML]:" in proc.stdout
    assert "    4 |    b: 1\n      |    ^\n  hint: check the indentation" in proc.stdout


def test_references_into_an_unreadable_file_are_not_reported_as_unknown():
    from vpcdocs.spec import load_sources

    broken = b"region: us-east-1\nvpcs:\n  vpc-a:\n    cidr: 10.0.0.0/16\n   subnets: {}\n"
    other = (b"region: us-east-1\nvpcs:\n  vpc-b: {cidr: 10.1.0.0/16}\npeerings:\n"
             b"  pcx-a-b: {requester: vpc-a, accepter: vpc-b}\n  pcx-z-b: {requester: vpc-zzz, accepter: vpc-b}\n")
    result = load_sources([("a.yaml", broken), ("b.yaml", other)])
    found = [(d.code, d.location.file) for d in result.errors]
    assert ("S-YAML", "a.yaml") in found
    messages = " ".join(d.message for d in result.errors)
    assert "vpc-a'" not in messages  # defined in the file that could not be read: a consequence
    assert "vpc-zzz" in messages  # written nowhere: a real error, still reported in the same run
