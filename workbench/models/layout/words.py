"""The words of a Chinese statistical report that tell the layout finder what a row is.

Every pattern here runs on folded text (:func:`~workbench.models.layout.grid.clean_text`:
NFKC, no white space), so "表  号：" and "表号:" look the same.
"""

from __future__ import annotations

import re

# Form-number block and filing lines (DOMAIN.md §5): never data, never headers.
META = re.compile(
    r"^[(（]?(?:表号|表式|表别|制表机关|制定机关|批准机关|批准文号|备案机关|备案文号|文号|有效期至|有效期限|有效期"
    r"|填报单位|填表单位|报送单位|报告单位|报表单位|统计单位|单位名称|综合机关名称|机关名称|组织机构代码|统一社会信用代码)[:：]"
)
# "单位：万元", "计量单位：家、%", "（单位：个）", "金额单位：万元".
UNIT_LINE = re.compile(r"^[(（]?(?:计量单位|金额单位|数量单位|单位)[:：](?P<units>[^)）]*)[)）]?$")
UNIT_IN_TEXT = re.compile(r"[(（]?(?:计量单位|金额单位|单位)[:：](?P<units>[^)）,，;；]*)[)）]?")
# Lines that close a table.
FOOTNOTE = re.compile(
    r"^(?:[*※]?注\d*[:：、.．]|[*※]?注释|[*※]?说明[:：、.．\d]|备注[:：]|附注|填报说明|填表说明|资料来源|数据来源|来源[:：]"
    r"|填报人|填表人|审核人|审批人|制表人|复核人|统计负责人|单位负责人|负责人[:：]|联系人|联系电话|电话[:：]"
    r"|填报日期|报出日期|填表日期|制表日期|报送日期|日期[:：])"
)
# Title words: a text row above the header holding one of them is the table's title.
TITLE_WORDS = re.compile(r"表|情况|统计|汇总|一览|进度|报表|明细|完成|监测|名单|清单")
# Column codes under the header: 甲 乙 丙 …, 1 2 3 …, (1) (2) …, "3=1+2".
CODE_CELL = re.compile(r"^(?:[甲乙丙丁戊己庚辛壬癸]|[A-Z]|[(（]?\d{1,3}[)）]?|\d{1,3}[=＝][\d+\-×*/()（）]+)$")
CODE_LABEL = re.compile(r"^(?:栏次|栏号|代码|列号|序号|行次)$")
SUBITEM = re.compile(r"^(?:其中|内)[:：]?\s*")
SEQUENCE_HEADER = re.compile(r"^(?:序号|编号|行次|栏次|行号|序|No\.?|NO\.?)$")
UNIT_HEADER = re.compile(r"^(?:计量单位|单位|计算单位|单位名称\(计量\))$")
PERIOD_HEADER = re.compile(r"期别|时期|时间|日期|年月|年份|月份|统计期|报告期|所属期|期间|季度")
INDICATOR_HEADER = re.compile(r"指标|项目|名称|内容|类别")
REGION_HEADER = re.compile(r"地区|区域|县|区划|市、区|辖区|属地")
# Columns of a record list that never hold indicator names.
NOT_INDICATOR_HEADER = re.compile(
    r"行业|类型|类别代码|登记|注册|地址|法人|代码|备注|说明|电话|联系人|日期|街道|乡镇|性质|规模|企业名称|单位名称|纳税人"
)
REMARK_HEADER = re.compile(r"^(?:备注|说明|注|附注|备考)$")
# Stub columns beside the indicator names that say what is required or who leads, never a name part.
REQUIREMENT_HEADER = re.compile(r"考核要求|目标要求|考核标准|工作要求|考核办法|计分办法|牵头|责任(?:部门|单位)|配合(?:部门|单位)")
NAME_HEADER = re.compile(r"企业名称|单位名称|企业|公司|纳税人|户名|法人|名称")

# Header words that make a column a rate, share or growth (its unit is %).
PERCENT_HEADER = re.compile(r"增长|增速|增幅|增减|占比|比重|比例|比率|率|%|百分比|同比|环比|占(?!地)|强度|受惠面|覆盖面")
# A unit written at the end of a header: "新增小微企业（家）", "金额(万元)", "贷款余额/亿元".
UNIT_IN_HEADER = re.compile(r"[(（]\s*(?P<unit>[^()（）]{1,8}?)\s*[)）]\s*$|[/／]\s*(?P<unit2>[^/／]{1,5})$")


# A header that states only a basis ("同比增长（%）", "本月", "上年同期"): it belongs to the item before it.
BASIS_ONLY = re.compile(
    r"^(?:本年|今年|当年|本月|当月|本期|当期|本季度?|当季度?|上年同期|去年同期|同期|上年|去年|比上年同期|比上年|较上年"
    r"|比年初|较年初|\d{1,2}[-~至]\d{1,2}月|\d{1,2}月)*(?:累计|新增|增加|增减)?(?:同比)?"
    r"(?:增长|增速|增幅|增减)?(?:率)?(?:数|额|值|量)?$"
)


def basis_only(text: str) -> bool:
    """``True`` for "同比增长（%）", "本年累计", "上年同期"; ``False`` for "新增小微企业"."""
    folded = re.sub(r"[(（][^()（）]*[)）]|[%％]", "", text)
    folded = re.sub(r"[\s:：、]", "", folded)
    return bool(folded) and bool(BASIS_ONLY.match(folded))


def strip_subitem(text: str) -> tuple[str, bool]:
    """``("公司制企业", True)`` for ``"其中：公司制企业"``."""
    match = SUBITEM.match(text)
    if match and len(text) > match.end():
        return text[match.end():], True
    if match and text.startswith("其中"):
        return text, True
    return text, False


def unit_line_units(text: str) -> list[str] | None:
    """The units of a unit line ("单位：家、%" → ``["家", "%"]``), or None when it is no unit line."""
    match = UNIT_LINE.match(text) or UNIT_IN_TEXT.search(text)
    if not match:
        return None
    return [u for u in re.split(r"[、,，/;；和及\s]+", match["units"]) if u]


# Traditional characters common in report headers, for workbooks typed in a traditional
# input method; headers are matched in simplified form (the cells keep what was written).
_TRADITIONAL = str.maketrans(
    "設業個體戶轉萬億產場總計縣區務貸額數內與資經營銷發開實驗檢測儀術專項學創園廠規長齊興鹽寧鄉濟際"
    "際並濱門鎮準類標準單價歲後層雙條達積報統處點環權幣稅費匯點級優惠較進備錄額據臺灣齡對應這裡為於當"
    "門廣來時間季歷變動記錄測驗覽結構僅佔總額增長屬賬費衛藝電訊網絡號碼醫療險證劃費養運輸貿"
    "續產銀聯會議舉辦職員軟硬調查農漁畜養殖總計兩",
    "设业个体户转万亿产场总计县区务贷额数内与资经营销发开实验检测仪术专项学创园厂规长齐兴盐宁乡济际"
    "际并滨门镇准类标准单价岁后层双条达积报统处点环权币税费汇点级优惠较进备录额据台湾龄对应这里为于当"
    "门广来时间季历变动记录测验览结构仅占总额增长属账费卫艺电讯网络号码医疗险证划费养运输贸"
    "续产银联会议举办职员软硬调查农渔畜养殖总计两",
)


def simplified(text: str) -> str:
    """``"新設小微企業"`` → ``"新设小微企业"`` for the characters of :data:`_TRADITIONAL`."""
    return text.translate(_TRADITIONAL)
