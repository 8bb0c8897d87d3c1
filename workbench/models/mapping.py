"""First-cut mapping of column headers to plan indicators, and the basis a header states.

:class:`IndicatorMatcher` scores every indicator of a plan against a header path such as
``["新增小微企业", "其中：八大万亿产业", "本年累计"]`` and proposes the best one. It never
forces a choice: two close candidates give ``ambiguous=True`` and no ``best``; a weak
one gives no ``best``; the reviewer decides on the mapping screen.

* Text is folded (NFKC, no spaces, quotes or brackets), variants of a word are unified
  (新设→新增, 中小企业→小微企业, 营业收入→销售收入, 比重/占比→比例 …), units in brackets are
  taken out and basis words (本年累计, 同比, 余额 …) set aside: "小微企业新增数 本年累计"
  meets the synonym "小微企业新增数".
* Texts are compared as character bigrams weighted by how rare each is among the plan's
  indicators, leaning on precision (a header is usually a shortening of a name). The last
  meaningful element of the path matters most; parent elements add context.
* The kind of figure must fit: a 同比/增速 column of an amount maps only to that amount's
  growth indicator (``kind="annual_growth"``, ``of`` set) or to nothing; a share needs
  占比/比重/比例 or ``%``; a balance (余额) is no increment. A unit that fits raises the
  confidence a little; one that contradicts it lowers it sharply.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from workbench.models.plan import Indicator, Plan
from workbench.models.units import UNITS, compatible, dimension, normalise_unit

# The bases of periods.BASES, plus the ones only a column header states.
BASES = {
    "ytd": "本年累计", "period": "当期", "stock": "期末数", "growth": "同比增长（%）",
    "since_year_start": "比年初增减", "last_year": "上年同期（不是本期数）", "yoy_change": "同比增减量（不是本期数）",
}  # fmt: skip
_RANGE = r"\d{1,2}[-~至到]\d{1,2}月"
# First hit wins; the order settles overlaps ("比上年同期增长" is growth, not last year).
_BASIS_RULES = [(basis, re.compile(pattern)) for basis, pattern in [
    ("since_year_start", r"[比较](?:上?年初|上年末|上年底)"),
    ("yoy_change", r"同比(?:增加|减少|多|少|增减(?:额|量|数))|比上年同期(?:增加|减少)"),
    ("growth", r"同比|增速|增幅|增长率|增长(?![额量数])|增减|±|[比较](?:上年|去年)"),
    ("last_year", r"上年|去年|年初数|年初余额"),
    ("stock", r"年末|期末|月末|季末|年底|余额|总数|总量|存量|时点|末数|累计(?:建成|已建|达到)"),
    ("ytd", rf"累计|本年|今年|当年|全年|自年初|{_RANGE}|前[一二三]季度|上半年"),
    ("period", r"本月|当月|单月|本季|当季|单季|本期|当期|下半年|\d{1,2}月|[一二三四1-4]季度"),
]]
_DENOMINATOR = re.compile(r"占.*?(?:比例|比重|比率|比)")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』《》〈〉")
_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "~": "-", "～": "-"})
_UNIFY = [(re.compile(pattern), word) for pattern, word in [
    (r"中小微企业|中小企业|小型微型企业|小微型企业", "小微企业"),
    (r"新设立|新设|新登记注册|新登记|新注册|新成立|新开办", "新增"),
    (r"研究与试验发展经费|r&d经费|r&d投入|r&d|研发费用|研发经费|研发支出", "研发投入"),
    (r"主营业务收入|营业收入|营收|销售额", "销售收入"),
    (r"所占比重|所占比例|比重|占比|比率", "比例"),
    (r"规模以下", "规下"), (r"规模以上", "规上"), (r"限额以下", "限下"), (r"限额以上", "限上"),
    (r"个体工商户", "个体户"), (r"转为|转成", "转"),
    (r"小微企业创业创新园基地|小微企业创业创新园|创业创新园基地|小微企业园区|小微园区|小微企业创业园|小微企业园|小微园",
     "小微园"),
    (r"八大产业", "八大万亿产业"), (r"守重", "守合同重信用"), (r"检验检测", "检测"), (r"股改", "股份制改造"),
]]  # fmt: skip
_BASIS_WORDS = re.compile(
    r"[比较](?:上?年初|上年末|上年底)(?:增加|增减|增长)?|[比较](?:上年|去年)(?:同期)?(?:增长率|增长|增减|增加|减少)?"
    r"|同比(?:增长率|增长|增减|增速|增幅|增加|减少)?|年均(?:增长率|增长|增速)?|增长率|增速|增幅|增长(?![额量])|增减|±"
    r"|上年同期数?|去年同期|上年年?末|上年底|上年度|年初数|年初余额|本年累计数?|累计(?:建成|已建|达到|数)?"
    r"|自年初|本年|今年|当年|全年|前[一二三]季度|上半年|下半年|本月数?|当月|单月|本季度?|当季度?|单季|当期|本期"
    r"|年末数|期末数|年末余额|期末余额|余额|年末|期末|季末|月末|年底|末数|总数|总量|存量|时点数"
    r"|完成数|完成情况|实际完成|实绩|实际|绝对数|绝对值|数值|可比价|现价|合计|小计|总计"
    rf"|\d{{2,4}}年度?|{_RANGE}份?|\d{{1,2}}月份?|第?[一二三四]季度"
)
_PUNCTUATION = re.compile(r"[()（）\[\]【】〔〕%:：,，、;；/.·\-]")
_SUFFIX = re.compile(r"(?<![总指系])(?:户数|家数|个数|数量|数)$")
_NUMBERING = re.compile(r"^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑳])")
_SCOPE = re.compile(r"^(?:全市|全省|全县|全区|嘉兴市|各县市区|各地)")
_SUBSET = re.compile(r"^(?:其中[:：]?|#|内[:：]|含[:：])")
_BRACKET = re.compile(r"[(（\[【〔]([^()（）\[\]【】〔〕]*)[)）\]】〕]")
_STOP = {
    "地区", "单位", "序号", "行次", "栏次", "县市区", "县区", "区县", "区域", "市县区", "备注", "说明", "注",
    "指标", "指标名称", "项目", "项目名称", "名称", "企业名称", "单位名称", "行业", "行业名称", "行业代码",
    "行业类别", "代码", "统一社会信用代码", "计量单位", "期别", "时间", "日期", "年份", "月份", "年度",
    "填报单位", "联系人", "联系电话", "电话", "全市", "全省", "乡镇", "街道", "乡镇街道", "甲", "乙", "丙", "丁",
}  # fmt: skip
_NOT_ACTUAL = re.compile(r"目标|任务|计划数|完成率|完成比例|完成进度|序时进度|进度|得分|排名|位次|名次|权重|分值")
# What is left of an element that names no indicator by itself ("本年新增", "企业户数").
_GENERIC = {"", "新增", "企业", "小微企业", "个体户", "个体", "市场主体", "法人单位", "比例", "增加", "增量", "建成",
            "新建", "完成", "金额", "其中", "数"}  # fmt: skip
_MONEY = {name for name, u in UNITS.items() if u.dimension == "money"}
_CODE = re.compile(r"[\da-z.]+")
_YTD = re.compile(rf"本年|今年|当年|{_RANGE}|前[一二三]季度|上半年")
_FLOW = re.compile(r"新增|新建|新认定|增量|(?<!年初)增加(?!值)")
_SHARE = re.compile(r"占|比例|受惠面|受惠率|强度|覆盖率|容忍度|(?<!增长)(?<!完成)率")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    return re.sub(r"\s+", "", text).lower()


def basis_from_header(text: str) -> str | None:
    """The basis a header text states, a key of :data:`BASES`, or ``None``.

    ``本年累计``/``累计``/``1-9月`` → ``"ytd"``; ``本月``/``当季`` → ``"period"``;
    ``年末数``/``期末数``/``余额``/``总量``/``累计建成`` → ``"stock"``; ``同比``/``增速``/
    ``增长率``/``比上年同期增长`` → ``"growth"``; ``比年初增加``/``较年初`` →
    ``"since_year_start"``; ``上年同期``/``年初数`` → ``"last_year"`` (an earlier figure,
    not the current one); ``同比增加``/``同比增减额`` → ``"yoy_change"``. A bare
    ``累计数`` is ``"ytd"`` (the usual 本月数/累计数 pair); :meth:`IndicatorMatcher.match`
    reads it as ``"stock"`` when the indicator is a stock.
    """
    folded = _fold(text) if isinstance(text, str) else ""
    folded = _DENOMINATOR.sub("占比", folded)  # "占职工总数比例": a denominator states no basis
    for basis, pattern in _BASIS_RULES:
        if pattern.search(folded):
            return basis
    return None


@dataclass(frozen=True)
class Candidate:
    """One indicator a header may mean, with a confidence in [0, 1] and why."""

    code: str
    name: str
    confidence: float
    reason: str


@dataclass(frozen=True)
class MatchResult:
    """What a header path means.

    ``best`` is set only when one candidate is confident enough and clearly ahead;
    ``unit`` is the unit the header itself or the caller gave; ``subset`` is True for a
    "其中" sub-item; ``note`` explains a header that maps to nothing.
    """

    best: Candidate | None
    candidates: list[Candidate]
    basis: str | None
    ambiguous: bool
    unit: str | None = None
    subset: bool = False
    note: str | None = None


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) if len(text) > 1 else frozenset({text} - {""})


def _chars(grams: frozenset[str]) -> frozenset[str]:
    return frozenset(c for g in grams for c in g)


@dataclass
class _Text:
    """A header element or an indicator term, read once.

    ``plain`` is the folded text without units and punctuation, ``core`` also without a
    count suffix (新增数 → 新增), ``stripped`` also without basis words (本年累计, 同比 …);
    ``grams`` holds the bigrams and the characters of ``stripped``.
    """

    raw: str
    plain: str = ""
    core: str = ""
    stripped: str = ""
    units: list[str] = field(default_factory=list)
    subset: bool = False
    grams: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

    def __post_init__(self):
        text = _NUMBERING.sub("", _fold(self.raw))
        self.subset = bool(_SUBSET.match(text))
        text = _SCOPE.sub("", _SUBSET.sub("", text))
        # "（本年建成，个）": units leave the text, other words in brackets stay.
        tokens = [(normalise_unit(t), t) for c in _BRACKET.findall(text) for t in re.split(r"[,，、;；/]", c)]
        self.units = [u for u, _ in tokens if u]
        text = _BRACKET.sub("", text) + "".join(t for u, t in tokens if not u)
        if text.endswith("%"):
            self.units.append("%")
        for pattern, word in _UNIFY:
            text = pattern.sub(word, text)
        self.plain = _PUNCTUATION.sub("", text)
        self.core = _SUFFIX.sub("", self.plain) or self.plain
        self.stripped = _SUFFIX.sub("", _PUNCTUATION.sub("", _BASIS_WORDS.sub("", text)))
        self.grams = (_bigrams(self.stripped), _chars(_bigrams(self.stripped)))  # compared in two ways


class IndicatorMatcher:
    """Proposes the plan indicator a column (or row) header stands for.

    Parameters
    ----------
    plan
        The plan whose indicators are candidates.
    threshold
        Below this confidence no ``best`` is given (the header stays unmapped).
    margin
        Two candidates both at least 0.5 and closer than this are ambiguous.
    """

    def __init__(self, plan: Plan, *, threshold: float = 0.6, margin: float = 0.1):
        self.plan, self.threshold, self.margin = plan, threshold, margin
        self._cache: dict[tuple, MatchResult] = {}
        self._terms: dict[str, list[tuple[str, _Text, tuple[frozenset, frozenset]]]] = {}
        self._vocab: dict[str, frozenset[str]] = {}
        self._growth_of = {i.of: i for i in plan.indicators if i.kind == "annual_growth" and i.of}
        for ind in plan.indicators:
            labelled = [("名称", ind.name), ("简称", ind.short_name)] + [("同义词", s) for s in ind.synonyms]
            terms = [(f"{label}“{t}”", _Text(t)) for label, t in labelled]
            self._terms[ind.code] = [(label, t, t.grams) for label, t in terms]
            self._vocab[ind.code] = frozenset().union(*(_bigrams(t.core) | g[0] for _, t, g in self._terms[ind.code]))
        self._exact = {t.core for terms in self._terms.values() for _, t, _ in terms}
        # A gram shared by many indicators says little; one no indicator has counts most.
        df = Counter(g for vocab in self._vocab.values() for g in vocab | _chars(vocab))
        count = len(plan.indicators)
        self._unknown = math.log(1 + count)
        self._weights = {g: math.log(1 + count / (n + 0.5)) for g, n in df.items()}

    def _w(self, grams) -> float:
        return sum(self._weights.get(g, self._unknown) for g in grams)

    def _similar(self, header: tuple[frozenset, frozenset], term: tuple[frozenset, frozenset]) -> float:
        """Weighted F0.5 of shared grams, scaled down for a header of common grams only.

        Bigrams keep word order; characters alone (at 0.9) forgive a different order,
        e.g. "服务业规下升规上小微企业" against "新增规下升规上服务业小微企业".
        """
        return max(self._f(header[0], term[0]), 0.9 * self._f(header[1], term[1]))

    def _f(self, header: frozenset[str], term: frozenset[str]) -> float:
        shared = self._w(header & term)
        if not shared:
            return 0.0
        p, r = shared / self._w(header), shared / self._w(term)
        return 1.25 * p * r / (0.25 * p + r) * min(1.0, shared / 5.0)

    def _coverage(self, grams: frozenset[str], vocab: frozenset[str]) -> float:
        return self._w(grams & vocab) / self._w(grams) if grams else 1.0

    def match(self, header_path: Sequence[str], unit: str | None = None, context: str = "") -> MatchResult:
        """The indicator a header path names.

        Parameters
        ----------
        header_path
            Header cells from the top row down, e.g. ``["新增小微企业", "本年累计"]``;
            blanks are skipped. For a long-form table pass the indicator cell alone.
        unit
            The unit the table declares for this column, if any (a unit in the header
            itself, like ``（亿元）``, takes precedence).
        context
            Sheet name and title; a weak tie-breaker only.

        Returns
        -------
        MatchResult
            Cached per ``(header_path, unit, context)``; the list is a fresh copy.
        """
        header_path = [header_path] if isinstance(header_path, str) else header_path
        key = (tuple(str(h) for h in header_path if h is not None), unit, context)
        if key not in self._cache:
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[key] = self._match(key[0], unit, context)
        result = self._cache[key]
        return replace(result, candidates=list(result.candidates))

    def _match(self, path: tuple[str, ...], unit: str | None, context: str) -> MatchResult:
        pieces = [p for h in path for p in re.split(r"\s*(?=其中[:：])", h) if p.strip()]
        elements = [_Text(p) for p in pieces]
        stated = [(b, e) for b, e in zip(map(basis_from_header, pieces), elements) if b]
        basis, where = stated[-1] if stated else (None, None)
        unit = next((u for e in reversed(elements) for u in reversed(e.units)), None) or normalise_unit(unit)
        if basis == "growth" and unit and UNITS[unit].dimension not in ("ratio", "points"):
            if unit in where.units:
                basis = "yoy_change"  # "同比增减（家）" is a difference in 家, not a rate
            else:
                unit = None  # "单位：家" over a 同比 column describes its neighbours, not the rate
        subset = any(e.subset for e in elements)
        meaningful = [e for e in elements if e.stripped not in _GENERIC and not _CODE.fullmatch(e.stripped)]
        unmapped = lambda note: MatchResult(None, [], basis, False, unit, subset, note)  # noqa: E731
        if not elements or elements[-1].plain in _STOP or _CODE.fullmatch(elements[-1].plain):
            return unmapped("不是指标列")
        if not meaningful:
            return unmapped("表头中没有指标名称")
        leaf, parents = meaningful[-1], meaningful[:-1]
        for element in (elements[-1], leaf):
            if _NOT_ACTUAL.search(element.plain) and element.core not in self._exact:
                return unmapped("目标、完成率或排名列，不是实绩数")
        joined = "".join(e.plain for e in elements)
        union = frozenset().union(*(e.grams[0] for e in elements))
        union_grams = (union, _chars(union))
        parent_grams = frozenset().union(*(e.grams[0] for e in parents))
        context_grams = _bigrams(_Text(context).plain) if context else frozenset()
        # A bare 累计 is no flow: "小微园累计" is the level reached; 本年累计 and 1-9月 are flows.
        flow = basis in ("period", "since_year_start") or bool(_FLOW.search(joined) or _YTD.search(joined))
        share = bool(_SHARE.search(joined))
        scores: dict[str, tuple[float, str]] = {}  # per indicator the column holds: confidence, reason
        before_fit, dropped = {}, {}  # confidence before the kind of figure was checked; why it cannot be
        for ind in self.plan.indicators:
            sim, reason, best_grams, best_term = 0.0, "", (frozenset(), frozenset()), None
            for label, term, grams in self._terms[ind.code]:
                if term.core in (leaf.core, leaf.stripped):  # the header may add basis words
                    s, why = 1.0, f"与{label}一致"
                elif term.stripped and term.stripped in (leaf.core, leaf.stripped):  # the term's own differ
                    s, why = 0.9, f"除口径用语外与{label}一致"
                else:
                    s = self._similar(leaf.grams, grams)
                    s = max(s, self._similar(union_grams, grams)) if len(elements) > 1 else s
                    why = f"与{label}相近"
                if s > sim:
                    sim, reason, best_grams, best_term = s, why, grams, term
            if sim < 0.2:
                continue
            vocab = self._vocab[ind.code]
            related = vocab.union(*(self._vocab[c] for c in (ind.parent, ind.of) if c))
            conf = 0.95 * sim * (0.6 + 0.4 * self._coverage(leaf.grams[0], vocab))
            conf *= 0.9 + 0.1 * self._coverage(parent_grams, related)
            before_fit[ind.code] = conf
            omitted = bool(_FLOW.search(best_term.plain))
            target, factor, why = self._kind_fit(ind, basis, unit, flow, share, omitted)
            if target is None:
                dropped[ind.code] = why[0]
                continue
            fit, unit_reason = self._unit_fit(target, unit)
            conf = conf * factor * fit + (0.03 if fit == 1.0 and unit_reason else 0.0)
            if context_grams and conf > 0.3:
                conf += 0.03 * self._coverage(best_grams[0], context_grams)
            conf = round(min(1.0, max(0.0, conf)), 3)
            if conf > scores.get(target.code, (0.0, ""))[0]:
                scores[target.code] = (conf, "；".join(x for x in (reason, *why, unit_reason) if x))
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], kv[0]))[:5]
        candidates = [Candidate(c, self.plan.indicator(c).name, v, r) for c, (v, r) in ranked if v >= 0.3]
        best, ambiguous, note = None, False, None
        top, second = (candidates + [None, None])[:2]
        if second and second.confidence >= 0.5 and top.confidence - second.confidence < self.margin:
            ambiguous, note = True, f"“{top.name}”与“{second.name}”难以区分，请人工确认"
        elif top and top.confidence >= self.threshold:
            best = top
        if best is None and before_fit and not ambiguous:
            code = max(before_fit, key=before_fit.get)
            note = dropped.get(code) if before_fit[code] >= 0.5 else None
        if note is None and best is None:
            note = "没有足够相近的指标" if candidates else "没有相近的指标"
        if best and basis == "ytd" and self.plan.indicator(best.code).kind == "stock" and not _YTD.search(joined):
            basis = "stock"  # a bare 累计 of a stock means the level reached
        return MatchResult(best, candidates, basis, ambiguous, unit, subset, note)

    def _kind_fit(self, ind: Indicator, basis: str | None, unit: str | None, flow: bool, share: bool, omitted: bool):
        """(indicator the column holds or None, factor, reasons); ``omitted``: the header drops the term's 新增."""
        if basis == "growth":
            if ind.kind == "annual_growth":
                return ind, 1.0, []
            sibling = self._growth_of.get(ind.code)
            if sibling is not None:
                return sibling, 1.0, [f"同比增速列，对应“{ind.short_name}”的增速指标"]
            amount = ind.kind in ("cumulative", "stock")
            why = "：计划中没有该指标的增速指标，未匹配" if amount else "，不是该指标本身"
            return None, 0.0, [f"“{ind.short_name}”的增速列{why}"]
        if ind.kind == "annual_growth":
            if basis is None and unit == "%":
                return ind, 0.5, ["仅凭单位“%”推断为增速"]
            return ind, 0.3, ["表头不是增速（无“同比/增长”字样）"]
        factor, reasons = 1.0, []
        if ind.kind == "share" and not (share or unit == "%"):
            factor *= 0.6
            extra = "，可能是计算占比用的分子（计数）" if ind.parent else ""
            reasons.append(f"表头没有“占比/比例/%”字样{extra}")
        if ind.kind in ("cumulative", "stock") and share:
            factor *= 0.7
            reasons.append("表头是占比，指标是数量")
        if ind.kind == "stock" and flow and basis != "stock":
            factor *= 0.75
            reasons.append("表头是新增数，指标是期末总量")
        if ind.kind == "cumulative" and basis == "stock" and not flow:
            factor *= 0.5
            reasons.append("表头是期末存量（余额/总量），指标是期间增量")
        elif ind.kind == "cumulative" and basis is None and not flow and (omitted or ind.unit in _MONEY):
            # A bank's 贷款 column is a balance unless it says 新增/增量/比年初.
            factor *= 0.6 if ind.unit in _MONEY else 0.9
            reasons.append("表头未注明新增或增量，可能是" + ("余额" if ind.unit in _MONEY else "总数"))
        return ind, factor, reasons

    @staticmethod
    def _unit_fit(ind: Indicator, unit: str | None) -> tuple[float, str]:
        if not unit or not ind.unit:
            return 1.0, ""
        if compatible(unit, ind.unit):
            return 1.0, f"单位“{unit}”与指标相符"
        if compatible(unit, ind.unit, count_synonyms=True):
            return 1.0, ""  # 家/户/个 count different things as often as the same
        if {dimension(unit), dimension(ind.unit)} == {"ratio", "points"}:
            return 0.7, f"单位“{unit}”与指标单位“{ind.unit}”含义不同"
        return 0.4, f"单位“{unit}”与指标单位“{ind.unit}”不符"
