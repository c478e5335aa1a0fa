"""Field types of the spec: each validates a located YAML value and describes itself.

One definition serves both the validator (``check``) and the JSON Schema
(``json_schema``) that ``vpcdocs schema`` prints, so the two can never disagree — the same
idea as MkDocs' ``config_options``.

``check`` returns the Python value (or :data:`INVALID`) and appends diagnostics; mappings
come back as :class:`Rec` — a dict that remembers where each field was written.
"""

from __future__ import annotations

import ipaddress
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
        super().__init__()
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

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if not isinstance(node, MScalar) or node.tag in ("null", "bool") or isinstance(node.value, float):
            return _type_error(node, "a string", diags)
        value = _as_written(node)  # numbers written unquoted (account ids) are fine as text
        if len(value) < self.min_length:
            diags.append(error("S-VALUE", "must not be empty", node.loc))
            return INVALID
        if self.pattern and not re.fullmatch(self.pattern, value):
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


def parse_cidr(text: str, loc: Location, diags: list[Diagnostic], version: int | None = None,
               not_cidr_hint: str | None = None):
    """A CIDR block, strictly: ``10.0.0.1/16`` (host bits set) is an error with the fix.
    ``not_cidr_hint``: the hint when the text is no CIDR at all (``pl-…`` where only CIDRs go)."""
    if "/" not in text:
        host = f"/{128 if ':' in text else 32}"
        diags.append(error("S-CIDR", f"{text!r} is not a CIDR block (missing /prefix length)", loc,
                           hint=f"did you mean '{text}{host}'?" if _is_ip(text) else not_cidr_hint))
        return INVALID
    try:
        net = ipaddress.ip_network(text, strict=False)
    except ValueError:
        diags.append(error("S-CIDR", f"{text!r} is not a valid CIDR block", loc, hint=not_cidr_hint))
        return INVALID
    if version and net.version != version:
        diags.append(error("S-CIDR", f"{text!r} is an IPv{net.version} CIDR; IPv{version} expected here", loc))
        return INVALID
    try:
        ipaddress.ip_network(text, strict=True)
    except ValueError:
        diags.append(
            error(
                "S-CIDR-ALIGN",
                f"{text!r} has host bits set: the /{net.prefixlen} block starts at {net.network_address}",
                loc,
                hint=f"did you mean '{net}'?",
            )
        )
        return INVALID
    return net


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


@dataclass
class Cidr(FieldType):
    version: int | None = 4
    not_cidr_hint: str | None = None  # hint for text that is no CIDR at all

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if not isinstance(node, MScalar) or node.tag != "str":
            sample = "2600:1f18:abcd:1200::/56" if self.version == 6 else "10.0.0.0/16"
            return _type_error(node, f"a CIDR block such as {sample}", diags)
        return parse_cidr(node.value, node.loc, diags, self.version, self.not_cidr_hint)

    def example(self) -> Any:
        return "2600:1f18:abcd:1200::/56" if self.version == 6 else "10.0.0.0/16"

    def json_schema(self) -> dict:
        if self.version == 4:
            octet = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
            return {"type": "string", "pattern": rf"^{octet}(?:\.{octet}){{3}}/0*(?:3[0-2]|[12]?\d)$",
                    "description": "IPv4 CIDR block"}
        if self.version == 6:  # '.' for IPv4-mapped forms such as ::ffff:10.0.0.0/120
            return {"type": "string", "pattern": r"^[0-9a-fA-F.]*:[0-9a-fA-F:.]*/\d{1,3}$",
                    "description": "IPv6 CIDR block"}
        return {"type": "string", "description": "IPv4 or IPv6 CIDR block"}


# addresses and networks compare by value: a list of them can be unique too
_IP_VALUES = (ipaddress.IPv4Address, ipaddress.IPv6Address, ipaddress.IPv4Network, ipaddress.IPv6Network)


@dataclass
class ListOf(FieldType):
    item: FieldType
    unique: bool = False
    min_items: int = 0

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if isinstance(node, MScalar) and node.tag == "null" and not self.min_items:
            return []
        if not isinstance(node, MSeq):
            return _type_error(node, "a list", diags)
        if len(node.items) < self.min_items:
            diags.append(error("S-VALUE", f"needs at least {self.min_items} item{'s' * (self.min_items > 1)}",
                               node.loc))
            return INVALID
        out = LocList()
        seen: dict = {}
        for child in node.items:
            value = self.item.check(child, diags)
            if value is INVALID:
                continue
            if self.unique and isinstance(value, (str, int, *_IP_VALUES)):
                if value in seen:
                    shown = repr(value) if isinstance(value, str | int) else f"'{value}'"
                    diags.append(error("S-DUP-KEY", f"{shown} is listed twice", child.loc, related=(seen[value],)))
                    continue
                seen[value] = child.loc
            out.append(value)
            out.locs.append(child.loc)
        return out

    def json_schema(self) -> dict:
        schema: dict = {"type": ["array", "null"], "items": self.item.json_schema()}  # null: an empty list
        if self.unique:
            schema["uniqueItems"] = True
        if self.min_items:
            schema["type"] = "array"
            schema["minItems"] = self.min_items
        return schema

    def example(self) -> Any:
        item = self.item.example()
        return None if item is None else [item]


ID_PATTERN = r"[^\s][^\r\n]*"  # any single-line text; ids are quoted wherever they land


@dataclass
class MapOf(FieldType):
    """A mapping from ids to records (``subnets: {a-public: {...}}``)."""

    value: FieldType
    what: str = "entry"
    example_id: str = ""  # an id for the ``examples`` of the schema

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if isinstance(node, MScalar) and node.tag == "null":
            return {}
        if not isinstance(node, MMap):
            return _type_error(node, f"a mapping of {self.what} ids to {self.what}s", diags)
        out: dict = {}
        for key, child in node.entries:
            if not key.value.strip():
                diags.append(error("S-VALUE", f"{self.what} id must not be empty", key.loc))
                continue
            if "\n" in key.value or "\r" in key.value:
                diags.append(error("S-VALUE", f"{self.what} id must be a single line", key.loc))
                continue
            value = self.value.check(child, diags)
            if isinstance(value, Rec):
                value.key_loc = key.loc
            if value is not INVALID:
                out[key.value] = value
        return out

    def json_schema(self) -> dict:  # null: an empty mapping, as ``check`` reads it
        return {"type": ["object", "null"], "additionalProperties": self.value.json_schema()}

    def example(self) -> Any:
        value = self.value.example()
        return None if value is None or not self.example_id else {self.example_id: value}


NO_DEFAULT: Any = object()


@dataclass
class Field:
    type: FieldType
    doc: str = ""
    required: bool = False
    examples: tuple[Any, ...] = ()  # shown by editors on hover; derived from the type when empty
    default: Any = NO_DEFAULT  # the value vpcdocs uses when the key is left out (editors complete it)

    def all_examples(self) -> list[Any]:
        if self.examples:
            return list(self.examples)
        derived = self.type.example()
        return [] if derived is None else [derived]


@dataclass
class Obj(FieldType):
    fields: dict[str, Field]
    what: str = "object"
    doc: str = ""
    # a scalar shorthand: ``internet_gateway: igw-a`` means ``{id: igw-a}``
    shorthand: str | None = None
    extra_fields: dict[str, Field] = field(default_factory=dict)
    # pairs of keys that must not both be written (``port`` / ``ports``)
    exclusive: tuple[tuple[str, str], ...] = ()
    # groups of keys of which at least one must be written (``destination`` / ``prefix_list``)
    need_one: tuple[tuple[str, ...], ...] = ()

    def all_fields(self) -> dict[str, Field]:
        return {**self.fields, **self.extra_fields}

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        fields = self.all_fields()
        if self.shorthand and isinstance(node, MScalar) and node.tag in ("str", "int"):
            rec = Rec(node.loc)
            value = fields[self.shorthand].type.check(node, diags)
            if value is INVALID:
                return INVALID
            rec[self.shorthand] = value
            rec.locs[self.shorthand] = node.loc
            return rec
        if isinstance(node, MScalar) and node.tag == "null" and not self.needs_keys():
            return Rec(node.loc)
        if not isinstance(node, MMap):
            return _type_error(node, f"a mapping ({self.what})", diags)
        rec = Rec(node.loc)
        for key, child in node.entries:
            spec = fields.get(key.value)
            if spec is None:
                diags.append(
                    error(
                        "S-UNKNOWN-KEY",
                        f"unknown key '{key.value}' in {self.what}",
                        key.loc,
                        hint=did_you_mean(key.value, fields) or f"allowed: {', '.join(sorted(fields))}",
                    )
                )
                continue
            value = spec.type.check(child, diags)
            if value is INVALID:
                continue
            rec[key.value] = value
            rec.locs[key.value] = child.loc
        for name, spec in fields.items():
            if spec.required and name not in rec:
                rec.complete = False
                if node.get(name) is None:
                    diags.append(error("S-REQUIRED", f"{self.what} is missing required key '{name}'", node.loc))
        self._check_groups(node, rec, diags)
        return rec

    def needs_keys(self) -> bool:
        return bool(self.need_one) or any(f.required for f in self.all_fields().values())

    def _check_groups(self, node: MMap, rec: Rec, diags: list[Diagnostic]) -> None:
        for first, second in self.exclusive:
            if node.get(first) is not None and node.get(second) is not None:
                rec.complete = False
                loc = max(node.key_loc(first) or node.loc, node.key_loc(second) or node.loc)  # the later one
                diags.append(error("S-VALUE", f"write '{first}' or '{second}' in a {self.what}, not both", loc))
        for group in self.need_one:
            if not any(node.get(name) is not None for name in group):
                rec.complete = False
                keys = " or ".join(f"'{name}'" for name in group)
                diags.append(error("S-REQUIRED", f"{self.what} needs {keys}", node.loc))
            elif not any(name in rec for name in group):
                rec.complete = False  # written but invalid: reported already

    def json_schema(self) -> dict:
        fields = self.all_fields()
        props = {}
        for name, spec in fields.items():
            prop = dict(spec.type.json_schema())
            if spec.doc:
                prop["description"] = spec.doc
            examples = spec.all_examples()
            if examples:
                prop["examples"] = examples
            if spec.default is not NO_DEFAULT:
                prop["default"] = spec.default
            props[name] = prop
        schema: dict = {"type": "object", "properties": props, "additionalProperties": False}
        required = [n for n, f in fields.items() if f.required]
        if required:
            schema["required"] = required
        if not self.needs_keys():  # ``check`` reads an empty value as an empty mapping
            schema["type"] = ["object", "null"]
        rules: list[dict[str, Any]] = [{"not": {"required": [a, b]}} for a, b in self.exclusive]
        rules += [{"anyOf": [{"required": [n]} for n in group]} for group in self.need_one]
        if rules:
            schema["allOf"] = rules
        if self.doc:
            schema["description"] = self.doc
        if self.shorthand:
            return {"anyOf": [fields[self.shorthand].type.json_schema(), schema]}
        return schema

    def example(self) -> Any:
        """The shorthand's example, else a mapping of the keys it needs (or its first two keys)."""
        fields = self.all_fields()
        if self.shorthand:
            return next(iter(fields[self.shorthand].all_examples()), None)
        names = [n for n, f in fields.items() if f.required] + [group[0] for group in self.need_one]
        if not names:
            names = [n for n, f in fields.items() if f.all_examples()][:2]
        out = {}
        for name in names:
            examples = fields[name].all_examples()
            if not examples:
                return None
            out[name] = examples[0]
        return out


@dataclass
class OneOf(FieldType):
    """A scalar or a mapping (e.g. a peering side: a VPC id, or an external VPC)."""

    scalar: FieldType
    mapping: FieldType

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if isinstance(node, MMap):
            return self.mapping.check(node, diags)
        return self.scalar.check(node, diags)

    def json_schema(self) -> dict:
        return {"anyOf": [self.scalar.json_schema(), self.mapping.json_schema()]}

    def example(self) -> Any:
        return self.scalar.example()
