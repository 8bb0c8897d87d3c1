"""What calamine does not tell about a BIFF (.xls/.et) workbook stream.

python-calamine turns error cells (#DIV/0!, #N/A …) into empty strings, and it does not
recognise the XOR-obfuscated kind of password protection (it reports a bogus codepage).
So the ``Workbook`` stream is walked record by record here: the FILEPASS record marks
an encrypted file, BOOLERR and FORMULA records carry error values, and the cell records
give each sheet's real extent (calamine allocates every sheet densely and would abort
the process on a sheet whose two cells sit at opposite corners). Only record headers
are followed, never any record is executed or allocated by a length field beyond the
stream, so a hostile stream cannot do more than end the walk early.
"""

from __future__ import annotations

import struct

_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _CODEPAGE = 0x0809, 0x000A, 0x002F, 0x0085, 0x0042
_DIMENSIONS = 0x0200
_U32 = 0xFFFFFFFF
_FORMULA, _BOOLERR, _MULRK = 0x0006, 0x0205, 0x00BD
# Records that put a value in a cell (BLANK and MULBLANK are left out: calamine skips
# them, and formatted empty areas must not count). FORMULA also in its BIFF3/4 forms.
_CELL_RECORDS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6, _MULRK, 0x0206, 0x0406})
_BIFF8 = 0x0600

ERROR_CODES = {
    0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!",
    0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA",
}


class BiffStream:
    """The globals of a BIFF5/BIFF8 workbook stream and the positions of its sheets.

    Parameters
    ----------
    data
        The bytes of the ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream.
    """

    def __init__(self, data: bytes):
        self._data = data
        self.encrypted = False
        self.sheets: dict[str, int] = {}  # name -> offset of its substream
        self.offsets: list[int] = []  # every sheet substream, named or not
        version = _BIFF8
        codepage = "cp1252"
        offsets: list[tuple[int, bytes]] = []
        for typ, body, _ in self._records(0):
            if typ == _BOF and len(body) >= 2:
                version = struct.unpack_from("<H", body)[0]
            elif typ == _FILEPASS:
                self.encrypted = True
            elif typ == _CODEPAGE and len(body) >= 2:
                codepage = _codec(struct.unpack_from("<H", body)[0])
            elif typ == _BOUNDSHEET and len(body) >= 8:
                offsets.append((struct.unpack_from("<I", body)[0], body[6:]))
            elif typ == _EOF:
                break
        for offset, raw_name in offsets:
            if not 0 < offset < len(data):
                continue
            # Every substream is measured, even one whose name cannot be decoded or
            # repeats another: calamine will build them all.
            self.offsets.append(offset)
            name = _sheet_name(raw_name, version == _BIFF8, codepage)
            if name is not None:
                self.sheets.setdefault(name, offset)

    def _records(self, pos: int):
        data = self._data
        end = len(data)
        while pos + 4 <= end:
            typ, length = struct.unpack_from("<HH", data, pos)
            body_end = pos + 4 + length
            if body_end > end:
                return
            yield typ, data[pos + 4:body_end], pos
            pos = body_end

    def scan_sheet(
        self, offset: int, check=None
    ) -> tuple[tuple[int, int], dict[tuple[int, int], str], tuple[int, int]]:
        """Extent and error values of one sheet, before calamine builds it.

        Parameters
        ----------
        offset
            Where the sheet's substream starts (from :attr:`offsets` or :attr:`sheets`).
        check
            Called every 100 000 records so a long walk can be cancelled or timed out.

        Returns
        -------
        tuple
            ``((rows, cols), errors, (declared_rows, declared_cols))``: rows and columns
            from A1 to the farthest cell holding a value (what calamine will allocate,
            densely), the error values as {(row, col): '#DIV/0!'}, and the size the
            DIMENSIONS record declares, computed the way calamine computes it before
            reserving memory for it (a forged record makes that billions of cells).
        """
        errors: dict[tuple[int, int], str] = {}
        rows = cols = 0
        declared = (0, 0)
        for count, (typ, body, _) in enumerate(self._records(offset)):
            if check is not None and count % 100_000 == 99_999:
                check()
            if typ == _EOF:
                break
            if typ == _DIMENSIONS:
                size = _declared_size(body)
                declared = max(declared, size, key=lambda pair: pair[0] * pair[1])
            if typ in _CELL_RECORDS and len(body) >= 4:
                row, col = struct.unpack_from("<HH", body)
                last_col = col
                if typ == _MULRK and len(body) >= 6:
                    last_col = struct.unpack_from("<H", body, len(body) - 2)[0]
                rows, cols = max(rows, row + 1), max(cols, max(col, last_col) + 1)
            if typ == _BOOLERR and len(body) >= 8 and body[7] == 1:
                row, col = struct.unpack_from("<HH", body)
                errors[(row, col)] = ERROR_CODES.get(body[6], "#N/A")
            elif typ == _FORMULA and len(body) >= 14 and body[6] == 0x02 and body[12:14] == b"\xff\xff":
                # A cached formula result whose top two bytes are FFFF is not a number;
                # type 2 in the first byte means an error, its code in the third.
                row, col = struct.unpack_from("<HH", body)
                errors[(row, col)] = ERROR_CODES.get(body[8], "#N/A")
        return (rows, cols), errors, declared


def _declared_size(body: bytes) -> tuple[int, int]:
    """Rows and columns calamine reserves for a DIMENSIONS record (u32 arithmetic wraps)."""
    if len(body) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
    elif len(body) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body)
    else:
        return (0, 0)
    if last_row < 1 or last_col < 1:
        return (1, 1)
    rows = ((last_row - 1 - first_row) & _U32) + 1 & _U32
    cols = ((last_col - 1 - first_col) & _U32) + 1 & _U32
    return rows, cols


def _codec(codepage: int) -> str:
    if codepage in (1200, 0x04B0):
        return "utf-16-le"
    if codepage in (0x8000, 10000):
        return "mac_roman"
    try:
        "".encode(f"cp{codepage}")
    except LookupError:
        return "cp1252"
    return f"cp{codepage}"


def _sheet_name(raw: bytes, biff8: bool, codepage: str) -> str | None:
    if not raw:
        return None
    count = raw[0]
    try:
        if biff8:
            flags = raw[1] if len(raw) > 1 else 0
            if flags & 1:
                return raw[2:2 + 2 * count].decode("utf-16-le")
            return raw[2:2 + count].decode("latin-1")
        return raw[1:1 + count].decode(codepage)
    except (UnicodeDecodeError, LookupError):
        return None
