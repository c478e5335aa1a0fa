"""Putting a freshly built site in place with no moment without a site, and cleaning up
after builds that were killed.

The new site is built in a scratch folder beside the target (``.<site>.vpcdocs-XXXX``, same
file system). Where the kernel can (Linux ``renameat2(RENAME_EXCHANGE)``, macOS
``renamex_np(RENAME_SWAP)``) the two folders are exchanged in one atomic step. Elsewhere two
renames are needed (``site → scratch/old-site``, ``scratch/site → site``); a build killed
between them leaves ``scratch/old-site`` with no ``site``, and the next run puts it back
(:func:`recover`) before doing anything else. Scratch folders of builds that are no longer
running (their ``owner.pid`` names no live process) are removed by the next run.
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
from collections.abc import Callable
from pathlib import Path

from ..fsutil import owned_scratch, scratch_owner

OWNER = "owner.pid"
OLD_SITE = "old-site"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 0x2  # macOS sys/stdio.h


def scratch_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}.vpcdocs-"


def make_scratch(site_dir: Path) -> Path:
    """A scratch folder beside ``site_dir``, marked with this process's pid."""
    scratch = owned_scratch(site_dir.parent, scratch_prefix(site_dir))
    try:
        (scratch / OWNER).write_text(f"{os.getpid()}\n", encoding="ascii")
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return scratch


@functools.lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap the folders ``a`` and ``b``; False when the platform or file system
    cannot (the caller then renames)."""
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
        return False  # e.g. a file system without exchange support
    raise OSError(err, os.strerror(err), str(b))


def swap_in(new_site: Path, site_dir: Path, scratch: Path,
            _between: Callable[[], None] | None = None) -> None:
    """Put ``new_site`` at ``site_dir``; the old site ends up inside ``scratch`` (removed
    with it). ``_between`` runs between the two renames of the fallback (tests)."""
    if not site_dir.exists() and not site_dir.is_symlink():
        os.rename(new_site, site_dir)
        return
    if exchange(new_site, site_dir):
        return
    old = scratch / OLD_SITE
    os.rename(site_dir, old)
    try:
        if _between is not None:
            _between()
        os.rename(new_site, site_dir)
    except BaseException:
        with contextlib.suppress(OSError):
            os.rename(old, site_dir)
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


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def recover(site_dir: Path) -> list[str]:
    """Undo what killed builds left beside ``site_dir``: a site moved aside but never
    replaced goes back in place; their scratch folders are removed. Returns what was done."""
    done: list[str] = []
    parent = site_dir.parent
    if not parent.is_dir():
        return done
    prefix = scratch_prefix(site_dir)
    try:
        names = sorted(n for n in os.listdir(parent) if n.startswith(prefix))
    except OSError:
        return done
    for name in names:
        scratch = parent / name
        if not scratch.is_dir() or scratch.is_symlink():
            continue
        pid = scratch_owner(scratch, prefix, OWNER)
        if pid is not None and _alive(pid):
            continue  # a build running right now
        if pid is None and _age(scratch) < 60:
            continue  # just created: its build may not have written its pid yet
        old = scratch / OLD_SITE
        if old.is_dir() and not site_dir.exists() and not site_dir.is_symlink():
            os.rename(old, site_dir)
            done.append(f"restored {site_dir} left aside by an interrupted build")
        shutil.rmtree(scratch, ignore_errors=True)
        done.append(f"removed {scratch.name} left by an interrupted build")
    return done
