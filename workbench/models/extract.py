"""From a departmental workbook to a long table of county figures with provenance.

``extract_file(path, plan, resolver, matcher)`` reads the workbook, finds its tables
(:mod:`workbench.models.layout`), maps every header path to a plan indicator once,
reads the cells of the mapped columns (or rows) only, and returns an
:class:`Extraction`: one figure per data cell, each with the file, sheet and cell it
came from, the raw text, the value converted into the indicator's unit and a confidence.

Rules that keep a figure honest:

* a missing marker stays missing (``value`` is NaN, never 0);
* an unknown region label is reported, never guessed;
* a header that maps to no indicator (or to two equally well) is listed once in
  ``unmapped`` with its candidates, never per cell;
* growth columns of an amount are kept as ``basis="growth"``, "上年同期" columns as
  ``basis="last_year"`` (of the year before): neither is taken for a current figure.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.models.layout import detect_tables
from workbench.models.layout.axis import RegionLabels
from workbench.models.layout.grid import clean_text, display_text
from workbench.models.layout.spans import CUMULATIVE_HINT, figure_span, month_span, title_core
from workbench.models.layout.tables import RegionEntry, Table
from workbench.models.layout.words import PERCENT_HEADER, simplified
from workbench.models.mapping import IndicatorMatcher, MatchResult, basis_from_header
from workbench.models.periods import Period, find_period
from workbench.models.plan import Indicator, Plan
from workbench.models.reading import read_workbook
from workbench.models.reading.messages import cancelled
from workbench.models.reading.workbook import ReadError, Sheet, Workbook, cell_address
from workbench.models.regions import RegionResolver
from workbench.models.units import UnitError, compatible, convert, dimension, normalise_unit
from workbench.models.values import ParsedValue, parse_value

if TYPE_CHECKING:  # pandas is imported when figures are first looked at (see Extraction.figures)
    import pandas as pd

FIGURE_COLUMNS = [
    "file", "sheet", "cell", "merged_range", "raw", "header_path", "region_code", "region_name",
    "indicator_code", "indicator_name", "year", "from_month", "to_month", "basis", "value", "unit",
    "source_unit", "conversions", "confidence",
]  # fmt: skip
_TOTAL = re.compile(r"^(?:合计|小计|总计|共计|计|总数|全部|汇总|全区|全县|全市|全区合计|全县合计|全市合计)$")
_SUBITEM = re.compile(r"^(?:其中|内)[:：]?")
_GENERIC_VALUE = re.compile(r"^(?:数值|数据|数量|值|金额|合计|本期|本期数|实际数|完成数|累计数|本年累计|本年新增|新增|计)$")


@dataclass
class Extraction:
    """What came out of one file.

    ``figures`` is a DataFrame (columns :data:`FIGURE_COLUMNS`). In a process that has not
    loaded pandas it is built on first access, so that a caller that never looks at it (a
    benchmark, a script that wants the tables) does not pay for importing pandas; it may
    also be given as a function that returns the DataFrame.
    """

    file: str
    format: str
    tables: list[Table]
    figures: pd.DataFrame
    unmapped: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        """False when the file itself could not be read (``errors`` says why)."""
        return bool(self.format)


def _get_figures(extraction: Extraction) -> pd.DataFrame:
    frame = extraction.__dict__["_figures"]
    if callable(frame):  # still the recipe: build it now, once
        frame = extraction.__dict__["_figures"] = frame()
    return frame


def _set_figures(extraction: Extraction, frame) -> None:
    extraction.__dict__["_figures"] = frame


# Installed after @dataclass has written __init__, which assigns through it.
Extraction.figures = property(_get_figures, _set_figures, doc="The figures as a DataFrame (see Extraction).")


def empty_figures() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype="float64" if name in ("value", "confidence") else "object")
                         for name in FIGURE_COLUMNS})


def extract_file(path: str | Path, plan: Plan, resolver: RegionResolver, matcher: IndicatorMatcher,
                 limits=None, should_stop: Callable[[], bool] | None = None) -> Extraction:
    """Read one workbook and extract its county figures.

    Parameters
    ----------
    path : str or Path
    plan : Plan
        Figures are converted into the units of its indicators.
    resolver : RegionResolver
    matcher : IndicatorMatcher
    limits : Limits, optional
        Passed to the reader.
    should_stop : callable, optional
        Polled between sheets; returning True cancels (an ``errors`` entry says so).

    Returns
    -------
    Extraction
        A file that cannot be read gives no tables and one ``errors`` entry whose
        ``message`` is the reader's Chinese message.
    """
    path = Path(path)
    try:
        workbook = read_workbook(path, limits=limits, should_stop=should_stop)
    except ReadError as exc:
        return Extraction(str(path), "", [], empty_figures, [],
                          [{"file": str(path), "sheet": exc.sheet, "message": str(exc)}])
    return extract_workbook(workbook, plan, resolver, matcher, should_stop=should_stop)


def extract_workbook(workbook: Workbook, plan: Plan, resolver: RegionResolver, matcher: IndicatorMatcher,
                     should_stop: Callable[[], bool] | None = None, corrections=None) -> Extraction:
    """Extract the figures of an already read workbook (see :func:`extract_file`).

    ``corrections`` (a :class:`~workbench.models.layout.corrections.LayoutCorrections`, or
    anything with ``for_sheet(sheet)``) gives the user's layout correction of a sheet.
    """
    file = str(workbook.path)
    labels = RegionLabels(resolver)
    out = _Figures()
    result = Extraction(file, workbook.format, [], empty_figures, [], [], list(workbook.notes))
    for sheet in workbook.sheets:
        if should_stop is not None and should_stop():
            exc = cancelled(Path(file), sheet.name)
            result.errors.append({"file": file, "sheet": sheet.name, "message": str(exc)})
            break
        try:
            correction = corrections.for_sheet(sheet) if corrections is not None else None
            tables = detect_tables(sheet, labels, matcher, file_name=workbook.path, correction=correction)
        except Exception as exc:  # noqa: BLE001 - one odd sheet must not lose the others
            result.errors.append({"file": file, "sheet": sheet.name,
                                  "message": f"工作表「{sheet.name}」的表格结构无法识别：{exc}"})
            continue
        result.tables.extend(tables)
        for table in tables:
            _TableReader(file, sheet, table, plan, labels, matcher, out, result.unmapped).run()

    def build() -> pd.DataFrame:
        return _fractions_as_percent(out.frame(), plan)

    # The DataFrame needs pandas. Where pandas is loaded already (the app) it is built now,
    # in the thread that extracts; elsewhere (the CLI, a benchmark) only if looked at.
    result.figures = build() if "pandas" in sys.modules else build
    return result


class _Figures:
    """Figures collected column-wise, turned into one DataFrame at the end."""

    def __init__(self):
        self.columns: dict[str, list] = {name: [] for name in FIGURE_COLUMNS}

    def add(self, **values) -> None:
        for name in FIGURE_COLUMNS:
            self.columns[name].append(values.get(name))

    def frame(self) -> pd.DataFrame:
        if not self.columns["file"]:
            return empty_figures()
        import pandas as pd

        frame = pd.DataFrame(self.columns, columns=FIGURE_COLUMNS)
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
        frame["confidence"] = frame["confidence"].astype("float64")
        for name in ("year", "from_month", "to_month"):
            frame[name] = pd.array(frame[name], dtype="Int64")
        return _flag_duplicates(frame)


def _fractions_as_percent(frame: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """A column of rates that are all below 1 (0.987 for a 98.7 % coverage) was formatted as a
    percentage in Excel, which hands over the fraction: scale it, and trust it less."""
    if frame.empty:
        return frame
    rated = {i.code for i in plan.indicators if i.unit == "%" and i.target is not None and abs(i.target) >= 2}
    candidates = frame[frame["indicator_code"].isin(rated) & frame["value"].notna()]
    for _, group in candidates.groupby(["sheet", "header_path", "indicator_code"], sort=False):
        if len(group) < 3 or (group["value"].abs() >= 1).any() or group["raw"].str.contains("%|％").any():
            continue
        frame.loc[group.index, "value"] = group["value"] * 100
        frame.loc[group.index, "conversions"] = [
            "；".join(x for x in (c, "小数→%（疑为百分比格式单元格）") if x) for c in group["conversions"]]
        frame.loc[group.index, "confidence"] = group["confidence"].clip(upper=0.75)
    return frame


def _flag_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """Two cells giving one indicator, region and period different values: trust neither fully."""
    key = ["file", "indicator_code", "region_code", "year", "from_month", "to_month", "basis"]
    dup = frame.duplicated(key, keep=False)
    if not dup.any():
        return frame
    for _, group in frame[dup].groupby(key, dropna=False, sort=False):
        values = group["value"].dropna().unique()
        if len(values) <= 1:
            continue
        top = group["confidence"].max()
        leaders = group.index[group["confidence"] == top]
        for index in group.index:
            if len(leaders) > 1 or index not in leaders:
                frame.at[index, "confidence"] = min(frame.at[index, "confidence"], 0.5)
            else:
                frame.at[index, "confidence"] = min(frame.at[index, "confidence"], 0.79)
    return frame


@dataclass
class _Series:
    """One mapped header path: which indicator, in which unit, for which period."""

    indicator: Indicator
    confidence: float
    source_unit: str | None
    year: int | None
    first: int | None
    last: int | None
    basis: str
    header: str


class _TableReader:
    """Turns one :class:`Table` into figures, mapping each header path once."""

    def __init__(self, file: str, sheet: Sheet, table: Table, plan: Plan, labels: RegionLabels,
                 matcher: IndicatorMatcher, out: _Figures, unmapped: list[dict]):
        self.file, self.sheet, self.table, self.plan = file, sheet, table, plan
        self.labels, self.matcher, self.out, self.unmapped = labels, matcher, out, unmapped
        self.context = f"{table.title} {sheet.name}".strip()
        self.series_cache: dict[tuple, _Series | None] = {}
        self.reported: set[tuple] = set()
        texts = [table.title, table.unit_line, *table.footnotes, *table.form.values()]
        self.cumulative_hint = any(CUMULATIVE_HINT.search(clean_text(t)) for t in texts if t)
        self.line_units = [u for u in (normalise_unit(x) for x in table.units) if u]
        self.merged = _merge_lookup(sheet)
        self.value_cache: dict[object, ParsedValue] = {}

    # ------------------------------------------------------------ driver
    def run(self) -> None:
        t = self.table
        if t.orientation == "list":
            for c in t.data_cols:
                self._unmapped(t.col_paths.get(c, ()), "column", c, "逐户（逐条）明细表，不是县（市、区）汇总数，未提取")
            return
        if t.orientation == "long":
            self._long()
            return
        if t.orientation == "sheet" and t.sheet_region is None:
            self.table.notes.append("未能从工作表名、标题或填报单位确定地区，未提取")
            self._unmapped(("（整张表）",), "table", t.first_row, "未能确定地区（工作表名、标题均未写明县区）")
            return
        regions = [e for e in t.regions if e.code is not None]
        items: dict[tuple[int, int], tuple[_Series | None, tuple[str, ...]]] = {}
        if t.orientation == "rows":
            for c in t.data_cols:
                path = t.col_paths.get(c, ())
                items[(-1, c)] = (self._series(path, t.col_units.get(c), "column", c), path)
            kept = self._resolve(items, slot=lambda idx: None)
            for (_, c), series in kept.items():
                for entry in regions:
                    self._figure(entry.index, c, entry.code, series)
        elif t.orientation == "columns":
            for r in t.data_rows:
                for entry in regions:
                    c = entry.index
                    path = t.header_path(r, c)
                    unit = t.col_units.get(c) or t.row_units.get(r)
                    items[(r, c)] = (self._series(path, unit, "row", r), path)
            kept = self._resolve(items, slot=lambda idx: idx[1])
            code_of = {e.index: e.code for e in regions}
            for (r, c), series in kept.items():
                self._figure(r, c, code_of[c], series)
        else:  # one region for the whole table
            for r in t.data_rows:
                for c in t.data_cols:
                    path = t.header_path(r, c)
                    unit = t.col_units.get(c) or t.row_units.get(r)
                    items[(r, c)] = (self._series(path, unit, "cell", (r, c)), path)
            for (r, c), series in self._resolve(items, slot=lambda idx: None).items():
                self._figure(r, c, t.sheet_region, series)

    def _resolve(self, items, slot) -> dict:
        """Keep one series where several columns (or rows) map to one indicator and period.

        A "小计/合计" column beats the parts beside it; an item beats its "其中" sub-items;
        otherwise all are kept with a confidence of at most 0.5, for a reviewer to settle.
        """
        groups: dict[tuple, list] = {}
        for index, (series, path) in items.items():
            if series is not None:
                key = (slot(index), series.indicator.code, series.basis, series.year, series.first, series.last)
                groups.setdefault(key, []).append(index)
        kept = {}
        for members in groups.values():
            if len(members) == 1:
                kept[members[0]] = items[members[0]][0]
                continue
            totals = [i for i in members if any(_TOTAL.match(_bare(p)) for p in items[i][1])]
            plain = [i for i in members if not any(_SUBITEM.match(clean_text(p)) for p in items[i][1])]
            winners = totals if len(totals) == 1 else plain if len(plain) == 1 else None
            if winners is None:
                for i in members:
                    series = items[i][0]
                    kept[i] = _Series(**{**series.__dict__, "confidence": min(series.confidence, 0.5)})
                continue
            kept[winners[0]] = items[winners[0]][0]
            name = items[winners[0]][0].indicator.name
            for i in members:
                if i != winners[0]:
                    axis, where = ("column", i[1]) if i[0] == -1 else ("cell", i)
                    self._unmapped(items[i][1], axis, where, f"与“{name}”的另一列（行）重复，按组成部分或其中项处理，未提取")
        return kept

    # ------------------------------------------------------------ long form
    def _long(self) -> None:
        """One row per region and indicator: group the rows by indicator name, unit and period first,
        so each group is mapped once and only rows of mapped groups are read."""
        t, roles = self.table, self.table.long
        rows = self.sheet.rows

        def column(c):
            if c is None:
                return None
            return [row[c] if c < len(row) else None for row in rows[t.data_rows[0]:t.data_rows[-1] + 1]]

        if not t.data_rows:
            return
        raw_regions, raw_names = column(roles.region), column(roles.indicator)
        regions, names = _fill_down(raw_regions), _fill_down(raw_names)
        units, periods = column(roles.unit), column(roles.period)
        value_columns = {c: column(c) for c in roles.values}
        # a row counts when it holds a figure, or names its region and indicator itself
        filled = [any(v[i] is not None for v in value_columns.values())
                  or (raw_regions[i] is not None and raw_names[i] is not None) for i in range(len(names))]
        groups: dict[tuple, list[int]] = {}
        for i, name in enumerate(names):
            if name is None or regions[i] is None or not filled[i]:
                continue
            key = (name, units[i] if units is not None else None, periods[i] if periods is not None else None)
            groups.setdefault(key, []).append(i)
        first_row = t.data_rows[0]
        for c in roles.values:
            values = value_columns[c]
            col_path = tuple(p for p in t.col_paths.get(c, ()) if not _GENERIC_VALUE.match(clean_text(p)))
            for (name, unit_value, period_value), members in groups.items():
                unit = normalise_unit(str(unit_value)) if unit_value is not None else None
                period = self._period_of(period_value) if period_value is not None else None
                path = (display_text(name), *col_path)
                series = self._series(path, unit or t.col_units.get(c), "row", first_row + members[0], period=period)
                if series is None:
                    continue
                for i in members:
                    label = self.labels(regions[i])
                    if label.code is None:
                        key = ("region", label.text)
                        if label.text and key not in self.reported:
                            self.reported.add(key)
                            t.unknown_regions.append(RegionEntry(first_row + i, label.text, None))
                        continue
                    self._figure(first_row + i, c, label.code, series, raw=values[i], given=True)

    def _period_of(self, value: object) -> Period | None:
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        year = self.table.period.year if self.table.period else None
        return find_period(text) or month_span(text, year)

    # ------------------------------------------------------------ mapping
    def _series(self, path: tuple[str, ...], header_unit: str | None, axis: str, index,
                period: Period | None = None) -> _Series | None:
        key = (path, header_unit, period)
        if key in self.series_cache:
            return self.series_cache[key]
        series = self._map(path, header_unit, axis, index, period)
        self.series_cache[key] = series
        return series

    def _map(self, path, header_unit, axis, index, period) -> _Series | None:
        t = self.table
        if not path:
            if t.title and len(t.data_cols) == 1:
                path = (title_core(t.title),)  # a lone figure column named only by the title
            else:
                self._unmapped(path, axis, index, "没有表头")
                return None
        simple = [simplified(p) for p in path]
        text = clean_text("".join(simple))
        hint = header_unit or self._line_unit(text, None, guess=False)
        result: MatchResult = self.matcher.match(simple, unit=hint, context=self.context)
        trust = 1.0
        if result.best is None and not result.ambiguous and t.title and (
            len(path) == 1 or all(_GENERIC_VALUE.match(clean_text(p)) or basis_from_header(p) for p in path)
        ):
            retry = self.matcher.match([simplified(title_core(t.title)), *simple], unit=hint, context=self.context)
            if retry.best is not None:
                result, trust = retry, 0.9
        if result.best is None:
            reason = result.note or ("可能是多个指标，请人工确认" if result.ambiguous else "没有相近的指标")
            self._unmapped(path, axis, index, reason, result)
            return None
        indicator = self.plan.indicator(result.best.code)
        source_unit = header_unit or self._line_unit(text, indicator)
        if source_unit is None and result.unit and not header_unit:
            source_unit = result.unit
        dated = figure_span(path, result.basis, indicator, t.period, t.period_source, period, self.cumulative_hint)
        if dated is None:
            self._unmapped(path, axis, index, "上年同期或同比增减量，不是本期数", result)
            return None
        year, first, last, basis, period_trust = dated
        confidence = result.best.confidence * trust * period_trust
        return _Series(indicator, round(confidence, 3), source_unit, year, first, last, basis, " / ".join(path))

    def _line_unit(self, text: str, indicator: Indicator | None, guess: bool = True) -> str | None:
        """The unit the unit line gives a column: "单位：家、%" → % for growth and share columns.

        With several units and no indicator yet, only a sure answer is given unless ``guess``.
        """
        units = self.line_units
        if not units:
            return None
        if len(units) == 1:
            return units[0]
        if PERCENT_HEADER.search(text) and "%" in units:
            return "%"
        others = [u for u in units if u != "%"]
        if indicator is not None and indicator.unit:
            fitting = [u for u in units if compatible(u, indicator.unit, count_synonyms=True)]
            same = [u for u in fitting if u == indicator.unit]
            if same or fitting:
                return (same or fitting)[0]
            return None
        if not guess:
            return None
        return others[0] if others else units[0]

    def _unmapped(self, path, axis: str, index, reason: str, result: MatchResult | None = None) -> None:
        key = (tuple(path), reason)
        if key in self.reported:
            return
        self.reported.add(key)
        t = self.table
        if axis == "column":
            where = cell_address(t.header_rows[-1] if t.header_rows else t.first_row, index)
        elif axis == "row":
            where = cell_address(index, t.stub_cols[-1] if t.stub_cols else t.first_col)
        elif axis == "cell":
            where = cell_address(*index)
        else:
            where = cell_address(index, t.first_col)
        self.unmapped.append({
            "file": self.file, "sheet": t.sheet, "table": t.range, "cell": where,
            "header_path": " / ".join(path), "reason": reason,
            "candidates": [{"code": c.code, "name": c.name, "confidence": c.confidence}
                           for c in (result.candidates[:3] if result else [])],
        })

    # ------------------------------------------------------------ one figure
    def _figure(self, r: int, c: int, region: str, series: _Series, raw: object = None,
                given: bool = False) -> None:
        if not given:
            row = self.sheet.rows[r] if r < len(self.sheet.rows) else []
            raw = row[c] if c < len(row) else None
            if raw is None and (r, c) in self.merged:
                rng = self.merged[(r, c)]
                raw = self.sheet.value(rng[0], rng[1])
        try:
            parsed = self.value_cache[raw]
        except (KeyError, TypeError):
            parsed = parse_value(raw)
            try:
                self.value_cache[raw] = parsed
            except TypeError:
                pass
        indicator = series.indicator
        value = parsed.value
        source_unit = parsed.unit or series.source_unit
        confidence = series.confidence
        conversions = ""
        unit = indicator.unit or source_unit or ""
        if parsed.multiplier != 1:
            conversions = f"×{parsed.multiplier:g}（{parsed.raw}）"
        if value is not None and source_unit and indicator.unit and source_unit != indicator.unit:
            if series.basis == "growth":
                unit = source_unit
            else:
                try:
                    value = convert(value, source_unit, indicator.unit, count_synonyms=True)
                    conversions = "；".join(x for x in (conversions, f"{source_unit}→{indicator.unit}") if x)
                except UnitError as exc:
                    unit = source_unit
                    conversions = "；".join(x for x in (conversions, f"未换算：{exc}") if x)
                    confidence = min(confidence, 0.3)
        elif series.basis == "growth":
            unit = "%"
        elif not source_unit and dimension(indicator.unit) == "money":
            # 元, 万元 or 亿元? Nothing says: keep the number, let the checks judge its size.
            conversions = "；".join(x for x in (conversions, f"未注明计量单位，按“{indicator.unit}”计") if x)
            confidence = min(confidence, 0.6)
        rng = self.merged.get((r, c))
        self.out.add(
            file=self.file, sheet=self.table.sheet, cell=cell_address(r, c),
            merged_range=_a1(rng) if rng else "", raw=parsed.raw, header_path=series.header,
            region_code=region, region_name=self.labels.name(region),
            indicator_code=indicator.code, indicator_name=indicator.name,
            year=series.year, from_month=series.first, to_month=series.last, basis=series.basis,
            value=math.nan if value is None else value, unit=unit, source_unit=source_unit or "",
            conversions=conversions, confidence=confidence,
        )


def _bare(part: str) -> str:
    """A header part without its unit bracket: "小计（个）" → "小计"."""
    return re.sub(r"[(（][^()（）]*[)）]", "", clean_text(part))


def _fill_down(values: list[object] | None) -> list[object] | None:
    """Blank cells take the value above (a label written once over its rows, merges lost)."""
    if values is None:
        return None
    last = None
    out = []
    for v in values:
        if v is None or (isinstance(v, str) and not v.strip()):
            v = last
        out.append(v)
        last = v
    return out


def _merge_lookup(sheet: Sheet) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    lookup = {}
    for m in sheet.merged:
        if (m.last_row - m.first_row + 1) * (m.last_col - m.first_col + 1) > 4000:
            continue
        for r in range(m.first_row, m.last_row + 1):
            for c in range(m.first_col, m.last_col + 1):
                lookup[(r, c)] = (m.first_row, m.first_col, m.last_row, m.last_col)
    return lookup


def _a1(rng: tuple[int, int, int, int]) -> str:
    return f"{cell_address(rng[0], rng[1])}:{cell_address(rng[2], rng[3])}"
