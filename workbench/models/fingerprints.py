"""The layout of a workbook, described without its period, and a fingerprint of it.

A department sends the same layout every quarter with only the period changed
("2019年1-9月" → "2019年1-12月", sheets "7月/8月/9月" → "10月/11月/12月"). Abstracting
the period away leaves a description that stays the same from quarter to quarter
and changes when the layout really drifts:

* the sheet names (not for CSV files, whose one "sheet" is the file name);
* the table titles;
* per table, its orientation and the units of its unit line;
* the entries of the indicator axis, in order: every data column (or, for transposed
  tables, every data row) by its header path, and the other columns of the table by
  their role (地区, 指标, 期别, 单位, other), each with the unit its header states.

Periods (years, months, quarters, 上半年 …) become placeholders, units in brackets at
the end of a header part are taken out of the text (they are compared on their own),
and traditional characters, full-width forms and spaces are folded.  The same
:func:`header_key` is used for the keys of a template's mapping, so a header path
finds its template entry whatever quarter the workbook is of.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence

from workbench.models.layout.grid import display_text
from workbench.models.layout.words import UNIT_IN_HEADER, simplified
from workbench.models.units import normalise_unit

LAYOUT_VERSION = 1
HEADER_SEPARATOR = " / "  # how extract joins the parts of a header path

_DASH = r"\s*[-—–~～至到]\s*"
_Q = r"[一二两三四1-4]"
_PERIOD_PATTERNS = [
    # a year with whatever narrows it: 2019年1-9月, 2019年前三季度, 2019年末, 截至2019年9月底 …
    re.compile(
        rf"(?:截至|截止|至)?(?:19|20)\d{{2}}\s*年(?:度)?(?:第?{_Q}{_DASH}{_Q}季度|前{_Q}个?季度|第?{_Q}季度|[上下]半年"
        rf"|全年|年末|年底|\d{{1,2}}{_DASH}\d{{1,2}}\s*月份?(?:累计)?(?:末|底)?|\d{{1,2}}\s*月份?(?:末|底)?|末|底)?"
    ),
    re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[.．/]\s*\d{1,2}(?!\d)"),  # 2019.9
    re.compile(r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?!\d)"),  # 201909
    re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)"),  # a bare year
]
_MONTH_PATTERNS = [
    re.compile(rf"\d{{1,2}}{_DASH}\d{{1,2}}\s*月份?(?:末|底)?"),
    re.compile(r"\d{1,2}\s*月份?(?:末|底)?"),
    re.compile(rf"前{_Q}个?季度|第?{_Q}季度|[上下]半年"),
]
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
PERIOD_MARK, MONTH_MARK, NUMBER_MARK = "〈期〉", "〈月〉", "#"


def abstract_text(text: object) -> str:
    """A text with its period abstracted: ``"2019年1-9月各县…情况表"`` → ``"〈期〉各县…情况表"``.

    Full-width forms and traditional characters are folded, white space removed,
    years with what follows them (months, quarters, 上半年, 年末) become ``〈期〉``,
    month and quarter words without a year ``〈月〉`` and other digits ``#``.
    """
    folded = simplified(_SPACES.sub("", unicodedata.normalize("NFKC", display_text(text))))
    for pattern in _PERIOD_PATTERNS:
        folded = pattern.sub(PERIOD_MARK, folded)
    for pattern in _MONTH_PATTERNS:
        folded = pattern.sub(MONTH_MARK, folded)
    folded = _DIGITS.sub(NUMBER_MARK, folded)
    while PERIOD_MARK * 2 in folded:
        folded = folded.replace(PERIOD_MARK * 2, PERIOD_MARK)
    return folded


def split_unit(part: str) -> tuple[str, str | None]:
    """A header part without a trailing unit bracket, and that unit: "贷款（万元）" → ("贷款", "万元")."""
    text = display_text(part)
    match = UNIT_IN_HEADER.search(text)
    if match:
        unit = normalise_unit(match["unit"] or match["unit2"])
        if unit:
            return text[:match.start()].rstrip(), unit
    return text, None


def header_key(path: str | Sequence[str]) -> str:
    """The key of a header path in templates: its parts, period abstracted, units taken out.

    Parameters
    ----------
    path : str or sequence of str
        The parts from the top header row down, or one text joined with " / " (as
        the ``header_path`` of a figure).
    """
    parts = path.split(HEADER_SEPARATOR) if isinstance(path, str) else list(path)
    keys = [abstract_text(split_unit(str(p))[0]) for p in parts if p is not None and str(p).strip()]
    return "/".join(k for k in keys if k)


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _header_cells(sheet, table, col: int) -> tuple[str, ...]:
    """The texts of the header rows above a column of ``table`` (merged cells spread)."""
    if sheet is None:
        return ()
    texts: list[str] = []
    for r in table.header_rows:
        value = sheet.value(r, col)
        if value is None:
            for m in sheet.merged:
                if m.first_row <= r <= m.last_row and m.first_col <= col <= m.last_col:
                    value = sheet.value(m.first_row, m.first_col)
                    break
        text = display_text(value)
        if text and (not texts or texts[-1] != text):
            texts.append(text)
    return tuple(texts)


def _entries(table, sheet):
    """(axis, index, key, header text, unit) of the indicator axis and the other columns of a table."""
    t = table
    out = []
    roles: dict[int, str] = {}
    if t.long is not None:
        lc = t.long
        roles = {lc.region: "地区列"}
        for index, role in ((lc.indicator, "指标列"), (lc.unit, "单位列"), (lc.period, "期别列")):
            if index is not None:
                roles[index] = role
        for n, index in enumerate(lc.others):
            roles[index] = "其他列" if n == 0 else f"其他列{n + 1}"
    else:
        if t.label_col is not None:
            roles[t.label_col] = "地区列" if t.orientation in ("rows", "list") else "指标列"
        if t.unit_col is not None:
            roles[t.unit_col] = "单位列"
    if t.orientation == "columns":
        columns = [c for c in range(t.first_col, t.last_col + 1) if c in roles or c in t.stub_cols]
    else:
        columns = list(range(t.first_col, t.last_col + 1))
    data_cols = set(t.data_cols)
    others = 0
    for c in columns:
        path = t.col_paths.get(c) or ()
        if path and (c in data_cols or t.orientation != "columns"):
            key = header_key(path)
            text = HEADER_SEPARATOR.join(path)
        else:
            role = roles.get(c)
            if role is None:
                others += 1
                role = "其他列" if others == 1 else f"其他列{others}"
                if t.long is not None:
                    role = f"列{others}"
            key = f"〈{role}〉"
            text = HEADER_SEPARATOR.join(_header_cells(sheet, t, c)) or role
        out.append(("col", c, key, text, t.col_units.get(c) or ""))
    if t.orientation in ("columns", "sheet"):
        for r in t.data_rows:
            path = t.row_paths.get(r) or ()
            if path:
                out.append(("row", r, header_key(path), HEADER_SEPARATOR.join(path), t.row_units.get(r) or ""))
    return out


def describe_layout(tables: Iterable, sheets: Iterable = (), fmt: str = "",
                    mapped: dict[str, str] | None = None) -> dict:
    """The layout of a workbook, period abstracted (see the module docstring).

    Parameters
    ----------
    tables : iterable of Table
        The tables found in the workbook.
    sheets : iterable of Sheet, optional
        The workbook's sheets, for the header texts of columns that carry no figures
        (shown in drift messages; without them a column is named by its role). The
        sheet names in the layout are those of the sheets holding tables.
    fmt : str, optional
        The real format; a CSV's sheet name (its file name) is left out.
    mapped : dict, optional
        ``{header_key: indicator code}`` of the mapping the workbook was read with,
        kept beside each entry (drift uses it to recognise a renamed column).

    Returns
    -------
    dict
        ``version``, ``sheets``, ``titles``, ``tables`` (``orientation``, ``units``,
        ``sheet``) and ``columns`` (``axis``, ``key``, ``header``, ``unit``, ``sheet``,
        ``index``, ``indicator``); JSON-ready.
    """
    tables = list(tables)
    by_name = {s.name: s for s in sheets if not isinstance(s, str)}
    names = _dedupe(t.sheet for t in tables)  # sheets without a table are no part of the layout
    layout = {
        "version": LAYOUT_VERSION,
        "sheets": [] if fmt == "csv" else _dedupe(abstract_text(n) for n in names),
        "sheet_names": [] if fmt == "csv" else list(names),
        "titles": _dedupe(abstract_text(t.title) for t in tables if t.title),
        "tables": [],
        "columns": [],
    }
    seen_tables, seen_columns = set(), set()
    for t in tables:
        units = "、".join(t.units)
        if (t.orientation, units) not in seen_tables:
            seen_tables.add((t.orientation, units))
            layout["tables"].append({"orientation": t.orientation, "units": units, "sheet": t.sheet})
        for axis, index, key, text, unit in _entries(t, by_name.get(t.sheet)):
            if not key or (axis, key) in seen_columns:
                continue
            seen_columns.add((axis, key))
            layout["columns"].append({"axis": axis, "key": key, "header": text, "unit": unit, "sheet": t.sheet,
                                      "index": index, "indicator": (mapped or {}).get(key)})
    return layout


def fingerprint(layout: dict) -> str:
    """A short hash of what identifies a layout: abstracted sheet names, titles, table units,
    and the keys and units of the axis entries in order (not the display texts)."""
    essence = {
        "sheets": layout.get("sheets", []),
        "titles": layout.get("titles", []),
        "tables": [[t["orientation"], t["units"]] for t in layout.get("tables", [])],
        "columns": [[c["axis"], c["key"], c["unit"]] for c in layout.get("columns", [])],
    }
    text = json.dumps(essence, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
