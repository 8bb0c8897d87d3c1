"""Speed of the growth index's uncertainty and sensitivity analysis (issue 7).

Synthetic panel data shaped like the plan's framework — 7 counties × 12 quarters, three
dimensions, ten indicators (some skewed, some gaps, one "less is better", two per capita) —
and 1 000 samples of weights (±25 %), normalisation (min-max, z-score, rank), aggregation
(arithmetic, geometric) and imputation (none, mean, previous quarter). Target: under 10 s.

The baseline, in the same run, is the naive way: one full ``compute_index`` per sample and
quarter with the sampled choices, timed for ``--baseline-samples`` samples and extrapolated
to the full count. Prints the seconds, the ratio to the target and the speed-up.

    python benchmarks/index_speed.py [--samples 1000] [--baseline-samples 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from workbench.models.index.engine import compute_index
from workbench.models.index.sensitivity import run_sensitivity
from workbench.models.index.spec import IndexSpec

TARGET_SECONDS = 10.0
COUNTIES = ["330402", "330411", "330421", "330424", "330481", "330482", "330483"]
QUARTERS = [f"{y}Q{q}" for y in (2018, 2019, 2020) for q in range(1, 5)]
FRAMEWORK = {"development": ["new_sme_density", "va_speed", "loans_share", "tax_per_firm"],
             "competition": ["rd_share", "tech_sme_density", "export_speed"],
             "vitality": ["new_sme_speed", "to_enterprise", "upgraded"]}


def meta_table() -> pd.DataFrame:
    """The framework as the engine's metadata table."""
    rows = []
    for dimension, codes in FRAMEWORK.items():
        for code in codes:
            rows.append({"iCode": code, "Parent": dimension, "Type": "Indicator", "Weight": 1.0,
                         "Direction": -1.0 if code == "tax_per_firm" else 1.0,
                         "Denominator": "population" if code.endswith("_density") else None})
        rows.append({"iCode": dimension, "Parent": "Index", "Type": "Aggregate",
                     "Weight": 0.3 if dimension == "vitality" else 0.35})
    rows.append({"iCode": "Index", "Parent": None, "Type": "Aggregate", "Weight": 1.0})
    return pd.DataFrame(rows)


def panel(seed: int = 2018) -> dict[str, pd.DataFrame]:
    """Quarter → data table for the seven counties."""
    rng = np.random.default_rng(seed)
    size = rng.uniform(0.5, 2.0, len(COUNTIES))
    population = size * 60.0
    out = {}
    for q, quarter in enumerate(QUARTERS):
        table = {"uCode": COUNTIES, "population": population}
        for codes in FRAMEWORK.values():
            for code in codes:
                if code.endswith("_density"):
                    table[code] = population * rng.gamma(3, 2, len(COUNTIES)) * (1 + q / 20)
                elif code.endswith("_speed"):
                    table[code] = 100 + rng.normal(8, 4, len(COUNTIES))
                else:
                    table[code] = rng.lognormal(1.0, 0.8, len(COUNTIES)) * size
        frame = pd.DataFrame(table)
        frame.loc[rng.integers(len(COUNTIES)), "rd_share"] = np.nan
        out[quarter] = frame
    return out


def choices(spec: IndexSpec):
    return {"normalisations": ("minmax", "zscore", "rank"), "aggregations": ("arithmetic", "geometric"),
            "imputations": ("none", "mean", "previous"), "weight_noise": 0.25}


def vectorised(data, meta, spec, samples: int) -> tuple[float, object]:
    start = time.perf_counter()
    result = run_sensitivity(data, meta, spec, samples=samples, seed=1, **choices(spec))
    return time.perf_counter() - start, result


def naive(data, meta, spec, samples: int) -> float:
    """One compute_index per sample and quarter with that sample's choices."""
    rng = np.random.default_rng(1)
    options = choices(spec)
    weights = meta.set_index("iCode")["Weight"]
    quarters = list(data)
    start = time.perf_counter()
    for _ in range(samples):
        noisy = (weights * rng.uniform(0.75, 1.25, len(weights))).to_dict()
        sample = IndexSpec(impute=str(rng.choice(options["imputations"])),
                           normalise=str(rng.choice(options["normalisations"])),
                           aggregate=str(rng.choice(options["aggregations"])), weights=noisy)
        for p, quarter in enumerate(quarters):
            earlier = [data[q] for q in reversed(quarters[:p])]
            if sample.impute == "previous" and not earlier:
                compute_index(data[quarter], meta, IndexSpec(normalise=sample.normalise,
                                                             aggregate=sample.aggregate, weights=noisy))
            else:
                compute_index(data[quarter], meta, sample, previous=earlier or None)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--baseline-samples", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data, meta, spec = panel(), meta_table(), IndexSpec(impute="mean", treat="winsor")
    best, result = min((vectorised(data, meta, spec, args.samples) for _ in range(args.repeat)), key=lambda r: r[0])
    baseline = min(naive(data, meta, spec, args.baseline_samples) for _ in range(max(1, args.repeat - 1)))
    extrapolated = baseline * args.samples / args.baseline_samples
    shape = result.sampled_ranks.shape
    print(f"数据：{len(COUNTIES)} 个县 × {len(QUARTERS)} 个季度，{len(meta) - 4} 项指标，3 个维度；"
          f"抽样 {args.samples} 次（排名数组 {shape}）")
    print(f"向量化敏感性分析：{best:.3f} s（目标 {TARGET_SECONDS:.0f} s，占目标 {best / TARGET_SECONDS:.1%}）")
    print(f"基线（逐次调用 compute_index）：{args.baseline_samples} 次 {baseline:.3f} s，"
          f"外推到 {args.samples} 次 {extrapolated:.1f} s")
    print(f"加速比：{extrapolated / best:.0f} 倍")
    print("影响最大的选择：" + "，".join(f"{row.choice} {row.mean_rank_shift:.2f}"
                                          for row in result.importance.itertuples()))
    verdict = "PASS" if best < TARGET_SECONDS else "FAIL"
    print(f"{verdict}: {best:.3f} s {'<' if best < TARGET_SECONDS else '>='} {TARGET_SECONDS:.0f} s")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
