"""The demo project's report context at 2019-09, made once for the export tests."""

import pytest

from workbench.models.exports.context import ReportOptions, report_context
from workbench.models.plan import load_plan
from workbench.models.regions import load_regions
from workbench.models.store import Project


@pytest.fixture(scope="session")
def demo_context(demo_project_file):
    """The report context of the demo project at 2019-09 (all counties and indicators)."""
    with Project.open(demo_project_file) as project:
        return report_context(project, load_plan(project.plan_id), load_regions(), ReportOptions("2019-09"))
