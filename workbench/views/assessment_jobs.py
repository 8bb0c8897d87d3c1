"""The assessment's periods and the background job that assesses a project with its history.

:func:`assess_with_history` runs in a :class:`~workbench.views.worker.Worker`: it opens
the project again on the worker's own thread (an SQLite connection stays in the thread
that opened it), calls :func:`~workbench.models.assessment.project_assessment.assess_project`
for the chosen month with the previous quarter for comparison, then for every earlier
quarter end of the plan, so a cell's detail can draw its history. Nothing here touches
a widget. The period helpers say which months the picker offers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from workbench.models.assessment.project_assessment import Assessment, assess_project

QUARTER_NAMES = {3: "一季度末", 6: "二季度末", 9: "三季度末", 12: "年末"}
_MONTH = re.compile(r"^\s*(\d{4})\s*(?:[-./年]\s*)?(\d{1,2})\s*月?\s*(?:（.*）)?\s*$")


def _index(at: str) -> int:
    year, month = (int(x) for x in at.split("-"))
    return year * 12 + month - 1


def _text(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


def plan_months(plan) -> list[str]:
    """Every month of the plan's period, ``YYYY-MM``, oldest first."""
    return [_text(i) for i in range(_index(plan.period_start), _index(plan.period_end) + 1)]


def quarter_ends(plan) -> list[str]:
    """The quarter ends of the plan's period (2018-03 … 2020-12)."""
    return [m for m in plan_months(plan) if int(m[-2:]) % 3 == 0]


def month_label(at: str) -> str:
    """'2019-09' → '2019年9月（三季度末）'; other months without the bracket."""
    year, month = (int(x) for x in at.split("-"))
    quarter = QUARTER_NAMES.get(month)
    return f"{year}年{month}月" + (f"（{quarter}）" if quarter else "")


def parse_month_text(text: str, plan=None) -> str | None:
    """A month typed by the user ("2019-8", "2019年8月", "201908") as ``YYYY-MM``; None if unusable.

    With ``plan``, a month outside the plan's period is refused too.
    """
    match = _MONTH.match(str(text))
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return None
    at = f"{year}-{month:02d}"
    if plan is not None and not _index(plan.period_start) <= _index(at) <= _index(plan.period_end):
        return None
    return at


def previous_quarter_end(at: str, plan) -> str | None:
    """The last quarter end before ``at`` within the plan (None before the first quarter's end)."""
    earlier = [m for m in quarter_ends(plan) if _index(m) < _index(at)]
    return earlier[-1] if earlier else None


def history_months(at: str, plan) -> list[str]:
    """The quarter ends of the plan up to ``at``, and ``at`` itself when it is not one."""
    months = [m for m in quarter_ends(plan) if _index(m) <= _index(at)]
    if at not in months:
        months.append(at)
    return months


def latest_data_quarter(project, plan) -> str | None:
    """The latest quarter end of the plan for which the project holds any figure."""
    row = project.db.execute(
        "SELECT MAX(year * 12 + last_month - 1) FROM current_observations WHERE last_month IS NOT NULL").fetchone()
    if row is None or row[0] is None:
        return None
    newest = int(row[0])
    ends = [m for m in quarter_ends(plan) if _index(m) <= newest]
    return ends[-1] if ends else None


def project_state(project) -> tuple:
    """What an assessment depends on: the figures, the targets and the assessment settings."""
    figures = project.db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM current_observations").fetchone()
    targets = project.db.execute("SELECT COUNT(*), TOTAL(value), GROUP_CONCAT(source) FROM targets").fetchone()
    findings = project.db.execute("SELECT COUNT(*), GROUP_CONCAT(status) FROM findings").fetchone()
    settings = project.db.execute("SELECT GROUP_CONCAT(key || '=' || value) FROM settings WHERE key IN "
                                  "('scoring_scheme', 'assessment_settings', 'qualitative_notes', "
                                  "'score_adjustments')").fetchone()
    return tuple(figures), tuple(targets), tuple(findings), tuple(settings)


@dataclass
class AssessmentRun:
    """An assessment with the rows of the quarters before it (``history``, column ``at`` added)."""

    assessment: Assessment
    history: pd.DataFrame


def stack_history(parts: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """The rows of several assessments in one frame, oldest first, with their month in ``at``."""
    keep = ["indicator_code", "region_code", "actual", "target", "completion", "time_progress", "status", "score",
            "kind", "unit"]
    frames = [rows[[c for c in keep if c in rows]].assign(at=at) for at, rows in parts if rows is not None]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*keep, "at"])


def _assess_at(project_path, plan, regions, at: str, previous_at: str | None = None) -> Assessment:
    from workbench.models.store import Project

    with Project.open(project_path) as project:
        return assess_project(project, plan, regions, at, previous_at=previous_at)


def assess_with_history(project_path: str | os.PathLike, plan, regions, at: str, previous_at: str | None = None,
                        with_history: bool = True, should_stop: Callable[[], bool] | None = None):
    """Assess the project at ``project_path`` at ``at`` (with ``previous_at``) and at every earlier quarter end.

    Yields ``(done, total, message)``; returns an :class:`AssessmentRun` (None when stopped). The
    project is opened for each month and closed before the next yield, so a run abandoned
    between two steps holds no connection.
    """
    months = history_months(at, plan) if with_history else [at]
    total = len(months) + 1
    stop = should_stop or (lambda: False)
    yield 0, total, f"正在计算 {month_label(at)} 的考核结果…"
    assessment = _assess_at(project_path, plan, regions, at, previous_at)
    known = {at: assessment.rows}
    if assessment.previous is not None and previous_at:
        known[previous_at] = assessment.previous.rows
    parts = []
    for done, month in enumerate(months, start=1):
        if stop():
            return None
        if month not in known:
            yield done, total, f"正在计算 {month_label(month)} 的结果（历史走势）…"
            known[month] = _assess_at(project_path, plan, regions, month).rows
        parts.append((month, known[month]))
    yield total, total, "计算完成"
    return AssessmentRun(assessment, stack_history(parts))
