"""compute_index end to end on hand-made data: weights, aggregation, ranks, missing values, JSON."""

import math

import numpy as np
import pandas as pd
import pytest

from workbench.models.index.aggregate import rank_arrays, rank_frame
from workbench.models.index.engine import STEPS, compute_index, result_json
from workbench.models.index.errors import IndexSpecError, IndexTableError
from workbench.models.index.spec import IndexSpec, parse_impute, parse_treat, spec_from_words

# Two pillars under one index: P1 = {a, b}, P2 = {c}.
META = pd.DataFrame([
    {"iCode": "a", "Parent": "P1", "Type": "Indicator", "Direction": 1, "Weight": 1},
    {"iCode": "b", "Parent": "P1", "Type": "Indicator", "Direction": -1, "Weight": 3},
    {"iCode": "c", "Parent": "P2", "Type": "Indicator", "Direction": 1, "Weight": 1},
    {"iCode": "P1", "Parent": "Index", "Type": "Aggregate", "Weight": 2},
    {"iCode": "P2", "Parent": "Index", "Type": "Aggregate", "Weight": 1},
    {"iCode": "Index", "Parent": None, "Type": "Aggregate", "Weight": 1},
])
DATA = pd.DataFrame({
    "uCode": ["U1", "U2", "U3", "U4"],
    "uName": ["一", "二", "三", "四"],
    "a": [1.0, 2.0, 3.0, 5.0],
    "b": [10.0, 30.0, 20.0, 40.0],
    "c": [7.0, 3.0, 5.0, 1.0],
})


def minmax(series: pd.Series) -> pd.Series:
    return (series - series.min()) / (series.max() - series.min()) * 100


def test_every_step_is_kept_and_the_aggregates_are_weighted_means_level_by_level():
    result = compute_index(DATA, META)
    assert set(result.steps) == set(STEPS)
    a, b, c = minmax(DATA["a"]).to_numpy(), minmax(-DATA["b"]).to_numpy(), minmax(DATA["c"]).to_numpy()
    p1 = (1 * a + 3 * b) / 4
    p2 = c
    index = (2 * p1 + 1 * p2) / 3
    assert np.allclose(result.scores["P1"], p1)
    assert np.allclose(result.scores["Index"], index)
    assert np.allclose(result.scores["b"], b)   # indicator scores are the normalised values
    assert result.top == "Index"
    assert list(result.scores.columns) == ["a", "b", "c", "P1", "P2", "Index"]
    assert list(result.ranks.columns) == ["P1", "P2", "Index"]
    expected = pd.Series(index).rank(ascending=False, method="min").astype(int).tolist()
    assert result.ranks["Index"].tolist() == expected


def test_equal_and_custom_weights():
    equal = compute_index(DATA, META, IndexSpec(weights="equal"))
    a, b, c = minmax(DATA["a"]).to_numpy(), minmax(-DATA["b"]).to_numpy(), minmax(DATA["c"]).to_numpy()
    assert np.allclose(equal.scores["Index"], ((a + b) / 2 + c) / 2)
    custom = compute_index(DATA, META, IndexSpec(weights={"P2": 0.0}))
    assert np.allclose(custom.scores["Index"], custom.scores["P1"])   # P2 weighs nothing
    assert custom.weights["P1"] == 2.0
    with pytest.raises(IndexTableError, match="权重表中的代码“zz”不在指标体系中"):
        compute_index(DATA, META, IndexSpec(weights={"zz": 1.0}))


def test_a_missing_value_is_left_out_and_the_weights_of_the_children_present_rescaled():
    data = DATA.copy()
    data.loc[1, "a"] = np.nan
    result = compute_index(data, META)
    b = result.scores.at["U2", "b"]
    assert result.scores.at["U2", "P1"] == pytest.approx(b)   # only b is left: its weight becomes 1
    assert not result.imputed_cells.to_numpy().any()
    imputed = compute_index(data, META, IndexSpec(impute="mean"))
    assert imputed.steps["imputed"].at["U2", "a"] == pytest.approx(data["a"].mean())
    assert imputed.imputed_cells.at["U2", "a"]


def test_a_column_of_missing_values_and_a_constant_column_drop_out_of_the_aggregate():
    data = DATA.assign(a=np.nan, c=4.0)
    result = compute_index(data, META, IndexSpec(impute="mean"))
    b = minmax(-data["b"]).to_numpy()
    assert np.allclose(result.scores["P1"], b)
    assert result.scores["P2"].isna().all()
    assert np.allclose(result.scores["Index"], b)   # P2 has no score anywhere: the index is P1
    assert any("“a”没有任何数值" in n for n in result.notes)
    assert any("“c”各单位取值相同" in n for n in result.notes)
    assert result.ranks["P2"].isna().all()


def test_geometric_mean_level_by_level():
    result = compute_index(DATA, META, IndexSpec(aggregate="geometric"))
    a, b, c = (1 + 0.99 * minmax(s).to_numpy() for s in (DATA["a"], -DATA["b"], DATA["c"]))
    p1 = np.exp((np.log(a) + 3 * np.log(b)) / 4)
    index = np.exp((2 * np.log(p1) + np.log(c)) / 3)
    assert np.allclose(result.scores["Index"], index)
    assert result.scores[["a", "b", "c"]].min().min() == pytest.approx(1.0)


def test_geometric_mean_refuses_values_that_are_not_positive():
    base = pd.Series({"a": 1.0, "b": 10.0, "c": 1.0})
    data = DATA.assign(a=[0.0, 2.0, 3.0, 5.0])
    with pytest.raises(IndexSpecError, match="几何平均要求标准化后的值都为正.*U1.*“a”"):
        compute_index(data, META, IndexSpec(normalise="base", aggregate="geometric"), base=base)


def test_ranks_on_unrounded_scores_with_ties_taking_the_smallest_rank():
    scores = pd.DataFrame({"x": [5.0, 7.0, 7.0, np.nan, 1.0, 5.0 + 1e-12]})
    assert rank_frame(scores)["x"].tolist() == [4, 1, 1, pd.NA, 5, 3]
    arrays = rank_arrays(scores["x"].to_numpy())
    assert arrays[[0, 1, 2, 4, 5]].tolist() == [4.0, 1.0, 1.0, 5.0, 3.0] and math.isnan(arrays[3])


def test_previous_period_imputation_and_base_from_a_base_table():
    now = DATA.assign(a=[np.nan, 2.0, 3.0, 5.0])
    before = DATA.assign(a=[9.0, 1.0, 1.0, 1.0])
    result = compute_index(now, META, IndexSpec(impute="previous"), previous=before)
    assert result.steps["imputed"].at["U1", "a"] == 9.0
    base = compute_index(DATA, META, IndexSpec(normalise="base"), base=DATA)
    assert base.scores["a"].mean() == pytest.approx(100.0)   # the base table's mean is 100
    assert base.scores.at["U1", "b"] == pytest.approx(100 * DATA["b"].mean() / 10.0)


def test_result_json_has_scores_and_ranks_per_unit_with_null_for_missing():
    data = DATA.assign(c=np.nan)
    doc = result_json(compute_index(data, META))
    assert set(doc["scores"]) == {"U1", "U2", "U3", "U4"}
    assert set(doc["scores"]["U1"]) == {"a", "b", "c", "P1", "P2", "Index"}
    assert doc["scores"]["U1"]["c"] is None and doc["ranks"]["U1"]["P2"] is None
    assert sorted(doc["ranks"][u]["Index"] for u in doc["ranks"]) == [1, 2, 3, 4]
    assert all(isinstance(doc["ranks"][u]["Index"], int) for u in doc["ranks"])


def test_cli_words_become_a_spec_and_bad_words_a_chinese_error():
    assert parse_impute("group-mean:EurAsia_group") == ("group-mean", "EurAsia_group")
    assert parse_treat("winsor:3") == ("winsor", 3)
    spec = spec_from_words(impute="mean", treat="winsor", normalise="zscore", aggregate="geometric")
    assert (spec.impute, spec.treat, spec.winmax, spec.normalise, spec.aggregate) == \
        ("mean", "winsor", 5, "zscore", "geometric")
    for kwargs, message in [({"impute": "group-mean"}, "分组列"), ({"treat": "winsor:x"}, "正整数"),
                            ({"normalise": "log"}, "标准化方法"), ({"aggregate": "median"}, "加总方法"),
                            ({"treat": "clip"}, "异常值处理")]:
        with pytest.raises(IndexSpecError, match=message):
            spec_from_words(**kwargs)


def test_group_mean_needs_the_group_column_in_the_data():
    with pytest.raises(IndexTableError, match="没有分组列“region”"):
        compute_index(DATA, META, IndexSpec(impute="group-mean", impute_group="region"))
