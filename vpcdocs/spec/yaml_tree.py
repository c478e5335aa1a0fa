"""Composed YAML nodes -> the located tree (:mod:`.yaml_nodes`), within limits: at most
:data:`MAX_NODES` values once aliases are expanded (no "billion laughs"), at most
:data:`MAX_DEPTH` levels of nesting; duplicate keys are reported (PyYAML would keep the last)
and merge keys (``<<: *defaults``) applied.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Location, error
from .yaml_nodes import (
    COLLECTION_TAGS,
    MERGE_TAG,
    STR_TAG,
    MMap,
    MNode,
    MScalar,
    MSeq,
    located,
    scalar,
    unsupported_tag,
)

MAX_NODES = 1_000_000  # after alias expansion: stops "billion laughs"
MAX_DEPTH = 64  # a spec is at most ~8 levels deep

C_LOADER: Any = getattr(yaml, "CSafeLoader", None)  # libyaml's parser; absent: the pure-Python one
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
# a line that starts with more indentation (or "- ", "? ", ": ") than MAX_DEPTH levels take: at the
# start of the text, or after a line feed (a search for "\n" is much faster than for "(?m)^")
_TOO_INDENTED_FIRST = re.compile(rf"[ \t?:-]{{{8 * MAX_DEPTH + 1}}}")
_TOO_INDENTED = re.compile(rf"\n[ \t?:-]{{{8 * MAX_DEPTH + 1}}}")


def looks_deep(text: str) -> bool:
    """Whether nesting might be deep enough to crash libyaml's recursive composer.

    The C composer recurses without a limit and segfaults on ~100k nested brackets; such
    files go to the pure-Python composer, which raises a RecursionError we can report.
    """
    if text.count("[") + text.count("{") > 2 * MAX_DEPTH:  # fewer openers cannot nest that deep
        # the deepest running sum of +1 per opener, -1 per closer (counted in C, not per bracket)
        if max(accumulate(map(_BRACKET_STEP.__getitem__, _NOT_BRACKETS.sub("", text)), initial=0)) > 2 * MAX_DEPTH:
            return True
    return _TOO_INDENTED_FIRST.match(text) is not None or _TOO_INDENTED.search(text) is not None


if C_LOADER is not None:
    class _CachedResolverLoader(C_LOADER):
        """libyaml's composer with the implicit tag of each plain scalar text resolved once
        per file (resolving runs regular expressions in Python for every value otherwise).
        Safe: the safe loader has no path resolvers, so a text always resolves alike."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._tags: dict[str, str] = {}

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode and implicit[0]:
                tag = self._tags.get(value)
                if tag is None:
                    tag = self._tags[value] = super().resolve(kind, value, implicit)
                return tag
            return super().resolve(kind, value, implicit)

        # the safe loader has no path resolvers: nothing to track per node
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    FAST_LOADER: Any = _CachedResolverLoader
else:  # pragma: no cover - PyYAML built without libyaml
    FAST_LOADER = yaml.SafeLoader


class TooComplex(Exception):
    def __init__(self, message: str, loc: Location):
        super().__init__(message)
        self.loc = loc


class Converter:
    """yaml nodes -> located values. The hot path of loading (every value of every file
    passes here once), so it is written for speed: locations are made inline and plain
    string keys and values take no detours."""

    def __init__(self, filename: str, diags: list[Diagnostic]):
        self.filename = filename
        self.diags = diags
        self.count = 0

    def convert(self, node: yaml.Node, depth: int = 0) -> MNode:
        mark = node.start_mark
        loc = located(self.filename, mark.line + 1, mark.column + 1)
        self.count += 1
        if self.count > MAX_NODES:
            raise TooComplex(
                f"document expands to more than {MAX_NODES:,} values (an alias bomb?)", loc
            )
        if depth > MAX_DEPTH:
            raise TooComplex(f"nesting deeper than {MAX_DEPTH} levels", loc)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == STR_TAG and node.value.isascii():
                return MScalar(node.value, loc, "str")
            return scalar(node, loc, self.diags)
        if node.tag not in COLLECTION_TAGS:  # on a list or mapping (scalars are checked in _scalar)
            unsupported_tag(node.tag, loc, self.diags)
        if isinstance(node, yaml.SequenceNode):
            convert = self.convert
            return MSeq([convert(item, depth + 1) for item in node.value], loc)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        raise TooComplex(f"unsupported YAML node {type(node).__name__}", loc)

    def _mapping(self, node: yaml.MappingNode, loc: Location, depth: int) -> MMap:
        entries: list[tuple[MScalar, MNode]] = []
        seen: dict[Any, Location] = {}
        filename, convert, scalar_node = self.filename, self.convert, yaml.ScalarNode
        pairs = node.value
        for key_node, _ in pairs:
            if key_node.tag == MERGE_TAG:
                pairs = self._merged(node)
                break
        for key_node, value_node in pairs:
            mark = key_node.start_mark
            key_loc = located(filename, mark.line + 1, mark.column + 1)
            if not isinstance(key_node, scalar_node):
                self.diags.append(error("S-TYPE", "mapping keys must be plain values, not lists or mappings", key_loc))
                continue
            text = key_node.value
            if key_node.tag == STR_TAG and text.isascii():
                key = MScalar(text, key_loc, "str")
            else:
                key = scalar(key_node, key_loc, self.diags)
                # a key is a name: keep the text as written (an id 'no' or 'on' is not False/True,
                # '012' is not 10); an empty or null key stays empty
                key = MScalar("" if key.value is None else key.value if isinstance(key.value, str) else text,
                              key_loc, "str")
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
            entries.append((key, convert(value_node, depth + 1)))
        return MMap(entries, loc)

    def _merged(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """Entries with YAML merge keys (``<<: *defaults``) applied; explicit keys win."""
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        merges: list[yaml.MappingNode] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
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


def expanded_size(node: yaml.Node, memo: dict[int, int | None], depth: int = 0) -> int:
    """How many values the document has once aliases are expanded, without expanding them.
    Scalars (which contain nothing) are counted in their parent's loop, not visited."""
    key = id(node)
    if key in memo:
        known = memo[key]
        if known is None:  # still being measured: the node contains itself
            raise TooComplex("an alias refers to a node that contains it (recursive alias)",
                              Location("", node.start_mark.line + 1, node.start_mark.column + 1))
        return known
    if depth > MAX_DEPTH:
        raise TooComplex(f"nesting deeper than {MAX_DEPTH} levels",
                          Location("", node.start_mark.line + 1, node.start_mark.column + 1))
    memo[key] = None
    total = 1
    if isinstance(node, yaml.SequenceNode):
        children: Any = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    else:
        children = ()
    scalar_node = yaml.ScalarNode
    for child in children:
        if isinstance(child, scalar_node) and depth < MAX_DEPTH:
            total += 1
        else:  # a collection, or a value too deep (reported there)
            total += expanded_size(child, memo, depth + 1)
    size = memo[key] = min(total, MAX_NODES + 1)
    return size


