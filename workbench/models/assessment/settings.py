"""The settings of an assessment: status bands, the 左右 tolerance, how missing data is scored.

Every threshold the status words depend on is here, so a bureau can change them without
touching code; the project keeps its own copy under the setting
:data:`SETTINGS_KEY` (a dict, see :meth:`AssessmentSettings.from_dict`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from workbench.models.errors import WorkbenchError

SETTINGS_KEY = "assessment_settings"  # project setting: a dict of AssessmentSettings fields

# Status words, in the order a reader ranks them (best first).
DONE = "已完成"
AHEAD = "超进度"
ON_TRACK = "达进度"
BEHIND = "欠进度"
SERIOUSLY_BEHIND = "严重滞后"
NOT_DONE = "未完成"  # a qualitative aim not (yet) reached
NO_DATA = "无数据"
NO_TARGET = "无目标"
PENDING_REVIEW = "待审核"  # the figure has an open check error

STATUSES = (DONE, AHEAD, ON_TRACK, BEHIND, SERIOUSLY_BEHIND, NOT_DONE, NO_DATA, NO_TARGET, PENDING_REVIEW)
# A traffic light per status, for views and exports: green, amber, red, or grey (no verdict).
STATUS_TONES = {
    DONE: "green", AHEAD: "green", ON_TRACK: "green", BEHIND: "amber",
    SERIOUSLY_BEHIND: "red", NOT_DONE: "red", NO_DATA: "grey", NO_TARGET: "grey", PENDING_REVIEW: "grey",
}  # fmt: skip
# Statuses that carry no verdict: the row is not scored (see scoring.score and missing_policy).
UNSCORED = (NO_DATA, NO_TARGET, PENDING_REVIEW)

MISSING_POLICIES = {
    "exclude": "缺数据的指标不计分，其权重按比例分摊到其余指标",
    "zero": "缺数据的指标记 0 分",
}


class AssessmentSettingsError(WorkbenchError, ValueError):
    """Settings that cannot be used; the message names the field."""


@dataclass(frozen=True)
class AssessmentSettings:
    """Thresholds of the status words and the treatment of missing data.

    Attributes
    ----------
    ahead_pp : float
        An amount target is 超进度 when completion − 序时进度 ≥ this many percentage points
        (default 5), 达进度 when it is ≥ 0 and below that.
    seriously_behind_pp : float
        欠进度 when short of 序时进度 by less than this (default 10 pp), 严重滞后 from here on.
    rate_ahead_pp : float
        A rate target (growth, share) met with at least this margin is 超进度 (default 5 pp).
    rate_seriously_behind_pp : float
        A rate target missed by at least this many points is 严重滞后, by less 欠进度 (default 5).
    about_tolerance_pp : float or None
        The band of 左右: percentage points for rates, per cent of the target for amounts.
        None takes the plan's ``about_tolerance_pp``.
    about_above_passes : bool
        True (default): a figure above the 左右 band counts as met (the plan's aims are
        floors: more growth is never a failure). False: only figures inside the band pass.
    missing_policy : str
        ``"exclude"`` (default): a missing figure stays missing and its weight is spread over
        the indicators that have one; ``"zero"``: it scores 0.
    equal_tolerance : float
        Relative rounding tolerance of the comparator ``=`` (default 1e-9).
    """

    ahead_pp: float = 5.0
    seriously_behind_pp: float = 10.0
    rate_ahead_pp: float = 5.0
    rate_seriously_behind_pp: float = 5.0
    about_tolerance_pp: float | None = None
    about_above_passes: bool = True
    missing_policy: str = "exclude"
    equal_tolerance: float = 1e-9

    def __post_init__(self):
        for name in ("ahead_pp", "seriously_behind_pp", "rate_ahead_pp", "rate_seriously_behind_pp",
                     "equal_tolerance"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) \
                    or value < 0:
                raise AssessmentSettingsError(f"考核设置 {name} 应为不小于 0 的数值，而不是 {value!r}")
        tol = self.about_tolerance_pp
        if tol is not None and (isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0):
            raise AssessmentSettingsError(f"考核设置 about_tolerance_pp 应为不小于 0 的数值，而不是 {tol!r}")
        if self.missing_policy not in MISSING_POLICIES:
            raise AssessmentSettingsError(
                f"考核设置 missing_policy 应为 {' 或 '.join(MISSING_POLICIES)}，而不是 {self.missing_policy!r}")

    def tolerance(self, plan) -> float:
        """The 左右 band in effect: this setting, or the plan's ``about_tolerance_pp``."""
        if self.about_tolerance_pp is not None:
            return float(self.about_tolerance_pp)
        return float(getattr(plan, "about_tolerance_pp", 1.0))

    def as_dict(self) -> dict:
        """The settings as plain values (for a project setting or JSON)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict | None) -> AssessmentSettings:
        """Settings from a dict of field values; missing fields keep their defaults.

        Raises
        ------
        AssessmentSettingsError
            On an unknown key or an unusable value.
        """
        values = dict(values or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise AssessmentSettingsError(f"考核设置中有未知的项：{', '.join(unknown)}（可用：{', '.join(sorted(known))}）")
        return cls(**values)

    def replace(self, **changes) -> AssessmentSettings:
        """A copy with ``changes`` applied (validated like a new instance)."""
        return replace(self, **changes)
