"""Test helper: a project holding extracted workbooks, built without the importer.

``store_workbook`` extracts one workbook and stores its figures the way an import does
(an ``imports`` row with the file's hash and department, one observation per figure),
using only the observation columns the project's schema has.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from workbench.models.extract import extract_file
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.store import Project, sha256_of

PLAN = load_plan()
REGIONS = load_regions()
RESOLVER = RegionResolver(REGIONS)
MATCHER = IndicatorMatcher(PLAN)


def observation_rows(figures: pd.DataFrame, columns: set[str]) -> list[dict]:
    """Extracted figures as rows of the ``observations`` table (only its columns)."""
    rows = []
    for f in figures.to_dict("records"):
        if f["year"] is pd.NA or f["year"] is None:
            continue
        year, first, last = int(f["year"]), int(f["from_month"]), int(f["to_month"])
        value = f["value"]
        row = {
            "indicator": f["indicator_code"], "region": f["region_code"],
            "period": f"{year}-{first:02d}..{last:02d}", "year": year, "first_month": first, "last_month": last,
            "basis": f["basis"], "value": None if value is None or math.isnan(value) else float(value),
            "unit": f["unit"], "sheet": f["sheet"], "cell": f["cell"], "merged_range": f["merged_range"] or None,
            "raw_text": f["raw"], "conversions": f["conversions"] or None, "header_path": f["header_path"],
            "source_unit": f["source_unit"], "confidence": f["confidence"],
        }
        rows.append({k: v for k, v in row.items() if k in columns})
    return rows


def store_workbook(project: Project, path: Path, department: str | None, name: str | None = None) -> int:
    """Extract ``path`` and store it in ``project`` as one import; returns the import id."""
    extraction = extract_file(path, PLAN, RESOLVER, MATCHER)
    assert extraction.readable, extraction.errors
    import_id = project.add_import(name or path.name, path, path.stat().st_size, sha256_of(path),
                                   department=department)
    columns = set(project.db["observations"].columns_dict)
    project.add_observations(import_id, observation_rows(extraction.figures, columns))
    return import_id
