"""Reading delimited text (CSV, TSV, Excel's "Unicode text") into one sheet of strings.

Departmental systems export CSV in GBK/GB18030 (Excel's default on a Chinese Windows)
or in UTF-8 with or without BOM, and Excel's "Unicode text" is UTF-16 with tabs. Values
stay text exactly as written ("1,234", "１２３", "12.3%"): interpreting them is the
value parser's job, and guessing here would hide what the file really said.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from workbench.models.reading import messages
from workbench.models.reading.limits import Budget
from workbench.models.reading.workbook import ReadError, Sheet

DELIMITERS = (",", "\t", ";", "|")
_NAMES = {",": "逗号", "\t": "制表符", ";": "分号", "|": "竖线"}
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_ROWS = 200
# Characters that never occur in a text table; many of them mean the bytes are binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SEP_LINE = re.compile(r"\A\s*sep=(.)\s*\r?\n", re.IGNORECASE)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a text file: BOM first, then strict UTF-8, then GB18030 (a superset of GBK).

    Returns
    -------
    tuple of (str, str)
        The text and the name of the encoding used.

    Raises
    ------
    ReadError
        When no encoding decodes the bytes, or the result is not plausible text.
    """
    candidates: list[str]
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        # Strict UTF-8 almost never accepts GBK bytes by accident, so it goes first.
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text[:_SAMPLE_CHARS])) > max(2, len(text[:_SAMPLE_CHARS]) // 1000):
            raise messages.corrupt(path, "文件内容含有大量控制字符，不是文本表格")
        return text, encoding
    raise messages.undecodable(path)


def detect_delimiter(text: str) -> str:
    """The delimiter (, tab ; |) that splits the opening lines most consistently.

    Each candidate is tried with a real CSV parser (so commas inside quotes such as
    "1,234" do not count); the winner gives the most rows sharing the same field count
    above one, then the most fields. A file with no delimiter at all is one column.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rfind("\n")]  # never judge by a cut-off last line
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts: dict[int, int] = {}
        try:
            for index, row in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
                if index >= _SAMPLE_ROWS:
                    break
                if len(row) > 1:
                    counts[len(row)] = counts.get(len(row), 0) + 1
        except csv.Error:
            continue
        if counts:
            fields, rows = max(counts.items(), key=lambda item: (item[1], item[0]))
            if (rows, fields) > best_score:
                best, best_score = delimiter, (rows, fields)
    return best


def delimiter_name(delimiter: str) -> str:
    """The Chinese name of a delimiter, for notes."""
    return _NAMES.get(delimiter, delimiter)


def read_text(path: Path, data: bytes, budget: Budget) -> tuple[Sheet, str, str]:
    """Read delimited text as one sheet named after the file.

    Parameters
    ----------
    path
        The file (its stem names the sheet).
    data
        The whole file.
    budget
        Limits, timing and cancellation; checked every 10 000 rows.

    Returns
    -------
    tuple of (Sheet, str, str)
        The sheet (values are str, empty fields None), the encoding and the delimiter.

    Raises
    ------
    ReadError
        For an undecodable file, a malformed CSV (e.g. a field over 128 KB) or a limit.
    """
    text, encoding = decode(data, path)
    declared = _SEP_LINE.match(text)  # Excel's "sep=;" first line names the delimiter
    if declared and declared.group(1) in DELIMITERS:
        delimiter, text = declared.group(1), text[declared.end():]
    else:
        delimiter = detect_delimiter(text)
    rows: list[list[object]] = []
    width = 0
    name = path.stem
    try:
        for index, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
            if index % 10_000 == 9_999:
                budget.check(name)
                budget.ensure_room(len(rows), width, name)
            width = max(width, len(row))
            rows.append([value if value != "" else None for value in row])
    except csv.Error as exc:
        raise messages.corrupt(path, f"第 {len(rows) + 1} 行无法按 CSV 解析（{exc}）") from None
    except ReadError:
        raise
    budget.take_cells(len(rows), width, name)
    return Sheet(name=name, rows=rows, merged=[]), encoding, delimiter
