"""A time budget for the work of one document: `with time_limit(seconds) as limit: ...`.

Past the budget, `DocumentTimeout` is raised in the thread doing the work. It derives from
BaseException, so that no `except Exception` of a library on the way swallows it. In the main
thread of a process (the CLI, each local worker process) a real-time alarm (`signal.setitimer`)
raises it, which also interrupts a long regular-expression match; in any other thread (a Dask
worker runs tasks in threads) a watchdog thread raises it asynchronously, which takes effect at
the next Python instruction of the working thread. `limit.restart()` gives a fresh budget (one per
document of a batch). Linux and macOS; where neither mechanism exists the budget is not enforced.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class DocumentTimeout(BaseException):  # noqa: N818 - a signal, like KeyboardInterrupt, not an error class
    """The document being extracted has run past its time budget."""


class _NoLimit:
    def restart(self) -> None:
        pass

    def stop(self) -> None:
        pass


class _AlarmLimit:
    """SIGALRM in the main thread; one alarm per budget, which raises only while the limit is armed."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False
        self.previous = signal.signal(signal.SIGALRM, self._fire)

    def _fire(self, signum, frame) -> None:  # noqa: ARG002
        if self.armed:
            self.armed = False
            raise DocumentTimeout

    def restart(self) -> None:
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def stop(self) -> None:
        try:
            self.armed = False  # from here on a late alarm raises nothing
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


class _ThreadLimit:
    """A watchdog thread that raises DocumentTimeout in the working thread once its deadline passes."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.target = threading.get_ident()
        self.condition = threading.Condition()
        self.deadline: float | None = None
        self.running = True
        self.watchdog = threading.Thread(target=self._watch, name="fr-extract-timeout", daemon=True)
        self.watchdog.start()

    def _watch(self) -> None:
        with self.condition:
            while self.running:
                if self.deadline is None:
                    self.condition.wait()
                    continue
                left = self.deadline - time.monotonic()
                if left > 0:
                    self.condition.wait(left)
                    continue
                self.deadline = None  # one exception per budget
                _raise_in(self.target, DocumentTimeout)

    def restart(self) -> None:
        with self.condition:
            self.deadline = time.monotonic() + self.seconds
            self.condition.notify()

    def stop(self) -> None:
        try:
            with self.condition:
                self.deadline = None
                _raise_in(self.target, None)  # an exception set but not yet raised is withdrawn
        finally:
            with self.condition:
                self.running = False
                self.condition.notify()


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.c_void_p]
_set_async_exc.restype = ctypes.c_int


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Have `exception` raised in the thread at its next Python instruction; None withdraws a pending one."""
    # CPython: id() is the object's address; the class is module-level, so it outlives the call.
    _set_async_exc(thread_id, None if exception is None else id(exception))


@contextmanager
def time_limit(seconds: float | None) -> Iterator[_NoLimit | _AlarmLimit | _ThreadLimit]:
    """Raise DocumentTimeout in this thread when the work takes more than `seconds` (None or 0: no limit)."""
    if not seconds:
        yield _NoLimit()
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        limit: _AlarmLimit | _ThreadLimit = _AlarmLimit(seconds)
    else:
        limit = _ThreadLimit(seconds)
    limit.restart()
    try:
        yield limit
    finally:
        limit.stop()
