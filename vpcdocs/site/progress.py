"""Progress of a long build: every phase says what it does, with n/N and the elapsed time.

A :class:`Reporter` is what ``vpcdocs build`` passes as ``progress``. It is callable with one
message (the plain ``Progress`` interface the rest of the site code uses) and opens counted
phases (:meth:`Reporter.phase`). On a terminal a phase is one line that redraws itself — a
bar, ``n/N`` and the elapsed time; elsewhere (CI logs, pipes) it prints plain lines: the
phase's start, a count at most every few seconds, and its end. ``quiet`` silences all of it.

Code that receives any ``progress`` callable counts through :func:`phase`, which works with
a :class:`Reporter` and with a plain function alike (then it prints throttled plain lines).
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import IO

from ..render.escape import terminal

Progress = Callable[[str], None]

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1  # on a terminal
LINE_SECONDS = 2.0  # elsewhere: at most one count line per phase this often


class Phase:
    """A counted piece of work: ``advance()`` after each item, ``done()`` at the end (or use it
    as a context manager)."""

    def __init__(self, emit: Callable[[str, bool], None], name: str, total: int,
                 clock: Callable[[], float], interval: float, bar: bool):
        self.emit, self.name, self.total = emit, name, total
        self.clock, self.interval, self.bar = clock, interval, bar
        self.count = 0
        self.started = clock()
        self._last = self.started
        self._closed = False
        if bar:  # a terminal shows the empty bar at once; logs get a line once there is news
            self.emit(self._text(), False)

    def _text(self, final: bool = False) -> str:
        total = max(self.total, 0)
        if final:
            seconds = self.clock() - self.started
            return f"{self.name}: {self.count}/{total} in {seconds:.1f}s" if total else f"{self.name}: done"
        if self.bar and total:
            filled = min(BAR_WIDTH, BAR_WIDTH * self.count // total)
            return f"{self.name} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.count}/{total}"
        return f"{self.name} {self.count}/{total}" if total else self.name

    def advance(self, n: int = 1) -> None:
        self.count += n
        now = self.clock()
        if now - self._last >= self.interval and self.count < self.total:
            self._last = now
            self.emit(self._text(), not self.bar)

    def done(self) -> None:
        if not self._closed:
            self._closed = True
            self.emit(self._text(final=True), True)

    def __enter__(self) -> Phase:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.done()


class Reporter:
    """The build's progress output (see the module docstring). ``tty=None`` asks the stream."""

    def __init__(self, stream: IO[str] | None = None, *, quiet: bool = False, tty: bool | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = bool(tty if tty is not None else getattr(self.stream, "isatty", lambda: False)())
        self.clock = clock
        self.started = clock()
        self._open_line = False  # a redrawn bar line is on the terminal

    def _write(self, text: str, newline: bool) -> None:
        if self.quiet:
            return
        line = f"[{self.clock() - self.started:6.1f}s] {terminal(text, keep='')}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line + ("\n" if newline else ""))
            self._open_line = not newline
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def __call__(self, message: str) -> None:
        self._write(message, True)

    def phase(self, name: str, total: int) -> Phase:
        return Phase(self._write, name, total, self.clock, REDRAW_SECONDS if self.tty else LINE_SECONDS, self.tty)


def phase(progress: Progress | None, name: str, total: int) -> Phase:
    """A counted phase on ``progress``: its own when it is a :class:`Reporter`, else plain
    throttled lines through the callable (nothing when ``progress`` is None)."""
    if isinstance(progress, Reporter):
        return progress.phase(name, total)

    def emit(text: str, _newline: bool) -> None:
        if progress is not None:
            progress(text)

    return Phase(emit, name, total, time.monotonic, LINE_SECONDS, False)


HEARTBEAT_SECONDS = 5.0


@contextlib.contextmanager
def heartbeat(progress: Progress | None, name: str, every: float = HEARTBEAT_SECONDS) -> Iterator[list[str]]:
    """A phase that cannot count its items: says it is still at work every ``every`` seconds
    and, at the end, ``name: <detail> in N.Ns`` (append the detail to the yielded list)."""
    detail: list[str] = []
    if progress is None:
        yield detail
        return
    started = time.monotonic()
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every):
            progress(f"{name}: still at work ({time.monotonic() - started:.0f}s)")

    thread = threading.Thread(target=beat, name=f"vpcdocs-heartbeat-{name}", daemon=True)
    thread.start()
    try:
        yield detail
    finally:
        stop.set()
        thread.join()
    progress(f"{name}: {', '.join(detail) + ' ' if detail else ''}in {time.monotonic() - started:.1f}s")
