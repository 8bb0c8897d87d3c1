"""The index engine's steps one at a time, on small hand-made data."""

import numpy as np
import pandas as pd
import pytest

from workbench.models.index.denominate import denominate
from workbench.models.index.errors import IndexSpecError, IndexTableError
from workbench.models.index.hierarchy import clean_meta
from workbench.models.index.impute import impute
from workbench.models.index.normalise import normalise
from workbench.models.index.treat import skew_kurt, treat

UNITS = pd.Index(["A", "B", "C", "D", "E"], name="uCode")


def meta_of(directions: dict, **columns) -> pd.DataFrame:
    """A one-level framework: every indicator under ``Index``."""
    rows = [{"iCode": code, "Parent": "Index", "Type": "Indicator", "Direction": d, "Weight": 1.0,
             **{k: v.get(code) for k, v in columns.items()}} for code, d in directions.items()]
    rows.append({"iCode": "Index", "Parent": None, "Type": "Aggregate", "Weight": 1.0})
    return clean_meta(pd.DataFrame(rows))[0]


# ---------------------------------------------------------------- denominate

def test_denominate_divides_by_the_column_scaled_and_leaves_gaps_where_the_denominator_is_missing():
    values = pd.DataFrame({"firms": [100.0, 50.0, 30.0], "share": [1.0, 2.0, 3.0]}, index=UNITS[:3])
    denoms = pd.DataFrame({"pop": [20000.0, np.nan, 5000.0]}, index=UNITS[:3])
    meta = meta_of({"firms": 1, "share": 1}, Denominator={"firms": "pop"}, ScaleFactor={"firms": 10000})
    out = denominate(values, denoms, meta)
    assert out["firms"].tolist()[0] == pytest.approx(100 / 2.0)   # per 10 000 residents
    assert out["firms"].tolist()[2] == pytest.approx(30 / 0.5)
    assert np.isnan(out.at["B", "firms"])
    assert out["share"].tolist() == [1.0, 2.0, 3.0]
    assert values.at["A", "firms"] == 100.0   # the input is not changed


def test_denominate_refuses_a_zero_denominator_naming_the_unit():
    values = pd.DataFrame({"firms": [100.0, 50.0]}, index=UNITS[:2])
    denoms = pd.DataFrame({"pop": [2.0, 0.0]}, index=UNITS[:2])
    with pytest.raises(IndexTableError, match="单位 B 的分母“pop”为 0"):
        denominate(values, denoms, meta_of({"firms": 1}, Denominator={"firms": "pop"}))


# ---------------------------------------------------------------- impute

def test_mean_imputation_fills_with_the_mean_of_the_values_present_and_marks_the_cells():
    values = pd.DataFrame({"x": [1.0, np.nan, 5.0, 6.0, np.nan], "empty": [np.nan] * 5}, index=UNITS)
    out, filled = impute(values, "mean")
    assert out.at["B", "x"] == out.at["E", "x"] == pytest.approx(4.0)
    assert out["empty"].isna().all()   # a column of missing values has no mean to give
    assert filled["x"].tolist() == [False, True, False, False, True]
    assert not filled["empty"].any()


def test_group_mean_imputation_uses_the_units_group_only():
    values = pd.DataFrame({"x": [1.0, 3.0, np.nan, 10.0, np.nan], "y": [np.nan, 2.0, 2.0, np.nan, np.nan]},
                          index=UNITS)
    groups = pd.Series(["a", "a", "a", "b", None], index=UNITS)
    out, filled = impute(values, "group-mean", groups=groups)
    assert out.at["C", "x"] == pytest.approx(2.0)        # mean of A and B, not of A, B and D
    assert np.isnan(out.at["E", "x"])                     # no group: left as it is
    assert out.at["A", "y"] == pytest.approx(2.0)
    assert np.isnan(out.at["D", "y"])                     # group b has no y at all
    assert filled.to_numpy().sum() == 2


def test_previous_imputation_takes_the_latest_earlier_value():
    values = pd.DataFrame({"x": [np.nan, 2.0, np.nan]}, index=UNITS[:3])
    last = pd.DataFrame({"x": [7.0, 1.0, np.nan]}, index=UNITS[:3])
    before = pd.DataFrame({"x": [5.0, 1.0, 4.0]}, index=UNITS[:3])
    out, filled = impute(values, "previous", previous=[last, before])
    assert out["x"].tolist() == [7.0, 2.0, 4.0]
    assert filled["x"].tolist() == [True, False, True]
    with pytest.raises(IndexSpecError, match="上一期"):
        impute(values, "previous")


# ---------------------------------------------------------------- treat

def test_skewness_and_kurtosis_are_the_sample_statistics_pandas_computes():
    x = np.random.default_rng(3).lognormal(size=40)
    x[[4, 9]] = np.nan
    skew, kurt = skew_kurt(x)
    assert skew == pytest.approx(pd.Series(x).skew(), rel=1e-12)
    assert kurt == pytest.approx(pd.Series(x).kurt(), rel=1e-12)


def _fails(series: pd.Series) -> bool:
    return abs(series.skew()) >= 2 and series.kurt() >= 3.5


def test_a_high_outlier_is_set_to_the_next_value_in():
    x = pd.Series(list(range(1, 21)) + [200.0])
    assert _fails(x)
    out, table = treat(pd.DataFrame({"x": x}))
    row = table.iloc[0]
    assert row["method"] == "winsor" and (row["clipped_high"], row["clipped_low"]) == (1, 0)
    assert out["x"].max() == 20.0 and (out["x"] == 20.0).sum() == 2
    assert (out["x"].iloc[:20] == x.iloc[:20]).all()
    assert not _fails(out["x"]) and row["passed"]


def test_a_low_outlier_is_clipped_when_the_skew_is_negative():
    x = pd.Series([-200.0] + list(range(1, 21)))
    out, table = treat(pd.DataFrame({"x": x}))
    assert (table.iloc[0]["clipped_low"], table.iloc[0]["clipped_high"]) == (1, 0)
    assert out["x"].min() == 1.0
    assert not _fails(out["x"])


def test_tied_extremes_are_clipped_together_and_counted_together():
    x = pd.Series(list(range(1, 31)) + [300.0, 300.0])
    out, table = treat(pd.DataFrame({"x": x}))
    assert table.iloc[0]["clipped_high"] == 2
    assert (out["x"] == 30.0).sum() == 3


def test_the_clipping_stops_once_winmax_points_are_clipped_and_then_the_original_is_log_transformed():
    # Needs three steps of clipping; winmax=2 allows two, so the log of the untreated column is used.
    x = pd.Series(list(range(1, 41)) + [400.0, 800.0, 1600.0])
    wins3, table3 = treat(pd.DataFrame({"x": x}), winmax=3)
    assert table3.iloc[0]["method"] == "winsor" and table3.iloc[0]["clipped_high"] == 3
    out, table = treat(pd.DataFrame({"x": x}), winmax=2)
    row = table.iloc[0]
    assert row["method"] == "log" and row["log_transformed"]
    expected = np.log(x - x.min() + 0.01 * (x.max() - x.min()))
    assert np.allclose(out["x"], expected, rtol=0, atol=1e-12)
    assert row["skew_after"] == pytest.approx(expected.skew())


def test_a_tie_that_exceeds_winmax_still_counts_once_clipped():
    # Three tied maxima are clipped in one step: 3 ≥ winmax = 2 ends the loop, and the column passes.
    x = pd.Series(list(range(1, 31)) + [300.0] * 3)
    out, table = treat(pd.DataFrame({"x": x}), winmax=2)
    assert table.iloc[0]["method"] == "winsor" and table.iloc[0]["clipped_high"] == 3


def test_constant_short_and_missing_columns_are_left_alone():
    frame = pd.DataFrame({"flat": [4.0] * 6, "short": [1.0, 2.0, 900.0, np.nan, np.nan, np.nan],
                          "none": [np.nan] * 6})
    out, table = treat(frame)
    assert out.equals(frame)
    methods = dict(zip(table["code"], table["method"]))
    assert methods == {"flat": "none", "short": "untestable", "none": "untestable"}


# ---------------------------------------------------------------- normalise

def test_minmax_spans_0_to_100_after_the_direction_is_applied():
    values = pd.DataFrame({"up": [2.0, 4.0, 6.0, 10.0, np.nan], "down": [2.0, 4.0, 6.0, 10.0, 8.0]}, index=UNITS)
    out, notes = normalise(values, meta_of({"up": 1, "down": -1}), "minmax")
    assert out["up"].tolist()[:4] == [0.0, 25.0, 50.0, 100.0] and np.isnan(out.at["E", "up"])
    assert out.at["A", "down"] == 100.0 and out.at["D", "down"] == 0.0   # less is better
    assert out.at["E", "down"] == pytest.approx(25.0)
    assert notes == []


def test_a_constant_column_gets_no_minmax_or_zscore_value_and_a_note():
    values = pd.DataFrame({"flat": [3.0] * 5, "x": [1.0, 2.0, 3.0, 4.0, 5.0]}, index=UNITS)
    for method in ("minmax", "zscore"):
        out, notes = normalise(values, meta_of({"flat": 1, "x": 1}), method)
        assert out["flat"].isna().all()
        assert any("flat" in n and "取值相同" in n for n in notes)


def test_zscore_has_mean_0_and_sd_1():
    values = pd.DataFrame({"x": [3.0, 8.0, 1.0, 9.0, 4.0]}, index=UNITS)
    out, _ = normalise(values, meta_of({"x": -1}), "zscore")
    assert out["x"].mean() == pytest.approx(0, abs=1e-12)
    assert out["x"].std() == pytest.approx(1)
    assert out["x"].idxmax() == "C"   # the lowest value is best when less is better


def test_rank_normalisation_gives_ties_the_smallest_rank():
    values = pd.DataFrame({"up": [3.0, 1.0, 3.0, 2.0, np.nan], "down": [3.0, 1.0, 3.0, 2.0, 5.0]}, index=UNITS)
    out, _ = normalise(values, meta_of({"up": 1, "down": -1}), "rank")
    assert out["up"].tolist()[:4] == [3.0, 1.0, 3.0, 2.0] and np.isnan(out.at["E", "up"])
    assert out["down"].tolist() == [2.0, 5.0, 2.0, 4.0, 1.0]


def test_distance_to_target_scores_the_target_100_and_caps_beyond_it():
    values = pd.DataFrame({"up": [10.0, 20.0, 30.0, 40.0, 25.0], "down": [1.0, 2.0, 3.0, 4.0, 5.0]}, index=UNITS)
    meta = meta_of({"up": 1, "down": -1}, Target={"up": 30.0, "down": 2.0})
    out, _ = normalise(values, meta, "target")
    assert out["up"].tolist() == pytest.approx([0.0, 50.0, 100.0, 100.0, 75.0])
    assert out["down"].tolist() == pytest.approx([100.0, 100.0, 200 / 3, 100 / 3, 0.0])
    with pytest.raises(IndexSpecError, match="Target"):
        normalise(values, meta_of({"up": 1, "down": -1}), "target")


def test_goalposts_truncate_to_0_100_and_turn_round_for_less_is_better():
    values = pd.DataFrame({"up": [0.0, 5.0, 10.0, 15.0, 20.0], "down": [0.0, 5.0, 10.0, 15.0, 20.0]}, index=UNITS)
    meta = meta_of({"up": 1, "down": -1}, GoalLow={"up": 5.0, "down": 5.0}, GoalHigh={"up": 15.0, "down": 15.0})
    out, _ = normalise(values, meta, "goalposts")
    assert out["up"].tolist() == [0.0, 0.0, 50.0, 100.0, 100.0]
    assert out["down"].tolist() == [100.0, 100.0, 50.0, 0.0, 0.0]


def test_base_normalisation_scores_the_base_100_both_ways():
    values = pd.DataFrame({"up": [50.0, 100.0, 150.0], "down": [50.0, 100.0, 200.0]}, index=UNITS[:3])
    base = pd.Series({"up": 100.0, "down": 100.0})
    out, _ = normalise(values, meta_of({"up": 1, "down": -1}), "base", base=base)
    assert out["up"].tolist() == [50.0, 100.0, 150.0]
    assert out["down"].tolist() == [200.0, 100.0, 50.0]
    with pytest.raises(IndexSpecError, match="基期值"):
        normalise(values, meta_of({"up": 1, "down": -1}), "base", base=pd.Series({"up": 0.0, "down": 1.0}))


def test_geometric_aggregation_gets_positive_scales():
    values = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0]}, index=UNITS)
    meta = meta_of({"x": 1})
    minmax, _ = normalise(values, meta, "minmax", aggregate="geometric")
    assert (minmax["x"].min(), minmax["x"].max()) == (1.0, 100.0)
    zscore, _ = normalise(values, meta, "zscore", aggregate="geometric")
    assert (zscore["x"] > 0).all() and zscore["x"].mean() == pytest.approx(100.0)
