"""Reading spreadsheet packages (xlsx, xlsm, xlsb, xls, ods) with python-calamine.

calamine reads values only: it never runs macros, never follows external links and
never touches the network. Around it this module adds what a statistics bureau needs:
each sheet's size is checked *before* calamine allocates it (see
:mod:`workbench.models.reading.extent`), error cells come back as
:class:`~workbench.models.reading.workbook.CellError` instead of blanks, merged ranges
are supplied where calamine has none (xlsb, ods), and cells are aligned so that
``rows[0][0]`` is A1 whatever the used range.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from xml.parsers.expat import ExpatError

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

from workbench.models.reading import messages
from workbench.models.reading.biff import BiffStream
from workbench.models.reading.extent import xlsx_extent, xlsx_scan
from workbench.models.reading.limits import Budget
from workbench.models.reading.ods import SheetExtras, ods_extras
from workbench.models.reading.ooxml import safe_error_cells, xlsx_sheet_parts
from workbench.models.reading.workbook import CellError, MergedRange, ReadError, Sheet
from workbench.models.reading.xlsb import xlsb_sheet_extras, xlsb_sheet_parts

_ONE_DAY = dt.timedelta(days=1)
_CALAMINE_SUFFIXES = {
    "xlsx": (".xlsx", ".xlsm", ".xlam"),
    "xlsm": (".xlsx", ".xlsm", ".xlam"),
    "xlsb": (".xlsb",),
    "xls": (".xls", ".xla"),
    "ods": (".ods",),
}


def calamine_failure(exc: BaseException, path: Path, sheet: str | None = None) -> ReadError:
    """Turn anything calamine raised (including a Rust panic) into a Chinese ReadError."""
    if isinstance(exc, ReadError):
        return exc
    if isinstance(exc, PasswordError):
        return messages.encrypted(path)
    if isinstance(exc, MemoryError):
        return messages.out_of_memory(path, sheet)
    if type(exc).__name__ == "PanicException":
        # pyo3 turns a Rust panic into PanicException, a BaseException: the file made
        # calamine trip over an internal assertion, which for the user means "damaged".
        return messages.corrupt(path, f"读取程序无法解析此文件（{exc}）", sheet)
    return messages.corrupt(path, str(exc) or type(exc).__name__, sheet)


def _clean(rows: list[list[object]]) -> None:
    """Empty strings become None; durations become times (or days) in place.

    python-calamine gives every empty position as "" and durations as timedelta; the
    Sheet contract has None for empty and no timedelta. Only the positions that need it
    are touched: a big list is mostly numbers and text, and a Python-level pass over every
    value would cost as much as a tenth of calamine's own parse.
    """
    for row in rows:
        empty = row.count("")
        position = -1
        for _ in range(empty):
            position = row.index("", position + 1)
            row[position] = None
    if dt.timedelta in set(map(type, chain.from_iterable(rows))):
        for row in rows:
            for position, value in enumerate(row):
                if type(value) is dt.timedelta:
                    row[position] = _duration(value)


def _duration(value: dt.timedelta) -> object:
    # A duration under a day is shown by Excel as a clock time; longer ones stay a
    # number of days, which is what the cell holds.
    if dt.timedelta(0) <= value < _ONE_DAY:
        return (dt.datetime.min + value).time()
    return value / _ONE_DAY


def _overlay(rows: list[list[object]], errors: dict[tuple[int, int], str]) -> None:
    for (row, col), code in errors.items():
        if row < len(rows) and col < len(rows[row]):
            rows[row][col] = CellError(code)


def _merged(raw, fallback: list[MergedRange]) -> list[MergedRange]:
    if raw is None:
        return list(fallback)
    found = []
    for (first_row, first_col), (last_row, last_col) in raw:
        if first_row <= last_row and first_col <= last_col:
            found.append(MergedRange(first_row, first_col, last_row, last_col))
    return found


class _Scanner:
    """Per-format scans that run before calamine touches a sheet."""

    def __init__(self, fmt: str, path: Path, budget: Budget, archive: zipfile.ZipFile | None, biff: BiffStream | None):
        self.fmt, self.path, self.budget = fmt, path, budget
        self._archive, self._biff = archive, biff
        self._ready: dict[str, SheetExtras] = {}
        self._parts: dict[str, str] = {}
        check = budget.check
        whole: list[tuple[str, SheetExtras]] = []  # what calamine builds on opening
        if fmt == "ods" and archive is not None:
            try:
                whole = ods_extras(archive, check)
            except (ExpatError, ValueError) as exc:
                raise messages.corrupt(path, f"content.xml 无法解析（{exc}）") from None
            for name, extras in whole:
                self._ready.setdefault(name, extras)
        elif fmt == "xls" and biff is not None:
            scanned: dict[int, SheetExtras] = {}
            names = {offset: name for name, offset in biff.sheets.items()}
            for offset in biff.offsets:
                if offset not in scanned:
                    extras = scanned[offset] = SheetExtras()
                    (extras.rows, extras.cols), extras.errors, declared = biff.scan_sheet(offset, check)
                    # calamine reserves what DIMENSIONS declares before reading any cell.
                    if declared[0] * declared[1] > budget.limits.max_cells:
                        raise messages.too_many_cells(
                            path, names.get(offset, f"#{offset}"), *declared, budget.limits.max_cells
                        )
            self._ready = {name: scanned[offset] for name, offset in biff.sheets.items()}
            # Every BOUNDSHEET entry counts, even unnamed ones or several pointing at the
            # same substream: calamine builds each of them.
            whole = [(names.get(offset, f"#{offset}"), scanned[offset]) for offset in biff.offsets]
        elif fmt in ("xlsx", "xlsm", "xlsb") and archive is not None:
            try:
                self._parts = (xlsb_sheet_parts if fmt == "xlsb" else xlsx_sheet_parts)(archive)
            except ReadError:
                raise
            except Exception:  # noqa: BLE001 - odd packaging: every sheet takes the fallback bound
                self._parts = {}
        self._fallback: SheetExtras | None = None
        # ods and xls are parsed whole when calamine opens them, so all sheets must
        # fit together before that happens.
        total = 0
        for name, extras in whole:
            total += extras.rows * extras.cols
            if total > budget.limits.max_cells:
                raise messages.too_many_cells(path, name, extras.rows, extras.cols, budget.limits.max_cells)

    def sheet(self, name: str) -> SheetExtras | None:
        """What is known about ``name`` before calamine parses it (None: nothing).

        Raises
        ------
        ReadError
            When the sheet is too big, the read was cancelled or timed out, or the
            sheet's part cannot be scanned: a sheet whose size is unknown is never
            handed to calamine, which could abort the process on it.
        """
        if name in self._ready:
            return self._ready[name]
        if self._archive is None:
            return None
        check: Callable[[], None] = lambda: self.budget.check(name)  # noqa: E731
        try:
            member = self._parts.get(name)
            if member is None:
                return self._fallback_bound(check)
            extras = SheetExtras()
            if self.fmt == "xlsb":
                (extras.rows, extras.cols), extras.errors, extras.merged = xlsb_sheet_extras(self._archive, member, check)
                return extras
            room = self.budget.limits.max_cells - self.budget.cells
            scan = xlsx_scan(self._archive, member, check, room)
            extras.rows, extras.cols = scan.rows, scan.cols
        except ReadError:
            raise
        except Exception as exc:  # noqa: BLE001 - zipfile/zlib report damage in many ways
            raise messages.corrupt(self.path, f"工作表数据损坏（{exc}）", name) from None
        if not scan.may_have_errors:
            return extras
        try:
            extras.errors = safe_error_cells(self._archive, member, check)
        except ReadError:
            raise
        except Exception:  # noqa: BLE001 - without error positions the values are still right
            extras.errors = {}
        return extras

    def _fallback_bound(self, check: Callable[[], None]) -> SheetExtras:
        """The largest extent of any sheet-like part, for a sheet whose part was not found.

        calamine may locate a sheet that this module's simpler lookup misses; the size
        check must still happen, so the worst part in the package stands in for it.
        """
        if self._fallback is None:
            bound = SheetExtras()
            suffix = ".bin" if self.fmt == "xlsb" else ".xml"
            for info in self._archive.infolist():
                lower = info.filename.lower()
                if "sheet" in lower and lower.endswith(suffix) and "/_rels/" not in lower:
                    if self.fmt == "xlsb":
                        (rows, cols), _, _ = xlsb_sheet_extras(self._archive, info.filename, check)
                    else:
                        rows, cols = xlsx_extent(self._archive, info.filename, check)
                    if rows * cols > bound.rows * bound.cols:
                        bound.rows, bound.cols = rows, cols
            self._fallback = bound
        return self._fallback


def _open_book(path: Path, fmt: str) -> CalamineWorkbook:
    # calamine picks its reader from the extension when opening a path, and then its
    # errors name the real problem ("Relationship not found"); from a stream it tries
    # every reader and only says "Cannot detect file format". So a path whose extension
    # fits the real format is opened directly, any other through a read-only stream.
    if path.suffix.lower() in _CALAMINE_SUFFIXES.get(fmt, ()):
        return CalamineWorkbook.from_path(str(path))
    with open(path, "rb") as stream:
        return CalamineWorkbook.from_filelike(stream)  # read whole into memory here


def read_excel(
    path: Path,
    fmt: str,
    budget: Budget,
    archive: zipfile.ZipFile | None = None,
    biff: BiffStream | None = None,
) -> list[Sheet]:
    """Read every worksheet of a spreadsheet package with calamine.

    Parameters
    ----------
    path
        The file, named in messages.
    fmt
        The sniffed format: ``xlsx``, ``xlsm``, ``xlsb``, ``xls`` or ``ods``.
    budget
        Limits, timing and cancellation.
    archive
        The open zip package, for zip formats.
    biff
        The parsed BIFF stream, for ``xls``.

    Returns
    -------
    list of Sheet
        Worksheets in workbook order; chart, macro and dialog sheets are left out.

    Raises
    ------
    ReadError
        For any failure, naming the file and, when one is at fault, the sheet.
    """
    scanner = _Scanner(fmt, path, budget, archive, biff)
    budget.check()
    try:
        book = _open_book(path, fmt)
        metadata = list(book.sheets_metadata)
    except BaseException as exc:  # noqa: BLE001 - calamine may raise anything, even panic
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise calamine_failure(exc, path) from None
    sheets: list[Sheet] = []
    try:
        for meta in metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # charts and macro/dialog sheets hold no table
            sheets.append(_read_sheet(book, meta.name, scanner, path, budget))
    finally:
        book.close()
    return sheets


def _read_sheet(book: CalamineWorkbook, name: str, scanner: _Scanner, path: Path, budget: Budget) -> Sheet:
    budget.check(name)
    extras = scanner.sheet(name)
    if extras is not None:
        budget.ensure_room(extras.rows, extras.cols, name)
    try:
        sheet = book.get_sheet_by_name(name)
        end = sheet.end
        rows, cols = (end[0] + 1, end[1] + 1) if end else (0, 0)
        budget.take_cells(rows, cols, name)
        data = sheet.to_python(skip_empty_area=False) if rows else []
        merged = _merged(sheet.merged_cell_ranges, extras.merged if extras else [])
        del sheet  # frees calamine's copy before the next sheet is parsed
    except BaseException as exc:  # noqa: BLE001 - see read_excel
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise calamine_failure(exc, path, name) from None
    _clean(data)
    if extras is not None and extras.errors:
        _overlay(data, extras.errors)
    budget.check(name)
    return Sheet(name=name, rows=data, merged=merged)
