"""The region table and the resolver of region labels."""

import csv
from pathlib import Path

import pytest

from workbench.models.regions import RegionResolver, load_regions, normalise_label

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "regions" / "modood" / "areas.csv"
COUNTIES = {
    "330402": "南湖区", "330411": "秀洲区", "330421": "嘉善县", "330424": "海盐县",
    "330481": "海宁市", "330482": "平湖市", "330483": "桐乡市",
}


@pytest.fixture(scope="module")
def resolver():
    return RegionResolver(load_regions())


def test_the_city_and_its_seven_counties_with_gb_codes():
    table = load_regions()
    assert (table.city.code, table.city.name) == ("330400", "嘉兴市")
    assert {r.code: r.name for r in table.counties} == COUNTIES
    assert {r.short_name for r in table.counties} == {"南湖", "秀洲", "嘉善", "海盐", "海宁", "平湖", "桐乡"}


def test_codes_and_names_agree_with_the_national_division_codes():
    if not REFERENCE.exists():
        pytest.skip(f"reference table not found at {REFERENCE}")
    with REFERENCE.open(encoding="utf-8") as handle:
        reference = {row["code"]: row["name"] for row in csv.DictReader(handle) if row["cityCode"] == "3304"}
    assert reference == {r.code: r.name for r in load_regions().counties}


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("南湖区", "330402"), ("南湖", "330402"), ("嘉兴市南湖区", "330402"), ("浙江省海宁市", "330481"),
        ("南 湖 区", "330402"), ("海\u3000宁", "330481"), ("ＮＡ南湖", None), ("海寧市", "330481"),
        ("桐鄉市", "330483"), ("海鹽縣", "330424"), ("嘉善县：", "330421"), ("1.秀洲区", "330411"),
        ("经开区", "jx_etdz"), ("国际商务区", "jx_etdz"), ("嘉兴经济技术开发区", "jx_etdz"),
        ("港区", "jx_port"), ("嘉兴港区", "jx_port"), ("嘉兴高新区", "jx_hitech"),
        ("全市", "330400"), ("合计", "330400"), ("总计", "330400"), ("嘉兴市", "330400"), ("合　计", "330400"),
    ],
)
def test_labels_as_departments_write_them(resolver, label, code):
    assert resolver.resolve(label).code == code


@pytest.mark.parametrize("label", ["上海市", "杭州市余杭区", "市本级", "其他", "", "   ", None, "南湖区外", "湖"])
def test_an_unknown_label_stays_unknown(resolver, label):
    result = resolver.resolve(label)
    assert result.code is None and not result.known


def test_totals_are_flagged(resolver):
    assert resolver.resolve("全 市").is_total
    assert not resolver.resolve("南湖区").is_total


def test_remembered_aliases_extend_the_resolver():
    resolver = RegionResolver(load_regions(), aliases={"南湖新区": "330402"})
    assert resolver.resolve("南湖新区").code == "330402"
    with pytest.raises(KeyError):
        RegionResolver(load_regions(), aliases={"某地": "999999"})


def test_normalise_label_folds_width_space_and_script():
    assert normalise_label("  嘉興市　南湖區 ") == "嘉兴市南湖区"
    assert normalise_label("（一）海宁市") == "海宁市"
