"""Uncertainty and sensitivity analysis: reproducible, consistent with the engine, cancellable."""

import numpy as np
import pandas as pd
import pytest

from workbench.models.index.engine import compute_index
from workbench.models.index.errors import IndexSpecError
from workbench.models.index.sensitivity import run_sensitivity, sensitivity
from workbench.models.index.spec import IndexSpec

META = pd.DataFrame([
    {"iCode": "a", "Parent": "D1", "Type": "Indicator", "Direction": 1, "Weight": 1},
    {"iCode": "b", "Parent": "D1", "Type": "Indicator", "Direction": -1, "Weight": 1},
    {"iCode": "c", "Parent": "D2", "Type": "Indicator", "Direction": 1, "Weight": 2},
    {"iCode": "d", "Parent": "D2", "Type": "Indicator", "Direction": 1, "Weight": 1},
    {"iCode": "D1", "Parent": "Index", "Type": "Aggregate", "Weight": 1},
    {"iCode": "D2", "Parent": "Index", "Type": "Aggregate", "Weight": 1},
    {"iCode": "Index", "Parent": None, "Type": "Aggregate", "Weight": 1},
])
UNITS = ["K1", "K2", "K3", "K4", "K5", "K6", "K7"]


def period_table(seed: int, gaps: bool = True) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    table = pd.DataFrame({"uCode": UNITS, "a": rng.gamma(2, 10, 7), "b": rng.normal(50, 10, 7),
                          "c": rng.uniform(0, 1, 7), "d": rng.lognormal(1, 1, 7)})
    if gaps:
        table.loc[2, "a"] = np.nan
        table.loc[5, "d"] = np.nan
    return table


def test_the_same_seed_gives_the_same_samples_and_another_seed_other_ones():
    data = period_table(1)
    first = run_sensitivity(data, META, samples=200, seed=7)
    again = run_sensitivity(data, META, samples=200, seed=7)
    other = run_sensitivity(data, META, samples=200, seed=8)
    assert np.array_equal(first.sampled_ranks, again.sampled_ranks, equal_nan=True)
    assert first.summary.equals(again.summary)
    assert not np.array_equal(first.sampled_weights, other.sampled_weights)
    assert first.sampled_ranks.shape == (200, 1, 7)


def test_nominal_ranks_are_the_engines_ranks_for_every_period_of_a_panel():
    panel = {f"2019Q{q}": period_table(q) for q in range(1, 5)}
    spec = IndexSpec(impute="previous", treat="winsor", weights={"c": 1.5})
    result = run_sensitivity(panel, META, spec, samples=50, imputations=("previous", "mean"))
    assert result.periods == list(panel)
    labels = list(panel)
    for p, label in enumerate(labels):
        if p == 0:
            continue   # nothing before the first period to impute from
        earlier = [panel[x] for x in reversed(labels[:p])]
        engine = compute_index(panel[label], META, spec, previous=earlier)
        rows = result.summary[result.summary["period"] == label].set_index("uCode")
        assert rows["nominal_rank"].tolist() == engine.ranks["Index"].reindex(rows.index).astype(float).tolist()
        assert np.allclose(rows["nominal_score"], engine.scores["Index"].reindex(rows.index))
    assert any("第一期" in note for note in result.notes)


def test_a_panel_table_with_a_period_column_is_ranked_within_each_period():
    frames = [period_table(q).assign(period=f"P{q}") for q in (1, 2, 3)]
    result = run_sensitivity(pd.concat(frames), META, IndexSpec(impute="mean"), samples=100)
    assert result.sampled_ranks.shape == (100, 3, 7)
    per_sample = np.sort(result.sampled_ranks, axis=2)
    assert (per_sample[..., 0] == 1).all()   # every period and sample has its own first place
    assert set(result.summary["period"]) == {"P1", "P2", "P3"}


def test_a_unit_ahead_on_every_indicator_keeps_its_rank_under_every_choice():
    values = np.arange(1.0, 8.0)
    data = pd.DataFrame({"uCode": UNITS, "a": values, "b": -values, "c": values ** 2, "d": np.sqrt(values)})
    result = run_sensitivity(data, META, IndexSpec(impute="mean"), samples=300, seed=3)
    summary = result.summary.set_index("uCode")
    assert (summary["p05"] == summary["nominal_rank"]).all() and (summary["p95"] == summary["nominal_rank"]).all()
    assert summary.loc["K7", "nominal_rank"] == 1 and summary.loc["K1", "nominal_rank"] == 7
    assert (result.importance["mean_rank_shift"] == 0).all()


def test_bands_contain_the_nominal_rank_and_medians_lie_inside_them():
    result = run_sensitivity(period_table(4), META, IndexSpec(impute="mean"), samples=400, seed=1,
                             weight_noise=0.1, normalisations=("minmax",), aggregations=("arithmetic",),
                             imputations=("mean",))
    summary = result.summary
    assert ((summary["p05"] <= summary["median_rank"]) & (summary["median_rank"] <= summary["p95"])).all()
    assert ((summary["p05"] <= summary["nominal_rank"]) & (summary["nominal_rank"] <= summary["p95"])).all()


def test_when_only_the_weights_can_move_ranks_they_come_first():
    # Two evenly spaced indicators pulling in opposite ways: min-max and z-score are the same
    # affine map of both, there are no gaps to impute, so only the weights decide the order.
    meta = pd.DataFrame([
        {"iCode": "x", "Parent": "Index", "Type": "Indicator", "Direction": 1, "Weight": 1.1},
        {"iCode": "y", "Parent": "Index", "Type": "Indicator", "Direction": 1, "Weight": 1.0},
        {"iCode": "Index", "Parent": None, "Type": "Aggregate", "Weight": 1},
    ])
    data = pd.DataFrame({"uCode": UNITS, "x": np.arange(7.0), "y": 6 - np.arange(7.0)})
    result = run_sensitivity(data, meta, samples=300, normalisations=("minmax", "zscore"),
                             aggregations=("arithmetic",), imputations=("none", "mean"))
    importance = result.importance.set_index("choice")
    assert result.importance["choice"].iloc[0] == "权重"
    assert importance.at["权重", "mean_rank_shift"] > 1
    assert importance.loc[["标准化方法", "缺失值处理", "加总方法"], "mean_rank_shift"].eq(0).all()
    assert importance.at["权重", "alternatives"] == 300


def test_choice_that_moves_ranks_most_is_reported_first():
    result = run_sensitivity(period_table(5), META, IndexSpec(impute="mean"), samples=200)
    shifts = result.importance["mean_rank_shift"].tolist()
    assert shifts == sorted(shifts, reverse=True)
    assert set(result.importance["choice"]) == {"权重", "标准化方法", "加总方法", "缺失值处理"}
    assert set(result.samples["aggregate"]) == {"arithmetic", "geometric"}
    assert set(result.samples["normalise"]) == {"minmax", "zscore", "rank"}


def test_progress_is_reported_and_should_stop_ends_the_run_cleanly():
    reports = []
    generator = sensitivity(period_table(2), META, samples=1000, should_stop=lambda: len(reports) >= 3)
    try:
        while True:
            reports.append(next(generator))
    except StopIteration as stop:
        assert stop.value is None
    assert len(reports) == 3
    done, total, message = reports[-1]
    assert 0 < done < total and isinstance(message, str) and message


def test_closing_the_generator_midway_stops_it():
    generator = sensitivity(period_table(2), META, samples=1000)
    first = next(generator)
    generator.close()
    assert first[0] == 1
    with pytest.raises(StopIteration):
        next(generator)


def test_progress_reaches_the_total():
    reports = list(sensitivity(period_table(3), META, IndexSpec(impute="mean"), samples=100))
    done, total, _ = reports[-1]
    assert done == total and [r[0] for r in reports] == sorted(r[0] for r in reports)


def test_bad_choices_are_refused_in_chinese():
    with pytest.raises(IndexSpecError, match="未知的标准化方法“log”"):
        run_sensitivity(period_table(1), META, samples=10, normalisations=("log",))
    with pytest.raises(IndexSpecError, match="分组列"):
        run_sensitivity(period_table(1), META, samples=10, imputations=("group-mean",))
