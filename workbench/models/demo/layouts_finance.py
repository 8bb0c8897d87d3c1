"""Layouts of 商务局 (sheet per month), 金融办 (sheet per county), 嘉兴银监分局 (csv), 人行 and 市税务局."""

from __future__ import annotations

from workbench.models.demo.bundle import Bundle, decimal_text, number
from workbench.models.demo.periods import Quarter, dotted, period_info
from workbench.models.demo.regions import CITY, COUNTIES, ZONES, region
from workbench.models.demo.sheets import Grid
from workbench.models.demo.values import WEIGHTS

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")

# ---------------------------------------------------------------- 商务局
COMMERCE_LAYOUT = (
    "转置表 .xlsx：指标为行、地区为列（全市、县区全称、经开区、港区），季度内每月一张工作表（“7月”“8月”“9月”），"
    "统计期写“2019.9”，均为本年累计；2020年起“进出口经营权备案登记企业”改称“对外贸易经营者备案登记企业”"
)


def commerce(b: Bundle, qt: Quarter) -> None:
    """Transposed (indicators as rows, regions as columns), one sheet per month, each year to date."""
    y = qt.year
    path = f"workbooks/{qt.label}/商务局_{qt.quarter_alone()}商务领域小微企业培育情况月报.xlsx"
    registrants = "新增对外贸易经营者备案登记企业" if y >= 2020 else "新增进出口经营权备案登记企业"
    items = [
        ("新增“限下”升“限上”批零住餐小微企业（本年累计）", "uplimit_trade"),
        (f"{registrants}（本年累计）", "new_trade_registrants"),
        ("新增有外贸出口实绩小微企业（本年累计）", "new_exporters"),
    ]
    names = {CITY: "全市", "jx_etdz": "经开区", "jx_port": "港区"}
    grids, periods = [], {}
    for month in qt.months:
        regions = [CITY, *COUNTIES, *ZONES]
        missing = qt == Quarter(2020, 1) and month == 3
        if missing:
            regions.remove("330421")
        width = 1 + len(regions)
        g = Grid(f"{month}月", width)
        g.line("各县（市、区）商务领域小微企业培育情况表（示例数据）", "title")
        r = g.add([f"统计期：{dotted(y, month)}"] + [None] * (width - 3) + ["单位：家"], "meta")
        g.merge(r, 0, r, 2)
        g.merge(r, width - 2, r, width - 1)
        header = g.add(["指标"] + [names.get(c) or region(c).name for c in regions], "header")
        for label, code in items:
            values = [b.figure("ytd", code, c, y, month) for c in regions]
            g.add([label, *values], "data", [None] + ["0"] * len(regions))
            if missing:
                b.figure("ytd", code, "330421", y, month)  # the truth keeps the county the file lost
        g.line("注：数据来源于商务部业务统计系统及海关统计，按企业注册地统计；经开区、港区含在全市中。")
        if missing:
            where = 1 + [CITY, *COUNTIES, *ZONES].index("330421")
            text = "3月表缺少嘉善县列（该列位置为海盐县）；全市仍含嘉善县，县区之和小于全市"
            b.plant(path, g, header, where, "missing_region", text, g.get(header, where),
                    indicator=[code for _, code in items], region="330421", write=False)  # fmt: skip
        grids.append(g)
        periods[g.name] = {"text": dotted(y, month), "first_month": 1, "last_month": month, "basis": "ytd"}
    b.save(
        path, grids, department="商务局", layout=COMMERCE_LAYOUT, sheet_periods=periods,
        period=period_info(dotted(y, qt.last_month), qt, 1, qt.last_month, "ytd"),
        indicators=[code for _, code in items],
    )  # fmt: skip


# ---------------------------------------------------------------- 金融办
FINANCE_LAYOUT = (
    "每县一张工作表（首张为“全市”），表内为序号、项目、本年新增、备注，所有数值以文本存储，数据期写“201909”；"
    "2020年起工作表名改用简称（南湖、秀洲…）"
)


def finance_office(b: Bundle, qt: Quarter) -> None:
    """One sheet per county (全市 first); every number stored as text."""
    y, m = qt.year, qt.last_month
    path = f"workbooks/{qt.label}/金融办_{qt.compact()}小微企业股改挂牌情况.xlsx"
    items = [
        ("新增股份公司", "new_joint_stock"),
        ("新三板挂牌小微企业", "neeq_listed"),
        ("浙江股权交易中心挂牌企业", "zjex_listed"),
    ]
    grids = []
    for code in (CITY, *COUNTIES):
        if code == CITY:
            sheet, title = "全市", "嘉兴市小微企业股改及挂牌情况汇总（示例数据）"
        else:
            sheet = region(code).short_name if y >= 2020 else region(code).name
            title = f"{region(code).name}小微企业股改及挂牌情况（示例数据）"
        g = Grid(sheet, 4)
        g.line(title, "title")
        g.add([f"数据期：{qt.compact()}", None, None, "单位：家"], "meta")
        g.add(["序号", "项目", "本年新增", "备注"], "header")
        for i, (label, ind) in enumerate(items, 1):
            value = b.figure("ytd", ind, code, y, m)
            g.add([str(i), label, str(value), None], "total" if code == CITY else "data")
        g.line("报送单位：嘉兴市人民政府金融工作办公室")
        g.widths.update({0: 6, 1: 28, 2: 12, 3: 12})
        grids.append(g)
    first = grids[0]
    b.plant(path, first, 3, 2, "number_as_text", "本文件所有数值（含序号）均以文本形式存储", first.get(3, 2),
            write=False)  # fmt: skip
    b.save(
        path, grids, department="金融办", layout=FINANCE_LAYOUT,
        period=period_info(qt.compact(), qt, 1, m, "ytd"), indicators=[ind for _, ind in items],
    )  # fmt: skip


# ---------------------------------------------------------------- 嘉兴银监分局
BANKING_LAYOUT = (
    "UTF-8（带 BOM）CSV：标题行、表头、县区全称、合计在末行、说明行；"
    "2020年起拆为“社区支行”“小微专营支行”两列并加“小计”"
)


def banking(b: Bundle, qt: Quarter) -> None:
    """CSV in UTF-8 with BOM; from 2020 the count splits into 社区支行 and 小微专营支行 with a 小计."""
    y, m = qt.year, qt.last_month
    when = qt.month_end() if qt.q == 4 else "截至" + qt.month_end()
    path = f"workbooks/{qt.label}/嘉兴银监分局_{qt.month_end()}新增社区支行小微专营支行情况.csv"
    split = y >= 2020
    g = Grid("嘉兴银监分局", 4 if split else 2)
    g.add([f"{when}各县（市、区）新增社区银行、小微专营支行情况（示例数据）"], "title")
    if split:
        g.add(["地区", "社区支行（个）", "小微专营支行（个）", "小计（个）"], "header")
    else:
        g.add(["地区", "本年新增（个）"], "header")
    rng = b.rng("banking", qt.label)
    community_total = 0
    for code in (*COUNTIES, CITY):
        label = "合计" if code == CITY else region(code).name
        value = b.figure("ytd", "community_branches", code, y, m)
        if not split:
            g.add([label, value])
            continue
        community = community_total if code == CITY else sum(rng.random() < 0.45 for _ in range(value))
        community_total += community
        g.add([label, community, value - community, value])
    g.add(["说明：统计范围为辖内银行业金融机构新设的社区支行和小微企业专营支行，为本年累计数。"], "note")
    b.save(
        path, [g], department="嘉兴银监分局", layout=BANKING_LAYOUT, encoding="utf-8-sig",
        period=period_info(when, qt, 1, m, "ytd"), indicators=["community_branches"],
    )  # fmt: skip


# ---------------------------------------------------------------- 人行嘉兴市中心支行
CENTRAL_BANK_LAYOUT = (
    "单位“万元”（指标单位为亿元），口径“比年初增加”，全市在首行，另有余额、各项贷款增量与小微增量占比列，"
    "个别单元格为带千分位的文本；2020年起增加“小微企业贷款余额同比增长(%)”列"
)
BALANCE, INCREASE, ALL_LOANS = "小微企业贷款余额", "小微企业贷款比年初增加", "各项贷款比年初增加"
BALANCE_GROWTH, SHARE = "小微企业贷款余额同比增长(%)", "小微企业贷款增量占比(%)"


def central_bank(b: Bundle, qt: Quarter) -> None:
    """Amounts in 万元 (the indicator is in 亿元), basis 比年初增加; a few figures as text with separators."""
    y, m = qt.year, qt.last_month
    t = b.truth
    path = f"workbooks/{qt.label}/人行嘉兴市中心支行_{qt.month_end()}小微企业贷款情况.xlsx"
    header = ["地区", BALANCE, INCREASE, ALL_LOANS, SHARE]
    if y >= 2020:
        header.insert(2, BALANCE_GROWTH)
    width = len(header)
    col = {name: i for i, name in enumerate(header)}
    g = Grid("小微企业贷款", width)
    g.line(f"{qt.month_end()}嘉兴市各县（市、区）小微企业贷款情况表（示例数据）", "title")
    r = g.add(["填报单位：中国人民银行嘉兴市中心支行"] + [None] * (width - 2) + ["单位：万元、%"], "meta")
    g.merge(r, 0, r, 2)
    g.add(header, "header")
    fmts = [None] + ["0.0" if "%" in h else "#,##0.0" for h in header[1:]]
    rows = {}
    for code in (CITY, *COUNTIES):
        increase = t.ytd("new_sme_loans", code, y, m)  # 亿元
        b.record("new_sme_loans", code, y, 1, m, "ytd", increase)
        values = {
            BALANCE: number(t.stock("sme_loan_balance", code, y, m)),
            BALANCE_GROWTH: number(t.rate("sme_loan_balance_growth", code, y, m)),
            INCREASE: number(increase * 10000),
            ALL_LOANS: number(t.ytd("all_loans", code, y, m)),
            SHARE: b.figure("rate", "sme_loan_increment_share", code, y, m),
        }
        label = "全市" if code == CITY else region(code).name
        role = "total" if code == CITY else "data"
        rows[code] = g.add([label] + [values[h] for h in header[1:]], role, fmts)
    g.line("注：小微企业贷款含小型、微型企业贷款，不含个体工商户及小微企业主经营性贷款；“比年初增加”为本年1月起新增额。")
    slip = ("330421", col[INCREASE]) if qt == Quarter(2019, 2) else None
    rng = b.rng("central-bank", qt.label)
    cells = [(c, col[h]) for c in COUNTIES for h in (BALANCE, INCREASE)]
    for c, j in sorted(rng.sample(cells, 2)):
        if (c, j) != slip:
            text = f"{g.get(rows[c], j):,.1f}"
            b.plant(path, g, rows[c], j, "number_as_text", f"{region(c).name}数值以带千分位的文本“{text}”存储",
                    text, region=c)  # fmt: skip
    if slip:
        code, j = slip
        true = t.ytd("new_sme_loans", code, y, m)
        planted = number(true * 10000 * 10000)
        text = f"嘉善县小微企业贷款比年初增加填报 {planted}，为正确值 {decimal_text(true * 10000)} 万元的 10000 倍（按元填报）"
        b.plant(path, g, rows[code], j, "unit_slip", text, planted,
                indicator="new_sme_loans", region=code, truth=true)  # fmt: skip
    b.save(
        path, [g], department="人行嘉兴市中心支行", layout=CENTRAL_BANK_LAYOUT,
        period=period_info(qt.month_end(), qt, 1, m, "ytd"),
        indicators=["new_sme_loans", "sme_loan_increment_share"],
    )  # fmt: skip


# ---------------------------------------------------------------- 市税务局
TAX_LAYOUT = (
    "简表 .xlsx：全市在首行，部分单元格为全角数字文本（如“１００”），2018年三季度海盐县受惠面缺报“—”；"
    "2020年起“受惠面(%)”改称“实际受惠面（%）”"
)


def tax(b: Bundle, qt: Quarter) -> None:
    """Full-width digits in some cells; once a county's coverage is the missing marker "—"."""
    y, m = qt.year, qt.last_month
    path = f"workbooks/{qt.label}/市税务局_{qt.ytd()}小微企业税收优惠受惠情况.xlsx"
    coverage = "实际受惠面（%）" if y >= 2020 else "受惠面(%)"
    g = Grid("受惠情况", 3)
    g.line(f"{qt.ytd()}小微企业税收优惠政策受惠情况表（示例数据）", "title")
    g.add([None, None, "单位：户、%"], "meta_right")
    g.add(["地区", "享受减免税优惠小微企业户数", coverage], "header")
    rng = b.rng("tax", qt.label)
    size = 71000 * (1 + 0.07 * (y - 2018)) * (0.82 + 0.06 * qt.q)
    counts = {c: round(size * WEIGHTS[c] * rng.uniform(0.97, 1.03)) for c in COUNTIES}
    counts[CITY] = sum(counts.values())
    rows = {}
    missing = "330424" if qt == Quarter(2018, 3) else None
    for code in (CITY, *COUNTIES):
        rate = b.figure("rate", "tax_relief_coverage", code, y, m)
        label = "全市" if code == CITY else region(code).name
        role = "total" if code == CITY else "data"
        rows[code] = g.add([label, counts[code], rate], role, [None, "0", "0.0"])
        if rate == 100 and code != missing:
            text = f"{label}受惠面以全角数字文本“１００”存储"
            b.plant(path, g, rows[code], 2, "number_as_text", text, "１００", region=code)
    c = COUNTIES[rng.randrange(len(COUNTIES))]
    digits = str(counts[c]).translate(FULL_WIDTH)
    b.plant(path, g, rows[c], 1, "number_as_text", f"{region(c).name}户数以全角数字文本“{digits}”存储", digits, region=c)
    if missing:
        true = b.truth.rate("tax_relief_coverage", missing, y, m)
        b.plant(path, g, rows[missing], 2, "missing_value", "海盐县受惠面填“—”（缺报）", "—",
                indicator="tax_relief_coverage", region=missing, truth=true)  # fmt: skip
    g.line("注：受惠面＝享受减免税优惠的小微企业户数÷符合条件的小微企业户数×100%。")
    b.save(
        path, [g], department="市税务局", layout=TAX_LAYOUT,
        period=period_info(qt.ytd(), qt, 1, m, "rate"), indicators=["tax_relief_coverage"],
    )  # fmt: skip
