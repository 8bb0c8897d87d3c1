"""The regions of the demo and the ways departments write their names (DOMAIN.md §4)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache

from workbench.models.resources import resource

CITY = "330400"
COUNTIES = ("330402", "330411", "330421", "330424", "330481", "330482", "330483")
# Functional zones that departments report as rows of their own; 高新区 does not appear.
ZONES = ("jx_etdz", "jx_port")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_name: str
    level: str

    @property
    def spaced(self) -> str:
        """``南 湖 区``: three-character names with spaces inside, as some tables align them."""
        return " ".join(self.name) if len(self.name) == 3 else self.name

    @property
    def prefixed(self) -> str:
        """``嘉兴市南湖区`` for counties, the full name for zones, ``嘉兴市`` for the city."""
        return "嘉兴市" + self.name if self.level == "county" else self.name


@lru_cache(maxsize=1)
def _regions() -> dict[str, Region]:
    text = resource("regions", "jiaxing.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return {r["code"]: Region(r["code"], r["name"], r["short_name"], r["level"]) for r in rows}


def region(code: str) -> Region:
    """The region with this code (GB/T 2260 code, or ``jx_etdz``-style for zones)."""
    return _regions()[code]


def name(code: str) -> str:
    return region(code).name
