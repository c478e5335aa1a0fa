"""Files vpcdocs writes: safe names for ids, and atomic writes a reader never sees half done."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path

_PLAIN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_UNSAFE = re.compile(r"[^a-z0-9.-]+")
MAX_NAME = 60
# names Windows refuses as files, whatever the extension (CON, con.md, COM1.svg, …)
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                              *(f"{p}{n}" for p in ("com", "lpt") for n in (*"123456789", "¹", "²", "³"))})


def safe_name(text: str) -> str:
    """A file-name, URL and HTML-id safe form of a spec id; distinct ids give distinct names,
    also on case-insensitive file systems (macOS, Windows), and never a reserved Windows
    name or one longer than 77 characters.

    An id that is already plain — lower-case letters, digits, single ``.`` or ``-`` between
    them, not a reserved Windows name, at most 60 characters — is its own name. Any other id
    gets a readable, lower-cased stem plus ``_`` and 16 hex digits of its SHA-256: a plain
    name never contains ``_``, so the two kinds never meet, and two ids with the same stem
    (``VPC-A``, ``vpc-a``, ``vpc_a``) differ in the hash of their exact text.
    """
    if len(text) <= MAX_NAME and _PLAIN.fullmatch(text) and text.split(".")[0] not in WINDOWS_RESERVED:
        return text
    stem = _UNSAFE.sub("-", text.lower()).strip("-.")[:MAX_NAME].strip("-.")
    if stem.split(".")[0] in WINDOWS_RESERVED:  # "nul.0_…" is NUL to Windows, whatever follows the dot
        stem = stem.replace(".", "-", 1)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{stem}_{digest}" if stem else f"_{digest}"


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A ``path`` that exists and is not a regular file (``/dev/stdout``, a FIFO, ``/dev/full``)
    is written in place, never replaced; a symbolic link to a regular file is kept and its
    target is replaced. Raises :class:`OSError` (``ENOSPC``, ``EROFS``, ``EACCES`` …) with
    the file name set, for the caller to report as ``error[IO]``."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        st = target.stat()
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
        try:
            with open(target, "wb") as handle:  # a device or pipe: write through it
                handle.write(payload)
        except OSError as exc:
            raise _with_name(exc, target) from None
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _with_name(exc, target.parent) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _with_name(exc, target) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _with_name(exc: OSError, path: Path) -> OSError:
    """``exc`` naming the user's path (not a temporary file's)."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path)) if exc.errno else exc


def os_reason(exc: OSError) -> str:
    """What went wrong, in words: ``No space left on device``, ``Read-only file system``."""
    return exc.strerror or str(exc) or type(exc).__name__


def owned_scratch(parent: Path, prefix: str) -> Path:
    """A new folder ``<prefix><pid>-<random>`` in ``parent``: its owner is in its name from the
    moment it exists (a process killed right after creating it leaves no ownerless folder)."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def scratch_owner(scratch: Path, prefix: str, owner_file: str) -> int | None:
    """The pid that owns a scratch folder: from the ``owner_file`` inside, else from its name
    (:func:`owned_scratch`: a process killed before it wrote the file); None when neither
    says (a folder of an older version)."""
    try:
        return int((scratch / owner_file).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    head, dash, _rest = scratch.name[len(prefix):].partition("-")
    return int(head) if scratch.name.startswith(prefix) and dash and head.isdigit() else None
