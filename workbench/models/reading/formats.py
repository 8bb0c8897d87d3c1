"""Telling the real format of a file from its bytes, never from its extension.

Departmental reports arrive renamed (an .xlsx saved as .xls, a WPS .et that is an .xls
inside, a CSV called .xls by a web system), so the extension is only used to decide
whether to add a note that it lies.
"""

from __future__ import annotations

import re
import zipfile

from workbench.models.reading.cfb import OLE2_MAGIC, CompoundFile
from workbench.models.reading.package import normalise

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # the second: an empty archive
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_ELEMENT_START = re.compile(rb"<[A-Za-z_][\w:.-]*[\s>/]")

# Extensions a user may legitimately give each real format, so no note is added for them.
_EXPECTED = {
    "xlsx": {".xlsx", ".xlsm", ".xltx", ".xltm", ".et"},
    "xlsm": {".xlsx", ".xlsm", ".xltx", ".xltm", ".et"},
    "xlsb": {".xlsb"},
    "xls": {".xls", ".xlt", ".et", ".ett"},
    "ods": {".ods", ".ots"},
    "csv": {".csv", ".txt", ".tsv", ".tab", ".dat", ""},
}


def sniff(head: bytes) -> str:
    """The container kind of a file from its first bytes.

    Parameters
    ----------
    head
        The first few kilobytes of the file (at least 8 bytes unless the file is shorter).

    Returns
    -------
    str
        ``"zip"``, ``"ole2"``, ``"biff-old"`` (Excel 2.x-4.0 without a container),
        ``"html"``, ``"xml"`` (an XML Spreadsheet 2003 or other XML), ``"text"`` or
        ``"binary"``.
    """
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    # A raw BIFF2-4 stream starts with its BOF record: 09 00 / 09 02 / 09 04, length 4-8.
    if len(head) >= 4 and head[0] == 0x09 and head[1] in (0x00, 0x02, 0x04) and head[3] == 0 and 4 <= head[2] <= 16:
        return "biff-old"
    text = _strip_bom(head).lstrip(b" \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")) or (
        text.startswith(b"<") and b"<table" in text[:8192]
    ):
        return "html"
    if text.startswith(b"<?xml") or _ELEMENT_START.match(text):
        return "xml"  # e.g. an Excel 2003 "XML Spreadsheet"; a CSV may well start "<5万元,"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 text (Excel's "Unicode text") carries NUL bytes, so decide first
    if b"\x00" in head:
        return "binary"
    return "text"


def _strip_bom(head: bytes) -> bytes:
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
            return head[2:2 + 4096].decode(codec, "ignore").encode("utf-8", "ignore")
        except LookupError:  # pragma: no cover - codecs always present
            return head
    return head


def zip_format(archive: zipfile.ZipFile) -> str | None:
    """The spreadsheet format inside a zip package, or None if it holds none.

    Returns
    -------
    str or None
        ``"xlsx"``, ``"xlsm"`` (macro-enabled workbook part or a VBA project; the macros
        are never run, only the cells are read), ``"xlsb"`` or ``"ods"``.
    """
    names = {normalise(info.filename): info for info in archive.infolist()}
    mimetype = names.get("mimetype")
    if mimetype is not None and mimetype.file_size <= 1024:
        if archive.read(mimetype).strip() == ODS_MIMETYPE:
            return "ods"
    # The workbook part is normally xl/workbook.xml, but packages written by other tools
    # put it elsewhere (even at the root); calamine follows _rels/.rels, so any will do.
    if any(name.endswith("workbook.bin") for name in names):
        return "xlsb"
    if any(name.endswith("workbook.xml") for name in names):
        types = names.get("[content_types].xml")
        if any(name.endswith("vbaproject.bin") for name in names):
            return "xlsm"
        if types is not None and types.file_size <= 1024 * 1024 and b"macroEnabled" in archive.read(types):
            return "xlsm"
        return "xlsx"
    if mimetype is None and "content.xml" in names and "meta-inf/manifest.xml" in names:
        return "ods"  # an ODS whose mimetype member was lost; calamine only needs content.xml
    return None


def ole_format(container: CompoundFile) -> str | None:
    """The spreadsheet format inside an OLE2 container, or None if it holds none.

    Returns
    -------
    str or None
        ``"encrypted"`` for a password-protected OOXML package (an ``EncryptedPackage``
        stream), ``"xls"`` for a BIFF workbook (``Workbook`` or the BIFF5 ``Book``).
    """
    if container.has_stream("EncryptedPackage"):
        return "encrypted"
    if container.has_stream("Workbook") or container.has_stream("Book"):
        return "xls"
    return None


def workbook_stream_name(container: CompoundFile) -> str:
    """``Workbook`` (BIFF8) if present, else ``Book`` (BIFF5)."""
    return "Workbook" if container.has_stream("Workbook") else "Book"


def extension_matches(real_format: str, suffix: str) -> bool:
    """Whether ``suffix`` (lower-case, with the dot) is a normal extension for ``real_format``."""
    return suffix.lower() in _EXPECTED.get(real_format, {f".{real_format}"})
