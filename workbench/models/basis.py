"""Year-to-date figures and the figures of a period alone, derived from each other.

Departments report either the year to date (本年累计, 1-9月) or the period alone (当季,
三季度). The assessment needs one or the other, so:

* :func:`period_from_ytd` derives the period alone from two year-to-date figures
  (三季度 = 1-9月 − 1-6月; the first period of the year equals its year to date);
* :func:`ytd_from_periods` derives the year to date from the periods alone
  (1-9月 = 一季度 + 二季度 + 三季度).

A figure is derived only when every input exists once (or several times with one value),
has a value, and all inputs share the indicator, the region, the unit and the source
basis. Anything else gives a row whose value is missing and whose ``reason`` says why in
Chinese: the result is flagged, never guessed. Stocks (年末数, 余额) and rates cannot be
added or subtracted and are refused the same way.

Both functions are pure: they take and return :class:`pandas.DataFrame` objects and read
no project. Inputs use the column names of the project's ``observations`` table
(``indicator, region, year, first_month, last_month, basis, value, unit``); the names an
extraction uses (``indicator_code, region_code, from_month, to_month``) are accepted too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

DERIVED_COLUMNS = [
    "indicator", "region", "year", "first_month", "last_month", "basis", "value", "unit",
    "derived", "reason", "inputs",
]  # fmt: skip
_ALIASES = {"indicator_code": "indicator", "region_code": "region",
            "from_month": "first_month", "to_month": "last_month"}
# Units of ratios: a rate of the year to date is not the sum of the rates of its quarters.
_RATIO_UNITS = {"%", "‰", "个百分点"}
_DEFAULT_BY = ("department",)


def _standard(frame: pd.DataFrame) -> pd.DataFrame:
    renamed = frame.rename(columns={k: v for k, v in _ALIASES.items()
                                    if k in frame.columns and v not in frame.columns})
    missing = {"indicator", "region", "year", "first_month", "last_month", "basis", "value"} - set(renamed)
    if missing:
        raise ValueError(f"缺少字段：{', '.join(sorted(missing))}")
    if "unit" not in renamed:
        renamed = renamed.assign(unit="")
    return renamed


def _span(year: int, first: int, last: int) -> str:
    if first == last:
        return f"{year}年{last}月"
    return f"{year}年{first}-{last}月"


def _describe_input(row) -> str:
    """Where an input came from, for the ``inputs`` column: ``file!sheet!cell`` when known."""
    parts = [str(row.get(c)) for c in ("file", "sheet", "cell") if _present(row.get(c))]
    where = "!".join(parts) if parts else "?"
    return f"{_span(int(row['year']), int(row['first_month']), int(row['last_month']))}={_fmt(row['value'])}@{where}"


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA \
        and str(value) != ""


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "缺"
    return f"{float(value):g}"


class _Lookup:
    """The figures of one indicator, region and source, by (year, first month, last month)."""

    def __init__(self, group: pd.DataFrame):
        self.rows: dict[tuple[int, int, int], list[dict]] = {}
        for row in group.to_dict("records"):
            key = (int(row["year"]), int(row["first_month"]), int(row["last_month"]))
            self.rows.setdefault(key, []).append(row)

    def one(self, key: tuple[int, int, int], what: str) -> tuple[dict | None, str | None]:
        """The single usable input at ``key``, or None with the reason it cannot be used."""
        rows = self.rows.get(key)
        label = _span(*key)
        if not rows:
            return None, f"缺少{label}{what}"
        values = {float(r["value"]) for r in rows if not _missing(r["value"])}
        if not values:
            return None, f"{label}{what}缺报"
        if len(values) > 1:
            shown = "、".join(_fmt(v) for v in sorted(values))
            return None, f"{label}{what}有多个不同的数值（{shown}），无法确定用哪一个"
        units = {str(r.get("unit") or "") for r in rows}
        if len(units) > 1:
            return None, f"{label}{what}的计量单位不一致（{'、'.join(sorted(units))}）"
        return next(r for r in rows if not _missing(r["value"])), None


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _result(indicator, region, year, first, last, basis, value, unit, reason, inputs, extra) -> dict:
    return {"indicator": indicator, "region": region, "year": year, "first_month": first,
            "last_month": last, "basis": basis, "value": value, "unit": unit,
            "derived": reason is None, "reason": reason, "inputs": inputs, **extra}


def _frame(rows: list[dict], by: Sequence[str]) -> pd.DataFrame:
    columns = [*DERIVED_COLUMNS, *by]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else "object") for c in columns})
    out = pd.DataFrame(rows, columns=columns)
    out["value"] = out["value"].astype("float64")
    return out


def _groups(frame: pd.DataFrame, basis: str, by: Sequence[str] | None):
    frame = _standard(frame)
    by = [c for c in (_DEFAULT_BY if by is None else by) if c in frame.columns]
    chosen = frame[(frame["basis"] == basis) & frame["year"].notna()
                   & frame["first_month"].notna() & frame["last_month"].notna()]
    if chosen.empty:
        return by, []
    keys = ["indicator", "region", *by]
    return by, list(chosen.groupby(keys, dropna=False, sort=True))


def _unit_refusal(lookup: _Lookup, basis_name: str) -> str | None:
    units = {str(r.get("unit") or "") for rows in lookup.rows.values() for r in rows}
    if units & _RATIO_UNITS:
        return f"比率（{'、'.join(sorted(units & _RATIO_UNITS))}）不能相加减，无法由{basis_name}推算"
    if len(units) > 1:
        return f"各期计量单位不一致（{'、'.join(sorted(units))}），请先换算为同一单位"
    return None


def period_from_ytd(frame: pd.DataFrame, step: int = 3, by: Sequence[str] | None = None) -> pd.DataFrame:
    """Derive the figure of each period alone from year-to-date figures.

    Parameters
    ----------
    frame : pandas.DataFrame
        Figures with (at least) ``indicator, region, year, first_month, last_month,
        basis, value, unit``; only rows with ``basis == "ytd"`` and ``first_month == 1``
        are used. Provenance columns ``file, sheet, cell`` are quoted in ``inputs``.
    step : int, optional
        Length of the periods in months: 3 for quarters (the default), 1 for months.
        A year-to-date figure is used when its last month is a multiple of ``step``.
    by : sequence of str, optional
        Further columns both inputs must share (default: ``department`` when present,
        so one department's 1-6月 is never subtracted from another's 1-9月).

    Returns
    -------
    pandas.DataFrame
        One row per period alone that a year-to-date figure asks for, with the columns
        of :data:`DERIVED_COLUMNS` (plus ``by``): ``basis`` is ``"period"``, ``derived``
        says whether ``value`` could be computed, ``reason`` (Chinese) why not, and
        ``inputs`` lists the figures used (``span=value@file!sheet!cell``).

    Examples
    --------
    1-6月 = 150 and 1-9月 = 240 give 三季度 (7-9月) = 90; 1-3月 = 70 gives 一季度 = 70.
    """
    if step < 1 or 12 % step:
        raise ValueError("step 须为 12 的约数（1、2、3、4、6 或 12）")
    by, groups = _groups(frame, "ytd", by)
    rows: list[dict] = []
    for key, group in groups:
        indicator, region = key[0], key[1]
        extra = dict(zip(by, key[2:]))
        lookup = _Lookup(group[group["first_month"] == 1])
        refusal = _unit_refusal(lookup, "累计数")
        for year, first, last in sorted(lookup.rows):
            if last % step:
                continue
            start = last - step + 1
            current, why = lookup.one((year, 1, last), "累计数")
            unit = str(current.get("unit") or "") if current else str(lookup.rows[(year, 1, last)][0].get("unit") or "")
            inputs = [_describe_input(r) for r in lookup.rows[(year, 1, last)]]
            value = math.nan
            if refusal:
                why = refusal
            elif current is not None and start == 1:
                value = float(current["value"])
            elif current is not None:
                earlier, why = lookup.one((year, 1, start - 1), "累计数")
                if earlier is not None:
                    inputs += [_describe_input(earlier)]
                    if str(earlier.get("unit") or "") != unit:
                        why = f"{_span(year, 1, last)}与{_span(year, 1, start - 1)}的计量单位不一致"
                    else:
                        value = float(current["value"]) - float(earlier["value"])
            if why:
                value = math.nan
                why = f"无法推算{_span(year, start, last)}当期数：{why}"
            rows.append(_result(indicator, region, year, start, last, "period", value, unit, why, inputs, extra))
    return _frame(rows, by)


def ytd_from_periods(frame: pd.DataFrame, step: int = 3, by: Sequence[str] | None = None) -> pd.DataFrame:
    """Derive year-to-date figures from the figures of the periods alone.

    Parameters
    ----------
    frame : pandas.DataFrame
        As for :func:`period_from_ytd`; only rows with ``basis == "period"`` spanning
        exactly ``step`` months that start a period (1, 4, 7, 10 for quarters) are used.
    step : int, optional
        Length of the periods in months (3 for quarters).
    by : sequence of str, optional
        Further columns all inputs must share (default: ``department`` when present).

    Returns
    -------
    pandas.DataFrame
        One row per period-alone figure found: the year to date up to its last month
        (``basis == "ytd"``), missing and flagged when an earlier period of the same
        year is missing, ambiguous or in another unit.

    Examples
    --------
    一季度 70, 二季度 80, 三季度 90 give 1-3月 70, 1-6月 150 and 1-9月 240; without 二季度,
    1-6月 and 1-9月 are missing with the reason "缺少2019年4-6月当期数".
    """
    if step < 1 or 12 % step:
        raise ValueError("step 须为 12 的约数（1、2、3、4、6 或 12）")
    by, groups = _groups(frame, "period", by)
    rows: list[dict] = []
    for key, group in groups:
        indicator, region = key[0], key[1]
        extra = dict(zip(by, key[2:]))
        spans = group[(group["last_month"] - group["first_month"] + 1 == step)
                      & ((group["first_month"] - 1) % step == 0)]
        lookup = _Lookup(spans)
        refusal = _unit_refusal(lookup, "当期数")
        for year, first, last in sorted(lookup.rows):
            total, units, inputs, why = 0.0, set(), [], refusal
            for start in range(1, last + 1, step):
                part, reason = lookup.one((year, start, start + step - 1), "当期数")
                if part is None:
                    why = why or reason
                    continue
                inputs.append(_describe_input(part))
                units.add(str(part.get("unit") or ""))
                total += float(part["value"])
            if not why and len(units) > 1:
                why = f"各期计量单位不一致（{'、'.join(sorted(units))}）"
            unit = next(iter(units)) if len(units) == 1 else str(lookup.rows[(year, first, last)][0].get("unit") or "")
            if why:
                why = f"无法推算{_span(year, 1, last)}累计数：{why}"
            rows.append(_result(indicator, region, year, 1, last, "ytd", math.nan if why else total, unit,
                                why, inputs, extra))
    return _frame(rows, by)
