"""Rows around a table's body: title, unit line, form block, header rows, column codes, notes.

Each row near a table gets a role (:func:`row_role`); the header rows above a body are
walked upwards from it, and their cells — merged blocks spread across and down — give
every column its header path, e.g. ``("新增小微企业", "本年累计")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.models.layout import words
from workbench.models.layout.grid import EMPTY, ERROR, MISSING, NUMBER, TEXT, SheetGrid, clean_text, display_text
from workbench.models.periods import find_period

BLANK, META, UNIT, FOOTNOTE, TITLE, CODE, HEADER, DATA = (
    "blank", "meta", "unit", "footnote", "title", "code", "header", "data"
)
_SEGMENTS = re.compile(r"\s{2,}|\u3000+")
_YEAR_NUMBER = re.compile(r"^(?:19|20)\d{2}$")


def _normalise_unit(text: str) -> str | None:
    from workbench.models.units import normalise_unit

    try:
        return normalise_unit(text)
    except Exception:  # noqa: BLE001 - an odd text is simply no unit
        return None


def row_cells(grid: SheetGrid, r: int, c0: int, c1: int) -> list[tuple[int, object]]:
    """The non-empty raw cells of row ``r`` between columns ``c0`` and ``c1``."""
    row = grid.rows[r] if r < grid.height else []
    return [(c, row[c]) for c in range(c0, min(c1 + 1, len(row))) if row[c] is not None and row[c] != ""]


def is_code_row(grid: SheetGrid, r: int, c0: int, c1: int) -> bool:
    """A row of column codes: 甲 乙 丙 …, 1 2 3 …, (1) (2) …, "3=1+2"."""
    cells = [clean_text(v) for _, v in row_cells(grid, r, c0, c1)]
    cells = [t for t in cells if t]
    if len(cells) < 2:
        return False
    numbers = []
    for text in cells:
        if words.CODE_LABEL.match(text):
            continue
        if not words.CODE_CELL.match(text):
            return False
        digits = re.match(r"^[(（]?(\d+)", text)
        if digits:
            numbers.append(int(digits[1]))
    if not numbers:
        return len(cells) >= 2 and all(len(t) == 1 for t in cells)
    steps = sum(1 for a, b in zip(numbers, numbers[1:]) if b == a + 1)
    return len(numbers) == 1 or steps >= max(1, (len(numbers) - 1) * 0.6)


def is_title_text(text: str) -> bool:
    folded = clean_text(text)
    return bool(words.TITLE_WORDS.search(folded) or find_period(folded) or len(folded) >= 12)


def row_role(grid: SheetGrid, r: int, c0: int, c1: int) -> str:
    """What row ``r`` is, looking at columns ``c0``..``c1`` (and the whole row for filing lines)."""
    if r < 0 or r >= grid.height:
        return BLANK
    kinds = [grid.kind(r, c) for c in range(c0, c1 + 1)]
    whole = row_cells(grid, r, 0, grid.width - 1)
    if not any(kinds) and not whole:
        return BLANK
    texts = [display_text(v) for _, v in whole]
    folded = [clean_text(t) for t in texts]
    n_data = sum(1 for k in kinds if k in (NUMBER, MISSING, ERROR))
    first = next((t for t in folded if t), "")
    if first and words.FOOTNOTE.match(first) and n_data <= 1:
        return FOOTNOTE
    if n_data == 0 or n_data <= len(whole) // 3:
        meta = [t for t in folded if words.META.match(t)]
        units = [t for t in folded if words.UNIT_LINE.match(t)]
        # filing lines hold one or two other texts at most (a title, a date); a header row holds many
        if (meta or units) and len([t for t in folded if t]) - len(meta) - len(units) <= 1:
            return META if meta else UNIT
    if not any(kinds):
        # something only outside the table's columns (a form block at the right, a note)
        return META
    if is_code_row(grid, r, c0, c1):
        return CODE
    if n_data:
        # "2018 | 2019" as column headers: several different years, nothing else numeric
        numbers = [clean_text(grid.value(r, c)) for c in range(c0, c1 + 1) if grid.kind(r, c) in (NUMBER, MISSING, ERROR)]
        years = {int(t) for t in numbers if _YEAR_NUMBER.match(t)}
        if not (len(years) == len(numbers) >= 2 and max(years) - min(years) <= 10):
            return DATA
    distinct = {grid.text(r, c) for c in range(c0, c1 + 1)} - {""}
    if len(distinct) == 1:
        text = distinct.pop()
        first_col = next(c for c in range(c0, c1 + 1) if grid.text(r, c))
        rng = grid.merged_at(r, first_col)
        wide = rng is not None and (rng.last_col - rng.first_col + 1) >= max(2, 0.6 * (c1 - c0 + 1))
        folded = clean_text(text)
        strong = len(folded) >= 8 and re.search(r"表|情况|统计|汇总|一览", folded)
        if (first_col <= c0 + 1 or wide or strong) and is_title_text(text) and not words.SUBITEM.match(folded):
            return TITLE
    return HEADER


def _section_label(grid: SheetGrid, r: int, c0: int, c1: int, label_col: int | None) -> bool:
    """A short group label between header and body ("一、县（市、区）"): in the label column
    alone, or one text spread over the whole width."""
    if label_col is None:
        return False
    filled = [c for c in range(c0, c1 + 1) if grid.kind(r, c) != EMPTY]
    texts = {grid.text(r, c) for c in filled}
    if len(texts) != 1 or len(clean_text(next(iter(texts)))) > 12:
        return False
    return filled == [label_col] or (len(filled) == c1 - c0 + 1 and c1 > c0)


def header_block(grid: SheetGrid, body_top: int, c0: int, c1: int, floor: int,
                 max_rows: int = 8, label_col: int | None = None) -> tuple[list[int], int | None]:
    """Header rows (top to bottom) and the column-code row above a body starting at ``body_top``."""
    rows: list[int] = []
    code_row = None
    blanks = 0
    r = body_top - 1
    while r >= floor and len(rows) < max_rows:
        role = row_role(grid, r, c0, c1)
        if role == META and all(grid.kind(r, c) == EMPTY for c in range(c0, c1 + 1)):
            role = BLANK if not rows else META  # a form-block line beside the table, not in it
        if not rows and role in (HEADER, TITLE) and _section_label(grid, r, c0, c1, label_col):
            pass
        elif role == BLANK:
            if rows:
                break
            blanks += 1
            if blanks > 2:
                break
        elif role == CODE and code_row is None and not rows:
            code_row = r
        elif role == HEADER:
            rows.insert(0, r)
        else:
            break
        r -= 1
    return rows, code_row


def group_row(grid: SheetGrid, r: int, c0: int, c1: int) -> bool:
    """A group label merged across the whole table ("（二）产业结构不断优化" over 序号 to 牵头部门):
    one text, one merged block that starts in the first columns and covers every filled cell."""
    filled = [c for c in range(c0, c1 + 1) if grid.kind(r, c) != EMPTY]
    if len(filled) < 2 or filled[0] > c0 + 1:
        return False
    rng = grid.merged_at(r, filled[0])
    if rng is None or rng.first_row != rng.last_row or rng.last_col < min(c1, filled[-1]):
        return False
    return len({grid.text(r, c) for c in filled}) == 1


def _data_follows(grid: SheetGrid, r: int, c0: int, c1: int, limit: int) -> bool:
    """The next filled row after ``r`` (up to ``limit``) is a row of figures."""
    k = r + 1
    while k <= limit and grid.row_is_blank(k, c0, c1):
        k += 1
    return k <= limit and row_role(grid, k, c0, c1) == DATA


def header_block_below(grid: SheetGrid, top: int, c0: int, c1: int, limit: int,
                       max_rows: int = 4) -> tuple[list[int], int | None]:
    """Header rows directly below ``top`` (sub-headers under a transposed region row) and the code row."""
    rows: list[int] = []
    code_row = None
    r = top + 1
    while r <= limit and len(rows) < max_rows:
        role = row_role(grid, r, c0, c1)
        if role == CODE and code_row is None:
            code_row = r
            r += 1
            break
        if role != HEADER or group_row(grid, r, c0, c1):
            break
        rows.append(r)
        r += 1
    if code_row is None and r <= limit and row_role(grid, r, c0, c1) == CODE:
        code_row = r
    return rows, code_row


def body_rows(grid: SheetGrid, top: int, c0: int, c1: int, first_dc: int, limit: int) -> tuple[list[int], list[str]]:
    """Rows of figures from ``top`` down, over spacer rows and section labels, to the notes."""
    body, sections = [], []
    blanks = 0
    r = top
    while r <= limit:
        role = row_role(grid, r, c0, c1)
        if role == BLANK:
            blanks += 1
            if blanks > 2:
                break
        elif role == DATA:
            body.append(r)
            blanks = 0
        elif role == HEADER and not any(grid.kind(r, c) == TEXT for c in range(first_dc, c1 + 1)):
            sections.append(grid.text(r, next(c for c in range(c0, c1 + 1) if grid.text(r, c))))
            blanks = 0
        elif role in (HEADER, TITLE) and group_row(grid, r, c0, c1) and _data_follows(grid, r, c0, c1, limit):
            sections.append(grid.text(r, next(c for c in range(c0, c1 + 1) if grid.text(r, c))))
            blanks = 0
        elif role == CODE and not body:
            pass
        else:
            break
        r += 1
    return body, sections


def unit_row(grid: SheetGrid, r: int, cols: list[int]) -> dict[int, str] | None:
    """Per-column units when every filled cell of header row ``r`` is a unit ("家", "万元", "%")."""
    found = {}
    for c in cols:
        text = clean_text(grid.value(r, c)).strip("()（）")
        if not text:
            continue
        unit = _normalise_unit(text)
        if unit is None or len(text) > 5:
            return None
        found[c] = unit
    return found or None


def column_paths(grid: SheetGrid, header_rows: list[int], cols: list[int],
                 drop=None) -> tuple[dict[int, tuple[str, ...]], dict[int, str]]:
    """Header path of each column in ``cols`` and units given by a unit row among the headers.

    Merged blocks spread across and down; where a file lost its merges (CSV), a group
    label written once over blank cells carries to the right while the row below is filled.
    """
    units: dict[int, str] = {}
    text_rows: list[int] = []
    for r in header_rows:
        found = unit_row(grid, r, cols)
        if found:
            units.update(found)
        else:
            text_rows.append(r)
    grid_text = {(r, c): grid.text(r, c) for r in text_rows for c in cols}
    # CSV and unmerged files: carry group labels right over blank cells.
    for k, r in enumerate(text_rows[:-1]):
        below = text_rows[k + 1]
        carry = None
        for c in cols:
            text = grid_text[(r, c)]
            if text:
                carry = (c, text) if grid_text[(below, c)] else None
                continue
            if carry is None or grid.merged_at(r, c) is not None or not grid_text[(below, c)]:
                carry = None if not grid_text[(below, c)] else carry
                continue
            left = carry[0]
            if all(grid_text[(rr, c)] == grid_text[(rr, left)] for rr in text_rows[:k]):
                grid_text[(r, c)] = carry[1]
            else:
                carry = None
    paths: dict[int, tuple[str, ...]] = {}
    for c in cols:
        parts: list[str] = []
        for r in text_rows:
            text = grid_text[(r, c)]
            if not text or (parts and parts[-1] == text) or is_filing_text(text):
                continue
            if drop is not None and drop(text):
                continue
            parts.append(text)
        paths[c] = tuple(parts)
    return paths, units


def is_filing_text(text: str) -> bool:
    """A form-block or unit-line cell that strayed into a header row ("表号：…", "单位：万元")."""
    folded = clean_text(text)
    return bool(words.META.match(folded) or words.UNIT_LINE.match(folded))


def header_unit(parts: tuple[str, ...]) -> str | None:
    """The unit a header path states: "新增小微企业（家）" → 家, "增长%" → %."""
    for part in reversed(parts):
        folded = clean_text(part)
        match = words.UNIT_IN_HEADER.search(folded)
        if match:
            text = match["unit"] or match["unit2"]
            text = re.sub(r"^(?:单位|计量单位)[:：]", "", text)
            unit = _normalise_unit(text)
            if unit:
                return unit
        if folded.endswith("%") or folded.endswith("％"):
            return "%"
        units = words.unit_line_units(folded)
        if units and len(units) == 1:
            unit = _normalise_unit(units[0])
            if unit:
                return unit
    return None


def subitems(paths: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Columns (or rows) written "其中：…" and the path of the item they are part of.

    The parent is the nearest earlier item of the same group (same header above the
    "其中"), preferring one with the same last header (本年累计 under 本年累计).
    """
    result: dict[int, tuple[str, ...]] = {}
    plain: list[tuple[str, ...]] = []
    for index in sorted(paths):
        path = paths[index]
        flagged = next((k for k, part in enumerate(path) if words.SUBITEM.match(clean_text(part))), None)
        if flagged is None:
            plain.append(path)
            continue
        prefix = path[:flagged]
        group = [p for p in plain if p[:flagged] == prefix and len(p) > flagged]
        leaf = path[-1] if flagged < len(path) - 1 else None
        same_leaf = [p for p in group if leaf is not None and p[-1] == leaf]
        if same_leaf:
            result[index] = same_leaf[-1]
        elif group:
            result[index] = group[-1]
        else:
            result[index] = prefix or (plain[-1] if plain else ())
    return result


@dataclass
class Preamble:
    """The lines above a table: title, unit line, form block, filing unit and other text."""

    title: str = ""
    title_row: int | None = None
    unit_line: str = ""
    units: list[str] = field(default_factory=list)
    filer: str = ""
    form: dict[str, str] = field(default_factory=dict)
    texts: list[tuple[int, str]] = field(default_factory=list)
    top: int | None = None


def preamble(grid: SheetGrid, header_top: int, floor: int, max_rows: int = 10) -> Preamble:
    """Read the rows from ``floor`` up to (not including) ``header_top``."""
    result = Preamble()
    start = max(floor, header_top - max_rows)
    for r in range(start, header_top):
        for _, value in row_cells(grid, r, 0, grid.width - 1):
            if not isinstance(value, str):
                continue
            for segment in _SEGMENTS.split(value.strip()):
                text = display_text(segment)
                folded = clean_text(text)
                if not folded:
                    continue
                if result.top is None:
                    result.top = r
                meta = words.META.match(folded)
                if meta:
                    key = folded[: meta.end() - 1].strip("(（")
                    result.form[key] = folded[meta.end():]
                    if key in ("填报单位", "填表单位", "报送单位", "报告单位", "报表单位", "统计单位", "单位名称"):
                        result.filer = folded[meta.end():]
                    continue
                units = words.unit_line_units(folded) if words.UNIT_LINE.match(folded) else None
                if units is not None:
                    result.unit_line = text
                    result.units = units
                    continue
                result.texts.append((r, text))
    titled = [(r, t) for r, t in result.texts if words.TITLE_WORDS.search(clean_text(t))]
    pick = titled[0] if titled else (max(result.texts, key=lambda rt: len(rt[1])) if result.texts else None)
    if pick:
        result.title_row, result.title = pick
        if not result.units:
            units = words.unit_line_units(clean_text(result.title))
            if units:
                result.units = units
                match = words.UNIT_IN_TEXT.search(clean_text(result.title))
                result.unit_line = match[0] if match else ""
    if not result.units:
        for _, text in result.texts:
            units = words.unit_line_units(clean_text(text))
            if units:
                result.units, result.unit_line = units, text
                break
    return result


def footnotes_after(grid: SheetGrid, last_row: int, c0: int, c1: int, limit: int,
                    max_rows: int = 12) -> tuple[list[str], int]:
    """Notes below a table (注：…, 填报人 …) up to row ``limit``; returns them and the last note row."""
    notes: list[str] = []
    end = last_row
    blanks = 0
    for r in range(last_row + 1, min(limit, last_row + max_rows) + 1):
        cells = row_cells(grid, r, 0, grid.width - 1)
        texts = [display_text(v) for _, v in cells if display_text(v)]
        if not texts:
            blanks += 1
            if blanks >= 3:
                break
            continue
        first = clean_text(texts[0])
        role = row_role(grid, r, c0, c1)
        if words.FOOTNOTE.match(first) or (role == META and notes):
            pass
        elif role in (DATA, CODE):
            break
        elif len(texts) == 1 and not words.TITLE_WORDS.search(first) and (notes or len(first) >= 15):
            pass  # a note's next line, or a remark under the table
        else:
            break
        notes.append("  ".join(texts))
        end = r
        blanks = 0
    return notes, end


def attach_basis_only(paths: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """A header that states only a basis ("同比增长（%）" after "新增小微企业") belongs to the item before it."""
    out, item = {}, ()
    for index in sorted(paths):
        path = paths[index]
        if path and all(words.basis_only(p) for p in path):
            out[index] = (*item, *path) if item else path
            continue
        out[index] = path
        item = tuple(p for p in path if not words.basis_only(p)) or item
    return out
