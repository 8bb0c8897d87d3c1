"""Project work that runs in a :class:`~workbench.views.worker.Worker`, on its own connection.

An SQLite connection belongs to the thread that opened it, so the main window's
:class:`~workbench.models.store.Project` cannot be handed to a pool thread. These
functions open the same project file again in the worker's thread (SQLite's WAL lets
the window keep reading meanwhile), run the core function and close it. Each core
function commits file by file (or in one transaction), so what the window reads once
the job is over is what was stored. Nothing here touches a widget.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from workbench.models.importing import ImportResult, import_files
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import Plan
from workbench.models.regions import RegionResolver
from workbench.models.remapping import remap_import
from workbench.models.store import Project


def import_into(project_path: str | os.PathLike, paths: Iterable[str | os.PathLike], plan: Plan,
                resolver: RegionResolver, matcher: IndicatorMatcher,
                should_stop: Callable[[], bool] | None = None, accept_drift: bool = False):
    """:func:`~workbench.models.importing.import_files` on a connection of the calling thread.

    Yields ``(done, total, message)``; returns the list of ImportResult (also when stopped).
    """
    project = Project.open(project_path)
    try:
        return (yield from import_files(project, paths, plan, resolver, matcher, should_stop,
                                        accept_drift=accept_drift))
    finally:
        project.close()


def remap_in(project_path: str | os.PathLike, import_id: int, plan: Plan, resolver: RegionResolver,
             matcher: IndicatorMatcher, should_stop: Callable[[], bool] | None = None) -> ImportResult:
    """:func:`~workbench.models.remapping.remap_import` on a connection of the calling thread."""
    with Project.open(project_path) as project:
        return remap_import(project, import_id, plan, resolver, matcher, should_stop=should_stop)
