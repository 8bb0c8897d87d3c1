"""The region axis of a table: region labels down a column or across a header row.

A *run* is a stretch of one column (or one row) where the region resolver knows the
labels. Runs are found on the classified top of the sheet; a vertical run that reaches
the bottom of that window is followed down the rest of its column, label by label, so a
100 000-row sheet costs one pass over one column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.models.layout import words
from workbench.models.layout.grid import EMPTY, ERROR, MISSING, NUMBER, TEXT, SheetGrid, cell_kind, clean_text, display_text
from workbench.models.regions import RegionResolver, Resolution, normalise_label

_PREFIXES = ("浙江省", "浙江", "嘉兴市", "嘉兴")

MIN_DISTINCT = 3  # distinct known regions that make a region axis


@dataclass(frozen=True)
class Label:
    """A resolved region label: ``subitem`` when it was written "其中：…"."""

    text: str
    code: str | None
    is_total: bool
    subitem: bool


class RegionLabels:
    """Resolve cell values to regions, once per distinct value."""

    def __init__(self, resolver: RegionResolver):
        self.resolver = resolver
        self._cache: dict[object, Label] = {}

    def __call__(self, value: object) -> Label:
        label = self._cache.get(value)
        if label is None:
            label = self._resolve(value)
            if len(self._cache) < 100_000:
                self._cache[value] = label
        return label

    def _resolve(self, value: object) -> Label:
        text = value.strip() if isinstance(value, str) else display_text(value)
        if cell_kind(value) != TEXT or len(text) > 30:
            return Label(text, None, False, False)
        core, subitem = words.strip_subitem(clean_text(text))
        res: Resolution = self.resolver.resolve(core)
        if res.code is None:
            # "浙江省嘉兴市南湖区": the resolver takes off one prefix, a full address has two
            norm = normalise_label(core)
            for _ in range(2):
                prefix = next((p for p in _PREFIXES if norm.startswith(p) and len(norm) > len(p)), None)
                if prefix is None:
                    break
                norm = norm[len(prefix):]
                res = self.resolver.resolve(norm)
                if res.code is not None:
                    break
        return Label(text, res.code, res.is_total, subitem)

    def name(self, code: str | None) -> str:
        if code is None:
            return ""
        try:
            return self.resolver.table.by_code(code).name
        except KeyError:
            return code

    def find_in_text(self, text: str) -> str | None:
        """A county or zone named inside a longer text (a title), only when exactly one is."""
        folded = clean_text(text)
        found = set()
        for region in self.resolver.table.regions:
            if region.level == "city":
                continue
            names = [region.name, *region.aliases]
            if len(region.short_name) >= 2 and region.level == "county":
                names.append(region.short_name)
            if any(n and n in folded for n in names):
                found.add(region.code)
        return found.pop() if len(found) == 1 else None


@dataclass
class Run:
    """Region labels down column ``index`` (vertical) or across row ``index`` (horizontal)."""

    vertical: bool
    index: int
    start: int
    end: int
    positions: list[int] = field(default_factory=list)  # rows (vertical) or columns holding a known label
    codes: list[str] = field(default_factory=list)

    @property
    def distinct(self) -> int:
        return len(set(self.codes))

    @property
    def repeats(self) -> bool:
        """Regions occur several times each: a long-form table or a list of records."""
        return len(self.codes) >= 1.5 * self.distinct and len(self.codes) - self.distinct >= 3


def _row_has_data(grid: SheetGrid, r: int, skip_col: int) -> bool:
    """Whether row ``r`` holds a figure (number, missing marker, error) outside ``skip_col``."""
    if r < grid.scan_rows:
        row = grid.kinds[r]
        return any(k in (NUMBER, MISSING, ERROR) for c, k in enumerate(row) if c != skip_col)
    values = grid.rows[r] if r < grid.height else []
    return any(cell_kind(v) in (NUMBER, MISSING, ERROR) for c, v in enumerate(values) if c != skip_col)


def _row_text_cells(grid: SheetGrid, r: int, skip_col: int) -> int:
    if r < grid.scan_rows:
        row = grid.kinds[r]
        return row.count(TEXT) - (1 if skip_col < len(row) and row[skip_col] == TEXT else 0)
    values = grid.rows[r] if r < grid.height else []
    return sum(1 for c, v in enumerate(values) if c != skip_col and cell_kind(v) == TEXT)


def is_section_row(grid: SheetGrid, r: int) -> bool:
    """A row holding one short label (often merged across the table): "一、县（市、区）"."""
    texts = {clean_text(grid.value(r, c)) for c in range(grid.width)} - {""}
    if len(texts) != 1:
        return False
    text = texts.pop()
    return len(text) <= 12 and not words.TITLE_WORDS.search(text) and not words.FOOTNOTE.match(text)


def breaks_run(text: str) -> bool:
    """A label-column text that ends a run of region rows: footnote, title, filing line."""
    folded = clean_text(text)
    return bool(
        words.FOOTNOTE.match(folded) or words.META.match(folded) or words.UNIT_LINE.match(folded)
        or len(folded) > 20
    )


def vertical_runs(grid: SheetGrid, labels: RegionLabels) -> list[Run]:
    """Region-label runs down the columns of the sheet."""
    runs: list[Run] = []
    for c in range(grid.width):
        column_kinds = [row[c] for row in grid.kinds]
        if column_kinds.count(TEXT) < MIN_DISTINCT:
            continue
        values = grid.column(c, 0, grid.scan_rows - 1) if grid.scan_rows else []
        runs.extend(_runs_in_column(grid, labels, c, values))
    # Follow runs that reach the end of the classified window down the rest of the column.
    for run in runs:
        if run.vertical and grid.scan_rows < grid.height and run.end >= grid.scan_rows - 3:
            _extend_run(grid, labels, run)
    return [run for run in runs if run.distinct >= MIN_DISTINCT]


def _runs_in_column(grid: SheetGrid, labels: RegionLabels, c: int, values: list[object]) -> list[Run]:
    runs: list[Run] = []
    run: Run | None = None
    for r, value in enumerate(values):
        label = labels(value) if value is not None else None
        if label is not None and label.code is not None:
            if run is None:
                run = Run(True, c, r, r)
            run.positions.append(r)
            run.codes.append(label.code)
            run.end = r
            continue
        if run is None:
            continue
        kind = cell_kind(value)
        if kind == EMPTY:
            continue  # a spacer row, or a row without a label: the run goes on
        if kind != TEXT:
            runs.append(run)  # a number in the label column: the region rows are over
            run = None
            continue
        text = label.text if label else display_text(value)
        if breaks_run(text):
            runs.append(run)
            run = None
            continue
        if _row_has_data(grid, r, c):
            run.end = r  # an unknown region (or a "其他" row) with figures: keep it
            continue
        if _row_text_cells(grid, r, c) >= 1 and not is_section_row(grid, r):
            # text across the row and no figures: a header row of the next table
            runs.append(run)
            run = None
            continue
        # a lone short label without figures ("二、功能区"): a section label inside the table
    if run is not None:
        runs.append(run)
    return runs


def _extend_run(grid: SheetGrid, labels: RegionLabels, run: Run) -> None:
    c = run.index
    values = grid.column(c, grid.scan_rows)
    offset = grid.scan_rows
    for i, value in enumerate(values):
        r = offset + i
        if value is None:
            continue
        label = labels(value)
        if label.code is not None:
            run.positions.append(r)
            run.codes.append(label.code)
            run.end = r
            continue
        if cell_kind(value) == TEXT:
            if breaks_run(label.text):
                break
            if _row_has_data(grid, r, c):
                run.end = r
                continue
            if _row_text_cells(grid, r, c) >= 1:
                break


def horizontal_runs(grid: SheetGrid, labels: RegionLabels) -> list[Run]:
    """Region-label runs across the rows of the classified window (transposed tables)."""
    runs: list[Run] = []
    for r in range(grid.scan_rows):
        row = grid.kinds[r]
        if row.count(TEXT) < MIN_DISTINCT:
            continue
        positions, codes = [], []
        for c in range(grid.width):
            if row[c] != TEXT:
                continue
            label = labels(grid.value(r, c))
            if label.code is None:
                continue
            positions.append(c)
            codes.append(label.code)
        if len(set(codes)) >= MIN_DISTINCT:
            # A header row names each region once; a row naming them repeatedly is no axis.
            run = Run(False, r, positions[0], positions[-1], positions, codes)
            runs.append(run)
    return runs


def section_blocks(grid: SheetGrid, run: Run, top: int) -> list[tuple[str, int, int]]:
    """Blocks of region rows under section labels, each naming every region once; [] if none."""
    lc = run.index
    if run.end - top > 500:
        return []
    blocks: list[tuple[str, int, int]] = []
    label, start, last, codes = "", None, top, []
    above = top - 1
    while above >= 0 and grid.row_is_blank(above):
        above -= 1
    if above >= 0 and grid.text(above, lc) and not _has_figures(grid, above, lc) and is_section_row(grid, above):
        label = grid.text(above, lc)  # the first section's label sits between header and body
    known = dict(zip(run.positions, run.codes))
    for r in range(top, run.end + 2):
        code = known.get(r)
        text = grid.text(r, lc) if r <= run.end else ""
        boundary = r > run.end or (code is None and text and not _has_figures(grid, r, lc))
        if boundary:
            if start is not None:
                if len(codes) != len(set(codes)) or len(set(codes)) < MIN_DISTINCT:
                    return []
                blocks.append((label, start, last))
            label, start, codes = text, None, []
            continue
        if code is not None:
            start = r if start is None else start
            codes.append(code)
            last = r
    return blocks if len(blocks) >= 2 and all(b[0] for b in blocks) else []


def _has_figures(grid: SheetGrid, r: int, skip: int) -> bool:
    return any(grid.kind(r, c) in (NUMBER, MISSING, ERROR) for c in range(grid.width) if c != skip)


def column_run(grid: SheetGrid, labels: RegionLabels, c: int, first: int = 0) -> Run | None:
    """The region rows of column ``c`` when the user names it as the region column.

    The longest stretch of known labels (however few) from row ``first`` on; without any
    known label, the rows from ``first`` on holding a text label and figures beside it,
    whose labels are then reported as unknown, never guessed.
    """
    if c >= grid.width or grid.scan_rows == 0:
        return None
    values = grid.column(c, 0, grid.scan_rows - 1)
    runs = [run for run in _runs_in_column(grid, labels, c, values) if run.end >= first]
    for run in runs:
        if grid.scan_rows < grid.height and run.end >= grid.scan_rows - 3:
            _extend_run(grid, labels, run)
    if runs:
        run = max(runs, key=lambda item: (item.distinct, len(item.positions)))
        if run.start < first:
            keep = [(r, code) for r, code in zip(run.positions, run.codes) if r >= first]
            run = Run(True, c, first, run.end, [r for r, _ in keep], [code for _, code in keep])
        return run
    rows = []
    for r in range(first, grid.height):
        kind = grid.kind(r, c)
        if kind == TEXT and not breaks_run(grid.text(r, c)) and _row_has_data(grid, r, c):
            rows.append(r)
        elif rows and kind == TEXT and breaks_run(grid.text(r, c)):
            break
    return Run(True, c, rows[0], rows[-1]) if rows else None


def row_run(grid: SheetGrid, labels: RegionLabels, r: int) -> Run | None:
    """The region columns of row ``r`` when the user names it as the region row.

    Known labels however few; without any, every text cell of the row with figures below it.
    """
    if r >= grid.height:
        return None
    positions, codes = [], []
    for c in range(grid.width):
        if grid.kind(r, c) != TEXT:
            continue
        label = labels(grid.value(r, c))
        if label.code is not None:
            positions.append(c)
            codes.append(label.code)
    if not positions:
        below = range(r + 1, min(grid.height, r + 13))
        positions = [c for c in range(grid.width) if grid.kind(r, c) == TEXT
                     and any(grid.kind(k, c) in (NUMBER, MISSING, ERROR) for k in below)]
    if not positions:
        return None
    return Run(False, r, positions[0], positions[-1], positions, codes)
