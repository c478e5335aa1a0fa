"""Read one YAML file into a located tree, safely.

PyYAML's safe composer gives nodes with positions; this module turns them into
:class:`MMap` / :class:`MSeq` / :class:`MScalar` values that remember their
:class:`~vpcdocs.diagnostics.Location`, and reports — never raises — every way a file can be
unreadable: too large, binary, not UTF-8, a YAML syntax error, a duplicate mapping key (PyYAML
would silently keep the last one), alias bombs and absurd nesting.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from ..diagnostics import Diagnostic, Location, error, warning
from .yaml_errors import snippet, syntax_error

MAX_FILE_BYTES = 16 * 1024 * 1024  # a spec is hand-written or imported YAML, not a data dump
MAX_NODES = 1_000_000  # after alias expansion: stops "billion laughs"
MAX_DEPTH = 64  # a spec is at most ~8 levels deep

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SURROGATE = re.compile("[\ud800-\udfff]")
_BRACKETS = re.compile(r"[\[\]{}]")
_INDENT = re.compile(r"(?m)^[ \t?:-]*")


def _looks_deep(text: str) -> bool:
    """Whether nesting might be deep enough to crash libyaml's recursive composer.

    The C composer recurses without a limit and segfaults on ~100k nested brackets; such
    files go to the pure-Python composer, which raises a RecursionError we can report.
    """
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        deepest = max(deepest, depth)
        if deepest > 2 * MAX_DEPTH:
            return True
    return any(len(m.group()) > 8 * MAX_DEPTH for m in _INDENT.finditer(text))


@dataclass
class MScalar:
    value: Any  # str, int, float, bool or None
    loc: Location
    tag: str = "str"
    text: str | None = None  # the scalar as written (0123 reads as octal 83; an id keeps "0123")


@dataclass
class MSeq:
    items: list[MNode]
    loc: Location


@dataclass
class MMap:
    entries: list[tuple[MScalar, MNode]]
    loc: Location
    _index: dict = field(default_factory=dict, repr=False)

    def get(self, key: str) -> MNode | None:
        if not self._index:
            self._index = {k.value: v for k, v in self.entries}
        return self._index.get(key)

    def key_loc(self, key: str) -> Location | None:
        for k, _ in self.entries:
            if k.value == key:
                return k.loc
        return None


MNode = Union[MScalar, MSeq, MMap]


class _TooComplex(Exception):
    def __init__(self, message: str, loc: Location):
        super().__init__(message)
        self.loc = loc


def _loc(filename: str, mark) -> Location:
    if mark is None:
        return Location(filename)
    return Location(filename, mark.line + 1, mark.column + 1)


_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
}


_STD_PREFIX = "tag:yaml.org,2002:"
# standard tags whose value is kept as the text the user wrote (an unquoted date resolves to
# ``timestamp`` implicitly); collections; the merge key. Any other tag — ``!Ref``, ``!!python/…``,
# ``!!set``, a verbatim ``!<…>`` — is an error naming it, never silently used as text.
_TEXT_TAGS = {_STD_PREFIX + t for t in ("timestamp", "binary", "merge", "value")}  # "<<", "=" as values
_COLLECTION_TAGS = {_STD_PREFIX + t for t in ("seq", "map")}


def tag_name(tag: str) -> str:
    """A tag as written: ``!!python/object`` for the standard prefix, ``!Ref`` for local tags."""
    if tag.startswith(_STD_PREFIX):
        return "!!" + tag[len(_STD_PREFIX):]
    return tag if tag.startswith("!") else f"!<{tag}>"


def _unsupported_tag(tag: str, loc: Location, diags: list[Diagnostic]) -> None:
    name = tag_name(tag)
    hint = ("vpcdocs reads plain YAML: no Python objects are ever constructed" if "python/" in tag
            else "write the value without a tag (quote it to make it text)")
    diags.append(error("S-YAML", f"unsupported YAML tag {name[:80]}", loc, hint=hint))


class HugeInt(int):
    """An integer literal too long to print (Python refuses ``str()`` beyond 4,300 digits):
    compares like the number, prints as the text written, abbreviated."""

    text: str

    def __new__(cls, value: int, text: str) -> HugeInt:
        obj = super().__new__(cls, value)
        obj.text = text if len(text) <= 24 else f"{text[:12]}…({len(text)} characters)"
        return obj

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return self.text


HUGE_INT_BITS = 256  # far beyond any spec field (ports, ASNs, account ids)


def _scalar(node: yaml.ScalarNode, loc: Location, diags: list[Diagnostic]) -> MScalar:
    kind = _SCALAR_TAGS.get(node.tag)
    if kind is None:
        if node.tag not in _TEXT_TAGS:
            _unsupported_tag(node.tag, loc, diags)
        return MScalar(node.value, loc, "str")
    if kind == "str":
        if _SURROGATE.search(node.value):  # "\ud800": only the pure-Python parser lets it through
            diags.append(error("S-YAML", "invalid Unicode escape (a lone surrogate)", loc))
            return MScalar(_SURROGATE.sub("\ufffd", node.value), loc, "str")
        return MScalar(node.value, loc, "str")
    try:
        constructor = {
            "int": yaml.SafeLoader.construct_yaml_int,
            "float": yaml.SafeLoader.construct_yaml_float,
            "bool": yaml.SafeLoader.construct_yaml_bool,
            "null": yaml.SafeLoader.construct_yaml_null,
        }[kind]
        value = constructor(_ScalarCtor, node)
    except Exception:  # noqa: BLE001 - malformed numbers fall back to text
        return MScalar(node.value, loc, "str")
    if kind == "int" and isinstance(value, int) and value.bit_length() > HUGE_INT_BITS:
        value = HugeInt(value, node.value)
    return MScalar(value, loc, kind, node.value)


class _ScalarCtorClass(yaml.SafeLoader):
    def __init__(self):  # no stream: only the scalar constructors are used
        pass


_ScalarCtor = _ScalarCtorClass()


class _Converter:
    def __init__(self, filename: str, diags: list[Diagnostic]):
        self.filename = filename
        self.diags = diags
        self.count = 0

    def convert(self, node, depth: int = 0) -> MNode:
        loc = _loc(self.filename, node.start_mark)
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooComplex(
                f"document expands to more than {MAX_NODES:,} values (an alias bomb?)", loc
            )
        if depth > MAX_DEPTH:
            raise _TooComplex(f"nesting deeper than {MAX_DEPTH} levels", loc)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node, loc, self.diags)
        if node.tag not in _COLLECTION_TAGS:  # on a list or mapping (scalars are checked in _scalar)
            _unsupported_tag(node.tag, loc, self.diags)
        if isinstance(node, yaml.SequenceNode):
            return MSeq([self.convert(item, depth + 1) for item in node.value], loc)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        raise _TooComplex(f"unsupported YAML node {type(node).__name__}", loc)

    def _mapping(self, node: yaml.MappingNode, loc: Location, depth: int) -> MMap:
        entries: list[tuple[MScalar, MNode]] = []
        seen: dict[Any, Location] = {}
        for key_node, value_node in self._merged(node):
            key_loc = _loc(self.filename, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.diags.append(error("S-TYPE", "mapping keys must be plain values, not lists or mappings", key_loc))
                continue
            key = _scalar(key_node, key_loc, self.diags)
            # a key is a name: keep the text as written (an id 'no' or 'on' is not False/True,
            # '012' is not 10); an empty or null key stays empty
            key = MScalar("" if key.value is None else key.value if isinstance(key.value, str) else key_node.value,
                          key.loc, "str")
            if key.value in seen:
                self.diags.append(
                    error(
                        "S-DUP-KEY",
                        f"duplicate key '{key.value}' (YAML would silently keep only the last one)",
                        key_loc,
                        related=(seen[key.value],),
                    )
                )
                continue
            seen[key.value] = key_loc
            entries.append((key, self.convert(value_node, depth + 1)))
        return MMap(entries, loc)

    def _merged(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """Entries with YAML merge keys (``<<: *defaults``) applied; explicit keys win."""
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        merges: list[yaml.MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                merges.extend(s for s in sources if isinstance(s, yaml.MappingNode))
            else:
                pairs.append((key_node, value_node))
        if not merges:
            return pairs
        explicit = {k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode)}
        merged = []
        for source in merges:
            for k, v in source.value:
                if isinstance(k, yaml.ScalarNode) and k.value not in explicit:
                    explicit.add(k.value)
                    merged.append((k, v))
        return merged + pairs


def _expanded_size(node, memo: dict, depth: int = 0) -> int:
    """How many values the document has once aliases are expanded, without expanding them."""
    key = id(node)
    if key in memo:
        if memo[key] is None:  # still being measured: the node contains itself
            raise _TooComplex("an alias refers to a node that contains it (recursive alias)",
                              Location("", node.start_mark.line + 1, node.start_mark.column + 1))
        return memo[key]
    if depth > MAX_DEPTH:
        raise _TooComplex(f"nesting deeper than {MAX_DEPTH} levels",
                          Location("", node.start_mark.line + 1, node.start_mark.column + 1))
    memo[key] = None
    total = 1
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            total += _expanded_size(child, memo, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            total += _expanded_size(k, memo, depth + 1) + _expanded_size(v, memo, depth + 1)
    memo[key] = min(total, MAX_NODES + 1)
    return memo[key]


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


def too_large(filename: str, size: int | None = None) -> Diagnostic:
    """``S-TOO-LARGE`` for a file over :data:`MAX_FILE_BYTES` (``size`` when known exactly)."""
    how = f"is {size / 1048576:.1f} MiB" if size is not None else "is larger than that"
    return error(
        "S-TOO-LARGE",
        f"file {how}; specs are limited to {MAX_FILE_BYTES // 1048576} MiB",
        Location(filename, 1, 1),
        hint="split the estate into one file per VPC or per account",
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
    try:
        loader = yaml.SafeLoader if _looks_deep(text) else _FAST_LOADER
        node = yaml.compose(text, Loader=loader)
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
        size = _expanded_size(node, {})
    except _TooComplex as exc:
        return None, [error("S-COMPLEXITY", str(exc), Location(filename, exc.loc.line, exc.loc.column))]
    if size > MAX_NODES:
        return None, [error("S-COMPLEXITY", f"document expands to more than {MAX_NODES:,} values "
                             "(an alias bomb?)", Location(filename, 1, 1))]
    converter = _Converter(filename, diags)
    old_limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(old_limit, 4 * MAX_DEPTH + 200))
        tree = converter.convert(node)
    except _TooComplex as exc:
        return None, [*diags, error("S-COMPLEXITY", str(exc), exc.loc)]
    except RecursionError:
        return None, [*diags, error("S-COMPLEXITY", "nesting is too deep to read", Location(filename, 1, 1))]
    finally:
        sys.setrecursionlimit(old_limit)
    return tree, diags
