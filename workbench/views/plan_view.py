"""计划指标: the catalogue of the plan's indicators, with a filter and a detail pane.

Run alone with ``python -m workbench.views.plan_view``.
"""

from __future__ import annotations

import html

import pandas as pd
from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.models.plan import COMPARATORS, KINDS, Indicator, Plan, load_plan
from workbench.views.dataframe_model import DataFrameFilterProxyModel, DataFrameModel
from workbench.views.style import PAGE_MARGINS, fit_columns, style_table

COLUMNS = ("代码", "指标", "简称", "单位", "目标", "类型", "比较", "牵头部门", "分组")
HIDDEN_COLUMNS = ("同义词", "目标说明")
SEARCH_COLUMNS = ("指标", "简称", "同义词", "牵头部门")
# Widest a column starts, in Chinese characters; longer text is elided, whole in the tooltip.
COLUMN_MAX_CHARS = {"代码": 9, "指标": 17, "简称": 8, "牵头部门": 9}


def _month_text(year_month: str) -> str:
    year, month = year_month.split("-")
    return f"{int(year)}年{int(month)}月"


def indicator_frame(plan: Plan) -> pd.DataFrame:
    """One row per indicator of ``plan``, with the columns the catalogue shows.

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS` then :data:`HIDDEN_COLUMNS`; ``目标`` is numeric
        (missing for qualitative targets).
    """
    rows = []
    for ind in plan.indicators:
        rows.append(
            {
                "代码": ind.code,
                "指标": ind.name,
                "简称": ind.short_name,
                "单位": ind.unit,
                "目标": ind.target,
                "类型": KINDS[ind.kind],
                "比较": "—" if ind.qualitative else COMPARATORS[ind.comparator],
                "牵头部门": "、".join(ind.lead),
                "分组": plan.groups.get(ind.group, ind.group),
                "同义词": "、".join(ind.synonyms),
                "目标说明": ind.target_text(),
            }
        )
    frame = pd.DataFrame(rows, columns=[*COLUMNS, *HIDDEN_COLUMNS])
    frame["目标"] = pd.to_numeric(frame["目标"], errors="coerce").astype(float)
    return frame


class PlanView(QWidget):
    """The plan's indicators: a sortable table, a filter line and the selected one's details.

    Parameters
    ----------
    plan : Plan, optional
        The plan to show; the default plan when omitted.
    parent : QWidget, optional
    """

    sig_indicator_selected = Signal(str)
    """The code of the indicator selected in the table."""

    def __init__(self, plan: Plan | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._plan: Plan | None = None
        self._indicators: tuple[Indicator, ...] = ()

        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.title_label.setWordWrap(True)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("pageSubtitle")
        self.facts_label.setWordWrap(True)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("筛选：指标名称、简称、同义词或牵头部门，如“科技局”"))
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")

        self.model = DataFrameModel(missing_text="—", tooltips={"目标": "目标说明"}, parent=self)
        self.proxy = DataFrameFilterProxyModel(parent=self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # plan order until a header is clicked
        style_table(self.table)

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setPlaceholderText(self.tr("选择一项指标，查看计划原文和同义词。"))

        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.count_label)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        # The table is what people scan; the detail pane only needs a few lines.
        splitter.setSizes([560, 140])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.title_label)
        layout.addWidget(self.facts_label)
        layout.addLayout(filter_row)
        layout.addWidget(splitter, 1)

        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.set_plan(plan if plan is not None else load_plan())

    # -- public --

    @property
    def plan(self) -> Plan | None:
        return self._plan

    def set_plan(self, plan: Plan) -> None:
        """Show ``plan``'s indicators (keeps the filter text)."""
        self._plan = plan
        self._indicators = plan.indicators
        self.title_label.setText(plan.name)
        facts = self.tr("考核期 {start}—{end}（{months} 个月） · 基期 {base} 年 · {n} 项指标").format(
            start=_month_text(plan.period_start),
            end=_month_text(plan.period_end),
            months=plan.months,
            base=plan.base_year,
            n=len(plan.indicators),
        )
        if plan.issuer or plan.issued:
            facts += self.tr(" · {issuer} {issued} 印发").format(issuer=plan.issuer, issued=plan.issued)
        self.facts_label.setText(facts)
        self.model.set_dataframe(indicator_frame(plan))
        for label in HIDDEN_COLUMNS:
            self.table.setColumnHidden(self.model.column_number(label), True)
        self.proxy.set_search_columns(self.model.column_number(c) for c in SEARCH_COLUMNS)
        self._fit_columns()
        self._update_count()
        self.detail.clear()

    def set_filter_text(self, text: str) -> None:
        """Type ``text`` into the filter line."""
        self.filter_edit.setText(text)

    def visible_codes(self) -> list[str]:
        """Codes of the indicators the table shows now, top to bottom."""
        column = self.model.column_number("代码")
        return [
            self.proxy.index(row, column).data() for row in range(self.proxy.rowCount())
        ]

    def select_indicator(self, code: str) -> bool:
        """Select the row of indicator ``code``; False when it is filtered out or unknown."""
        column = self.model.column_number("代码")
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, column).data() == code:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    # -- internals --

    def _fit_columns(self) -> None:
        """Fit columns to their text, capping the long ones (full text in the tooltip)."""
        em = self.fontMetrics().horizontalAdvance("汉")
        caps = {self.model.column_number(label): chars * em for label, chars in COLUMN_MAX_CHARS.items()}
        fit_columns(self.table, caps, padding=6)

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("共 {n} 项").format(n=total))
        else:
            self.count_label.setText(self.tr("显示 {shown} / {total} 项").format(shown=shown, total=total))

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        source: QModelIndex = self.proxy.mapToSource(rows[0])
        indicator = self._indicators[source.row()]
        self.detail.setHtml(self._detail_html(indicator))
        self.sig_indicator_selected.emit(indicator.code)

    def _detail_html(self, ind: Indicator) -> str:
        plan = self._plan
        esc = html.escape
        rows = [
            (self.tr("计划原文"), ind.source),
            (self.tr("目标"), ind.target_text()),
            (self.tr("类型"), KINDS[ind.kind]),
            (self.tr("牵头部门"), "、".join(ind.lead)),
            (self.tr("分组"), plan.groups.get(ind.group, ind.group) if plan else ind.group),
        ]
        related = ind.parent or ind.of
        if related and plan is not None:
            other = plan.indicator(related)
            label = self.tr("所属指标") if ind.parent else self.tr("对应总量")
            rows.append((label, f"{other.name}（{other.code}）"))
        if not ind.assessed:
            rows.append((self.tr("考核"), self.tr("不参与县（市、区）考核")))
        if ind.note:
            rows.append((self.tr("说明"), ind.note))
        rows.append((self.tr("同义词"), "、".join(ind.synonyms) or self.tr("（无）")))
        table = "".join(
            f"<tr><td style='color:#5f6b7a; padding-right:14px; white-space:nowrap'>{esc(k)}</td>"
            f"<td>{esc(v)}</td></tr>"
            for k, v in rows
        )
        return (
            f"<p style='font-size:large'><b>{esc(ind.name)}</b>"
            f" <span style='color:#5f6b7a'>{esc(ind.code)}</span></p>"
            f"<table cellspacing='0' cellpadding='2'>{table}</table>"
        )


if __name__ == "__main__":
    import sys

    from workbench.views.preview import run_preview

    sys.exit(run_preview(PlanView, "计划指标"))
