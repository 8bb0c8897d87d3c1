"""The one entry point: sniff a file, refuse what is unsafe, read what is a table.

The source file is only ever opened for reading, and its size and modification time
are compared before and after so a file still being written (by WPS saving, or a copy
in progress) is reported as such instead of as damaged.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from workbench.models.reading import messages
from workbench.models.reading.biff import BiffStream
from workbench.models.reading.cfb import CfbError, CompoundFile
from workbench.models.reading.excel import read_excel
from workbench.models.reading.formats import (
    extension_matches,
    ole_format,
    sniff,
    workbook_stream_name,
    zip_format,
)
from workbench.models.reading.limits import Budget, Limits
from workbench.models.reading.package import check_package
from workbench.models.reading.text import delimiter_name, read_text
from workbench.models.reading.workbook import ReadError, Workbook

_HEAD_BYTES = 64 * 1024
_RESAVE = "请在 Excel/WPS 中打开后另存为 .xlsx 再导入"
# Windows reports a file another program holds open without sharing as these errors.
_SHARING_VIOLATIONS = {32, 33}
# What zipfile raises for a damaged member: bad CRC, broken deflate stream, a member
# encrypted with a zip password, an unsupported compression method, a cut-off stream.
_ZIP_DAMAGE = (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, ValueError)


def owner_files(path: Path) -> list[Path]:
    """Lock files that Excel, WPS or LibreOffice leave beside a workbook they have open."""
    name = path.name
    candidates = {f"~${name}", f"~${name[2:]}" if len(name) > 2 else "", f".~lock.{name}#"}
    return [path.with_name(c) for c in sorted(candidates) if c and (path.parent / c).exists()]


def read_workbook(
    path: str | os.PathLike,
    limits: Limits | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Workbook:
    """Read a departmental workbook of any supported format into raw sheets.

    Parameters
    ----------
    path
        The file: .xlsx, .xlsm, .xlsb, .xls (also WPS-saved), .et, .ods, .csv or .txt;
        the real format is sniffed from the bytes, never taken from the extension.
    limits
        Safety limits; the defaults suit real reports, a user may raise them.
    should_stop
        Polled between sheets and between steps; return True to cancel.

    Returns
    -------
    Workbook
        The sheets with raw values (``rows[0][0]`` is A1), merged ranges, the real
        format, the text encoding (CSV/TXT only) and notes for the user (for example
        an extension that does not match the content).

    Raises
    ------
    ReadError
        For every failure, with a Chinese message naming the file (and the sheet):
        empty, encrypted, damaged, locked or still being written, unsupported, over a
        limit. :class:`~workbench.models.reading.messages.ReadCancelled` (a ReadError)
        when ``should_stop`` returned True. No other exception escapes.
    """
    path = Path(path)
    budget = Budget(limits or Limits(), path, should_stop)
    if path.name.startswith("~$") or path.name.startswith(".~lock."):
        raise messages.occupied(path, "这是 Excel/WPS 打开文件时生成的临时锁文件，不是报表本身")
    locks = owner_files(path)
    before = _stat(path)
    try:
        workbook = _read(path, budget, before.st_size)
        after = _stat(path)
    except ReadError as exc:
        # A half-saved file looks damaged: if it changed meanwhile, or Excel/WPS holds a
        # lock file beside it, "still being written" is the likelier story.
        if isinstance(exc, messages.DamagedFile) and _changed(path, before):
            raise messages.occupied(path, "读取过程中文件发生了变化") from None
        if isinstance(exc, messages.DamagedFile) and locks:
            raise messages.occupied(path, f"发现锁文件 {locks[0].name}") from None
        raise
    except MemoryError:
        raise messages.out_of_memory(path) from None
    except BaseException as exc:  # noqa: BLE001 - the promise is: ReadError or a Workbook
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise messages.corrupt(path, f"{type(exc).__name__}: {exc}") from None
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise messages.occupied(path, "读取过程中文件发生了变化")
    if locks:
        workbook.notes.append(
            f"该文件似乎正在 Excel/WPS 中打开（发现锁文件 {locks[0].name}），读取的是最近一次保存的内容"
        )
    return workbook


def _changed(path: Path, before: os.stat_result) -> bool:
    try:
        after = path.stat()
    except OSError:
        return True
    return (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)


def _stat(path: Path) -> os.stat_result:
    try:
        result = path.stat()
    except FileNotFoundError:
        raise messages.missing(path) from None
    except PermissionError:
        raise messages.occupied(path, "没有读取权限或被锁定") from None
    except OSError as exc:
        raise messages.corrupt(path, f"无法访问文件（{exc.strerror or exc}）") from None
    if not path.is_file():
        raise messages.unsupported(path, "不是一个文件（可能是文件夹）")
    return result


def _open(path: Path):
    try:
        return open(path, "rb")  # read-only: the source is never modified
    except FileNotFoundError:
        raise messages.missing(path) from None
    except PermissionError:
        raise messages.occupied(path, "没有读取权限或被锁定") from None
    except OSError as exc:
        if getattr(exc, "winerror", None) in _SHARING_VIOLATIONS:
            raise messages.occupied(path) from None
        raise messages.corrupt(path, f"无法打开文件（{exc.strerror or exc}）") from None


def _read(path: Path, budget: Budget, size: int) -> Workbook:
    if size == 0:
        raise messages.empty(path)
    if size > budget.limits.max_file_bytes:
        raise messages.too_big(path, size, budget.limits.max_file_bytes)
    with _open(path) as handle:
        head = handle.read(_HEAD_BYTES)
    if not head:
        raise messages.empty(path)
    kind = sniff(head)
    if kind == "zip":
        return _read_zip(path, budget)
    if kind == "ole2":
        return _read_ole(path, budget)
    if kind == "text":
        return _read_delimited(path, budget)
    if kind == "biff-old":
        raise messages.unsupported(path, f"是 Excel 2.x–4.0 的旧格式，不受支持；{_RESAVE}")
    if kind == "html":
        raise messages.unsupported(path, f"实际是网页（HTML）格式，不是真正的表格文件；{_RESAVE}")
    if kind == "xml":
        raise messages.unsupported(path, f"实际是 XML 格式（可能是 Excel 2003 XML 表格），不受支持；{_RESAVE}")
    raise messages.corrupt(path, "无法识别的文件内容（不是 Excel、WPS、ODS 或 CSV 文件）")


def _workbook(path: Path, fmt: str, sheets, encoding: str | None = None) -> Workbook:
    notes = []
    if not extension_matches(fmt, path.suffix):
        notes.append(messages.extension_note(path.suffix, fmt))
    return Workbook(path=path, format=fmt, sheets=sheets, encoding=encoding, notes=notes)


def _read_zip(path: Path, budget: Budget) -> Workbook:
    with _open(path) as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise messages.corrupt(path, f"压缩包结构损坏（{exc}）") from None
        with archive:
            try:
                check_package(archive, path, budget)
                fmt = zip_format(archive)
            except _ZIP_DAMAGE as exc:
                raise messages.corrupt(path, f"压缩包内容损坏（{exc}）") from None
            if fmt is None:
                raise messages.corrupt(path, "压缩包中没有工作簿（可能是 Word/PowerPoint 文档或普通压缩包）")
            if fmt == "ods" and _ods_encrypted(archive):
                raise messages.encrypted(path)
            sheets = read_excel(path, fmt, budget, archive=archive)
    return _workbook(path, fmt, sheets)


def _ods_encrypted(archive: zipfile.ZipFile) -> bool:
    manifest = next((i for i in archive.infolist() if i.filename.lower() == "meta-inf/manifest.xml"), None)
    if manifest is None or manifest.file_size > 4 * 1024 * 1024:
        return False
    return b"encryption-data" in archive.read(manifest)


def _read_ole(path: Path, budget: Budget) -> Workbook:
    with _open(path) as handle:
        data = handle.read()
    try:
        container = CompoundFile(data)
    except CfbError as exc:
        raise messages.corrupt(path, f"OLE 容器损坏（{exc}）") from None
    fmt = ole_format(container)
    if fmt == "encrypted":
        raise messages.encrypted(path)
    if fmt is None:
        raise messages.corrupt(path, "OLE 文件中没有工作簿（可能是 Word/PowerPoint 文档）")
    try:
        biff = BiffStream(container.read_stream(workbook_stream_name(container)))
    except CfbError as exc:
        raise messages.corrupt(path, f"工作簿数据流损坏（{exc}）") from None
    if biff.encrypted:
        raise messages.encrypted(path)
    del data, container  # calamine reads the file itself; keep only the scanned stream
    sheets = read_excel(path, "xls", budget, biff=biff)
    return _workbook(path, "xls", sheets)


def _read_delimited(path: Path, budget: Budget) -> Workbook:
    with _open(path) as handle:
        data = handle.read()
    sheet, encoding, delimiter = read_text(path, data, budget)
    workbook = _workbook(path, "csv", [sheet], encoding)
    if delimiter != "," and path.suffix.lower() == ".csv":
        workbook.notes.append(f"按{delimiter_name(delimiter)}分隔读取")
    return workbook
