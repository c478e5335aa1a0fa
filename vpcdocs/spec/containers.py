"""Field types that hold other field types: lists, id maps and objects (the spec's records).

Like the scalar types of :mod:`vpcdocs.spec.types`, each validates a located YAML value
(``check``) and describes itself for the JSON Schema (``json_schema``). An :class:`Obj`
declares each field once — with a description and examples that editors show on hover —
and the key rules that span fields: pairs that exclude each other (``exclusive``) and groups
of which one is needed (``need_one``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, did_you_mean, error
from .types import INVALID, FieldType, LocList, Rec, _type_error
from .yaml_reader import MMap, MNode, MScalar, MSeq

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

    # made once (``check`` runs for every record of every file)
    _all: dict[str, Field] = field(init=False, repr=False, compare=False)
    _required: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _checks: dict[str, Any] = field(init=False, repr=False, compare=False)  # name -> its type's check

    def __post_init__(self) -> None:
        self._all = {**self.fields, **self.extra_fields}
        self._required = tuple(name for name, spec in self._all.items() if spec.required)
        self._checks = {name: spec.type.check for name, spec in self._all.items()}

    def all_fields(self) -> dict[str, Field]:
        return dict(self._all)

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        fields = self._all
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
        locs = rec.locs
        checks = self._checks
        for key, child in node.entries:
            name = key.value
            check = checks.get(name)
            if check is None:
                diags.append(
                    error(
                        "S-UNKNOWN-KEY",
                        f"unknown key '{key.value}' in {self.what}",
                        key.loc,
                        hint=did_you_mean(key.value, fields) or f"allowed: {', '.join(sorted(fields))}",
                    )
                )
                continue
            value = check(child, diags)
            if value is INVALID:
                continue
            rec[name] = value
            locs[name] = child.loc
        for name in self._required:
            if name not in rec:
                rec.complete = False
                if node.get(name) is None:
                    diags.append(error("S-REQUIRED", f"{self.what} is missing required key '{name}'", node.loc))
        if self.exclusive or self.need_one:
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
