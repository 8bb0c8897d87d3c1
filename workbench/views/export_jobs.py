"""The export page's background jobs and its clipboard.

:func:`build_context` and :func:`write_report_package` run in a
:class:`~workbench.views.worker.Worker`. Building the context opens the project file again
on the worker's own thread (an SQLite connection stays in the thread that opened it);
writing the package needs no project at all, only the context. :func:`copy_figure` and
:func:`copy_table` put a chart or a table on the clipboard in the flavours WPS and Word
take: an image (PNG), and HTML beside tab-separated text.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QImage, QStandardItemModel

from workbench.models.exports.clipboard_tables import table_html, table_tsv
from workbench.models.exports.context import ReportContext, ReportOptions, report_context
from workbench.models.exports.package import PackageCancelled, PackageResult, write_package

COPY_DPI = 200
"""Resolution of a chart put on the clipboard: sharp on paper, still small enough to paste."""


def build_context(project_path: str | os.PathLike, plan, regions, options: ReportOptions,
                  should_stop: Callable[[], bool] | None = None):
    """:func:`~workbench.models.exports.context.report_context` on a connection of the calling thread.

    Yields one ``(done, total, message)``; returns the :class:`ReportContext` (None when
    stopped meanwhile: the caller wants another one).
    """
    from workbench.models.store import Project

    stop = should_stop or (lambda: False)
    yield 0, 1, "正在汇总考核结果、审核情况和各季度走势…"
    with Project.open(project_path) as project:
        context = report_context(project, plan, regions, options)
    if stop():
        return None
    yield 1, 1, "汇总完成"
    return context


def write_report_package(context: ReportContext, out_dir: str | os.PathLike,
                         should_stop: Callable[[], bool] | None = None):
    """:func:`~workbench.models.exports.package.write_package`, with a Cancel ending quietly.

    Yields ``(done, total, message)``; returns the
    :class:`~workbench.models.exports.package.PackageResult`, or None when stopped (nothing
    is left behind then).
    """
    try:
        result: PackageResult = yield from write_package(context, out_dir, should_stop=should_stop)
    except PackageCancelled:
        return None  # the worker reports the cancel; there is nothing to show
    return result


def figure_png(figure: Figure, dpi: int = COPY_DPI) -> bytes:
    """The figure as PNG bytes at ``dpi`` (on a white background, as it is printed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def clipboard_mime() -> QMimeData:
    """An empty QMimeData made by Qt itself, for the clipboard to own.

    A QMimeData constructed from Python is PySide's wrapper subclass; the clipboard deletes
    what it holds when the application ends, after Python has shut down, and that wrapper's
    destructor then calls into the finished interpreter and crashes the exit. Qt's item
    model makes a plain QMimeData, so the data is taken from there and emptied.
    """
    model = QStandardItemModel(1, 1)
    mime = model.mimeData([model.index(0, 0)])
    for fmt in mime.formats():
        mime.removeFormat(fmt)
    return mime


def copy_figure(figure: Figure, dpi: int = COPY_DPI) -> QImage:
    """Put ``figure`` on the clipboard as an image (and as PNG data); return the image."""
    data = figure_png(figure, dpi)
    image = QImage.fromData(data, "PNG")
    mime = clipboard_mime()
    mime.setImageData(image)
    mime.setData("image/png", data)
    QGuiApplication.clipboard().setMimeData(mime)
    return image


def table_mime(frame: pd.DataFrame, title: str | None = None) -> QMimeData:
    """A table as clipboard data: ``text/html`` for documents and ``text/plain`` (TSV) for spreadsheets."""
    mime = clipboard_mime()
    mime.setHtml(table_html(frame, title))
    mime.setText(table_tsv(frame))
    return mime


def copy_table(frame: pd.DataFrame, title: str | None = None) -> None:
    """Put a display table on the clipboard (see :func:`table_mime`)."""
    QGuiApplication.clipboard().setMimeData(table_mime(frame, title))
