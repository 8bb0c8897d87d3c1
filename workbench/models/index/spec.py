"""What a composite index is computed with: :class:`IndexSpec`, and its parsing from CLI words.

The steps follow the JRC/OECD handbook and COINr's order: denominate → impute → treat
outliers → normalise → weight and aggregate level by level → rank. Each step has a "do
nothing" choice, so a spec can switch any of them off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workbench.models.index.errors import IndexSpecError

IMPUTATIONS = {"none": "不插补", "mean": "指标均值", "group-mean": "组均值", "previous": "上期值"}
TREATMENTS = {"none": "不处理", "winsor": "缩尾（不行则对数变换）"}
NORMALISATIONS = {
    "minmax": "最小-最大（0-100）",
    "zscore": "标准分数（z-score）",
    "rank": "排序",
    "target": "距目标",
    "goalposts": "门槛值（goalposts）",
    "base": "基期=100",
}
AGGREGATIONS = {"arithmetic": "加权算术平均", "geometric": "加权几何平均"}
WEIGHTINGS = {"meta": "元数据中的权重", "equal": "等权"}


@dataclass(frozen=True)
class IndexSpec:
    """The choices of one index computation.

    Attributes
    ----------
    denominate : bool
        Divide each indicator by its ``Denominator`` column (per capita, per GDP …).
    impute : str
        Missing values: ``"none"`` (left missing: an aggregate is then the weighted mean of
        the children present), ``"mean"`` (the indicator's mean over all units),
        ``"group-mean"`` (its mean over the unit's group, see ``impute_group``) or
        ``"previous"`` (the unit's value in the previous period).
    impute_group : str or None
        The data column holding each unit's group, for ``"group-mean"``.
    treat : str
        Outliers: ``"none"`` or ``"winsor"`` (COINr's default: winsorise up to ``winmax``
        points while |skewness| ≥ ``skew_threshold`` and kurtosis ≥ ``kurt_threshold``;
        if that does not help, a log transform of the untreated column).
    winmax, skew_threshold, kurt_threshold : int, float, float
        The winsorisation limits.
    normalise : str
        ``"minmax"`` (0-100), ``"zscore"``, ``"rank"``, ``"target"`` (distance to the meta
        ``Target``), ``"goalposts"`` (meta ``GoalLow``/``GoalHigh``) or ``"base"`` (the base
        period = 100; the base values are passed to :func:`~workbench.models.index.engine.compute_index`).
    weights : str or Mapping
        ``"meta"`` (the meta ``Weight`` column, relative among siblings at every level),
        ``"equal"``, or a mapping code → weight overriding the meta weights of those codes.
    aggregate : str
        ``"arithmetic"`` or ``"geometric"`` weighted mean, at every level.
    """

    denominate: bool = True
    impute: str = "none"
    impute_group: str | None = None
    treat: str = "none"
    winmax: int = 5
    skew_threshold: float = 2.0
    kurt_threshold: float = 3.5
    normalise: str = "minmax"
    weights: str | Mapping = "meta"
    aggregate: str = "arithmetic"

    def __post_init__(self):
        _check_choice(self.impute, IMPUTATIONS, "缺失值处理方法")
        _check_choice(self.treat, TREATMENTS, "异常值处理方法")
        _check_choice(self.normalise, NORMALISATIONS, "标准化方法")
        _check_choice(self.aggregate, AGGREGATIONS, "加总方法")
        if self.impute == "group-mean" and not self.impute_group:
            raise IndexSpecError("按组均值插补须指定分组列（如 group-mean:EurAsia_group）。")
        if isinstance(self.weights, str):
            _check_choice(self.weights, WEIGHTINGS, "权重方案")
        elif not isinstance(self.weights, Mapping):
            raise IndexSpecError("权重须为 meta、equal 或“代码→权重”的对应表。")
        if isinstance(self.winmax, bool) or not isinstance(self.winmax, int) or self.winmax < 1:
            raise IndexSpecError(f"最多缩尾点数须为正整数，而不是“{self.winmax}”。")
        if not self.skew_threshold > 0 or not self.kurt_threshold > 0:
            raise IndexSpecError("偏度和峰度阈值须为正数。")

    def describe(self) -> str:
        """The choices in one Chinese line, for titles and logs."""
        impute = IMPUTATIONS[self.impute] + (f"（{self.impute_group}）" if self.impute == "group-mean" else "")
        treat = f"缩尾（最多 {self.winmax} 个点）" if self.treat == "winsor" else TREATMENTS[self.treat]
        weights = WEIGHTINGS.get(self.weights, "自定义权重") if isinstance(self.weights, str) else "自定义权重"
        return "；".join([
            "按分母折算" if self.denominate else "不折算", f"缺失值：{impute}", f"异常值：{treat}",
            f"标准化：{NORMALISATIONS[self.normalise]}", f"权重：{weights}", f"加总：{AGGREGATIONS[self.aggregate]}",
        ])

    def as_dict(self) -> dict:
        """The spec as plain JSON-able values."""
        weights = self.weights if isinstance(self.weights, str) else {str(k): float(v) for k, v in self.weights.items()}
        return {"denominate": self.denominate, "impute": self.impute, "impute_group": self.impute_group,
                "treat": self.treat, "winmax": self.winmax, "skew_threshold": self.skew_threshold,
                "kurt_threshold": self.kurt_threshold, "normalise": self.normalise, "weights": weights,
                "aggregate": self.aggregate}


def _check_choice(value, choices: Mapping, what: str) -> None:
    if value not in choices:
        raise IndexSpecError(f"未知的{what}“{value}”，可选：{'、'.join(choices)}。")


def parse_impute(text: str) -> tuple[str, str | None]:
    """``"none"``, ``"mean"``, ``"previous"`` or ``"group-mean:COLUMN"`` → (method, group column).

    Raises
    ------
    IndexSpecError
        For any other word, or ``group-mean`` without a column.
    """
    word, _, column = (text or "").strip().partition(":")
    word = word.strip().lower()
    if word == "group-mean":
        if not column.strip():
            raise IndexSpecError("按组均值插补须写明分组列，如 group-mean:EurAsia_group。")
        return word, column.strip()
    if column:
        raise IndexSpecError(f"缺失值处理“{text}”不接受冒号后的参数（只有 group-mean:列名 需要）。")
    _check_choice(word, IMPUTATIONS, "缺失值处理方法")
    return word, None


def parse_treat(text: str) -> tuple[str, int]:
    """``"none"`` or ``"winsor:N"`` (``"winsor"`` alone: N = 5) → (method, winmax)."""
    word, _, number = (text or "").strip().partition(":")
    word = word.strip().lower()
    if word == "none" and not number:
        return "none", 5
    if word != "winsor":
        raise IndexSpecError(f"未知的异常值处理方法“{text}”，可选：none、winsor:N（N 为最多缩尾点数）。")
    if not number.strip():
        return "winsor", 5
    try:
        winmax = int(number)
    except ValueError:
        raise IndexSpecError(f"winsor:N 中的 N 须为正整数，而不是“{number}”。") from None
    if winmax < 1:
        raise IndexSpecError(f"winsor:N 中的 N 须为正整数，而不是“{number}”。")
    return "winsor", winmax


def spec_from_words(*, impute: str = "none", treat: str = "none", normalise: str = "minmax",
                    aggregate: str = "arithmetic", weights: str = "meta", denominate: bool = True) -> IndexSpec:
    """An :class:`IndexSpec` from the CLI's words (``group-mean:COLUMN``, ``winsor:5`` …).

    Raises
    ------
    IndexSpecError
        With a Chinese message naming the word that is not understood.
    """
    method, group = parse_impute(impute)
    treatment, winmax = parse_treat(treat)
    return IndexSpec(denominate=denominate, impute=method, impute_group=group, treat=treatment, winmax=winmax,
                     normalise=(normalise or "").strip().lower(), aggregate=(aggregate or "").strip().lower(),
                     weights=(weights or "").strip().lower())
