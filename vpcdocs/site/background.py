"""Work that runs beside the main line of a build: the diagrams.

Drawing a thousand diagrams is Python (layout) plus Graphviz (subprocesses). In a thread it
would share the interpreter lock with the lint and reachability work and the two would take
turns; in a forked process (where the platform forks, i.e. Linux) it has a core of its own
and reads the same topology without copying it. Elsewhere it runs in a thread. Either way
the caller gets the result, or the exception, from :meth:`Background.join`, and the progress
lines the work printed (the child cannot draw on the parent's progress bar, so they are sent
back and printed by the parent).
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from .progress import Progress

Work = Callable[[Progress], Any]  # the work gets a progress callable of its own


def _fork_context() -> Any | None:
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _child(work: Work, conn: Any) -> None:
    lines: list[str] = []
    try:
        result = work(lines.append)
        conn.send((True, result, lines))
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
        conn.send((False, f"{type(exc).__name__}: {exc}", lines))
    finally:
        conn.close()


class Background:
    """Start ``work`` now; :meth:`join` waits for it (saying it is still at work every few
    seconds) and returns its result."""

    def __init__(self, name: str, work: Work, progress: Progress | None, *, processes: bool = True):
        self.name, self.progress = name, progress
        self.started = time.monotonic()
        self._result: Any = None
        self._error: BaseException | str | None = None
        self._lines: list[str] = []
        ctx = _fork_context() if processes else None
        if ctx is not None:
            self._conn, child = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_child, args=(work, child), name=f"vpcdocs-{name}", daemon=True)
            self._proc.start()
            child.close()
            self._thread = None
        else:
            self._proc = None
            self._thread = threading.Thread(target=self._run, args=(work,), name=f"vpcdocs-{name}", daemon=True)
            self._thread.start()

    def _run(self, work: Work) -> None:
        try:
            self._result = work(self._lines.append)
        except BaseException as exc:  # noqa: BLE001 - re-raised in join()
            self._error = exc

    def _still(self) -> None:
        if self.progress:
            self.progress(f"{self.name}: still at work ({time.monotonic() - self.started:.0f}s)")

    def join(self) -> Any:
        if self._proc is not None:
            while not self._conn.poll(5.0):
                if not self._proc.is_alive():
                    raise RuntimeError(f"{self.name}: the worker process ended without a result "
                                       f"(exit code {self._proc.exitcode})")
                self._still()
            ok, payload, self._lines = self._conn.recv()
            self._proc.join()
            if ok:
                self._result = payload
            else:
                self._error = payload
        else:
            assert self._thread is not None
            while self._thread.is_alive():
                self._thread.join(timeout=5.0)
                if self._thread.is_alive():
                    self._still()
        if self.progress:
            for line in self._lines:
                self.progress(line)
        if isinstance(self._error, BaseException):
            raise self._error
        if self._error is not None:
            raise RuntimeError(f"{self.name}: {self._error}")
        return self._result
