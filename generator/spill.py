"""Bytes a build needs again later, kept on disk instead of in memory.

The whole-portal downloads are concatenations of every decree's pieces (CSV bodies, JSON
items, deflated CSV and sheet rows: export.table_parts). Held in memory they grow with the
country; `Spill` appends each piece to one file as the decree is exported and hands back a
`Spilled` reference (offset and length) that reads it when the whole-portal file is
written. `bytes(ref)` gives the data and `len(ref)` its length without reading it, as for
bytes, so writers take either (zipfiles.pieces_zip_chunks, export._write_parts).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


class Spilled:
    """Bytes stored in a Spill: read on demand."""

    __slots__ = ("_spill", "_offset", "_length")

    def __init__(self, spill: Spill, offset: int, length: int):
        self._spill, self._offset, self._length = spill, offset, length

    def __len__(self) -> int:
        return self._length

    def __bytes__(self) -> bytes:
        return self._spill.read(self._offset, self._length)


class Stored:
    """Bytes at an offset of a file that is never written in place (a build cache entry):
    read on demand, as Spilled."""

    __slots__ = ("_path", "_offset", "_length")

    def __init__(self, path: str, offset: int, length: int):
        self._path, self._offset, self._length = path, offset, length

    def __len__(self) -> int:
        return self._length

    def __bytes__(self) -> bytes:
        if not self._length:
            return b""
        fd = os.open(self._path, os.O_RDONLY)
        try:
            return _pread(fd, self._offset, self._length, self._path)
        finally:
            os.close(fd)


def _pread(fd: int, offset: int, length: int, path: str) -> bytes:
    chunks = []
    while length:
        chunk = os.pread(fd, length, offset)
        if not chunk:
            raise OSError(f"{path}: {length} bytes missing at offset {offset}")
        chunks.append(chunk)
        offset, length = offset + len(chunk), length - len(chunk)
    return b"".join(chunks)


class Spill:
    """An append-only file of byte strings in `folder` (deleted by close())."""

    def __init__(self, folder: Path | None = None):
        fd, self.path = tempfile.mkstemp(prefix=".kt-spill-", dir=folder)
        self._fd: int | None = fd
        self._end = 0

    def put(self, data: bytes) -> Spilled | bytes:
        """Store data; an empty string stays b'' (nothing to read back)."""
        if not data:
            return b""
        fd = self._open()
        view, at = memoryview(data), self._end
        while view:
            n = os.pwrite(fd, view, at)
            view, at = view[n:], at + n
        ref = Spilled(self, self._end, len(data))
        self._end = at
        return ref

    def read(self, offset: int, length: int) -> bytes:
        return _pread(self._open(), offset, length, self.path)

    def _open(self) -> int:
        if self._fd is None:
            raise ValueError("the spill file is closed")
        return self._fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            os.unlink(self.path)

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
