"""Importing departmental workbooks into a project: figures with provenance, templates, history.

``import_files(project, paths, plan, resolver, matcher)`` is a generator (STYLE rule 5):
it yields ``(done, total, message)`` between files and returns one
:class:`ImportResult` per file. Use :func:`finish` to run it to the end without a
progress display. Per file:

1. The SHA-256 is taken (:func:`~workbench.models.store.sha256_of`); a file whose
   content was imported before is reported as ``duplicate`` and nothing is stored.
2. The workbook is read once and its figures extracted with the plain matcher; the
   department that sent it is detected (:mod:`.departments`) and its layout
   fingerprinted (:mod:`.fingerprints`).
3. If the department has a template for that fingerprint, the figures are extracted
   again through it (:class:`~workbench.models.templates.TemplateMatcher`): the
   confirmed mapping wins over the matcher's first cut, with no question asked.
   If the department has templates but none for this layout, the figures are
   extracted through its latest template (for the columns that did not change) and
   the drift against it is listed (:mod:`.drift`). Unless ``accept_drift``, such a
   file is stored with status ``drift_pending``: its figures are kept but do not
   count (``current_observations``) until :func:`accept_drift`.
4. A department's first workbook (or an accepted drift) creates an automatic
   template from the matcher's confident first cut, so the next quarter of that
   layout maps with zero input and any drift is detectable. Nothing is created when
   the department is unknown.
5. Everything of one file is stored in ONE transaction: the import record, its
   observations (value in the indicator's unit, with sheet, cell, merged range, raw
   text, header path, conversions, source unit and confidence), the template and the
   supersession of an older import of the same department and period
   (:mod:`.history`), whose figure-level differences the result lists. A failure
   in the middle stores nothing of that file.

Source files are only read, never written.

``mapped`` and ``unmapped`` in a result count header paths (columns, or rows of a
transposed table), not cells: ``figures`` counts the values stored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Generator, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.models.departments import detect_department, plan_departments
from workbench.models.drift import compute_drift, drift_summary
from workbench.models.extract import Extraction, extract_workbook
from workbench.models.figures import observation_rows, report_period
from workbench.models.fingerprints import describe_layout, fingerprint, header_key
from workbench.models.history import (
    diff_observations,
    find_superseded,
    stored_observations,
    supersede,
)
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import Plan
from workbench.models.reading import ReadCancelled, ReadError, read_workbook
from workbench.models.regions import RegionResolver
from workbench.models.store import sha256_of
from workbench.models.templates import (
    IGNORED_NOTE,
    Template,
    TemplateMatcher,
    find_template,
    first_cut_mapping,
    get_template,
    latest_template,
    save_template,
)

STATUS_IMPORTED = "imported"
STATUS_SUPERSEDED_OLDER = "superseded_older"  # imported, and it replaced an older workbook
STATUS_DUPLICATE = "duplicate"
STATUS_DRIFT_PENDING = "drift_pending"
STATUS_FAILED = "failed"
STATUS_CANCELLED = "cancelled"
STATUS_REGISTERED = "pending"  # a file recorded without being read (older demo projects): importing it reads it
STATUS_NAMES = {
    STATUS_IMPORTED: "已导入", STATUS_SUPERSEDED_OLDER: "已导入（替换旧文件）", STATUS_DUPLICATE: "重复文件",
    STATUS_DRIFT_PENDING: "版式变化待确认", STATUS_FAILED: "失败", STATUS_CANCELLED: "已取消",
}  # fmt: skip
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlt", ".et", ".ett", ".xlsb", ".ods",
                                  ".ots", ".csv"})


@dataclass
class ImportResult:
    """What happened to one file.

    Attributes
    ----------
    file : str
    department : str or None
        Canonical name of the sender, None when not recognised.
    template : str or None
        Name of the template that mapped the file (or was created from it).
    mapped, unmapped : int
        Header paths mapped to an indicator / left unmapped (ignored ones not counted).
    drift : list of dict
        Layout changes against the department's latest template (see :mod:`.drift`).
    status : str
        ``imported``, ``superseded_older`` (imported, replacing an older workbook of the
        same department and period), ``duplicate``, ``drift_pending``, ``failed`` or
        ``cancelled``.
    message : str
        One Chinese line for the user.
    import_id : int or None
        The import record (for a duplicate, the earlier one).
    figures : int
        Values stored.
    period : str or None
        Report period, ``YYYY-MM`` of its last month.
    changes : list of dict
        Figure-level differences from the superseded import (see
        :func:`~workbench.models.history.diff_observations`).
    superseded : list of int
        Ids of the imports this one replaced.
    template_created : bool
        True when an automatic template was made from this file.
    """

    file: str
    department: str | None = None
    template: str | None = None
    mapped: int = 0
    unmapped: int = 0
    drift: list[dict] = field(default_factory=list)
    status: str = STATUS_FAILED
    message: str = ""
    import_id: int | None = None
    figures: int = 0
    period: str | None = None
    changes: list[dict] = field(default_factory=list)
    superseded: list[int] = field(default_factory=list)
    template_created: bool = False

    @property
    def handled(self) -> bool:
        """True unless the file could not be read or stored."""
        return self.status not in (STATUS_FAILED, STATUS_CANCELLED)

    def as_dict(self) -> dict:
        """JSON-ready (the CLI's ``--json`` object for one file)."""
        return asdict(self)


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files to import: directories expand (recursively, sorted) to their spreadsheet files.

    Office lock files (``~$…``) and hidden files are skipped; a path given twice is
    imported once; a file given by name is kept whatever its extension.
    """
    out: list[Path] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SPREADSHEET_SUFFIXES
                           and not p.name.startswith(("~$", ".")))
        else:
            found = [path]
        for item in found:
            key = os.path.normcase(os.path.abspath(item))
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def finish(progress: Generator):
    """Run a progress generator (such as :func:`import_files`) to its end and return its value."""
    while True:
        try:
            next(progress)
        except StopIteration as stop:
            return stop.value


def import_files(project, paths: Iterable[str | os.PathLike], plan: Plan, resolver: RegionResolver,
                 matcher: IndicatorMatcher, should_stop: Callable[[], bool] | None = None, *,
                 accept_drift: bool = False) -> Generator[tuple[int, int, str], None, list[ImportResult]]:
    """Import workbooks into ``project`` (see the module docstring).

    Parameters
    ----------
    project : Project
    paths : iterable of path
        Files, or directories (expanded by :func:`expand_paths`).
    plan : Plan
        The project's plan: figures are converted into its indicators' units.
    resolver : RegionResolver
        Extended by the project's remembered aliases and the template's region mapping.
    matcher : IndicatorMatcher
        Gives the first-cut mapping where no template decides.
    should_stop : callable, optional
        Polled between files and sheets; True stops cleanly (a file being read is not stored).
    accept_drift : bool, optional
        Store a file whose layout drifted as imported (and make a template of its new
        layout) instead of ``drift_pending``; also accepts a pending import met again.

    Yields
    ------
    tuple
        ``(done, total, message)``.

    Returns
    -------
    list of ImportResult
        One per file handled, in order.
    """
    files = expand_paths(paths)
    total = len(files)
    importer = _Importer(project, plan, resolver, matcher, should_stop, accept_drift)
    results: list[ImportResult] = []
    for done, path in enumerate(files):
        if importer.stopped():
            yield done, total, "已停止导入"
            return results
        yield done, total, f"正在导入“{path.name}”（{done + 1}/{total}）"
        try:
            result = importer.run(path)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            result = ImportResult(str(path), status=STATUS_FAILED,
                                  message=f"导入“{path.name}”时出错，该文件的数据均未保存：{exc}")
        results.append(result)
        if result.status == STATUS_CANCELLED:
            yield done, total, "已停止导入"
            return results
    yield total, total, f"导入完成：{sum(r.handled for r in results)}/{total} 个文件"
    return results


def accept_drift(project, import_id: int, plan: Plan | None = None, resolver: RegionResolver | None = None
                 ) -> list[ImportResult]:
    """Accept the layout drift of a ``drift_pending`` import: its figures count from now on.

    Every pending import of the same department and fingerprint is accepted with it
    (the same layout needs one confirmation), a template is made of the new layout
    (unless one exists), and each accepted import supersedes the older import of its
    department and period, in import order.

    Returns
    -------
    list of ImportResult
        One per accepted import (empty when ``import_id`` was not pending).
    """
    row = _import_row(project, import_id)
    if row is None or row["status"] != STATUS_DRIFT_PENDING:
        return []
    data = json.loads(row["layout"] or "{}")
    names = _Names(plan, resolver)
    results = []
    with project.transaction():
        template = find_template(project, row["department"], row["fingerprint"], any_department=False)
        if template is None and row["department"]:
            template = save_template(project, row["department"], [], data.get("mapping") or {},
                                     _auto_name(row["department"], row["period"], drifted=True), origin="auto",
                                     layout=data.get("layout") or {})
        pending = project.db.query(
            "SELECT * FROM imports WHERE status = ? AND department IS ? AND fingerprint IS ? ORDER BY id",
            [STATUS_DRIFT_PENDING, row["department"], row["fingerprint"]])
        for item in list(pending):
            rows = stored_observations(project, item["id"])
            older = find_superseded(project, item["id"], item["department"], item["period"], item["fingerprint"],
                                    {r["indicator"] for r in rows})
            changes = []
            if older:
                changes = diff_observations(stored_observations(project, older[-1]["id"]), rows, *names.maps())
            supersede(project, [o["id"] for o in older], item["id"])
            project.db["imports"].update(item["id"], {
                "status": STATUS_IMPORTED, "template_id": template.id if template else None,
                "changes": json.dumps(changes, ensure_ascii=False), "message": "版式变化已确认"})
            counts = json.loads(item["layout"] or "{}").get("counts", {})
            results.append(ImportResult(
                item["name"], item["department"], template.name if template else None, counts.get("mapped", 0),
                counts.get("unmapped", 0), json.loads(item["drift"] or "[]"),
                STATUS_SUPERSEDED_OLDER if older else STATUS_IMPORTED, "版式变化已确认，数值已计入", item["id"],
                len(rows), item["period"], changes, [o["id"] for o in older]))
    return results


def _import_row(project, import_id: int) -> dict | None:
    return next(project.db.query("SELECT * FROM imports WHERE id = ?", [import_id]), None)


def _auto_name(department: str | None, period: str | None, drifted: bool = False) -> str:
    since = ""
    if period:
        year, month = period.split("-")
        since = f"，{year}年{int(month)}月起"
    return f"{department}（{'版式变化后' if drifted else ''}自动{since}）"


class _Names:
    """Indicator and region names for messages, when the plan and resolver are known."""

    def __init__(self, plan: Plan | None, resolver: RegionResolver | None):
        self.indicators = {i.code: i.short_name or i.name for i in plan.indicators} if plan else {}
        self.regions = {r.code: r.name for r in resolver.table.regions} if resolver else {}

    def maps(self):
        return self.indicators, self.regions


def _indicators(extraction: Extraction, mapping: dict) -> dict[str, str]:
    """``{header_key: indicator}`` of what the figures were mapped to, however sure, and the mapping."""
    found = {}
    if len(extraction.figures):
        pairs = extraction.figures[["header_path", "indicator_code"]].drop_duplicates()
        for header, code in zip(pairs["header_path"], pairs["indicator_code"]):
            found.setdefault(header_key(header), code)
    found.update({k: v["indicator"] for k, v in mapping["columns"].items() if v.get("indicator")})
    return found


def open_paths(extraction: Extraction) -> list[dict]:
    """The header paths an extraction left unmapped (or ignored by its template), once each:
    ``{sheet, cell, header_path, reason, candidates}``, stored with the import for the mapping review."""
    seen, out = set(), []
    for entry in extraction.unmapped:
        key = (entry.get("sheet"), entry.get("header_path"))
        if key not in seen:
            seen.add(key)
            out.append({k: entry.get(k) for k in ("sheet", "cell", "header_path", "reason", "candidates")})
    return out


def _counts(extraction: Extraction) -> tuple[int, int]:
    mapped = set(extraction.figures["header_path"].dropna()) if len(extraction.figures) else set()
    unmapped = {u["header_path"] for u in extraction.unmapped if u.get("reason") != IGNORED_NOTE} - mapped
    return len(mapped), len(unmapped)


class _Importer:
    """Imports one file at a time for :func:`import_files`."""

    def __init__(self, project, plan, resolver, matcher, should_stop, accept):
        self.project, self.plan, self.matcher = project, plan, matcher
        self.resolver = resolver.with_aliases(project.aliases())
        self.should_stop, self.accept = should_stop, accept
        self.departments = plan_departments(plan)
        self.names = _Names(plan, resolver)

    def stopped(self) -> bool:
        return self.should_stop is not None and bool(self.should_stop())

    def run(self, path: Path) -> ImportResult:
        name = path.name
        try:
            size = path.stat().st_size
            sha = sha256_of(path)
        except FileNotFoundError:
            return ImportResult(str(path), message=f"找不到文件“{path}”")
        except OSError as exc:
            return ImportResult(str(path), message=f"无法读取文件“{name}”：{exc.strerror or exc}")
        existing = self.project.find_import_by_sha256(sha)
        if existing is not None and existing["status"] != STATUS_REGISTERED:
            return self._duplicate(path, existing)
        try:
            workbook = read_workbook(path, should_stop=self.should_stop)
        except ReadCancelled:
            return ImportResult(str(path), status=STATUS_CANCELLED, message=f"已取消导入“{name}”")
        except ReadError as exc:
            return ImportResult(str(path), message=str(exc).replace("\n", " "))
        first = extract_workbook(workbook, self.plan, self.resolver, self.matcher, should_stop=self.should_stop)
        if self.stopped():
            return ImportResult(str(path), status=STATUS_CANCELLED, message=f"已取消导入“{name}”")
        sheet_names = [s.name for s in workbook.sheets]
        found = detect_department(path, first.tables, sheet_names, self.departments)
        department = found.name if found else None
        layout = describe_layout(first.tables, workbook.sheets, workbook.format)
        fp = fingerprint(layout)
        template = find_template(self.project, department, fp)
        if template is not None and department is None:
            department = template.department
        latest = None if template is not None else latest_template(self.project, department)
        guide = template or latest
        extraction = first if guide is None else self._extract(workbook, guide)
        mapping = self._mapping(extraction, guide)
        layout = describe_layout(first.tables, workbook.sheets, workbook.format, _indicators(extraction, mapping))
        drift = compute_drift(latest.layout, layout) if latest is not None else []
        pending = bool(drift) and not self.accept
        rows = observation_rows(extraction)
        period = report_period(extraction)
        mapped, unmapped = _counts(extraction)
        with self.project.transaction():
            import_id = self.project.add_import(name, path.absolute(), size, sha, department=department,
                                                status=STATUS_DRIFT_PENDING if pending else STATUS_IMPORTED)
            self.project.add_observations(import_id, rows)
            created = None
            if template is None and department is not None and not pending:
                created = save_template(self.project, department, first, mapping,
                                        _auto_name(department, period, drifted=bool(drift)), origin="auto",
                                        layout=layout)
            used = template or created or latest
            older = find_superseded(self.project, import_id, department, period, fp, {r["indicator"] for r in rows})
            changes = []
            if older:
                changes = diff_observations(stored_observations(self.project, older[-1]["id"]), rows,
                                            *self.names.maps())
            if not pending:
                supersede(self.project, [o["id"] for o in older], import_id)
            if existing is not None:  # registered earlier without being read: this import reads it
                supersede(self.project, [existing["id"]], import_id)
            result = ImportResult(
                str(path), department, used.name if used else None, mapped, unmapped, drift,
                STATUS_DRIFT_PENDING if pending else (STATUS_SUPERSEDED_OLDER if older else STATUS_IMPORTED),
                "", import_id, len(rows), period, changes, [] if pending else [o["id"] for o in older],
                created is not None)
            result.message = self._message(result, found, template, created, older, extraction)
            self.project.db["imports"].update(import_id, {
                "template_id": used.id if used else None, "period": period, "fingerprint": fp,
                "layout": json.dumps({"layout": layout, "mapping": mapping, "unmapped": open_paths(extraction),
                                      "counts": {"mapped": mapped, "unmapped": unmapped}}, ensure_ascii=False),
                "drift": json.dumps(drift, ensure_ascii=False), "changes": json.dumps(changes, ensure_ascii=False),
                "message": result.message})
        return result

    def _extract(self, workbook, template: Template) -> Extraction:
        resolver = self.resolver.with_aliases(template.regions)
        matcher = TemplateMatcher(self.matcher, template, self.plan)
        return extract_workbook(workbook, self.plan, resolver, matcher, should_stop=self.should_stop)

    @staticmethod
    def _mapping(extraction: Extraction, guide: Template | None) -> dict:
        """The mapping this file was read with: the template's entries for the header paths it
        still has (ignored ones included), the matcher's confident first cut for the others."""
        mapping = first_cut_mapping(extraction)
        if guide is None:
            return mapping
        present = {header_key(h) for h in extraction.figures["header_path"].dropna()}
        present |= {header_key(u["header_path"]) for u in extraction.unmapped}
        for key, entry in guide.columns.items():
            if key in present:
                mapping["columns"][key] = entry
        mapping["regions"] = dict(guide.regions)
        return mapping

    def _duplicate(self, path: Path, existing: dict) -> ImportResult:
        if existing["status"] == STATUS_DRIFT_PENDING and self.accept:
            accepted = accept_drift(self.project, existing["id"], self.plan, self.resolver)
            mine = next((r for r in accepted if r.import_id == existing["id"]), None)
            if mine is not None:
                mine.file = str(path)
                mine.message = f"“{existing['name']}”此前的版式变化已确认，数值已计入"
                return mine
        counts = json.loads(existing["layout"] or "{}").get("counts", {})
        template = get_template(self.project, existing["template_id"]) if existing["template_id"] else None
        figures = self.project.db.execute("SELECT COUNT(*) FROM observations WHERE import_id = ?",
                                          [existing["id"]]).fetchone()[0]
        when = str(existing["imported_at"]).replace("T", " ")[:19]
        return ImportResult(
            str(path), existing["department"], template.name if template else None, counts.get("mapped", 0),
            counts.get("unmapped", 0), json.loads(existing["drift"] or "[]"), STATUS_DUPLICATE,
            f"与 {when} 导入的“{existing['name']}”（#{existing['id']}）内容相同，未重复导入", existing["id"], figures,
            existing["period"])

    @staticmethod
    def _message(result: ImportResult, found, template, created, older, extraction: Extraction) -> str:
        parts = []
        if result.status == STATUS_DRIFT_PENDING:
            parts.append(f"{drift_summary(result.drift)}（对照模板“{result.template}”），已保存 {result.figures} 个数值，"
                         "确认版式变化后才计入")
        else:
            parts.append(f"已导入 {result.figures} 个数值")
        if result.department is None:
            parts.append("未能识别报送部门，未建立模板")
        elif template is not None:
            parts.append(f"按模板“{template.name}”映射")
        elif created is not None:
            parts.append(f"已按本次识别结果建立模板“{created.name}”")
        if result.drift and result.status != STATUS_DRIFT_PENDING:
            parts.append(drift_summary(result.drift) + "（已接受）")
        if older:
            verb = "将替换" if result.status == STATUS_DRIFT_PENDING else "替换了"
            changed = sum(c["change"] == "changed" for c in result.changes)
            parts.append(f"{verb}同期旧文件“{older[-1]['name']}”，{changed} 个数值有变化")
        if result.unmapped:
            parts.append(f"{result.unmapped} 列未能对应指标")
        if extraction.errors:
            parts.append("部分内容未能读取：" + "；".join(e["message"] for e in extraction.errors[:2]))
        if result.period:
            year, month = result.period.split("-")
            parts.insert(1, f"报告期至 {year}年{int(month)}月")
        return "，".join(parts)
