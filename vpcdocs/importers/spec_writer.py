"""Write imported spec dicts as a readable, stable YAML tree.

* Deterministic: the same input gives byte-identical files (key order is the translator's,
  maps are sorted by id, no timestamps).
* Short things on one line: routes, listeners and lists of ids are written in flow style
  (``- {destination: 0.0.0.0/0, target: nat-a}``), as in docs/spec-format.md.
* Re-import keeps hand-added ``description`` fields: descriptions found in the existing tree
  are matched to the new objects by ``aws_id`` (routes by table ``aws_id`` + destination).
* Atomic: the whole tree is written to a folder beside the output and swapped in at once
  (:mod:`vpcdocs.importers.swap`); a killed import leaves the old tree, never a mix. Imported
  files whose object no longer exists are dropped; other files in the folder are kept.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .swap import TREE, carry, make_scratch, recover, swap_in
from .yaml_emit import dump

MARKER = "# Imported by vpcdocs"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # reading only; writing uses .yaml_emit,
# which gives the same bytes whether or not libyaml is installed


def render(doc: dict[str, Any], header: str = "") -> str:
    """One spec dict as YAML text, with ``header`` comment lines first (:mod:`.yaml_emit`)."""
    lines = [f"# {line}".rstrip() if not line.startswith("#") else line for line in header.splitlines()]
    return ("\n".join(lines) + "\n" if lines else "") + dump(doc)


# --------------------------------------------------------------------------- descriptions


# Descriptions the importer writes itself: never "kept" as if a person had written them.
GENERATED_DESCRIPTIONS = {"AWS reports this route as blackhole",
                          "peer transit gateway outside the import (only its id is known)"}


def _walk(node: Any, found: dict[Any, str], path: tuple[str, ...]) -> None:
    if isinstance(node, dict):
        aws_id = node.get("aws_id")
        desc = node.get("description")
        if isinstance(desc, str) and desc not in GENERATED_DESCRIPTIONS:
            found[("obj", aws_id) if isinstance(aws_id, str) else ("path", *path)] = desc
        routes = node.get("routes")
        if isinstance(routes, list):
            owner = ("table", aws_id) if isinstance(aws_id, str) else ("path", *path)
            for r in routes:
                if isinstance(r, dict) and isinstance(r.get("description"), str) and "destination" in r \
                        and r["description"] not in GENERATED_DESCRIPTIONS:
                    found[("route", owner, str(r["destination"]))] = r["description"]
        for key, value in node.items():
            if key != "routes":
                _walk(value, found, (*path, str(key)))


def existing_descriptions(out_dir: Path) -> dict:
    """Descriptions in an existing tree, keyed by AWS id (routes: table + destination); objects
    without an AWS id (Terraform resources not yet created) by file and position."""
    found: dict = {}
    if not out_dir.is_dir():
        return found
    for path in sorted(out_dir.rglob("*.y*ml")):
        rel = path.relative_to(out_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        _walk(doc, found, (rel.as_posix(),))
    return found


def _put_description(node: dict, text: str) -> dict:
    out = {}
    placed = False
    for key, value in node.items():
        if key == "description":
            continue
        if not placed and key not in ("name", "id"):
            out["description"] = text
            placed = True
        out[key] = value
    if not placed:
        out["description"] = text
    return out


def apply_descriptions(node: Any, found: dict[Any, str], path: tuple[str, ...] = ()) -> Any:
    """A copy of ``node`` with the descriptions of ``found`` put back (see :func:`existing_descriptions`)."""
    if isinstance(node, dict):
        aws_id = node.get("aws_id")
        new = {k: apply_descriptions(v, found, (*path, str(k))) if k != "routes" else v for k, v in node.items()}
        if isinstance(new.get("routes"), list):
            owner = ("table", aws_id) if isinstance(aws_id, str) else ("path", *path)
            routes = []
            for r in new["routes"]:
                route_key = ("route", owner, str(r.get("destination")))
                routes.append({**r, "description": found[route_key]} if route_key in found else r)
            new["routes"] = routes
        key = ("obj", aws_id) if isinstance(aws_id, str) else ("path", *path)
        if key in found and path[1:]:
            new = _put_description(new, found[key])
        return new
    if isinstance(node, list):
        return [apply_descriptions(v, found, path) for v in node]
    return node


# --------------------------------------------------------------------------- writing


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)  # relative paths, sorted
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def render_tree(files: dict[str, dict], header: str, out_dir: Path | None = None) -> dict[str, str]:
    """Relative path → YAML text; descriptions of the tree at ``out_dir`` are kept."""
    found = existing_descriptions(out_dir) if out_dir is not None else {}
    return {rel: render(apply_descriptions(doc, found, (rel,)), header) for rel, doc in sorted(files.items())}


def _first_line(path: Path) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.readline()
    except (OSError, UnicodeDecodeError):
        return ""


def write_tree(files: dict[str, dict], out_dir: str | os.PathLike, header: str,
               texts: dict[str, str] | None = None) -> WriteReport:
    """Write the spec tree (see module docstring): the whole new tree is built beside
    ``out_dir`` and swapped in at once (:mod:`vpcdocs.importers.swap`). Everything in the old
    folder that an import did not write (your files, other folders, the import state) is
    carried over; imported files whose object is gone are dropped. ``texts``: the output of
    :func:`render_tree` for this ``out_dir``, when the caller has it already."""
    out = Path(os.path.realpath(out_dir))  # a symlink or "." is swapped where it really is
    if texts is None:
        texts = render_tree(files, header, out)
    report = WriteReport(written=sorted(texts))
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    scratch = make_scratch(out)
    tree = scratch / TREE
    try:
        old_files: dict[str, Path] = {}
        if out.is_dir():
            os.chmod(tree, out.stat().st_mode & 0o7777)
            for dirpath, dirnames, filenames in os.walk(out):
                dirnames.sort()
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    old_files[path.relative_to(out).as_posix()] = path
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tree, 0o777 & ~umask)
        for rel, path in old_files.items():
            if rel in texts:
                continue
            hidden = any(part.startswith(".") for part in Path(rel).parts)
            if not hidden and rel.endswith(".yaml") and _first_line(path).startswith(MARKER):
                report.removed.append(rel)  # an earlier import wrote it and the object is gone
                continue
            carry(path, tree / rel)
        for rel, text in texts.items():
            dest = tree / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(dest, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            old = old_files.get(rel)
            try:
                before = old.read_text(encoding="utf-8") if old is not None else None
            except (OSError, UnicodeDecodeError):
                before = None
            if before != text:
                report.changed.append(rel)
        swap_in(scratch, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return report
