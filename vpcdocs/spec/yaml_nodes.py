"""Located YAML values — :class:`MMap`, :class:`MSeq`, :class:`MScalar`, each with the
:class:`~vpcdocs.diagnostics.Location` it was written at — and how a scalar is typed: the
YAML 1.1 tags PyYAML resolves (str, int, float, bool, null), with every other tag reported
(``!Ref``, ``!!python/…``) instead of used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from ..diagnostics import Diagnostic, Location, error

_SURROGATE = re.compile("[\ud800-\udfff]")
_new_object = object.__new__


def located(file: str, line: int, column: int) -> Location:
    """``Location(file, line, column)`` in half the time: the frozen dataclass's ``__init__``
    sets each field through ``object.__setattr__``; this fills the instance's ``__dict__`` in
    the same order (equal, same hash, repr and pickle). The reader makes one per value and key."""
    loc = _new_object(Location)
    fields = loc.__dict__
    fields["file"] = file
    fields["line"] = line
    fields["column"] = column
    return loc


@dataclass(slots=True)
class MScalar:
    value: Any  # str, int, float, bool or None
    loc: Location
    tag: str = "str"
    text: str | None = None  # the scalar as written (0123 reads as octal 83; an id keeps "0123")


@dataclass(slots=True)
class MSeq:
    items: list[MNode]
    loc: Location


@dataclass(slots=True)
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
COLLECTION_TAGS = {_STD_PREFIX + t for t in ("seq", "map")}


def tag_name(tag: str) -> str:
    """A tag as written: ``!!python/object`` for the standard prefix, ``!Ref`` for local tags."""
    if tag.startswith(_STD_PREFIX):
        return "!!" + tag[len(_STD_PREFIX):]
    return tag if tag.startswith("!") else f"!<{tag}>"


def unsupported_tag(tag: str, loc: Location, diags: list[Diagnostic]) -> None:
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


_BOOLS = yaml.SafeLoader.bool_values  # yes/no/on/off/true/false, lower-cased
STR_TAG = _STD_PREFIX + "str"
MERGE_TAG = _STD_PREFIX + "merge"


def scalar(node: yaml.ScalarNode, loc: Location, diags: list[Diagnostic]) -> MScalar:
    tag, text = node.tag, node.value
    kind = _SCALAR_TAGS.get(tag)
    if kind is None:
        if tag not in _TEXT_TAGS:
            unsupported_tag(tag, loc, diags)
        return MScalar(text, loc, "str")
    if kind == "str":
        if not text.isascii() and _SURROGATE.search(text):  # "\ud800": only the pure-Python parser lets it through
            diags.append(error("S-YAML", "invalid Unicode escape (a lone surrogate)", loc))
            return MScalar(_SURROGATE.sub("\ufffd", text), loc, "str")
        return MScalar(text, loc, "str")
    if kind == "int" and text.isdigit() and text.isascii() and (text[0] != "0" or len(text) == 1) and len(text) < 60:
        return MScalar(int(text), loc, "int", text)  # plain decimal: what construct_yaml_int gives, sooner
    if kind == "bool":
        flag = _BOOLS.get(text.lower())
        if flag is not None:
            return MScalar(flag, loc, "bool", text)
    if kind == "null":
        return MScalar(None, loc, "null", text)
    try:
        constructor = {
            "int": yaml.SafeLoader.construct_yaml_int,
            "float": yaml.SafeLoader.construct_yaml_float,
            "bool": yaml.SafeLoader.construct_yaml_bool,
        }[kind]
        value: Any = constructor(_ScalarCtor, node)
    except Exception:  # noqa: BLE001 - malformed numbers fall back to text
        return MScalar(text, loc, "str")
    if kind == "int" and isinstance(value, int) and value.bit_length() > HUGE_INT_BITS:
        value = HugeInt(value, text)
    return MScalar(value, loc, kind, text)


class _ScalarCtorClass(yaml.SafeLoader):
    def __init__(self) -> None:  # no stream: only the scalar constructors are used
        pass


_ScalarCtor = _ScalarCtorClass()


