"""``workbench report`` on the demo project, run as a user runs it: a package that opens and agrees
with ``workbench assess``, and a project file left as it was."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import openpyxl
import pptx
import pytest

from workbench.cli import main
from workbench.models.regions import load_regions


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def overview_counties(xlsx: Path) -> dict[str, dict]:
    """The county rows of the 总览 sheet as a user reads them: name → rank, total, grade."""
    sheet = openpyxl.load_workbook(xlsx, data_only=True)["总览"]
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_row = next(i for i, row in enumerate(cells) if "县（市、区）" in row)
    header = cells[header_row]
    name_col, rank_col = header.index("县（市、区）"), header.index("排名")
    total_col, grade_col = header.index("总得分"), header.index("等级")
    names = {r.name for r in load_regions().regions}
    return {row[name_col]: {"rank": row[rank_col], "total_score": row[total_col], "grade": row[grade_col]}
            for row in cells[header_row + 1:] if row[name_col] in names}


def test_report_writes_a_package_that_opens_and_agrees_with_assess(demo_project_file, tmp_path, capsys):
    before = file_hash(demo_project_file)
    status = main(["report", str(demo_project_file), "--period", "2019-09", "--out", str(tmp_path),
                   "--issuer", "嘉兴市小微企业成长计划领导小组办公室"])
    printed = capsys.readouterr()
    assert status == 0, printed.err
    folder = tmp_path / "2019年9月考核材料"
    assert str(folder) in printed.out
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert entry["path"] in printed.out  # one line per file
        assert (folder / entry["path"]).is_file()
    kinds = {entry["kind"] for entry in manifest["files"]}
    assert kinds == {"docx", "xlsx", "pptx", "chart"}

    document = docx.Document(str(folder / "考核通报（2019年9月）.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "嘉兴市小微企业成长计划领导小组办公室" in text
    slides = pptx.Presentation(str(folder / "推进会幻灯片（2019年9月）.pptx"))
    assert len(slides.slides) >= 3
    assert any(entry["path"].endswith(".png") for entry in manifest["files"])

    assert main(["assess", str(demo_project_file), "--period", "2019-09", "--json"]) == 0
    assessed = json.loads(capsys.readouterr().out)["counties"]
    table = overview_counties(folder / "考核情况表（2019年9月）.xlsx")
    assert set(table) == {c["region_name"] for c in assessed}
    for county in assessed:
        row = table[county["region_name"]]
        assert row["rank"] == county["rank"]
        assert row["total_score"] == pytest.approx(county["total_score"])
        assert row["grade"] == county["grade"]
    assert file_hash(demo_project_file) == before


def test_counties_by_name_or_code_and_only_the_outputs_asked(demo_project_file, tmp_path, capsys):
    status = main(["report", str(demo_project_file), "--period", "2019-09", "--out", str(tmp_path),
                   "--counties", "海宁市,330402，平湖", "--outputs", "xlsx", "--quiet"])
    printed = capsys.readouterr()
    assert status == 0, printed.err
    folder = tmp_path / "2019年9月考核材料"
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["manifest.json", "考核情况表（2019年9月）.xlsx"]
    assert set(overview_counties(folder / written[1])) == {"海宁市", "南湖区", "平湖市"}


def test_a_second_report_goes_into_a_new_folder(demo_project_file, tmp_path, capsys):
    args = ["report", str(demo_project_file), "--period", "2019-09", "--out", str(tmp_path), "--outputs", "xlsx"]
    assert main(args) == 0
    first = file_hash(tmp_path / "2019年9月考核材料" / "manifest.json")
    assert main(args) == 0
    printed = capsys.readouterr()
    assert str(tmp_path / "2019年9月考核材料（2）") in printed.out
    assert file_hash(tmp_path / "2019年9月考核材料" / "manifest.json") == first


@pytest.mark.parametrize("args, words", [
    (["--counties", "海宁市,乌镇区"], "乌镇区"),
    (["--counties", "嘉兴市"], "全市"),
    (["--outputs", "docx,html"], "输出内容"),
    (["--indicators", "no_such_indicator"], "no_such_indicator"),
])
def test_a_bad_choice_exits_2_with_a_chinese_message_and_writes_nothing(demo_project_file, tmp_path, capsys,
                                                                        args, words):
    out = tmp_path / "out"
    status = main(["report", str(demo_project_file), "--period", "2019-09", "--out", str(out), *args])
    printed = capsys.readouterr()
    assert status == 2
    assert printed.err.startswith("错误：") and words in printed.err
    assert "Traceback" not in printed.err
    assert not out.exists()
