"""The tables the export page shows, and the same tables as clipboard text for WPS and Word.

:func:`ranking_table` and :func:`indicator_table` build the display tables (Chinese column
names, raw numbers) from a :class:`~workbench.models.exports.context.ReportContext`;
:func:`cell_text` writes a cell the way the page shows it (percentages with one decimal,
scores with two, missing values as "—"), and :func:`table_tsv` and :func:`table_html` turn a
table into the two clipboard flavours: tab-separated text for spreadsheets and an HTML
``<table>`` that keeps its borders and 宋体 when pasted into a document.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from workbench.models.charts.labels import MISSING, is_amount, missing, number, percent, rank_change_text
from workbench.models.charts.palette import status_look
from workbench.models.exports.context import ReportContext, ReportError

RANKING_COLUMNS = ["排名", "县（市、区）", "总分", "等级", "名次变化"]
INDICATOR_COLUMNS = ["地区", "实际", "目标", "完成率", "序时进度", "差距（个百分点）", "状态", "得分"]
TEXT_FONT = "宋体"
TEXT_FONT_LATIN = "SimSun"
FORMULA_STARTS = ("=", "+", "-", "@")
"""A spreadsheet reads text starting with one of these as a formula when it is pasted."""


def _score(value) -> str:
    return f"{float(value):.2f}"


def _signed(value) -> str:
    return f"{float(value):+.1f}"


def _whole(value) -> str:
    return f"{int(value)}"


FORMATS: dict[str, Callable[[object], str]] = {
    "排名": _whole,
    "总分": _score,
    "得分": _score,
    "实际": number,
    "目标": number,
    "完成率": percent,
    "序时进度": percent,
    "差距（个百分点）": _signed,
}
"""How each display column writes a (non-missing) value; the page's table model uses these too."""


def cell_text(column: str, value) -> str:
    """A cell as the export page shows it: formatted by column, missing as "—".

    Parameters
    ----------
    column : str
        The display column (a key of :data:`FORMATS` or any other).
    value : object
        The raw value.

    Returns
    -------
    str
    """
    if missing(value):
        return MISSING
    formatter = FORMATS.get(column)
    if formatter is not None:
        return formatter(value)
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return number(value)
    return str(value)


def _shown_columns(frame: pd.DataFrame, columns: Sequence[str] | None) -> list[str]:
    if columns is None:
        return [str(c) for c in frame.columns if not str(c).startswith("_")]
    unknown = [c for c in columns if c not in frame.columns]
    if unknown:
        raise ReportError(f"表格中没有这些列：{'、'.join(unknown)}")
    return list(columns)


def _is_text(frame: pd.DataFrame, column: str) -> bool:
    return column not in FORMATS and not pd.api.types.is_numeric_dtype(frame[column])


def _guarded(text: str) -> str:
    # Text from a workbook must stay text when a spreadsheet takes the paste; an
    # apostrophe is how Excel and WPS are told so, and it is not shown in the cell.
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _one_line(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())


def table_tsv(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """The table as tab-separated text, a header line first, cells as the page shows them.

    Parameters
    ----------
    frame : pandas.DataFrame
        A display table (:func:`ranking_table`, :func:`indicator_table`).
    columns : sequence of str, optional
        The columns to write, in this order; by default every column not starting with "_".

    Returns
    -------
    str
        Lines separated by ``\\n``; tabs and line breaks inside a cell become spaces, and a
        text cell starting with = + - @ gets a leading apostrophe so it is never a formula.

    Raises
    ------
    ReportError
        When a column asked for is not in the table.
    """
    shown = _shown_columns(frame, columns)
    lines = ["\t".join(_one_line(c) for c in shown)]
    texts = {c: _is_text(frame, c) for c in shown}
    for record in frame[shown].itertuples(index=False, name=None):
        cells = []
        for column, value in zip(shown, record):
            text = _one_line(cell_text(column, value))
            cells.append(_guarded(text) if texts[column] else text)
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


_BORDER = "border:1px solid #000000"
_FONT = f"font-family:'{TEXT_FONT}','{TEXT_FONT_LATIN}';mso-fareast-font-family:'{TEXT_FONT}'"


def table_html(frame: pd.DataFrame, title: str | None = None, columns: Sequence[str] | None = None) -> str:
    """The table as an HTML document that WPS and Word paste as a bordered table in 宋体.

    Parameters
    ----------
    frame : pandas.DataFrame
        A display table.
    title : str, optional
        A bold line above the table (e.g. the indicator and the period).
    columns : sequence of str, optional
        As for :func:`table_tsv`.

    Returns
    -------
    str
        ``<html>…<table>…</table>…</html>``: a header row, one row per table row, every
        cell bordered and written as :func:`cell_text` writes it (HTML-escaped); numbers
        aligned right, text cells marked as text for spreadsheets.

    Raises
    ------
    ReportError
        When a column asked for is not in the table.
    """
    shown = _shown_columns(frame, columns)
    texts = {c: _is_text(frame, c) for c in shown}
    cell = f"{_BORDER};padding:2pt 5pt;{_FONT};font-size:10.5pt"
    head = "".join(f"<th style=\"{cell};font-weight:bold;text-align:center;background:#f2f2f2\">"
                   f"{html.escape(c)}</th>" for c in shown)
    body = []
    for record in frame[shown].itertuples(index=False, name=None):
        cells = []
        for column, value in zip(shown, record):
            text = html.escape(cell_text(column, value))
            if texts[column]:
                style = f"{cell};text-align:left;mso-number-format:'\\@'"
            else:
                style = f"{cell};text-align:right"
            cells.append(f"<td style=\"{style}\">{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = (f"<p style=\"{_FONT};font-size:12pt;font-weight:bold\">{html.escape(title)}</p>\n"
               if title else "")
    table = (f"<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" "
             f"style=\"border-collapse:collapse;{_BORDER};{_FONT};font-size:10.5pt\">\n"
             f"<tr>{head}</tr>\n" + "\n".join(body) + "\n</table>")
    return ("<html><head><meta charset=\"utf-8\"></head><body>\n"
            f"{caption}{table}\n</body></html>")


def rank_change_words(change) -> str:
    """Previous rank minus rank as the tables write it: 2 → "↑2", -1 → "↓1", 0 → "持平"."""
    return rank_change_text(change, same="持平", none=MISSING)


def status_words(status) -> str:
    """A status with its symbol ("▽ 欠进度"), so a grey printout still tells them apart."""
    return MISSING if missing(status) else f"{status_look(status).symbol} {status}"


def ranking_table(context: ReportContext) -> pd.DataFrame:
    """The shown counties' totals, best first: 排名, 县（市、区）, 总分, 等级, 名次变化.

    Ranks are those among every scored unit, also when only some are shown.
    """
    counties = context.counties
    change = counties["rank_change"] if "rank_change" in counties else pd.Series([None] * len(counties))
    return pd.DataFrame({
        "排名": pd.array(counties["rank"], dtype="Float64").to_numpy(dtype="float64", na_value=np.nan),
        "县（市、区）": counties["region_name"].astype(str).to_numpy(),
        "总分": counties["total_score"].astype("float64").to_numpy(),
        "等级": [MISSING if missing(g) else str(g) for g in counties["grade"]],
        "名次变化": [rank_change_words(c) for c in change],
    }, columns=RANKING_COLUMNS)


def indicator_table(context: ReportContext, code: str) -> pd.DataFrame:
    """One indicator in the city and each shown county (the city first, then the region order).

    完成率 and 序时进度 are fractions, shown only for amount targets (a growth rate is judged
    by the rate itself); 差距 is in percentage points.

    Raises
    ------
    ReportError
        When ``code`` is not among the context's indicators.
    """
    if code not in context.indicator_codes:
        raise ReportError(f"所选范围内没有指标“{code}”")
    rows = context.rows
    mine = rows[rows["indicator_code"] == code]
    mine = pd.concat([mine[mine["level"] == "city"], mine[mine["level"] != "city"]])
    amount = np.array([is_amount(k) for k in mine["kind"]], dtype=bool)
    return pd.DataFrame({
        "地区": mine["region_name"].astype(str).to_numpy(),
        "实际": mine["actual"].astype("float64").to_numpy(),
        "目标": mine["target"].astype("float64").to_numpy(),
        "完成率": np.where(amount, mine["completion"].astype("float64").to_numpy(), np.nan),
        "序时进度": np.where(amount, mine["time_progress"].astype("float64").to_numpy(), np.nan),
        "差距（个百分点）": mine["gap_pp"].astype("float64").to_numpy(),
        "状态": [status_words(s) for s in mine["status"]],
        "得分": mine["score"].astype("float64").to_numpy(),
    }, columns=INDICATOR_COLUMNS)


def indicator_title(context: ReportContext, code: str) -> str:
    """"新增小微企业（家）：2019年9月各县（市、区）完成情况", a title for :func:`indicator_table`."""
    indicator = context.plan.indicator(code)
    unit = f"（{indicator.unit}）" if indicator.unit else ""
    return f"{indicator.name}{unit}：{_month(context.at)}各县（市、区）完成情况"


def ranking_title(context: ReportContext) -> str:
    """"2019年9月各县（市、区）考核得分排名", a title for :func:`ranking_table`."""
    return f"{_month(context.at)}各县（市、区）考核得分排名"


def _month(at: str) -> str:
    year, month = at.split("-")
    return f"{year}年{int(month)}月"
