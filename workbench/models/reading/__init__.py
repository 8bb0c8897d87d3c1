"""Reading workbooks of every format into :class:`~workbench.models.reading.workbook.Workbook`.

``read_workbook(path)`` is the one entry point: it sniffs the real format from the bytes
(xlsx, xlsm, xlsb, xls including WPS files and .et, ods, CSV/TXT), refuses encrypted,
damaged, locked and hostile files with a Chinese :class:`ReadError`, and returns raw
cell values with merged ranges. Interpreting the values is the layout module's job.
"""

from workbench.models.reading.limits import Limits
from workbench.models.reading.messages import DamagedFile, ReadCancelled
from workbench.models.reading.reader import read_workbook
from workbench.models.reading.workbook import (
    CellError,
    MergedRange,
    ReadError,
    Sheet,
    Workbook,
    cell_address,
)

__all__ = [
    "CellError",
    "DamagedFile",
    "Limits",
    "MergedRange",
    "ReadCancelled",
    "ReadError",
    "Sheet",
    "Workbook",
    "cell_address",
    "read_workbook",
]
