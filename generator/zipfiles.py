"""Reproducible zip archives: fixed timestamps and permissions, entries in a stable order."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def stable_zip(entries: list[tuple[str, bytes]], sort: bool = True) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (sorted(entries) if sort else entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=6)
    return buf.getvalue()


# Zip archives assembled from pieces compressed ahead of time. Each piece is a raw deflate
# stream ended by a full flush (no back-references across pieces), so pieces compressed
# separately, and cached separately, concatenate into one valid member; the whole-portal
# bundle is then rebuilt after a change by recompressing only the changed agency's piece.

Piece = tuple[bytes, int, int]  # (deflated, crc32, uncompressed length)
_FINAL_BLOCK = b"\x03\x00"  # an empty final fixed-Huffman block: ends the deflate stream


def deflate_piece(data: bytes, level: int = 6) -> Piece:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH), zlib.crc32(data), len(data)


def _gf2_times(mat: list[int], vec: int) -> int:
    s, i = 0, 0
    while vec:
        if vec & 1:
            s ^= mat[i]
        vec >>= 1
        i += 1
    return s


_ZERO_OPS: list[list[int]] = []  # k: the CRC-32 operator of appending 2**k zero bytes
_ZERO_TABLES: dict[int, list[list[int]]] = {}


def _zeros_table(k: int) -> list[list[int]]:
    """The operator for 2**k zero bytes as four 256-entry tables (one per CRC byte)."""
    if k not in _ZERO_TABLES:
        if not _ZERO_OPS:
            op = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit
            for _ in range(3):  # -> one zero byte
                op = [_gf2_times(op, op[n]) for n in range(32)]
            _ZERO_OPS.append(op)
        while len(_ZERO_OPS) <= k:
            op = _ZERO_OPS[-1]
            _ZERO_OPS.append([_gf2_times(op, op[n]) for n in range(32)])
        op = _ZERO_OPS[k]
        _ZERO_TABLES[k] = [[_gf2_times(op, b << (8 * j)) for b in range(256)] for j in range(4)]
    return _ZERO_TABLES[k]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A+B from crc(A), crc(B) and len(B), as zlib's crc32_combine."""
    k = 0
    while len2:
        if len2 & 1:
            t = _zeros_table(k)
            crc1 = t[0][crc1 & 255] ^ t[1][(crc1 >> 8) & 255] ^ t[2][(crc1 >> 16) & 255] ^ t[3][crc1 >> 24]
        len2 >>= 1
        k += 1
    return crc1 ^ crc2


# ZIP64 (APPNOTE 4.3.9, 4.4.3.2, 4.5.3): a size or an offset that does not fit in 32 bits is
# written as 0xFFFFFFFF with the real value in the ZIP64 extra field; more than 65,534
# members or a central directory beyond 4 GiB add the ZIP64 end records.
ZIP64_LIMIT = 0xFFFFFFFF
COUNT_LIMIT = 0xFFFF
DOS_TIME, DOS_DATE = 0, (ZIP_EPOCH[0] - 1980) << 9 | ZIP_EPOCH[1] << 5 | ZIP_EPOCH[2]  # MS-DOS date and time


def local_header(fname: bytes, crc: int, csize: int, usize: int, zip64: bool = False) -> bytes:
    """A member's local file header; sizes over 4 GiB (or zip64=True) in a ZIP64 extra field."""
    big = zip64 or csize >= ZIP64_LIMIT or usize >= ZIP64_LIMIT
    extra = struct.pack("<HHQQ", 1, 16, usize, csize) if big else b""
    sizes = (ZIP64_LIMIT, ZIP64_LIMIT) if big else (csize, usize)
    return b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", 45 if big else 20, 0x800, 8, DOS_TIME, DOS_DATE, crc,
                                        *sizes, len(fname), len(extra)) + fname + extra


def central_header(fname: bytes, crc: int, csize: int, usize: int, offset: int, zip64: bool = False) -> bytes:
    """A member's central directory entry; the ZIP64 extra field holds, in this order, the
    uncompressed size, the compressed size and the offset, each only when it is too large."""
    big_sizes = zip64 or csize >= ZIP64_LIMIT or usize >= ZIP64_LIMIT
    big_offset = zip64 or offset >= ZIP64_LIMIT
    values = ([usize, csize] if big_sizes else []) + ([offset] if big_offset else [])
    extra = struct.pack("<HH", 1, 8 * len(values)) + struct.pack(f"<{len(values)}Q", *values) if values else b""
    needed = 45 if values else 20
    return b"PK\x01\x02" + struct.pack(
        "<HHHHHHIIIHHHHHII", 0x0300 | needed, needed, 0x800, 8, DOS_TIME, DOS_DATE, crc,
        ZIP64_LIMIT if big_sizes else csize, ZIP64_LIMIT if big_sizes else usize, len(fname), len(extra),
        0, 0, 0, 0o100644 << 16, ZIP64_LIMIT if big_offset else offset) + fname + extra


def end_records(count: int, cd_size: int, cd_offset: int, zip64: bool = False) -> bytes:
    """The end of central directory record, preceded by the ZIP64 end record and its locator
    when the count, the directory's size or its offset does not fit (or zip64=True)."""
    big = zip64 or count >= COUNT_LIMIT or cd_size >= ZIP64_LIMIT or cd_offset >= ZIP64_LIMIT
    out = b""
    if big:
        end64_offset = cd_offset + cd_size
        out += b"PK\x06\x06" + struct.pack("<QHHIIQQQQ", 44, 0x032D, 45, 0, 0, count, count, cd_size, cd_offset)
        out += b"PK\x06\x07" + struct.pack("<IQI", 0, end64_offset, 1)
    out += b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, min(count, COUNT_LIMIT), min(count, COUNT_LIMIT),
                                        min(cd_size, ZIP64_LIMIT), min(cd_offset, ZIP64_LIMIT), 0)
    return out


def pieces_zip(entries: list[tuple[str, list[Piece]]], zip64: bool = False) -> bytes:
    """A zip of members given as deflated pieces, in the given order, with the fixed
    timestamp and permissions of stable_zip (readable by zipfile, unzip, Excel, LibreOffice).
    Members and archives over 4 GiB are written as ZIP64 (zip64=True: always, for tests)."""
    return b"".join(pieces_zip_chunks(entries, zip64))


def pieces_zip_chunks(entries: list[tuple[str, list[Piece]]], zip64: bool = False) -> Iterator[bytes]:
    """pieces_zip as a stream of chunks, one piece at a time: a piece's data may be bytes or
    anything with len() and bytes() (spill.Spilled, read from disk only when its turn comes),
    so a whole-portal archive is never held in memory."""
    central, offset = [], 0
    for name, pieces in entries:
        crc, size, csize = 0, 0, len(_FINAL_BLOCK)
        for data, pcrc, plen in pieces:
            crc, size, csize = crc32_combine(crc, pcrc, plen), size + plen, csize + len(data)
        fname = name.encode("utf-8")
        head = local_header(fname, crc, csize, size, zip64)
        yield head
        for data, _, _ in pieces:
            if len(data):
                yield bytes(data)
        yield _FINAL_BLOCK
        central.append(central_header(fname, crc, csize, size, offset, zip64))
        offset += len(head) + csize
    directory = b"".join(central)
    yield directory + end_records(len(central), len(directory), offset, zip64)
