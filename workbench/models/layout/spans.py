"""The months a figure covers: the table's period, the header's basis, the indicator's kind.

A title gives the report period ("2019年1-9月", "2019年9月末", "2019年三季度"); a column
header may narrow or shift it ("本月", "当季", "上年同期", "2018年1-9月") and the indicator
decides what a figure of that period is: a flow counts from January (``ytd``) unless the
header says the month or quarter alone, a stock is the level at the month's end, a rate
is the rate of the period to date. Bases follow ``resources/demo/truth.csv``:
``ytd``, ``period``, ``stock``, ``rate``; plus ``growth`` (a growth column of an amount
indicator) and ``last_year`` (an earlier figure, never taken for a current one).
"""

from __future__ import annotations

import re

from workbench.models.layout.grid import clean_text
from workbench.models.periods import Period, PeriodError, find_period
from workbench.models.plan import Indicator

# How much a figure is trusted, by where its period came from.
PERIOD_TRUST = {"header": 1.0, "column": 1.0, "title": 1.0, "preamble": 1.0, "sheet": 1.0,
                "footnote": 0.9, "file": 0.9, "folder": 0.8}
CUMULATIVE_HINT = re.compile(r"累计|自年初|1月起|1月份起|年初以来|年初至")
_MONTH_ONLY = re.compile(r"(?<![\d年])(?:(?P<a>\d{1,2})\s*[-—~～至]\s*)?(?P<b>\d{1,2})月")
_MONTH_WORDS = re.compile(r"本月|当月|单月")
_QUARTER_WORDS = re.compile(r"本季|当季|单季|季度")
_TITLE_NOISE = re.compile(
    r"[(（][^()（）]*[)）]|截至|截止|[至到]?\d{4}\s*年(?:度|末|底)?|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月(?:份|末|底)?"
    r"|\d{1,2}\s*月(?:份|末|底)?|[一二三四]季度|前[一二三]季度|上半年|下半年|全年|\d{6}|\d{4}[.．]\d{1,2}"
    r"|各县(?:市、区|\(市、区\))?|各县市区|全市|嘉兴市|浙江省|情况表|统计表|汇总表|一览表|报表|情况|汇总|统计|明细|监测"
    r"|[半季月年]报|快报|报告|台账|进展|进度|完成|主要指标|基本|有关|相关|示例数据|按县区|按地区"
)


def month_span(text: str, year: int | None) -> Period | None:
    """A period written without its year ("1-9月", "9月") in the table's ``year``."""
    if year is None:
        return None
    match = _MONTH_ONLY.search(clean_text(text))
    if not match:
        return None
    last = int(match["b"])
    first = int(match["a"]) if match["a"] else last
    try:
        return Period(year, first, last, "ytd" if first == 1 and last > 1 else "period")
    except PeriodError:
        return None


def title_core(title: str) -> str:
    """A title without its period, region and report words: what the table is about."""
    return _TITLE_NOISE.sub("", clean_text(title)).strip("（）()—-_、 ") or title


def choose_period(sources: list[tuple[str, str]], sheet_name: str) -> tuple[Period, str, str] | None:
    """The first period among ``(source, text)`` pairs, refined by a month-named sheet.

    A sheet named for a month inside that period ("7月" under a year-only title, or under
    a quarter written only in the file name) gives the months.
    """
    found = [(src, text, find_period(text)) for src, text in sources if text]
    found = [item for item in found if item[2] is not None]
    if not found:
        return None
    src, text, period = found[0]
    sheet_period = find_period(sheet_name) or month_span(sheet_name, period.year)
    if src != "sheet" and sheet_period is not None and sheet_period.year == period.year:
        # one sheet per month: "7月" inside "2019年三季度" (or a year-only title) is the sheet's own
        narrower = period.first_month <= sheet_period.first_month and sheet_period.last_month <= period.last_month \
            and (sheet_period.first_month, sheet_period.last_month) != (period.first_month, period.last_month)
        if narrower and ((period.first_month, period.last_month) == (1, 12) or src not in ("title", "preamble")
                         or not _MONTH_ONLY.search(clean_text(text))):
            return sheet_period, "sheet", sheet_name
    return period, src, text


def figure_span(path: tuple[str, ...], header_basis: str | None, indicator: Indicator,
                table_period: Period | None, table_source: str, period: Period | None = None,
                cumulative_hint: bool = False):
    """(year, first month, last month, basis, trust) of the figures under ``path``.

    ``period`` is one given by the row itself (a long-form period column). Returns None
    for a column that is no figure of any period (同比增减量).
    """
    source = "column" if period is not None else ""
    if period is None:
        year = table_period.year if table_period else None
        for part in path:
            found = find_period(part) or month_span(part, year)
            if found is not None:
                period, source = found, "header"
                break
    if period is None and table_period is not None:
        period, source = table_period, table_source
    basis = header_basis
    if period is None:
        return None, None, None, basis or "", 0.4
    trust = PERIOD_TRUST.get(source, 1.0)
    year, first, last = period.year, period.first_month, period.last_month
    earlier = source == "header" and table_period is not None and year < table_period.year
    if earlier and basis in (None, "ytd"):
        basis = "last_year"
    if basis == "last_year":
        # "上年同期" under this year's title: the same months of the year before
        start = first if (period.basis == "period" and first != last) else 1
        return (year if earlier else year - 1), start, last, "last_year", trust
    if basis == "yoy_change":
        return None
    if indicator.unit == "%" or indicator.kind in ("share", "annual_growth"):
        if basis in (None, "growth", "ytd", "since_year_start", "stock") or indicator.kind == "share":
            start = 1 if (first == last or period.basis in ("ytd", "stock")) else first
            return year, start, last, "rate", trust
        return year, first, last, "rate", trust * 0.9
    if basis == "growth":
        return year, 1 if period.basis != "period" else first, last, "growth", trust
    if indicator.kind == "stock":
        return year, last, last, "stock", trust
    return _flow_span(path, basis, period, trust, cumulative_hint)


def _flow_span(path, basis, period: Period, trust: float, cumulative_hint: bool):
    """A flow (new enterprises, loans added): from January unless the header says otherwise."""
    year, first, last = period.year, period.first_month, period.last_month
    joined = clean_text("".join(path))
    if basis in ("ytd", "since_year_start"):
        return year, 1, last, "ytd", trust
    if basis == "period":
        if _MONTH_WORDS.search(joined):
            return year, last, last, "period", trust
        if _QUARTER_WORDS.search(joined) and last % 3 == 0:
            return year, last - 2, last, "period", trust
        if period.basis in ("ytd", "stock"):
            return year, 1, last, "ytd", trust  # "本期" of a year-to-date report
        return year, first, last, "period", trust
    if basis == "stock":
        return year, last, last, "stock", trust * 0.8
    # no basis in the header: the period's own ("一季度" from January is also the year to date)
    if period.basis in ("ytd", "stock") or first == 1:
        return year, 1, last, "ytd", trust
    if first == last:
        # "2019年9月" over a quarterly report: cumulative unless the header says 本月
        return year, 1, last, "ytd", trust * (1.0 if cumulative_hint else 0.75)
    if cumulative_hint:
        return year, 1, last, "ytd", trust * 0.9
    return year, first, last, "period", trust
