"""Region labels of a workbook the resolver did not know, each with a pick-list of what it means.

:meth:`RegionLabelsWidget.scan` reads the import's source file in a
:class:`~workbench.views.worker.Worker` (:func:`~workbench.models.remapping.scan_source`)
and lists the labels nobody knew, with the cell each stands in. The pick-list offers the
city, its seven counties, the functional zones and 不是地区; a choice is pushed on the
undo stack as a :class:`~workbench.views.undo_commands.SetRegionLabelCommand`, which
stores it in the project at once (a region becomes a project alias).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from workbench.models.mapping_review import NOT_A_REGION, region_label_choice
from workbench.models.regions import LEVELS, RegionTable, load_regions
from workbench.models.remapping import scan_source
from workbench.views.style import style_table
from workbench.views.undo_commands import SetRegionLabelCommand
from workbench.views.worker import Worker

COLUMNS = ("报表中的写法", "位置", "对应地区")


class RegionLabelsWidget(QWidget):
    """A table of unknown region labels with one pick-list each.

    Parameters
    ----------
    table : RegionTable, optional
    undo_stack : QUndoStack, optional
        Where choices are pushed (a stack of its own by default).
    parent : QWidget, optional
    """

    sig_scanned = Signal(int)
    """The labels of this import are listed (its source was read, or could not be)."""
    sig_changed = Signal()
    """A label's meaning was stored (or undone) in the project."""

    def __init__(self, table: RegionTable | None = None, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._regions = table if table is not None else load_regions()
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.project = None
        self.unknown: list[dict] = []
        """``[{label, sheet, cell}]`` listed now."""
        self._worker: Worker | None = None
        self.title = QLabel(self.tr("未识别的地区写法"))
        self.title.setObjectName("sectionTitle")
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        style_table(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 200)
        header.resizeSection(2, 240)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self.show_labels([], "")

    # -- reading the source --
    def scan(self, project, row: dict | None, plan, resolver, matcher, template=None) -> None:
        """List the unknown region labels of the import ``row`` (an ``imports`` record), in the background."""
        self.project = project
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        if project is None or row is None:
            self.show_labels([], "")
            return
        self.show_labels([], self.tr("正在读取源文件，查找未识别的地区写法…"))
        worker = Worker(scan_source, row["path"], row["sha256"], plan, resolver, matcher, template, project.aliases())
        worker.sig_finished.connect(lambda scan, w=worker, i=row["id"]: self._on_scanned(w, i, scan.unknown_regions,
                                                                                          scan.error))
        worker.sig_failed.connect(lambda message, w=worker, i=row["id"]: self._on_scanned(w, i, [], message))
        self._worker = worker
        worker.start()

    def _on_scanned(self, worker: Worker, import_id: int, labels: list[dict], error: str) -> None:
        if worker is not self._worker or self.project is None:
            return
        self._worker = None
        if error:
            note = self.tr("无法列出未识别的地区写法：{error}").format(error=error)
        elif not labels:
            note = self.tr("本文件中的地区写法均已识别。")
        else:
            note = self.tr("下列写法不在地区表中，请指定对应的地区；选择会记入本项目，以后的报表自动识别。"
                           "选定后点击“保存为模板”重新读取本文件的数据。")
        self.show_labels(labels, note, {u["label"]: region_label_choice(self.project, u["label"]) for u in labels})
        self.sig_scanned.emit(import_id)

    def shutdown(self, timeout: float = 10.0) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker.wait(timeout)

    # -- the list --
    def choices(self) -> list[tuple[str | None, str]]:
        """(choice, text) of the pick-list, in order."""
        t = self._regions
        items: list[tuple[str | None, str]] = [(None, self.tr("（请选择）"))]
        items.append((t.city.code, f"{t.city.name}（全市）"))
        items += [(r.code, r.name) for r in t.counties]
        items += [(r.code, f"{r.name}（{LEVELS['zone']}）") for r in t.zones]
        items.append((NOT_A_REGION, self.tr("不是地区")))
        return items

    def show_labels(self, labels: list[dict], note: str, chosen: dict[str, str | None] | None = None) -> None:
        """Show ``labels`` (``{label, sheet, cell}``) with their current choices, and a note above them."""
        self.unknown = list(labels)
        chosen = chosen or {}
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.table.setRowCount(len(labels))
        for row, entry in enumerate(labels):
            item = QTableWidgetItem(entry["label"])
            item.setToolTip(entry["label"])
            self.table.setItem(row, 0, item)
            self.table.setItem(row, 1, QTableWidgetItem(f"「{entry['sheet']}」{entry['cell']}"))
            combo = QComboBox()
            for choice, text in self.choices():
                combo.addItem(text, choice)
            combo.setCurrentIndex(max(combo.findData(chosen.get(entry["label"])), 0))
            combo.activated.connect(lambda index, c=combo, label=entry["label"]: self._on_activated(label, c, index))
            self.table.setCellWidget(row, 2, combo)
        height = self.table.horizontalHeader().height() + max(len(labels), 1) * self.table.verticalHeader(
            ).defaultSectionSize()
        self.table.setFixedHeight(min(height, 200) + 2 * self.table.frameWidth())
        self.table.setVisible(bool(labels))

    def labels(self) -> list[str]:
        return [entry["label"] for entry in self.unknown]

    def combo(self, label: str) -> QComboBox:
        """The pick-list of ``label``."""
        return self.table.cellWidget(self.labels().index(label), 2)

    def choose(self, label: str, choice: str | None) -> None:
        """Pick ``choice`` for ``label`` as a user would."""
        combo = self.combo(label)
        index = combo.findData(choice)
        combo.setCurrentIndex(index)
        self._on_activated(label, combo, index)

    def _on_activated(self, label: str, combo: QComboBox, index: int) -> None:
        choice = combo.itemData(index)
        if self.project is None or choice == region_label_choice(self.project, label):
            return
        name = combo.itemText(index) if choice else ""
        self.undo_stack.push(SetRegionLabelCommand(self.project, label, choice, name,
                                                   on_change=lambda: self._changed(label)))

    def _changed(self, label: str) -> None:
        if self.project is None:
            return
        if label in self.labels():
            combo = self.combo(label)
            combo.setCurrentIndex(max(combo.findData(region_label_choice(self.project, label)), 0))
        self.sig_changed.emit()
