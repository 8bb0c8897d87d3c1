"""Run one view on its own, for a look and a screenshot (``python -m workbench.views.<view>``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget


def run_preview(make_widget: Callable[[], QWidget], title: str, argv: list[str] | None = None) -> int:
    """Show the widget ``make_widget()`` returns in a window of its own.

    Parameters
    ----------
    make_widget : callable
        Builds the widget once the application and its fonts are set up.
    title : str
        Window title.
    argv : list of str, optional
        Command line; ``--screenshot PNG`` saves the window and quits.

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
    widget.resize(1100, 700)
    widget.show()
    if args.screenshot:
        def save() -> None:
            ok = widget.grab().save(args.screenshot, "PNG")
            app.exit(0 if ok else 1)

        QTimer.singleShot(0, save)
    return app.exec()
