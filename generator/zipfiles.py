"""Reproducible zip archives: fixed timestamps and permissions, entries in a stable order."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

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


def pieces_zip(entries: list[tuple[str, list[Piece]]]) -> bytes:
    """A zip of members given as deflated pieces, in the given order, with the fixed
    timestamp and permissions of stable_zip (readable by zipfile, unzip, Excel, LibreOffice)."""
    dos_time, dos_date = 0, (ZIP_EPOCH[0] - 1980) << 9 | ZIP_EPOCH[1] << 5 | ZIP_EPOCH[2]
    out, central = io.BytesIO(), []
    for name, pieces in entries:
        crc, size = 0, 0
        for _, pcrc, plen in pieces:
            crc, size = crc32_combine(crc, pcrc, plen), size + plen
        data = b"".join(p for p, _, _ in pieces) + _FINAL_BLOCK
        fname = name.encode("utf-8")
        offset = out.tell()
        head = struct.pack("<HHHHHIIIHH", 20, 0x800, 8, dos_time, dos_date, crc, len(data), size, len(fname), 0)
        out.write(b"PK\x03\x04" + head + fname)
        out.write(data)
        central.append(b"PK\x01\x02" + struct.pack("<H", 0x0314) + head + struct.pack(
            "<HHHII", 0, 0, 0, 0o100644 << 16, offset) + fname)
    start = out.tell()
    for c in central:
        out.write(c)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(central), len(central),
                                          out.tell() - start, start, 0))
    return out.getvalue()
