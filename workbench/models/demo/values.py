"""The synthetic truth: plausible monthly figures per indicator and region, 2017-2020.

Amounts are generated month by month as integer "ticks" (1 家, 0.01 万平方米, 0.1 万元),
so a county sum equals the city total exactly and every figure a layout writes can be
compared with the truth without rounding doubt. Rates are generated per quarter end
(or derived from the amounts) and rounded to one decimal, half up, as departments do.

Every random draw comes from ``random.Random`` seeded with a string naming the series
(``"20180803:new_sme:330402"``), so a series does not depend on the order in which
other series are generated, on dict ordering or on the environment.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from workbench.models.demo.regions import CITY, COUNTIES, ZONES

SEED = 20180803  # the day the plan was issued
YEARS = (2017, 2018, 2019, 2020)
# Rough economic weight of each region (share of new enterprises); zones are small.
WEIGHTS = {
    "330402": 0.150, "330411": 0.118, "330421": 0.128, "330424": 0.078, "330481": 0.172,
    "330482": 0.130, "330483": 0.174, "jx_etdz": 0.035, "jx_port": 0.015,
}  # fmt: skip
# Month profile: the Spring Festival dents February, December closes the year strong.
SEASON = (0.9, 0.55, 1.05, 1.0, 1.0, 1.05, 0.95, 0.95, 1.0, 1.0, 1.05, 1.2)
# The 2020 epidemic: February and March collapse, April nearly recovers.
COVID_2020 = {2: 0.25, 3: 0.65, 4: 0.92}
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Flow:
    """A monthly flow: city totals per year 2017-2020 in the indicator's unit."""

    annual: tuple[float, float, float, float]
    zones: bool = False
    scale: int = 1  # ticks per unit
    season: tuple[float, ...] = SEASON
    noise: float = 0.08  # relative month-to-month noise of large flows
    floor: int = 0  # minimum ticks per region and month (keeps growth rates defined)
    covid: bool = True


def _only(*months: int) -> tuple[float, ...]:
    """A month profile with everything in ``months`` (e.g. an award announced in June)."""
    return tuple(1.0 if m in months else 0.0 for m in range(1, 13))


FLOWS = {
    # 市场监管局
    "new_sme": Flow((15200, 16700, 18350, 19900), zones=True, floor=1),
    "new_sme_8ind": Flow((4350, 5000, 5800, 6600), zones=True, floor=1),
    "indiv_to_enterprise": Flow((960, 1040, 1090, 980), zones=True, floor=1),
    "contract_credit": Flow((3, 4, 3, 5), zones=True, season=_only(6), covid=False),
    # 经信委
    "obsolete_capacity_exit": Flow((260, 230, 210, 190), zones=True),
    "low_scattered_rectified": Flow((4200, 3900, 3500, 2900), zones=True),
    "upscale_industry": Flow((300, 360, 330, 310), zones=True, season=(5,) + (0.5,) * 11, covid=False),
    "new_parks": Flow((15, 22, 21, 20), zones=True),
    "standard_factory_area": Flow((95, 110, 118, 102), zones=True, scale=100),
    "cluster_upgrade": Flow((150, 180, 175, 170), zones=True),
    # 发改委
    "upscale_service": Flow((90, 105, 110, 95), season=_only(3, 6, 9, 12), covid=False),
    # 商务局
    "uplimit_trade": Flow((120, 140, 150, 130), zones=True),
    "new_trade_registrants": Flow((310, 350, 380, 340), zones=True),
    "new_exporters": Flow((160, 180, 185, 170), zones=True),
    # 金融办
    "new_joint_stock": Flow((60, 75, 70, 62)),
    "neeq_listed": Flow((25, 12, 9, 7)),
    "zjex_listed": Flow((40, 55, 52, 48)),
    # 科技局 (open_* also reported by 质监局)
    "new_tech_sme": Flow((290, 330, 365, 400), floor=1),
    "innovation_complex": Flow((0, 0, 0, 0)),  # see EVENTS
    "open_instruments": Flow((1500, 1700, 1800, 1650)),
    "open_lab_services": Flow((4600, 5100, 5400, 5200)),
    # 嘉兴银监分局
    "community_branches": Flow((3, 4, 3, 4), covid=False),
    # 人行嘉兴市中心支行: ticks of 0.1 万元 (1 亿元 = 100 000 ticks)
    "new_sme_loans": Flow(
        (95, 105, 118, 135),
        scale=100_000,
        season=(1.6, 0.6, 1.3, 1.0, 0.9, 1.2, 0.8, 0.8, 1.1, 0.9, 0.8, 0.9),
        noise=0.12,
        covid=False,
        floor=1,
    ),
}
# Flows too rare to draw at random: (year, month, region, count).
EVENTS = {
    "innovation_complex": (
        (2018, 12, "330481", 1), (2019, 9, "330483", 1), (2019, 12, "330402", 1),
        (2020, 9, "330421", 1), (2020, 12, "330482", 1),
    ),
}  # fmt: skip
# Growth indicators and the amount each one is the year-on-year growth of.
GROWTH_OF = {
    "new_sme_growth": "new_sme",
    "new_sme_8ind_growth": "new_sme_8ind",
    "new_tech_sme_growth": "new_tech_sme",
}
# Shares derived from two amounts: (part, whole).
SHARE_OF = {
    "indiv_to_company_share": ("indiv_to_company", "indiv_to_enterprise"),
    "sme_loan_increment_share": ("new_sme_loans", "all_loans"),
}
# Generated rates: (city level in 2018, spread between counties, change per year, noise, cap).
RATES = {
    "tech_rd_share": (2.8, 0.35, 0.12, 0.06, None),
    "tech_staff_share": (11.6, 1.6, 0.3, 0.2, None),
    "tax_relief_coverage": (98.7, 0.55, 0.45, 0.12, 100.0),
}
# Year-to-date growth of below-scale value added in the city; counties scatter around it.
VA_GROWTH_CITY = {
    (2018, 3): 7.4, (2018, 6): 7.6, (2018, 9): 7.3, (2018, 12): 7.0,
    (2019, 3): 6.3, (2019, 6): 6.6, (2019, 9): 6.4, (2019, 12): 6.5,
    (2020, 3): -13.2, (2020, 6): -4.6, (2020, 9): -0.8, (2020, 12): 2.1,
}  # fmt: skip
PARKS_2017 = 42  # parks (小微企业园) standing at the end of 2017
LOAN_BALANCE_2016 = 1620  # 亿元 of small and micro enterprise loans at the end of 2016


def tenth(x) -> Decimal:
    """Round to one decimal, half up (``Decimal`` in, or a float through its repr)."""
    d = x if isinstance(x, Decimal) else Decimal(repr(float(x)))
    return d.quantize(TENTH, rounding=ROUND_HALF_UP)


def _rng(*key) -> random.Random:
    return random.Random(":".join(str(k) for k in (SEED, *key)))


def _poisson(rng: random.Random, mu: float) -> int:
    if mu <= 0:
        return 0
    if mu > 40:
        return max(0, round(rng.gauss(mu, math.sqrt(mu))))
    limit, k, p = math.exp(-mu), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split an integer total by weights, largest remainder first (ties by position)."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _weighted(values: dict[str, float]) -> float:
    """The city's rate: the counties' rates weighted by economic size."""
    return sum(WEIGHTS[r] * v for r, v in values.items()) / sum(WEIGHTS[r] for r in values)


def _index(year: int, month: int) -> int:
    return (year - YEARS[0]) * 12 + month - 1


class Truth:
    """Monthly flows, stocks and rates per region; the city is the sum of its units."""

    def __init__(self) -> None:
        self.ticks: dict[tuple[str, str], list[int]] = {}
        for code, flow in FLOWS.items():
            self._flow(code, flow)
        self._derived_flows()
        self.rates: dict[tuple[str, str, int, int], Decimal] = {}
        for code in RATES:
            self._rate(code)
        self._va_growth()
        parks = allocate(PARKS_2017, self._shares("new_parks"))
        self.parks_2017 = dict(zip(self.units("new_parks"), parks))
        loans = allocate(LOAN_BALANCE_2016 * FLOWS["new_sme_loans"].scale, self._shares("new_sme_loans"))
        self.loans_2016 = dict(zip(self.units("new_sme_loans"), loans))

    # ------------------------------------------------------------ generation
    def units(self, code: str) -> tuple[str, ...]:
        """The regions a series is reported for (the city excluded)."""
        code = {"indiv_to_company": "indiv_to_enterprise", "all_loans": "new_sme_loans"}.get(code, code)
        return COUNTIES + ZONES if code in FLOWS and FLOWS[code].zones else COUNTIES

    def _shares(self, code: str) -> list[float]:
        rng = _rng(code, "shares")
        return [WEIGHTS[r] * math.exp(rng.gauss(0, 0.18)) for r in self.units(code)]

    def _flow(self, code: str, flow: Flow) -> None:
        shares = self._shares(code)
        total_share = sum(shares)
        for region, share in zip(self.units(code), shares):
            rng = _rng(code, region)
            series = []
            for y, annual in zip(YEARS, flow.annual):
                for m in range(1, 13):
                    mu = annual * flow.scale * share / total_share
                    mu *= flow.season[m - 1] / sum(flow.season)
                    if y == 2020 and flow.covid:
                        mu *= COVID_2020.get(m, 1.0)
                    if mu > 40 * flow.scale or flow.scale > 1:
                        value = round(mu * math.exp(rng.gauss(0, flow.noise)))
                    else:
                        value = _poisson(rng, mu * math.exp(rng.gauss(0, flow.noise)))
                    series.append(max(flow.floor, value))
            self.ticks[(code, region)] = series
        for year, month, region, count in EVENTS.get(code, ()):
            self.ticks[(code, region)][_index(year, month)] += count

    def _derived_flows(self) -> None:
        """Company-form conversions (subset of 个转企) and all new loans (小微 is 22-36 % of them)."""
        for region in self.units("indiv_to_enterprise"):
            rng = _rng("indiv_to_company", region)
            p = 0.935 + rng.uniform(-0.02, 0.03)
            self.ticks[("indiv_to_company", region)] = [
                sum(rng.random() < min(0.995, p + 0.006 * (i // 12)) for _ in range(n))
                for i, n in enumerate(self.ticks[("indiv_to_enterprise", region)])
            ]
        for region in self.units("new_sme_loans"):
            rng = _rng("all_loans", region)
            self.ticks[("all_loans", region)] = [
                round(n / rng.uniform(0.22, 0.36)) for n in self.ticks[("new_sme_loans", region)]
            ]

    def _rate(self, code: str) -> None:
        level, spread, trend, noise, cap = RATES[code]
        rng = _rng(code, "rates")
        effects = {r: rng.gauss(0, spread) for r in COUNTIES}
        for y in YEARS[1:]:
            year_shift = rng.gauss(0, noise)
            values = {}
            for r in COUNTIES:
                for m in (3, 6, 9, 12):
                    x = level + effects[r] + trend * (y - 2018) + year_shift + rng.gauss(0, noise)
                    values[(r, m)] = min(cap, x) if cap else x
                    self.rates[(code, r, y, m)] = tenth(values[(r, m)])
            for m in (3, 6, 9, 12):
                self.rates[(code, CITY, y, m)] = tenth(_weighted({r: values[(r, m)] for r in COUNTIES}))

    def _va_growth(self) -> None:
        rng = _rng("below_scale_va_growth")
        effects = {r: rng.gauss(0, 1.1) for r in COUNTIES}
        for (y, m), city in sorted(VA_GROWTH_CITY.items()):
            values = {r: city + effects[r] + rng.gauss(0, 0.5) for r in COUNTIES}
            for r in COUNTIES:
                self.rates[("below_scale_va_growth", r, y, m)] = tenth(values[r])
            self.rates[("below_scale_va_growth", CITY, y, m)] = tenth(_weighted(values))

    # ------------------------------------------------------------ queries
    def _sum_ticks(self, code: str, region: str, year: int, first: int, last: int) -> int:
        regions = self.units(code) if region == CITY else (region,)
        lo, hi = _index(year, first), _index(year, last) + 1
        return sum(sum(self.ticks[(code, r)][lo:hi]) for r in regions)

    def scale(self, code: str) -> int:
        return {"indiv_to_company": 1, "all_loans": 10}.get(code) or FLOWS[code].scale

    def amount(self, code: str, region: str, year: int, first: int, last: int) -> Decimal:
        """The flow from month ``first`` to ``last`` of ``year``, in the indicator's unit."""
        return Decimal(self._sum_ticks(code, region, year, first, last)) / self.scale(code)

    def ytd(self, code: str, region: str, year: int, month: int) -> Decimal:
        return self.amount(code, region, year, 1, month)

    def stock(self, code: str, region: str, year: int, month: int) -> Decimal:
        """A level at the end of ``month``: ``parks_total`` (个) or ``sme_loan_balance`` (万元)."""
        flow, base, since = {
            "parks_total": ("new_parks", self.parks_2017, 2018),
            "sme_loan_balance": ("new_sme_loans", self.loans_2016, 2017),
        }[code]
        regions = self.units(flow) if region == CITY else (region,)
        ticks = sum(base[r] for r in regions)
        for y in range(since, year + 1):
            ticks += self._sum_ticks(flow, region, y, 1, month if y == year else 12)
        return Decimal(ticks) / (10 if code == "sme_loan_balance" else 1)

    def rate(self, code: str, region: str, year: int, month: int) -> Decimal:
        """A rate or share (%), one decimal: generated, or derived from the amounts."""
        if code in GROWTH_OF:
            now = self.ytd(GROWTH_OF[code], region, year, month)
            return tenth((now / self.ytd(GROWTH_OF[code], region, year - 1, month) - 1) * 100)
        if code in SHARE_OF:
            part, whole = (self._sum_ticks(c, region, year, 1, month) for c in SHARE_OF[code])
            return tenth(Decimal(part) / Decimal(whole) * 100)
        if code == "sme_loan_balance_growth":
            now = self.stock("sme_loan_balance", region, year, month)
            return tenth((now / self.stock("sme_loan_balance", region, year - 1, month) - 1) * 100)
        return self.rates[(code, region, year, month)]
