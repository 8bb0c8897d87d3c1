"""The twelve reporting quarters and the many ways departments write a period (DOMAIN.md §5)."""

from __future__ import annotations

from dataclasses import dataclass

CN_QUARTER = {1: "一", 2: "二", 3: "三", 4: "四"}


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.q}"

    @property
    def last_month(self) -> int:
        return 3 * self.q

    @property
    def first_month(self) -> int:
        return 3 * self.q - 2

    @property
    def months(self) -> tuple[int, int, int]:
        return (self.first_month, self.first_month + 1, self.last_month)

    def previous(self) -> "Quarter":
        return Quarter(self.year, self.q - 1) if self.q > 1 else Quarter(self.year - 1, 4)

    # ------------------------------------------------------------ wordings
    def ytd(self) -> str:
        """``2019年1-9月``."""
        return f"{self.year}年1-{self.last_month}月"

    def cumulative(self) -> str:
        """``2019年一季度`` / ``2019年上半年`` / ``2019年前三季度`` / ``2019年``, all year to date."""
        return f"{self.year}年" + ("一季度", "上半年", "前三季度", "")[self.q - 1]

    def quarter_alone(self) -> str:
        """``2019年三季度``: the quarter on its own."""
        return f"{self.year}年{CN_QUARTER[self.q]}季度"

    def until(self) -> str:
        """``截至2019年9月底``, and ``2019年末`` at year end."""
        return f"{self.year}年末" if self.q == 4 else f"截至{self.year}年{self.last_month}月底"

    def month_end(self) -> str:
        """``2019年9月末``, and ``2019年末`` at year end."""
        return f"{self.year}年末" if self.q == 4 else f"{self.year}年{self.last_month}月末"

    def month(self) -> str:
        """``2019年9月``."""
        return f"{self.year}年{self.last_month}月"

    def compact(self) -> str:
        """``201909``."""
        return f"{self.year}{self.last_month:02d}"

    def filing_date(self) -> str:
        """The day a department signs the table: the 12th of the month after the quarter."""
        year, month = (self.year + 1, 1) if self.q == 4 else (self.year, self.last_month + 1)
        return f"{year}年{month}月12日"


def dotted(year: int, month: int) -> str:
    """``2019.9``."""
    return f"{year}.{month}"


def period_info(text: str, qt: Quarter, first: int, last: int, basis: str) -> dict:
    """A file's period as the manifest lists it."""
    return {
        "text": text,
        "year": qt.year,
        "quarter": qt.q,
        "first_month": first,
        "last_month": last,
        "basis": basis,
    }


QUARTERS = tuple(Quarter(y, q) for y in (2018, 2019, 2020) for q in (1, 2, 3, 4))
