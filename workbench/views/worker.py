"""Long work off the GUI thread: the one helper every view uses (STYLE rule 5).

A :class:`Worker` runs a core function on the global ``QThreadPool``. The function is
either a generator yielding ``(done, total, message)`` and returning its result (the
``StopIteration`` value), or a plain function returning it. The worker reports through
Qt signals only, so the widgets listening are touched in the GUI thread alone:

``sig_progress(done, total, message)``
    a step of a generator (at most every :data:`PROGRESS_INTERVAL` seconds, and every
    time ``done`` moves);
``sig_finished(result)``
    the function returned;
``sig_failed(message)``
    it raised: a :class:`~workbench.models.errors.WorkbenchError` gives its own Chinese
    message, anything else "意外错误：…" (logged with its traceback);
``sig_cancelled()``
    :meth:`Worker.cancel` was called; what the function returned when it stopped (if it
    did return) is kept in :attr:`Worker.result`.

A started worker stays alive until its run has ended, whoever holds it, and is freed in
the GUI thread (never by Python's garbage collector in a pool thread, where deleting a
QObject can crash the application).

Cancelling sets a flag. A function with a ``should_stop`` parameter is given a callable
that reads it and is expected to stop cleanly at its next check; a generator without
one is closed at its next yield.

Examples
--------
>>> worker = Worker(read_files, paths, plan, resolver, matcher)  # doctest: +SKIP
>>> worker.sig_progress.connect(progress_bar_update)  # doctest: +SKIP
>>> worker.sig_finished.connect(show_results)  # doctest: +SKIP
>>> worker.start()  # doctest: +SKIP
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from workbench.models.errors import WorkbenchError
from workbench.models.reading import ReadCancelled

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.05
"""Seconds between two progress signals for the same ``done`` (keeps the event queue short)."""


class _Keeper(QObject):
    """Holds every started worker until its run has ended, and lets go of it in the GUI thread.

    A worker must not be freed in a pool thread: a QObject deleted outside its own thread can
    crash the application. So the pool thread drops its own references first and then asks
    the keeper (which lives in the GUI thread) to drop the last one.
    """

    sig_release = Signal(object)

    def __init__(self):
        super().__init__()
        self.running: dict[int, tuple[Worker, QRunnable]] = {}
        self.sig_release.connect(self._release)

    def _release(self, key: int) -> None:
        self.running.pop(key, None)


_keeper: _Keeper | None = None


def _the_keeper() -> _Keeper:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    return _keeper


class _Runnable(QRunnable):
    def __init__(self, worker: Worker, keeper: _Keeper):
        super().__init__()
        self._worker: Worker | None = worker  # no reference back from the worker: no cycle
        self._keeper = keeper

    def run(self) -> None:
        worker, self._worker = self._worker, None
        key = id(worker)
        try:
            worker._run()
        finally:
            del worker  # this thread lets go first; the keeper then drops the last reference
            self._keeper.sig_release.emit(key)


class Worker(QObject):
    """Run ``function(*args, **kwargs)`` on a pool thread and report through signals.

    Parameters
    ----------
    function : callable
        A generator function yielding ``(done, total, message)``, or a plain function.
    *args, **kwargs
        Passed to it; ``should_stop`` is added when it takes one and none is given.
    """

    sig_progress = Signal(int, int, str)
    """``(done, total, message)`` of a generator's step."""
    sig_finished = Signal(object)
    """The function's result."""
    sig_failed = Signal(str)
    """A Chinese message saying what went wrong."""
    sig_cancelled = Signal()
    """The work stopped because :meth:`cancel` was called."""

    def __init__(self, function: Callable, *args, **kwargs):
        super().__init__()
        self._function = function
        self._args = args
        self._kwargs = dict(kwargs)
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._started = False
        self._cooperative = False
        try:
            parameters = inspect.signature(function).parameters
        except (TypeError, ValueError):
            parameters = {}
        if "should_stop" in parameters:
            self._cooperative = True
            self._kwargs.setdefault("should_stop", self._cancel.is_set)  # not a bound method of self: no cycle
        self.result: object = None
        """The result, also after a cancel when the function returned one."""

    # -- control, from the GUI thread --

    def start(self, pool: QThreadPool | None = None) -> Worker:
        """Queue the work on ``pool`` (the global pool by default); returns self."""
        if self._started:
            raise RuntimeError("a Worker runs once")
        self._started = True
        keeper = _the_keeper()
        runnable = _Runnable(self, keeper)
        keeper.running[id(self)] = (self, runnable)
        (pool or QThreadPool.globalInstance()).start(runnable)
        return self

    def cancel(self) -> None:
        """Ask the work to stop; ``sig_cancelled`` follows once it has."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """True once :meth:`cancel` was called (the ``should_stop`` the function sees)."""
        return self._cancel.is_set()

    @property
    def running(self) -> bool:
        return self._started and not self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has ended (for shutting down); True when it has."""
        if not self._started:
            return True
        return self._done.wait(timeout)

    # -- the pool thread --

    def _run(self) -> None:
        try:
            outcome = self._call()
        except BaseException as exc:  # noqa: BLE001 - everything is reported, nothing escapes the thread
            if self.is_cancelled() and isinstance(exc, ReadCancelled):
                self.sig_cancelled.emit()
            elif isinstance(exc, WorkbenchError):
                self.sig_failed.emit(str(exc))
            else:
                log.error("后台任务 %s 出错", getattr(self._function, "__name__", self._function), exc_info=exc)
                self.sig_failed.emit(f"意外错误：{exc}")
        else:
            self.result = outcome
            if self.is_cancelled():
                self.sig_cancelled.emit()
            else:
                self.sig_finished.emit(outcome)
        finally:
            self._done.set()

    def _call(self):
        value = self._function(*self._args, **self._kwargs)
        if not inspect.isgenerator(value):
            return value
        generator = value
        last_done, last_time = None, 0.0
        while True:
            try:
                step = next(generator)
            except StopIteration as stop:
                return stop.value
            if self.is_cancelled() and not self._cooperative:
                generator.close()
                return None
            done, total, message = step
            now = time.monotonic()
            if done != last_done or done >= total or now - last_time >= PROGRESS_INTERVAL:
                last_done, last_time = done, now
                self.sig_progress.emit(int(done), int(total), str(message))
