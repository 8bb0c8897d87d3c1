"""Find the tables on a sheet: ``detect_tables(sheet, resolver, matcher) -> list[Table]``.

The region axis anchors everything: a column of region labels (one row per region, or a
long-form table where regions repeat) or a header row of region labels (transposed).
Around each anchor the finder walks up to the header rows and the title, across to the
stub and data columns and down to the footnotes. A sheet without a region axis whose
name (or title, or filing unit) names one region is read as that region's table.

Only the top of a big sheet is classified cell by cell (3 000 rows, or 200 when the
sheet is longer); the label column of a long table is then followed to its end.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from workbench.models.layout import words
from workbench.models.layout.axis import (
    RegionLabels, Run, column_run, horizontal_runs, row_run, section_blocks, vertical_runs,
)
from workbench.models.layout.corrections import LayoutCorrection
from workbench.models.layout.grid import EMPTY, ERROR, MISSING, NUMBER, TEXT, SheetGrid, clean_text, display_text
from workbench.models.layout.headers import (
    BLANK, DATA, HEADER, Preamble, attach_basis_only, body_rows, column_paths, footnotes_after, header_block,
    header_block_below, header_unit, is_code_row, is_filing_text, preamble, row_role, subitems,
)
from workbench.models.layout.longform import classify_columns
from workbench.models.layout.spans import choose_period
from workbench.models.layout.tables import RegionEntry, Table
from workbench.models.periods import find_period
from workbench.models.reading.workbook import Sheet
from workbench.models.regions import RegionResolver

SCAN_ALL = 3000  # sheets up to this many rows are classified cell by cell
SCAN_TOP = 200  # longer sheets: only their top
SAMPLE = 60  # body rows looked at to tell data columns from text columns
_DATAISH = (NUMBER, MISSING, ERROR)


def detect_tables(sheet: Sheet, resolver: RegionResolver | RegionLabels, matcher=None, *,
                  file_name: str | Path = "", correction: LayoutCorrection | None = None) -> list[Table]:
    """Find every table on ``sheet``.

    Parameters
    ----------
    sheet : Sheet
    resolver : RegionResolver
        Region labels are resolved with it; unknown labels are reported, never guessed.
    matcher : IndicatorMatcher, optional
        Used to recognise the indicator column of long-form tables.
    file_name : str or Path, optional
        The workbook's path: a last resort for the period (``…/2019Q3/…``).
    correction : LayoutCorrection, optional
        What the user said about the layout: forced header rows (they go to the first
        table whose body lies below the first of them), orientation and region column
        (or row). Tables built with it carry the note "已按人工更正的表式识别".

    Returns
    -------
    list of Table
        Top to bottom, left to right.
    """
    scan = len(sheet.rows) if len(sheet.rows) <= SCAN_ALL else SCAN_TOP
    grid = SheetGrid(sheet, scan)
    if grid.width == 0 or grid.height == 0:
        return []
    labels = resolver if isinstance(resolver, RegionLabels) else RegionLabels(resolver)
    if correction is not None and correction.empty:
        correction = None
    return _Finder(grid, labels, matcher, sheet.name, Path(file_name) if file_name else None, correction).run()


class _Finder:
    def __init__(self, grid: SheetGrid, labels: RegionLabels, matcher, sheet_name: str, path: Path | None,
                 correction: LayoutCorrection | None = None):
        self.grid = grid
        self.correction = correction
        self.orientation = correction.orientation if correction else None
        self._header_taken = False
        self.labels = labels
        self.matcher = matcher
        self.sheet_name = sheet_name
        self.path = path
        self.tables: list[Table] = []
        self.anchors: list[tuple[int, int]] = []
        self.v_runs: list[Run] = []

    # ------------------------------------------------------------ driver
    def run(self) -> list[Table]:
        grid = self.grid
        v_runs = vertical_runs(grid, self.labels)
        h_runs = horizontal_runs(grid, self.labels)
        if self.correction is not None:
            v_runs, h_runs = self._corrected_runs(v_runs, h_runs)
        self.v_runs = v_runs
        runs = sorted(
            [(run.start, run.index, run) for run in v_runs] + [(run.index, run.start, run) for run in h_runs],
            key=lambda item: (item[0], item[1]),
        )
        self.anchors = [(top, left) for top, left, _ in runs]
        for top, left, run in runs:
            if any(t.first_row <= top <= t.last_row and t.first_col <= left <= t.last_col for t in self.tables):
                continue
            table = self._rows_table(run) if run.vertical else self._columns_table(run)
            if isinstance(table, list):
                self.tables.extend(table)
            elif table is not None:
                self.tables.append(table)
        if not self.tables:
            self._matrix_tables()
        self.tables.sort(key=lambda t: (t.first_row, t.first_col))
        if self.correction is not None:
            for table in self.tables:
                table.notes.append("已按人工更正的表式识别")
        return self.tables

    # ------------------------------------------------------------ the user's correction
    def _corrected_runs(self, v_runs: list[Run], h_runs: list[Run]) -> tuple[list[Run], list[Run]]:
        """Keep the region axes the correction allows; build the one it names if none was found."""
        fix = self.correction
        orientation = fix.orientation
        if orientation is None and fix.region_axis is not None:
            first = min([(run.start, run.index, True) for run in v_runs] + [(run.index, run.start, False) for run in h_runs],
                        default=None)
            orientation = "columns" if first is not None and not first[2] else "rows"
        below = max(fix.header_rows) + 1 if fix.header_rows else 0
        if orientation in ("rows", "long"):
            h_runs = []
            if fix.region_axis is not None:
                v_runs = [run for run in v_runs if run.index == fix.region_axis]
                if not v_runs:
                    run = column_run(self.grid, self.labels, fix.region_axis, below)
                    v_runs = [run] if run is not None else []
        elif orientation == "columns":
            v_runs = []
            if fix.region_axis is not None:
                h_runs = [run for run in h_runs if run.index == fix.region_axis]
                if not h_runs:
                    run = row_run(self.grid, self.labels, fix.region_axis)
                    h_runs = [run] if run is not None else []
        return v_runs, h_runs

    def _forced_header(self, anchor: int) -> list[int] | None:
        """The forced header rows, for the first table whose anchor row lies below the first of them."""
        fix = self.correction
        if fix is None or not fix.header_rows or self._header_taken or anchor < fix.header_rows[0]:
            return None
        self._header_taken = True
        return [r for r in fix.header_rows if r < self.grid.height]

    def _body_below(self, header_rows: list[int], top: int, c0: int = 0, c1: int | None = None) -> tuple[int, int | None]:
        """The first body row under forced header rows (not above ``top``) and the column-code row."""
        c1 = self.grid.width - 1 if c1 is None else c1
        after = header_rows[-1] + 1
        if after < self.grid.height and is_code_row(self.grid, after, c0, c1):
            return max(top, after + 1), after
        return max(top, after), None

    def _floor(self, c0: int, c1: int, top: int) -> int:
        floor = 0
        for t in self.tables:
            if t.last_row < top and not (t.last_col < c0 or t.first_col > c1):
                floor = max(floor, t.last_row + 1)
        return floor

    def _limit(self, top: int, c0: int, c1: int) -> int:
        """The last row a table starting at ``top`` may reach: before the next anchor below it."""
        below = [r for r, c in self.anchors if r > top + 1 and c0 <= c <= c1]
        return min(below) - 1 if below else self.grid.height - 1

    # ------------------------------------------------------------ regions down a column
    def _rows_table(self, run: Run) -> Table | None:
        grid, lc = self.grid, run.index
        top = run.start
        floor0 = self._floor(lc, lc, top)
        while top - 1 >= floor0 and grid.kind(top - 1, lc) == TEXT and row_role(grid, top - 1, lc, grid.width - 1) == DATA:
            top -= 1
        forced = self._forced_header(top)
        forced_code = None
        if forced:
            top, forced_code = self._body_below(forced, top)
            if top > run.end:
                return None
        sample = [r for r in range(top, min(run.end, top + 3 * SAMPLE) + 1) if not grid.row_is_blank(r)][:2 * SAMPLE]
        c0, c1 = self._extent(sample, lc)
        floor = self._floor(c0, c1, top)
        if forced:
            header_rows, code_row = forced, forced_code
            c0, c1 = self._widen(header_rows, c0, c1, lc)
        else:
            header_rows, code_row = header_block(grid, top, c0, c1, floor, label_col=lc)
            if header_rows:
                c0, c1 = self._widen(header_rows, c0, c1, lc)
                header_rows, code_row = header_block(grid, top, c0, c1, floor, label_col=lc)
        cols = [c for c in range(c0, c1 + 1) if c != lc]
        paths, unit_cols = column_paths(grid, header_rows, cols)
        pre = preamble(grid, header_rows[0] if header_rows else (code_row if code_row is not None else top), floor)
        table = Table(self.sheet_name, min([top, *header_rows]), c0, run.end, c1, "rows", label_col=lc,
                      header_rows=header_rows, code_row=code_row)
        texty = [c for c in cols if sum(grid.kind(r, c) == TEXT for r in sample) > len(sample) // 2]
        if self.orientation == "rows":
            roles, blocks = None, []  # the user says: one row per region
        elif self.orientation == "long":
            roles, blocks = self._long_roles(lc, sample, cols, paths, texty), []
        else:
            roles = classify_columns(grid, lc, sample, cols, paths, self.matcher) if (texty or run.repeats) else None
            blocks = section_blocks(grid, run, top) if run.repeats and (roles is None or roles.indicator is None) else []
        if blocks:
            # the region list repeated under section labels ("一、本年累计", "二、上年同期"): one table each
            tables = []
            for label, b0, b1 in blocks:
                part = Table(self.sheet_name, table.first_row if not tables else b0 - 1, c0, b1, c1, "rows",
                             label_col=lc, header_rows=header_rows, code_row=code_row)
                section_paths = {c: (label, *p) for c, p in paths.items()}
                self._region_rows(part, b0, b1, lc, cols, sample, section_paths, unit_cols)
                part.notes.append(f"分段：{label}")
                self._finish(part, pre)
                if tables:
                    part.first_row = b0 - 1  # its section label; title and header are the first part's
                tables.append(part)
            return tables
        if roles is not None and (roles.indicator is not None or run.repeats):
            self._long_table(table, run, top, cols, paths, roles)
        else:
            self._region_rows(table, top, run.end, lc, cols, sample, paths, unit_cols)
        self._finish(table, pre)
        return table

    def _long_roles(self, lc: int, sample: list[int], cols: list[int], paths: dict[int, tuple[str, ...]],
                    texty: list[int]):
        """Column roles of a table the user says is long form: the first text column names the indicators
        when none was recognised."""
        roles = classify_columns(self.grid, lc, sample, cols, paths, self.matcher)
        if roles.indicator is None:
            spare = [c for c in texty if c in roles.others]
            if spare:
                roles = replace(roles, indicator=spare[0], others=tuple(c for c in roles.others if c != spare[0]))
        return roles

    def _extent(self, sample: list[int], lc: int) -> tuple[int, int]:
        grid = self.grid
        filled = {c for r in sample for c in range(grid.width) if grid.kind(r, c) != EMPTY}
        c0 = lc
        while c0 - 1 in filled and not self._claimed(c0 - 1, sample):
            c0 -= 1
        c1 = lc
        while c1 + 1 in filled and not self._claimed(c1 + 1, sample):
            c1 += 1
        return c0, c1

    def _claimed(self, c: int, rows: list[int]) -> bool:
        """Whether column ``c`` belongs to another table over these rows (side-by-side tables)."""
        if not rows:
            return False
        lo, hi = rows[0], rows[-1]
        if any(t.first_col <= c <= t.last_col and not (t.last_row < lo or t.first_row > hi) for t in self.tables):
            return True
        return any(run.index == c and not (run.end < lo or run.start > hi) for run in self.v_runs)

    def _widen(self, header_rows: list[int], c0: int, c1: int, lc: int) -> tuple[int, int]:
        """Take in columns right of the body that only the header fills (columns left blank)."""
        grid = self.grid
        while c1 + 1 < grid.width and any(grid.kind(r, c1 + 1) == TEXT and not is_filing_text(grid.text(r, c1 + 1))
                                          for r in header_rows) \
                and not self._claimed(c1 + 1, header_rows):
            c1 += 1
        return c0, c1

    def _region_rows(self, table: Table, top: int, end: int, lc: int, cols: list[int], sample: list[int],
                     paths: dict[int, tuple[str, ...]], unit_cols: dict[int, str]) -> None:
        grid = self.grid
        data_cols = []
        for c in cols:
            kinds = [grid.kind(r, c) for r in sample]
            n_data = sum(1 for k in kinds if k in _DATAISH)
            n_text = sum(1 for k in kinds if k == TEXT)
            path = paths.get(c, ())
            folded = clean_text("".join(path))
            if c < lc or words.SEQUENCE_HEADER.match(folded) or n_text > n_data:
                table.stub_cols.append(c)
                if words.UNIT_HEADER.match(folded):
                    table.unit_col = c
                continue
            if n_data or path:
                data_cols.append(c)
        table.data_cols = data_cols
        table.col_paths = attach_basis_only({c: paths[c] for c in data_cols})
        for c in data_cols:
            unit = unit_cols.get(c) or header_unit(paths[c])
            if unit:
                table.col_units[c] = unit
        table.col_subitems = subitems(table.col_paths)
        for r in range(top, end + 1):
            if grid.row_is_blank(r, table.first_col, table.last_col):
                continue
            value = grid.value(r, lc)
            has_data = any(grid.kind(r, c) in _DATAISH for c in data_cols)
            if value is None or display_text(value) == "":
                if has_data:
                    table.notes.append(f"第{r + 1}行有数据但没有地区名称")
                continue
            label = self.labels(value)
            if label.code is None and not has_data:
                continue  # a section label inside the table
            entry = RegionEntry(r, label.text, label.code, label.is_total, label.subitem)
            table.regions.append(entry)
            table.data_rows.append(r)
            if label.code is None:
                table.unknown_regions.append(entry)
        table.region_source = "axis"

    def _long_table(self, table: Table, run: Run, top: int, cols: list[int],
                    paths: dict[int, tuple[str, ...]], roles) -> None:
        grid = self.grid
        table.long = roles
        table.orientation = "long" if roles.indicator is not None else "list"
        table.data_rows = list(range(top, run.end + 1))
        table.data_cols = list(roles.values)
        table.col_paths = {c: paths.get(c, ()) for c in roles.values}
        table.stub_cols = [c for c in cols if c not in roles.values]
        table.unit_col = roles.unit
        for c in roles.values:
            unit = header_unit(paths.get(c, ()))
            if unit:
                table.col_units[c] = unit
        seen: dict[str, RegionEntry] = {}
        for r, code in zip(run.positions, run.codes):
            if r >= top and code not in seen:
                label = self.labels(grid.value(r, run.index))
                seen[code] = RegionEntry(r, label.text, code, label.is_total, label.subitem)
        table.regions = list(seen.values())
        table.region_source = "axis"

    # ------------------------------------------------------------ regions across a header row
    def _columns_table(self, run: Run) -> Table | None:
        grid, hr = self.grid, run.index
        first_dc, c1 = run.positions[0], run.positions[-1]
        while c1 + 1 < grid.width and grid.kind(hr, c1 + 1) == TEXT:
            c1 += 1
        c0 = first_dc
        probe = range(hr, min(grid.height, hr + 12))
        while c0 - 1 >= 0 and any(grid.kind(r, c0 - 1) != EMPTY for r in probe):
            c0 -= 1
        floor = self._floor(c0, c1, hr)
        limit = self._limit(hr, c0, c1)
        forced = self._forced_header(hr)
        if forced:
            rows = sorted({*forced, hr})
            above, below = [r for r in rows if r < hr], [r for r in rows if r > hr]
            body_top, code_row = self._body_below(rows, hr + 1, c0, c1)
        else:
            below, code_row = header_block_below(grid, hr, c0, c1, limit)
            above, _ = header_block(grid, hr, c0, c1, floor)
            body_top = max([hr, *below, code_row if code_row is not None else -1]) + 1
        body, sections = body_rows(grid, body_top, c0, c1, first_dc, limit)
        if not body:
            return None
        # columns past the last region label that still hold figures
        while c1 + 1 < grid.width and any(grid.kind(r, c1 + 1) in _DATAISH for r in body[:SAMPLE]):
            c1 += 1
        table = Table(self.sheet_name, min([hr, *above]), c0, body[-1], c1, "columns", region_row=hr,
                      header_rows=[*above, hr, *below], code_row=code_row, data_rows=body)
        region_of: dict[int, RegionEntry] = {}
        previous = None
        for c in range(first_dc, c1 + 1):
            text = grid.text(hr, c)
            if not text:
                if previous is not None and any(grid.text(r, c) for r in below):
                    region_of[c] = RegionEntry(c, previous.label, previous.code, previous.is_total, previous.subitem)
                continue
            label = self.labels(grid.value(hr, c))
            has_data = any(grid.kind(r, c) in _DATAISH for r in body[:SAMPLE])
            if label.code is None and (not has_data or words.REGION_HEADER.fullmatch(clean_text(text) or "-")):
                previous = None
                continue
            entry = RegionEntry(c, label.text, label.code, label.is_total, label.subitem)
            region_of[c] = entry
            previous = entry
            if label.code is None:
                table.unknown_regions.append(entry)
        table.regions = list(region_of.values())
        table.data_cols = sorted(region_of)
        table.region_source = "axis"
        table.col_paths, unit_cols = column_paths(grid, [*above, *below], table.data_cols, drop=_region_word)
        for c, unit in unit_cols.items():
            table.col_units[c] = unit
        for c, path in table.col_paths.items():
            unit = header_unit(path)
            if unit and c not in table.col_units:
                table.col_units[c] = unit
        self._stub(table, c0, first_dc, body, [*above, hr, *below])
        table.col_subitems = subitems({c: p for c, p in table.col_paths.items() if p})
        if sections:
            table.notes.append("分组行：" + "、".join(sections))
        pre = preamble(grid, table.first_row, floor)
        self._finish(table, pre)
        return table

    def _stub(self, table: Table, c0: int, first_dc: int, body: list[int], header_rows: list[int]) -> None:
        """Row paths (and units) from the stub columns left of the data."""
        grid = self.grid
        stub = [c for c in range(c0, first_dc)
                if any(grid.kind(r, c) != EMPTY for r in body)]
        table.stub_cols = stub
        name_cols = []
        for c in stub:
            head = clean_text("".join(grid.text(r, c) for r in header_rows))
            cells = [display_text(grid.value(r, c)) for r in body]
            filled = [t for t in cells if t]
            if words.SEQUENCE_HEADER.search(head) or (filled and all(re.fullmatch(r"[\d.、()（）一二三四五六七八九十]+", t) for t in filled)):
                continue
            if words.UNIT_HEADER.search(head) or (filled and all(_unit_text(t) for t in filled)):
                table.unit_col = c
                continue
            if words.REQUIREMENT_HEADER.search(head) or words.REMARK_HEADER.match(head):
                continue  # "考核要求: 不低于 50000家", "备注": beside the name, not part of it
            name_cols.append(c)
        carry: dict[int, str] = {}
        for r in body:
            parts: list[str] = []
            for k, c in enumerate(name_cols):
                text = grid.text(r, c)
                if not text and k < len(name_cols) - 1:
                    text = carry.get(c, "")  # a category written once above its rows
                carry[c] = text
                if text and (not parts or parts[-1] != text):
                    parts.append(text)
            table.row_paths[r] = tuple(parts)
            unit = _unit_text(grid.text(r, table.unit_col)) if table.unit_col is not None else None
            unit = unit or header_unit(tuple(parts))
            if unit:
                table.row_units[r] = unit
        table.row_paths = attach_basis_only(table.row_paths)
        table.row_subitems = subitems(table.row_paths)

    # ------------------------------------------------------------ no region axis
    def _matrix_tables(self) -> None:
        """Tables without a region axis: indicator names in a stub, figures beside them."""
        grid = self.grid
        r = 0
        while r < grid.scan_rows:
            if row_role(grid, r, 0, grid.width - 1) != DATA or not (
                any(grid.kind(r, c) == TEXT for c in range(grid.width)) or self._under_header(r)
            ):
                r += 1
                continue
            block = []
            k = r
            while k < grid.height and len(block) < SAMPLE:
                role = row_role(grid, k, 0, grid.width - 1)
                if role == DATA:
                    block.append(k)
                elif role != BLANK:
                    break
                k += 1
            layout = self._matrix_columns(block)
            if layout is None:
                r = k + 1
                continue
            c0, first_dc, data_cols = layout
            c1 = max(data_cols)
            floor = self._floor(c0, c1, r)
            forced = self._forced_header(r)
            start = r
            if forced:
                header_rows = forced
                start, code_row = self._body_below(forced, r, c0, c1)
            else:
                header_rows, code_row = header_block(grid, r, c0, c1, floor)
            limit = self._limit(r, c0, c1)
            big = grid.scan_rows < grid.height
            if big:
                limit = min(limit, grid.scan_rows - 1)
            body, sections = body_rows(grid, start, c0, c1, first_dc, limit)
            if not body:
                r += 1
                continue
            if big and body[-1] >= grid.scan_rows - 3:
                # figures past the classified top of a long sheet: a list of records, not one region's table
                self._record_list(r, c0, c1, header_rows, code_row, data_cols, floor)
                return
            table = Table(self.sheet_name, min([r, *header_rows]), c0, body[-1], c1, "sheet",
                          header_rows=header_rows, code_row=code_row, data_rows=body)
            table.data_cols = data_cols
            paths, unit_cols = column_paths(grid, header_rows, data_cols)
            table.col_paths = paths
            for c in data_cols:
                unit = unit_cols.get(c) or header_unit(paths[c])
                if unit:
                    table.col_units[c] = unit
            self._stub(table, c0, first_dc, body, header_rows)
            table.col_subitems = subitems(paths)
            if sections:
                table.notes.append("分组行：" + "、".join(sections))
            pre = preamble(grid, table.first_row, floor)
            self._finish(table, pre)
            self.tables.append(table)
            r = table.last_row + 1

    def _record_list(self, top: int, c0: int, c1: int, header_rows: list[int], code_row: int | None,
                     data_cols: list[int], floor: int) -> None:
        grid = self.grid
        table = Table(self.sheet_name, min([top, *header_rows]), c0, grid.height - 1, c1, "list",
                      header_rows=header_rows, code_row=code_row, data_rows=list(range(top, grid.height)))
        table.data_cols = data_cols
        table.col_paths, _ = column_paths(grid, header_rows, data_cols)
        table.notes.append("没有地区列的长明细表，不是县（市、区）汇总表")
        self._finish(table, preamble(grid, table.first_row, floor))
        self.tables.append(table)

    def _under_header(self, r: int) -> bool:
        """Row ``r`` (figures only) follows a header row and no other row of figures follows it."""
        grid = self.grid
        above = r - 1
        while above >= 0 and grid.row_is_blank(above):
            above -= 1
        below_role = row_role(grid, r + 1, 0, grid.width - 1)
        return above >= 0 and row_role(grid, above, 0, grid.width - 1) == HEADER and below_role != DATA

    def _matrix_columns(self, block: list[int]) -> tuple[int, int, list[int]] | None:
        """(first column, first data column, data columns) of a block of figure rows."""
        grid = self.grid
        text_cols, data_cols = [], []
        for c in range(grid.width):
            kinds = [grid.kind(r, c) for r in block]
            n_text = sum(k == TEXT for k in kinds)
            n_data = sum(k in _DATAISH for k in kinds)
            if n_text and n_text >= n_data:
                text_cols.append(c)
            elif n_data:
                data_cols.append(c)
        if not text_cols:
            # one row of figures right under its header: a county's sheet with a single line
            return (data_cols[0], data_cols[0], data_cols) if len(block) == 1 and data_cols else None
        c0 = text_cols[0]
        # a sequence number column left of the names is no data
        leading = [c for c in data_cols if c < c0]
        data_cols = [c for c in data_cols if c > c0]
        if not data_cols:
            return None
        if leading:
            c0 = leading[0]
        return c0, data_cols[0], data_cols

    # ------------------------------------------------------------ title, period, notes
    def _finish(self, table: Table, pre: Preamble) -> None:
        grid = self.grid
        table.title, table.title_row = pre.title, pre.title_row
        table.unit_line, table.units, table.filer, table.form = pre.unit_line, pre.units, pre.filer, pre.form
        for r in table.header_rows:  # "单位：万元" written at the end of a header row
            for c in range(table.first_col, grid.width):
                text = grid.text(r, c)
                units = words.unit_line_units(clean_text(text)) if words.UNIT_LINE.match(clean_text(text)) else None
                if units:
                    if not table.units:
                        table.unit_line, table.units = text, units
                    table.col_paths = {k: tuple(p for p in v if p != text) for k, v in table.col_paths.items()}
                    table.row_paths = {k: tuple(p for p in v if p != text) for k, v in table.row_paths.items()}
        if pre.top is not None:
            # the lines above belong to the table's block when they reach into its columns
            for r in range(pre.top, table.first_row):
                if any(grid.kind(r, c) != EMPTY for c in range(table.first_col, table.last_col + 1)):
                    table.first_row = r
                    break
        limit = self._limit(table.last_row, table.first_col, table.last_col)
        table.footnotes, _ = footnotes_after(grid, table.last_row, table.first_col, table.last_col, limit)
        self._period(table, pre)
        if table.orientation == "sheet":
            self._sheet_region(table, pre)

    def _period(self, table: Table, pre: Preamble) -> None:
        sources = [("title", pre.title)] + [("preamble", t) for _, t in pre.texts if t != pre.title]
        # columns headed "2019年1-9月 | 2018年1-9月": the latest is the table's own period
        in_headers = [(p, part) for path in [*table.col_paths.values(), *table.row_paths.values()]
                      for part in path for p in [find_period(part)] if p is not None]
        if in_headers:
            sources.append(("header", max(in_headers, key=lambda item: (item[0].year, item[0].last_month))[1]))
        sources += [("sheet", self.sheet_name)] + [("footnote", t) for t in table.footnotes]
        if self.path is not None:
            sources += [("file", self.path.stem), ("folder", self.path.parent.name)]
        chosen = choose_period(sources, self.sheet_name)
        if chosen is not None:
            table.period, table.period_source, table.period_text = chosen

    def _sheet_region(self, table: Table, pre: Preamble) -> None:
        label = self.labels(self.sheet_name)
        if label.code is not None:
            table.sheet_region, table.region_source = label.code, "sheet"
            return
        for source, text in (("sheet", self.sheet_name), ("title", pre.title), ("filer", pre.filer)):
            code = self.labels.find_in_text(text) if text else None
            if code is not None:
                table.sheet_region, table.region_source = code, source
                return
        if pre.title and re.search(r"全市|嘉兴市", pre.title):
            table.sheet_region, table.region_source = self.labels.resolver.table.city.code, "title"


def _region_word(text: str) -> bool:
    folded = clean_text(text)
    return bool(words.REGION_HEADER.search(folded)) and len(folded) <= 10 and not words.PERCENT_HEADER.search(folded)


def _unit_text(text: str) -> str | None:
    folded = clean_text(text)
    if not folded or len(folded) > 6:
        return None
    from workbench.models.units import normalise_unit

    try:
        return normalise_unit(folded)
    except Exception:  # noqa: BLE001
        return None


__all__ = ["detect_tables"]
