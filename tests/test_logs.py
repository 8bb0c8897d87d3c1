"""The log file and uncaught errors."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from workbench import logs


@pytest.fixture
def restore_hooks():
    saved = sys.excepthook, threading.excepthook, list(logs.log.handlers)
    yield
    sys.excepthook, threading.excepthook = saved[0], saved[1]
    for handler in logs.log.handlers:
        if handler not in saved[2]:
            handler.close()
    logs.log.handlers[:] = saved[2]


def test_the_log_file_lives_in_the_users_log_folder_and_rotates(workbench_home, restore_hooks):
    path = logs.setup_logging()
    assert path.is_relative_to(workbench_home)
    assert logs.setup_logging() == path
    handlers = [h for h in logs.log.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1 and handlers[0].maxBytes > 0 and handlers[0].backupCount > 0
    logging.getLogger("workbench.test").warning("一条中文日志")
    handlers[0].flush()
    assert "一条中文日志" in path.read_text(encoding="utf-8")


def test_an_uncaught_error_is_logged_with_its_traceback_and_reported(workbench_home, restore_hooks):
    reported = []
    logs.install_excepthook(lambda summary, path: reported.append((summary, path)))
    try:
        raise ValueError("坏数据")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    thread = threading.Thread(target=lambda: 1 / 0, name="worker-x")
    thread.start()
    thread.join()
    assert [r[0] for r in reported] == ["ValueError: 坏数据", "ZeroDivisionError: division by zero"]
    text = reported[0][1].read_text(encoding="utf-8")
    assert "Traceback" in text and "坏数据" in text and "worker-x" in text


def test_a_failing_report_callback_does_not_raise(workbench_home, restore_hooks):
    def broken(summary, path):
        raise RuntimeError("dialog broke")

    logs.install_excepthook(broken)
    try:
        raise KeyError("x")
    except KeyError:
        sys.excepthook(*sys.exc_info())  # must not raise
    assert "无法显示错误提示" in logs.log_file().read_text(encoding="utf-8")
