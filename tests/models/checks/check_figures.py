"""Hand-made figures for the check tests: one dict per cell, turned into a DataFrame."""

from __future__ import annotations

import math

import pandas as pd

from workbench.models.checks import load_rules, run_checks
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions

PLAN = load_plan()
REGIONS = load_regions()
CITY = "330400"
COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]
ZONES = ["jx_etdz", "jx_port"]


def fig(indicator: str, region: str, value: float | None, *, year: int = 2019, first: int = 1, last: int = 9,
        basis: str = "ytd", unit: str = "家", file: str = "市场监管局_2019年1-9月.xlsx", sheet: str = "表1",
        cell: str = "B2", raw: str | None = None, department: str | None = "市场监管局", **extra) -> dict:
    """One figure as a row of the observations the checks read."""
    if raw is None:
        raw = "" if value is None else (f"{value:g}" if not float(value).is_integer() else str(int(value)))
    return {"indicator": indicator, "region": region, "year": year, "first_month": first, "last_month": last,
            "basis": basis, "value": math.nan if value is None else float(value), "unit": unit, "file": file,
            "sheet": sheet, "cell": cell, "raw_text": raw, "department": department, **extra}


def table(indicator: str, total: float | None, counties: list[float | None], zones: list[float] = (),
          column: str = "C", first_row: int = 5, **kw) -> list[dict]:
    """A rows-layout table: the city total in the first row, then the counties, then the zones."""
    regions = [CITY, *COUNTIES, *ZONES[:len(zones)]]
    values = [total, *counties, *zones]
    return [fig(indicator, r, v, cell=f"{column}{first_row + i}", **kw) for i, (r, v) in enumerate(zip(regions, values))]


def check(rows: list[dict], rules=None, only: str | None = None):
    """Run the checks on ``rows``; ``only`` keeps the findings of one rule."""
    found = run_checks(pd.DataFrame(rows), PLAN, REGIONS, rules or load_rules())
    return [f for f in found if only is None or f.rule == only]
