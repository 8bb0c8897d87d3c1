"""Charts drawn in a second process while this one writes the documents.

Drawing is most of a package's time (about two thirds on the demo project) and matplotlib
holds the GIL while it draws, so a thread does not help; a second process does, on any
PC with two cores. :class:`ChartProcess` starts one with the ``spawn`` method (safe beside
Qt's threads, the only method on Windows, and what the frozen app supports through
``multiprocessing.freeze_support``), hands it the pickled context and the names of the
charts it should draw, and reports what it drew. It never uses a socket: the pipes and
the stop event are local.

A stop asks the child to end after the chart it is drawing; :meth:`ChartProcess.close`
waits for that (and kills the child if it does not end in time), so nothing is written
into a package folder after it was given up.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
from pathlib import Path

from workbench.models.errors import WorkbenchError

JOIN_SECONDS = 30.0


class ChartProcessError(WorkbenchError):
    """The second process failed; ``str()`` says which chart and why, in Chinese."""


def worth_a_process(chart_count: int) -> bool:
    """A second process pays for its start (about a second of imports) with enough charts
    and a second core to run on."""
    return chart_count >= 8 and (os.cpu_count() or 1) >= 2


def early_process(options) -> ChartProcess | None:
    """A chart process started before the context is built, when the outputs will draw charts
    on a PC with a second core; pass it to ``write_package(helper=...)``."""
    draws = "charts" in options.outputs or "index" in options.outputs
    return ChartProcess() if draws and (os.cpu_count() or 1) >= 2 else None


def _serve(jobs, stop, messages) -> None:
    """The child: import what drawing needs, wait for one job, draw its charts, report each."""
    try:
        from workbench.models.charts.report_charts import report_charts
        from workbench.models.charts.saving import write_charts

        job = jobs.get()
        if job is None or stop.is_set():
            return
        payload, names, folder, formats = job
        context = pickle.loads(payload)
        wanted = set(names)
        charts = [chart for chart in report_charts(context) if chart.name in wanted]
        drawing = write_charts(charts, Path(folder), formats)
        try:
            while True:
                try:
                    done, _, _ = next(drawing)
                except StopIteration as finished:
                    written = {name: [str(p) for p in paths] for name, paths in finished.value.items()}
                    break
                messages.put(("progress", done))
                if stop.is_set():
                    messages.put(("stopped", None))
                    return
        finally:
            drawing.close()
        messages.put(("done", written))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent as text
        messages.put(("error", f"{type(exc).__name__}: {exc}"))


class ChartProcess:
    """A child process that draws some of a context's charts.

    It starts at once and imports pandas, matplotlib and the chart modules while the caller
    still builds the context (the CLI starts it before :func:`report_context`), then waits
    for :meth:`submit`. :meth:`close` ends it in every case.
    """

    def __init__(self):
        spawn = multiprocessing.get_context("spawn")
        self.names: list[str] = []
        self.drawn = 0
        self._stop = spawn.Event()
        self._jobs = spawn.Queue()
        self._messages = spawn.Queue()
        self._process = spawn.Process(target=_serve, name="charts", daemon=True,
                                      args=(self._jobs, self._stop, self._messages))
        self._process.start()
        self._result: dict[str, list[Path]] | None = None
        self._closed = False

    def submit(self, context, names: list[str], folder: Path, formats: tuple[str, ...]) -> None:
        """Draw the charts called ``names`` of ``context`` into ``folder`` (once per process)."""
        self.names = list(names)
        self._jobs.put((pickle.dumps(context), self.names, str(folder), tuple(formats)))

    def _handle(self, kind: str, value) -> None:
        if kind == "progress":
            self.drawn = value
        elif kind == "done":
            self._result = {name: [Path(p) for p in paths] for name, paths in value.items()}
        elif kind == "error":
            raise ChartProcessError(f"画图表时出错：{value}")

    def poll(self, timeout: float = 0.0) -> bool:
        """Take the child's news for up to ``timeout`` seconds; True once it has finished."""
        try:
            kind, value = self._messages.get(timeout=timeout) if timeout else self._messages.get_nowait()
        except queue.Empty:
            if not self._process.is_alive() and self._result is None:
                # It may have exited right after its last message: read once more before judging.
                try:
                    kind, value = self._messages.get(timeout=1.0)
                except queue.Empty:
                    raise ChartProcessError(
                        f"画图表的进程意外退出（退出码 {self._process.exitcode}）") from None
            else:
                return self._result is not None
        self._handle(kind, value)
        return self._result is not None

    def result(self) -> dict[str, list[Path]]:
        """The files of every chart it drew (call once :meth:`poll` returned True)."""
        if self._result is None:
            raise ChartProcessError("画图表的进程尚未完成")
        return self._result

    def close(self) -> None:
        """Ask the child to stop after its current chart and wait for it (kill it if it hangs)."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._jobs.put(None)  # in case it still waits for a job
        self._process.join(JOIN_SECONDS)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._messages.close()
        self._jobs.close()
