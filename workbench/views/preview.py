"""Run one view on its own, for a look and a screenshot (``python -m workbench.views.<view>``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

READY_TIMEOUT_MS = 30_000


def run_preview(make_widget: Callable[[], QWidget], title: str, argv: list[str] | None = None,
                ready: Callable[[QWidget], object] | None = None,
                size: tuple[int, int] | None = (1100, 700)) -> int:
    """Show the widget ``make_widget()`` returns in a window of its own.

    Parameters
    ----------
    make_widget : callable
        Builds the widget once the application and its fonts are set up.
    title : str
        Window title.
    argv : list of str, optional
        Command line; ``--screenshot PNG`` saves the window and quits.
    ready : callable, optional
        Given the widget, returns a signal (or None): the screenshot waits for it, for
        views that load their demo data in the background (at most :data:`READY_TIMEOUT_MS`).
    size : tuple of int, optional
        Window size; None keeps the widget's own (a dialog's).

    Returns
    -------
    int
        The exit status.
    """
    from workbench.app import create_application, setup_fonts

    parser = argparse.ArgumentParser(description=f"单独打开“{title}”视图")
    parser.add_argument("--screenshot", metavar="PNG", help="显示后把窗口截图保存到此文件并退出")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    app = create_application(sys.argv[:1])
    setup_fonts(app)
    widget = make_widget()
    widget.setWindowTitle(title)
    widget.setMinimumSize(widget.minimumSizeHint())
    if size is not None:
        widget.resize(*size)
    widget.show()
    if args.screenshot:
        def save() -> None:
            ok = widget.grab().save(args.screenshot, "PNG")
            app.exit(0 if ok else 1)

        signal = ready(widget) if ready is not None else None
        if signal is None:
            QTimer.singleShot(0, save)
        else:
            pending = [True]

            def save_once(*_args) -> None:
                if pending:
                    pending.clear()
                    QTimer.singleShot(200, save)  # let the layouts settle after the data arrived

            signal.connect(save_once)
            QTimer.singleShot(READY_TIMEOUT_MS, save_once)
    return app.exec()
