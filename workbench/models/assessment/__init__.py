"""Targets against actual figures: completion, 序时进度, status, scores and ranks (issue 5).

* :mod:`.settings`: :class:`AssessmentSettings` (status bands, 左右 tolerance, missing data);
* :mod:`.engine`: :func:`assess`, a pure function on DataFrames;
* :mod:`.scoring`: the scoring scheme (TOML) and :func:`score`;
* :mod:`.project_assessment`: :func:`assess_project` on an open project;
* :mod:`.assessment_xlsx`: :func:`write_assessment_xlsx`.
"""

from workbench.models.assessment.engine import COLUMNS, AssessmentError, assess, index_observations
from workbench.models.assessment.settings import STATUS_TONES, STATUSES, AssessmentSettings

__all__ = ["COLUMNS", "STATUSES", "STATUS_TONES", "AssessmentError", "AssessmentSettings", "assess",
           "index_observations"]
