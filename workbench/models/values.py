"""One cell value as a number, the way a statistician would read it.

``parse_value`` accepts whatever a reader returns for a cell (numbers, text, ``None``,
:class:`~workbench.models.reading.workbook.CellError`, dates …) and never raises. Its
rules, each chosen so that no figure is invented:

* A missing marker (``—``, ``-``, ``/``, ``…``, ``空``, ``无``, ``不详``, ``NA``, ``×`` …) and
  a blank are *missing*: ``value`` is ``None``, never zero.
* Booleans, dates, Excel error values and other text are missing too, with a ``note``
  saying why, so a reviewer sees the reason beside the cell.
* A percentage stays in percentage units: ``"12.3%"`` is ``12.3`` with ``percent=True``
  and ``unit="%"`` (plan targets such as 2.5% are stored as 2.5 too).
* ``万``/``亿`` written right after the number multiply it (``"1.2万"`` is 12000 with
  ``multiplier=1e4``; ``"3万家"`` is 30000 家), whereas ``万元``, ``亿元``, ``千元`` and
  ``万平方米`` are reporting units and stay units (``"1.2万元"`` is 1.2 万元).
* Bounds (``"<0.1"``, ``"超过100"``) are not figures and are missing; an approximation
  (``"约123"``, ``"123左右"``) keeps its number and says so in the note.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from workbench.models.reading.workbook import CellError
from workbench.models.units import UNITS, normalise_unit

NOTE_TEXT_NUMBER = "文本型数字"
NOTE_NOT_NUMBER = "非数值文本"
NOTE_DATE = "日期不是数值"

_MISSING_WORDS = {
    "", "空", "无", "暂无", "不详", "未详", "未知", "缺", "缺报", "未报", "不适用",
    "na", "n/a", "n.a.", "nan", "null", "none", "x", "×", "*", "#n/a",
}  # fmt: skip
# Dashes, slashes and dots in any run ("—", "——", "--", "/", "…", "...") after NFKC.
_MISSING_MARKS = re.compile(r"[-‐‑‒–—―−─━ー~～_/\\.·…]+")
_EXCEL_ERRORS = re.compile(r"#(?:div/0!|n/a|value!|ref!|name\?|num!|null!|getting_data|spill!|calc!)")
_MULTIPLIERS = (("万亿", Decimal(10) ** 12), ("万", Decimal(10) ** 4), ("亿", Decimal(10) ** 8))
_NUMBER = re.compile(
    r"(?P<sign>[+-])?(?P<body>(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?P<frac>\.\d*)?(?:e[+-]?\d+)?)(?P<tail>.*)",
    re.ASCII | re.IGNORECASE,
)
_MULTIPLIER_WORDS = {factor: word for word, factor in _MULTIPLIERS}
_APPROX_PREFIX = re.compile(r"^(?:大约|约为|约|≈)")
_APPROX_SUFFIX = re.compile(r"(?:左右|上下)$")
_BOUND = re.compile(r"^(?:[<>≤≥≦≧]|不足|不到|超过|超|逾|大于|小于|低于|高于)|(?:以上|以下|以内|多)$")
_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-", "﹣": "-", "‐": "-", "‑": "-"})


@dataclass(frozen=True)
class ParsedValue:
    """A cell read as a number.

    Attributes
    ----------
    value
        The number (already multiplied by ``multiplier``), or ``None`` when missing.
    raw
        The cell as shown: text exactly as stored; a number in a clean form
        (``"1234"``, ``"1234.5"``); ``""`` for a blank.
    missing
        True exactly when ``value`` is ``None``.
    unit
        A unit written with the number (``"家"``, ``"万元"``, ``"%"``), canonical.
    percent
        The text carried a per-cent sign (``value`` stays in per cent).
    multiplier
        1, or 1e4/1e8 when ``万``/``亿`` followed the number.
    note
        Why the cell is missing or how it was read, in Chinese; ``None`` for a plain number.
    """

    value: float | None
    raw: str
    missing: bool
    unit: str | None = None
    percent: bool = False
    multiplier: float = 1.0
    note: str | None = None


def _missing(raw: str, note: str | None = None) -> ParsedValue:
    return ParsedValue(None, raw, True, note=note)


def _number_raw(x: float) -> str:
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def _from_number(raw, shown: str | None = None) -> ParsedValue:
    try:
        x = float(raw)
    except (OverflowError, ValueError, TypeError):
        return _missing(shown or str(raw), "数值超出范围，按缺失处理")
    if math.isnan(x):
        return _missing("")  # how pandas hands over a blank cell
    text = shown or (str(raw) if isinstance(raw, numbers.Integral) else _number_raw(x))
    if not math.isfinite(x):
        return _missing(text, "数值超出范围，按缺失处理")
    return ParsedValue(x, text, False)


def _safe_text(raw: object) -> str:
    try:
        return str(raw)
    except Exception:  # noqa: BLE001 - a broken __str__ must not stop a whole workbook
        return f"<{type(raw).__name__}>"


def parse_value(raw: object) -> ParsedValue:
    """Read one cell as a number; never raises.

    Parameters
    ----------
    raw
        A cell value as a reader returns it: ``int``/``float`` (also numpy scalars and
        ``Decimal``), ``str``, ``None``, ``bool``, a date or datetime, or a
        :class:`~workbench.models.reading.workbook.CellError`.

    Returns
    -------
    ParsedValue
        ``missing`` is True (and ``value`` is ``None``) for blanks, missing markers,
        error values, booleans, dates and text that is no number.

    Examples
    --------
    >>> parse_value("1,234.5").value
    1234.5
    >>> parse_value("12.3%").value, parse_value("12.3%").unit
    (12.3, '%')
    >>> parse_value("1.2万").value, parse_value("1.2万元").unit
    (12000.0, '万元')
    >>> parse_value("—").missing
    True
    """
    try:
        return _parse(raw)
    except Exception:  # noqa: BLE001 - the promise is "never raises"; keep the cell, drop the value
        return _missing(_safe_text(raw), NOTE_NOT_NUMBER)


def _parse(raw: object) -> ParsedValue:
    if raw is None:
        return _missing("")
    kind = type(raw).__name__
    if kind in ("NAType", "NaTType"):  # pandas' blanks, without importing pandas
        return _missing("")
    if isinstance(raw, CellError):
        return _missing(raw.code, f"Excel 错误值 {raw.code}，按缺失处理")
    if isinstance(raw, bool) or (kind in ("bool", "bool_") and type(raw).__module__ == "numpy"):
        return _missing("TRUE" if raw else "FALSE", "逻辑值（TRUE/FALSE）不是数值，按缺失处理")
    if isinstance(raw, (date, time)) or kind == "datetime64":
        shown = raw.isoformat() if isinstance(raw, (date, time)) else _safe_text(raw)
        if isinstance(raw, datetime) and raw.time() == time(0):
            shown = raw.date().isoformat()
        return _missing(shown, NOTE_DATE)
    if isinstance(raw, timedelta) or kind == "timedelta64":
        return _missing(_safe_text(raw), "时间长度不是数值，按缺失处理")
    if isinstance(raw, Decimal):
        return _from_number(raw, _safe_text(raw))
    if isinstance(raw, numbers.Real):
        return _from_number(raw)
    if isinstance(raw, str):
        return _parse_text(raw)
    return _missing(_safe_text(raw), f"{NOTE_NOT_NUMBER}（{kind} 类型）")


def _join(*notes: str | None) -> str | None:
    parts = [n for n in notes if n]
    return "；".join(parts) if parts else None


def _parse_text(raw: str) -> ParsedValue:
    text = unicodedata.normalize("NFKC", raw).translate(_MINUS).strip()
    text = text.lstrip("'")  # Excel's "store as text" prefix
    compact = re.sub(r"(?<=\d)\s+(?=\d)", ",", text)  # "1 234" groups digits like "1,234"
    compact = re.sub(r"\s+", "", compact)
    folded = compact.lower()
    if folded in _MISSING_WORDS or _MISSING_MARKS.fullmatch(compact):
        return _missing(raw, f"缺失标记“{raw.strip()}”，按缺失处理" if text else None)
    if _EXCEL_ERRORS.fullmatch(folded):
        return _missing(raw, f"Excel 错误值 {compact.upper()}，按缺失处理")
    if _BOUND.search(compact) and re.search(r"\d", compact):
        return _missing(raw, f"“{text}”是范围而非确数，按缺失处理")
    approx = None
    if _APPROX_PREFIX.search(compact) or _APPROX_SUFFIX.search(compact):
        approx = "约数（“约”/“左右”），按所写数值计"
        compact = _APPROX_SUFFIX.sub("", _APPROX_PREFIX.sub("", compact))
    negative_brackets = len(compact) > 2 and compact[0] == "(" and compact[-1] == ")"
    if negative_brackets:
        compact = compact[1:-1]
    parsed = _parse_number(compact)
    if isinstance(parsed, str):
        return _missing(raw, parsed)
    number, unit, multiplier, sign_given = parsed
    if negative_brackets:
        if sign_given:
            return _missing(raw, f"{NOTE_NOT_NUMBER}（括号内已有正负号）")
        number = -number
    value = float(number * multiplier)
    if not math.isfinite(value):
        return _missing(raw, "数值超出范围，按缺失处理")
    note = _join(
        NOTE_TEXT_NUMBER,
        "会计格式括号表示负数" if negative_brackets else None,
        f"“{_MULTIPLIER_WORDS[multiplier]}”已乘入数值" if multiplier != 1 else None,
        approx,
    )
    return ParsedValue(
        value, raw, False, unit=unit, percent=unit == "%", multiplier=float(multiplier), note=note
    )


def _split_tail(tail: str) -> tuple[str | None, Decimal] | None:
    """The unit and multiplier written after a number; ``None`` if the tail is no unit."""
    if not tail:
        return None, Decimal(1)
    unit = normalise_unit(tail)
    # 万元/亿元/万平方米 are reporting units; 万家/万人 are a multiplier on a count.
    if unit is not None and (UNITS[unit].factor == 1 or UNITS[unit].dimension in ("money", "area")):
        return unit, Decimal(1)
    for word, factor in sorted(_MULTIPLIERS, key=lambda m: len(m[0])):
        if tail.startswith(word):
            rest = tail[len(word) :]
            rest_unit = normalise_unit(rest) if rest else None
            if not rest or rest_unit is not None:
                return rest_unit, factor
    return None


def _parse_number(compact: str) -> tuple[Decimal, str | None, Decimal, bool] | str:
    """(number, unit, multiplier, sign given) or the reason the text is no number."""
    match = _NUMBER.fullmatch(compact)
    body = match.group("body") if match else ""
    if not match or not re.search(r"\d", body, re.ASCII) or (match.group("int") is None and not match.group("frac")):
        if re.fullmatch(r"[+-]?[\d,]+(?:\.\d+)?\D*", compact, re.ASCII) and "," in compact:
            return "千分位分隔符位置不规范，无法确定数值，按缺失处理"
        return f"{NOTE_NOT_NUMBER}，按缺失处理"
    tail = match.group("tail")
    if tail[:1] == "," or re.match(r"\d", tail):
        return "千分位分隔符位置不规范，无法确定数值，按缺失处理"
    split = _split_tail(tail)
    if split is None:
        return f"{NOTE_NOT_NUMBER}，按缺失处理"
    try:
        number = Decimal(body.replace(",", ""))
    except InvalidOperation:
        return f"{NOTE_NOT_NUMBER}，按缺失处理"
    if match.group("sign") == "-":
        number = -number
    unit, multiplier = split
    return number, unit, multiplier, match.group("sign") is not None
