"""A small plan with one indicator per kind and comparator, and helpers to build frames.

Imported by the assessment tests (pytest puts this folder on ``sys.path``).
"""

from __future__ import annotations

import pandas as pd

from workbench.models.plan import parse_plan

CITY, NANHU, XIUZHOU, JIASHAN, HAIYAN, HAINING = "330400", "330402", "330411", "330421", "330424", "330481"
TP_2019_09 = 21 / 36

PLAN_TOML = """
id = "test-plan"
name = "测试计划"
period_start = "2018-01"
period_end = "2020-12"
base_year = 2017
city = "330400"
about_tolerance_pp = 1.0
zones = [
  { region = "jx_etdz", policy = "merge", merge_into = "330402" },
  { region = "jx_port", policy = "own" },
  { region = "jx_hitech", policy = "city_only" },
]
[[groups]]
code = "g"
name = "测试组"
""" + "".join(
    f"""
[[indicators]]
code = "{code}"
name = "{name}"
unit = "{unit}"
comparator = "{comparator}"
kind = "{kind}"
group = "g"
lead = ["测试局"]
source = "测试"
{extra}
"""
    for code, name, unit, comparator, kind, extra in [
        ("amt", "新增企业", "家", ">=", "cumulative", "target = 300\nstretch = 360"),
        ("amt_gt", "超过类", "家", ">", "cumulative", "target = 100"),
        ("amt_about", "左右类", "家", "about", "cumulative", "target = 100"),
        ("amt_le", "以内类", "家", "<=", "cumulative", "target = 100"),
        ("amt_eq", "等于类", "家", "=", "cumulative", "target = 100"),
        ("level", "总量", "个", ">=", "stock", "target = 100"),
        ("growth", "新增企业年均增长", "%", "about", "annual_growth", 'target = 10\nof = "amt"'),
        ("growth_ge", "增加值增长", "%", ">=", "annual_growth", "target = 6"),
        ("share", "研发占比", "%", ">=", "share", "target = 2.5"),
        ("share_le", "不良容忍度", "%", "<=", "share", "target = 2"),
        ("share_eq", "受惠面", "%", "=", "share", "target = 100"),
        ("qual", "全覆盖", "", "=", "qualitative", ""),
        ("unassessed", "不考核", "%", ">=", "share", "target = 1\nassessed = false"),
    ]
)
PLAN = parse_plan(PLAN_TOML, "test-plan.toml")

OBS_COLUMNS = ["indicator", "region", "year", "first_month", "last_month", "basis", "value", "import_id",
               "raw_text"]


def obs(*rows) -> pd.DataFrame:
    """Observations from tuples ``(indicator, region, year, first, last, basis, value[, import_id[, raw]])``."""
    records = []
    for i, row in enumerate(rows):
        row = list(row)
        if len(row) < 8:
            row.append(i + 1)
        if len(row) < 9:
            row.append(None)
        records.append(row)
    frame = pd.DataFrame(records, columns=OBS_COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    return frame


def targets(*rows, **extra_columns) -> pd.DataFrame:
    """Targets from tuples ``(indicator, region, value)``; keyword columns apply to every row."""
    frame = pd.DataFrame(rows, columns=["indicator", "region", "value"])
    frame["value"] = frame["value"].astype("float64")
    for column, value in extra_columns.items():
        frame[column] = value
    return frame


def row(result: pd.DataFrame, indicator: str, region: str) -> dict:
    """The one result row of ``indicator`` and ``region`` as a dict."""
    found = result[(result["indicator_code"] == indicator) & (result["region_code"] == region)]
    assert len(found) == 1, f"{indicator} {region}: {len(found)} rows"
    return found.iloc[0].to_dict()


def ytd_series(indicator: str, region: str, values: dict[tuple[int, int], float]) -> list[tuple]:
    """Year-to-date rows from ``{(year, last_month): value}``."""
    return [(indicator, region, y, 1, m, "ytd", v) for (y, m), v in values.items()]
