"""What the layout finder reports about one table on a sheet.

A :class:`Table` says where the table is, how it is laid out and what each row and
column of it means; :mod:`workbench.models.extract` turns it into figures. Indices are
0-based sheet rows and columns, like :class:`~workbench.models.reading.workbook.Sheet`.

Orientation names where the regions run:

``rows``     one row per region (region labels down one column);
``columns``  one column per region (region labels across a header row: transposed);
``long``     one row per region and indicator (a region column and an indicator column);
``sheet``    no region axis: the sheet name (or the title) names the one region of the table;
``list``     one row per enterprise or other record (regions repeat, no indicator column):
             not a table of county figures, so it yields none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.models.periods import Period

ORIENTATIONS = ("rows", "columns", "long", "sheet", "list")


@dataclass(frozen=True)
class RegionEntry:
    """One region of a table's region axis.

    ``index`` is the sheet row (orientation ``rows``/``long``) or column (``columns``)
    holding it; ``code`` is None for a label the region table does not know.
    """

    index: int
    label: str
    code: str | None
    is_total: bool = False
    subitem: bool = False


@dataclass(frozen=True)
class LongColumns:
    """The roles of the columns of a long-form (or list) table."""

    region: int
    indicator: int | None = None
    values: tuple[int, ...] = ()
    unit: int | None = None
    period: int | None = None
    others: tuple[int, ...] = ()


@dataclass
class Table:
    """One table found on a sheet.

    ``col_paths`` holds the header path of every data column (for ``columns`` tables the
    region level is left out); ``row_paths`` the stub path of every data row of
    ``columns`` and ``sheet`` tables (the indicator names). The header path of a data
    cell is ``row_paths.get(r, ()) + col_paths.get(c, ())``.
    """

    sheet: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    orientation: str
    title: str = ""
    title_row: int | None = None
    period: Period | None = None
    period_source: str = ""  # title | preamble | sheet | footnote | file | ""
    period_text: str = ""
    unit_line: str = ""
    units: list[str] = field(default_factory=list)
    filer: str = ""
    form: dict[str, str] = field(default_factory=dict)
    header_rows: list[int] = field(default_factory=list)
    code_row: int | None = None
    label_col: int | None = None
    region_row: int | None = None
    stub_cols: list[int] = field(default_factory=list)
    unit_col: int | None = None
    data_rows: list[int] = field(default_factory=list)
    data_cols: list[int] = field(default_factory=list)
    col_paths: dict[int, tuple[str, ...]] = field(default_factory=dict)
    row_paths: dict[int, tuple[str, ...]] = field(default_factory=dict)
    col_units: dict[int, str] = field(default_factory=dict)
    row_units: dict[int, str] = field(default_factory=dict)
    regions: list[RegionEntry] = field(default_factory=list)
    unknown_regions: list[RegionEntry] = field(default_factory=list)
    col_subitems: dict[int, tuple[str, ...]] = field(default_factory=dict)
    row_subitems: dict[int, tuple[str, ...]] = field(default_factory=dict)
    footnotes: list[str] = field(default_factory=list)
    sheet_region: str | None = None
    region_source: str = ""  # axis | sheet | title
    long: LongColumns | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def range(self) -> str:
        from workbench.models.layout.grid import a1_range

        return a1_range(self.first_row, self.first_col, self.last_row, self.last_col)

    @property
    def header_paths(self) -> dict[int, tuple[str, ...]]:
        """Header paths of the indicator axis: per data column, or per data row for ``columns`` tables."""
        return self.row_paths if self.orientation == "columns" else self.col_paths

    @property
    def subitems(self) -> dict[int, tuple[str, ...]]:
        """Sub-items ("其中") of the indicator axis and the path of their parent."""
        return self.row_subitems if self.orientation == "columns" else self.col_subitems

    def header_path(self, r: int, c: int) -> tuple[str, ...]:
        """The header path of the data cell at (r, c)."""
        return self.row_paths.get(r, ()) + self.col_paths.get(c, ())

    def region_of_row(self) -> dict[int, RegionEntry]:
        return {e.index: e for e in self.regions} if self.orientation in ("rows", "long") else {}

    def region_of_col(self) -> dict[int, RegionEntry]:
        return {e.index: e for e in self.regions} if self.orientation == "columns" else {}
