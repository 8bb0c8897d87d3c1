"""The city and its county-level units, and a resolver for region labels in workbooks.

The table (``resources/regions/jiaxing.csv``) holds GB/T 2260 codes for the city and
its seven counties and our own ids for functional zones, which have no GB code.
The resolver normalises what departments write (prefixes, inner spaces, full-width
and traditional characters) and never guesses: an unknown label stays unknown.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from workbench.models.resources import read_text

LEVELS = {"city": "市", "county": "县（市、区）", "zone": "功能区"}

# Traditional forms of the characters that occur in the region names and total words.
_TRADITIONAL = str.maketrans(
    {
        "興": "兴", "區": "区", "縣": "县", "鹽": "盐", "寧": "宁", "鄉": "乡",
        "經": "经", "濟": "济", "術": "术", "開": "开", "發": "发", "際": "际",
        "務": "务", "計": "计", "總": "总", "滬": "沪", "灣": "湾",
        "產": "产", "業": "业", "園": "园", "並": "并", "濱": "滨", "門": "门", "鎮": "镇", "準": "准",
    }
)
_PREFIXES = ("浙江省", "浙江", "嘉兴市", "嘉兴")
# Decorations around a label that do not change which region it names.
_DECORATION = re.compile(
    r"^(?:\(?[一二三四五六七八九十]+[)、.]|[\s\d.、．()（）\[\]【】*※])+|[\s*※:：]+$"
)
_SPACES = re.compile(r"\s+")


def normalise_label(text: object) -> str:
    """Fold a region label to the form the resolver compares.

    Full-width forms become half-width (NFKC), traditional characters simplified,
    all white space (including ideographic spaces) removed, leading list numbers
    and trailing colons stripped.
    """
    label = unicodedata.normalize("NFKC", str(text)).translate(_TRADITIONAL)
    label = _SPACES.sub("", label)
    label = label.replace("（", "(").replace("）", ")")
    previous = None
    while previous != label:
        previous = label
        label = _DECORATION.sub("", label)
    return label


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_name: str
    level: str
    parent: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """What a label names: ``code`` is None when the label is unknown."""

    label: str
    normalised: str
    code: str | None
    is_total: bool = False

    @property
    def known(self) -> bool:
        return self.code is not None


@dataclass(frozen=True)
class RegionTable:
    regions: tuple[Region, ...]

    @property
    def city(self) -> Region:
        return next(r for r in self.regions if r.level == "city")

    @property
    def counties(self) -> tuple[Region, ...]:
        return tuple(r for r in self.regions if r.level == "county")

    @property
    def zones(self) -> tuple[Region, ...]:
        return tuple(r for r in self.regions if r.level == "zone")

    def by_code(self, code: str) -> Region:
        for region in self.regions:
            if region.code == code:
                return region
        raise KeyError(f"没有代码为 {code} 的地区")


def load_regions() -> RegionTable:
    """The shipped region table."""
    rows = csv.DictReader(io.StringIO(read_text("regions", "jiaxing.csv")))
    regions = tuple(
        Region(
            code=row["code"],
            name=row["name"],
            short_name=row["short_name"],
            level=row["level"],
            parent=row["parent"],
            aliases=tuple(a for a in row["aliases"].split("|") if a),
        )
        for row in rows
    )
    return RegionTable(regions)


class RegionResolver:
    """Resolve labels to region codes; user-confirmed aliases extend the table.

    Parameters
    ----------
    table : RegionTable
    aliases : dict, optional
        Extra ``label -> code`` pairs, e.g. the aliases a project remembers.
    """

    def __init__(self, table: RegionTable, aliases: dict[str, str] | None = None):
        self.table = table
        self._index: dict[str, str] = {}
        for region in table.regions:
            names = {region.name, region.short_name, *region.aliases}
            for name in names:
                self._index[normalise_label(name)] = region.code
        for alias, code in (aliases or {}).items():
            table.by_code(code)
            self._index[normalise_label(alias)] = code

    def with_aliases(self, aliases: dict[str, str]) -> RegionResolver:
        """A copy that also knows ``aliases`` (``label -> code``); unknown codes are skipped.

        A template's region mapping or a project's remembered aliases extend the
        resolver a caller passed in without losing what it already knew.
        """
        known = {r.code for r in self.table.regions}
        extra = {alias: code for alias, code in aliases.items() if code in known}
        if not extra:
            return self
        copy = RegionResolver.__new__(RegionResolver)
        copy.table = self.table
        copy._index = dict(self._index)
        for alias, code in extra.items():
            copy._index[normalise_label(alias)] = code
        return copy

    def resolve(self, label: object) -> Resolution:
        """Resolve one label; an unknown label comes back with ``code=None``."""
        text = "" if label is None else str(label)
        norm = normalise_label(text)
        code = self._lookup(norm)
        return Resolution(text, norm, code, code == self.table.city.code)

    def _lookup(self, norm: str) -> str | None:
        if not norm:
            return None
        if norm in self._index:
            return self._index[norm]
        for prefix in _PREFIXES:
            if norm.startswith(prefix) and len(norm) > len(prefix):
                rest = norm[len(prefix):]
                if rest in self._index:
                    return self._index[rest]
        return None
