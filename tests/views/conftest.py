"""GUI test setup.

Cyclic garbage is collected in the GUI thread after every test. Tests create Qt
objects without a parent (an undo stack handed to a view, say) that can end up in reference
cycles; left to Python's collector, they may be freed in whichever thread triggers the next
collection, such as a worker's pool thread, and a QObject deleted outside its own thread
crashes the process ("Garbage-collecting" in a pool thread's traceback).

Qt warnings fail tests (``qt_log_level_fail = "WARNING"``), with one exception made
here: the offscreen platform cannot resize a shown window's size limits and warns
"This plugin does not support propagateSizeHints()" whenever a dialog such as
QMessageBox fixes its size after showing.  Real platforms (Windows, xcb) implement
it, so the message says nothing about the workbench; every other warning still fails.
"""

import gc
from pathlib import Path

import pytest

OFFSCREEN_ONLY = r"This plugin does not support propagateSizeHints\(\)"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_ONLY))


@pytest.fixture(autouse=True)
def collect_garbage_in_the_gui_thread():
    yield
    gc.collect()


@pytest.fixture
def ime_commit(qtbot):
    """Type text the way a Chinese input method does: one committed string.

    ``qtbot.keyClicks`` can only simulate keys that exist on a keyboard (QTest aborts on
    汉字), while a user of 搜狗拼音 or 微软拼音 commits whole words to the focused widget.
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    def commit(widget, text: str) -> None:
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    return commit
