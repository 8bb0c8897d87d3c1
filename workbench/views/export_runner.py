"""The export page's jobs, one at a time, each in a :class:`~workbench.views.worker.Worker`.

A job is named ("context" builds the preview, "package" writes the files) and its end is
reported with that name, so the page knows what arrived. A job of a project no longer
shown is detached: it stops at its next step, unheard, and is waited for at shutdown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from workbench.views.worker import Worker


class ExportRunner(QObject):
    """Starts, cancels and forgets the page's background jobs."""

    sig_progress = Signal(int, int, str)
    """``(done, total, message)`` of the running job."""
    sig_finished = Signal(str, object)
    """``(job, result)``."""
    sig_failed = Signal(str, str)
    """``(job, message)``: a Chinese message."""
    sig_cancelled = Signal(str)
    """``job`` stopped after :meth:`cancel`."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.job: str | None = None
        """The name of the running job, or None."""
        self._worker: Worker | None = None
        self._detached: list[Worker] = []

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def start(self, job: str, function: Callable, *args) -> None:
        """Run ``function(*args)`` (a generator of progress, see Worker) as ``job``."""
        if self._worker is not None:
            raise RuntimeError(f"a job is running: {self.job}")
        worker = Worker(function, *args)
        worker.sig_progress.connect(self.sig_progress)
        worker.sig_finished.connect(lambda result: self._ended(self.sig_finished, job, result))
        worker.sig_failed.connect(lambda message: self._ended(self.sig_failed, job, message))
        worker.sig_cancelled.connect(lambda: self._ended(self.sig_cancelled, job))
        self._worker, self.job = worker, job
        worker.start()

    def _ended(self, signal, job: str, *payload) -> None:
        # Forgotten before the news goes out, so a listener may start the next job at once.
        self._worker, self.job = None, None
        signal.emit(job, *payload)

    def cancel(self) -> None:
        """Ask the running job to stop; its sig_cancelled follows."""
        if self._worker is not None:
            self._worker.cancel()

    def detach(self) -> None:
        """Stop listening to the running job (it is for another project) and let it stop."""
        worker, self._worker, self.job = self._worker, None, None
        if worker is not None:
            for signal in (worker.sig_progress, worker.sig_finished, worker.sig_failed, worker.sig_cancelled):
                signal.disconnect()
            worker.cancel()
            self._detached = [w for w in self._detached if w.running] + [worker]

    def shutdown(self, timeout: float = 30) -> None:
        """Cancel every job and wait for it to end (the window is closing)."""
        for worker in [*self._detached, *([self._worker] if self._worker is not None else [])]:
            worker.cancel()
            worker.wait(timeout)
        self._detached = []
