"""Finding the tables of a departmental workbook sheet and what their rows and columns mean.

``detect_tables(sheet, resolver, matcher)`` is the entry point; see :mod:`.detect`.
Modules: :mod:`.grid` (merged cells spread, cells classified), :mod:`.words` (the
vocabulary of Chinese reports), :mod:`.axis` (region axis), :mod:`.headers` (title,
unit line, header rows → header paths, footnotes), :mod:`.longform` (long-form tables
and record lists), :mod:`.tables` (the :class:`Table` it all produces).
"""

from workbench.models.layout.detect import detect_tables
from workbench.models.layout.tables import LongColumns, RegionEntry, Table

__all__ = ["detect_tables", "LongColumns", "RegionEntry", "Table"]
