"""Read one YAML file into a located tree, safely.

PyYAML's safe composer gives nodes with positions; :mod:`.yaml_tree` turns them into
:class:`MMap` / :class:`MSeq` / :class:`MScalar` values that remember their
:class:`~vpcdocs.diagnostics.Location` (:mod:`.yaml_nodes`). This module reports — never
raises — every way a file can be unreadable: too large, binary, not UTF-8, a YAML syntax
error, a duplicate mapping key (PyYAML would silently keep the last one), alias bombs and
absurd nesting. Plain files (no anchors, merge keys or problems: the usual case) take the
fast path of :mod:`.yaml_events`, which gives the same tree.
"""

from __future__ import annotations

import re
import sys

import yaml

from ..diagnostics import Diagnostic, Location, error, warning
from .files import MAX_FILE_BYTES, too_large
from .yaml_errors import snippet, syntax_error
from .yaml_events import plain_tree
from .yaml_nodes import HugeInt, MMap, MNode, MScalar, MSeq, tag_name
from .yaml_tree import FAST_LOADER, MAX_DEPTH, MAX_NODES, Converter, TooComplex, expanded_size, looks_deep

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_NODES", "HugeInt", "MMap", "MNode", "MScalar", "MSeq",
           "read_yaml_bytes", "tag_name", "too_large"]



_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks


def _text_location(text: str, index: int, filename: str) -> Location:
    """1-based line and column of ``text[index]``, counting line breaks as YAML does."""
    line, start = 1, 0
    for m in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return Location(filename, line, index - start + 1)


def _decode(data: bytes, filename: str) -> tuple[str | None, Diagnostic | None]:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, error("S-ENCODING", "file is binary, not YAML text", Location(filename, 1, 1))
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        # lines and columns count characters, as in every other diagnostic (the bytes before
        # the bad one are valid UTF-8); a byte-order mark is not a column
        before = data[: exc.start].decode("utf-8", errors="replace").removeprefix("\ufeff")
        return None, error(
            "S-ENCODING",
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            _text_location(before, len(before), filename),
            hint="save the file as UTF-8",
        )


def read_yaml_bytes(data: bytes, filename: str) -> tuple[MNode | None, list[Diagnostic]]:
    """Parse one file's bytes. Returns the located tree (None if unusable) and diagnostics."""
    diags: list[Diagnostic] = []
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(filename, len(data))]
    text, problem = _decode(data, filename)
    if problem:
        return None, [problem]
    assert text is not None
    deep = looks_deep(text)
    plain = None if deep else plain_tree(text, filename)
    if plain is not None:
        return plain
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader if deep else FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_error(text, exc, filename)]
    except yaml.YAMLError as exc:
        loc = Location(filename, 1, 1)
        message = str(exc).strip().splitlines()[0]
        if isinstance(exc, yaml.reader.ReaderError):  # a control character: point at it
            bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
            if bad:
                loc = _text_location(text, bad.start(), filename)
                message += "\n" + snippet(text, loc.line, loc.column)
        return None, [error("S-YAML", message, loc)]
    except RecursionError:
        return None, [error("S-COMPLEXITY", "nesting is too deep to read", Location(filename, 1, 1))]
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        # no document, or an empty one (only ``---``, comments or ``null``)
        return None, [warning("S-EMPTY", "file is empty", Location(filename, 1, 1))]
    try:
        size = expanded_size(node, {})
    except TooComplex as exc:
        return None, [error("S-COMPLEXITY", str(exc), Location(filename, exc.loc.line, exc.loc.column))]
    if size > MAX_NODES:
        return None, [error("S-COMPLEXITY", f"document expands to more than {MAX_NODES:,} values "
                             "(an alias bomb?)", Location(filename, 1, 1))]
    converter = Converter(filename, diags)
    old_limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(old_limit, 4 * MAX_DEPTH + 200))
        tree = converter.convert(node)
    except TooComplex as exc:
        return None, [*diags, error("S-COMPLEXITY", str(exc), exc.loc)]
    except RecursionError:
        return None, [*diags, error("S-COMPLEXITY", "nesting is too deep to read", Location(filename, 1, 1))]
    finally:
        sys.setrecursionlimit(old_limit)
    return tree, diags
