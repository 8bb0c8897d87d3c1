"""Reading the data and metadata CSVs: every broken table gets a Chinese message naming where."""

from pathlib import Path

import pandas as pd
import pytest

from workbench.models.index.engine import compute_index
from workbench.models.index.errors import IndexTableError
from workbench.models.index.hierarchy import clean_meta
from workbench.models.index.tables import read_index_tables

META = """iCode,iName,Type,Parent,Direction,Weight,Denominator
a,甲,Indicator,P1,1,1,pop
b,乙,Indicator,P1,-1,1,
c,丙,Indicator,P2,1,1,
P1,一,Aggregate,Index,,1,
P2,二,Aggregate,Index,,1,
Index,总,Aggregate,,,1,
grp,分组,Group,,,,
pop,人口,Denominator,,,,
"""
DATA = """uCode,uName,grp,pop,a,b,c
X1,一号,n,10,5,3,1
X2,二号,s,20,6,,2
X3,三号,s,40,9,4,3
"""


def write(tmp_path: Path, data: str = DATA, meta: str = META, encoding: str = "utf-8") -> tuple[Path, Path]:
    (tmp_path / "data.csv").write_text(data, encoding=encoding)
    (tmp_path / "meta.csv").write_text(meta, encoding=encoding)
    return tmp_path / "data.csv", tmp_path / "meta.csv"


def test_a_good_pair_reads_and_computes(tmp_path):
    data, meta = read_index_tables(*write(tmp_path))
    assert data["a"].tolist() == [5.0, 6.0, 9.0]
    result = compute_index(data, meta)
    assert result.steps["denominated"]["a"].tolist() == [0.5, 0.3, 0.225]
    assert list(result.tree.children["P1"]) == ["a", "b"]
    assert result.meta.loc[["a", "P1", "Index"], "Level"].tolist() == [1, 2, 3]
    assert result.unit_names["X2"] == "二号"


def test_gb18030_files_are_read_too(tmp_path):
    data, meta = read_index_tables(*write(tmp_path, encoding="gb18030"))
    assert clean_meta(meta)[0].at["a", "iName"] == "甲"


@pytest.mark.parametrize("data, meta, message", [
    (DATA.replace("uCode,", "code,"), META, "数据文件“data.csv”缺少 uCode 列"),
    (DATA, META.replace("a,甲,Indicator,P1", "a,甲,Indicator,P9"), "元数据文件“meta.csv”第 2 行：“a”的上级“P9”在元数据文件“meta.csv”中不存在"),
    (DATA, META.replace("P1,一,Aggregate,Index", "P1,一,Aggregate,P2").replace("P2,二,Aggregate,Index", "P2,二,Aggregate,P1"),
     "存在循环：P1 → P2 → P1"),
    (DATA, META.replace("a,甲,Indicator,P1,1,1,pop", "a,甲,Indicator,P1,1,1,area"), "分母列“area”在数据文件“data.csv”中不存在"),
    (DATA.replace("X2,二号,s,20,6,,2", "X2,二号,s,20,六,,2"), META, "数据文件“data.csv”第 3 行（uCode=X2），a 列的值“六”不是数字"),
    (DATA.replace("X3,", "X1,"), META, "第 4 行（uCode=X1）：uCode 与数据文件“data.csv”第 2 行重复"),
    (DATA, META.replace("b,乙,Indicator,P1,-1", "b,乙,Indicator,P1,2"), "第 3 行：指标“b”的方向（Direction）须为 1 或 -1"),
    (DATA, META.replace("c,丙,Indicator,P2,1,1,", "c,丙,Indicator,P2,1,-1,"), "“c”的权重（Weight）须为非负数"),
    (DATA, META.replace("a,甲,Indicator,P1", "a,甲,Indicator,b"), "“a”的上级“b”是指标"),
    (DATA, META.replace("P2,二,Aggregate,Index", "P2,二,Aggregate,"), "有多个顶层综合指数：P2、Index"),
    (DATA.replace(",c\n", ",d\n"), META, "数据文件“data.csv”缺少元数据中的指标列：c"),
    (DATA, META.replace("Indicator,P2", "Indicatr,P2"), "类型“Indicatr”无法识别"),
])
def test_broken_tables_name_the_file_row_and_column(tmp_path, data, meta, message):
    with pytest.raises(IndexTableError) as caught:
        read_index_tables(*write(tmp_path, data, meta))
    assert message in str(caught.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(IndexTableError, match="找不到数据文件.*nowhere.csv"):
        read_index_tables(tmp_path / "nowhere.csv", write(tmp_path)[1])


def test_an_aggregate_without_children_is_refused():
    meta = pd.DataFrame({"iCode": ["a", "P", "Q", "Index"], "Parent": ["P", "Index", "Index", None],
                         "Type": ["Indicator", "Aggregate", "Aggregate", "Aggregate"]})
    with pytest.raises(IndexTableError, match="综合指标“Q”没有下级指标"):
        clean_meta(meta)


def test_types_and_levels_are_inferred_when_the_table_does_not_give_them():
    meta = pd.DataFrame({"icode": ["x", "y", "z", "D", "Top"], "parent": ["D", "D", "Top", "Top", None]})
    clean, tree = clean_meta(meta)
    assert tree.indicators == ("x", "y", "z") and tree.aggregates == ("D", "Top")
    assert clean["Level"].to_dict() == {"x": 1, "y": 1, "z": 1, "D": 2, "Top": 3}
    assert clean["Weight"].eq(1.0).all() and clean.loc[["x", "y", "z"], "Direction"].eq(1.0).all()
