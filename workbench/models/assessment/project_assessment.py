"""The assessment of an open project: its current figures, its targets, its open check errors.

:func:`assess_project` is what the GUI and ``workbench assess`` call. It reads the figures
that count now (``observations(current=True)``, with the workbook names for provenance), the
county targets, the project's settings, and the open errors of the checks: a row that uses a
figure with an open error is 待审核 and not scored until the error is fixed or overridden.

Project settings read here (all optional):

* ``assessment_settings``: a dict of :class:`AssessmentSettings` fields;
* ``scoring_scheme``: the TOML text of an edited scoring scheme (else the plan's default);
* ``qualitative_notes``: a list of ``{indicator, region, done, note, at}`` for the yes/no aims;
* ``score_adjustments``: ``{region_code: {item code: points}}`` for manual bonus and deductions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from workbench.models.assessment.engine import assess, index_observations, month_text, parse_month
from workbench.models.assessment.scoring import SCHEME_KEY, ScoringScheme, default_scheme_path, load_scheme, score
from workbench.models.assessment.settings import PENDING_REVIEW, SETTINGS_KEY, AssessmentSettings

NOTES_KEY = "qualitative_notes"
ADJUSTMENTS_KEY = "score_adjustments"


@dataclass
class Assessment:
    """The result of one assessment.

    Attributes
    ----------
    at : str
        ``YYYY-MM``.
    rows : pandas.DataFrame
        One row per indicator × unit (see :data:`workbench.models.assessment.engine.COLUMNS`)
        plus ``weight, score_basis, score, rank_in_indicator``.
    counties : pandas.DataFrame
        Totals, ranks and grades (see :data:`workbench.models.assessment.scoring.COUNTY_COLUMNS`).
    previous : Assessment or None
        The assessment at ``previous_at`` (without a previous of its own), for comparison.
    blocked : pandas.DataFrame
        The rows that are 待审核 because of open check errors (a subset of ``rows``).
    scheme : ScoringScheme
    settings : AssessmentSettings
    """

    at: str
    rows: pd.DataFrame
    counties: pd.DataFrame
    previous: Assessment | None
    blocked: pd.DataFrame
    scheme: ScoringScheme
    settings: AssessmentSettings = field(default_factory=AssessmentSettings)


def project_scheme(project, plan) -> ScoringScheme:
    """The project's edited scheme (setting ``scoring_scheme``) or the plan's shipped one."""
    text = project.get_setting(SCHEME_KEY)
    if text:
        return load_scheme(str(text))
    return load_scheme(default_scheme_path(plan.id))


def project_settings(project) -> AssessmentSettings:
    """The project's :class:`AssessmentSettings` (setting ``assessment_settings``)."""
    return AssessmentSettings.from_dict(project.get_setting(SETTINGS_KEY) or {})


def project_observations(project) -> pd.DataFrame:
    """The figures that count now, with ``file`` (the workbook's name) for provenance."""
    frame = project.observations(current=True)
    names = {row["id"]: row["name"] for row in project.list_imports()}
    frame["file"] = frame["import_id"].map(names)
    return frame


def previous_quarter(at: str) -> str:
    """Three months before ``at`` (``YYYY-MM``): the previous quarterly notification."""
    year, month = parse_month(at)
    index = year * 12 + month - 1 - 3
    return month_text((index // 12, index % 12 + 1))


def _one(project, plan, regions, at, scheme, settings, observations, targets, blocked, previous):
    notes = project.get_setting(NOTES_KEY) or None
    rows = assess(observations, targets, plan, at, settings=settings, regions=regions, notes=notes, blocked=blocked)
    adjustments = project.get_setting(ADJUSTMENTS_KEY) or None
    prev_counties = previous.counties if previous is not None else None
    scored, counties = score(rows, scheme, previous=prev_counties, adjustments=adjustments,
                             missing_policy=settings.missing_policy)
    return Assessment(at=month_text(parse_month(at)), rows=scored, counties=counties, previous=previous,
                      blocked=scored[scored["status"] == PENDING_REVIEW].copy(), scheme=scheme, settings=settings)


def assess_project(project, plan, regions, at: str, *, previous_at: str | None = None,
                   scheme: ScoringScheme | None = None, settings: AssessmentSettings | None = None) -> Assessment:
    """Assess the project at the month ``at`` and score the counties.

    Parameters
    ----------
    project : workbench.models.store.Project
    plan : workbench.models.plan.Plan
    regions : workbench.models.regions.RegionTable
    at : str
        ``YYYY-MM``.
    previous_at : str, optional
        The month of the previous assessment; its ranks give ``rank_change``.
    scheme : ScoringScheme, optional
        Default: :func:`project_scheme`.
    settings : AssessmentSettings, optional
        Default: :func:`project_settings`.

    Returns
    -------
    Assessment
    """
    from workbench.models.checks.project import blocking_now

    scheme = scheme or project_scheme(project, plan)
    settings = settings or project_settings(project)
    observations = index_observations(project_observations(project), plan)  # once for both dates
    targets = project.targets()
    blocked = blocking_now(project, plan, regions)
    previous = None
    if previous_at:
        previous = _one(project, plan, regions, previous_at, scheme, settings, observations, targets, blocked, None)
    return _one(project, plan, regions, at, scheme, settings, observations, targets, blocked, previous)


def quarter_ends(plan, at: str) -> list[str]:
    """The quarter ends (``YYYY-MM``) from the plan's start up to and including ``at``'s quarter."""
    year, month = parse_month(plan.period_start)
    last = parse_month(at)
    month = month + (-month) % 3  # the first quarter end on or after the start
    out = []
    while (year, month) <= last:
        out.append(month_text((year, month)))
        year, month = (year + 1, 3) if month == 12 else (year, month + 3)
    return out


def assess_quarters(project, plan, regions, months: list[str], *, scheme: ScoringScheme | None = None,
                    settings: AssessmentSettings | None = None, blocked: set | None = None) -> list[Assessment]:
    """The assessments at each month of ``months`` (in order), each with the one before as
    ``previous``; the figures, targets and check errors are read once for all of them.

    Parameters
    ----------
    project, plan, regions
        As for :func:`assess_project`.
    months : list of str
        ``YYYY-MM``, oldest first (e.g. :func:`quarter_ends`).
    blocked : set, optional
        :func:`~workbench.models.checks.project.blocking_now`, when the caller has it already.

    Returns
    -------
    list of Assessment
    """
    from workbench.models.checks.project import blocking_now

    scheme = scheme or project_scheme(project, plan)
    settings = settings or project_settings(project)
    observations = index_observations(project_observations(project), plan)
    targets = project.targets()
    if blocked is None:
        blocked = blocking_now(project, plan, regions)
    out: list[Assessment] = []
    for month in months:
        previous = out[-1] if out else None
        if previous is not None:  # keep one level of previous, as assess_project does
            previous = Assessment(previous.at, previous.rows, previous.counties, None, previous.blocked,
                                  previous.scheme, previous.settings)
        out.append(_one(project, plan, regions, month, scheme, settings, observations, targets, blocked, previous))
    return out
