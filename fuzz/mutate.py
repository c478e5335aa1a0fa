"""Seeded mutations: every case is a pure function of (seed, case number), so any finding
can be replayed with ``fuzz/fuzz.py --seed S --case N``."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import yaml
from corpus import CIDRS, HOSTILE_NAMES, TOKENS

# --------------------------------------------------------------------------- bytes


def byte_mutation(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One byte-level edit of ``data``; returns the new bytes and what was done."""
    if not data:
        return rng.choice(TOKENS), "token into empty"
    kind = rng.choice(["flip", "insert-token", "insert-control", "delete", "duplicate", "truncate",
                       "indent", "dedent", "swap-lines", "repeat-block"])
    pos = rng.randrange(len(data) + 1)
    if kind == "flip":
        i = rng.randrange(len(data))
        return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:], kind
    if kind == "insert-token":
        return data[:pos] + rng.choice(TOKENS) + data[pos:], kind
    if kind == "insert-control":
        return data[:pos] + bytes([rng.choice([0, 7, 8, 0x1b, 0x7f, 0x0b, 0x0c, 0x0d])]) + data[pos:], kind
    if kind == "delete":
        end = min(len(data), pos + rng.randint(1, 64))
        return data[:pos] + data[end:], kind
    if kind == "duplicate":
        end = min(len(data), pos + rng.randint(1, 400))
        return data[:end] + data[pos:end] + data[end:], kind
    if kind == "truncate":
        return data[:pos], kind
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    if kind == "indent":
        lines[i] = b" " * rng.randint(1, 3) + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i][rng.randint(1, 3):] if lines[i].startswith(b" ") else lines[i]
    elif kind == "swap-lines":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:  # repeat a block many times (size and complexity limits)
        j = min(len(lines), i + rng.randint(1, 8))
        lines[i:j] = lines[i:j] * rng.randint(2, 200)
    return b"\n".join(lines), kind


# --------------------------------------------------------------------------- structure


def hostile_value(rng: random.Random) -> Any:
    choice = rng.random()
    if choice < 0.45:
        return rng.choice(HOSTILE_NAMES)
    if choice < 0.55:
        return rng.choice(CIDRS)
    if choice < 0.65:
        return rng.choice([0, -1, 65536, 2**63, 2**64 + 1, 10**30, 1.5, float("inf"), True, False, None])
    if choice < 0.75:
        return [rng.choice(HOSTILE_NAMES) for _ in range(rng.randint(0, 3))]
    if choice < 0.85:
        return {rng.choice(HOSTILE_NAMES): rng.choice(HOSTILE_NAMES)}
    return "".join(rng.choice(HOSTILE_NAMES) for _ in range(rng.randint(1, 4)))


def _nodes(tree: Any, path: tuple = (), seen: set[int] | None = None) -> list[tuple]:
    """Paths of every container entry (dict key or list index) in ``tree`` (a document with
    recursive aliases is walked once per container, at most 40 levels deep)."""
    seen = set() if seen is None else seen
    if id(tree) in seen or len(path) > 40:
        return []
    out = []
    if isinstance(tree, dict):
        seen.add(id(tree))
        for k, v in list(tree.items()):
            out.append((*path, k))
            out += _nodes(v, (*path, k), seen)
    elif isinstance(tree, list):
        seen.add(id(tree))
        for i, v in enumerate(tree):
            out.append((*path, i))
            out += _nodes(v, (*path, i), seen)
    return out


def _parent(tree: Any, path: tuple) -> Any:
    for p in path[:-1]:
        tree = tree[p]
    return tree


def structural_mutation(tree: Any, rng: random.Random) -> tuple[Any, str]:
    """One edit of a parsed document (dicts, lists, scalars)."""
    nodes = _nodes(tree)
    if not nodes:
        return {"vpcs": {rng.choice(HOSTILE_NAMES): {"cidr": rng.choice(CIDRS)}}}, "replace-root"
    path = rng.choice(nodes)
    parent, key = _parent(tree, path), path[-1]
    kind = rng.choice(["value", "value", "rename-key", "delete", "duplicate", "nest", "swap", "type"])
    if kind == "value":
        parent[key] = hostile_value(rng)
    elif kind == "rename-key" and isinstance(parent, dict):
        value = parent.pop(key)
        new_key = rng.choice([*HOSTILE_NAMES, 10**30, 0, 1.5, True, None]) if rng.random() < 0.7 else str(key).upper()
        parent[new_key] = value
    elif kind == "delete":
        del parent[key]
    elif kind == "duplicate":
        if isinstance(parent, dict):
            parent[f"{key}{rng.choice(HOSTILE_NAMES)}"] = parent[key]
        else:
            parent.insert(key, parent[key])
    elif kind == "nest":
        parent[key] = {"x": [parent[key]]} if rng.random() < 0.5 else [[[parent[key]]]]
    elif kind == "swap":
        other = rng.choice(nodes)
        try:
            other_parent = _parent(tree, other)
            parent[key], other_parent[other[-1]] = other_parent[other[-1]], parent[key]
        except (KeyError, IndexError, TypeError):
            pass
    else:  # change the type of the value
        v = parent[key]
        parent[key] = [v] if not isinstance(v, list) else {"k": v}
    return tree, kind


def dump_yaml(tree: Any, rng: random.Random) -> bytes:
    try:  # (a recursive document dumps with anchors and aliases)
        text = yaml.safe_dump(tree, allow_unicode=rng.random() < 0.5, default_flow_style=rng.random() < 0.3,
                              sort_keys=False, width=rng.choice([80, 10_000]))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        text = "region: us-east-1\n"
    return text.encode("utf-8", "surrogatepass")


def mutate_spec(seed_bytes: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """A mutated spec file: structural edits of the parsed seed, then byte edits."""
    steps: list[str] = []
    data = seed_bytes
    if rng.random() < 0.6:
        try:
            tree = yaml.safe_load(seed_bytes)
        except yaml.YAMLError:
            tree = None
        if tree is not None:
            for _ in range(rng.randint(1, 6)):
                tree, kind = structural_mutation(tree, rng)
                steps.append(f"struct:{kind}")
            data = dump_yaml(tree, rng)
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 8])):
        data, kind = byte_mutation(data, rng)
        steps.append(f"bytes:{kind}")
    return data, steps


# --------------------------------------------------------------------------- special files

SPECIAL_KINDS = ["symlink-dev-zero", "symlink-outside", "fifo", "dir-named-yaml", "empty", "bom-only",
                 "binary", "dangling-symlink", "symlink-loop", "sparse-huge", "symlink-dir-outside",
                 "dev-urandom", "socket"]


def special_file(spec_dir: Path, outside: Path, rng: random.Random) -> str:
    """Add one hostile special file to ``spec_dir``; returns its kind."""
    kind = rng.choice(SPECIAL_KINDS)
    target = spec_dir / f"special-{rng.randrange(1000)}.yaml"
    if kind == "symlink-dev-zero":
        os.symlink("/dev/zero", target)
    elif kind == "dev-urandom":
        os.symlink("/dev/urandom", target)
    elif kind == "symlink-outside":
        secret = outside / "credentials.yaml"
        secret.write_text("aws_access_key_id: AKIAFUZZSECRET\n")
        os.symlink(secret, target)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "dir-named-yaml":
        target.mkdir()
        (target / "inner.yaml").write_text("region: us-east-1\n")
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "bom-only":
        target.write_bytes(b"\xef\xbb\xbf")
    elif kind == "binary":
        target.write_bytes(bytes(rng.randrange(256) for _ in range(512)))
    elif kind == "dangling-symlink":
        os.symlink(spec_dir / "nowhere.yaml", target)
    elif kind == "symlink-loop":
        os.symlink(spec_dir / "loop-b.yaml", spec_dir / "loop-a.yaml")
        os.symlink(spec_dir / "loop-a.yaml", spec_dir / "loop-b.yaml")
    elif kind == "sparse-huge":
        with open(target, "wb") as fh:
            fh.truncate(64 * 1024 * 1024)
    elif kind == "symlink-dir-outside":
        os.symlink(outside, spec_dir / "linked")
    elif kind == "socket":
        import socket

        path = str(target)
        if len(os.fsencode(path)) < 100:
            sock = socket.socket(socket.AF_UNIX)
            try:
                sock.bind(path)
            finally:
                sock.close()
        else:
            os.mkfifo(target)
    return kind


# --------------------------------------------------------------------------- importer inputs


def _huge_int_json(rng: random.Random) -> str:
    return rng.choice(["9" * 5000, "1e999", "-" + "9" * 400, "NaN", "Infinity", "1" + "0" * 30])


def mutate_json_text(text: str, rng: random.Random) -> tuple[str, list[str]]:
    """A mutated describe-*/Terraform JSON document (structure first, then text)."""
    steps: list[str] = []
    try:
        tree = json.loads(text)
    except ValueError:
        tree = None
    if tree is not None and rng.random() < 0.8:
        for _ in range(rng.randint(1, 8)):
            tree, kind = structural_mutation(tree, rng)
            steps.append(f"struct:{kind}")
        try:
            text = json.dumps(tree, ensure_ascii=rng.random() < 0.5)
        except (ValueError, TypeError):
            pass
    if rng.random() < 0.15:  # a number no JSON library can hold
        i = text.find(": ", rng.randrange(max(1, len(text))))
        if i >= 0:
            text = text[:i + 2] + _huge_int_json(rng) + ", \"x\"" + text[i + 2:] if rng.random() < 0.3 \
                else text[:i + 2] + _huge_int_json(rng) + text[i + 2:]
            steps.append("text:huge-number")
    if rng.random() < 0.1:
        data, kind = byte_mutation(text.encode("utf-8", "surrogatepass"), rng)
        text = data.decode("utf-8", "surrogateescape")
        steps.append(f"bytes:{kind}")
    return text, steps
