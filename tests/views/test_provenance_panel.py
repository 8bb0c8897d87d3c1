"""Provenance everywhere: the side panel and tooltip say where a figure came from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import PurePosixPath

import pytest
from PySide6.QtCore import Qt

from workbench.models.plan import load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.resources import resource
from workbench.views.observations_widget import ObservationsWidget, observations_table
from workbench.views.provenance_panel import ProvenancePanel, provenance_tooltip

PLAN = load_plan()
REGIONS = load_regions()


def _text_problem() -> dict:
    """A planted figure written as text with thousands separators (人行 2018Q2, 万元 → 亿元)."""
    manifest = json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8"))
    return next(p for p in manifest["problems"] if p["kind"] == "number_as_text" and p["value"] == "43,508.0")


def _observation(project, file: str, cell: str) -> int:
    row = project.db.execute(
        "SELECT o.id FROM observations o JOIN imports i ON i.id = o.import_id WHERE i.name = ? AND o.cell = ?",
        [file, cell]).fetchone()
    return int(row[0])


@pytest.fixture
def panel(qtbot, demo_project):
    panel = ProvenancePanel()
    qtbot.addWidget(panel)
    panel.resize(380, 560)
    panel.show()
    panel.set_project(demo_project, PLAN, RegionResolver(REGIONS))
    return panel


def test_the_panel_shows_file_sheet_cell_raw_text_and_conversion(panel, demo_project):
    problem = _text_problem()
    file = PurePosixPath(problem["file"]).name
    record = panel.show_observation(_observation(demo_project, file, problem["cell"]))
    values = {key: label.text() for key, label in panel.values.items()}
    assert values["raw_text"] == "43,508.0"
    assert values["file"] == file and values["sheet"] == problem["sheet"] and values["cell"] == problem["cell"]
    assert values["value"].startswith("4.3508 亿元") and "本年累计" in values["value"]
    assert values["conversions"] == "万元→亿元（原单位 万元）"
    assert values["region"] == "海盐县（330424）"
    assert values["indicator"].startswith("新增小微企业贷款")
    assert values["template"].startswith("人行嘉兴市中心支行")
    assert values["imported"].startswith(f"导入 #{record['import_id']}")
    assert values["history"] == "没有其他版本"
    assert "原文：43,508.0" in panel.text()
    assert panel.open_button.isVisible()


def test_the_history_names_the_figure_a_newer_workbook_replaced(panel, demo_project):
    old_id = _observation(demo_project, "市场监管局_2019年1-9月小微企业发展情况表.xlsx", "C11")
    old = demo_project.observations(id=old_id).iloc[0].to_dict()
    new_import = demo_project.add_import("市场监管局_2019年1-9月（更正）.xlsx", "/tmp/更正.xlsx", 1, "f" * 64,
                                         department="市场监管局")
    fields = ("indicator", "region", "period", "year", "first_month", "last_month", "basis", "unit", "sheet", "cell",
              "header_path", "source_unit")
    demo_project.add_observations(new_import, [{**{k: old[k] for k in fields}, "value": 13205.0,
                                                "raw_text": "13205"}])
    with demo_project.transaction():
        demo_project.db.execute("UPDATE imports SET superseded_by = ? WHERE id = ?", [new_import, old["import_id"]])
    new_id = _observation(demo_project, "市场监管局_2019年1-9月（更正）.xlsx", "C11")

    panel.show_observation(new_id)
    history = panel.values["history"].text()
    assert "[已被替换] 13,296 家" in history and f"导入 #{old['import_id']}" in history

    panel.show_observation(old_id)
    assert f"已被 #{new_import}“市场监管局_2019年1-9月（更正）.xlsx”替换" in panel.values["history"].text()
    assert "[已被替换]" in panel.values["value"].text()
    assert panel.values["raw_text"].text() == "13296"


def test_an_unknown_observation_clears_the_panel(panel):
    panel.show_observation(10**9)
    assert panel.record is None and "没有这个数值" in panel.text()
    panel.show_observation(None)
    assert not panel.open_button.isVisible()


def test_the_tooltip_names_file_sheet_cell_and_raw_text():
    text = provenance_tooltip({"file": "a.xlsx", "sheet": "表1", "cell": "B4", "merged_range": "B4:C4",
                               "raw_text": "１２３", "conversions": None, "unit": "家", "source_unit": "家",
                               "header_path": "合计 / 本年累计", "current": True})
    assert text.splitlines() == ["来源：a.xlsx", "工作表「表1」单元格 B4（合并单元格 B4:C4）", "原文：１２３",
                                 "表头：合计 / 本年累计", "换算：无"]
    assert provenance_tooltip(None) == ""


def test_the_figures_table_is_column_wise_with_names_and_a_tooltip_on_every_number(qtbot, demo_project):
    frame = observations_table(demo_project, PLAN, REGIONS)
    assert len(frame) == len(demo_project.observations(current=True))
    assert list(frame.columns[:9]) == ["地区", "指标", "期别", "口径", "数值", "单位", "文件", "工作表", "单元格"]
    assert frame["数值"].dtype == "float64"
    widget = ObservationsWidget()
    qtbot.addWidget(widget)
    widget.set_project(demo_project, PLAN, REGIONS, RegionResolver(REGIONS))
    model = widget.model
    column = model.column_number("数值")
    for row in (0, len(frame) // 2, len(frame) - 1):
        tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith(f"来源：{frame['文件'].iat[row]}")
        assert f"「{frame['工作表'].iat[row]}」单元格 {frame['单元格'].iat[row]}" in tip
    assert model.index(0, model.column_number("指标")).data(Qt.ItemDataRole.ToolTipRole) == frame["指标"].iat[0]
    widget.set_filters(indicator="new_sme", region="330402")
    assert widget.proxy.rowCount() == int(((frame["indicator_code"] == "new_sme")
                                           & (frame["region_code"] == "330402")).sum()) > 0
    assert "筛选后显示" in widget.count_label.text()


@pytest.mark.parametrize("module", ["checks_view", "provenance_panel"])
def test_the_view_runs_alone_on_the_demo_project(tmp_path, workbench_home, module):
    shot = tmp_path / f"{module}.png"
    env = {**os.environ, "WORKBENCH_HOME": str(workbench_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", f"workbench.views.{module}", "--screenshot", str(shot)],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert shot.stat().st_size > 10_000
