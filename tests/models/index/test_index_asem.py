"""COINr's example pipeline on its ASEM data, each step checked against a recomputation here.

The pipeline is ``build_example_coin``'s: denominate as the metadata says, impute by the
EurAsia group mean, treat (winsorise up to 5 points, else log), min-max to 0-100, arithmetic
means with the metadata's weights. The reference scores are held back, so the test recomputes
each step independently from the raw CSVs and checks the engine's output against it.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from workbench.models.index.engine import compute_index, result_json
from workbench.models.index.spec import spec_from_words
from workbench.models.index.tables import read_index_tables

ASEM = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "composite-index"
pytestmark = pytest.mark.skipif(not (ASEM / "ASEM_iData.csv").is_file(), reason="ASEM reference data not present")


@pytest.fixture(scope="module")
def raw():
    data = pd.read_csv(ASEM / "ASEM_iData.csv").set_index("uCode")
    meta = pd.read_csv(ASEM / "ASEM_iMeta.csv")
    return data, meta


@pytest.fixture(scope="module")
def result():
    data, meta = read_index_tables(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv")
    spec = spec_from_words(impute="group-mean:EurAsia_group", treat="winsor:5", normalise="minmax",
                           aggregate="arithmetic")
    return compute_index(data, meta, spec)


def indicators(meta):
    return meta.loc[meta["Type"] == "Indicator"].set_index("iCode")


def test_shape_51_units_49_indicators_8_pillars_2_subindexes_1_index(result, raw):
    meta = raw[1]
    assert len(result.scores) == 51
    assert result.top == "Index"
    levels = meta.dropna(subset=["Level"]).groupby("Level")["iCode"].apply(set)
    assert set(result.tree.indicators) == levels[1.0] and len(levels[1.0]) == 49
    assert {c for c in result.tree.aggregates if result.tree.level[c] == 2} == levels[2.0]
    assert {c for c in result.tree.aggregates if result.tree.level[c] == 3} == levels[3.0] == {"Conn", "Sust"}
    assert not result.scores.isna().any().any()


def test_denominated_values_are_the_raw_ones_over_their_denominator(result, raw):
    data, meta = raw
    for code, row in indicators(meta).iterrows():
        expected = data[code] / data[row["Denominator"]] if isinstance(row["Denominator"], str) else data[code]
        assert np.allclose(result.steps["denominated"][code], expected.reindex(result.scores.index), equal_nan=True)


def test_every_gap_is_filled_with_its_eurasia_group_mean_of_the_denominated_values(result, raw):
    data = raw[0].reindex(result.scores.index)
    denominated = result.steps["denominated"]
    filled = result.imputed_cells
    assert filled.to_numpy().sum() == denominated.isna().to_numpy().sum() > 0
    for code in denominated.columns:
        for unit in filled.index[filled[code]]:
            group = data["EurAsia_group"] == data.at[unit, "EurAsia_group"]
            assert result.steps["imputed"].at[unit, code] == pytest.approx(denominated.loc[group, code].mean(), rel=1e-12)
    assert not result.steps["imputed"].isna().any().any()


def _fails(series: pd.Series) -> bool:
    return abs(series.skew()) >= 2 and series.kurt() >= 3.5


def test_treated_columns_pass_the_thresholds_or_were_log_transformed(result):
    imputed, treated = result.steps["imputed"], result.steps["treated"]
    table = result.treatment.set_index("code")
    winsorised = 0
    for code in imputed.columns:
        before, after = imputed[code], treated[code]
        if not _fails(before):
            assert after.equals(before), code
            continue
        if table.at[code, "log_transformed"]:
            expected = np.log(before - before.min() + 0.01 * (before.max() - before.min()))
            assert np.allclose(after, expected), code
            continue
        winsorised += 1
        assert not _fails(after), code
        changed = after != before
        # Only extremes move, each onto the new edge of the column, and no more than winmax + ties of them.
        assert changed.any()
        kept = before[~changed]
        assert ((before[changed] > kept.max()) & (after[changed] == after.max())
                | (before[changed] < kept.min()) & (after[changed] == after.min())).all(), code
        assert changed.sum() == table.at[code, "clipped_low"] + table.at[code, "clipped_high"]
        assert changed.sum() <= 5 + (after == after.max()).sum()
    assert winsorised >= 10   # the ASEM data are known for their skewed trade flows


def test_normalised_columns_are_minmax_of_the_directed_treated_values_spanning_0_to_100(result, raw):
    directions = indicators(raw[1])["Direction"]
    treated, normalised = result.steps["treated"], result.steps["normalised"]
    for code in normalised.columns:
        x = treated[code] * directions[code]
        assert np.allclose(normalised[code], (x - x.min()) / (x.max() - x.min()) * 100)
        assert normalised[code].min() == 0.0 and normalised[code].max() == pytest.approx(100.0, abs=1e-9)
    assert result.scores[list(normalised.columns)].equals(normalised)


def test_every_aggregate_is_the_weighted_mean_of_its_childrens_scores(result, raw):
    meta = raw[1].dropna(subset=["Level"]).set_index("iCode")
    scores = result.scores
    for code in meta.index[meta["Type"] == "Aggregate"]:
        kids = meta.index[meta["Parent"] == code]
        weights = meta.loc[kids, "Weight"]
        expected = (scores[kids] * weights).sum(axis=1) / weights.sum()
        assert np.allclose(scores[code], expected, rtol=0, atol=1e-9), code


def test_ranks_follow_the_scores_highest_first(result):
    for code in result.ranks.columns:
        scores = result.scores[code].to_numpy()
        expected = [1 + int((scores > s).sum()) for s in scores]
        assert result.ranks[code].tolist() == expected
    assert sorted(result.ranks["Index"]) == list(range(1, 52))


def test_json_holds_every_unit_every_code_and_integer_ranks(result):
    doc = result_json(result)
    assert len(doc["scores"]) == len(doc["ranks"]) == 51
    unit = next(iter(doc["scores"]))
    assert len(doc["scores"][unit]) == 49 + 8 + 2 + 1
    assert set(doc["ranks"][unit]) == set(result.tree.aggregates)
    best = min(doc["ranks"], key=lambda u: doc["ranks"][u]["Index"])
    assert doc["scores"][best]["Index"] == max(s["Index"] for s in doc["scores"].values())
