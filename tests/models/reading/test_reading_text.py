"""CSV and TXT exports read as text, whatever encoding and delimiter the system chose."""

from __future__ import annotations

import pytest

from workbench.models.reading import ReadError, read_workbook
from workbench.models.reading.text import detect_delimiter

ROWS = [
    ["2019年1-9月各县（市、区）小微企业情况表"],
    ["地区", "营业收入（万元）", "同比增长（%）"],
    ["南湖区", "1,234.5", "12.3%"],
    ["秀洲区", "１２３", "—"],
    ["嘉善县", "", "#DIV/0!"],
]


def _csv(rows, delimiter=","):
    def quote(value):
        return f'"{value}"' if delimiter in value or '"' in value else value

    return "\r\n".join(delimiter.join(quote(v) for v in row) for row in rows) + "\r\n"


def _expected(rows):
    return [[value or None for value in row] for row in rows]


@pytest.mark.parametrize(
    ("name", "encoding", "prefix", "delimiter", "reported"),
    [
        ("gbk.csv", "gbk", b"", ",", "gb18030"),
        ("gb18030.csv", "gb18030", b"", ",", "gb18030"),
        ("utf8.csv", "utf-8", b"", ",", "utf-8"),
        ("utf8bom.csv", "utf-8", b"\xef\xbb\xbf", ",", "utf-8-sig"),
        ("tabs.txt", "gbk", b"", "\t", "gb18030"),
        ("unicode.txt", "utf-16-le", b"\xff\xfe", "\t", "utf-16"),  # Excel's "Unicode text"
        ("semicolon.csv", "utf-8", b"", ";", "utf-8"),
        ("pipe.txt", "utf-8", b"", "|", "utf-8"),
    ],
)
def test_encodings_and_delimiters(tmp_path, name, encoding, prefix, delimiter, reported):
    path = tmp_path / name
    path.write_bytes(prefix + _csv(ROWS, delimiter).encode(encoding))

    book = read_workbook(path)

    assert book.format == "csv"
    assert book.encoding == reported
    assert len(book.sheets) == 1 and book.sheets[0].name == path.stem
    assert book.sheets[0].rows == _expected(ROWS)  # text stays text: "1,234.5", "１２３"


def test_quoted_thousands_do_not_fool_the_delimiter():
    text = _csv([["地区", "收入"], ["南湖区", "1,234"], ["秀洲区", "2,345,678"]], "\t")
    assert detect_delimiter(text) == "\t"


def test_excel_sep_line_names_the_delimiter(tmp_path):
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\na;b,c\n1;2,5\n", encoding="utf-8")
    assert read_workbook(path).sheets[0].rows == [["a", "b,c"], ["1", "2,5"]]


def test_semicolon_file_named_csv_gets_a_note(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(_csv(ROWS, ";"), encoding="utf-8")
    assert read_workbook(path).notes == ["按分号分隔读取"]


def test_csv_saved_as_xls_by_a_web_system_is_read_with_a_note(tmp_path):
    path = tmp_path / "导出.xls"
    path.write_bytes(_csv(ROWS).encode("gbk"))
    book = read_workbook(path)
    assert book.format == "csv"
    assert book.notes == ["扩展名为 .xls，实际为 csv 格式"]


def test_undecodable_text_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"a,b\r\n\xff\xfe\xfd\xfc,1\r\n" * 3)
    with pytest.raises(ReadError, match="无法识别文件「bad.csv」的文字编码"):
        read_workbook(path)


def test_html_saved_as_xls_is_explained(tmp_path):
    path = tmp_path / "系统导出.xls"
    path.write_text("<html><body><table><tr><td>地区</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="网页（HTML）格式.*另存为 .xlsx"):
        read_workbook(path)


def test_csv_starting_with_a_less_than_sign_is_still_csv(tmp_path):
    path = tmp_path / "分组.csv"
    path.write_text("<5万元,12\n5万元以上,3\n", encoding="utf-8")
    assert read_workbook(path).sheets[0].rows == [["<5万元", "12"], ["5万元以上", "3"]]


def test_excel_2003_xml_is_explained(tmp_path):
    path = tmp_path / "xml.xls"
    path.write_text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>', "utf-8")
    with pytest.raises(ReadError, match="XML 格式"):
        read_workbook(path)


def test_oversized_field_is_a_read_error_not_a_traceback(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text('a,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(ReadError, match="huge.csv"):
        read_workbook(path)


@pytest.mark.slow
def test_a_million_rows_read(tmp_path):
    path = tmp_path / "million.csv"
    path.write_text("".join(f"{i},嘉兴,{i * 0.5}\n" for i in range(1_000_000)), encoding="utf-8")
    sheet = read_workbook(path).sheets[0]
    assert sheet.height == 1_000_000
    assert sheet.rows[-1] == ["999999", "嘉兴", "499999.5"]
