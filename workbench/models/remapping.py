"""Re-applying a mapping to an import already in the project (after the mapping was reviewed).

:func:`remap_import` reads the import's source workbook again (it must still be where it
was and hold the same content: its SHA-256 is checked), extracts its figures through the
department's template for that layout (:class:`~workbench.models.templates.TemplateMatcher`)
and the project's region aliases, and replaces the import's figures with them in ONE
transaction. The import keeps its id, status, period, layout fingerprint and history;
the result lists what changed, figure by figure (:func:`~workbench.models.history.diff_observations`).

:func:`scan_source` reads a source workbook without touching the project, for the
region labels the resolver does not know (it may run in a worker thread).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.models.errors import WorkbenchError
from workbench.models.extract import Extraction, extract_workbook
from workbench.models.figures import observation_rows
from workbench.models.history import diff_observations, stored_observations
from workbench.models.importing import STATUS_CANCELLED, ImportResult, _counts, _Importer, _Names, open_paths
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import Plan
from workbench.models.reading import ReadCancelled, ReadError, read_workbook
from workbench.models.reading.workbook import cell_address
from workbench.models.regions import RegionResolver
from workbench.models.store import sha256_of
from workbench.models.templates import Template, TemplateMatcher, find_template, get_template


class RemapError(WorkbenchError):
    """The import cannot be mapped again (its source moved or changed …); Chinese message."""


@dataclass
class SourceScan:
    """What :func:`scan_source` found: the region labels nobody knows, with their cells."""

    unknown_regions: list[dict] = field(default_factory=list)
    error: str = ""


def _source(row: dict) -> Path:
    path = Path(row["path"] or "")
    if not row["path"] or not path.is_file():
        raise RemapError(f"找不到“{row['name']}”的源文件（{row['path']}），它可能已被移动或删除；"
                         "请重新导入该文件。")
    if sha256_of(path) != row["sha256"]:
        raise RemapError(f"“{path.name}”的内容与导入时不同（文件已被修改），不能按原导入记录重新映射；"
                         "请把它作为新文件导入。")
    return path


def import_template(project, row: dict) -> Template | None:
    """The template an import is mapped by now: its department's for its layout, else the one it used."""
    template = None
    if row["fingerprint"]:
        template = find_template(project, row["department"], row["fingerprint"])
    if template is None and row["template_id"]:
        template = get_template(project, row["template_id"])
    return template


def _extract(workbook, plan: Plan, resolver: RegionResolver, matcher: IndicatorMatcher,
             template: Template | None, aliases: dict[str, str], should_stop) -> Extraction:
    resolver = resolver.with_aliases(aliases)
    if template is not None:
        resolver = resolver.with_aliases(template.regions)
        matcher = TemplateMatcher(matcher, template, plan)
    return extract_workbook(workbook, plan, resolver, matcher, should_stop=should_stop)


def unknown_regions(extraction: Extraction) -> list[dict]:
    """``[{label, sheet, cell}]`` of the region labels the resolver did not know, once per label."""
    out, seen = [], set()
    for t in extraction.tables:
        for entry in t.unknown_regions:
            if not entry.label or entry.label in seen:
                continue
            seen.add(entry.label)
            if t.orientation == "columns":
                cell = cell_address(t.region_row if t.region_row is not None else t.first_row, entry.index)
            else:
                column = t.long.region if t.long is not None else t.label_col
                cell = cell_address(entry.index, column if column is not None else t.first_col)
            out.append({"label": entry.label, "sheet": t.sheet, "cell": cell})
    return out


def scan_source(path: str | Path, sha256: str, plan: Plan, resolver: RegionResolver, matcher: IndicatorMatcher,
                template: Template | None = None, aliases: dict[str, str] | None = None,
                should_stop: Callable[[], bool] | None = None) -> SourceScan:
    """Read an import's source workbook (no project access) and list its unknown region labels.

    A file that is missing, changed since the import or unreadable gives ``error``
    (Chinese) instead of raising.
    """
    row = {"path": str(path), "name": Path(path).name, "sha256": sha256}
    try:
        workbook = read_workbook(_source(row), should_stop=should_stop)
    except (RemapError, ReadError) as exc:
        return SourceScan(error=str(exc))
    except OSError as exc:
        return SourceScan(error=f"无法读取“{row['name']}”：{exc.strerror or exc}")
    extraction = _extract(workbook, plan, resolver, matcher, template, aliases or {}, should_stop)
    return SourceScan(unknown_regions(extraction))


def remap_import(project, import_id: int, plan: Plan, resolver: RegionResolver,
                 matcher: IndicatorMatcher | None = None, *, template: Template | None = None,
                 should_stop: Callable[[], bool] | None = None) -> ImportResult:
    """Extract an import's figures again through its template and replace them.

    Parameters
    ----------
    project : Project
    import_id : int
    plan : Plan
    resolver : RegionResolver
        Extended by the project's aliases and the template's region mapping.
    matcher : IndicatorMatcher, optional
        For the columns the template does not know (a new one by default).
    template : Template, optional
        By default the department's template for the import's layout (see :func:`import_template`).
    should_stop : callable, optional
        Polled while reading; True stops with nothing changed (status ``cancelled``).

    Returns
    -------
    ImportResult
        ``changes`` lists the figures that changed.

    Raises
    ------
    RemapError
        When the import is unknown, or its source file moved or changed.
    """
    row = next(project.db.query("SELECT * FROM imports WHERE id = ?", [import_id]), None)
    if row is None:
        raise RemapError(f"找不到导入记录 #{import_id}")
    path = _source(row)
    template = template if template is not None else import_template(project, row)
    try:
        workbook = read_workbook(path, should_stop=should_stop)
    except ReadCancelled:
        return ImportResult(str(path), row["department"], status=STATUS_CANCELLED, message="已取消重新映射")
    except ReadError as exc:
        raise RemapError(str(exc)) from exc
    extraction = _extract(workbook, plan, resolver, matcher or IndicatorMatcher(plan), template, project.aliases(),
                          should_stop)
    if should_stop is not None and should_stop():
        return ImportResult(str(path), row["department"], status=STATUS_CANCELLED, message="已取消重新映射")
    rows = observation_rows(extraction)
    mapping = _Importer._mapping(extraction, template)
    mapped, unmapped = _counts(extraction)
    data = json.loads(row["layout"] or "{}")
    layout = data.get("layout") or {}
    indicators = {k: v["indicator"] for k, v in mapping["columns"].items() if v.get("indicator")}
    layout["columns"] = [{**c, "indicator": indicators.get(c["key"])} for c in layout.get("columns", [])]
    names = template.name if template is not None else None
    message = f"已按模板“{names}”重新映射，{len(rows)} 个数值" if names else f"已重新映射，{len(rows)} 个数值"
    changes = diff_observations(stored_observations(project, import_id), rows, *_Names(plan, resolver).maps())
    if changes:
        message += f"，{len(changes)} 处数值有变化"
    with project.transaction():
        project.db.execute("DELETE FROM observations WHERE import_id = ?", [import_id])
        project.add_observations(import_id, rows)
        data.update(layout=layout, mapping=mapping, unmapped=open_paths(extraction),
                    counts={"mapped": mapped, "unmapped": unmapped})
        project.db["imports"].update(import_id, {
            "template_id": template.id if template is not None else row["template_id"],
            "layout": json.dumps(data, ensure_ascii=False), "message": message})
    return ImportResult(str(path), row["department"], names, mapped, unmapped, json.loads(row["drift"] or "[]"),
                        row["status"], message, import_id,
                        len(rows), row["period"], changes)
