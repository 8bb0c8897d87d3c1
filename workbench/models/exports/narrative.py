"""The words of the 考核通报 as plain data: :func:`notification` reads a report context.

Nothing here knows Word: the docx writer lays the :class:`Notification` out, the tests read
its numbers back, and the slides may reuse its sentences. Every figure in the text is taken
from the context's assessment and written as the tables write it (``charts.labels``):
thousands separators, the indicator's own unit, percentages with one decimal, gaps in 百分点.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from workbench.models.assessment.settings import (
    AHEAD, BEHIND, DONE, NO_DATA, NO_TARGET, NOT_DONE, ON_TRACK, PENDING_REVIEW, SERIOUSLY_BEHIND,
)
from workbench.models.charts import labels
from workbench.models.checks.findings import STATUS_CONFIRMED, STATUS_OVERRIDDEN
from workbench.models.periods import Period, PeriodError

CONFIRMED_BY = "市统计局"
"""Who stands behind a quoted explanation: the bureau that runs the checks (DOMAIN.md §1)."""
LAGGING = (SERIOUSLY_BEHIND, NOT_DONE, BEHIND)
"""Statuses that lag, worst first."""
COUNTED = (DONE, AHEAD, ON_TRACK, BEHIND, SERIOUSLY_BEHIND, NOT_DONE, PENDING_REVIEW, NO_DATA, NO_TARGET)
_ORDINALS = "一二三四五六七八九十"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Section:
    """A heading and its paragraphs: level 1 "一、", 2 "（一）", 3 "1." (an empty heading: text only)."""

    level: int
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Table:
    """An attachment table: caption, header, text cells, and the columns that hold numbers."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()
    note: str = ""


@dataclass
class Notification:
    """The notification's parts in reading order (GB/T 9704 版头, 主体, 附件)."""

    title: str
    doc_number: str
    issuer: str
    date_text: str
    recipients: str
    opening: list[str]
    sections: list[Section]
    closing: str
    attachments: list[Table]

    def text(self) -> str:
        """The whole document as plain text, one paragraph a line."""
        lines = [self.title, self.doc_number, self.recipients, *self.opening]
        for section in self.sections:
            lines += ([section.heading] if section.heading else []) + section.paragraphs
        lines += [self.closing, self.issuer, self.date_text]
        for table in self.attachments:
            lines += [table.caption, "\t".join(table.header), *("\t".join(row) for row in table.rows)]
            lines += [table.note] if table.note else []
        return "\n".join(lines)


def clean_text(value: object) -> str:
    """Text taken from a project, safe for a document: no control characters, trimmed."""
    return _INVALID_XML.sub("", "" if labels.missing(value) else str(value)).strip()


def notification(context) -> Notification:
    """Write the 考核通报 of ``context`` (a :class:`~.context.ReportContext`).

    Returns
    -------
    Notification
        Title, 发文字号, issuer, date, 主送机关, opening, sections 一 to 四 and two attachment
        tables (scores and ranks; the status of each indicator in each unit).
    """
    f = _Facts(context)
    sections: list[Section] = []
    for heading, parts in (("总体进展", _overall(f)), ("各地考核情况", _counties(f)),
                           ("需要关注的指标", _attention(f)), ("下步工作要求", _requirements(f))):
        number = sum(1 for s in sections if s.level == 1)
        sections += [Section(1, f"{_ORDINALS[number]}、{heading}"), *parts]
    tables = [_score_table(f), _status_table(f)]
    options, short = context.options, context.plan.short_name
    return Notification(
        title=clean_text(options.title) or f"关于{f.period_words}“{short}”目标任务考核情况的通报",
        doc_number=clean_text(options.doc_number) or f"〔{f.year}〕　号",
        issuer=f.issuer, date_text=f.date_text,
        recipients=f"各{f.unit_words}人民政府，市“{short}”工作领导小组各成员单位：",
        opening=[_opening(f)], sections=sections, closing="特此通报。", attachments=tables)


class _Facts:
    """What the sentences are made of, read once from the context as plain records."""

    def __init__(self, context):
        self.context, plan, options = context, context.plan, context.options
        assessment = context.assessment
        self.year, self.month = (int(x) for x in context.at.split("-"))
        quarter = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
        self.period_words = f"{self.year}年{quarter.get(self.month, f'1-{self.month}月')}"
        self.until_words = f"截至{self.year}年{self.month}月底"
        rows = context.rows.to_dict("records")
        self.city_rows = [r for r in rows if r["level"] == "city"]
        self.city_name = self.city_rows[0]["region_name"] if self.city_rows else "全市"
        self.names = dict(zip(assessment.rows["region_code"].astype(str), assessment.rows["region_name"]))
        self.names[str(plan.city)] = "全市"
        self.by_unit: dict[str, list[dict]] = {}
        for r in rows:
            if r["level"] != "city":
                self.by_unit.setdefault(str(r["region_code"]), []).append(r)
        self.units = context.counties.to_dict("records")
        # Leading and lagging are judged among all units, also when the report shows a few.
        ranked = len(assessment.counties)
        self.leaders = [u for u in self.units if int(u["rank"]) <= min(3, ranked)]
        self.laggards = [u for u in self.units if int(u["rank"]) > max(ranked - 2, 3)]
        levels = {str(r["region_code"]): r["level"] for r in rows}
        zones = sum(1 for u in self.units if levels.get(str(u["region_code"])) == "zone")
        counties = len(self.units) - zones
        self.unit_words = "县（市、区）"
        self.unit_count_words = f"{counties}个县（市、区）" + (f"和{zones}个功能区" if zones else "")
        self.key_codes = set(context.key_indicator_codes)
        progress = [r["time_progress"] for r in self.city_rows
                    if labels.is_amount(r["kind"]) and not labels.missing(r["time_progress"])]
        self.time_progress = Counter(progress).most_common(1)[0][0] if progress else None
        self.scheme_name = re.sub(r"（默认）$", "", assessment.scheme.name)
        self.previous = assessment.previous
        self.issuer = clean_text(options.issuer) or f"{self.city_name}“{plan.short_name}”工作领导小组办公室"
        day = context.generated_at[:10].split("-")
        self.date_text = f"{int(day[0])}年{int(day[1])}月{int(day[2])}日"
        shown = set(context.indicator_codes)
        places = {str(plan.city), *(str(u["region_code"]) for u in self.units)}
        self.findings = [x for x in context.findings if x.indicator_code in shown
                         and str(x.region_code) in places and _period_end(x.period) <= context.at]

    def name_of(self, code) -> str:
        return self.names.get(str(code), str(code))


def _period_end(key: object) -> str:
    try:
        period = Period.from_key(str(key))
    except PeriodError:
        return ""
    return f"{period.year}-{period.last_month:02d}"


def _score(value: object) -> str:
    return labels.MISSING if labels.missing(value) else f"{float(value):.2f}分"


def _versus(what: str, gap: float) -> str:
    gap = round(float(gap), 1)
    if gap == 0:
        return f"与{what}持平"
    return f"{'高于' if gap > 0 else '低于'}{what}{abs(gap):.1f}个百分点"


def _progress(r: dict, with_target: bool = False) -> str:
    """One figure against its target: "新增小微企业29,821家，完成目标的59.6%，高于序时进度1.3个百分点"."""
    name = r["indicator_name"]
    kind, unit, actual, target = r["kind"], r["unit"], r["actual"], r["target"]
    pending = "（数据待审核）" if r["status"] == PENDING_REVIEW else ""
    if labels.is_qualitative(kind):
        return f"{name}{'暂无完成情况' if r['status'] in (NO_DATA, None) else r['status']}"
    if labels.missing(actual):
        return f"{name}暂无数据"
    head = f"{name}{labels.quantity(actual, unit)}"
    if labels.missing(target):
        return f"{head}（未设目标）{pending}"
    goal = labels.quantity(target, unit)
    if r["comparator"] == "<=":
        over = float(actual) - float(target)
        verdict = f"控制在目标{goal}以内" if over <= 0 else f"超出目标{labels.quantity(over, unit)}"
        return f"{head}，{verdict}{pending}"
    if labels.is_amount(kind):
        text = f"{head}，完成目标{f'（{goal}）' if with_target else ''}的{labels.percent(r['completion'])}"
        if not labels.missing(r["gap_pp"]) and not labels.missing(r["time_progress"]):
            text += "，" + _versus("序时进度", r["gap_pp"])
        return text + pending
    if unit == "%":
        return f"{head}，{_versus(f'目标（{goal}）', float(actual) - float(target))}{pending}"
    return f"{head}，目标{goal}{pending}"


def _brief(r: dict) -> str:
    """A county's lagging figure in a list: "嘉善县完成0.0%（低于序时进度58.3个百分点）"."""
    if labels.is_qualitative(r["kind"]):
        return f"{r['region_name']}{r['status']}"
    if labels.is_amount(r["kind"]) and r["comparator"] != "<=" and not labels.missing(r["gap_pp"]):
        return f"{r['region_name']}完成{labels.percent(r['completion'])}（{_versus('序时进度', r['gap_pp'])}）"
    gap = f"（{_versus('目标', float(r['actual']) - float(r['target']))}）" if r["unit"] == "%" else ""
    return f"{r['region_name']}{labels.quantity(r['actual'], r['unit'])}{gap}"


def _number(value: object) -> float:
    return 0.0 if labels.missing(value) else float(value)


def _lag_order(r: dict):
    """Worst first: by status, then the heavier indicator, then the larger gap."""
    return LAGGING.index(r["status"]), -_number(r["weight"]), _number(r["gap_pp"])


def _opening(f: _Facts) -> str:
    qualitative = sum(1 for r in f.city_rows if labels.is_qualitative(r["kind"]))
    counted = f"{len(f.city_rows)}项指标" + (f"（其中定性指标{qualitative}项）" if qualitative else "")
    return (f"为贯彻落实《{f.context.plan.name}》，根据目标责任考核制度，我们对各{f.unit_words}{f.until_words}"
            f"的目标任务完成情况进行了考核，共考核{f.unit_count_words}、{counted}。现将有关情况通报如下：")


def _overall(f: _Facts) -> list[Section]:
    counts = Counter(r["status"] for r in f.city_rows)
    words = "、".join(f"{status}{counts[status]}项" for status in COUNTED if counts[status])
    progress = f"，计划期序时进度为{labels.percent(f.time_progress)}" if f.time_progress is not None else ""
    paragraphs = [f"从全市看，{f.until_words}{progress}。纳入考核的{len(f.city_rows)}项指标中，{words}。"
                  if words else f"从全市看，{f.until_words}暂无可考核的数据。"]
    key = [r for r in f.city_rows if r["indicator_code"] in f.key_codes and not labels.is_qualitative(r["kind"])]
    if key:
        paragraphs.append("主要指标中，" + "；".join(_progress(r, with_target=True) for r in key) + "。")
    return [Section(2, "", paragraphs)]


def _rank_change(u: dict) -> str:
    change = u.get("rank_change")
    if labels.missing(change):
        return ""
    change = int(change)
    return "，名次与上期持平" if change == 0 else f"，较上期{'上升' if change > 0 else '下降'}{abs(change)}位"


def _rank_changes(f: _Facts) -> str:
    changes = [(u["region_name"], int(u["rank_change"])) for u in f.units if not labels.missing(u.get("rank_change"))]
    if f.previous is None or not changes:
        return "本期为首次考核，暂无上期排名可比。"
    since = f"与上期（截至{int(f.previous.at[:4])}年{int(f.previous.at[5:])}月底）相比，"
    moved = {}
    for name, change in changes:
        if change:
            moved.setdefault(change, []).append(name)
    if not moved:
        return since + f"各{f.unit_words}名次均无变化。"
    parts = [f"{'、'.join(names)}{'各' if len(names) > 1 else ''}{'上升' if change > 0 else '下降'}{abs(change)}位"
             for change, names in sorted(moved.items(), reverse=True)]
    rest = "，其余名次不变" if sum(len(n) for n in moved.values()) < len(changes) else ""
    return since + "，".join(parts) + rest + "。"


def _counties(f: _Facts) -> list[Section]:
    if not f.units:
        return [Section(2, "", [f"本期没有纳入考核的{f.unit_words}。"])]
    ranking = "、".join(f"{u['region_name']}{_score(u['total_score'])}" for u in f.units)
    grades = Counter(u["grade"] for u in f.units)
    grade_words = "、".join(f"{g}{grades[g]}个" for g, _ in f.context.assessment.scheme.grades if grades[g])
    first = (f"按照《{f.scheme_name}》计分，各{f.unit_words}得分由高到低依次为：{ranking}。"
             f"按等级分，{grade_words}。{_rank_changes(f)}")
    sections = [Section(2, "（一）得分和排名", [first])]
    for heading, units, describe in (("排名靠前的地区", f.leaders, _leader), ("排名靠后的地区", f.laggards, _laggard)):
        if units:
            sections.append(Section(2, f"（{_ORDINALS[len(sections)]}）{heading}", [describe(f, u) for u in units]))
    return sections


def _standing(u: dict) -> str:
    return f"{u['region_name']}得分{_score(u['total_score'])}，居第{int(u['rank'])}位，等级为{u['grade']}{_rank_change(u)}。"


def _leader(f: _Facts, u: dict) -> str:
    rows = f.by_unit.get(str(u["region_code"]), [])
    good = sorted((r for r in rows if r["status"] in (DONE, AHEAD)),
                  key=lambda r: (r["status"] != DONE, -_number(r["weight"]), -_number(r["gap_pp"])))
    if not good:
        return _standing(u)
    best = "；".join(_progress(r) for r in good[:2])
    return _standing(u) + f"已完成和超进度的指标有{len(good)}项，其中{best}。"


def _laggard(f: _Facts, u: dict) -> str:
    rows = sorted((r for r in f.by_unit.get(str(u["region_code"]), []) if r["status"] in LAGGING), key=_lag_order)
    if not rows:
        return _standing(u) + "各项量化指标均达到序时进度或目标要求。"
    counts = Counter(r["status"] for r in rows)
    split = "、".join(f"{s}{counts[s]}项" for s in LAGGING if counts[s])
    worst = "；".join(_progress(r) for r in rows[:3])
    return _standing(u) + f"有{len(rows)}项指标低于序时进度或目标（{split}），主要是：{worst}。"


def _attention(f: _Facts) -> list[Section]:
    behind = sorted((r for r in f.city_rows if r["status"] in LAGGING), key=_lag_order)
    city = (f"从全市看，{len(behind)}项指标低于序时进度或目标：" + "；".join(_progress(r) for r in behind) + "。"
            if behind else "从全市看，各项量化指标均达到序时进度或目标要求。")
    sections = [Section(2, "（一）全市层面", [city]), Section(2, "（二）分地区情况", _county_lags(f))]
    review = _review(f)
    if review:
        sections.append(Section(2, "（三）数据审核和定性指标情况", review))
    return sections


def _by_indicator(f: _Facts, statuses: tuple[str, ...]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {code: [] for code in f.context.indicator_codes}
    for rows in f.by_unit.values():
        for r in rows:
            if r["status"] in statuses:
                grouped[r["indicator_code"]].append(r)
    return {code: sorted(rows, key=_lag_order) for code, rows in grouped.items() if rows}


def _county_lags(f: _Facts) -> list[str]:
    paragraphs = []
    serious = _by_indicator(f, (SERIOUSLY_BEHIND, NOT_DONE))
    if serious:
        items = [f"{rows[0]['indicator_name']}，{'、'.join(_brief(r) for r in rows)}" for rows in serious.values()]
        paragraphs.append(f"严重滞后的指标有{len(serious)}项：" + "；".join(items) + "。")
    behind = _by_indicator(f, (BEHIND,))
    if behind:
        def places(rows):
            names = [r["region_name"] for r in rows]
            return "、".join(names) if len(names) <= 2 else f"{'、'.join(names[:2])}等{len(names)}个地区"
        items = [f"{rows[0]['indicator_name']}（{places(rows)}）" for rows in behind.values()]
        paragraphs.append(f"欠进度的指标有{len(behind)}项：" + "；".join(items) + "。")
    return paragraphs or [f"各{f.unit_words}各项量化指标均达到序时进度或目标要求。"]


def _review(f: _Facts) -> list[str]:
    paragraphs = []
    blocked: dict[str, list[dict]] = {}
    for r in f.city_rows + [r for rows in f.by_unit.values() for r in rows]:
        if r["status"] == PENDING_REVIEW:
            blocked.setdefault(r["indicator_name"], []).append(r)
    if blocked:
        items = "；".join(f"{name}（{'、'.join(f.name_of(r['region_code']) for r in rows)}）"
                         for name, rows in blocked.items())
        paragraphs.append(f"以下{sum(map(len, blocked.values()))}项数据有尚未处理的审核问题，列为待审核，暂不计入考核："
                          f"{items}。请相关部门尽快核实更正或作出书面说明。")
    for x in sorted((x for x in f.findings if x.status in (STATUS_OVERRIDDEN, STATUS_CONFIRMED)
                     and clean_text(x.explanation)), key=lambda x: (_period_end(x.period), str(x.indicator_code))):
        paragraphs.append(_explained(f, x))
    paragraphs += _qualitative(f)
    return paragraphs


def _explained(f: _Facts, x) -> str:
    name = next((r["indicator_name"] for r in f.city_rows if r["indicator_code"] == x.indicator_code),
                x.indicator_code)
    try:
        when = Period.from_key(str(x.period)).label
    except PeriodError:
        when = ""
    where = clean_text(x.file)
    place = f"（{where}“{clean_text(x.sheet)}”表{clean_text(x.cell)}单元格）" if where else ""
    found = "发现" if x.status == STATUS_OVERRIDDEN else "提示"
    because = clean_text(x.explanation).rstrip("。；;，,. ")
    return (f"经核实，{f.name_of(x.region_code)}“{name}”{when}数据{place}审核{found}“{clean_text(x.rule_name) or x.rule}”，"
            f"说明为：{because}（{CONFIRMED_BY}已确认），相关数据已纳入考核。")


def _qualitative(f: _Facts) -> list[str]:
    items = []
    for r in f.city_rows:
        if not labels.is_qualitative(r["kind"]):
            continue
        undone = [other["region_name"] for rows in f.by_unit.values() for other in rows
                  if other["indicator_code"] == r["indicator_code"] and other["status"] == NOT_DONE]
        note = clean_text(r["note"])
        if r["status"] == DONE:
            text = f"{r['indicator_name']}已完成" + (f"（{note}）" if note else "")
        elif r["status"] == NOT_DONE:
            text = f"{r['indicator_name']}尚未完成" + (f"（{note}）" if note else "")
        else:
            text = f"{r['indicator_name']}尚无完成情况报送，暂不评价"
        items.append(text + (f"，{'、'.join(undone)}尚未完成" if undone else ""))
    return ["定性指标中，" + "；".join(items) + "。"] if items else []


def _requirements(f: _Facts) -> list[Section]:
    items = []
    worst = []
    for u in f.laggards:
        rows = sorted((r for r in f.by_unit.get(str(u["region_code"]), []) if r["status"] in LAGGING), key=_lag_order)
        if rows:
            worst.append(f"{u['region_name']}的{'、'.join(r['indicator_name'] for r in rows[:2])}")
    text = f"各{f.unit_words}要对照目标任务和序时进度，逐项排查滞后指标，细化追赶措施。"
    if worst:
        text += f"特别是{'，'.join(worst)}等指标明显滞后，要分析原因、落实责任，确保按期完成目标任务。"
    items.append(("对标对表，加快补齐短板。", text))
    lagging = [r for r in f.city_rows if r["status"] in LAGGING]
    serious = _by_indicator(f, (SERIOUSLY_BEHIND, NOT_DONE))
    rows = {r["indicator_code"]: r for r in f.city_rows}
    codes = [c for c in dict.fromkeys([r["indicator_code"] for r in lagging] + list(serious)) if c in rows]
    if codes:
        named = codes[:4]  # the city's lagging ones first, then those seriously behind somewhere
        leads = dict.fromkeys(d for c in named for d in re.split("[、，,]", str(rows[c]["lead"])) if d)
        names = "、".join(rows[c]["indicator_name"] for c in named)
        text = (f"{'、'.join(leads)}要加强对{names}{'等' if len(codes) > 4 else ''}指标的跟踪指导，会同各"
                f"{f.unit_words}分析滞后原因，推动相关指标尽快赶上序时进度。")
    else:
        text = f"各牵头部门要加强跟踪指导，会同各{f.unit_words}巩固当前势头，确保全面完成目标任务。"
    items.append(("压实牵头部门责任。", text))
    open_errors = [x for x in f.findings if x.severity == "error" and x.status == "open"]
    departments = list(dict.fromkeys(_department(x.details.get("department")) for x in open_errors
                                     if clean_text(x.details.get("department"))))
    text = "各牵头部门要严格执行数据审核制度，确保数据真实、准确、完整。"
    if open_errors:
        text += (f"目前{'、'.join(departments) or '有关部门'}报送的数据中仍有{len(open_errors)}个审核错误尚未处理，"
                 "请于下次报送前核实更正或作出书面说明。")
    items.append(("提高数据质量。", text))
    missing = [r for r in f.city_rows if labels.is_qualitative(r["kind"]) and r["status"] in (NO_DATA, None)]
    text = f"各牵头部门要在每季度结束后按时报送分{f.unit_words}数据。"
    if missing:
        text += f"{'、'.join(r['indicator_name'] for r in missing)}等定性指标，请牵头部门一并报送完成情况和书面说明。"
    items.append(("按时报送数据。", text))
    return [Section(3, f"{i}.{heading}", [body]) for i, (heading, body) in enumerate(items, start=1)]


def _department(name: object) -> str:
    """A department as the plan names it: the short canonical "经信委" is the city's "市经信委"."""
    name = clean_text(name)
    prefixed = name.startswith(("嘉兴", "人行", "中国人民银行", "市市")) or re.match("市(?!场)", name)
    return name if prefixed else f"市{name}"


_STATUS_COLUMNS = [("已完成", (DONE,)), ("超进度", (AHEAD,)), ("达进度", (ON_TRACK,)), ("欠进度", (BEHIND,)),
                   ("严重滞后", (SERIOUSLY_BEHIND, NOT_DONE)), ("暂不计分", (PENDING_REVIEW, NO_DATA, NO_TARGET))]


def _change_text(change: object) -> str:
    if labels.missing(change):
        return labels.MISSING
    change = int(change)
    return "持平" if change == 0 else f"{'上升' if change > 0 else '下降'}{abs(change)}"


def _score_table(f: _Facts) -> Table:
    header = ["排名", f.unit_words, "总分", "等级", "名次变化", *(name for name, _ in _STATUS_COLUMNS)]
    rows = []
    for u in f.units:
        statuses = Counter(r["status"] for r in f.by_unit.get(str(u["region_code"]), []))
        counts = [str(sum(statuses[s] for s in group)) for _, group in _STATUS_COLUMNS]
        total = labels.MISSING if labels.missing(u["total_score"]) else f"{float(u['total_score']):.2f}"
        rows.append([str(int(u["rank"])), u["region_name"], total, str(u["grade"]), _change_text(u.get("rank_change")),
                     *counts])
    note = ("注：各状态栏为指标项数。“严重滞后”含未完成的定性指标；“暂不计分”含待审核、无数据和无目标的指标。"
            "名次变化与上期相比。")
    return Table(f"各{f.unit_words}考核得分与排名（{f.until_words}）", header, rows, (0, 2, *range(5, 11)), note)


def _status_table(f: _Facts) -> Table:
    units = [str(u["region_code"]) for u in f.units]
    cells = {(r["indicator_code"], str(r["region_code"])): r["status"] for rows in f.by_unit.values() for r in rows}
    header = ["指标", f.city_name, *(f.name_of(code) for code in units)]
    rows = []
    for r in f.city_rows:
        code = r["indicator_code"]
        statuses = [r["status"], *(cells.get((code, unit)) for unit in units)]
        rows.append([r["short_name"], *(labels.MISSING if labels.missing(s) else str(s) for s in statuses)])
    note = ("注：累计和总量类指标按完成目标的比例与序时进度比较，增速和比重类指标按实际值与目标值比较；"
            "“待审核”指数据有尚未处理的审核错误，暂不计入考核。")
    return Table(f"分指标考核情况（{f.until_words}）", header, rows, (), note)
