"""The growth index page's periods and its background jobs.

:func:`compute_index_job` runs in a :class:`~workbench.views.worker.Worker`: it opens the
project again on the worker's own thread (an SQLite connection stays in the thread that
opened it), computes :func:`~workbench.models.index.project_index.project_index` and closes
it. The robustness analysis needs no project: it resamples the finished
:class:`~workbench.models.index.project_index.ProjectIndex` (see
:func:`workbench.models.index.index_report.robustness`). Nothing here touches a widget.
"""

from __future__ import annotations

import os

from workbench.models.index.index_data import IndexPeriod


def index_periods(plan, base_year: int) -> list[IndexPeriod]:
    """The periods the picker offers, oldest first: 1-3月, 1-6月, 1-9月 and the whole year of
    every plan year from the base year on."""
    first, last = int(plan.period_start[:4]), int(plan.period_end[:4])
    out = []
    for year in range(max(first, base_year), last + 1):
        out += [IndexPeriod(year, m) for m in (3, 6, 9)]
        out.append(IndexPeriod(year, 12, True))
    return out


def latest_period(project, plan, base_year: int) -> str | None:
    """The key of the newest period the project has figures for (a year once its December is in)."""
    from workbench.views.assessment_jobs import latest_data_quarter

    at = latest_data_quarter(project, plan)
    if at is None:
        return None
    year, month = int(at[:4]), int(at[5:7])
    if year < base_year:
        return None
    return str(year) if month == 12 else f"{year}-{month:02d}"


def compute_index_job(project_path: str | os.PathLike, plan, regions, period: str):
    """:func:`project_index` on a connection of the calling thread.

    Yields ``(done, total, message)``; returns the ProjectIndex.
    """
    from workbench.models.index.project_index import project_index
    from workbench.models.store import Project

    yield 0, 1, "正在计算成长指数…"
    with Project.open(project_path) as project:
        result = project_index(project, plan, regions, period)
    yield 1, 1, "计算完成"
    return result
