"""Reading Terraform JSON: ``terraform show -json`` (plan or state, any format_version) and
raw ``.tfstate`` v4 files, nested modules included, into :class:`TfResource` objects; and the
plan's ``configuration`` expressions, used to resolve values unknown before apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import ImportFailure
from ..shapes import clean


def _s(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _index(value: Any) -> int | str | None:
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass
class TfResource:
    address: str
    module: str  # "" for the root module, else "module.a.module.b"
    mode: str  # managed | data
    type: str
    name: str
    index: int | str | None  # count / for_each key
    provider: str
    values: dict[str, Any]
    unknown: set[str] = field(default_factory=set)
    actions: tuple[str, ...] = ()
    unknown_tree: dict[str, Any] = field(default_factory=dict)

    @property
    def config_address(self) -> str:
        prefix = "data." if self.mode == "data" else ""
        return f"{prefix}{self.type}.{self.name}"

    def known(self, attr: str) -> Any:
        if attr in self.unknown:
            return None
        value = self.values.get(attr)
        return None if value in ("", None) else value

    @property
    def hint(self) -> str:
        return f"{self.name}-{self.index}" if self.index is not None else self.name


def _address(module: str, mode: str, type_: str, name: str, index: int | str | None) -> str:
    base = f"{'data.' if mode == 'data' else ''}{type_}.{name}"
    if index is not None:
        base += f'["{index}"]' if isinstance(index, str) else f"[{index}]"
    return f"{module}.{base}" if module else base


def _module_of(address: str, type_: str) -> str:
    marker = address.find(f"{type_}.")
    if address.startswith("data."):
        return ""
    head = address[:marker].rstrip(".") if marker > 0 else ""
    if head.endswith(".data"):
        head = head[: -len(".data")]
    return head


def _walk_module(module: Any, out: list[TfResource]) -> None:
    if not isinstance(module, dict):
        return
    for r in _list(module.get("resources")):
        if not isinstance(r, dict) or not isinstance(r.get("type"), str):
            continue
        address = _s(r.get("address"))
        out.append(TfResource(
            address=address, module=_module_of(address, r["type"]),
            mode=_s(r.get("mode"), "managed"), type=r["type"], name=_s(r.get("name")), index=_index(r.get("index")),
            provider=_s(r.get("provider_name")), values=clean(r.get("values")),
        ))
    for child in _list(module.get("child_modules")):
        _walk_module(child, out)


def _unknown_attrs(after_unknown: Any) -> set[str]:
    if not isinstance(after_unknown, dict):
        return set()
    return {k for k, v in after_unknown.items() if v is True}


def parse(doc: Any, source: str) -> tuple[list[TfResource], dict[str, Any], str]:
    """Resources, the plan configuration (or {}), and a short description of the format."""
    if not isinstance(doc, dict):
        raise ImportFailure(source, "I-TF", "not a Terraform plan or state (expected a JSON object)")
    resources: list[TfResource] = []
    if "resource_changes" in doc or "planned_values" in doc:  # terraform show -json <plan>
        changes = _list(doc.get("resource_changes"))
        if changes:
            for rc in changes:
                if not isinstance(rc, dict) or not isinstance(rc.get("type"), str):
                    continue
                change = _dict(rc.get("change"))
                actions = tuple(a for a in _list(change.get("actions")) if isinstance(a, str))
                after = change.get("after")
                if actions == ("delete",) or not isinstance(after, dict):
                    after = change.get("before")
                address = _s(rc.get("address"))
                unknown_tree = _dict(change.get("after_unknown"))
                resources.append(TfResource(
                    address=address, module=_s(rc.get("module_address")) or _module_of(address, rc["type"]),
                    mode=_s(rc.get("mode"), "managed"), type=rc["type"], name=_s(rc.get("name")),
                    index=_index(rc.get("index")), provider=_s(rc.get("provider_name")), values=clean(after),
                    unknown=_unknown_attrs(unknown_tree), actions=actions, unknown_tree=unknown_tree,
                ))
        else:
            _walk_module(_dict(doc.get("planned_values")).get("root_module"), resources)
        kind = f"plan (format {doc.get('format_version', '?')}, Terraform {doc.get('terraform_version', '?')})"
        return resources, _dict(doc.get("configuration")), kind
    if "values" in doc and "format_version" in doc:  # terraform show -json (state)
        _walk_module(_dict(doc.get("values")).get("root_module"), resources)
        return resources, {}, f"state (format {doc.get('format_version')}, Terraform {doc.get('terraform_version', '?')})"
    if "version" in doc and "resources" in doc:  # raw .tfstate
        if doc.get("version") != 4:
            raise ImportFailure(source, "I-TF", f"raw state version {doc.get('version')} is not supported (only v4; "
                                "run `terraform show -json` and import that)")
        for r in _list(doc.get("resources")):
            if not isinstance(r, dict) or not isinstance(r.get("type"), str):
                continue
            module = _s(r.get("module"))
            mode = _s(r.get("mode"), "managed")
            for inst in _list(r.get("instances")):
                if not isinstance(inst, dict):
                    continue
                index = _index(inst.get("index_key"))
                resources.append(TfResource(
                    address=_address(module, mode, r["type"], _s(r.get("name")), index),
                    module=module, mode=mode, type=r["type"], name=_s(r.get("name")),
                    index=index, provider=_s(r.get("provider")), values=clean(inst.get("attributes")),
                ))
        return resources, {}, f"raw state v4 (Terraform {doc.get('terraform_version', '?')})"
    if "version" in doc and "modules" in doc:
        raise ImportFailure(source, "I-TF", "raw state version 3 is not supported (only v4; run `terraform show "
                            "-json` with a current Terraform and import that)")
    raise ImportFailure(source, "I-TF", "not a Terraform plan or state: expected `terraform show -json` output "
                        "(keys 'values' or 'planned_values') or a .tfstate (keys 'version', 'resources')")


def config_outputs(configuration: dict[str, Any]) -> dict[tuple[str, str], list[Any]]:
    """(module address, output name) → the references of the output's expression."""
    out: dict[tuple[str, str], list[Any]] = {}

    def walk(module: Any, path: str) -> None:
        if not isinstance(module, dict):
            return
        for name, output in _dict(module.get("outputs")).items():
            out[(path, name)] = _list(_dict(_dict(output).get("expression")).get("references"))
        for name, call in _dict(module.get("module_calls")).items():
            if isinstance(call, dict):
                walk(call.get("module"), f"{path}.module.{name}" if path else f"module.{name}")

    walk(_dict(configuration).get("root_module"), "")
    return out


def config_index(configuration: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(module address, config address) → expressions."""
    out: dict[tuple[str, str], dict[str, Any]] = {}

    def walk(module: Any, path: str) -> None:
        if not isinstance(module, dict):
            return
        for r in _list(module.get("resources")):
            if isinstance(r, dict) and isinstance(r.get("address"), str):
                out[(path, r["address"])] = _dict(r.get("expressions"))
        for name, call in _dict(module.get("module_calls")).items():
            if isinstance(call, dict):
                walk(call.get("module"), f"{path}.module.{name}" if path else f"module.{name}")

    walk(_dict(configuration).get("root_module"), "")
    return out
