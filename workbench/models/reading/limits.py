"""Safety limits for reading a workbook, and the running budget that enforces them.

A departmental workbook is small (a few thousand cells); the limits are there so a
hostile or broken file (zip bomb, billion-cell sheet, endless parse) is refused with a
clear message instead of freezing the desktop or eating all memory. The defaults are
generous for real reports and can be raised by the user for a genuinely huge file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.models.reading.messages import cancelled, too_many_cells, too_slow

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a single read may cost; every field can be raised for a genuinely big file.

    Attributes
    ----------
    max_file_bytes
        Size of the file on disk.
    max_uncompressed_bytes
        Sum of the sizes a zip package (xlsx, xlsm, xlsb, ods) declares for its members.
    max_compression_ratio
        Largest uncompressed/compressed ratio accepted for a member bigger than
        ``ratio_floor_bytes``; sheet XML compresses 5-30x, a bomb 1000x and more.
    ratio_floor_bytes
        Members smaller than this are never refused for their ratio: a tiny member
        cannot hurt, and small repetitive XML legitimately compresses very well.
    max_zip_members
        Number of entries in a zip package (a directory of millions of entries is a bomb).
    max_cells
        Cells over all sheets, counted as the rectangle from A1 to the last used cell.
        Each cell costs roughly 80 bytes once in Python, so 20 million is about 1.6 GB.
    max_seconds
        Wall-clock time; checked between steps, since a parse inside calamine cannot be
        interrupted.
    """

    max_file_bytes: int = 200 * MB
    max_uncompressed_bytes: int = 1024 * MB
    max_compression_ratio: float = 200.0
    ratio_floor_bytes: int = 10 * MB
    max_zip_members: int = 100_000
    max_cells: int = 20_000_000
    max_seconds: float = 60.0


class Budget:
    """The running account of one read: elapsed time, cells taken, and the cancel flag.

    Parameters
    ----------
    limits
        The limits to enforce.
    path
        The file being read, named in every refusal.
    should_stop
        Polled at every checkpoint; when it returns True the read is cancelled.
    """

    def __init__(self, limits: Limits, path: Path, should_stop: Callable[[], bool] | None = None):
        self.limits = limits
        self.path = path
        self._should_stop = should_stop
        self._started = time.monotonic()
        self.cells = 0

    def elapsed(self) -> float:
        """Seconds since the read started."""
        return time.monotonic() - self._started

    def check(self, sheet: str | None = None) -> None:
        """Raise if the user cancelled or the time limit has passed.

        Raises
        ------
        ReadCancelled
            When ``should_stop`` returns True.
        ReadError
            When more than ``max_seconds`` have passed.
        """
        if self._should_stop is not None and self._should_stop():
            raise cancelled(self.path, sheet)
        if self.elapsed() > self.limits.max_seconds:
            raise too_slow(self.path, self.limits.max_seconds, sheet)

    def ensure_room(self, rows: int, cols: int, sheet: str) -> None:
        """Refuse a sheet of ``rows`` x ``cols`` cells before it is parsed, without taking them.

        Raises
        ------
        ReadError
            When the workbook would exceed ``max_cells``.
        """
        if self.cells + rows * cols > self.limits.max_cells:
            raise too_many_cells(self.path, sheet, rows, cols, self.limits.max_cells)

    def take_cells(self, rows: int, cols: int, sheet: str) -> None:
        """Account for a sheet of ``rows`` x ``cols`` cells before it is materialised.

        Raises
        ------
        ReadError
            When the workbook would exceed ``max_cells``.
        """
        wanted = rows * cols
        if self.cells + wanted > self.limits.max_cells:
            raise too_many_cells(self.path, sheet, rows, cols, self.limits.max_cells)
        self.cells += wanted
