"""A sheet as the layout finder sees it: merged cells spread, cells classified.

:class:`SheetGrid` wraps a :class:`~workbench.models.reading.workbook.Sheet` and answers
"what does this cell show" (the top-left value of a merged block covers the whole block)
and "what kind of cell is it" (empty, number, missing marker, error, text). Kinds are
cached per distinct value, so classifying a sheet costs one dictionary look-up per cell.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time


from workbench.models.reading.workbook import CellError, MergedRange, Sheet, cell_address

EMPTY, NUMBER, MISSING, ERROR, TEXT = 0, 1, 2, 3, 4
KIND_NAMES = {EMPTY: "empty", NUMBER: "number", MISSING: "missing", ERROR: "error", TEXT: "text"}

# Text a department writes for "no figure" (DOMAIN.md §5).
MISSING_MARKERS = frozenset(
    {"—", "-", "--", "---", "——", "–", "－", "/", "／", "\\", "…", "...", "……", "空", "无", "x", "X", "×",
     "#", "*", "n/a", "N/A", "NA", "na", "null", "NULL", "不详", "暂无", "未报", "缺"}
)
_NUMERIC_TEXT = re.compile(
    r"^[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+\-]?\d+)?"
    r"(?:%|‰|万|亿|千|百|万元|亿元|元|家|户|个|台次|批次|万平方米|平方米|人|项|件|个百分点|pp)?$"
)
_HAS_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """A cell as folded text: NFKC (full-width → half-width), no white space at all."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _SPACES.sub("", unicodedata.normalize("NFKC", value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def display_text(value: object) -> str:
    """A cell as readable text, as written: line breaks dropped, runs of space collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r", "").replace("\n", "")
    return _SPACES.sub(" ", text).strip()


_KIND_CACHE: dict[str, int] = {}


def _text_kind(text: str) -> int:
    kind = _KIND_CACHE.get(text)
    if kind is None:
        folded = clean_text(text)
        if not folded:
            kind = EMPTY
        elif folded in MISSING_MARKERS or text.strip() in MISSING_MARKERS:
            kind = MISSING
        elif folded.startswith("#") and folded.rstrip("!?").upper().lstrip("#") in {
            "DIV/0", "N/A", "VALUE", "REF", "NAME", "NUM", "NULL", "GETTING_DATA", "SPILL", "CALC"
        }:
            kind = ERROR
        elif _HAS_DIGIT.search(folded) and _NUMERIC_TEXT.match(folded):
            kind = NUMBER
        else:
            kind = TEXT
        if len(_KIND_CACHE) < 200_000:
            _KIND_CACHE[text] = kind
    return kind


def cell_kind(value: object) -> int:
    """The kind of a raw cell value (one of EMPTY, NUMBER, MISSING, ERROR, TEXT)."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        return _text_kind(value)
    if isinstance(value, bool):
        return TEXT
    if isinstance(value, (int, float)):
        return NUMBER if value == value else MISSING  # NaN is no figure
    if isinstance(value, CellError):
        return ERROR
    if isinstance(value, (datetime, date, time)):
        return TEXT
    return TEXT


def is_dataish(kind: int) -> bool:
    return kind in (NUMBER, MISSING, ERROR)


def a1_range(first_row: int, first_col: int, last_row: int, last_col: int) -> str:
    """``A1:H20`` for a 0-based inclusive block (one cell gives ``A1``)."""
    start, end = cell_address(first_row, first_col), cell_address(last_row, last_col)
    return start if start == end else f"{start}:{end}"


class SheetGrid:
    """Read-only access to one sheet with merged blocks spread and cells classified.

    Parameters
    ----------
    sheet : Sheet
    scan_rows : int
        Rows classified cell by cell up front (the rest is looked at column by column).
    """

    # Merged blocks larger than this are checked by range, not cell by cell.
    _BIG_MERGE = 4000

    def __init__(self, sheet: Sheet, scan_rows: int = 3000):
        self.sheet = sheet
        self.rows = sheet.rows
        self.height = len(self.rows)
        self.width = _used_width(self.rows)
        self._cover: dict[tuple[int, int], MergedRange] = {}
        self._big: list[MergedRange] = []
        for rng in sheet.merged:
            if (rng.last_row - rng.first_row + 1) * (rng.last_col - rng.first_col + 1) > self._BIG_MERGE:
                self._big.append(rng)
                continue
            for r in range(rng.first_row, rng.last_row + 1):
                for c in range(rng.first_col, rng.last_col + 1):
                    self._cover[(r, c)] = rng
        self.scan_rows = min(self.height, scan_rows)
        self.kinds = self._classify(self.scan_rows)

    # ------------------------------------------------------------ cells
    def raw(self, r: int, c: int) -> object:
        """The value stored in the cell itself (None in the covered part of a merged block)."""
        if 0 <= r < self.height:
            row = self.rows[r]
            if 0 <= c < len(row):
                return row[c]
        return None

    def merged_at(self, r: int, c: int) -> MergedRange | None:
        rng = self._cover.get((r, c))
        if rng is None and self._big:
            rng = next((m for m in self._big if m.contains(r, c)), None)
        return rng

    def value(self, r: int, c: int) -> object:
        """The value the cell shows: a merged block's top-left value covers the block."""
        rng = self.merged_at(r, c)
        if rng is not None:
            return self.raw(rng.first_row, rng.first_col)
        return self.raw(r, c)

    def text(self, r: int, c: int) -> str:
        """Display text of :meth:`value`."""
        return display_text(self.value(r, c))

    def kind(self, r: int, c: int) -> int:
        if r < self.scan_rows and c < self.width:
            return self.kinds[r][c]
        return cell_kind(self.value(r, c))

    def column(self, c: int, first: int = 0, last: int | None = None) -> list[object]:
        """Raw values of column ``c`` from row ``first`` to ``last`` (inclusive), merges spread."""
        last = self.height - 1 if last is None else last
        values = [row[c] if c < len(row) else None for row in self.rows[first:last + 1]]
        if self._cover or self._big:
            for i, v in enumerate(values):
                if v is None:
                    rng = self.merged_at(first + i, c)
                    if rng is not None:
                        values[i] = self.raw(rng.first_row, rng.first_col)
        return values

    def row_values(self, r: int, first_col: int = 0, last_col: int | None = None) -> list[object]:
        last_col = self.width - 1 if last_col is None else last_col
        return [self.value(r, c) for c in range(first_col, last_col + 1)]

    def row_is_blank(self, r: int, first_col: int = 0, last_col: int | None = None) -> bool:
        last_col = self.width - 1 if last_col is None else last_col
        if r < self.scan_rows:
            return not any(self.kinds[r][first_col:last_col + 1])
        row = self.rows[r] if r < self.height else []
        return all(cell_kind(v) == EMPTY for v in row[first_col:last_col + 1])

    def merged_span(self, r: int, c: int) -> str:
        """``B3:D3`` when the cell lies in a merged block, else ``""``."""
        rng = self.merged_at(r, c)
        if rng is None:
            return ""
        return a1_range(rng.first_row, rng.first_col, rng.last_row, rng.last_col)

    # ------------------------------------------------------------ classification
    def _classify(self, n_rows: int) -> list[bytearray]:
        # One bytearray per row: the window is small, and numpy would cost its import.
        width = max(self.width, 1)
        kinds = [bytearray(width) for _ in range(n_rows)]
        for r in range(n_rows):
            out = kinds[r]
            for c, v in enumerate(self.rows[r][: self.width]):
                if v is not None:
                    out[c] = cell_kind(v)
        # A merged block shows its value in every cell it covers.
        for (r, c), rng in self._cover.items():
            if r < n_rows and (r, c) != (rng.first_row, rng.first_col) and c < self.width:
                kinds[r][c] = cell_kind(self.raw(rng.first_row, rng.first_col))
        for rng in self._big:
            value = cell_kind(self.raw(rng.first_row, rng.first_col))
            last_col = min(rng.last_col, width - 1)
            for r in range(rng.first_row, min(rng.last_row, n_rows - 1) + 1):
                kinds[r][rng.first_col:last_col + 1] = bytes([value]) * (last_col + 1 - rng.first_col)
        return kinds


def _used_width(rows: list[list[object]]) -> int:
    """One past the last column holding anything (trailing empty columns are dropped)."""
    width = 0
    for row in rows:
        n = len(row)
        if n <= width:
            continue
        while n > width and (row[n - 1] is None or row[n - 1] == ""):
            n -= 1
        width = max(width, n)
    return width
