"""Writing cell values safely, shared by every Excel file the workbench makes.

Text taken from a project or a departmental workbook (a county note, a file name, an
explanation, a cell's raw text) may begin with ``=``, ``+``, ``-`` or ``@``. Excel and WPS
would treat such a cell as a formula, so every string is stored as text explicitly.
Missing values (None, NaN, pandas' NA, infinities) never become 0.

The module imports no openpyxl, so the core stays quick to import.
"""

from __future__ import annotations

import math
import os

from workbench.models.errors import WorkbenchError

FORMULA_START = ("=", "+", "-", "@")
"""First characters that make Excel read a typed text as a formula."""


class WorkbookSaveError(WorkbenchError, OSError):
    """The workbook could not be written; ``str()`` names the file, in Chinese."""


def plain_value(value):
    """A value a cell can hold: None for anything missing, Python scalars, 是/否 for booleans.

    Parameters
    ----------
    value : object
        A scalar from a DataFrame (numpy or pandas types included), a list or a tuple.

    Returns
    -------
    object
        None, bool turned into 是/否, int, float, str (lists joined with "；") or the value
        itself when openpyxl can store it (dates).
    """
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return "；".join(map(str, value))
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        if value != value:  # pandas' NA and NaT compare unequal to themselves or refuse to
            return None
    except (TypeError, ValueError):
        return None
    return value


def put_cell(ws, row: int, col: int, value, number_format: str | None = None):
    """Write ``value`` to one cell; a string always stays text, never a formula.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
    row, col : int
        1-based position.
    value : object
        Passed through :func:`plain_value`.
    number_format : str, optional
        Applied to numbers only (a text or empty cell keeps the default).

    Returns
    -------
    openpyxl.cell.Cell
        The cell, for further styling.
    """
    cell = ws.cell(row=row, column=col)
    value = plain_value(value)
    set_value(cell, value)
    if number_format and value is not None and not isinstance(value, str):
        cell.number_format = number_format
    return cell


def set_value(cell, value) -> None:
    """Store an already plain ``value``: floats exactly (:func:`store_float`), strings as text."""
    if isinstance(value, float):
        store_float(cell, value)
    else:
        cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula


def store_float(cell, value: float) -> None:
    """Store ``value`` in ``cell`` so that it reads back as exactly the same number.

    openpyxl writes floats with 16 significant digits, which can change the last bit of a
    double (0.48923944272780684 comes back as 0.4892394427278068); the shortest text that
    reads back as the same double (``repr``) is written instead, still as a number.
    """
    cell.value = repr(value)
    cell.data_type = "n"


def display_width(text: object) -> int:
    """How many Latin character widths ``text`` takes: a Chinese character counts two.

    GB 18030 encodes CJK characters (and full-width forms) in two bytes and ASCII in one,
    which is the width Excel's column unit roughly gives them; encoding is much faster than
    looking up every character's East Asian width.
    """
    if text is None:
        return 0
    text = str(text)
    longest = max(text.split("\n"), key=len) if "\n" in text else text
    return len(longest.encode("gb18030", errors="replace"))


def save_workbook(wb, path: str | os.PathLike) -> None:
    """Save ``wb`` next to ``path`` and move it into place.

    A failure never leaves a half-written workbook where an older one was.

    Raises
    ------
    WorkbookSaveError
        When the folder is missing or not writable, or the file is open in Excel or WPS.
    """
    target = os.fspath(path)
    partial = f"{target}.partial"
    try:
        wb.save(partial)
        os.replace(partial, target)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WorkbookSaveError(f"无法写入表格文件“{target}”：{reason}（文件夹是否存在、文件是否正在 Excel/WPS 中打开？）"
                                ) from exc
    finally:
        if os.path.exists(partial):
            os.remove(partial)
