"""Mapping templates: a department's confirmed mapping, keyed by a fingerprint of its layout.

A template says, for one department and one layout (see :mod:`.fingerprints`), what
each header path means (indicator, unit, basis, or "ignore this column") and what the
region labels the resolver does not know stand for.  The next workbook of that layout
is mapped by it with zero clicks (:class:`TemplateMatcher`); one whose layout drifted
is compared with the department's latest template (:mod:`.drift`).

The ``mapping`` of a template (stored as JSON)::

    {"version": 1,
     "columns": {header_key: {"indicator": code or None, "unit": "万元" or None,
                              "basis": "ytd" | "period" | "stock" | "rate" | ... or None,
                              "basis_override": a key of mapping.BASES or None,
                              "ignored": bool, "confidence": float or None, "header": text}},
     "regions": {label as written: region code}}

``basis`` is the basis the figures got (shown to the reviewer); ``basis_override``,
when set (a user's confirmation), is handed to the reader in place of the basis the
header text states.  ``origin`` says where a template came from: ``auto`` (made from
the matcher's confident first cut at a department's first import, so the next quarter
maps without input and drift is detectable), ``confirmed`` (saved by a user) or
``imported`` (from a colleague's template file).

Template files (:func:`export_templates` / :func:`import_templates`) are JSON with a
``format`` and a ``version``; a file of a newer version is refused, not guessed at.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from workbench import __version__ as APP_VERSION
from workbench.models.errors import WorkbenchError
from workbench.models.fingerprints import HEADER_SEPARATOR, describe_layout, fingerprint, header_key
from workbench.models.mapping import BASES, Candidate, MatchResult
from workbench.models.plan import Plan

MAPPING_VERSION = 1
FILE_FORMAT = "workbench-templates"
FILE_VERSION = 1
ORIGINS = {"auto": "自动", "confirmed": "已确认", "imported": "导入"}
IGNORED_NOTE = "模板中设为忽略"
CONFIDENT = 0.8  # a first-cut mapping at least this sure goes into an automatic template
_STOCK_YTD = re.compile(r"本年|今年|当年|\d{1,2}[-~至到]\d{1,2}月|前[一二三]季度|上半年")


class TemplateError(WorkbenchError):
    """A template or template file that cannot be used; ``str()`` is a Chinese message."""


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class Template:
    """One stored template (see the module docstring for ``mapping``)."""

    id: int | None
    department: str | None
    fingerprint: str
    name: str
    origin: str = "confirmed"
    mapping: dict = field(default_factory=dict)
    layout: dict = field(default_factory=dict)
    created_at: str | None = None
    updated_at: str | None = None

    @property
    def columns(self) -> dict[str, dict]:
        return self.mapping.get("columns", {})

    @property
    def regions(self) -> dict[str, str]:
        return self.mapping.get("regions", {})

    def as_dict(self) -> dict:
        """JSON-ready, without the database id (for export)."""
        return {"department": self.department, "fingerprint": self.fingerprint, "name": self.name,
                "origin": self.origin, "mapping": self.mapping, "layout": self.layout,
                "created_at": self.created_at, "updated_at": self.updated_at}

    @classmethod
    def from_row(cls, row: dict) -> Template:
        return cls(row["id"], row["department"], row["fingerprint"], row["name"] or "",
                   row.get("origin") or "confirmed", json.loads(row["mapping"] or "{}"),
                   json.loads(row.get("layout") or "{}"), row.get("created_at"), row.get("updated_at"))


# ---------------------------------------------------------------- mappings
def _entry(value) -> dict:
    """One mapping entry in full form; a bare indicator code or None (ignore) is accepted."""
    if value is None:
        return {"indicator": None, "unit": None, "basis": None, "basis_override": None, "ignored": True,
                "confidence": None, "header": ""}
    if isinstance(value, str):
        value = {"indicator": value}
    entry = {"indicator": value.get("indicator"), "unit": value.get("unit"), "basis": value.get("basis"),
             "basis_override": value.get("basis_override"), "ignored": bool(value.get("ignored")),
             "confidence": value.get("confidence"), "header": value.get("header", "")}
    if entry["basis_override"] is not None and entry["basis_override"] not in BASES:
        raise TemplateError(f"未知的口径“{entry['basis_override']}”（可用：{'、'.join(BASES)}）")
    if not entry["ignored"] and not entry["indicator"]:
        raise TemplateError("模板中的一列既未对应指标，也未设为忽略")
    return entry


def normalise_mapping(mapping: dict | None) -> dict:
    """A mapping in stored form: keys folded with :func:`header_key`, entries complete.

    ``mapping`` may give ``columns`` keyed by a header path as a tuple of parts or as
    text joined with " / " (as figures carry it), each entry a dict, an indicator code,
    or None for "ignore"; and ``regions`` as ``{label: code}``.
    """
    mapping = mapping or {}
    columns = {}
    for path, value in (mapping.get("columns") or {}).items():
        key = header_key(path if isinstance(path, str) else tuple(path))
        if not key:
            continue
        entry = _entry(value)
        if not entry["header"]:
            entry["header"] = path if isinstance(path, str) else HEADER_SEPARATOR.join(path)
        columns[key] = entry
    regions = {str(k): str(v) for k, v in (mapping.get("regions") or {}).items()}
    return {"version": MAPPING_VERSION, "columns": columns, "regions": regions}


def first_cut_mapping(extraction, min_confidence: float = CONFIDENT) -> dict:
    """The mapping the matcher made of a workbook, confident entries only.

    A header path goes in when all its figures name one indicator and the best of them
    is at least ``min_confidence`` sure; the rest is left for the matcher (and the
    reviewer) next time too.
    """
    figures = extraction.figures
    columns: dict[str, dict] = {}
    conflicts: set[str] = set()
    if len(figures):
        for header, group in figures.groupby("header_path", sort=False):
            key = header_key(header)
            codes = group["indicator_code"].dropna().unique()
            confidence = float(group["confidence"].max())
            if not key or len(codes) != 1 or confidence < min_confidence:
                continue
            units = [u for u in group["source_unit"] if u]
            entry = {"indicator": str(codes[0]), "unit": max(set(units), key=units.count) if units else None,
                     "basis": str(group["basis"].mode().iloc[0]) if len(group) else None, "basis_override": None,
                     "ignored": False, "confidence": round(confidence, 3), "header": header}
            if key in columns and columns[key]["indicator"] != entry["indicator"]:
                conflicts.add(key)
            columns.setdefault(key, entry)
    for key in conflicts:
        del columns[key]
    return {"version": MAPPING_VERSION, "columns": columns, "regions": {}}


class TemplateMatcher:
    """An :class:`~workbench.models.mapping.IndicatorMatcher` that answers from a template first.

    A header path the template knows gets the template's indicator (or is ignored);
    any other goes to ``base``. It has the matcher's interface, so the reader uses it
    unchanged.

    Parameters
    ----------
    base : IndicatorMatcher
    template : Template or dict
        The template, or just its mapping.
    plan : Plan
    name : str, optional
        Shown as the reason of a match; defaults to the template's name.
    """

    def __init__(self, base, template, plan: Plan, name: str | None = None):
        self.base, self.plan = base, plan
        mapping = template.mapping if isinstance(template, Template) else template
        self.columns: dict[str, dict] = dict(mapping.get("columns", {}))
        self.confirmed = isinstance(template, Template) and template.origin != "auto"
        self.name = name or (template.name if isinstance(template, Template) else "模板")
        self._codes = {i.code for i in plan.indicators}
        self.threshold = getattr(base, "threshold", 0.6)
        self.margin = getattr(base, "margin", 0.1)

    def match(self, header_path: Sequence[str] | str, unit: str | None = None, context: str = "") -> MatchResult:
        base = self.base.match(header_path, unit=unit, context=context)
        entry = self.columns.get(header_key([header_path] if isinstance(header_path, str) else list(header_path)))
        if entry is None:
            return base
        if entry.get("ignored"):
            return replace(base, best=None, ambiguous=False, note=IGNORED_NOTE)
        code = entry.get("indicator")
        if code not in self._codes:
            return base
        override = entry.get("basis_override")
        if not self.confirmed and not override and base.best is not None and base.best.code == code:
            return base
        indicator = self.plan.indicator(code)
        basis = override or base.basis
        if not override:
            base_stock = base.best is not None and self.plan.indicator(base.best.code).kind == "stock"
            joined = "".join(str(p) for p in ([header_path] if isinstance(header_path, str) else header_path))
            if indicator.kind == "stock" and basis == "ytd" and not _STOCK_YTD.search(joined):
                basis = "stock"
            elif indicator.kind != "stock" and base_stock and basis == "stock" and "累计" in joined:
                basis = "ytd"
        confidence = 1.0 if self.confirmed else float(entry.get("confidence") or CONFIDENT)
        best = Candidate(code, indicator.name, confidence, f"按模板“{self.name}”")
        others = [c for c in base.candidates if c.code != code]
        return MatchResult(best, [best, *others], basis, False, base.unit or entry.get("unit"), base.subset, None)


# ---------------------------------------------------------------- storage
def layout_of(source, sheets: Iterable = (), fmt: str | None = None, mapping: dict | None = None) -> dict:
    """The layout description of an Extraction (or a list of its tables), annotated with the
    indicators of a mapping; pass ``fmt`` with bare tables of a CSV file."""
    tables = list(source.tables) if hasattr(source, "tables") else list(source)
    found_fmt = getattr(source, "format", "")
    mapped = {k: v["indicator"] for k, v in (mapping or {}).get("columns", {}).items() if v.get("indicator")}
    return describe_layout(tables, sheets, fmt if fmt is not None else found_fmt, mapped)


def save_template(project, department: str | None, extraction_or_tables, mapping: dict | None = None,
                  name: str | None = None, *, origin: str = "confirmed", sheets: Iterable = (),
                  layout: dict | None = None) -> Template:
    """Store a mapping as the template of ``department`` for the layout of a workbook.

    Parameters
    ----------
    project : Project
    department : str or None
        Canonical name (see :mod:`.departments`).
    extraction_or_tables : Extraction or list of Table
        The workbook the mapping was confirmed on; its layout gives the fingerprint.
    mapping : dict, optional
        See :func:`normalise_mapping`; by default the confident first cut of the
        extraction (:func:`first_cut_mapping`).
    name : str, optional
        Shown to users; defaults to the department and the date.
    origin : {"confirmed", "auto", "imported"}
    sheets : iterable of Sheet, optional
        The workbook's sheets, for the header texts of columns without figures.
    layout : dict, optional
        A layout already described (e.g. the one stored with an import).

    Returns
    -------
    Template
        A template for the same department and fingerprint is replaced (same id).
    """
    if origin not in ORIGINS:
        raise TemplateError(f"未知的模板来源“{origin}”")
    if mapping is None:
        if not hasattr(extraction_or_tables, "figures"):
            raise TemplateError("只有表格结构、没有识别结果时，保存模板需要给出映射")
        mapping = first_cut_mapping(extraction_or_tables)
    mapping = normalise_mapping(mapping)
    if layout is None:
        layout = layout_of(extraction_or_tables, sheets, mapping=mapping)
    fp = fingerprint(layout)
    name = name or f"{department or '未知部门'}模板（{datetime.now():%Y-%m-%d}）"
    with project.transaction():
        existing = find_template(project, department, fp, any_department=False)
        now = _now()
        row = {"department": department, "fingerprint": fp, "name": name, "origin": origin,
               "mapping": json.dumps(mapping, ensure_ascii=False), "layout": json.dumps(layout, ensure_ascii=False),
               "updated_at": now}
        if existing is not None:
            project.db["templates"].update(existing.id, row)
            template_id = existing.id
        else:
            template_id = project.db["templates"].insert({**row, "created_at": now}).last_pk
    return get_template(project, template_id)


def get_template(project, template_id: int) -> Template | None:
    """The template with this id, or None."""
    row = next(project.db.query("SELECT * FROM templates WHERE id = ?", [template_id]), None)
    return Template.from_row(row) if row else None


def find_template(project, department: str | None, fingerprint: str, *, any_department: bool = True
                  ) -> Template | None:
    """The template of ``department`` for a layout fingerprint, or None.

    With ``department`` None (the sender was not recognised) a template of any
    department with that fingerprint is taken when exactly one department has one
    (``any_department``).
    """
    if department is not None or not any_department:
        row = next(project.db.query(
            "SELECT * FROM templates WHERE department IS ? AND fingerprint = ? ORDER BY id DESC LIMIT 1",
            [department, fingerprint]), None)
        return Template.from_row(row) if row else None
    rows = list(project.db.query("SELECT * FROM templates WHERE fingerprint = ? ORDER BY id DESC", [fingerprint]))
    if len({r["department"] for r in rows}) == 1:
        return Template.from_row(rows[0])
    return None


def latest_template(project, department: str | None) -> Template | None:
    """The department's most recently created or changed template, or None."""
    if department is None:
        return None
    row = next(project.db.query(
        "SELECT * FROM templates WHERE department = ? ORDER BY COALESCE(updated_at, created_at) DESC, id DESC LIMIT 1",
        [department]), None)
    return Template.from_row(row) if row else None


def list_templates(project) -> list[Template]:
    """Every template, by department, oldest first."""
    return [Template.from_row(r) for r in project.db.query("SELECT * FROM templates ORDER BY department, id")]


def export_templates(project, path: str | os.PathLike, departments: Iterable[str] | None = None) -> int:
    """Write templates to a JSON file a colleague can import; returns how many.

    Parameters
    ----------
    departments : iterable of str, optional
        Only these departments' templates; all by default.
    """
    wanted = set(departments) if departments is not None else None
    templates = [t.as_dict() for t in list_templates(project) if wanted is None or t.department in wanted]
    data = {"format": FILE_FORMAT, "version": FILE_VERSION, "app_version": APP_VERSION, "exported_at": _now(),
            "plan_id": project.plan_id, "templates": templates}
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)
    return len(templates)


def import_templates(project, path: str | os.PathLike) -> dict[str, int]:
    """Add the templates of a file written by :func:`export_templates`.

    A template for a department and fingerprint the project already has replaces it
    (the colleague's confirmed mapping is newer knowledge); an identical one is skipped.

    Returns
    -------
    dict
        ``{"added": n, "replaced": n, "unchanged": n}``.

    Raises
    ------
    TemplateError
        If the file is not a template file, or of a newer version.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(f"无法读取模板文件“{path.name}”：{exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise TemplateError(f"“{path.name}”不是工作台的模板文件。")
    if not isinstance(data.get("version"), int) or data["version"] > FILE_VERSION:
        raise TemplateError(f"模板文件“{path.name}”的版本（{data.get('version')}）比本工作台新，请升级后再导入。")
    counts = {"added": 0, "replaced": 0, "unchanged": 0}
    with project.transaction():
        for item in data.get("templates", []):
            try:
                mapping = normalise_mapping(item.get("mapping"))
                fp, layout = str(item["fingerprint"]), item.get("layout") or {}
            except (KeyError, TypeError, AttributeError) as exc:
                raise TemplateError(f"模板文件“{path.name}”中有一项不完整：{exc}") from exc
            department = item.get("department")
            existing = find_template(project, department, fp, any_department=False)
            if existing is not None and existing.mapping == mapping:
                counts["unchanged"] += 1
                continue
            now = _now()
            row = {"department": department, "fingerprint": fp, "name": item.get("name") or "导入的模板",
                   "origin": "imported", "mapping": json.dumps(mapping, ensure_ascii=False),
                   "layout": json.dumps(layout, ensure_ascii=False), "updated_at": now}
            if existing is not None:
                project.db["templates"].update(existing.id, row)
                counts["replaced"] += 1
            else:
                project.db["templates"].insert({**row, "created_at": item.get("created_at") or now})
                counts["added"] += 1
    return counts
