"""The meeting slides of an assessment: :func:`write_slides`.

One deck per report, 16:9 in the shipped template (or the bureau's own): a title slide,
an overview (points and a chart of the county totals), one slide per key indicator (an
editable chart of completion per county with the 序时进度 as a line, and a caption), the
ranking table and the lagging indicators. Every content slide has speaker notes naming
the period and the departments and workbooks its numbers come from, so a presenter can
answer "where is this from" without leaving the deck.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches

from workbench.models.charts.labels import is_amount, is_qualitative, missing, percent, quantity
from workbench.models.charts.palette import GRADE_FILLS, status_look
from workbench.models.exports.context import ReportError
from workbench.models.exports.pptx_charts import BarsWithLine, add_bars_with_line, add_score_bars
from workbench.models.exports.pptx_summary import (
    at_label, city_name, file_departments, indicator_caption, indicator_rows, lagging_rows, overview_lines,
    period_note, rank_change_text, source_lines, status_key, time_progress,
)
from workbench.models.exports.pptx_tables import Column, add_table
from workbench.models.exports.pptx_text import apply_fonts, clean_text, write_paragraphs
from workbench.models.exports.slide_template import (
    CONTENT_LAYOUT_INDEX, CONTENT_LAYOUT_NAMES, TITLE_LAYOUT_INDEX, TITLE_LAYOUT_NAMES, find_layout, open_template,
)

LAGGING_ROWS_PER_SLIDE = 12
LAGGING_MAX_SLIDES = 3
"""A meeting sees the worst rows; the rest are counted on the last page and listed in the workbook export."""
NOTE_LIMIT = 300
"""Longest county note quoted in the speaker notes."""
_BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
_GREY = "595959"


_ROW_COLUMNS = ["indicator_code", "indicator_name", "short_name", "kind", "unit", "comparator", "region_code",
                "region_name", "level", "actual", "target", "completion", "time_progress", "gap_pp", "status",
                "note", "sources", "data_through"]


class _Snapshot:
    """What the slides read of a :class:`ReportContext`, filtered once.

    The context's ``rows``, ``counties`` and code lists filter the assessment anew on every
    access; the slides ask dozens of times, so they read this copy (plain object columns,
    only those shown) and the deck stays well under a second.
    """

    def __init__(self, context):
        self.options, self.plan, self.figures = context.options, context.plan, context.figures
        self.assessment, self.generated_at, self.at = context.assessment, context.generated_at, context.at
        self.county_codes = context.county_codes
        self.indicator_codes = context.indicator_codes
        self.key_indicator_codes = context.key_indicator_codes
        rows = context.rows
        self.rows = rows[[c for c in _ROW_COLUMNS if c in rows.columns]].astype(object)
        for column in ("actual", "target", "completion", "time_progress", "gap_pp"):
            self.rows[column] = pd.to_numeric(self.rows[column], errors="coerce").astype(float)
        self.counties = context.counties
        self.departments = file_departments(context.figures)


def lagging_pages(context) -> tuple[list[pd.DataFrame], int]:
    """The lagging rows split into slides, and how many rows did not fit.

    Returns
    -------
    pages : list of pandas.DataFrame
        At most :data:`LAGGING_MAX_SLIDES` pages of :data:`LAGGING_ROWS_PER_SLIDE` rows, worst
        first; one empty page when nothing lags (the slide then says so).
    omitted : int
    """
    rows = lagging_rows(context)
    shown = rows.iloc[: LAGGING_ROWS_PER_SLIDE * LAGGING_MAX_SLIDES]
    pages = [shown.iloc[i:i + LAGGING_ROWS_PER_SLIDE].reset_index(drop=True)
             for i in range(0, len(shown), LAGGING_ROWS_PER_SLIDE)]
    return pages or [shown], len(rows) - len(shown)


def _body(slide):
    for shape in slide.placeholders:
        if shape.placeholder_format.idx != 0 and shape.placeholder_format.type in _BODY_TYPES:
            return shape
    return None


def _content_slide(presentation, title: str):
    """A slide of the content layout with ``title``; returns it with the content box (EMU)."""
    slide = presentation.slides.add_slide(find_layout(presentation, CONTENT_LAYOUT_NAMES, CONTENT_LAYOUT_INDEX))
    width, height = presentation.slide_width, presentation.slide_height
    heading = slide.shapes.title
    if heading is None:
        heading = slide.shapes.add_textbox(int(width * 0.05), int(height * 0.04), int(width * 0.9), int(height * 0.12))
    write_paragraphs(heading.text_frame, [clean_text(title, 40)])
    body = _body(slide)
    if body is not None and body.width and body.height:
        box = (body.left, body.top, body.width, body.height)
        body._element.getparent().remove(body._element)
    else:
        box = (int(width * 0.05), int(height * 0.19), int(width * 0.9), int(height * 0.72))
    return slide, box


def _drop_empty_placeholders(slide) -> None:
    """Remove placeholders a bureau's layout has and the deck leaves empty (they show prompts when editing)."""
    for shape in list(slide.placeholders):
        if shape.has_text_frame and not shape.text_frame.text.strip():
            shape._element.getparent().remove(shape._element)


def _sources(context: _Snapshot, rows: pd.DataFrame, detail: bool = False) -> list[str]:
    return source_lines(context, rows, detail=detail, departments=context.departments)


def _notes(slide, lines: list[str]) -> None:
    write_paragraphs(slide.notes_slide.notes_text_frame, [clean_text(line) for line in lines if line])


def _title_slide(presentation, context) -> str:
    slide = presentation.slides.add_slide(find_layout(presentation, TITLE_LAYOUT_NAMES, TITLE_LAYOUT_INDEX))
    width, height = presentation.slide_width, presentation.slide_height
    plan_name = clean_text(context.plan.short_name or context.plan.name, 30)
    city = city_name(context)
    title = f"{'' if plan_name.startswith(city) else city}{plan_name}考核情况"
    heading = slide.shapes.title or slide.shapes.add_textbox(
        int(width * 0.07), int(height * 0.3), int(width * 0.86), int(height * 0.2))
    write_paragraphs(heading.text_frame, [title])
    made = pd.Timestamp(context.generated_at)
    issuer = clean_text(context.options.issuer or context.plan.issuer, 40)
    lines = [at_label(context.at), issuer, f"{made.year}年{made.month}月{made.day}日"]
    subtitle = _body(slide)
    if subtitle is None:
        subtitle = slide.shapes.add_textbox(int(width * 0.07), int(height * 0.6), int(width * 0.86), int(height * 0.25))
    write_paragraphs(subtitle.text_frame, [line for line in lines if line])
    return title


def _overview_slide(presentation, context) -> None:
    slide, (left, top, width, height) = _content_slide(presentation, f"总体情况（{at_label(context.at)}）")
    text_width = int(width * 0.55)
    box = slide.shapes.add_textbox(left, top, text_width, height)
    write_paragraphs(box.text_frame, [f"■ {line}" for line in overview_lines(context)], size=18, space_after=10)
    counties = context.counties.sort_values("rank")
    names = [clean_text(n, 12) for n in counties["region_name"]]
    fills = [GRADE_FILLS.get(str(g), "#c6dbef") for g in counties["grade"]]
    chart_left = left + text_width + Inches(0.2)
    if len(counties):
        add_score_bars(slide.shapes, (chart_left, top, left + width - chart_left, height), names,
                       list(counties["total_score"]), fills, "总分")
    _notes(slide, [period_note(context), "右图为各县（市、区）考核总分，按名次排列，柱色表示等级。",
                   *_sources(context, context.rows)])


def _indicator_spec(counties: pd.DataFrame, progress: float) -> BarsWithLine:
    kind, unit = counties["kind"].iloc[0], str(counties["unit"].iloc[0] or "")
    categories = [f"{clean_text(r.region_name, 10)}\n{status_look(r.status).symbol}{clean_text(r.status, 6)}"
                  for r in counties.itertuples()]
    fills = [status_look(s).fill for s in counties["status"]]
    if is_amount(kind):
        line = [progress if missing(t) else t for t in counties["time_progress"]]
        return BarsWithLine(categories, list(counties["completion"]), line, "完成率", "序时进度", "0.0%", fills)
    percent_unit = unit == "%"
    values = list(counties["actual"]) + list(counties["target"])
    from_zero = all(missing(v) or float(v) >= 0 for v in values)
    return BarsWithLine(categories, list(counties["actual"]), list(counties["target"]),
                        f"实际（{unit}）" if unit else "实际", "目标", '0.0"%"' if percent_unit else "#,##0.0", fills,
                        axis_format='0"%"' if percent_unit else "#,##0", from_zero=from_zero)


def _indicator_notes(context, code: str, city, counties: pd.DataFrame) -> list[str]:
    indicator = context.plan.indicator(code)
    rows = counties if city is None else pd.concat([city.to_frame().T, counties], ignore_index=True)
    lines = [period_note(context),
             f"指标：{clean_text(indicator.name)}（{code}），单位：{clean_text(indicator.unit) or '—'}，"
             f"牵头部门：{clean_text(getattr(indicator, 'lead', '')) or '—'}。"]
    if is_amount(indicator.kind):
        lines.append("柱为完成率（实际 ÷ 目标），虚线为序时进度；柱色和符号表示状态。")
    elif not is_qualitative(indicator.kind):
        lines.append("柱为实际值，虚线为目标值；柱色和符号表示状态。")
    behind = rows[rows["data_through"].notna() & (rows["data_through"].astype(str) < context.at)]
    for row in behind.itertuples():
        lines.append(f"{clean_text(row.region_name, 20)}的数据截至 {row.data_through}。")
    for row in rows.itertuples():
        if not missing(row.note) and str(row.note).strip():
            lines.append(f"{clean_text(row.region_name, 20)}：{clean_text(row.note, NOTE_LIMIT)}")
    return lines + _sources(context, rows, detail=True)


def _indicator_slide(presentation, context, code: str) -> None:
    indicator = context.plan.indicator(code)
    slide, (left, top, width, height) = _content_slide(presentation, clean_text(indicator.name, 36))
    city, counties = indicator_rows(context, code)
    caption_height = Inches(0.95)
    chart_box = (left, top, width, height - caption_height)
    if is_qualitative(indicator.kind) or counties.empty:
        values = [[r.region_name, f"{status_look(r.status).symbol} {r.status}", clean_text(r.note, 60)]
                  for r in counties.itertuples()]
        fills = {(i, 1): status_look(s).fill.lstrip("#") for i, s in enumerate(counties["status"])}
        row_height = min(Inches(0.45), int((height - caption_height) / (len(values) + 1)))
        add_table(slide.shapes, (left, top, width, row_height * (len(values) + 1)),
                  [Column("县（市、区）", 2, limit=12), Column("状态", 2), Column("说明", 6, "l", limit=60)],
                  values, fills=fills)
    else:
        add_bars_with_line(slide.shapes, chart_box, _indicator_spec(counties, time_progress(context)))
    gap = Inches(0.1)
    caption = slide.shapes.add_textbox(left, top + height - caption_height + gap, width, caption_height - gap)
    key = status_key(counties["status"])
    write_paragraphs(caption.text_frame, [(indicator_caption(context, code), {"size": 15}),
                                          (f"状态：{key}" if key else "", {"size": 12, "color": _GREY})])
    _notes(slide, _indicator_notes(context, code, city, counties))


def _ranking_slide(presentation, context) -> None:
    slide, (left, top, width, height) = _content_slide(presentation, f"考核排名（{at_label(context.at)}）")
    counties = context.counties.sort_values("rank")
    rows = [["—" if missing(r.rank) else int(r.rank), r.region_name,
             "—" if missing(r.total_score) else f"{float(r.total_score):.2f}", r.grade,
             rank_change_text(r.rank_change)] for r in counties.itertuples()]
    fills = {(i, 3): GRADE_FILLS[str(g)].lstrip("#") for i, g in enumerate(counties["grade"]) if str(g) in GRADE_FILLS}
    table_width = min(width, Inches(9.5))
    row_height = min(Inches(0.55), int(height / (len(rows) + 1)))
    font = 16 if row_height >= Inches(0.4) else 12
    add_table(slide.shapes, (left + (width - table_width) // 2, top, table_width, row_height * (len(rows) + 1)),
              [Column("名次", 1), Column("县（市、区）", 3, limit=16), Column("总分", 1.6), Column("等级", 1.4),
               Column("名次变化", 1.6)], rows, fills=fills, font_size=font)
    _notes(slide, [period_note(context), "名次变化与上一期考核相比：↑ 上升，↓ 下降。",
                   *_sources(context, context.rows)])


def _lagging_slide(presentation, context, page: pd.DataFrame, number: int, count: int, first: int,
                   omitted: int) -> None:
    suffix = f"（{number}/{count}）" if count > 1 else ""
    slide, (left, top, width, height) = _content_slide(presentation, f"落后于序时进度的指标{suffix}")
    if page.empty:
        box = slide.shapes.add_textbox(left, top, width, Inches(1))
        write_paragraphs(box.text_frame, ["各县（市、区）各项指标均达到序时进度或目标。"], size=20)
        _notes(slide, [period_note(context), *_sources(context, context.rows)])
        return
    rows, fills = [], {}
    for i, r in enumerate(page.itertuples()):
        amount, judged = is_amount(r.kind), not is_qualitative(r.kind)
        done = f"完成 {percent(r.completion)}" if amount else quantity(r.actual, r.unit)
        due = (f"序时 {percent(r.time_progress)}" if amount else f"目标 {quantity(r.target, r.unit)}")
        gap = "—" if missing(r.gap_pp) else f"{float(r.gap_pp):+.1f}"
        rows.append([r.short_name or r.indicator_name, r.region_name, f"{status_look(r.status).symbol} {r.status}",
                     done if judged else "—", due if judged else "—", gap])
        fills[(i, 2)] = status_look(r.status).fill.lstrip("#")
    # The lead-in sits above the table: a table grows downwards when a viewer needs taller rows.
    total = first + len(page) + (omitted if number == count else 0)
    lead = f"按严重程度和差距排列，本页为第 {first + 1}–{first + len(page)} 项"
    if number == count and omitted:
        lead += f"；另有 {omitted} 项差距较小的未列出（共 {total} 项），详见考核明细表"
    lead_height = Inches(0.45)
    box = slide.shapes.add_textbox(left, top, width, lead_height)
    write_paragraphs(box.text_frame, [lead + "。差距单位：百分点。"], size=13, color=_GREY)
    row_height = min(Inches(0.4), int((height - lead_height) / (LAGGING_ROWS_PER_SLIDE + 1)))
    add_table(slide.shapes, (left, top + lead_height, width, row_height * (len(rows) + 1)),
              [Column("指标", 3.2, "l", limit=18), Column("县（市、区）", 1.6, limit=10), Column("状态", 1.5),
               Column("完成情况", 1.6), Column("应达", 1.6), Column("差距", 1.3)], rows, fills=fills,
              font_size=14 if row_height >= Inches(0.36) and width >= Inches(10) else 12)
    _notes(slide, [period_note(context), "按严重程度（未完成、严重滞后、欠进度）和差距排列；差距为完成率与序时进度之差，"
                   "增速和比重类指标为实际值与目标值之差，单位为百分点。", *_sources(context, page)])


def write_slides(context, path, template=None) -> Path:
    """Write the meeting slides of ``context`` to ``path`` and return the path.

    Parameters
    ----------
    context : ReportContext
    path : str or os.PathLike
        The ``.pptx`` to write (replaced if it exists).
    template : str or os.PathLike, optional
        A ``.pptx``/``.potx`` whose layouts to use (see ``resources/templates/README.md``);
        None: the shipped ``slides.pptx``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    SlideTemplateError
        When the template is missing or no PowerPoint file.
    ReportError
        When ``path`` cannot be written.
    """
    presentation = open_template(template)
    context = _Snapshot(context)
    title = _title_slide(presentation, context)
    _overview_slide(presentation, context)
    for code in context.key_indicator_codes:
        _indicator_slide(presentation, context, code)
    _ranking_slide(presentation, context)
    pages, omitted = lagging_pages(context)
    for number, page in enumerate(pages, start=1):
        first = (number - 1) * LAGGING_ROWS_PER_SLIDE
        _lagging_slide(presentation, context, page, number, len(pages), first, omitted)
    for slide in presentation.slides:
        _drop_empty_placeholders(slide)
        apply_fonts(slide.shapes._spTree)
        if slide.has_notes_slide:
            apply_fonts(slide.notes_slide.shapes._spTree)
    properties = presentation.core_properties
    properties.title, properties.subject = title, f"{at_label(context.at)}考核情况"
    properties.author = clean_text(context.options.issuer or context.plan.issuer, 80) or "workbench"
    path = Path(path)
    try:
        presentation.save(path)
    except OSError as exc:
        raise ReportError(f"无法写入幻灯片“{path}”：{exc.strerror or exc}（文件可能正被 PowerPoint 或 WPS 打开）") from exc
    return path
