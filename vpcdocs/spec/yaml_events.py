"""The fast path for plain YAML: libyaml's parser events straight to the located tree.

Composing a node graph first (:mod:`.yaml_tree`) costs a Python object, two positions and a
resolver call per value, then a walk to measure it and another to convert it. Most spec
files — and every generated or imported one — use none of what the node graph is for:
anchors and aliases, merge keys. For those, this module builds the same
:class:`~.yaml_nodes.MMap`/:class:`~.yaml_nodes.MSeq`/:class:`~.yaml_nodes.MScalar` tree in
one pass over the parser's events (1,000 VPCs: about a third faster).

It gives up — :func:`plain_tree` returns None and the caller takes the full path, which
reports exactly what it always did — at anything that is not plain: an anchor or alias, a
merge key, a key that is not a scalar, a duplicate key, a limit reached (values, depth),
anything but one document with a collection or non-null value at its root, and any error
of the parser. So the fast path never has to word an error itself.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

from ..diagnostics import Diagnostic, Location
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
from .yaml_tree import C_LOADER, FAST_LOADER, MAX_DEPTH, MAX_NODES

_new_object = object.__new__


class _NotPlain(Exception):
    """The file needs the full path."""


class _Builder:
    def __init__(self, text: str, filename: str, diags: list[Diagnostic]):
        self.loader = FAST_LOADER(text)
        self.next_event = self.loader.get_event
        self.resolve = self.loader.resolve
        # the loader's cache of resolved plain scalars, read here without a call per value
        self.tags: dict[str, str] = getattr(self.loader, "_tags", {})
        self.filename = filename
        self.diags = diags
        self.count = 0  # every value and key, as the full path's alias-expanded count

    def document(self) -> MNode:
        events = [self.next_event(), self.next_event()]  # stream start, document start
        if not isinstance(events[1], yaml.DocumentStartEvent):
            raise _NotPlain  # no document at all
        root = self.node(self.next_event(), 0)
        if isinstance(root, MScalar) and root.tag == "null":
            raise _NotPlain  # an empty document
        if not isinstance(self.next_event(), yaml.DocumentEndEvent) or \
                not isinstance(self.next_event(), yaml.StreamEndEvent):
            raise _NotPlain  # a second document
        return root

    def tag(self, event: Any) -> str:
        """The tag of a scalar event: written, else resolved as the composer does."""
        tag = event.tag
        if tag is None or tag == "!":
            implicit = event.implicit
            tag = self.tags.get(event.value) if implicit[0] else None
            if tag is None:
                tag = self.resolve(yaml.ScalarNode, event.value, implicit)
        return tag

    def node(self, event: Any, depth: int) -> MNode:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH or event.anchor is not None:
            raise _NotPlain
        mark = event.start_mark
        loc = located(self.filename, mark.line + 1, mark.column + 1)
        kind = event.__class__
        if kind is ScalarEvent:
            text = event.value
            tag = self.tag(event)
            if tag == STR_TAG and text.isascii():
                return MScalar(text, loc, "str")
            return scalar(yaml.ScalarNode(tag, text, mark), loc, self.diags)
        if kind is not MappingStartEvent and kind is not SequenceStartEvent:
            raise _NotPlain  # an alias
        tag = event.tag
        if tag is not None and tag != "!" and tag not in COLLECTION_TAGS:
            unsupported_tag(tag, loc, self.diags)
        if kind is SequenceStartEvent:
            return self.sequence(loc, depth)
        return self.mapping(loc, depth)

    def sequence(self, loc: Location, depth: int) -> MSeq:
        items: list[MNode] = []
        next_event, node = self.next_event, self.node
        while True:
            event = next_event()
            if event.__class__ is SequenceEndEvent:
                return MSeq(items, loc)
            items.append(node(event, depth + 1))

    def mapping(self, loc: Location, depth: int) -> MMap:
        """The hot loop of loading: a plain ``key: value`` pair (most of every file) is read
        here without a call per key or value; anything else goes through :meth:`node`."""
        entries: list[tuple[MScalar, MNode]] = []
        seen: set[str] = set()
        next_event, node, resolve, filename, tags = self.next_event, self.node, self.resolve, self.filename, self.tags
        new, location = _new_object, Location
        if depth + 1 > MAX_DEPTH:
            raise _NotPlain  # its keys are too deep
        while True:
            event = next_event()
            if event.__class__ is not ScalarEvent:
                if event.__class__ is MappingEndEvent:
                    return MMap(entries, loc)
                raise _NotPlain  # a key that is a list or mapping, or an alias
            self.count += 1
            tag, text = event.tag, event.value
            if tag is None or tag == "!":
                implicit = event.implicit
                tag = tags.get(text) if implicit[0] else None
                if tag is None:
                    tag = resolve(yaml.ScalarNode, text, implicit)
            if tag == MERGE_TAG or event.anchor is not None:
                raise _NotPlain
            mark: Any = event.start_mark
            key_loc = new(location)  # located(), inline: twice per entry
            fields = key_loc.__dict__
            fields["file"], fields["line"], fields["column"] = filename, mark.line + 1, mark.column + 1
            if tag != STR_TAG or not text.isascii():
                typed = scalar(yaml.ScalarNode(tag, text, mark), key_loc, self.diags)
                # a key is a name: the text as written; an empty or null key stays empty
                text = "" if typed.value is None else typed.value if isinstance(typed.value, str) else text
            if text in seen:
                raise _NotPlain  # a duplicate key
            seen.add(text)
            event = next_event()
            if event.__class__ is not ScalarEvent or event.anchor is not None:
                entries.append((MScalar(text, key_loc, "str"), node(event, depth + 1)))
                continue
            # a scalar value: what node() does for it
            self.count += 1
            if self.count > MAX_NODES:
                raise _NotPlain
            value, tag = event.value, event.tag
            if tag is None or tag == "!":
                implicit = event.implicit
                tag = tags.get(value) if implicit[0] else None
                if tag is None:
                    tag = resolve(yaml.ScalarNode, value, implicit)
            mark = event.start_mark
            value_loc = new(location)
            fields = value_loc.__dict__
            fields["file"], fields["line"], fields["column"] = filename, mark.line + 1, mark.column + 1
            if tag == STR_TAG and value.isascii():
                entries.append((MScalar(text, key_loc, "str"), MScalar(value, value_loc, "str")))
            else:
                entries.append((MScalar(text, key_loc, "str"),
                                scalar(yaml.ScalarNode(tag, value, mark), value_loc, self.diags)))


def plain_tree(text: str, filename: str) -> tuple[MNode, list[Diagnostic]] | None:
    """The located tree of ``text`` and its diagnostics, or None when the file is not plain
    (see the module docstring) or libyaml is not available."""
    if C_LOADER is None:
        return None
    diags: list[Diagnostic] = []
    try:
        return _Builder(text, filename, diags).document(), diags
    except Exception:  # noqa: BLE001 - not plain, a parse error or anything else: the full path decides
        return None
