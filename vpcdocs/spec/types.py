"""Field types of the spec: each validates a located YAML value and describes itself.

One definition serves both the validator (``check``) and the JSON Schema
(``json_schema``) that ``vpcdocs schema`` prints, so the two can never disagree — the same
idea as MkDocs' ``config_options``.

``check`` returns the Python value (or :data:`INVALID`) and appends diagnostics; mappings
come back as :class:`Rec` — a dict that remembers where each field was written.

This module holds the base class and the plain scalars (text, account ids, choices,
booleans, numbers); :mod:`vpcdocs.spec.values` the network values (CIDRs, addresses,
protocols, ports); :mod:`vpcdocs.spec.containers` lists, id maps and objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Location, did_you_mean, error
from .yaml_reader import MMap, MNode, MScalar, MSeq


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Any = _Invalid()


class Rec(dict):
    """A validated mapping: values by field name, plus ``loc`` and per-field ``locs``."""

    def __init__(self, loc: Location, key_loc: Location | None = None) -> None:
        # empty as made (dict.__init__ with nothing to add is not called: one per record)
        self.loc = loc
        self.key_loc = key_loc or loc  # where the entry's key (its id) was written
        self.locs: dict[str, Location] = {}
        self.complete = True  # False when a required field is missing or invalid

    def at(self, name: str, item: Any = None) -> Location:
        """Where field ``name`` was written; with ``item``, where that item of a list field was."""
        value = self.get(name)
        if item is not None and isinstance(value, LocList):
            for candidate, loc in zip(value, value.locs):
                if candidate == item:
                    return loc
        return self.locs.get(name, self.loc)


class LocList(list):
    """A validated list that remembers where each of its items was written (``locs``)."""

    def __init__(self, items: Iterable[Any] = (), locs: Iterable[Location] = ()) -> None:
        super().__init__(items)
        self.locs: list[Location] = list(locs)


def _kind_of(node: MNode) -> str:
    if isinstance(node, MMap):
        return "a mapping"
    if isinstance(node, MSeq):
        return "a list"
    return {"str": "a string", "int": "a number", "float": "a number", "bool": "true/false",
            "null": "empty"}.get(node.tag, "a value")


def _as_written(node: MScalar) -> str:
    """A scalar's text: for numbers the digits as written, so ``0755`` stays ``0755``."""
    if node.tag == "int" and node.text is not None:
        return node.text
    return str(node.value)


def _type_error(node: MNode, expected: str, diags: list[Diagnostic], where: str = "") -> Any:
    value = f" {node.value!r}" if isinstance(node, MScalar) and node.tag != "null" else ""
    diags.append(error("S-TYPE", f"{where}expected {expected}, got {_kind_of(node)}{value}", node.loc))
    return INVALID


class FieldType:
    description = ""

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def example(self) -> Any:
        """A value this type accepts, for the schema's ``examples`` (editor hover); None: none known."""
        return None


@dataclass
class Str(FieldType):
    pattern: str | None = None
    pattern_hint: str = ""
    min_length: int = 0
    _regex: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._regex = re.compile(self.pattern) if self.pattern else None

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if not isinstance(node, MScalar) or node.tag in ("null", "bool") or isinstance(node.value, float):
            return _type_error(node, "a string", diags)
        value = _as_written(node)  # numbers written unquoted (account ids) are fine as text
        if len(value) < self.min_length:
            diags.append(error("S-VALUE", "must not be empty", node.loc))
            return INVALID
        if self._regex is not None and not self._regex.fullmatch(value):
            diags.append(error("S-VALUE", f"{value!r} is not {self.pattern_hint or 'valid here'}", node.loc))
            return INVALID
        return value

    def json_schema(self) -> dict:
        schema: dict = {"type": "string"}
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        if self.min_length:
            schema["minLength"] = self.min_length
        if not self.accepts_numbers():
            return schema
        if not self.pattern:  # minLength only applies to strings; a number is never empty
            return {**schema, "type": ["string", "integer"]}
        # the pattern cannot be applied to a number in JSON Schema: allow whole numbers (lenient)
        return {"anyOf": [schema, {"type": "integer"}]}

    def accepts_numbers(self) -> bool:
        """Whether ``check`` accepts some unquoted whole numbers (it checks their text)."""
        if not self.pattern:
            return True
        return any(re.fullmatch(self.pattern, sample) for sample in ("0", "1", "-1", "443", "8080", "4711"))


@dataclass
class AccountId(FieldType):
    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if isinstance(node, MScalar) and node.tag == "int":
            if node.text is not None and re.fullmatch(r"\d{12}", node.text):
                return node.text  # 012345670123 is an account id, not an octal number
            if not 0 <= node.value <= 999_999_999_999:
                diags.append(error("S-VALUE", f"{node.value} is not a 12-digit AWS account id", node.loc))
                return INVALID
            return f"{node.value:012d}"
        value = Str(r"\d{12}", "a 12-digit AWS account id").check(node, diags)
        return value

    def json_schema(self) -> dict:
        return {"anyOf": [{"type": "string", "pattern": r"^\d{12}$"},
                          {"type": "integer", "minimum": 0, "maximum": 999_999_999_999}]}

    def example(self) -> Any:
        return "111122223333"


@dataclass
class Enum(FieldType):
    values: tuple[str, ...] = ()
    case_insensitive: bool = False

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if not isinstance(node, MScalar) or node.tag not in ("str", "int"):
            return _type_error(node, f"one of {', '.join(self.values)}", diags)
        value = _as_written(node)
        for candidate in self.values:
            if value == candidate or (self.case_insensitive and value.lower() == candidate.lower()):
                return candidate
        diags.append(
            error(
                "S-VALUE",
                f"{value!r} is not one of {', '.join(self.values)}",
                node.loc,
                hint=did_you_mean(value, self.values),
            )
        )
        return INVALID

    def json_schema(self) -> dict:
        if not self.case_insensitive:
            return {"enum": list(self.values)}
        # editors complete the enum; the pattern accepts any letter case as ``check`` does
        pattern = "|".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in v)
                           for v in self.values)
        return {"anyOf": [{"enum": list(self.values)}, {"type": "string", "pattern": f"^(?:{pattern})$"}]}

    def example(self) -> Any:
        return self.values[0] if self.values else None


@dataclass
class Bool(FieldType):
    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if isinstance(node, MScalar) and node.tag == "bool":
            return node.value
        return _type_error(node, "true or false", diags)

    def json_schema(self) -> dict:
        return {"type": "boolean"}

    def example(self) -> Any:
        return True


@dataclass
class Int(FieldType):
    minimum: int | None = None
    maximum: int | None = None

    def check(self, node, diags):
        if not isinstance(node, MScalar) or node.tag != "int":
            return _type_error(node, "a whole number", diags)
        value = node.value
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            diags.append(error("S-VALUE", f"{value} is out of range {self.minimum}..{self.maximum}", node.loc))
            return INVALID
        return value

    def json_schema(self):
        schema: dict = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


ID_PATTERN = r"[^\s][^\r\n]*"  # any single-line text; ids are quoted wherever they land
