"""The demo workbooks: what someone opening resources/demo, or regenerating it, would check."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from workbench.models.demo import DEPARTMENTS, QUARTERS, generate
from workbench.models.demo.__main__ import main
from workbench.models.plan import load_plan
from workbench.models.resources import resource

PLAN = load_plan()
ASSESSED = [ind for ind in PLAN.indicators if ind.assessed and not ind.qualitative]
CSV_ENCODINGS = {"统计局": "gbk", "嘉兴银监分局": "utf-8-sig"}


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-first")
    return out, generate(out)


@pytest.fixture(scope="module")
def second(tmp_path_factory):
    """The same demo written through the command line."""
    out = tmp_path_factory.mktemp("demo-second")
    assert main([str(out)]) == 0
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def all_files(manifest: dict) -> list[dict]:
    return [*manifest["files"], manifest["targets"]]


def sheets_of(raw: bytes, entry: dict) -> dict[str, list[list]]:
    """Every sheet of a file as rows of cell values, addressed from A1."""
    if entry["format"] == "csv":
        text = raw.decode(entry["encoding"])
        return {"": [list(row) for row in csv.reader(io.StringIO(text))]}
    wb = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}


def read(folder, entry: dict) -> dict[str, list[list]]:
    return sheets_of(folder.joinpath(*entry["path"].split("/")).read_bytes(), entry)


def cell(rows: list[list], address: str):
    letters = "".join(ch for ch in address if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    row = int(address[len(letters) :])
    return rows[row - 1][col - 1]


def test_generating_twice_gives_identical_cells(first, second):
    (a, manifest), (b, again) = first, second
    assert again == manifest
    for name in ("truth.csv", "manifest.json"):
        assert (a / name).read_text(encoding="utf-8") == (b / name).read_text(encoding="utf-8")
    on_disk = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert on_disk == sorted([e["path"] for e in all_files(manifest)] + ["manifest.json", "truth.csv"])
    for entry in all_files(manifest):
        assert read(a, entry) == read(b, entry), entry["path"]


def test_bundled_demo_is_what_the_generator_writes(first):
    out, manifest = first
    bundled = resource("demo")
    assert json.loads(bundled.joinpath("manifest.json").read_text(encoding="utf-8")) == manifest
    truth = (out / "truth.csv").read_text(encoding="utf-8")
    assert bundled.joinpath("truth.csv").read_text(encoding="utf-8") == truth
    for entry in all_files(manifest):
        assert read(bundled, entry) == read(out, entry), entry["path"]

    def files(node, prefix=""):
        for child in node.iterdir():
            if child.is_dir():
                yield from files(child, f"{prefix}{child.name}/")
            else:
                yield prefix + child.name

    expected = [e["path"] for e in all_files(manifest)] + ["README.md", "manifest.json", "truth.csv"]
    assert sorted(files(bundled)) == sorted(expected), "stale or missing files in resources/demo"


def test_bundled_demo_stays_small():
    def size(node):
        return sum(size(child) for child in node.iterdir()) if node.is_dir() else len(node.read_bytes())

    assert size(resource("demo")) < 3 * 1024 * 1024


def test_every_sheet_title_says_it_is_demo_data(first):
    out, manifest = first
    for entry in all_files(manifest):
        for name, rows in read(out, entry).items():
            title = next(value for row in rows for value in row if value not in ("", None))
            assert "示例数据" in str(title), (entry["path"], name)


def test_every_quarter_has_one_file_per_department(first):
    out, manifest = first
    for quarter in QUARTERS:
        folder = out / "workbooks" / quarter.label
        names = sorted(p.name for p in folder.iterdir())
        for department, _ in DEPARTMENTS:
            assert sum(n.startswith(department + "_") for n in names) == 1, (quarter.label, department)
        folder_name = f"workbooks/{quarter.label}/"
        listed = {e["department"] for e in manifest["files"] if e["path"].startswith(folder_name)}
        assert listed == {d for d, _ in DEPARTMENTS}


def test_every_assessed_indicator_is_reported_and_decomposed(first):
    out, manifest = first
    reported = {code for entry in manifest["files"] for code in entry["indicators"]}
    assert {ind.code for ind in ASSESSED} <= reported
    (rows,) = read(out, manifest["targets"]).values()
    assert "嘉兴市小微企业三年成长计划目标任务分解表（示例数据）" == rows[0][0]
    header = rows[2] + rows[3]
    assert {"单位", "牵头部门", "全市", "南湖区", "桐乡市"} <= set(header)
    names = {row[1] for row in rows}
    for ind in ASSESSED:
        assert ind.name in names
    targets = {(t["indicator"], t["region"]) for t in manifest["targets"]["values"]}
    assert len(targets) == len(ASSESSED) * 8


def test_csv_exports_are_in_the_encoding_each_department_uses(first):
    out, manifest = first
    for entry in manifest["files"]:
        if entry["format"] != "csv":
            continue
        raw = (out / entry["path"]).read_bytes()
        assert entry["encoding"] == CSV_ENCODINGS[entry["department"]]
        if entry["encoding"] == "gbk":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
            assert "示例数据" in raw.decode("gbk")
        else:
            assert raw.startswith(b"\xef\xbb\xbf")


def test_legacy_workbooks_are_real_biff_files(first):
    out, manifest = first
    legacy = [e for e in manifest["files"] if e["format"] == "xls"]
    assert len(legacy) == len(QUARTERS)
    for entry in legacy:
        assert (out / entry["path"]).read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")


def test_truth_county_values_add_up_to_the_city(first):
    out, _ = first
    kinds = {ind.code: ind.kind for ind in PLAN.indicators}
    groups = defaultdict(dict)
    with open(out / "truth.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            key = (row["indicator"], row["year"], row["first_month"], row["last_month"], row["basis"])
            groups[key][row["region"]] = Decimal(row["value"])
            assert row["unit"] == PLAN.indicator(row["indicator"]).unit
    cumulative = [key for key in groups if kinds[key[0]] == "cumulative"]
    assert len(cumulative) > 300
    for key in cumulative:
        regions = groups[key]
        assert len(regions) >= 8, key
        units = sum(value for code, value in regions.items() if code != PLAN.city)
        assert abs(units - regions[PLAN.city]) < Decimal("0.001"), key


def test_a_perfect_reader_recovers_the_truth_after_unit_conversion(first):
    out, manifest = first
    truth = {}
    with open(out / "truth.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            key = (row["indicator"], row["region"], row["year"], row["last_month"], row["basis"])
            truth[key] = float(row["value"])
    entry = next(e for e in manifest["files"] if e["path"].startswith("workbooks/2019Q3/人行"))
    (rows,) = read(out, entry).values()
    header = rows[2]
    city = next(row for row in rows if row[0] == "全市")
    increase_wan = city[header.index("小微企业贷款比年初增加")]
    assert increase_wan / 10000 == pytest.approx(truth[("new_sme_loans", "330400", "2019", "9", "ytd")])
    entry = next(e for e in manifest["files"] if e["path"].startswith("workbooks/2018Q2/市场监管局"))
    (rows,) = read(out, entry).values()
    nanhu = next(row for row in rows if row[0] == "南 湖 区")
    assert nanhu[2] == truth[("new_sme", "330402", "2018", "6", "ytd")]


def test_every_planted_problem_is_where_the_manifest_says(first):
    out, manifest = first
    kinds = {p["kind"] for p in manifest["problems"]}
    assert {"county_sum_mismatch", "unit_slip", "missing_region", "number_as_text", "ytd_decrease",
            "sub_item_exceeds_parent", "cross_department_mismatch", "missing_value"} <= kinds  # fmt: skip
    entries = {e["path"]: e for e in manifest["files"]}
    for problem in manifest["problems"]:
        sheets = read(out, entries[problem["file"]])
        rows = sheets[problem["sheet"] or ""]
        value = cell(rows, problem["cell"])
        if isinstance(problem["value"], str):
            assert value == problem["value"], problem
        else:
            assert value == pytest.approx(problem["value"]), problem
        if "truth" in problem:
            assert problem["truth"] != problem["value"]
        if problem["kind"] == "missing_region":
            assert not any("嘉善" in str(v) for row in rows for v in row)
