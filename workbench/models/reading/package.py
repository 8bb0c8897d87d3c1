"""Checks on a zip package (xlsx, xlsm, xlsb, ods) before any parser decompresses it.

The zip central directory declares every member's compressed and uncompressed size, so
zip bombs are refused from the directory alone; calamine's zip reader stops with an
error if a member inflates past its declared size, which is what makes the declared
sizes trustworthy. XML members are also refused when their prolog declares a DOCTYPE
or ENTITY: spreadsheets never need one, and that is where billion-laughs and external
entity attacks live.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from workbench.models.reading.limits import Budget
from workbench.models.reading.messages import bomb, xml_declarations

_PROLOG_BYTES = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# The first element start: "<" followed by a name character (not "?", "!" or "/").
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_\x80-\xff]")
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_package(archive: zipfile.ZipFile, path: Path, budget: Budget) -> None:
    """Refuse a package whose directory or XML prologs look hostile.

    Parameters
    ----------
    archive
        The open package.
    path
        The file, named in the refusal.
    budget
        The limits and the cancel/timeout check.

    Raises
    ------
    ReadError
        For too many members, a total or a member too big once inflated, a member with
        an implausible compression ratio, or a DOCTYPE/ENTITY declaration.
    """
    limits = budget.limits
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        raise bomb(path, f"压缩包内有 {len(members):,} 个文件，上限 {limits.max_zip_members:,}")
    total = 0
    for info in members:
        total += info.file_size
        if total > limits.max_uncompressed_bytes:
            raise bomb(path, f"解压后超过 {limits.max_uncompressed_bytes / 2**20:.0f} MB")
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise bomb(path, f"{info.filename} 压缩比 {ratio:.0f}:1，上限 {limits.max_compression_ratio:.0f}:1")
    for info in members:
        if info.filename.lower().endswith(_XML_SUFFIXES) and info.file_size > 0:
            budget.check()
            if _declares_dtd(archive, info):
                raise xml_declarations(path, info.filename)


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the prolog (everything before the first element) declares a DOCTYPE/ENTITY."""
    with archive.open(info) as member:
        head = member.read(_PROLOG_BYTES)
    head = _as_utf8(head)
    first = _FIRST_ELEMENT.search(head)
    prolog = head if first is None else head[: first.start()]
    return _DECLARATION.search(prolog) is not None


def _as_utf8(head: bytes) -> bytes:
    # XML parts may be UTF-16 (rare, but legal); look at them as text so "<!DOCTYPE" matches.
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, "ignore").encode("utf-8")
    return head


def member_index(archive: zipfile.ZipFile) -> dict[str, str]:
    """Normalised member name -> real member name.

    OOXML part names are case-insensitive, and some Windows tools write members with
    backslashes (``xl\\workbook.xml``); calamine accepts both, so lookups here do too.
    """
    index: dict[str, str] = {}
    for info in archive.infolist():
        index.setdefault(normalise(info.filename), info.filename)
    return index


def normalise(name: str) -> str:
    """A member name in lower case with forward slashes and no leading slash."""
    return name.replace("\\", "/").lower().lstrip("/")
