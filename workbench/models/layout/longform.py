"""Long-form tables (one row per region and indicator) and lists of records.

Both have a region column in which regions repeat. A long-form table also has an
indicator column — text naming plan indicators — and one or more value columns, maybe
a unit column and a period column. A list of records (an enterprise list with a county
column) has no indicator column; it holds no county figures.
"""

from __future__ import annotations

import re

from workbench.models.layout import words
from workbench.models.layout.grid import EMPTY, ERROR, MISSING, NUMBER, TEXT, SheetGrid, cell_kind, clean_text, display_text
from workbench.models.layout.tables import LongColumns
from workbench.models.periods import find_period

SAMPLE = 60
_PERIOD_NUMBER = re.compile(r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])?$")
_MONTH_ONLY = re.compile(r"^(?:\d{1,2}[-—~至]\d{1,2}|\d{1,2})月(?:份)?(?:累计)?$")


def _unit(text: str) -> str | None:
    from workbench.models.units import normalise_unit

    try:
        return normalise_unit(text)
    except Exception:  # noqa: BLE001
        return None


def classify_columns(grid: SheetGrid, region_col: int, rows: list[int], cols: list[int],
                     headers: dict[int, tuple[str, ...]], matcher=None) -> LongColumns:
    """Give each column of a region-repeating table its role, from a sample of its rows."""
    sample = rows[:SAMPLE]
    values: list[int] = []
    texts: list[int] = []
    unit_col = period_col = None
    others: list[int] = []
    for c in cols:
        if c == region_col:
            continue
        header = clean_text("".join(headers.get(c, ())))
        cells = [grid.value(r, c) for r in sample]
        kinds = [cell_kind(v) for v in cells]
        n_data = sum(1 for k in kinds if k in (NUMBER, MISSING, ERROR))
        n_text = sum(1 for k in kinds if k == TEXT)
        filled = [display_text(v) for v, k in zip(cells, kinds) if k != EMPTY]
        if words.SEQUENCE_HEADER.match(header) or words.REMARK_HEADER.match(header):
            others.append(c)
            continue
        if unit_col is None and filled and (
            words.UNIT_HEADER.match(header)
            or (n_text >= 0.8 * len(filled) and all(_unit(t) and len(clean_text(t)) <= 5 for t in filled))
        ):
            unit_col = c
            continue
        if period_col is None and filled and (
            (words.PERIOD_HEADER.search(header) and not words.INDICATOR_HEADER.search(header))
            or sum(1 for t in filled if _is_period(t)) >= 0.8 * len(filled)
        ):
            period_col = c
            continue
        if n_data > n_text:
            values.append(c)
        elif n_text:
            texts.append(c)
        elif header:
            values.append(c)  # a column left blank: every figure missing
    indicator = _indicator_column(grid, sample, texts, headers, matcher)
    rest = tuple(c for c in texts if c != indicator) + tuple(others)
    return LongColumns(region_col, indicator, tuple(values), unit_col, period_col, rest)


def _is_period(text: str) -> bool:
    folded = clean_text(text)
    if _PERIOD_NUMBER.match(folded) or _MONTH_ONLY.match(folded):
        return True
    return find_period(folded) is not None and len(folded) <= 16


def _indicator_column(grid: SheetGrid, sample: list[int], texts: list[int],
                      headers: dict[int, tuple[str, ...]], matcher) -> int | None:
    best, best_score = None, 0.0
    for c in texts:
        header = clean_text("".join(headers.get(c, ())))
        if words.NOT_INDICATOR_HEADER.search(header):
            continue
        distinct = list(dict.fromkeys(t for t in (display_text(grid.value(r, c)) for r in sample) if t))
        if not distinct:
            continue
        hits = 0
        if matcher is not None:
            for text in distinct[:20]:
                try:
                    result = matcher.match((words.simplified(text),))
                except Exception:  # noqa: BLE001 - a matcher failure is no match
                    continue
                if result.best is not None and result.best.confidence >= 0.75:
                    hits += 1
        score = hits / min(len(distinct), 20)
        named = bool(words.INDICATOR_HEADER.search(header)) and not words.NAME_HEADER.search(header)
        if named:
            score += 0.5
        # record names are nearly all different; indicator names repeat across regions
        if len(distinct) >= 0.9 * len(sample) and len(sample) > 10 and not named:
            score -= 0.5
        if score > best_score:
            best, best_score = c, score
    return best if best_score >= 0.5 else None
