"""A small assessment of the agreed shape, made up by hand, for testing views without the engine.

Four indicators (an amount, a growth rate, a share, a qualitative aim) in three plan groups,
for the city and the seven counties, at 2019-09 and the quarter before. The status words
are the engine's (``workbench.models.assessment.settings``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

REGIONS = [("330400", "嘉兴市"), ("330402", "南湖区"), ("330411", "秀洲区"), ("330421", "嘉善县"),
           ("330424", "海盐县"), ("330481", "海宁市"), ("330482", "平湖市"), ("330483", "桐乡市")]
COUNTIES = REGIONS[1:]
NAN = math.nan

# indicator: code, name, group, lead, kind, unit, city target
INDICATORS = [
    ("new_sme", "新增小微企业", "1.1", "市市场监管局", "cumulative", "家", 50000.0),
    ("new_sme_growth", "新增小微企业年均增长", "1.1", "市市场监管局", "annual_growth", "%", 10.0),
    ("tech_rd_share", "研发投入占销售收入比例", "1.4", "市科技局", "share", "%", 2.5),
    ("two_up_two_control", "两增两控", "1.5", "嘉兴银监分局", "qualitative", "", NAN),
]
GROUPS = {"1.1": "（一）总体数量不断增长", "1.4": "（四）创新动力不断增强", "1.5": "（五）服务体系不断完善"}
SHORT = {"new_sme": "新增小微", "new_sme_growth": "新增小微增速", "tech_rd_share": "研发投入占比",
         "two_up_two_control": "两增两控"}
# completion of new_sme per region at 2019-09 (序时进度 21/36 = 58.3%)
NEW_SME_COMPLETION = [0.62, 0.80, 0.59, 0.55, 0.40, None, 1.05, 0.60]
NEW_SME_STATUS = ["超进度", "超进度", "达进度", "欠进度", "严重滞后", "无数据", "已完成", "超进度"]
GROWTH = [9.6, 12.0, 8.0, 10.5, 7.1, 11.0, 9.9, 4.0]
GROWTH_STATUS = ["达进度", "超进度", "欠进度", "达进度", "欠进度", "达进度", "达进度", "严重滞后"]
SHARE = [2.6, 2.7, 2.4, 3.1, 2.2, 2.9, 2.5, 2.51]
SHARE_STATUS = ["达进度", "达进度", "欠进度", "达进度", "欠进度", "达进度", "达进度", "达进度"]


@dataclass
class FakeAssessment:
    at: str
    rows: pd.DataFrame
    counties: pd.DataFrame
    previous: FakeAssessment | None = None
    blocked: list = field(default_factory=list)
    scheme: object = None


def _rows(at: str, shift: float = 0.0) -> pd.DataFrame:
    progress = {"2019-09": 21 / 36, "2019-06": 18 / 36}[at]
    records = []
    for code, name, group, lead, kind, unit, city_target in INDICATORS:
        for i, (region, region_name) in enumerate(REGIONS):
            target = city_target if i == 0 or kind != "cumulative" else city_target / 7
            row = {"indicator_code": code, "indicator_name": name, "short_name": SHORT[code], "group": group,
                   "group_name": GROUPS[group], "level": "city" if i == 0 else "county", "lead": lead, "kind": kind,
                   "unit": unit, "region_code": region, "region_name": region_name, "target": target,
                   "stretch": NAN, "time_progress": progress if kind == "cumulative" else NAN,
                   "note": "", "basis_used": "ytd", "sources": [100 + i], "weight": 10.0}
            if kind == "cumulative":
                completion = NEW_SME_COMPLETION[i]
                completion = NAN if completion is None else completion - shift * (i % 4)
                row.update(actual=NAN if math.isnan(completion) else completion * target, completion=completion,
                           gap_pp=NAN if math.isnan(completion) else (completion - progress) * 100,
                           status=NEW_SME_STATUS[i], passed=None)
                if code == "new_sme" and region == "330481":
                    row["note"] = "海宁市未报送"
            elif kind == "qualitative":
                done = i != 4
                row.update(actual=1.0 if done else 0.0, completion=NAN, gap_pp=NAN, status="已完成" if done else "未完成",
                           passed=done,
                           note="已落实" if done else "尚未落实", sources=[])
            else:
                values, statuses = (GROWTH, GROWTH_STATUS) if kind == "annual_growth" else (SHARE, SHARE_STATUS)
                row.update(actual=values[i] - shift * 5, completion=NAN, gap_pp=values[i] - city_target,
                           status=statuses[i], passed=values[i] >= city_target)
            row["score"] = NAN if row["status"] == "无数据" else 10.0 * min(row.get("completion") or 1.0, 1.2) \
                if kind == "cumulative" else (10.0 if row["passed"] else 0.0)
            records.append(row)
    return pd.DataFrame.from_records(records)


def _counties(rows: pd.DataFrame, previous: pd.DataFrame | None) -> pd.DataFrame:
    scores = rows[rows.region_code != "330400"].groupby("region_code", sort=False)["score"].sum()
    frame = pd.DataFrame({"region_code": scores.index, "total_score": scores.to_numpy()})
    frame["region_name"] = frame.region_code.map(dict(REGIONS))
    frame["rank"] = frame.total_score.rank(ascending=False, method="min").astype(int)
    if previous is not None:
        frame["rank_change"] = frame.region_code.map(dict(zip(previous.region_code, previous["rank"]))) - frame["rank"]
    else:
        frame["rank_change"] = NAN
    frame["grade"] = pd.cut(frame.total_score, [-1, 20, 27, 33, 1000], labels=["不合格", "合格", "良好", "优秀"]).astype(str)
    return frame[["region_code", "region_name", "total_score", "rank", "rank_change", "grade"]].sort_values("rank")


def fake_assessment() -> FakeAssessment:
    """The assessment at 2019-09, with the one of 2019-06 as ``previous``."""
    before_rows = _rows("2019-06", shift=0.1)
    before = FakeAssessment("2019-06", before_rows, _counties(before_rows, None))
    ranks = before.counties.set_index("region_code")["rank"]  # 南湖区 was third, 嘉善县 second
    ranks["330402"], ranks["330421"] = 3, 2
    before.counties["rank"] = before.counties.region_code.map(ranks)
    rows = _rows("2019-09")
    return FakeAssessment("2019-09", rows, _counties(rows, before.counties), previous=before)


def fake_history() -> pd.DataFrame:
    """``rows`` of 2019-06 and 2019-09 stacked, with a column ``at``."""
    now = fake_assessment()
    return pd.concat([now.previous.rows.assign(at="2019-06"), now.rows.assign(at="2019-09")], ignore_index=True)
