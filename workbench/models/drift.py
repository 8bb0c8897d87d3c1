"""What changed between two layouts of one department's workbook (版式变化).

:func:`compute_drift` compares the layout a template was confirmed on with the layout
of a new workbook (both from :func:`workbench.models.fingerprints.describe_layout`)
and lists the changes a reviewer must see before the figures count:

``column_added`` / ``column_removed``
    an entry of the indicator axis (a column, or a row of a transposed table) that
    only one of the two has;
``column_renamed``
    a removed and an added entry that are the same column under a new name: their
    texts are similar, or both map to the same indicator;
``column_moved``
    an entry whose place among the others changed (a column inserted before it does
    not move it: order is compared, not the index);
``unit_changed``
    the unit a header states, or a table's unit line (``header`` is "单位行");
``sheet_added`` / ``sheet_removed`` / ``sheet_renamed``, ``title_changed``.

Every change is a dict ``{kind, sheet, header, old, new, message}`` with a Chinese
``message``, ready for JSON.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from workbench.models.reading.workbook import cell_address

KINDS = {
    "column_added": "新增列", "column_removed": "删除列", "column_renamed": "列改名", "column_moved": "列位置变化",
    "unit_changed": "单位变化", "sheet_added": "新增工作表", "sheet_removed": "删除工作表",
    "sheet_renamed": "工作表改名", "title_changed": "标题变化",
}  # fmt: skip
RENAME_SIMILARITY = 0.5


def _change(kind: str, message: str, sheet: str = "", header: str = "", old=None, new=None) -> dict:
    return {"kind": kind, "sheet": sheet, "header": header, "old": old, "new": new, "message": message}


def _where(column: dict) -> str:
    if column.get("index") is None:
        return ""
    if column["axis"] == "row":
        return f"第{column['index'] + 1}行"
    return f"{cell_address(0, column['index'])[:-1]}列"


def _name(column: dict) -> str:
    return column.get("header") or column["key"]


def _pairs(old: list[str], new: list[str]):
    """Removed and added names paired in order: (old, new) renamed, then the rest alone."""
    removed = [x for x in old if x not in new]
    added = [x for x in new if x not in old]
    return list(zip(removed, added)), removed[len(added):], added[len(removed):]


def _lcs(a: list, b: list) -> set:
    """The items of the longest common subsequence of two lists of distinct items."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    keep, i, j = set(), 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            keep.add(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return keep


def _similarity(a: dict, b: dict) -> float:
    if a.get("indicator") and a.get("indicator") == b.get("indicator"):
        return 2.0  # the same indicator under another name: surely the same column
    return SequenceMatcher(None, a["key"], b["key"]).ratio()


def compute_drift(old: dict, new: dict) -> list[dict]:
    """The changes from layout ``old`` (a template's) to layout ``new`` (a new workbook's).

    Parameters
    ----------
    old, new : dict
        Layouts from :func:`~workbench.models.fingerprints.describe_layout`.

    Returns
    -------
    list of dict
        Empty when nothing a reviewer needs to see changed.
    """
    changes: list[dict] = []
    renamed, removed, added = _pairs(old.get("sheets", []), new.get("sheets", []))
    for a, b in renamed:
        changes.append(_change("sheet_renamed", f"工作表改名：「{a}」→「{b}」", b, "", a, b))
    changes += [_change("sheet_removed", f"删除工作表「{a}」", a, "", a, None) for a in removed]
    changes += [_change("sheet_added", f"新增工作表「{b}」", b, "", None, b) for b in added]
    renamed, removed, added = _pairs(old.get("titles", []), new.get("titles", []))
    for a, b in [*renamed, *((a, "") for a in removed), *(("", b) for b in added)]:
        changes.append(_change("title_changed", f"标题变化：“{a or '（无）'}”→“{b or '（无）'}”", "", "标题", a, b))
    for t_old, t_new in zip(old.get("tables", []), new.get("tables", [])):
        if t_old["units"] != t_new["units"]:
            changes.append(_change("unit_changed", f"工作表「{t_new['sheet']}」单位行变化：{t_old['units'] or '（无）'}"
                                   f" → {t_new['units'] or '（无）'}", t_new["sheet"], "单位行",
                                   t_old["units"], t_new["units"]))
    changes += _column_changes(old.get("columns", []), new.get("columns", []))
    return changes


def _column_changes(old_columns: list[dict], new_columns: list[dict]) -> list[dict]:
    changes: list[dict] = []
    old_by = {(c["axis"], c["key"]): c for c in old_columns}
    new_by = {(c["axis"], c["key"]): c for c in new_columns}
    common_old = [k for k in old_by if k in new_by]
    common_new = [k for k in new_by if k in old_by]
    for k in common_new:
        a, b = old_by[k], new_by[k]
        if a["unit"] != b["unit"]:
            changes.append(_change("unit_changed", f"“{_name(b)}”的单位变化：{a['unit'] or '（未注明）'} → "
                                   f"{b['unit'] or '（未注明）'}", b.get("sheet", ""), _name(b), a["unit"], b["unit"]))
    in_order = _lcs(common_old, common_new)
    for k in common_new:
        if k not in in_order:
            a, b = old_by[k], new_by[k]
            changes.append(_change("column_moved", f"“{_name(b)}”位置变化：{_where(a)} → {_where(b)}",
                                   b.get("sheet", ""), _name(b), _where(a), _where(b)))
    gone = [old_by[k] for k in old_by if k not in new_by]
    fresh = [new_by[k] for k in new_by if k not in old_by]
    candidates = sorted(
        ((_similarity(a, b), i, j) for i, a in enumerate(gone) for j, b in enumerate(fresh) if a["axis"] == b["axis"]),
        key=lambda x: (-x[0], x[1], x[2]))
    used_old, used_new = set(), set()
    for score, i, j in candidates:
        if score < RENAME_SIMILARITY or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        a, b = gone[i], fresh[j]
        message = f"列改名：“{_name(a)}”→“{_name(b)}”"
        if a["unit"] != b["unit"]:
            message += f"（单位 {a['unit'] or '未注明'} → {b['unit'] or '未注明'}）"
        changes.append(_change("column_renamed", message, b.get("sheet", ""), _name(b), _name(a), _name(b)))
    for i, a in enumerate(gone):
        if i not in used_old:
            changes.append(_change("column_removed", f"删除列“{_name(a)}”（原{_where(a)}）", a.get("sheet", ""),
                                   _name(a), _name(a), None))
    for j, b in enumerate(fresh):
        if j not in used_new:
            changes.append(_change("column_added", f"新增列“{_name(b)}”（{_where(b)}）", b.get("sheet", ""),
                                   _name(b), None, _name(b)))
    return changes


def drift_summary(changes: list[dict]) -> str:
    """One Chinese line: "版式变化 3 处：新增列 1、列改名 2"."""
    if not changes:
        return "版式未变化"
    counts: dict[str, int] = {}
    for c in changes:
        counts[c["kind"]] = counts.get(c["kind"], 0) + 1
    return f"版式变化 {len(changes)} 处：" + "、".join(f"{KINDS.get(k, k)} {n}" for k, n in counts.items())
