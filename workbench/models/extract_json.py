"""An :class:`~workbench.models.extract.Extraction` as plain JSON-ready data (for the CLI)."""

from __future__ import annotations

import math

from workbench.models.extract import Extraction
from workbench.models.layout.tables import Table

ORIENTATION_NAMES = {"rows": "地区在行", "columns": "地区在列（转置）", "long": "长表", "sheet": "每表一个地区",
                     "list": "逐户明细"}
FIGURE_KEYS = ["file", "sheet", "cell", "region_code", "region_name", "indicator_code", "indicator_name", "year",
               "from_month", "to_month", "basis", "value", "unit", "raw", "confidence"]


def _plain(value):
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    try:
        if value != value:  # pandas NA
            return None
    except (TypeError, ValueError):
        return None
    return value


def table_dict(table: Table) -> dict:
    period = None
    if table.period is not None:
        period = {"text": table.period_text, "year": table.period.year, "first_month": table.period.first_month,
                  "last_month": table.period.last_month, "basis": table.period.basis, "source": table.period_source}
    return {
        "sheet": table.sheet, "range": table.range, "orientation": table.orientation, "title": table.title,
        "header_rows": [r + 1 for r in table.header_rows],
        "unit": "、".join(table.units) if table.units else None,
        "period": period,
        "regions": [{"label": e.label, "code": e.code, "is_total": e.is_total} for e in table.regions],
        "unknown_regions": [e.label for e in table.unknown_regions],
        "footnotes": list(table.footnotes),
    }


def extraction_dict(extraction: Extraction) -> dict:
    """The CLI's JSON for one file; ``value`` is in the indicator's own unit, NaN becomes null."""
    frame = extraction.figures
    figures = []
    if len(frame):
        columns = {key: frame[key].tolist() for key in FIGURE_KEYS}
        for i in range(len(frame)):
            figures.append({key: _plain(columns[key][i]) for key in FIGURE_KEYS})
    return {
        "file": extraction.file,
        "format": extraction.format,
        "tables": [table_dict(t) for t in extraction.tables],
        "figures": figures,
        "unmapped": extraction.unmapped,
        "errors": extraction.errors,
    }
