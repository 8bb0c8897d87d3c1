"""Reporting periods as departments write them, and time-elapsed progress (序时进度).

``parse_period`` turns one period expression ("2019年1-9月", "2019年前三季度",
"截至2019年9月底", "2019.9", "201909" …) into a :class:`Period`; ``find_period``
finds one inside a longer text such as a table title. The basis says how a figure
of that period is meant: ``ytd`` (year to date), ``period`` (the period alone) or
``stock`` (the level at its end). A column header may overrule it later.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workbench.models.errors import WorkbenchError

BASES = {"ytd": "本年累计", "period": "当期", "stock": "期末数"}
# Every basis a stored figure can carry, as the interface names it.
BASIS_NAMES = {**BASES, "rate": "比率", "growth": "同比增长", "last_year": "上年同期"}

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
_CN_NUM = "十一|十二|一|二|两|三|四|五|六|七|八|九|十"
_NUM = rf"(?:\d{{1,2}}|{_CN_NUM})"
_DASH = r"\s*(?:-|—|–|~|～|至|到|－)\s*"


class PeriodError(WorkbenchError, ValueError):
    """A text that names no period; the message quotes it."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    first_month: int
    last_month: int
    basis: str = "ytd"

    def __post_init__(self):
        if not (1 <= self.first_month <= self.last_month <= 12):
            raise PeriodError(f"月份范围无效：{self.first_month}-{self.last_month}月")
        if self.basis not in BASES:
            raise PeriodError(f"未知的口径：{self.basis}")

    @property
    def key(self) -> str:
        """A stable text key, e.g. ``2019-01..09``."""
        return f"{self.year}-{self.first_month:02d}..{self.last_month:02d}"

    @property
    def end(self) -> tuple[int, int]:
        return self.year, self.last_month

    @property
    def label(self) -> str:
        """The period in the bureau's words, e.g. ``2019年1-9月``."""
        return period_label(self.year, self.first_month, self.last_month, self.basis)

    @classmethod
    def from_key(cls, key: str, basis: str = "ytd") -> Period:
        match = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{2})", key)
        if not match:
            raise PeriodError(f"无法识别的期别代码：{key!r}")
        return cls(int(match[1]), int(match[2]), int(match[3]), basis)


def _absent(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN is the one value unequal to itself
    except TypeError:
        return True  # pandas.NA has no truth value: it is a missing value too


def period_label(year, first_month, last_month, basis: str | None = None) -> str:
    """A figure's period in the bureau's words: ``2019年1-9月``, ``2019年9月末``, ``2019年``.

    Accepts what a table cell holds (None, NaN, numpy integers); an unknown year gives "".
    """
    if _absent(year):
        return ""
    year = int(year)
    if _absent(first_month) or _absent(last_month):
        return f"{year}年"
    first, last = int(first_month), int(last_month)
    if basis == "stock":
        return f"{year}年末" if last == 12 else f"{year}年{last}月末"
    if (first, last) == (1, 12):
        return f"{year}年"
    if first == last:
        return f"{year}年{last}月"
    return f"{year}年{first}-{last}月"


def _month(token: str) -> int:
    value = int(token) if token.isdigit() else _CN_DIGITS[token]
    if not 1 <= value <= 12:
        raise PeriodError(f"月份无效：{token}")
    return value


def _quarter(token: str) -> int:
    value = int(token) if token.isdigit() else _CN_DIGITS[token]
    if not 1 <= value <= 4:
        raise PeriodError(f"季度无效：{token}")
    return value


_Y = r"(?P<y>(?:19|20)\d{2})"
# Order matters: the more specific forms come first.
_PATTERNS: list[tuple[re.Pattern, object]] = []


def _pattern(regex: str):
    def register(func):
        _PATTERNS.append((re.compile(regex), func))
        return func
    return register


@_pattern(rf"(?:截至|截止|至){_Y}年(?P<m>{_NUM})月(?:底|末|份)?")
def _until(m):
    return Period(int(m["y"]), 1, _month(m["m"]), "ytd")


@_pattern(rf"{_Y}年(?:年末|年底|末|底)(?:数)?")
def _year_end(m):
    return Period(int(m["y"]), 12, 12, "stock")


@_pattern(rf"{_Y}年(?P<m>{_NUM})月(?:末|底)")
def _month_end(m):
    month = _month(m["m"])
    return Period(int(m["y"]), month, month, "stock")


@_pattern(rf"{_Y}年(?P<a>{_NUM}){_DASH}(?P<b>{_NUM})月(?:份)?(?:累计)?")
def _month_range(m):
    first, last = _month(m["a"]), _month(m["b"])
    if first > last:
        raise PeriodError(f"起始月份晚于截止月份：{m[0]}")
    return Period(int(m["y"]), first, last, "ytd" if first == 1 else "period")


@_pattern(rf"{_Y}年(?:第)?(?P<a>{_NUM}){_DASH}(?P<b>{_NUM})季度")
def _quarter_range(m):
    first, last = _quarter(m["a"]), _quarter(m["b"])
    if first > last:
        raise PeriodError(f"起始季度晚于截止季度：{m[0]}")
    return Period(int(m["y"]), 3 * first - 2, 3 * last, "ytd" if first == 1 else "period")


@_pattern(rf"{_Y}年前(?P<q>[一二两三四1-4])(?:个)?季度")
def _first_quarters(m):
    return Period(int(m["y"]), 1, 3 * _quarter(m["q"]), "ytd")


@_pattern(rf"{_Y}\s*年?\s*(?:第)?(?P<q>[一二三四1-4])季度")
def _one_quarter(m):
    q = _quarter(m["q"])
    return Period(int(m["y"]), 3 * q - 2, 3 * q, "period")


@_pattern(rf"{_Y}\s*[Qq](?P<q>[1-4])")
def _q_code(m):
    q = int(m["q"])
    return Period(int(m["y"]), 3 * q - 2, 3 * q, "period")


@_pattern(rf"{_Y}年上半年")
def _first_half(m):
    return Period(int(m["y"]), 1, 6, "ytd")


@_pattern(rf"{_Y}年下半年")
def _second_half(m):
    return Period(int(m["y"]), 7, 12, "period")


@_pattern(rf"{_Y}年(?:全年|度)?(?P<m>{_NUM})月(?:份)?")
def _one_month(m):
    month = _month(m["m"])
    return Period(int(m["y"]), month, month, "period")


@_pattern(rf"{_Y}\s*[.．/-]\s*(?P<m>\d{{1,2}})(?!\d)")
def _dotted(m):
    month = _month(m["m"])
    return Period(int(m["y"]), month, month, "period")


@_pattern(rf"(?<!\d){_Y}(?P<m>0[1-9]|1[0-2])(?!\d)")
def _compact(m):
    month = int(m["m"])
    return Period(int(m["y"]), month, month, "period")


# A year right after a dash closes a span ("2018-2020年"), which is no reporting period.
@_pattern(rf"(?<![-—–~～至到－\d]){_Y}\s*年(?:度|全年)?")
def _year(m):
    return Period(int(m["y"]), 1, 12, "ytd")


def _clean(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip()


def parse_period(text: object) -> Period:
    """Parse a text that is one period expression (surrounding space allowed).

    Raises
    ------
    PeriodError
        When the whole text is not a period expression; the message quotes it.
    """
    clean = re.sub(r"\s+", "", _clean(text))
    for regex, build in _PATTERNS:
        match = regex.fullmatch(clean)
        if match:
            try:
                return build(match)
            except PeriodError as exc:
                raise PeriodError(f"无法识别的期别“{text}”：{exc}") from None
    raise PeriodError(f"无法识别的期别：“{text}”")


def find_period(text: object) -> Period | None:
    """The first period expression inside a longer text (e.g. a title), or None."""
    clean = re.sub(r"\s+", "", _clean(text))
    candidates = sorted(
        (match.start(), order, match, build)
        for order, (regex, build) in enumerate(_PATTERNS)
        for match in regex.finditer(clean)
    )
    for _start, _order, match, build in candidates:
        try:
            return build(match)
        except PeriodError:
            continue
    return None


def _month_index(year_month: tuple[int, int] | str) -> int:
    if isinstance(year_month, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", year_month.strip())
        if not match:
            raise PeriodError(f"日期应写作 YYYY-MM：“{year_month}”")
        year_month = (int(match[1]), int(match[2]))
    year, month = year_month
    if not 1 <= month <= 12:
        raise PeriodError(f"月份无效：{year}-{month}")
    return year * 12 + month - 1


def time_progress(start: tuple[int, int] | str, end: tuple[int, int] | str,
                  at: tuple[int, int] | str) -> float:
    """序时进度: months elapsed at the end of ``at`` over the months from ``start`` to ``end``.

    Both ends are inclusive and the result is clipped to [0, 1]: for the plan
    2018-01..2020-12 at 2019-09 it is 21/36; for a year at November, 11/12.
    """
    first, last, now = _month_index(start), _month_index(end), _month_index(at)
    if last < first:
        raise PeriodError("目标期的结束早于开始")
    total = last - first + 1
    elapsed = min(max(now - first + 1, 0), total)
    return elapsed / total
