"""How a :class:`~workbench.models.index.project_index.ProjectIndex` is written out: JSON for scripts
(``workbench index … --json``) and a Chinese text table for the terminal."""

from __future__ import annotations

import math
import unicodedata

import pandas as pd

from workbench.models.index.framework import INDEX_CODE
from workbench.models.index.project_index import MEAN_NAME


def index_json(index) -> dict:
    """:meth:`ProjectIndex.as_json`: the method, the units' indices, the series, the gaps."""
    fw = index.framework
    dims = [d.code for d in fw.dimensions]
    per_capita, anchor = index.per_capita(), index.anchors()
    return {
        "framework": {"id": fw.id, "name": fw.name, "plan": fw.plan, "base_year": fw.base_year,
                      "anchor": fw.anchor},
        "period": index.period.key, "label": index.period.label, "base_period": index.base_period.label,
        "method": index.spec.describe(), "spec": index.spec.as_dict(),
        "dimensions": [{"code": d.code, "name": d.name, "weight": d.weight} for d in fw.dimensions],
        "units": [{"region_code": row.region_code, "region_name": row.region_name, "index": _plain(row.index),
                   "dimensions": {c: _plain(getattr(row, c)) for c in dims}, "rank": _plain(row.rank),
                   "yoy_change": _plain(row.yoy_change), "yoy_pct": _plain(row.yoy_pct),
                   "rank_change": _plain(row.rank_change),
                   "imputed": [{"indicator": f.indicator, "name": f.indicator_name, "reason": f.reason}
                               for f in index.flags.itertuples() if f.region_code == row.region_code]}
                  for row in index.table.itertuples()],
        "mean": {"index": _plain(index.mean["index"]), "dimensions": {c: _plain(index.mean[c]) for c in dims},
                 "yoy_change": _plain(index.mean["yoy_change"])},
        "series": [{"period": key, "label": group["label"].iloc[0],
                    "index": {r: _plain(v) for r, v in zip(group["region_code"], group["value"])}}
                   for key, group in index.series[index.series["code"] == INDEX_CODE].groupby("period", sort=False)],
        "indicators": [{"code": i.code, "name": i.name, "dimension": i.dimension, "unit": i.unit,
                        "weight": i.weight, "direction": i.direction, "base_value": _plain(anchor.get(i.code)),
                        "values": {str(u): _plain(v) for u, v in per_capita[i.code].items()}}
                       for i in fw.indicators],
        "notes": list(index.notes),
    }


def index_summary(index) -> str:
    """:meth:`ProjectIndex.summary_text`: the ranking as a Chinese text table, method and gaps under it."""
    fw = index.framework
    dims = [(d.code, d.name) for d in fw.dimensions]
    header = ["排名", "地区", fw.index_name, *(n for _c, n in dims), "同比（点）", "排名变化"]
    rows = [[_int(r["rank"]), r["region_name"], _num(r["index"]), *(_num(r[c]) for c, _n in dims),
             _signed(r["yoy_change"]), _moved(r["rank_change"])] for _i, r in index.table.iterrows()]
    rows.append(["", MEAN_NAME, _num(index.mean["index"]), *(_num(index.mean[c]) for c, _n in dims),
                 _signed(index.mean["yoy_change"]), ""])
    widths = [max(_width(str(x)) for x in column) for column in zip(header, *rows)]
    lines = [f"{fw.name}（{index.period.label}，基期 {index.base_period.label} = 100）", ""]
    for cells in [header, *rows]:
        lines.append("  ".join(_pad(str(c), w, left=i < 2) for i, (c, w) in enumerate(zip(cells, widths))))
    lines += ["", f"方法：{index.spec.describe()}；基期值为各单位基期的平均值。"]
    for flag in index.flags.itertuples():
        lines.append(f"估算：{flag.region_name}“{flag.indicator_name}”{flag.reason}，以其他单位的平均值代替。")
    lines += index.notes
    return "\n".join(lines)


def _plain(value):
    if value is None or value is pd.NA:
        return None
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float):
        return None if not math.isfinite(value) else round(value, 4)
    return value


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _num(value) -> str:
    return "—" if _missing(value) else f"{float(value):.1f}"


def _signed(value) -> str:
    if _missing(value):
        return "—"
    value = round(float(value), 1)
    return f"{value if value != 0 else 0.0:+.1f}"  # never "-0.0"


def _int(value) -> str:
    return "—" if _missing(value) else str(int(value))


def _moved(value) -> str:
    if _missing(value):
        return "—"
    value = int(value)
    return f"↑{value}" if value > 0 else f"↓{-value}" if value < 0 else "—"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, left: bool) -> str:
    space = " " * (width - _width(text))
    return text + space if left else space + text
