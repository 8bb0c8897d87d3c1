"""The export page's tables as they are copied: numbers equal the assessment's, HTML safe, gaps as "—"."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from workbench.models.exports.clipboard_tables import (
    INDICATOR_COLUMNS, RANKING_COLUMNS, indicator_table, indicator_title, ranking_table, ranking_title, table_html,
    table_tsv,
)
from workbench.models.exports.context import ReportError, ReportOptions


class _Cells(HTMLParser):
    """Rows of cell texts of every <table>, and the style of each cell."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.styles: list[str] = []
        self.table_styles: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.table_styles.append(attrs.get("style", ""))
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
            self.styles.append(attrs.get("style", ""))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_cells(text: str) -> _Cells:
    parser = _Cells()
    parser.feed(text)
    return parser


def tsv_rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_the_copied_ranking_is_the_assessments_ranking(demo_context):
    counties = demo_context.assessment.counties.sort_values("rank")
    rows = tsv_rows(table_tsv(ranking_table(demo_context)))
    assert rows[0] == RANKING_COLUMNS
    assert len(rows) == 1 + len(counties) == 8
    for row, county in zip(rows[1:], counties.to_dict("records")):
        assert row[0] == str(int(county["rank"]))
        assert row[1] == county["region_name"]
        assert float(row[2]) == pytest.approx(county["total_score"], abs=0.005)
        assert row[2] == f"{county['total_score']:.2f}"  # two decimals, as the page shows a score
        assert row[3] == county["grade"]
        change = county["rank_change"]
        assert row[4] == ("持平" if change == 0 else f"↑{change}" if change > 0 else f"↓{-change}")
    assert html_cells(table_html(ranking_table(demo_context))).rows == rows


def test_the_copied_indicator_table_has_the_assessments_figures(demo_context):
    rows = tsv_rows(table_tsv(indicator_table(demo_context, "new_sme")))
    assert rows[0] == INDICATOR_COLUMNS
    source = demo_context.assessment.rows
    source = source[source["indicator_code"] == "new_sme"]
    assert [r[0] for r in rows[1:]] == ["嘉兴市", *source.loc[source["level"] != "city", "region_name"]]
    by_name = {r["region_name"]: r for r in source.to_dict("records")}
    for row in rows[1:]:
        record = by_name[row[0]]
        assert float(row[1].replace(",", "")) == record["actual"]
        assert float(row[2].replace(",", "")) == record["target"]
        assert row[3] == f"{record['completion'] * 100:.1f}%"
        assert row[4] == f"{record['time_progress'] * 100:.1f}%"
        assert float(row[5]) == pytest.approx(record["gap_pp"], abs=0.05)
        assert row[6].endswith(record["status"])
        assert row[7] == ("—" if pd.isna(record["score"]) else f"{record['score']:.2f}")
    assert rows[1][7] == "—"  # the city is not scored


def test_a_growth_rate_shows_no_completion_or_time_progress(demo_context):
    rows = tsv_rows(table_tsv(indicator_table(demo_context, "new_sme_growth")))
    source = demo_context.assessment.rows
    city = source[(source["indicator_code"] == "new_sme_growth") & (source["level"] == "city")].iloc[0]
    assert rows[1][0] == "嘉兴市" and rows[1][1] == f"{city['actual']:g}"
    assert all(r[3] == "—" and r[4] == "—" for r in rows[1:])


def test_only_the_chosen_counties_are_shown_and_they_keep_their_rank(demo_context):
    everyone = demo_context.assessment.counties
    last_two = tuple(everyone.sort_values("rank")["region_code"].astype(str)[-2:])
    context = dataclasses.replace(demo_context, options=ReportOptions("2019-09", counties=last_two,
                                                                     indicators=("new_sme", "new_tech_sme")))
    ranking = ranking_table(context)
    assert list(ranking["排名"]) == [6, 7]
    source = demo_context.assessment.rows
    source = source[(source["indicator_code"] == "new_sme") & source["region_code"].isin(last_two)]
    assert list(indicator_table(context, "new_sme")["地区"]) == ["嘉兴市", *source["region_name"]]
    assert len(source) == 2
    with pytest.raises(ReportError, match="没有指标“new_sme_growth”"):
        indicator_table(context, "new_sme_growth")


def test_the_html_is_a_bordered_table_in_songti_with_an_escaped_title(demo_context):
    text = table_html(ranking_table(demo_context), title=ranking_title(demo_context) + " <A&B>")
    cells = html_cells(text)
    assert "宋体" in cells.table_styles[0] and "border" in cells.table_styles[0]
    assert all("宋体" in style and "border:1px solid" in style for style in cells.styles)
    assert "2019年9月各县（市、区）考核得分排名 &lt;A&amp;B&gt;" in text
    assert "<A&B>" not in text
    assert indicator_title(demo_context, "new_sme") == "新增小微企业（家）：2019年9月各县（市、区）完成情况"


def test_text_is_escaped_and_never_becomes_a_formula():
    frame = pd.DataFrame({"地区": ["<b>南湖</b> & 秀洲", "=HYPERLINK(\"x\")", "两行\n文字\t带制表符"],
                          "差距（个百分点）": [-1.44, 2.0, np.nan], "总分": [1.0, -2.5, 3.456]})
    text = table_html(frame)
    assert "&lt;b&gt;南湖&lt;/b&gt; &amp; 秀洲" in text and "<b>南湖" not in text
    assert html_cells(text).rows[2][0] == "=HYPERLINK(\"x\")"  # shown as written, marked as text
    rows = tsv_rows(table_tsv(frame))
    assert len(rows) == 4  # line breaks and tabs inside a cell do not break the table
    assert rows[2] == ["'=HYPERLINK(\"x\")", "+2.0", "-2.50"]  # text guarded, numbers left alone
    assert rows[1] == ["<b>南湖</b> & 秀洲", "-1.4", "1.00"]
    assert rows[3] == ["两行 文字 带制表符", "—", "3.46"]


def test_missing_values_are_a_dash_never_zero():
    frame = pd.DataFrame({"地区": ["南湖区", None], "实际": [np.nan, 12.5], "完成率": [0.5, np.nan],
                          "得分": [pd.NA, 3.0]}).astype({"得分": "Float64"})
    rows = tsv_rows(table_tsv(frame))
    assert rows[1] == ["南湖区", "—", "50.0%", "—"]
    assert rows[2] == ["—", "12.5", "—", "3.00"]
    assert html_cells(table_html(frame)).rows[1:] == rows[1:]


def test_columns_can_be_chosen_and_unknown_ones_are_refused(demo_context):
    frame = ranking_table(demo_context)
    rows = tsv_rows(table_tsv(frame, columns=["县（市、区）", "总分"]))
    assert rows[0] == ["县（市、区）", "总分"] and len(rows[1]) == 2
    with pytest.raises(ReportError, match="表格中没有这些列：得分"):
        table_tsv(frame, columns=["得分"])
