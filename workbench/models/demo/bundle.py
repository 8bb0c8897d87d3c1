"""The demo being written: its files, the truth a perfect reader must recover, the planted problems.

Layouts build grids, record the true value of every figure they write (``record``),
plant problems into cells (``plant``), then ``save`` the file. ``finish`` writes
``truth.csv`` and ``manifest.json`` beside the workbooks.
"""

from __future__ import annotations

import csv
import io
import json
import random
from decimal import Decimal
from pathlib import Path

from workbench.models.demo import sheets
from workbench.models.demo.periods import QUARTERS
from workbench.models.demo.regions import CITY, COUNTIES, ZONES
from workbench.models.demo.values import SEED, Truth
from workbench.models.plan import Plan
from workbench.models.reading.workbook import cell_address

REGION_ORDER = (CITY, *COUNTIES, *ZONES)
BASES = ("ytd", "period", "stock", "rate")
TRUTH_COLUMNS = ("indicator", "region", "year", "first_month", "last_month", "basis", "value", "unit")


def number(value: Decimal) -> int | float:
    """A truth value as a spreadsheet number: ``int`` when whole, else ``float``."""
    return int(value) if value == value.to_integral_value() else float(value)


def decimal_text(value: Decimal) -> str:
    """``Decimal`` without exponent or trailing zeros: ``12.50`` → ``12.5``, ``1E+2`` → ``100``."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Bundle:
    """Collects what the layouts write into ``out_dir``."""

    def __init__(self, out_dir: Path, plan: Plan, truth: Truth) -> None:
        self.out_dir = Path(out_dir)
        self.plan = plan
        self.truth = truth
        self.files: list[dict] = []
        self.problems: list[dict] = []
        self.targets: dict | None = None
        self._truth: dict[tuple, Decimal] = {}

    def rng(self, *key) -> random.Random:
        """A generator for one layout decision, independent of every other draw."""
        return random.Random(":".join(str(k) for k in (SEED, "layout", *key)))

    # ------------------------------------------------------------ truth
    def record(
        self, code: str, region: str, year: int, first: int, last: int, basis: str, value: Decimal
    ) -> None:
        """Note the true value of a figure a file reports (in the indicator's unit)."""
        self.plan.indicator(code)  # a KeyError here means a typo in a layout
        if basis not in BASES:
            raise ValueError(basis)
        key = (code, region, year, first, last, basis)
        if key in self._truth and self._truth[key] != value:
            raise ValueError(f"two files disagree on the truth of {key}: {self._truth[key]} and {value}")
        self._truth[key] = value

    def truth_rows(self) -> list[dict]:
        order = {ind.code: i for i, ind in enumerate(self.plan.indicators)}

        def sort_key(key):
            code, region, year, first, last, basis = key
            return (order[code], year, last, first, BASES.index(basis), REGION_ORDER.index(region))

        rows = []
        for key in sorted(self._truth, key=sort_key):
            code, region, year, first, last, basis = key
            value = decimal_text(self._truth[key])
            unit = self.plan.indicator(code).unit
            rows.append(dict(zip(TRUTH_COLUMNS, (code, region, year, first, last, basis, value, unit))))
        return rows

    def figure(
        self, kind: str, code: str, region: str, year: int, month: int, first: int = 1
    ) -> int | float:
        """The true figure of one cell as a spreadsheet number, recorded in the truth when it is one.

        ``kind``: ``ytd`` (January to ``month``), ``period`` (``first`` to ``month``),
        ``stock``, ``rate``, or ``aux`` / ``aux_rate`` for columns that are no plan indicator.
        """
        t = self.truth
        if kind in ("ytd", "period", "aux"):
            value = t.amount(code, region, year, first if kind == "period" else 1, month)
        elif kind == "stock":
            value = t.stock(code, region, year, month)
        else:
            value = t.rate(code, region, year, month)
        if not kind.startswith("aux"):
            start = {"stock": month, "period": first}.get(kind, 1)
            self.record(code, region, year, start, month, kind, value)
        return number(value)

    # ------------------------------------------------------------ problems
    def plant(
        self,
        path: str,
        grid: sheets.Grid,
        row: int,
        col: int,
        kind: str,
        description: str,
        value,
        *,
        indicator: str | list[str] | None = None,
        region: str | None = None,
        truth: Decimal | None = None,
        write: bool = True,
    ) -> None:
        """Put ``value`` into a cell (unless ``write`` is false) and list it as a planted problem.

        ``truth`` is the value the cell should hold, in the indicator's unit; a CSV file
        has no sheet, so its problems name none.
        """
        if write:
            grid.put(row, col, value)
        entry = {
            "file": path,
            "sheet": None if path.endswith(".csv") else grid.name,
            "cell": cell_address(row, col),
            "kind": kind,
            "description": description,
            "value": value,
        }
        if isinstance(indicator, list):
            entry["indicators"] = indicator
        elif indicator:
            entry["indicator"] = indicator
        if region:
            entry["region"] = region
        if truth is not None:
            entry["truth"] = number(truth)
        self.problems.append(entry)

    # ------------------------------------------------------------ files
    def save(
        self,
        path: str,
        grids: list[sheets.Grid],
        *,
        department: str,
        layout: str,
        period: dict,
        indicators: list[str],
        encoding: str | None = None,
        sheet_periods: dict | None = None,
    ) -> None:
        """Write ``grids`` to ``out_dir/path`` in the format its suffix names; list the file."""
        target = self.out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        fmt = target.suffix.lstrip(".")
        if fmt == "xlsx":
            sheets.write_xlsx(target, grids, creator=f"{department}（示例数据）")
        elif fmt == "xls":
            sheets.write_xls(target, grids)
        elif fmt == "ods":
            sheets.write_ods(target, grids)
        elif fmt == "csv":
            (grid,) = grids
            sheets.write_csv(target, grid, encoding or "utf-8")
        else:
            raise ValueError(f"unknown format {fmt}")
        entry = {
            "path": path,
            "department": department,
            "format": fmt,
            "layout": layout,
            "period": period,
            "indicators": indicators,
            "sheets": [
                {"name": g.name, **({"period": sheet_periods[g.name]} if sheet_periods else {})}
                for g in grids
                if fmt != "csv"
            ],
        }
        if encoding:
            entry["encoding"] = encoding
        self.files.append(entry)

    def finish(self) -> dict:
        """Write ``truth.csv`` and ``manifest.json``; return the manifest."""
        rows = self.truth_rows()
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=TRUTH_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (self.out_dir / "truth.csv").write_text(text.getvalue(), encoding="utf-8")
        for entry in self.files:
            entry["problems"] = [p for p in self.problems if p["file"] == entry["path"]]
        manifest = {
            "title": "嘉兴市小微企业三年成长计划部门报表（示例数据）",
            "note": "合成数据，仅供演示与测试；不代表任何部门的真实统计。",
            "plan": self.plan.id,
            "seed": SEED,
            "quarters": [q.label for q in QUARTERS],
            "truth": {"path": "truth.csv", "rows": len(rows), "columns": list(TRUTH_COLUMNS)},
            "files": self.files,
            "targets": self.targets,
            "problems": self.problems,
        }
        (self.out_dir / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        return manifest
