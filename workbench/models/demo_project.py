"""The prepared demo project, built from the demo workbooks bundled in ``resources/demo/``.

Every departmental workbook of every quarter is imported through
:func:`workbench.models.importing.import_files`, as a user would import them, so the
project holds the figures with their provenance, one automatic template per department
and layout, and no layout drift waiting for review (the 2020 layout changes of the demo
data are accepted, ``accept_drift=True``). The county target decomposition is not a
departmental report: it is imported as the project's county targets
(:func:`workbench.models.targets.import_targets`, import status ``targets``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from workbench.models.plan import DEFAULT_PLAN_ID, load_plan
from workbench.models.resources import resource
from workbench.models.store import Project, ProjectError, ProjectExists

DEMO_NAME = "示例项目.wbproj"
_BUILD = "imported-3"  # 3: the target decomposition is read into the targets  # bump when the way the demo project is built changes, so old copies are rebuilt


def demo_manifest() -> dict:
    """The manifest the demo generator wrote next to the bundled workbooks."""
    return json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8"))


def demo_workbooks() -> list[tuple[Path, dict]]:
    """Every bundled demo workbook as (path, manifest entry), the target decomposition last."""
    manifest = demo_manifest()
    entries = [*manifest["files"], manifest["targets"]]
    return [(Path(str(resource("demo", *entry["path"].split("/")))), entry) for entry in entries]


def _demo_version() -> str:
    return hashlib.sha256(resource("demo", "manifest.json").read_bytes()).hexdigest()[:16] + "-" + _BUILD


def build_demo_project(out: Path, overwrite: bool = False) -> Path:
    """Write the prepared demo project to ``out`` and return its path.

    The project is built under a temporary name and moved into place at the end, so a
    failure leaves no half-written file and never touches an existing one.

    Raises
    ------
    ProjectExists
        When ``out`` exists and ``overwrite`` is false.
    """
    out = Path(out)
    if out.exists() and not overwrite:
        raise ProjectExists(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        with Project.create(partial, DEFAULT_PLAN_ID) as project:
            _import_demo(project)
        os.replace(partial, out)
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    return out


def _import_demo(project: Project) -> None:
    from workbench.models.importing import finish, import_files
    from workbench.models.mapping import IndicatorMatcher
    from workbench.models.regions import RegionResolver, load_regions

    plan = load_plan(DEFAULT_PLAN_ID)
    files = demo_workbooks()
    workbooks = [path for path, entry in files if entry["path"].startswith("workbooks/")]
    results = finish(import_files(project, workbooks, plan, RegionResolver(load_regions()), IndicatorMatcher(plan),
                                  accept_drift=True))
    failed = [r for r in results if not r.handled]
    if failed:
        raise ProjectError(f"示例报表导入失败：{failed[0].message}")
    from workbench.models.targets import import_targets

    with project.transaction():
        project.set_setting("demo_version", _demo_version())
        for path, entry in files:
            if entry["path"].startswith("workbooks/"):
                continue
            result = import_targets(project, path, plan, RegionResolver(load_regions()), IndicatorMatcher(plan))
            if not result.stored:
                raise ProjectError(f"示例目标分解表导入失败：{result.message}")


def ensure_demo_project(folder: Path) -> Path:
    """The demo project in ``folder``, rebuilt when missing or made from older demo data."""
    path = Path(folder) / DEMO_NAME
    if path.exists():
        try:
            with Project.open(path) as project:
                if project.get_setting("demo_version") == _demo_version():
                    return path
        except ProjectError:
            pass  # an unusable demo file is simply rebuilt: it holds nothing of the user's
    return build_demo_project(path, overwrite=True)
