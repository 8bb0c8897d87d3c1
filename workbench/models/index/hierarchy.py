"""The index's framework from a metadata table: which indicators feed which aggregate.

The table has the shape of COINr's ``iMeta`` (e.g. ``ASEM_iMeta.csv``): one row per code
with ``iCode``, ``Parent``, ``Type`` (``Indicator`` / ``Aggregate`` / ``Group`` /
``Denominator``), ``Direction``, ``Weight`` and optionally ``iName``, ``Level``,
``Denominator``, ``ScaleFactor``, ``Target``, ``GoalLow`` and ``GoalHigh``. Any depth works:
indicators at level 1, each aggregate one level above its highest child, one aggregate at
the top.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.models.index.errors import IndexTableError

CANONICAL = ["iCode", "iName", "Type", "Level", "Parent", "Direction", "Weight", "Denominator", "ScaleFactor",
             "Target", "GoalLow", "GoalHigh", "Unit"]
_BY_LOWER = {name.lower(): name for name in CANONICAL}
NUMERIC = ["Direction", "Weight", "ScaleFactor", "Target", "GoalLow", "GoalHigh"]
TYPES = {"indicator": "Indicator", "aggregate": "Aggregate", "group": "Group", "denominator": "Denominator",
         "other": "Other"}
MISSING_MARKS = {"", "na", "nan", "null", "none", "n/a", "#n/a", "—", "–", "-", "…", "/"}


@dataclass(frozen=True)
class IndexTree:
    """The framework as a tree.

    Attributes
    ----------
    indicators : tuple of str
        Indicator codes in the metadata's order.
    aggregates : tuple of str
        Aggregate codes in the order they are computed (lowest level first); the last is ``top``.
    children : Mapping
        Aggregate code → the codes it aggregates.
    parent : Mapping
        Code → its parent's code (the top's is None).
    level : Mapping
        Code → level (indicators 1, an aggregate one above its highest child).
    top : str
        The index itself.
    """

    indicators: tuple[str, ...]
    aggregates: tuple[str, ...]
    children: Mapping[str, tuple[str, ...]]
    parent: Mapping[str, str | None]
    level: Mapping[str, int]
    top: str

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code: the indicators, then the aggregates in computing order."""
        return self.indicators + self.aggregates


def number_or_none(value) -> float | None:
    """``value`` as a float, None when it is a missing mark; raises ValueError for other text."""
    if value is None:
        return None
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return None if np.isnan(value) else float(value)
    text = str(value).strip()
    if text.lower() in MISSING_MARKS:
        return None
    return float(text.replace(",", "").replace(" ", ""))


def _text(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    text = str(value).strip()
    # A code read from a numeric cell ("2.0") is the same code as "2".
    return text[:-2] if text.endswith(".0") and text[:-2].lstrip("-").isdigit() else text


def _where(source: str | None, position: int) -> str:
    return f"元数据文件“{source}”第 {position + 2} 行" if source else f"元数据第 {position + 1} 行"


def clean_meta(meta: pd.DataFrame, *, source: str | None = None) -> tuple[pd.DataFrame, IndexTree]:
    """Check a metadata table and return it cleaned, with its tree.

    Parameters
    ----------
    meta : DataFrame
        The metadata, one row per code (column names matched case-insensitively).
    source : str, optional
        The file it came from, named in error messages (rows then count as CSV lines).

    Returns
    -------
    (DataFrame, IndexTree)
        The indicator and aggregate rows indexed by ``iCode`` (indicators first, then the
        aggregates in computing order) with the columns of :data:`CANONICAL`, numbers as
        floats, ``Level`` as computed from the tree; and the tree.

    Raises
    ------
    IndexTableError
        A missing ``iCode`` column, a duplicate or empty code, an unknown type, a parent that
        does not exist or is an indicator, a cycle, an aggregate without children, no single
        top, a direction other than ±1, a negative or missing weight, text in a number column.
    """
    name = f"元数据文件“{source}”" if source else "元数据"
    if meta.index.name == "iCode" and "iCode" not in meta.columns:
        meta = meta.reset_index()   # already cleaned: checking it again is cheap
    frame = meta.rename(columns={c: _BY_LOWER.get(str(c).strip().lower(), c) for c in meta.columns})
    if "iCode" not in frame.columns:
        raise IndexTableError(f"{name}缺少 iCode 列（每行一个指标或综合指标的代码）。")
    if "Parent" not in frame.columns:
        raise IndexTableError(f"{name}缺少 Parent 列（每个指标的上级）。")
    frame = frame.reset_index(drop=True)
    codes = [_text(v) for v in frame["iCode"]]
    parents = [_text(v) for v in frame["Parent"]]
    named_parents = set(parents)
    kinds: list[str] = []
    for pos, code in enumerate(codes):
        raw = _text(frame.at[pos, "Type"]) if "Type" in frame.columns else ""
        if raw:
            if raw.lower() not in TYPES:
                raise IndexTableError(f"{_where(source, pos)}：类型“{raw}”无法识别，应为 Indicator、Aggregate、"
                                      "Group、Denominator 或 Other。")
            kinds.append(TYPES[raw.lower()])
        else:
            kinds.append("Aggregate" if code in named_parents else "Indicator")
    rows = [pos for pos, kind in enumerate(kinds) if kind in ("Indicator", "Aggregate")]
    seen: dict[str, int] = {}
    for pos in rows:
        code = codes[pos]
        if not code:
            raise IndexTableError(f"{_where(source, pos)}：iCode 为空。")
        if code in seen:
            raise IndexTableError(f"{_where(source, pos)}：代码“{code}”与第 {seen[code] + 2 if source else seen[code] + 1} "
                                  "行重复。")
        seen[code] = pos
    kind_of = {codes[pos]: kinds[pos] for pos in rows}
    parent: dict[str, str | None] = {}
    for pos in rows:
        code, up = codes[pos], parents[pos]
        if not up:
            if kinds[pos] == "Indicator":
                raise IndexTableError(f"{_where(source, pos)}：指标“{code}”没有上级（Parent 为空）。")
            parent[code] = None
            continue
        if up not in kind_of:
            raise IndexTableError(f"{_where(source, pos)}：“{code}”的上级“{up}”在{name}中不存在。")
        if kind_of[up] != "Aggregate":
            raise IndexTableError(f"{_where(source, pos)}：“{code}”的上级“{up}”是指标，指标不能有下级。")
        parent[code] = up
    _check_cycles(parent, name)
    children: dict[str, list[str]] = {code: [] for code, kind in kind_of.items() if kind == "Aggregate"}
    for pos in rows:
        if parent[codes[pos]] is not None:
            children[parent[codes[pos]]].append(codes[pos])
    for code, kids in children.items():
        if not kids:
            raise IndexTableError(f"{_where(source, seen[code])}：综合指标“{code}”没有下级指标。")
    tops = [code for code, up in parent.items() if up is None]
    if len(tops) != 1:
        what = "没有顶层综合指数" if not tops else f"有多个顶层综合指数：{'、'.join(tops)}"
        raise IndexTableError(f"{name}{what}；须恰有一个 Parent 为空的综合指标。")
    level = _levels(children, kind_of)
    indicators = tuple(codes[pos] for pos in rows if kinds[pos] == "Indicator")
    if not indicators:
        raise IndexTableError(f"{name}中没有指标（Type 为 Indicator 的行）。")
    order = sorted((code for code in children), key=lambda c: (level[c], seen[c]))
    clean = pd.DataFrame(index=pd.Index(list(indicators) + order, name="iCode"))
    picked = [seen[c] for c in clean.index]
    clean["iName"] = [_text(frame.at[p, "iName"]) if "iName" in frame.columns else "" for p in picked]
    clean["iName"] = [n or c for n, c in zip(clean["iName"], clean.index)]
    clean["Type"] = [kind_of[c] for c in clean.index]
    clean["Level"] = [level[c] for c in clean.index]
    clean["Parent"] = [parent[c] for c in clean.index]
    clean["Denominator"] = [_text(frame.at[p, "Denominator"]) if "Denominator" in frame.columns else ""
                            for p in picked]
    clean["Unit"] = [_text(frame.at[p, "Unit"]) if "Unit" in frame.columns else "" for p in picked]
    defaults = {"Direction": 1.0, "Weight": 1.0, "ScaleFactor": 1.0}
    for column in NUMERIC:
        values = []
        for code, pos in zip(clean.index, picked):
            raw = frame.at[pos, column] if column in frame.columns else None
            try:
                value = number_or_none(raw)
            except ValueError:
                raise IndexTableError(f"{_where(source, pos)}：{column} 列的值“{raw}”不是数字。") from None
            if value is None and column in defaults and column not in frame.columns:
                value = defaults[column]
            values.append(np.nan if value is None else value)
        clean[column] = values
    clean.loc[clean["Type"] == "Aggregate", "Direction"] = 1.0
    clean["ScaleFactor"] = clean["ScaleFactor"].fillna(1.0)
    for code, pos in zip(clean.index, picked):
        row = clean.loc[code]
        if row["Type"] == "Indicator" and row["Direction"] not in (1.0, -1.0):
            shown = "空" if np.isnan(row["Direction"]) else f"{row['Direction']:g}"
            raise IndexTableError(f"{_where(source, pos)}：指标“{code}”的方向（Direction）须为 1 或 -1，而不是“{shown}”。")
        if not row["Weight"] >= 0:
            shown = "空" if np.isnan(row["Weight"]) else f"{row['Weight']:g}"
            raise IndexTableError(f"{_where(source, pos)}：“{code}”的权重（Weight）须为非负数，而不是“{shown}”。")
        if row["ScaleFactor"] == 0:
            raise IndexTableError(f"{_where(source, pos)}：“{code}”的 ScaleFactor 不能为 0。")
    tree = IndexTree(indicators=indicators, aggregates=tuple(order),
                     children={k: tuple(v) for k, v in children.items()}, parent=parent, level=level, top=tops[0])
    return clean, tree


def _check_cycles(parent: Mapping[str, str | None], name: str) -> None:
    for start in parent:
        path = [start]
        node = parent[start]
        while node is not None:
            if node in path:
                loop = path[path.index(node):] + [node]
                raise IndexTableError(f"{name}中的上下级关系存在循环：{' → '.join(loop)}。")
            path.append(node)
            node = parent[node]


def _levels(children: Mapping[str, list[str]], kind_of: Mapping[str, str]) -> dict[str, int]:
    level = {code: 1 for code, kind in kind_of.items() if kind == "Indicator"}

    def level_of(code: str) -> int:
        if code not in level:
            level[code] = 1 + max(level_of(child) for child in children[code])
        return level[code]

    for code in children:
        level_of(code)
    return level


def node_weights(meta: pd.DataFrame, tree: IndexTree, weights: str | Mapping = "meta") -> pd.Series:
    """Each code's weight among its siblings, as a spec's ``weights`` asks.

    Parameters
    ----------
    meta : DataFrame
        Cleaned metadata (:func:`clean_meta`).
    tree : IndexTree
    weights : {"meta", "equal"} or Mapping
        The meta ``Weight`` column, all 1, or a mapping code → weight overriding the meta's.

    Raises
    ------
    IndexTableError
        A mapping naming an unknown code, or a negative weight.
    """
    series = meta["Weight"].reindex(list(tree.codes)).astype(float)
    if isinstance(weights, str):
        return series * 0 + 1.0 if weights == "equal" else series
    for code, value in weights.items():
        if code not in series.index:
            raise IndexTableError(f"权重表中的代码“{code}”不在指标体系中。")
        try:
            weight = float(value)
        except (TypeError, ValueError):
            raise IndexTableError(f"“{code}”的权重“{value}”不是数字。") from None
        if not weight >= 0:
            raise IndexTableError(f"“{code}”的权重须为非负数，而不是“{value}”。")
        series[code] = weight
    return series
