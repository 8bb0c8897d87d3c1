"""Charts drawn in a second process: the same files as drawn here, failures named, stops clean."""

from __future__ import annotations

import time

import pytest
from PIL import Image

from workbench.models.charts.report_charts import report_charts
from workbench.models.exports.chart_process import ChartProcess, ChartProcessError, early_process
from workbench.models.exports.context import ReportOptions


def _started(context, names, folder, formats=("png",)) -> ChartProcess:
    helper = ChartProcess()
    helper.submit(context, names, folder, formats)
    return helper


def _wait(helper: ChartProcess, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not helper.poll(timeout=0.1):
        assert time.monotonic() < deadline, "the chart process did not finish"


def test_the_child_draws_the_charts_it_is_given_at_300_dpi(demo_context, tmp_path):
    names = [c.name for c in report_charts(demo_context) if "-county-" in c.name][:2]
    helper = _started(demo_context, names, tmp_path)
    try:
        _wait(helper)
        written = helper.result()
    finally:
        helper.close()
    assert list(written) == names
    for name in names:
        [path] = written[name]
        assert path == tmp_path / f"{name}.png"
        with Image.open(path) as image:
            assert round(image.info["dpi"][0]) == 300
    assert helper.drawn == len(names)


def test_a_failure_in_the_child_comes_back_as_a_chinese_error(demo_context, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    names = [c.name for c in report_charts(demo_context)][:1]
    helper = _started(demo_context, names, blocker)
    try:
        with pytest.raises(ChartProcessError, match="画图表时出错"):
            _wait(helper)
    finally:
        helper.close()


def test_close_stops_the_child_after_its_current_chart(demo_context, tmp_path):
    names = [c.name for c in report_charts(demo_context)]
    helper = _started(demo_context, names, tmp_path)
    helper.close()  # at once: the child may finish one chart, never all of them
    assert not helper._process.is_alive()
    assert len(list(tmp_path.glob("*.png"))) < len(names)


def test_a_process_started_early_and_never_given_work_closes_cleanly():
    helper = early_process(ReportOptions("2019-09", outputs=("charts",)))
    if helper is None:
        pytest.skip("one core: no second process is started")
    helper.close()
    helper.close()  # twice is harmless
    assert not helper._process.is_alive()
    assert early_process(ReportOptions("2019-09", outputs=("docx",))) is None  # nothing to draw
