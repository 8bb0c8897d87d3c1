"""The index's data table: one row per unit (``uCode``), indicator, denominator and group columns.

:func:`read_index_tables` reads a data CSV and a metadata CSV of the shape of COINr's
``ASEM_iData.csv`` / ``ASEM_iMeta.csv``; :func:`prepare_tables` checks a pair of DataFrames
(from the files or from the project) and splits the data into the numbers each step needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.models.index.errors import IndexTableError
from workbench.models.index.hierarchy import IndexTree, clean_meta, number_or_none

UNIT_COLUMN = "uCode"
NAME_COLUMN = "uName"


@dataclass(frozen=True)
class IndexTables:
    """A checked data table and its metadata.

    Attributes
    ----------
    values : DataFrame
        Units × indicator codes (float, NaN where missing), indexed by ``uCode``.
    denominators : DataFrame
        Units × the denominator columns the metadata names (float).
    data : DataFrame
        The data table as given, indexed by ``uCode`` (groups and names are read from it).
    meta : DataFrame
        The cleaned metadata (:func:`~workbench.models.index.hierarchy.clean_meta`).
    tree : IndexTree
    """

    values: pd.DataFrame
    denominators: pd.DataFrame
    data: pd.DataFrame
    meta: pd.DataFrame
    tree: IndexTree

    @property
    def unit_names(self) -> pd.Series:
        """uCode → the unit's name (``uName`` when the data has it, else the code)."""
        if NAME_COLUMN in self.data.columns:
            return self.data[NAME_COLUMN].astype(str)
        return pd.Series(self.data.index, index=self.data.index)


def _csv(path: Path, what: str) -> pd.DataFrame:
    if not path.is_file():
        raise IndexTableError(f"找不到{what}“{path}”。")
    last = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        except UnicodeDecodeError as exc:
            last = exc
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise IndexTableError(f"{what}“{path.name}”不是可读的 CSV 表：{exc}") from None
    raise IndexTableError(f"{what}“{path.name}”的编码无法识别（应为 UTF-8 或 GB18030）：{last}") from None


def read_index_tables(data_csv, meta_csv) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check a data CSV and a metadata CSV.

    Parameters
    ----------
    data_csv, meta_csv : str or Path
        The files (UTF-8 with or without BOM, or GB18030).

    Returns
    -------
    (DataFrame, DataFrame)
        The data with numbers as floats (``uCode`` a column, as in the file) and the metadata
        as read, both ready for :func:`~workbench.models.index.engine.compute_index`.

    Raises
    ------
    IndexTableError
        A file that is missing or unreadable, no ``uCode`` column, a duplicate unit, a parent
        that does not exist, a cycle, a denominator column missing from the data, text in an
        indicator column: the message names the file, the line and the column.
    """
    data_path, meta_path = Path(data_csv), Path(meta_csv)
    data = _csv(data_path, "数据文件")
    meta = _csv(meta_path, "元数据文件")
    tables = prepare_tables(data, meta, data_source=data_path.name, meta_source=meta_path.name)
    out = data.copy()
    for column in list(tables.values.columns) + list(tables.denominators.columns):
        out[column] = tables.values[column].to_numpy() if column in tables.values else \
            tables.denominators[column].to_numpy()
    return out, meta


def _where(source: str | None, position: int, unit: str) -> str:
    line = f"数据文件“{source}”第 {position + 2} 行" if source else f"数据第 {position + 1} 行"
    return f"{line}（uCode={unit}）" if unit else line


def _numbers(data: pd.DataFrame, columns: list[str], units: list[str], source: str | None) -> pd.DataFrame:
    out = {}
    for column in columns:
        series = data[column]
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            out[column] = series.to_numpy(dtype=float)
            continue
        values = np.empty(len(series))
        for pos, raw in enumerate(series.tolist()):
            try:
                value = number_or_none(raw)
            except ValueError:
                raise IndexTableError(f"{_where(source, pos, units[pos])}，{column} 列的值“{raw}”不是数字。") from None
            values[pos] = np.nan if value is None else value
        out[column] = values
    frame = pd.DataFrame(out, index=pd.Index(units, name=UNIT_COLUMN), columns=columns, dtype=float)
    array = frame.to_numpy(dtype=float)
    bad = np.isinf(array)
    if bad.any():
        row, col = (int(i[0]) for i in np.nonzero(bad))
        raise IndexTableError(f"{_where(source, row, units[row])}，{columns[col]} 列的值不是有限的数。")
    return frame


def prepare_tables(data: pd.DataFrame, meta: pd.DataFrame, *, data_source: str | None = None,
                   meta_source: str | None = None) -> IndexTables:
    """Check a data table against its metadata and split it for the engine.

    Parameters
    ----------
    data : DataFrame
        One row per unit: a ``uCode`` column (or index), every indicator of the metadata,
        the denominator columns it names, and any group or name columns.
    meta : DataFrame
        The metadata (see :mod:`workbench.models.index.hierarchy`).
    data_source, meta_source : str, optional
        File names for the messages.

    Raises
    ------
    IndexTableError
        See :func:`read_index_tables`.
    """
    clean, tree = clean_meta(meta, source=meta_source)
    name = f"数据文件“{data_source}”" if data_source else "数据表"
    if UNIT_COLUMN not in data.columns:
        if data.index.name == UNIT_COLUMN:
            data = data.reset_index()
        else:
            raise IndexTableError(f"{name}缺少 uCode 列（每个评价单元的代码）。")
    data = data.reset_index(drop=True)
    units = ["" if pd.isna(v) else str(v).strip() for v in data[UNIT_COLUMN]]
    first: dict[str, int] = {}
    for pos, unit in enumerate(units):
        if not unit:
            raise IndexTableError(f"{_where(data_source, pos, '')}：uCode 为空。")
        if unit in first:
            raise IndexTableError(f"{_where(data_source, pos, unit)}：uCode 与{_where(data_source, first[unit], '')}重复。")
        first[unit] = pos
    if not units:
        raise IndexTableError(f"{name}中没有任何评价单元。")
    missing = [code for code in tree.indicators if code not in data.columns]
    if missing:
        raise IndexTableError(f"{name}缺少元数据中的指标列：{'、'.join(missing)}。")
    denominators = []
    for code in tree.indicators:
        column = clean.at[code, "Denominator"]
        if column and column not in data.columns:
            where = f"元数据文件“{meta_source}”" if meta_source else "元数据"
            raise IndexTableError(f"{where}中指标“{code}”的分母列“{column}”在{name}中不存在。")
        if column and column not in denominators:
            denominators.append(column)
    values = _numbers(data, list(tree.indicators), units, data_source)
    denoms = _numbers(data, denominators, units, data_source)
    indexed = data.set_index(pd.Index(units, name=UNIT_COLUMN)).drop(columns=[UNIT_COLUMN])
    return IndexTables(values=values, denominators=denoms, data=indexed, meta=clean, tree=tree)
