"""What calamine does not tell about an .xlsx/.xlsm package: where each sheet lives
and which cells hold Excel errors.

python-calamine 0.9 returns error cells (#DIV/0!, #N/A …) as empty strings, which would
make a broken formula look like a blank. The sheet XML is therefore scanned for cells
with ``t="e"``: a fast byte search finds the few error cells, and only their own tags are
parsed, so a big sheet without errors costs one decompression pass.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable

from defusedxml import ElementTree as SafeET

from workbench.models.reading.extent import column_number
from workbench.models.reading.package import member_index

_CHUNK = 4 * 1024 * 1024
_ERROR_ATTR = re.compile(rb"\st\s*=\s*[\"']e[\"']")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_REF_ATTR = re.compile(rb"\sr\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})[\"']")
_CELL_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c\s*>")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>([^<]*)<")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(archive: zipfile.ZipFile, index: dict[str, str], part: str) -> dict[str, str]:
    """Relationship id -> target part name (resolved, lower-case) for ``part``."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels").lower()
    if rels_name not in index:
        return {}
    root = SafeET.fromstring(archive.read(index[rels_name]), forbid_dtd=True)
    found: dict[str, str] = {}
    for rel in root.iter():
        if _local(rel.tag) == "Relationship" and rel.get("TargetMode", "") != "External":
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id", "")] = posixpath.normpath(target).lower()
    return found


def workbook_part(archive: zipfile.ZipFile, index: dict[str, str], binary: bool) -> str:
    """The lower-case name of the workbook part (usually ``xl/workbook.xml`` or ``.bin``)."""
    for target in _relationships(archive, index, "").values():
        if target.endswith(("workbook.bin" if binary else "workbook.xml")) and target in index:
            return target
    return "xl/workbook.bin" if binary else "xl/workbook.xml"


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> real member name of its XML part, for the sheets that can be found.

    Never raises for an odd package: a sheet that cannot be located simply gets no
    error scan (calamine still reads its values).
    """
    index = member_index(archive)
    part = workbook_part(archive, index, binary=False)
    if part not in index:
        return {}
    rels = _relationships(archive, index, part)
    root = SafeET.fromstring(archive.read(index[part]), forbid_dtd=True)
    parts: dict[str, str] = {}
    for node in root.iter():
        if _local(node.tag) != "sheet":
            continue
        rel_id = next((v for k, v in node.attrib.items() if _local(k) == "id"), None)
        target = rels.get(rel_id or "")
        if target in index and node.get("name") is not None:
            parts.setdefault(node.get("name"), index[target])
    return parts


def xlsx_error_cells(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> dict[tuple[int, int], str]:
    """Error values of one sheet part, as {(row, col): '#DIV/0!'} with 0-based positions.

    Parameters
    ----------
    archive
        The open package.
    member
        The sheet's member name.
    check
        Called between chunks so a long scan can be cancelled or timed out.
    """
    found: dict[tuple[int, int], str] = {}
    tail = b""
    with archive.open(member) as stream:
        while True:
            check()
            chunk = stream.read(_CHUNK)
            buffer = tail + chunk
            keep = _scan(buffer, found, final=not chunk)
            if not chunk:
                return found
            # Keep what may be an unfinished cell, or at least the last unfinished tag.
            tail = buffer[keep:] if keep is not None else buffer[buffer.rfind(b"<"):] if b"<" in buffer else b""


def _scan(buffer: bytes, found: dict[tuple[int, int], str], final: bool) -> int | None:
    """Record the error cells complete in ``buffer``; return where an incomplete one starts."""
    for hit in _ERROR_ATTR.finditer(buffer):
        start = buffer.rfind(b"<", 0, hit.start())
        if start < 0 or not _CELL_TAG.match(buffer, start):
            continue  # t="e" inside some other tag or inside text
        tag_end = buffer.find(b">", hit.end())
        if tag_end < 0:
            return None if final else start
        tag = buffer[start:tag_end + 1]
        ref = _REF_ATTR.search(tag)
        if ref is None:
            raise _NoReference()
        if tag.endswith(b"/>"):
            continue  # an error cell with no cached value: nothing to show
        end = _CELL_END.search(buffer, tag_end)
        if end is None:
            return None if final else start
        value = _VALUE.search(buffer, tag_end, end.start())
        code = value.group(1).decode("utf-8", "replace").strip() if value else ""
        if code:
            found[(int(ref.group(2)) - 1, column_number(ref.group(1)) - 1)] = code
    return None


class _NoReference(Exception):
    """An error cell without an ``r`` attribute: positions would need a full parse."""


def safe_error_cells(archive: zipfile.ZipFile, member: str, check: Callable[[], None]) -> dict[tuple[int, int], str]:
    """:func:`xlsx_error_cells`, or nothing when the writer omitted cell references.

    Cells without ``r`` are legal but rare (some generators); without them the position
    of an error would need a full streaming parse, which is not worth it for such files.
    """
    try:
        return xlsx_error_cells(archive, member, check)
    except _NoReference:
        return {}
