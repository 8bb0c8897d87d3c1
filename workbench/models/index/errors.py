"""The growth index engine's typed errors, each with a Chinese message for the user."""

from __future__ import annotations

from workbench.models.errors import WorkbenchError


class IndexEngineError(WorkbenchError, ValueError):
    """The composite index cannot be computed as asked; ``str()`` says why, in Chinese."""


class IndexSpecError(IndexEngineError):
    """A choice of method that does not exist or does not fit the data (e.g. ``--impute median``)."""


class IndexTableError(IndexEngineError):
    """A data or metadata table that cannot be used: a missing column, a broken hierarchy, text
    where a number belongs. The message names the file, the row and the column where it can."""
