"""The prepared demo project (every demo workbook of every quarter imported), built once per
test session; each test works on its own copy, since explanations and rules change it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workbench.models.demo_project import build_demo_project
from workbench.models.resources import resource
from workbench.models.store import Project


@pytest.fixture(scope="session")
def demo_project_file(tmp_path_factory) -> Path:
    return build_demo_project(tmp_path_factory.mktemp("demo-project") / "示例项目.wbproj")


@pytest.fixture
def demo_project(demo_project_file, tmp_path):
    """An open copy of the demo project, closed after the test."""
    path = tmp_path / demo_project_file.name
    shutil.copy(demo_project_file, path)
    project = Project.open(path)
    yield project
    project.close()


def planted(kind: str) -> dict:
    """The first planted problem of this kind in the demo manifest."""
    manifest = json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8"))
    return next(p for p in manifest["problems"] if p["kind"] == kind)


def cell_rc(cell: str) -> tuple[int, int]:
    """(row, column), zero-based, of an A1 address."""
    letters = "".join(ch for ch in cell if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(cell[len(letters):]) - 1, col - 1
