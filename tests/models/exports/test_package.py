"""The report package: every file in a new folder, listed with its digest; nothing half-written."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from workbench.models.charts.report_charts import report_charts
from workbench.models.errors import WorkbenchError
from workbench.models.exports import tables_xlsx
from workbench.models.exports.package import (
    PackageCancelled,
    PackageError,
    package_folder_name,
    write_package,
)
from workbench.models.importing import finish


def with_options(context, **changes):
    """The same context asking for other outputs (the assessment is not recomputed)."""
    return dataclasses.replace(context, options=dataclasses.replace(context.options, **changes))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def everything_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.fixture(scope="module")
def full_package(demo_context, tmp_path_factory):
    """Every output, the charts as PNG and SVG, written once for the tests that only read it."""
    context = with_options(demo_context, outputs=("docx", "xlsx", "pptx", "charts", "index"), chart_formats=("png", "svg"))
    out = tmp_path_factory.mktemp("package")
    steps = []
    generator = write_package(context, out)
    while True:
        try:
            steps.append(next(generator))
        except StopIteration as stop:
            return context, out, stop.value, steps


def test_folder_is_named_after_the_month(demo_context):
    assert package_folder_name(demo_context) == "2019年9月考核材料"


def test_every_file_is_written_and_listed_with_its_digest(full_package):
    context, out, result, _ = full_package
    assert result.folder == out / "2019年9月考核材料"
    assert [p.name for p in out.iterdir()] == [result.folder.name]  # no temporary folder left beside it
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    expected = {"考核通报（2019年9月）.docx": "docx", "考核情况表（2019年9月）.xlsx": "xlsx",
                "推进会幻灯片（2019年9月）.pptx": "pptx"}
    for chart in report_charts(context):
        for fmt in ("png", "svg"):
            expected[f"图表/{chart.name}.{fmt}"] = "chart"
    assert {path: entry["kind"] for path, entry in listed.items()} == expected
    on_disk = {p for p in everything_under(result.folder) if (result.folder / p).is_file()}
    assert on_disk == set(expected) | {"manifest.json"}
    for path, entry in listed.items():
        file = result.folder / path
        assert entry["bytes"] == file.stat().st_size > 0
        assert entry["sha256"] == sha256(file)
        assert entry["title"]
    assert manifest["files"] == result.files


def test_manifest_names_the_project_state_and_period(full_package):
    context, _, result, _ = full_package
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    assert manifest["project_state"]["digest"] == context.state["digest"]
    assert manifest["period"] == context.at == "2019-09"
    assert manifest["options"]["outputs"] == ["docx", "xlsx", "pptx", "charts", "index"]
    assert manifest["index_error"] is None


def test_progress_counts_up_to_the_total_in_chinese(full_package):
    _, _, result, steps = full_package
    dones = [done for done, _, _ in steps]
    totals = {total for _, total, _ in steps}
    assert dones == sorted(dones) and len(totals) == 1
    assert dones[-1] == totals.pop()
    assert any("考核通报" in message for _, _, message in steps)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in message) for _, _, message in steps)


def test_only_the_outputs_asked_for_are_written(demo_context, tmp_path):
    first_key = demo_context.key_indicator_codes[0]
    context = with_options(demo_context, outputs=("xlsx", "charts"), chart_formats=("svg",),
                           counties=("330481", "330402"), key_indicators=(first_key,))
    result = finish(write_package(context, tmp_path))
    files = everything_under(result.folder)
    assert "考核情况表（2019年9月）.xlsx" in files
    assert not any(name.endswith((".docx", ".pptx", ".png", ".pdf")) for name in files)
    charts = {name for name in files if name.startswith("图表/")}
    assert charts == {f"图表/{chart.name}.svg" for chart in report_charts(context)}
    assert any(name.endswith("county-330481.svg") for name in charts)  # the choices reach the charts
    assert any(name.endswith(f"-{first_key}.svg") for name in charts)
    assert not any("330421" in name for name in charts)
    assert {entry["kind"] for entry in result.files} == {"xlsx", "chart"}


def test_an_existing_folder_is_never_overwritten(demo_context, tmp_path):
    context = with_options(demo_context, outputs=("xlsx",))
    old = tmp_path / "2019年9月考核材料"
    old.mkdir()
    (old / "考核情况表（2019年9月）.xlsx").write_bytes(b"the user's own file")
    second = finish(write_package(context, tmp_path))
    third = finish(write_package(context, tmp_path))
    assert second.folder == tmp_path / "2019年9月考核材料（2）"
    assert third.folder == tmp_path / "2019年9月考核材料（3）"
    assert everything_under(old) == {"考核情况表（2019年9月）.xlsx"}
    assert (old / "考核情况表（2019年9月）.xlsx").read_bytes() == b"the user's own file"
    assert (second.folder / "考核情况表（2019年9月）.xlsx").read_bytes()[:2] == b"PK"


def test_cancel_after_the_first_file_leaves_no_folder(demo_context, tmp_path):
    context = with_options(demo_context, outputs=("docx", "xlsx", "pptx", "charts"))
    out = tmp_path / "材料"  # made by the package, so it must go again too
    seen = []

    def should_stop():
        seen.append(everything_under(tmp_path))
        return len(seen) > 1  # the first check comes before the first file, the second after it

    with pytest.raises(PackageCancelled) as caught:
        finish(write_package(context, out, should_stop=should_stop))
    assert any(name.endswith("考核通报（2019年9月）.docx") for name in seen[1])  # a file had been written
    assert isinstance(caught.value, WorkbenchError) and "取消" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_cancel_between_charts_leaves_no_folder(demo_context, tmp_path):
    context = with_options(demo_context, outputs=("charts",))
    assert len(report_charts(context)) >= 2
    checks = []

    def should_stop():
        checks.append(1)
        return len(checks) == 2  # after the first chart

    with pytest.raises(PackageCancelled):
        finish(write_package(context, tmp_path, should_stop=should_stop))
    assert list(tmp_path.iterdir()) == []


def test_closing_the_generator_early_removes_what_it_wrote(demo_context, tmp_path):
    context = with_options(demo_context, outputs=("xlsx", "charts"))
    generator = write_package(context, tmp_path)
    next(generator)
    next(generator)  # the tables are written now
    assert any(name.endswith(".xlsx") for name in everything_under(tmp_path))
    generator.close()
    assert list(tmp_path.iterdir()) == []


def test_a_failing_writer_leaves_nothing_and_says_which_file(demo_context, tmp_path, monkeypatch):
    def half_written(context, path):
        Path(path).write_bytes(b"PK half")
        raise ValueError("disk full")

    monkeypatch.setattr(tables_xlsx, "write_tables", half_written)
    context = with_options(demo_context, outputs=("docx", "xlsx", "pptx"))
    (tmp_path / "别的文件.txt").write_text("keep")
    with pytest.raises(PackageError) as caught:
        finish(write_package(context, tmp_path))
    message = str(caught.value)
    assert isinstance(caught.value, WorkbenchError)
    assert "考核情况表（2019年9月）.xlsx" in message and "出错" in message
    assert everything_under(tmp_path) == {"别的文件.txt"}


def test_an_output_folder_that_is_a_file_is_refused_in_chinese(demo_context, tmp_path):
    blocker = tmp_path / "材料"
    blocker.write_text("not a folder")
    with pytest.raises(PackageError, match="不是文件夹"):
        finish(write_package(with_options(demo_context, outputs=("xlsx",)), blocker))
    assert blocker.read_text() == "not a folder"


def test_a_chart_that_fails_to_draw_is_named_and_nothing_is_left(demo_context, tmp_path, monkeypatch):
    from workbench.models.charts import report_charts as chart_module

    real = chart_module.report_charts

    def broken(figure=None):
        raise RuntimeError("no room for the legend")

    def with_a_broken_second_chart(context):
        charts = real(context)
        return [charts[0], dataclasses.replace(charts[1], make=broken), *charts[2:]]

    monkeypatch.setattr(chart_module, "report_charts", with_a_broken_second_chart)
    context = with_options(demo_context, outputs=("xlsx", "charts"))
    broken_name = real(context)[1].name
    with pytest.raises(PackageError) as caught:
        finish(write_package(context, tmp_path))
    assert f"图表/{broken_name}" in str(caught.value) and "出错" in str(caught.value)
    assert list(tmp_path.iterdir()) == []
