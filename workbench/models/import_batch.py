"""Reading a batch of departmental workbooks, and what the import preview shows of them.

:func:`read_files` is the user's "导入这些文件" as a plain function: a generator that
expands folders, reads each workbook and extracts its figures, yielding
``(done, total, message)`` between files and returning one :class:`FileResult` per
file; a file that cannot be read gives a result whose ``error`` names it, never an
exception that loses the rest of the batch. :func:`cell_roles` says what each cell of a
sheet is (title, header, region label, figure …) for the preview's colours, and
:func:`figures_table` turns an extraction's figures into the columns the preview lists.

Layout corrections (:class:`LayoutCorrection`, :class:`LayoutCorrections`) live in
:mod:`workbench.models.layout.corrections` and are re-exported here.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.models.departments import detect_department
from workbench.models.errors import WorkbenchError
from workbench.models.extract import Extraction, extract_workbook
from workbench.models.layout import words
from workbench.models.layout.corrections import (
    ORIENTATION_CHOICES,
    LayoutCorrection,
    LayoutCorrectionError,
    LayoutCorrections,
    layout_fingerprint,
)
from workbench.models.layout.grid import clean_text, display_text
from workbench.models.layout.tables import Table
from workbench.models.mapping import IndicatorMatcher
from workbench.models.periods import BASIS_NAMES, period_label
from workbench.models.plan import Plan
from workbench.models.reading import ReadCancelled, ReadError, read_workbook
from workbench.models.reading.workbook import Sheet, Workbook
from workbench.models.regions import RegionResolver

log = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = frozenset({
    ".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb", ".xls", ".xlt", ".et", ".ett", ".ods", ".ots", ".csv",
})
"""Files a folder is searched for (a file chosen by name is read whatever its extension)."""

Progress = tuple[int, int, str]

# ------------------------------------------------------------------ files
def _hidden(path: Path) -> bool:
    if path.name.startswith("."):
        return True
    attributes = getattr(path.stat(), "st_file_attributes", 0)  # Windows only
    return bool(attributes & 0x2)  # FILE_ATTRIBUTE_HIDDEN


def _lock_file(path: Path) -> bool:
    return path.name.startswith("~$") or path.name.startswith(".~lock.")


def expand_paths(paths: Iterable[str | os.PathLike], should_stop: Callable[[], bool] | None = None) -> list[Path]:
    """Files to read: folders searched recursively for spreadsheets and CSV files.

    Lock files (``~$…``, ``.~lock.…#``) and hidden files and folders are skipped; a file
    named directly is kept whatever its extension (the reader tells what it really is).
    Duplicates are dropped, the order of ``paths`` kept, a folder's files sorted.
    """
    seen: set[Path] = set()
    out: list[Path] = []

    def add(path: Path) -> None:
        key = Path(os.path.normcase(os.path.abspath(path)))
        if key not in seen:
            seen.add(key)
            out.append(path)

    for item in paths:
        path = Path(item)
        if not path.is_dir():
            if not _lock_file(path):
                add(path)
            continue
        for root, dirs, names in os.walk(path):
            if should_stop is not None and should_stop():
                return out
            dirs[:] = sorted(d for d in dirs if not _hidden(Path(root) / d))
            for name in sorted(names):
                file = Path(root) / name
                try:
                    if file.suffix.lower() in SPREADSHEET_SUFFIXES and not _lock_file(file) and not _hidden(file):
                        add(file)
                except OSError:
                    continue
    return out


# ------------------------------------------------------------------ results
@dataclass
class FileResult:
    """What reading one file gave.

    ``extraction`` and ``workbook`` (the raw sheets, for the preview) are None when the
    file could not be read; ``error`` then says why, naming the file. ``cancelled`` marks
    a file whose reading the user stopped.
    """

    path: Path
    extraction: Extraction | None = None
    workbook: Workbook | None = None
    error: str = ""
    department: str = ""
    cancelled: bool = False
    corrected_sheets: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.extraction is not None and not self.error and not self.cancelled

    @property
    def name(self) -> str:
        return self.path.name


_DEPARTMENT = re.compile(r"(?:局|委|办|分局|支行|分行|中心|厅|院|会|所|部|室|处|署|委员会)$")
_STAMP = re.compile(r"[(（][^()（）]*(?:章|签)[^()（）]*[)）]")


def guess_department(path: str | os.PathLike, tables: Iterable[Table] = (), sheet_names: Iterable[str] = ()) -> str:
    """The sending department's short name, or "" when nothing names one.

    A department of the known list (:func:`workbench.models.departments.detect_department`:
    填报单位 line, form block, file name, titles …) gives its canonical name; otherwise a
    file-name prefix that looks like a department ("档案局_2019年…"), then the 填报单位 line.
    """
    tables = list(tables)
    found = detect_department(path, tables, sheet_names)
    if found is not None:
        return found.name
    stem = Path(path).stem
    head = re.split(r"[_\-—－\s]+", stem, maxsplit=1)[0]
    if head != stem and 2 <= len(head) <= 16 and _DEPARTMENT.search(head):
        return head
    for table in tables:
        filer = table.filer or next((v for k, v in table.form.items() if k in ("报送单位", "填报单位")), "")
        filer = _STAMP.sub("", filer).strip()
        if filer:
            return filer
    return ""


def read_one(path: str | os.PathLike, plan: Plan, resolver: RegionResolver, matcher: IndicatorMatcher,
             corrections: LayoutCorrections | None = None, should_stop: Callable[[], bool] | None = None,
             limits=None) -> FileResult:
    """Read and extract one file; every failure becomes the result's ``error`` (see :class:`FileResult`)."""
    path = Path(path)
    try:
        workbook = read_workbook(path, limits=limits, should_stop=should_stop)
    except ReadCancelled as exc:
        return FileResult(path, error=str(exc), cancelled=True)
    except ReadError as exc:
        return FileResult(path, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one odd file must not lose the batch
        log.exception("读取 %s 时出错", path)
        return FileResult(path, error=f"读取文件「{path.name}」时发生意外错误：{exc}")
    return extract_read(workbook, plan, resolver, matcher, corrections, should_stop)


def extract_read(workbook: Workbook, plan: Plan, resolver: RegionResolver, matcher: IndicatorMatcher,
                 corrections: LayoutCorrections | None = None,
                 should_stop: Callable[[], bool] | None = None) -> FileResult:
    """Extract the figures of a workbook already read (again, after a layout correction)."""
    path = Path(workbook.path)
    try:
        extraction = extract_workbook(workbook, plan, resolver, matcher, should_stop=should_stop,
                                      corrections=corrections)
    except WorkbenchError as exc:
        return FileResult(path, workbook=workbook, error=str(exc))
    except Exception as exc:  # noqa: BLE001
        log.exception("识别 %s 时出错", path)
        return FileResult(path, workbook=workbook, error=f"识别文件「{path.name}」的表格时发生意外错误：{exc}")
    if should_stop is not None and should_stop():
        return FileResult(path, extraction, workbook, error=f"已取消读取文件「{path.name}」", cancelled=True)
    corrected = []
    if corrections is not None and len(corrections):
        corrected = [s.name for s in workbook.sheets if corrections.for_sheet(s) is not None]
    department = guess_department(path, extraction.tables, [s.name for s in workbook.sheets])
    return FileResult(path, extraction, workbook, department=department, corrected_sheets=corrected)


def read_files(paths: Iterable[str | os.PathLike], plan: Plan, resolver: RegionResolver, matcher: IndicatorMatcher,
               corrections: LayoutCorrections | None = None, should_stop: Callable[[], bool] | None = None,
               limits=None) -> Generator[Progress, None, list[FileResult]]:
    """Read a batch of files and folders, one file at a time.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders; folders are searched recursively (:func:`expand_paths`).
    plan, resolver, matcher
        As for :func:`~workbench.models.extract.extract_workbook`.
    corrections : LayoutCorrections, optional
        Saved layout corrections; a sheet whose layout has one is read the corrected way.
    should_stop : callable, optional
        Polled between files (and by the reader between sheets); True stops the batch.
    limits : Limits, optional
        Passed to the reader.

    Yields
    ------
    (done, total, message)
        Before each file and once at the end.

    Returns
    -------
    list of FileResult
        One per file read, in order. When stopped, the files not reached are missing
        and the file being read when the stop came is marked ``cancelled``.
    """
    stop = should_stop or (lambda: False)
    files = expand_paths(paths, stop)
    total = len(files)
    results: list[FileResult] = []
    for i, path in enumerate(files):
        if stop():
            return results
        yield i, total, f"正在读取「{path.name}」（{i + 1}/{total}）"
        result = read_one(path, plan, resolver, matcher, corrections, stop, limits)
        results.append(result)
        if result.cancelled:
            return results
    yield total, total, f"已读取 {total} 个文件"
    return results


def run_to_end(generator: Generator[Progress, None, object]):
    """Drive a progress generator to its end and return its result (for the CLI and tests)."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value


# ------------------------------------------------------------------ cell roles
ROLES = ("title", "unit", "form_block", "header", "column_codes", "region", "data", "total", "subitem", "footnote")
"""What a cell can be, for the preview's colours (code ``k`` in :class:`CellRoles` is ``ROLES[k - 1]``)."""
ROLE_NAMES = {"title": "标题", "unit": "单位", "form_block": "表号", "header": "表头", "column_codes": "栏次",
              "region": "地区", "data": "数据", "total": "合计", "subitem": "其中", "footnote": "注释"}
_CODE = {name: k for k, name in enumerate(ROLES, start=1)}
_FOOTNOTE_ROWS = 14


class CellRoles:
    """The role of every cell of a sheet, one byte per cell.

    ``codes[r, c]`` is 0 for a cell outside every table's parts, else ``k`` for
    ``ROLES[k - 1]``; cells beyond the array have no role.
    """

    def __init__(self, codes: np.ndarray):
        self.codes = codes

    @property
    def shape(self) -> tuple[int, int]:
        return self.codes.shape

    def code(self, r: int, c: int) -> int:
        if 0 <= r < self.codes.shape[0] and 0 <= c < self.codes.shape[1]:
            return int(self.codes[r, c])
        return 0

    def role(self, r: int, c: int) -> str | None:
        """``"title"``, ``"header"``, ``"region"`` … or None."""
        k = self.code(r, c)
        return ROLES[k - 1] if k else None

    def __getitem__(self, rc: tuple[int, int]) -> str | None:
        return self.role(*rc)

    def to_lists(self) -> list[list[str | None]]:
        """Roles as nested lists (small sheets and tests only)."""
        names = (None, *ROLES)
        return [[names[k] for k in row] for row in self.codes.tolist()]


def _sheet_width(sheet: Sheet) -> int:
    width = 0
    for row in sheet.rows:
        n = len(row)
        if n > width:
            while n > width and (row[n - 1] is None or row[n - 1] == ""):
                n -= 1
            width = max(width, n)
    return width


def cell_roles(sheet: Sheet, tables: Iterable[Table]) -> CellRoles:
    """What each cell of ``sheet`` is, from the tables found on it.

    Parameters
    ----------
    sheet : Sheet
    tables : iterable of Table
        The tables of this sheet (others are ignored).

    Returns
    -------
    CellRoles
        Roles among :data:`ROLES`; merged blocks take the role of their top-left cell.
    """
    height, width = len(sheet.rows), _sheet_width(sheet)
    codes = np.zeros((height, max(width, 1)), dtype=np.int8)
    tables = [t for t in tables if t.sheet == sheet.name]
    for table in tables:
        _table_roles(sheet, table, codes)
    for rng in sheet.merged:
        if rng.first_row < height and rng.first_col < codes.shape[1]:
            k = codes[rng.first_row, rng.first_col]
            if k:
                block = codes[rng.first_row:rng.last_row + 1, rng.first_col:rng.last_col + 1]
                block[block == 0] = k
    return CellRoles(codes)


def _text(sheet: Sheet, r: int, c: int) -> str:
    return display_text(sheet.value(r, c))


def _filled(sheet: Sheet, r: int, width: int) -> list[int]:
    row = sheet.rows[r] if 0 <= r < len(sheet.rows) else []
    return [c for c, v in enumerate(row[:width]) if v is not None and display_text(v) != ""]


def _filing_role(text: str) -> int:
    folded = clean_text(text)
    if words.META.match(folded):
        return _CODE["form_block"]
    if words.UNIT_LINE.match(folded):
        return _CODE["unit"]
    return 0


def _table_roles(sheet: Sheet, t: Table, codes: np.ndarray) -> None:
    height, width = codes.shape
    c0, c1 = t.first_col, min(t.last_col, width - 1)
    span = slice(c0, c1 + 1)
    # the lines above the header: title, unit line, form block, filing unit
    top = min([*t.header_rows, t.code_row if t.code_row is not None else height,
               t.data_rows[0] if t.data_rows else height, t.last_row])
    start = t.first_row if t.title_row is None else min(t.first_row, t.title_row)
    for r in range(max(0, min(start, top - 10)), min(top, height)):
        for c in _filled(sheet, r, width):
            text = _text(sheet, r, c)
            role = _filing_role(text)
            if role:
                codes[r, c] = role
            elif r == t.title_row:
                codes[r, c] = _CODE["title"]
            elif t.unit_line and clean_text(t.unit_line) in clean_text(text):
                codes[r, c] = _CODE["unit"]
    # header rows and column codes
    header_cols = [c for c in range(c0, c1 + 1)]
    for r in t.header_rows:
        if r < height:
            codes[r, span] = _CODE["header"]
            for c in _filled(sheet, r, width):
                text = _text(sheet, r, c)
                role = _filing_role(text)
                if role:
                    codes[r, c] = role
                elif c in header_cols and words.SUBITEM.match(clean_text(text)):
                    codes[r, c] = _CODE["subitem"]
    if t.code_row is not None and t.code_row < height:
        codes[t.code_row, span] = _CODE["column_codes"]
    rows = np.asarray([r for r in t.data_rows if r < height], dtype=np.intp)
    cols = np.asarray([c for c in t.data_cols if c < width], dtype=np.intp)
    if len(rows) and len(cols):
        codes[np.ix_(rows, cols)] = _CODE["data"]
    stub = np.asarray([c for c in t.stub_cols if c < width], dtype=np.intp)
    if t.orientation == "rows":
        sub_cols = [c for c in t.col_subitems if c < width]
        if len(rows) and sub_cols:
            codes[np.ix_(rows, np.asarray(sub_cols, dtype=np.intp))] = _CODE["subitem"]
        for e in t.regions:
            if e.index >= height:
                continue
            if t.label_col is not None and t.label_col < width:
                codes[e.index, t.label_col] = _CODE["total"] if e.is_total else _CODE["region"]
            if e.is_total and len(cols):
                codes[e.index, cols] = _CODE["total"]
            elif e.subitem and len(cols):
                codes[e.index, cols] = _CODE["subitem"]
    elif t.orientation == "columns":
        if len(rows) and len(stub):
            codes[np.ix_(rows, stub)] = _CODE["header"]
        sub_rows = [r for r in t.row_subitems if r < height]
        if sub_rows and len(cols):
            codes[np.ix_(np.asarray(sub_rows, dtype=np.intp), cols)] = _CODE["subitem"]
        if t.region_row is not None and t.region_row < height:
            for e in t.regions:
                if e.index < width:
                    codes[t.region_row, e.index] = _CODE["total"] if e.is_total else _CODE["region"]
                    if len(rows) and (e.is_total or e.subitem):
                        codes[rows, e.index] = _CODE["total"] if e.is_total else _CODE["subitem"]
    elif t.orientation in ("long", "list") and t.long is not None:
        roles = t.long
        if len(rows):
            for c in (roles.indicator, roles.unit, roles.period):
                if c is not None and c < width:
                    codes[rows, c] = _CODE["header"]
            if roles.region < width:
                codes[rows, roles.region] = _CODE["region"]
                totals = {clean_text(e.label) for e in t.regions if e.is_total}
                if totals:
                    for r in rows:
                        if clean_text(_text(sheet, int(r), roles.region)) in totals:
                            codes[r, roles.region] = _CODE["total"]
                            codes[r, [c for c in roles.values if c < width]] = _CODE["total"]
    else:  # one region per sheet: the stub names the indicators
        if len(rows) and len(stub):
            codes[np.ix_(rows, stub)] = _CODE["header"]
        sub_rows = [r for r in t.row_subitems if r < height]
        if sub_rows and len(cols):
            codes[np.ix_(np.asarray(sub_rows, dtype=np.intp), cols)] = _CODE["subitem"]
        sub_cols = [c for c in t.col_subitems if c < width]
        if len(rows) and sub_cols:
            codes[np.ix_(rows, np.asarray(sub_cols, dtype=np.intp))] = _CODE["subitem"]
    # footnotes below the table
    if t.footnotes:
        notes = {clean_text(n) for n in t.footnotes}
        for r in range(t.last_row + 1, min(height, t.last_row + 1 + _FOOTNOTE_ROWS)):
            filled = _filled(sheet, r, width)
            joined = clean_text("".join(_text(sheet, r, c) for c in filled))
            if filled and joined in notes:
                codes[r, filled] = _CODE["footnote"]


# ------------------------------------------------------------------ figures as the preview lists them
FIGURE_TABLE_COLUMNS = ["地区", "指标", "期别", "口径", "数值", "单位", "单元格", "原始值", "置信度"]
ORIENTATION_NAMES = {"rows": "地区在行", "columns": "地区在列", "long": "长表", "sheet": "每表一个地区",
                     "list": "逐户明细"}


def figures_table(figures: pd.DataFrame, sheet: str | None = None) -> pd.DataFrame:
    """The figures of an extraction in the preview's columns (:data:`FIGURE_TABLE_COLUMNS`).

    Parameters
    ----------
    figures : DataFrame
        ``Extraction.figures``.
    sheet : str, optional
        Only this sheet's figures; otherwise all, with the cell written ``工作表!B11``.
    """
    frame = figures if sheet is None else figures[figures["sheet"] == sheet]
    if frame.empty:
        return pd.DataFrame({name: pd.Series(dtype="float64" if name in ("数值", "置信度") else "object")
                             for name in FIGURE_TABLE_COLUMNS})
    periods = [period_label(y, a, b, basis) for y, a, b, basis in
               zip(frame["year"], frame["from_month"], frame["to_month"], frame["basis"])]
    cells = frame["cell"] if sheet is not None else frame["sheet"].astype(str) + "!" + frame["cell"].astype(str)
    return pd.DataFrame({
        "地区": frame["region_name"].to_numpy(dtype=object),
        "指标": frame["indicator_name"].to_numpy(dtype=object),
        "期别": periods,
        "口径": [BASIS_NAMES.get(b, b or "") for b in frame["basis"]],
        "数值": frame["value"].to_numpy(dtype="float64"),
        "单位": frame["unit"].to_numpy(dtype=object),
        "单元格": cells.to_numpy(dtype=object),
        "原始值": frame["raw"].map(lambda v: "" if v is None else str(v)).to_numpy(dtype=object),
        "置信度": frame["confidence"].to_numpy(dtype="float64"),
    })


__all__ = [
    "CellRoles", "FIGURE_TABLE_COLUMNS", "FileResult", "LayoutCorrection", "LayoutCorrectionError",
    "LayoutCorrections", "ORIENTATION_CHOICES", "ORIENTATION_NAMES", "ROLES", "ROLE_NAMES", "cell_roles",
    "expand_paths", "extract_read", "figures_table", "guess_department", "layout_fingerprint", "period_label",
    "read_files", "read_one", "run_to_end",
]
