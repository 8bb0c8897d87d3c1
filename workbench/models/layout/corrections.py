"""Layout corrections a user made to a sheet, remembered by the sheet's layout.

When the finder gets a table wrong (header rows, orientation, region column), the user
says how it really is; :class:`LayoutCorrection` holds that, :func:`detect_tables
<workbench.models.layout.detect.detect_tables>` obeys it, and :class:`LayoutCorrections`
keeps the corrections in a JSON file keyed by :func:`layout_fingerprint`, so the next
quarter's workbook in the same layout is read the corrected way without asking again.

The fingerprint is a hash of the text cells of the top of the sheet, with their
positions, after periods and digits are abstracted away: "2019年1-9月各县…情况表" and
"2019年1-12月各县…情况表" give the same key; a moved column or an extra header row
gives another, so a correction never lands on rows it was not made for.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from workbench.models.errors import WorkbenchError
from workbench.models.layout.grid import TEXT, cell_kind, clean_text
from workbench.models.reading.workbook import Sheet

ORIENTATION_CHOICES = ("rows", "columns", "long")
"""Orientations a user may force: regions down a column, across a row, or long form."""

FINGERPRINT_ROWS = 12  # non-blank rows at the top of a sheet that make its layout
FILE_VERSION = 1

# Period expressions, most specific first; what is left of a digit afterwards becomes "#".
_PERIOD_PARTS = [re.compile(p) for p in (
    r"截至|截止|至今",
    r"\d{4}\s*年(?:度|末|底)?",
    r"\d{1,2}\s*(?:[-—–~～至到]\s*\d{1,2}\s*)?月(?:份)?(?:末|底)?",
    r"前?[一二三四1-4]季度|[一二三四]季",
    r"[上下]半年|全年",
)]
_DIGITS = re.compile(r"\d+")


class LayoutCorrectionError(WorkbenchError, ValueError):
    """A correction that cannot be right (unknown orientation, negative row) or a damaged file."""


@dataclass(frozen=True)
class LayoutCorrection:
    """How a sheet's table really is laid out, as the user said.

    Indices are 0-based sheet rows and columns (the preview shows them 1-based).

    Parameters
    ----------
    header_rows : tuple of int, optional
        The header rows of the table; its body starts below the last one (after a
        row of column codes, if there is one). None leaves them to the finder.
    orientation : {"rows", "columns", "long"}, optional
        Regions down a column, across a header row (transposed), or one row per
        region and indicator. None leaves it to the finder.
    region_axis : int, optional
        The column holding the region labels (``rows``, ``long``) or the row holding
        them (``columns``). Without an orientation it is a column, unless the finder
        found the regions across a row.
    """

    header_rows: tuple[int, ...] | None = None
    orientation: str | None = None
    region_axis: int | None = None

    def __post_init__(self):
        if self.header_rows is not None:
            rows = tuple(sorted({int(r) for r in self.header_rows}))
            if not rows or rows[0] < 0:
                raise LayoutCorrectionError(f"表头行无效：{list(self.header_rows)}")
            object.__setattr__(self, "header_rows", rows)
        if self.orientation is not None and self.orientation not in ORIENTATION_CHOICES:
            raise LayoutCorrectionError(
                f"未知的表格方向：{self.orientation!r}（可选：{'、'.join(ORIENTATION_CHOICES)}）")
        if self.region_axis is not None:
            if int(self.region_axis) < 0:
                raise LayoutCorrectionError(f"地区所在列（行）无效：{self.region_axis}")
            object.__setattr__(self, "region_axis", int(self.region_axis))

    @property
    def empty(self) -> bool:
        """True when it corrects nothing."""
        return self.header_rows is None and self.orientation is None and self.region_axis is None

    def to_dict(self) -> dict:
        return {"header_rows": list(self.header_rows) if self.header_rows is not None else None,
                "orientation": self.orientation, "region_axis": self.region_axis}

    @classmethod
    def from_dict(cls, data: Mapping) -> LayoutCorrection:
        rows = data.get("header_rows")
        return cls(tuple(rows) if rows is not None else None, data.get("orientation"), data.get("region_axis"))


def _abstract(text: str) -> str:
    folded = clean_text(text)[:60]
    for pattern in _PERIOD_PARTS:
        folded = pattern.sub("", folded)
    return _DIGITS.sub("#", folded)


def layout_fingerprint(sheet: Sheet, rows: int = FINGERPRINT_ROWS) -> str:
    """A key for the layout of ``sheet``: equal for next quarter's sheet in the same layout.

    Parameters
    ----------
    sheet : Sheet
    rows : int
        How many non-blank rows at the top count.

    Returns
    -------
    str
        16 hex digits. Built from the text cells (not numbers, not missing markers) of
        the first ``rows`` non-blank rows with their positions, periods removed and
        other digits abstracted; the sheet's name does not count.
    """
    parts: list[str] = []
    seen = 0
    for r, row in enumerate(sheet.rows):
        cells = [(c, v) for c, v in enumerate(row) if v is not None and v != ""]
        if not cells:
            continue
        seen += 1
        for c, value in cells:
            if cell_kind(value) == TEXT:
                text = _abstract(str(value))
                if text:
                    parts.append(f"{r}:{c}:{text}")
        if seen >= rows:
            break
    digest = hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


class LayoutCorrections:
    """Corrections by layout fingerprint, kept in a JSON file.

    Parameters
    ----------
    path : str or Path, optional
        Where :meth:`save` writes (and :meth:`load` read) them.

    Examples
    --------
    >>> store = LayoutCorrections.load(config_dir / "layout_corrections.json")  # doctest: +SKIP
    >>> store.set(layout_fingerprint(sheet), LayoutCorrection(header_rows=(4, 5)))  # doctest: +SKIP
    >>> store.save()  # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else None
        self._entries: dict[str, LayoutCorrection] = {}
        self._labels: dict[str, dict] = {}

    # ------------------------------------------------------------ file
    @classmethod
    def load(cls, path: str | os.PathLike) -> LayoutCorrections:
        """Read the corrections saved at ``path``; a missing file gives none.

        Raises
        ------
        LayoutCorrectionError
            When the file is not a corrections file (the message names it).
        """
        store = cls(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return store
        except OSError as exc:
            raise LayoutCorrectionError(f"无法读取表式更正文件「{Path(path).name}」：{exc}") from exc
        try:
            data = json.loads(text)
            for key, entry in data.get("corrections", {}).items():
                store._entries[str(key)] = LayoutCorrection.from_dict(entry)
                store._labels[str(key)] = {k: entry[k] for k in ("sheet", "file") if entry.get(k)}
        except (ValueError, AttributeError, TypeError) as exc:
            raise LayoutCorrectionError(f"表式更正文件「{Path(path).name}」已损坏：{exc}") from exc
        return store

    def save(self, path: str | os.PathLike | None = None) -> Path:
        """Write the corrections (atomically) to ``path`` or the path they were loaded from."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise LayoutCorrectionError("没有指定表式更正文件的保存位置")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": FILE_VERSION, "corrections": {
            key: {**self._labels.get(key, {}), **correction.to_dict()} for key, correction in self._entries.items()
        }}
        fd, tmp = tempfile.mkstemp(prefix=".layout_corrections.", suffix=".json", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.path = target
        return target

    # ------------------------------------------------------------ entries
    def get(self, fingerprint: str) -> LayoutCorrection | None:
        return self._entries.get(fingerprint)

    def for_sheet(self, sheet: Sheet) -> LayoutCorrection | None:
        """The correction saved for the layout of ``sheet``, if any."""
        if not self._entries:
            return None
        return self._entries.get(layout_fingerprint(sheet))

    def set(self, fingerprint: str, correction: LayoutCorrection, *, sheet: str = "", file: str = "") -> None:
        """Remember ``correction`` for a layout; ``sheet`` and ``file`` say where it was made."""
        if correction.empty:
            self.remove(fingerprint)
            return
        self._entries[fingerprint] = correction
        self._labels[fingerprint] = {k: v for k, v in (("sheet", sheet), ("file", file)) if v}

    def remove(self, fingerprint: str) -> bool:
        """Forget the correction of a layout; True when there was one."""
        self._labels.pop(fingerprint, None)
        return self._entries.pop(fingerprint, None) is not None

    def copy(self) -> LayoutCorrections:
        """An independent copy (for a reader running in another thread)."""
        other = LayoutCorrections(self.path)
        other._entries = dict(self._entries)
        other._labels = {k: dict(v) for k, v in self._labels.items()}
        return other

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, fingerprint: object) -> bool:
        return fingerprint in self._entries


__all__ = ["LayoutCorrection", "LayoutCorrectionError", "LayoutCorrections", "ORIENTATION_CHOICES",
           "layout_fingerprint"]
