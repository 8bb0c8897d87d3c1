"""Layouts of the two co-leads of the testing-resource targets: 科技局 (.ods) and 质监局 (.xlsx)."""

from __future__ import annotations

from workbench.models.demo.bundle import Bundle
from workbench.models.demo.periods import Quarter, period_info
from workbench.models.demo.regions import CITY, COUNTIES, region
from workbench.models.demo.sheets import Grid
from workbench.models.demo.values import WEIGHTS


def percent_text(value) -> str:
    """``2.6%``: a rate as the text a department types into a cell."""
    return f"{value:.1f}%"


# ---------------------------------------------------------------- 科技局
SCIENCE_LAYOUT = (
    "OpenDocument .ods：合并标题，单位行，两行表头，全市在首行，比例与增速以带“%”的文本存储（如“2.6%”），"
    "期别写“2019年9月”（本年累计）；2020年起“研发投入占销售收入比例”改称“研发投入强度（占销售收入）”"
)
SCIENCE_NOTE = (
    "注：除注明外均为本年1月起累计数；研发投入占比、科技人员占比为科技型小微企业口径；"
    "检验检测资源开放数与市质监局共同牵头。"
)

def science(b: Bundle, qt: Quarter) -> None:
    """OpenDocument spreadsheet; rates typed as text with a per-cent sign."""
    y, m = qt.year, qt.last_month
    path = f"workbooks/{qt.label}/科技局_{qt.month()}科技型小微企业发展情况.ods"
    rd = "研发投入强度（占销售收入）" if y >= 2020 else "研发投入占销售收入比例"
    columns = [
        (("地区",), None, None),
        (("新增科技型小微企业", "本年累计（家）"), "ytd", "new_tech_sme"),
        (("新增科技型小微企业", "同比增长"), "rate", "new_tech_sme_growth"),
        ((rd,), "rate", "tech_rd_share"),
        (("科技人员占职工总数比例",), "rate", "tech_staff_share"),
        (("产业创新服务综合体（本年建成，个）",), "ytd", "innovation_complex"),
        (("检验检测资源开放", "开放科研设施与仪器（台次）"), "ytd", "open_instruments"),
        (("检验检测资源开放", "开放实验室服务（批次）"), "ytd", "open_lab_services"),
    ]
    width = len(columns)
    g = Grid("科技型小微企业", width)
    g.line(f"{qt.month()}各县（市、区）科技型小微企业发展情况（示例数据）", "title")
    g.line("单位：家、%、个、台次、批次", "meta_right")
    g.headers([c[0] for c in columns])
    for code in (CITY, *COUNTIES):
        values: list = ["全市" if code == CITY else region(code).name]
        for _, kind, ind in columns[1:]:
            value = b.figure(kind, ind, code, y, m)
            values.append(percent_text(value) if kind == "rate" else value)
        g.add(values, "total" if code == CITY else "data", [None] + ["0"] * (width - 1))
    g.line(SCIENCE_NOTE)
    g.line(f"市科技局  {qt.filing_date()}")
    b.save(
        path, [g], department="科技局", layout=SCIENCE_LAYOUT,
        period=period_info(qt.month(), qt, 1, m, "ytd"), indicators=[c[2] for c in columns[1:]],
    )  # fmt: skip


# ---------------------------------------------------------------- 质监局
QUALITY_LAYOUT = (
    "简表 .xlsx：标题行与单行表头，县区全称，合计在末行；与科技局共同牵头的两项指标；"
    "2020年起增加“检验检测机构数（家）”列"
)

def quality(b: Bundle, qt: Quarter) -> None:
    """A plain table of the same two figures as 科技局; once it disagrees with 科技局."""
    y, m = qt.year, qt.last_month
    path = f"workbooks/{qt.label}/质监局_{qt.ytd()}检验检测资源开放共享情况.xlsx"
    header = ["地区", "开放科研设施与仪器（台次）", "开放实验室服务（批次）"]
    if y >= 2020:
        header.append("检验检测机构数（家）")
    g = Grid("开放共享", len(header))
    g.line(f"{qt.ytd()}检验检测资源向小微企业开放共享情况（示例数据）", "title")
    g.add(header, "header")
    rng = b.rng("quality", y)
    labs = {c: 8 + round(WEIGHTS[c] * 100) + rng.randint(0, 6) for c in COUNTIES} if y >= 2020 else {}
    labs[CITY] = sum(labs.values())
    rows = {}
    for code in (*COUNTIES, CITY):
        values = [
            "合计" if code == CITY else region(code).name,
            b.figure("ytd", "open_instruments", code, y, m),
            b.figure("ytd", "open_lab_services", code, y, m),
        ]
        if y >= 2020:
            values.append(labs[code])
        role = "total" if code == CITY else "data"
        rows[code] = g.add(values, role, [None] + ["0"] * (len(header) - 1))
    if qt == Quarter(2020, 2):
        code = "330481"
        true = b.truth.ytd("open_lab_services", code, y, m)
        planted = int(true) - b.rng("quality-mismatch").randint(20, 60)
        text = f"海宁市开放实验室服务 {planted} 批次，与科技局同期报送的 {true} 批次不一致（合计仍与科技局一致）"
        b.plant(path, g, rows[code], 2, "cross_department_mismatch", text, planted,
                indicator="open_lab_services", region=code, truth=true)  # fmt: skip
    b.save(
        path, [g], department="质监局", layout=QUALITY_LAYOUT,
        period=period_info(qt.ytd(), qt, 1, m, "ytd"), indicators=["open_instruments", "open_lab_services"],
    )  # fmt: skip
