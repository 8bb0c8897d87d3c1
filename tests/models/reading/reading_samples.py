"""Sample workbooks for the reading tests, written the way departments' tools write them.

Every builder writes one small county report (a merged title, a merged two-row header,
numbers, a #DIV/0! and a blank) whose table starts at C3, so the same expectations
hold for every format: the title sits at rows[2][2], never at rows[0][0].
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
PROBE = Path(__file__).resolve().with_name("corpus_probe.py")

TITLE = "2019年1-9月各县（市、区）小微企业情况表"
COUNTIES = [("南湖区", 1234.5, 12), ("秀洲区", 987.0, 0), ("嘉善县", 456.25, 7)]
# 0-based (row, col) of what every sample holds.
TITLE_AT = (2, 2)
FIRST_COUNTY_AT = (5, 2)
ERROR_AT = (6, 4)  # 秀洲区's growth: 987 / 0
MERGED_TITLE = (2, 2, 2, 5)  # C3:F3
MERGED_HEADER = (3, 2, 4, 2)  # C4:C5, the 地区 header spanning the two header rows


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_xlsx(path: Path) -> Path:
    """The report with openpyxl, as Excel would save it (error stored as t="e")."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表1"
    sheet["C3"] = TITLE
    sheet.merge_cells("C3:F3")
    sheet["C4"], sheet["D4"] = "地区", "本年累计"
    sheet.merge_cells("C4:C5")
    sheet.merge_cells("D4:F4")
    sheet["D5"], sheet["E5"], sheet["F5"] = "营业收入（万元）", "同比增长（%）", "填报日期"
    for offset, (county, income, growth) in enumerate(COUNTIES):
        row = 6 + offset
        sheet.cell(row, 3, county)
        sheet.cell(row, 4, income)
        sheet.cell(row, 5, growth if growth else "#DIV/0!")  # openpyxl stores it as an error
        sheet.cell(row, 6, dt.datetime(2019, 10, 8))
    sheet["C10"] = "注：本表数据为初步统计。"
    book.create_sheet("空表")
    book.save(path)
    return path


def write_xls(path: Path) -> Path:
    """The report with xlwt, a BIFF8 writer like the one WPS and old systems use."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    sheet.write_merge(2, 2, 2, 5, TITLE)
    sheet.write_merge(3, 4, 2, 2, "地区")
    sheet.write_merge(3, 3, 3, 5, "本年累计")
    for col, text in zip((3, 4, 5), ("营业收入（万元）", "同比增长（%）", "填报日期")):
        sheet.write(4, col, text)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for offset, (county, income, growth) in enumerate(COUNTIES):
        row = 5 + offset
        sheet.write(row, 2, county)
        sheet.write(row, 3, income)
        if growth:
            sheet.write(row, 4, growth)
        else:
            sheet.row(row).set_cell_error(4, "#DIV/0!")
        sheet.write(row, 5, dt.date(2019, 10, 8), date_style)
    sheet.write(9, 2, "注：本表数据为初步统计。")
    book.add_sheet("空表")
    book.save(str(path))
    return path


def write_ods(path: Path) -> Path:
    """The report as LibreOffice saves it: spans for merges, an error cell that stores 0."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    def cell(value=None, **kw):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            node = TableCell(valuetype="float", value=value, **kw)
        elif value is None:
            node = TableCell(**kw)
        else:
            node = TableCell(valuetype="string", **kw)
        if value is not None:
            node.addElement(P(text=str(value)))
        return node

    def row(*cells):
        node = TableRow()
        for item in cells:
            node.addElement(item)
        return node

    doc = OpenDocumentSpreadsheet()
    table = Table(name="表1")
    table.addElement(row(TableCell()))
    table.addElement(row(TableCell()))
    table.addElement(row(cell(), cell(), cell(TITLE, numbercolumnsspanned=4), CoveredTableCell(), CoveredTableCell(), CoveredTableCell()))
    table.addElement(row(cell(), cell(), cell("地区", numberrowsspanned=2), cell("本年累计", numbercolumnsspanned=3), CoveredTableCell(), CoveredTableCell()))
    table.addElement(row(cell(), cell(), CoveredTableCell(), cell("营业收入（万元）"), cell("同比增长（%）"), cell("填报日期")))
    for county, income, growth in COUNTIES:
        marker = cell(growth) if growth else cell("ERROR-MARKER")
        table.addElement(row(cell(), cell(), cell(county), cell(income), marker, cell("2019-10-08")))
    table.addElement(row(TableCell()))
    table.addElement(row(cell(), cell(), cell("注：本表数据为初步统计。")))
    doc.spreadsheet.addElement(table)
    doc.spreadsheet.addElement(Table(name="空表"))
    doc.save(str(path))
    # odfpy cannot write LibreOffice's error cells; patch the marker into one.
    error = (
        'table:formula="of:=[.D7]/0" office:value-type="float" office:value="0" '
        'calcext:value-type="error"><text:p>#DIV/0!</text:p>'
    )
    return rewrite_member(
        path,
        "content.xml",
        lambda xml: xml.replace(
            b'office:value-type="string"><text:p>ERROR-MARKER</text:p>', error.encode()
        ).replace(
            b"<office:document-content ",
            b'<office:document-content xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" ',
            1,
        ),
    )


def rewrite_member(path: Path, member: str, change) -> Path:
    """Rewrite one member of a zip package in place (test files only)."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in items:
            target.writestr(info, change(data) if info.filename == member else data)
    return path


def minimal_xlsx(path: Path, sheet_xml: bytes | str, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """An xlsx package of one sheet whose XML (inside <sheetData>, or whole) is given."""
    if isinstance(sheet_xml, str):
        sheet_xml = sheet_xml.encode()
    if not sheet_xml.lstrip().startswith(b"<?xml") and b"<worksheet" not in sheet_xml:
        sheet_xml = (
            b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + sheet_xml + b"</sheetData></worksheet>"
        )
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", compression) as package:
        for name, text in parts.items():
            package.writestr(name, text)
        package.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def column_rows_xml(rows: int) -> bytes:
    """Sheet data of ``rows`` rows with a number in column A."""
    return b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, rows + 1))


def probe(paths: list[Path], seconds: int = 10, memory_mb: int = 1536, timeout: float | None = None) -> tuple[list[dict], subprocess.CompletedProcess]:
    """Read ``paths`` in a child process (see corpus_probe.py); its records and the process."""
    done = subprocess.run(
        [sys.executable, str(PROBE), str(seconds), str(memory_mb)],
        input="".join(f"{p}\n" for p in paths),
        capture_output=True,
        text=True,
        timeout=timeout or seconds * len(paths) + 60,
    )
    records = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return records, done
