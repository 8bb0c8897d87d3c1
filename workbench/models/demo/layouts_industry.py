"""Layouts of 市场监管局 (中国式报表 .xlsx), 统计局 (GBK csv), 经信委 (.xls) and 发改委 (long form)."""

from __future__ import annotations

from workbench.models.demo.bundle import Bundle
from workbench.models.demo.periods import Quarter, period_info
from workbench.models.demo.regions import CITY, COUNTIES, ZONES, prefixed, region, spaced
from workbench.models.demo.sheets import Grid

# ---------------------------------------------------------------- 市场监管局
MARKET_LAYOUT = (
    "中国式报表：标题行含期别并合并居中，右上角表号块（表号、制定机关、文号、有效期至），填报单位行，"
    "单位行“单位：家、户、%”，三行合并表头（含“其中”子列），甲乙栏次行，全市在首行，县名内含空格，"
    "空行后为经开区、港区，表尾注释及填报人；2020年起“合计”下新增“上年同期”列"
)
MARKET_FORM = (
    "表    号：嘉市监统小微1表",
    "制定机关：嘉兴市市场监督管理局",
    "文    号：嘉市监〔2018〕36号",
    "有效期至：2020年12月",
)
MARKET_NOTE = (
    "注：1.“新增小微企业”指报告期内在市场监管部门新登记注册的小微企业，“其中”项包含在“合计”中，"
    "不可相加；2.经开区、港区单列，已含在全市合计中。"
)


def market(b: Bundle, qt: Quarter) -> None:
    """Three merged header rows, a code row, 全市 first, spaced county names, zones after a spacer."""
    y, m = qt.year, qt.last_month
    path = f"workbooks/{qt.label}/市场监管局_{qt.ytd()}小微企业发展情况表.xlsx"
    new, sub, indiv = "新增小微企业", "其中：八大万亿产业", "个体工商户转型升级为企业"
    columns = [
        (("地  区",), None, None),
        (("行次",), None, None),
        ((new, "合计", "本年累计"), "ytd", "new_sme"),
        ((new, "合计", "同比增长(%)"), "rate", "new_sme_growth"),
        ((new, sub, "本年累计"), "ytd", "new_sme_8ind"),
        ((new, sub, "同比增长(%)"), "rate", "new_sme_8ind_growth"),
        ((indiv, "本年累计（户）"), "ytd", "indiv_to_enterprise"),
        ((indiv, "其中：转为公司制企业", "户数"), "aux", "indiv_to_company"),
        ((indiv, "其中：转为公司制企业", "占比(%)"), "rate", "indiv_to_company_share"),
        (("省级以上“守合同重信用”企业", "本年新增"), "ytd", "contract_credit"),
    ]
    if y >= 2020:  # the drift: a column for last year's figure appears in 2020
        columns.insert(3, ((new, "合计", "上年同期"), "prev", "new_sme"))
    width = len(columns)
    g = Grid("小微企业发展情况", width)
    g.line(f"{qt.ytd()}各县（市、区）小微企业发展情况表（示例数据）", "title")
    for text in MARKET_FORM:
        g.line(text, "meta", start=width - 3)
    r = g.add(["填报单位：嘉兴市市场监督管理局（盖章）"] + [None] * (width - 3) + ["单位：家、户、%"], "meta")
    g.merge(r, 0, r, 3)
    g.merge(r, width - 2, r, width - 1)
    g.headers([c[0] for c in columns])
    g.add(["甲", "乙"] + list(range(1, width - 1)), "code")
    rows: dict[str, int] = {}
    for code in (CITY, *COUNTIES, None, *ZONES):
        if code is None:
            g.add([None] * width, "spacer")
            continue
        if code == CITY:
            label = "全  市"
        else:
            label = spaced(code) if code in COUNTIES else region(code).short_name
        values: list = [label, f"{len(rows) + 1:02d}"]
        fmts: list = [None, None]
        for _, kind, ind in columns[2:]:
            if kind == "prev":
                values.append(b.figure("ytd", ind, code, y - 1, m))
            else:
                values.append(b.figure(kind, ind, code, y, m))
            fmts.append("0.0" if kind == "rate" else "0")
        rows[code] = g.add(values, "total" if code == CITY else "data", fmts)
    g.line(MARKET_NOTE)
    g.line(f"填报人：王某某    审核人：陈某    填报日期：{qt.filing_date()}")
    col = {(c[2], c[1]): i for i, c in enumerate(columns) if c[2]}
    if qt == Quarter(2019, 3):
        true = b.truth.ytd("new_sme", CITY, y, m)
        planted = int(true) + b.rng("market-sum").randint(37, 140)
        text = f"全市“新增小微企业”本年累计填报 {planted}，县（市、区）与功能区之和为 {true}，相差 {planted - true}"
        b.plant(path, g, rows[CITY], col[("new_sme", "ytd")], "county_sum_mismatch", text, planted,
                indicator="new_sme", region=CITY, truth=true)  # fmt: skip
    if qt == Quarter(2020, 2):
        r = "330424"
        true, parent = b.truth.ytd("new_sme_8ind", r, y, m), b.truth.ytd("new_sme", r, y, m)
        planted = int(true) * 10 + b.rng("market-sub").randint(0, 9)
        assert planted > parent
        text = f"海盐县“其中：八大万亿产业”{planted} 大于“合计”{parent}（多录一位数字；该列县区之和也与全市不符）"
        b.plant(path, g, rows[r], col[("new_sme_8ind", "ytd")], "sub_item_exceeds_parent", text, planted,
                indicator="new_sme_8ind", region=r, truth=true)  # fmt: skip
    indicators = [c[2] for c in columns if c[1] in ("ytd", "rate")]
    b.save(
        path, [g], department="市场监管局", layout=MARKET_LAYOUT,
        period=period_info(qt.ytd(), qt, 1, m, "ytd"), indicators=indicators,
    )  # fmt: skip


# ---------------------------------------------------------------- 统计局
STATISTICS_LAYOUT = (
    "GBK 编码 CSV，转置（县区为列、用简称），首行标题含期别（一季度、上半年、前三季度、全年），"
    "增速为本年累计同比（%）；2020年起指标名改为“规下小微企业增加值同比增长（可比价）”"
)


def statistics(b: Bundle, qt: Quarter) -> None:
    """CSV in GBK, transposed: counties as columns under their short names."""
    y, m = qt.year, qt.last_month
    path = f"workbooks/{qt.label}/统计局_{qt.cumulative()}规下工业小微企业增加值增速.csv"
    label = "规下小微企业增加值同比增长（可比价）" if y >= 2020 else "规下工业增加值同比增长"
    g = Grid("统计局", 9)
    g.add([f"{qt.cumulative()}各县（市、区）规下工业小微企业增加值增速（示例数据）"], "title")
    g.add(["单位：%"], "meta")
    g.add(["指标名称", "全市"] + [region(c).short_name for c in COUNTIES], "header")
    values = [b.figure("rate", "below_scale_va_growth", c, y, m) for c in (CITY, *COUNTIES)]
    g.add([label, *values], "data", [None] + ["0.0"] * 8)
    g.add(["注：规下工业指年主营业务收入2000万元以下的工业小微企业；增速按可比价格计算，为本年累计同比。"], "note")
    g.add([f"嘉兴市统计局  {qt.filing_date()}"], "note")
    b.save(
        path, [g], department="统计局", layout=STATISTICS_LAYOUT, encoding="gbk",
        period=period_info(qt.cumulative(), qt, 1, m, "rate"), indicators=["below_scale_va_growth"],
    )  # fmt: skip


# ---------------------------------------------------------------- 经信委
INDUSTRY_LAYOUT = (
    "旧版 .xls（BIFF8，xlwt 写出）：合并标题，填报单位与单位行，两行合并表头，县区名带“嘉兴市”前缀，"
    "经开区、港区用全称，合计行在末行，表尾注释；2020年起填报单位改为经信局、“提升集聚片区”列改名"
)


def industry(b: Bundle, qt: Quarter) -> None:
    """Legacy .xls: two merged header rows, prefixed county names, 合计 last."""
    y, m = qt.year, qt.last_month
    path = f"workbooks/{qt.label}/经信委_{qt.until()}小微企业园建设及传统产业改造提升情况.xls"
    cluster = "整治提升小微企业集聚片区（个）" if y >= 2020 else "提升集聚片区（个）"
    exits, parks = "淘汰落后产能和整治“低散乱”", "小微企业创业创新园（基地）"
    columns = [
        (("地区",), None, None),
        ((exits, "淘汰落后和严重过剩产能企业（家）"), "ytd", "obsolete_capacity_exit"),
        ((exits, "关停整治“低散乱”问题企业（家）"), "ytd", "low_scattered_rectified"),
        (("新增“规下”升“规上”工业企业（家）",), "ytd", "upscale_industry"),
        ((parks, "本年新增（个）"), "ytd", "new_parks"),
        ((parks, "累计建成（个）"), "stock", "parks_total"),
        ((parks, "新建标准厂房（万平方米）"), "ytd", "standard_factory_area"),
        ((cluster,), "ytd", "cluster_upgrade"),
    ]
    width = len(columns)
    g = Grid("Sheet1", width)
    g.line(f"{qt.until()}各县（市、区）小微企业园建设及传统产业改造提升情况（示例数据）", "title")
    unit = "嘉兴市经济和信息化局" if y >= 2020 else "嘉兴市经济和信息化委员会"
    r = g.add([f"填报单位：{unit}", None, None, None, None, "单位：家、个、万平方米"], "meta")
    g.merge(r, 0, r, 3)
    g.merge(r, 5, r, width - 1)
    g.headers([c[0] for c in columns])
    rows: dict[str, int] = {}
    for code in (*COUNTIES, *ZONES, CITY):
        values: list = ["合计" if code == CITY else prefixed(code)]
        fmts: list = [None]
        for _, kind, ind in columns[1:]:
            values.append(b.figure(kind, ind, code, y, m))
            fmts.append("0.00" if ind == "standard_factory_area" else "0")
        rows[code] = g.add(values, "total" if code == CITY else "data", fmts)
    g.line("注：“累计建成”为报告期末小微企业园总数，其余指标均为本年1月起累计数；经开区、港区含在合计中。")
    g.line(f"填报人：李某    审核人：周某某    填报日期：{qt.filing_date()}")
    if qt == Quarter(2019, 3):
        r, code = "330482", "low_scattered_rectified"
        true, earlier = b.truth.ytd(code, r, y, m), b.truth.ytd(code, r, y, 6)
        planted = int(b.truth.amount(code, r, y, 7, 9))
        assert planted < earlier
        text = f"平湖市“关停整治低散乱问题企业”本年累计 {planted} 小于上季度累计 {earlier}（误报为当季数；合计仍为正确累计）"
        b.plant(path, g, rows[r], 2, "ytd_decrease", text, planted, indicator=code, region=r, truth=true)
    b.save(
        path, [g], department="经信委", layout=INDUSTRY_LAYOUT,
        period=period_info(qt.until(), qt, 1, m, "ytd"), indicators=[c[2] for c in columns[1:]],
    )  # fmt: skip


# ---------------------------------------------------------------- 发改委
DEVELOPMENT_LAYOUT = (
    "长表 .xlsx（地区、指标、期别、数值、单位），标题与报送单位行在上，期别写“2019年三季度”且为当季数，"
    "嘉兴市行在末；2020年起增加“备注”列"
)


def development(b: Bundle, qt: Quarter) -> None:
    """Long form: one row per region and indicator; the figures are the quarter alone."""
    y, m = qt.year, qt.last_month
    path = f"workbooks/{qt.label}/发改委_{qt.quarter_alone()}服务业小升规情况.xlsx"
    header = ["地区", "指标", "期别", "数值", "单位"] + (["备注"] if y >= 2020 else [])
    g = Grid("数据", len(header))
    g.line(f"{qt.quarter_alone()}服务业“规下”升“规上”小微企业情况（示例数据）", "title")
    g.line("报送单位：嘉兴市发展和改革委员会", "meta")
    g.add(header, "header")
    rng = b.rng("development", qt.label)
    for code in (*COUNTIES, CITY):
        value = b.figure("period", "upscale_service", code, y, m, first=qt.first_month)
        row = [region(code).name, "服务业“规下”升“规上”小微企业（当季新增）", qt.quarter_alone(), value, "家"]
        if y >= 2020:
            row.append("受疫情影响部分企业延期入库" if qt.q == 1 and rng.random() < 0.4 else None)
        g.add(row, "total" if code == CITY else "data", [None, None, None, "0"])
    b.save(
        path, [g], department="发改委", layout=DEVELOPMENT_LAYOUT,
        period=period_info(qt.quarter_alone(), qt, qt.first_month, m, "period"),
        indicators=["upscale_service"],
    )  # fmt: skip
