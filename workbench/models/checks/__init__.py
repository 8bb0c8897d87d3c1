"""The checks (审核): rules over the current figures, findings stored in the project.

* :mod:`.rules` loads the rule definitions (``resources/checks/rules.toml``) and a user's
  overrides; rules and thresholds are data.
* :func:`run_checks` (:mod:`.engine`) applies every enabled rule to a DataFrame of figures
  with their provenance and returns :class:`Finding` objects; one module per rule family:
  :mod:`.totals` (county sum), :mod:`.coverage` (counties present once, missing values),
  :mod:`.series` (year-to-date falls, history jumps, unit slips), :mod:`.bounds` ("其中"
  items, shares), :mod:`.agreement` (two departments).
* :mod:`.project` runs them on a project, keeps explanations across runs, and tells the
  assessment which figures are blocked.

Two tiers (DOMAIN.md §6): an *error* must be fixed, or overridden with a written
explanation, before the figure may be assessed; a *warning* must be confirmed with an
explanation.
"""

from workbench.models.checks.engine import run_checks
from workbench.models.checks.findings import (
    STATUS_CONFIRMED,
    STATUS_OPEN,
    STATUS_OVERRIDDEN,
    STATUS_RESOLVED,
    STATUSES,
    Finding,
    finding_key,
)
from workbench.models.checks.project import (
    ExplanationRequired,
    FindingError,
    FindingNotFound,
    blocking,
    check_project,
    explain,
    stored_findings,
    withdraw_explanation,
)
from workbench.models.checks.rules import Rule, RulesError, RuleSet, load_rules, rules_override

__all__ = [
    "STATUSES",
    "ExplanationRequired",
    "FindingError",
    "FindingNotFound",
    "blocking",
    "check_project",
    "explain",
    "stored_findings",
    "withdraw_explanation",
    "STATUS_CONFIRMED",
    "STATUS_OPEN",
    "STATUS_OVERRIDDEN",
    "STATUS_RESOLVED",
    "Finding",
    "Rule",
    "RuleSet",
    "RulesError",
    "finding_key",
    "load_rules",
    "rules_override",
    "run_checks",
]
