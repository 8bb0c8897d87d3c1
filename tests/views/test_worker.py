"""The background worker: results, failures and cancelling arrive as signals in the GUI thread."""

import threading

import pytest
from PySide6.QtCore import QThread

from workbench.models.errors import WorkbenchError
from workbench.views.worker import Worker


def counting(n, should_stop=None):
    """A core-style generator: progress between steps, a result at the end."""
    total = 0
    for i in range(n):
        if should_stop is not None and should_stop():
            return ("stopped", total)
        yield i, n, f"第 {i + 1} 步"
        total += i
    yield n, n, "完成"
    return ("done", total)


def test_a_generator_reports_progress_and_its_result_in_the_gui_thread(qtbot):
    threads, steps = [], []
    worker = Worker(counting, 5)
    worker.sig_progress.connect(lambda d, t, m: (steps.append((d, t, m)), threads.append(QThread.currentThread())))
    with qtbot.waitSignal(worker.sig_finished, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == [("done", 10)]
    assert steps[0] == (0, 5, "第 1 步") and steps[-1] == (5, 5, "完成")
    assert [d for d, _, _ in steps] == sorted(d for d, _, _ in steps)
    assert all(t is QThread.currentThread() for t in threads)
    assert worker.wait(1) and not worker.running


def test_a_plain_function_runs_off_the_gui_thread(qtbot):
    seen = {}

    def work(x):
        seen["thread"] = threading.current_thread()
        return x * 2

    worker = Worker(work, 21)
    with qtbot.waitSignal(worker.sig_finished, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == [42]
    assert seen["thread"] is not threading.main_thread()


def test_a_workbench_error_fails_with_its_own_chinese_message(qtbot):
    def broken():
        yield 0, 1, "开始"
        raise WorkbenchError("文件「x.xlsx」已损坏")

    worker = Worker(broken)
    with qtbot.waitSignal(worker.sig_failed, timeout=5000) as blocker:
        worker.start()
    assert blocker.args == ["文件「x.xlsx」已损坏"]


def test_a_bug_fails_as_an_unexpected_error_and_is_logged(qtbot, caplog):
    def buggy():
        return 1 / 0

    worker = Worker(buggy)
    with qtbot.waitSignal(worker.sig_failed, timeout=5000) as blocker:
        worker.start()
    assert blocker.args[0].startswith("意外错误：") and "division" in blocker.args[0]
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)


def test_cancel_is_seen_by_should_stop_and_keeps_what_was_done(qtbot):
    gate = threading.Event()

    def slow(should_stop):
        done = []
        for i in range(1000):
            if should_stop():
                return done
            yield i, 1000, ""
            gate.wait(5)  # the first step waits for the test to cancel
            done.append(i)
        return done

    worker = Worker(slow)
    worker.sig_progress.connect(lambda *args: (worker.cancel(), gate.set()))
    finished = []
    worker.sig_finished.connect(finished.append)
    with qtbot.waitSignal(worker.sig_cancelled, timeout=5000):
        worker.start()
    assert worker.is_cancelled()
    assert finished == []
    assert 1 <= len(worker.result) < 1000


def test_a_generator_without_should_stop_is_closed_at_its_next_yield(qtbot):
    closed = threading.Event()
    gate = threading.Event()

    def stubborn():
        try:
            for i in range(1000):
                yield i, 1000, ""
                gate.wait(5)
        finally:
            closed.set()
        return "all"

    worker = Worker(stubborn)
    worker.sig_progress.connect(lambda *args: (worker.cancel(), gate.set()))
    with qtbot.waitSignal(worker.sig_cancelled, timeout=5000):
        worker.start()
    assert closed.is_set() and worker.result is None


def test_a_worker_runs_once(qtbot):
    worker = Worker(lambda: 1)
    with qtbot.waitSignal(worker.sig_finished, timeout=5000):
        worker.start()
    with pytest.raises(RuntimeError):
        worker.start()
