"""The log file, and what happens to an error nobody caught.

:func:`setup_logging` writes a rotating ``workbench.log`` in the user's log folder
(``workbench.locations.log_dir``): five files of 1 MB at most, so a PC that runs the
workbench for years never fills up. :func:`install_excepthook` routes uncaught errors, in
the GUI thread and in worker threads, to the log with their traceback and then to a
callback (the GUI shows a dialog naming the log file). Nothing here closes or rolls back
the project: every change to it is committed in its own transaction as it is made, so an
unexpected error loses at most the action that failed.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "workbench.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("workbench")


def log_file() -> Path:
    """Where the current log file is (its folder is created if missing)."""
    from workbench.locations import log_dir

    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Log the ``workbench`` loggers to the rotating log file; calling it again changes nothing.

    Returns
    -------
    pathlib.Path
        The log file.
    """
    path = log_file()
    for handler in log.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    log.setLevel(level)
    return path


def install_excepthook(report: Callable[[str, Path], None] | None = None) -> None:
    """Log every uncaught error with its traceback, then call ``report(summary, log_path)``.

    ``report`` runs in the thread that failed; the GUI's callback must hand over to the
    GUI thread itself. A failing ``report`` is logged and otherwise ignored, so an error in
    the error dialog cannot loop.
    """
    def handle(exc_type, exc, tb, thread_name: str = "") -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = setup_logging()
        log.critical("未处理的错误%s", f"（线程 {thread_name}）" if thread_name else "",
                     exc_info=(exc_type, exc, tb))
        for handler in log.handlers:
            handler.flush()
        if report is not None:
            try:
                report(f"{exc_type.__name__}: {exc}", path)
            except Exception:  # noqa: BLE001 - the last line of defence must not raise
                log.exception("无法显示错误提示")

    sys.excepthook = handle
    threading.excepthook = lambda args: handle(args.exc_type, args.exc_value, args.exc_traceback,
                                               args.thread.name if args.thread else "")
