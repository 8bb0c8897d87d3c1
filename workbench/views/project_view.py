"""项目: the open project's summary and imports, or a welcome page when none is open.

The view only shows things and asks for actions through its signals; the main
window opens and creates projects.  Run alone with ``python -m workbench.views.project_view``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench import APP_TITLE
from workbench.models.plan import PlanError, load_plan
from workbench.views.dataframe_model import DataFrameFilterProxyModel, DataFrameModel
from workbench.views.style import PAGE_MARGINS, fit_columns, style_table

IMPORT_STATUS = {"imported": "已导入", "pending": "待读取", "failed": "读取失败", "replaced": "已替换",
                 "drift_pending": "版式变化待确认", "targets": "已导入（分解目标）"}
IMPORT_COLUMNS = ("文件", "部门", "大小", "导入时间", "状态", "SHA-256")
# (table in the project file, label shown)
COUNTED_TABLES = (
    ("imports", QT_TRANSLATE_NOOP("SummaryPage", "导入的报表")),
    ("observations", QT_TRANSLATE_NOOP("SummaryPage", "数据点")),
    ("targets", QT_TRANSLATE_NOOP("SummaryPage", "分解目标")),
    ("findings", QT_TRANSLATE_NOOP("SummaryPage", "审核问题")),
)


def format_size(size: float | None) -> str:
    """A file size for people: ``12.3 KB``."""
    if size is None or pd.isna(size):
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def imports_frame(imports: list[dict]) -> pd.DataFrame:
    """The imports of a project (as ``Project.list_imports`` gives them) as a display table."""
    rows = [
        {
            "文件": item.get("name") or "",
            "部门": item.get("department") or "",
            "大小": item.get("size"),
            "导入时间": str(item.get("imported_at") or "").replace("T", " ")[:19],
            "状态": IMPORT_STATUS.get(item.get("status") or "", item.get("status") or ""),
            "SHA-256": str(item.get("sha256") or "")[:12],
            "路径": str(item.get("path") or ""),
            "完整 SHA-256": str(item.get("sha256") or ""),
        }
        for item in imports
    ]
    frame = pd.DataFrame(rows, columns=[*IMPORT_COLUMNS, "路径", "完整 SHA-256"])
    frame["大小"] = pd.to_numeric(frame["大小"], errors="coerce").astype(float)
    return frame


def _plan_label(plan_id: str | None) -> str:
    if not plan_id:
        return "（未记录）"
    try:
        return f"{load_plan(plan_id).name}（{plan_id}）"
    except PlanError:
        return f"{plan_id}（本版本中没有这个计划）"


FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1


class RecentProjectDelegate(QStyledItemDelegate):
    """Draw a recent project as its name in bold over its folder in grey."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, folder = opt.text, index.data(FOLDER_ROLE) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = opt.rect.adjusted(8, 4, -8, -4)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText) if selected
                       else opt.palette.color(QPalette.ColorRole.Text))
        line = QFontMetrics(bold).height()
        painter.drawText(rect.adjusted(0, 0, 0, -line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText) if selected
                       else opt.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(rect.adjusted(0, line + 2, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         QFontMetrics(opt.font).elidedText(folder, Qt.TextElideMode.ElideMiddle, rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, 2 * metrics.height() + 14)


class WelcomePage(QWidget):
    """Shown when no project is open: start buttons and the recent projects."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(APP_TITLE)
        title.setObjectName("welcomeTitle")
        subtitle = QLabel(
            self.tr(
                "嘉兴市“小微企业三年成长计划”(2018~2020年)：读取各部门报表，"
                "按县（市、区）审核、考核、编制成长指数并导出通报。"
            )
        )
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)

        self.new_button = QPushButton(self.tr("新建项目…"))
        self.open_button = QPushButton(self.tr("打开项目…"))
        self.demo_button = QPushButton(self.tr("打开示例项目"))
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumSize(QSize(140, 36))
        self.new_button.setDefault(True)
        self.new_button.setToolTip(self.tr("新建一个项目文件（.wbproj），用于一个计划的全部考核数据"))
        self.open_button.setToolTip(self.tr("打开已有的项目文件（.wbproj）"))
        self.demo_button.setToolTip(self.tr("打开随程序附带的示例项目，其中登记了示例部门报表"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)

        recent_title = QLabel(self.tr("最近的项目"))
        recent_title.setObjectName("sectionTitle")
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentList")
        self.recent_list.setUniformItemSizes(True)
        self.recent_list.setItemDelegate(RecentProjectDelegate(self.recent_list))
        self.recent_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recent_empty = QLabel(self.tr("还没有打开过项目。"))
        self.recent_empty.setObjectName("hint")
        self.recent_hint = QLabel(self.tr("双击打开；也可在“文件 → 最近的项目”中打开。"))
        self.recent_hint.setObjectName("hint")

        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(20)
        column.addLayout(buttons)
        column.addSpacing(28)
        column.addWidget(recent_title)
        column.addWidget(self.recent_empty)
        column.addWidget(self.recent_list)
        column.addWidget(self.recent_hint)
        column.addStretch(1)

        content = QWidget()
        content.setMaximumWidth(760)
        content.setLayout(column)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 24)
        outer.addWidget(content, 1)
        outer.addStretch(0)

    def set_recent(self, paths: list[str]) -> None:
        self.recent_list.clear()
        for path in paths:
            exists = os.path.isfile(path)
            text = Path(path).stem
            if not exists:
                text += self.tr("（文件不存在）")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setData(FOLDER_ROLE, str(Path(path).parent))
            item.setToolTip(path)
            if not exists:
                item.setForeground(Qt.GlobalColor.gray)
            self.recent_list.addItem(item)
        rows = max(len(paths), 1)
        row_height = self.recent_list.sizeHintForRow(0) if paths else 0
        frame = 2 * self.recent_list.frameWidth()
        self.recent_list.setFixedHeight(min(rows, 8) * row_height + frame)
        self.recent_list.setVisible(bool(paths))
        self.recent_hint.setVisible(bool(paths))
        self.recent_empty.setVisible(not paths)


class SummaryPage(QWidget):
    """Shown when a project is open: what the file holds and which workbooks came in."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.path_label = QLabel()
        self.plan_label = QLabel()
        self.created_label = QLabel()
        self.schema_label = QLabel()
        for label in (self.path_label, self.plan_label, self.created_label, self.schema_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("文件："), self.path_label)
        form.addRow(self.tr("计划："), self.plan_label)
        form.addRow(self.tr("创建："), self.created_label)
        form.addRow(self.tr("文件结构："), self.schema_label)

        counts = QGridLayout()
        counts.setHorizontalSpacing(12)
        self.count_labels: dict[str, QLabel] = {}
        for column, (table, caption) in enumerate(COUNTED_TABLES):
            box = QFrame()
            box.setObjectName("countBox")
            number = QLabel("0")
            number.setObjectName("countNumber")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = QLabel(self.tr(caption))
            text.setObjectName("hint")
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner = QVBoxLayout(box)
            inner.addWidget(number)
            inner.addWidget(text)
            counts.addWidget(box, 0, column)
            self.count_labels[table] = number

        imports_title = QLabel(self.tr("导入的报表"))
        imports_title.setObjectName("sectionTitle")
        self.imports_model = DataFrameModel(
            imports_frame([]),
            formats={"大小": format_size},
            tooltips={"文件": "路径", "SHA-256": "完整 SHA-256"},
            parent=self,
        )
        proxy = DataFrameFilterProxyModel(parent=self)
        proxy.setSourceModel(self.imports_model)
        self.imports_table = QTableView()
        self.imports_table.setModel(proxy)
        self.imports_table.setSortingEnabled(True)
        self.imports_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        style_table(self.imports_table)
        for hidden in ("路径", "完整 SHA-256"):
            self.imports_table.setColumnHidden(self.imports_model.column_number(hidden), True)
        self.imports_empty = QLabel(
            self.tr("这个项目还没有导入报表。请在“导入”环节添加报表文件，再点击“导入到项目”。")
        )
        self.imports_empty.setObjectName("hint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addLayout(counts)
        layout.addSpacing(8)
        layout.addWidget(imports_title)
        layout.addWidget(self.imports_empty)
        layout.addWidget(self.imports_table, 1)

    def set_summary(self, summary: dict, imports: list[dict]) -> None:
        path = Path(summary.get("path") or "")
        self.title_label.setText(path.stem)
        self.path_label.setText(str(path))
        self.plan_label.setText(_plan_label(summary.get("plan_id")))
        created = str(summary.get("created_at") or "").replace("T", " ")[:16]
        version = summary.get("created_by_version") or "?"
        self.created_label.setText(self.tr("{when}，工作台 {version}").format(when=created, version=version))
        self.schema_label.setText(self.tr("第 {n} 版").format(n=summary.get("schema_version", "?")))
        self.schema_label.setToolTip(summary.get("latest_migration") or "")
        counts = summary.get("counts") or {}
        for table, label in self.count_labels.items():
            label.setText(f"{counts.get(table, 0):,}")
        self.imports_model.set_dataframe(imports_frame(imports))
        fit_columns(self.imports_table, {0: 420})
        self.imports_table.setVisible(bool(imports))
        self.imports_empty.setVisible(not imports)


class ProjectView(QWidget):
    """The 项目 stage: :class:`SummaryPage` for an open project, else :class:`WelcomePage`."""

    sig_new_requested = Signal()
    sig_open_requested = Signal()
    sig_demo_requested = Signal()
    sig_recent_requested = Signal(str)
    """A recent project was double-clicked; carries its path."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.welcome = WelcomePage()
        self.summary = SummaryPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.welcome.new_button.clicked.connect(self.sig_new_requested)
        self.welcome.open_button.clicked.connect(self.sig_open_requested)
        self.welcome.demo_button.clicked.connect(self.sig_demo_requested)
        self.welcome.recent_list.itemActivated.connect(self._on_recent_activated)
        self.welcome.set_recent([])

    def set_recent(self, paths: list[str]) -> None:
        """Show these project files (newest first) on the welcome page."""
        self.welcome.set_recent(paths)

    def show_project(self, summary: dict, imports: list[dict]) -> None:
        """Show an open project, from ``Project.summary()`` and ``Project.list_imports()``."""
        self.summary.set_summary(summary, imports)
        self.stack.setCurrentWidget(self.summary)

    def show_welcome(self) -> None:
        self.stack.setCurrentWidget(self.welcome)

    @property
    def showing_welcome(self) -> bool:
        return self.stack.currentWidget() is self.welcome

    def _on_recent_activated(self, item: QListWidgetItem) -> None:
        self.sig_recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))


if __name__ == "__main__":
    import sys

    from workbench import settings
    from workbench.views.preview import run_preview

    def make() -> ProjectView:
        view = ProjectView()
        view.set_recent(settings.read("recent_projects"))
        return view

    sys.exit(run_preview(make, "项目"))
