"""A small, fast YAML writer for imported specs (PyYAML's emitter spent most of an 80-VPC
import's time). It writes only what importers produce — mappings with text keys, lists, text,
integers, booleans, null — in one fixed style, so output is byte-identical everywhere:

* mappings in block style, two spaces per level; lists of lists-free mappings under ``routes``,
  ``listeners``, ``ingress`` and ``egress`` one flow mapping per line (``- {destination: …}``);
  lists of scalars on one line (``[a, b]``); other lists in block style;
* a text scalar is written plain only when a YAML 1.1 and 1.2 reader gives back the same text
  (not ``yes``, ``null``, ``012``, ``1e3``, ``0x1f``, no indicator at the start, no ``: `` or
  `` #``; in flow context nothing of ``,[]{}:``); otherwise single-quoted; text with line
  breaks or characters YAML cannot carry raw (control characters, bidi overrides, …) is
  double-quoted with escapes. Long lines are never folded.

Round-trip property (tests): ``yaml.safe_load(render(doc)) == doc`` for any such ``doc``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

FLOW_ITEM_KEYS = frozenset({"routes", "listeners", "ingress", "egress"})  # lists of small mappings, one per line

_RESOLVER = yaml.resolver.Resolver()
_NUMBERISH = re.compile(r"[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|[-+]?\.(inf|Inf|INF|nan|NaN|NAN)")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}:?#")
_SAFE_CHAR = re.compile(r"[ -~\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")  # YAML printable, no tab/newline
_BIDI_AND_FORMAT = re.compile(r"[\u0080-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def _printable(text: str) -> bool:
    return _SAFE_CHAR.fullmatch(text) is not None and not _BIDI_AND_FORMAT.search(text)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and any(ch in _FLOW_UNSAFE for ch in text):
        return False
    if _NUMBERISH.fullmatch(text) or text.isdigit():
        return False  # YAML 1.2 readers would take it for a number
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def _double_quoted(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _printable(ch):
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def _text(text: str, flow: bool) -> str:
    if not _printable(text):
        return _double_quoted(text)
    if _plain_ok(text, flow):
        return text
    return "'" + text.replace("'", "''") + "'"


def scalar(value: Any, flow: bool = False) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    return _text(str(value), flow)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _flow_map(doc: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{scalar(k, True)}: {scalar(v, True)}" for k, v in doc.items()) + "}"


def _mapping(doc: dict[str, Any], indent: int, out: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(doc.items()):
        head = (first_prefix if i == 0 and first_prefix is not None else pad) + scalar(key) + ":"
        if isinstance(value, dict):
            if value:
                out.append(head)
                _mapping(value, indent + 2, out)
            else:
                out.append(head + " {}")
        elif isinstance(value, list):
            _sequence(key, value, head, indent, out)
        else:
            out.append(f"{head} {scalar(value)}")


def _sequence(key: str, items: list[Any], head: str, indent: int, out: list[str]) -> None:
    if all(_is_scalar(v) for v in items):
        out.append(head + " [" + ", ".join(scalar(v, True) for v in items) + "]")
        return
    out.append(head)
    pad = " " * (indent + 2)
    flow_items = key in FLOW_ITEM_KEYS and all(isinstance(v, dict) and all(_is_scalar(x) for x in v.values())
                                               for v in items)
    for item in items:
        if flow_items:
            out.append(f"{pad}- {_flow_map(item)}")
        elif isinstance(item, dict) and item:
            _mapping(item, indent + 4, out, first_prefix=f"{pad}- ")
        elif isinstance(item, list):
            raise ValueError("lists of lists are not written by importers")
        elif isinstance(item, dict):
            out.append(f"{pad}- {{}}")
        else:
            out.append(f"{pad}- {scalar(item)}")


def dump(doc: dict[str, Any]) -> str:
    """``doc`` as YAML text (see the module docstring for the style)."""
    out: list[str] = []
    _mapping(doc, 0, out)
    return "\n".join(out) + "\n" if out else "{}\n"
