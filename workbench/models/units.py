"""Units of measure as departments write them, and conversion between them.

Every unit has a canonical spelling (``万元``, ``万平方米``, ``%`` …) and belongs to a
dimension; only units of one dimension convert into each other. Two rules keep the
conversion honest:

* ``%`` and ``个百分点`` have the same magnitude but different meanings (a ratio versus
  the difference of two ratios), so they never convert into each other.
* The enterprise counts ``家``, ``户`` and ``个`` count the same things only when the
  caller knows the column counts enterprises (a 户 of 个体工商户 is not a 家 of
  companies); they are interchangeable only with ``count_synonyms=True``.

A bare ``万`` or ``亿`` is a multiplier, not a unit: ``normalise_unit("亿")`` is ``None``
unless the caller says the text is about money (``money=True`` gives ``亿元``), because
the same character also scales counts (``万户``) and people (``万人``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


class UnitError(ValueError):
    """Two units that cannot be converted, or a text that names no known unit."""


@dataclass(frozen=True)
class Unit:
    """A canonical unit: its dimension, its size in the dimension's base unit."""

    name: str
    dimension: str
    factor: float
    base: str


DIMENSIONS = {
    "money": "金额",
    "area": "面积",
    "counts": "个数（家、户、个）",
    "persons": "人数",
    "person_times": "人次",
    "machine_times": "台次",
    "batches": "批次",
    "items": "项数",
    "pieces": "件数",
    "times": "次数",
    "ratio": "比率",
    "points": "百分点",
}

UNITS: dict[str, Unit] = {
    u.name: u
    for u in (
        Unit("元", "money", 1, "元"),
        Unit("千元", "money", 1e3, "元"),
        Unit("万元", "money", 1e4, "元"),
        Unit("百万元", "money", 1e6, "元"),
        Unit("亿元", "money", 1e8, "元"),
        Unit("平方米", "area", 1, "平方米"),
        Unit("万平方米", "area", 1e4, "平方米"),
        # Each enterprise count keeps its own base so 家 ↔ 户 needs the caller's consent.
        Unit("家", "counts", 1, "家"),
        Unit("万家", "counts", 1e4, "家"),
        Unit("户", "counts", 1, "户"),
        Unit("万户", "counts", 1e4, "户"),
        Unit("个", "counts", 1, "个"),
        Unit("人", "persons", 1, "人"),
        Unit("万人", "persons", 1e4, "人"),
        Unit("人次", "person_times", 1, "人次"),
        Unit("台次", "machine_times", 1, "台次"),
        Unit("批次", "batches", 1, "批次"),
        Unit("项", "items", 1, "项"),
        Unit("件", "pieces", 1, "件"),
        Unit("次", "times", 1, "次"),
        Unit("%", "ratio", 1, "%"),
        Unit("‰", "ratio", 0.1, "%"),
        Unit("个百分点", "points", 1, "个百分点"),
    )
}

# Spellings seen in workbooks (after NFKC, without spaces, lower case) → canonical name.
_ALIASES = {
    "人民币元": "元", "元人民币": "元", "rmb": "元", "人民币": "元",
    "万元人民币": "万元", "人民币万元": "万元", "亿元人民币": "亿元", "人民币亿元": "亿元",
    "平米": "平方米", "m2": "平方米", "m²": "平方米", "平方": "平方米",
    "万平米": "万平方米", "万m2": "万平方米", "万m²": "万平方米", "万平方": "万平方米",
    "户数": "户", "家数": "家", "个数": "个",
    "名": "人", "人数": "人",
    "台/次": "台次", "台.次": "台次", "批": "批次",
    "百分比": "%", "百分数": "%", "百分率": "%", "%%": "%",
    "百分点": "个百分点", "pp": "个百分点", "个点": "个百分点",
}  # fmt: skip
# What a bare multiplier means once the caller knows the figure is money.
_MONEY_MULTIPLIERS = {"万": "万元", "亿": "亿元", "千": "千元", "百万": "百万元"}
_BRACKETS = "()（）[]【】〔〕<>《》「」"
_LABEL = re.compile(r"^(?:计量|金额|货币|数量)?单位(?:为|是)?[:：]?")
# "单位：…" but not "填报单位：…" and friends, which name an office, not a unit.
_UNIT_LINE = re.compile(
    r"(?<!填报)(?<!报送)(?<!制表)(?<!填表)(?<!责任)(?<!牵头)(?<!主管)(?<!审核)(?<!汇总)(?<!报告)"
    r"((?:计量|金额|货币|数量)?单位)\s*(?:[:：]|为|是)\s*(.*)"
)
_SPLIT = re.compile(r"[、,，;；/|]|和|及|与|\s+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).lower()


def normalise_unit(text: object, *, money: bool = False) -> str | None:
    """The canonical spelling of a unit, or ``None`` when the text names no known unit.

    Parameters
    ----------
    text
        What the workbook says, e.g. ``"万 元"``, ``"（家）"``, ``"％"``, ``"单位：亿元"``.
    money
        The text is known to be about money (a 金额 column or ``金额单位``); only then
        does a bare ``万``/``亿`` mean ``万元``/``亿元``.

    Returns
    -------
    str or None
        A key of :data:`UNITS`, e.g. ``"万元"``.
    """
    if not isinstance(text, str):
        return None
    folded = _fold(text)
    for _ in range(3):  # "（单位：万元）" has a bracket outside the label
        folded = _LABEL.sub("", folded.strip(_BRACKETS + ":：")).strip(_BRACKETS + ":：")
    if folded in UNITS:
        return folded
    if folded in _ALIASES:
        return _ALIASES[folded]
    if money and folded in _MONEY_MULTIPLIERS:
        return _MONEY_MULTIPLIERS[folded]
    return None


def dimension(unit: str | None) -> str | None:
    """The dimension of a unit (``"money"``, ``"area"``, ``"ratio"`` …), ``None`` if unknown."""
    canonical = normalise_unit(unit) if unit else None
    return UNITS[canonical].dimension if canonical else None


def _explain(a: str, b: str, count_synonyms: bool) -> str | None:
    """Why ``a`` cannot be converted to ``b``, or ``None`` when it can."""
    ua, ub = UNITS[a], UNITS[b]
    if {ua.dimension, ub.dimension} == {"ratio", "points"}:
        return (
            f"“{a}”与“{b}”不能换算：“%”是比率，“个百分点”是两个比率之差，"
            "数值相同但含义不同"
        )
    if ua.dimension != ub.dimension:
        return (
            f"计量单位“{a}”（{DIMENSIONS[ua.dimension]}）与"
            f"“{b}”（{DIMENSIONS[ub.dimension]}）不能换算"
        )
    if ua.base != ub.base and not count_synonyms:
        return (
            f"“{a}”与“{b}”都是计数单位，只有确认都指企业户数时才可互换"
            "（count_synonyms=True）"
        )
    return None


def _canonical(unit: object) -> str:
    canonical = normalise_unit(unit)
    if canonical is None:
        raise UnitError(f"无法识别的计量单位“{unit}”")
    return canonical


def compatible(from_unit: object, to_unit: object, *, count_synonyms: bool = False) -> bool:
    """Whether a value in ``from_unit`` converts to ``to_unit``.

    Parameters
    ----------
    from_unit, to_unit
        Unit texts; unknown units are never compatible.
    count_synonyms
        Treat ``家``, ``户`` and ``个`` (and their 万 multiples) as the same count.
    """
    a, b = normalise_unit(from_unit), normalise_unit(to_unit)
    if a is None or b is None:
        return False
    return _explain(a, b, count_synonyms) is None


def convert(value: float, from_unit: object, to_unit: object, *, count_synonyms: bool = False) -> float:
    """Convert ``value`` from one unit to another of the same dimension.

    Parameters
    ----------
    value
        The number in ``from_unit``.
    from_unit, to_unit
        Unit texts, normalised with :func:`normalise_unit`.
    count_synonyms
        See :func:`compatible`.

    Returns
    -------
    float
        The value in ``to_unit``; ``convert(12345, "万元", "亿元") == 1.2345``.

    Raises
    ------
    UnitError
        When a unit is unknown or the two cannot be converted (the message says why).
    """
    a, b = _canonical(from_unit), _canonical(to_unit)
    reason = _explain(a, b, count_synonyms)
    if reason:
        raise UnitError(reason)
    fa, fb = UNITS[a].factor, UNITS[b].factor
    # Multiply or divide by an exact power of ten, never by its inexact reciprocal.
    return float(value) * (fa / fb) if fa >= fb else float(value) / (fb / fa)


def parse_unit_line(text: object) -> list[str]:
    """The units a unit line declares, canonical and in order.

    Parameters
    ----------
    text
        A cell such as ``"单位：万元"``, ``"单位：家、%"``, ``"计量单位:亿元"``,
        ``"（单位：万平方米）"`` or ``"填报单位：市统计局    金额单位：万元"``.
        ``填报单位`` and similar office labels are not unit lines.

    Returns
    -------
    list of str
        Empty when the text declares no known unit. Under ``金额单位`` a bare
        ``万``/``亿`` is read as ``万元``/``亿元``.
    """
    if not isinstance(text, str):
        return []
    folded = unicodedata.normalize("NFKC", text)
    found: list[str] = []
    for match in _UNIT_LINE.finditer(folded):
        money = match.group(1).startswith(("金额", "货币"))
        tokens = [t.strip(_BRACKETS + ".。") for t in _SPLIT.split(match.group(2))]
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token:
                i += 1
                continue
            unit = normalise_unit(token, money=money)
            if unit is None and i + 1 < len(tokens):
                unit = normalise_unit(token + tokens[i + 1], money=money)  # "万 元"
                i += unit is not None
            if unit is None:
                break  # the rest of the cell is something else (表号, a date …)
            if unit not in found:
                found.append(unit)
            i += 1
    return found
