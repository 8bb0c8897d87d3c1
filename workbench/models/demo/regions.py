"""The regions of the demo and the ways departments write their names (DOMAIN.md §4)."""

from __future__ import annotations

from functools import lru_cache

from workbench.models.regions import Region, load_regions

CITY = "330400"
COUNTIES = ("330402", "330411", "330421", "330424", "330481", "330482", "330483")
# Functional zones that departments report as rows of their own; 高新区 does not appear.
ZONES = ("jx_etdz", "jx_port")


@lru_cache(maxsize=1)
def _regions() -> dict[str, Region]:
    return {r.code: r for r in load_regions().regions}


def region(code: str) -> Region:
    """The region with this code (GB/T 2260 code, or ``jx_etdz``-style for zones)."""
    return _regions()[code]


def name(code: str) -> str:
    return region(code).name


def spaced(code: str) -> str:
    """``南 湖 区``: three-character names with spaces inside, as some tables align them."""
    full = region(code).name
    return " ".join(full) if len(full) == 3 else full


def prefixed(code: str) -> str:
    """``嘉兴市南湖区`` for counties, the full name for zones, ``嘉兴市`` for the city."""
    r = region(code)
    return "嘉兴市" + r.name if r.level == "county" else r.name
