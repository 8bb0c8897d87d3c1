"""The dialog that shows a workbook's layout drift (版式变化) before its figures count.

A file whose layout differs from its department's template is stored with its figures
held back (``drift_pending``). This dialog lists exactly what changed — a column added,
removed, renamed or moved, a unit changed, a sheet or title changed — and asks:
接受变化并导入 (the figures count, the new layout becomes a template) or 暂不导入 (they
stay held back; the file can be reviewed again later from the import results).

Run alone with ``python -m workbench.views.drift_dialog`` (a drift of the demo data).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.drift import KINDS
from workbench.models.importing import ImportResult
from workbench.views.style import style_table

COLUMNS = ("变化", "工作表", "原来", "现在")
KIND_COLOURS = {"column_added": "#1e6b2a", "column_removed": "#a4262c", "unit_changed": "#8a5300"}


def _text(value) -> str:
    return "—" if value in (None, "") else str(value)


class DriftDialog(QDialog):
    """Show the drift of one import and ask whether to accept it.

    ``accept()`` (接受变化并导入) and ``reject()`` (暂不导入) only close the dialog; the
    caller acts on ``accepted`` / ``rejected``.

    Parameters
    ----------
    result : ImportResult
        A ``drift_pending`` result (``drift`` lists the changes).
    parent : QWidget, optional
    """

    def __init__(self, result: ImportResult, parent: QWidget | None = None):
        super().__init__(parent)
        self.import_result = result
        name = Path(result.file).name
        self.setWindowTitle(self.tr("版式变化：{name}").format(name=name))
        heading = QLabel(self.tr("“{department}”报送的表格与模板“{template}”相比有 {n} 处变化").format(
            department=result.department or self.tr("未识别部门"), template=result.template or "",
            n=len(result.drift)))
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        file_label = QLabel(name)
        file_label.setObjectName("hint")
        file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        explain = QLabel(self.tr("这个文件的 {n} 个数值已保存，但在确认这些变化之前不计入汇总和考核。"
                                 "请核对下列变化：接受后，新表式记为该部门的模板，以后同样表式的报表自动套用。").format(
            n=result.figures))
        explain.setWordWrap(True)

        self.table = QTableWidget(len(result.drift), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        style_table(self.table)
        for row, change in enumerate(result.drift):
            kind = KINDS.get(change["kind"], change["kind"])
            old, new = change.get("old"), change.get("new")
            if change["kind"] in ("column_added", "column_removed") and change.get("header"):
                old, new = (None, change["header"]) if change["kind"] == "column_added" else (change["header"], None)
            cells = (kind, change.get("sheet") or "", _text(old), _text(new))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column == 1 else change.get("message") or text)
                if column == 0 and change["kind"] in KIND_COLOURS:
                    item.setForeground(QColor(KIND_COLOURS[change["kind"]]))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeColumnToContents(1)  # a CSV's "sheet" is its long file name: elided, in the tooltip
        header.resizeSection(1, min(header.sectionSize(1) + 8, 170))
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox()
        self.accept_button = QPushButton(self.tr("接受变化并导入"))
        self.accept_button.setDefault(True)
        self.decline_button = QPushButton(self.tr("暂不导入"))
        self.decline_button.setToolTip(self.tr("数值继续保留但不计入；以后可在导入结果中再次查看并接受"))
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.decline_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(file_label)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        rows = self.table.verticalHeader().defaultSectionSize() * min(max(len(result.drift), 3), 10)
        self.resize(780, 230 + rows)

    def change_texts(self) -> list[str]:
        """Each change as its row reads: "新增列｜工作表｜原来｜现在"."""
        return ["｜".join(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]


def demo_drift() -> ImportResult:
    """The real drift of the demo data: 嘉兴银监分局's 2020 layout against its 2019 template."""
    import tempfile

    from workbench.models.importing import finish, import_files
    from workbench.models.mapping import IndicatorMatcher
    from workbench.models.plan import load_plan
    from workbench.models.regions import RegionResolver, load_regions
    from workbench.models.resources import resource
    from workbench.models.store import Project

    plan = load_plan()
    files = [next(Path(str(resource("demo", "workbooks", q))).glob("嘉兴银监分局_*")) for q in ("2019Q4", "2020Q1")]
    with tempfile.TemporaryDirectory() as folder, Project.create(Path(folder) / "p.wbproj", plan.id) as project:
        results = finish(import_files(project, files, plan, RegionResolver(load_regions()), IndicatorMatcher(plan)))
    return results[-1]


def main(argv: list[str] | None = None) -> int:
    import sys

    from workbench.views.preview import run_preview

    return run_preview(lambda: DriftDialog(demo_drift()), "版式变化", sys.argv[1:] if argv is None else argv,
                       size=None)


if __name__ == "__main__":
    raise SystemExit(main())
