"""What every reader returns: sheets of raw cell values with their merged ranges.

Readers keep values as the file holds them (text stays text, numbers stay numbers);
interpreting them is the job of the layout and value modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.models.errors import WorkbenchError


@dataclass(frozen=True)
class CellError:
    """An Excel error value such as ``#DIV/0!`` or ``#N/A``."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class MergedRange:
    """A merged block, 0-based and inclusive at both ends."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    def contains(self, row: int, col: int) -> bool:
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col


@dataclass
class Sheet:
    """One sheet: ``rows[r][c]`` is the raw value of the cell at 0-based (r, c), A1 at (0, 0).

    Values are None (empty), str, int, float, bool, datetime/date/time or :class:`CellError`.
    Rows may be ragged; a missing position is an empty cell.
    """

    name: str
    rows: list[list[object]]
    merged: list[MergedRange] = field(default_factory=list)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def value(self, row: int, col: int) -> object:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None


@dataclass
class Workbook:
    """A read workbook: its real format (sniffed from the bytes) and its sheets."""

    path: Path
    format: str
    sheets: list[Sheet]
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


class ReadError(WorkbenchError):
    """A file (or one of its sheets) that cannot be read; the message is Chinese and names it."""

    def __init__(self, message: str, path: str | Path | None = None, sheet: str | None = None):
        super().__init__(message)
        self.path = None if path is None else Path(path)
        self.sheet = sheet


def cell_address(row: int, col: int) -> str:
    """A1 address of a 0-based (row, col)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
