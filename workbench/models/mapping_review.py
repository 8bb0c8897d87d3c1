"""Reviewing the mapping of one import (映射): each column or row, its indicator, unit and basis.

:func:`review_import` lists every header path of an imported workbook — what the reader
maps to an indicator: a data column, a row of a transposed table, or the indicator of a
long-form table — as a :class:`ColumnReview`: the cells it covers, the indicator its
figures were mapped to (or the matcher's best suggestion for one left unmapped) with a
confidence, the unit and basis of its figures, and what the user decided about it. The
header paths come from the stored figures and from the paths the import left open
(stored with it by :func:`~workbench.models.importing.import_files`); for an import made
before those were stored, from its layout.

A user's decision about one entry (confirm, change the indicator, ignore, set the unit
or the basis) is stored at once, in one transaction, with the import (the ``decisions``
of the import's ``layout`` JSON, keyed by :func:`~workbench.models.fingerprints.header_key`):
:func:`set_decision` returns the decision it replaced, so an undo is another write.
:func:`save_reviewed_template` turns the reviewed mapping into the department's
template for that layout; :func:`workbench.models.remapping.remap_import` applies it to
the import's figures.

Region labels the resolver did not know are settled with :func:`set_region_label`: a
region code becomes a project alias (``Project.add_alias``); :data:`NOT_A_REGION`
records that the label names no region (a section heading, a note), kept in the
project setting :data:`NOT_REGION_SETTING`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from workbench.models.errors import WorkbenchError
from workbench.models.fingerprints import HEADER_SEPARATOR, header_key
from workbench.models.mapping import BASES, IndicatorMatcher
from workbench.models.plan import Plan
from workbench.models.reading.workbook import cell_address
from workbench.models.templates import IGNORED_NOTE, Template, get_template, normalise_mapping, save_template

BASIS_LABELS = {
    "ytd": "本年累计", "period": "当期", "stock": "期末", "rate": "比率", "growth": "同比",
    "since_year_start": "比年初", "last_year": "上年同期", "yoy_change": "同比增减量",
}  # fmt: skip
BASIS_CHOICES = tuple(BASES)
"""The bases a user may set for a column (the reader turns a rate indicator's into 比率)."""
STATUS_NAMES = {"confirmed": "已确认", "ignored": "已忽略", "template": "按模板", "auto": "自动识别",
                "unmapped": "未映射"}
REVIEWABLE = ("imported", "drift_pending")
NOT_A_REGION = "not-a-region"
NOT_REGION_SETTING = "mapping/not_region_labels"


class ReviewError(WorkbenchError):
    """A review action that cannot be done (Chinese message)."""


@dataclass
class ColumnReview:
    """One header path of an import, as the reviewer sees it.

    Attributes
    ----------
    key, header : str
        Template key and the header path as written (parts joined by " / ").
    sheet, place : str
        Where it is: the (first) sheet, and the cells of its figures ("C5:C14") or, when
        it has none, its header cell ("D4") or column ("D列").
    suggested : str or None
        What the workbench proposes: the indicator the figures were mapped to, or the
        matcher's best candidate for an unmapped entry.
    confidence : float or None
        How sure the proposal is (1.0 once confirmed).
    indicator : str or None
        The indicator in effect: the decision's, else the one the figures carry.
    unit : str or None
        Unit of the source figures (stated by the workbook, or confirmed).
    unit_stated : bool
        The workbook states the unit (header or unit line): it wins over a confirmed one.
    basis, basis_override : str or None
        The basis of the figures (a key of :data:`BASIS_LABELS`) and the user's override.
    ignored : bool
    status : str
        A key of :data:`STATUS_NAMES`.
    figures, sheets : int
        Figures stored from it, and the sheets they are on (one sheet per county: several).
    candidates : list of tuple
        ``(code, name, confidence)`` from the matcher, best first.
    note : str
        Why it is unmapped, or how it was matched.
    decided : bool
        The user made a decision about it.
    """

    key: str
    header: str
    sheet: str
    place: str = ""
    suggested: str | None = None
    confidence: float | None = None
    indicator: str | None = None
    unit: str | None = None
    unit_stated: bool = False
    basis: str | None = None
    basis_override: str | None = None
    ignored: bool = False
    status: str = "unmapped"
    figures: int = 0
    sheets: int = 1
    candidates: list[tuple[str, str, float]] = field(default_factory=list)
    note: str = ""
    decided: bool = False

    def decision(self, **changes) -> dict:
        """The decision that confirms this entry as it is, with ``changes`` applied
        (``indicator``, ``unit``, ``basis_override``, ``ignored``)."""
        entry = {"indicator": self.indicator, "unit": None if self.unit_stated else self.unit,
                 "basis_override": self.basis_override, "ignored": self.ignored, "header": self.header}
        entry.update(changes)
        if entry["indicator"] and "ignored" not in changes:
            entry["ignored"] = False
        if entry["ignored"]:
            entry.update(indicator=None, basis_override=None)
        return check_decision(entry)


def check_decision(entry: dict) -> dict:
    """A decision in stored form; raises :class:`ReviewError` for one that says nothing usable."""
    out = {"indicator": entry.get("indicator") or None, "unit": entry.get("unit") or None,
           "basis_override": entry.get("basis_override") or None, "ignored": bool(entry.get("ignored")),
           "header": entry.get("header") or ""}
    if out["basis_override"] is not None and out["basis_override"] not in BASES:
        raise ReviewError(f"未知的口径“{out['basis_override']}”")
    if not out["ignored"] and not out["indicator"]:
        raise ReviewError("请先为这一列选择指标，或设为忽略")
    return out


# ---------------------------------------------------------------- stored state
def _import_row(project, import_id: int) -> dict:
    row = next(project.db.query("SELECT * FROM imports WHERE id = ?", [import_id]), None)
    if row is None:
        raise ReviewError(f"找不到导入记录 #{import_id}")
    return row


def reviewable_imports(project) -> list[dict]:
    """The imports whose mapping can be reviewed (imported or waiting for a drift review), newest period first."""
    marks = ", ".join("?" * len(REVIEWABLE))
    return list(project.db.query(
        f"SELECT id, name, path, department, period, status, template_id FROM imports WHERE status IN ({marks})"
        " AND superseded_by IS NULL ORDER BY COALESCE(period, '') DESC, department, id", list(REVIEWABLE)))


def load_decisions(project, import_id: int) -> dict[str, dict]:
    """The user's decisions about an import's columns, ``{header key: decision}``."""
    data = json.loads(_import_row(project, import_id)["layout"] or "{}")
    return dict(data.get("decisions") or {})


def set_decision(project, import_id: int, key: str, decision: dict | None) -> dict | None:
    """Store (or, with None, forget) the decision about one column; returns the one it replaced.

    One transaction: the decision is in the project file when this returns.
    """
    decision = check_decision(decision) if decision is not None else None
    with project.transaction():
        data = json.loads(_import_row(project, import_id)["layout"] or "{}")
        decisions = dict(data.get("decisions") or {})
        previous = decisions.pop(key, None)
        if decision is not None:
            decisions[key] = decision
        data["decisions"] = decisions
        project.db["imports"].update(import_id, {"layout": json.dumps(data, ensure_ascii=False)})
    return previous


# ---------------------------------------------------------------- the review
_CELL = re.compile(r"([A-Z]+)(\d+)")
_LAST = (1 << 20, 1 << 20)


def _anchor(cell: str | None) -> tuple[int, int]:
    """(column, row) of an A1 address, both from 0, for sorting; unknown ones last."""
    match = _CELL.match(cell or "")
    if not match:
        return _LAST
    column = 0
    for ch in match[1]:
        column = column * 26 + ord(ch) - 64
    return column - 1, int(match[2]) - 1


def _span(cells: list[str]) -> str:
    """The range a header path's figures cover: "C5:C14", or one cell."""
    spots = [_anchor(c) for c in cells]
    spots = [s for s in spots if s != _LAST]
    if not spots:
        return ""
    first = cell_address(min(r for _, r in spots), min(c for c, _ in spots))
    last = cell_address(max(r for _, r in spots), max(c for c, _ in spots))
    return first if first == last else f"{first}:{last}"


def _figure_paths(project, import_id: int) -> dict[str, dict]:
    """Per header key, in storage order: the figures' indicators, bases, units, confidence and cells."""
    paths: dict[str, dict] = {}
    rows = project.db.query("SELECT header_path, indicator, basis, source_unit, confidence, sheet, cell"
                            " FROM observations WHERE import_id = ? ORDER BY id", [import_id])
    for row in rows:
        entry = paths.setdefault(header_key(row["header_path"] or ""), {
            "header": row["header_path"] or "", "sheet": row["sheet"] or "", "sheets": set(), "indicators": Counter(),
            "bases": Counter(), "units": Counter(), "confidence": 0.0, "cells": []})
        entry["indicators"][row["indicator"]] += 1
        entry["bases"][row["basis"]] += 1
        if row["source_unit"]:
            entry["units"][row["source_unit"]] += 1
        entry["confidence"] = max(entry["confidence"], row["confidence"] or 0.0)
        entry["cells"].append(row["cell"])
        entry["sheets"].add(row["sheet"])
    return paths


def _entries(data: dict, paths: dict[str, dict]) -> list[dict]:
    """Every header path of an import: ``{key, header, sheet, place, anchor, figures, open}``."""
    layout = data.get("layout") or {}
    entries = [{"key": key, "header": p["header"], "sheet": p["sheet"], "place": _span(p["cells"]),
                "anchor": min(_anchor(c) for c in p["cells"]), "figures": p, "open": None}
               for key, p in paths.items() if key]
    seen = set(paths)
    if "unmapped" in data:
        for item in data["unmapped"] or []:
            key = header_key(item.get("header_path") or "")
            if key and key not in seen:
                seen.add(key)
                entries.append({"key": key, "header": item["header_path"], "sheet": item.get("sheet") or "",
                                "place": item.get("cell") or "", "anchor": _anchor(item.get("cell")),
                                "figures": None, "open": item})
    else:  # an import stored before its open paths were: the layout's entries no figure covers
        long_sheets = {t.get("sheet") for t in layout.get("tables", []) if t.get("orientation") in ("long", "list")}
        parts = {part for key in seen for part in key.split("/")}
        for column in layout.get("columns", []):
            key = column["key"]
            if key.startswith("〈") or key in seen or key in parts or column.get("sheet") in long_sheets:
                continue
            seen.add(key)
            index = column.get("index") or 0
            row = column["axis"] == "row"
            entries.append({"key": key, "header": column.get("header") or key, "sheet": column.get("sheet") or "",
                            "place": f"第{index + 1}行" if row else f"{cell_address(0, index)[:-1]}列",
                            "anchor": (_LAST[0], index) if row else (index, 0), "figures": None, "open": {}})
    sheets = list(layout.get("sheet_names") or [])
    sheets += [e["sheet"] for e in entries if e["sheet"] not in sheets]
    return sorted(entries, key=lambda e: (sheets.index(e["sheet"]), e["anchor"]))


def _stated_unit(layout: dict, key: str, sheet: str) -> tuple[str | None, bool]:
    """(the unit the workbook states for a header path, whether it states any): from the
    path's own header (or a part of it, e.g. a transposed table's row), else the unit line."""
    by_key = {c["key"]: c.get("unit") or "" for c in layout.get("columns", [])}
    own = by_key.get(key) or next((by_key[k] for k in key.split("/") if by_key.get(k)), "")
    if own:
        return own, True
    lines = [t.get("units") or "" for t in layout.get("tables", []) if t.get("sheet") == sheet]
    units = {u for line in lines for u in line.split("、") if u}
    return (units.pop() if len(units) == 1 else None), bool(units)


def review_import(project, import_id: int, plan: Plan, matcher: IndicatorMatcher | None = None) -> list[ColumnReview]:
    """Every header path of an import with its mapping, in sheet and column order.

    Parameters
    ----------
    project : Project
    import_id : int
    plan : Plan
    matcher : IndicatorMatcher, optional
        Gives the candidates (a new one for ``plan`` by default).

    Returns
    -------
    list of ColumnReview
    """
    matcher = matcher or IndicatorMatcher(plan)
    row = _import_row(project, import_id)
    data = json.loads(row["layout"] or "{}")
    layout, mapping = data.get("layout") or {}, (data.get("mapping") or {}).get("columns", {})
    decisions = data.get("decisions") or {}
    template = get_template(project, row["template_id"]) if row["template_id"] else None
    confirmed = template.columns if template is not None and template.origin != "auto" else {}
    codes = {i.code for i in plan.indicators}
    out = []
    for entry in _entries(data, _figure_paths(project, import_id)):
        key, header, sheet = entry["key"], entry["header"], entry["sheet"]
        stated, any_stated = _stated_unit(layout, key, sheet)
        match = matcher.match(header.split(HEADER_SEPARATOR), unit=stated)
        review = ColumnReview(key, header, sheet, entry["place"], basis=match.basis, note=match.note or "",
                              unit_stated=any_stated,
                              candidates=[(c.code, c.name, c.confidence) for c in match.candidates])
        figures, opened = entry["figures"], entry["open"] or {}
        if figures is not None:
            review.suggested = review.indicator = figures["indicators"].most_common(1)[0][0]
            review.confidence = round(figures["confidence"], 3)
            review.unit = figures["units"].most_common(1)[0][0] if figures["units"] else stated or match.unit
            review.basis = figures["bases"].most_common(1)[0][0]
            review.figures = len(figures["cells"])
            review.sheets = len(figures["sheets"])
            review.status = "template" if key in confirmed else "auto"
            best = next((c for c in match.candidates if c.code == review.suggested), None)
            review.note = best.reason if best is not None else f"按模板“{template.name}”" if template else ""
        else:
            review.unit = stated or match.unit
            if opened.get("reason") == IGNORED_NOTE or (mapping.get(key) or {}).get("ignored"):
                review.ignored, review.status, review.note = True, "ignored", IGNORED_NOTE
            else:
                if opened.get("candidates"):
                    review.candidates = [(c["code"], c["name"], c["confidence"]) for c in opened["candidates"]]
                review.note = opened.get("reason") or review.note
                if review.candidates:
                    review.suggested, review.confidence = review.candidates[0][0], review.candidates[0][2]
        decision = decisions.get(key)
        if decision is not None:
            _apply(review, decision, codes)
        out.append(review)
    return out


def _apply(review: ColumnReview, decision: dict, codes: set[str]) -> None:
    review.decided = True
    review.ignored = bool(decision.get("ignored"))
    review.indicator = None if review.ignored else decision.get("indicator") if decision.get("indicator") in codes \
        else review.indicator
    if decision.get("unit") and not review.unit_stated:
        review.unit = decision["unit"]
    review.basis_override = decision.get("basis_override")
    if review.basis_override:
        review.basis = review.basis_override
    review.status = "ignored" if review.ignored else "confirmed"
    if not review.ignored:
        review.confidence = 1.0


# ---------------------------------------------------------------- the template
def reviewed_mapping(reviews: list[ColumnReview], regions: dict[str, str] | None = None) -> dict:
    """A template mapping of the reviewed columns: mapped and ignored ones; unmapped ones stay open."""
    columns = {}
    for r in reviews:
        if r.ignored:
            columns[r.header] = None
        elif r.indicator:
            columns[r.header] = {"indicator": r.indicator, "unit": r.unit, "basis": r.basis,
                                 "basis_override": r.basis_override, "confidence": 1.0}
    return normalise_mapping({"columns": columns, "regions": dict(regions or {})})


def save_reviewed_template(project, import_id: int, plan: Plan, matcher: IndicatorMatcher | None = None,
                           name: str | None = None, regions: dict[str, str] | None = None) -> Template:
    """Save the reviewed mapping of an import as its department's confirmed template for that layout.

    Parameters
    ----------
    regions : dict, optional
        ``{label: code}`` of the region labels settled for this workbook, kept in the
        template so a colleague importing it gets them too.

    Returns
    -------
    Template
        It replaces the department's template of the same layout (an automatic one included).
    """
    row = _import_row(project, import_id)
    data = json.loads(row["layout"] or "{}")
    layout = data.get("layout")
    if not layout:
        raise ReviewError(f"“{row['name']}”导入时没有记录表式，无法保存为模板，请重新导入该文件")
    reviews = review_import(project, import_id, plan, matcher)
    mapping = reviewed_mapping(reviews, regions)
    annotated = dict(layout)
    annotated["columns"] = [{**c, "indicator": (mapping["columns"].get(c["key"]) or {}).get("indicator")}
                            for c in layout.get("columns", [])]
    if name is None:
        since = ""
        if row["period"]:
            year, month = row["period"].split("-")
            since = f"，{year}年{int(month)}月起"
        name = f"{row['department'] or '未知部门'}（已确认{since}）"
    return save_template(project, row["department"], [], mapping, name, origin="confirmed", layout=annotated)


# ---------------------------------------------------------------- region labels
def not_region_labels(project) -> list[str]:
    """Labels the user said name no region."""
    return list(project.get_setting(NOT_REGION_SETTING, []))


def region_label_choice(project, label: str) -> str | None:
    """What the user chose for a label: a region code, :data:`NOT_A_REGION`, or None (undecided)."""
    code = project.aliases().get(label)
    if code is not None:
        return code
    return NOT_A_REGION if label in not_region_labels(project) else None


def set_region_label(project, label: str, choice: str | None) -> str | None:
    """Remember what a region label means; returns the previous choice (for undo).

    Parameters
    ----------
    label : str
        As written in the workbook.
    choice : str or None
        A region code (stored as a project alias), :data:`NOT_A_REGION`, or None to
        forget the choice.
    """
    with project.transaction():
        previous = region_label_choice(project, label)
        labels = [x for x in not_region_labels(project) if x != label]
        if choice == NOT_A_REGION:
            labels.append(label)
        if previous is not None and previous != NOT_A_REGION and choice != previous:
            project.remove_alias(label)
        if choice not in (None, NOT_A_REGION):
            project.add_alias(label, choice)
        project.set_setting(NOT_REGION_SETTING, labels)
    return previous
