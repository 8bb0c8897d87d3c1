"""The application style sheet: a few named text styles and the stage navigation.

Only widgets given an object name here are styled, so the Fusion look stays intact
everywhere else.  Colours are the muted blue-grey of a government office tool.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

ACCENT = "#1f5fbf"
MUTED = "#5f6b7a"
PAGE_MARGINS = (24, 16, 24, 16)  # left, top, right, bottom of every stage page

STYLE_SHEET = f"""
QLabel#welcomeTitle {{ font-size: 20pt; font-weight: bold; color: #1b2a3a; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: bold; color: #1b2a3a; }}
QLabel#pageSubtitle {{ color: {MUTED}; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: bold; color: #1b2a3a; margin-top: 4px; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#countNumber {{ font-size: 18pt; font-weight: bold; color: {ACCENT}; }}
QFrame#countBox {{ background: #f5f7fa; border: 1px solid #dde3ea; border-radius: 4px; }}
QFrame#notice {{ background: #f5f7fa; border: 1px solid #dde3ea; border-left: 4px solid {ACCENT};
                 border-radius: 2px; }}
QListWidget#stageList {{ background: #eef1f5; border: none; border-right: 1px solid #d5dbe3;
                         outline: 0; font-size: 10.5pt; }}
QListWidget#stageList::item {{ padding: 8px 12px; border-left: 3px solid transparent; }}
QListWidget#stageList::item:hover {{ background: #e2e8ef; }}
QListWidget#stageList::item:selected {{ background: #d6e2f3; color: #0b3d91;
                                         border-left: 3px solid {ACCENT}; }}
QListWidget#recentList::item {{ padding: 6px 4px; }}
"""


def style_table(view: QTableView) -> None:
    """Give a read-only table the house look: whole-row selection, compact rows, no row numbers."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)


def fit_columns(view: QTableView, max_widths: dict[int, int] | None = None, padding: int = 12) -> None:
    """Fit columns to their contents plus some air, capping those in ``max_widths`` (pixels)."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        width = header.sectionSize(column) + padding
        if max_widths and column in max_widths:
            width = min(width, max_widths[column])
        header.resizeSection(column, width)
