"""The words of the slides: the overview, each indicator's caption, the lagging rows, the sources.

Plain functions of a :class:`~workbench.models.exports.context.ReportContext` that return
text or tables; :mod:`workbench.models.exports.slides` puts them on slides. Numbers are
written the way :mod:`workbench.models.charts.labels` writes them everywhere else.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import pandas as pd

from workbench.models.assessment.settings import (
    AHEAD, BEHIND, DONE, NO_DATA, NO_TARGET, NOT_DONE, ON_TRACK, PENDING_REVIEW, SERIOUSLY_BEHIND,
)
from workbench.models.charts import labels
from workbench.models.charts.labels import headline_value, is_amount, is_qualitative, missing, percent, points, quantity
from workbench.models.charts.palette import LEGEND_ORDER, status_look
from workbench.models.exports.pptx_text import clean_text
from workbench.models.periods import period_label

LAGGING_STATUSES = (NOT_DONE, SERIOUSLY_BEHIND, BEHIND)
"""Statuses listed on the lagging slides, worst first."""


def at_label(at: str) -> str:
    """The assessment period in the bureau's words: '2019-09' → '2019年1-9月'."""
    year, month = (int(part) for part in str(at).split("-")[:2])
    return period_label(year, 1, month)


def time_progress(context) -> float:
    """The 序时进度 of the assessment (the most common one among its amount rows), NaN if none."""
    values = context.assessment.rows["time_progress"].dropna()
    return float(values.round(6).mode().iloc[0]) if len(values) else math.nan


def city_name(context) -> str:
    city = context.assessment.rows.loc[context.assessment.rows["level"] == "city", "region_name"]
    return str(city.iloc[0]) if len(city) else ""


def rank_change_text(change: object) -> str:
    """'↑2', '↓1', '持平', or '—' when there is no earlier assessment to compare with."""
    return labels.rank_change_text(change, same="持平", none="—")


def _count_text(counts: Counter, order: tuple[str, ...]) -> str:
    return "，".join(f"{status} {counts[status]} 项" for status in order if counts.get(status))


def overview_lines(context) -> list[str]:
    """The overview slide's points: ranks, grades, rank changes, and how the indicators stand."""
    counties = context.counties.sort_values("rank")
    progress = time_progress(context)
    lines = [f"考核期：{at_label(context.at)}" + ("" if math.isnan(progress) else f"，序时进度 {percent(progress)}")
             + f"；参评 {len(counties)} 个县（市、区）。"]
    if len(counties):
        named = [f"{clean_text(r.region_name, 12)} {r.total_score:.2f} 分" for r in counties.itertuples()]
        lead = "、".join(named[:3])
        last = f"；末位：{named[-1]}" if len(named) > 3 else ""
        lines.append(f"总分居前：{lead}{last}。")
        grades = Counter(str(g) for g in counties["grade"] if not missing(g))
        order = ["优秀", "良好", "合格", "不合格"] + sorted(set(grades) - {"优秀", "良好", "合格", "不合格"})
        lines.append("等级：" + "，".join(f"{g} {grades[g]} 个" for g in order if grades.get(g)) + "。")
        changes = counties.dropna(subset=["rank_change"])
        if changes.empty:
            lines.append("名次变化：本期为首次考核，暂无比较。")
        else:
            up = [f"{clean_text(r.region_name, 12)}（{rank_change_text(r.rank_change)}）"
                  for r in changes.itertuples() if r.rank_change > 0]
            down = [f"{clean_text(r.region_name, 12)}（{rank_change_text(r.rank_change)}）"
                    for r in changes.itertuples() if r.rank_change < 0]
            parts = ([f"上升 {'、'.join(up)}"] if up else []) + ([f"下降 {'、'.join(down)}"] if down else [])
            lines.append("名次变化：" + ("；".join(parts) if parts else "与上期相同") + "。")
    rows = context.rows
    city = Counter(rows.loc[rows["level"] == "city", "status"].astype(str))
    if city:
        ahead = city.get(DONE, 0) + city.get(AHEAD, 0)
        behind = sum(city.get(s, 0) for s in LAGGING_STATUSES)
        unclear = sum(city.get(s, 0) for s in (NO_DATA, PENDING_REVIEW, NO_TARGET))
        text = (f"全市 {sum(city.values())} 项指标：已完成或超进度 {ahead} 项，达进度 {city.get(ON_TRACK, 0)} 项，"
                f"落后于序时进度 {behind} 项")
        lines.append(text + (f"，无数据或待审核 {unclear} 项。" if unclear else "。"))
    county_rows = rows[rows["level"] != "city"]
    lagging = county_rows[county_rows["status"].isin(LAGGING_STATUSES)]
    if len(lagging):
        counts = Counter(lagging["status"].astype(str))
        by_county = lagging.groupby("region_name").size().sort_values(ascending=False, kind="stable")
        most = "、".join(f"{clean_text(name, 12)} {n} 项" for name, n in by_county.head(3).items())
        lines.append(f"各地共 {len(lagging)} 项次落后（{_count_text(counts, LAGGING_STATUSES)}），较多的是 {most}。")
    elif len(county_rows):
        lines.append("各地各项指标均达到序时进度。")
    return lines


def _better_is_higher(comparator: object) -> bool:
    return str(comparator) not in ("<", "<=")


def indicator_rows(context, code: str) -> tuple[pd.Series | None, pd.DataFrame]:
    """The city row (or None) and the county rows of ``code``, counties in ``context.county_codes`` order."""
    rows = context.rows[context.rows["indicator_code"] == code]
    city = rows[rows["level"] == "city"]
    by_code = {str(r): i for i, r in enumerate(context.county_codes)}
    counties = rows[rows["region_code"].astype(str).isin(by_code)]
    order = counties["region_code"].astype(str).map(by_code)
    counties = counties.assign(_order=order).sort_values("_order").drop(columns="_order")
    return (city.iloc[0] if len(city) else None), counties.reset_index(drop=True)


def _extremes(counties: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
    """The leading and the lagging county of one indicator (None when fewer than two have a value)."""
    kind, comparator = counties["kind"].iloc[0], counties["comparator"].iloc[0]
    values = [headline_value(kind, r.completion, r.actual) for r in counties.itertuples()]
    known = [(v, i) for i, v in enumerate(values) if not math.isnan(v)]
    if len(known) < 2:
        return None
    # "about" (a growth rate of about x%) is judged like ">=" by the assessment: more is better.
    order = [i for _, i in sorted(known, reverse=_better_is_higher(comparator))]
    return counties.iloc[order[0]], counties.iloc[order[-1]]


def _headline(row) -> str:
    if is_amount(row["kind"]):
        return percent(row["completion"])
    return quantity(row["actual"], row["unit"])


def indicator_caption(context, code: str) -> str:
    """One line under an indicator's chart: the city's figure against target and 序时进度, who leads and lags."""
    city, counties = indicator_rows(context, code)
    parts = []
    if city is not None:
        unit = city["unit"]
        if is_qualitative(city["kind"]):
            parts.append(f"全市：{city['status']}")
        elif is_amount(city["kind"]):
            text = (f"全市 {quantity(city['actual'], unit)}，目标 {quantity(city['target'], unit)}，"
                    f"完成 {percent(city['completion'])}")
            if not missing(city["time_progress"]):
                text += f"，序时进度 {percent(city['time_progress'])}（{points(city['gap_pp'])}）"
            parts.append(text)
        else:
            parts.append(f"全市 {quantity(city['actual'], unit)}，目标 {quantity(city['target'], unit)}"
                         + ("" if missing(city["gap_pp"]) else f"（{points(city['gap_pp'])}）"))
    if len(counties) and not is_qualitative(counties["kind"].iloc[0]):
        extremes = _extremes(counties)
        if extremes is not None:
            best, worst = extremes
            words = ("进度最快", "最慢") if is_amount(best["kind"]) else ("最高", "最低")
            parts.append(f"{words[0]}：{clean_text(best['region_name'], 12)} {_headline(best)}，"
                         f"{words[1]}：{clean_text(worst['region_name'], 12)} {_headline(worst)}")
    elif len(counties):
        counts = Counter(counties["status"].astype(str))
        parts.append("，".join(f"{s} {n} 个" for s, n in counts.items()))
    return "；".join(parts) + "。" if parts else ""


def status_key(statuses) -> str:
    """'★已完成 ▲超进度 …' for the statuses present, in legend order."""
    present = {str(s) for s in statuses}
    return "  ".join(f"{status_look(s).symbol}{s}" for s in LEGEND_ORDER if s in present)


def lagging_rows(context) -> pd.DataFrame:
    """County rows behind 序时进度 or their target, worst first (status, then gap), plan order among equals."""
    rows = context.rows
    rows = rows[(rows["level"] != "city") & rows["status"].isin(LAGGING_STATUSES)].copy()
    plan_order = {code: i for i, code in enumerate(context.indicator_codes)}
    rows["_severity"] = rows["status"].map({s: i for i, s in enumerate(LAGGING_STATUSES)})
    rows["_gap"] = pd.to_numeric(rows["gap_pp"], errors="coerce").fillna(math.inf)
    rows["_plan"] = rows["indicator_code"].map(plan_order)
    rows = rows.sort_values(["_severity", "_gap", "_plan"], kind="stable")
    return rows.drop(columns=["_severity", "_gap", "_plan"]).reset_index(drop=True)


def _source_entries(text: object):
    """(file, sheet, cell, period label) of each figure named in a row's ``sources`` text."""
    for entry in str(text or "").replace(";", "；").split("；"):
        entry = entry.strip()
        if not entry:
            continue
        label, _, rest = entry.partition("=")
        _, at, place = rest.partition("@")
        label = label.removeprefix("并入功能区").strip()
        if not at:  # a written statement, not a cell
            yield entry, "", "", ""
            continue
        pieces = place.rsplit("!", 2)
        pieces += [""] * (3 - len(pieces))
        yield pieces[0], pieces[1], pieces[2], label


def file_departments(figures: pd.DataFrame) -> dict[str, str]:
    """Workbook file name → the department that sent it, from the context's figures."""
    if not len(figures):
        return {}
    pairs = figures[["file", "department"]].drop_duplicates("file")
    return dict(zip(pairs["file"].astype(str), pairs["department"].astype(str)))


def source_lines(context, rows: pd.DataFrame, *, detail: bool = True, departments: dict | None = None) -> list[str]:
    """Speaker-note lines naming the departments, workbooks (and sheets and cells) behind ``rows``.

    Parameters
    ----------
    context : ReportContext
    rows : pandas.DataFrame
        Assessment rows (with ``sources``).
    detail : bool
        Name sheets, cells and periods per workbook (one indicator); else only the workbooks
        per department (a whole assessment).
    departments : dict, optional
        :func:`file_departments` of the context's figures, when already at hand.
    """
    if departments is None:
        departments = file_departments(context.figures)
    places: dict[str, dict[str, list]] = defaultdict(lambda: {"cells": [], "periods": []})
    for text in rows["sources"]:
        for file, sheet, cell, label in _source_entries(text):
            found = places[file]
            if cell and f"{sheet}!{cell}" not in found["cells"]:
                found["cells"].append(f"{sheet}!{cell}")
            if label and label not in found["periods"]:
                found["periods"].append(label)
    if not places:
        return ["数据来源：本页数字没有对应的报表单元格（无数据或书面说明）。"]
    by_department: dict[str, list[str]] = defaultdict(list)
    for file, found in places.items():
        department = departments.get(file) or ("书面说明" if file.startswith("书面说明") else "其他")
        if detail and found["cells"]:
            cells = "、".join(found["cells"][:4]) + (f" 等 {len(found['cells'])} 格" if len(found["cells"]) > 4 else "")
            text = f"{file}（{cells}；{'、'.join(found['periods'])}）"
        else:
            text = file
        by_department[department].append(clean_text(text))
    lines = ["数据来源："]
    for department in sorted(by_department):
        files = sorted(by_department[department])
        count = "" if detail else f"（{len(files)} 个文件）"
        lines.append(f"· {department}{count}：" + "；".join(files))
    return lines


def period_note(context) -> str:
    """The first note line: the period and the scheme the numbers belong to."""
    progress = time_progress(context)
    text = f"数据期：{at_label(context.at)}（考核时点 {context.at}"
    text += "" if math.isnan(progress) else f"，序时进度 {percent(progress)}"
    return text + f"）；考核方案：{clean_text(context.assessment.scheme.name)}。"
