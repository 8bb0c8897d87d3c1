"""总表: the indicators × units matrix with its filters and legend, and the county ranking beside it.

:class:`AssessmentOverview` is the first tab of the assessment page. The matrix
(:class:`AssessmentMatrixTable` over :mod:`workbench.views.assessment_matrix_model`) is
filtered by 维度, 牵头部门 and text; its status cells are painted by
:class:`StatusCellDelegate` (fill, symbol, number). The ranking sits beside the matrix
when the page is wide enough for both, and under it otherwise.

Signals: ``sig_cell_selected(indicator, region)`` when a cell is chosen,
``sig_county_requested(region)`` (a double click on a unit's header or a ranking row) and
``sig_indicator_requested(indicator)`` (a double click on an indicator's name).
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QBoxLayout, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QScrollArea,
    QSplitter, QStyle, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget,
)

from workbench.models.charts.palette import LEGEND_ORDER, STATUS_LOOKS
from workbench.views.assessment_matrix_model import (
    FIRST_REGION_COLUMN, GROUP_ROW_ROLE, INDICATOR_COLUMN, KEY_ROLE, LEAD_COLUMN, AssessmentMatrixModel,
    AssessmentMatrixProxy,
)
from workbench.views.assessment_tables import StatusFrameModel, ranking_frame, ranking_tooltip, summary_html
from workbench.views.dataframe_model import SORT_ROLE
from workbench.views.style import style_table


def legend_html() -> str:
    """The status legend as rich text: each status's symbol on its fill, then its name."""
    parts = [f"<span style='background:{STATUS_LOOKS[s].fill}'>&nbsp;{STATUS_LOOKS[s].symbol}&nbsp;</span>&nbsp;{s}"
             for s in LEGEND_ORDER]
    return "&nbsp;&nbsp;".join(parts)


class StatusCellDelegate(QStyledItemDelegate):
    """Paint a status cell as its fill, the status symbol (larger, on the left) and the number (right).

    The symbol stays readable at table size, and the numbers line up for comparison. The
    cell's text (``"▲ 64.2%"``) is unchanged, so copying and tests see the same thing.
    """

    SELECTED = "#1f5fbf"
    SYMBOL_SCALE = 1.45

    def paint(self, painter: QPainter, option, index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if index.column() < FIRST_REGION_COLUMN or index.data(GROUP_ROW_ROLE) or not text:
            super().paint(painter, option, index)
            return
        symbol, _, number = str(text).partition(" ")
        painter.save()
        rect = option.rect
        brush = index.data(Qt.ItemDataRole.BackgroundRole)
        painter.fillRect(rect, brush if brush is not None else option.palette.base())
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(foreground.color() if foreground is not None else QColor("#1b1b1b"))
        inner = rect.adjusted(6, 0, -7, 0)
        big = QFont(option.font)
        big.setPointSizeF(option.font.pointSizeF() * self.SYMBOL_SCALE)
        painter.setFont(big)
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), symbol)
        painter.setFont(option.font)
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), number)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(QColor(self.SELECTED), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()


class AssessmentMatrixTable(QTableView):
    """The matrix table: group header rows span the width; cells select one at a time."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(True)
        self.setStyleSheet("QTableView { gridline-color: #ffffff; }")
        self.setItemDelegate(StatusCellDelegate(self))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._span_timer = QTimer(self)
        self._span_timer.setSingleShot(True)
        self._span_timer.setInterval(0)
        self._span_timer.timeout.connect(self.apply_spans)

    def setModel(self, model) -> None:
        super().setModel(model)
        for signal in (model.layoutChanged, model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._span_timer.start)
        self.apply_spans()

    def apply_spans(self) -> None:
        """Span every group header row across the table (again after a sort or a filter)."""
        model = self.model()
        self.clearSpans()
        if model is None:
            return
        columns = model.columnCount()
        for row in range(model.rowCount()):
            if model.index(row, 0).data(GROUP_ROW_ROLE) and columns > 1:
                self.setSpan(row, 0, 1, columns)

    def fit_columns(self) -> None:
        """Names to their contents (within limits), every region column the same width."""
        model = self.model()
        if model is None or model.columnCount() == 0:
            return
        metrics = self.fontMetrics()
        widest = max([metrics.horizontalAdvance(str(model.index(r, INDICATOR_COLUMN).data() or ""))
                      for r in range(model.rowCount())
                      if not model.index(r, 0).data(GROUP_ROW_ROLE)] + [60])
        self.setColumnWidth(INDICATOR_COLUMN, min(widest + 18, 190))
        self.setColumnWidth(LEAD_COLUMN, min(metrics.horizontalAdvance("市市场监管局") + 12, 130))
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * StatusCellDelegate.SYMBOL_SCALE)
        symbol_width = max(QFontMetrics(big).horizontalAdvance(look.symbol) for look in STATUS_LOOKS.values())
        numbers = [metrics.horizontalAdvance(str(model.index(r, c).data() or "").partition(" ")[2])
                   for r in range(model.rowCount()) for c in range(FIRST_REGION_COLUMN, model.columnCount())
                   if not model.index(r, 0).data(GROUP_ROW_ROLE)]
        heads = [metrics.horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal) or "")) + 12
                 for c in range(FIRST_REGION_COLUMN, model.columnCount())]
        width = max([symbol_width + n + 6 + 13 + 6 for n in numbers] + heads + [50])
        for column in range(FIRST_REGION_COLUMN, model.columnCount()):
            self.setColumnWidth(column, width)


class AssessmentOverview(QWidget):
    """The matrix with its filters and legend, and the ranking (see the module docstring)."""

    sig_cell_selected = Signal(str, str)
    sig_county_requested = Signal(str)
    sig_indicator_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.group_combo = QComboBox()
        self.lead_combo = QComboBox()
        self.lead_combo.setMinimumContentsLength(8)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("查找指标"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(160)
        self.search_edit.setMinimumWidth(110)
        for combo in (self.group_combo, self.lead_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.apply_filters)
        self.legend = QLabel(legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setToolTip(self.tr("颜色之外，每种状态还有自己的符号，黑白打印和色弱读者也能分辨"))
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(QLabel(self.tr("维度：")))
        filters.addWidget(self.group_combo)
        filters.addWidget(QLabel(self.tr("牵头部门：")))
        filters.addWidget(self.lead_combo)
        filters.addWidget(self.search_edit)
        filters.addStretch(1)
        filters.addWidget(self.legend)

        self.matrix_model = AssessmentMatrixModel(self)
        self.matrix_proxy = AssessmentMatrixProxy(self)
        self.matrix_proxy.setSourceModel(self.matrix_model)
        self.matrix = AssessmentMatrixTable()
        self.matrix.setModel(self.matrix_proxy)
        self.matrix.clicked.connect(self._on_cell)
        self.matrix.selectionModel().currentChanged.connect(lambda current, _previous: self._on_cell(current))
        self.matrix.horizontalHeader().sectionDoubleClicked.connect(self._on_header_double_clicked)
        self.matrix.doubleClicked.connect(self._on_double_clicked)

        self.ranking_model = StatusFrameModel(parent=self)
        self.ranking_proxy = QSortFilterProxyModel(self)
        self.ranking_proxy.setSourceModel(self.ranking_model)
        self.ranking_proxy.setSortRole(SORT_ROLE)
        self.ranking = QTableView()
        self.ranking.setModel(self.ranking_proxy)
        style_table(self.ranking)
        self.ranking.horizontalHeader().setStretchLastSection(False)
        self.ranking.setSortingEnabled(True)
        self.ranking.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.ranking.doubleClicked.connect(lambda index: self.sig_county_requested.emit(
            self.ranking_model.dataframe["region_code"].iat[self.ranking_proxy.mapToSource(index).row()]))
        ranking_title = QLabel(self.tr("县（市、区）排名"))
        ranking_title.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.ranking_note = QLabel()
        self.ranking_note.setObjectName("hint")
        self.ranking_note.setWordWrap(True)
        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(0, 0, 0, 0)
        info_layout.addWidget(self.summary)
        info_layout.addWidget(self.ranking_note)
        info_layout.addStretch(1)
        # Beside the matrix the ranking's notes go under it; under the matrix, to its right.
        self.side_body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.side_body.setSpacing(10)
        self.side_body.addWidget(self.ranking, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.side_body.addWidget(info, 1)
        panel = QWidget()
        side_layout = QVBoxLayout(panel)
        side_layout.setContentsMargins(8, 0, 0, 0)
        side_layout.addWidget(ranking_title)
        side_layout.addLayout(self.side_body, 1)
        self.side = QScrollArea()  # scrolls when a cell's detail below leaves it little height
        self.side.setWidget(panel)
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QFrame.Shape.NoFrame)
        self.side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.matrix)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

    # ------------------------------------------------------------ in
    def set_assessment(self, assessment, groups: dict[str, str]) -> None:
        """Show an assessment's matrix and ranking (None: empty)."""
        previous = assessment.previous if assessment is not None else None
        self.matrix_model.set_assessment(assessment.rows if assessment is not None else None, groups,
                                         previous.rows if previous is not None else None)
        self.matrix.fit_columns()
        self._fill_filters()
        self.ranking_model.set_dataframe(ranking_frame(assessment.counties if assessment is not None else None))
        self.ranking_model.row_tooltips = [ranking_tooltip(c) for c in assessment.counties.to_dict("records")] \
            if assessment is not None else None
        self.ranking.setColumnHidden(self.ranking_model.column_number("region_code"), True)
        header = self.ranking.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(1, header.count()):
            title = str(self.ranking_model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(self.ranking.sizeHintForColumn(column),
                                             metrics.horizontalAdvance(title) + 16) + 10)
        frame = 2 * self.ranking.frameWidth()
        self.ranking.setFixedSize(header.length() + frame + 2,
                                  self.ranking.verticalHeader().length() + header.sizeHint().height() + frame + 2)
        self.summary.setText(summary_html(assessment.rows if assessment is not None else None))
        scheme = getattr(assessment, "scheme", None)
        self.ranking_note.setText("" if scheme is None else self.tr(
            "评分方案：{name}。等级：{grades}。双击一行查看该地区全部指标。").format(
            name=scheme.name, grades="，".join(f"{n}≥{m:g}" if m > -1e300 else n for n, m in scheme.grades)))
        self.fit_splitter()

    def fit_splitter(self) -> None:
        """Matrix and ranking side by side when the page is wide enough for both, else one above the other."""
        ranking_width = self.ranking.width() + 10 + self.side.verticalScrollBar().sizeHint().width()
        header = self.matrix.horizontalHeader()
        needed = header.length() + self.matrix.verticalScrollBar().sizeHint().width() + 2 * self.matrix.frameWidth() + 4
        width = self.splitter.width()
        if width >= needed + ranking_width + self.splitter.handleWidth():
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            self.side_body.setDirection(QBoxLayout.Direction.TopToBottom)
            self.side.setMinimumSize(ranking_width, 0)
            self.splitter.setSizes([needed, width - needed])
        else:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            self.side_body.setDirection(QBoxLayout.Direction.LeftToRight)
            self.side.setMinimumSize(0, 0)
            side_height = self.ranking.height() + 40
            self.splitter.setSizes([max(self.splitter.height() - side_height, 200), side_height])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.matrix_model.rowCount():
            QTimer.singleShot(0, self.fit_splitter)

    # ------------------------------------------------------------ filters
    def _fill_filters(self) -> None:
        keep_group, keep_lead = self.group_combo.currentData(), self.lead_combo.currentData()
        for combo in (self.group_combo, self.lead_combo):
            combo.blockSignals(True)
            combo.clear()
        self.group_combo.addItem(self.tr("全部维度"), None)
        for code, name in self.matrix_model.groups.items():
            self.group_combo.addItem(name, code)
        self.lead_combo.addItem(self.tr("全部部门"), None)
        for lead in self.matrix_model.leads():
            self.lead_combo.addItem(lead, lead)
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(keep_group), 0))
        self.lead_combo.setCurrentIndex(max(self.lead_combo.findData(keep_lead), 0))
        for combo in (self.group_combo, self.lead_combo):
            combo.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        """Narrow the matrix to the chosen 维度, 牵头部门 and search text."""
        self.matrix_proxy.set_filters(self.group_combo.currentData(), self.lead_combo.currentData(),
                                      self.search_edit.text())

    def set_filters(self, group: str | None = None, lead: str | None = None, text: str = "") -> None:
        """Choose the filters as the user does (group code, department, search text)."""
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(group), 0))
        self.lead_combo.setCurrentIndex(max(self.lead_combo.findData(lead), 0))
        self.search_edit.setText(text)

    # ------------------------------------------------------------ cells
    def select_cell(self, indicator: str, region: str) -> bool:
        """Select a cell, as a click does; False when it is not shown (filtered out or absent)."""
        index = self.matrix_proxy.mapFromSource(self.matrix_model.index_of(indicator, region))
        if not index.isValid():
            return False
        self.matrix.setCurrentIndex(index)
        self.matrix.scrollTo(index)
        return True

    def _on_cell(self, index) -> None:
        key = index.data(KEY_ROLE) if index.isValid() else None
        if key and key[1] is not None:
            self.sig_cell_selected.emit(*key)

    def _on_double_clicked(self, index) -> None:
        key = index.data(KEY_ROLE)
        if key and key[1] is None:
            self.sig_indicator_requested.emit(key[0])

    def _on_header_double_clicked(self, section: int) -> None:
        regions = self.matrix_model.regions
        if 0 <= section - FIRST_REGION_COLUMN < len(regions):
            self.sig_county_requested.emit(regions[section - FIRST_REGION_COLUMN][0])
