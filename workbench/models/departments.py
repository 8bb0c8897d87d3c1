"""The departments that send workbooks, and which one sent a given workbook.

Departments write their own names in many ways: 嘉兴市市场监督管理局(盖章), 市场监管局,
经信委 or (after 2019) 经信局, 中国人民银行嘉兴市中心支行, 嘉兴银监分局 … Every form folds
to one short canonical name (the one the bureau uses in its notifications), so the
templates of a department and the supersession of its workbooks do not depend on how a
file happened to spell it.

:func:`detect_department` looks in the places a workbook names its sender, most
reliable first: the 填报单位 line, the form block (制定机关), the file name, the table
titles, the sheet names and finally the footnotes (说明：数据来源于…).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# canonical name → spellings, from DOMAIN.md §1 and the plan's lead departments
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "市场监管局": ("市场监督管理局", "市场监管局", "工商行政管理局", "工商局"),
    "统计局": ("统计局",),
    "经信委": ("经济和信息化委员会", "经济和信息化局", "经济和信息化委", "经信委", "经信局"),
    "发改委": ("发展和改革委员会", "发展和改革局", "发展改革委", "发展改革局", "发改委", "发改局"),
    "商务局": ("商务局",),
    "金融办": ("人民政府金融工作办公室", "金融工作办公室", "地方金融监督管理局", "地方金融监管局", "金融办"),
    "科技局": ("科学技术局", "科技局"),
    "质监局": ("质量技术监督局", "质量监督局", "质监局"),
    "嘉兴银监分局": ("银行业监督管理委员会嘉兴监管分局", "银保监会嘉兴监管分局", "银保监分局", "银监分局",
                "嘉兴银监", "银保监"),
    "人行嘉兴市中心支行": ("人民银行嘉兴市中心支行", "人行嘉兴市中心支行", "人行嘉兴中心支行", "人民银行嘉兴",
                    "人民银行", "人行"),
    "税务局": ("税务局",),
    "财政局": ("财政局",),
}
_LEAD_NOISE = re.compile(r"等.*$|牵头$|[(（].*?[)）]")
_CITY_PREFIX = re.compile(r"^(?:浙江省)?(?:嘉兴市|嘉兴|市)")


@dataclass(frozen=True)
class DepartmentMatch:
    """Which department sent a workbook, and where that was read (``source``, Chinese)."""

    name: str
    source: str
    text: str


def _fold(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


class DepartmentIndex:
    """Finds department names in free text.

    Parameters
    ----------
    extra : iterable of str, optional
        More department names, e.g. the plan's lead departments ("市财政局",
        "市发展改革委等相关主管部门"); each folds to a known department or becomes one.
    """

    def __init__(self, extra: Iterable[str] = ()):
        self.spellings: dict[str, str] = {}
        self._compiled: tuple[int, re.Pattern] | None = None
        for canonical, forms in DEPARTMENTS.items():
            for form in (canonical, *forms):
                self.spellings[form] = canonical
        for name in extra:
            self.add(name)

    def add(self, name: str) -> str | None:
        """Register a department name as written (e.g. a plan's lead) and return its canonical name."""
        text = _LEAD_NOISE.sub("", _fold(name))
        known = self.find(text)
        if known:
            return known[0]
        bare = _CITY_PREFIX.sub("", text)
        if len(bare) < 2:
            return None
        self.spellings[bare] = bare
        return bare

    @property
    def _pattern(self) -> re.Pattern:
        if self._compiled is None or self._compiled[0] != len(self.spellings):
            forms = sorted(self.spellings, key=len, reverse=True)  # the longest spelling wins
            self._compiled = (len(self.spellings), re.compile("|".join(map(re.escape, forms))))
        return self._compiled[1]

    def find(self, text: object) -> list[str]:
        """Canonical names of the departments a text mentions, in order of appearance."""
        found: list[str] = []
        for match in self._pattern.finditer(_fold(text)):
            name = self.spellings[match.group(0)]
            if name not in found:
                found.append(name)
        return found

    def canonical(self, name: object) -> str | None:
        """The canonical name of one department name, or None when it names none."""
        found = self.find(name)
        return found[0] if found else None


def plan_departments(plan) -> DepartmentIndex:
    """A :class:`DepartmentIndex` knowing the plan's lead departments besides DOMAIN.md's list."""
    return DepartmentIndex(lead for ind in plan.indicators for lead in ind.lead)


def canonical_department(name: object, plan=None) -> str | None:
    """The canonical name of a department as written ("嘉兴市市场监督管理局" → "市场监管局")."""
    index = plan_departments(plan) if plan is not None else DepartmentIndex()
    return index.canonical(name)


def detect_department(path: str | Path, tables: Iterable = (), sheet_names: Iterable[str] = (),
                      index: DepartmentIndex | None = None) -> DepartmentMatch | None:
    """Which department sent a workbook.

    Parameters
    ----------
    path : str or Path
        The file; its name (without extension) is one of the places looked at.
    tables : iterable of Table
        The tables found in it (their 填报单位 line, form block, title and footnotes).
    sheet_names : iterable of str
    index : DepartmentIndex, optional
        Defaults to the departments of DOMAIN.md §1.

    Returns
    -------
    DepartmentMatch or None
        The first place, in order of reliability, that names exactly one department
        (or several, of which the first is taken); None when no place names any.
    """
    index = index or DepartmentIndex()
    tables = list(tables)
    places = [
        ("填报单位", [t.filer for t in tables]),
        ("表头（制定机关）", [v for t in tables for v in t.form.values()]),
        ("文件名", [Path(path).stem]),
        ("标题", [t.title for t in tables]),
        ("工作表名", list(sheet_names)),
        ("表注", [f for t in tables for f in t.footnotes]),
    ]
    for source, texts in places:
        for text in texts:
            if not text:
                continue
            found = index.find(text)
            if found:
                return DepartmentMatch(found[0], source, str(text))
    return None
