"""The Chinese messages a read can end with, built in one place so they stay consistent.

Every message names the file (and the sheet when one is at fault) because the user
usually imports a whole folder of reports at once and must know which one to fix.
"""

from __future__ import annotations

from pathlib import Path

from workbench.models.reading.workbook import ReadError


class ReadCancelled(ReadError):
    """The user cancelled the read (``should_stop`` returned True); not a fault of the file."""


class DamagedFile(ReadError):
    """The bytes are not a readable table: truncated, corrupt, or some other format."""


def _where(path: Path, sheet: str | None) -> str:
    return f"文件「{path.name}」" if sheet is None else f"文件「{path.name}」的工作表「{sheet}」"


def _size(n: float) -> str:
    if n < 1024:
        return f"{n:.0f} 字节"
    for unit in ("KB", "MB"):
        n /= 1024
        if n < 1024:
            return f"{n:.1f} {unit}"
    return f"{n / 1024:.1f} GB"


def empty(path: Path) -> ReadError:
    """The file has no bytes at all."""
    return ReadError(f"{_where(path, None)}为空（0 字节），没有可读取的内容", path)


def missing(path: Path) -> ReadError:
    """The file is gone (moved or deleted since it was chosen)."""
    return ReadError(f"找不到{_where(path, None)}，可能已被移动或删除", path)


def encrypted(path: Path) -> ReadError:
    """The file is password-protected; only the user can remove the password."""
    return ReadError(f"{_where(path, None)}已加密，请在 Excel/WPS 中取消密码后再导入", path)


def occupied(path: Path, detail: str = "") -> ReadError:
    """Another program holds the file or is still writing it."""
    extra = f"（{detail}）" if detail else ""
    return ReadError(f"{_where(path, None)}正被其他程序占用或仍在写入，请关闭后再试{extra}", path)


def corrupt(path: Path, reason: str, sheet: str | None = None) -> DamagedFile:
    """The bytes are not a readable table; ``reason`` (often calamine's own) says why."""
    reason = " ".join(str(reason).split())[:300] or "未知原因"
    return DamagedFile(f"{_where(path, sheet)}已损坏或不是受支持的表格格式：{reason}", path, sheet)


def unsupported(path: Path, what: str) -> ReadError:
    """A known format this reader does not take; ``what`` says which and what to do."""
    return ReadError(f"{_where(path, None)}{what}", path)


def too_big(path: Path, size: int, limit: int) -> ReadError:
    """The file is larger than ``Limits.max_file_bytes``."""
    return ReadError(
        f"{_where(path, None)}大小为 {_size(size)}，超过上限 {_size(limit)}；"
        "如确需导入，请在设置中提高“文件大小上限”",
        path,
    )


def bomb(path: Path, detail: str) -> ReadError:
    """A zip package that would inflate beyond the limits."""
    return ReadError(
        f"{_where(path, None)}解压后的内容异常庞大（{detail}），可能是恶意构造的压缩炸弹，已拒绝读取；"
        "如确属正常文件，可在设置中提高解压上限",
        path,
    )


def xml_declarations(path: Path, member: str) -> ReadError:
    """An XML part declares a DOCTYPE or entities."""
    return ReadError(
        f"{_where(path, None)}的内部文件 {member} 含有 DOCTYPE/ENTITY 声明（正常表格不会有，"
        "可能是 XML 炸弹），已拒绝读取",
        path,
    )


def too_many_cells(path: Path, sheet: str, rows: int, cols: int, limit: int) -> ReadError:
    """A sheet (with those before it) exceeds ``Limits.max_cells``."""
    return ReadError(
        f"{_where(path, sheet)}有 {rows:,} 行 × {cols:,} 列，单元格总数超过上限 {limit:,}；"
        "如确需导入，请在设置中提高“单元格数上限”，或删除表格中远处的零散内容后再试",
        path,
        sheet,
    )


def too_slow(path: Path, seconds: float, sheet: str | None = None) -> ReadError:
    """The read took longer than ``Limits.max_seconds``."""
    return ReadError(
        f"读取{_where(path, sheet)}超过 {seconds:.0f} 秒，已停止；如确需导入，请在设置中提高“读取时限”",
        path,
        sheet,
    )


def cancelled(path: Path, sheet: str | None = None) -> ReadCancelled:
    """The user cancelled through ``should_stop``."""
    return ReadCancelled(f"已取消读取{_where(path, sheet)}", path, sheet)


def out_of_memory(path: Path, sheet: str | None = None) -> ReadError:
    """Python ran out of memory while building the sheets."""
    return ReadError(f"读取{_where(path, sheet)}时内存不足，文件可能过大", path, sheet)


def undecodable(path: Path) -> ReadError:
    """A text file in neither UTF-8/UTF-16 nor GBK/GB18030."""
    return ReadError(
        f"无法识别{_where(path, None)}的文字编码（既不是 UTF-8，也不是 GBK/GB18030），"
        "请在 Excel/WPS 中另存为 .xlsx 或 UTF-8 编码的 CSV 后再导入",
        path,
    )


def extension_note(suffix: str, real_format: str) -> str:
    """The note added when the extension does not match the real format."""
    return f"扩展名为 {suffix or '（无）'}，实际为 {real_format} 格式"
