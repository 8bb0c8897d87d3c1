"""The actual value of an indicator for a region at a month, from the stored observations.

:class:`FigureIndex` files every usable observation under its indicator, region, basis and
span once; the functions below then read one kind each (DOMAIN.md §2):

* :func:`cumulative`: the increment since the target period began: full earlier years
  from their 1-12月 figures, plus this year's 1-N月 figure. A year to date missing as such
  is added up from the periods alone (quarters or months) when they cover it without a gap,
  and as a last resort taken from a later file's 上年同期 column; the note says so.
* :func:`stock`: the level at the end of the month (年末数, 余额).
* :func:`rate`: a reported ratio or growth rate of the year to date (the period alone only
  when no year-to-date rate exists, with a note).
* :func:`growth`: the in-year 同比 of the year to date when a rate is reported; otherwise,
  from the levels of the indicator it measures (``of``), the compound annual growth since
  the same months of the base year, or failing that the 同比 on the same months of last year.

Nothing is guessed: a figure that cannot be read stays NaN and the note says what is missing.
When two sources give different values for the same figure, the latest import wins and the
note names the other values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

import pandas as pd

from workbench.models.periods import period_label

YTD_BASES = ("ytd", "since_year_start")
RATE_BASES = ("rate", "growth")
AMOUNT_ENDS = ("ytd", "since_year_start", "period")  # bases whose last month dates an amount
NAN = math.nan


class Figure(NamedTuple):
    """One usable figure: its value, the frame row it came from, its period key and the other
    values other sources gave for the same figure."""

    value: float
    row: int
    period: str
    others: tuple[float, ...] = ()


@dataclass
class Actual:
    """An actual value with what it was computed from (``used``) and notes in Chinese."""

    value: float = NAN
    used: list[Figure] = field(default_factory=list)
    basis: str = ""
    notes: list[str] = field(default_factory=list)
    from_levels: bool = False  # a growth computed from the levels of the ``of`` indicator


@lru_cache(maxsize=4096)
def span_label(year: int, first: int, last: int) -> str:
    """``2019年1-9月``, ``2019年9月`` or ``2019年`` (a whole year): :func:`periods.period_label`."""
    return period_label(year, first, last)


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


class FigureIndex:
    """The observations by indicator and region, each figure once.

    Parameters
    ----------
    frame : pandas.DataFrame
        Observations with at least ``indicator, region, year, first_month, last_month, basis,
        value``; ``import_id`` orders duplicates (the latest import wins), and ``file``,
        ``sheet``, ``cell``, ``raw_text`` and ``period`` are quoted when present.
    """

    def __init__(self, frame: pd.DataFrame):
        frame = frame.reset_index(drop=True)
        self.pairs: dict[tuple[str, str], dict[tuple, Figure]] = {}
        self.ends: dict[tuple[str, str], set[tuple[int, int]]] = {}
        # zone policy "merge": the zone figures added per (indicator, county), and the periods
        # of the county figures whose zone part was missing
        self.merged: dict[tuple[str, str], list[Figure]] = {}
        self.missing_merges: dict[tuple[str, str], set[str]] = {}
        self._columns = {c: frame[c].tolist() for c in ("year", "first_month", "last_month", "file", "import_id",
                                                         "sheet", "cell", "raw_text") if c in frame}
        if not len(frame):
            return
        usable = frame[frame["value"].notna() & frame["year"].notna() & frame["first_month"].notna()
                       & frame["last_month"].notna() & frame["indicator"].notna() & frame["region"].notna()]
        if "import_id" in usable:
            usable = usable.sort_values("import_id", kind="stable", na_position="first")
        keys = ["indicator", "region", "basis", "year", "first_month", "last_month"]
        usable = usable[keys + ["value"]].astype({"year": "int64", "first_month": "int64", "last_month": "int64",
                                                  "value": "float64"})
        others = self._others(usable, keys)
        latest = usable.drop_duplicates(keys, keep="last")  # the latest import wins
        inds, regions, bases, years, firsts, lasts, values = (latest[c].tolist() for c in (*keys, "value"))
        spans = list(zip(bases, years, firsts, lasts))
        periods = [f"{y}-{f:02d}..{m:02d}" for y, f, m in zip(years, firsts, lasts)]
        rest = [others.get((i, r, *k), ()) for i, r, k in zip(inds, regions, spans)] if others else repeat(())
        # tuple.__new__ straight from C: a NamedTuple's own __new__ costs a Python call per figure
        figures = map(tuple.__new__, repeat(Figure), zip(values, latest.index.tolist(), periods, rest))
        pairs = self.pairs
        for ind, region, span, figure in zip(inds, regions, spans, figures):
            found = pairs.get((ind, region))
            if found is None:
                found = pairs[(ind, region)] = {}
            found[span] = figure
        ends = latest[["indicator", "basis", "year", "last_month"]].drop_duplicates()
        for ind, basis, year, last in zip(*(ends[c].tolist() for c in ends.columns)):
            self.ends.setdefault((ind, basis), set()).add((year, last))

    @staticmethod
    def _others(usable: pd.DataFrame, keys: list[str]) -> dict[tuple, tuple[float, ...]]:
        """For figures given more than once with different values: the values not taken."""
        repeated = usable[usable.duplicated(keys, keep=False)]
        out = {}
        for key, group in repeated.groupby(keys, sort=False):
            values = group["value"].tolist()
            rest = tuple(sorted(set(values) - {values[-1]}))
            if rest:
                out[key] = rest
        return out

    def figures(self, indicator: str, region: str) -> dict[tuple, Figure]:
        """``{(basis, year, first_month, last_month): Figure}`` of one indicator and region."""
        return self.pairs.get((indicator, region), {})

    def months(self, indicator: str, bases) -> set[tuple[int, int]]:
        """Every (year, last month) of a figure of ``indicator`` in one of ``bases``."""
        out: set[tuple[int, int]] = set()
        for basis in bases:
            out |= self.ends.get((indicator, basis), set())
        return out

    def source(self, figure: Figure) -> str:
        """Where a figure came from: ``2019年1-9月=242@file!sheet!cell``."""
        columns, i = self._columns, figure.row
        parts = [_text(columns[c][i]) if c in columns else "" for c in ("file", "import_id", "sheet", "cell")]
        where = parts[0] or (f"导入#{parts[1].removesuffix('.0')}" if parts[1] else "")
        place = "!".join(x for x in (where, parts[2], parts[3]) if x)
        label = span_label(*(int(columns[c][i]) for c in ("year", "first_month", "last_month")))
        return f"{label}={figure.value:g}" + (f"@{place}" if place else "")

    def raw_text(self, figure: Figure) -> str:
        """The text of the cell a figure was read from (the written note of a yes/no aim)."""
        values = self._columns.get("raw_text")
        return _text(values[figure.row]) if values is not None else ""

    def merge_zone(self, zone: str, county: str, amount_bases=("ytd", "since_year_start", "period", "stock",
                                                                   "last_year")) -> None:
        """Add a zone's amounts into its county (the plan's ``merge`` zone policy).

        A figure is added where both report it; where only the county does, the county's
        figure stays and is marked (its note says the zone is missing).
        """
        for (ind, region), zone_figs in list(self.pairs.items()):
            if region != zone:
                continue
            county_figs = self.pairs.get((ind, county))
            if not county_figs:
                continue
            for key, fig in list(county_figs.items()):
                if key[0] not in amount_bases:
                    continue
                extra = zone_figs.get(key)
                if extra is None:
                    self.missing_merges.setdefault((ind, county), set()).add(fig.period)
                else:
                    county_figs[key] = Figure(fig.value + extra.value, fig.row, fig.period, fig.others)
                    self.merged.setdefault((ind, county), []).append(extra)


def _conflict_note(figure: Figure) -> str | None:
    if not figure.others:
        return None
    others = "、".join(f"{v:g}" for v in figure.others)
    return f"{figure.period} 有来源报送了不同的数值（{others}），取最近导入的 {figure.value:g}"


def ytd(figs: dict, year: int, month: int) -> Actual:
    """The year to date 1-``month`` of ``year``: reported, added up from periods, or 上年同期."""
    for basis in YTD_BASES:
        fig = figs.get((basis, year, 1, month))
        if fig is not None:
            return Actual(fig.value, [fig], "本年累计")
    # the periods alone (quarters, months), possibly after a reported year to date
    best: dict[int, tuple[float, list[Figure]]] = {0: (0.0, [])}
    for end in range(1, month + 1):
        direct = next((figs[(b, year, 1, end)] for b in YTD_BASES if (b, year, 1, end) in figs), None)
        if direct is not None and end < month:
            best[end] = (direct.value, [direct])
            continue
        for start in range(end, 0, -1):
            fig = figs.get(("period", year, start, end))
            if fig is not None and (start - 1) in best:
                total, used = best[start - 1]
                best[end] = (total + fig.value, [*used, fig])
                break
    if month in best and best[month][1]:
        value, used = best[month]
        return Actual(value, used, "由当期数累加")
    fig = figs.get(("last_year", year, 1, month))
    if fig is not None:
        return Actual(fig.value, [fig], "取自次年报表的上年同期数")
    return Actual(notes=[f"缺少{span_label(year, 1, month)}累计数"])


def cumulative(figs: dict, start: tuple[int, int], at: tuple[int, int]) -> Actual:
    """The increment from the first month ``start`` to the end of ``at`` (both (year, month))."""
    (y0, m0), (y1, m1) = start, at
    out = Actual(0.0)
    parts = []
    for year in range(y0, y1 + 1):
        month = m1 if year == y1 else 12
        part = ytd(figs, year, month)
        if year == y0 and m0 > 1:
            before = ytd(figs, year, m0 - 1)
            part = Actual(part.value - before.value, part.used + before.used, part.basis,
                          part.notes + before.notes)
        out.value += part.value
        out.used += part.used
        out.notes += part.notes
        if part.basis and part.basis != "本年累计":
            out.notes.append(f"{span_label(year, 1, month)}{part.basis}")
        parts.append(span_label(year, m0 if year == y0 and m0 > 1 else 1, month))
    out.basis = "＋".join(parts)
    out.notes += [n for n in map(_conflict_note, out.used) if n]
    return out


def stock(figs: dict, year: int, month: int) -> Actual:
    """The level at the end of ``month`` of ``year``."""
    fig = figs.get(("stock", year, month, month))
    if fig is None:
        return Actual(notes=[f"缺少{year}年{month}月末数"])
    notes = [n for n in [_conflict_note(fig)] if n]
    return Actual(fig.value, [fig], f"{year}年{month}月末数", notes)


def rate(figs: dict, year: int, month: int, what: str = "比率") -> Actual:
    """A reported rate of the year to date at ``month`` (the period alone as a fallback)."""
    for basis in RATE_BASES:
        fig = figs.get((basis, year, 1, month))
        if fig is not None:
            return Actual(fig.value, [fig], f"{span_label(year, 1, month)}{what}（报送）",
                          [n for n in [_conflict_note(fig)] if n])
    candidates = sorted((k for k in figs if k[0] in RATE_BASES and k[1] == year and k[3] == month),
                        key=lambda k: k[2])
    if candidates:
        key = candidates[0]
        fig = figs[key]
        notes = [f"未报本年累计{what}，取{span_label(year, key[2], month)}当期{what}"]
        return Actual(fig.value, [fig], f"{span_label(year, key[2], month)}{what}（报送）",
                      notes + [n for n in [_conflict_note(fig)] if n])
    return Actual(notes=[f"缺少{span_label(year, 1, month)}{what}"])


def _level(figs: dict, kind: str, year: int, month: int) -> Actual:
    return stock(figs, year, month) if kind == "stock" else ytd(figs, year, month)


def growth(figs: dict, of_figs: dict | None, of_kind: str, base_year: int, year: int, month: int) -> Actual:
    """Growth in per cent at ``month`` of ``year``: reported 同比, else from levels (see module)."""
    reported = rate(figs, year, month, "同比增长")
    if not math.isnan(reported.value) or of_figs is None:
        return reported
    now = _level(of_figs, of_kind, year, month)
    if math.isnan(now.value):
        return Actual(notes=reported.notes + now.notes)
    years = year - base_year
    base = _level(of_figs, of_kind, base_year, month) if years >= 1 else Actual()
    if not math.isnan(base.value) and base.value > 0 and now.value >= 0:
        value = ((now.value / base.value) ** (1.0 / years) - 1.0) * 100.0
        label = span_label(year, 1, month) if of_kind != "stock" else f"{year}年{month}月末"
        return Actual(value, now.used + base.used, f"{label}较{base_year}年同期的年均增长（由水平推算）",
                      [f"未报增速，按{base_year}年同期水平推算年均增长"], from_levels=True)
    last = _level(of_figs, of_kind, year - 1, month)
    if not math.isnan(last.value) and last.value > 0 and now.value >= 0:
        value = (now.value / last.value - 1.0) * 100.0
        return Actual(value, now.used + last.used, f"{span_label(year, 1, month)}同比（由上年同期数推算）",
                      [f"未报增速，缺{base_year}年基数，按上年同期数推算同比"], from_levels=True)
    return Actual(notes=reported.notes + [f"缺少推算增速所需的{base_year}年或上年同期数"])


def qualitative(figs: dict, at: tuple[int, int]) -> tuple[Figure | None, tuple]:
    """The latest yes/no figure (value 1 or 0) up to ``at``, with its key; (None, ()) if none."""
    keys = [k for k in figs if (k[1], k[3]) <= at]
    if not keys:
        return None, ()
    key = max(keys, key=lambda k: (k[1], k[3], figs[k].row))
    return figs[key], key
