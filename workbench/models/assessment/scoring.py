"""Scores, totals, ranks and grades of the counties from assessment rows (DOMAIN.md §7).

Each scored indicator row gets a **score basis**, the fraction of its weight it has earned:

* amounts: completion, divided by 序时进度 when the scheme's ``progress_basis`` is
  ``time_progress`` (the default: a county exactly on schedule earns full points mid-plan);
* rates: actual / target, at least 1 when the target is met (左右 tolerance included);
  for a ceiling (``<=``) 1 when met, else target / actual;
* qualitative aims: 1 when done, 0 when not.

Then the rule: ``proportional`` scores min(basis, cap) × weight (never below 0);
``full_or_nothing`` the weight when basis ≥ 1, else 0; ``by_rank`` ranks the counties by the
basis (ties share the smallest rank) and scores ``rank_points[rank - 1]`` × weight. Rows that
are 无数据 or 待审核 follow the missing policy (``exclude``: no score, the county's total is
scaled up to the full weight; ``zero``: 0 points); 无目标 rows are always left out.
Bonus and deduction items are added last, each within [0, max]. Totals are rounded to the
scheme's decimals before ranking, so equal totals share a rank.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from workbench.models.assessment.scheme import (  # noqa: F401  (re-exported: the API lives here)
    SCHEME_KEY,
    Adjustment,
    IndicatorRule,
    ScoringScheme,
    ScoringSchemeError,
    default_scheme_path,
    dump_scheme,
    load_scheme,
    parse_scheme,
)
from workbench.models.assessment.settings import NO_DATA, NO_TARGET, PENDING_REVIEW, SERIOUSLY_BEHIND

SCORED_LEVELS = ("county", "zone")
COUNTY_COLUMNS = [
    "region_code", "region_name", "total_score", "rank", "rank_change", "grade",
    "base_score", "bonus", "deduction", "weight_scored", "weight_total", "indicators_scored",
    "indicators_missing", "indicators_no_target", "adjustments",
]  # fmt: skip


def _isnan(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def score_basis(row: dict, progress_basis: str = "time_progress") -> float:
    """The fraction of its weight one row has earned before its rule's cap (NaN: no verdict)."""
    if row["status"] in (NO_DATA, NO_TARGET, PENDING_REVIEW):
        return math.nan
    passed = row.get("passed")
    passed = None if _isnan(passed) else bool(passed)
    if row["kind"] == "qualitative":
        return math.nan if passed is None else float(passed)
    actual, target = row["actual"], row["target"]
    if _isnan(actual) or _isnan(target):
        return math.nan
    if row["comparator"] == "<=":
        if passed:
            return 1.0
        return target / actual if actual > 0 else 0.0
    if row["kind"] in ("cumulative", "stock"):
        basis = row["completion"]
        tp = row.get("time_progress")
        if progress_basis == "time_progress" and not _isnan(tp) and tp > 0:
            basis = basis / tp
    else:
        if target == 0:
            return 1.0 if passed else 0.0
        basis = actual / target
    if _isnan(basis):
        return math.nan
    return max(basis, 1.0) if passed else basis


def _rank_fraction(points: tuple[float, ...], rank: float) -> float:
    """The share of the weight for a rank (1 = first); ranks past the table get its last share."""
    return points[min(int(rank), len(points)) - 1]


def _score_rows(rows: pd.DataFrame, scheme: ScoringScheme, policy: str) -> pd.DataFrame:
    out = rows.copy()
    out.attrs = {}  # pandas deep-copies attrs on every operation: keep the working copy bare
    level = out["level"] if "level" in out else pd.Series("county", index=out.index)
    rules = {r.code: r for r in scheme.indicators}
    codes = out["indicator_code"]
    weight = codes.map({c: r.weight for c, r in rules.items()}).astype("float64").where(level.isin(SCORED_LEVELS))
    out["weight"] = weight
    records = out[["status", "kind", "passed", "actual", "target", "comparator", "completion",
                   "time_progress"]].to_dict("records")
    basis = pd.Series([score_basis(r, scheme.progress_basis) for r in records], index=out.index, dtype="float64")
    basis = basis.where(weight.notna())
    out["score_basis"] = basis
    rule_of = codes.map({c: r.rule for c, r in rules.items()})
    cap = codes.map({c: scheme.cap(r) for c, r in rules.items()}).astype("float64")
    proportional = basis.clip(lower=0.0).clip(upper=cap) * weight
    all_or_nothing = weight.where(basis >= 1 - 1e-9, 0.0).where(basis.notna())
    ranked = rule_of.eq("by_rank") & basis.notna()
    ranks = basis[ranked].groupby(codes[ranked]).rank(ascending=False, method="min")
    fractions = pd.Series([_rank_fraction(rules[c].rank_points or scheme.rank_points, r)
                           for c, r in zip(codes[ranked], ranks)], index=ranks.index, dtype="float64")
    by_rank = (fractions * weight[ranked]).reindex(out.index)
    points = proportional.where(rule_of.eq("proportional"), all_or_nothing.where(rule_of.eq("full_or_nothing"),
                                                                                 by_rank))
    if policy == "zero":
        points = points.mask(points.isna() & weight.notna() & out["status"].isin((NO_DATA, PENDING_REVIEW)), 0.0)
    out["score"] = points.astype("float64")
    rank_in = pd.Series(pd.array([pd.NA] * len(out), dtype="Int64"), index=out.index)
    rank_in[ranks.index] = ranks.astype("int64")
    out["rank_in_indicator"] = rank_in
    return out


def _counts(weighted: pd.DataFrame) -> pd.DataFrame:
    """Per unit: the weights and the counts the totals and the adjustments need."""
    stretch = weighted["stretch_met"].fillna(False).astype(bool) if "stretch_met" in weighted else False
    has = weighted["score"].notna()
    parts = pd.DataFrame({
        "region_code": weighted["region_code"], "weight_total": weighted["weight"],
        "weight_scored": weighted["weight"].where(has, 0.0), "raw": weighted["score"].where(has, 0.0),
        "indicators_scored": has.astype(int),
        "indicators_missing": weighted["status"].isin((NO_DATA, PENDING_REVIEW)).astype(int),
        "indicators_no_target": weighted["status"].eq(NO_TARGET).astype(int),
        "stretch_met": stretch if isinstance(stretch, bool) else stretch.astype(int),
        "seriously_behind": weighted["status"].eq(SERIOUSLY_BEHIND).astype(int),
        "blocked": weighted["status"].eq(PENDING_REVIEW).astype(int),
    })
    return parts.groupby("region_code", sort=False).sum()


def _adjust(counts: dict, item: Adjustment, manual: dict) -> float:
    if item.source == "manual":
        value = float(manual.get(item.code, 0.0) or 0.0)
    else:  # stretch_met, seriously_behind, blocked: points per row
        value = item.points * int(counts.get(item.source, 0))
    return min(max(value, 0.0), item.max)


def score(rows: pd.DataFrame, scheme: ScoringScheme, *, previous: pd.DataFrame | None = None,
          adjustments: dict | None = None, missing_policy: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score assessment rows and total, rank and grade the counties.

    Parameters
    ----------
    rows : pandas.DataFrame
        From :func:`workbench.models.assessment.engine.assess`.
    scheme : ScoringScheme
    previous : pandas.DataFrame, optional
        The counties of the previous assessment (``region_code, rank``), for ``rank_change``.
    adjustments : dict, optional
        Manual bonus and deduction points: ``{region_code: {item code: points}}``.
    missing_policy : str, optional
        ``"exclude"`` or ``"zero"``; default ``rows.attrs["missing_policy"]``, else exclude.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The rows with ``weight, score_basis, score, rank_in_indicator`` added (the city and
        unweighted indicators get no score), and one row per scored unit with
        :data:`COUNTY_COLUMNS`: ``rank`` counts from 1, ties share the smallest rank;
        ``rank_change`` is previous rank − rank (positive: moved up).
    """
    policy = missing_policy or rows.attrs.get("missing_policy") or "exclude"
    if policy not in ("exclude", "zero"):
        raise ScoringSchemeError(f"缺数据计分方式应为 exclude 或 zero，而不是 {policy!r}")
    out = _score_rows(rows, scheme, policy)
    manual = adjustments or {}
    level = out["level"] if "level" in out else pd.Series("county", index=out.index)
    units = out.loc[level.isin(SCORED_LEVELS), ["region_code", "region_name"]].drop_duplicates("region_code")
    records = []
    counts = _counts(out[out["weight"].notna()]).to_dict("index")
    empty = {"weight_total": 0.0, "weight_scored": 0.0, "raw": 0.0}
    for code, name in units.itertuples(index=False):
        c = counts.get(code, empty)
        # the full weight, spread over the indicators that scored (无目标 never scores)
        weight_total, weight_scored = float(c["weight_total"]), float(c["weight_scored"])
        base = float(c["raw"]) * weight_total / weight_scored if weight_scored > 0 else math.nan
        bonus = deduction = 0.0
        parts = []
        for item in scheme.adjustments:
            value = _adjust(c, item, manual.get(code, {}))
            if value:
                parts.append(f"{item.name}{'+' if item.kind == 'bonus' else '-'}{value:g}")
            if item.kind == "bonus":
                bonus += value
            else:
                deduction += value
        total = round(max(base + bonus - deduction, 0.0), scheme.decimals) if not math.isnan(base) else math.nan
        records.append({
            "region_code": code, "region_name": name, "total_score": total, "grade": scheme.grade(total),
            "base_score": round(base, scheme.decimals) if not math.isnan(base) else math.nan,
            "bonus": bonus, "deduction": deduction, "weight_scored": weight_scored, "weight_total": weight_total,
            "indicators_scored": int(c.get("indicators_scored", 0)),
            "indicators_missing": int(c.get("indicators_missing", 0)),
            "indicators_no_target": int(c.get("indicators_no_target", 0)),
            "adjustments": "；".join(parts),
        })
    counties = pd.DataFrame(records, columns=[c for c in COUNTY_COLUMNS if c not in ("rank", "rank_change")])
    for column in ("total_score", "base_score", "bonus", "deduction", "weight_scored", "weight_total"):
        counties[column] = counties[column].astype("float64")
    counties["rank"] = counties["total_score"].rank(ascending=False, method="min").astype("Int64")
    change = pd.array([pd.NA] * len(counties), dtype="Int64")
    if previous is not None and len(previous):
        before = dict(zip(previous["region_code"], previous["rank"]))
        change = pd.array([before.get(c) - r if not (_isnan(before.get(c)) or r is pd.NA) else pd.NA
                           for c, r in zip(counties["region_code"], counties["rank"])], dtype="Int64")
    counties["rank_change"] = change
    counties = counties[COUNTY_COLUMNS]
    order = counties["rank"].astype("float64").fillna(math.inf)
    counties = counties.iloc[np.argsort(order.to_numpy(), kind="stable")].reset_index(drop=True)
    out.attrs = dict(rows.attrs)
    return out, counties
