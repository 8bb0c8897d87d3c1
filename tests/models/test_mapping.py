"""Column headers as departments write them, mapped to the plan's indicators."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.models.mapping import BASES, Candidate, IndicatorMatcher, MatchResult, basis_from_header
from workbench.models.plan import load_plan, parse_plan


@pytest.fixture(scope="module")
def matcher():
    return IndicatorMatcher(load_plan())


# (header path, unit the table declares, expected indicator or None). Taken from the demo
# workbooks' layouts, from the plan's synonyms and, mostly, written fresh the way
# departments vary them.
HEADERS = [
    # 市场监管局: three merged header rows with 其中 sub-columns
    (("新增小微企业", "合计", "本年累计"), None, "new_sme"),
    (("新增小微企业", "合计", "同比增长(%)"), None, "new_sme_growth"),
    (("新增小微企业", "合计", "上年同期"), None, "new_sme"),
    (("新增小微企业", "其中：八大万亿产业", "本年累计"), None, "new_sme_8ind"),
    (("新增小微企业", "其中：八大万亿产业", "同比增长(%)"), None, "new_sme_8ind_growth"),
    (("新增小微企业", "其中：八大万亿产业"), None, "new_sme_8ind"),
    (("其中：八大万亿产业", "新增数"), None, "new_sme_8ind"),
    (("个体工商户转型升级为企业", "本年累计（户）"), None, "indiv_to_enterprise"),
    (("个体工商户转型升级为企业", "其中：转为公司制企业", "户数"), None, None),  # the numerator, no indicator
    (("个体工商户转型升级为企业", "其中：转为公司制企业", "占比(%)"), None, "indiv_to_company_share"),
    (("个转企", "其中：公司制"), "%", "indiv_to_company_share"),
    (("个转企 其中：转为公司制",), "%", "indiv_to_company_share"),
    (("个转企 其中：转为公司制",), "户", None),  # a count is not the share
    (("其中：公司制",), None, None),
    (("省级以上“守合同重信用”企业", "本年新增"), None, "contract_credit"),
    (("新设小微企业（家）",), None, "new_sme"),
    (("小微企业新增数 本年累计",), None, "new_sme"),
    (("新登记小微企业数（户）",), None, "new_sme"),
    (("全市新增小微企业",), None, "new_sme"),
    (("2019年1-9月", "新增小微企业"), None, "new_sme"),
    (("新增小微企业", "本月"), None, "new_sme"),
    (("新增小微企业同比增长(%)",), None, "new_sme_growth"),
    (("八大万亿产业小微企业新增数(家)",), None, "new_sme_8ind"),
    (("新设八大产业小微企业增速",), None, "new_sme_8ind_growth"),
    (("个转企（户）",), None, "indiv_to_enterprise"),
    (("“两增两控”目标",), None, "two_up_two_control"),
    # 统计局
    (("规下工业增加值 同比增长(%)",), None, "below_scale_va_growth"),
    (("规下小微企业增加值同比增长（可比价）",), "%", "below_scale_va_growth"),
    (("规下工业增加值增速",), None, "below_scale_va_growth"),
    # 经信委
    (("淘汰落后产能和整治“低散乱”", "淘汰落后和严重过剩产能企业（家）"), None, "obsolete_capacity_exit"),
    (("淘汰落后产能和整治“低散乱”", "关停整治“低散乱”问题企业（家）"), None, "low_scattered_rectified"),
    (("“低散乱”企业整治（家）",), None, "low_scattered_rectified"),
    (("淘汰落后产能企业数",), None, "obsolete_capacity_exit"),
    (("新增“规下”升“规上”工业企业（家）",), None, "upscale_industry"),
    (("工业小升规企业数",), None, "upscale_industry"),
    (("小微企业创业创新园（基地）", "本年新增（个）"), None, "new_parks"),
    (("小微企业创业创新园（基地）", "累计建成（个）"), None, "parks_total"),
    (("小微企业园总数（个）",), None, "parks_total"),
    (("新增小微园区",), None, "new_parks"),
    (("小微企业创业创新园（基地）", "新建标准厂房（万平方米）"), None, "standard_factory_area"),
    (("标准厂房建设面积（万平方米）",), None, "standard_factory_area"),
    (("整治提升小微企业集聚片区（个）",), None, "cluster_upgrade"),
    # 发改委 (long form: the indicator cell alone), 商务局 (transposed)
    (("服务业“规下”升“规上”小微企业（当季新增）",), None, "upscale_service"),
    (("服务业小升规（家）",), None, "upscale_service"),
    (("新增“限下”升“限上”批零住餐小微企业（本年累计）",), "家", "uplimit_trade"),
    (("限下升限上企业（家）",), None, "uplimit_trade"),
    (("新增对外贸易经营者备案登记企业（本年累计）",), "家", "new_trade_registrants"),
    (("新增有外贸出口实绩小微企业（本年累计）",), "家", "new_exporters"),
    # 金融办, 银监分局, 人行
    (("新三板挂牌企业数",), None, "neeq_listed"),
    (("浙江股权交易中心挂牌企业",), "家", "zjex_listed"),
    (("股改企业",), None, "new_joint_stock"),
    (("新增社区银行（个）",), None, "community_branches"),
    (("新增小微企业贷款（亿元）",), None, "new_sme_loans"),
    (("小微企业贷款余额比年初增加",), None, "new_sme_loans"),
    (("小微企业贷款", "比年初增加"), "万元", "new_sme_loans"),
    (("小微企业贷款增加额（亿元）",), None, "new_sme_loans"),
    (("小微企业贷款增量占比(%)",), None, "sme_loan_increment_share"),
    (("小微企业贷款增量占各项贷款增量比重（%）",), None, "sme_loan_increment_share"),
    (("小微企业贷款余额",), "万元", None),  # a balance, not the increment
    (("各项贷款比年初增加",), "万元", None),
    (("小微企业贷款余额同比增长(%)",), None, None),  # no growth indicator for loans
    (("小微企业贷款不良率容忍度（个百分点）",), None, "sme_npl_tolerance"),
    # 税务局
    (("受惠面(%)",), None, "tax_relief_coverage"),
    (("小微企业税收优惠受惠面（%）",), None, "tax_relief_coverage"),
    (("享受减免税优惠小微企业户数",), None, None),
    # 科技局, 质监局
    (("新增科技型小微企业", "本年累计（家）"), None, "new_tech_sme"),
    (("新增科技型小微企业", "同比增长"), None, "new_tech_sme_growth"),
    (("新认定科技型小微企业（家）",), None, "new_tech_sme"),
    (("科技型小微企业增速(%)",), None, "new_tech_sme_growth"),
    (("研发投入强度（占销售收入）",), None, "tech_rd_share"),
    (("科技型中小企业研发费用占营业收入比重",), None, "tech_rd_share"),
    (("研发经费占销售收入比例（%）",), None, "tech_rd_share"),
    (("科技人员占职工总数比例",), None, "tech_staff_share"),
    (("科技活动人员占从业人员比例",), None, "tech_staff_share"),
    (("产业创新服务综合体（本年建成，个）",), None, "innovation_complex"),
    (("检验检测资源开放", "开放科研设施与仪器（台次）"), None, "open_instruments"),
    (("大型科研仪器开放服务（台次）",), None, "open_instruments"),
    (("检验检测资源开放", "开放实验室服务（批次）"), None, "open_lab_services"),
    (("实验室检测服务批次",), None, "open_lab_services"),
    (("检测资源平台覆盖",), None, "testing_platform_coverage"),
    # columns that belong to no indicator
    (("营业收入",), None, None),
    (("从业人员",), None, None),
    (("企业名称",), None, None),
    (("行业",), None, None),
    (("利润总额",), "万元", None),
    (("新增注册资本（万元）",), None, None),
    (("个体工商户数",), None, None),
    (("检验检测机构数（家）",), None, None),
    (("小微企业主营业务收入",), "万元", None),
    (("新增小微企业", "全年目标"), None, None),
    (("新增小微企业", "完成率(%)"), None, None),
    (("新增股份公司", "同比增长"), None, None),
]


def test_header_table_is_mapped_well(matcher):
    assert len(HEADERS) >= 40
    wrong, confident_wrong = [], []
    for path, unit, expected in HEADERS:
        result = matcher.match(path, unit)
        got = result.best.code if result.best else None
        if got != expected:
            wrong.append((path, unit, expected, got, result.candidates[:2]))
            if result.best is not None and result.best.confidence >= 0.8:
                confident_wrong.append(wrong[-1])
    assert confident_wrong == []
    assert len(wrong) <= 0.1 * len(HEADERS), wrong


@pytest.mark.parametrize(
    "header",
    ["地区", "地  区", "单位", "序号", "县（市、区）", "县(市、区)", "备注", "指标名称", "合计", "行次", "甲", "1", "全市"],
)
def test_non_indicator_headers_give_nothing(matcher, header):
    result = matcher.match([header])
    assert result.best is None and result.candidates == [] and not result.ambiguous
    assert result.note


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("本年累计", "ytd"), ("累计", "ytd"), ("1-9月", "ytd"), ("1—9月累计", "ytd"), ("前三季度", "ytd"),
        ("本年新增", "ytd"), ("本月", "period"), ("当月", "period"), ("当季", "period"), ("本季", "period"),
        ("三季度", "period"), ("年末数", "stock"), ("期末数", "stock"), ("余额", "stock"), ("总数", "stock"),
        ("总量", "stock"), ("累计建成", "stock"), ("同比", "growth"), ("同比增长(%)", "growth"), ("增速", "growth"),
        ("增长率", "growth"), ("比上年同期增长", "growth"), ("同比增减%", "growth"), ("比年初", "since_year_start"),
        ("比年初增加", "since_year_start"), ("较年初", "since_year_start"), ("余额比年初增加", "since_year_start"),
        ("上年同期", "last_year"), ("上年同期累计", "last_year"), ("年初数", "last_year"),
        ("同比增加", "yoy_change"), ("同比增减额", "yoy_change"), ("新增小微企业", None), ("地区", None),
        ("科技人员占职工总数比例", None), ("", None),
    ],
)  # fmt: skip
def test_basis_from_header(text, basis):
    assert basis_from_header(text) == basis
    assert basis is None or basis in BASES


def test_result_basis_comes_from_the_path(matcher):
    assert matcher.match(["新增小微企业", "本年累计"]).basis == "ytd"
    assert matcher.match(["新增小微企业", "合计", "上年同期"]).basis == "last_year"  # mapped, marked as not current
    assert matcher.match(["小微企业贷款", "比年初增加"]).basis == "since_year_start"
    assert matcher.match(["新增小微企业", "同比增减（家）"]).basis == "yoy_change"  # a difference in 家
    # a bare 累计 of a stock indicator is the level reached
    result = matcher.match(["小微企业创业创新园（基地）", "累计"])
    assert result.best.code == "parks_total" and result.basis == "stock"


def test_growth_column_maps_to_the_growth_sibling_never_to_the_amount(matcher):
    result = matcher.match(["新增小微企业", "同比增长"], unit="家")  # 单位：家 over the whole table
    assert result.best.code == "new_sme_growth"
    assert result.basis == "growth" and result.unit is None  # 家 describes the neighbours, not the rate
    assert all(c.code != "new_sme" for c in result.candidates)
    assert "增速" in result.best.reason


def test_growth_column_without_a_growth_indicator_stays_unmapped(matcher):
    result = matcher.match(["新增股份公司", "同比增长(%)"])
    assert result.best is None
    assert all(c.code != "new_joint_stock" for c in result.candidates)
    assert "没有该指标的增速指标" in result.note


def test_a_sub_item_maps_to_its_own_indicator(matcher):
    result = matcher.match(["新增小微企业", "其中：八大万亿产业", "本年累计"])
    assert result.best.code == "new_sme_8ind" and result.subset
    assert all(c.code != "new_sme" for c in result.candidates[:1])
    assert not matcher.match(["新增小微企业", "本年累计"]).subset


def test_unit_fit_raises_and_contradiction_lowers(matcher):
    plain = matcher.match(["新增小微企业"]).best.confidence
    fitting = matcher.match(["新增小微企业"], unit="家").best.confidence
    assert fitting > plain
    contradicted = matcher.match(["新增小微企业"], unit="亿元")
    assert contradicted.best.code == "new_sme_loans"  # in 亿元 it can only be the loans
    count = next(c for c in contradicted.candidates if c.code == "new_sme")
    assert count.confidence < 0.5 and "不符" in count.reason
    assert matcher.match(["新增小微企业"], unit="%").best is None  # a % column: growth? share? completion?


def test_a_unit_in_the_header_beats_the_table_unit(matcher):
    result = matcher.match(["新增小微企业贷款（亿元）"], unit="万元")
    assert result.unit == "亿元" and result.best.code == "new_sme_loans"


def test_a_share_needs_a_share_word_or_percent(matcher):
    count = matcher.match(["个转企", "其中：转为公司制"])
    assert count.best is None
    share = next(c for c in count.candidates if c.code == "indiv_to_company_share")
    assert "分子" in share.reason
    assert matcher.match(["个转企", "其中：转为公司制"], unit="%").best.code == "indiv_to_company_share"


def test_close_candidates_are_ambiguous_and_never_forced(matcher):
    result = matcher.match(["挂牌企业数"])  # 新三板 or 浙江股权交易中心?
    assert result.ambiguous and result.best is None
    assert {c.code for c in result.candidates[:2]} == {"neeq_listed", "zjex_listed"}
    assert "人工确认" in result.note


PLAN_WITH_TWINS = """
id = "twins"
name = "两个几乎同名的指标"
period_start = "2018-01"
period_end = "2020-12"
base_year = 2017
city = "330400"
[[indicators]]
code = "a"
name = "新增科技型小微企业"
unit = "家"
target = 10
comparator = ">="
kind = "cumulative"
lead = ["甲"]
source = "…"
[[indicators]]
code = "b"
name = "新增科技型中小企业"
unit = "家"
target = 10
comparator = ">="
kind = "cumulative"
lead = ["乙"]
source = "…"
"""


def test_twins_are_ambiguous():
    result = IndicatorMatcher(parse_plan(PLAN_WITH_TWINS)).match(["新增科技型小微企业（家）"])
    assert result.ambiguous and result.best is None and len(result.candidates) == 2


def test_weak_matches_are_not_given_as_best(matcher):
    result = matcher.match(["小微企业贷款"])  # a balance or the increment? the header does not say
    assert result.best is None
    assert result.candidates and result.candidates[0].code == "new_sme_loans"
    assert result.candidates[0].confidence < 0.6


def test_results_are_well_formed(matcher):
    for path, unit, _ in HEADERS:
        result = matcher.match(path, unit)
        assert isinstance(result, MatchResult)
        assert all(isinstance(c, Candidate) and 0 <= c.confidence <= 1 and c.reason for c in result.candidates)
        assert [c.confidence for c in result.candidates] == sorted((c.confidence for c in result.candidates), reverse=True)
        if result.best is not None:
            assert result.best == result.candidates[0] and not result.ambiguous
            assert result.best.confidence >= matcher.threshold
        if result.ambiguous:
            assert result.best is None


def test_a_single_string_is_one_header(matcher):
    assert matcher.match("新增小微企业").best.code == "new_sme"


def test_blank_cells_in_the_path_are_skipped(matcher):
    assert matcher.match([None, "新增小微企业", "", "本年累计"]).best.code == "new_sme"


class CountingMatcher(IndicatorMatcher):
    calls = 0

    def _match(self, *args):
        CountingMatcher.calls += 1
        return super()._match(*args)


def test_repeated_headers_are_matched_once():
    matcher = CountingMatcher(load_plan())
    distinct = [(path, unit) for path, unit, _ in HEADERS[:50]]
    first = {key: matcher.match(*key) for key in distinct}
    for i in range(10_000):
        path, unit = distinct[i % len(distinct)]
        assert matcher.match(path, unit) == first[(path, unit)]
    assert CountingMatcher.calls == len(set(distinct))


def test_a_cached_result_cannot_be_spoiled_by_its_caller(matcher):
    result = matcher.match(["新增小微企业"])
    result.candidates.clear()
    assert matcher.match(["新增小微企业"]).candidates


def test_context_only_breaks_ties(matcher):
    without = matcher.match(["小微企业创业创新园（基地）"])
    within = matcher.match(["小微企业创业创新园（基地）"], context="小微企业园 累计建成情况")
    assert within.best.code == without.best.code == "parks_total"
    assert 0 <= within.best.confidence - without.best.confidence <= 0.03 + 1e-9


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=20)), max_size=4), st.one_of(st.none(), st.text(max_size=4)))
def test_match_never_raises(matcher, path, unit):
    result = matcher.match(path, unit)
    assert result.best is None or (not result.ambiguous and result.best.confidence >= matcher.threshold)
