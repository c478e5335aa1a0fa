"""Putting a freshly written spec tree in place in one step (issue 15 item 7).

The new tree is built in a scratch folder beside the target (``.<name>.import-XXXX``, same
file system, holding ``owner.pid``) and exchanged with the old one atomically where the
kernel can (Linux ``renameat2(RENAME_EXCHANGE)``, macOS ``renamex_np(RENAME_SWAP)``); elsewhere
two renames are needed (``out → scratch/old``, ``scratch/tree → out``) and a run killed
between them leaves ``scratch/old``, which the next run puts back (:func:`recover`) before
anything else. Scratch folders of runs that are no longer alive are removed by the next run.
So a reader (or a kill -9) never sees a mix of old and new files.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import functools
import os
import shutil
import sys
import time
from pathlib import Path

from ..fsutil import owned_scratch, scratch_owner

OWNER = "owner.pid"
OLD = "old"
TREE = "tree"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 0x2  # macOS


def scratch_prefix(out: Path) -> str:
    return f".{out.name}.import-"


def make_scratch(out: Path) -> Path:
    """A scratch folder beside ``out`` owned by this process; the new tree goes in ``tree/``."""
    scratch = owned_scratch(out.parent, scratch_prefix(out))
    (scratch / OWNER).write_text(f"{os.getpid()}\n", encoding="ascii")
    (scratch / TREE).mkdir()
    return scratch


@functools.lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap the folders ``a`` and ``b``; False when the platform cannot."""
    libc = _libc()
    if libc is None:
        return False
    fa, fb = os.fsencode(a), os.fsencode(b)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        rc = libc.renameat2(_AT_FDCWD, fa, _AT_FDCWD, fb, _RENAME_EXCHANGE)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rc = libc.renamex_np(fa, fb, _RENAME_SWAP)
    else:
        return False
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(scratch: Path, out: Path, exchange_ok: bool = True) -> None:
    """Put ``scratch/tree`` at ``out``; the old tree ends up in ``scratch`` (removed with it)."""
    new = scratch / TREE
    if not out.exists() and not out.is_symlink():
        os.rename(new, out)
        return
    if exchange_ok and exchange(new, out):
        return
    old = scratch / OLD
    os.rename(out, old)
    try:
        os.rename(new, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.rename(old, out)
        raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def recover(out: Path) -> list[str]:
    """Undo what killed imports left beside ``out``: a tree moved aside but never replaced
    goes back; their scratch folders are removed. Returns what was done, for the log."""
    done: list[str] = []
    parent = out.parent
    try:
        names = sorted(n for n in os.listdir(parent) if n.startswith(scratch_prefix(out)))
    except OSError:
        return done
    for name in names:
        scratch = parent / name
        if not scratch.is_dir() or scratch.is_symlink():
            continue
        pid = scratch_owner(scratch, scratch_prefix(out), OWNER)
        if pid is not None and _alive(pid):
            continue  # an import running right now
        try:
            age = time.time() - scratch.stat().st_mtime
        except OSError:
            age = 0.0
        if pid is None and age < 60:
            continue  # just created: its owner may not have written its pid yet
        old = scratch / OLD
        if old.is_dir() and not out.exists() and not out.is_symlink():
            os.rename(old, out)
            done.append(f"restored {out} left aside by an interrupted import")
        shutil.rmtree(scratch, ignore_errors=True)
        done.append(f"removed {scratch.name} left by an interrupted import")
    return done


def carry(src: Path, dest: Path) -> None:
    """Put the file ``src`` at ``dest`` without copying its bytes where the file system allows."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if src.is_symlink():
        os.symlink(os.readlink(src), dest)
        return
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)
