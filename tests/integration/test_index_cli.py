"""``workbench index compute`` run as a user runs it, on COINr's ASEM example and on broken files."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

WORKBENCH = Path(sys.executable).with_name("workbench.exe" if os.name == "nt" else "workbench")
ASEM = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "composite-index"
DATA, META = ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv"
PIPELINE = ["--impute", "group-mean:EurAsia_group", "--treat", "winsor:5", "--normalise", "minmax",
            "--aggregate", "arithmetic"]
pytestmark = pytest.mark.skipif(not DATA.is_file(), reason="ASEM reference data not present")


def run(*args, home: Path):
    env = {**os.environ, "WORKBENCH_HOME": str(home)}
    return subprocess.run([str(WORKBENCH), "index", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


@pytest.fixture(scope="module")
def asem_json(tmp_path_factory):
    done = run("compute", "--data", DATA, "--meta", META, *PIPELINE, "--json", home=tmp_path_factory.mktemp("home"))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_json_has_scores_and_ranks_for_all_51_units(asem_json):
    meta = pd.read_csv(META)
    units = pd.read_csv(DATA)["uCode"].tolist()
    indicators = set(meta.loc[meta["Type"] == "Indicator", "iCode"])
    aggregates = set(meta.loc[meta["Type"] == "Aggregate", "iCode"])
    assert len(units) == 51
    assert set(asem_json["scores"]) == set(asem_json["ranks"]) == set(units)
    for unit in units:
        assert set(asem_json["scores"][unit]) == indicators | aggregates
        assert set(asem_json["ranks"][unit]) == aggregates
        assert all(isinstance(v, float) for v in asem_json["scores"][unit].values())
    for code in aggregates:
        ranks = sorted(asem_json["ranks"][u][code] for u in units)
        assert ranks[0] == 1 and all(isinstance(r, int) for r in ranks)
    assert asem_json["top"] == "Index"


def test_ranks_agree_with_scores_and_indicator_scores_are_0_to_100(asem_json):
    scores = pd.DataFrame(asem_json["scores"]).T
    ranks = pd.DataFrame(asem_json["ranks"]).T
    assert (ranks["Index"] == scores["Index"].rank(ascending=False, method="min").astype(int)).all()
    meta = pd.read_csv(META)
    indicators = meta.loc[meta["Type"] == "Indicator", "iCode"]
    assert (scores[indicators].min() == 0).all() and (scores[indicators].max().round(9) == 100).all()


def test_the_readable_table_lists_the_units_in_rank_order(asem_json, tmp_path):
    done = run("compute", "--data", DATA, "--meta", META, *PIPELINE, home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Sustainable Connectivity" in lines[0] and "51 个单位" in lines[0]
    best = min(asem_json["ranks"], key=lambda u: asem_json["ranks"][u]["Index"])
    first_row = next(line for line in lines if line.startswith("1 "))
    assert f" {best} " in first_row
    assert any(line.startswith("异常值处理：") for line in lines)


def test_a_missing_file_exits_2_with_a_chinese_message(tmp_path):
    done = run("compute", "--data", tmp_path / "none.csv", "--meta", META, "--json", home=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("错误：找不到数据文件") and "none.csv" in done.stderr
    assert done.stdout == ""


def test_text_in_an_indicator_column_exits_2_naming_line_and_column(tmp_path):
    data = pd.read_csv(DATA)
    data["LPI"] = data["LPI"].astype(object)
    data.loc[3, "LPI"] = "n.a."
    bad = tmp_path / "bad.csv"
    data.to_csv(bad, index=False)
    done = run("compute", "--data", bad, "--meta", META, home=tmp_path)
    assert done.returncode == 2
    assert "bad.csv" in done.stderr and "第 5 行" in done.stderr and "LPI 列的值“n.a.”不是数字" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["--impute", "median"], "未知的缺失值处理方法“median”"),
    (["--treat", "winsor:0"], "正整数"),
    (["--impute", "group-mean:Continent"], "没有分组列“Continent”"),
])
def test_bad_options_exit_2_in_chinese(tmp_path, args, message):
    done = run("compute", "--data", DATA, "--meta", META, *args, home=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("错误：") and message in done.stderr


def test_the_project_form_needs_a_period(tmp_path):
    done = run(tmp_path / "项目.wbproj", home=tmp_path)
    assert done.returncode == 2 and "--period" in done.stderr


def test_the_project_form_prints_the_projects_index_as_json(demo_project_file, tmp_path):
    done = run(demo_project_file, "--period", "2019", "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert isinstance(doc, dict) and doc
    text = run(demo_project_file, "--period", "2019", home=tmp_path)
    assert text.returncode == 0 and "成长指数" in text.stdout
