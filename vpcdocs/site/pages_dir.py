"""``build --pages-dir DIR``: the generated pages written into a folder of the user's, safely.

vpcdocs only ever touches files it wrote itself. A manifest, ``DIR/.vpcdocs-pages.json``,
lists them with their hashes:

* a file in the manifest is vpcdocs', and is rewritten or removed as the specs change (a
  Markdown page only while it still carries the generated marker: a page the user replaced
  with their own text is never overwritten);
* any other file is the user's: it is never written, never removed, and a generated file
  that would land on it (e.g. the user's own ``index.md``) makes the whole write refused
  before anything is written;
* a folder without a manifest is used only when it is empty, or holds nothing but pages of
  an older vpcdocs (every file a marked page or a generated diagram/stylesheet).

The manifest is written first as the union of old and new files, then the files, then the
stale ones removed, then the final manifest — an interrupted run leaves a folder the next
run can finish.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..fsutil import atomic_write
from . import paths
from .generate import Generated

MANIFEST = ".vpcdocs-pages.json"
MANIFEST_FORMAT = "vpcdocs-pages/1"


class PagesDirError(Exception):
    """The folder holds files vpcdocs did not write where it would write: nothing was changed."""


def pages_for_dir(generated: Generated) -> dict[str, bytes]:
    """What ``--pages-dir`` holds: the generated Markdown pages and diagrams, relative to
    the ``network/`` root (links between them stay valid)."""
    prefix = paths.ROOT + "/"
    out = {p[len(prefix):]: b for p, b in generated.markdown_pages.items()}
    for p, src in generated.images.items():
        out[p[len(prefix):]] = src.read_bytes()
    return dict(sorted(out.items()))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(root: Path) -> dict[str, str] | None:
    """``{relative path: sha256}`` of the files vpcdocs wrote into ``root``, or None."""
    try:
        raw = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("format") != MANIFEST_FORMAT or not isinstance(raw.get("files"), dict):
        return None
    return {str(k): str(v) for k, v in raw["files"].items() if _safe_rel(str(k))}


def _safe_rel(rel: str) -> bool:
    """A manifest entry names a file inside the folder (a hand-edited manifest cannot point out)."""
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and ".." not in parts and "" not in parts and "\\" not in rel


def _write_manifest(root: Path, files: dict[str, str]) -> None:
    text = json.dumps({"format": MANIFEST_FORMAT, "generator": "vpcdocs",
                       "note": "files vpcdocs build --pages-dir wrote here; it touches no others",
                       "files": dict(sorted(files.items()))}, indent=1) + "\n"
    atomic_write(root / MANIFEST, text)


def _user_files(root: Path) -> list[str]:
    """Every file under ``root`` (hidden ones too, except the manifest), relative, sorted."""
    if not root.is_dir():
        return []
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            rel = (Path(dirpath) / name).relative_to(root).as_posix()
            if rel != MANIFEST:
                out.append(rel)
    return sorted(out)


def _is_marked_page(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 4096))
            return paths.GENERATED_MARKER.encode() in fh.read()
    except OSError:
        return False


def _legacy_generated(root: Path, rel: str) -> bool:
    """A file an older vpcdocs (before the manifest) wrote: a marked page, a diagram, the CSS."""
    if rel.endswith(".md"):
        return _is_marked_page(root / rel)
    return (rel.startswith("images/") and rel.endswith(".svg")) or rel == "assets/vpcdocs.css"


def owned_files(root: Path) -> dict[str, str | None]:
    """Files of ``root`` vpcdocs may rewrite or remove: manifest entries (with their hash)
    and pages carrying the generated marker; in a folder without a manifest, also the
    diagrams and stylesheet an older vpcdocs wrote (hash None)."""
    manifest = read_manifest(root)
    if manifest is not None:
        marked = {rel: None for rel in _user_files(root)
                  if rel not in manifest and rel.endswith(".md") and _is_marked_page(root / rel)}
        return {**manifest, **marked}
    return {rel: None for rel in _user_files(root) if _legacy_generated(root, rel)}


def _refusals(root: Path, wanted: dict[str, bytes], owned: dict[str, str | None]) -> list[str]:
    """Why writing ``wanted`` into ``root`` would touch the user's files (empty: safe)."""
    problems = []
    present = _user_files(root)
    if read_manifest(root) is None and any(rel not in owned for rel in present):
        foreign = [rel for rel in present if rel not in owned]
        problems.append(f"{root} holds files vpcdocs did not write (e.g. {foreign[0]}); "
                        "--pages-dir needs a folder of its own, such as docs/network")
        return problems
    for rel in wanted:
        target = root / rel
        if target.is_symlink() or (target.exists() and not target.is_file()):
            problems.append(f"{target} is not a regular file vpcdocs wrote; not replaced")
        elif target.exists() and rel not in owned:
            problems.append(f"{target} is not a file vpcdocs wrote; not overwritten")
        elif target.exists() and rel.endswith(".md") and not _is_marked_page(target):
            problems.append(f"{target} no longer carries the vpcdocs marker (edited by hand?); not overwritten")
    return problems


def write_pages(generated: Generated, pages_dir: str | os.PathLike) -> list[str]:
    """Write the pages into ``pages_dir``: files vpcdocs wrote earlier and no longer
    generates are removed, no other file is touched. Returns the paths written.

    Raises :class:`PagesDirError` (nothing changed) when a generated file would land on a
    file of the user's, and :class:`OSError` when the disk refuses."""
    root = Path(pages_dir)
    wanted = pages_for_dir(generated)
    owned = owned_files(root)
    problems = _refusals(root, wanted, owned)
    if problems:
        raise PagesDirError("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
    new = {rel: _digest(data) for rel, data in wanted.items()}
    root.mkdir(parents=True, exist_ok=True)
    _write_manifest(root, {**{rel: h or "" for rel, h in owned.items()}, **new})  # old ∪ new: resumable
    for rel, data in wanted.items():
        target = root / rel
        try:
            same = target.read_bytes() == data
        except OSError:
            same = False
        if not same:
            atomic_write(target, data)
    for rel in owned:
        if rel in wanted:
            continue
        target = root / rel
        if target.is_symlink() or not target.is_file():
            continue
        if rel.endswith(".md") and not _is_marked_page(target):
            continue  # the user made it theirs: keep it
        target.unlink()
        _prune_empty(target.parent, root)
    _write_manifest(root, new)
    return list(wanted)


def _prune_empty(folder: Path, root: Path) -> None:
    """Remove folders left empty by removed pages, up to (not including) ``root``."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent


def check_pages(generated: Generated, pages_dir: str | os.PathLike) -> list[tuple[str, str]]:
    """Compare ``pages_dir`` with what would be written: ``(status, path)`` with status
    ``stale``, ``missing`` or ``extra`` (a file vpcdocs wrote that is no longer generated;
    the user's own files are never listed); empty when up to date. Writes nothing."""
    root = Path(pages_dir)
    wanted = pages_for_dir(generated)
    problems = []
    for rel, data in wanted.items():
        target = root / rel
        try:
            current = target.read_bytes() if target.is_file() else None
        except OSError:
            current = None
        if current is None:
            problems.append(("missing", rel))
        elif current != data:
            problems.append(("stale", rel))
    for rel in owned_files(root):
        if rel not in wanted and (root / rel).is_file():
            problems.append(("extra", rel))
    return sorted(problems, key=lambda p: (p[1], p[0]))


def is_generated_dir(folder: Path) -> bool:
    """True when ``folder`` holds pages vpcdocs wrote (``--pages-dir``): its manifest, or
    (older vpcdocs) the marker on its index page."""
    if (folder / MANIFEST).is_file():
        return True
    index = folder / "index.md"
    try:
        return paths.GENERATED_MARKER in index.read_text(encoding="utf-8")
    except OSError:
        return False
