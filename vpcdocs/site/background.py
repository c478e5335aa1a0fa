"""Work that runs beside the main line of a build: the diagrams.

Drawing a thousand diagrams is Python (layout) plus Graphviz (subprocesses). In a thread it
would share the interpreter lock with the lint and reachability work and the two would take
turns; in a forked process (where the platform forks, i.e. Linux) it has a core of its own
and reads the same topology without copying it. Elsewhere it runs in a thread. Either way
the caller gets the result, or the exception, from :meth:`Background.join` (an exception
raised in a worker process comes back as :class:`WorkerError`, naming it). A worker process
that dies without a result — killed by the out-of-memory killer or a signal — does not fail
the build: its work is done again in the calling process, with a line saying so.

The progress lines the work prints (``diagrams 120/1003``) are shown as they come, while
the main line is still busy: a forked worker sends each one through its pipe to a thread of
the parent, which prints it (the child cannot draw on the parent's progress bar). Printing
and forking take turns (:data:`_PRINTING`), so a worker is never forked while another
thread holds the lock of the output stream.
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

STILL_SECONDS = 5.0  # "still at work" when the work has said nothing for this long
_PRINTING = threading.Lock()  # held while a worker's line is printed, and while forking


def _fork_context() -> Any | None:
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def shared_counter() -> Any:
    """An integer the workers started after it share with this process (``.value`` under
    ``.get_lock()``): in shared memory where workers fork, else for threads."""
    return (_fork_context() or multiprocessing.get_context()).Value("q", 0)


def forks() -> bool:
    """True where work runs in forked worker processes (Linux); elsewhere in threads."""
    return _fork_context() is not None


def _child(work: Work, conn: Any) -> None:
    global _PRINTING
    _PRINTING = threading.Lock()  # forked while the parent held it
    lock = threading.Lock()  # the work may report from several threads

    def say(line: str) -> None:
        with lock:
            conn.send(("say", line))

    try:
        result = work(say)
        with lock:
            conn.send(("done", True, result))
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
        with lock:
            conn.send(("done", False, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class Background:
    """Start ``work`` now; its progress lines are printed as they come (and that it is still
    at work when it has been quiet for :data:`STILL_SECONDS`); :meth:`join` waits for it and
    returns its result."""

    def __init__(self, name: str, work: Work, progress: Progress | None, *, processes: bool = True,
                 quiet: bool = False):
        self.name, self.progress, self.quiet, self._work = name, progress, quiet, work
        self.started = self._news = time.monotonic()
        self._result: Any = None
        self._error: BaseException | str | None = None
        self._finished = False  # the work sent its result (or error)
        self._proc: Any = None
        ctx = _fork_context() if processes else None
        if ctx is not None:
            self._conn, child = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_child, args=(work, child), name=f"vpcdocs-{name}", daemon=True)
            with _PRINTING:
                self._proc.start()
            child.close()
            target: Callable[[], None] = self._receive
        else:
            target = lambda: self._run(work)  # noqa: E731
        self._thread = threading.Thread(target=target, name=f"vpcdocs-{name}", daemon=True)
        self._thread.start()

    def _say(self, line: str) -> None:
        self._news = time.monotonic()
        if self.progress:
            with _PRINTING:
                self.progress(line)

    def _run(self, work: Work) -> None:
        try:
            self._result = work(self._say)
        except BaseException as exc:  # noqa: BLE001 - re-raised in join()
            self._error = exc
        self._finished = True

    def _still(self) -> None:
        if not self.quiet:
            self._say(f"{self.name}: still at work ({time.monotonic() - self.started:.0f}s)")

    def _receive(self) -> None:
        """The worker's lines until its result (and "still at work" when it is quiet for
        :data:`STILL_SECONDS`); returns early when the worker died (EOF)."""
        try:
            while True:
                if not self._conn.poll(max(0.0, self._news + STILL_SECONDS - time.monotonic())):
                    if time.monotonic() - self._news >= STILL_SECONDS:
                        self._still()
                    continue
                message = self._conn.recv()
                if message[0] == "say":
                    self._say(message[1])
                    continue
                _, ok, payload = message
                if ok:
                    self._result = payload
                else:
                    self._error = payload
                self._finished = True
                return
        except (EOFError, OSError):
            return

    def join(self) -> Any:
        while True:
            self._thread.join(timeout=max(0.1, self._news + STILL_SECONDS - time.monotonic()))
            if not self._thread.is_alive():
                break
            if self._proc is None and time.monotonic() - self._news >= STILL_SECONDS:
                self._still()  # (a worker process's own thread says it)
        if self._proc is not None:
            self._proc.join()
            self._conn.close()
            if not self._finished:
                # killed (the out-of-memory killer, a signal): the work is done here instead
                code = self._proc.exitcode
                how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                self._say(f"{self.name}: the worker process ended without a result ({how}); "
                          "doing its work in this process")
                return self._work(self._say)
        if isinstance(self._error, BaseException):
            raise self._error
        if self._error is not None:
            raise WorkerError(f"{self.name}: {self._error}")
        return self._result


class WorkerError(RuntimeError):
    """The work raised in a worker process (the message names the worker and the exception)."""
