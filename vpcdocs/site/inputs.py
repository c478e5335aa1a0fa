"""No-op rebuilds: a build whose inputs did not change leaves the site as it is, without
generating a page or starting MkDocs.

After a successful build, a manifest (in the cache dir, one per site dir) records

* the **inputs digest**: SHA-256 over every spec file (path and bytes, as the loader reads
  them), the MkDocs config file (and an ``INHERIT`` parent, and the values of the
  environment variables its ``!ENV`` tags name), every file of the user's docs dir (path
  and bytes), vpcdocs itself (every file of the installed package, path and bytes — so
  a code change is an input change even without a new version number), the versions of
  MkDocs, Material, Python-Markdown, pymdown-extensions, Jinja2 and ``diagrams``, the
  Graphviz version, the build options (``--strict``, diagrams on or off), the spec revision
  label shown in the footer (git) and ``SOURCE_DATE_EPOCH``;
* the **site listing**: every file of the built site with its size and modification time.

The next build reuses the site only when the inputs digest is the same, the site dir holds
exactly the files listed (nobody deleted, added or edited one since), and the previous build
drew every diagram. Anything else is a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..fsutil import atomic_write
from ..spec.loader import iter_sources

FORMAT = "vpcdocs-build/1"
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "diagrams")
_ENV_TAG = re.compile(rb"!ENV\s+\[?\s*([A-Za-z_][A-Za-z0-9_]*)")
_INHERIT = re.compile(rb"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", re.M)


def _files(root: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if not name.endswith((".pyc", ".pyo")):
                yield Path(dirpath) / name


def _add_tree(digest: hashlib._Hash, label: str, root: Path | None) -> None:
    digest.update(f"\0{label}\0".encode())
    if root is None or not root.is_dir():
        return
    for path in _files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes() + b"\0")
        except OSError:
            digest.update(b"<unreadable>\0")


def _add_config(digest: hashlib._Hash, config_file: Path | None) -> None:
    seen: set[Path] = set()
    path = config_file
    while path is not None and path not in seen and path.is_file():
        seen.add(path)
        data = path.read_bytes()
        digest.update(b"\0config\0" + str(path).encode() + b"\0" + data)
        for name in sorted({m.decode() for m in _ENV_TAG.findall(data)}):
            digest.update(f"\0env {name}={os.environ.get(name)}".encode())
        parent = _INHERIT.search(data)
        path = (path.parent / parent.group(1).decode().strip()) if parent else None


@lru_cache(maxsize=1)
def package_digest() -> str:
    """Every file of the installed vpcdocs package, path and bytes: other code, other output
    (also what the reach and page caches are keyed on)."""
    import vpcdocs

    digest = hashlib.sha256()
    _add_tree(digest, "vpcdocs " + getattr(vpcdocs, "__version__", "?"), Path(vpcdocs.__file__).parent)
    return digest.hexdigest()


def tree_digest(root: Path | None) -> str:
    """Every file under ``root`` (path and bytes); empty when there is no such folder."""
    digest = hashlib.sha256()
    _add_tree(digest, "", root)
    return digest.hexdigest()


def package_versions() -> str:
    """The versions of the packages the site is made with."""
    return _versions()


def _versions() -> str:
    out = []
    for name in _PACKAGES:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} missing")
    return ";".join(out)


def fingerprint(spec_dir: str | os.PathLike, config_file: Path | None, docs_dir: Path | None, *,
                options: dict[str, object], revision_label: str, graphviz: str) -> str:
    """The inputs digest of a build (see the module docstring)."""
    digest = hashlib.sha256(FORMAT.encode())
    root = Path(spec_dir)
    base = root if root.is_dir() else root.parent
    digest.update(b"\0specs\0")
    for path, data, problem in iter_sources(root):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update((data if data is not None else f"<{problem}>".encode()) + b"\0")
    _add_config(digest, config_file)
    _add_tree(digest, "docs", docs_dir)
    digest.update(b"\0vpcdocs\0" + package_digest().encode())
    digest.update("\0".join([_versions(), graphviz, json.dumps(options, sort_keys=True), revision_label,
                             os.environ.get("SOURCE_DATE_EPOCH", "")]).encode())
    return digest.hexdigest()


def site_listing(site_dir: Path) -> str:
    """A digest of the site's files: path, size and modification time of each."""
    digest = hashlib.sha256()
    if not site_dir.is_dir():
        return ""
    for path in _files(site_dir):
        st = path.stat()
        digest.update(f"{path.relative_to(site_dir).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class Manifest:
    """The record of the last successful build into one site dir."""

    def __init__(self, cache_dir: str | os.PathLike, site_dir: Path):
        key = hashlib.sha256(str(site_dir.absolute()).encode()).hexdigest()[:24]
        self.path = Path(cache_dir) / "builds" / f"{key}.json"
        self.site_dir = site_dir

    def _read(self) -> dict[str, object]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return raw if isinstance(raw, dict) and raw.get("format") == FORMAT else {}

    def up_to_date(self, inputs: str) -> bool:
        """True when the site was built from exactly these inputs and is untouched since."""
        raw = self._read()
        return (bool(raw) and raw.get("inputs") == inputs and raw.get("complete") is True
                and raw.get("site") == site_listing(self.site_dir))

    def save(self, inputs: str, complete: bool) -> None:
        """Record the build; in a cache that cannot be written nothing is recorded (the next
        build is not skipped, nothing else changes)."""
        doc = {"format": FORMAT, "inputs": inputs, "complete": complete, "site": site_listing(self.site_dir)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode())
        except OSError:
            pass

    def forget(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
