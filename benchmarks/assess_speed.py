"""Speed of the assessment (issue 5): the engine and the scoring against a naive baseline.

Synthetic figures for every indicator of the plan (year to date, stock or rate by kind, a
yes/no figure for the qualitative aims) for 12 quarters (2018Q1-2020Q4) and targets for every
unit, in two sizes:

* **city**: the city and its 7 counties; target: all 12 quarterly assessments under 1 s;
* **province**: 90 units (a province's counties); target: all 12 under 3 s.

For each size, best of ``--repeat`` interleaved runs, it times ``assess`` + ``score`` at the
last quarter and at all 12 quarters (each from the DataFrame, and with the figures indexed
once by ``index_observations`` as a history view would), and, as the baseline in the same run, a naive per-row
loop that filters the DataFrame for each indicator and unit and computes the same actual
values and completions (checked to agree). Prints seconds, the ratio against the target
and the speed-up over the baseline.

    python benchmarks/assess_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import random
import time

import pandas as pd

from workbench.models.assessment import assess, index_observations
from workbench.models.assessment.scoring import default_scheme_path, load_scheme, score
from workbench.models.plan import load_plan
from workbench.models.regions import Region, RegionTable, load_regions

QUARTERS = [(y, 3 * q) for y in (2018, 2019, 2020) for q in range(1, 5)]


def province(units: int) -> RegionTable:
    """A made-up province: one city code and ``units`` county-level units."""
    regions = [Region("330400", "全省", "全省", "city", "")]
    regions += [Region(f"33{i:04d}", f"县{i}", f"县{i}", "county", "330400") for i in range(1, units + 1)]
    return RegionTable(tuple(regions))


def synthetic(plan, table: RegionTable) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observations for 12 quarters and targets for every assessed indicator and unit."""
    rng = random.Random(2018)
    units = [table.city.code, *(r.code for r in table.counties)]
    obs, goals = [], []
    for ind in plan.indicators:
        if not ind.assessed:
            continue
        for unit in units:
            size = len(units) if unit == table.city.code else 1.0
            if ind.kind == "qualitative":
                obs.append((ind.code, unit, 2020, 12, 12, "stock", float(rng.random() < 0.8)))
                continue
            target = (ind.target or 1.0) * (1 if ind.kind in ("annual_growth", "share") else size / len(units))
            goals.append((ind.code, unit, target))
            for year, month in QUARTERS:
                if ind.kind == "cumulative":
                    value = target / 36 * month * rng.uniform(0.6, 1.4)
                    obs.append((ind.code, unit, year, 1, month, "ytd", value))
                elif ind.kind == "stock":
                    level = target * (0.5 + 0.5 * ((year - 2018) * 12 + month) / 36) * rng.uniform(0.8, 1.2)
                    obs.append((ind.code, unit, year, month, month, "stock", level))
                else:
                    obs.append((ind.code, unit, year, 1, month, "rate", target * rng.uniform(0.7, 1.3)))
    columns = ["indicator", "region", "year", "first_month", "last_month", "basis", "value"]
    frame = pd.DataFrame(obs, columns=columns)
    frame["import_id"] = range(len(frame))
    return frame, pd.DataFrame(goals, columns=["indicator", "region", "value"])


def naive(observations: pd.DataFrame, targets: pd.DataFrame, plan, table: RegionTable, at: str) -> dict:
    """The baseline: a plain loop over indicators and units, filtering a DataFrame for each
    figure it needs (the figures grouped by indicator and unit once, so it stays usable)."""
    year, month = int(at[:4]), int(at[5:])
    groups = dict(tuple(observations.groupby(["indicator", "region"])))
    goals = {(i, r): v for i, r, v in targets[["indicator", "region", "value"]].itertuples(index=False)}
    out = {}
    for ind in plan.indicators:
        if not ind.assessed or ind.kind == "qualitative":
            continue
        for unit in [table.city.code, *(r.code for r in table.counties)]:
            rows = groups.get((ind.code, unit), observations.iloc[0:0])
            target = goals.get((ind.code, unit), math.nan)

            def pick(y, first, last, rows=rows):
                hit = rows[(rows["year"] == y) & (rows["first_month"] == first) & (rows["last_month"] == last)]
                return float(hit["value"].iloc[-1]) if len(hit) else math.nan

            if ind.kind == "cumulative":
                actual = sum(pick(y, 1, 12) for y in range(2018, year)) + pick(year, 1, month)
            elif ind.kind == "stock":
                actual = pick(year, month, month)
            else:
                actual = pick(year, 1, month)
            out[(ind.code, unit)] = actual / target if target else math.nan
    return out


def timed(func, repeat: int):
    best, value = math.inf, None
    for _ in range(repeat):
        started = time.perf_counter()
        value = func()
        best = min(best, time.perf_counter() - started)
    return best, value


def run_size(name: str, plan, table: RegionTable, limit: float, repeat: int) -> None:
    observations, targets = synthetic(plan, table)
    scheme = load_scheme(default_scheme_path(plan.id))
    dates = [f"{y}-{m:02d}" for y, m in QUARTERS]

    def engine(ats, once=False):
        figures = index_observations(observations, plan) if once else observations
        for at in ats:
            rows = assess(figures, targets, plan, at, regions=table)
            score(rows, scheme)
        return rows

    def baseline(ats):
        for at in ats:
            result = naive(observations, targets, plan, table, at)
        return result

    one_engine = one_naive = all_engine = all_once = all_naive = math.inf
    rows = result = None
    for _ in range(repeat):  # interleaved, best of each
        t, rows = timed(lambda: engine(dates[-1:]), 1)
        one_engine = min(one_engine, t)
        t, result = timed(lambda: baseline(dates[-1:]), 1)
        one_naive = min(one_naive, t)
        all_engine = min(all_engine, timed(lambda: engine(dates), 1)[0])
        all_once = min(all_once, timed(lambda: engine(dates, once=True), 1)[0])
        all_naive = min(all_naive, timed(lambda: baseline(dates), 1)[0])
    mine = {(r.indicator_code, r.region_code): r.completion for r in rows.itertuples() if r.kind != "qualitative"}
    worst = max(abs(mine[k] - v) for k, v in result.items())
    units = len(table.counties) + 1
    print(f"{name}: {units} units × {len(rows) // units} indicators × {len(QUARTERS)} quarters, "
          f"{len(observations)} figures (completions agree with the baseline to {worst:.1e})")
    print(f"  one assessment (2020-12):  engine {one_engine:7.3f} s   naive loop {one_naive:7.3f} s   "
          f"speed-up ×{one_naive / one_engine:5.1f}")
    print(f"  all 12 quarters:           engine {all_engine:7.3f} s   naive loop {all_naive:7.3f} s   "
          f"speed-up ×{all_naive / all_engine:5.1f}")
    print(f"  all 12, figures indexed once (index_observations): {all_once:7.3f} s   "
          f"speed-up ×{all_naive / all_once:5.1f}")
    for what, seconds in (("one assessment over the 12 quarters", one_engine), ("all 12 assessments", all_engine)):
        print(f"  target {limit:g} s, {what}: {seconds:.3f} s = {seconds / limit:.2f} of the target"
              f" ({'met' if seconds < limit else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best counts (default 3)")
    args = parser.parse_args()
    plan = load_plan()
    jiaxing = load_regions()
    city = RegionTable(tuple(r for r in jiaxing.regions if r.level != "zone"))
    run_size("city", plan, city, 1.0, args.repeat)
    run_size("province", plan, province(89), 3.0, args.repeat)


if __name__ == "__main__":
    main()
