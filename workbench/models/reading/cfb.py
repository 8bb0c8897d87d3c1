"""A small, defensive reader of OLE2 compound files (the container of .xls and .et).

Only what sniffing needs: the names of the streams at the top of the container (to tell
a legacy workbook from a password-protected .xlsx, whose ``EncryptedPackage`` stream
lives in an OLE2 container) and the bytes of one stream (the BIFF ``Workbook`` stream,
scanned for the FILEPASS record and for error cells calamine drops). Every chain is
bounded and checked for loops because fuzzed files point sectors anywhere.
"""

from __future__ import annotations

import struct

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_NO_STREAM = 0xFFFFFFFF
_STREAM, _ROOT = 2, 5


class CfbError(ValueError):
    """The container is malformed; the message says how (shown to the user as the reason)."""


class CompoundFile:
    """An OLE2 compound file held in memory.

    Parameters
    ----------
    data
        The whole file.

    Raises
    ------
    CfbError
        When the header, the allocation table or the directory is malformed.
    """

    def __init__(self, data: bytes):
        if len(data) < 512 or not data.startswith(OLE2_MAGIC):
            raise CfbError("OLE 文件头无效或文件过短")
        self._data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise CfbError(f"OLE 扇区大小无效（{shift}/{mini_shift}）")
        self._size = 1 << shift
        self._sectors = max(0, (len(data) - self._size + self._size - 1) // self._size)
        first_dir = struct.unpack_from("<I", data, 48)[0]
        self._cutoff, first_minifat, _, first_difat, _ = struct.unpack_from("<IIIII", data, 56)
        self._fat = self._read_fat(first_difat)
        self._entries = self._read_directory(first_dir)
        root = self._entries[0] if self._entries else None
        if root is None or root[1] != _ROOT:
            raise CfbError("OLE 目录缺少根节点")
        # The mini stream (small streams packed in 64-byte sectors) lives in the root's chain.
        self._mini_stream = self._chain_bytes(root[2], root[3])
        self._minifat = self._table(self._chain_bytes(first_minifat, None)) if first_minifat < _END else []

    # -- allocation ---------------------------------------------------------------
    def _sector(self, index: int) -> bytes:
        if index >= self._sectors:
            raise CfbError(f"扇区 {index} 超出文件末尾")
        start = (index + 1) * self._size
        return self._data[start:start + self._size]

    @staticmethod
    def _table(raw: bytes) -> list[int]:
        count = len(raw) // 4
        return list(struct.unpack_from(f"<{count}I", raw))

    def _read_fat(self, first_difat: int) -> list[int]:
        ids = [i for i in struct.unpack_from("<109I", self._data, 76) if i < _END]
        seen: set[int] = set()
        difat = first_difat
        per_sector = self._size // 4 - 1
        while difat < _END:
            if difat in seen or len(seen) > self._sectors:
                raise CfbError("OLE 分配表链出现循环")
            seen.add(difat)
            entries = self._table(self._sector(difat))
            ids.extend(i for i in entries[:per_sector] if i < _END)
            difat = entries[per_sector]
        if len(ids) > self._sectors + 1:
            raise CfbError("OLE 分配表大小超出文件")
        return self._table(b"".join(self._sector(i) for i in ids))

    def _chain(self, start: int, table: list[int], limit: int) -> list[int]:
        chain: list[int] = []
        seen: set[int] = set()
        current = start
        while current < _END:
            if current in seen or current >= len(table) or len(chain) > limit:
                raise CfbError("OLE 扇区链损坏（越界或循环）")
            seen.add(current)
            chain.append(current)
            current = table[current]
        return chain

    def _chain_bytes(self, start: int, size: int | None) -> bytes:
        if start >= _END:
            return b""
        raw = b"".join(self._sector(i) for i in self._chain(start, self._fat, self._sectors))
        return raw if size is None else raw[:size]

    def _read_directory(self, first_dir: int) -> list[tuple[str, int, int, int, int, int, int]]:
        raw = self._chain_bytes(first_dir, None)
        entries = []
        for offset in range(0, len(raw) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", raw, offset + 64)
            left, right, child = struct.unpack_from("<III", raw, offset + 68)
            start, size = struct.unpack_from("<IQ", raw, offset + 116)
            name = raw[offset:offset + max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
            if self._size == 512:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            entries.append((name, kind, start, size, left, right, child))
        return entries

    # -- public -------------------------------------------------------------------
    def _top_level(self) -> list[int]:
        found: list[int] = []
        stack = [self._entries[0][6]]
        seen: set[int] = set()
        while stack:
            index = stack.pop()
            if index == _NO_STREAM or index in seen or index >= len(self._entries):
                continue
            seen.add(index)
            _, kind, _, _, left, right, _ = self._entries[index]
            if kind == _STREAM:
                found.append(index)
            stack.extend((left, right))
        return sorted(found)

    def top_level_streams(self) -> list[str]:
        """Names of the streams directly under the root, in directory order."""
        return [self._entries[i][0] for i in self._top_level()]

    def has_stream(self, name: str) -> bool:
        """Whether a top-level stream of this name (case-insensitive) exists."""
        return name.lower() in (n.lower() for n in self.top_level_streams())

    def read_stream(self, name: str) -> bytes:
        """The bytes of the first top-level stream called ``name`` (case-insensitive).

        Raises
        ------
        CfbError
            When there is no such stream or its chain is broken.
        """
        wanted = name.lower()
        for index in self._top_level():
            entry_name, _, start, size, *_ = self._entries[index]
            if entry_name.lower() == wanted:
                if size < self._cutoff:
                    chain = self._chain(start, self._minifat, len(self._mini_stream) // 64 + 1)
                    raw = b"".join(self._mini_stream[i * 64:(i + 1) * 64] for i in chain)
                else:
                    raw = self._chain_bytes(start, None)
                if len(raw) < size:
                    raise CfbError(f"流 {name} 被截断")
                return raw[:size]
        raise CfbError(f"没有名为 {name} 的流")
