"""The county target-decomposition workbook (县市区目标任务分解表).

Amount and stock targets of the plan are split among the seven counties by their share
in the base year 2017 (flows of 2017, or the stock at the end of 2017); growth and share
targets apply to every county as they stand. Zones are counted in the city total only
(the plan's zone policy), so they get no targets of their own.
"""

from __future__ import annotations

from decimal import Decimal

from workbench.models.demo.bundle import Bundle, number
from workbench.models.demo.regions import CITY, COUNTIES, region
from workbench.models.demo.sheets import Grid
from workbench.models.demo.values import WEIGHTS, allocate

PATH = "targets/县市区目标任务分解表.xlsx"
TITLE = "嘉兴市小微企业三年成长计划目标任务分解表（示例数据）"
LAYOUT = "分解表：指标为行（按计划分组），全市与七县（市、区）为列，另有单位、考核要求、牵头部门列"
NOTE = (
    "注：1.累计增量、总量类指标按2017年各县（市、区）基数占比分解，基数过小（合计不足20）的按经济总量占比分解，"
    "每县（市、区）至少1个单位，分解数之和可略高于全市目标；2.增速、比重类指标各县（市、区）目标同全市；"
    "3.经开区、港区数据计入全市，不单独分解。"
)
# Below this base-year total the 2017 shares say little; economic weights are used instead.
THIN_BASE = 20


def county_targets(b: Bundle, code: str) -> dict[str, Decimal]:
    """The city target and each county's share of it, in the indicator's unit."""
    ind = b.plan.indicator(code)
    target = Decimal(repr(ind.target))
    if ind.kind not in ("cumulative", "stock"):
        return {c: target for c in (CITY, *COUNTIES)}
    if ind.kind == "stock":
        base = [b.truth.stock(code, c, 2017, 12) for c in COUNTIES]
    else:
        base = [b.truth.ytd(code, c, 2017, 12) for c in COUNTIES]
    weights = [float(x) for x in base] if sum(base) >= THIN_BASE else [WEIGHTS[c] for c in COUNTIES]
    step = Decimal("0.1") if ind.unit in ("亿元", "万平方米") else Decimal(1)
    parts = allocate(int(target / step), weights)
    # Every county gets at least one unit of a small target, so the sum may exceed the city's.
    values = {c: max(step, p * step) for c, p in zip(COUNTIES, parts)}
    return {CITY: target, **values}


def write_targets(b: Bundle) -> None:
    indicators = [ind for ind in b.plan.indicators if ind.assessed and not ind.qualitative]
    group = "目标任务（2018—2020年）"
    paths = [("序号",), ("指标名称",), ("单位",), ("考核要求",), (group, "全市")]
    paths += [(group, region(c).name) for c in COUNTIES] + [("牵头部门",)]
    width = len(paths)
    g = Grid("目标任务分解", width)
    g.line(TITLE, "title")
    g.line("单位：见“单位”栏", "meta_right")
    g.headers(paths)
    values_out = []
    current_group = None
    n = 0
    for ind in indicators:
        if ind.group != current_group:
            current_group = ind.group
            r = g.add([b.plan.groups.get(ind.group, "")] + [None] * (width - 1), "total")
            g.merge(r, 0, r, width - 1)
        n += 1
        targets = county_targets(b, ind.code)
        fmt = "0.0" if any(v != v.to_integral_value() for v in targets.values()) else "0"
        numbers = [number(targets[c]) for c in (CITY, *COUNTIES)]
        row = [n, ind.name, ind.unit, ind.target_text(), *numbers, "、".join(ind.lead)]
        g.add(row, "data", [None] * 4 + [fmt] * 8)
        for c, value in zip((CITY, *COUNTIES), numbers):
            values_out.append({"indicator": ind.code, "region": c, "value": value})
    g.line(NOTE)
    g.widths.update({1: 40, width - 1: 26})
    period = {"text": "2018—2020年", "year": 2020, "quarter": None}
    period |= {"first_month": 1, "last_month": 12, "basis": "plan"}
    b.save(
        PATH, [g], department="嘉兴市统计局", layout=LAYOUT, period=period,
        indicators=[ind.code for ind in indicators],
    )  # fmt: skip
    b.targets = b.files.pop()
    b.targets["values"] = values_out
