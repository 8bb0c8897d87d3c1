"""The observations the checks read, in one standard shape, and helpers shared by the rules.

:func:`prepare` accepts the columns of the project's ``observations`` table joined with
``imports`` (``indicator, region, year, first_month, last_month, basis, value, unit, sheet,
cell, raw_text, import_id`` plus ``file`` and ``department``) or those of an extraction
(``indicator_code, region_code, from_month, to_month, raw, file``), and adds what every
rule needs: the period key, the file name, the source (department, else file), the level
of the region, the indicator's kind, and the rounding step of each figure (half of which
is the rounding error a figure may carry).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from workbench.models.checks.findings import Finding, file_name
from workbench.models.checks.rules import Rule
from workbench.models.plan import Plan
from workbench.models.regions import RegionTable
from workbench.models.units import dimension
from workbench.models.values import parse_value

_ALIASES = {"indicator_code": "indicator", "region_code": "region", "from_month": "first_month",
            "to_month": "last_month", "raw": "raw_text"}
_OPTIONAL = ("file", "path", "sheet", "cell", "raw_text", "department", "import_id", "header_path", "unit",
             "conversions", "merged_range")
_DECIMALS = re.compile(r"\d(?:[\d,]*)\.(\d+)")
RATIO_UNITS = {"%", "‰", "个百分点"}
ROUNDED_DIMENSIONS = {"money", "area"}


@dataclass(frozen=True)
class Context:
    """What the rules know besides the figures."""

    plan: Plan
    regions: RegionTable

    @property
    def city(self) -> str:
        return self.plan.city

    @property
    def counties(self) -> list[str]:
        return [r.code for r in self.regions.counties]

    def region_name(self, code: object) -> str:
        try:
            return self.regions.by_code(str(code)).name
        except KeyError:
            return str(code)

    def indicator_name(self, code: object) -> str:
        try:
            return self.plan.indicator(str(code)).name
        except KeyError:
            return str(code)

    def indicator(self, code: object):
        try:
            return self.plan.indicator(str(code))
        except KeyError:
            return None


def period_key(year: int, first: int, last: int) -> str:
    """The period key of :class:`workbench.models.periods.Period` (``2019-01..09``)."""
    return f"{int(year)}-{int(first):02d}..{int(last):02d}"


def num(value: float) -> str:
    """A number as a message shows it: no needless zeros, no exponent, at most 4 decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "（缺）"
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def ratio_text(ratio: float) -> str:
    """A ratio as a message shows it: ``12345.6`` → ``12,346 倍``, ``14`` → ``14.0 倍``,
    ``0.0001`` → ``1/10,000``."""
    if ratio >= 1:
        return f"{ratio:,.0f} 倍" if ratio >= 100 else f"{ratio:.1f} 倍"
    inverse = 1 / ratio
    return f"1/{inverse:,.0f}" if inverse >= 100 else f"1/{inverse:.1f}"


def _decimals(raw: object) -> int:
    if raw is None:
        return 0
    text = unicodedata.normalize("NFKC", str(raw))
    match = _DECIMALS.search(text)
    return len(match.group(1)) if match else 0


def _step(raw: object, value: float) -> tuple[float, float]:
    """(rounding step in the figure's unit, scale from the written number to the value)."""
    if value is None or math.isnan(value):
        return math.nan, math.nan
    parsed = parse_value(raw) if raw is not None else None
    decimals = _decimals(raw)
    multiplier = parsed.multiplier if parsed is not None else 1
    written = parsed.value if parsed is not None else None
    scale = abs(value / written) if written not in (None, 0) and value != 0 else math.nan
    return 10.0 ** (-decimals) * float(multiplier), scale


def prepare(observations: pd.DataFrame, context: Context, bases: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return the observations in the shape the rules read (a new frame; the input is untouched).

    Rows without an indicator, region or period are dropped; so are rows whose basis is
    not in ``bases`` (when given).
    """
    frame = observations.rename(columns={k: v for k, v in _ALIASES.items()
                                         if k in observations.columns and v not in observations.columns})
    needed = {"indicator", "region", "year", "first_month", "last_month", "basis", "value"}
    missing = needed - set(frame.columns)
    if missing:
        raise ValueError(f"观测值缺少字段：{', '.join(sorted(missing))}")
    frame = frame.copy()
    for name in _OPTIONAL:
        if name not in frame.columns:
            frame[name] = None
    frame = frame[frame["indicator"].notna() & frame["region"].notna() & frame["year"].notna()
                  & frame["first_month"].notna() & frame["last_month"].notna()]
    if bases is not None:
        frame = frame[frame["basis"].isin(bases)]
    frame = frame.reset_index(drop=True)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    for name in ("year", "first_month", "last_month"):
        frame[name] = frame[name].astype("int64")
    frame["indicator"] = frame["indicator"].astype(str)
    frame["region"] = frame["region"].astype(str)
    frame["unit"] = frame["unit"].fillna("").astype(str)
    frame["period"] = [period_key(y, f, m) for y, f, m in
                       zip(frame["year"], frame["first_month"], frame["last_month"])]
    frame["file_name"] = [file_name(f) for f in frame["file"]]
    frame["source"] = [d if isinstance(d, str) and d else n for d, n in zip(frame["department"], frame["file_name"])]
    levels = {r.code: r.level for r in context.regions.regions}
    frame["level"] = frame["region"].map(levels)
    frame.loc[frame["region"] == context.city, "level"] = "city"
    kinds = {i.code: i.kind for i in context.plan.indicators}
    frame["kind"] = frame["indicator"].map(kinds)
    frame["dimension"] = [dimension(u) if u else None for u in frame["unit"]]
    steps = [_step(r, v) for r, v in zip(frame["raw_text"], frame["value"])]
    frame["step"] = [s for s, _ in steps]
    frame["scale"] = [c for _, c in steps]
    frame["decimals"] = [_decimals(r) for r in frame["raw_text"]]
    return frame


def rows_of(frame: pd.DataFrame) -> list[dict]:
    """The prepared frame as plain records: the rules loop over a few thousand figures, which
    plain dicts do faster than pandas groups."""
    return frame.to_dict("records")


def group_rows(rows: list[dict], keys: tuple[str, ...] | list[str]) -> dict[tuple, list[dict]]:
    """Rows grouped by the values of ``keys``, groups in sorted key order, rows in input order."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    return {k: groups[k] for k in sorted(groups, key=lambda k: tuple("" if v is None else str(v) for v in k))}


def is_missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def rounding_step(rows: list[dict]) -> float:
    """The largest rounding step among figures, in their (common) unit; 0 for exact counts.

    Amounts and areas, figures written with decimals and figures that were converted
    (元→万元) carry rounding; whole counts (家、户、个) written as whole numbers do not.
    """
    scales = [r["scale"] for r in rows if not is_missing(r["scale"])]
    scale = sorted(scales)[len(scales) // 2] if scales else 1.0
    converted = any(not math.isclose(s, 1.0) for s in scales)
    rounded = converted or any(r["dimension"] in ROUNDED_DIMENSIONS or r["decimals"] > 0 for r in rows)
    if not rounded:
        return 0.0
    steps = [r["step"] * (scale if is_missing(r["scale"]) else r["scale"]) for r in rows if not is_missing(r["step"])]
    return max(steps, default=0.0)


def cell_ref(row) -> dict:
    """The provenance of one figure, for ``details``."""
    out = {"file": _clean(row.get("file")), "sheet": _clean(row.get("sheet")), "cell": _clean(row.get("cell")),
           "value": None if is_missing(row["value"]) else float(row["value"]), "raw": _clean(row.get("raw_text")),
           "department": _clean(row.get("department")), "period": row["period"], "region": row["region"]}
    if _clean(row.get("import_id")) is not None:
        out["import_id"] = int(row["import_id"])
    if _clean(row.get("path")) is not None:
        out["path"] = str(row["path"])
    return out


def _clean(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def finding(rule: Rule, row, message: str, details: dict | None = None, *, region: str | None = None,
            sheet: str | None = None, cell: str | None = None, severity: str | None = None) -> Finding:
    """A finding of ``rule`` about the figure ``row`` (a record of :func:`prepare`'s frame)."""
    import_id = _clean(row.get("import_id"))
    info = {"basis": row["basis"], "unit": row["unit"], "department": _clean(row.get("department"))}
    if _clean(row.get("path")) is not None:
        info["path"] = str(row["path"])
    return Finding(
        rule=rule.id, severity=severity or rule.severity, indicator_code=row["indicator"],
        region_code=region if region is not None else row["region"], period=row["period"],
        file=_clean(row.get("file")), sheet=sheet if sheet is not None else _clean(row.get("sheet")),
        cell=cell if cell is not None else _clean(row.get("cell")), message=message,
        details={**info, **(details or {})}, import_id=None if import_id is None else int(import_id),
        rule_name=rule.name,
    )
