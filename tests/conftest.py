"""Shared test setup: no screen needed, and nothing a test does reaches the user's own files.

Deliberately imports no Qt: the core's tests must be able to check that importing
``workbench.models`` loads no PySide6.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def workbench_home(tmp_path_factory, monkeypatch):
    """Point ``WORKBENCH_HOME`` at a fresh folder for every test.

    ``workbench.locations`` puts settings (``workbench.ini``), data, logs and the default
    projects folder under it, and ``workbench.settings`` looks the INI file up on every
    call, so the user's settings and recent projects are never read or written.
    """
    # Not inside tmp_path: tests that list their own tmp_path must see only their files.
    home = tmp_path_factory.mktemp("workbench-home")
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def demo_project_file(tmp_path_factory) -> Path:
    """The prepared demo project (every demo workbook of every quarter imported), built once."""
    from workbench.models.demo_project import build_demo_project

    return build_demo_project(tmp_path_factory.mktemp("demo-project") / "示例项目.wbproj")


@pytest.fixture
def demo_project(demo_project_file, tmp_path):
    """An open copy of the demo project (tests change it), closed after the test."""
    from workbench.models.store import Project

    path = tmp_path / demo_project_file.name
    shutil.copy(demo_project_file, path)
    project = Project.open(path)
    yield project
    project.close()
