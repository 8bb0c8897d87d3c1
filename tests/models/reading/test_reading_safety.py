"""Hostile, broken, busy and huge files end in a clear ReadError, never a crash or a hang.

The allocation bombs are read in a child process (``reading_samples.probe``): without
the size checks calamine aborts the whole process, and a test run must survive to say so.
"""

from __future__ import annotations

import os
import random
import struct
import zipfile
from pathlib import Path

import pytest

from reading_samples import (
    column_rows_xml,
    minimal_xlsx,
    probe,
    sha256,
    write_ods,
    write_xls,
    write_xlsx,
)
from workbench.models.reading import (
    DamagedFile,
    Limits,
    ReadCancelled,
    ReadError,
    read_workbook,
)
from workbench.models.reading import excel, reader


def _refusal(path: Path, **limits) -> str:
    with pytest.raises(ReadError) as caught:
        read_workbook(path, Limits(**limits) if limits else None)
    assert path.name in str(caught.value), "every message names the file"
    return str(caught.value)


# -- bombs -------------------------------------------------------------------------------
def test_zip_bomb_is_refused_from_the_directory(tmp_path):
    # 60 MB of one repeated cell compresses about 1000:1.
    cell = b'<row r="1"><c r="A1"><v>1</v></c></row>'
    path = minimal_xlsx(tmp_path / "bomb.xlsx", cell * (60 * 1024 * 1024 // len(cell)))
    assert path.stat().st_size < 1024 * 1024
    assert "压缩炸弹" in _refusal(path)


def test_member_declaring_more_than_the_limit_is_refused(tmp_path):
    path = minimal_xlsx(tmp_path / "declares.xlsx", column_rows_xml(10), zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    # Claim 3 GB uncompressed for the sheet in the central directory.
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/worksheets/sheet1.xml"))
    struct.pack_into("<I", data, entry + 24, 3 * 1024**3)
    path.write_bytes(bytes(data))
    assert "压缩炸弹" in _refusal(path)


def test_xml_entity_declarations_are_refused(tmp_path):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    assert "DOCTYPE/ENTITY" in _refusal(minimal_xlsx(tmp_path / "laughs.xlsx", laughs))


def _allocation_bombs(tmp_path: Path) -> dict[str, Path]:
    """Small files that describe billions of cells (each would abort calamine)."""
    import xlwt

    bombs = {
        "corners.xlsx": minimal_xlsx(
            tmp_path / "corners.xlsx",
            '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
        ),
        "far-row.xlsx": minimal_xlsx(
            tmp_path / "far-row.xlsx",
            '<row r="1"><c r="A1"><v>1</v></c></row><row r="999999999"><c r="Z999999999"><v>2</v></c></row>',
        ),
        "no-refs.xlsx": minimal_xlsx(
            tmp_path / "no-refs.xlsx",
            '<row r="1"><c><v>1</v></c></row><row r="300000000"><c><v>2</v></c></row>',
        ),
    }
    book = xlwt.Workbook()
    for name in ("一", "二"):  # 65536 x 256 each: 33 million cells together
        sheet = book.add_sheet(name)
        sheet.write(0, 0, 1)
        sheet.write(65535, 255, 2)
    book.save(str(tmp_path / "corners.xls"))
    bombs["corners.xls"] = tmp_path / "corners.xls"
    # One forged DIMENSIONS record (first row after last row): calamine reserves
    # four billion rows for it before reading a single cell.
    small = xlwt.Workbook()
    small.add_sheet("S").write(0, 0, 1)
    small.save(str(tmp_path / "dimensions.xls"))
    data = bytearray((tmp_path / "dimensions.xls").read_bytes())
    record = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes
    struct.pack_into("<IIHH", data, record + 4, 97, 10, 0, 4)
    (tmp_path / "dimensions.xls").write_bytes(bytes(data))
    bombs["dimensions.xls"] = tmp_path / "dimensions.xls"
    ods = write_ods(tmp_path / "repeat.ods")
    repeated = (
        b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        b'table:number-columns-repeated="1000" office:value-type="float" office:value="1">'
        b"<text:p>1</text:p></table:table-cell></table:table-row></table:table>"
    )
    from reading_samples import rewrite_member

    rewrite_member(ods, "content.xml", lambda xml: xml.replace(b"</table:table>", repeated, 1))
    bombs["repeat.ods"] = ods
    return bombs


def test_allocation_bombs_are_refused_before_calamine_allocates(tmp_path):
    bombs = _allocation_bombs(tmp_path)
    records, done = probe(list(bombs.values()), memory_mb=1536)
    assert done.returncode == 0, f"the reading process died: {done.stderr[-2000:]}"
    by_name = {Path(r["path"]).name: r for r in records if "path" in r}
    assert set(by_name) == set(bombs)
    for name, record in by_name.items():
        assert record["outcome"] == "refused", (name, record)
        assert record["kind"] == "limit", (name, record["message"])
        assert "单元格总数超过上限" in record["message"]


def _mutants(tmp_path: Path, count: int) -> list[Path]:
    """Copies of each sample with a few bytes changed, as a damaged disk or a fuzzer would."""
    rng = random.Random(20191008)
    sources = [write_xlsx(tmp_path / "s.xlsx"), write_xls(tmp_path / "s.xls"), write_ods(tmp_path / "s.ods")]
    stored = tmp_path / "stored.xlsx"  # uncompressed, so changes land in the XML itself
    with zipfile.ZipFile(sources[0]) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    sources.append(stored)
    mutants = []
    for source in sources:
        data = source.read_bytes()
        for index in range(count):
            changed = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                changed[rng.randrange(len(changed))] = rng.choice([0, 0xFF, rng.randrange(256), ord(rng.choice('9<>"/='))])
            mutant = tmp_path / f"m{index}-{source.name}"
            mutant.write_bytes(bytes(changed))
            mutants.append(mutant)
    return mutants


def test_damaged_copies_never_crash_the_reader(tmp_path):
    mutants = _mutants(tmp_path, 150)
    records, done = probe(mutants, timeout=600)
    assert done.returncode == 0, f"the reading process died: {done.stderr[-2000:]}"
    results = [r for r in records if "path" in r]
    assert len(results) == len(mutants)
    crashes = [f"{r['path']}: {r['error']}" for r in results if r["outcome"] == "crash"]
    assert not crashes, "\n".join(crashes)


def test_cell_limit_names_the_sheet_and_can_be_raised(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx")
    assert "工作表「表1」" in _refusal(path, max_cells=20)
    assert read_workbook(path, Limits(max_cells=100)).sheets[0].value(2, 2)


@pytest.mark.slow
def test_a_million_row_sheet_reads_or_is_refused_by_the_limit(tmp_path):
    path = minimal_xlsx(tmp_path / "million.xlsx", column_rows_xml(1_000_000))
    sheet = read_workbook(path).sheets[0]
    assert sheet.height == 1_000_000 and sheet.rows[-1] == [1_000_000]
    assert "单元格总数超过上限" in _refusal(path, max_cells=999_999)


def test_file_size_limit(tmp_path):
    assert "超过上限" in _refusal(write_xlsx(tmp_path / "r.xlsx"), max_file_bytes=1000)


# -- broken files ------------------------------------------------------------------------
def test_empty_file(tmp_path):
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    assert _refusal(path) == "文件「空.xlsx」为空（0 字节），没有可读取的内容"


@pytest.mark.parametrize("writer", [write_xlsx, write_xls, write_ods], ids=["xlsx", "xls", "ods"])
def test_truncated_files_are_damaged(tmp_path, writer):
    path = writer(tmp_path / f"whole.{writer.__name__[6:]}")
    cut = tmp_path / f"cut{path.suffix}"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(DamagedFile, match="已损坏或不是受支持的表格格式："):
        read_workbook(cut)


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_refused(tmp_path, seed):
    path = tmp_path / f"noise{seed}.xlsx"
    path.write_bytes(random.Random(seed).randbytes(4096))
    with pytest.raises(ReadError):
        read_workbook(path)


@pytest.mark.parametrize("magic", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"], ids=["zip", "ole2"])
def test_right_magic_then_garbage_is_damaged(tmp_path, magic):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(magic + random.Random(1).randbytes(3000))
    with pytest.raises(DamagedFile):
        read_workbook(path)


def test_word_document_is_not_a_workbook(tmp_path):
    path = tmp_path / "通知.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    assert "没有工作簿" in _refusal(path)


def test_excel_2_to_4_files_are_unsupported_with_advice(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\x09\x04\x06\x00\x00\x00\x10\x00" + bytes(100))
    assert "Excel 2.x–4.0 的旧格式" in _refusal(path)


def test_unexpected_calamine_failures_become_read_errors(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "r.xlsx")

    class PanicException(BaseException):  # how pyo3 reports a Rust panic
        pass

    for failure in (PanicException("index out of bounds"), RuntimeError("boom"), OSError("I/O")):
        def broken(*_args, failure=failure, **_kwargs):
            raise failure

        monkeypatch.setattr(excel.CalamineWorkbook, "from_path", broken)
        with pytest.raises(DamagedFile, match="r.xlsx"):
            read_workbook(path)


# -- busy files --------------------------------------------------------------------------
def test_permission_denied_means_busy(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "r.xlsx")

    def denied(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reader, "open", denied, raising=False)
    assert "正被其他程序占用或仍在写入，请关闭后再试" in _refusal(path)


def test_owner_lock_file_itself_is_refused(tmp_path):
    lock = tmp_path / "~$报表.xlsx"
    lock.write_bytes(b"\x0bAdministrator" + bytes(150))
    assert "占用" in _refusal(lock)


def test_open_in_excel_reads_with_a_note(tmp_path):
    path = write_xlsx(tmp_path / "报表.xlsx")
    (tmp_path / "~$报表.xlsx").write_bytes(b"\x0bAdministrator" + bytes(150))
    book = read_workbook(path)
    assert any("正在 Excel/WPS 中打开" in note for note in book.notes)


def test_half_saved_file_beside_a_lock_file_is_busy_not_damaged(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx")
    path = tmp_path / "报表.xlsx"
    path.write_bytes(whole.read_bytes()[:2000])
    (tmp_path / "~$报表.xlsx").write_bytes(bytes(162))
    message = _refusal(path)
    assert "正被其他程序占用或仍在写入" in message and "已损坏" not in message


def test_file_growing_while_read_is_busy(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx")

    def another_program_appends():
        with open(path, "ab") as handle:  # the test plays the other program
            handle.write(b"\0")
        return False

    with pytest.raises(ReadError, match="正被其他程序占用或仍在写入"):
        read_workbook(path, should_stop=another_program_appends)


def test_file_cut_short_while_read_is_busy_not_damaged(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx")
    whole = path.read_bytes()

    def another_program_rewrites():
        path.write_bytes(whole[: len(whole) // 3])  # WPS truncates, then writes anew
        return False

    with pytest.raises(ReadError) as caught:
        read_workbook(path, should_stop=another_program_rewrites)
    assert "正被其他程序占用或仍在写入" in str(caught.value)


# -- cancel and time ---------------------------------------------------------------------
def test_cancel_between_sheets(tmp_path):
    path = write_xls(tmp_path / "r.xls")
    calls = []

    def stop_after_first_sheet():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ReadCancelled, match="已取消读取"):
        read_workbook(path, should_stop=stop_after_first_sheet)


def test_time_limit(tmp_path):
    assert "超过 0 秒" in _refusal(write_xlsx(tmp_path / "r.xlsx"), max_seconds=0)


# -- the promise: sources untouched --------------------------------------------------------
def test_sources_are_never_modified(tmp_path):
    paths = [write_xlsx(tmp_path / "a.xlsx"), write_xls(tmp_path / "b.xls"), write_ods(tmp_path / "c.ods")]
    (tmp_path / "d.csv").write_bytes("地区,值\n南湖区,1\n".encode("gbk"))
    paths.append(tmp_path / "d.csv")
    for path in paths:
        os.chmod(path, 0o444)  # a read-only source must be readable as it is
        before = (sha256(path), path.stat().st_mtime_ns)
        read_workbook(path)
        assert (sha256(path), path.stat().st_mtime_ns) == before
