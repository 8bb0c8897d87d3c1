"""An extraction's figures as ``observations`` rows, and the report period they cover."""

from __future__ import annotations

import math

from workbench.models.extract import Extraction


def report_period(extraction: Extraction) -> str | None:
    """The report period of a workbook, ``YYYY-MM`` of the last month its current figures reach."""
    ends = []
    frame = extraction.figures
    if len(frame):
        usable = frame[frame["year"].notna() & frame["to_month"].notna() & (frame["basis"] != "last_year")]
        ends = list(zip(usable["year"].astype(int), usable["to_month"].astype(int)))
    if not ends:
        ends = [t.period.end for t in extraction.tables if t.period is not None]
    if not ends:
        return None
    year, month = max(ends)
    return f"{year}-{month:02d}"


def _plain(value):
    if value is None:
        return None
    try:
        if value != value:  # NaN and pandas NA
            return None
    except (TypeError, ValueError):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def observation_rows(extraction: Extraction) -> list[dict]:
    """The figures of an extraction as ``observations`` rows (value in the indicator's unit)."""
    frame = extraction.figures
    if not len(frame):
        return []
    names = ["indicator_code", "region_code", "year", "from_month", "to_month", "basis", "value", "unit", "sheet",
             "cell", "merged_range", "raw", "conversions", "header_path", "source_unit", "confidence"]
    columns = {name: frame[name].tolist() for name in names}
    rows = []
    for i in range(len(frame)):
        v = {name: _plain(columns[name][i]) for name in names}
        year, first, last = v["year"], v["from_month"], v["to_month"]
        period = f"{year}-{first:02d}..{last:02d}" if None not in (year, first, last) else None
        rows.append({
            "indicator": v["indicator_code"], "region": v["region_code"], "period": period, "year": year,
            "first_month": first, "last_month": last, "basis": v["basis"], "value": v["value"],
            "unit": v["unit"] or None, "sheet": v["sheet"], "cell": v["cell"],
            "merged_range": v["merged_range"] or None,
            "raw_text": v["raw"], "conversions": v["conversions"] or None, "header_path": v["header_path"],
            "source_unit": v["source_unit"] or None, "confidence": v["confidence"],
        })
    return rows
